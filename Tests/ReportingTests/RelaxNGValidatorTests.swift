import Foundation
import Testing

@testable import Reporting

@Suite("RELAX NG validator")
struct RelaxNGValidatorTests {
    @Test func invalidDocumentIsReportedWithLineNumbers() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <article xmlns="http://docbook.org/ns/docbook" version="5.0">
              <info>
                <title>词频报告</title>
                <para>信息块里不能有段落</para>
              </info>
              <para>正文</para>
            </article>
            """
        let issues = try Shared.docBookValidator().validate(Data(xml.utf8), documentName: "坏.xml")
        // libxml2 reports a failed element and its parents; the para is named with its own line.
        let para = ValidationIssue(file: "坏.xml", line: 5, element: "para", message: "Element info has extra content: para")
        #expect(issues.contains(para))
        #expect(para.description == "坏.xml:5: Element info has extra content: para")
        #expect(issues.allSatisfy { $0.file == "坏.xml" && $0.line > 0 })
    }

    @Test func lineNumbersBeyond65535AreExact() throws {
        var lines = [#"<article xmlns="http://docbook.org/ns/docbook" version="5.0"><info><title>t</title>"#]
        for index in 0..<65_600 { lines.append("<bibliomisc>\(index)</bibliomisc>") }
        lines.append("<para>信息块里不能有段落</para>")
        lines.append("</info><para/></article>")
        let issues = try Shared.docBookValidator().validate(Data(lines.joined(separator: "\n").utf8))
        // libxml2 keeps only 16 bits of line in a node unless parsed with XML_PARSE_BIG_LINES.
        #expect(issues.contains(ValidationIssue(
            file: "document.xml", line: 65_602, element: "para", message: "Element info has extra content: para")))
    }

    @Test func malformedDocumentIsAnErrorWithLineAndColumn() throws {
        let xml = "<article>\n  <para>未闭合\n</article>\n"
        #expect(throws: ReportingError.cannotReadDocument(
            path: "坏.xml", line: 3, column: 11,
            message: "Opening and ending tag mismatch: para line 2 and article")) {
            try Shared.docBookValidator().validate(Data(xml.utf8), documentName: "坏.xml")
        }
        #expect(
            ReportingError.cannotReadDocument(path: "坏.xml", line: 3, column: 11, message: "Opening and ending tag mismatch: para line 2 and article")
                .localizedDescription
                == "坏.xml:3:11: cannot read the document: Opening and ending tag mismatch: para line 2 and article")
    }

    @Test func externalEntitiesAreNeitherFetchedNorExpanded() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("secret.txt")
        try Data("秘密".utf8).write(to: secret)
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE article [<!ENTITY leak SYSTEM "\(secret.path)">]>
            <article xmlns="http://docbook.org/ns/docbook" version="5.0"><info><title>&leak;</title></info><para/></article>
            """
        // The reference stays a reference: the title is empty to the validator, and the file is not read.
        let issues = try Shared.docBookValidator().validate(Data(xml.utf8))
        #expect(issues.allSatisfy { !$0.message.contains("秘密") })
    }

    @Test func missingSchemaAndMissingDocumentAreErrors() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("无.rng")
        #expect(throws: ReportingError.self) { try RelaxNGValidator(schemaURL: missing) }
        let notSchema = folder.appendingPathComponent("not.rng")
        try Data("<html/>".utf8).write(to: notSchema)
        do {
            _ = try RelaxNGValidator(schemaURL: notSchema)
            Issue.record("a non-schema was accepted")
        } catch let ReportingError.cannotLoadSchema(path, message) {
            #expect(path == notSchema.path)
            #expect(!message.isEmpty)
        }
        #expect(
            ReportingError.cannotLoadSchema(path: "/x/无.rng", message: "not a RELAX NG schema").localizedDescription
                == "/x/无.rng: cannot load the RELAX NG schema: not a RELAX NG schema; "
                + "check the path (Debian: apt-get install docbook5-xml).")
        #expect(throws: ReportingError.self) {
            try Shared.docBookValidator().validate(fileAt: folder.appendingPathComponent("无.xml"))
        }
    }

    @Test func validatorCanBeSharedAcrossTasks() async throws {
        let validator = try Shared.docBookValidator()
        let data = try DocBookWriter.render(everyBlockReport())
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try validator.validate(data).count } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 0, count: 8))
    }
}

@Suite("RELAX NG validation with repeated rows collapsed")
struct CollapsedRowValidationTests {
    /// A DocBook article with one CALS table of `rows` rows (`row(i)` gives row i's XML) and a second,
    /// HTML-model table of three rows.
    static func document(rows: Int, row: (Int) -> String) -> String {
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#,
                     #"<article xmlns="http://docbook.org/ns/docbook" version="5.0"><info><title>t</title></info>"#,
                     #"<table><title>表</title><tgroup cols="3"><thead><row><entry>词</entry><entry>次数</entry><entry>备注</entry></row></thead><tbody>"#]
        for index in 0..<rows { lines.append(row(index)) }
        lines.append("</tbody></tgroup></table>")
        lines.append("<informaltable><tbody>")
        for index in 0..<3 { lines.append("<tr><td>\(index)</td><td>词\(index)</td></tr>") }
        lines.append("</tbody></informaltable></article>")
        return lines.joined(separator: "\n")
    }

    static func plainRow(_ index: Int) -> String {
        #"<row><entry>词\#(index)</entry><entry align="right">\#(index * 7)</entry><entry>"#
            + (index % 3 == 0 ? "" : "备注 \(index) &amp; <emphasis>着重</emphasis>") + "</entry></row>"
    }

    /// Validates `xml` whole and with rows collapsed.
    static func both(_ xml: String) throws -> (whole: [ValidationIssue], collapsed: [ValidationIssue]) {
        let validator = try Shared.docBookValidator()
        return (try validator.validate(Data(xml.utf8)), try validator.validate(Data(xml.utf8), collapsingRepeatedRows: true))
    }

    @Test func validTablesCollapseToOneRowPerShapeAndStayValid() throws {
        let xml = Self.document(rows: 3000, row: Self.plainRow)
        let parsed = try ParsedXML(data: Data(xml.utf8), name: "t.xml")
        // Shapes: empty note, and note with text and emphasis; the HTML table's three rows are alike;
        // the head row is not in a body.
        #expect(RelaxNGValidator.collapseRepeatedRows(parsed.pointer.pointer) == 2998 + 2)
        let (whole, collapsed) = try Self.both(xml)
        #expect(whole.isEmpty)
        #expect(collapsed.isEmpty)
    }

    @Test func aBadRowDeepInATableIsFoundAtItsOwnLine() throws {
        // Row 2500 holds a block where a cell of inline text is: invalid.
        let xml = Self.document(rows: 3000) { index in
            index == 2500 ? "<row><entry>词</entry><entry><para>段落</para><phrase>x</phrase></entry><entry/></row>" : Self.plainRow(index)
        }
        let (whole, collapsed) = try Self.both(xml)
        #expect(!whole.isEmpty)
        #expect(!collapsed.isEmpty)
        #expect(collapsed.first == whole.first)
        #expect(collapsed.first?.line == 2500 + 4)
    }

    @Test func rowsThatDifferOnlyInWhetherACellHasTextAreKeptApart() throws {
        // A row holds entries only: the text directly in row 40 is invalid, the white space in the
        // others is not, and the two shapes are told apart by whether the text is white space only.
        let xml = Self.document(rows: 50) { index in
            index == 40 ? "<row>文字<entry>词</entry><entry>1</entry><entry/></row>" : "<row> <entry>词</entry><entry>1</entry><entry/></row>"
        }
        let (whole, collapsed) = try Self.both(xml)
        #expect(!whole.isEmpty)
        #expect(collapsed.first == whole.first)
        #expect(collapsed.first?.line == 40 + 4)
    }

    @Test func attributeValuesAreKeptVerbatim() throws {
        // `align` takes a fixed set of values; a bad one in row 30 of rows otherwise alike is found.
        let xml = Self.document(rows: 60) { index in
            #"<row><entry>词</entry><entry align="\#(index == 30 ? "rechts" : "right")">1</entry><entry/></row>"#
        }
        let (whole, collapsed) = try Self.both(xml)
        #expect(!whole.isEmpty)
        #expect(collapsed.first == whole.first)
        #expect(collapsed.first?.line == 30 + 4)
    }

    @Test func rowsWithIdentifiersAreNeverCollapsed() throws {
        // The same xml:id twice: a duplicate the whole document's validation rejects; rows with
        // identifiers stay, so the collapsed one does too.
        let xml = Self.document(rows: 10) { index in
            #"<row xml:id="r\#(index == 7 ? 3 : index)"><entry>词</entry><entry>1</entry><entry/></row>"#
        }
        let (whole, collapsed) = try Self.both(xml)
        #expect(!whole.isEmpty)
        #expect(!collapsed.isEmpty)
        let parsed = try ParsedXML(data: Data(xml.utf8), name: "t.xml")
        #expect(RelaxNGValidator.collapseRepeatedRows(parsed.pointer.pointer) == 2)  // only the HTML table's
    }

    @Test func randomFaultsAreFoundWithAndWithoutCollapsing() throws {
        // Faults of several kinds at random rows: the two validations agree on validity and on the first problem.
        let faults = [
            "<row><entry>词</entry><entry><bogus/></entry><entry/></row>",
            "<row><entry>词</entry><entry>1</entry></row>x",
            #"<row><entry valign="sideways">词</entry><entry>1</entry><entry/></row>"#,
            "<row><entry>词</entry><entry>1</entry><entry/><para/></row>",
            "<row/>",
            "<row><entry>词</entry><entry><link>无目标</link></entry><entry/></row>",
        ]
        var generator = SplitMix64(seed: 20261201)  // seeded: a failure names a row that can be tried again
        for fault in faults {
            let at = Int.random(in: 0..<400, using: &generator)
            let xml = Self.document(rows: 400) { $0 == at ? fault : Self.plainRow($0) }
            let (whole, collapsed) = try Self.both(xml)
            #expect(whole.isEmpty == collapsed.isEmpty, "fault \(fault) at row \(at)")
            #expect(collapsed.first == whole.first, "fault \(fault) at row \(at)")
        }
    }
}

extension SplitMix64: RandomNumberGenerator {}
