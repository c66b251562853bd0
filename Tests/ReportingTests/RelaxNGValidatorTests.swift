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
