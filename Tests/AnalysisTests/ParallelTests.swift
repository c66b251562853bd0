import Foundation
import Testing
@testable import Analysis
import Ingest

@Suite struct ParallelTests {
    /// The seed four times over (44 articles), enough to share out over threads.
    static func larger() throws -> SegmentedCorpus {
        let seed = try AnalysisFixtures.seedCorpus()
        var articles: [Article] = []
        var segments: [SegmentedArticle] = []
        for copy in 1...4 {
            for (article, segment) in zip(seed.articles, seed.segments) {
                var article = article
                article.id = "\(copy)-\(article.id)"
                articles.append(article)
                segments.append(segment)
            }
        }
        return SegmentedCorpus(articles: articles, segments: segments, vocabulary: seed.vocabulary)
    }

    @Test func threadsDoNotChangeTheResults() throws {
        let corpus = try Self.larger()
        let keywords = [KeywordSpec("人才"), KeywordSpec(name: "干部类", words: ["干部", "基层干部"]), KeywordSpec("，")]
        let serial = Concordance.build(keywords, in: corpus.articles, options: ConcordanceOptions(workers: 1))
        let parallel = Concordance.build(keywords, in: corpus.articles, options: ConcordanceOptions(workers: 3))
        #expect(serial == parallel)
        #expect(serial.lines.count > 1000)
        // The limit keeps the first lines in corpus order, whatever thread found them.
        let limited = Concordance.build(keywords, in: corpus.articles, options: ConcordanceOptions(maximumPerKeyword: 200, workers: 3))
        #expect(limited.lines == keywords.flatMap { keyword in serial.lines.filter { $0.keyword == keyword.name }.prefix(200) })

        let idf = try ArticleKeywordTests.idf.get()
        let one = ArticleKeywords.extract(from: corpus, idf: idf, options: ArticleKeywordOptions(workers: 1))
        let three = ArticleKeywords.extract(from: corpus, idf: idf, options: ArticleKeywordOptions(workers: 3))
        #expect(one == three)
        #expect(one.rows.count == 44 * 40)
    }
}
