@preconcurrency internal import CLibXML2
import Foundation

/// One problem found by `RelaxNGValidator`, with the line of the offending element.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    /// The document's path or the name given for an in-memory document.
    public var file: String
    /// 1-based line of the element the problem is about; 0 when libxml2 does not know it.
    public var line: Int
    /// Local name of the element the problem is about, if known.
    public var element: String?
    /// libxml2's message, e.g. `Did not expect element para there`.
    public var message: String

    public init(file: String, line: Int, element: String?, message: String) {
        self.file = file
        self.line = line
        self.element = element
        self.message = message
    }

    /// `file:line: message`, as compilers print diagnostics.
    public var description: String {
        "\(file):\(line): \(message)"
    }
}

/// Validates XML documents against a RELAX NG schema loaded once, e.g. DocBook 5.
///
///     let validator = try RelaxNGValidator()  // DocBook 5.0, ~45 ms
///     let issues = try validator.validate(fileAt: URL(fileURLWithPath: "Reports/seed/report.xml"))
///     for issue in issues { print(issue) }   // "…/report.xml:12: Did not expect element para there"
///
/// Documents are parsed from memory with `XML_PARSE_NONET` (no network, no DTD loading, no entity
/// substitution, no XInclude), so a document cannot make the validator fetch anything. The schema is
/// also read from memory, which keeps working when another part of the program installs an entity loader
/// that blocks file access. Problems are collected through libxml2's structured error handler; nothing is
/// printed to stderr.
///
/// Thread safety: the type is `Sendable`. Each call gets its own libxml2 validation context (those are
/// single-thread objects), and calls on one validator are serialised by a lock because libxml2 2.9 does not
/// promise that a compiled schema may be used by two validations at once. To validate in parallel, load
/// one validator per task.
public final class RelaxNGValidator: @unchecked Sendable {
    /// Debian's `docbook5-xml` copy of the DocBook 5.0 RELAX NG schema.
    public static let docBook5SchemaURL = URL(fileURLWithPath: "/usr/share/xml/docbook/schema/rng/5.0/docbook.rng")

    /// At most this many issues are kept per document; a broken document can yield one per element.
    public static let issueLimit = 1000

    /// Path of the schema, as given.
    public let schemaPath: String

    /// Whether the schema is Debian's DocBook 5.0 (`docBook5SchemaURL`), the one schema for which
    /// `collapseRepeatedRows` is known to give the whole document's answer.
    public var isDocBook50: Bool { schemaPath == Self.docBook5SchemaURL.path }
    private let schema: CResource<xmlRelaxNGPtr>
    private let lock = NSLock()

    /// Loads and compiles the schema at `schemaURL`.
    ///
    /// - Parameter schemaURL: A RELAX NG schema in XML syntax; defaults to DocBook 5.0.
    /// - Throws: `ReportingError.cannotLoadSchema` naming the schema, with libxml2's first messages.
    /// - Complexity: About 45 ms for DocBook 5.0; load once and reuse.
    public init(schemaURL: URL = RelaxNGValidator.docBook5SchemaURL) throws {
        LibXML2.initialize()
        let path = schemaURL.path
        schemaPath = path
        let schemaDocument: ParsedXML
        do {
            schemaDocument = try ParsedXML(contentsOf: schemaURL)
        } catch let ReportingError.cannotReadDocument(_, line, _, message) {
            let place = line > 0 ? "line \(line): " : ""
            throw ReportingError.cannotLoadSchema(path: path, message: place + message)
        }
        // The parser context copies the document, so ours can go when this scope ends.
        guard let parserPointer = xmlRelaxNGNewDocParserCtxt(schemaDocument.pointer.pointer) else {
            throw ReportingError.cannotLoadSchema(path: path, message: "libxml2 could not create a schema parser")
        }
        let parser = CResource<xmlRelaxNGParserCtxtPtr>(parserPointer) { xmlRelaxNGFreeParserCtxt($0) }
        let collector = IssueCollector(file: path)
        xmlRelaxNGSetParserStructuredErrors(
            parser.pointer, collectStructuredError, Unmanaged.passUnretained(collector).toOpaque())
        let compiled = withExtendedLifetime(collector) { xmlRelaxNGParse(parser.pointer) }
        guard let compiled else {
            let messages = collector.issues.prefix(3).map { issue in
                issue.line > 0 ? "line \(issue.line): \(issue.message)" : issue.message
            }
            let message = messages.isEmpty ? "not a RELAX NG schema" : messages.joined(separator: "; ")
            throw ReportingError.cannotLoadSchema(path: path, message: message)
        }
        schema = CResource<xmlRelaxNGPtr>(compiled) { xmlRelaxNGFree($0) }
    }

    /// Validates the XML file at `url`.
    ///
    /// - Returns: The problems found, in document order; empty when the document is valid.
    /// - Throws: `ReportingError.cannotReadDocument` when the file cannot be read or is not well-formed
    ///   (with line and column).
    public func validate(fileAt url: URL) throws -> [ValidationIssue] {
        try validate(ParsedXML(contentsOf: url))
    }

    /// Validates an XML document held in memory.
    ///
    ///     let issues = try validator.validate(DocBookWriter.render(report), documentName: "词频报告.xml")
    ///
    /// - Parameters:
    ///   - data: The document's bytes (any encoding its XML declaration names).
    ///   - documentName: The name issues and errors give for the document.
    /// - Returns: The problems found, in document order; empty when the document is valid.
    /// - Throws: `ReportingError.cannotReadDocument` when the bytes are not well-formed XML.
    ///   - collapsingRepeatedRows: validate each DocBook table body with one row of each shape
    ///     (`collapseRepeatedRows(_:)`); for DocBook 5.0 the answer is the same, sooner.
    public func validate(_ data: Data, documentName: String = "document.xml",
                         collapsingRepeatedRows: Bool = false) throws -> [ValidationIssue] {
        let document = try ParsedXML(data: data, name: documentName)
        if collapsingRepeatedRows { Self.collapseRepeatedRows(document.pointer.pointer) }
        return try validate(document)
    }

    /// Removes from every DocBook `tbody` each row (`row` or `tr`) whose shape an earlier row of the
    /// same body already has, and returns how many it removed.
    ///
    /// Design note. libxml2 validates about 13 µs per table cell against DocBook 5.0, so a report with
    /// tens of thousands of cells spent most of its writing time in validation. The rows of a body
    /// match `db.cals.row+` (or `db.html.tr+`), each row on its own, so a row is valid wherever a row
    /// of the same shape is. A row's shape is its subtree with every text node reduced to whether it
    /// is white space only: element and attribute names with their namespaces, and attribute values
    /// verbatim. That is all the schema can tell apart: DocBook 5.0 constrains no element's text by
    /// value (its one datatyped element content, `db.date.contentmodel`, also allows any text), only
    /// attributes. Rows holding an `xml:id` or an entity reference are always kept, since IDs must be
    /// unique across the document and an unexpanded entity has no text to classify. So the document
    /// with rows collapsed is valid exactly when the whole one is, and the first problem of a shape
    /// is reported at its first row, with that row's line. Do not use it with other schemas.
    @discardableResult
    static func collapseRepeatedRows(_ document: xmlDocPtr) -> Int {
        guard let root = xmlDocGetRootElement(document) else { return 0 }
        var removed = 0
        var pending: [xmlNodePtr] = [root]
        var shape: [UInt8] = []
        while let node = pending.popLast() {
            if isDocBook(node, named: "tbody") {
                var seen: Set<[UInt8]> = []
                var child = node.pointee.children
                while let row = child {
                    child = row.pointee.next
                    guard isDocBook(row, named: "row") || isDocBook(row, named: "tr") else { continue }
                    shape.removeAll(keepingCapacity: true)
                    guard appendShape(of: row, to: &shape) else { continue }
                    if !seen.insert(shape).inserted {
                        xmlUnlinkNode(row)
                        xmlFreeNode(row)
                        removed += 1
                    }
                }
            }
            var child = node.pointee.children
            while let next = child {
                if next.pointee.type == XML_ELEMENT_NODE { pending.append(next) }
                child = next.pointee.next
            }
        }
        return removed
    }

    private static let docBookNamespace = Array("http://docbook.org/ns/docbook".utf8)
    private static let xmlNamespace = Array("http://www.w3.org/XML/1998/namespace".utf8)
    private static let idName = Array("id".utf8)

    private static func isDocBook(_ node: xmlNodePtr, named name: StaticString) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let href = node.pointee.ns?.pointee.href,
              let nodeName = node.pointee.name else { return false }
        return equal(nodeName, name.utf8Start, count: name.utf8CodeUnitCount)
            && equal(href, docBookNamespace)
    }

    private static func equal(_ cString: UnsafePointer<xmlChar>, _ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        for index in 0..<count where cString[index] != bytes[index] { return false }
        return cString[count] == 0
    }

    private static func equal(_ cString: UnsafePointer<xmlChar>, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { equal(cString, $0.baseAddress!, count: $0.count) }
    }

    private static func appendCString(_ cString: UnsafePointer<xmlChar>?, to shape: inout [UInt8]) {
        guard var pointer = cString else { return }
        while pointer.pointee != 0 {
            shape.append(pointer.pointee)
            pointer += 1
        }
    }

    /// Appends the shape of `node`'s subtree (see `collapseRepeatedRows`); `false` when the node must
    /// be kept whatever its shape (an `xml:id`, an entity reference, a node of another kind).
    private static func appendShape(of node: xmlNodePtr, to shape: inout [UInt8]) -> Bool {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            shape.append(1)
            appendCString(node.pointee.ns?.pointee.href, to: &shape)
            shape.append(0)
            appendCString(node.pointee.name, to: &shape)
            shape.append(0)
            var attribute = node.pointee.properties
            while let current = attribute {
                let namespace = current.pointee.ns?.pointee.href
                if let namespace, let name = current.pointee.name,
                   equal(namespace, xmlNamespace), equal(name, idName) {
                    return false
                }
                shape.append(2)
                appendCString(namespace, to: &shape)
                shape.append(0)
                appendCString(current.pointee.name, to: &shape)
                shape.append(0)
                var value = current.pointee.children
                while let part = value {
                    guard part.pointee.type == XML_TEXT_NODE else { return false }
                    appendCString(part.pointee.content, to: &shape)
                    value = part.pointee.next
                }
                shape.append(0)
                attribute = current.pointee.next
            }
            var child = node.pointee.children
            while let current = child {
                guard appendShape(of: current, to: &shape) else { return false }
                child = current.pointee.next
            }
            shape.append(3)
            return true
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            // XML white space only (what RELAX NG may ignore) or not.
            var pointer = node.pointee.content
            var blank = true
            while let current = pointer, current.pointee != 0 {
                let byte = current.pointee
                if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                    blank = false
                    break
                }
                pointer = current + 1
            }
            shape.append(blank ? 4 : 5)
            return true
        case XML_COMMENT_NODE, XML_PI_NODE:
            // Invisible to RELAX NG.
            return true
        default:
            return false
        }
    }

    private func validate(_ document: ParsedXML) throws -> [ValidationIssue] {
        lock.lock()
        defer { lock.unlock() }
        guard let contextPointer = xmlRelaxNGNewValidCtxt(schema.pointer) else {
            return [ValidationIssue(
                file: document.name, line: 0, element: nil, message: "libxml2 could not create a validation context")]
        }
        let context = CResource<xmlRelaxNGValidCtxtPtr>(contextPointer) { xmlRelaxNGFreeValidCtxt($0) }
        let collector = IssueCollector(file: document.name)
        xmlRelaxNGSetValidStructuredErrors(
            context.pointer, collectStructuredError, Unmanaged.passUnretained(collector).toOpaque())
        let result = withExtendedLifetime(collector) {
            xmlRelaxNGValidateDoc(context.pointer, document.pointer.pointer)
        }
        if result != 0 && collector.issues.isEmpty {
            // 0 means valid, > 0 invalid, < 0 an internal error; either way say something.
            let message = result < 0 ? "libxml2 failed while validating" : "the document does not match the schema"
            collector.issues.append(ValidationIssue(file: document.name, line: 0, element: nil, message: message))
        }
        return collector.issues
    }
}

/// Owns one libxml2 object and frees it with the matching libxml2 function in `deinit`.
final class CResource<Pointer> {
    let pointer: Pointer
    private let free: (Pointer) -> Void

    init(_ pointer: Pointer, free: @escaping (Pointer) -> Void) {
        self.pointer = pointer
        self.free = free
    }

    deinit {
        free(pointer)
    }
}

/// A parsed, well-formed XML document.
final class ParsedXML {
    let pointer: CResource<xmlDocPtr>
    let name: String

    /// `XML_PARSE_NONET` and nothing that loads or expands: no NOENT, DTDLOAD, DTDVALID, XINCLUDE, HUGE.
    /// BIG_LINES keeps line numbers above 65535 exact; NOERROR/NOWARNING keep stderr quiet (errors still
    /// reach the structured handler).
    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_BIG_LINES.rawValue)

    convenience init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = (error as NSError).localizedDescription
            throw ReportingError.cannotReadDocument(path: url.path, line: 0, column: 0, message: reason)
        }
        try self.init(data: data, name: url.path)
    }

    init(data: Data, name: String) throws {
        LibXML2.initialize()
        self.name = name
        guard data.count <= Int(Int32.max) else {
            throw ReportingError.cannotReadDocument(
                path: name, line: 0, column: 0, message: "the document is larger than 2 GiB")
        }
        guard let parserPointer = xmlNewParserCtxt() else {
            throw ReportingError.cannotReadDocument(
                path: name, line: 0, column: 0, message: "libxml2 could not create a parser")
        }
        let parser = CResource<xmlParserCtxtPtr>(parserPointer) { xmlFreeParserCtxt($0) }
        // The parser goes on after a fatal error and its "last error" is then a consequence such as
        // "Premature end of data"; the first error is the one to show. The context's own SAX handler
        // (a private copy) reports to `collectParserError`, which finds the collector in `_private`.
        let collector = IssueCollector(file: name)
        parser.pointer.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
        parser.pointer.pointee.sax?.pointee.serror = collectParserError
        let document = withExtendedLifetime(collector) {
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> xmlDocPtr? in
                guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
                return xmlCtxtReadMemory(parser.pointer, base, Int32(bytes.count), name, nil, Self.options)
            }
        }
        parser.pointer.pointee._private = nil
        guard let document, parser.pointer.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            if let first = collector.firstError {
                throw ReportingError.cannotReadDocument(
                    path: name, line: Int(first.line), column: Int(first.column), message: first.message)
            }
            let lastError = xmlCtxtGetLastError(parser.pointer)?.pointee
            throw ReportingError.cannotReadDocument(
                path: name,
                line: Int(lastError?.line ?? 0),
                column: Int(lastError?.int2 ?? 0),
                message: LibXML2.string(lastError?.message) ?? (data.isEmpty ? "the document is empty" : "not well-formed XML"))
        }
        pointer = CResource<xmlDocPtr>(document) { xmlFreeDoc($0) }
    }
}

/// Receives libxml2's structured errors through the context pointer: C callbacks cannot capture Swift state.
final class IssueCollector {
    let file: String
    var issues: [ValidationIssue] = []
    /// The first error of level `XML_ERR_ERROR` or worse, with its column, for parse errors.
    var firstError: (line: Int, column: Int, message: String)?

    init(file: String) {
        self.file = file
    }

    func add(_ error: xmlError) {
        guard issues.count < RelaxNGValidator.issueLimit else { return }
        var line = Int(error.line)
        var element: String?
        if let node = error.node?.assumingMemoryBound(to: xmlNode.self) {
            // xmlGetLineNo reads the big line numbers that node->line (16 bits) cannot hold.
            let nodeLine = Int(xmlGetLineNo(node))
            if nodeLine > 0 { line = nodeLine }
            if node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name {
                element = String(cString: name)
            }
        }
        let message = LibXML2.string(error.message) ?? "unknown error (libxml2 code \(error.code))"
        if firstError == nil && error.level.rawValue >= XML_ERR_ERROR.rawValue {
            firstError = (line, Int(error.int2), message)
        }
        issues.append(ValidationIssue(file: file, line: line, element: element, message: message))
    }
}

/// The `xmlStructuredErrorFunc` handed to libxml2; `context` is an unretained `IssueCollector`.
private func collectStructuredError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    Unmanaged<IssueCollector>.fromOpaque(context).takeUnretainedValue().add(error.pointee)
}

/// The parser's structured-error callback: libxml2 passes the parser context, which carries the collector.
private func collectParserError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let collector = parser.pointee._private else { return }
    Unmanaged<IssueCollector>.fromOpaque(collector).takeUnretainedValue().add(error.pointee)
}
