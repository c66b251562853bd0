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

    @Option(name: .shortAndLong, help: "Threads that segment articles (default: every core).")
    var jobs: Int?

    @Flag(help: "Print how long each stage took to standard error.")
    var timings = false

    @Flag(help: "Wait for another run of the pipeline to finish instead of exiting with 75 (locked).")
    var wait = false

    @Flag(help: "With history: true, read and segment every file, even unchanged ones.")
    var full = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more, got \(jobs)") }
    }

    func run() throws {
        let summary: RunSummary
        do {
            summary = try PipelineRunner.run(pipelineAt: pipeline, options: RunOptions(output: output, jobs: jobs, waitForLock: wait, full: full))
        } catch {
            throw report(error)
        }
        print("\(summary.articleCount) articles; report: \(summary.reportFile.path)")
        for file in summary.files where file != summary.reportFile { print("  \(file.path)") }
        if let html = summary.htmlFile { print("HTML: \(html.path)") }
        if summary.reusedFiles > 0 {
            print("\(summary.processedFiles) file(s) read and segmented, \(summary.reusedFiles) unchanged file(s) reused")
        }
        if timings {
            for timing in summary.timings {
                var line = "cipin: timing: \(timing.stage): \(String(format: "%.3f", timing.seconds)) s"
                if timing.stage == "segment", timing.seconds > 0 {
                    line += String(format: " (%.2f MB/s of body text)", Double(summary.segmentedBytes) / 1e6 / timing.seconds)
                }
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        }
        for warning in summary.warnings { FileHandle.standardError.write(Data("cipin: warning: \(warning)\n".utf8)) }
        if !summary.skippedFiles.isEmpty {
            for skipped in summary.skippedFiles {
                FileHandle.standardError.write(Data("cipin: skipped: \(skipped.reason)\n".utf8))
            }
            throw ExitStatus.skippedFiles
        }
    }
}
