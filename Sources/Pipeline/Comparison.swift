import Analysis
import Foundation
import Ingest
import Reporting

/// One side of a comparison: a set of segmented articles with a label (a group, a corpus, a run).
struct ComparisonSide: Sendable {
    var label: String
    var corpus: SegmentedCorpus

    /// The articles at `indices` of `corpus`, with the same vocabulary.
    init(label: String, corpus: SegmentedCorpus, indices: [Int]) {
        self.label = label
        self.corpus = SegmentedCorpus(articles: indices.map { corpus.articles[$0] }, segments: indices.map { corpus.segments[$0] },
                                      vocabulary: corpus.vocabulary)
    }

    init(label: String, corpus: SegmentedCorpus) {
        self.label = label
        self.corpus = corpus
    }
}

/// A keyword's rate on both sides, their difference and its 95% confidence interval.
///
/// Rates are whole-word tokens per 10,000 tokens. The interval is the Wald interval of the
/// difference of two proportions, p₁ − p₂ ± 1.96·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂), scaled to 10,000
/// tokens; the rate ratio's interval is exp(ln RR ± 1.96·√(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂)) (Katz et al.
/// 1978), undefined when either count is 0.
struct RateDifference: Sendable, Equatable {
    var keyword: String
    var countTarget: Int
    var tokensTarget: Int
    var countReference: Int
    var tokensReference: Int

    var rateTarget: Double { tokensTarget == 0 ? 0 : Double(countTarget) / Double(tokensTarget) * 10_000 }
    var rateReference: Double { tokensReference == 0 ? 0 : Double(countReference) / Double(tokensReference) * 10_000 }
    var difference: Double { rateTarget - rateReference }

    var standardError: Double {
        guard tokensTarget > 0, tokensReference > 0 else { return .nan }
        let p1 = Double(countTarget) / Double(tokensTarget)
        let p2 = Double(countReference) / Double(tokensReference)
        return (p1 * (1 - p1) / Double(tokensTarget) + p2 * (1 - p2) / Double(tokensReference)).squareRoot() * 10_000
    }

    var ciLow: Double { difference - 1.959964 * standardError }
    var ciHigh: Double { difference + 1.959964 * standardError }

    /// ∞ for a keyword absent from the reference only; not defined (NaN, written empty) when absent from both.
    var rateRatio: Double {
        if rateReference == 0 { return rateTarget == 0 ? .nan : .infinity }
        return rateTarget / rateReference
    }

    var rateRatioInterval: (low: Double, high: Double) {
        guard countTarget > 0, countReference > 0 else { return (.nan, .nan) }
        let se = (1 / Double(countTarget) - 1 / Double(tokensTarget) + 1 / Double(countReference) - 1 / Double(tokensReference)).squareRoot()
        let logRatio = log(rateRatio)
        return (exp(logRatio - 1.959964 * se), exp(logRatio + 1.959964 * se))
    }
}

/// Everything compared between two sides.
struct ComparisonResult: Sendable {
    var target: String
    var reference: String
    var keyness: KeynessTable
    var rates: [RateDifference]
    /// Words with at least `minimum` occurrences on one side and none on the other.
    var onlyTarget: [(word: String, count: Int)]
    var onlyReference: [(word: String, count: Int)]
    /// Sentence-level co-occurrence of keyword pairs on both sides.
    var pairs: [(a: String, b: String, target: Association?, reference: Association?)]
    /// Each keyword's collocates on both sides (`Collocates`, with the pipeline's options): every
    /// collocate either side lists, in keyword order, the target's in its order (by logDice), then
    /// those only the reference lists; `nil` where a side does not list it (fewer than
    /// `min_joint` in the spans).
    var collocates: [(keyword: String, collocate: String, target: CollocateTable.Row?, reference: CollocateTable.Row?)] = []
    /// Whether `pairs` were counted: stored runs keep no co-occurrence counts, so a comparison of
    /// them has none (and says so rather than showing an empty table).
    var pairsCounted = true
}

/// Compares two sides: keyness, keyword rates with confidence intervals, words found on one side
/// only, and keyword-pair co-occurrence. Used for group against group or rest, corpus against
/// corpus, and (with stored runs) this run against the last.
enum Comparing {
    static func compare(_ target: ComparisonSide, _ reference: ComparisonSide, keywords: [KeywordSpec],
                        filter: TermFilter, options: KeynessOptions, collocates collocateOptions: CollocateOptions? = nil,
                        minimumOnlyFrequency: Int = 3) -> ComparisonResult {
        var result = compare(target: (target.label, FrequencyTable(corpus: target.corpus), keywordTokens(keywords, in: target.corpus)),
                             reference: (reference.label, FrequencyTable(corpus: reference.corpus),
                                         keywordTokens(keywords, in: reference.corpus)),
                             keywords: keywords.map(\.name), filter: filter, options: options, minimumOnlyFrequency: minimumOnlyFrequency)
        result.pairsCounted = true
        let coOptions = CooccurrenceOptions(scopes: [.sentence], withEveryWord: false)
        let targetPairs = Cooccurrence.compute(keywords, in: target.corpus, options: coOptions).rows.filter(\.isKeywordPair)
        let referencePairs = Cooccurrence.compute(keywords, in: reference.corpus, options: coOptions).rows.filter(\.isKeywordPair)
        for (i, a) in keywords.enumerated() {
            for b in keywords[(i + 1)...] {
                func find(_ rows: [CooccurrenceTable.Row]) -> Association? {
                    rows.first { ($0.wordA == a.name && $0.wordB == b.name) || ($0.wordA == b.name && $0.wordB == a.name) }?.scores
                }
                result.pairs.append((a.name, b.name, find(targetPairs), find(referencePairs)))
            }
        }
        if let collocateOptions {
            let targetRows = Collocates.find(keywords, in: target.corpus, options: collocateOptions).rows
            let referenceRows = Collocates.find(keywords, in: reference.corpus, options: collocateOptions).rows
            for keyword in keywords.map(\.name) {
                let mine = targetRows.filter { $0.keyword == keyword }
                let theirs = referenceRows.filter { $0.keyword == keyword }
                let theirsByWord = Dictionary(theirs.map { ($0.collocate, $0) }, uniquingKeysWith: { first, _ in first })
                let mineWords = Set(mine.map(\.collocate))
                result.collocates += mine.map { (keyword, $0.collocate, $0, theirsByWord[$0.collocate]) }
                result.collocates += theirs.filter { !mineWords.contains($0.collocate) }.map { (keyword, $0.collocate, nil, $0) }
            }
        }
        return result
    }

    /// Each keyword's whole-word tokens in `corpus` (a set's: the tokens of any of its words), by
    /// name: the `tokenMatches` of `KeywordFrequencies`' totals, found from the tokens alone.
    ///
    /// Design note. `KeywordFrequencies.count` also finds every occurrence in the text, through an
    /// automaton it builds each time; `compare --by title` over 1,000 articles called it twice per
    /// article and spent 70% of its 10 s there, on counts it never used.
    static func keywordTokens(_ keywords: [KeywordSpec], in corpus: SegmentedCorpus) -> [String: Int] {
        var keywordsOfID: [Int32: [Int]] = [:]
        for (index, keyword) in keywords.enumerated() {
            for id in Set(keyword.distinctWords.compactMap { corpus.vocabulary.id(of: $0) }) { keywordsOfID[id, default: []].append(index) }
        }
        var isKeyword = [Bool](repeating: false, count: corpus.vocabulary.count)
        for id in keywordsOfID.keys { isKeyword[Int(id)] = true }
        var counts = [Int](repeating: 0, count: keywords.count)
        for segment in corpus.segments {
            for token in segment.tokens where isKeyword[Int(token)] {
                for index in keywordsOfID[token] ?? [] { counts[index] += 1 }
            }
        }
        return Dictionary(zip(keywords.map(\.name), counts), uniquingKeysWith: { first, _ in first })
    }

    /// Compares two sides known only by their word frequencies and keyword token counts (as a
    /// stored run is): keyness, keyword rates, and words on one side only; no co-occurrence.
    static func compare(target: (label: String, table: FrequencyTable, keywordTokens: [String: Int]),
                        reference: (label: String, table: FrequencyTable, keywordTokens: [String: Int]),
                        keywords: [String], filter: TermFilter, options: KeynessOptions, minimumOnlyFrequency: Int = 3) -> ComparisonResult {
        let keyness = Keyness.compare(target.table, against: reference.table, options: options)
        let rates = keywords.map { keyword in
            RateDifference(keyword: keyword, countTarget: target.keywordTokens[keyword] ?? 0, tokensTarget: target.table.total,
                           countReference: reference.keywordTokens[keyword] ?? 0, tokensReference: reference.table.total)
        }
        // Both sides' words in one vocabulary (keyed by their bytes, as the corpora keep them apart).
        var vocabulary = Vocabulary()
        var counts: [(target: Int, reference: Int)] = []
        for (table, isTarget) in [(target.table, true), (reference.table, false)] {
            for (word, count) in zip(table.words, table.counts) where count > 0 {
                let id = Int(vocabulary.intern(word))
                if id == counts.count { counts.append((0, 0)) }
                if isTarget { counts[id].target += count } else { counts[id].reference += count }
            }
        }
        func only(target side: Bool) -> [(word: String, count: Int)] {
            counts.indices.compactMap { id -> (word: String, count: Int)? in
                let (mine, theirs) = side ? (counts[id].target, counts[id].reference) : (counts[id].reference, counts[id].target)
                guard mine >= minimumOnlyFrequency, theirs == 0, filter.admits(vocabulary.words[id]) else { return nil }
                return (vocabulary.words[id], mine)
            }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        }
        return ComparisonResult(target: target.label, reference: reference.label, keyness: keyness, rates: rates,
                                onlyTarget: only(target: true), onlyReference: only(target: false), pairs: [], pairsCounted: false)
    }
}

/// Turns comparisons into report sections and CSV tables (one CSV per kind, a row per comparison).
enum ComparisonSection {
    /// - Parameter significantOnly: for the whole table (`top` nil), only the significant words
    ///   (the pipeline's `keyness.csv_rows`).
    static func keynessTable(_ results: [ComparisonResult], top: Int?, significantOnly: Bool = false) -> Table {
        let comparisons = results.map { KeynessComparison(field: "", target: $0.target, reference: $0.reference, table: $0.keyness) }
        var table = KeynessSection.table(comparisons, top: top, significantOnly: significantOnly)
        table.id = top == nil ? "compare-keyness-all" : "compare-keyness"
        // Its own title, not that of a run's Keyness section: the sides by name when there is one comparison.
        if let top {
            let sides = results.count == 1 ? "\(results[0].target) against \(results[0].reference)" : "each target against its reference"
            table.title = "Key words of \(sides): the \(top) strongest significant words over-used (±: +1) and the \(top) under-used (−1), each by G²"
        }
        return table
    }

    /// A ratio's cell: empty where it is not defined (a count of 0 in its interval, 0/0), as the README says.
    static func defined(_ value: Double) -> Cell {
        value.isNaN ? .empty : .decimal(value, fractionDigits: 3)
    }

    static func ratesTable(_ results: [ComparisonResult]) -> Table {
        Table(id: "compare-rates", title: "Keyword rates (as a word, per 10,000 words) with 95% confidence intervals",
              columns: [Column("target", label: "Target"), Column("reference", label: "Reference"), Column("keyword", label: "Keyword"),
                        Column("count_target", label: "Target count"), Column("tokens_target", label: "Target words"),
                        Column("count_reference", label: "Reference count"), Column("tokens_reference", label: "Reference words"),
                        Column("rate_target", label: "Target rate"), Column("rate_reference", label: "Reference rate"),
                        Column("difference", label: "Difference"), Column("ci_low", label: "95% CI low"), Column("ci_high", label: "95% CI high"),
                        Column("rate_ratio", label: "Rate ratio"), Column("ratio_ci_low", label: "Ratio CI low"), Column("ratio_ci_high", label: "Ratio CI high")],
              rows: results.flatMap { result in
                  result.rates.map { rate in
                      let ratio = rate.rateRatioInterval
                      return [.text(result.target), .text(result.reference), .text(rate.keyword), .integer(rate.countTarget), .integer(rate.tokensTarget),
                              .integer(rate.countReference), .integer(rate.tokensReference), .decimal(rate.rateTarget, fractionDigits: 2),
                              .decimal(rate.rateReference, fractionDigits: 2), .decimal(rate.difference, fractionDigits: 2),
                              .decimal(rate.ciLow, fractionDigits: 2), .decimal(rate.ciHigh, fractionDigits: 2),
                              defined(rate.rateRatio), defined(ratio.low), defined(ratio.high)]
                  }
              },
              csvName: "compare_rates.csv")
    }

    static func onlyTable(_ results: [ComparisonResult], limit: Int?) -> Table {
        var rows: [[Cell]] = []
        for result in results {
            for (side, words) in [(result.target, result.onlyTarget), (result.reference, result.onlyReference)] {
                for word in (limit.map { Array(words.prefix($0)) } ?? words) {
                    rows.append([.text(result.target), .text(result.reference), .text(side), .text(word.word), .integer(word.count)])
                }
            }
        }
        return Table(id: limit == nil ? "compare-only-all" : "compare-only", title: "Words found on one side only",
                     columns: [Column("target", label: "Target"), Column("reference", label: "Reference"), Column("side", label: "Found in"),
                               Column("word", label: "Word"), Column("frequency", label: "Frequency")],
                     rows: rows, csvName: limit == nil ? "compare_only.csv" : nil)
    }

    /// Each keyword's collocates on both sides: every one either side lists (`compare_collocates.csv`),
    /// or, with `top`, the `top` strongest of each side (joint above expected, by logDice).
    static func collocatesTable(_ results: [ComparisonResult], top: Int?) -> Table {
        func cells(_ row: CollocateTable.Row?) -> [Cell] {
            guard let row else { return [.integer(0), .empty, .empty] }
            return [.integer(row.scores.joint), .integer(row.scores.rowTotal), .decimal(row.scores.logDice, fractionDigits: 3)]
        }
        func attracted(_ row: CollocateTable.Row?) -> Bool { row.map { Double($0.scores.joint) > $0.scores.expected } ?? false }
        var rows: [[Cell]] = []
        for result in results {
            var shown = result.collocates
            if let top {
                // The strongest of each side, in keyword order, strongest first.
                var picked: Set<String> = []
                var selected: [(keyword: String, collocate: String, target: CollocateTable.Row?, reference: CollocateTable.Row?)] = []
                var seen: Set<String> = []
                for keyword in result.collocates.map(\.keyword) where seen.insert(keyword).inserted {
                    let of = result.collocates.filter { $0.keyword == keyword }
                    let bySide = [of.filter { attracted($0.target) }.sorted { $0.target!.scores.logDice > $1.target!.scores.logDice },
                                  of.filter { attracted($0.reference) }.sorted { $0.reference!.scores.logDice > $1.reference!.scores.logDice }]
                    var strongest = bySide.flatMap { Array($0.prefix(top)) }.filter { picked.insert(keyword + "\u{1F}" + $0.collocate).inserted }
                    strongest.sort { max($0.target?.scores.logDice ?? -.infinity, $0.reference?.scores.logDice ?? -.infinity)
                        > max($1.target?.scores.logDice ?? -.infinity, $1.reference?.scores.logDice ?? -.infinity) }
                    selected += strongest
                }
                shown = selected
            }
            for pair in shown {
                let difference: Cell = {
                    guard let t = pair.target, let r = pair.reference else { return .empty }
                    return .decimal(t.scores.logDice - r.scores.logDice, fractionDigits: 3)
                }()
                rows.append([.text(result.target), .text(result.reference), .text(pair.keyword), .text(pair.collocate)]
                            + cells(pair.target) + cells(pair.reference) + [difference])
            }
        }
        return Table(id: top == nil ? "compare-collocates-all" : "compare-collocates",
                     title: top.map { "The \($0) strongest collocates of each keyword on each side (joint above expected, by logDice), with the other side's" }
                        ?? "Collocates on both sides",
                     columns: [Column("target", label: "Target"), Column("reference", label: "Reference"), Column("keyword", label: "Keyword"),
                               Column("collocate", label: "Collocate"), Column("joint_target", label: "Target joint"),
                               Column("span_tokens_target", label: "Target span words"), Column("logdice_target", label: "Target logDice"),
                               Column("joint_reference", label: "Reference joint"), Column("span_tokens_reference", label: "Reference span words"),
                               Column("logdice_reference", label: "Reference logDice"), Column("logdice_difference", label: "logDice difference")],
                     rows: rows, csvName: top == nil ? "compare_collocates.csv" : nil)
    }

    static func pairsTable(_ results: [ComparisonResult]) -> Table {
        func cells(_ scores: Association?) -> [Cell] {
            guard let scores else { return [.integer(0), .empty, .empty] }
            return [.integer(scores.joint), .integer(scores.total), .decimal(scores.logDice, fractionDigits: 3)]
        }
        return Table(id: "compare-cooccurrence", title: "Keyword pairs in sentences: joint count and logDice on each side",
                     columns: [Column("target", label: "Target"), Column("reference", label: "Reference"), Column("word_a", label: "A"),
                               Column("word_b", label: "B"), Column("joint_target", label: "Target joint"), Column("sentences_target", label: "Target sentences"),
                               Column("logdice_target", label: "Target logDice"), Column("joint_reference", label: "Reference joint"),
                               Column("sentences_reference", label: "Reference sentences"), Column("logdice_reference", label: "Reference logDice"),
                               Column("logdice_difference", label: "logDice difference")],
                     rows: results.flatMap { result in
                         result.pairs.map { pair in
                             let difference: Cell = {
                                 guard let t = pair.target, let r = pair.reference, t.joint > 0, r.joint > 0 else { return .empty }
                                 return .decimal(t.logDice - r.logDice, fractionDigits: 3)
                             }()
                             return [.text(result.target), .text(result.reference), .text(pair.a), .text(pair.b)] + cells(pair.target)
                                 + cells(pair.reference) + [difference]
                         }
                     },
                     csvName: "compare_cooccurrence.csv")
    }

    /// The label of the rate over all the compared articles in the chart of groups each against its rest.
    static let allCompared = "all compared articles"

    /// The bar chart of keyword rates (`compare_rates.svg`). One comparison (two groups, two
    /// corpora, two runs) shows its two sides. Several comparisons are groups each against its own
    /// rest, a different reference for each: the chart shows each group and, instead of any one
    /// rest, the rate over all the compared articles (each group with its rest), the same for every
    /// group. `nil` for more than 12 groups, or when the comparisons do not cover the same articles.
    static func rateChart(_ results: [ComparisonResult]) -> Figure? {
        guard let first = results.first, results.count <= maximumChartedGroups else { return nil }
        let categories = first.rates.map(\.keyword)
        var series: [ChartSeries]
        if results.count == 1 {
            series = [ChartSeries(name: first.reference, values: first.rates.map(\.rateReference)),
                      ChartSeries(name: first.target, values: first.rates.map(\.rateTarget))]
        } else {
            // A group and its rest are all the compared articles: the same counts whichever group.
            let pooled = first.rates.map { (count: $0.countTarget + $0.countReference, tokens: $0.tokensTarget + $0.tokensReference) }
            guard results.allSatisfy({ result in
                result.rates.map(\.keyword) == categories
                    && zip(result.rates, pooled).allSatisfy { $0.countTarget + $0.countReference == $1.count && $0.tokensTarget + $0.tokensReference == $1.tokens }
            }) else { return nil }
            series = results.map { result in ChartSeries(name: result.target, values: result.rates.map(\.rateTarget)) }
                + [ChartSeries(name: allCompared, values: pooled.map { $0.tokens == 0 ? 0 : Double($0.count) / Double($0.tokens) * 10_000 })]
        }
        let described = series.map { line in
            line.name + ": " + zip(categories, line.values).map { "\($0) \(NumberFormat.fixed($1 ?? 0, 1))" }.joined(separator: ", ")
        }
        return Figure(id: "compare-rate-chart", title: "Keyword rates per 10,000 words", fileRef: "compare_rates.svg",
                      description: "Grouped bars: " + described.joined(separator: "; ") + "."
                          + (results.count > 1 ? " Each group is compared with the rest; \(allCompared) are those of all \(results.count) groups." : ""),
                      chart: .bar(BarChart(categories: categories, series: series, valueAxisLabel: "per 10,000 words",
                                           showsValueLabels: false, valueFractionDigits: 1)))
    }

    /// The measures and test of the comparisons' keyness as computed (one sentence when the
    /// comparisons share their settings, as those of one command do), then each one's words tested.
    static func keynessMeasures(_ results: [ComparisonResult]) -> String {
        let texts = results.map { KeynessSection.measures($0.keyness) }
        let measures = Set(texts).count <= 1 ? texts.first ?? ""
            : zip(results, texts).map { "\($0.target) against \($0.reference): \($1)" }.joined(separator: " ")
        return measures + " " + results.map { "\($0.target) against \($0.reference): \(KeynessSection.tested($0.keyness))." }
            .joined(separator: " ")
    }

    /// - Parameter significantOnly: whether compare_keyness.csv holds only the significant words (said in the text).
    static func sections(_ results: [ComparisonResult], top: Int, significantOnly: Bool = false) -> [Section] {
        var rateBlocks: [Block] = [
            .paragraph("Each keyword's whole-word rate on both sides. The difference has a 95% Wald interval for the difference of "
                + "two proportions; the rate ratio a 95% interval on the log scale (Katz et al. 1978), undefined when a count is 0. "
                + "An interval that excludes 0 (or 1 for the ratio) marks a difference larger than chance would give."),
        ]
        if results.allSatisfy({ $0.reference == results.first?.reference }), let chart = rateChart(results) {
            rateBlocks.append(.figure(chart))
        } else if results.count > maximumChartedGroups {
            rateBlocks.append(.paragraph("No chart: \(results.count) groups are more than a chart of grouped bars shows "
                + "(\(maximumChartedGroups)); the table and compare_rates.csv have every rate."))
        }
        rateBlocks.append(.table(ratesTable(results)))
        return [
            Section(id: "compare-rates-section", title: "Keyword rates", blocks: rateBlocks),
            Section(id: "compare-keyness-section", title: "Keyness", blocks: [
                .paragraph("Of every word: " + keynessMeasures(results)
                    + " G² says how sure, ± which way: +1 for a word more frequent in the target, −1 for one less frequent. The report shows the \(top) "
                    + "strongest significant words of each kind per comparison; compare_keyness.csv has "
                    + (significantOnly ? "every significant word (`keyness.csv_rows: all` writes every word tested)." : "every word tested.")),
                .table(keynessTable(results, top: top)),
            ]),
            Section(id: "compare-only-section", title: "Words on one side only", blocks: [
                .paragraph("Words with at least 3 occurrences on one side and none on the other (stop words, punctuation and numbers "
                    + "left out); the 30 most frequent per side are shown, compare_only.csv has them all."),
                .table(onlyTable(results, limit: 30)),
            ]),
            results.contains(where: \.pairsCounted)
                ? Section(id: "compare-cooccurrence-section", title: "Co-occurrence differences", blocks: [.table(pairsTable(results))])
                : Section(id: "compare-cooccurrence-section", title: "Co-occurrence and collocates", blocks: [
                    .paragraph("Not compared: the run store keeps each run's word and keyword counts, not its co-occurrence or collocate "
                        + "counts. Each run's cooccurrence.csv and collocates.csv are in its run folder while it is kept (keep_runs)."),
                ]),
        ] + (!collocatesCounted(results) ? [] : [
            Section(id: "compare-collocates-section", title: "Collocates on each side", blocks: [
                .paragraph("Each keyword's collocates counted on each side apart, with the pipeline's collocate settings (see the "
                    + "README's Collocates): the joint count in the keyword's spans, the span words, and logDice. A collocate one side "
                    + "does not list (fewer than min_joint in its spans) shows 0 there. The \(collocateTop) strongest of each side are "
                    + "shown; compare_collocates.csv has every collocate either side lists."
                    + (results.allSatisfy { $0.collocates.isEmpty } ? " No keyword has a collocate on either side." : "")),
                .table(collocatesTable(results, top: collocateTop)),
            ]),
        ])
    }

    /// How many collocates of each side the report shows per keyword.
    static let collocateTop = 10

    /// The most groups `compare_rates.svg` shows.
    static let maximumChartedGroups = 12

    /// Whether the comparisons counted collocates (sides with their tokens, not stored runs).
    static func collocatesCounted(_ results: [ComparisonResult]) -> Bool {
        results.contains(where: \.pairsCounted)
    }

    static func attachments(_ results: [ComparisonResult], significantOnly: Bool) -> [Table] {
        var keyness = keynessTable(results, top: nil, significantOnly: significantOnly)
        keyness.csvName = "compare_keyness.csv"
        return [keyness, onlyTable(results, limit: nil)] + (collocatesCounted(results) ? [collocatesTable(results, top: nil)] : [])
    }
}
