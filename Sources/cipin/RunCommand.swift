import ArgumentParser
import Foundation
import Logging
import Pipeline

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: read the inputs, count, and write report.xml and CSV files.")

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Option(name: .shortAndLong, help: "Output folder (overrides the pipeline's `output`).")
    var output: String?

    // `.unconditional`: `--jobs -2` is a value to refuse, not a missing one followed by an option `-2`.
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Threads that segment articles (default: every core).")
    var jobs: Int?

    @Flag(help: "Print how long each stage took to standard error.")
    var timings = false

    @Flag(help: "Wait for another run of the pipeline to finish instead of exiting with 75 (locked).")
    var wait = false

    @Flag(help: "With history: true, read and segment every file, even unchanged ones.")
    var full = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning (default), error or critical.")
    var logLevel: String = "warning"

    @Option(name: .customLong("log-file"), help: "Also append the log to this file.")
    var logFile: String?

    @Flag(name: .customLong("all-warnings"),
          help: "Print every warning about input files (by default the first \(RunSummary.printedInputWarnings), then how many more; the report lists them all).")
    var allWarnings = false

    @Flag(name: .customLong("no-progress"), help: "No progress line, even on a terminal (there is none when standard error is not one).")
    var noProgress = false

    @Option(help: ArgumentHelp("Process only shard I of N of the inputs and write a partial result for `cipin merge`.", valueName: "I/N"))
    var shard: String?

    /// `--shard I/N` as numbers.
    var shardNumbers: (Int, Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let index = parts[0], let count = parts[1], count >= 1, (1...count).contains(index) else { return nil }
        return (index, count)
    }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more, got \(jobs)") }
        if Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level takes trace, debug, info, notice, warning, error or critical; got \(logLevel)")
        }
        if let shard, shardNumbers == nil { throw ValidationError("--shard takes I/N with 1 ≤ I ≤ N, e.g. 2/8; got \(shard)") }
    }

    func run() throws {
        Interruption.install()
        do { try Logs.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .warning, file: logFile) } catch { throw report(error) }
        let progress = !noProgress && isatty(STDERR_FILENO) == 1 ? ProgressMeter() : nil
        if let (index, count) = shardNumbers {
            do {
                let part = try Shards.run(pipelineAt: pipeline, shard: index, of: count, options: RunOptions(output: output, jobs: jobs))
                print("shard \(index) of \(count): \(part.path)")
            } catch {
                throw report(error)
            }
            return
        }
        let summary: RunSummary
        do {
            var options = RunOptions(output: output, jobs: jobs, waitForLock: wait, full: full, progress: progress)
            options.keepsMemoryUntilExit = true  // the process ends after the run
            summary = try PipelineRunner.run(pipelineAt: pipeline, options: options)
        } catch {
            let status = report(error)
            Logs.recordExit(status.rawValue, error: (error as? LocalizedError)?.errorDescription ?? "\(error)")
            throw status
        }
        print("\(summary.articleCount) articles; report: \(summary.reportFile.path)")
        for file in summary.files where file != summary.reportFile { print("  \(file.path)") }
        if let html = summary.htmlFile { print("HTML: \(html.path)") }
        if summary.reusedFiles > 0 || summary.scheduled {
            print("\(summary.processedFiles) file(s) read and segmented, \(summary.reusedFiles) unchanged file(s) reused"
                + (summary.unreadFiles > 0 ? " (\(summary.unreadFiles) of them not read: stamps unchanged)" : ""))
        }
        if summary.cooccurrenceCarriedOver {
            print("co-occurrence: the previous run's counts, updated with the files added and removed")
        }
        if summary.collocatesCarriedOver {
            print("collocates: the previous run's counts, updated with the files added and removed")
        }
        if timings {
            for timing in summary.timings {
                var line = "cipin: timing: \(timing.stage): \(String(format: "%.3f", timing.seconds)) s"
                var notes: [String] = []
                if timing.stage == "segment", timing.seconds > 0 {
                    notes.append(String(format: "%.2f MB/s of body text", Double(summary.segmentedBytes) / 1e6 / timing.seconds))
                }
                if let cpu = timing.cpuSeconds { notes.append(String(format: "%.3f s of CPU", cpu)) }
                if !notes.isEmpty { line += " (" + notes.joined(separator: "; ") + ")" }
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        }
        for warning in summary.printedWarnings(limit: allWarnings ? nil : RunSummary.printedInputWarnings) {
            FileHandle.standardError.write(Data("cipin: warning: \(Logs.oneLine(warning))\n".utf8))
        }
        if !summary.skippedFiles.isEmpty {
            for skipped in summary.skippedFiles {
                FileHandle.standardError.write(Data("cipin: warning: skipped \(Logs.oneLine(skipped.reason))\n".utf8))
            }
            Logs.recordExit(ExitStatus.skippedFiles.rawValue, error: "\(summary.skippedFiles.count) input file(s) skipped, listed in the report")
            throw ExitStatus.skippedFiles
        }
    }
}
