import Analysis
import Ingest
import Reporting

/// `one` when one thing is named, else `many`: a sentence's verb or pronoun agreeing with the
/// names it lists (`agreeing(names.count == 1, "is", "are")`).
func agreeing(_ isOne: Bool, _ one: String, _ many: String) -> String { isOne ? one : many }

/// The term list (`terms.csv`); the report shows the most frequent terms.
enum TermsSection {
    /// The whole list (`terms.csv`, its records written field by field from the rows: a row per
    /// word type of the corpus), or its first `limit` rows for the report.
    static func table(_ terms: TermList, limit: Int? = nil) -> Table {
        let rows = limit.map { Array(terms.rows.prefix($0)) } ?? terms.rows
        let columns = [Column("term", label: "Term"), Column("frequency", label: "Frequency"), Column("documents", label: "Articles"),
                       Column("per_10k_tokens", label: "Per 10,000 words"), Column("juilland_d", label: "Juilland's D"),
                       Column("gries_dp", label: "Gries's DP"), Column("dp_norm", label: "DP (normalised)")]
        let row: @Sendable (Int, inout [Cell]) -> Void = { index, cells in
            let row = rows[index]
            cells += [.text(row.term), .integer(row.frequency), .integer(row.documents), .decimal(row.per10kTokens, fractionDigits: 2),
                      .decimal(row.juillandD, fractionDigits: 3), .decimal(row.griesDP, fractionDigits: 3), .decimal(row.dpNorm, fractionDigits: 3)]
        }
        guard limit == nil else {
            return Table(id: "terms", title: "The \(rows.count) most frequent terms", columns: columns, rowCount: rows.count, row: row)
        }
        return Table(id: "terms-all", title: "Term list", columns: columns, rowCount: rows.count, csvName: "terms.csv", row: row,
                     records: { range, bytes in
                         CSVWriter.appendRecords(range, to: &bytes) { index, fields in
                             fields.text(rows[index].term)
                             fields.integer(rows[index].frequency)
                             fields.integer(rows[index].documents)
                             fields.decimal(rows[index].per10kTokens)
                             fields.decimal(rows[index].juillandD)
                             fields.decimal(rows[index].griesDP)
                             fields.decimal(rows[index].dpNorm)
                         }
                     })
    }

    /// - Parameter minimumFrequency: the term list's `analysis.min_frequency`, said in the text.
    static func section(_ terms: TermList, minimumFrequency: Int = 1) -> Section {
        let which = minimumFrequency > 1 ? "that occurs at least \(minimumFrequency) times" : "of the segmented text"
        return Section(id: "terms-section", title: "Terms", blocks: [
            .paragraph("Every word type \(which) (\(terms.rows.count) of them; stop words, punctuation and numbers left out as set) "
                + "with its frequency, the articles it occurs in (its range), its rate per 10,000 words (of the \(terms.tokenCount) "
                + "words of the \(terms.partCount) articles, punctuation included), and its dispersion over the articles: "
                + "Juilland's D (1 = even) and Gries's DP (0 = even). "
                + "terms.csv lists them all" + (minimumFrequency > 1 ? "; rarer words are left out (`analysis.min_frequency: 1` lists every word)." : ".")),
            .table(table(terms, limit: 50)),
        ])
    }
}

/// Co-occurrence of keyword pairs and of keywords with other words (`cooccurrence.csv`), a
/// keyword × keyword matrix per scope, and a network of each keyword's strongest partners.
enum CooccurrenceSection {
    static let measureColumns = [
        Column("joint", label: "Joint"), Column("freq_a", label: "Units with A"), Column("freq_b", label: "Units with B"),
        Column("total", label: "Units"), Column("expected", label: "Expected"), Column("pmi", label: "PMI"), Column("npmi", label: "NPMI"),
        Column("mi3", label: "MI3"), Column("g2", label: "G²"), Column("dice", label: "Dice"), Column("logdice", label: "logDice"),
        Column("jaccard", label: "Jaccard"), Column("t_score", label: "t-score"),
    ]

    static func appendMeasureCells(_ scores: Association, to cells: inout [Cell]) {
        cells.append(.integer(scores.joint))
        cells.append(.integer(scores.freqA))
        cells.append(.integer(scores.freqB))
        cells.append(.integer(scores.total))
        cells.append(.decimal(scores.expected, fractionDigits: 2))
        cells.append(.decimal(scores.pmi, fractionDigits: 3))
        cells.append(.decimal(scores.npmi, fractionDigits: 3))
        cells.append(.decimal(scores.mi3, fractionDigits: 3))
        cells.append(.decimal(scores.g2, fractionDigits: 2))
        cells.append(.decimal(scores.dice, fractionDigits: 4))
        cells.append(.decimal(scores.logDice, fractionDigits: 3))
        cells.append(.decimal(scores.jaccard, fractionDigits: 4))
        cells.append(.decimal(scores.tScore, fractionDigits: 3))
    }

    /// The CSV fields of `appendMeasureCells(scores)`.
    static func appendMeasureFields(_ scores: Association, to fields: inout CSVWriter.RecordFields) {
        fields.integer(scores.joint)
        fields.integer(scores.freqA)
        fields.integer(scores.freqB)
        fields.integer(scores.total)
        fields.decimal(scores.expected)
        fields.decimal(scores.pmi)
        fields.decimal(scores.npmi)
        fields.decimal(scores.mi3)
        fields.decimal(scores.g2)
        fields.decimal(scores.dice)
        fields.decimal(scores.logDice)
        fields.decimal(scores.jaccard)
        fields.decimal(scores.tScore)
    }

    /// All pairs for the CSV, or only keyword–keyword pairs for the report. `cooccurrence.csv`
    /// (each keyword with every other word: a large table) has its records written field by field
    /// from the rows.
    static func table(_ table: CooccurrenceTable, keywordPairsOnly: Bool = false) -> Table {
        let rows = keywordPairsOnly ? table.rows.filter { $0.isKeywordPair } : table.rows
        let columns = [Column("scope", label: "Scope"), Column("word_a", label: "A"), Column("word_b", label: "B")] + measureColumns
            + [Column("keyword_pair", label: "Both keywords")]
        let row: @Sendable (Int, inout [Cell]) -> Void = { index, cells in
            let row = rows[index]
            cells.append(.text(row.scope))
            cells.append(.text(row.wordA))
            cells.append(.text(row.wordB))
            appendMeasureCells(row.scores, to: &cells)
            cells.append(.text(row.isKeywordPair ? "yes" : "no"))
        }
        guard !keywordPairsOnly else {
            return Table(id: "cooccurrence-keywords", title: "Co-occurrence of keyword pairs", columns: columns, rowCount: rows.count, row: row)
        }
        return Table(id: "cooccurrence", title: "Co-occurrence (all pairs)", columns: columns, rowCount: rows.count, csvName: "cooccurrence.csv",
                     row: row,
                     records: { range, bytes in
                         CSVWriter.appendRecords(range, to: &bytes) { index, fields in
                             fields.text(rows[index].scope)
                             fields.text(rows[index].wordA)
                             fields.text(rows[index].wordB)
                             appendMeasureFields(rows[index].scores, to: &fields)
                             fields.text(rows[index].isKeywordPair ? "yes" : "no")
                         }
                     })
    }

    /// The most keywords a matrix of the report shows (its columns and rows): 2,000 keywords
    /// made four tables of four million cells, a report of 140 MB that no one could read.
    static let matrixKeywords = 30

    static func matrixTable(_ matrix: CooccurrenceMatrix) -> Table {
        let id = "matrix-" + matrix.scope
        let shown = matrix.keywords.indices.prefix(matrixKeywords)
        let part = shown.count < matrix.keywords.count
            ? " (the first \(shown.count) of the \(matrix.keywords.count) keywords; cooccurrence.csv has every pair)" : ""
        return Table(id: id, title: "Keyword × keyword, \(matrix.scope) scope: joint units (logDice); \(matrix.total) units" + part,
                     columns: [Column("keyword", label: "Keyword"), Column("units", label: "Units with it")]
                        + shown.map { Column("k\($0 + 1)", label: matrix.keywords[$0]) },
                     rows: shown.map { row in
                         [.text(matrix.keywords[row]), .integer(matrix.frequencies[row])] + shown.map { column in
                             row == column ? .empty : .text("\(matrix.joint[row][column]) (\(NumberFormat.fixed(matrix.logDice[row][column], 2)))")
                         }
                     })
    }

    static func network(_ table: CooccurrenceTable, keywords: [KeywordSpec], perKeyword: Int = 8) -> Figure? {
        let scope = table.rows.first { $0.scope == "sentence" }?.scope ?? table.rows.first?.scope
        guard let scope else { return nil }
        // Partners are words that go with the keyword: more units together than chance predicts
        // (joint above expected), strongest by logDice; a word that avoids it is no partner.
        // Each keyword's candidates in one pass over the table, in table order, then its strongest.
        // A keyword's partner rows come one after another: its name is looked up when it changes.
        var slots: [String: Int] = [:]
        for keyword in keywords where slots[keyword.name] == nil { slots[keyword.name] = slots.count }
        var candidates = [[CooccurrenceTable.Row]](repeating: [], count: slots.count)
        var wordA: String?, slot: Int?
        for row in table.rows where row.scope == scope && row.scores.joint > 0 && Double(row.scores.joint) > row.scores.expected {
            if row.wordA != wordA {
                wordA = row.wordA
                slot = slots[row.wordA]
            }
            if let slot { candidates[slot].append(row) }
        }
        func strongest(_ keyword: KeywordSpec) -> ArraySlice<CooccurrenceTable.Row> {
            candidates[slots[keyword.name]!].sorted { $0.scores.logDice > $1.scores.logDice }.prefix(perKeyword)
        }
        var nodes: [String: NetworkNode] = [:]
        var edges: [NetworkEdge] = []
        for keyword in keywords {
            let partners = strongest(keyword)
            guard !partners.isEmpty else { continue }
            nodes["k:" + keyword.name] = NetworkNode(id: "k:" + keyword.name, label: keyword.name, weight: Double(partners.first!.scores.freqA), group: "keyword", isHub: true)
            for partner in partners {
                let isKeyword = keywords.contains { $0.name == partner.wordB }
                let id = (isKeyword ? "k:" : "w:") + partner.wordB
                if nodes[id] == nil {
                    nodes[id] = NetworkNode(id: id, label: partner.wordB, weight: Double(partner.scores.freqB), group: isKeyword ? "keyword" : "word", isHub: isKeyword)
                }
                if !edges.contains(where: { ($0.source == id && $0.target == "k:" + keyword.name) }) {
                    edges.append(NetworkEdge(source: "k:" + keyword.name, target: id, weight: partner.scores.logDice))
                }
            }
        }
        guard !nodes.isEmpty else { return nil }
        let description = keywords.map { keyword in
            let partners = strongest(keyword).map(\.wordB)
            return "\(keyword.name): " + (partners.isEmpty ? "none" : partners.joined(separator: "、"))
        }.joined(separator: "; ")
        return Figure(id: "cooccurrence-network", title: "Keywords and their strongest partners (\(scope) scope, by logDice)",
                      fileRef: "cooccurrence.svg", description: "Network: " + description + ". A circle's area grows with the "
                        + "\(scope)s that hold its word; a line's width with the pair's logDice, from the weakest line shown (thinnest) "
                        + "to the strongest.",
                      chart: .network(NetworkChart(nodes: nodes.values.sorted { $0.id < $1.id }, edges: edges)))
    }

    /// Keywords that share words (a keyword and a set holding it): every unit holding a shared
    /// word holds both, so their pair's joint count includes those units by definition.
    static func sharedWords(_ keywords: [KeywordSpec]) -> String {
        var pairs: [String] = []
        for (a, first) in keywords.enumerated() {
            for second in keywords[(a + 1)...] {
                let shared = first.words.filter(second.words.contains)
                if !shared.isEmpty { pairs.append("\(first.name) and \(second.name) share \(shared.joined(separator: "、"))") }
            }
        }
        guard !pairs.isEmpty else { return "" }
        return " Keywords that share words are present together wherever a shared word is, so their pair's joint count "
            + "includes every unit holding one: " + pairs.joined(separator: "; ") + "."
    }

    /// The keywords in no unit of any scope, never a whole word of the segmented text or found
    /// nowhere (`KeywordFrequencies`, as the keywords and collocates sections tell them): their
    /// rows have joint 0 and measures that are undefined or −∞, which would read as avoidance.
    static func unitless(_ frequencies: KeywordFrequencies) -> String {
        let never = frequencies.neverWholeWords, nowhere = frequencies.foundNowhere
        var reasons: [String] = []
        if !never.isEmpty {
            reasons.append(never.joined(separator: "、") + agreeing(never.count == 1, " is", " are")
                + " never a whole word of the segmented text (the Problems section says why)")
        }
        if !nowhere.isEmpty {
            reasons.append(nowhere.joined(separator: "、") + agreeing(nowhere.count == 1, " is", " are") + " found nowhere in the corpus")
        }
        guard !reasons.isEmpty else { return "" }
        let one = never.count + nowhere.count == 1
        return " " + reasons.joined(separator: "; ") + ", so " + agreeing(one, "it is", "they are") + " in no unit: "
            + agreeing(one, "its", "their") + " rows show 0 and measures that are undefined (NaN), −∞, or the values of no "
            + "co-occurrence at all (NPMI −1, G² 0, Dice 0), which say nothing of how the words go together."
    }

    /// - Parameters: windowRadius, windowBoundary: the window scope's, as the table was counted.
    /// - Parameters: frequencies: the keyword counts, which tell the keywords that are in no unit.
    static func section(_ table: CooccurrenceTable, keywords: [KeywordSpec], frequencies: KeywordFrequencies, windowRadius: Int,
                        windowBoundary: TextUnit) -> Section {
        var everyWordScopes: [String] = []
        for row in table.rows where !row.isKeywordPair && everyWordScopes.last != row.scope { everyWordScopes.append(row.scope) }
        let contents = everyWordScopes.isEmpty ? "The keyword pairs of every scope are in cooccurrence.csv."
            : "The keyword pairs of every scope, and each keyword with every other word in the "
                + everyWordScopes.joined(separator: " and ") + " scope\(everyWordScopes.count > 1 ? "s" : ""), are in cooccurrence.csv."
        var blocks: [Block] = [
            .paragraph("For each scope (sentence, paragraph, article, or a window of ±\(windowRadius) words around every word, "
                + "within its \(windowBoundary.rawValue)) the units that contain each word and each pair are counted; joint, expected = A·B/units, PMI, NPMI, "
                + "MI3, log-likelihood G² (Dunning 1993), Dice, logDice (Rychlý 2008, at most 14), Jaccard and t-score follow "
                + "from the 2×2 table. G² says how sure an association is, not its direction: the words of a pair whose joint count is "
                + "below the expected one avoid each other (its PMI and t-score are negative). " + contents + sharedWords(keywords)
                + unitless(frequencies)),
        ]
        if let network = network(table, keywords: keywords) { blocks.append(.figure(network)) }
        blocks += table.matrices.map { .table(matrixTable($0)) }
        blocks.append(.table(self.table(table, keywordPairsOnly: true)))
        return Section(id: "cooccurrence-section", title: "Co-occurrence", blocks: blocks)
    }
}

/// Collocates of each keyword within ±N words (`collocates.csv`), sorted by logDice.
enum CollocatesSection {
    /// What the section counts, with the spans and boundary it was counted with.
    static func description(_ options: CollocateOptions, top: Int) -> String {
        let span = options.left == options.right ? "±\(options.left) words of each keyword"
            : "\(options.left) words to the left and \(options.right) to the right of each keyword (L\(options.left)–R\(options.right))"
        return "Words within " + span + " in its \(options.boundary.rawValue), left and right "
            + "counted apart, scored on the contingency table of Evert (2008): joint = co-occurrences in the spans, "
            + "expected = span words × collocate frequency / corpus words; Dice and logDice (at most 14) of the same table, "
            + "so logDice runs lower than in tools that take the keyword's frequency instead of its span words. The report "
            + "shows the strongest \(top) per keyword by logDice among the words found in the spans "
            + "more often than expected; collocates.csv has them all, those found less often too."
    }

    /// The keywords without a row in the report's list, and why: found nowhere, never a whole
    /// word of the segmented text (no span to count in), or no word found in their spans more
    /// often than expected. Empty when every keyword has rows.
    static func absent(_ table: CollocateTable, frequencies: KeywordFrequencies) -> String {
        let listed = Set(table.rows.lazy.filter { Double($0.scores.joint) > $0.scores.expected }.map(\.keyword))
        // Found nowhere and never a whole word: no rows at all (no spans to count in).
        let nowhere = frequencies.foundNowhere, unitless = frequencies.neverWholeWords
        let unmatched = frequencies.totals.filter { $0.member.isEmpty && $0.tokenMatches > 0 && !listed.contains($0.keyword) }.map(\.keyword)
        var text = ""
        if !nowhere.isEmpty {
            text += " " + nowhere.joined(separator: "、") + agreeing(nowhere.count == 1, " is", " are") + " found nowhere in the corpus."
        }
        if !unitless.isEmpty {
            text += " " + unitless.joined(separator: "、") + agreeing(unitless.count == 1, " has", " have")
                + " no collocates: never a whole word of the segmented text, " + agreeing(unitless.count == 1, "it has", "they have")
                + " no spans to count in (the Problems section says why)."
        }
        if !unmatched.isEmpty {
            text += " " + unmatched.joined(separator: "、") + agreeing(unmatched.count == 1, " has", " have")
                + " no word in " + agreeing(unmatched.count == 1, "its", "their") + " spans more often than expected (collocates.csv has the rest)."
        }
        return text
    }

    static func table(_ table: CollocateTable, top: Int?) -> Table {
        // The report's list: collocates that occur in the spans more often than chance predicts
        // (joint above expected), strongest by logDice; collocates.csv has every one, repelled ones too.
        let rows = top.map { firstRows(table.rows.filter { Double($0.scores.joint) > $0.scores.expected }, perKeyword: $0, keyword: \.keyword) }
            ?? table.rows
        return Table(id: top == nil ? "collocates-all" : "collocates",
                     title: top == nil ? "Collocates" : "Strongest collocates per keyword (joint above expected, by logDice)",
                     columns: [Column("keyword", label: "Keyword"), Column("collocate", label: "Collocate"), Column("left", label: "Left"),
                               Column("right", label: "Right"), Column("joint", label: "Joint"), Column("freq_keyword", label: "Keyword frequency"),
                               Column("freq_collocate", label: "Collocate frequency"), Column("total", label: "Words"),
                               Column("span_tokens", label: "Span words"), Column("expected", label: "Expected"), Column("pmi", label: "PMI"),
                               Column("npmi", label: "NPMI"), Column("mi3", label: "MI3"), Column("g2", label: "G²"), Column("dice", label: "Dice"),
                               Column("logdice", label: "logDice"), Column("jaccard", label: "Jaccard"), Column("t_score", label: "t-score")],
                     rowCount: rows.count, csvName: top == nil ? "collocates.csv" : nil) { index, cells in
            let row = rows[index]
            let s = row.scores
            cells += [.text(row.keyword), .text(row.collocate), .integer(row.left), .integer(row.right), .integer(s.joint),
                      .integer(s.freqA), .integer(s.freqB), .integer(s.total), .integer(s.rowTotal),
                      .decimal(s.expected, fractionDigits: 2), .decimal(s.pmi, fractionDigits: 3), .decimal(s.npmi, fractionDigits: 3),
                      .decimal(s.mi3, fractionDigits: 3), .decimal(s.g2, fractionDigits: 2), .decimal(s.dice, fractionDigits: 4),
                      .decimal(s.logDice, fractionDigits: 3), .decimal(s.jaccard, fractionDigits: 4), .decimal(s.tScore, fractionDigits: 3)]
        }
    }
}

/// Keyword in context (`concordance.csv`); the report shows a sample per keyword.
enum ConcordanceSection {
    static let columns = [Column("document", label: "Article"), Column("keyword", label: "Keyword"), Column("left", label: "Left"),
                          Column("match", label: "Match"), Column("right", label: "Right"), Column("paragraph", label: "Paragraph"),
                          Column("sentence", label: "Sentence"), Column("offset", label: "Offset")]

    /// A line's cells (`RunConcordance.appendRecords` writes the same fields as bytes).
    static func cells(_ line: Concordance.Line) -> [Cell] {
        [.text(line.document), .text(line.keyword), .text(line.left), .text(line.match), .text(line.right),
         .integer(line.paragraph), .integer(line.sentence), .integer(line.scalarOffset)]
    }

    /// What the section shows: every line in `concordance.csv`, or a sample of each keyword's
    /// (`written`, from `all`) with how many lines each keyword has in all.
    static func description(all: RunConcordance, written: RunConcordance, context: Int, sample: Int) -> String {
        var text = "Every exact occurrence of each keyword with \(context) characters of context on each side, within its paragraph"
        let shown = "\(sample) lines per keyword are shown, a random sample in corpus order (the lines of smallest sampling key, "
            + "as for `analysis.concordance.max_lines`, so the same lines in every run over the same articles)"
        if written.lineCount == all.lineCount {
            text += " (\(all.lineCount) lines in concordance.csv). " + shown.prefix(1).uppercased() + shown.dropFirst() + "."
        } else {
            let counts = written.keywordNames.indices.map { k in
                "\(written.keywordNames[k]) \(written.lineCount(keyword: k)) of \(all.lineCount(keyword: k))"
            }
            text += ". concordance.csv has a random sample of each keyword's lines (`analysis.concordance.max_lines`; "
                + counts.joined(separator: ", ") + "; \(written.lineCount) of \(all.lineCount) in all), in corpus order; "
                + "of those, " + shown + "."
        }
        return text
    }

    /// A random sample of `sample` lines of each keyword, in corpus order, for the report: the
    /// lines of smallest sampling key (`RunConcordance.sampled`), so lines from across the corpus,
    /// not only from its first articles, and the same lines in every run over the same articles.
    /// `concordance` must hold every line (a line's key counts the lines before it in its article);
    /// the lines shown are then also in `max_lines`'s sample.
    static func table(_ concordance: RunConcordance, sample: Int) -> Table {
        let lines = concordance.sample(perKeyword: sample)
        return Table(id: "concordance", title: "Concordance samples", columns: columns, rowCount: lines.count) { [lines] index, cells in
            cells += Self.cells(lines[index])
        }
    }

    /// Every line (`concordance.csv`), its records written from the lines' bytes.
    static func csvTable(_ concordance: RunConcordance) -> Table {
        Table(id: "concordance-all", title: "Concordance", columns: columns, rowCount: concordance.lineCount, csvName: "concordance.csv",
              row: { index, cells in cells += Self.cells(concordance.line(at: index)) },
              records: { range, bytes in concordance.appendRecords(range, to: &bytes) })
    }
}

/// Keyness of groups against each other or the rest (`keyness.csv`).
enum KeynessSection {
    /// - Parameter significantOnly: for the whole table (`top` nil), only the significant words
    ///   (`keyness.csv_rows: significant`, the pipeline's default).
    static func table(_ comparisons: [KeynessComparison], top: Int?, significantOnly: Bool = false) -> Table {
        var rows: [[Cell]] = []
        for comparison in comparisons {
            // The report: the `top` strongest over-used and the `top` strongest under-used significant
            // words, so that both sides of a comparison show (the rows are over-used first).
            let selected = top.map { limit in
                let significant = comparison.table.rows.filter(\.significant)
                return Array(significant.filter { $0.sign > 0 }.prefix(limit)) + Array(significant.filter { $0.sign < 0 }.prefix(limit))
            } ?? (significantOnly ? comparison.table.rows.filter(\.significant) : comparison.table.rows)
            for row in selected {
                rows.append([.text(row.word), .integer(row.freqTarget), .integer(row.freqReference), .integer(row.sizeTarget),
                             .integer(row.sizeReference), .decimal(row.per10kTarget, fractionDigits: 2), .decimal(row.per10kReference, fractionDigits: 2),
                             .decimal(row.g2, fractionDigits: 2), .significant(row.pValue, digits: 2), .integer(row.sign),
                             .decimal(row.logRatio, fractionDigits: 3), .decimal(row.pctDiff, fractionDigits: 1),
                             .decimal(row.simpleMaths, fractionDigits: 3), .text(row.significant ? "yes" : "no"),
                             .text(comparison.field), .text(comparison.target), .text(comparison.reference)])
            }
        }
        return Table(id: top == nil ? "keyness-all" : "keyness",
                     title: top.map { "Key words of each group: the \($0) strongest significant words over-used (±: +1) and the \($0) under-used (−1), each by G²" } ?? "Keyness",
                     columns: [Column("word", label: "Word"), Column("freq_target", label: "Target"), Column("freq_reference", label: "Reference"),
                               Column("size_target", label: "Target size (words)"), Column("size_reference", label: "Reference size (words)"),
                               Column("per_10k_target", label: "Target per 10,000 words"), Column("per_10k_reference", label: "Reference per 10,000 words"),
                               Column("g2", label: "G²"), Column("p_value", label: "p"), Column("sign", label: "±"),
                               Column("log_ratio", label: "Log ratio"), Column("pct_diff", label: "%DIFF"),
                               Column("simple_maths", label: "Simple maths"), Column("significant", label: "Significant"),
                               Column("field", label: "Field"), Column("target", label: "Target group"), Column("reference", label: "Reference group")],
                     rows: rows, csvName: top == nil ? "keyness.csv" : nil)
    }

    /// - Parameter note: why there is no comparison, when there is none.
    /// - Parameter leftOut: how many articles have no value of the field, of how many.
    static func description(_ comparisons: [KeynessComparison], top: Int = 20, note: String? = nil,
                            leftOut: (articles: Int, of: Int) = (0, 0), significantOnly: Bool = false) -> String {
        guard let first = comparisons.first else {
            return note ?? "Keyness needs at least two groups; this corpus has fewer for the chosen field."
        }
        let counts = comparisons.map { comparison in
            let significant = comparison.table.rows.filter(\.significant)
            return "\(comparison.target) \(significant.count { $0.sign > 0 }) over-used, \(significant.count { $0.sign < 0 }) under-used "
                + "(\(tested(comparison.table)))"
        }
        return "Each \(first.field) group against \(first.againstRest ? "the rest of the corpus" : "the reference group"): "
            + measures(first.table)
            + " G² says how sure, not which way: ± is +1 for a word more frequent in the target group than in its reference "
            + "(over-used), −1 for one less frequent (under-used). Articles without a value of the field are in no group and "
            + "in no group's rest" + (leftOut.articles > 0 ? ": \(leftOut.articles) of the \(leftOut.of) articles have none, so the "
                + "comparisons are among the other \(leftOut.of - leftOut.articles)" : "") + ". Significant words: " + counts.joined(separator: "; ")
            + ". The report shows the \(top) strongest of each kind per group; keyness.csv has "
            + (significantOnly ? "every significant word (`keyness.csv_rows: all` writes every word tested)." : "every word tested (`keyness.csv_rows: all`).")
    }
}

extension KeynessSection {
    /// The measures and the significance test of `table` as computed: its α, whether it was
    /// corrected (Bonferroni), and simple maths' k (the run's and `cipin compare`'s reports say the same).
    static func measures(_ table: KeynessTable) -> String {
        let test = table.bonferroni ? "α = \(plain(table.alpha)) divided by the number of words tested (Bonferroni)"
            : "α = \(plain(table.alpha)) (no correction for the number of words tested)"
        return "log-likelihood G² (Rayson & Garside 2000) with its p-value (χ², 1 df), log ratio (Hardie 2014; a zero frequency "
            + "counts as 0.5), %DIFF (Gabrielatos & Marchi 2012) and simple maths (Kilgarriff 2009, k = \(plain(table.simpleMathsK))). "
            + "A word is significant when p is below " + test + "."
    }

    /// How many words `table` tested and the p-value below which one is significant: α as written,
    /// or with Bonferroni's correction α / words tested, written so and to four significant digits
    /// (two rounded 0.05 / 37 = 0.0013514 up to 0.0014, and 0.05 / 4824 to 1e-05).
    static func tested(_ table: KeynessTable) -> String {
        if table.sizeTarget == 0 || table.sizeReference == 0 {
            return "no words tested: the \(table.sizeTarget == 0 ? "target" : "reference") has no words, so it has no rates to compare"
        }
        guard table.bonferroni, table.testedCount > 1 else { return "\(table.testedCount) words tested, p below \(plain(table.threshold))" }
        return "\(table.testedCount) words tested, p below \(plain(table.alpha)) / \(table.testedCount) = \(String(format: "%.4g", table.threshold))"
    }

    /// A setting as written in the pipeline file: `1`, `100`, `0.05`.
    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}

/// The top words of each article by TF-IDF (as `jieba.analyse.extract_tags`) and TextRank.
enum ArticleKeywordsSection {
    /// Every row (`article_keywords.csv`: a million rows for 27,000 articles). Its CSV records are
    /// each article's id field and the row's stored record (`RunArticleKeywords.appendRecords`, the
    /// bytes the rows' cells give); cells are made only for the rows the report shows.
    static func table(_ keywords: RunArticleKeywords) -> Table {
        Table(id: "article-keywords-all", title: "Article keywords",
              columns: [Column("document", label: "Article"), Column("method", label: "Method"), Column("rank", label: "Rank"),
                        Column("word", label: "Word"), Column("weight", label: "Weight")],
              rowCount: keywords.rowCount, csvName: "article_keywords.csv",
              row: { index, cells in
                  let row = keywords.row(index)
                  cells += [.text(row.document), .text(row.method), .integer(row.rank), .text(row.word), .decimal(row.weight, fractionDigits: 4)]
              },
              records: { range, bytes in keywords.appendRecords(range, to: &bytes) })
    }

    /// The report's view of `article_keywords.csv`: each article's top `perArticle` words by each
    /// method. Its rows are made only for the rows the report shows (see `Report.limitingRows`).
    static func summary(_ keywords: RunArticleKeywords, articles: [Article], perArticle: Int = 10) -> Table {
        precondition(keywords.documentIDs.count == articles.count, "the article keywords of these articles")
        var methods = keywords.methods
        methods.sort { $0 == "tfidf" || ($0 < $1 && $1 != "tfidf") }
        return Table(id: "article-keywords", title: "Top \(perArticle) words of each article",
                     columns: [Column("document", label: "Article"), Column("title", label: "Title")] + methods.map { Column($0, label: $0 == "tfidf" ? "TF-IDF" : "TextRank") },
                     rowCount: articles.count) { [methods] index, cells in
            cells += [.text(articles[index].id), .text(articles[index].shown("title"))]
            let rows = keywords.rows(ofArticle: index)
            for method in methods {
                let words = rows.filter { $0.method == method && $0.rank <= perArticle }.map(\.word)
                cells.append(.text(words.joined(separator: "、")))
            }
        }
    }
}

/// Keyword rates by date bucket (`trends.csv`) with a line chart.
enum TrendsSection {
    static func table(_ trends: Trends) -> Table {
        Table(id: "trends", title: "Keywords over time",
              columns: [Column("bucket", label: "Period"), Column("keyword", label: "Keyword"), Column("occurrences", label: "Occurrences"),
                        Column("characters", label: "Characters"), Column("per_10k_chars", label: "Per 10,000 characters"),
                        Column("tokens", label: "Words"), Column("token_count", label: "As a word"),
                        Column("per_10k_tokens", label: "As a word per 10,000 words"), Column("articles", label: "Articles"),
                        Column("documents", label: "Articles with it")],
              // A period without text (one `fill_gaps` lists) has no rate: an empty cell, not 0.
              rows: trends.rows.map { [.text($0.bucket), .text($0.keyword), .integer($0.occurrences), .integer($0.characters),
                                       $0.characters == 0 ? .empty : .decimal($0.per10kCharacters, fractionDigits: 2),
                                       .integer($0.tokens), .integer($0.tokenMatches),
                                       $0.tokens == 0 ? .empty : .decimal($0.per10kTokens, fractionDigits: 2),
                                       .integer($0.articles), .integer($0.documents)] },
              csvName: "trends.csv")
    }

    static func chart(_ trends: Trends) -> Figure {
        // Undated articles are no point in time: the chart leaves them out (the table lists them).
        // (Sets, not `contains` on the lists: days filled over centuries are hundreds of thousands of rows.)
        var buckets = Array(Set(trends.rows.lazy.map(\.bucket).filter { $0 != KeywordFrequencies.noValue }))
        buckets.sort()
        var keywords: [String] = []
        var seenKeywords: Set<String> = []
        for row in trends.rows where seenKeywords.insert(row.keyword).inserted { keywords.append(row.keyword) }
        // The axis is to scale: every year (month, day) from the first to the last gets its place,
        // and a period without text breaks the line rather than joining its neighbours (1964 to
        // 1975 drawn as one step, as if the years between did not exist) or dropping to 0.
        let periods = calendar(from: buckets) ?? buckets
        var rows: [String: [String: Trends.Row]] = [:]
        for row in trends.rows where rows[row.bucket]?[row.keyword] == nil { rows[row.bucket, default: [:]][row.keyword] = row }
        func rate(_ bucket: String, _ keyword: String) -> Double? {
            guard let row = rows[bucket]?[keyword], row.characters > 0 else { return nil }
            return row.per10kCharacters
        }
        let series = keywords.map { keyword in ChartSeries(name: keyword, values: periods.map { rate($0, keyword) }) }
        let description = keywords.map { keyword in
            keyword + ": " + buckets.compactMap { bucket in rate(bucket, keyword).map { "\(bucket) " + NumberFormat.fixed($0, 1) } }
                .joined(separator: ", ")
        }.joined(separator: "; ")
        let gaps = periods.count - buckets.filter { bucket in keywords.contains { rate(bucket, $0) != nil } }.count
        return Figure(id: "trend-chart",
                      title: "Keyword rates over time (exact occurrences, inside longer words too, per 10,000 characters)",
                      fileRef: "trends.svg",
                      description: "Line chart, one point per period"
                        + (gaps > 0 ? " (\(gaps) period(s) without text left blank)" : "") + ": " + description + ".",
                      chart: .line(LineChart(categories: periods, series: series, xAxisLabel: "period",
                                             yAxisLabel: "occurrences per 10,000 characters")))
    }

    /// Every period from the first of `buckets` to the last (years, months or days, as their
    /// form says), or `nil` when they are not one kind or there would be more than 1,000.
    static func calendar(from buckets: [String]) -> [String]? {
        guard let first = buckets.first, let last = buckets.last else { return nil }
        let parts = first.split(separator: "-").count
        let kinds: [Int: DateBucket] = [1: .year, 2: .month, 3: .day]
        guard let kind = kinds[parts], buckets.allSatisfy({ kind.bucket(of: $0) == $0 }) else { return nil }
        var periods = [first]
        while let current = periods.last, current != last {
            guard periods.count < 1_000, let next = kind.next(after: current), next <= last else { return nil }
            periods.append(next)
        }
        return periods
    }

    static func section(_ trends: Trends) -> Section {
        Section(id: "trends-section", title: "Trends", blocks: [
            .paragraph("Keyword occurrences summed over the articles of each period of their dates; articles without a date "
                       + "as precise as the period are counted in (none), listed last and left out of the chart."),
            .figure(chart(trends)), .table(table(trends)),
        ])
    }
}

/// The first `limit` rows of each keyword, in their order.
func firstRows<Row>(_ rows: [Row], perKeyword limit: Int, keyword: (Row) -> String) -> [Row] {
    // Rows usually come grouped by keyword: the count of the current keyword is kept aside, and the
    // table of counts is consulted only when the keyword changes.
    var seen: [String: Int] = [:]
    var current: String?
    var count = 0
    var kept: [Row] = []
    for row in rows {
        let name = keyword(row)
        if name != current {
            if let current { seen[current] = count }
            current = name
            count = seen[name] ?? 0
        }
        count += 1
        if count <= limit { kept.append(row) }
    }
    return kept
}
