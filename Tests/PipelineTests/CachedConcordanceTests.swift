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

    /// The keyword counts of the seed's articles (with the set's members).
    static func counts(_ ingest: IngestResult) throws -> (KeywordCountTable, SegmentedCorpus) {
        let corpus = CorpusSegmentation.segment(ingest.articles, with: try CorpusSegmentationTests.segmenter(), workers: 2)
        return (KeywordCountTable(keywords, corpus: corpus, includeMembers: true), corpus)
    }

    @Test func storedLinesEqualASearchOfTheSameArticles() throws {
        let ingest = try Self.seed()
        let searched = Concordance.build(Self.keywords, in: ingest.articles)
        #expect(searched.lines.count > 100)
        let (counts, corpus) = try Self.counts(ingest)
        let entries = CachedConcordance.entries(files: ingest.files, articles: ingest.articles, keywords: Self.keywords,
                                                concordance: searched, counts: counts, stored: [:])
        #expect(entries.count == 1 && entries[0].entry.articles.count == 11)
        let restored = try CachedConcordance(stored: try entries[0].entry.stored())
        #expect(restored == entries[0].entry)
        // Its keyword counts: the table's rows (four columns: 人才, 干部, 基层类 and its two words).
        #expect(restored.counts == (0..<11).map { counts.row(article: $0) })
        #expect(restored.counts.allSatisfy { $0.occurrences.count == 5 && $0.tokenMatches.count == 5 })
        #expect(restored.counts.reduce(0) { $0 + $1.occurrences[0] } == 153)  // 人才 in the seed's bodies
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
        // The stored counts are taken, not counted again: altered, they show; as stored, they equal a count.
        let knownCounts = CachedConcordance.knownCounts(files: files, stored: [files[0].contentHash: restored])
        #expect(knownCounts.count == 11)
        let fromStore = KeywordCountTable(Self.keywords, corpus: corpus, includeMembers: true, known: knownCounts)
        #expect((0..<11).map { fromStore.row(article: $0) } == (0..<11).map { counts.row(article: $0) })
        var altered = knownCounts
        altered[4]?.occurrences[0] = 999
        altered[5] = KeywordCountTable.ArticleRow(occurrences: [1], tokenMatches: [1])  // the wrong width: counted instead
        let taken = KeywordCountTable(Self.keywords, corpus: corpus, includeMembers: true, known: altered)
        #expect(taken.row(article: 4).occurrences[0] == 999)
        #expect(taken.row(article: 5) == counts.row(article: 5))
        #expect(KeywordFrequencies.count(Self.keywords, in: corpus, counts: taken).totals.first?.occurrences
                == 153 - counts.row(article: 4).occurrences[0] + 999)
    }

    @Test func keywordsOfOneNameAreNotStored() throws {
        let ingest = try Self.seed()
        let twice = [KeywordSpec("人才"), KeywordSpec(name: "人才", words: ["人才", "英才"])]
        let lines = Concordance.build(twice, in: ingest.articles)
        let (counts, _) = try Self.counts(ingest)
        #expect(CachedConcordance.entries(files: ingest.files, articles: ingest.articles, keywords: twice,
                                          concordance: lines, counts: counts, stored: [:]).isEmpty)
    }

    @Test func damagedEntriesAreRefused() throws {
        let ingest = try Self.seed()
        let (counts, _) = try Self.counts(ingest)
        let entry = CachedConcordance.entries(files: ingest.files, articles: ingest.articles, keywords: Self.keywords,
                                              concordance: Concordance.build(Self.keywords, in: ingest.articles), counts: counts,
                                              stored: [:])[0].entry
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
