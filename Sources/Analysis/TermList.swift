/// Options of `TermList.build(from:options:)`.
public struct TermListOptions: Sendable, Equatable {
    /// Which word types to list (stop words, punctuation, numbers).
    public var filter: TermFilter
    /// Leave out words with fewer tokens than this.
    public var minimumFrequency: Int

    public init(filter: TermFilter = TermFilter(), minimumFrequency: Int = 1) {
        self.filter = filter
        self.minimumFrequency = minimumFrequency
    }
}

/// Every word type of a corpus with its frequency, range and dispersion (`terms.csv`).
///
/// Parts for range and dispersion are the articles; articles without tokens are not parts.
/// Rates are per 10,000 of all tokens of the corpus (every token but white space, whatever the
/// filter leaves out). See the README, "Analyses and their measures", for the formulas.
public struct TermList: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var term: String
        /// Tokens of the word in the corpus.
        public var frequency: Int
        /// Articles that contain the word: its range over the parts.
        public var documents: Int
        /// `frequency · 10,000 / tokenCount`.
        public var per10kTokens: Double
        /// Juilland's D over the articles' relative frequencies; NaN with fewer than two parts.
        public var juillandD: Double
        /// Gries's DP (0 = spread as the article sizes predict, towards 1 = in few articles).
        public var griesDP: Double
        /// DP divided by its maximum, 1 − smallest part share (Lijffijt & Gries 2012); NaN with one part.
        public var dpNorm: Double
    }

    /// Sorted by frequency, largest first, then by word in code-point order.
    public var rows: [Row]
    /// N: all tokens of the corpus except white space.
    public var tokenCount: Int
    /// Articles with at least one token: the parts of range and dispersion.
    public var partCount: Int

    /// Column names of `terms.csv`, in the order of `Row`'s fields.
    public static let columnNames = ["term", "frequency", "documents", "per_10k_tokens", "juilland_d", "gries_dp", "dp_norm"]

    /// Counts every word type of `corpus` and its dispersion over the articles.
    ///
    ///     let terms = TermList.build(from: corpus, options: TermListOptions(filter: TermFilter(stopWords: stopWords)))
    ///     terms.rows.first?.term   // "人才"
    ///
    /// - Parameters:
    ///   - corpus: the segmented articles.
    ///   - options: filter and minimum frequency.
    /// - Returns: one row per listed word type.
    /// - Complexity: O(T + V log V) for T tokens and V word types: one pass over the tokens, one over
    ///   the (article, word) counts it keeps.
    ///   - counts: the corpus's `CorpusCounts`, when already made (computed here otherwise).
    public static func build(from corpus: SegmentedCorpus, options: TermListOptions = TermListOptions(),
                             counts given: CorpusCounts? = nil) -> TermList {
        let counts = CorpusCounts.of(corpus, given: given)
        let dispersion = Dispersion(corpus: corpus, counts: counts)
        let admitted = options.filter.admitted(corpus.vocabulary, classes: counts.classes)
        var ids: [Int32] = []
        for id in counts.frequencies.indices where counts.frequencies[id] > 0 && counts.frequencies[id] >= options.minimumFrequency && admitted[id] {
            ids.append(Int32(id))
        }
        ids = sortedForTable(ids, word: { corpus.vocabulary.words[Int($0)] }) { (TableKey.descending(counts.frequencies[Int($0)]), 0) }
        let rows = ids.map { id32 in
            let id = Int(id32)
            let frequency = counts.frequencies[id]
            return Row(
                term: corpus.vocabulary.words[id], frequency: frequency, documents: dispersion.documents[id],
                per10kTokens: Double(frequency) * 10_000 / Double(counts.tokenCount),
                juillandD: dispersion.juillandD[id], griesDP: dispersion.griesDP[id], dpNorm: dispersion.dpNorm[id])
        }
        return TermList(rows: rows, tokenCount: counts.tokenCount, partCount: dispersion.partCount)
    }
}

/// Range and dispersion of every word type over the articles of a corpus.
///
/// Design note. Both measures need, per word, a sum over all parts, most of which hold no token of
/// the word. Only the parts that hold it are visited; the empty parts' share of each sum is added in
/// closed form. Pass one gives each word's frequency and mean relative frequency; pass two, with
/// those known, sums squared deviations (stable, unlike Σx² − n·mean²) and DP's absolute differences.
struct Dispersion {
    var documents: [Int]
    var juillandD: [Double]
    var griesDP: [Double]
    var dpNorm: [Double]
    var partCount: Int

    init(corpus: SegmentedCorpus, counts: CorpusCounts) {
        let vocabularySize = corpus.vocabulary.count
        precondition(counts.articleWords.count == counts.articleTokens.count, "CorpusCounts with the articles' word lists")
        let parts = counts.articleTokens.indices.filter { counts.articleTokens[$0] > 0 }
        let n = parts.count
        let total = Double(counts.tokenCount)
        let smallestShare = parts.map { Double(counts.articleTokens[$0]) / total }.min() ?? 0
        partCount = n

        var documents = [Int](repeating: 0, count: vocabularySize)
        var relativeSum = [Double](repeating: 0, count: vocabularySize)   // Σ v_i, v_i = f_i / size_i
        var squaredDeviations = [Double](repeating: 0, count: vocabularySize)
        var absoluteDifferences = [Double](repeating: 0, count: vocabularySize)   // Σ over parts holding the word of |f_i/f − s_i|
        var sharesHolding = [Double](repeating: 0, count: vocabularySize)   // Σ over parts holding the word of s_i

        // Each article's words with their counts, as `CorpusCounts` keeps them: pass one sums the
        // relative frequencies, pass two the deviations from their mean.
        documents.withUnsafeMutableBufferPointer { documents in
            relativeSum.withUnsafeMutableBufferPointer { relativeSum in
                for article in parts {
                    let size = Double(counts.articleTokens[article])
                    let list = counts.articleWords[article]
                    for (word, count) in zip(list.words, list.counts) {
                        documents[Int(word)] += 1
                        relativeSum[Int(word)] += Double(count) / size
                    }
                }
            }
        }
        counts.frequencies.withUnsafeBufferPointer { frequencies in
            relativeSum.withUnsafeBufferPointer { relativeSum in
                squaredDeviations.withUnsafeMutableBufferPointer { squaredDeviations in
                    absoluteDifferences.withUnsafeMutableBufferPointer { absoluteDifferences in
                        sharesHolding.withUnsafeMutableBufferPointer { sharesHolding in
                            for article in parts {
                                let size = Double(counts.articleTokens[article])
                                let share = size / total
                                let list = counts.articleWords[article]
                                for (word32, count) in zip(list.words, list.counts) {
                                    let word = Int(word32)
                                    let f = Double(count)
                                    let mean = relativeSum[word] / Double(n)
                                    let deviation = f / size - mean
                                    squaredDeviations[word] += deviation * deviation
                                    absoluteDifferences[word] += abs(f / Double(frequencies[word]) - share)
                                    sharesHolding[word] += share
                                }
                            }
                        }
                    }
                }
            }
        }

        var juillandD = [Double](repeating: .nan, count: vocabularySize)
        var griesDP = [Double](repeating: .nan, count: vocabularySize)
        var dpNorm = [Double](repeating: .nan, count: vocabularySize)
        for word in 0..<vocabularySize where documents[word] > 0 {
            // Parts without the word: v_i = 0, so each adds mean² to the squared deviations and
            // |0 − s_i| = s_i to DP's sum; those shares add up to 1 − Σ shares of the parts holding it.
            let mean = relativeSum[word] / Double(n)
            let empty = Double(n - documents[word])
            if n > 1 {
                let variance = (squaredDeviations[word] + empty * mean * mean) / Double(n)
                let variation = variance.squareRoot() / mean
                // D lies in [0, 1]; a word in one part is 0 exactly (rounding gave −2.2e-16), and
                // rounding never takes a value outside the range.
                juillandD[word] = documents[word] == 1 ? 0 : min(1, max(0, 1 - variation / Double(n - 1).squareRoot()))
            }
            let dp = 0.5 * (absoluteDifferences[word] + max(0, 1 - sharesHolding[word]))
            griesDP[word] = dp
            if n > 1 { dpNorm[word] = dp / (1 - smallestShare) }
        }
        self.documents = documents
        self.juillandD = juillandD
        self.griesDP = griesDP
        self.dpNorm = dpNorm
    }
}

/// Word counts of one article in a reusable scratch buffer: `counts[id]` for the ids in `touched`,
/// zero elsewhere, so a pass over many articles costs O(tokens), not O(articles × vocabulary).
struct ArticleWordCounts {
    var counts: [Int32]
    var touched: [Int32] = []

    init(vocabularySize: Int) {
        counts = [Int32](repeating: 0, count: vocabularySize)
    }

    /// Counts `tokens` (white space left out), in first-occurrence order in `touched`.
    mutating func count(_ tokens: [Int32], classes: [TokenClass]) {
        for token in tokens where classes[Int(token)] != .whitespace {
            if counts[Int(token)] == 0 { touched.append(token) }
            counts[Int(token)] += 1
        }
    }

    mutating func reset() {
        for id in touched { counts[Int(id)] = 0 }
        touched.removeAll(keepingCapacity: true)
    }
}
