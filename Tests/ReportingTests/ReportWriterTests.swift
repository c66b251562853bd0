import Foundation
import Testing

@testable import Reporting

@Suite("Report writer")
struct ReportWriterTests {
    @Test func writesTheReportAndEveryCSVTable() throws {
        let folder = try makeTemporaryFolder().appendingPathComponent("新建/输出")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        let written = try ReportWriter.write(everyBlockReport(), toFolder: folder)
        #expect(written.map(\.lastPathComponent) == ["documents.csv", "keywords.csv", "report.xml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == ["documents.csv", "keywords.csv", "report.xml"])
        #expect(try Shared.docBookValidator().validate(fileAt: folder.appendingPathComponent("report.xml")) == [])
        let keywords = try Data(contentsOf: folder.appendingPathComponent("keywords.csv"))
        let table = try #require(everyBlockReport().allTables.first { $0.id == "keywords" })
        #expect(keywords == (try CSVWriter.render(table)))
        #expect(String(decoding: keywords.dropFirst(3), as: UTF8.self) == """
            keyword,occurrences,per_10k_chars,note\r
            人才,153,12.3456,\r
            干部,98,7.0,含“干部队伍”\r
            基层,0,0.0,"'=HYPERLINK(""http://x"")"\r

            """)
    }

    @Test func csvNamesMustStayInsideTheFolderAndBeUnique() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func report(_ names: [String?]) -> Report {
            let tables = names.enumerated().map { index, name in
                Block.table(Table(id: "t\(index)", title: "表", columns: [Column("a")], rows: [], csvName: name))
            }
            return Report(title: "报告", date: "2021-11-25", sections: [Section(id: "s", title: "节", blocks: tables)])
        }
        #expect(throws: ReportingError.invalidCSVName(path: folder.path, table: "t1", name: "../逃逸.csv")) {
            try ReportWriter.write(report(["a.csv", "../逃逸.csv"]), toFolder: folder)
        }
        #expect(
            ReportingError.invalidCSVName(path: "/out", table: "t1", name: "../逃逸.csv").localizedDescription
                == "/out: table 't1' has the CSV file name '../逃逸.csv', which is not a plain file name; "
                + "use a name without '/' such as 'keywords.csv'.")
        #expect(throws: ReportingError.duplicateFileName(path: folder.path, name: "a.csv")) {
            try ReportWriter.write(report(["a.csv", nil, "a.csv"]), toFolder: folder)
        }
        #expect(throws: ReportingError.duplicateFileName(path: folder.path, name: "report.xml")) {
            try ReportWriter.write(report(["report.xml"]), toFolder: folder)
        }
        #expect(
            ReportingError.duplicateFileName(path: "/out", name: "a.csv").localizedDescription
                == "/out: more than one output would be written to 'a.csv'; give every table its own CSV name.")
        // Nothing was written by the rejected reports.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }
}
