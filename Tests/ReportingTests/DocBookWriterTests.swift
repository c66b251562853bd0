import Foundation
import Testing

@testable import Reporting

@Suite("DocBook writer")
struct DocBookWriterTests {
    @Test func reportWithEveryBlockKindIsValidDocBook() throws {
        let data = try DocBookWriter.render(everyBlockReport())
        let issues = try Shared.docBookValidator().validate(data, documentName: "every-block.xml")
        #expect(issues == [])
        let xml = String(decoding: data, as: UTF8.self)
        for expected in [
            #"<article xmlns:xlink="http://www.w3.org/1999/xlink" version="5.0" xml:lang="zh" xmlns="http://docbook.org/ns/docbook">"#,
            #"<bibliomisc role="info-item"><phrase role="label">Pipeline</phrase>: seed</bibliomisc>"#,
            #"<section xml:id="overview-empty">"#, "<para>本节没有内容。</para>", "<para>（无）</para>",
            #"<colspec colname="c2" align="right"/>"#, #"<entry align="right">12.35</entry>"#,
            #"<entry align="right">7.00</entry>"#, "<entry/>",
            #"<imagedata fileref="keywords.svg" format="SVG"/>"#,
            "<phrase>柱状图：人才 153 次，干部 98 次，基层 0 次。</phrase>",
        ] {
            #expect(xml.contains(expected), "missing \(expected)")
        }
    }

    /// In an English report a cell of Chinese text is marked `xml:lang="zh"` (a screen reader reads
    /// it with a Chinese voice); other cells, and every cell of a Chinese report, are not; the
    /// document stays valid.
    @Test func chineseCellsOfAnEnglishReportAreMarked() throws {
        var report = Report(title: "Report", date: "2021-11-25", sections: [
            Section(id: "s1", title: "Counts", blocks: [.table(Table(
                id: "t1", title: "Counts", columns: [Column("keyword", label: "Keyword"), Column("file", label: "File"), Column("n", label: "n")],
                rows: [[.text("人才"), .text("a.txt"), .integer(3)], [.text("Wi-Fi 热点"), .text(""), .integer(1)]]))]),
        ], language: "en")
        let english = String(decoding: try DocBookWriter.render(report, options: .english), as: UTF8.self)
        #expect(english.contains(#"<entry xml:lang="zh">人才</entry>"#) && english.contains(#"<entry xml:lang="zh">Wi-Fi 热点</entry>"#))
        #expect(english.contains("<entry>a.txt</entry>") && english.contains(#"<entry align="right">3</entry>"#))
        #expect(try Shared.docBookValidator().validate(Data(english.utf8), documentName: "en.xml") == [])
        report.language = "zh"
        #expect(!String(decoding: try DocBookWriter.render(report), as: UTF8.self).contains(#"<entry xml:lang"#))
    }

    /// The whole document for a small report, byte for byte: the structure this writer promises.
    @Test func smallReportIsWrittenExactly() throws {
        let report = Report(
            title: "词频报告", date: "2021-11-25", info: [InfoItem(label: "Pipeline", value: "seed")],
            sections: [
                Section(id: "s1", title: "概况", blocks: [
                    .paragraph("共 1 篇。"),
                    .table(Table(
                        id: "t1", title: "次数", columns: [Column("keyword", label: "词"), Column("n", label: "次")],
                        rows: [[.text("人才"), .integer(3)]])),
                ]),
            ])
        let xml = String(decoding: try DocBookWriter.render(report), as: UTF8.self)
        #expect(xml == """
            <?xml version="1.0" encoding="UTF-8"?>
            <article version="5.0" xml:lang="zh" xmlns="http://docbook.org/ns/docbook">
              <info>
                <title>词频报告</title>
                <date>2021-11-25</date>
                <bibliomisc role="info-item"><phrase role="label">Pipeline</phrase>: seed</bibliomisc>
              </info>
              <section xml:id="s1">
                <title>概况</title>
                <para>共 1 篇。</para>
                <table xml:id="t1">
                  <title>次数</title>
                  <tgroup cols="2">
                    <colspec colname="c1"/>
                    <colspec colname="c2" align="right"/>
                    <thead>
                      <row>
                        <entry>词</entry>
                        <entry>次</entry>
                      </row>
                    </thead>
                    <tbody>
                      <row>
                        <entry>人才</entry>
                        <entry align="right">3</entry>
                      </row>
                    </tbody>
                  </tgroup>
                </table>
              </section>
            </article>

            """)
    }

    /// The files the report's tables are written to are links wherever its text names them
    /// whole (paragraphs, list items, titles), a table written whole to a file names it in its
    /// title, other names stay text, and the document stays valid DocBook.
    @Test func namesOfTheReportsFilesAreLinks() throws {
        var report = Report(title: "Report", date: "2021-11-25", sections: [
            Section(id: "s1", title: "Terms", blocks: [
                .paragraph("terms.csv has every word; run_new_terms.csv and /data/terms.csv are other files, as is notes.csv."),
                .itemizedList(["see terms.csv", "nothing here"]),
                .table(Table(id: "t1", title: "Terms", columns: [Column("term"), Column("n")],
                             rows: [[.text("人才"), .integer(3)]], csvName: "terms.csv")),
                .table(Table(id: "t2", title: "Shown only (all in keywords.csv)", columns: [Column("k")], rows: [[.text("人才")]])),
            ]),
        ], language: "en")
        report.attachments = [Table(id: "t3", title: "Keywords", columns: [Column("k")], rows: [[.text("人才")]], csvName: "keywords.csv")]
        let data = try DocBookWriter.render(report, options: .english)
        #expect(try Shared.docBookValidator().validate(data, documentName: "links.xml") == [])
        let xml = String(decoding: data, as: UTF8.self)
        #expect(xml.contains(#"xmlns:xlink="http://www.w3.org/1999/xlink""#))
        let link = { (name: String) in #"<link xlink:href="\#(name)">\#(name)</link>"# }
        #expect(xml.contains("<para>\(link("terms.csv")) has every word; run_new_terms.csv and /data/terms.csv are other files, as is notes.csv.</para>"))
        #expect(xml.contains("<para>see \(link("terms.csv"))</para>"))
        #expect(xml.contains("<title>Terms (\(link("terms.csv")))</title>"))
        // A title that ends in a parenthesis takes the name inside it.
        report.sections[0].blocks[2] = .table(Table(id: "t1", title: "Terms (2 or more)", columns: [Column("term"), Column("n")],
                                                    rows: [[.text("人才"), .integer(3)]], csvName: "terms.csv"))
        #expect(String(decoding: try DocBookWriter.render(report), as: UTF8.self).contains("<title>Terms (2 or more; \(link("terms.csv")))</title>"))
        #expect(xml.contains("<title>Shown only (all in \(link("keywords.csv")))</title>"))
        #expect(xml.components(separatedBy: "<link ").count - 1 == 4)
        // HTML renders them as links to the files beside it.
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try data.write(to: folder.appendingPathComponent("report.xml"))
        let html = try HTMLRenderer.render(reportAt: folder.appendingPathComponent("report.xml"),
                                           options: .init(stylesheetFolder: HTMLRendererTests.stylesheets))
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains(#"href="terms.csv""#) && page.contains(#"href="keywords.csv""#))
        #expect(!page.contains(#"href="notes.csv""#))
        // A page rendered into another folder links to the files where they are, beside the report.
        let elsewhere = try HTMLRenderer.render(reportAt: folder.appendingPathComponent("report.xml"),
                                                options: .init(stylesheetFolder: HTMLRendererTests.stylesheets,
                                                               outputFolder: folder.appendingPathComponent("html/页")))
        let away = try String(contentsOf: elsewhere, encoding: .utf8)
        #expect(away.contains(#"href="../../terms.csv""#) && !away.contains(#"href="terms.csv""#))
        #expect(HTMLRenderer.relativePath(from: URL(fileURLWithPath: "/data/html"), to: URL(fileURLWithPath: "/data/out")) == "../out/")
        #expect(HTMLRenderer.relativePath(from: URL(fileURLWithPath: "/data/out/html"), to: URL(fileURLWithPath: "/data/out")) == "../")
        #expect(HTMLRenderer.relativePath(from: URL(fileURLWithPath: "/data"), to: URL(fileURLWithPath: "/data/out/x")) == "out/x/")
        // A report without files declares no XLink namespace.
        report.attachments = []
        report.sections[0].blocks.remove(at: 2)
        #expect(!String(decoding: try DocBookWriter.render(report), as: UTF8.self).contains("xlink"))
    }

    /// A column the table leaves to its CSV file is not shown; the others keep their alignment.
    @Test func columnsHiddenInTheReportAreLeftOut() throws {
        var table = Table(id: "t1", title: "Keywords", columns: [Column("keyword", label: "Keyword"), Column("member", label: "Member"),
                                                                   Column("n", label: "n")],
                          rows: [[.text("人才"), .text(""), .integer(3)]])
        table.hiddenInReport = ["member"]
        let data = try DocBookWriter.render(Report(title: "R", date: "2021-11-25", sections: [Section(id: "s", title: "S", blocks: [.table(table)])]))
        #expect(try Shared.docBookValidator().validate(data, documentName: "hidden.xml") == [])
        let xml = String(decoding: data, as: UTF8.self)
        #expect(xml.contains(#"<tgroup cols="2">"#) && xml.contains(#"<colspec colname="c2" align="right"/>"#))
        #expect(!xml.contains("Member") && xml.contains("<entry>Keyword</entry>") && xml.contains(#"<entry align="right">3</entry>"#))
        #expect(table.prefix(1).hiddenInReport == ["member"])
        // Hiding every column hides none.
        table.hiddenInReport = ["keyword", "member", "n"]
        let all = String(decoding: try DocBookWriter.render(Report(title: "R", date: "d", sections: [Section(id: "s", title: "S", blocks: [.table(table)])])),
                         as: UTF8.self)
        #expect(all.contains(#"<tgroup cols="3">"#) && all.contains("<entry>Member</entry>"))
    }

    @Test func forbiddenCharactersAreReplacedAndTheReportStaysValid() throws {
        // U+0000 would cut the string in C; the others libxml2 would write raw. Tab, LF and CR are allowed.
        let dirty = "前\u{0}中\u{1}后\u{B}尾\u{FFFE}x\u{FFFF}y\t制表\n换行\r回车"
        let clean = "前\u{FFFD}中\u{FFFD}后\u{FFFD}尾\u{FFFD}x\u{FFFD}y\t制表\n换行\r回车"
        let table = Table(
            id: "t", title: dirty, columns: [Column("c", label: dirty)], rows: [[.text(dirty)]])
        let report = Report(
            title: dirty, subtitle: dirty, date: dirty, info: [InfoItem(label: dirty, value: dirty)],
            sections: [
                Section(id: "s", title: dirty, blocks: [
                    .paragraph(dirty), .itemizedList([dirty]), .table(table),
                    .figure(Figure(id: "f", title: dirty, fileRef: "a.svg", description: dirty)),
                ]),
            ])
        let data = try DocBookWriter.render(report)
        #expect(try Shared.docBookValidator().validate(data) == [])

        // Read back with an independent XML parser: every text node holds the cleaned string.
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("dirty.xml")
        try data.write(to: file)
        let script = """
            import sys, json, xml.etree.ElementTree as ET
            ns = '{http://docbook.org/ns/docbook}'
            root = ET.parse(sys.argv[1]).getroot()
            texts = {}
            for path in ['info/title', 'info/subtitle', 'info/date', 'section/title', 'section/para',
                         'section/itemizedlist/listitem/para', 'section/table/title',
                         'section/table/tgroup/thead/row/entry', 'section/table/tgroup/tbody/row/entry',
                         'section/figure/title', 'section/figure/mediaobject/textobject/phrase']:
                texts[path] = root.find('/'.join(ns + p for p in path.split('/'))).text
            misc = root.find(ns + 'info/' + ns + 'bibliomisc')
            texts['bibliomisc'] = ''.join(misc.itertext())
            print(json.dumps(texts))
            """
        let output = try runPython(script, [file.path])
        let texts = try JSONDecoder().decode([String: String].self, from: Data(output.utf8))
        #expect(texts.count == 12)
        for (path, text) in texts where path != "bibliomisc" {
            #expect(text == clean, "\(path)")
        }
        #expect(texts["bibliomisc"] == clean + ": " + clean)
    }

    @Test(arguments: [1, 3])
    func tableWithoutRowsIsValid(columnCount: Int) throws {
        let columns = (1...columnCount).map { Column("c\($0)") }
        let report = Report(title: "空表", date: "2021-11-25", sections: [
            Section(id: "s", title: "空", blocks: [.table(Table(id: "empty", title: "空表", columns: columns, rows: []))]),
        ])
        let data = try DocBookWriter.render(report)
        #expect(try Shared.docBookValidator().validate(data) == [])
        let xml = String(decoding: data, as: UTF8.self)
        if columnCount == 1 {
            #expect(xml.contains("<tbody>\n          <row>\n            <entry>没有数据。</entry>"))
        } else {
            #expect(xml.contains(#"<entry namest="c1" nameend="c3">没有数据。</entry>"#))
        }
    }

    @Test func reportWithoutSectionsAndSectionsWithoutContentAreValid() throws {
        let options = DocBookWriter.Options(emptyReportText: "Nothing here.", emptySectionText: "Empty.")
        let bare = try DocBookWriter.render(Report(title: "", date: ""), options: options)
        #expect(try Shared.docBookValidator().validate(bare) == [])
        #expect(String(decoding: bare, as: UTF8.self).contains("<para>Nothing here.</para>"))

        let empty = try DocBookWriter.render(
            Report(title: "t", date: "d", sections: [Section(id: "a", title: ""), Section(id: "b", title: "b", blocks: [
                .paragraph(""), .itemizedList([]), .itemizedList([""]),
            ])], language: ""),
            options: options)
        #expect(try Shared.docBookValidator().validate(empty) == [])
        let xml = String(decoding: empty, as: UTF8.self)
        #expect(xml.contains("<para>Empty.</para>"))
        #expect(!xml.contains("xml:lang"))
    }

    /// p-values: significant digits for readers, never 0.000000 for a tiny p; CSV keeps every digit.
    @Test func significantDigitsForSmallNumbers() throws {
        let values = [0.0123, 2.1463351500645235e-298, 0.5, 0.0, 1e-4, 0.04999, 3.2e-7]
        #expect(values.map { NumberText.significant($0, digits: 2) } == ["0.012", "2.1e-298", "0.50", "0", "0.00010", "0.050", "3.2e-07"])
        let table = Table(id: "t", title: "p", columns: [Column("p")], rows: values.map { [.significant($0, digits: 2)] }, csvName: "p.csv")
        let csv = String(decoding: try CSVWriter.render(table), as: UTF8.self)
        #expect(csv.contains("\r\n0.0000000000000000000000000000000000000000000000000000000000000000000000000"))
        #expect(csv.components(separatedBy: "\r\n").dropFirst().dropLast().compactMap { Double($0) } == values)
    }

    @Test func decimalsAreRoundedForReadersOnly() throws {
        let cells: [Cell] = [
            .decimal(2.5, fractionDigits: 0), .decimal(-0.001, fractionDigits: 2), .decimal(1.0 / 3, fractionDigits: 4),
            .decimal(.nan, fractionDigits: 2), .decimal(-.infinity, fractionDigits: 2), .decimal(1e-5, fractionDigits: -1),
            .integer(-42),
        ]
        let report = Report(title: "数", date: "2021-11-25", sections: [
            Section(id: "s", title: "数", blocks: [
                .table(Table(id: "t", title: "数", columns: cells.indices.map { Column("c\($0)") }, rows: [cells])),
            ]),
        ])
        let xml = String(decoding: try DocBookWriter.render(report), as: UTF8.self)
        let entries = xml.components(separatedBy: "\n").filter { $0.contains(#"<entry align="right">"#) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        // printf rounds half to even on the binary value: 2.5 -> "2".
        #expect(entries == [
            #"<entry align="right">2</entry>"#, #"<entry align="right">0.00</entry>"#,
            #"<entry align="right">0.3333</entry>"#, #"<entry align="right">NaN</entry>"#,
            #"<entry align="right">-∞</entry>"#, #"<entry align="right">0</entry>"#,
            #"<entry align="right">-42</entry>"#,
        ])
    }

    @Test func badIDsAndMalformedTablesAreRejectedBeforeWriting() throws {
        func render(_ sections: [Section]) throws {
            _ = try DocBookWriter.render(Report(title: "报告", date: "2021-11-25", sections: sections), documentName: "报告.xml")
        }
        #expect(throws: ReportingError.invalidXMLID(path: "报告.xml", id: "关键词 表")) {
            try render([Section(id: "关键词 表", title: "关键词")])
        }
        #expect(
            (ReportingError.invalidXMLID(path: "报告.xml", id: "关键词 表")).localizedDescription
                == "报告.xml: the id '关键词 表' is not a valid xml:id; use ASCII letters, digits, '-', '_' and '.', "
                + "starting with a letter or '_', e.g. 'keywords-2021'.")
        let table = Table(id: "s", title: "表", columns: [Column("a")], rows: [])
        #expect(throws: ReportingError.duplicateXMLID(path: "报告.xml", id: "s")) {
            try render([Section(id: "s", title: "节", blocks: [.table(table)])])
        }
        #expect(
            ReportingError.duplicateXMLID(path: "报告.xml", id: "s").localizedDescription
                == "报告.xml: the id 's' is used more than once; give every section, table and figure its own id.")
        let ragged = Table(id: "ragged", title: "表", columns: [Column("a"), Column("b")], rows: [[.text("人才"), .integer(1)], [.text("干部")]])
        #expect(throws: ReportingError.rowWidthMismatch(path: "报告.xml", table: "ragged", row: 2, cellCount: 1, columnCount: 2)) {
            try render([Section(id: "s", title: "节", blocks: [.table(ragged)])])
        }
        #expect(
            ReportingError.rowWidthMismatch(path: "报告.xml", table: "ragged", row: 2, cellCount: 1, columnCount: 2)
                .localizedDescription
                == "报告.xml: row 2 of table 'ragged' has 1 cells but the table has 2 columns; "
                + "give every row one cell per column (use .empty for blanks).")
        let noColumns = Table(id: "none", title: "表", columns: [], rows: [])
        #expect(throws: ReportingError.tableWithoutColumns(path: "报告.xml", table: "none")) {
            try render([Section(id: "s", title: "节", blocks: [.table(noColumns)])])
        }
        #expect(
            ReportingError.tableWithoutColumns(path: "报告.xml", table: "none").localizedDescription
                == "报告.xml: table 'none' has no columns; give every table at least one column.")
    }

    @Test func writeReplacesTheFileAtomically() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("report.xml")
        try Data("old".utf8).write(to: url)
        try DocBookWriter.write(everyBlockReport(), to: url)
        #expect(try Shared.docBookValidator().validate(fileAt: url) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.xml"])

        // A rejected model leaves the old file untouched.
        #expect(throws: ReportingError.invalidXMLID(path: url.path, id: "1")) {
            try DocBookWriter.write(Report(title: "x", date: "x", sections: [Section(id: "1", title: "x")]), to: url)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.xml"])
        #expect(try Shared.docBookValidator().validate(fileAt: url) == [])
    }
}
