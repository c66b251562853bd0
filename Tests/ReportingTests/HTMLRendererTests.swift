import Foundation
import Testing

@testable import Reporting

/// These tests run the real xsltproc with Debian's docbook-xsl-ns (Scripts/deps.sh installs both).
@Suite("HTML renderer")
struct HTMLRendererTests {
    static let stylesheets = repositoryRoot.appendingPathComponent("Reports")

    /// Writes `chartReport()` with its CSV and SVG files into `folder/report`.
    func writeChartReport(in folder: URL) throws -> URL {
        let reportFolder = folder.appendingPathComponent("report")
        try ReportWriter.write(chartReport(), toFolder: reportFolder, validator: try Shared.docBookValidator())
        return reportFolder.appendingPathComponent("report.xml")
    }

    @Test func pageHasTablesImagesTitlePageInfoAndStylesheet() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try writeChartReport(in: folder)
        let output = folder.appendingPathComponent("网页")
        let page = try HTMLRenderer.render(
            reportAt: report, options: .init(stylesheetFolder: Self.stylesheets, outputFolder: output))
        #expect(page == output.appendingPathComponent("index.html"))
        let html = try String(contentsOf: page, encoding: .utf8)
        for expected in [
            "<!DOCTYPE html>", #"charset=UTF-8"#, #"<link rel="stylesheet" type="text/css" href="cipin.css">"#,
            "<title>词频报告：种子语料</title>",
            // Title page: the date and the info items, which the default DocBook title page drops.
            #"<dt class="date-label">日期</dt><dd class="date">2021-11-25</dd>"#,
            "<dt>Pipeline</dt><dd>seed</dd>", "<dt>关键词</dt><dd>人才、干部、基层</dd>",
            // Table of contents.
            #"<div class="toc">"#, ##"<a href="#keywords">1. 关键词</a>"##,
            // The table, its Chinese cells and right-aligned numbers.
            "<table", "<td>人才</td>", "<td>高质量发展</td>", #"<td align="right">153</td>"#,
            #"<td align="right">113.05</td>"#,
            // Every chart as an image, with its description as alternative text.
            #"<img src="keywords.svg" alt="横向柱状图：人才 153 次，干部 98 次，基层 41 次，高质量发展 17 次。">"#,
            #"<img src="regions.svg""#, #"<img src="trend.svg""#, #"<img src="network.svg""#,
        ] {
            #expect(html.contains(expected), "index.html lacks \(expected)")
        }
        // Images are not sized by attributes (CSS scales them), and nothing is fetched from the web.
        #expect(!html.contains("<img src=\"keywords.svg\" width"))
        #expect(!html.contains("http://docbook.sourceforge.net"))
        let written = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(written == ["cipin.css", "index.html", "keywords.svg", "network.svg", "regions.svg", "trend.svg"])
        #expect(try Data(contentsOf: output.appendingPathComponent("cipin.css"))
            == Data(contentsOf: Self.stylesheets.appendingPathComponent("cipin.css")))
        #expect(try Data(contentsOf: output.appendingPathComponent("network.svg"))
            == Data(contentsOf: report.deletingLastPathComponent().appendingPathComponent("network.svg")))

        if let sampleFolder = ProcessInfo.processInfo.environment["CIPIN_SAMPLE_REPORT_DIR"] {
            // For looking at by eye (e.g. a headless browser screenshot); never set in CI.
            let sample = URL(fileURLWithPath: sampleFolder)
            try ReportWriter.write(chartReport(), toFolder: sample)
            _ = try HTMLRenderer.render(
                reportAt: sample.appendingPathComponent("report.xml"), options: .init(stylesheetFolder: Self.stylesheets))
        }
    }

    @Test func pageGoesBesideTheReportByDefault() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try writeChartReport(in: folder)
        let page = try HTMLRenderer.render(reportAt: report, options: .init(stylesheetFolder: Self.stylesheets))
        #expect(page == report.deletingLastPathComponent().appendingPathComponent("index.html"))
        let written = try FileManager.default.contentsOfDirectory(atPath: report.deletingLastPathComponent().path).sorted()
        #expect(written == [
            ".cipin-outputs", "cipin.css", "index.html", "keyword_totals.csv", "keywords.svg", "network.svg", "regions.svg", "report.xml",
            "trend.svg",
        ])
        // Rendering again replaces the page (atomically) and leaves no temporary files.
        _ = try HTMLRenderer.render(reportAt: report, options: .init(stylesheetFolder: Self.stylesheets))
        #expect(try FileManager.default.contentsOfDirectory(atPath: report.deletingLastPathComponent().path).sorted() == written)
    }

    @Test func stylesheetsAreFoundFromTheExecutableOrTheEnvironment() throws {
        // The test runner sits in .build/<triple>/debug like the cipin binary, so the checkout's Reports is found.
        let found = try HTMLRenderer.locateStylesheetFolder(environment: [:])
        #expect(found.standardizedFileURL.resolvingSymlinksInPath().path
            == Self.stylesheets.standardizedFileURL.resolvingSymlinksInPath().path)
        // Then the checkout the binary was built from: a binary copied elsewhere finds it too.
        #expect(HTMLRenderer.stylesheetSearchFolders(
            environment: [:], executable: URL(fileURLWithPath: "/usr/local/bin/cipin")).map(\.path)
            == ["/usr/local/share/cipin", "/Reports", "/usr/Reports", Self.stylesheets.standardizedFileURL.path])
        #expect(try HTMLRenderer.locateStylesheetFolder(environment: [:], executable: URL(fileURLWithPath: "/usr/local/bin/cipin"))
            .resolvingSymlinksInPath().path == Self.stylesheets.standardizedFileURL.resolvingSymlinksInPath().path)
        // A set variable is the only place searched, so a wrong setting is not silently bypassed.
        #expect(HTMLRenderer.stylesheetSearchFolders(
            environment: ["CIPIN_STYLESHEETS": "/opt/样式"], executable: URL(fileURLWithPath: "/usr/local/bin/cipin"))
            .map(\.path) == ["/opt/样式"])
        #expect(throws: ReportingError.stylesheetNotFound(searched: ["/nonexistent/样式"])) {
            try HTMLRenderer.locateStylesheetFolder(environment: ["CIPIN_STYLESHEETS": "/nonexistent/样式"])
        }
        #expect(ReportingError.stylesheetNotFound(searched: ["/a", "/b"]).localizedDescription
            == "cannot find the HTML stylesheet cipin-html.xsl; looked in: /a, /b; "
            + "set CIPIN_STYLESHEETS to the folder that holds cipin-html.xsl and cipin.css.")
    }

    @Test func errorsNameTheFileAndNothingIsWritten() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try writeChartReport(in: folder)
        let output = folder.appendingPathComponent("out")
        func render(_ file: URL, stylesheets: URL = Self.stylesheets, xsltproc: String = "/usr/bin/xsltproc") throws {
            _ = try HTMLRenderer.render(reportAt: file, options: .init(
                stylesheetFolder: stylesheets, outputFolder: output, xsltproc: URL(fileURLWithPath: xsltproc)))
        }

        #expect(throws: ReportingError.toolMissing(path: "/nonexistent/xsltproc", install: HTMLRenderer.installHint)) {
            try render(report, xsltproc: "/nonexistent/xsltproc")
        }
        #expect(ReportingError.toolMissing(path: "/usr/bin/xsltproc", install: HTMLRenderer.installHint).localizedDescription
            == "/usr/bin/xsltproc: not found; install xsltproc and the DocBook XSL-NS stylesheets "
            + "(Debian: apt-get install xsltproc docbook-xsl-ns).")

        let missing = folder.appendingPathComponent("报告/report.xml")
        #expect(throws: ReportingError.cannotReadDocument(
            path: missing.path, line: 0, column: 0, message: "no such file; give the report.xml that 'cipin run' wrote")) {
            try render(missing)
        }
        let malformed = folder.appendingPathComponent("坏.xml")
        try Data("<article xmlns='http://docbook.org/ns/docbook'>\n<para>未闭合\n</article>".utf8).write(to: malformed)
        do {
            try render(malformed)
            Issue.record("a malformed report was accepted")
        } catch let ReportingError.cannotReadDocument(path, line, _, _) {
            #expect(path == malformed.path && line == 3)
        }

        // A document type that declares an external entity: xsltproc would expand it into the page.
        let secret = folder.appendingPathComponent("secret.txt")
        try Data("机密内容".utf8).write(to: secret)
        let entity = folder.appendingPathComponent("entity.xml")
        try Data(("<?xml version='1.0'?>\n<!DOCTYPE article [<!ENTITY s SYSTEM '\(secret.path)'>]>\n"
                  + "<article xmlns='http://docbook.org/ns/docbook' version='5.0'><title>t</title><para>&s;</para></article>").utf8).write(to: entity)
        #expect(throws: ReportingError.cannotReadDocument(
            path: entity.path, line: 0, column: 0,
            message: "it has a document type declaration (<!DOCTYPE …>), which Cipin's reports never have and through which "
                + "the stylesheets could read other files; give the report.xml that 'cipin run' wrote")) { try render(entity) }
        for (path, what) in [(folder.path, "a folder"), ("/dev/null", "not a regular file")] {
            #expect(throws: ReportingError.cannotReadDocument(
                path: path, line: 0, column: 0, message: "it is \(what); give the report.xml that 'cipin run' wrote")) {
                try render(URL(fileURLWithPath: path))
            }
        }

        let html = folder.appendingPathComponent("page.xml")
        try Data("<html><body/></html>".utf8).write(to: html)
        #expect(throws: ReportingError.notDocBook(path: html.path, root: "html")) { try render(html) }
        #expect(ReportingError.notDocBook(path: "/r/a.xml", root: "html").localizedDescription
            == "/r/a.xml: not a DocBook 5 report (the root element is 'html', expected 'article' in the namespace "
            + "http://docbook.org/ns/docbook); give the report.xml that 'cipin run' wrote.")

        try FileManager.default.removeItem(at: report.deletingLastPathComponent().appendingPathComponent("trend.svg"))
        #expect(throws: ReportingError.missingImage(path: report.path, image: "trend.svg")) { try render(report) }
        #expect(ReportingError.missingImage(path: "/r/report.xml", image: "trend.svg").localizedDescription
            == "/r/report.xml: the report shows the image 'trend.svg', which is not in the report's folder; "
            + "run the pipeline again to write it.")
        _ = try writeChartReport(in: folder)

        let broken = folder.appendingPathComponent("broken-stylesheets")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'><xsl:bogus/>".utf8)
            .write(to: broken.appendingPathComponent("cipin-html.xsl"))
        try Data("body {}".utf8).write(to: broken.appendingPathComponent("cipin.css"))
        do {
            try render(report, stylesheets: broken)
            Issue.record("a broken stylesheet was accepted")
        } catch let ReportingError.transformFailed(path, status, message) {
            #expect(path == report.path)
            #expect(status != 0)
            #expect(message.contains("cipin-html.xsl"))
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func onlyLocalRelativeImagesAreCopied() {
        #expect(HTMLRenderer.localImages(["a.svg", "charts/b.svg", "a.svg", "/etc/passwd", "../x.svg", "http://x/y.svg",
                                          "c/../d.svg", "", "e//f.svg"])
            == ["a.svg", "charts/b.svg"])
    }
}
