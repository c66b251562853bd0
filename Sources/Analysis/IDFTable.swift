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

    // Design note. jieba's table has 270,000 lines and a run looks up only the corpus's words, so
    // no String is made per line: the words go into a `TokenTable` (bytes in one arena, found by a
    // hash of the bytes, so exact code points as in Python's dict) and the values into an array
    // by word id. Reading jieba's file this way takes half the time a dictionary of strings took.

    private var words = TokenTable(capacity: 16)
    /// `values[id]`: the IDF of word `id` of `words`.
    private var values: [Double] = []
    public private(set) var median: Double = 0

    /// A table of the given values; a word's IDF is looked up by its exact code points.
    public init(values: [String: Double]) {
        for (word, value) in values {
            var word = word
            word.withUTF8 { insert($0, value: value) }
        }
        finish()
    }

    /// Number of words in the table.
    public var count: Int { values.count }

    /// A table from the parts of another (`IDFCache`).
    init(words: TokenTable, values: [Double], median: Double) {
        self.words = words
        self.values = values
        self.median = median
    }

    /// The table's parts, for `IDFCache`.
    var parts: (words: TokenTable, values: [Double]) { (words, values) }

    /// Reads an IDF file: `word idf` per line, UTF-8, a later line for the same word wins.
    ///
    /// - Throws: `AnalysisError.unreadable`, `.badIDFLine` naming the line that is not `word idf`,
    ///   `.nonFiniteIDF` the line of NaN or infinity, or `.emptyIDF` for a file of no entry.
    public init(contentsOf path: String) throws {
        try self.init(parsing: try AnalysisError.readUTF8(path), path: path)
    }

    /// Reads IDF entries from text in the file format; `path` names the source in errors.
    public init(parsing text: String, path: String) throws {
        var text = text
        var lineCount = 0
        text.withUTF8 { bytes in for byte in bytes where byte == 0x0A { lineCount += 1 } }
        words = TokenTable(capacity: lineCount + 1)
        values.reserveCapacity(lineCount + 1)
        try text.withUTF8 { bytes in
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
                      let value = Self.number(UnsafeBufferPointer(rebasing: content[(space + 1)...])) else {
                    throw AnalysisError.badIDFLine(path: path, line: lineNumber, text: String(decoding: line, as: UTF8.self))
                }
                guard value.isFinite else {
                    throw AnalysisError.nonFiniteIDF(path: path, line: lineNumber, text: String(decoding: line, as: UTF8.self))
                }
                insert(UnsafeBufferPointer(rebasing: content[..<space]), value: value)
            }
        }
        if values.isEmpty { throw AnalysisError.emptyIDF(path: path) }
        finish()
    }

    /// The number in `text`, or `nil`: the value Python's `float()` reads for every decimal
    /// spelling (the file's); the rare other spellings follow `Double(String)` (which, unlike
    /// Python, takes hexadecimal and rejects `1_000`).
    ///
    /// Plain decimals of at most 15 significant digits (every line of jieba's file) are read
    /// directly: the digits form an exact integer m < 2^53 and m / 10^k with k ≤ 22 is one
    /// correctly rounded division, so the result is the correctly rounded value. Anything else
    /// goes through `Double(String)`.
    static func number(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var simple = !text.isEmpty && text.count <= 16
        if simple {
            for byte in text {
                if byte == UInt8(ascii: ".") && !seenPoint {
                    seenPoint = true
                } else if byte >= 0x30 && byte <= 0x39 {
                    mantissa = mantissa * 10 + UInt64(byte - 0x30)
                    digits += 1
                    if seenPoint { fractionDigits += 1 }
                } else {
                    simple = false
                    break
                }
            }
        }
        if simple && digits > 0 && digits <= 15 {
            return Double(mantissa) / powersOfTen[fractionDigits]
        }
        return Double(String(decoding: text, as: UTF8.self))
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    private mutating func insert(_ word: UnsafeBufferPointer<UInt8>, value: Double) {
        let id = Int(words.intern(word))
        if id == values.count {
            values.append(value)
        } else {
            values[id] = value  // a later line for the same word wins
        }
    }

    /// Sets the median: the value at index ⌊n/2⌋ of the values in ascending order.
    private mutating func finish() {
        var values = self.values
        guard !values.isEmpty else { return }
        guard !values.contains(where: \.isNaN) else {
            values.sort()
            median = values[values.count / 2]
            return
        }
        // Quickselect (Hoare partitions): only the middle element needs its place.
        let k = values.count / 2
        var low = 0
        var high = values.count - 1
        while low < high {
            let a = values[low], b = values[(low + high) / 2], c = values[high]
            let pivot = max(min(a, b), min(max(a, b), c))
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                break  // values[j + 1 ..< i] all equal the pivot
            }
        }
        median = values[k]
    }

    /// Calls `body` with every word and its IDF, in the order the words first appeared.
    public func forEach(_ body: (String, Double) -> Void) {
        for id in values.indices { body(String(decoding: words.word(id), as: UTF8.self), values[id]) }
    }

    public static func == (a: IDFTable, b: IDFTable) -> Bool {
        guard a.count == b.count, a.median == b.median || (a.median.isNaN && b.median.isNaN) else { return false }
        var same = true
        a.forEach { word, value in
            if same, b.value(of: word) != value { same = false }
        }
        return same
    }

    /// The word's IDF if the table holds it.
    private func value(of word: String) -> Double? {
        var word = word
        return word.withUTF8 { words.id(of: $0) }.map { values[Int($0)] }
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
    public func idf(of word: String) -> Double { value(of: word) ?? median }
}
