import Foundation

/// Renders a `Table` as CSV for spreadsheets: RFC 4180, typed cells, protected against formula injection.
///
///     let table = Table(id: "keywords", title: "关键词", columns: [Column("keyword"), Column("occurrences")],
///                       rows: [[.text("人才"), .integer(153)]], csvName: "keywords.csv")
///     try CSVWriter.write(table, to: URL(fileURLWithPath: "out/keywords.csv"))
///     // EF BB BF "keyword,occurrences\r\n人才,153\r\n"
///
/// Rules:
/// - The first record holds the columns' `name`s; every record ends with CRLF, the last one too.
/// - A field is quoted when it contains `"`, `,`, CR or LF, or begins or ends with a space or tab;
///   quotes inside are doubled. A record whose only field is empty is written `""` so it is not a blank line.
/// - Text cells (and column names) that begin with `=`, `+`, `-`, `@`, tab, CR or LF get a leading `'`
///   so no spreadsheet runs them as a formula (OWASP "CSV Injection"), unless the whole text is a
///   plain decimal number (`isPlainNumber`: `-5`, `-122.4`, `+3`, `-1.5e3`, `-.5`), which no
///   spreadsheet runs and which must stay a number (a sidecar's negative `score`); `-1+1`, `-`,
///   `-A1` and `+SUM(A1)` are guarded. Numeric cells are never changed: `.decimal(-3.5, …)` is written `-3.5`.
/// - `.integer` is written in plain digits. `.decimal` is written with the shortest digits that read
///   back as the same `Double`, in plain notation (`0.00001`, not `1e-05`; `5.0`, `-0.0`), whatever
///   `fractionDigits` says (that only shapes the report). NaN is `NaN`, infinities are `Infinity` and
///   `-Infinity`, as Python's `float()` reads them. No thousands separators, `.` as decimal point.
/// - `.empty` is an empty field.
/// - Characters XML 1.0 forbids are replaced by U+FFFD exactly as in the DocBook report, so a table
///   and its CSV never disagree (and no NUL byte reaches a spreadsheet).
public enum CSVWriter {
    /// The most rows a sheet of Excel (since 2007), WPS Spreadsheets or LibreOffice Calc holds:
    /// 2^20. They open a longer CSV file only so far (Excel and Calc say so, WPS need not).
    public static let spreadsheetRowLimit = 1_048_576

    /// How the CSV text becomes bytes.
    public struct Options: Sendable, Equatable {
        public enum Encoding: Sendable, Equatable, CustomStringConvertible {
            /// UTF-8 starting with the byte order mark EF BB BF, which Excel needs to show Chinese.
            case utf8WithBOM
            /// Plain UTF-8.
            case utf8
            /// GB 18030, what older Chinese installs of Excel and WPS expect; no byte order mark.
            case gb18030

            public var description: String {
                switch self {
                case .utf8WithBOM: return "UTF-8 with BOM"
                case .utf8: return "UTF-8"
                case .gb18030: return "GB18030"
                }
            }
        }

        public var encoding: Encoding

        public init(encoding: Encoding = .utf8WithBOM) {
            self.encoding = encoding
        }
    }

    /// Foundation's `kCFStringEncodingGB_18030_2000` as a `String.Encoding`.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The bytes `encoding: .gb18030` writes for `text`.
    public static func gb18030Bytes(_ text: String) -> [UInt8]? {
        text.data(using: gb18030, allowLossyConversion: false).map { [UInt8]($0) }
    }

    /// Writes `table` as CSV to `url`, atomically (temporary file, then rename).
    ///
    /// - Parameters:
    ///   - table: A table with at least one column and one cell per column in every row.
    ///   - url: Destination file; an existing file is replaced only when the new one is complete.
    ///   - options: The encoding.
    /// - Throws: `ReportingError` naming `url.path`: a malformed table, an encoding failure or a file-system error.
    public static func write(_ table: Table, to url: URL, options: Options = Options()) throws {
        let data = try render(table, options: options, documentName: url.path)
        try AtomicFile.write(data, to: url)
    }

    /// The CSV bytes of `table`.
    ///
    ///     let data = try CSVWriter.render(table, options: .init(encoding: .gb18030))
    ///
    /// - Parameters:
    ///   - documentName: The name errors give for the output; defaults to the table's `csvName` or `ID.csv`.
    /// - Throws: `ReportingError.tableWithoutColumns`, `.rowWidthMismatch` or `.cannotEncode`.
    /// - Complexity: O(n) in the size of the table.
    public static func render(_ table: Table, options: Options = Options(), documentName: String? = nil) throws -> Data {
        let parts = try renderParts(table, options: options, documentName: documentName)
        var data = Data(capacity: parts.reduce(0) { $0 + $1.count })
        for part in parts { data.append(contentsOf: part) }
        return data
    }

    /// The CSV bytes of `table` in consecutive parts (large tables render in chunks side by side),
    /// for writing one after the other without joining them first; `render` joins them.
    static func renderParts(_ table: Table, options: Options = Options(), documentName: String? = nil) throws -> [[UInt8]] {
        var parts: [[UInt8]] = []
        try render(table, options: options, documentName: documentName) { parts.append($0) }
        return parts
    }

    /// Renders `table` part by part and hands each part to `write`, in order: the header, then
    /// chunks of rows, a few rendered side by side at a time, so a table of a million rows is never
    /// whole in memory. Nothing is handed on past a malformed row: the first one in table order is
    /// the one reported.
    ///
    /// Design note. Each part ends at the end of a record, so a part's bytes are whole characters
    /// and GB18030 (a stateless encoding) encodes part by part as it would the whole.
    static func render(_ table: Table, options: Options = Options(), documentName: String? = nil,
                       to write: ([UInt8]) throws -> Void) throws {
        let path = documentName ?? table.csvName ?? "\(table.id).csv"
        guard !table.columns.isEmpty else { throw ReportingError.tableWithoutColumns(path: path, table: table.id) }
        func encoded(_ part: [UInt8]) throws -> [UInt8] {
            switch options.encoding {
            case .utf8WithBOM, .utf8:
                return part
            case .gb18030:
                guard let data = String(decoding: part, as: UTF8.self).data(using: gb18030, allowLossyConversion: false) else {
                    throw ReportingError.cannotEncode(path: path, encoding: options.encoding.description)
                }
                return [UInt8](data)
            }
        }
        var header: [UInt8] = options.encoding == .utf8WithBOM ? [0xEF, 0xBB, 0xBF] : []
        appendRecord(table.columns.map { Cell.text($0.name) }, to: &header)
        try write(encoded(header))
        // Large tables are rendered in chunks of rows side by side, a window of them at a time,
        // and written in order; each chunk checks its rows' width.
        let chunkSize = 16_384
        let rowCount = table.rowCount, width = table.columns.count
        let chunkCount = (rowCount + chunkSize - 1) / chunkSize
        let window = max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)
        for first in stride(from: 0, to: chunkCount, by: window) {
            let chunks = concurrentMap(min(window, chunkCount - first)) { offset -> Result<[UInt8], ReportingError> in
                var part: [UInt8] = []
                part.reserveCapacity(chunkSize * width * 8)
                var index = (first + offset) * chunkSize
                if table.appendOwnRecords(in: index..<min(rowCount, index + chunkSize), to: &part) { return .success(part) }
                do {
                    try table.forEachRow(in: index..<min(rowCount, index + chunkSize)) { cells in
                        guard cells.count == width else {
                            throw ReportingError.rowWidthMismatch(path: path, table: table.id, row: index + 1,
                                                                  cellCount: cells.count, columnCount: width)
                        }
                        appendRecord(cells, to: &part)
                        index += 1
                    }
                } catch let error as ReportingError {
                    return .failure(error)
                } catch {
                    preconditionFailure("only ReportingError is thrown here")
                }
                return .success(part)
            }
            for chunk in chunks { try write(encoded(chunk.get())) }
        }
    }

    /// Appends one record and its CRLF.
    ///
    /// Design note. Tables of a large corpus run to hundreds of thousands of rows, so cells go
    /// straight to bytes: a text that needs no quoting, no formula guard and no XML repair (the
    /// usual case) is copied as it is, a number in `description`'s plain form likewise; every other
    /// cell takes `field(for:)`, which states the rules.
    private static func appendRecord(_ cells: [Cell], to bytes: inout [UInt8]) {
        if cells.count == 1, cells[0] == .empty || cells[0] == .text("") {
            bytes += [0x22, 0x22, 0x0D, 0x0A]  // "" so the record is not a blank line
            return
        }
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            switch cell {
            case .text(var text):
                // A plain text's bytes are copied straight from its storage.
                _ = text.withUTF8 { appendField(utf8: $0, to: &bytes) }
            case .integer(let value):
                appendDigits(of: value, to: &bytes)
            case .decimal(let value, _), .significant(let value, _):
                NumberText.appendPlain(value, to: &bytes)
            case .empty:
                break
            }
        }
        bytes += [0x0D, 0x0A]
    }

    /// Appends the field of a text cell whose UTF-8 is `utf8` (valid UTF-8), exactly as a record
    /// of `.text` cells gets it: for tables that write their own records from bytes they keep
    /// (`Table.init(id:title:columns:rowCount:csvName:row:records:)`).
    /// - Returns: whether the text went in unchanged (not quoted, guarded or repaired).
    @discardableResult
    public static func appendField(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) -> Bool {
        if isPlainField(utf8) {
            bytes.append(contentsOf: utf8)
            return true
        }
        bytes += field(forText: String(decoding: utf8, as: UTF8.self)).utf8
        return false
    }

    /// Appends the records of the rows in `range`, each made of the fields `record(index, &fields)`
    /// appends, exactly as a row of the matching cells is written: for tables that write their own
    /// records (`Table.init(id:title:columns:rowCount:csvName:row:records:)`).
    ///
    ///     records: { range, bytes in
    ///         CSVWriter.appendRecords(range, to: &bytes) { index, fields in
    ///             fields.text(terms[index].word)        // as .text(terms[index].word)
    ///             fields.integer(terms[index].count)    // as .integer(terms[index].count)
    ///         }
    ///     }
    public static func appendRecords(_ range: Range<Int>, to bytes: inout [UInt8],
                                     _ record: (Int, inout RecordFields) -> Void) {
        var fields = RecordFields()
        swap(&fields.bytes, &bytes)
        for index in range {
            fields.start = fields.bytes.count
            fields.count = 0
            record(index, &fields)
            // A record whose only field is empty is written "", as `appendRecord` writes it.
            if fields.count == 1 && fields.bytes.count == fields.start { fields.bytes += [0x22, 0x22] }
            fields.bytes += [0x0D, 0x0A]
        }
        swap(&fields.bytes, &bytes)
    }

    /// The fields of one record of `appendRecords`, appended in column order, commas between them.
    public struct RecordFields {
        fileprivate var bytes: [UInt8] = []
        fileprivate var start = 0
        fileprivate var count = 0

        private mutating func separate() {
            if count > 0 { bytes.append(UInt8(ascii: ",")) }
            count += 1
        }

        /// The field of `.text(text)`.
        public mutating func text(_ text: String) {
            separate()
            var text = text
            _ = text.withUTF8 { appendField(utf8: $0, to: &bytes) }
        }

        /// A field as `appendField` wrote it into `field`: for a text that many records repeat
        /// (an article's id on each of its rows), checked and copied once.
        public mutating func encoded(_ field: [UInt8]) {
            separate()
            bytes += field
        }

        /// The field of `.integer(value)`.
        public mutating func integer(_ value: Int) {
            separate()
            appendDigits(of: value, to: &bytes)
        }

        /// The field of `.decimal(value, fractionDigits:)` (full precision, as every CSV number).
        public mutating func decimal(_ value: Double) {
            separate()
            NumberText.appendPlain(value, to: &bytes)
        }
    }

    /// The field of the text cell `.text(text)`, for a table that writes its own records and
    /// repeats it on many of them (`RecordFields.encoded(_:)`).
    public static func field(text: String) -> [UInt8] {
        var text = text
        var bytes: [UInt8] = []
        _ = text.withUTF8 { appendField(utf8: $0, to: &bytes) }
        return bytes
    }

    /// Appends the field of an `.integer` cell.
    public static func appendField(integer value: Int, to bytes: inout [UInt8]) {
        appendDigits(of: value, to: &bytes)
    }

    /// Appends the field of a `.decimal` cell (full precision, as every CSV number).
    public static func appendField(decimal value: Double, to bytes: inout [UInt8]) {
        NumberText.appendPlain(value, to: &bytes)
    }

    /// `value` in decimal digits, as `String(value)` writes it, without making the string.
    static func appendDigits(of value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        guard magnitude >= 10 else {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            while magnitude > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// Whether UTF-8 text goes into a field unchanged: no byte that needs quoting (`"` `,` CR LF),
    /// no space or tab at either end, no formula trigger first (a signed number such as `-5` is
    /// left to `field(forText:)`, which writes it unchanged), no character XML forbids
    /// (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF).
    static func isPlainField(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return true }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x20, 0x09: return false
        default: break
        }
        if last == 0x20 || last == 0x09 { return false }
        // Eight bytes at a time (SWAR, exact for "some byte is"): a word with no control byte, quote,
        // comma, or 0xEF followed by 0xBF (how U+FFFE and U+FFFF start) is plain; any other word
        // is looked at byte by byte.
        let count = utf8.count
        let base = UnsafeRawPointer(utf8.baseAddress!)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        var index = 0
        while index < count {
            if index + 9 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let next = base.loadUnaligned(fromByteOffset: index + 1, as: UInt64.self)
                let suspect = (word &- ones &* 0x20) & ~word & highs != 0   // a byte below 0x20
                    || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x2C))
                    || hasZeroByte((word ^ (ones &* 0xEF)) | (next ^ (ones &* 0xBF)))
                if !suspect {
                    index += 8
                    continue
                }
            }
            let end = min(count, index + 8)
            while index < end {
                let byte = utf8[index]
                if byte < 0x20 || byte == 0x22 || byte == 0x2C { return false }
                if byte == 0xEF && index + 2 < count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE { return false }
                index += 1
            }
        }
        return true
    }

    /// The field for one cell, quoted as needed.
    static func field(for cell: Cell) -> String {
        switch cell {
        case .text(let text): return field(forText: text)
        case .integer(let value): return NumberText.integer(value)
        case .decimal(let value, _), .significant(let value, _): return NumberText.plain(value)
        case .empty: return ""
        }
    }

    /// Text characters that make a spreadsheet read the cell as a formula when they come first.
    private static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n"]

    static func field(forText rawText: String) -> String {
        var text = XMLText.sanitized(rawText)
        if let first = text.unicodeScalars.first, formulaTriggers.contains(first), !isPlainNumber(text) {
            text = "'" + text
        }
        return quotedIfNeeded(text)
    }

    /// Whether `text` is a plain decimal number, all of it: an optional sign (`+` or `-`), digits
    /// with an optional fraction (`5`, `5.`, `5.25`, `.25`: at least one digit), and an optional
    /// exponent (`e` or `E`, an optional sign, at least one digit). ASCII digits only; no spaces,
    /// no thousands separators, no `Infinity` or `NaN`.
    ///
    ///     isPlainNumber("-122.4")   // true: no formula guard, a spreadsheet reads a number
    ///     isPlainNumber("-1+1")     // false: a formula, guarded
    ///
    /// Design note. Such a text begins with `+` or `-` only as a number's sign: it names no cell
    /// or function and holds no operator, so a spreadsheet reads it as a number (at worst as
    /// text), never runs it; pandas and Python's `float()` read it as a number, which a leading
    /// `'` would spoil for the whole column. Anything more (an operator, a letter, a second
    /// sign) keeps the guard.
    static func isPlainNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var mantissa = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    private static func quotedIfNeeded(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let needsQuotes = scalars.contains { $0 == "\"" || $0 == "," || $0 == "\r" || $0 == "\n" }
            || scalars.first.map(isEdgeSpace) == true
            || scalars.last.map(isEdgeSpace) == true
        guard needsQuotes else { return text }
        // Scalar by scalar: a quote followed by a combining mark is one Character, and String or
        // NSString searches would not see it.
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in scalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }

    private static func isEdgeSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t"
    }
}
