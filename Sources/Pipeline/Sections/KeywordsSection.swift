import Analysis
import Reporting

/// Keyword counts per article (`keywords.csv`) and in the whole corpus (`keyword_totals.csv`).
enum KeywordsSection {
    static func perArticleTable(_ counts: KeywordCounts) -> Table {
        var rows: [[Cell]] = []
        for (article, id) in counts.articleIDs.enumerated() {
            for (keyword, word) in counts.keywords.enumerated() {
                let occurrences = counts.counts[article][keyword]
                rows.append([
                    .text(id), .text(word), .integer(occurrences), .integer(counts.characters[article]),
                    .decimal(KeywordCounts.rate(occurrences, per: counts.characters[article]), fractionDigits: 2),
                ])
            }
        }
        return Table(id: "keywords-per-article", title: "Keyword occurrences per article", columns: [
            Column("document", label: "Article"), Column("keyword", label: "Keyword"),
            Column("occurrences", label: "Occurrences"), Column("characters", label: "Characters"),
            Column("per_10k_chars", label: "Per 10,000 characters"),
        ], rows: rows, csvName: "keywords.csv")
    }

    static func totalsTable(_ counts: KeywordCounts) -> Table {
        let totals = counts.totals
        let documentFrequencies = counts.documentFrequencies
        let rows = counts.keywords.indices.map { keyword -> [Cell] in
            [
                .text(counts.keywords[keyword]), .integer(totals[keyword]), .integer(documentFrequencies[keyword]),
                .integer(counts.articleIDs.count),
                .decimal(KeywordCounts.rate(totals[keyword], per: counts.totalCharacters), fractionDigits: 2),
            ]
        }
        return Table(id: "keyword-totals", title: "Keyword occurrences in the corpus", columns: [
            Column("keyword", label: "Keyword"), Column("occurrences", label: "Occurrences"),
            Column("documents", label: "Articles containing it"), Column("articles", label: "Articles"),
            Column("per_10k_chars", label: "Per 10,000 characters"),
        ], rows: rows, csvName: "keyword_totals.csv")
    }

    static func section(_ counts: KeywordCounts) -> Section {
        Section(id: "keywords", title: "Keywords", blocks: [
            .paragraph("Exact occurrences of each keyword in the article bodies, counted without overlaps over the "
                + "repaired text (a word broken across two lines counts once), and the rate per 10,000 characters."),
            .table(totalsTable(counts)),
            .table(perArticleTable(counts)),
        ])
    }
}
