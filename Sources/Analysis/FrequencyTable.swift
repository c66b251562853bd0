import Ingest

/// Token frequencies of a set of texts: the input of keyness.
///
/// `counts[i]` is the frequency of `words[i]`; `total` the texts' size in tokens. Tables built
/// from one corpus share its vocabulary's `words`, so comparing them needs no alignment; tables
/// of different corpora are aligned by word string.
///
///     let beijing = FrequencyTable(corpus: corpus) { $0.region.hasPrefix("北京") }
///     let rest = FrequencyTable(corpus: corpus) { !$0.region.hasPrefix("北京") }
public struct FrequencyTable: Sendable, Equatable {
    public var words: [String]
    public var counts: [Int]
    /// Tokens of the texts (white space left out), whatever `counts` lists.
    public var total: Int

    public init(words: [String], counts: [Int], total: Int) {
        precondition(words.count == counts.count, "one count per word")
        self.words = words
        self.counts = counts
        self.total = total
    }

    /// Frequencies of the whole corpus from its shared counts (`CorpusCounts`), without counting
    /// again; the same table as `init(corpus:)`.
    public init(_ counts: CorpusCounts, of corpus: SegmentedCorpus) {
        precondition(counts.fits(corpus) && counts.frequencies.count == corpus.vocabulary.count, "CorpusCounts of another corpus")
        self.init(words: corpus.vocabulary.words, counts: counts.frequencies, total: counts.tokenCount)
    }

    /// Frequencies of the articles of `corpus` that `include` accepts.
    ///
    /// - Complexity: O(T + V) for T tokens of the corpus and V word types.
    public init(corpus: SegmentedCorpus, where include: (Article) -> Bool = { _ in true }) {
        self.init(corpus: corpus, articles: corpus.articles.indices.filter { include(corpus.articles[$0]) })
    }

    /// Frequencies of the articles at `indices` of `corpus`, from the articles' word lists in its
    /// shared counts (`CorpusCounts`) when given, without reading the tokens again.
    public init(corpus: SegmentedCorpus, articles indices: [Int], counts given: CorpusCounts?) {
        guard let given else {
            self.init(corpus: corpus, articles: indices)
            return
        }
        let shared = CorpusCounts.of(corpus, given: given)
        precondition(shared.articleWords.count == corpus.segments.count, "CorpusCounts with the articles' word lists")
        var counts = [Int](repeating: 0, count: corpus.vocabulary.count)
        var total = 0
        counts.withUnsafeMutableBufferPointer { counts in
            for index in indices {
                let list = shared.articleWords[index]
                for (word, count) in zip(list.words, list.counts) { counts[Int(word)] += Int(count) }
                total += shared.articleTokens[index]
            }
        }
        self.init(words: corpus.vocabulary.words, counts: counts, total: total)
    }

    /// Frequencies of the articles at `indices` of `corpus`.
    public init(corpus: SegmentedCorpus, articles indices: [Int]) {
        let classes = corpus.vocabulary.words.map { TokenClass.of($0) }
        var counts = [Int](repeating: 0, count: corpus.vocabulary.count)
        var total = 0
        for index in indices {
            for token in corpus.segments[index].tokens where classes[Int(token)] != .whitespace {
                counts[Int(token)] += 1
                total += 1
            }
        }
        self.init(words: corpus.vocabulary.words, counts: counts, total: total)
    }

    /// One table per value of a metadata field (empty values as `(none)`, last), for group-vs-group
    /// and group-vs-rest keyness (the rest of a group is `table(of: corpus) − group`).
    /// With `counts`, the corpus's shared counts, the tables are summed from its articles' word lists.
    public static func groups(of corpus: SegmentedCorpus, by field: String,
                              counts: CorpusCounts? = nil) -> [(value: String, table: FrequencyTable)] {
        KeywordFrequencies.groupArticles(corpus.articles) { $0.field(field) ?? "" }.map { value, articles in
            (value, FrequencyTable(corpus: corpus, articles: articles, counts: counts))
        }
    }

    /// This table without the texts of `part` (a sub-table of the same vocabulary): the rest of a group.
    public func subtracting(_ part: FrequencyTable) -> FrequencyTable {
        precondition(words == part.words, "subtract tables of the same vocabulary")
        return FrequencyTable(words: words, counts: zip(counts, part.counts).map { $0 - $1 }, total: total - part.total)
    }
}
