@preconcurrency internal import CLibXML2
import Foundation

/// The wall between Swift and libxml2's C API: return codes become `ReportingError` here and only here.
enum LibXML2 {
    /// libxml2 wants its globals set up once before use from several threads; the call is idempotent.
    static func initialize() {
        xmlInitParser()
    }

    /// Throws unless `code` is a success code of the libxml2 writer API (a byte count or 0).
    @inline(__always)
    static func check(_ code: Int32, _ call: StaticString, path: String) throws {
        if code < 0 { throw ReportingError.xmlWriterFailed(path: path, call: "\(call)") }
    }

    /// Calls `body` with `text` as a NUL-terminated `xmlChar` string.
    ///
    /// `text` must already be sanitised (see `XMLText`): an embedded U+0000 would end it early.
    static func withXMLChars<Result>(
        _ text: String, _ body: (UnsafePointer<xmlChar>) throws -> Result
    ) rethrows -> Result {
        try text.withCString { cString in
            try cString.withMemoryRebound(to: xmlChar.self, capacity: text.utf8.count + 1, body)
        }
    }

    /// A Swift string from libxml2's `xmlChar *` or `char *`, trimmed of the newline libxml2 appends to messages.
    static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A libxml2 `xmlTextWriter` writing UTF-8 into a memory buffer; owns both and frees them in `deinit`.
///
/// Every string passes through `XMLText.sanitized` here, so no caller can hand libxml2 a character
/// XML 1.0 forbids, and every return code is checked. Element and attribute names are the caller's
/// constants and are passed through unchanged.
final class XMLTextWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    /// The file the XML is meant for, named in errors.
    let path: String

    init(path: String, indent: String = "  ") throws {
        LibXML2.initialize()
        self.path = path
        guard let buffer = xmlBufferCreate() else {
            throw ReportingError.xmlWriterFailed(path: path, call: "xmlBufferCreate")
        }
        // libxml2's default scheme grows a buffer to the exact size needed at each flush: a realloc
        // (and, once large, a kernel remap of the whole buffer) per few kilobytes written. Doubling
        // keeps writing a large report linear.
        xmlBufferSetAllocationScheme(buffer, XML_BUFFER_ALLOC_DOUBLEIT)
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw ReportingError.xmlWriterFailed(path: path, call: "xmlNewTextWriterMemory")
        }
        self.buffer = buffer
        self.writer = writer
        try LibXML2.check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent", path: path)
        try LibXML2.withXMLChars(indent) { indentChars in
            try LibXML2.check(
                xmlTextWriterSetIndentString(writer, indentChars), "xmlTextWriterSetIndentString", path: path)
        }
    }

    deinit {
        // The writer flushes into the buffer when freed, so it goes first.
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func startDocument() throws {
        try LibXML2.check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument", path: path)
    }

    /// Starts the root element in the default namespace `namespace` (written as `xmlns`).
    func startRootElement(_ name: StaticString, namespace: String) throws {
        try LibXML2.withXMLChars("\(name)") { nameChars in
            try LibXML2.withXMLChars(XMLText.sanitized(namespace)) { namespaceChars in
                try LibXML2.check(
                    xmlTextWriterStartElementNS(writer, nil, nameChars, namespaceChars),
                    "xmlTextWriterStartElementNS", path: path)
            }
        }
    }

    func startElement(_ name: StaticString) throws {
        try LibXML2.withXMLChars("\(name)") { nameChars in
            try LibXML2.check(xmlTextWriterStartElement(writer, nameChars), "xmlTextWriterStartElement", path: path)
        }
    }

    func attribute(_ name: StaticString, _ value: String) throws {
        try LibXML2.withXMLChars("\(name)") { nameChars in
            try LibXML2.withXMLChars(XMLText.sanitized(value)) { valueChars in
                try LibXML2.check(
                    xmlTextWriterWriteAttribute(writer, nameChars, valueChars), "xmlTextWriterWriteAttribute", path: path)
            }
        }
    }

    /// Writes character data; libxml2 escapes `<`, `>`, `&` and CR.
    func text(_ text: String) throws {
        let clean = XMLText.sanitized(text)
        // An empty string would leave the start tag open, which libxml2 then closes as `<x/>`: also valid.
        if clean.isEmpty { return }
        try LibXML2.withXMLChars(clean) { textChars in
            try LibXML2.check(xmlTextWriterWriteString(writer, textChars), "xmlTextWriterWriteString", path: path)
        }
    }

    func endElement() throws {
        try LibXML2.check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement", path: path)
    }

    /// `<name>text</name>` on one line.
    func element(_ name: StaticString, text: String) throws {
        try startElement(name)
        try self.text(text)
        try endElement()
    }

    /// Writes one element with mixed content (`<name>text<child>text</child>text</name>`) on one line.
    ///
    /// Indentation is off inside, since it would add whitespace to the text itself; afterwards a newline
    /// is written by hand because libxml2 does not write one after an element written unindented.
    func mixedElement(_ name: StaticString, body: () throws -> Void) throws {
        try startElement(name)
        try LibXML2.check(xmlTextWriterSetIndent(writer, 0), "xmlTextWriterSetIndent", path: path)
        try body()
        try endElement()
        // Raw output while indentation is still off leaves libxml2's "indent next tag" flag alone.
        try LibXML2.check(xmlTextWriterWriteRaw(writer, "\n"), "xmlTextWriterWriteRaw", path: path)
        try LibXML2.check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent", path: path)
    }

    /// Closes every open element, ends the document and returns its UTF-8 bytes.
    func finish() throws -> Data {
        try LibXML2.check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument", path: path)
        try LibXML2.check(xmlTextWriterFlush(writer), "xmlTextWriterFlush", path: path)
        let length = Int(xmlBufferLength(buffer))
        guard length > 0, let content = xmlBufferContent(buffer) else {
            throw ReportingError.xmlWriterFailed(path: path, call: "xmlBufferContent")
        }
        return Data(bytes: content, count: length)
    }
}

extension ParsedXML {
    /// Whether the document has a `<!DOCTYPE …>`: Cipin writes none, and a document type can
    /// declare entities that a stylesheet processor expands from other files.
    var hasDocumentType: Bool {
        pointer.pointer.pointee.intSubset != nil || pointer.pointer.pointee.extSubset != nil
    }

    /// The root element's local name and namespace URI (empty when it has none).
    var rootElement: (name: String, namespace: String)? {
        guard let root = xmlDocGetRootElement(pointer.pointer), let name = root.pointee.name else { return nil }
        let namespace = root.pointee.ns?.pointee.href.map { String(cString: $0) } ?? ""
        return (String(cString: name), namespace)
    }

    /// The values of `attribute` on every element named `element` in `namespace`, in document order.
    ///
    /// Walks the tree without recursion (a hostile document can nest deeply) and reads attribute
    /// values with `xmlGetNoNsProp`, never `xmlNodeGetContent` on whole subtrees.
    func attributeValues(element: String, namespace: String, attribute: String) -> [String] {
        guard let root = xmlDocGetRootElement(pointer.pointer) else { return [] }
        var values: [String] = []
        var node: xmlNodePtr? = root
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name,
                String(cString: name) == element,
                (current.pointee.ns?.pointee.href.map { String(cString: $0) } ?? "") == namespace
            {
                let value = attribute.withCString { attributeName in
                    attributeName.withMemoryRebound(to: xmlChar.self, capacity: attribute.utf8.count + 1) {
                        xmlGetNoNsProp(current, $0)
                    }
                }
                if let value {
                    values.append(String(cString: value))
                    cipin_xmlFree(value)
                }
            }
            // Depth first: children, then the next sibling, else climb until an ancestor has one.
            if current.pointee.type == XML_ELEMENT_NODE, let child = current.pointee.children {
                node = child
                continue
            }
            var climbing: xmlNodePtr? = current
            node = nil
            while let step = climbing, step != root {
                if let sibling = step.pointee.next {
                    node = sibling
                    break
                }
                climbing = step.pointee.parent
            }
        }
        return values
    }
}
