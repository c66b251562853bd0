import Foundation
import Testing
import Analysis
import Ingest
import Segmentation
@testable import Pipeline
import TestSupport

/// The run store's entries of files: what goes in comes back, and damaged bytes are refused.
@Suite struct SegmentCacheTests {
    /// The seed corpus, segmented and split into per-file entries as a scheduled run stores them.
    static func seedEntries() throws -> [(contentHash: String, file: CachedFile)] {
        let ingest = try Ingestor.ingest([CorpusSegmentationTests.seed.path], relativeTo: CorpusSegmentationTests.repository)
        var articles = ingest.articles
        articles[0].titleIsFileName = true
        articles[1].fields = ["group": "苏南"]
        let corpus = CorpusSegmentation.segment(articles, with: try CorpusSegmentationTests.segmenter(), workers: 2)
        return SegmentCache.entries(of: corpus, files: ingest.files)
    }

    /// The key of stored results made from the options, before the model loads, is the loaded
    /// segmenter's key, with the HMM on and off (and for presegmented input).
    @Test func settingsKeyFromOptionsEqualsTheLoadedSegmentersKey() throws {
        let config = PipelineConfig(name: "t", inputs: ["a"], keywords: ["人才"])
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("cipin-pipeline-tests").path
        for hmm in [true, false] {
            let options = Segmenter.Options(usesHMM: hmm, cacheDirectory: cache)
            let loaded = try Segmenter(options: options)
            #expect(loaded.usesHMM == hmm)
            #expect(SegmentCache.settingsKey(for: options, config: config) == SegmentCache.settingsKey(for: loaded, config: config))
        }
        #expect(SegmentCache.settingsKey(for: nil as Segmenter.Options?, config: config)
                == SegmentCache.settingsKey(for: nil as Segmenter?, config: config))
        #expect(SegmentCache.settingsKey(for: Segmenter.Options(usesHMM: true), config: config)
                != SegmentCache.settingsKey(for: Segmenter.Options(usesHMM: false), config: config))
    }

    /// The store's bytes, made file by file side by side, are the entries' own encodings, in order.
    @Test func storedEntriesAreTheEntriesEncoded() throws {
        let ingest = try Ingestor.ingest([CorpusSegmentationTests.seed.path, CorpusSegmentationTests.seed.path],
                                         relativeTo: CorpusSegmentationTests.repository)
        let corpus = CorpusSegmentation.segment(ingest.articles, with: try CorpusSegmentationTests.segmenter(), workers: 2)
        let entries = SegmentCache.entries(of: corpus, files: ingest.files)
        let stored = try SegmentCache.storedEntries(of: corpus, files: ingest.files)
        #expect(stored.count == entries.count && !stored.isEmpty)
        for (item, entry) in zip(stored, entries) {
            #expect(item.0 == entry.contentHash)
            #expect(item.1 == (try entry.file.stored()))
            #expect(try CachedFile(stored: item.1).articles.count == 11)
        }
        #expect(try SegmentCache.storedEntries(of: corpus, files: ingest.files, include: { _ in false }).isEmpty)
    }

    @Test func storedEntriesComeBackAsTheyWere() throws {
        let entries = try Self.seedEntries()
        #expect(entries.count == 1 && entries[0].file.articles.count == 11)
        let original = entries[0].file
        let stored = try original.stored()
        let restored = try CachedFile(stored: stored)
        #expect(restored.articles == original.articles)
        #expect(restored.articles[0].titleIsFileName == true && restored.articles[1].titleIsFileName == nil)
        #expect(restored.words == original.words && restored.encoding == original.encoding)
        #expect(restored.tokens == original.tokens && restored.sentenceEnds == original.sentenceEnds
                && restored.paragraphEnds == original.paragraphEnds && restored.possegRuns == original.possegRuns
                && restored.spaces == original.spaces && restored.notes == original.notes)
        #expect(original.tokens.joined().count > 5_000 && original.possegRuns.joined().count > 0)
        // Every field of a small entry, notes and spaces among them.
        let small = Self.smallEntry()
        let back = try CachedFile(stored: try small.stored())
        #expect(back.articles == small.articles && back.encoding == small.encoding && back.notes == small.notes)
        #expect(back.words == small.words && back.tokens == small.tokens && back.sentenceEnds == small.sentenceEnds
                && back.paragraphEnds == small.paragraphEnds && back.possegRuns == small.possegRuns && back.spaces == small.spaces)
    }

    /// Sidecar fields are applied on every run, so an entry does not keep them.
    @Test func sidecarFieldsAreNotStored() throws {
        var article = Article(id: "a-01", sourcePath: "a.txt", indexInFile: 1, startLine: 1, title: "题", paragraphs: ["人才"])
        article.fields = ["group": "苏南"]
        let file = CachedFile(articles: [article], encoding: "UTF-8", words: ["人才"], tokens: [[0]], sentenceEnds: [[1]], paragraphEnds: [[1]])
        let restored = try CachedFile(stored: try file.stored())
        #expect(restored.articles[0].fields.isEmpty && restored.articles[0].title == "题" && restored.articles[0].paragraphs == ["人才"])
    }

    /// The compact layout: the seed's entry is its text, a few bytes per word and about a byte per
    /// token, where the fixed layout took 8 bytes per string, each word's bytes again and 4 bytes
    /// per token.
    @Test func storedEntriesAreCompact() throws {
        let file = try Self.seedEntries()[0].file
        let stored = try file.stored()
        let text = file.articles.reduce(0) { $0 + $1.paragraphs.reduce(0) { $0 + $1.utf8.count } + $1.title.utf8.count + $1.byline.utf8.count }
        let tokens = file.tokens.joined().count
        #expect(tokens > 5_000 && file.words.count > 1_000)
        // A word is a place (a distance under 64 takes a byte) and a length; ids under 16,384 take
        // two bytes at most.
        #expect(stored.count <= text + 3 * file.words.count + 2 * tokens + 2_000)
        #expect(stored.count >= text + tokens)
    }

    /// Each word is where it first occurs in the text: twice the distance from the previous word's
    /// place, then its length; a word not in the text is its own UTF-8 (twice the length plus one).
    @Test func wordsAreStoredAsPlacesInTheText() throws {
        let stored = try Self.smallEntry().stored()
        // 人才 at 0, 是 at 6, 第一 at 9, 资源 at 15, then 基层 at 21, the start of the second paragraph.
        #expect(Array(stored.suffix(11)) == [5, 0, 6, 12, 3, 6, 6, 12, 6, 12, 6])
        var file = Self.smallEntry()
        file.words[4] = "外"
        let literal = try file.stored()
        #expect(Array(literal.suffix(13)) == [5, 0, 6, 12, 3, 6, 6, 12, 6, 7] + Array("外".utf8))
        #expect(try CachedFile(stored: literal).words == file.words)
    }

    /// A place outside the text, across a paragraph's end, or between the bytes of a character,
    /// and own bytes that are not UTF-8, are damage.
    @Test func wordsThatAreNotInTheTextAreRefused() throws {
        let stored = try Self.smallEntry().stored()
        let record = stored.dropLast(11)
        func words(_ section: [UInt8]) throws -> [String] { try CachedFile(stored: record + Data(section)).words }
        #expect(try words([5, 0, 6, 12, 3, 6, 6, 12, 6, 12, 6]) == ["人才", "是", "第一", "资源", "基层"])
        // The same words as their own bytes.
        let own = ["人才", "是", "第一", "资源", "基层"].flatMap { [UInt8($0.utf8.count * 2 + 1)] + Array($0.utf8) }
        #expect(try words([5] + own) == ["人才", "是", "第一", "资源", "基层"])
        for (section, comment): ([UInt8], Comment) in [
            ([5, 0, 6, 12, 3, 6, 6, 12, 6, 100, 6], "past the text"),
            ([5, 0, 6, 12, 3, 6, 6, 12, 6, 12, 7], "past the end of the text"),
            ([5, 0, 6, 12, 3, 6, 6, 12, 9, 12, 6], "across the end of a paragraph"),
            ([5, 0, 5, 12, 3, 6, 6, 12, 6, 12, 6], "ending inside a character"),
            ([5, 0, 6, 12, 3, 6, 6, 12, 6, 14, 5], "starting inside a character"),
            ([5, 0, 0, 12, 3, 6, 6, 12, 6, 12, 6], "of no bytes"),
            ([5, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02, 6] + Array(repeating: 0, count: 8), "a distance past 64 bits"),
            ([5, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 6, 12, 3, 6, 6, 12, 6, 12, 6], "a distance past the text"),
            ([5, 5, 0xC0, 0x80] + own.dropFirst(7), "own bytes that are not UTF-8"),
            ([5, 0, 6, 12, 3, 6, 6, 12, 6, 13, 0xE5, 0x9F], "own bytes past the record"),
        ] {
            #expect(throws: BinaryReader.Damaged.self, comment) { try words(section) }
        }
    }

    /// Every cut of the bytes (each field says how long it is, so no shorter record reads as one),
    /// a byte more, and a wrong first field are refused (the run then reads the file again), never
    /// a crash or a wrong corpus.
    @Test func cutOrLongerEntriesAreRefused() throws {
        let small = try Self.smallEntry().stored()
        for length in 0..<small.count {
            #expect(throws: BinaryReader.Damaged.self, "\(length)") { try CachedFile(stored: small.prefix(length)) }
        }
        let stored = try Self.seedEntries()[0].file.stored()
        for length in stride(from: 0, to: stored.count, by: 97) + [stored.count - 1] {
            #expect(throws: BinaryReader.Damaged.self, "\(length)") { try CachedFile(stored: stored.prefix(length)) }
        }
        #expect(throws: BinaryReader.Damaged.self) { try CachedFile(stored: stored + Data([0])) }
        var wrongMagic = stored
        wrongMagic[8] ^= 0xFF
        #expect(throws: BinaryReader.Damaged.self) { try CachedFile(stored: wrongMagic) }
        // An entry of the earlier, fixed layout (its magic's length in 8 bytes) is not read as this one.
        var fixed = BinaryWriter()
        fixed.string("cipin-file-entry-3")
        #expect(throws: BinaryReader.Damaged.self) { try CachedFile(stored: fixed.data + stored.dropFirst(19)) }
        #expect(stored.prefix(19) == Data([18] + Array("cipin-file-entry-6".utf8)))
        // Nor one of layout 5, before an article kept a dateline's day (`monthDay`).
        var five = BinaryWriter()
        five.compactString("cipin-file-entry-5")
        #expect(throws: BinaryReader.Damaged.self) { try CachedFile(stored: five.data + stored.dropFirst(19)) }
        // A count past the bytes left, or past 64 bits.
        for count: [UInt8] in [[0xFF, 0xFF, 0x03], Array(repeating: 0xFF, count: 10) + [0x01]] {
            var huge = BinaryWriter()
            huge.compactString("cipin-file-entry-6")
            huge.compactString("UTF-8")
            #expect(throws: BinaryReader.Damaged.self) { try CachedFile(stored: huge.data + Data(count) + Data(repeating: 0, count: 20)) }
        }
    }

    /// Tokens that do not number the words by first occurrence, and boundaries outside an article's
    /// tokens, are refused: `combine` and the analyses rely on them.
    @Test func inconsistentTokensAndBoundariesAreRefused() throws {
        let stored = try Self.seedEntries()[0].file.stored()
        let original = try CachedFile(stored: stored)
        func refused(_ change: (inout CachedFile) -> Void, _ comment: Comment) throws {
            var file = original
            change(&file)
            #expect(throws: BinaryReader.Damaged.self, comment) { try CachedFile(stored: try file.stored()) }
        }
        try refused({ $0.tokens[0][0] = Int32($0.words.count) }, "a token id past the words")
        try refused({ $0.tokens[3][5] = -1 }, "a negative token id")
        try refused({ file in
            let (first, second) = (file.tokens[0].firstIndex(of: 0)!, file.tokens[0].firstIndex(of: 1)!)
            file.tokens[0][first] = 1
            file.tokens[0][second] = 0
        }, "tokens 0 and 1 swapped")
        try refused({ $0.words.append("多余") }, "a word no token uses")
        try refused({ $0.sentenceEnds[2][0] = Int32($0.tokens[2].count + 1) }, "a sentence end past the tokens")
        try refused({ $0.paragraphEnds[1] = $0.paragraphEnds[1].reversed() }, "paragraph ends out of order")
        try refused({ $0.sentenceEnds[0][0] = -1 }, "a negative sentence end")
        try refused({ $0.possegRuns[0] = [2, 1, 0] }, "a posseg run that ends before it starts")
        try refused({ $0.possegRuns[0] = [1, Int32($0.tokens[0].count + 1), 0] }, "a posseg run past the tokens")
        try refused({ $0.possegRuns[0] = [1, 2] }, "posseg runs not in triples")
        try refused({ $0.spaces[0] = [Int32($0.tokens[0].count + 1), 1] }, "spaces past the tokens")
        try refused({ $0.spaces[0] = [1] }, "spaces not in pairs")
    }

    /// Text that is not UTF-8 is damage too, not a replacement character.
    @Test func textThatIsNotUTF8IsRefused() throws {
        let file = try Self.seedEntries()[0].file
        let stored = try file.stored()
        let paragraph = Data(file.articles[0].paragraphs[0].utf8.prefix(6))
        let at = try #require(stored.range(of: paragraph)).lowerBound
        for (offset, byte) in [(0, 0xFF), (1, 0x41), (5, 0xC3)] as [(Int, UInt8)] {
            var badText = stored
            badText[at + offset] = byte
            #expect(throws: BinaryReader.Damaged.self, "\(offset)") { try CachedFile(stored: badText) }
        }
    }

    /// Stored words keep their exact bytes (not String's canonical equivalence): é and e + U+0301 stay two words.
    @Test func storedWordsKeepTheirBytes() throws {
        let words = ["人才", "é", "e\u{301}", "", "😀", String(repeating: "基层", count: 100)]
        let file = CachedFile(articles: [Article(id: "a-01", sourcePath: "a.txt", indexInFile: 1, startLine: 1, title: "题", paragraphs: ["x"])],
                              encoding: "UTF-8", words: words, tokens: [[0, 1, 2, 3, 4, 5, 0]], sentenceEnds: [[7]], paragraphEnds: [[7]])
        let restored = try CachedFile(stored: try file.stored())
        var bytes: [[UInt8]] = []
        restored.storedWords.forEach { bytes.append(Array($0)) }
        #expect(bytes == words.map { Array($0.utf8) })
        #expect(restored.words.map { Array($0.utf8) } == words.map { Array($0.utf8) })
        #expect(restored.storedWords == file.storedWords && restored.tokens == file.tokens)
    }

    /// A corpus combined from stored entries (copies of a file among them) and freshly segmented
    /// files is the corpus segmenting everything gives: the same tokens and boundaries, the words
    /// numbered by first occurrence.
    @Test func combinedCorpusEqualsAFullSegmentation() throws {
        let folder = try Scratch.folder("combine")
        defer { try? FileManager.default.removeItem(at: folder) }
        let seed = try Data(contentsOf: CorpusSegmentationTests.seed)
        try seed.write(to: folder.appendingPathComponent("1.txt"))
        try Data("新的题目\n新增段落：人才工作，基层干部。\n".utf8).write(to: folder.appendingPathComponent("2.txt"))
        try seed.write(to: folder.appendingPathComponent("3.txt"))
        try Data("又一个题目\n一段 e\u{301} 和 é，人才\u{3000}\u{3000}干部。\n\n另一段 é。\n".utf8).write(to: folder.appendingPathComponent("4.txt"))
        try Data("人才\n".utf8).write(to: folder.appendingPathComponent("5.txt"))
        let ingest = try Ingestor.ingest([folder.path], relativeTo: folder)
        #expect(ingest.files.count == 5)
        let segmenter = try CorpusSegmentationTests.segmenter()
        let full = CorpusSegmentation.segment(ingest.articles, with: segmenter, workers: 2)
        // Files 1 and 3 (copies) and 4 come from the store, read back from their bytes; 2 and 5 are segmented.
        var cache: [String: CachedFile] = [:]
        for (hash, data) in try SegmentCache.storedEntries(of: full, files: ingest.files) { cache[hash] = try CachedFile(stored: data) }
        var reusing = ingest
        var fresh: [Article] = []
        var index = 0
        for (position, file) in ingest.files.enumerated() {
            if [0, 2, 3].contains(position) {
                reusing.files[position].reused = true
            } else {
                fresh += ingest.articles[index..<(index + file.articleCount)]
            }
            index += file.articleCount
        }
        let combined = SegmentCache.combine(ingest: reusing, fresh: CorpusSegmentation.segment(fresh, with: segmenter, workers: 2), cache: cache)
        #expect(combined == full)
        #expect(combined.vocabulary.words.contains("e\u{301}") && combined.vocabulary.words.contains("é"))
        // Every file from the store.
        reusing.files = reusing.files.map { var file = $0; file.reused = true; return file }
        let empty = SegmentedCorpus(articles: [], segments: [], vocabulary: Vocabulary())
        #expect(SegmentCache.combine(ingest: reusing, fresh: empty, cache: cache) == full)
    }

    /// A one-article entry of a few words.
    static func smallEntry() -> CachedFile {
        var article = Article(id: "a-01", sourcePath: "a.txt", indexInFile: 1, startLine: 2, title: "题", author: "张三",
                              paragraphs: ["人才是第一资源", "基层"])
        article.monthDay = "--03-05"
        return CachedFile(articles: [article], encoding: "UTF-8", words: ["人才", "是", "第一", "资源", "基层"], tokens: [[0, 1, 2, 3, 4]],
                          sentenceEnds: [[4, 5]], paragraphEnds: [[4, 5]], possegRuns: [[2, 4, 0]], spaces: [[4, 1]],
                          notes: [LineNote(line: 3, text: "a note")])
    }
}

@Suite("Stored entries: binary strings and article keywords")
struct StoredEntryCodingTests {
    /// A length-prefixed string field as `BinaryWriter` lays it out, from raw bytes.
    static func field(_ bytes: [UInt8]) -> Data {
        var data = Data()
        withUnsafeBytes(of: Int64(bytes.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: bytes)
        return data
    }

    @Test func stringsComeBackExactlyAndBadUTF8IsDamage() throws {
        var writer = BinaryWriter()
        let texts = ["", "人才", "e\u{301}", "\u{1F600}😀", String(repeating: "基层干部", count: 500)]
        for text in texts { writer.string(text) }
        var reader = BinaryReader(writer.data)
        for text in texts {
            let read = try reader.string()
            #expect(Array(read.utf8) == Array(text.utf8))
        }
        #expect(reader.isAtEnd)
        // Overlong, truncated, surrogate, stray continuation, and bytes never in UTF-8: each is refused,
        // including those that a repairing decoder would turn into text of the same length.
        let bad: [[UInt8]] = [[0xC0, 0x80], [0xE4, 0xBA], [0xED, 0xA0, 0x80], [0x80], [0xFF], [0xE4, 0xBA, 0xBA, 0xEF, 0xBF],
                              [0xF4, 0x90, 0x80, 0x80], Array("人才".utf8) + [0xC3]]
        for bytes in bad {
            var reader = BinaryReader(Self.field(bytes))
            #expect(throws: BinaryReader.Damaged.self, "\(bytes)") { try reader.string() }
        }
    }

    @Test func varintsComeBackExactly() throws {
        let values = [0, 1, 127, 128, 300, 16_383, 16_384, Int(Int32.max), Int.max, -1, Int.min]
        var writer = BinaryWriter()
        writer.varints(values)
        writer.varints([Int32]())
        // 0–127 take one byte, 128–16383 two, −1 and the extremes ten.
        #expect(writer.data.count == 8 + (1 + 1 + 1 + 2 + 2 + 2 + 3 + 5 + 9 + 10 + 10) + 8)
        var reader = BinaryReader(writer.data)
        #expect(try reader.varints() == values)
        #expect(try reader.varints() == [])
        #expect(reader.isAtEnd)
        // A varint cut off, or one that runs past 64 bits (an eleventh byte, or more than one bit in the tenth), is damage.
        for bytes: [UInt8] in [[0x80], [0xFF, 0xFF], Array(repeating: 0xFF, count: 11) + [0x01],
                               Array(repeating: 0xFF, count: 9) + [0x7F], Array(repeating: 0x80, count: 9) + [0x02]] {
            var data = Data()
            withUnsafeBytes(of: Int64(1).littleEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: bytes)
            var reader = BinaryReader(data)
            #expect(throws: BinaryReader.Damaged.self, "\(bytes)") { try reader.varints() }
        }
    }

    /// The compact layout's integers, strings and integer lists come back exactly; a varint cut
    /// off or past 64 bits, a length past the bytes left, bad UTF-8 and a value that does not fit
    /// the list's type are damage.
    @Test func compactFieldsComeBackExactly() throws {
        var writer = BinaryWriter()
        let values: [Int] = [0, 1, 127, 128, 16_383, 16_384, Int(Int32.max), Int.max, -1, Int.min]
        for value in values { writer.varint(value) }
        // 0–127 take one byte, 128–16383 two, −1 and the extremes ten.
        #expect(writer.bytes.count == 1 + 1 + 1 + 2 + 2 + 3 + 5 + 9 + 10 + 10)
        let texts = ["", "人才", "e\u{301}", String(repeating: "基层干部", count: 500)]
        writer.compactStrings(texts)
        writer.compactIntegers([Int32.min, -1, 0, 300, Int32.max])
        writer.compactIntegers([Int]())
        var reader = BinaryReader(writer.data)
        #expect(try values.map { _ in try reader.compactInteger() } == values)
        #expect(try reader.compactStrings().map { Array($0.utf8) } == texts.map { Array($0.utf8) })
        #expect(try reader.compactIntegers(Int32.self) == [Int32.min, -1, 0, 300, Int32.max])
        #expect(try reader.compactIntegers(Int.self) == [])
        #expect(reader.isAtEnd)
        // A string's length is one byte below 128 bytes.
        var short = BinaryWriter()
        short.compactString(String(repeating: "a", count: 127))
        #expect(short.bytes.count == 128)
        func damaged(_ bytes: [UInt8], _ read: (inout BinaryReader) throws -> Void) {
            var reader = BinaryReader(bytes: bytes)
            #expect(throws: BinaryReader.Damaged.self, "\(bytes)") { try read(&reader) }
        }
        for bytes: [UInt8] in [[], [0x80], Array(repeating: 0xFF, count: 10) + [0x01], Array(repeating: 0x80, count: 9) + [0x02]] {
            damaged(bytes) { _ = try $0.varint() }
        }
        damaged([3, 0x41, 0x42]) { _ = try $0.compactString() }
        damaged([2, 0xC0, 0x80]) { _ = try $0.compactString() }
        damaged([2, 0xE4, 0xBA]) { _ = try $0.compactString() }
        damaged([3, 1, 2]) { _ = try $0.compactIntegers(Int32.self) }
        damaged([1, 0x80, 0x80, 0x80, 0x80, 0x08]) { _ = try $0.compactIntegers(Int32.self) }  // 2^31
        damaged([2, 0x41, 0x42]) { try $0.expect("AC") }
        var valid = BinaryReader(bytes: [2, 0x41, 0x42])
        try valid.expect("AB")
        #expect(valid.isAtEnd)
    }
}
