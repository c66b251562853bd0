import Foundation
import Testing

@testable import Reporting

@Suite("CSV writer")
struct CSVWriterTests {
    private func table(_ columns: [String], _ rows: [[Cell]]) -> Table {
        Table(id: "t", title: "表", columns: columns.map { Column($0) }, rows: rows, csvName: "t.csv")
    }

    @Test func quotingFollowsRFC4180ByteForByte() throws {
        let data = try CSVWriter.render(table(["keyword", "note"], [
            [.text("人才"), .text("他说\"好\"")],
            [.text("a,b"), .text("第一行\n第二行")],
            [.text(" 前导空格"), .text("尾随空格 ")],
            [.text("回车\r"), .empty],
            [.text(""), .text("plain")],
        ]))
        let expected = Data([0xEF, 0xBB, 0xBF]) + Data((
            "keyword,note\r\n"
                + "人才,\"他说\"\"好\"\"\"\r\n"
                + "\"a,b\",\"第一行\n第二行\"\r\n"
                + "\" 前导空格\",\"尾随空格 \"\r\n"
                + "\"回车\r\",\r\n"
                + ",plain\r\n").utf8)
        #expect(hex(data) == hex(expected))
    }

    @Test func withoutBOMAndSingleEmptyFieldIsNotABlankLine() throws {
        let data = try CSVWriter.render(table(["name"], [[.empty], [.text("")], [.text("x")]]), options: .init(encoding: .utf8))
        #expect(hex(data) == hex(Data("name\r\n\"\"\r\n\"\"\r\nx\r\n".utf8)))
    }

    @Test func formulaInjectionIsNeutralisedButNumbersAreNot() throws {
        let data = try CSVWriter.render(table(["value"], [
            [.text("=HYPERLINK(\"http://x\")")], [.text("+1")], [.text("-2")], [.text("@SUM(A1:A2)")],
            [.text("\tTAB")], [.text("\rCR")], [.text("\nLF")], [.text("＝全角")], [.text("a=b")],
            [.decimal(-3.5, fractionDigits: 1)], [.integer(-2)],
        ]), options: .init(encoding: .utf8))
        let expected = "value\r\n"
            + "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"
            + "+1\r\n"
            + "-2\r\n"
            + "'@SUM(A1:A2)\r\n"
            + "'\tTAB\r\n"
            + "\"'\rCR\"\r\n"
            + "\"'\nLF\"\r\n"
            + "＝全角\r\n"
            + "a=b\r\n"
            + "-3.5\r\n"
            + "-2\r\n"
        #expect(String(decoding: data, as: UTF8.self) == expected)
        #expect(hex(data) == hex(Data(expected.utf8)))
    }

    /// A text cell that is a plain decimal number (a sidecar's `-122.4`) is written as it is, so
    /// spreadsheets and pandas read a number; anything else that starts like a formula is guarded.
    @Test func signedNumbersStayNumbersAndFormulasStayGuarded() throws {
        let numbers = ["-5", "-122.4", "+3", "-1.5e3", "-.5", "-5.", "+0", "-1E-7", "-2.5e+10", "-007"]
        let formulas = ["-1+1", "=1", "-", "+", "-A1", "+SUM(A1:A2)", "@x", "-.", "-e5", "-1e", "-1e+", "-1.5.2", "--1", "+-1",
                        "-1 ", "- 1", "-1,5", "-1%", "-１", "-Infinity", "-NaN", "-0x1F", "=-5", "-5\n"]
        for text in numbers { #expect(CSVWriter.isPlainNumber(text), "\(text)") }
        for text in formulas { #expect(!CSVWriter.isPlainNumber(text), "\(text)") }
        #expect(CSVWriter.isPlainNumber("122.4") && CSVWriter.isPlainNumber(".5") && !CSVWriter.isPlainNumber(""))
        let data = try CSVWriter.render(table(["value"], (numbers + formulas).map { [.text($0)] }), options: .init(encoding: .utf8))
        let expected = "value\r\n"
            + numbers.map { $0 + "\r\n" }.joined()
            + "'-1+1\r\n'=1\r\n'-\r\n'+\r\n'-A1\r\n'+SUM(A1:A2)\r\n'@x\r\n'-.\r\n'-e5\r\n'-1e\r\n'-1e+\r\n'-1.5.2\r\n'--1\r\n'+-1\r\n"
            + "\"'-1 \"\r\n'- 1\r\n\"'-1,5\"\r\n'-1%\r\n'-１\r\n'-Infinity\r\n'-NaN\r\n'-0x1F\r\n'=-5\r\n\"'-5\n\"\r\n"
        #expect(String(decoding: data, as: UTF8.self) == expected)
        // A column of such numbers is written with no guard in any cell, so a reader sees numbers only.
        let numeric = try CSVWriter.render(table(["lon"], [[.text("-122.4")], [.text("116.4")], [.text("-1.5e3")]]), options: .init(encoding: .utf8))
        #expect(String(decoding: numeric, as: UTF8.self) == "lon\r\n-122.4\r\n116.4\r\n-1.5e3\r\n")
    }

    /// The byte-level fast path of `render` must give what the rules of `field(for:)` give, cell by cell.
    @Test func fastPathAgreesWithTheRulesOnGeneratedCells() throws {
        let alphabet: [String] = ["人", "才", "a", " ", "\t", "\"", ",", "\r", "\n", "=", "+", "-", "@", "'", "\u{0}", "\u{1F}",
                                  "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "é", "\u{301}", "𠀀", "0", ".", "e"]
        var generator = SystemRandomNumberGenerator()
        var rows: [[Cell]] = []
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...6, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let number = [1e-7, 123456.5, -0.0, 5.0, 1e21, 0.1 + 0.2, .nan, .infinity, -.infinity, 2.5e-5,
                          Double.random(in: -1e6...1e6, using: &generator)].randomElement(using: &generator)!
            rows.append([.text(text), .decimal(number, fractionDigits: 2), .integer(Int.random(in: -99...99, using: &generator)), .empty])
        }
        let data = try CSVWriter.render(table(["a", "b", "c", "d"], rows), options: .init(encoding: .utf8))
        var expected = "a,b,c,d\r\n"
        for row in rows { expected += row.map(CSVWriter.field(for:)).joined(separator: ",") + "\r\n" }
        #expect(String(decoding: data, as: UTF8.self) == expected)
    }

    /// A table given as a row count and a row function writes the same bytes as the same rows
    /// given as cells, across several render chunks, and a bad row deep inside is named by number.
    @Test func generatedRowsWriteTheSameBytes() throws {
        let words = ["人才", "干部", "基层", "a,b", "=1+1", " x ", "\"引\""]
        @Sendable func cells(_ index: Int) -> [Cell] {
            [.text(words[index % words.count]), .integer(index), .decimal(Double(index) / 7, fractionDigits: 2), index % 5 == 0 ? .empty : .text("行\(index)")]
        }
        let count = 40_000  // more than two chunks of 16,384 rows
        let columns = ["word", "n", "ratio", "note"].map { Column($0) }
        let given = Table(id: "t", title: "t", columns: columns, rows: (0..<count).map(cells), csvName: "t.csv")
        let generated = Table(id: "t", title: "t", columns: columns, rowCount: count, csvName: "t.csv") { index, row in row += cells(index) }
        #expect(try CSVWriter.render(generated) == CSVWriter.render(given))
        #expect(generated == given)
        #expect(generated.rowCount == count && generated.rows[39_999] == cells(39_999))

        let ragged = Table(id: "t", title: "t", columns: columns, rowCount: count) { index, row in
            row += cells(index)
            if index == 20_000 || index == 30_000 { row.removeLast() }
        }
        #expect(throws: ReportingError.rowWidthMismatch(path: "t.csv", table: "t", row: 20_001, cellCount: 3, columnCount: 4)) {
            try CSVWriter.render(ragged)
        }
    }

    @Test func columnNamesAreProtectedToo() throws {
        let data = try CSVWriter.render(table(["=cmd", "a b "], []), options: .init(encoding: .utf8))
        #expect(String(decoding: data, as: UTF8.self) == "'=cmd,\"a b \"\r\n")
    }

    static let decimalCases: [(Double, String)] = [
        (1e-05, "0.00001"), (1.2345e20, "123450000000000000000.0"), (0.1 + 0.2, "0.30000000000000004"),
        (5.0, "5.0"), (-3.5, "-3.5"), (-0.0, "-0.0"), (1e16, "10000000000000000.0"),
        (123456789012345680.0, "123456789012345680.0"), (-1.5e-7, "-0.00000015"),
        (Double.greatestFiniteMagnitude, "17976931348623157" + String(repeating: "0", count: 292) + ".0"),
        (Double.leastNonzeroMagnitude, "0." + String(repeating: "0", count: 323) + "5"),
        (Double.nan, "NaN"), (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"),
    ]

    @Test(arguments: decimalCases)
    func decimalsAreWrittenInFullWithoutExponent(value: Double, text: String) throws {
        let data = try CSVWriter.render(table(["x"], [[.decimal(value, fractionDigits: 2)]]), options: .init(encoding: .utf8))
        #expect(String(decoding: data, as: UTF8.self) == "x\r\n\(text)\r\n")
    }

    /// Python's csv module (an independent reader) sees exactly the table's cells; numbers read back
    /// with Python's float() equal the Double they came from.
    @Test func pythonReadsBackTheTable() throws {
        let values: [Double] = [
            12.3456, 1e-05, 0.1 + 0.2, -3.5, 1.2345e20, 6.02214076e23, Double.leastNonzeroMagnitude,
            Double.greatestFiniteMagnitude, 2.0 / 3.0,
        ]
        let texts = [
            "人才", "他说\"好\"", "a,b", "第一行\n第二行", "\r\n", " 两边空格 ", "=1+1", "-2", "@x", "\tx", "e\u{301}\"",
            "", "𠀀汉字", "'", "NUL\u{0}x",
        ]
        var rows: [[Cell]] = []
        for index in 0..<max(values.count, texts.count) {
            rows.append([
                .text(texts[index % texts.count]), .integer(index * 1000 - 3000),
                .decimal(values[index % values.count], fractionDigits: 2), index % 3 == 0 ? .empty : .text("备注\(index)"),
            ])
        }
        let sample = table(["text", "integer", "decimal", "note"], rows)
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sample.csv")
        try CSVWriter.write(sample, to: url)

        let script = """
            import csv, json, sys
            with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
                rows = list(csv.reader(f))
            out = []
            for row in rows[1:]:
                out.append([row[0], int(row[1]), float(row[2]).hex(), row[3]])
            print(json.dumps({'header': rows[0], 'rows': out}))
            """
        struct Readback: Decodable {
            var header: [String]
            var rows: [[Field]]
        }
        enum Field: Decodable, Equatable {
            case string(String), int(Int)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let int = try? container.decode(Int.self) { self = .int(int) } else { self = .string(try container.decode(String.self)) }
            }
        }
        let readback = try JSONDecoder().decode(Readback.self, from: Data(try runPython(script, [url.path]).utf8))
        #expect(readback.header == ["text", "integer", "decimal", "note"])
        #expect(readback.rows.count == rows.count)
        for (row, back) in zip(rows, readback.rows) {
            // What a spreadsheet user must see: the text, after the documented clean-up and protection.
            guard case .text(let text) = row[0], case .integer(let integer) = row[1],
                case .decimal(let decimal, _) = row[2]
            else { Issue.record("unexpected cell types"); continue }
            var expectedText = text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
            // -2 is a plain number, which no spreadsheet runs: it is kept as it is.
            if let first = expectedText.unicodeScalars.first, "=+-@\t\r\n".unicodeScalars.contains(first), expectedText != "-2" {
                expectedText = "'" + expectedText
            }
            #expect(back[0] == .string(expectedText))
            #expect(back[1] == .int(integer))
            // float.hex() is exact, so this compares the bits Python read with the Double we wrote.
            #expect(back[2] == .string(hexString(decimal)), "\(decimal)")
            if case .text(let note) = row[3] { #expect(back[3] == .string(note)) } else { #expect(back[3] == .string("")) }
        }
    }

    @Test func gb18030RoundTripsThroughPython() throws {
        let sample = table(["词", "次数"], [[.text("人才"), .integer(153)], [.text("𠀀€é😀"), .decimal(-3.5, fractionDigits: 1)]])
        let data = try CSVWriter.render(sample, options: .init(encoding: .gb18030))
        // No BOM: the file starts with 词, B4 CA in GB 18030.
        #expect(data.prefix(2) == Data([0xB4, 0xCA]))
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("gb.csv")
        try data.write(to: url)
        let script = """
            import sys
            data = open(sys.argv[1], 'rb').read()
            sys.stdout.write(data.decode('gb18030'))
            """
        let decoded = try runPython(script, [url.path])
        #expect(decoded == "词,次数\r\n人才,153\r\n𠀀€é😀,-3.5\r\n")
    }

    @Test func malformedTableErrorsNameTheFile() throws {
        let ragged = table(["a", "b"], [[.integer(1)]])
        #expect(throws: ReportingError.rowWidthMismatch(path: "t.csv", table: "t", row: 1, cellCount: 1, columnCount: 2)) {
            try CSVWriter.render(ragged)
        }
        #expect(throws: ReportingError.tableWithoutColumns(path: "/out/关键词.csv", table: "t")) {
            try CSVWriter.render(table([], []), documentName: "/out/关键词.csv")
        }
        #expect(
            ReportingError.cannotEncode(path: "/out/关键词.csv", encoding: "GB18030").localizedDescription
                == "/out/关键词.csv: the CSV text cannot be encoded as GB18030; choose UTF-8 instead.")
    }
}

/// Python's `float.hex()` spelling of `value` (13 hex digits, subnormals as `0x0.…p-1022`), from its bits.
private func hexString(_ value: Double) -> String {
    if value == 0 { return value.sign == .minus ? "-0x0.0p+0" : "0x0.0p+0" }
    let sign = value.sign == .minus ? "-" : ""
    let significand = value.significandBitPattern
    var exponent = Int(value.exponentBitPattern) - 1023
    var lead = 1
    if value.exponentBitPattern == 0 {
        lead = 0
        exponent = -1022
    }
    var digits = String(significand, radix: 16)
    digits = String(repeating: "0", count: 13 - digits.count) + digits
    return "\(sign)0x\(lead).\(digits)p\(exponent >= 0 ? "+" : "")\(exponent)"
}

/// The fast paths of the CSV writer against plain reference versions.
@Suite struct CSVFastPathTests {
    /// Plain notation the plain way: `description`, then the point moved by string operations.
    static func referencePlainNumber(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let shortest = value.description
        guard let e = shortest.firstIndex(of: "e"), let exponent = Int(shortest[shortest.index(after: e)...]) else { return shortest }
        var mantissa = String(shortest[..<e])
        let sign = mantissa.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let digits = parts.joined()
        let point = parts[0].count + exponent
        var integer: String, fraction: String
        if point <= 0 {
            (integer, fraction) = ("0", String(repeating: "0", count: -point) + digits)
        } else if point >= digits.count {
            (integer, fraction) = (digits + String(repeating: "0", count: point - digits.count), "")
        } else {
            (integer, fraction) = (String(digits.prefix(point)), String(digits.dropFirst(point)))
        }
        while integer.count > 1 && integer.hasPrefix("0") { integer.removeFirst() }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + integer + "." + (fraction.isEmpty ? "0" : fraction)
    }

    /// Doubles of every magnitude (random bit patterns), random decimals and the edge cases: the
    /// byte writer gives the reference's text, and the text reads back as the same Double.
    @Test func plainNumbersAgreeWithTheReference() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1, -1, 0.1, 1e-4, 1e-5, 9.999e-5, 2e53, 9007199254740992, 1e16, 1e21, 1.5e300, .leastNonzeroMagnitude,
                                .greatestFiniteMagnitude, .leastNormalMagnitude, .nan, .infinity, -.infinity, 0.1 + 0.2]
        for _ in 0..<50_000 { values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))) }
        for _ in 0..<50_000 { values.append(Double.random(in: -1e6...1e6, using: &generator) / Double(Int.random(in: 1...100_000, using: &generator))) }
        var mismatches: [String] = []
        for value in values {
            var bytes: [UInt8] = [0x41]
            NumberText.appendPlain(value, to: &bytes)
            let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
            if text != Self.referencePlainNumber(value) || (value.isFinite && Double(text) != value) {
                mismatches.append("\(value.bitPattern): \(text)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(NumberText.plain(1e-05) == "0.00001" && NumberText.plain(-1.5e-7) == "-0.00000015")
    }

    /// The rule of `isPlainField`, one byte at a time.
    static func referencePlain(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x20, 0x09].contains(first) { return false }
        if last == 0x20 || last == 0x09 { return false }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x2C { return false }
            if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
        }
        return true
    }

    /// Texts of every length up to 70 bytes with one special character at every position (and
    /// full-width punctuation, whose UTF-8 starts with 0xEF, all around): the block scan agrees
    /// with the byte-by-byte rule everywhere, block edges included.
    @Test func plainFieldScanAgreesWithTheRule() {
        let specials = ["\"", ",", "\n", "\t", "\u{FFFE}", "\u{FFFF}", "\u{FF0C}", "\u{FFBD}", "\u{0001}", "人"]
        var checked = 0
        for length in 0...70 {
            let base = Array(String(repeating: "才，", count: length).utf8.prefix(length))
            for special in specials {
                for position in 0...length {
                    var bytes = base
                    bytes.insert(contentsOf: Array(special.utf8), at: min(position, bytes.count))
                    let fast = bytes.withUnsafeBufferPointer { CSVWriter.isPlainField($0) }
                    #expect(fast == Self.referencePlain(bytes), "\(bytes)")
                    checked += 1
                }
            }
        }
        #expect(checked > 20_000)
    }

    /// Records written field by field (`appendRecords`) are those the writer makes of the same
    /// cells: texts that need quoting, a formula guard or XML repair, numbers of every kind, a
    /// field written once and repeated (`encoded`), and a one-column table with empty texts (`""`).
    @Test func recordsWrittenFieldByFieldAreThoseOfTheCells() throws {
        let texts = ["人才", "=SUM(1)", "a,b", "说\"是\"", "-3", "\t词", " 空格 ", "@x", "line\r\nbreak", "\u{1}控制", "\u{FFFE}", "+1", ""]
        let numbers = [0.0, -0.0, 1.0 / 3, 1e-7, 2.5e21, -123_456.75, .nan, .infinity, -.infinity]
        let rows = 500
        @Sendable func text(_ row: Int) -> String { texts[row % texts.count] }
        let columns = [Column("a"), Column("b"), Column("c"), Column("d")]
        let cells = Table(id: "t", title: "t", columns: columns, rows: (0..<rows).map { row in
            [.text(text(row)), .integer(row * 7919 - 100_000), .decimal(numbers[row % numbers.count], fractionDigits: 2), .text(text(row / 3))]
        }, csvName: "t.csv")
        let fields = Table(id: "t", title: "t", columns: columns, rowCount: rows, csvName: "t.csv", row: { _, _ in }, records: { range, bytes in
            CSVWriter.appendRecords(range, to: &bytes) { row, fields in
                fields.text(text(row))
                fields.integer(row * 7919 - 100_000)
                fields.decimal(numbers[row % numbers.count])
                fields.encoded(CSVWriter.field(text: text(row / 3)))
            }
        })
        for encoding in [CSVWriter.Options.Encoding.utf8WithBOM, .utf8, .gb18030] {
            #expect(try CSVWriter.render(fields, options: .init(encoding: encoding)) == CSVWriter.render(cells, options: .init(encoding: encoding)))
        }
        // Any split of the rows gives the same bytes.
        var whole: [UInt8] = [], pieces: [UInt8] = []
        _ = fields.appendOwnRecords(in: 0..<rows, to: &whole)
        for range in [0..<1, 1..<13, 13..<13, 13..<rows] { _ = fields.appendOwnRecords(in: range, to: &pieces) }
        #expect(pieces == whole)
        // One column: an empty text is written "", so that the record is not a blank line.
        let single = Table(id: "s", title: "s", columns: [Column("a")], rowCount: texts.count, csvName: "s.csv", row: { _, _ in },
                           records: { range, bytes in CSVWriter.appendRecords(range, to: &bytes) { row, fields in fields.text(texts[row]) } })
        let singleCells = Table(id: "s", title: "s", columns: [Column("a")], rows: texts.map { [.text($0)] }, csvName: "s.csv")
        #expect(try CSVWriter.render(single) == CSVWriter.render(singleCells))
        #expect(String(decoding: try CSVWriter.render(single, options: .init(encoding: .utf8)), as: UTF8.self).hasSuffix("+1\r\n\"\"\r\n"))
    }

    @Test func digitsAreStringsDigits() {
        for value in [0, 7, 9, 10, 11, 99, 100, 12_345, -1, -9, -10, -12_345, Int.max, Int.min, 1 << 40] {
            var bytes: [UInt8] = []
            CSVWriter.appendDigits(of: value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value))
        }
    }
}
