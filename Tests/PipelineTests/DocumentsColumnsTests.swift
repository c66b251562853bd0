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
}
