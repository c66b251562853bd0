import Testing

@testable import Analysis

/// Counts carried over from an earlier corpus, updated with the articles added and removed, equal
/// the counts of counting the new corpus (and so give the same table).
@Suite("Co-occurrence counts carried over")
struct CooccurrenceCountsTests {
    static let keywords = [KeywordSpec("人才"), KeywordSpec("干部"), KeywordSpec(name: "基层", words: ["基层", "基层干部"]),
                           KeywordSpec("发展")]
    static let options = CooccurrenceOptions(scopes: [.sentence, .paragraph, .article, .window(radius: 3)],
                                             everyWordScopes: ["sentence", "article", "window"], minimumJoint: 1)

    /// The seed articles at `indices`, as a corpus of its own (its own vocabulary, numbered afresh),
    /// as an earlier or later run would have it.
    static func corpus(_ indices: [Int]) throws -> SegmentedCorpus {
        let tokens = AnalysisFixtures.tokensForPython(try AnalysisFixtures.seedCorpus())
        return AnalysisFixtures.corpus(indices.map { tokens[$0] })
    }

    static func counts(_ corpus: SegmentedCorpus, articles: [Int]? = nil) throws -> CooccurrenceCounts {
        try #require(Cooccurrence.counts(keywords, in: corpus, options: options, articles: articles))
    }

    /// The counts of `before`, updated to `after` (both lists of seed article indices).
    static func updated(from before: [Int], to after: [Int]) throws -> (updated: CooccurrenceCounts?, expected: CooccurrenceCounts,
                                                                        corpus: SegmentedCorpus) {
        let now = try corpus(after)
        let added = after.indices.filter { !before.contains(after[$0]) }
        let removed = try corpus(before.filter { !after.contains($0) })
        let updated = try counts(try corpus(before)).updated(adding: try counts(now, articles: added),
                                                             removing: try counts(removed), vocabulary: now.vocabulary)
        return (updated, try counts(now), now)
    }

    @Test func addingArticlesGivesTheCountsOfTheWhole() throws {
        let (updated, expected, now) = try Self.updated(from: Array(0..<8), to: Array(0..<11))
        #expect(updated == expected)
        #expect(expected.scopes[0].total > 100 && expected.scopes[0].joint.count == Self.keywords.count)
        #expect(expected.scopes[1].joint.isEmpty)
        // The table from the updated counts is the table of the whole corpus.
        let table = Cooccurrence.table(from: try #require(updated), corpus: now, options: Self.options)
        #expect(table == Cooccurrence.compute(Self.keywords, in: now, options: Self.options))
        #expect(table.rows.count > 500)
    }

    @Test func removingAndChangingArticlesGivesTheCountsOfWhatIsLeft() throws {
        // Articles 2 and 9 go (their words found nowhere else go with them); then 4 is replaced by 10.
        #expect(try Self.updated(from: Array(0..<11), to: [0, 1, 3, 4, 5, 6, 7, 8, 10]).updated
                == Self.updated(from: Array(0..<11), to: [0, 1, 3, 4, 5, 6, 7, 8, 10]).expected)
        let (changed, expected, _) = try Self.updated(from: Array(0..<10), to: [0, 1, 2, 3, 5, 6, 7, 8, 9, 10])
        #expect(changed == expected)
        // Some words of the removed articles are in no other article: the case of words leaving.
        let left = try Self.corpus([0, 1, 3, 4, 5, 6, 7, 8, 10]).vocabulary
        let gone = try Self.corpus([2, 9]).vocabulary.words.filter { left.id(of: $0) == nil }
        #expect(gone.count > 50)
    }

    @Test func countsThatDoNotBelongTogetherAreRefused() throws {
        let all = try Self.corpus(Array(0..<11))
        let whole = try Self.counts(all)
        let nothing = try Self.counts(all, articles: [])
        #expect(whole.updated(adding: nothing, removing: try Self.counts(Self.corpus([3])), vocabulary: all.vocabulary) != nil)
        // Taking away an article that was never counted drives counts below zero.
        let some = try Self.counts(Self.corpus([0, 1]))
        #expect(some.updated(adding: try Self.counts(Self.corpus([0, 1]), articles: []), removing: try Self.counts(Self.corpus([5])),
                             vocabulary: try Self.corpus([0, 1]).vocabulary) == nil)
        // Words not in the new corpus whose counts would not all go.
        let fewer = try Self.corpus([0])
        #expect(whole.updated(adding: try Self.counts(fewer, articles: []), removing: nothing, vocabulary: fewer.vocabulary) == nil)
        // Other keywords, other scopes, damaged arrays.
        var otherKeywords = whole
        otherKeywords.keywords[0] = KeywordSpec("人民")
        #expect(otherKeywords.updated(adding: nothing, removing: nothing, vocabulary: all.vocabulary) == nil)
        var otherScopes = whole
        otherScopes.scopes[3].scope = .window(radius: 4)
        #expect(otherScopes.updated(adding: nothing, removing: nothing, vocabulary: all.vocabulary) == nil)
        var damaged = whole
        damaged.scopes[0].units.removeLast()
        #expect(!damaged.isWellFormed)
        #expect(damaged.updated(adding: nothing, removing: nothing, vocabulary: all.vocabulary) == nil)
        // Counts so large that the sums would overflow (a forged store entry): refused, not a trap.
        for alter: (inout CooccurrenceCounts) -> Void in [{ $0.scopes[0].total = .max }, { $0.scopes[1].keywordFrequencies[0] = .max },
                                                          { $0.scopes[2].pairJoint[0][1] = .max }, { $0.scopes[0].total = -1 }] {
            var huge = whole
            alter(&huge)
            #expect(!huge.isWellFormed)
            #expect(huge.updated(adding: whole, removing: nothing, vocabulary: all.vocabulary) == nil)
            #expect(whole.updated(adding: huge, removing: nothing, vocabulary: all.vocabulary) == nil)
        }
        var twice = whole
        twice.words[1] = twice.words[0]
        #expect(twice.updated(adding: nothing, removing: nothing, vocabulary: all.vocabulary) == nil)
        // Unchanged: the same counts.
        #expect(whole.updated(adding: nothing, removing: try Self.counts(Self.corpus([])), vocabulary: all.vocabulary) == whole)
    }

    @Test func countsOfTheCorpusPassTheChecksAndAlteredOnesDoNot() throws {
        let corpus = try Self.corpus(Array(0..<11))
        let counts = try Self.counts(corpus)
        #expect(Cooccurrence.isConsistent(counts, with: corpus, options: Self.options))
        // Every window is a token's; the article scope's units are the articles.
        #expect(counts.scopes[3].total == CorpusCounts(corpus).tokenCount && counts.scopes[2].total == 11)
        var alterations: [(String, (inout CooccurrenceCounts) -> Void)] = [
            ("a unit more", { $0.scopes[0].total += 1 }),
            ("a word in more units than there are", { $0.scopes[2].units[5] = 12 }),
            ("a keyword's units off the diagonal", { $0.scopes[1].keywordFrequencies[0] += 1 }),
            ("a pair one way only", { $0.scopes[0].pairJoint[0][1] += 1 }),
            ("a keyword with a word more often than the word", { $0.scopes[3].joint[0][7] = Int32($0.scopes[3].units[7] + 1) }),
        ]
        alterations.append(("other scopes", { $0.scopes.removeLast() }))
        for (name, alter) in alterations {
            var altered = counts
            alter(&altered)
            #expect(!Cooccurrence.isConsistent(altered, with: corpus, options: Self.options), "\(name)")
        }
    }

    @Test func tooManyKeywordsForOneBatchHaveNoCounts() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        var options = Self.options
        options.pairCounterBudget = 2 * corpus.vocabulary.count
        #expect(Cooccurrence.counts(Self.keywords, in: corpus, options: options) == nil)
        // compute still counts them, in batches, to the same table.
        #expect(Cooccurrence.compute(Self.keywords, in: corpus, options: options)
                == Cooccurrence.compute(Self.keywords, in: corpus, options: Self.options))
    }
}
