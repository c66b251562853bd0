import Foundation
import Testing
import Analysis
import Ingest
@testable import Pipeline

/// Stored concordance lines: what a run stores of the seed comes back as the lines a search of the
/// same articles gives, under the current article ids and keyword names; damaged bytes are refused.
@Suite struct CachedConcordanceTests {
    static let keywords = [KeywordSpec("人才"), KeywordSpec("干部"), KeywordSpec(name: "基层类", words: ["基层", "一线"])]

    static func seed() throws -> IngestResult {
        try Ingestor.ingest([CorpusSegmentationTests.seed.path], relativeTo: CorpusSegmentationTests.repository)
    }

    @Test func storedLinesEqualASearchOfTheSameArticles() throws {
        let ingest = try Self.seed()
        let searched = Concordance.build(Self.keywords, in: ingest.articles)
        #expect(searched.lines.count > 100)
        let entries = CachedConcordance.entries(files: ingest.files, articles: ingest.articles, keywords: Self.keywords,
                                                concordance: searched, stored: [:])
        #expect(entries.count == 1 && entries[0].entry.articles.count == 11)
        let restored = try CachedConcordance(stored: try entries[0].entry.stored())
        #expect(restored == entries[0].entry)
        // The file reused under other article ids (a copy, say): the lines come back with those ids.
        var files = ingest.files
        files[0].reused = true
        var articles = ingest.articles
        for index in articles.indices { articles[index].id += "-dup2" }
        let known = CachedConcordance.known(files: files, keywordCount: Self.keywords.count, stored: [files[0].contentHash: restored])
        #expect(known.count == 11)
        let reused = Concordance.build(Self.keywords, in: articles, known: known)
        let expected = Concordance.build(Self.keywords, in: articles)
        #expect(reused == expected)
        #expect(reused.lines.allSatisfy { $0.document.hasSuffix("-dup2") })
        // Entries that do not fit the keywords are not used: the articles are searched instead.
        #expect(CachedConcordance.known(files: files, keywordCount: 2, stored: [files[0].contentHash: restored]).isEmpty)
    }

    @Test func keywordsOfOneNameAreNotStored() throws {
        let ingest = try Self.seed()
        let twice = [KeywordSpec("人才"), KeywordSpec(name: "人才", words: ["人才", "英才"])]
        let lines = Concordance.build(twice, in: ingest.articles)
        #expect(CachedConcordance.entries(files: ingest.files, articles: ingest.articles, keywords: twice,
                                          concordance: lines, stored: [:]).isEmpty)
    }

    @Test func damagedEntriesAreRefused() throws {
        let ingest = try Self.seed()
        let entry = CachedConcordance.entries(files: ingest.files, articles: ingest.articles, keywords: Self.keywords,
                                              concordance: Concordance.build(Self.keywords, in: ingest.articles), stored: [:])[0].entry
        let stored = try entry.stored()
        for length in [0, 7, 8, 30, stored.count / 2, stored.count - 1] {
            #expect(throws: (any Error).self) { try CachedConcordance(stored: stored.prefix(length)) }
        }
        #expect(throws: (any Error).self) { try CachedConcordance(stored: stored + Data([0])) }
        var wrongMagic = stored
        wrongMagic[8] ^= 0xFF
        #expect(throws: (any Error).self) { try CachedConcordance(stored: wrongMagic) }
    }
}
