import Foundation
import Testing
@testable import Ingest
@testable import Pipeline
@testable import Reporting

/// The columns of `documents.csv`: each name once, the sidecars' in their files' order.
@Suite struct DocumentsColumnsTests {
    /// The names `Sidecar` refuses as columns a sidecar may not give (`Article.computedColumns`)
    /// are exactly the columns `ArticlesSection` writes that are neither a key (`id`, `file`) nor
    /// a built-in field a sidecar may give: a column added to the table without adding it there
    /// fails here, before a sidecar can write a second column of its name.
    @Test func computedColumnsAreTheTablesOwn() {
        let table = ArticlesSection.table([], sentenceCounts: [], tokenCounts: [])
        let own = table.columns.map(\.name).filter { !Sidecar.keyNames.contains($0) && !Article.sidecarBuiltIns.contains($0) }
        #expect(own == Article.computedColumns)
        #expect(table.columns.map(\.name) == ["id", "title", "author", "position", "region", "date", "characters", "paragraphs",
                                              "sentences", "tokens", "file", "line"])
    }

    /// The sidecar columns come last, in the order the sidecars write them (`columnOrder`), then
    /// any field no sidecar listed, sorted; built-in fields keep their own columns.
    @Test func sidecarColumnsKeepTheirFilesOrder() {
        var first = Article(id: "a-01", sourcePath: "a.txt", indexInFile: 1, startLine: 1, title: "甲", paragraphs: ["正文。"])
        first.fields = ["source": "报", "group": "甲", "date": "2021", "zeta": "1", "alpha": "2"]
        let table = ArticlesSection.table([first], sentenceCounts: [1], tokenCounts: nil, columnOrder: ["source", "date", "group"])
        #expect(table.columns.map(\.name).suffix(4) == ["source", "group", "alpha", "zeta"])
        #expect(table.columns.suffix(4).map(\.label) == ["source (metadata file)", "group (metadata file)", "alpha (metadata file)",
                                                         "zeta (metadata file)"])
    }

    /// Past 20 metadata columns the report's table shows the first 20 and says so, and writes no
    /// CSV file; the whole table, every column, is the attachment that writes `documents.csv`.
    @Test func manyMetadataColumnsShowTheFirstTwenty() throws {
        let names: [String] = (0..<45).map { "c\($0)" }
        var first = Article(id: "a-01", sourcePath: "a.txt", indexInFile: 1, startLine: 1, title: "甲", paragraphs: ["正文。"])
        for (index, name) in names.enumerated() { first.fields[name] = "v\(index)" }
        let (section, whole) = ArticlesSection.section([first], sentenceCounts: [1], tokenCounts: [3], columnOrder: names)
        guard case .table(let shown) = section.blocks[1], case .paragraph(let text) = section.blocks[0] else {
            Issue.record("the section is a paragraph and a table: \(section.blocks)")
            return
        }
        #expect(shown.csvName == nil)
        #expect(shown.title == "Articles and their metadata (the first 20 of the 45 metadata columns; documents.csv has every one)")
        let shownNames: [String] = ["line"] + Array(names.prefix(20))
        #expect(Array(shown.columns.map(\.name).suffix(21)) == shownNames)
        let shownValues: [Cell] = (0..<20).map { Cell.text("v\($0)") }
        #expect(Array(shown.rows[0].suffix(20)) == shownValues)
        #expect(text.hasSuffix("The last 20 columns, " + names.prefix(20).joined(separator: ", ")
                               + ", come from the pipeline's metadata files (`metadata`), not from the articles' text; "
                               + "documents.csv has all 45 of their columns."))
        let all = try #require(whole)
        #expect(all.csvName == "documents.csv" && all.id == "article-table-all")
        #expect(all.columns.map(\.name).suffix(45) == names[...])
        #expect(all.rows[0].last == .text("v44"))
        // 20 or fewer: one table, which writes documents.csv.
        first.fields = first.fields.filter { names.prefix(20).contains($0.key) }
        let (few, none) = ArticlesSection.section([first], sentenceCounts: [1], tokenCounts: [3], columnOrder: Array(names.prefix(20)))
        #expect(none == nil)
        guard case .table(let alone) = few.blocks[1] else { return }
        #expect(alone.csvName == "documents.csv" && alone.columns.count == 12 + 20)
    }
}
