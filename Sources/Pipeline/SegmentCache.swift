import Analysis
import Foundation
import Ingest
import Segmentation

/// One file's articles and words as a run left them, for the next run to reuse when the file's
/// bytes and the settings that shape them are unchanged.
struct CachedFile: Codable, Sendable {
    var articles: [Article]
    /// The encoding the file was read as.
    var encoding: String
    /// The distinct words of the file's articles, numbered by first occurrence, as UTF-8.
    var storedWords: StoredWords
    /// Per article: tokens as indexes into the words, and the sentence and paragraph ends.
    var tokens: [[Int32]]
    var sentenceEnds: [[Int32]]
    var paragraphEnds: [[Int32]]
    /// Per article: where jieba.posseg's cut differs (`SegmentedArticle.possegRuns` and `spaces`).
    var possegRuns: [[Int32]]
    var spaces: [[Int32]]
    /// The warnings about the file's lines (see `InputFile.notes`).
    var notes: [LineNote] = []

    init(articles: [Article], encoding: String, words: [String], tokens: [[Int32]], sentenceEnds: [[Int32]], paragraphEnds: [[Int32]],
         possegRuns: [[Int32]]? = nil, spaces: [[Int32]]? = nil, notes: [LineNote] = []) {
        self.articles = articles
        self.encoding = encoding
        self.storedWords = StoredWords(words)
        self.tokens = tokens
        self.sentenceEnds = sentenceEnds
        self.paragraphEnds = paragraphEnds
        self.possegRuns = possegRuns ?? tokens.map { _ in [] }
        self.spaces = spaces ?? tokens.map { _ in [] }
        self.notes = notes
    }

    /// The distinct words as strings.
    var words: [String] {
        get { storedWords.strings }
        set { storedWords = StoredWords(newValue) }
    }

    // Design note. The integer arrays are most of an entry (a token id per word of the file):
    // as JSON numbers they took longer to decode than the file takes to segment, so they are
    // stored as little-endian Int32 blobs (base64 in the JSON).
    private enum CodingKeys: String, CodingKey {
        case articles, encoding, words, tokens, sentenceEnds, paragraphEnds, possegRuns, spaces, notes
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        articles = try container.decode([Article].self, forKey: .articles)
        encoding = try container.decode(String.self, forKey: .encoding)
        let words = try container.decode([String].self, forKey: .words)
        storedWords = StoredWords(words)
        tokens = try container.decode([Data].self, forKey: .tokens).map(Self.integers)
        sentenceEnds = try container.decode([Data].self, forKey: .sentenceEnds).map(Self.integers)
        paragraphEnds = try container.decode([Data].self, forKey: .paragraphEnds).map(Self.integers)
        possegRuns = try container.decode([Data].self, forKey: .possegRuns).map(Self.integers)
        spaces = try container.decode([Data].self, forKey: .spaces).map(Self.integers)
        notes = try container.decodeIfPresent([LineNote].self, forKey: .notes) ?? []
        guard tokens.count == articles.count, sentenceEnds.count == articles.count, paragraphEnds.count == articles.count,
              possegRuns.count == articles.count, spaces.count == articles.count,
              tokens.allSatisfy({ $0.allSatisfy { $0 >= 0 && Int($0) < words.count } }),
              articles.indices.allSatisfy({ Self.boundsAreConsistent(tokenCount: tokens[$0].count, sentenceEnds: sentenceEnds[$0],
                                                                     paragraphEnds: paragraphEnds[$0], possegRuns: possegRuns[$0],
                                                                     spaces: spaces[$0]) }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "inconsistent cache entry"))
        }
    }

    /// Whether an article's boundaries fit its tokens (see `SegmentedArticle`): ends ascending
    /// within the tokens, posseg runs as triples of token ranges, spaces as pairs of a token index
    /// and a count. A damaged entry that passed for one would make the analyses index out of range.
    static func boundsAreConsistent(tokenCount: Int, sentenceEnds: [Int32], paragraphEnds: [Int32],
                                    possegRuns: [Int32], spaces: [Int32]) -> Bool {
        func ascending(_ ends: [Int32]) -> Bool {
            var previous: Int32 = 0
            for end in ends {
                guard end >= previous, Int(end) <= tokenCount else { return false }
                previous = end
            }
            return true
        }
        guard ascending(sentenceEnds), ascending(paragraphEnds), possegRuns.count % 3 == 0, spaces.count % 2 == 0 else { return false }
        for triple in stride(from: 0, to: possegRuns.count, by: 3) {
            let start = possegRuns[triple], end = possegRuns[triple + 1]
            guard start >= 0, start <= end, Int(end) <= tokenCount else { return false }
        }
        for pair in stride(from: 0, to: spaces.count, by: 2) where spaces[pair] < 0 || Int(spaces[pair]) > tokenCount || spaces[pair + 1] < 0 {
            return false
        }
        return true
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(articles, forKey: .articles)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(words, forKey: .words)
        try container.encode(tokens.map(Self.blob), forKey: .tokens)
        try container.encode(sentenceEnds.map(Self.blob), forKey: .sentenceEnds)
        try container.encode(paragraphEnds.map(Self.blob), forKey: .paragraphEnds)
        try container.encode(possegRuns.map(Self.blob), forKey: .possegRuns)
        try container.encode(spaces.map(Self.blob), forKey: .spaces)
        try container.encode(notes, forKey: .notes)
    }

    static func blob(_ values: [Int32]) -> Data {
        var data = Data(count: values.count * 4)
        data.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() { raw.storeBytes(of: value.littleEndian, toByteOffset: index * 4, as: Int32.self) }
        }
        return data
    }

    static func integers(_ data: Data) throws -> [Int32] {
        guard data.count % 4 == 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "an integer blob of \(data.count) bytes"))
        }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
        }
    }
}

/// A file's distinct words as UTF-8: each word's length (a LEB128 varint) and its bytes, word
/// after word. (The store keeps each as a place in the file's text: see `CachedFile.stored()`.)
///
/// Design note. A scheduled run over many small files reads millions of stored words (a hundred
/// distinct words a file), and only interns them into the run's vocabulary
/// (`SegmentCache.combine`), which keys words by their bytes: kept as bytes, a word costs no
/// `String` (nor a UTF-8 check beyond the one when the entry is read) unless it is new to the run.
struct StoredWords: Sendable, Equatable {
    /// The layout above.
    let bytes: [UInt8]
    /// How many words.
    let count: Int

    init<Words: Sequence<String>>(_ words: Words) {
        var writer = BinaryWriter()
        var count = 0
        for word in words {
            writer.compactString(word)
            count += 1
        }
        bytes = writer.bytes
        self.count = count
    }

    /// Words already laid out and checked (`BinaryReader.storedWords(in:)`).
    fileprivate init(checked bytes: [UInt8], count: Int) {
        self.bytes = bytes
        self.count = count
    }

    /// Where each word's UTF-8 is in `bytes`.
    var ranges: [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(count)
        bytes.withUnsafeBufferPointer { all in
            var at = 0
            for _ in 0..<count {
                // The layout was made by `init` or checked when read.
                let length = Int(BinaryReader.checkedVarint(in: all, at: &at))
                result.append(at..<(at + length))
                at += length
            }
        }
        return result
    }

    /// Calls `body` with each word's UTF-8, in order.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            var at = 0
            for _ in 0..<count {
                // The layout was made by `init` or checked when read.
                let length = Int(BinaryReader.checkedVarint(in: all, at: &at))
                body(UnsafeBufferPointer(rebasing: all[at..<(at + length)]))
                at += length
            }
        }
    }

    var strings: [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        forEach { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }
}

/// An entry of a cache table in the run store, as the bytes the store keeps.
protocol StoredEntry: Sendable {
    /// Reads an entry; throws when the bytes are not one (another format, damage).
    init(storedBytes: [UInt8]) throws
    /// The bytes to keep.
    func stored() throws -> Data
}

extension StoredEntry {
    /// Reads an entry from `Data` (see `init(storedBytes:)`).
    init(stored data: Data) throws { try self.init(storedBytes: [UInt8](data)) }
}

extension CachedFile: StoredEntry {
    // Design note. A store holds an entry per input file, and a scheduled run reads all of them
    // first. The entry is a plain binary record in the compact layout (`BinaryWriter.varint`):
    // integers, counts and lengths as LEB128 varints, strings as their length and UTF-8. For a
    // folder of small files a fixed 8 bytes per length and 4 per token made an entry 3.5 times the
    // size of its text; most words are under 128 bytes and most files have under 128 words, so a
    // length or a token takes a byte.
    //
    // The words come last, and each is where it first occurs in the file's text (the paragraphs of
    // its articles, one after another, as UTF-8) rather than its bytes again: the distance from the
    // previous word's place (words are numbered by first occurrence, so the places ascend, a byte
    // apart or a few) and its length, two bytes for a word of six. The text itself is already
    // checked UTF-8, so a word needs only to start and end between characters. A word not found
    // in the text is stored as its own UTF-8 (a segmenter's words are pieces of the text, so on the
    // 26,836-file bench corpus not one of 2.6 million is).

    init(storedBytes bytes: [UInt8]) throws {
        var reader = BinaryReader(bytes: bytes)
        try reader.expect(Self.storedMagic)
        encoding = try reader.compactString()
        let articleCount = try reader.compactCount()
        articles = []
        articles.reserveCapacity(articleCount)
        tokens = []
        sentenceEnds = []
        paragraphEnds = []
        possegRuns = []
        spaces = []
        // Where each paragraph's UTF-8 is in the record, for the words.
        var text: [Range<Int>] = []
        // Words are numbered by their first occurrence in the file (as `SegmentCache.entries` writes
        // them, and `combine` relies on): each token is a word seen before or the next one.
        var nextNew: Int32 = 0
        for _ in 0..<articleCount {
            var article = Article(id: try reader.compactString(), sourcePath: try reader.compactString(),
                                  indexInFile: try reader.compactInteger(), startLine: try reader.compactInteger(),
                                  title: try reader.compactString(), byline: try reader.compactString(),
                                  author: try reader.compactString(), position: try reader.compactString(),
                                  region: try reader.compactString(), date: try reader.compactString(),
                                  paragraphs: try reader.compactStrings(ranges: &text))
            switch try reader.varint() {
            case 0: break
            case 1: article.titleIsFileName = true
            default: throw BinaryReader.Damaged()
            }
            article.monthDay = try reader.compactString()
            articles.append(article)
            let articleTokens = try reader.compactIntegers(Int32.self)
            for token in articleTokens where token >= nextNew || token < 0 {
                guard token == nextNew else { throw BinaryReader.Damaged() }
                nextNew += 1
            }
            let segment = SegmentedArticle(tokens: articleTokens, sentenceEnds: try reader.compactIntegers(),
                                           paragraphEnds: try reader.compactIntegers(), possegRuns: try reader.compactIntegers(),
                                           spaces: try reader.compactIntegers())
            guard Self.boundariesFit(segment) else { throw BinaryReader.Damaged() }
            tokens.append(segment.tokens)
            sentenceEnds.append(segment.sentenceEnds)
            paragraphEnds.append(segment.paragraphEnds)
            possegRuns.append(segment.possegRuns)
            spaces.append(segment.spaces)
        }
        let noteCount = try reader.compactCount()
        notes = []
        for _ in 0..<noteCount {
            // The line twice, plus 1 for a note about the article that starts there.
            let place: Int = try reader.compactInteger()
            notes.append(LineNote(line: place >> 1, text: try reader.compactString(), aboutArticle: place & 1 == 1))
        }
        storedWords = try reader.storedWords(in: text)
        guard reader.isAtEnd, Int(nextNew) == storedWords.count else { throw BinaryReader.Damaged() }
    }

    /// Whether an article's boundaries lie within its tokens, as segmentation makes them: sentence
    /// and paragraph ends ascending, posseg runs as triples (start, end, kind) with start ≤ end,
    /// spaces as pairs (index, count). (Analyses index the tokens by them: a damaged one must not
    /// reach them.)
    private static func boundariesFit(_ segment: SegmentedArticle) -> Bool {
        let count = Int32(segment.tokens.count)
        func ascending(_ ends: [Int32]) -> Bool {
            var previous: Int32 = 0
            for end in ends {
                guard end >= previous, end <= count else { return false }
                previous = end
            }
            return true
        }
        guard ascending(segment.sentenceEnds), ascending(segment.paragraphEnds),
              segment.possegRuns.count % 3 == 0, segment.spaces.count % 2 == 0 else { return false }
        for run in stride(from: 0, to: segment.possegRuns.count, by: 3) {
            let (start, end) = (segment.possegRuns[run], segment.possegRuns[run + 1])
            guard start >= 0, start <= end, end <= count else { return false }
        }
        for pair in stride(from: 0, to: segment.spaces.count, by: 2) {
            guard (0...count).contains(segment.spaces[pair]), segment.spaces[pair + 1] >= 0 else { return false }
        }
        return true
    }

    func stored() throws -> Data {
        var writer = BinaryWriter()
        writer.compactString(Self.storedMagic)
        writer.compactString(encoding)
        writer.varint(articles.count)
        for (index, article) in articles.enumerated() {
            for text in [article.id, article.sourcePath] { writer.compactString(text) }
            writer.varint(article.indexInFile)
            writer.varint(article.startLine)
            for text in [article.title, article.byline, article.author, article.position, article.region, article.date] {
                writer.compactString(text)
            }
            writer.compactStrings(article.paragraphs)
            writer.varint(article.titleIsFileName == true ? 1 : 0)
            writer.compactString(article.monthDay)
            for list in [tokens[index], sentenceEnds[index], paragraphEnds[index], possegRuns[index], spaces[index]] {
                writer.compactIntegers(list)
            }
        }
        writer.varint(notes.count)
        for note in notes {
            writer.varint(note.line << 1 | (note.aboutArticle ? 1 : 0))
            writer.compactString(note.text)
        }
        // The words: where each first occurs in the text (even: twice the distance from the
        // previous word's place, then the length), or its UTF-8 (odd: twice the length plus one).
        let words = storedWords.ranges
        let places = firstPlaces(of: words)
        writer.varint(words.count)
        var previous = 0
        for (id, range) in words.enumerated() {
            if let place = places[id], place >= previous, !range.isEmpty {
                writer.varint(UInt64(place - previous) << 1)
                writer.varint(range.count)
                previous = place
            } else {
                writer.varint(UInt64(range.count) << 1 | 1)
                writer.bytes(storedWords.bytes[range])
            }
        }
        return writer.data
    }

    /// Where each word (its UTF-8 at `words` in `storedWords.bytes`) first occurs in the file's text
    /// (the paragraphs of its articles one after another, as UTF-8), `nil` where it is not found:
    /// the tokens are followed through each paragraph, each looked for from where the one before
    /// ended (white space, which has no token, lies between), no further than a few hundred bytes on.
    /// (A place is only ever where the word's bytes are; the paragraph ends only say where to look.)
    private func firstPlaces(of words: [Range<Int>]) -> [Int?] {
        var places = [Int?](repeating: nil, count: words.count)
        var seen = [Bool](repeating: false, count: words.count)
        var paragraphStart = 0
        storedWords.bytes.withUnsafeBufferPointer { wordBytes in
            for (index, article) in articles.enumerated() {
                let articleTokens = tokens[index], ends = paragraphEnds[index]
                var first = 0
                for (paragraph, text) in article.paragraphs.enumerated() {
                    var text = text
                    text.withUTF8 { text in
                        defer { paragraphStart += text.count }
                        guard paragraph < ends.count, Int(ends[paragraph]) >= first, Int(ends[paragraph]) <= articleTokens.count else { return }
                        let last = Int(ends[paragraph])
                        defer { first = last }
                        var cursor = 0
                        for token in articleTokens[first..<last] where token >= 0 && Int(token) < words.count {
                            let id = Int(token)
                            let word = UnsafeBufferPointer(rebasing: wordBytes[words[id]])
                            let found = Self.find(word, in: text, from: cursor)
                            if let found { cursor = found + word.count }
                            if !seen[id] {
                                seen[id] = true
                                places[id] = found.map { paragraphStart + $0 }
                            }
                        }
                    }
                }
            }
        }
        return places
    }

    /// Where `word` starts in `text` at `from` or up to 256 bytes later, if it does.
    private static func find(_ word: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard !word.isEmpty, from <= text.count - word.count else { return nil }
        for start in from...min(text.count - word.count, from + 256)
        where text[start] == word[0] && memcmp(text.baseAddress! + start, word.baseAddress!, word.count) == 0 {
            return start
        }
        return nil
    }

    /// 5: the compact layout, words as places in the text (4: words as their bytes, first; 3: fixed-size integers and lengths).
    private static let storedMagic = "cipin-file-entry-6"
}

extension CachedArticleKeywords: StoredEntry {
    /// Binary, as file entries are: per article its rows as `article_keywords.csv`'s records
    /// (`StoredKeywordRows.write(to:)`: the records' lengths, the records, the rows that do not
    /// read back from their record).
    init(storedBytes bytes: [UInt8]) throws {
        var reader = BinaryReader(bytes: bytes)
        try reader.expect(Self.storedMagic)
        let articleCount = try reader.compactCount()
        articles = []
        articles.reserveCapacity(articleCount)
        for _ in 0..<articleCount { articles.append(try StoredKeywordRows(reading: &reader)) }
        guard reader.isAtEnd else { throw BinaryReader.Damaged() }
    }

    func stored() throws -> Data {
        var writer = BinaryWriter()
        writer.compactString(Self.storedMagic)
        writer.varint(articles.count)
        for rows in articles { rows.write(to: &writer) }
        return writer.data
    }

    /// 4: each article's rows as CSV records (3: the compact layout of rows, the methods named once;
    /// earlier, fixed-size integers and lengths, a method per item).
    private static let storedMagic = "cipin-article-keywords-4"
}

/// Appends integers and length-prefixed UTF-8 strings, in two layouts: fixed (`integer`, `string`:
/// 8-byte little-endian integers and lengths, as the run records and co-occurrence counts keep
/// them) and compact (`varint`, `compactString`: LEB128 varints, as the cache entries keep them).
struct BinaryWriter {
    /// The bytes so far; an array, not `Data`, whose appends cost several times more each
    /// (a file's entry is tens of thousands of small appends).
    private(set) var bytes: [UInt8] = []

    var data: Data { Data(bytes) }

    /// Bytes as they are (a block another writer made).
    mutating func bytes(_ more: ArraySlice<UInt8>) {
        bytes.append(contentsOf: more)
    }

    mutating func integer(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            integer(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func strings(_ texts: [String]) {
        integer(texts.count)
        for text in texts { string(text) }
    }

    /// A count (8 bytes), then each value as a varint (small counts, the usual case, take a byte or
    /// two; any Int comes back exactly).
    mutating func varints<C: Collection>(_ values: C) where C.Element: BinaryInteger {
        integer(values.count)
        bytes.reserveCapacity(bytes.count + values.count * 2)
        for value in values { varint(value) }
    }

    /// An unsigned LEB128 varint: seven bits a byte, the lowest first, the high bit set on every
    /// byte but the last. Values below 128 take one byte, below 16,384 two.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// An integer as the varint of its 64-bit pattern (a negative one takes ten bytes; any comes
    /// back exactly).
    mutating func varint<T: BinaryInteger>(_ value: T) {
        varint(UInt64(bitPattern: Int64(value)))
    }

    /// A string as its UTF-8 length (a varint) and its UTF-8.
    mutating func compactString(_ text: String) {
        var text = text
        text.withUTF8 { compactText($0) }
    }

    /// A string given as its UTF-8 (written as `compactString` writes it).
    mutating func compactText(_ utf8: UnsafeBufferPointer<UInt8>) {
        varint(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// A count (a varint), then each string as `compactString` writes it.
    mutating func compactStrings(_ texts: [String]) {
        varint(texts.count)
        for text in texts { compactString(text) }
    }

    /// A count, then each value: varints.
    mutating func compactIntegers<C: Collection>(_ values: C) where C.Element: BinaryInteger {
        varint(values.count)
        for value in values { varint(value) }
    }

    /// Eight bytes, little-endian (a bit pattern that a varint would not shorten: a weight's).
    mutating func fixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

}

/// A record's checksum, for records each run builds on or compares with, where damage that
/// still parses (a changed count, an index into another value) would stay or mislead: the
/// SHA-256 of all the bytes before it, as `BinaryWriter.string` writes it (an 8-byte length, then
/// 64 hex digits).
enum RecordChecksum {
    /// The bytes a checksum takes at the end of a record.
    static let length = 72

    /// Ends `writer`'s record with the checksum of what it holds.
    static func append(to writer: inout BinaryWriter) {
        writer.string(sha256(writer.data))
    }

    /// The record in `data` without its checksum; throws `BinaryReader.Damaged` when the checksum
    /// is missing or does not match.
    static func verified(_ data: Data) throws -> Data {
        guard data.count > length, data.suffix(length).prefix(8).elementsEqual([64, 0, 0, 0, 0, 0, 0, 0]),
              String(decoding: data.suffix(64), as: UTF8.self) == sha256(data.prefix(data.count - length)) else {
            throw BinaryReader.Damaged()
        }
        return data.prefix(data.count - length)
    }
}

/// Reads what `BinaryWriter` wrote, checking every length against the bytes left.
struct BinaryReader {
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    init(bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    /// How many bytes have been read.
    var position: Int { offset }

    /// Skips a compact string, checking that it is UTF-8 without making it.
    mutating func skipCompactText() throws {
        let range = try take(try compactCount())
        let valid = bytes.withUnsafeBufferPointer { isUTF8(UnsafeBufferPointer(rebasing: $0[range])) }
        guard valid else { throw Damaged() }
    }

    private mutating func take(_ count: Int) throws -> Range<Int> {
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        defer { offset += count }
        return offset..<(offset + count)
    }

    /// `count` bytes as they are.
    mutating func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
        bytes[try take(count)]
    }

    mutating func integer() throws -> Int {
        let range = try take(8)
        let value = bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound, as: Int64.self)) }
        guard let result = Int(exactly: value) else { throw Damaged() }
        return result
    }

    /// A count of items that each take at least one byte.
    mutating func count() throws -> Int {
        let count = try integer()
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        return count
    }

    /// A string; bytes that are not UTF-8 (the writer only writes UTF-8) mean damage.
    mutating func string() throws -> String {
        try string(in: try take(try integer()))
    }

    /// The string of the bytes in `range`, which must be UTF-8.
    ///
    /// `String(decoding:as:)` repairs bad bytes, and a repaired string never has the bytes it was
    /// made from, so comparing them detects damage. (`String(validating:as:)`, generic, spent more
    /// time looking up its generic metadata than validating, on every string of a nightly run.)
    private func string(in range: Range<Int>) throws -> String {
        try bytes.withUnsafeBufferPointer { buffer in
            let source = UnsafeBufferPointer(rebasing: buffer[range])
            var text = String(decoding: source, as: UTF8.self)
            let intact = text.withUTF8 { decoded in
                decoded.count == source.count && (source.isEmpty || memcmp(decoded.baseAddress!, source.baseAddress!, source.count) == 0)
            }
            guard intact else { throw Damaged() }
            return text
        }
    }

    mutating func strings() throws -> [String] {
        let count = try count()
        guard count <= (bytes.count - offset) / 8 else { throw Damaged() }  // each string takes 8 bytes at least
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try string()) }
        return result
    }

    /// What `BinaryWriter.varints` wrote.
    mutating func varints() throws -> [Int] {
        let count = try count()
        var result: [Int] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(Int(Int64(bitPattern: try varint()))) }
        return result
    }

    /// The varint at `offset` in `bytes`, moving `offset` past it; a varint cut off, or one that
    /// does not fit 64 bits (an eleventh byte, or more than the top bit in the tenth), is damage.
    static func varint(in bytes: UnsafeBufferPointer<UInt8>, at offset: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Damaged() }
            let byte = bytes[offset]
            guard shift < 63 || byte <= 1 else { throw Damaged() }
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A varint of a layout already checked (read once by the throwing reader, or just written):
    /// no bounds or length checks to fail, so no `try` where nothing can go wrong.
    static func checkedVarint(in bytes: UnsafeBufferPointer<UInt8>, at offset: inout Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// What `BinaryWriter.varint` wrote, as the 64-bit pattern it was.
    mutating func varint() throws -> UInt64 {
        var at = offset
        defer { offset = at }
        return try bytes.withUnsafeBufferPointer { try Self.varint(in: $0, at: &at) }
    }

    /// An Int written by `BinaryWriter.varint`.
    mutating func compactInteger() throws -> Int {
        Int(Int64(bitPattern: try varint()))
    }

    /// A count (a varint) of items that each take at least one byte: more than the bytes left is damage.
    mutating func compactCount() throws -> Int {
        let count = try varint()
        guard count <= UInt64(bytes.count - offset) else { throw Damaged() }
        return Int(count)
    }

    /// What `BinaryWriter.compactString` wrote; bytes that are not UTF-8 mean damage.
    mutating func compactString() throws -> String {
        try string(in: try take(try compactCount()))
    }

    /// What `BinaryWriter.compactStrings` wrote.
    mutating func compactStrings() throws -> [String] {
        let count = try compactCount()
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try compactString()) }
        return result
    }

    /// What `BinaryWriter.compactIntegers` wrote; a value that does not fit `Value` is damage.
    mutating func compactIntegers<Value: FixedWidthInteger & SignedInteger>(_: Value.Type = Value.self) throws -> [Value] {
        let count = try compactCount()
        var at = offset
        defer { offset = at }
        return try bytes.withUnsafeBufferPointer { bytes in
            try [Value](unsafeUninitializedCapacity: count) { values, initialized in
                for index in 0..<count {
                    guard let value = Value(exactly: Int64(bitPattern: try Self.varint(in: bytes, at: &at))) else { throw Damaged() }
                    values.initializeElement(at: index, to: value)
                    initialized = index + 1
                }
            }
        }
    }

    /// What `BinaryWriter.fixed64` wrote.
    mutating func fixed64() throws -> UInt64 {
        let range = try take(8)
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound, as: UInt64.self)) }
    }

    /// Skips a compact string equal to `text` (a record's magic); any other bytes are damage.
    mutating func expect(_ text: String) throws {
        let range = try take(try compactCount())
        guard bytes[range].elementsEqual(text.utf8) else { throw Damaged() }
    }

    /// The words of a file entry (see `CachedFile.stored`): each a place in the file's text, given
    /// as the ranges of this record where its paragraphs' UTF-8 is, or its own UTF-8. A place must
    /// lie within one paragraph and start and end between characters; own bytes must be UTF-8.
    mutating func storedWords(in text: [Range<Int>]) throws -> StoredWords {
        let count = try compactCount()
        let textLength = text.reduce(0) { $0 + $1.count }
        var words = BinaryWriter()
        var at = offset
        defer { offset = at }
        try bytes.withUnsafeBufferPointer { bytes in
            // The paragraph the last place was in, and where it starts in the text.
            var paragraph = 0
            var paragraphStart = 0
            var previous = 0
            @inline(__always) func startsCharacter(_ index: Int) -> Bool { bytes[index] & 0xC0 != 0x80 }
            for _ in 0..<count {
                let head = try Self.varint(in: bytes, at: &at)
                if head & 1 == 1 {
                    guard head >> 1 <= UInt64(bytes.count - at) else { throw Damaged() }
                    let word = UnsafeBufferPointer(rebasing: bytes[at..<(at + Int(head >> 1))])
                    guard isUTF8(word) else { throw Damaged() }
                    words.compactText(word)
                    at += word.count
                    continue
                }
                let length = try Self.varint(in: bytes, at: &at)
                guard head >> 1 <= UInt64(textLength - previous), length >= 1, length <= UInt64(textLength) else { throw Damaged() }
                let place = previous + Int(head >> 1)
                while paragraph < text.count && place >= paragraphStart + text[paragraph].count {
                    paragraphStart += text[paragraph].count
                    paragraph += 1
                }
                guard paragraph < text.count, place + Int(length) <= paragraphStart + text[paragraph].count else { throw Damaged() }
                let start = text[paragraph].lowerBound + place - paragraphStart
                let end = start + Int(length)
                guard startsCharacter(start), end == text[paragraph].upperBound || startsCharacter(end) else { throw Damaged() }
                words.compactText(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                previous = place
            }
        }
        return StoredWords(checked: words.bytes, count: count)
    }

    /// What `BinaryWriter.compactStrings` wrote, appending where each string's UTF-8 is to `ranges`.
    mutating func compactStrings(ranges: inout [Range<Int>]) throws -> [String] {
        let count = try compactCount()
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            let range = try take(try compactCount())
            result.append(try string(in: range))
            ranges.append(range)
        }
        return result
    }
}

/// Incremental runs: files whose content is unchanged since a stored run are not read, split or
/// segmented again; their articles and words come from the run store. The corpus is then numbered
/// exactly as a full run numbers it (by first occurrence in article order), so the outputs are the
/// same as a full run's.
enum SegmentCache {
    /// The layout of stored entries; a new layout makes older entries unused (2: articles record
    /// whether their title is the file name; 3: binary entries).
    /// Bumped when an entry's layout changes, or the articles a file gives (the ingest's rules):
    /// entries made otherwise are then not used. 4: the ingest of the tenth session (number lines,
    /// repeated titles, invisible characters, date lines) and the notes on lines; 5: no title
    /// inside an open quotation, and a note for an article in Traditional characters (the eleventh session);
    /// 8: the compact layout (varints), words as places in the text; 9: a note about an article
    /// does not name it (its id and title are this run's, put in when it is shown); 10: a bracketed
    /// note of the text's source is no byline (the seventeenth session); 11: a short Big5 file is
    /// read as Big5, not GB18030 (the eighteenth session); 12: a head of government's title (省长,
    /// 市长, 市委) is not read into the region, a wrapped line is short by its width with its
    /// indent, in text of one paragraph per line a break inside a sentence joins its lines, the
    /// controls of bidirectional text are read out of lines, and a source line or subtitle above
    /// a later document's date is no title, and in wrapped text a heading mark after a sentence's
    /// end starts a paragraph (the nineteenth session); 13: running heads and feet go, form feeds
    /// break pages and place page numbers, a lone year is no page number, a speaker's line without
    /// brackets is the byline, an official document's closing (issuer and date) dates it (the
    /// twentieth session); 14: a news dateline starts an article under a title and gives its
    /// byline, and end marks and editors' credits leave an article's end (the twenty-first session);
    /// 15: a document's number above the first title, more document kinds, a web page's information
    /// line, full-width curly quotes and closing punctuation at a wrapped line's start, and a
    /// congress date line's speaker and place (the twenty-second session); 16: a news dateline's
    /// day without a year is kept (`Article.monthDay`), to be dated by the file's path (the
    /// twenty-sixth session); 17: a web page's fields printed above its date line leave the text
    /// with it, and their `作者：` names the author (the thirtieth session).
    static let entryFormat = "entries-17"

    /// A hash of everything besides a file's bytes that shapes its articles and words: Cipin's
    /// version and the entries' format, the encoding and layout settings, and the segmenter's
    /// model and dictionaries (by content) and options.
    static func settingsKey(config: PipelineConfig, segmenterFiles: [String], usesHMM: Bool?) -> String {
        var parts = [CipinVersion.current, entryFormat, config.encoding ?? "auto", config.layout ?? "auto",
                     String(describing: config.segmentation?.presegmented ?? false), String(describing: usesHMM)]
        parts += segmenterFiles.map { $0 + "=" + MethodSection.sha256(ofFileAt: $0) }
        return sha256(Data(parts.joined(separator: "\n").utf8))
    }

    /// The settings key for a loaded segmenter (or presegmented input).
    static func settingsKey(for segmenter: Segmenter?, config: PipelineConfig) -> String {
        settingsKey(for: segmenter?.options, usesHMM: segmenter?.usesHMM, config: config)
    }

    /// The settings key for a segmenter before it is loaded: the same key as the loaded one's
    /// (its HMM is loaded exactly when its options ask for it), so stored results can be read
    /// while the model loads.
    static func settingsKey(for options: Segmenter.Options?, config: PipelineConfig) -> String {
        settingsKey(for: options, usesHMM: options?.usesHMM, config: config)
    }

    private static func settingsKey(for options: Segmenter.Options?, usesHMM: Bool?, config: PipelineConfig) -> String {
        let files = options.map { options in
            [options.dictionaryPath] + (usesHMM == true ? [options.hmmStartPath, options.hmmTransitionPath, options.hmmEmissionPath] : [])
                + options.userDictionaryPaths
        } ?? []
        return settingsKey(config: config, segmenterFiles: files, usesHMM: usesHMM)
    }

    /// Splits a corpus back into per-file entries to store (of the files `include` selects).
    static func entries(of corpus: SegmentedCorpus, files: [InputFile],
                        include: (InputFile) -> Bool = { _ in true }) -> [(contentHash: String, file: CachedFile)] {
        var local = [Int32](repeating: -1, count: corpus.vocabulary.count)
        return included(files, include: include).map { file, firstArticle in
            (file.contentHash, entry(of: corpus, file: file, firstArticle: firstArticle, local: &local))
        }
    }

    /// `entries(of:files:include:)` as the store keeps them: each file's entry is made and encoded
    /// on its own (side by side), so the entries of a whole corpus never exist twice at once.
    static func storedEntries(of corpus: SegmentedCorpus, files: [InputFile],
                              include: (InputFile) -> Bool = { _ in true }) throws -> [(String, Data)] {
        let chosen = included(files, include: include)
        // Batches of files side by side; each batch renumbers words through one array of corpus
        // ids, reset after each file (a dictionary per file was most of a first run's store time).
        let batchCount = min(chosen.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        let batches = concurrentMap(batchCount) { batch -> [Result<Data, any Error>] in
            var local = [Int32](repeating: -1, count: corpus.vocabulary.count)
            return stride(from: batch, to: chosen.count, by: batchCount).map { index in
                Result { try entry(of: corpus, file: chosen[index].file, firstArticle: chosen[index].firstArticle, local: &local).stored() }
            }
        }
        var result: [(String, Data)] = []
        result.reserveCapacity(chosen.count)
        for index in chosen.indices {
            result.append((chosen[index].file.contentHash, try batches[index % batchCount][index / batchCount].get()))
        }
        return result
    }

    /// The files `include` accepts, each with the index of its first article in the corpus.
    private static func included(_ files: [InputFile], include: (InputFile) -> Bool) -> [(file: InputFile, firstArticle: Int)] {
        var result: [(InputFile, Int)] = []
        var articleIndex = 0
        for file in files {
            if include(file) { result.append((file, articleIndex)) }
            articleIndex += file.articleCount
        }
        return result
    }

    /// One file's entry: its articles (without sidecar fields) and their tokens, renumbered by
    /// first occurrence in the file. `local` maps corpus ids to the file's (−1: not yet seen); it is
    /// left all −1 again.
    private static func entry(of corpus: SegmentedCorpus, file: InputFile, firstArticle: Int, local: inout [Int32]) -> CachedFile {
        var cached = CachedFile(articles: [], encoding: file.encoding, words: [], tokens: [], sentenceEnds: [], paragraphEnds: [],
                                possegRuns: [], spaces: [], notes: file.notes)
        var seen: [Int32] = []
        for articleIndex in firstArticle..<(firstArticle + file.articleCount) {
            var article = corpus.articles[articleIndex]
            article.fields = [:]
            let segment = corpus.segments[articleIndex]
            cached.articles.append(article)
            cached.tokens.append(segment.tokens.map { id in
                let known = local[Int(id)]
                if known >= 0 { return known }
                let next = Int32(seen.count)
                local[Int(id)] = next
                seen.append(id)
                return next
            })
            cached.sentenceEnds.append(segment.sentenceEnds)
            cached.paragraphEnds.append(segment.paragraphEnds)
            cached.possegRuns.append(segment.possegRuns)
            cached.spaces.append(segment.spaces)
        }
        cached.storedWords = StoredWords(seen.lazy.map { corpus.vocabulary.words[Int($0)] })
        for id in seen { local[Int(id)] = -1 }
        return cached
    }

    /// The corpus of a run from freshly segmented articles and reused files, in input order.
    ///
    /// The words are numbered as a full run numbers them, by first occurrence: a stored file's words
    /// are numbered by first occurrence in the file (checked when it is read), so interning them in
    /// that order, and a fresh article's as its tokens meet them, file after file, gives that order.
    /// Copies of a file share one entry (by content hash) and so its tokens.
    ///
    /// Design note. Interning the 2.6 million stored words of the bench corpus's 27,000 small files
    /// one after another into the vocabulary was most of a scheduled run's segment stage. The files
    /// are cut into runs of consecutive files instead, each run's words interned into a table of
    /// its own, the runs side by side; then only each run's distinct words, run after run, go into
    /// the vocabulary. A run's table numbers its words by first occurrence in the run, so the
    /// vocabulary's first occurrences fall in the same order.
    static func combine(ingest: IngestResult, fresh: SegmentedCorpus, cache: [String: CachedFile]) -> SegmentedCorpus {
        // The files' parts: a stored entry (for the first file with its content) or fresh articles.
        var parts: [CombinedPart] = []
        var partOfFile: [Int] = []
        partOfFile.reserveCapacity(ingest.files.count)
        var partOfContent: [String: Int] = [:]
        partOfContent.reserveCapacity(cache.count)
        var freshIndex = 0
        for f in ingest.files.indices {
            if ingest.files[f].reused {
                if let part = partOfContent[ingest.files[f].contentHash] {
                    partOfFile.append(part)
                    continue
                }
                if let entry = cache[ingest.files[f].contentHash] {
                    partOfContent[ingest.files[f].contentHash] = parts.count
                    partOfFile.append(parts.count)
                    parts.append(.stored(entry))
                    continue
                }
            }
            partOfFile.append(parts.count)
            parts.append(.fresh(freshIndex..<(freshIndex + ingest.files[f].articleCount)))
            freshIndex += ingest.files[f].articleCount
        }
        // Runs of consecutive parts, each interned into a table of its own, side by side.
        let runCount = min(parts.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        let allParts = parts
        let runs = concurrentMap(runCount) { run in
            Self.intern(allParts[(run * allParts.count / runCount)..<((run + 1) * allParts.count / runCount)], fresh: fresh)
        }
        // The runs' words into the vocabulary, run after run.
        var vocabulary = Vocabulary()
        let vocabularyIDs = runs.map { run in
            (0..<run.table.count).map { id in run.table.word(id).withUnsafeBufferPointer { vocabulary.intern(utf8: $0) } }
        }
        // Each part's tokens in the vocabulary's ids, side by side.
        let mapped = concurrentMap(runCount) { run -> [[[Int32]]] in
            let ids = vocabularyIDs[run]
            return runs[run].local.map { local -> [[Int32]] in
                switch local {
                case .stored(let entry, let words):
                    let map = words.map { ids[Int($0)] }
                    return entry.tokens.map { tokens in tokens.map { map[Int($0)] } }
                case .fresh(let articles):
                    return articles.map { tokens in tokens.map { ids[Int($0)] } }
                }
            }
        }.flatMap { $0 }
        var segments: [SegmentedArticle] = []
        segments.reserveCapacity(ingest.articles.count)
        for (file, part) in zip(ingest.files, partOfFile) {
            for position in 0..<file.articleCount {
                switch parts[part] {
                case .stored(let entry):
                    segments.append(SegmentedArticle(tokens: mapped[part][position], sentenceEnds: entry.sentenceEnds[position],
                                                     paragraphEnds: entry.paragraphEnds[position],
                                                     possegRuns: entry.possegRuns[position], spaces: entry.spaces[position]))
                case .fresh(let articles):
                    let segment = fresh.segments[articles.lowerBound + position]
                    segments.append(SegmentedArticle(tokens: mapped[part][position], sentenceEnds: segment.sentenceEnds,
                                                     paragraphEnds: segment.paragraphEnds, possegRuns: segment.possegRuns,
                                                     spaces: segment.spaces))
                }
            }
        }
        return SegmentedCorpus(articles: ingest.articles, segments: segments, vocabulary: vocabulary)
    }

    /// Interns the words of consecutive parts into a table of their own: each stored file's words
    /// in order, each fresh article's tokens as they meet them.
    private static func intern(_ parts: ArraySlice<CombinedPart>, fresh: SegmentedCorpus) -> (table: TokenTable, local: [CombinedPart.Local]) {
        var table = TokenTable()
        var freshIDs: [Int32] = []
        let local = parts.map { part -> CombinedPart.Local in
            switch part {
            case .stored(let entry):
                var ids: [Int32] = []
                ids.reserveCapacity(entry.storedWords.count)
                entry.storedWords.forEach { ids.append(table.intern($0)) }
                return .stored(entry, words: ids)
            case .fresh(let articles):
                if freshIDs.isEmpty { freshIDs = [Int32](repeating: -1, count: fresh.vocabulary.count) }
                return .fresh(fresh.segments[articles].map { segment in
                    segment.tokens.map { id in
                        if freshIDs[Int(id)] < 0 {
                            var word = fresh.vocabulary.words[Int(id)]
                            freshIDs[Int(id)] = word.withUTF8 { table.intern($0) }
                        }
                        return freshIDs[Int(id)]
                    }
                })
            }
        }
        return (table, local)
    }
}

/// A part of a combined corpus (`SegmentCache.combine`): a stored file's entry, or the indexes of
/// freshly segmented articles.
private enum CombinedPart: Sendable {
    case stored(CachedFile)
    case fresh(Range<Int>)

    /// A part with its words in the table of its run of parts.
    enum Local: Sendable {
        /// A stored file's entry, and the table's id of each of its words.
        case stored(CachedFile, words: [Int32])
        /// Fresh articles' tokens in the table's ids.
        case fresh([[Int32]])
    }
}

/// The article keyword rows of one file's articles, stored so that a later run does not rank
/// unchanged articles again (TF-IDF and TextRank depend only on an article's tokens and settings).
struct CachedArticleKeywords: Sendable, Equatable {
    /// Per article of the file, its rows (as `article_keywords.csv`'s records).
    var articles: [StoredKeywordRows]

    /// The key of the stored rows: the tokens' settings key and the article keyword settings.
    static func settingsKey(segmentKey: String, settings: [String]) -> String {
        sha256(Data(([segmentKey, entryFormat] + settings).joined(separator: "\n").utf8))
    }

    /// The layout of stored entries (2: binary, was JSON; 4: compact; 5: CSV records); a new layout
    /// leaves the older entries unused.
    static let entryFormat = "article-keyword-entries-5"

    /// The rows known for the articles of reused files (by article index), from `stored`: each
    /// article's stored records, as they are.
    static func known(files: [InputFile], stored: [String: CachedArticleKeywords]) -> [Int: StoredKeywordRows] {
        var known: [Int: StoredKeywordRows] = [:]
        var index = 0
        for f in files.indices {
            defer { index += files[f].articleCount }
            guard files[f].reused, let entry = stored[files[f].contentHash], entry.articles.count == files[f].articleCount else { continue }
            for (offset, rows) in entry.articles.enumerated() { known[index + offset] = rows }
        }
        return known
    }

    /// Entries to store for the files without one (`stored`: the content hashes that have an
    /// entry), from a run's rows (article by article in corpus order, as the files' articles are).
    static func entries(files: [InputFile], keywords: RunArticleKeywords,
                        stored: Set<String>) -> [(contentHash: String, entry: CachedArticleKeywords)] {
        var result: [(String, CachedArticleKeywords)] = []
        var index = 0
        for f in files.indices {
            defer { index += files[f].articleCount }
            guard !stored.contains(files[f].contentHash) else { continue }
            result.append((files[f].contentHash, CachedArticleKeywords(articles: Array(keywords.blocks[index..<(index + files[f].articleCount)]))))
        }
        return result
    }
}

/// Whether `bytes` are well-formed UTF-8 (RFC 3629: shortest forms only, no surrogates, nothing
/// above U+10FFFF), as `String(validating:as:)` decides, without making a string.
func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    var index = 0
    @inline(__always) func continues(_ at: Int) -> Bool { bytes[at] & 0xC0 == 0x80 }
    while index < count {
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
        } else if lead < 0xC2 {
            return false   // a continuation byte, or an overlong two-byte form
        } else if lead < 0xE0 {
            guard index + 1 < count, continues(index + 1) else { return false }
            index += 2
        } else if lead < 0xF0 {
            guard index + 2 < count, continues(index + 1), continues(index + 2) else { return false }
            let second = bytes[index + 1]
            if lead == 0xE0 && second < 0xA0 { return false }   // overlong
            if lead == 0xED && second >= 0xA0 { return false }  // a surrogate
            index += 3
        } else if lead < 0xF5 {
            guard index + 3 < count, continues(index + 1), continues(index + 2), continues(index + 3) else { return false }
            let second = bytes[index + 1]
            if lead == 0xF0 && second < 0x90 { return false }   // overlong
            if lead == 0xF4 && second >= 0x90 { return false }  // above U+10FFFF
            index += 4
        } else {
            return false
        }
    }
    return true
}
