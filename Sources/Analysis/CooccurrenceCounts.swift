/// The counts behind a co-occurrence table (`Cooccurrence.counts`), by word.
///
/// Every count is a number of units (sentences, paragraphs, articles or windows), and units never
/// reach across articles, so the counts of two sets of articles add up to the counts of both. A
/// run over a grown corpus can therefore take the counts of the corpus it last counted, add those
/// of the new articles and take away those of the articles gone (`updated`), and get exactly the
/// counts of counting everything again, at the cost of counting the change.
public struct CooccurrenceCounts: Sendable, Equatable {
    /// The counts of one scope.
    public struct Scope: Sendable, Equatable {
        public var scope: CooccurrenceScope
        /// Units of the scope.
        public var total: Int
        /// `keywordFrequencies[k]`: units holding keyword k.
        public var keywordFrequencies: [Int]
        /// `pairJoint[a][b]`: units holding keywords a and b.
        public var pairJoint: [[Int]]
        /// `units[i]`: units holding `words[i]`.
        public var units: [Int]
        /// `joint[k][i]`: units holding keyword k and `words[i]` (not one of k's own words); empty
        /// when the scope has no keyword–word rows.
        public var joint: [[Int32]]

        public init(scope: CooccurrenceScope, total: Int, keywordFrequencies: [Int], pairJoint: [[Int]], units: [Int],
                    joint: [[Int32]]) {
            self.scope = scope
            self.total = total
            self.keywordFrequencies = keywordFrequencies
            self.pairJoint = pairJoint
            self.units = units
            self.joint = joint
        }
    }

    /// The keywords counted, in order.
    public var keywords: [KeywordSpec]
    /// The words the per-word counts are indexed by.
    public var words: [String]
    /// One per scope, in the order of the options.
    public var scopes: [Scope]

    public init(keywords: [KeywordSpec], words: [String], scopes: [Scope]) {
        self.keywords = keywords
        self.words = words
        self.scopes = scopes
    }

    /// Whether every array has the length its words, keywords and scopes give it.
    public var isWellFormed: Bool {
        let k = keywords.count, n = words.count
        // Counts below 2^60, so that the sums of `updated` cannot overflow (a trap) on damaged counts.
        let limit = 1 << 60
        return scopes.allSatisfy { scope in
            (0..<limit).contains(scope.total) && scope.keywordFrequencies.allSatisfy({ (0..<limit).contains($0) })
                && scope.pairJoint.allSatisfy({ $0.allSatisfy { (0..<limit).contains($0) } })
                && scope.keywordFrequencies.count == k && scope.pairJoint.count == k
                && scope.pairJoint.allSatisfy { $0.count == k } && scope.units.count == n
                && (scope.joint.isEmpty || (scope.joint.count == k && scope.joint.allSatisfy { $0.count == n }))
        }
    }

    /// These counts with `added`'s added and `removed`'s taken away, indexed by `vocabulary`'s words.
    ///
    ///     let now = last.updated(adding: newArticles, removing: goneArticles, vocabulary: corpus.vocabulary)
    ///
    /// - Parameters:
    ///   - added: the counts of the articles new since these were made; their words must be
    ///     `vocabulary`'s (as `Cooccurrence.counts` over the current corpus gives them).
    ///   - removed: the counts of articles counted in these that are gone, over any words.
    ///   - vocabulary: the current corpus's; every word with a count left must be in it.
    /// - Returns: `nil` when the three do not belong together: other keywords or scopes, a count
    ///   that would fall below zero, or a word outside `vocabulary` whose counts do not all go.
    public func updated(adding added: CooccurrenceCounts, removing removed: CooccurrenceCounts,
                        vocabulary: Vocabulary) -> CooccurrenceCounts? {
        guard keywords == added.keywords, keywords == removed.keywords, added.words.count == vocabulary.count,
              isWellFormed, added.isWellFormed, removed.isWellFormed,
              scopes.map(\.scope) == added.scopes.map(\.scope), scopes.map(\.scope) == removed.scopes.map(\.scope),
              zip(scopes, added.scopes).allSatisfy({ $0.joint.isEmpty == $1.joint.isEmpty }),
              zip(scopes, removed.scopes).allSatisfy({ $0.joint.isEmpty == $1.joint.isEmpty }) else { return nil }
        guard let carried = CarriedWords(words: words, removedWords: removed.words, vocabulary: vocabulary) else { return nil }
        var result: [Scope] = []
        for (s, scope) in scopes.enumerated() {
            let plus = added.scopes[s], minus = removed.scopes[s]
            guard let units = carried.merge(earlier: scope.units, added: plus.units, removed: minus.units) else { return nil }
            var joint: [[Int32]] = []
            for k in plus.joint.indices {
                guard let row = carried.merge(earlier: scope.joint[k], added: plus.joint[k], removed: minus.joint[k]) else { return nil }
                joint.append(row)
            }
            let next = Scope(scope: scope.scope, total: scope.total + plus.total - minus.total,
                             keywordFrequencies: (0..<keywords.count).map {
                                 scope.keywordFrequencies[$0] + plus.keywordFrequencies[$0] - minus.keywordFrequencies[$0]
                             },
                             pairJoint: (0..<keywords.count).map { a in
                                 (0..<keywords.count).map { b in scope.pairJoint[a][b] + plus.pairJoint[a][b] - minus.pairJoint[a][b] }
                             },
                             units: units, joint: joint)
            guard next.total >= 0, next.keywordFrequencies.allSatisfy({ $0 >= 0 }),
                  next.pairJoint.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else { return nil }
            result.append(next)
        }
        return CooccurrenceCounts(keywords: keywords, words: vocabulary.words, scopes: result)
    }
}
