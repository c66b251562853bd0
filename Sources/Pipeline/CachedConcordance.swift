import Analysis
import Foundation
import Ingest
import Reporting

/// The concordance lines and keyword counts of one file's articles, stored so that a later run
/// does not search unchanged articles again: both depend only on the article's text and tokens
/// (its file's bytes and the tokens' settings), the keywords and the concordance settings, which
/// key them.
struct CachedConcordance: Sendable, Equatable {
    /// Per article of the file, per keyword, its lines in order, as stored: a later run copies them
    /// into `concordance.csv` without making them into `Concordance.Line`s, and decodes only those
    /// the report shows.
    var articles: [[StoredLines]]
    /// Per article of the file, its keyword counts (`KeywordCountTable`, with set members).
    var counts: [KeywordCountTable.ArticleRow]

    init(articles: [[StoredLines]], counts: [KeywordCountTable.ArticleRow]) {
        self.articles = articles
        self.counts = counts
    }

    /// The key of the stored lines: the tokens' settings key (Cipin's version, encoding, layout),
    /// every keyword with its words, and the context size.
    static func settingsKey(segmentKey: String, keywords: [KeywordSpec], contextCharacters: Int) -> String {
        let spelled = keywords.map { ([$0.name] + $0.words).joined(separator: "\u{1F}") }
        return sha256(Data(([segmentKey, "concordance-3", "context=\(contextCharacters)"] + spelled).joined(separator: "\n").utf8))
    }

    /// The lines known for the articles of reused files (by article index, per keyword), from `stored`.
    static func known(files: [InputFile], keywordCount: Int, stored: [String: CachedConcordance]) -> [Int: [StoredLines]] {
        var known: [Int: [StoredLines]] = [:]
        var index = 0
        for f in files.indices {
            defer { index += files[f].articleCount }
            guard files[f].reused, let entry = stored[files[f].contentHash], entry.articles.count == files[f].articleCount,
                  entry.articles.allSatisfy({ $0.count == keywordCount }) else { continue }
            for (offset, perKeyword) in entry.articles.enumerated() { known[index + offset] = perKeyword }
        }
        return known
    }

    /// The keyword counts known for the articles of reused files (by article index), from `stored`.
    static func knownCounts(files: [InputFile], stored: [String: CachedConcordance]) -> [Int: KeywordCountTable.ArticleRow] {
        var known: [Int: KeywordCountTable.ArticleRow] = [:]
        var index = 0
        for f in files.indices {
            defer { index += files[f].articleCount }
            guard files[f].reused, let entry = stored[files[f].contentHash], entry.counts.count == files[f].articleCount else { continue }
            for (offset, row) in entry.counts.enumerated() { known[index + offset] = row }
        }
        return known
    }

    /// Entries to store for the files without one (`stored`: the content hashes that have an
    /// entry), from a run's lines and keyword counts.
    static func entries(files: [InputFile], concordance: RunConcordance,
                        counts: KeywordCountTable, stored: Set<String>) -> [(contentHash: String, entry: CachedConcordance)] {
        var result: [(contentHash: String, entry: CachedConcordance)] = []
        var added = Set<String>()
        var index = 0
        for f in files.indices {
            defer { index += files[f].articleCount }
            guard !stored.contains(files[f].contentHash), added.insert(files[f].contentHash).inserted else { continue }
            let range = index..<(index + files[f].articleCount)
            result.append((files[f].contentHash, CachedConcordance(
                articles: range.map { concordance.storedLines(article: $0) }, counts: range.map { counts.row(article: $0) })))
        }
        return result
    }
}

extension CachedConcordance: StoredEntry {
    init(storedBytes bytes: [UInt8]) throws {
        var reader = BinaryReader(bytes: bytes)
        try reader.expect(Self.storedMagic)
        let articleCount = try reader.compactCount()
        // The lines stay bytes: their layout and UTF-8 are checked here, and a block per article
        // and keyword points into the record's bytes (shared, not copied).
        articles = []
        for _ in 0..<articleCount {
            let keywordCount = try reader.compactCount()
            var perKeyword: [StoredLines] = []
            for _ in 0..<keywordCount {
                let lineCount = try reader.compactCount()
                let range = try reader.skipLines(lineCount)
                perKeyword.append(StoredLines(bytes: bytes, range: range, count: lineCount))
            }
            articles.append(perKeyword)
        }
        // Then each article's keyword counts.
        guard try reader.compactCount() == articleCount else { throw BinaryReader.Damaged() }
        counts = []
        for _ in 0..<articleCount {
            counts.append(KeywordCountTable.ArticleRow(occurrences: try reader.compactIntegers(), tokenMatches: try reader.compactIntegers()))
        }
        guard reader.isAtEnd else { throw BinaryReader.Damaged() }
    }

    func stored() throws -> Data {
        var writer = BinaryWriter()
        writer.compactString(Self.storedMagic)
        writer.varint(articles.count)
        for perKeyword in articles {
            writer.varint(perKeyword.count)
            for block in perKeyword {
                writer.varint(block.count)
                writer.bytes(block.encoded)
            }
        }
        writer.varint(counts.count)
        for row in counts {
            writer.compactIntegers(row.occurrences)
            writer.compactIntegers(row.tokenMatches)
        }
        return writer.data
    }

    /// 3: the compact layout (was fixed-size integers and lengths).
    private static let storedMagic = "cipin-concordance-3"
}

/// The lines of one article and keyword as the store keeps them, in the compact layout
/// (`BinaryWriter.varint`): per line its left context, match and right context (each its UTF-8
/// length, then its UTF-8), then its paragraph, sentence, scalar offset and paragraph scalar offset
/// (varints), line after line.
///
/// Design note. A scheduled run reuses the lines of every unchanged article. Decoded, each line
/// costs three strings, and a large corpus has hundreds of thousands; kept as bytes, they are copied
/// field by field into `concordance.csv` (`appendRecords`) and decoded only for the report's
/// samples. The bytes are checked once, when read (`BinaryReader.skipLines`).
struct StoredLines: Sendable, Equatable {
    /// The bytes the lines are in (shared by the blocks of one record).
    private let bytes: [UInt8]
    /// Where this block's lines are in `bytes`.
    private let range: Range<Int>
    /// How many lines.
    let count: Int

    init(bytes: [UInt8], range: Range<Int>, count: Int) {
        self.bytes = bytes
        self.range = range
        self.count = count
    }

    /// The lines of `article`, per keyword, as `searcher` finds them, written straight from the
    /// article's text (no `Concordance.Line` is made).
    static func search(_ article: Article, with searcher: Concordance.Searcher) -> [StoredLines] {
        var writers = [BinaryWriter](repeating: BinaryWriter(), count: searcher.keywords.count)
        var counts = [Int](repeating: 0, count: searcher.keywords.count)
        searcher.forEachLine(in: article) { view in
            writers[view.keyword].compactText(view.left)
            writers[view.keyword].compactText(view.match)
            writers[view.keyword].compactText(view.right)
            for value in [view.paragraph, view.sentence, view.scalarOffset, view.paragraphScalarOffset] {
                writers[view.keyword].varint(value)
            }
            counts[view.keyword] += 1
        }
        // Kept for the whole run: without the writers' spare capacity.
        return zip(writers, counts).map { writer, count in
            let bytes = writer.bytes.capacity > writer.bytes.count + writer.bytes.count / 4 + 4096
                ? [UInt8](unsafeUninitializedCapacity: writer.bytes.count) { buffer, initialized in
                    initialized = buffer.initialize(from: writer.bytes).1
                } : writer.bytes
            return StoredLines(bytes: bytes, range: 0..<bytes.count, count: count)
        }
    }

    /// This block's bytes.
    var encoded: ArraySlice<UInt8> { bytes[range] }

    static func == (a: StoredLines, b: StoredLines) -> Bool {
        a.count == b.count && a.encoded == b.encoded
    }

    /// The lines (`count` of them from line `first`, all by default), with this `document` and `keyword`.
    func lines(document: String, keyword: String, from first: Int = 0, count: Int? = nil) -> [Concordance.Line] {
        let count = count ?? self.count - first
        var lines: [Concordance.Line] = []
        lines.reserveCapacity(count)
        forEachLine(from: first, count: count) { left, match, right, integers in
            lines.append(Concordance.Line(document: document, keyword: keyword, left: String(decoding: left, as: UTF8.self),
                                          match: String(decoding: match, as: UTF8.self), right: String(decoding: right, as: UTF8.self),
                                          paragraph: integers[0], sentence: integers[1], scalarOffset: integers[2],
                                          paragraphScalarOffset: integers[3]))
        }
        return lines
    }

    /// Appends the `concordance.csv` records of `count` lines from line `first`: the fields
    /// `document` and `keyword` (already written as fields), then left, match, right, paragraph,
    /// sentence and offset, as `CSVWriter` writes the cells of `ConcordanceSection`.
    func appendRecords(from first: Int, count: Int, document: [UInt8], keyword: [UInt8], to out: inout [UInt8]) {
        forEachLine(from: first, count: count) { left, match, right, integers in
            out += document
            out.append(0x2C)
            out += keyword
            out.append(0x2C)
            CSVWriter.appendField(utf8: left, to: &out)
            out.append(0x2C)
            CSVWriter.appendField(utf8: match, to: &out)
            out.append(0x2C)
            CSVWriter.appendField(utf8: right, to: &out)
            for value in integers.prefix(3) {
                out.append(0x2C)
                CSVWriter.appendField(integer: value, to: &out)
            }
            out += [0x0D, 0x0A]
        }
    }

    /// The lines at `indices` (ascending, each below `count`), as a block of their own.
    func subset(_ indices: [Int]) -> StoredLines {
        guard indices.count < count else { return self }
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { all in
            var at = range.lowerBound
            var next = 0
            // The layout was checked when the block was read, or made by `search`.
            for line in 0..<count where next < indices.count {
                let start = at
                for _ in 0..<3 { at += Int(BinaryReader.checkedVarint(in: all, at: &at)) }
                for _ in 0..<4 { _ = BinaryReader.checkedVarint(in: all, at: &at) }
                if indices[next] == line {
                    out.append(contentsOf: all[start..<at])
                    next += 1
                }
            }
            precondition(next == indices.count, "indices ascending and within the block")
        }
        return StoredLines(bytes: out, range: 0..<out.count, count: indices.count)
    }

    /// Calls `body` with the texts and integers of `count` lines from line `first`.
    private func forEachLine(from first: Int, count: Int,
                             _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, [Int]) -> Void) {
        precondition(first >= 0 && count >= 0 && first + count <= self.count, "lines within the block")
        bytes.withUnsafeBufferPointer { all in
            var at = range.lowerBound
            // The layout was checked when the block was read, or made by `search`.
            func integer() -> Int { Int(Int64(bitPattern: BinaryReader.checkedVarint(in: all, at: &at))) }
            func text() -> UnsafeBufferPointer<UInt8> {
                let length = integer()
                defer { at += length }
                return UnsafeBufferPointer(rebasing: all[at..<(at + length)])
            }
            var integers = [Int](repeating: 0, count: 4)
            for line in 0..<(first + count) {
                let left = text(), match = text(), right = text()
                for index in 0..<4 { integers[index] = integer() }
                if line >= first { body(left, match, right, integers) }
            }
        }
    }
}

extension BinaryReader {
    /// Skips `count` concordance lines (see `StoredLines`), checking their layout and that every
    /// text is UTF-8; returns the range they take.
    mutating func skipLines(_ count: Int) throws -> Range<Int> {
        let start = position
        for _ in 0..<count {
            for _ in 0..<3 { try skipCompactText() }
            for _ in 0..<4 { _ = try varint() }
        }
        return start..<position
    }
}
