import Analysis
import Ingest
import Reporting

/// Keyword frequencies per article (`keywords.csv`), per group (`keyword_groups.csv`) and in the
/// whole corpus (`keyword_totals.csv`), with a bar chart of the totals.
enum KeywordsSection {
    static let countColumns = [
        Column("occurrences", label: "Occurrences"), Column("token_count", label: "As a word"),
        Column("characters", label: "Characters"), Column("tokens", label: "Words"),
        Column("per_10k_chars", label: "Occurrences per 10,000 characters"),
        Column("per_10k_tokens", label: "As a word per 10,000 words"),
        Column("documents", label: "Articles with it"), Column("token_documents", label: "Articles with it as a word"),
        Column("articles", label: "Articles"),
    ]

    static func countCells(_ row: KeywordFrequencies.Row) -> [Cell] {
        [
            .integer(row.occurrences), .integer(row.tokenMatches), .integer(row.characters), .integer(row.tokens),
            .decimal(row.per10kCharacters, fractionDigits: 2), .decimal(row.per10kTokens, fractionDigits: 2),
            .integer(row.documents), .integer(row.tokenDocuments), .integer(row.articles),
        ]
    }

    /// The CSV fields of `countCells(row)`.
    static func appendCountFields(_ row: KeywordFrequencies.Row, to fields: inout CSVWriter.RecordFields) {
        fields.integer(row.occurrences)
        fields.integer(row.tokenMatches)
        fields.integer(row.characters)
        fields.integer(row.tokens)
        fields.decimal(row.per10kCharacters)
        fields.decimal(row.per10kTokens)
        fields.integer(row.documents)
        fields.integer(row.tokenDocuments)
        fields.integer(row.articles)
    }

    /// Every per-article row, set members included (`keywords.csv`), its CSV records written
    /// field by field from the rows (a row per article and keyword: hundreds of thousands).
    static func perArticleTable(_ frequencies: KeywordFrequencies) -> Table {
        let rows = frequencies.perArticle
        return Table(id: "keywords-per-article-all", title: "Keywords per article",
                     columns: [Column("document", label: "Article"), Column("keyword", label: "Keyword"), Column("member", label: "Word of the set")] + countColumns,
                     rowCount: rows.count, csvName: "keywords.csv",
                     row: { index, cells in
                         let row = rows[index]
                         cells += [.text(row.unit), .text(row.keyword), .text(row.member)] + countCells(row)
                     },
                     records: { range, bytes in
                         CSVWriter.appendRecords(range, to: &bytes) { index, fields in
                             fields.text(rows[index].unit)
                             fields.text(rows[index].keyword)
                             fields.text(rows[index].member)
                             appendCountFields(rows[index], to: &fields)
                         }
                     })
    }

    /// The report's view of `keywords.csv`: one row per article, its occurrences of each keyword.
    /// (The full table has nine counts per keyword and member: thousands of rows for a large
    /// corpus, most of the report's size and of the time to validate it.)
    /// - Parameter articles: the corpus's articles, for each row's title, date and length (an id
    ///   alone tells a reader nothing, and counts of articles of 300 and 56,000 characters differ).
    ///
    /// Design note. The report shows at most `report_rows` of the rows, so nothing per article is
    /// copied here: the keyword rows are found by position in `perArticle` (a list of positions
    /// only when sets add member rows), and each row's article by its index in `articles`.
    static func perArticleMatrix(_ frequencies: KeywordFrequencies, articles: [Article] = []) -> Table {
        // The rows come article by article, each article with every keyword in the same order
        // (as `KeywordFrequencies` makes them); the table's rows are made only when shown.
        let all = frequencies.perArticle
        // Where the keyword rows are in `all`, when members of sets come between them.
        let keywordRows: [Int]? = all.indices.allSatisfy { all[$0].member.isEmpty } ? nil : all.indices.filter { all[$0].member.isEmpty }
        @Sendable func keywordRow(_ position: Int) -> KeywordFrequencies.Row { all[keywordRows?[position] ?? position] }
        let keywordRowCount = keywordRows?.count ?? all.count
        var keywords: [String] = []
        while keywords.count < keywordRowCount, keywordRow(keywords.count).unit == keywordRow(0).unit {
            keywords.append(keywordRow(keywords.count).keyword)
        }
        precondition(keywords.isEmpty || keywordRowCount % keywords.count == 0, "every article with every keyword")
        // The last article of each id, as a dictionary of articles by id would keep.
        var articleIndex: [String: Int] = [:]
        articleIndex.reserveCapacity(articles.count)
        for index in articles.indices { articleIndex[articles[index].id] = index }
        // At most as many keyword columns as a co-occurrence matrix shows; keywords.csv has them all.
        let shown = min(keywords.count, CooccurrenceSection.matrixKeywords)
        let part = shown < keywords.count ? " (the first \(shown) of the \(keywords.count) keywords; keywords.csv has every one)" : ""
        return Table(id: "keywords-per-article", title: "Keyword occurrences per article" + part,
                     columns: [Column("document", label: "Article"), Column("title", label: "Title"), Column("date", label: "Date"),
                               Column("characters", label: "Characters")]
                        + keywords.prefix(shown).enumerated().map { Column("k\($0.offset + 1)", label: $0.element) },
                     rowCount: keywords.isEmpty ? 0 : keywordRowCount / keywords.count) { [count = keywords.count, shown, articleIndex] index, cells in
            let first = keywordRow(index * count)
            let article = articleIndex[first.unit]
            cells += [.text(first.unit), .text(article.map { articles[$0].shown("title") } ?? ""),
                      .text(article.map { articles[$0].shown("date") } ?? ""), .integer(first.characters)]
            for position in (index * count)..<(index * count + shown) { cells.append(.integer(keywordRow(position).occurrences)) }
        }
    }

    static func groupTable(_ frequencies: KeywordFrequencies) -> Table {
        var table = Table(id: "keyword-groups", title: "Keywords per group",
                          columns: [Column("field", label: "Grouped by"), Column("group", label: "Group"), Column("keyword", label: "Keyword"),
                                    Column("member", label: "Word of the set")] + countColumns,
                          rows: frequencies.groups.map { [.text($0.level), .text($0.unit), .text($0.keyword), .text($0.member)] + countCells($0) },
                          csvName: "keyword_groups.csv")
        table.hiddenInReport = setColumnHidden(frequencies)
        return table
    }

    static func totalsTable(_ frequencies: KeywordFrequencies) -> Table {
        var table = Table(id: "keyword-totals", title: "Keywords in the corpus",
                          columns: [Column("keyword", label: "Keyword"), Column("member", label: "Word of the set")] + countColumns,
                          rows: frequencies.totals.map { [.text($0.keyword), .text($0.member)] + countCells($0) },
                          csvName: "keyword_totals.csv")
        table.hiddenInReport = setColumnHidden(frequencies)
        return table
    }

    /// The set-member column, left out of the report when no keyword is a set (it would be empty
    /// in every row); the CSV files keep it, so their columns do not depend on the keywords.
    static func setColumnHidden(_ frequencies: KeywordFrequencies) -> Set<String> {
        frequencies.totals.allSatisfy { $0.member.isEmpty } ? ["member"] : []
    }

    static func chart(_ frequencies: KeywordFrequencies) -> Figure {
        let totals = frequencies.totals.filter { $0.member.isEmpty }
        let description = totals.map { "\($0.keyword) \($0.occurrences) (\(NumberFormat.fixed($0.per10kCharacters, 1)) per 10,000 characters)" }
            .joined(separator: "; ")
        return Figure(id: "keyword-chart", title: "Keyword occurrences per 10,000 characters", fileRef: "keywords.svg",
                      description: "Bar chart: " + description + ".",
                      chart: .bar(BarChart(categories: totals.map(\.keyword),
                                           series: [ChartSeries(name: "per 10,000 characters", values: totals.map(\.per10kCharacters))],
                                           valueAxisLabel: "exact occurrences (inside longer words too) per 10,000 characters", valueFractionDigits: 1)))
    }

    /// The keywords and groups the chart of keywords by group shows at most (the palette's colours; a readable height).
    static let chartKeywords = 8
    static let chartGroups = 40

    /// Bars per group of the first grouping field, one series per keyword.
    static func groupChart(_ frequencies: KeywordFrequencies) -> Figure? {
        guard let field = frequencies.groups.first?.level else { return nil }
        let rows = frequencies.groups.filter { $0.level == field && $0.member.isEmpty }
        // Groups and keywords in order of first appearance; each (group, keyword) rate found by key,
        // as a field such as author can have thousands of groups.
        var groups: [String] = [], keywords: [String] = []
        var rates: [String: [String: Double]] = [:]
        for row in rows {
            if rates[row.unit] == nil { groups.append(row.unit) }
            if !keywords.contains(row.keyword) { keywords.append(row.keyword) }
            if rates[row.unit, default: [:]][row.keyword] == nil { rates[row.unit, default: [:]][row.keyword] = row.per10kCharacters }
        }
        // One colour per keyword: the palette has eight, and bars have no dashes to tell a ninth
        // from the first; a chart of 40 keywords by 40 groups was 1,600 bars, 23,000 px tall.
        let shownKeywords = Array(keywords.prefix(chartKeywords)), shownGroups = Array(groups.prefix(chartGroups))
        let series = shownKeywords.map { keyword in
            ChartSeries(name: keyword, values: shownGroups.map { rates[$0]?[keyword] })
        }
        var cut: [String] = []
        if keywords.count > shownKeywords.count { cut.append("the first \(shownKeywords.count) of the \(keywords.count) keywords") }
        if groups.count > shownGroups.count { cut.append("the first \(shownGroups.count) of the \(groups.count) groups") }
        let shown = cut.isEmpty ? "" : " (\(cut.joined(separator: ", ")))"
        return Figure(id: "keyword-group-chart", title: "Keywords per 10,000 characters by \(field)" + shown, fileRef: "keyword_groups.svg",
                      description: "Grouped bar chart of the keyword rates in each \(field) group\(shown); the numbers are in the table "
                        + "Keywords per group\(cut.isEmpty ? "" : "; keyword_groups.csv has every one").",
                      chart: .bar(BarChart(categories: shownGroups, series: series, valueAxisLabel: "exact occurrences (inside longer words too) per 10,000 characters",
                                           showsValueLabels: false, valueFractionDigits: 1)))
    }

    static func section(_ frequencies: KeywordFrequencies, articles: [Article] = []) -> Section {
        var blocks: [Block] = [
            .paragraph("Occurrences are the exact occurrences of each keyword in the article bodies, counted without "
                + "overlaps over the repaired text (a word broken across two lines counts once), also inside longer "
                + "words; \u{201C}as a word\u{201D} counts the words of the segmented text that are exactly the keyword. "
                + "A keyword set counts its words with a leftmost-longest scan, so a longer member is not counted twice; "
                + "its member rows count each word alone. Rates are per 10,000 characters and per 10,000 words, the words being "
                + "the segmenter's tokens: punctuation marks count among them, white space does not."),
            .figure(chart(frequencies)),
            .table(totalsTable(frequencies)),
        ]
        // A keyword found in the text but never cut as a word: its zeros below are the segmenter's, not the text's.
        let neverWords = frequencies.neverWholeWords
        if !neverWords.isEmpty {
            let one = neverWords.count == 1
            blocks.append(.paragraph(neverWords.joined(separator: "、") + agreeing(one, " occurs", " occur")
                + " in the text but never as a whole word of the segmented text, so " + agreeing(one, "its", "their")
                + " counts as a word are 0, and " + agreeing(one, "it is", "they are") + " in no co-occurrence unit and "
                + agreeing(one, "has", "have") + " no collocates. A user dictionary (`segmentation.user_dicts`) keeps such a word "
                + "whole; the Problems section names each."))
        }
        if let groupChart = groupChart(frequencies) { blocks.append(.figure(groupChart)) }
        blocks += [.table(groupTable(frequencies)),
                   .paragraph("Occurrences of each keyword in each article; keywords.csv has every count and rate per article, set members included."),
                   .table(perArticleMatrix(frequencies, articles: articles))]
        return Section(id: "keywords", title: "Keywords", blocks: blocks)
    }
}

/// Number text for prose (tables carry typed cells).
enum NumberFormat {
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        var scaled = (value * pow10(digits)).rounded() / pow10(digits)
        if scaled == 0 { scaled = 0 }
        let text = String(scaled)
        guard digits > 0 else { return String(Int(scaled)) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return parts[0] + "." + String((fraction + String(repeating: "0", count: digits)).prefix(digits))
    }

    private static func pow10(_ digits: Int) -> Double {
        var result = 1.0
        for _ in 0..<digits { result *= 10 }
        return result
    }
}
