import ArgumentParser
import Foundation
import Pipeline

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare the groups of one corpus, or two corpora, and write a comparison report.",
        discussion: """
            cipin compare PIPELINE --by FIELD compares each group of a metadata field (author, region, month, year, \
            or a sidecar field) with the rest, and the two groups with each other when there are two; \
            articles without a value of the field are left out. \
            cipin compare PIPELINE_A PIPELINE_B compares the corpus of A with that of B, with A's keywords and settings. \
            cipin compare PIPELINE --runs A B compares two stored runs of a pipeline with `history: true` as \
            `git diff A B` does: the changes from run A ("then") to run B ("now"), so `--runs 1 2` gives what \
            run 2's report says against run 1.
            """)

    @Argument(help: "One pipeline file (with --by), or two.")
    var pipelines: [String]

    @Option(help: "The metadata field whose groups are compared.")
    var by: String?

    @Option(parsing: .upToNextOption, help: "Two stored runs, A B: the changes from run A to run B (see cipin history).")
    var runs: [Int] = []

    @Option(name: .customLong("runs-from"), help: "With --runs: the output folder the runs went to, if not the pipeline's (as given to `cipin run --output`).")
    var runsFrom: String?

    @Option(name: .shortAndLong, help: "Output folder.")
    var output: String?

    // `.unconditional`: `--jobs -2` is a value to refuse, not a missing one followed by an option `-2`.
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Threads that segment articles (default: every core).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more, got \(jobs)") }
        if runsFrom != nil && runs.isEmpty { throw ValidationError("--runs-from goes with --runs A B") }
        if runsFrom?.isEmpty == true { throw ValidationError("--runs-from needs the folder given to `cipin run --output`") }
        if !runs.isEmpty {
            if runs.count != 2 || pipelines.count != 1 { throw ValidationError("--runs takes two run numbers and one pipeline") }
            if runs[0] == runs[1] { throw ValidationError("--runs \(runs[0]) \(runs[1]) names one run twice; name two runs (see cipin history)") }
            if let by { throw ValidationError("--by \(by) compares the groups of one corpus; it does not go with --runs") }
        } else if let by {
            if pipelines.count != 1 { throw ValidationError("--by \(by) compares the groups of one pipeline; name exactly one") }
        } else if pipelines.count != 2 {
            throw ValidationError("name two pipelines to compare, or one with --by FIELD (its groups) or with --runs A B "
                + "(two of its stored runs)")
        }
    }

    func run() throws {
        let summary: RunSummary
        do {
            let options = RunOptions(output: output, jobs: jobs)
            if runs.count == 2 {
                summary = try Pipeline.History.compareRuns(pipelineAt: pipelines[0], runs[0], runs[1], runsFrom: runsFrom, options: options)
            } else if let by {
                summary = try CompareRunner.compareGroups(pipelineAt: pipelines[0], by: by, options: options)
            } else {
                summary = try CompareRunner.compareCorpora(pipelineAt: pipelines[0], against: pipelines[1], options: options)
            }
        } catch {
            throw report(error)
        }
        if runs.count == 2 {
            print("comparison of run \(runs[1]) (now) against run \(runs[0]) (then); report: \(summary.reportFile.path)")
        } else if let by, summary.articlesLeftOut > 0 {
            print("comparison of \(summary.articleCount - summary.articlesLeftOut) of \(summary.articleCount) articles "
                  + "(\(summary.articlesLeftOut) without a value of `\(by)` left out); report: \(summary.reportFile.path)")
        } else {
            print("comparison of \(summary.articleCount) articles; report: \(summary.reportFile.path)")
        }
        // The files written, as `cipin run` lists them.
        for file in summary.files where file != summary.reportFile && file != summary.htmlFile { print("  \(file.path)") }
        if let html = summary.htmlFile { print("HTML: \(html.path)") }
        // Every one: a comparison report has no Problems section to list those not printed.
        for warning in summary.printedWarnings(limit: nil) {
            FileHandle.standardError.write(Data("cipin: warning: \(Logs.oneLine(warning))\n".utf8))
        }
    }
}
