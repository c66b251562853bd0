import Foundation
import Testing
import Analysis
import Ingest
import Segmentation
@testable import Pipeline

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
                && restored.paragraphEnds == original.paragraphEnds)
        #expect(original.tokens.joined().count > 5_000)
    }

    /// Sidecar fields are applied on every run, so an entry does not keep them.
    @Test func sidecarFieldsAreNotStored() throws {
        var article = Article(id: "a-01", sourcePath: "a.txt", indexInFile: 1, startLine: 1, title: "题", paragraphs: ["人才"])
        article.fields = ["group": "苏南"]
        let file = CachedFile(articles: [article], encoding: "UTF-8", words: ["人才"], tokens: [[0]], sentenceEnds: [[1]], paragraphEnds: [[1]])
        let restored = try CachedFile(stored: try file.stored())
        #expect(restored.articles[0].fields.isEmpty && restored.articles[0].title == "题" && restored.articles[0].paragraphs == ["人才"])
    }

    /// Any cut of the bytes, a wrong first field, or a token id past the words is refused (the run
    /// then reads the file again), never a crash or a wrong corpus.
    @Test func damagedEntriesAreRefused() throws {
        let stored = try Self.seedEntries()[0].file.stored()
        for length in [0, 7, 8, 30, stored.count / 3, stored.count / 2, stored.count - 1] {
            #expect(throws: (any Error).self) { try CachedFile(stored: stored.prefix(length)) }
        }
        #expect(throws: (any Error).self) { try CachedFile(stored: stored + Data([0])) }
        var wrongMagic = stored
        wrongMagic[8] ^= 0xFF
        #expect(throws: (any Error).self) { try CachedFile(stored: wrongMagic) }
        var file = try CachedFile(stored: stored)
        file.tokens[0][0] = Int32(file.words.count)
        #expect(throws: (any Error).self) { try CachedFile(stored: try file.stored()) }
        // Words not numbered by first occurrence (combining relies on it): tokens 0 and 1 swapped.
        var reordered = try CachedFile(stored: stored)
        let (first, second) = (reordered.tokens[0].firstIndex(of: 0)!, reordered.tokens[0].firstIndex(of: 1)!)
        reordered.tokens[0][first] = 1
        reordered.tokens[0][second] = 0
        #expect(throws: (any Error).self) { try CachedFile(stored: try reordered.stored()) }
        // A word no token uses.
        var unused = try CachedFile(stored: stored)
        unused.words.append("多余")
        #expect(throws: (any Error).self) { try CachedFile(stored: try unused.stored()) }
        // A byte of text that is no longer UTF-8 is damage too, not a replacement character.
        let paragraph = try Self.seedEntries()[0].file.articles[0].paragraphs[0]
        let needle = Data(paragraph.utf8.prefix(6))
        var badText = stored
        let at = try #require(badText.range(of: needle)).lowerBound
        badText[at] = 0xFF
        #expect(throws: (any Error).self) { try CachedFile(stored: badText) }
        var huge = BinaryWriter()
        huge.string("cipin-file-entry-1")
        huge.string("UTF-8")
        huge.integer(Int.max)
        #expect(throws: (any Error).self) { try CachedFile(stored: huge.data) }
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

    @Test func articleKeywordEntriesComeBackExactlyAndDamageIsRefused() throws {
        let entry = CachedArticleKeywords(articles: [
            [.init(method: "tfidf", word: "人才", weight: (0.1 + 0.2).bitPattern),
             .init(method: "textrank", word: "干部", weight: Double.leastNonzeroMagnitude.bitPattern),
             .init(method: "textrank", word: "基层", weight: (-0.0).bitPattern)],
            [],
            [.init(method: "tfidf", word: "=HYPERLINK(\"x\")", weight: Double.greatestFiniteMagnitude.bitPattern)],
        ])
        let stored = try entry.stored()
        #expect(try CachedArticleKeywords(stored: stored) == entry)
        for length in [0, 8, 20, stored.count / 2, stored.count - 1] {
            #expect(throws: (any Error).self) { try CachedArticleKeywords(stored: stored.prefix(length)) }
        }
        #expect(throws: (any Error).self) { try CachedArticleKeywords(stored: stored + Data([0])) }
        // An entry of the earlier layout (JSON) is not read as this one.
        #expect(throws: (any Error).self) { try CachedArticleKeywords(stored: try JSONEncoder().encode(entry)) }
    }
}
