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

    /// A count shared by threads.
    final class SharedCount: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int]
        init(_ size: Int) { counts = Array(repeating: 0, count: size) }
        func add(_ index: Int) { lock.withLock { counts[index] += 1 } }
        var values: [Int] { lock.withLock { counts } }
    }

    /// `onThreads` calls every body once, all at the same time (each waits until all have
    /// started, which a serial run never sees), also from inside a `concurrentPerform` that holds
    /// every Dispatch thread; `each` and `map` give every item in order.
    @Test func onThreadsRunsEveryBodyAtOnce() {
        for outer in [1, 4] {
            DispatchQueue.concurrentPerform(iterations: outer) { _ in
                let calls = SharedCount(3)
                let together = SharedCount(3)
                Parallel.onThreads(3) { index in
                    calls.add(index)
                    let deadline = Date().addingTimeInterval(10)
                    while calls.values.contains(0) && Date() < deadline { usleep(1000) }
                    if !calls.values.contains(0) { together.add(index) }
                }
                #expect(calls.values == [1, 1, 1])
                #expect(together.values == [1, 1, 1], "the bodies did not run at the same time")
            }
        }
        #expect(Parallel.each(5) { $0 * $0 } == [0, 1, 4, 9, 16])
        #expect(Parallel.map(100, workers: 3) { { $0 + 1 } } == Array(1...100))
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
