import Ingest
import Reporting

/// The articles table: one row per article with its metadata (`documents.csv`).
enum ArticlesSection {
    /// Sidecar field names for extra columns: every column of `order` (the sidecars' columns as
    /// their files write them, `IngestResult.metadataColumns`), one without a value anywhere (a
    /// JSON Lines key that is `null` on every line) too, as a CSV sidecar's empty column is, then
    /// any other field of an article, sorted; not the fields that give built-in ones (`region`, `year`).
    static func fieldNames(_ articles: [Article], order: [String] = []) -> [String] {
        // Each article's fields read in place: copying an article out of the array would retain
        // its dozen strings, for every article of the corpus.
        var names = Set<String>()
        for index in articles.indices where !articles[index].fields.isEmpty {
            for name in articles[index].fields.keys where !Article.sidecarBuiltIns.contains(name) { names.insert(name) }
        }
        var listed = Set<String>()
        let ordered = order.filter { !Article.sidecarBuiltIns.contains($0) && listed.insert($0).inserted }
        return ordered + names.subtracting(ordered).sorted()
    }

    /// - Parameter tokenCounts: words per article, or `nil` when the text was not segmented.
    ///
    /// Design note. A corpus of many short articles has as many rows, and the report shows at most
    /// `report_rows` of them: the table is generated, and `documents.csv` is written straight from
    /// the articles (`appendFields`), field by field, by the CSV writer's own rules.
    /// - Parameter columnOrder: the sidecars' columns in their files' order (`IngestResult.metadataColumns`).
    static func table(_ articles: [Article], sentenceCounts: [Int], tokenCounts: [Int]?, columnOrder: [String] = []) -> Table {
        table(articles, sentenceCounts: sentenceCounts, tokenCounts: tokenCounts, extra: fieldNames(articles, order: columnOrder))
    }

    /// The table with the sidecar fields `extra` (`fieldNames(articles)`) as its last columns.
    ///
    /// Its other columns are the id, the built-in fields, `Article.computedColumns` and the file:
    /// `Sidecar` refuses a column named after one of them that is not a built-in field, so no
    /// name is written twice.
    private static func table(_ articles: [Article], sentenceCounts: [Int], tokenCounts: [Int]?, extra: [String]) -> Table {
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
        return Table(id: "article-table", title: "Articles and their metadata", columns: columns, rowCount: articles.count,
                     csvName: "documents.csv",
                     row: { index, cells in
                         appendCells(of: articles, at: index, sentences: sentenceCounts[index], tokens: tokenCounts?[index], extra: extra,
                                     to: &cells)
                     },
                     records: { range, bytes in
                         CSVWriter.appendRecords(range, to: &bytes) { index, fields in
                             appendFields(of: articles, at: index, sentences: sentenceCounts[index], tokens: tokenCounts?[index],
                                          extra: extra, to: &fields)
                         }
                     })
    }

    /// The built-in text fields of a row, after the id, in column order.
    private static let shownFields = ["title", "author", "position", "region", "date"]

    /// What the report's table shows for an article whose header names no author, when others'
    /// do (a blank cell there would look like a field not read).
    static let unnamedAuthor = "(not named)"

    /// The row of article `index`: id, the fields as shown, counts, file and line, then the
    /// sidecar's `extra` fields. (The article is read in place, not passed: see `shown(_:at:)`.)
    private static func appendCells(of articles: [Article], at index: Int, sentences: Int, tokens: Int?, extra: [String],
                                    to cells: inout [Cell]) {
        cells.append(.text(articles[index].id))
        for name in shownFields { cells.append(.text(articles.shown(name, at: index))) }
        cells.append(.integer(articles[index].characterCount))
        cells.append(.integer(articles[index].paragraphs.count))
        cells.append(.integer(sentences))
        if let tokens { cells.append(.integer(tokens)) }
        cells.append(.text(articles[index].sourcePath))
        cells.append(.integer(articles[index].startLine))
        for name in extra { cells.append(.text(articles[index].fields[name] ?? "")) }
    }

    /// The CSV fields of `appendCells`' cells.
    private static func appendFields(of articles: [Article], at index: Int, sentences: Int, tokens: Int?, extra: [String],
                                     to fields: inout CSVWriter.RecordFields) {
        fields.text(articles[index].id)
        for name in shownFields { fields.text(articles.shown(name, at: index)) }
        fields.integer(articles[index].characterCount)
        fields.integer(articles[index].paragraphs.count)
        fields.integer(sentences)
        if let tokens { fields.integer(tokens) }
        fields.text(articles[index].sourcePath)
        fields.integer(articles[index].startLine)
        for name in extra { fields.text(articles[index].fields[name] ?? "") }
    }

    /// How many metadata-file columns the report's table shows; `documents.csv` has every one.
    static let shownMetadataColumns = 20

    /// The section, and the table of every column for `documents.csv` when the report's shows
    /// only the first `shownMetadataColumns` metadata columns (then an attachment, and the
    /// section's table has no CSV file).
    ///
    /// Design note. A sidecar of 100,000 columns made a report table of as many, which took the
    /// DocBook schema's validation 55 s and no reader reads; a spreadsheet reads them in the CSV.
    static func section(_ articles: [Article], sentenceCounts: [Int], tokenCounts: [Int],
                        columnOrder: [String] = []) -> (section: Section, wholeTable: Table?) {
        let extra = fieldNames(articles, order: columnOrder)
        let shown = Array(extra.prefix(shownMetadataColumns))
        let fromFiles = shown.isEmpty ? "" : " The last " + (shown.count == 1 ? "column, " : "\(shown.count) columns, ")
            + shown.joined(separator: ", ") + ", " + (shown.count == 1 ? "comes" : "come")
            + " from the pipeline's metadata files (`metadata`), not from the articles' text"
            + (extra.count > shown.count ? "; documents.csv has all \(extra.count) of their columns." : ".")
        let whole = table(articles, sentenceCounts: sentenceCounts, tokenCounts: tokenCounts, extra: extra)
        var reported = whole
        // An author cell left empty among named ones says so in the report; documents.csv keeps it empty.
        let someNamed = articles.indices.contains { !articles.shown("author", at: $0).isEmpty }
        if someNamed { reported.emptyCellText = ["author": unnamedAuthor] }
        var attachment: Table?
        if extra.count > shown.count {
            reported = table(articles, sentenceCounts: sentenceCounts, tokenCounts: tokenCounts, extra: shown)
            if someNamed { reported.emptyCellText = ["author": unnamedAuthor] }
            reported.csvName = nil
            reported.title += " (the first \(shown.count) of the \(extra.count) metadata columns; documents.csv has every one)"
            attachment = whole
            attachment?.id += "-all"
        }
        let section = Section(id: "articles", title: "Articles", blocks: [
            .paragraph("Each article with the metadata read from its header: title, author, position, region and date. "
                + (someNamed && articles.indices.contains { articles.shown("author", at: $0).isEmpty }
                    ? "An article whose header names no author shows \(unnamedAuthor); documents.csv leaves its cell empty. " : "")
                + "Characters counts the non-space characters of the body (title, byline and date excluded), "
                + "words the tokens of the segmented body (white space left out)." + fromFiles),
            .table(reported),
        ])
        return (section, attachment)
    }
}
