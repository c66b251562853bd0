import Analysis
import Foundation
import Ingest
import Reporting

/// `cipin compare`: comparison reports of the groups of one corpus, or of two corpora.
public enum CompareRunner {
    /// Compares the groups of a metadata field: each group against the rest, or, when there are
    /// exactly two, the two against each other (each one's rest is the other).
    ///
    ///     try CompareRunner.compareGroups(pipelineAt: "Pipelines/seed.yaml", by: "region")
    ///
    /// Articles without a value of the field are left out: they are no group, and in no group's
    /// rest (undated resolutions compared by period would otherwise make a third side, "(none)",
    /// and mix into each period's rest). The report and the summary say how many were left out.
    ///
    /// - Returns: the files written; the default folder is `<pipeline output>/compare-<field>`.
    /// - Throws: `PipelineError.notComparable` when the field has fewer than two groups (the
    ///   articles without a value not counted), and the errors of `PipelineRunner.run`.
    public static func compareGroups(pipelineAt path: String, by field: String, options: RunOptions = RunOptions()) throws -> RunSummary {
        _ = try PipelineRunner.htmlOptions(PipelineFile.load(path: path))
        let requestedOutput = try options.output.map(PipelineRunner.outputFolder(override:))
        // A run's report there is refused before any work (and again when writing, for the default folder).
        if let requestedOutput { try refuseRunReport(in: requestedOutput) }
        let prepared = try PipelineRunner.prepare(pipelineAt: path, jobs: options.jobs)
        let corpus = prepared.corpus
        var groups: [(value: String, indices: [Int])] = []
        var unvalued = 0
        for (index, article) in corpus.articles.enumerated() {
            guard let value = article.field(field), !value.isEmpty else {
                unvalued += 1
                continue
            }
            if let slot = groups.firstIndex(where: { $0.value == value }) { groups[slot].indices.append(index) } else { groups.append((value, [index])) }
        }
        groups.sort { $0.value < $1.value }
        guard groups.count >= 2 else {
            // No article has a value of the field: a misspelt name, or a field the texts and sidecars left empty.
            if let (missing, known) = AnalysisRun.missingField(field, in: corpus.articles) {
                throw PipelineError.notComparable(field: field, groups: [], known: known, missing: missing.clause(field))
            }
            throw PipelineError.notComparable(field: field, groups: groups.map(\.value), unvalued: unvalued)
        }
        let settings = try comparisonSettings(prepared)
        var results: [ComparisonResult] = []
        if groups.count == 2 {
            results.append(Comparing.compare(ComparisonSide(label: groups[0].value, corpus: corpus, indices: groups[0].indices),
                                             ComparisonSide(label: groups[1].value, corpus: corpus, indices: groups[1].indices),
                                             keywords: settings.keywords, filter: settings.filter, options: settings.keyness,
                                             collocates: settings.collocates))
        }
        // With two groups "the rest" of each is the other: those comparisons would repeat the first.
        // The rest is the other groups' articles, never those left out.
        let compared = groups.flatMap(\.indices).sorted(), restLabel = KeynessComparison.restLabel(among: groups.map(\.value))
        for group in groups where groups.count > 2 {
            let members = Set(group.indices)
            let rest = compared.filter { !members.contains($0) }
            results.append(Comparing.compare(ComparisonSide(label: group.value, corpus: corpus, indices: group.indices),
                                             ComparisonSide(label: restLabel, corpus: corpus, indices: rest),
                                             keywords: settings.keywords, filter: settings.filter, options: settings.keyness,
                                             collocates: settings.collocates))
        }
        let output = try requestedOutput
            ?? PipelineRunner.outputFolder(for: prepared.config, pipelineFolder: prepared.folder, override: nil)
                .appendingPathComponent("compare-" + safeName(field))
        let sides = groups.map { group in (group.value, group.indices.count, group.indices.reduce(0) { $0 + corpus.segments[$1].tokens.count }) }
        var notes: [String] = []
        // Groups without words (white-space tokens are no words): their side of a comparison has size 0.
        var wordless: [String] = []
        for result in results {
            if result.keyness.sizeTarget == 0, !wordless.contains(result.target) { wordless.append(result.target) }
            if result.keyness.sizeReference == 0, result.reference != restLabel, !wordless.contains(result.reference) { wordless.append(result.reference) }
        }
        if !wordless.isEmpty {
            notes.append("\(wordless.count == 1 ? "The group" : "The groups") \(wordless.joined(separator: ", ")) of `\(field)` "
                + "\(wordless.count == 1 ? "has" : "have") no words (\(wordless.count == 1 ? "its" : "their") articles are empty or only "
                + "white space): no rate can be compared there, and keyness tests no word against such a side.")
        }
        if unvalued > 0 {
            notes.append("\(unvalued) of the \(corpus.articles.count) articles \(unvalued == 1 ? "has" : "have") no value of `\(field)`, "
                + "so \(unvalued == 1 ? "it is" : "they are") left out of the comparison: "
                + (groups.count == 2 ? "on neither side" : "in no group and in no group's rest")
                + "; the \(compared.count) articles compared are those of the \(groups.count) groups.")
        }
        let report = makeReport(title: "Cipin comparison: \(prepared.config.name) by \(field)",
                                subtitle: groups.count == 2 ? "the 2 groups of \(field) against each other" : "\(groups.count) groups of \(field), each against the rest",
                                sides: sides, notes: notes, results: results, sources: [prepared], date: options.date, config: prepared.config)
        var summary = try write(report, to: output, config: prepared.config, prepared: [prepared])
        summary.articlesLeftOut = unvalued
        return summary
    }

    /// Compares the corpus of one pipeline (the target) with that of another (the reference).
    ///
    /// - Returns: the files written; the default folder is `Reports/compare-<A>-vs-<B>`.
    public static func compareCorpora(pipelineAt pathA: String, against pathB: String, options: RunOptions = RunOptions()) throws -> RunSummary {
        _ = try PipelineRunner.htmlOptions(PipelineFile.load(path: pathA))
        let requestedOutput = try options.output.map(PipelineRunner.outputFolder(override:))
        // A run's report there is refused before any work (and again when writing, for the default folder).
        if let requestedOutput { try refuseRunReport(in: requestedOutput) }
        let a = try PipelineRunner.prepare(pipelineAt: pathA, jobs: options.jobs)
        // B's files are read with B's settings, but cut into words by A's segmenter (dictionaries,
        // HMM): the same text must give the same words on both sides, or a word in A's user
        // dictionary would look absent from B.
        let b = try PipelineRunner.prepare(pipelineAt: pathB, jobs: options.jobs, wordsAs: a)
        let settings = try comparisonSettings(a)
        let (labelA, labelB) = sideLabels(a, b)
        let result = Comparing.compare(ComparisonSide(label: labelA, corpus: a.corpus), ComparisonSide(label: labelB, corpus: b.corpus),
                                       keywords: settings.keywords, filter: settings.filter, options: settings.keyness,
                                       collocates: settings.collocates)
        let output = requestedOutput
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Reports")
                .appendingPathComponent("compare-\(safeName(a.config.name))-vs-\(safeName(b.config.name))")
        // One pipeline given twice, or two over the same files: a slip, whose every difference is 0.
        let sameTexts = a.corpus.articles.count == b.corpus.articles.count && a.corpus.tokenCount == b.corpus.tokenCount
            && zip(a.corpus.articles, b.corpus.articles).allSatisfy { $0.sourcePath == $1.sourcePath && $0.id == $1.id }
        let sameTextsNote = "both sides are the same texts (the same \(SpreadsheetLimits.grouped(a.corpus.articles.count)) article(s) of the "
            + "same files, \(SpreadsheetLimits.grouped(a.corpus.tokenCount)) words each), so every difference is 0; give two pipelines over different inputs"
        let report = makeReport(title: "Cipin comparison: \(labelA) against \(labelB)",
                                subtitle: "Two corpora compared; keywords, settings and word segmentation from \(a.config.name)"
                                    + (a.segmenter == nil || b.segmenter == nil ? " (presegmented text keeps its own words)" : ""),
                                sides: [(labelA, a.corpus.articles.count, a.corpus.tokenCount), (labelB, b.corpus.articles.count, b.corpus.tokenCount)],
                                notes: sameTexts ? [sameTextsNote.prefix(1).uppercased() + sameTextsNote.dropFirst() + "."] : [], results: [result], sources: [a, b], date: options.date, config: a.config)
        var summary = try write(report, to: output, config: a.config, prepared: [a, b])
        if sameTexts { summary.warnings.append(sameTextsNote) }
        return summary
    }

    /// The labels of two compared corpora in the tables (`compare_sides.csv`, the `target` and
    /// `reference` columns): the pipelines' names, or, when the names are the same, each name with
    /// its pipeline file's path as given, so the rows of the two sides can be told apart; a file
    /// compared with itself gets `A:` and `B:` before its path.
    static func sideLabels(_ a: PipelineRunner.Prepared, _ b: PipelineRunner.Prepared) -> (String, String) {
        guard a.config.name == b.config.name else { return (a.config.name, b.config.name) }
        guard a.path != b.path else { return ("\(a.config.name) (A: \(a.path))", "\(b.config.name) (B: \(b.path))") }
        return ("\(a.config.name) (\(a.path))", "\(b.config.name) (\(b.path))")
    }

    struct Settings {
        var keywords: [KeywordSpec]
        var filter: TermFilter
        var keyness: KeynessOptions
        var collocates: CollocateOptions
    }

    static func comparisonSettings(_ prepared: PipelineRunner.Prepared) throws -> Settings {
        let settings = prepared.config.analysis ?? AnalysisConfig()
        let stopWords = try AnalysisRun.loadStopWords(settings.stopwords, pipelineFolder: prepared.folder)
        let filter = TermFilter(stopWords: stopWords, excludePunctuation: settings.excludePunctuation ?? true,
                                excludeNumbers: settings.excludeNumbers ?? true)
        return Settings(keywords: AnalysisRun.keywordSpecs(prepared.config), filter: filter,
                        keyness: AnalysisRun.keynessOptions(settings.keyness, filter: filter),
                        collocates: AnalysisRun.collocateOptions(settings, filter: filter))
    }

    static func safeName(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }

    /// - Parameter notes: paragraphs under "What is compared", after the comparisons (what was left out, and why).
    /// - Parameter sections: sections of the caller's, after the overview (`--runs`: the articles changed).
    static func makeReport(title: String, subtitle: String, sides: [(String, Int, Int)], notes: [String] = [], results: [ComparisonResult],
                           sources: [PipelineRunner.Prepared], date: Date, sections extra: [Section] = [], config: PipelineConfig) -> Report {
        // compare_keyness.csv's rows as the (first) pipeline's keyness.csv has them.
        let significantOnly = (config.analysis?.keyness ?? .init()).writesSignificantOnly
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let overview = Section(id: "compare-overview", title: "What is compared", blocks: [
            .table(Table(id: "compare-sides", title: "The sides", columns: [Column("side", label: "Side"), Column("articles", label: "Articles"),
                                                                             Column("tokens", label: "Words")],
                         rows: sides.map { [.text($0.0), .integer($0.1), .integer($0.2)] }, csvName: "compare_sides.csv")),
            .itemizedList(results.map { "\($0.target) against \($0.reference)" }),
        ] + notes.map { .paragraph($0) })
        var report = Report(title: title, subtitle: subtitle, date: formatter.string(from: date),
                            info: [InfoItem(label: "Cipin", value: CipinVersion.current)]
                                + sources.map { InfoItem(label: "Pipeline", value: "\($0.config.name) (\($0.path))") },
                            sections: [overview] + extra + ComparisonSection.sections(results, top: 20, significantOnly: significantOnly),
                            language: "en")
        report.attachments = ComparisonSection.attachments(results, significantOnly: significantOnly)
        return report
    }

    /// Refuses an output folder that holds a run's report: a folder holds one report, so a
    /// comparison written there would remove the run's CSV files and charts. The folder's
    /// `.cipin-outputs` names them: a run's files, unlike a comparison's, are not `compare_…`.
    static func refuseRunReport(in output: URL) throws {
        let runFiles = runReportFiles(in: output)
        guard !runFiles.isEmpty else { return }
        let named = runFiles.prefix(3).joined(separator: ", ") + (runFiles.count > 3 ? ", …" : "")
        throw PipelineError.outputFailed(path: output.path, reason: "the folder holds the report of a run (\(named), as its "
            + "\(ReportWriter.manifestFileName) lists them), which a comparison written there would replace; give --output a "
            + "folder of its own (by default a comparison goes into a folder of its own beside the run's)")
    }

    /// The files of a run's report that `folder`'s `.cipin-outputs` lists, in name order: those
    /// every report writes (`report.xml`, the HTML page) and a comparison's (`compare_…`) left
    /// out; none when the folder holds a comparison, or no list.
    static func runReportFiles(in folder: URL) -> [String] {
        let shared: Set<String> = ["report.xml", "index.html", HTMLRenderer.cssFileName]
        return ReportWriter.previousOutputs(listedIn: folder.appendingPathComponent(ReportWriter.manifestFileName))
            .filter { !shared.contains($0) && !$0.hasPrefix("compare_") }.sorted()
    }

    static func write(_ report: Report, to output: URL, config: PipelineConfig, prepared: [PipelineRunner.Prepared]) throws -> RunSummary {
        try refuseRunReport(in: output)
        let (files, reportFile, htmlFile) = try PipelineRunner.writeReport(report, to: output, config: config)
        return RunSummary(outputFolder: output, reportFile: reportFile, htmlFile: htmlFile, files: files,
                          articleCount: prepared.reduce(0) { $0 + $1.ingest.articles.count },
                          skippedFiles: prepared.flatMap(\.ingest.skipped),
                          warnings: prepared.flatMap(\.ingest.warnings)
                              + SpreadsheetLimits.warnings(report, keynessSignificantOnly: (config.analysis?.keyness ?? .init()).writesSignificantOnly),
                          timings: [], segmentedBytes: 0, inputWarningCount: prepared.reduce(0) { $0 + $1.ingest.warnings.count })
    }
}
