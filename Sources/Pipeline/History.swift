import Analysis
import Foundation
import Reporting

/// `cipin history` and `cipin compare --runs`: the run store of a pipeline with `history: true`.
public enum History {
    /// The runs of a pipeline, oldest first: those into its output folder (`output` overrides the
    /// pipeline's, as `cipin run --output` does).
    public static func runs(pipelineAt path: String, output: String? = nil) throws -> [StoredRun] {
        let (located, store) = try open(path, output: output)
        return try store.runs(pipeline: located.config.name, scope: located.scope)
    }

    /// The runs as text, one line each.
    public static func listing(_ runs: [StoredRun]) -> String {
        var lines = ["run  status     started                        finished                       files    read     skipped  articles  words       statistics"]
        for run in runs {
            // A succeeded run's statistics are kept unless `keep_stored_runs` dropped them; other runs have none.
            let statistics = run.status != "succeeded" ? "-" : run.statisticsDropped.map { "dropped " + $0 } ?? "kept"
            // The file counts of runs stored before schema v13 are not known.
            let files = [run.inputFiles, run.filesRead, run.filesSkipped].map { pad($0.map(String.init) ?? "-", 8) }.joined(separator: " ")
            // A run that did not succeed counted nothing: its articles and words are not known, not 0.
            let (articles, words) = run.status == "succeeded" ? (String(run.articles), String(run.tokens)) : ("-", "-")
            lines.append("\(pad(String(run.id), 4)) \(pad(run.status, 10)) \(pad(run.started, 30)) \(pad(run.finished ?? "-", 30)) \(files) \(pad(articles, 9)) \(pad(words, 11)) \(statistics)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Compares two stored runs of a pipeline as `git diff A B` reads: the changes from run
    /// `then` to run `now`, so run `now` is the target and run `then` the reference, and
    /// `compareRuns(…, 1, 2)` gives what run 2's scheduled report says against run 1 (its
    /// `run_rates.csv`). Either order is allowed; the report says which run is "then" and which "now".
    /// The runs are read from the run store of the pipeline's output folder, or of `runsFrom` (as
    /// given to `cipin run --output`), which also holds the comparison unless `options.output` is set.
    public static func compareRuns(pipelineAt path: String, _ then: Int, _ now: Int, runsFrom: String? = nil,
                                   options: RunOptions = RunOptions()) throws -> RunSummary {
        let (prepared, store) = try open(path, output: runsFrom)
        // Only the pipeline's own runs (those `cipin history` lists, with the same `-o`).
        let own = Set(try store.runs(pipeline: prepared.config.name, scope: prepared.scope).map(\.id))
        for run in [then, now] where !own.contains(run) {
            throw PipelineError.notOwnRun(store: store.path, run: run, pipeline: prepared.config.name, output: prepared.output.path)
        }
        let reference = try store.statistics(run: then)
        let target = try store.statistics(run: now)
        let config = prepared.config
        let settings = config.analysis ?? AnalysisConfig()
        let stopWords = try AnalysisRun.loadStopWords(settings.stopwords, pipelineFolder: prepared.folder)
        let filter = TermFilter(stopWords: stopWords, excludePunctuation: settings.excludePunctuation ?? true,
                                excludeNumbers: settings.excludeNumbers ?? true)
        // Keywords both runs counted, with the same words: a keyword one run did not count would
        // show a change that is none (as in a scheduled run's section). The runs' own keywords count,
        // not only those the pipeline lists now: those it no longer lists follow its own, in name order.
        let listed = AnalysisRun.keywordSpecs(config).map(\.name)
        let named = listed + Set(target.keywords.keys).union(reference.keywords.keys).subtracting(listed).sorted()
        let (keywords, _, settingsChanged) = RunComparisonSection.comparableKeywords(named.filter { target.keywords[$0] != nil }, method: target.run.method,
                                                                        pipelineHash: target.run.pipelineHash, previous: reference)
        var subtitle = "The changes from run \(then) (then) to run \(now) (now)"
            + (then > now ? ", back in time: run \(then) is the later run" : "")
        let left = named.filter { !keywords.contains($0) }
        if !left.isEmpty {
            subtitle += "; not compared, as a run did not count them or counted them with other words: " + left.joined(separator: "、")
        }
        if settingsChanged {
            subtitle += "; their settings differ, so the changes mix those of the settings with those of the corpus"
        }
        let result = Comparing.compare(target: ("run \(now)", target.terms, target.keywords.mapValues(\.tokenCount)),
                                       reference: ("run \(then)", reference.terms, reference.keywords.mapValues(\.tokenCount)),
                                       keywords: keywords, filter: filter,
                                       options: AnalysisRun.keynessOptions(settings.keyness, filter: filter))
        let output = try options.output.map(PipelineRunner.outputFolder(override:))
            ?? prepared.output.appendingPathComponent("compare-runs-\(then)-\(now)")
        // The articles new, changed and removed from run `then` to run `now`, as a scheduled run lists them.
        let changes = RunComparisonSection.articleChanges(now: target.articles.map { ($0.id, $0.title, $0.sourcePath, $0.bodyHash, $0.fields) },
                                                          then: reference.articles.map { ($0.id, $0.title, $0.sourcePath, $0.bodyHash, $0.fields) })
        let (changesTable, counted) = RunComparisonSection.changesTable(changes, since: then, id: "compare-articles", csvName: "compare_articles.csv")
        let articles = Section(id: "compare-articles-section", title: "Articles", blocks: [
            .paragraph("From run \(then) to run \(now): \(counted). The store does not keep which files a run skipped (on_error: skip), "
                + "so the articles of a file skipped in run \(now) are listed as removed."),
            .table(changesTable),
        ])
        let report = CompareRunner.makeReport(title: "Cipin comparison: \(config.name), run \(now) against run \(then)",
                                              subtitle: subtitle,
                                              sides: [("run \(now)", target.articles.count, target.run.tokens),
                                                      ("run \(then)", reference.articles.count, reference.run.tokens)],
                                              results: [result], sources: [], date: options.date, sections: [articles], config: config)
        try CompareRunner.refuseRunReport(in: output)
        let (files, reportFile, htmlFile) = try PipelineRunner.writeReport(report, to: output, config: config)
        return RunSummary(outputFolder: output, reportFile: reportFile, htmlFile: htmlFile, files: files,
                          articleCount: target.articles.count, skippedFiles: [], warnings: [], timings: [], segmentedBytes: 0)
    }

    struct Located {
        var config: PipelineConfig
        var folder: URL
        var output: URL
        /// Which of the store's runs are the pipeline's (`PipelineRunner.runScope`).
        var scope: String?
    }

    static func open(_ path: String, output override: String? = nil) throws -> (Located, RunStore) {
        let config = try PipelineFile.load(path: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let output = try PipelineRunner.outputFolder(for: config, pipelineFolder: folder, override: override)
        let storePath = PipelineRunner.storeFile(for: config, pipelineFolder: folder, output: output).path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: storePath, isDirectory: &isFolder) else {
            if config.history != true {
                throw PipelineError.noStoredRuns(path: path, reason: "the pipeline has no `history: true`, so its runs are not stored; "
                                                 + "set it and run the pipeline")
            }
            throw PipelineError.noStoredRuns(path: storePath, reason: override == nil
                ? "no runs are stored yet; run the pipeline (it has `history: true`)"
                : "no runs are stored for \(output.path); give the folder that was given to `cipin run --output`")
        }
        guard !isFolder.boolValue else {
            throw PipelineError.storeFailed(path: storePath, reason: "this is a folder; `store` must name the run store's file")
        }
        return (Located(config: config, folder: folder, output: output,
                        scope: PipelineRunner.runScope(for: config, pipelineFolder: folder, output: output)),
                try RunStore(path: storePath))
    }
}
