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

    @Test func storedEntriesComeBackAsTheyWere() throws {
        let entries = try Self.seedEntries()
        #expect(entries.count == 1 && entries[0].file.articles.count == 11)
        let original = entries[0].file
        let stored = try original.stored()
        let restored = try CachedFile(stored: stored)
        #expect(restored.articles == original.articles)
        #expect(restored.articles[0].titleIsFileName == true && restored.articles[1].titleIsFileName == nil)
        #expect(restored.articles[1].fields.isEmpty)  // sidecar fields are applied on every run, not stored
        #expect(restored.words == original.words && restored.encoding == original.encoding)
        #expect(restored.tokens == original.tokens && restored.sentenceEnds == original.sentenceEnds
                && restored.paragraphEnds == original.paragraphEnds)
        #expect(original.tokens.joined().count > 5_000)
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
        var huge = BinaryWriter()
        huge.string("cipin-file-entry-1")
        huge.string("UTF-8")
        huge.integer(Int.max)
        #expect(throws: (any Error).self) { try CachedFile(stored: huge.data) }
    }
}
