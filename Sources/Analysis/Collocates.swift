/// Options of `Collocates.find(_:in:options:)`.
public struct CollocateOptions: Sendable, Equatable {
    /// Tokens to the left of the keyword in the span (L5 by default).
    public var left: Int
    /// Tokens to the right of the keyword in the span (R5 by default).
    public var right: Int
    /// Spans never reach across this unit (default: the sentence).
    public var boundary: TextUnit
    /// Which words may be listed as collocates; filtered tokens still take their places in the span.
    public var filter: TermFilter
    /// Leave out collocates seen fewer times than this in the spans.
    public var minimumJoint: Int
    /// Leave out collocates with fewer tokens than this in the corpus.
    public var minimumFrequency: Int

    public init(left: Int = 5, right: Int = 5, boundary: TextUnit = .sentence, filter: TermFilter = TermFilter(),
                minimumJoint: Int = 2, minimumFrequency: Int = 1) {
        self.left = left
        self.right = right
        self.boundary = boundary
        self.filter = filter
        self.minimumJoint = minimumJoint
        self.minimumFrequency = minimumFrequency
    }
}

/// The collocates of each keyword in a span of tokens around it (`collocates.csv`).
public struct CollocateTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var keyword: String
        public var collocate: String
        /// Tokens of the collocate inside a left span of the keyword.
        public var left: Int
        /// Tokens of the collocate inside a right span of the keyword.
        public var right: Int
        /// `scores.joint`: tokens of the collocate inside the spans, each token once
        /// (`left + right` can be larger when a token is right of one instance and left of the next).
        /// `scores.freqA`: keyword tokens; `scores.freqB`: collocate tokens; `scores.total`: corpus
        /// tokens; `scores.rowTotal`: tokens inside the keyword's spans.
        public var scores: Association
    }

    /// Per keyword in the given order, collocates by logDice, largest first (ties: larger joint, then code-point order).
    public var rows: [Row]
    /// Per keyword: its tokens in the corpus and the size of its spans (R1).
    public var keywordFrequencies: [Int]
    public var spanSizes: [Int]

    public static let columnNames = ["keyword", "collocate", "left", "right", "joint", "freq_keyword", "freq_collocate",
                                     "total", "span_tokens", "expected", "pmi", "npmi", "mi3", "g2", "dice", "logdice",
                                     "jaccard", "t_score"]
}

/// Finds the words that occur near each keyword more often than chance predicts.
public enum Collocates {
    /// Counts the words in the span of every keyword token and scores them.
    ///
    ///     let table = Collocates.find([KeywordSpec("人才")], in: corpus, options: CollocateOptions(left: 5, right: 5))
    ///     table.rows.first?.collocate   // the strongest collocate of 人才 by logDice
    ///
    /// The span of a keyword token is the `left` tokens before it and the `right` tokens after it,
    /// cut at the boundary unit; spans of nearby keyword tokens are merged, so every token of the
    /// corpus is counted at most once, and keyword tokens themselves are never in a span. The
    /// contingency table is Evert's (2008) for surface co-occurrence: O11 = collocate tokens in the
    /// spans, R1 = tokens in the spans, C1 = collocate tokens in the corpus, N = corpus tokens.
    ///
    /// - Parameters:
    ///   - keywords: single words or named sets (a set's span is around any of its words).
    ///   - corpus: the segmented articles.
    ///   - options: span, boundary, filter and thresholds.
    /// - Returns: the rows of `collocates.csv`.
    /// - Complexity: O(T + Σ_k S_k) for T tokens and S_k the tokens of the boundary units holding keyword k.
    ///   - counts: the corpus's `CorpusCounts`, when already made (computed here otherwise).
    public static func find(_ keywords: [KeywordSpec], in corpus: SegmentedCorpus,
                            options: CollocateOptions = CollocateOptions(),
                            counts given: CorpusCounts? = nil) -> CollocateTable {
        let counts = CorpusCounts.of(corpus, given: given)
        return table(from: Self.counts(keywords, in: corpus, options: options, corpusCounts: counts), corpus: corpus,
                     options: options, corpusCounts: counts)
    }

    /// The counts behind `find`'s table, of the given articles only (all by default): per keyword,
    /// the tokens in its spans and each word's tokens there, left and right.
    ///
    ///     let counts = Collocates.counts(keywords, in: corpus, options: options)
    ///     Collocates.table(from: counts, corpus: corpus, options: options) == Collocates.find(keywords, in: corpus, options: options)
    ///
    /// - Parameter articles: indices of `corpus.articles` to count (each once), in any order.
    /// - Parameter corpusCounts: the corpus's `CorpusCounts`, when already made (only its token
    ///   classes are read).
    public static func counts(_ keywords: [KeywordSpec], in corpus: SegmentedCorpus,
                              options: CollocateOptions = CollocateOptions(), articles: [Int]? = nil,
                              corpusCounts given: CorpusCounts? = nil) -> CollocateCounts {
        let resolved = ResolvedKeywords(keywords, vocabulary: corpus.vocabulary)
        let classes = given.map { CorpusCounts.of(corpus, given: $0).classes } ?? corpus.vocabulary.words.map { TokenClass.of($0) }
        // No span is longer than a unit can be, so `position ± span` cannot overflow.
        let leftSpan = min(max(0, options.left), Int(Int32.max))
        let rightSpan = min(max(0, options.right), Int(Int32.max))
        let chosen = articles ?? Array(corpus.segments.indices)

        // The boundary units (article, range) that hold each keyword, found in one pass.
        var unitsOf = [[(article: Int, range: Range<Int>)]](repeating: [], count: resolved.count)
        for article in chosen {
            let segment = corpus.segments[article]
            for range in options.boundary.ranges(in: segment) {
                for position in range where resolved.isAnyMember[Int(segment.tokens[position])] {
                    let id = Int(segment.tokens[position])
                    for k in 0..<resolved.count where resolved.isMember[k][id] {
                        if unitsOf[k].last?.article != article || unitsOf[k].last?.range != range {
                            unitsOf[k].append((article, range))
                        }
                    }
                }
            }
        }

        var perKeyword: [CollocateCounts.Keyword] = []
        let vocabularySize = corpus.vocabulary.count
        var joint = [Int32](repeating: 0, count: vocabularySize)
        var leftCounts = [Int32](repeating: 0, count: vocabularySize)
        var rightCounts = [Int32](repeating: 0, count: vocabularySize)
        var touched: [Int32] = []
        // Scratch with room for the longest article: a unit's non-white-space tokens, and per
        // position whether it is a keyword token (1), in a left span (2), in a right span (4).
        let longest = max(1, chosen.reduce(0) { max($0, corpus.segments[$1].tokens.count) })
        let buffer = UnsafeMutablePointer<Int32>.allocate(capacity: longest)
        let flags = UnsafeMutablePointer<UInt8>.allocate(capacity: longest)
        defer {
            buffer.deallocate()
            flags.deallocate()
        }
        let whitespace = classes.map { $0 == .whitespace }
        for k in 0..<resolved.count {
            let isMember = resolved.isMember[k]
            var spanSize = 0
            for (article, range) in unitsOf[k] {
                var length = 0
                corpus.segments[article].tokens.withUnsafeBufferPointer { tokens in
                    for position in range {
                        let token = tokens[position]
                        buffer[length] = token
                        length &+= whitespace[Int(token)] ? 0 : 1
                    }
                }
                for position in 0..<length { flags[position] = isMember[Int(buffer[position])] ? 1 : 0 }
                for position in 0..<length where flags[position] & 1 != 0 {
                    // Tokens before the keyword are in its left span, tokens after it in its right span.
                    if leftSpan > 0 { for q in max(0, position - leftSpan)..<position { flags[q] |= 2 } }
                    if rightSpan > 0, position + 1 < length {
                        for q in (position + 1)...min(length - 1, position + rightSpan) { flags[q] |= 4 }
                    }
                }
                for position in 0..<length where flags[position] & 1 == 0 && flags[position] != 0 {
                    let id = Int(buffer[position])
                    spanSize += 1
                    if joint[id] == 0 { touched.append(Int32(id)) }
                    joint[id] += 1
                    if flags[position] & 2 != 0 { leftCounts[id] += 1 }
                    if flags[position] & 4 != 0 { rightCounts[id] += 1 }
                }
            }
            touched.sort()
            var counts = CollocateCounts.Keyword(spanSize: spanSize, words: touched, joint: [], left: [], right: [])
            counts.joint.reserveCapacity(touched.count)
            counts.left.reserveCapacity(touched.count)
            counts.right.reserveCapacity(touched.count)
            for id32 in touched {
                let id = Int(id32)
                counts.joint.append(joint[id])
                counts.left.append(leftCounts[id])
                counts.right.append(rightCounts[id])
                joint[id] = 0
                leftCounts[id] = 0
                rightCounts[id] = 0
            }
            touched.removeAll(keepingCapacity: true)
            perKeyword.append(counts)
        }
        // N of the chosen articles: the corpus counts' per article when given, else counted here.
        var tokens = 0
        if let given {
            let articleTokens = CorpusCounts.of(corpus, given: given).articleTokens
            for article in chosen { tokens += articleTokens[article] }
        } else {
            for article in chosen {
                for token in corpus.segments[article].tokens where !whitespace[Int(token)] { tokens += 1 }
            }
        }
        return CollocateCounts(keywords: keywords, words: corpus.vocabulary.words, perKeyword: perKeyword, tokens: tokens)
    }

    /// Whether `counts` (whose words must be `corpus.vocabulary`'s) pass the checks that any
    /// counts of `corpus` pass: well formed, as many tokens counted as the corpus has, no word more
    /// often in a keyword's spans than in the corpus, no keyword's own word in its spans, and spans no larger than the corpus less the
    /// keyword's tokens. A run checks counts carried over from earlier runs with it, so that damage
    /// the record's checksum did not catch does not stay.
    public static func isConsistent(_ counts: CollocateCounts, with corpus: SegmentedCorpus,
                                    corpusCounts given: CorpusCounts? = nil) -> Bool {
        guard counts.isWellFormed, counts.words.count == corpus.vocabulary.count else { return false }
        let corpusCounts = CorpusCounts.of(corpus, given: given)
        guard counts.tokens == corpusCounts.tokenCount else { return false }
        let resolved = ResolvedKeywords(counts.keywords, vocabulary: corpus.vocabulary)
        for (k, keyword) in counts.perKeyword.enumerated() {
            let frequency = resolved.memberIDs[k].reduce(0) { $0 + corpusCounts.frequencies[Int($1)] }
            guard keyword.spanSize <= corpusCounts.tokenCount - frequency else { return false }
            for (index, word) in keyword.words.enumerated() {
                let id = Int(word)
                guard !resolved.isMember[k][id], Int(keyword.joint[index]) <= corpusCounts.frequencies[id],
                      !corpusCounts.isWhitespace(word) else { return false }
            }
        }
        return true
    }

    /// The table of `counts`, whose words must be `corpus.vocabulary`'s (as `counts(_:in:options:)`
    /// and `CollocateCounts.updated` give them); collocates are filtered with `options.filter`,
    /// `options.minimumJoint` and `options.minimumFrequency`, which the counts do not depend on.
    public static func table(from counts: CollocateCounts, corpus: SegmentedCorpus,
                             options: CollocateOptions = CollocateOptions(),
                             corpusCounts given: CorpusCounts? = nil) -> CollocateTable {
        precondition(counts.words.count == corpus.vocabulary.count, "collocate counts of another vocabulary")
        let corpusCounts = CorpusCounts.of(corpus, given: given)
        let resolved = ResolvedKeywords(counts.keywords, vocabulary: corpus.vocabulary)
        let admitted = options.filter.admitted(corpus.vocabulary, classes: corpusCounts.classes)
        var rows: [CollocateTable.Row] = []
        var keywordFrequencies: [Int] = []
        var spanSizes: [Int] = []
        for (k, keyword) in counts.perKeyword.enumerated() {
            let frequency = resolved.memberIDs[k].reduce(0) { $0 + corpusCounts.frequencies[Int($1)] }
            keywordFrequencies.append(frequency)
            spanSizes.append(keyword.spanSize)
            var keywordRows: [CollocateTable.Row] = []
            for (index, word) in keyword.words.enumerated() {
                let id = Int(word)
                let collocateFrequency = corpusCounts.frequencies[id]
                if admitted[id], Int(keyword.joint[index]) >= options.minimumJoint, collocateFrequency >= options.minimumFrequency {
                    keywordRows.append(CollocateTable.Row(
                        keyword: resolved.specs[k].name, collocate: corpus.vocabulary.words[id],
                        left: Int(keyword.left[index]), right: Int(keyword.right[index]),
                        scores: Association(joint: Int(keyword.joint[index]), rowTotal: keyword.spanSize, freqA: frequency,
                                            freqB: collocateFrequency, total: corpusCounts.tokenCount)))
                }
            }
            rows += sortedForTable(keywordRows, word: \.collocate) {
                (TableKey.descending($0.scores.logDice), TableKey.descending($0.scores.joint))
            }
        }
        return CollocateTable(rows: rows, keywordFrequencies: keywordFrequencies, spanSizes: spanSizes)
    }
}
