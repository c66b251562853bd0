/// The counts behind a collocate table (`Collocates.counts`), by word.
///
/// Spans never reach across an article, so the counts of two sets of articles add up to the counts
/// of both, as co-occurrence counts do (`CooccurrenceCounts`): a run can take the counts of the
/// corpus it last counted, add those of the new articles and take away those of the articles gone
/// (`updated`), and get exactly the counts of counting everything again. What the table adds to
/// them, the keyword's and the collocate's tokens in the corpus and the corpus's size, is read from
/// the current corpus.
public struct CollocateCounts: Sendable, Equatable {
    /// The counts of one keyword: the words seen in its spans, each with how often.
    public struct Keyword: Sendable, Equatable {
        /// Tokens inside the keyword's spans (R1).
        public var spanSize: Int
        /// The words seen in the spans, as indices into `words`, ascending.
        public var words: [Int32]
        /// `joint[i]`: tokens of `words[i]` in the spans, each token once.
        public var joint: [Int32]
        /// `left[i]`, `right[i]`: tokens of `words[i]` in a left span, in a right span.
        public var left: [Int32]
        public var right: [Int32]

        public init(spanSize: Int, words: [Int32], joint: [Int32], left: [Int32], right: [Int32]) {
            self.spanSize = spanSize
            self.words = words
            self.joint = joint
            self.left = left
            self.right = right
        }
    }

    /// The keywords counted, in order.
    public var keywords: [KeywordSpec]
    /// The words the counts are indexed by.
    public var words: [String]
    /// One per keyword.
    public var perKeyword: [Keyword]
    /// Tokens of the articles counted (N): a carried count must end with the corpus's.
    public var tokens: Int

    public init(keywords: [KeywordSpec], words: [String], perKeyword: [Keyword], tokens: Int) {
        self.keywords = keywords
        self.words = words
        self.perKeyword = perKeyword
        self.tokens = tokens
    }

    /// Whether the arrays fit together: one entry per keyword; per keyword as many counts as
    /// words, the words ascending and in range, each seen in its spans (joint ≥ 1) within a left or
    /// a right span (left, right ≤ joint ≤ left + right), and the span as large as their sum.
    public var isWellFormed: Bool {
        guard perKeyword.count == keywords.count, tokens >= 0 else { return false }
        return perKeyword.allSatisfy { keyword in
            let n = keyword.words.count
            guard keyword.joint.count == n, keyword.left.count == n, keyword.right.count == n, keyword.spanSize >= 0 else { return false }
            var previous: Int32 = -1
            var sum = 0
            for index in 0..<n {
                let word = keyword.words[index], joint = keyword.joint[index]
                let left = keyword.left[index], right = keyword.right[index]
                guard word > previous, Int(word) < words.count, joint >= 1, left >= 0, right >= 0,
                      left <= joint, right <= joint, Int(joint) <= Int(left) + Int(right) else { return false }
                previous = word
                sum += Int(joint)
            }
            return sum == keyword.spanSize
        }
    }

    /// These counts with `added`'s added and `removed`'s taken away, indexed by `vocabulary`'s words.
    ///
    ///     let now = last.updated(adding: newArticles, removing: goneArticles, vocabulary: corpus.vocabulary)
    ///
    /// - Parameters:
    ///   - added: the counts of the articles new since these were made; their words must be
    ///     `vocabulary`'s (as `Collocates.counts` over the current corpus gives them).
    ///   - removed: the counts of articles counted in these that are gone, over any words.
    ///   - vocabulary: the current corpus's; every word with a count left must be in it.
    /// - Returns: `nil` when the three do not belong together: other keywords, a count that would
    ///   fall below zero, or a word outside `vocabulary` whose counts do not all go.
    public func updated(adding added: CollocateCounts, removing removed: CollocateCounts,
                        vocabulary: Vocabulary) -> CollocateCounts? {
        guard keywords == added.keywords, keywords == removed.keywords, added.words.count == vocabulary.count,
              isWellFormed, added.isWellFormed, removed.isWellFormed,
              let carried = CarriedWords(words: words, removedWords: removed.words, vocabulary: vocabulary) else { return nil }
        var joint = [Int32](repeating: 0, count: vocabulary.count)
        var left = joint, right = joint
        var seen = [Bool](repeating: false, count: vocabulary.count)
        var touched: [Int32] = []
        var result: [Keyword] = []
        for k in keywords.indices {
            let earlier = perKeyword[k], plus = added.perKeyword[k], minus = removed.perKeyword[k]
            func add(_ id: Int, _ counts: Keyword, _ index: Int, sign: Int32) {
                if !seen[id] {
                    seen[id] = true
                    touched.append(Int32(id))
                }
                joint[id] &+= sign &* counts.joint[index]
                left[id] &+= sign &* counts.left[index]
                right[id] &+= sign &* counts.right[index]
            }
            for index in plus.words.indices { add(Int(plus.words[index]), plus, index, sign: 1) }
            // An orphan (a word the vocabulary lacks) must leave with the removed articles, counts and all.
            var orphans: [Int: Int] = [:]  // earlier word index → its index among the keyword's counts
            for index in earlier.words.indices {
                let id = carried.here[Int(earlier.words[index])]
                if id >= 0 { add(id, earlier, index, sign: 1) } else { orphans[Int(earlier.words[index])] = index }
            }
            for index in minus.words.indices {
                let word = Int(minus.words[index])
                let id = carried.gone[word]
                if id >= 0 {
                    add(id, minus, index, sign: -1)
                } else {
                    guard let mine = orphans.removeValue(forKey: carried.orphanOf[word]), earlier.joint[mine] == minus.joint[index],
                          earlier.left[mine] == minus.left[index], earlier.right[mine] == minus.right[index] else { return nil }
                }
            }
            guard orphans.isEmpty else { return nil }
            touched.sort()
            var next = Keyword(spanSize: earlier.spanSize + plus.spanSize - minus.spanSize, words: [], joint: [], left: [], right: [])
            for id32 in touched {
                let id = Int(id32)
                guard joint[id] >= 0, left[id] >= 0, right[id] >= 0 else { return nil }
                if joint[id] > 0 {
                    next.words.append(id32)
                    next.joint.append(joint[id])
                    next.left.append(left[id])
                    next.right.append(right[id])
                } else if left[id] != 0 || right[id] != 0 {
                    return nil
                }
                joint[id] = 0
                left[id] = 0
                right[id] = 0
                seen[id] = false
            }
            touched.removeAll(keepingCapacity: true)
            result.append(next)
        }
        let counts = CollocateCounts(keywords: keywords, words: vocabulary.words, perKeyword: result,
                                     tokens: tokens + added.tokens - removed.tokens)
        return counts.isWellFormed ? counts : nil
    }
}
