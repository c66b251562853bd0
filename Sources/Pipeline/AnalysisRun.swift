import Analysis
import Dispatch
import Foundation
import Ingest
import Segmentation

/// Every analysis of one run, computed from the segmented corpus with the pipeline's settings.
struct AnalysisResults: Sendable {
    var keywords: [KeywordSpec]
    var frequencies: KeywordFrequencies
    /// The per-article keyword counts behind `frequencies` and `trends` (stored for the next run).
    var keywordCounts: KeywordCountTable
    var terms: TermList
    var cooccurrence: CooccurrenceTable
    var collocates: CollocateTable
    /// Every line (the run store keeps them for the next run).
    var concordance: RunConcordance
    /// The lines of `concordance.csv` and the report: every line, or the sample `max_lines` asks for.
    var writtenConcordance: RunConcordance
    var keyness: [KeynessComparison]
    /// Every article's rows, as `article_keywords.csv`'s records (the run store keeps them for the next run).
    var articleKeywords: RunArticleKeywords
    var trends: Trends
    /// The whole corpus's word frequencies (for the store's run record and the comparison with the previous run).
    var wholeTable: FrequencyTable
    /// The co-occurrence counts the table was made from (`nil` when counted in batches), for the next run.
    var cooccurrenceCounts: CooccurrenceCounts? = nil
    /// Whether those counts are the previous run's, updated with the files added and removed.
    var cooccurrenceCarriedOver = false
    /// The collocate counts the table was made from, for the next run.
    var collocateCounts: CollocateCounts? = nil
    /// Whether those counts are the previous run's, updated with the files added and removed.
    var collocatesCarriedOver = false
    /// The settings as used (defaults filled in), for the method section.
    var settings: [(String, String)]
    /// Seconds each analysis took (they run side by side).
    var timings: [(String, Double)] = []
    /// Settings that name what the corpus does not have (a group field no article has, a keyness
    /// group that does not exist, no stop-word list): for the report's Problems and standard error.
    var warnings: [String] = []
    /// Why keyness has no comparison, when it has none.
    var keynessNote: String? = nil
    /// How many articles have no value of the keyness field, so are in no group (and in no group's
    /// rest), of how many.
    var keynessLeftOut: (articles: Int, of: Int) = (0, 0)
}

/// One keyness comparison: a target group against a reference (another group, or the rest).
struct KeynessComparison: Sendable {
    var field: String
    var target: String
    var reference: String
    var table: KeynessTable
    /// The reference is every other group's articles (`reference` is then `rest`, or `(rest)`).
    var againstRest = false

    /// The name of every other group's articles in the tables: `rest`, or `(rest)` where a group is
    /// itself named `rest` (its rows against the rest would read `rest,rest`).
    static func restLabel(among groups: [String]) -> String {
        groups.contains("rest") ? "(rest)" : "rest"
    }
}

/// Runs the analyses a pipeline asks for.
enum AnalysisRun {
    /// - Parameter knownArticleKeywords: article keyword rows of some articles (by index) from an
    ///   earlier run with the same tokens and `articleKeywordSettings`, as stored; those articles are
    ///   not ranked again.
    /// - Parameter idf: the IDF table, read in the background since the run started (`prefetchIDF`);
    ///   without it, the table is read when the article keywords need it.
    /// - Parameter segmenter: the run's segmenter, whose dictionaries give TextRank the words' parts
    ///   of speech; `nil` (presegmented input) ranks without tags.
    /// - Parameter partOfSpeechModel: jieba.posseg's HMM, read in the background since the run
    ///   started (`prefetchPartOfSpeechModel`); without it, it is read when TextRank needs it.
    static func run(_ corpus: SegmentedCorpus, config: PipelineConfig, pipelineFolder: URL, segmenter: Segmenter?,
                    knownArticleKeywords: [Int: StoredKeywordRows] = [:], idf prefetched: Prefetch<IDFTable>? = nil,
                    partOfSpeechModel: Prefetch<PartOfSpeechModel>? = nil,
                    knownConcordance: [Int: [StoredLines]] = [:],
                    knownKeywordCounts: [Int: KeywordCountTable.ArticleRow] = [:],
                    cooccurrenceUpdate: CooccurrenceUpdate? = nil, skippedFiles: Int = 0) throws -> AnalysisResults {
        let settings = config.analysis ?? AnalysisConfig()
        let keywords = keywordSpecs(config)
        let stopWords = try loadStopWords(settings.stopwords, pipelineFolder: pipelineFolder)
        let filter = TermFilter(stopWords: stopWords, excludePunctuation: settings.excludePunctuation ?? true,
                                excludeNumbers: settings.excludeNumbers ?? true)
        // The default fields that no article has a value of are left out: a table and a chart of
        // one "(none)" group would only repeat the totals. (Fields named in the pipeline stay,
        // with a warning.)
        let defaultGroups = ["region", "month"]
        let groups = settings.groups ?? defaultGroups.filter { !values(of: $0, in: corpus.articles).isEmpty }
        let minFrequency = settings.minFrequency ?? 2
        let co = settings.cooccurrence
        let radius = co?.window ?? 5
        let cooccurrenceOptions = Self.cooccurrenceOptions(config, filter: filter)
        let scopes = cooccurrenceOptions.scopes
        let withEveryWord = cooccurrenceOptions.withEveryWord, everyWordScopes = cooccurrenceOptions.everyWordScopes
        let idfPath = idfPath(config, pipelineFolder: pipelineFolder)
        // Every article known: the IDF table would not be consulted, so it is not read. (It is read
        // in the article keywords' task, beside the other analyses.)
        let needsIDF = knownArticleKeywords.count < corpus.articles.count
        // A missing file is reported at once, not after the other analyses.
        if needsIDF && !FileManager.default.isReadableFile(atPath: idfPath) { _ = try IDFTable(contentsOf: idfPath) }
        let top = settings.articleKeywords?.top ?? 20
        let textRankTags = textRankPartsOfSpeech(config)
        let bucket = DateBucket(rawValue: settings.trends?.bucket ?? "month") ?? .month

        // The analyses are independent of each other: run them side by side on the cores. Four of
        // them share the corpus's token counts, made once by the first that needs them.
        let results = Slots()
        let shared = OnceValue { CorpusCounts(corpus) }
        let tasks: [@Sendable () -> Void] = [
            { results.timed("article keywords") {
                do {
                    let idf = needsIDF ? try prefetched?.value() ?? IDFTable(contentsOf: idfPath, cacheDirectory: idfCacheDirectory)
                        : IDFTable(values: [:])
                    let includeTextRank = settings.articleKeywords?.textrank ?? true
                    let tags = includeTextRank && !textRankTags.isEmpty
                        ? segmenter.map { partsOfSpeech(corpus, known: Set(knownArticleKeywords.keys), segmenter: $0) } : nil
                    // What jieba.posseg cuts otherwise (HMM buffers, blocks with % or -) is cut and tagged again as it does.
                    var retag: (@Sendable () -> (String, Int) -> [(word: String, tag: String)])?
                    if includeTextRank, needsIDF, let segmenter, !possegFiles(config, segmenter: segmenter.options).isEmpty {
                        let model = try partOfSpeechModel?.value() ?? PartOfSpeechModel()
                        retag = {
                            let tagger = PartOfSpeechTagger(segmenter: segmenter, model: model)
                            return { text, kind in
                                (kind == SegmentationScratch.hmmBuffer ? tagger.tagUnknown(text) : tagger.tag(text)).map { ($0.word, $0.tag) }
                            }
                        }
                    }
                    // The known articles' rows are taken as stored: the ranking leaves them empty.
                    let ranked = ArticleKeywords.extract(from: corpus, idf: idf, options: ArticleKeywordOptions(
                        tfidf: TFIDFOptions(topK: top), textRank: TextRankOptions(topK: top, partsOfSpeech: Set(textRankTags)),
                        includeTextRank: includeTextRank), known: knownArticleKeywords.mapValues { _ in [] }, partsOfSpeech: tags, retag: retag)
                    results.articleKeywords = RunArticleKeywords(ranked, articles: corpus.articles, known: knownArticleKeywords)
                } catch {
                    results.failure = error
                }
            } },
            { results.timed("co-occurrence") {
                let options = cooccurrenceOptions
                let counts = shared.value
                // The previous run's counts updated with the change, or else everything counted.
                var carried: CooccurrenceCounts?
                if let update = cooccurrenceUpdate, let previous = update.previous,
                   let added = Cooccurrence.counts(keywords, in: corpus, options: options, articles: update.addedArticles, corpusCounts: counts),
                   let removed = Cooccurrence.counts(keywords, in: update.removed, options: options) {
                    carried = previous.updated(adding: added, removing: removed, vocabulary: corpus.vocabulary)
                    // Counts that fail the checks any counts of this corpus pass are counted afresh.
                    if let carriedCounts = carried,
                       !Cooccurrence.isConsistent(carriedCounts, with: corpus, options: options, corpusCounts: counts) {
                        carried = nil
                    }
                }
                if let whole = carried ?? Cooccurrence.counts(keywords, in: corpus, options: options, corpusCounts: counts) {
                    results.cooccurrence = Cooccurrence.table(from: whole, corpus: corpus, options: options, corpusCounts: counts)
                    results.cooccurrenceCounts = whole
                    results.cooccurrenceCarriedOver = carried != nil
                } else {
                    results.cooccurrence = Cooccurrence.compute(keywords, in: corpus, options: options, counts: counts)
                }
            } },
            { results.timed("concordance") {
                // Articles with stored lines are not searched; their lines stay as stored.
                results.concordance = RunConcordance.search(keywords, in: corpus.articles, options: ConcordanceOptions(
                    contextCharacters: settings.concordance?.context ?? 30), known: knownConcordance)
            } },
            {
                // Keyword frequencies and trends share one count of every keyword in every article.
                var table: KeywordCountTable?
                results.timed("keyword frequencies") {
                    table = KeywordCountTable(keywords, corpus: corpus, includeMembers: true, workers: 1, corpusCounts: shared.value,
                                              known: knownKeywordCounts)
                    results.keywordCounts = table
                    results.frequencies = KeywordFrequencies.count(keywords, in: corpus, options: KeywordFrequencyOptions(groupBy: groups), counts: table)
                }
                results.timed("trends") { results.trends = Trends.compute(keywords, in: corpus, options: TrendOptions(bucket: bucket, fillGaps: settings.trends?.fillGaps ?? false),
                                                                              counts: table) }
            },
            { results.timed("term list") { results.terms = TermList.build(from: corpus, options: TermListOptions(filter: filter, minimumFrequency: minFrequency),
                                                                           counts: shared.value) } },
            { results.timed("collocates") {
                let options = collocateOptions(settings, filter: filter)
                let counts = shared.value
                // As co-occurrence: the previous run's counts updated with the change, or else everything counted.
                var carried: CollocateCounts?
                if let update = cooccurrenceUpdate, let previous = update.previousCollocates {
                    let added = Collocates.counts(keywords, in: corpus, options: options, articles: update.addedArticles, corpusCounts: counts)
                    let removed = Collocates.counts(keywords, in: update.removed, options: options)
                    carried = previous.updated(adding: added, removing: removed, vocabulary: corpus.vocabulary)
                    if let carriedCounts = carried, !Collocates.isConsistent(carriedCounts, with: corpus, corpusCounts: counts) {
                        carried = nil
                    }
                }
                let whole = carried ?? Collocates.counts(keywords, in: corpus, options: options, corpusCounts: counts)
                results.collocates = Collocates.table(from: whole, corpus: corpus, options: options, corpusCounts: counts)
                results.collocateCounts = whole
                results.collocatesCarriedOver = carried != nil
            } },
            { results.timed("keyness") {
                let whole = FrequencyTable(shared.value, of: corpus)
                results.wholeTable = whole
                results.keyness = compareGroups(corpus, settings: settings.keyness, filter: filter, whole: whole, counts: shared.value)
            } },
        ]
        DispatchQueue.concurrentPerform(iterations: tasks.count) { tasks[$0]() }
        if let failure = results.failure { throw failure }
        let frequencies = results.frequencies!, keywordCounts = results.keywordCounts!, terms = results.terms!
        let cooccurrence = results.cooccurrence!
        let cooccurrenceCounts = results.cooccurrenceCounts, carriedOver = results.cooccurrenceCarriedOver
        let collocateCounts = results.collocateCounts, collocatesCarriedOver = results.collocatesCarriedOver
        let wholeTable = results.wholeTable!
        let collocates = results.collocates!, concordance = results.concordance!, keyness = results.keyness!
        let articleKeywords = results.articleKeywords!, trends = results.trends!

        let collocateSpan = collocateOptions(settings, filter: filter), keynessSettings = keynessOptions(settings.keyness, filter: filter)
        var used: [(String, String)] = [
            ("keywords", keywords.map { $0.words.count == 1 && $0.words[0] == $0.name ? $0.name : "\($0.name) = \($0.words.joined(separator: "、"))" }.joined(separator: "; ")),
            ("analysis.groups", settings.groups != nil ? groups.joined(separator: ", ")
                : (groups.isEmpty ? "none" : groups.joined(separator: ", ")) + " (of the default region, month: the fields some article has a value of)"),
            ("analysis.stopwords", settings.stopwords ?? "dicts/stopwords.txt (\(stopWords.isEmpty ? "none found" : "found"))"),
            ("analysis.exclude_punctuation", String(filter.excludePunctuation)),
            ("analysis.exclude_numbers", String(filter.excludeNumbers)),
            ("analysis.min_frequency", String(minFrequency)),
            ("analysis.cooccurrence.scopes", scopes.map(\.name).joined(separator: ", ")),
            ("analysis.cooccurrence.window", "±\(radius) tokens, within \(withArticle(cooccurrenceOptions.windowBoundary))"),
            ("analysis.cooccurrence.with_every_word", withEveryWord
                ? scopes.map(\.name).filter { everyWordScopes?.contains($0) ?? true }.joined(separator: ", ") : "false"),
            ("analysis.cooccurrence.min_joint", String(co?.minJoint ?? 2)),
            ("analysis.collocates.window", "L\(collocateSpan.left)–R\(collocateSpan.right) tokens, within \(withArticle(collocateSpan.boundary))"),
            ("analysis.collocates.min_joint", String(collocateSpan.minimumJoint)),
            ("analysis.collocates.min_frequency", String(collocateSpan.minimumFrequency)),
            ("analysis.collocates.top", "\(settings.collocates?.top ?? 20) per keyword in the report (collocates.csv has every one)"),
            ("analysis.concordance.context", "\(settings.concordance?.context ?? 30) characters"),
            ("analysis.concordance.max_lines", settings.concordance?.maxLines.map {
                "a random sample of at most \($0) lines per keyword (the \($0) of smallest sampling key; see the README)"
            } ?? "every line"),
            ("analysis.concordance.sample", "\(settings.concordance?.sample ?? 10) lines per keyword in the report"),
            ("analysis.keyness", "by \(settings.keyness?.by ?? "region"), \(settings.keyness?.target ?? "each group") against \(settings.keyness?.reference ?? "rest"), min frequency \(keynessSettings.minimumFrequency), α = \(keynessSettings.alpha) \(keynessSettings.bonferroni ? "with" : "without") Bonferroni correction, simple maths k = \(keynessSettings.simpleMathsK)"),
            ("analysis.keyness.top", "\(settings.keyness?.top ?? 20) words each way per comparison in the report (keyness.csv has "
                + ((settings.keyness ?? .init()).writesSignificantOnly ? "every significant word; csv_rows: all for every word tested)" : "every word tested: csv_rows all)")),
            ("analysis.article_keywords", "top \(top) by TF-IDF (\(idfPath))\(settings.articleKeywords?.textrank ?? true ? " and TextRank" : "")"),
            ("analysis.trends.bucket", bucket.rawValue),
        ]
        if settings.articleKeywords?.textrank ?? true {
            let tags: String = textRankTags.isEmpty ? "any (no filter by part of speech)"
                : segmenter == nil ? "none applied: presegmented input has no part-of-speech tags"
                : textRankTags.joined(separator: ", ")
            used.insert(("analysis.article_keywords.textrank_pos", tags), at: used.count - 1)
            if let segmenter {
                let words = !possegFiles(config, segmenter: segmenter.options).isEmpty
                    ? "posseg: jieba.posseg's words and tags, as jieba.analyse.textrank ranks them"
                    : "dictionary: the segmenter's words with their dictionary tags"
                        + (segmenter.usesHMM ? "" : " (posseg's HMM is not used with the HMM off)")
                used.insert(("analysis.article_keywords.textrank_tagging", words), at: used.count - 1)
            }
        }
        let unfilled = trends.unfilledSpan.map { _ in
            "true, but not done: the dates span more than \(TrendOptions.defaultMaximumPeriods) \(bucket.rawValue)s, too many periods to list" }
        used.append(("analysis.trends.fill_gaps", settings.trends?.fillGaps == true
                     ? unfilled ?? "true: empty buckets between the first and the last are listed with zeros" : "false"))
        var warnings = settingWarnings(settings, articles: corpus.articles)
        if trends.unfilledSpan != nil, let first = trends.rows.first?.bucket,
           let last = trends.rows.last(where: { $0.bucket != KeywordFrequencies.noValue })?.bucket {
            warnings.append("`analysis.trends.fill_gaps`: the dates run from \(first) to \(last), more than \(TrendOptions.defaultMaximumPeriods) \(bucket.rawValue)s, "
                            + "too many periods to list, so the gaps are not filled; check the dates, or use a longer `analysis.trends.bucket`")
        }
        // A corpus without a word: every keyword is found nowhere, but their spelling is not the problem.
        if corpus.segments.allSatisfy({ $0.tokens.isEmpty }) {
            warnings.append("the inputs hold no text: the \(corpus.articles.count) article(s) read are empty or only white space, "
                            + "so nothing was counted; check that `inputs` names the files meant")
        } else {
            warnings += keywordWarnings(frequencies, keywords: keywords, hasSegmenter: segmenter != nil, skippedFiles: skippedFiles)
        }
        let emptySides = keyness.filter { $0.table.sizeTarget == 0 || $0.table.sizeReference == 0 }
        if !emptySides.isEmpty, let field = emptySides.first?.field {
            // A group whose articles are all empty: its rates would be 0/0 and every log ratio infinite.
            let names = emptySides.map { "\($0.target) against \($0.reference) (the \($0.table.sizeTarget == 0 ? "target" : "reference") has no words)" }
            warnings.append("`analysis.keyness`: \(emptySides.count) comparison(s) by \(field) have a side without words, its articles empty "
                            + "or only white space, so no word was tested there and keyness.csv has no rows for them: \(Self.someNames(names))")
        }
        // Articles without a value of the keyness field are in no comparison: said in the section,
        // and here too when the field was asked for (the default, region, often has none).
        let keynessField = settings.keyness?.by ?? "region"
        let unvalued = corpus.articles.count { ($0.field(keynessField) ?? "").isEmpty }
        if let field = settings.keyness?.by, unvalued > 0, !keyness.isEmpty {
            // Against the rest, every valued group is in a comparison (the target's rest holds the others).
            let groups = keyness.contains(where: \.againstRest)
                ? Set(corpus.articles.lazy.compactMap { $0.field(keynessField) }.filter { !$0.isEmpty }).count
                : Set(keyness.flatMap { [$0.target, $0.reference] }).count
            warnings.append("`analysis.keyness`: \(unvalued) of the \(corpus.articles.count) articles have no value of `\(field)`, so they "
                            + "are in no group and in no group's rest: the comparisons are among the \(corpus.articles.count - unvalued) "
                            + "articles of \(groups) group(s); give the others a value in a sidecar (`metadata`) to compare them too")
        }
        if settings.stopwords == nil && stopWords.isEmpty {
            warnings.append("no stop-word list: \(pipelineFolder.appendingPathComponent("dicts/stopwords.txt").path) is not there, so the "
                            + "term list, keyness and collocates count words such as 的, 了 and 和; copy Cipin's Pipelines/dicts/stopwords.txt "
                            + "there, or set `analysis.stopwords` to a list (or to `none` to count every word on purpose)")
        }
        return AnalysisResults(keywords: keywords, frequencies: frequencies, keywordCounts: keywordCounts, terms: terms, cooccurrence: cooccurrence,
                               collocates: collocates, concordance: concordance,
                               writtenConcordance: settings.concordance?.maxLines.map { concordance.sampled(maxLines: $0) } ?? concordance,
                               keyness: keyness,
                               articleKeywords: articleKeywords, trends: trends, wholeTable: wholeTable,
                               cooccurrenceCounts: cooccurrenceCounts,
                               cooccurrenceCarriedOver: carriedOver, collocateCounts: collocateCounts,
                               collocatesCarriedOver: collocatesCarriedOver, settings: used,
                               timings: results.timings.sorted { $0.0 < $1.0 }, warnings: warnings,
                               keynessNote: keyness.isEmpty ? keynessNote(settings.keyness, articles: corpus.articles) : nil,
                               keynessLeftOut: (unvalued, corpus.articles.count))
    }

    /// The built-in fields an article can be grouped by (`Article.field(_:)`), in the order messages list them.
    static let builtInFields = ["author", "region", "month", "year", "date", "title", "position", "byline", "file"]

    /// The fields an article can be grouped by: the built-in ones, then the sidecars' other
    /// fields, sorted; each name once (a sidecar column named like a built-in field gives that field).
    static func fieldNames(_ articles: [Article]) -> [String] {
        var extra = Set<String>()
        for index in articles.indices { extra.formUnion(articles[index].fields.keys) }
        return builtInFields + extra.subtracting(builtInFields).sorted()
    }

    /// The distinct non-empty values of `field` in the articles, sorted.
    static func values(of field: String, in articles: [Article]) -> [String] {
        var values = Set<String>()
        for index in articles.indices {
            if let value = articles[index].field(field), !value.isEmpty { values.insert(value) }
        }
        return values.sorted()
    }

    /// Why no article has a value of a field.
    enum MissingField: Equatable {
        /// No article has a field of that name: ` (did you mean `region`?)`, or empty when no name is close.
        case unknown(guess: String)
        /// A built-in field or a sidecar column that no article has a value of, and where its
        /// values would come from, e.g. `the texts gave no byline with a region, and no sidecar column `region` gave one`.
        case empty(because: String)

        /// The clause for messages: `no article has that field (did you mean `region`?)` or
        /// `no article has a value of `region` (the texts gave no byline with a region, …)`.
        func clause(_ field: String) -> String {
            switch self {
            case .unknown(let guess): return "no article has that field\(guess)"
            case .empty(let because): return "no article has a value of `\(field)` (\(because))"
            }
        }
    }

    /// For a field no article has a value of: why (an unknown name, with a "did you mean" that is
    /// another field, or a known field that is empty everywhere) and the fields that have values;
    /// `nil` when some article has one.
    static func missingField(_ field: String, in articles: [Article]) -> (missing: MissingField, known: [String])? {
        guard values(of: field, in: articles).isEmpty else { return nil }
        let names = fieldNames(articles)
        let known = names.filter { !values(of: $0, in: articles).isEmpty }
        guard names.contains(field) else {
            let guess = PipelineFile.closest(field, in: names).map { " (did you mean `\($0)`?)" } ?? ""
            return (.unknown(guess: guess), known)
        }
        let because: String
        switch field {
        case "author": because = "the texts gave no byline that names an author, and no sidecar column `author` gave one"
        case "region": because = "the texts gave no byline with a region, and no sidecar column `region` gave one"
        case "position": because = "the texts gave no byline with a position, and no sidecar column `position` gave one"
        case "byline": because = "the texts gave no byline"
        case "date", "year": because = "the texts gave no date line, and no sidecar column `date` or `year` gave one"
        case "month": because = "the texts gave no date line with a month, and no sidecar column `date` gave one"
        case "title": because = "the texts gave no title, and no sidecar column `title` gave one"
        case "file": because = "no article came from a file"
        default: because = "the sidecar column `\(field)` is empty for every article"
        }
        return (.empty(because: because), known)
    }

    /// Warnings for settings that name a field no article has, or a keyness group that no article is in.
    static func settingWarnings(_ settings: AnalysisConfig, articles: [Article]) -> [String] {
        var warnings: [String] = []
        func unknownField(_ field: String, key: String) -> String? {
            guard let (missing, known) = missingField(field, in: articles) else { return nil }
            let what: String
            switch missing {
            case .unknown(let guess): what = "which no article has\(guess)"
            case .empty: what = "but \(missing.clause(field))"
            }
            return "`\(key)` names the field `\(field)`, \(what), so its rows are all (none); "
                + "the fields with values: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        }
        for field in settings.groups ?? [] {
            if let warning = unknownField(field, key: "analysis.groups") { warnings.append(warning) }
        }
        if let keyness = settings.keyness {
            let field = keyness.by ?? "region"
            if keyness.by != nil, let warning = unknownField(field, key: "analysis.keyness.by") { warnings.append(warning) }
            let present = values(of: field, in: articles)
            for (key, value) in [("target", keyness.target), ("reference", keyness.reference)] {
                guard let value, value != "rest", !present.isEmpty, !present.contains(value) else { continue }
                // The reference may be `rest` (every other group): a slip of it is a guess too.
                let guess = PipelineFile.closest(value, in: present + (key == "reference" ? ["rest"] : [])).map { " (did you mean \($0)?)" } ?? ""
                warnings.append("`analysis.keyness.\(key)` is \(value), which no article has as its \(field)\(guess); "
                                + "the \(field) values: \(present.prefix(20).joined(separator: ", "))\(present.count > 20 ? ", …" : "")")
            }
        }
        return warnings
    }

    /// Keywords (and words of keyword sets) that occur nowhere, or never as a whole word: every
    /// word-based table would show 0 for them without saying why.
    /// - Parameter skippedFiles: input files the run skipped (`on_error: skip`), where a keyword may be.
    static func keywordWarnings(_ frequencies: KeywordFrequencies, keywords: [KeywordSpec], hasSegmenter: Bool, skippedFiles: Int = 0) -> [String] {
        guard !frequencies.totals.isEmpty else { return [] }
        var warnings: [String] = []
        var absent: [String] = []
        var neverWhole: [String] = []
        let sizes = Dictionary(keywords.map { ($0.name, $0.words.count) }, uniquingKeysWith: { first, _ in first })
        for row in frequencies.totals {
            let isSetWord = !row.member.isEmpty
            // A one-word keyword's own row, or each word of a set.
            let single = sizes[row.keyword].map { $0 == 1 } ?? true
            guard isSetWord || single else { continue }
            let word = isSetWord ? row.member : row.keyword
            let name = isSetWord ? "\(word) (of the keyword set \(row.keyword))" : word
            if row.occurrences == 0 {
                absent.append(name)
            } else if row.tokenMatches == 0 {
                // One warning each for the first few; a list of hundreds would bury the others.
                guard warnings.count >= Self.namedWarnings else {
                    warnings.append("keyword \(name) occurs \(row.occurrences) time(s) but never as a whole word: the segmenter cuts it "
                                    + (hasSegmenter ? "into shorter words, so the word-based tables (terms, co-occurrence, collocates, "
                                        + "rates per 10,000 words) show 0 for it; add it to a user dictionary (`segmentation.user_dicts`) "
                                        + "to count it as a word (`cipin segment --explain \(word)` tells why it is cut)"
                                        : "(presegmented text) into other tokens, so the word-based tables show 0 for it"))
                    continue
                }
                neverWhole.append(name)
            }
        }
        if !neverWhole.isEmpty {
            warnings.append("\(neverWhole.count) more keyword(s) occur but never as a whole word: \(Self.someNames(neverWhole)); "
                            + "keyword_totals.csv has their counts (`token_count` 0)")
        }
        if !absent.isEmpty {
            // A keyword spelt like a keyword set's name: meant as the set, which is counted under its
            // own name from `keyword_sets` and is not listed in `keywords`.
            let setNames = keywords.filter { $0.words != [$0.name] }.map(\.name)
            // Names of three characters or more only: between two-character words one character
            // apart (改造, a set named 改革) the guess would mostly mislead.
            let likeSets = absent.filter { $0.count >= 3 }.compactMap { name in PipelineFile.closest(name, in: setNames, maxDistance: 1).map { "\(name) is spelt like the keyword set \($0)" } }
            warnings.insert("keyword(s) found nowhere in the corpus: \(Self.someNames(absent)); check their spelling"
                            + (skippedFiles > 0 ? ", or whether they are in the \(skippedFiles) file(s) skipped (skipped.csv), which were not read" : "")
                            + (likeSets.isEmpty ? "" : " (\(likeSets.prefix(3).joined(separator: "; ")): a set is counted under its own name, "
                                + "from `keyword_sets`, and is not listed in `keywords`)"),
                            at: 0)
        }
        return warnings
    }

    /// How many keywords a warning names one by one.
    static let namedWarnings = 10

    /// The first 30 names, then how many more.
    static func someNames(_ names: [String]) -> String {
        names.prefix(30).joined(separator: "、") + (names.count > 30 ? " and \(names.count - 30) more" : "")
    }

    /// Why keyness compared nothing.
    static func keynessNote(_ settings: AnalysisConfig.KeynessConfig?, articles: [Article]) -> String {
        let field = settings?.by ?? "region"
        let present = values(of: field, in: articles)
        for (key, value) in [("target", settings?.target), ("reference", settings?.reference)] {
            if let value, value != "rest", !present.contains(value) {
                return "Keyness compared nothing: `analysis.keyness.\(key)` is \(value), which no article has as its \(field)."
            }
        }
        // Articles without a value are in no group (nor in any group's rest).
        let values = articles.map { $0.field(field) ?? "" }
        let groups = Set(values.filter { !$0.isEmpty }).count
        let unvalued = values.count { $0.isEmpty }
        return "Keyness needs at least two groups of \(field); the articles have \(groups) value(s) of it"
            + (unvalued > 0 ? ", and \(unvalued) article(s) none, which are in no group" : "") + "."
    }

    /// The co-occurrence options of a pipeline (defaults filled in).
    static func cooccurrenceOptions(_ config: PipelineConfig, filter: TermFilter = TermFilter()) -> CooccurrenceOptions {
        let co = config.analysis?.cooccurrence
        let radius = co?.window ?? 5
        let scopes = (co?.scopes ?? ["sentence", "paragraph", "article", "window"]).compactMap { scope(named: $0, radius: radius) }
        let (withEveryWord, everyWordScopes): (Bool, Set<String>?) = switch co?.withEveryWord {
        case nil: (true, Set(AnalysisConfig.EveryWordSetting.defaultScopes))
        case .all(let flag): (flag, nil)
        case .scopes(let names): (!names.isEmpty, Set(names))
        }
        return CooccurrenceOptions(scopes: scopes, windowBoundary: co?.boundary.flatMap(TextUnit.init(rawValue:)) ?? .sentence,
                                   withEveryWord: withEveryWord, everyWordScopes: everyWordScopes, filter: filter,
                                   minimumJoint: co?.minJoint ?? 2)
    }

    /// "a sentence", "a paragraph", "an article".
    static func withArticle(_ unit: TextUnit) -> String {
        (unit == .article ? "an " : "a ") + unit.rawValue
    }

    /// The collocates' options the pipeline asks for.
    static func collocateOptions(_ settings: AnalysisConfig, filter: TermFilter) -> CollocateOptions {
        let c = settings.collocates
        let span = c?.window ?? 5
        return CollocateOptions(left: c?.left ?? span, right: c?.right ?? span, boundary: c?.boundary.flatMap(TextUnit.init(rawValue:)) ?? .sentence,
                                filter: filter, minimumJoint: c?.minJoint ?? 3, minimumFrequency: c?.minFrequency ?? 1)
    }

    /// The keyness options the pipeline asks for (for groups, corpora and runs alike).
    static func keynessOptions(_ k: AnalysisConfig.KeynessConfig?, filter: TermFilter) -> KeynessOptions {
        KeynessOptions(filter: filter, minimumFrequency: k?.minFrequency ?? 5, alpha: k?.alpha ?? 0.05,
                       bonferroni: k?.bonferroni ?? true, simpleMathsK: k?.simpleMathsK ?? 1,
                       significantOnly: (k ?? .init()).writesSignificantOnly)
    }

    /// The tags TextRank keeps (`textrank_pos`, jieba's `allowPOS` by default), in a stable order.
    static func textRankPartsOfSpeech(_ config: PipelineConfig) -> [String] {
        config.analysis?.articleKeywords?.textrankPos.map { Array(Set($0)).sorted() }
            ?? TextRankOptions.jiebaPartsOfSpeech.sorted()
    }

    /// The part-of-speech tag of each word of the articles still to rank (by vocabulary id; `nil`
    /// for the others and for words without one), from the segmenter's dictionaries.
    static func partsOfSpeech(_ corpus: SegmentedCorpus, known: Set<Int>, segmenter: Segmenter) -> [String?] {
        // Every article to rank (a first run): every word of the vocabulary, looked up on every core
        // (not found by a pass over every token: 80 million on 384 MB).
        if known.isEmpty {
            let words = corpus.vocabulary.words
            return Parallel.map(words.count, workers: Parallel.defaultWorkers) { { segmenter.partOfSpeech(of: words[$0]) } }
        }
        var tags = [String?](repeating: nil, count: corpus.vocabulary.count)
        var looked = [Bool](repeating: false, count: corpus.vocabulary.count)
        for index in corpus.articles.indices where !known.contains(index) {
            for token in corpus.segments[index].tokens where !looked[Int(token)] {
                looked[Int(token)] = true
                tags[Int(token)] = segmenter.partOfSpeech(of: corpus.vocabulary.words[Int(token)])
            }
        }
        return tags
    }

    /// Starts reading the pipeline's IDF table in the background (a run starts it first thing).
    static func prefetchIDF(_ config: PipelineConfig, pipelineFolder: URL) -> Prefetch<IDFTable> {
        let path = idfPath(config, pipelineFolder: pipelineFolder)
        return Prefetch { try IDFTable(contentsOf: path, cacheDirectory: idfCacheDirectory) }
    }

    /// Starts reading jieba.posseg's HMM in the background, when TextRank will want it: TextRank on
    /// and a segmenter with the HMM (see `possegFiles`).
    static func prefetchPartOfSpeechModel(_ config: PipelineConfig, segmenter: Segmenter.Options?) -> Prefetch<PartOfSpeechModel>? {
        guard !possegFiles(config, segmenter: segmenter).isEmpty else { return nil }
        return Prefetch { try PartOfSpeechModel() }
    }

    /// The files of jieba.posseg's HMM, which TextRank's words depend on (see `ArticleKeywords`):
    /// none without TextRank, with `textrank_tagging: dictionary` or without the HMM.
    static func possegFiles(_ config: PipelineConfig, segmenter: Segmenter.Options?) -> [String] {
        let settings = config.analysis?.articleKeywords
        guard settings?.textrank ?? true, settings?.textrankTagging ?? "posseg" == "posseg", let segmenter, segmenter.usesHMM else { return [] }
        return ["char_state_tab.py", "prob_start.py", "prob_trans.py", "prob_emit.py"].map { PartOfSpeechModel.jiebaFolder + "/" + $0 }
    }

    /// Where the IDF table's binary cache goes: beside the segmentation model's.
    static var idfCacheDirectory: String { Segmenter.Options.defaultCacheDirectory() }

    static func idfPath(_ config: PipelineConfig, pipelineFolder: URL) -> String {
        config.analysis?.articleKeywords?.idf.map { resolve($0, in: pipelineFolder) } ?? IDFTable.jiebaPath
    }

    /// Everything besides an article's tokens that its keyword rows depend on: the IDF file (by
    /// content), how many words and whether TextRank runs (Cipin's version is in the tokens' key).
    static func articleKeywordSettings(_ config: PipelineConfig, pipelineFolder: URL, segmenter: Segmenter.Options?) -> [String] {
        let path = idfPath(config, pipelineFolder: pipelineFolder)
        let settings = config.analysis?.articleKeywords
        // The tags come from the dictionaries, which are in the tokens' key; the list is written as
        // JSON, so that no tag's characters can run into the next one's.
        let textRank = settings?.textrank ?? true
        let tags = String(decoding: (try? JSONEncoder().encode(textRankPartsOfSpeech(config))) ?? Data(), as: UTF8.self)
        let posseg = possegFiles(config, segmenter: segmenter)
        return ["idf=" + path + "=" + MethodSection.sha256(ofFileAt: path), "top=\(settings?.top ?? 20)",
                "textrank=\(textRank)"] + (textRank ? ["textrank_pos=" + tags, "textrank_tagging=" + (posseg.isEmpty ? "dictionary" : "posseg")] : [])
            + posseg.map { "posseg=" + $0 + "=" + MethodSection.sha256(ofFileAt: $0) }
    }

    /// Single keywords in file order, then the named sets in name order.
    static func keywordSpecs(_ config: PipelineConfig) -> [KeywordSpec] {
        config.keywords.map { KeywordSpec($0) }
            + (config.keywordSets ?? [:]).sorted { $0.key < $1.key }.map { KeywordSpec(name: $0.key, words: $0.value) }
    }

    static func scope(named name: String, radius: Int) -> CooccurrenceScope? {
        switch name {
        case "sentence": return .sentence
        case "paragraph": return .paragraph
        case "article": return .article
        case "window": return .window(radius: radius)
        default: return nil
        }
    }

    static func resolve(_ path: String, in folder: URL) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        return expanded.hasPrefix("/") ? expanded : folder.appendingPathComponent(expanded).standardizedFileURL.path
    }

    /// The pipeline's stop words: its `stopwords` file, `none`, or `dicts/stopwords.txt` beside it if there.
    static func loadStopWords(_ setting: String?, pipelineFolder: URL) throws -> StopWords {
        if setting == "none" { return StopWords() }
        if let setting { return try StopWords(contentsOf: resolve(setting, in: pipelineFolder)) }
        let standard = pipelineFolder.appendingPathComponent("dicts/stopwords.txt").path
        return FileManager.default.fileExists(atPath: standard) ? try StopWords(contentsOf: standard) : StopWords()
    }

    /// Keyness of the groups of a metadata field: each group against the rest (or the named ones).
    /// - Parameter whole: the corpus's `FrequencyTable`, when already made.
    static func compareGroups(_ corpus: SegmentedCorpus, settings: AnalysisConfig.KeynessConfig?, filter: TermFilter,
                              whole given: FrequencyTable? = nil, counts: CorpusCounts? = nil) -> [KeynessComparison] {
        let field = settings?.by ?? "region"
        let options = keynessOptions(settings, filter: filter)
        // Articles without a value of the field are in no group and in no group's rest (as in
        // `cipin compare --by`): "(none)" is no group of the corpus, and undated resolutions in
        // every period's rest would blur each comparison.
        let all = FrequencyTable.groups(of: corpus, by: field, counts: counts)
        let groups = all.filter { $0.value != KeywordFrequencies.noValue }
        guard groups.count >= 2 else { return [] }
        var whole = given ?? FrequencyTable(corpus: corpus)
        if let unvalued = all.first(where: { $0.value == KeywordFrequencies.noValue }) { whole = whole.subtracting(unvalued.table) }
        // The comparisons are independent: side by side on the cores (31 regions, each against the
        // rest, are 31 tests of the whole vocabulary), each in its place, so the order is the groups'.
        // (On threads of their own: a run computes keyness inside the analyses' `concurrentPerform`,
        // where a nested one gets no second thread; see `Parallel`.)
        let targets = groups.filter { settings?.target == nil || settings?.target == $0.value }
        let reference = settings?.reference.flatMap { $0 == "rest" ? nil : $0 }
        let referenceGroup = reference.flatMap { name in groups.first { $0.value == name } }
        let rest = whole, restLabel = KeynessComparison.restLabel(among: groups.map(\.value))
        // Which words pass the filters, once for the vocabulary all the groups share.
        let admitted = Keyness.admitted(whole.words, filter: options.filter)
        let slots = Parallel.each(targets.count) { index -> KeynessComparison? in
            let group = targets[index]
            if reference != nil {
                guard let other = referenceGroup, other.value != group.value else { return nil }
                return KeynessComparison(field: field, target: group.value, reference: other.value,
                                         table: Keyness.compare(group.table, against: other.table, options: options, admitted: admitted))
            }
            return KeynessComparison(field: field, target: group.value, reference: restLabel,
                                     table: Keyness.compare(group.table, against: rest.subtracting(group.table), options: options, admitted: admitted),
                                     againstRest: true)
        }
        return slots.compactMap { $0 }
    }
}

/// A value made by the first task that asks for it; the others wait for it.
private final class OnceValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}

/// Where the analyses running side by side leave their results; each slot is written by one task
/// and read after all have finished.
private final class Slots: @unchecked Sendable {
    private let lock = NSLock()
    var timings: [(String, Double)] = []

    func timed(_ name: String, _ work: () -> Void) {
        let start = DispatchTime.now().uptimeNanoseconds
        work()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        lock.lock()
        timings.append((name, seconds))
        lock.unlock()
    }

    var frequencies: KeywordFrequencies?
    var keywordCounts: KeywordCountTable?
    var terms: TermList?
    var cooccurrence: CooccurrenceTable?
    var collocates: CollocateTable?
    var concordance: RunConcordance?
    var keyness: [KeynessComparison]?
    var articleKeywords: RunArticleKeywords?
    var trends: Trends?
    var wholeTable: FrequencyTable?
    var cooccurrenceCounts: CooccurrenceCounts?
    var cooccurrenceCarriedOver = false
    var collocateCounts: CollocateCounts?
    var collocatesCarriedOver = false
    /// An error of a task (reading the IDF table).
    var failure: Error?
}
