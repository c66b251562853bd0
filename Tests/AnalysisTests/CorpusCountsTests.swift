import Testing

@testable import Analysis
import Ingest

@Suite("Shared corpus counts")
struct CorpusCountsTests {
    /// The check that makes a corpus of tokens outside its vocabulary a precondition failure (the
    /// counts index their tables with the ids unchecked): ids in `0..<count`, negatives too large.
    @Test func tokenIdsAreCheckedAgainstTheVocabularySize() throws {
        func article(_ tokens: [Int32]) -> SegmentedArticle { SegmentedArticle(tokens: tokens, sentenceEnds: [], paragraphEnds: []) }
        #expect(article([0, 2, 1]).idsAreBelow(3))
        #expect(!article([0, 3, 1]).idsAreBelow(3))
        #expect(!article([0, -1]).idsAreBelow(3))
        #expect(!article([.min]).idsAreBelow(Int(Int32.max) + 10))
        #expect(article([.max]).idsAreBelow(Int(Int32.max) + 10))
        #expect(article([]).idsAreBelow(0) && !article([0]).idsAreBelow(0))
        let corpus = try AnalysisFixtures.seedCorpus()
        #expect(corpus.segments.allSatisfy { $0.idsAreBelow(corpus.vocabulary.count) })
        #expect(!corpus.segments.allSatisfy { $0.idsAreBelow(corpus.vocabulary.count - 1) })
    }

    /// A corpus with a token outside its vocabulary stops the process at `SegmentedCorpus.init`;
    /// the same corpus with every id in range is made (checked in a child process).
    @Test func aCorpusWithATokenOutsideItsVocabularyIsRefused() async {
        await #expect(processExitsWith: .failure) {
            let corpus = try AnalysisFixtures.seedCorpus()
            var segments = corpus.segments
            segments[3].tokens[0] = Int32(corpus.vocabulary.count)
            _ = SegmentedCorpus(articles: corpus.articles, segments: segments, vocabulary: corpus.vocabulary)
        }
        await #expect(processExitsWith: .success) {
            let corpus = try AnalysisFixtures.seedCorpus()
            _ = SegmentedCorpus(articles: corpus.articles, segments: corpus.segments, vocabulary: corpus.vocabulary)
        }
    }

    @Test func countsAreThoseOfAPlainCount() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let counts = CorpusCounts(corpus)
        // An independent count: every non-white-space token, by word string.
        var byWord: [String: Int] = [:]
        var perArticle: [Int] = []
        for segment in corpus.segments {
            var count = 0
            for token in segment.tokens {
                let word = corpus.vocabulary.words[Int(token)]
                guard !word.allSatisfy(\.isWhitespace) else { continue }
                byWord[word, default: 0] += 1
                count += 1
            }
            perArticle.append(count)
        }
        #expect(counts.articleTokens == perArticle)
        #expect(counts.tokenCount == perArticle.reduce(0, +))
        for (id, word) in corpus.vocabulary.words.enumerated() { #expect(counts.frequencies[id] == byWord[word, default: 0], "\(word)") }
        #expect(counts.fits(corpus))
        // The counts of a smaller corpus do not fit this one.
        let fewer = SegmentedCorpus(articles: Array(corpus.articles.prefix(3)), segments: Array(corpus.segments.prefix(3)),
                                    vocabulary: corpus.vocabulary)
        #expect(!CorpusCounts(fewer).fits(corpus))
    }

    /// Each article's word list: its words in order of first occurrence, each with its count, white
    /// space left out, whatever the number of threads that made them. The seed three times over (33
    /// articles, so several threads take part), with a white-space token after every seventh token.
    @Test func articleWordListsAreThoseOfAPlainCount() throws {
        let seed = try AnalysisFixtures.seedCorpus()
        var vocabulary = seed.vocabulary
        let space = vocabulary.intern(" ")
        var articles: [Article] = []
        var segments: [SegmentedArticle] = []
        for copy in 0..<3 {
            for (article, segment) in zip(seed.articles, seed.segments) {
                var renamed = article
                renamed.id += "-\(copy)"
                articles.append(renamed)
                var spaced = segment
                spaced.tokens = segment.tokens.enumerated().flatMap { $0.offset % 7 == 6 ? [$0.element, space] : [$0.element] }
                segments.append(spaced)
            }
        }
        let corpus = SegmentedCorpus(articles: articles, segments: segments, vocabulary: vocabulary)
        for workers in [1, 2, 5] {
            let counts = CorpusCounts(corpus, workers: workers)
            #expect(counts.articleWords.count == 33)
            var frequencies = [Int](repeating: 0, count: vocabulary.count)
            for (segment, list) in zip(corpus.segments, counts.articleWords) {
                var order: [Int32] = []
                var tally: [Int32: Int32] = [:]
                for token in segment.tokens where token != space {
                    if tally[token] == nil { order.append(token) }
                    tally[token, default: 0] += 1
                    frequencies[Int(token)] += 1
                }
                #expect(list.words == order)
                #expect(list.counts == order.map { tally[$0]! })
            }
            #expect(counts.frequencies == frequencies)
            #expect(counts.frequencies[Int(space)] == 0)
            #expect(counts.tokenCount == frequencies.reduce(0, +))
        }
    }

    @Test func analysesGivenTheSharedCountsGiveTheirOwnResults() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let counts = CorpusCounts(corpus)
        let keywords = [KeywordSpec("人才"), KeywordSpec("干部"), KeywordSpec(name: "基层", words: ["基层", "基层干部"])]
        let terms = TermList.build(from: corpus)
        #expect(terms.rows.count > 100)
        #expect(TermList.build(from: corpus, counts: counts) == terms)
        let cooccurrence = Cooccurrence.compute(keywords, in: corpus)
        #expect(!cooccurrence.rows.isEmpty)
        #expect(Cooccurrence.compute(keywords, in: corpus, counts: counts) == cooccurrence)
        let collocates = Collocates.find(keywords, in: corpus)
        #expect(!collocates.rows.isEmpty)
        #expect(Collocates.find(keywords, in: corpus, counts: counts) == collocates)
        let own = KeywordFrequencies.count(keywords, in: corpus,
                                           counts: KeywordCountTable(keywords, corpus: corpus, includeMembers: true))
        let shared = KeywordFrequencies.count(keywords, in: corpus,
                                              counts: KeywordCountTable(keywords, corpus: corpus, includeMembers: true, corpusCounts: counts))
        #expect(!own.perArticle.isEmpty && !own.totals.isEmpty)
        #expect(shared == own)
        // The whole corpus's frequency table, from the counts or counted again.
        let table = FrequencyTable(corpus: corpus)
        #expect(table.total > 5_000 && table.counts.reduce(0, +) == table.total)
        #expect(FrequencyTable(counts, of: corpus) == table)
        // Tables of groups summed from the articles' word lists are those counted from the tokens.
        for field in ["author", "region", "month"] {
            let counted = FrequencyTable.groups(of: corpus, by: field)
            let summed = FrequencyTable.groups(of: corpus, by: field, counts: counts)
            #expect(counted.count > 1)
            #expect(summed.map(\.value) == counted.map(\.value))
            #expect(summed.map(\.table) == counted.map(\.table))
        }
    }
}
