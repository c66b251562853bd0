import ArgumentParser
import Foundation
import Pipeline

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: read the inputs, count, and write report.xml and CSV files.")

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Option(name: .shortAndLong, help: "Output folder (overrides the pipeline's `output`).")
    var output: String?

    func run() throws {
        let summary: RunSummary
        do {
            summary = try PipelineRunner.run(pipelineAt: pipeline, options: RunOptions(output: output))
        } catch {
            throw report(error)
        }
        print("\(summary.articleCount) articles; report: \(summary.reportFile.path)")
        for file in summary.files where file != summary.reportFile { print("  \(file.path)") }
        for warning in summary.warnings { FileHandle.standardError.write(Data("cipin: warning: \(warning)\n".utf8)) }
        if !summary.skippedFiles.isEmpty {
            for skipped in summary.skippedFiles {
                FileHandle.standardError.write(Data("cipin: skipped: \(skipped.reason)\n".utf8))
            }
            throw ExitStatus.skippedFiles
        }
    }
}
