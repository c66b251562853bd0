import ArgumentParser
import Foundation
import Pipeline

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the partial results of `cipin run --shard I/N` into the outputs of one run.")

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @Argument(help: "The partial results (shard-I-of-N.json), one per shard.")
    var parts: [String]

    @Option(name: .shortAndLong, help: "Output folder (overrides the pipeline's `output`).")
    var output: String?

    @Flag(help: "Wait for a run that holds the output folder's lock instead of exiting at once.")
    var wait = false

    func validate() throws {
        if parts.isEmpty { throw ValidationError("name the shard results to merge") }
    }

    func run() throws {
        do {
            let summary = try Shards.merge(pipelineAt: pipeline, parts: parts, options: RunOptions(output: output, waitForLock: wait))
            print("\(summary.articleCount) articles; report: \(summary.reportFile.path)")
            if let html = summary.htmlFile { print("HTML: \(html.path)") }
            // As a run prints them (the report's Problems section has them all).
            for warning in summary.printedWarnings(limit: RunSummary.printedInputWarnings) {
                FileHandle.standardError.write(Data("cipin: warning: \(Logs.oneLine(warning))\n".utf8))
            }
        } catch {
            throw report(error)
        }
    }
}
