import Foundation

/// A minimal RFC 4180 reader for sidecar metadata files.
enum CSVTable {
    /// Parses CSV text into records; each record remembers its 1-based starting line.
    ///
    /// - Throws: `IngestError.badSidecar` for an unterminated quoted field.
    static func parse(_ text: String, path: String) throws -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var fieldStarted = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
            fieldStarted = false
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where !fieldStarted:
                inQuotes = true
                fieldStarted = true
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                fieldStarted = false
            case "\r":
                if let next = iterator.next(), next != "\n" { pending = next }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(scalar)
                fieldStarted = true
            }
        }
        if inQuotes { throw IngestError.badSidecar(path: path, line: recordLine, reason: "a quoted field is not closed; close it with \"") }
        if fieldStarted || !fields.isEmpty || !field.isEmpty { endRecord() }
        return records
    }
}
