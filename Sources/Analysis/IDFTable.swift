import Foundation

/// Inverse document frequencies of words, as jieba's `analyse/idf.txt` gives them.
///
/// A word that the table does not hold gets the median IDF, as `jieba.analyse.extract_tags` does:
/// the value at index ⌊n/2⌋ of the n values sorted in ascending order.
///
///     let idf = try IDFTable(contentsOf: IDFTable.jiebaPath)
///     idf.idf(of: "人才")   // the file's value for 人才
public struct IDFTable: Sendable, Equatable {
    /// The file of Debian's `python3-jieba`.
    public static let jiebaPath = "/usr/lib/python3/dist-packages/jieba/analyse/idf.txt"

    /// IDF by word, keyed by UTF-8 bytes (as Python's dict: exact code points, no canonical equivalence).
    private var values: [[UInt8]: Double]
    public private(set) var median: Double

    /// A table of the given values; a word's IDF is looked up by its exact code points.
    public init(values: [String: Double]) {
        var table: [[UInt8]: Double] = [:]
        for (word, value) in values { table[Array(word.utf8)] = value }
        self.init(table)
    }

    init(_ values: [[UInt8]: Double]) {
        self.values = values
        let sorted = values.values.sorted()
        median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// Number of words in the table.
    public var count: Int { values.count }

    /// Reads an IDF file: `word idf` per line, UTF-8, a later line for the same word wins.
    ///
    /// - Throws: `AnalysisError.unreadable`, or `.badIDFLine` naming the line that is not `word idf`.
    public init(contentsOf path: String) throws {
        try self.init(parsing: try AnalysisError.readUTF8(path), path: path)
    }

    /// Reads IDF entries from text in the file format; `path` names the source in errors.
    public init(parsing text: String, path: String) throws {
        var text = text
        let values: [[UInt8]: Double] = try text.withUTF8 { bytes in
            var values: [[UInt8]: Double] = [:]
            values.reserveCapacity(bytes.count / 20)
            var lineNumber = 0
            var lineStart = 0
            while lineStart < bytes.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                // Python's line.strip().split(' '): exactly two fields around one space.
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                let content = Self.strip(line)
                if content.isEmpty { continue }
                var space = -1
                var spaceCount = 0
                for index in content.indices where content[index] == 0x20 {
                    space = index
                    spaceCount += 1
                }
                guard spaceCount == 1, space > content.startIndex,
                      let value = Double(String(decoding: UnsafeBufferPointer(rebasing: content[(space + 1)...]), as: UTF8.self)) else {
                    throw AnalysisError.badIDFLine(path: path, line: lineNumber, text: String(decoding: line, as: UTF8.self))
                }
                values[Array(content[..<space])] = value
            }
            return values
        }
        self.init(values)
    }

    /// `line` without the white space Python's `strip()` removes at either end.
    private static func strip(_ line: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var start = 0
        var end = line.count
        // The scalar that starts at `index`, and its length in bytes.
        func scalar(at index: Int) -> (value: UInt32, length: Int) {
            let byte = line[index]
            let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            guard index + length <= line.count else { return (0xFFFD, 1) }
            var value = length == 1 ? UInt32(byte) : UInt32(byte) & (0xFF >> (length + 1))
            for offset in 1..<max(1, length) { value = value << 6 | UInt32(line[index + offset] & 0x3F) }
            return (value, length)
        }
        while start < end {
            let (value, length) = scalar(at: start)
            guard TokenClass.isUnicodeWhitespace(value) || (0x1C...0x1F).contains(value) else { break }
            start += length
        }
        while end > start {
            var lead = end - 1
            while lead > start && line[lead] & 0xC0 == 0x80 { lead -= 1 }
            let (value, _) = scalar(at: lead)
            guard TokenClass.isUnicodeWhitespace(value) || (0x1C...0x1F).contains(value) else { break }
            end = lead
        }
        return line[start..<end]
    }

    /// The word's IDF, or the median for a word the table does not hold.
    public func idf(of word: String) -> Double { values[Array(word.utf8)] ?? median }
}
