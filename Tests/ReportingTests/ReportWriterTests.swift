import Foundation
import Testing

@testable import Reporting

@Suite("Report writer")
struct ReportWriterTests {
    /// A report written where another was replaces it whole: the earlier report's files that this
    /// one does not write go, files the reports did not write stay; a new folder per report keeps no list.
    @Test func theFolderHoldsOneReport() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReportWriter.write(everyBlockReport(), toFolder: folder)
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let plain = Report(title: "报告", date: "2021-11-25", sections: [Section(id: "s", title: "节", blocks: [.paragraph("正文")])])
        #expect(try ReportWriter.write(plain, toFolder: folder).map(\.lastPathComponent) == ["report.xml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".cipin-outputs", "notes.txt", "report.xml"])
        #expect(try String(contentsOf: folder.appendingPathComponent(".cipin-outputs"), encoding: .utf8) == "report.xml\n")
        // Names in a list that would leave the folder, or name hidden files, are never removed.
        try Data("../notes.txt\n.x\nreport.xml\n".utf8).write(to: folder.appendingPathComponent(".cipin-outputs"))
        try Data("x".utf8).write(to: folder.appendingPathComponent(".x"))
        #expect(ReportWriter.previousOutputs(listedIn: folder.appendingPathComponent(".cipin-outputs")) == ["report.xml"])
        let fresh = folder.appendingPathComponent("run")
        try ReportWriter.write(plain, toFolder: fresh, options: .init(replacesPreviousReport: false))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fresh.path) == ["report.xml"])
    }

    @Test func writesTheReportAndEveryCSVTable() throws {
        let folder = try makeTemporaryFolder().appendingPathComponent("新建/输出")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        let written = try ReportWriter.write(everyBlockReport(), toFolder: folder)
        #expect(written.map(\.lastPathComponent) == ["documents.csv", "keywords.csv", "report.xml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == [".cipin-outputs", "documents.csv", "keywords.csv", "report.xml"])
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

    @Test func chartsAreDrawnBesideTheReportWhichStaysValidDocBook() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try ReportWriter.write(chartReport(), toFolder: folder, validator: try Shared.docBookValidator())
        // CSV files first, then the charts in figure order, the report last.
        #expect(written.map(\.lastPathComponent)
            == ["keyword_totals.csv", "keywords.svg", "regions.svg", "trend.svg", "network.svg", "report.xml"])
        #expect(try Shared.docBookValidator().validate(fileAt: folder.appendingPathComponent("report.xml")) == [])
        let xml = try String(contentsOf: folder.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains(
            #"<imagedata fileref="keywords.svg" format="SVG" width="100%" scalefit="1" contentdepth="100%"/>"#))
        #expect(xml.contains("<phrase>折线图：2021 年 7 月至 11 月人才、干部、基层的月频次。</phrase>"))
        // Each SVG is exactly what the chart writer draws for the figure, titled and described by it.
        for figure in chartReport().allFigures {
            let chart = try #require(figure.chart)
            let url = folder.appendingPathComponent(figure.fileRef)
            #expect(try Data(contentsOf: url) == SVGChartWriter.render(
                chart, title: figure.title, description: figure.description, documentName: url.path))
            let elements = try parseSVG(Data(contentsOf: url))
            #expect(elements.first { $0.tag == "desc" }?.text == figure.description)
        }
    }

    @Test func chartFileNamesMustStayInsideTheFolderAndBeUnique() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let chart = Chart.bar(BarChart(categories: ["人才"], series: [ChartSeries(name: "n", values: [1])]))
        func report(_ fileRef: String, csvName: String? = nil) -> Report {
            Report(title: "报告", date: "2021-11-25", sections: [Section(id: "s", title: "节", blocks: [
                .table(Table(id: "t", title: "表", columns: [Column("a")], rows: [], csvName: csvName)),
                .figure(Figure(id: "f", title: "图", fileRef: fileRef, description: "图", chart: chart)),
            ])])
        }
        #expect(throws: ReportingError.invalidFigureFileName(path: folder.path, figure: "f", name: "../图.svg")) {
            try ReportWriter.write(report("../图.svg"), toFolder: folder)
        }
        #expect(ReportingError.invalidFigureFileName(path: "/out", figure: "f", name: "../图.svg").localizedDescription
            == "/out: figure 'f' has the chart file name '../图.svg', which is not a plain file name; "
            + "use a name without '/' such as 'keywords.svg'.")
        #expect(throws: ReportingError.duplicateFileName(path: folder.path, name: "a.csv")) {
            try ReportWriter.write(report("a.csv", csvName: "a.csv"), toFolder: folder)
        }
        #expect(throws: ReportingError.chartDataMismatch(
            path: folder.appendingPathComponent("x.svg").path, series: "n", valueCount: 2, categoryCount: 1)) {
            var bad = report("x.svg")
            bad.sections[0].blocks[1] = .figure(Figure(
                id: "f", title: "图", fileRef: "x.svg", description: "图",
                chart: .bar(BarChart(categories: ["人才"], series: [ChartSeries(name: "n", values: [1, 2])]))))
            try ReportWriter.write(bad, toFolder: folder)
        }
        // A figure without a chart is the caller's file: not drawn, and its name is not checked.
        let plain = Report(title: "报告", date: "2021-11-25", sections: [Section(id: "s", title: "节", blocks: [
            .figure(Figure(id: "f", title: "图", fileRef: "../images/外部.png", format: "PNG", description: "图")),
        ])])
        #expect(try ReportWriter.write(plain, toFolder: folder).map(\.lastPathComponent) == ["report.xml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".cipin-outputs", "report.xml"])
    }

    /// A large table's CSV is written part by part as its chunks render: the file holds exactly the
    /// bytes `CSVWriter.render` gives, in every encoding.
    @Test func largeTablesAreWrittenPartByPartWithTheRenderedBytes() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (0..<40_000).map { [Cell.text($0 % 9 == 0 ? "=人才,\"\($0)\"" : "人才\($0)"), .integer($0), .decimal(Double($0) / 3, fractionDigits: 2)] }
        let table = Table(id: "t", title: "表", columns: [Column("词"), Column("次数"), Column("比")], rows: rows, csvName: "a.csv")
        let report = Report(title: "报告", date: "2021-11-25", sections: [Section(id: "s", title: "节", blocks: [.table(table)])])
        for encoding in [CSVWriter.Options.Encoding.utf8WithBOM, .utf8, .gb18030] {
            let options = ReportWriter.Options(csv: CSVWriter.Options(encoding: encoding))
            try ReportWriter.write(report, toFolder: folder, options: options)
            let written = try Data(contentsOf: folder.appendingPathComponent("a.csv"))
            #expect(written == (try CSVWriter.render(table, options: options.csv)), "\(encoding)")
            // GB18030 is encoded part by part: the same bytes as Foundation's encoding of the whole UTF-8 text.
            if encoding == .gb18030 {
                let whole = try CSVWriter.render(table, options: .init(encoding: .utf8))
                #expect(written == String(decoding: whole, as: UTF8.self).data(using: CSVWriter.gb18030))
            }
            // Every record there once, in order: the header, then rows 0 … 39,999 (no field holds a line feed).
            let lines = written.split(separator: 0x0A)
            #expect(lines.count == 40_001)
            let textEncoding = encoding == .gb18030 ? CSVWriter.gb18030 : .utf8
            let last = try #require(String(data: Data(lines[40_000]), encoding: textEncoding))
            #expect(last == "人才39999,39999,13333.0\r")
            // Row 0 written by hand: the formula guard, the quotes, a decimal in full.
            let first = try #require(String(data: Data(lines[1]), encoding: textEncoding))
            #expect(first == "\"'=人才,\"\"0\"\"\",0,0.0\r")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".cipin-outputs", "a.csv", "report.xml"])
    }

    /// The CSVs are written under temporary names while the rest still renders; when a later job
    /// fails (a chart that does not fit its data), they are removed: an existing folder keeps its
    /// files as they were, and a folder made for the report is gone again.
    @Test func aReportThatFailsToRenderLeavesTheFolderAsItWas() throws {
        let parent = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let rows = (0..<20_000).map { [Cell.text("人才\($0)"), .integer($0)] }
        let bad = Report(title: "报告", date: "2021-11-25", sections: [Section(id: "s", title: "节", blocks: [
            .table(Table(id: "t", title: "表", columns: [Column("词"), Column("次数")], rows: rows, csvName: "a.csv")),
            .figure(Figure(id: "f", title: "图", fileRef: "x.svg", description: "图",
                           chart: .bar(BarChart(categories: ["人才"], series: [ChartSeries(name: "n", values: [1, 2])])))),
        ])])
        let existing = parent.appendingPathComponent("old")
        try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: true)
        try Data("old csv".utf8).write(to: existing.appendingPathComponent("a.csv"))
        try Data("old report".utf8).write(to: existing.appendingPathComponent("report.xml"))
        #expect(throws: ReportingError.self) { try ReportWriter.write(bad, toFolder: existing) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: existing.path).sorted() == ["a.csv", "report.xml"])
        #expect(try String(contentsOf: existing.appendingPathComponent("a.csv"), encoding: .utf8) == "old csv")
        let fresh = parent.appendingPathComponent("新/报告")
        #expect(throws: ReportingError.self) { try ReportWriter.write(bad, toFolder: fresh) }
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
    }
}

extension ReportWriterTests {
    /// A table is rendered and written a few chunks at a time: a bad row far down it, after parts
    /// have been written, fails the report by that row's number, and the folder keeps the files it
    /// had, with no temporary file left.
    @Test func aBadRowFarDownATableLeavesTheFolderAsItWas() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("old csv".utf8).write(to: folder.appendingPathComponent("a.csv"))
        let count = 16_384 * (2 * ProcessInfo.processInfo.activeProcessorCount + 2)  // past the first window of chunks
        let bad = count - 100
        let table = Table(id: "t", title: "表", columns: [Column("词"), Column("次数")], rowCount: count, csvName: "a.csv") { index, cells in
            cells += index == bad ? [.text("人才")] : [.text("人才\(index)"), .integer(index)]
        }
        let report = Report(title: "报告", date: "2021-11-25", sections: [Section(id: "s", title: "节", blocks: [.table(table)])])
        #expect(throws: ReportingError.rowWidthMismatch(path: folder.appendingPathComponent("a.csv").path, table: "t", row: bad + 1,
                                                        cellCount: 1, columnCount: 2)) {
            try ReportWriter.write(report, toFolder: folder)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.csv"])
        #expect(try String(contentsOf: folder.appendingPathComponent("a.csv"), encoding: .utf8) == "old csv")
    }
}

@Suite("Report rows")
struct ReportRowsTests {
    /// A report with a long table that has a CSV file, a long one without, a short one, and a long
    /// one in a subsection; each row's first cell is its number.
    static func report() -> Report {
        func table(_ id: String, rows: Int, csv: String?, generated: Bool) -> Table {
            let columns = [Column("n", label: "N"), Column("word", label: "Word")]
            if generated {
                return Table(id: id, title: id, columns: columns, rowCount: rows, csvName: csv) { index, cells in
                    cells += [.integer(index + 1), .text("词\(index + 1)")]
                }
            }
            return Table(id: id, title: id, columns: columns, rows: (0..<rows).map { [.integer($0 + 1), .text("词\($0 + 1)")] }, csvName: csv)
        }
        var report = Report(title: "行数", date: "2021-11-11", sections: [
            Section(id: "s1", title: "One", blocks: [
                .paragraph("Long tables."),
                .table(table("long-csv", rows: 7, csv: "long.csv", generated: true)),
                .table(table("long-plain", rows: 9, csv: nil, generated: false)),
                .table(table("short", rows: 3, csv: "short.csv", generated: false)),
            ], subsections: [
                Section(id: "s2", title: "Two", blocks: [.table(table("nested", rows: 5, csv: "nested.csv", generated: false))]),
            ]),
        ])
        report.attachments = [table("attached", rows: 20, csv: "attached.csv", generated: true)]
        return report
    }

    @Test func longTablesShowTheirFirstRowsAndKeepEveryRowInTheirCSV() throws {
        let limited = Self.report().limitingRows(to: 3)
        let shown = Dictionary(uniqueKeysWithValues: limited.sections.flatMap(\.allTables).map { ($0.id, $0) })
        #expect(shown.keys.sorted() == ["long-csv", "long-plain", "nested", "short"])
        #expect(shown.values.allSatisfy { $0.rowCount == 3 })
        #expect(shown["long-csv"]!.rows.map { $0[0] } == [.integer(1), .integer(2), .integer(3)])
        #expect(shown["long-plain"]!.rows.map { $0[1] } == [.text("词1"), .text("词2"), .text("词3")])
        #expect(shown["long-csv"]!.title == "long-csv (the first 3 of 7 rows; all in long.csv)")
        #expect(shown["long-plain"]!.title == "long-plain (the first 3 of 9 rows)")
        #expect(shown["nested"]!.title == "nested (the first 3 of 5 rows; all in nested.csv)")
        #expect(shown["short"]! == Self.report().sections[0].allTables[2])
        // Shown parts of long tables have no CSV; the whole tables do, among the attachments.
        #expect(shown["long-csv"]!.csvName == nil && shown["nested"]!.csvName == nil && shown["short"]!.csvName == "short.csv")
        #expect(limited.attachments.map(\.id) == ["long-csv-all", "nested-all", "attached"])
        #expect(limited.attachments.map(\.rowCount) == [7, 5, 20])
        #expect(limited.attachments.map(\.csvName) == ["long.csv", "nested.csv", "attached.csv"])
        // Every CSV name once, as before.
        #expect(limited.allTables.compactMap(\.csvName).sorted() == Self.report().allTables.compactMap(\.csvName).sorted())
        // A title that ends in a parenthesis takes the note inside it.
        var report = Self.report()
        report.sections[0].blocks[2] = .table(Table(id: "long-plain", title: "Collocates (by logDice)", columns: [Column("n")],
                                                    rows: (0..<9).map { [.integer($0)] }))
        #expect(report.limitingRows(to: 3).sections[0].allTables[1].title == "Collocates (by logDice; the first 3 of 9 rows)")
    }

    @Test func aLimitedReportIsValidAndItsCSVFilesAreWhole() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReportWriter.write(Self.report().limitingRows(to: 2), toFolder: folder, validator: try Shared.docBookValidator())
        let xml = try String(contentsOf: folder.appendingPathComponent("report.xml"), encoding: .utf8)
        // A head row and 2 shown rows in each of the four tables of the sections; attachments are not in the report.
        #expect(xml.components(separatedBy: "<row>").count - 1 == 4 * (1 + 2))
        #expect(xml.contains("词2") && !xml.contains("词3"))
        for (name, rows) in [("long.csv", 7), ("short.csv", 3), ("nested.csv", 5), ("attached.csv", 20)] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let records = text.split(separator: "\r\n")
            #expect(records.count == rows + 1, "\(name)")
            #expect(records.last == "\(rows),词\(rows)", "\(name)")
        }
    }
}
