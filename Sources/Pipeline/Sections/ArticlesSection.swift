import Ingest
import Reporting

/// The articles table: one row per article with its metadata (`documents.csv`).
enum ArticlesSection {
    /// Sidecar field names that occur in any article, sorted, for extra columns.
    static func fieldNames(_ articles: [Article]) -> [String] {
        // Each article's fields read in place: copying an article out of the array would retain
        // its dozen strings, for every article of the corpus.
        var names = Set<String>()
        for index in articles.indices where !articles[index].fields.isEmpty {
            for name in articles[index].fields.keys where !Article.sidecarBuiltIns.contains(name) { names.insert(name) }
        }
        return names.sorted()
    }

    /// - Parameter tokenCounts: words per article, or `nil` when the text was not segmented.
    static func table(_ articles: [Article], sentenceCounts: [Int], tokenCounts: [Int]?) -> Table {
        let extra = fieldNames(articles)
        var columns = [
            Column("id", label: "ID"), Column("title", label: "Title"), Column("author", label: "Author"),
            Column("position", label: "Position"), Column("region", label: "Region"), Column("date", label: "Date"),
            Column("characters", label: "Characters"), Column("paragraphs", label: "Paragraphs"),
            Column("sentences", label: "Sentences"),
        ]
        if tokenCounts != nil { columns.append(Column("tokens", label: "Words")) }
        columns += [Column("file", label: "File"), Column("line", label: "Line")]
        // Set apart from the fields read from the articles' headers: the CSV keeps the bare name.
        columns += extra.map { Column($0, label: "\($0) (metadata file)") }
        let rows = articles.enumerated().map { index, article -> [Cell] in
            var row: [Cell] = [
                .text(article.id), .text(article.shown("title")), .text(article.shown("author")), .text(article.shown("position")),
                .text(article.shown("region")), .text(article.shown("date")), .integer(article.characterCount),
                .integer(article.paragraphs.count), .integer(sentenceCounts[index]),
            ]
            if let tokenCounts { row.append(.integer(tokenCounts[index])) }
            row += [.text(article.sourcePath), .integer(article.startLine)]
            row += extra.map { .text(article.fields[$0] ?? "") }
            return row
        }
        return Table(id: "article-table", title: "Articles and their metadata", columns: columns, rows: rows, csvName: "documents.csv")
    }

    static func section(_ articles: [Article], sentenceCounts: [Int], tokenCounts: [Int]) -> Section {
        let extra = fieldNames(articles)
        let fromFiles = extra.isEmpty ? "" : " The last " + (extra.count == 1 ? "column, " : "\(extra.count) columns, ")
            + extra.joined(separator: ", ") + ", " + (extra.count == 1 ? "comes" : "come")
            + " from the pipeline's metadata files (`metadata`), not from the articles' text."
        return Section(id: "articles", title: "Articles", blocks: [
            .paragraph("Each article with the metadata read from its header: title, author, position, region and date. "
                + "Characters counts the non-space characters of the body (title, byline and date excluded), "
                + "words the tokens of the segmented body (white space left out)." + fromFiles),
            .table(table(articles, sentenceCounts: sentenceCounts, tokenCounts: tokenCounts)),
        ])
    }
}
