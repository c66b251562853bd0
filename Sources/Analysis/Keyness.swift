import Foundation

/// Options of `Keyness.compare(_:against:options:)`.
public struct KeynessOptions: Sendable, Equatable {
    /// Which words to test; left-out words still count in the sizes.
    public var filter: TermFilter
    /// Test only words with at least this many tokens in target and reference together.
    public var minimumFrequency: Int
    /// Significance level α before correction.
    public var alpha: Double
    /// Divide α by the number of words tested (Bonferroni correction).
    public var bonferroni: Bool
    /// Kilgarriff's smoothing constant k of simple maths.
    public var simpleMathsK: Double
    /// Keep only the significant words' rows. Every word is still tested (the Bonferroni divisor
    /// and `testedCount` are the same), but only the key words get their measures and a place in
    /// the sorted rows: 31 groups × the whole vocabulary are 300,000 rows, their key words 7,000.
    public var significantOnly: Bool

    public init(filter: TermFilter = TermFilter(), minimumFrequency: Int = 5, alpha: Double = 0.05,
                bonferroni: Bool = true, simpleMathsK: Double = 1, significantOnly: Bool = false) {
        self.filter = filter
        self.minimumFrequency = minimumFrequency
        self.alpha = alpha
        self.bonferroni = bonferroni
        self.simpleMathsK = simpleMathsK
        self.significantOnly = significantOnly
    }
}

/// Words used more or less in a target than in a reference (`keyness.csv`).
public struct KeynessTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var word: String
        /// a and b.
        public var freqTarget: Int
        public var freqReference: Int
        /// c and d: tokens of target and reference.
        public var sizeTarget: Int
        public var sizeReference: Int
        public var per10kTarget: Double
        public var per10kReference: Double
        /// Log-likelihood (Rayson & Garside 2000), always ≥ 0; `sign` tells the direction.
        public var g2: Double
        /// Chi-square (1 df) tail probability of `g2`: erfc(√(G²/2)).
        public var pValue: Double
        /// +1 overuse in the target (a/c > b/d), −1 underuse, 0 equal rates.
        public var sign: Int
        /// log2((a/c)/(b/d)) with a zero frequency replaced by 0.5 (Hardie 2014).
        public var logRatio: Double
        /// 100·(a/c − b/d)/(b/d) (Gabrielatos & Marchi 2012); +∞ when b = 0.
        public var pctDiff: Double
        /// (a per million + k)/(b per million + k) (Kilgarriff 2009).
        public var simpleMaths: Double
        /// p below the (corrected) threshold.
        public var significant: Bool
    }

    /// Overused words first, by G² largest first, then underused ones by G²; ties in code-point order.
    /// Every word tested, or only the significant ones (`KeynessOptions.significantOnly`).
    public var rows: [Row]
    /// Words tested: the divisor of the Bonferroni correction.
    public var testedCount: Int
    /// c and d: the tokens of target and reference. When either is 0 no word is tested (a side
    /// without words has no rates to compare), and the table has no rows.
    public var sizeTarget: Int = 0
    public var sizeReference: Int = 0
    /// The p-value threshold used: α, or α / `testedCount`.
    public var threshold: Double
    /// The settings the table was computed with, for the reports' description of it.
    public var alpha: Double
    public var bonferroni: Bool
    public var simpleMathsK: Double

    public static let columnNames = ["word", "freq_target", "freq_reference", "size_target", "size_reference",
                                     "per_10k_target", "per_10k_reference", "g2", "p_value", "sign", "log_ratio",
                                     "pct_diff", "simple_maths", "significant"]
}

/// Compares word frequencies of two sets of texts.
public enum Keyness {
    /// Tests every word of either table for a difference in relative frequency.
    ///
    ///     let target = FrequencyTable(corpus: corpus) { $0.author == "张贤永" }
    ///     let table = Keyness.compare(target, against: FrequencyTable(corpus: corpus).subtracting(target))
    ///     table.rows.first?.word   // the most overused word of 张贤永's articles
    ///
    /// - Parameters:
    ///   - target: the texts studied (a group, a corpus).
    ///   - reference: the texts compared with (the rest, another group, another corpus).
    ///   - options: filter, minimum frequency, significance level, simple-maths constant.
    /// - Returns: one row per word tested; none when target or reference has no tokens (every rate
    ///   of that side would be 0/0, every log ratio infinite).
    /// - Complexity: O(V log V) in the words of both tables.
    public static func compare(_ target: FrequencyTable, against reference: FrequencyTable,
                               options: KeynessOptions = KeynessOptions()) -> KeynessTable {
        compare(target, against: reference, options: options, admitted: nil)
    }

    /// Whether each word of `words` passes `filter` (a stop word, punctuation or a number does
    /// not): worked out once for the comparisons of many groups over one vocabulary.
    public static func admitted(_ words: [String], filter: TermFilter) -> [Bool] {
        words.map(filter.admits)
    }

    /// `compare(_:against:options:)`, with `admitted` (see `admitted(_:filter:)`) for the words of
    /// tables that share their vocabulary (the same `words` array), so that a vocabulary is not
    /// read again for every group.
    public static func compare(_ target: FrequencyTable, against reference: FrequencyTable,
                               options: KeynessOptions, admitted: [Bool]?) -> KeynessTable {
        // Align by word: index-wise when the tables share their words, by string otherwise.
        var pairs: [(word: String, a: Int, b: Int)] = []
        // Tables of one vocabulary share the array of its words (a group and its rest).
        let shared = target.words.withUnsafeBufferPointer { a in
            reference.words.withUnsafeBufferPointer { b in a.count == b.count && (a.count == 0 || a.baseAddress == b.baseAddress) }
        }
        let admits: [Bool]? = shared && admitted?.count == target.words.count ? admitted : nil
        let minimum = max(1, options.minimumFrequency)
        // (Compared as bytes: `==` on strings would take é and e + U+0301 for the same word.)
        if let admits {
            // The filter is applied here, once per word, from the mask.
            for index in target.words.indices where admits[index] && target.counts[index] + reference.counts[index] >= minimum {
                pairs.append((target.words[index], target.counts[index], reference.counts[index]))
            }
        } else if shared || target.words.elementsEqual(reference.words, by: { $0.utf8.elementsEqual($1.utf8) }) {
            for index in target.words.indices where target.counts[index] + reference.counts[index] > 0 {
                pairs.append((target.words[index], target.counts[index], reference.counts[index]))
            }
        } else {
            // One vocabulary over both, keyed by UTF-8 bytes: String equality is canonical
            // equivalence, which would merge words that each corpus keeps apart.
            var vocabulary = Vocabulary()
            var counts: [(a: Int, b: Int)] = []
            for (word, count) in zip(target.words, target.counts) {
                let id = Int(vocabulary.intern(word))
                if id == counts.count { counts.append((0, 0)) }
                counts[id].a += count
            }
            for (word, count) in zip(reference.words, reference.counts) {
                let id = Int(vocabulary.intern(word))
                if id == counts.count { counts.append((0, 0)) }
                counts[id].b += count
            }
            for (id, count) in counts.enumerated() where count.a + count.b > 0 {
                pairs.append((vocabulary.words[id], count.a, count.b))
            }
        }
        let tested = target.total > 0 && reference.total > 0
            ? (admits != nil ? pairs : pairs.filter { $0.a + $0.b >= minimum && options.filter.admits($0.word, class: TokenClass.of($0.word)) }) : []
        let threshold = options.bonferroni && !tested.isEmpty ? options.alpha / Double(tested.count) : options.alpha
        let c = Double(target.total)
        let d = Double(reference.total)
        // Only the key words, when only they are kept: their test alone first (G² and its p, as `scores` computes them).
        let kept = !options.significantOnly ? tested : tested.filter { pair in
            pValue(g2(a: Double(pair.a), b: Double(pair.b), c: c, d: d)) < threshold
        }
        var rows = kept.map { pair -> KeynessTable.Row in
            let scores = Self.scores(a: pair.a, b: pair.b, c: target.total, d: reference.total, k: options.simpleMathsK)
            return KeynessTable.Row(
                word: pair.word, freqTarget: pair.a, freqReference: pair.b, sizeTarget: target.total,
                sizeReference: reference.total, per10kTarget: Double(pair.a) * 10_000 / c,
                per10kReference: Double(pair.b) * 10_000 / d, g2: scores.g2, pValue: scores.pValue, sign: scores.sign,
                logRatio: scores.logRatio, pctDiff: scores.pctDiff, simpleMaths: scores.simpleMaths,
                significant: scores.pValue < threshold)
        }
        // Words more frequent in the target first, then those less frequent, then the rest; each by G², largest first.
        rows = sortedForTable(rows, word: \.word) { row in
            (row.sign > 0 ? 0 : (row.sign < 0 ? 1 : 2), TableKey.descending(row.g2))
        }
        return KeynessTable(rows: rows, testedCount: tested.count, sizeTarget: target.total, sizeReference: reference.total,
                            threshold: threshold, alpha: options.alpha, bonferroni: options.bonferroni, simpleMathsK: options.simpleMathsK)
    }

    /// The keyness scores of a word with frequencies a and b in texts of c and d tokens.
    static func scores(a: Int, b: Int, c: Int, d: Int, k: Double)
        -> (g2: Double, pValue: Double, sign: Int, logRatio: Double, pctDiff: Double, simpleMaths: Double) {
        let (a, b, c, d) = (Double(a), Double(b), Double(c), Double(d))
        let g2 = Self.g2(a: a, b: b, c: c, d: d)
        let pValue = Self.pValue(g2)
        let rateA = a / c
        let rateB = b / d
        let sign = rateA > rateB ? 1 : (rateA < rateB ? -1 : 0)
        let logRatio = log2(((a == 0 ? 0.5 : a) / c) / ((b == 0 ? 0.5 : b) / d))
        let pctDiff = b == 0 ? Double.infinity : (rateA - rateB) / rateB * 100
        let simpleMaths = (rateA * 1_000_000 + k) / (rateB * 1_000_000 + k)
        return (g2, pValue, sign, logRatio, pctDiff, simpleMaths)
    }

    /// Log-likelihood G² of frequencies a and b in texts of c and d tokens (Rayson & Garside 2000).
    static func g2(a: Double, b: Double, c: Double, d: Double) -> Double {
        let e1 = c * (a + b) / (c + d)
        let e2 = d * (a + b) / (c + d)
        // Rounding can leave −1e-16 where the rates are equal.
        return max(0, 2 * (Association.xlogx(a, e1) + Association.xlogx(b, e2)))
    }

    /// The χ² (1 df) tail probability of `g2`.
    static func pValue(_ g2: Double) -> Double {
        erfc((g2 / 2).squareRoot())
    }
}
