import Analysis
import Reporting

/// Keyword counts per article (`keywords.csv`) and in the whole corpus (`keyword_totals.csv`).
enum KeywordsSection {
    static func perArticleTable(_ counts: KeywordCounts) -> Table {
        var rows: [[Cell]] = []
        for (article, id) in counts.articleIDs.enumerated() {
            for (keyword, word) in counts.keywords.enumerated() {
                let occurrences = counts.counts[article][keyword]
                let tokenCount = counts.tokenCounts[article][keyword]
                rows.append([
                    .text(id), .text(word), .integer(occurrences), .integer(tokenCount), .integer(counts.characters[article]),
                    .integer(counts.tokens[article]),
                    .decimal(KeywordCounts.rate(occurrences, per: counts.characters[article]), fractionDigits: 2),
                    .decimal(KeywordCounts.rate(tokenCount, per: counts.tokens[article]), fractionDigits: 2),
                ])
            }
        }
        return Table(id: "keywords-per-article", title: "Keyword occurrences per article", columns: [
            Column("document", label: "Article"), Column("keyword", label: "Keyword"),
            Column("occurrences", label: "Occurrences"), Column("token_count", label: "As a word"),
            Column("characters", label: "Characters"), Column("tokens", label: "Words"),
            Column("per_10k_chars", label: "Occurrences per 10,000 characters"),
            Column("per_10k_tokens", label: "As a word per 10,000 words"),
        ], rows: rows, csvName: "keywords.csv")
    }

    static func totalsTable(_ counts: KeywordCounts) -> Table {
        let totals = counts.totals
        let tokenTotals = counts.tokenTotals
        let documentFrequencies = counts.documentFrequencies
        let rows = counts.keywords.indices.map { keyword -> [Cell] in
            [
                .text(counts.keywords[keyword]), .integer(totals[keyword]), .integer(tokenTotals[keyword]),
                .integer(documentFrequencies[keyword]), .integer(counts.articleIDs.count),
                .decimal(KeywordCounts.rate(totals[keyword], per: counts.totalCharacters), fractionDigits: 2),
                .decimal(KeywordCounts.rate(tokenTotals[keyword], per: counts.totalTokens), fractionDigits: 2),
            ]
        }
        return Table(id: "keyword-totals", title: "Keyword occurrences in the corpus", columns: [
            Column("keyword", label: "Keyword"), Column("occurrences", label: "Occurrences"),
            Column("token_count", label: "As a word"),
            Column("documents", label: "Articles containing it"), Column("articles", label: "Articles"),
            Column("per_10k_chars", label: "Occurrences per 10,000 characters"),
            Column("per_10k_tokens", label: "As a word per 10,000 words"),
        ], rows: rows, csvName: "keyword_totals.csv")
    }

    static func section(_ counts: KeywordCounts) -> Section {
        Section(id: "keywords", title: "Keywords", blocks: [
            .paragraph("Occurrences are the exact occurrences of each keyword in the article bodies, counted without "
                + "overlaps over the repaired text (a word broken across two lines counts once), also inside longer "
                + "words; \u{201C}as a word\u{201D} counts the words of the segmented text that are exactly the keyword. "
                + "Rates are per 10,000 characters and per 10,000 words."),
            .table(totalsTable(counts)),
            .table(perArticleTable(counts)),
        ])
    }
}
