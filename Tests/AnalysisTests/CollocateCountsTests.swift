import Testing

@testable import Analysis

/// Collocate counts carried over from an earlier corpus, updated with the articles added and
/// removed, equal the counts of counting the new corpus (and so give the same table).
@Suite("Collocate counts carried over")
struct CollocateCountsTests {
    static let keywords = [KeywordSpec("人才"), KeywordSpec("干部"), KeywordSpec(name: "基层", words: ["基层", "基层干部"]),
                           KeywordSpec("发展")]
    static let options = CollocateOptions(left: 4, right: 3, filter: .none, minimumJoint: 1)

    /// The seed articles at `indices`, as a corpus of its own (its own vocabulary, numbered afresh),
    /// as an earlier or later run would have it.
    static func corpus(_ indices: [Int]) throws -> SegmentedCorpus {
        let tokens = AnalysisFixtures.tokensForPython(try AnalysisFixtures.seedCorpus())
        return AnalysisFixtures.corpus(indices.map { tokens[$0] })
    }

    static func counts(_ corpus: SegmentedCorpus, articles: [Int]? = nil, options: CollocateOptions = options) -> CollocateCounts {
        Collocates.counts(keywords, in: corpus, options: options, articles: articles)
    }

    /// The counts of `before`, updated to `after` (both lists of seed article indices).
    static func updated(from before: [Int], to after: [Int], options: CollocateOptions = options) throws
        -> (updated: CollocateCounts?, expected: CollocateCounts, corpus: SegmentedCorpus) {
        let now = try corpus(after)
        let added = after.indices.filter { !before.contains(after[$0]) }
        let removed = try corpus(before.filter { !after.contains($0) })
        let updated = counts(try corpus(before), options: options).updated(
            adding: counts(now, articles: added, options: options), removing: counts(removed, options: options), vocabulary: now.vocabulary)
        return (updated, counts(now, options: options), now)
    }

    @Test func countsGiveTheTableOfFindAndAddUpOverArticles() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let whole = Self.counts(corpus)
        #expect(whole.isWellFormed && Collocates.isConsistent(whole, with: corpus))
        #expect(whole.tokens == CorpusCounts(corpus).tokenCount && whole == Collocates.counts(Self.keywords, in: corpus, options: Self.options,
                                                                                                    corpusCounts: CorpusCounts(corpus)))
        #expect(Collocates.table(from: whole, corpus: corpus, options: Self.options)
                == Collocates.find(Self.keywords, in: corpus, options: Self.options))
        // The counts of two halves add up to the whole, word by word (counted here by hand).
        let first = Self.counts(corpus, articles: Array(0..<5)), second = Self.counts(corpus, articles: Array(5..<11))
        for k in Self.keywords.indices {
            var sum: [Int32: (Int32, Int32, Int32)] = [:]
            for part in [first, second] {
                let counts = part.perKeyword[k]
                for (index, word) in counts.words.enumerated() {
                    let old = sum[word] ?? (0, 0, 0)
                    sum[word] = (old.0 + counts.joint[index], old.1 + counts.left[index], old.2 + counts.right[index])
                }
            }
            let expected = whole.perKeyword[k]
            #expect(first.perKeyword[k].spanSize + second.perKeyword[k].spanSize == expected.spanSize)
            #expect(first.tokens + second.tokens == whole.tokens)
            #expect(sum.keys.sorted() == expected.words)
            #expect(expected.words.indices.allSatisfy { index in
                sum[expected.words[index]].map { $0 == (expected.joint[index], expected.left[index], expected.right[index]) } ?? false
            })
            #expect(expected.spanSize > 100)
        }
        // No article: no counts.
        #expect(Self.counts(corpus, articles: []).perKeyword.allSatisfy { $0.spanSize == 0 && $0.words.isEmpty })
    }

    @Test func addingArticlesGivesTheCountsOfTheWhole() throws {
        let (updated, expected, now) = try Self.updated(from: Array(0..<8), to: Array(0..<11))
        #expect(updated == expected)
        let table = Collocates.table(from: try #require(updated), corpus: now, options: Self.options)
        #expect(table == Collocates.find(Self.keywords, in: now, options: Self.options))
        #expect(table.rows.count > 500)
        // Spans cut at paragraphs, and one-sided spans, the same.
        for options in [CollocateOptions(left: 2, right: 6, boundary: .paragraph, minimumJoint: 1), CollocateOptions(left: 0, right: 5)] {
            let (updated, expected, _) = try Self.updated(from: Array(0..<8), to: Array(0..<11), options: options)
            #expect(updated == expected)
        }
    }

    @Test func removingAndChangingArticlesGivesTheCountsOfWhatIsLeft() throws {
        // Articles 2 and 9 go (their words found nowhere else go with them); then 4 is replaced by 10.
        let (removed, expected, now) = try Self.updated(from: Array(0..<11), to: [0, 1, 3, 4, 5, 6, 7, 8, 10])
        #expect(removed == expected)
        #expect(Collocates.table(from: try #require(removed), corpus: now, options: Self.options)
                == Collocates.find(Self.keywords, in: now, options: Self.options))
        let (changed, expectedChanged, _) = try Self.updated(from: Array(0..<10), to: [0, 1, 2, 3, 5, 6, 7, 8, 9, 10])
        #expect(changed == expectedChanged)
        // Some words seen near a keyword in the removed articles are in no other article: the case of words leaving.
        let left = try Self.corpus([0, 1, 3, 4, 5, 6, 7, 8, 10]).vocabulary
        let gone = Self.counts(try Self.corpus([2, 9]))
        let leaving = gone.perKeyword.flatMap { $0.words }.filter { left.id(of: gone.words[Int($0)]) == nil }
        #expect(leaving.count > 20)
    }

    @Test func countsThatDoNotBelongTogetherAreRefused() throws {
        let all = try Self.corpus(Array(0..<11))
        let whole = Self.counts(all)
        let nothing = Self.counts(all, articles: [])
        #expect(whole.updated(adding: nothing, removing: Self.counts(try Self.corpus([3])), vocabulary: all.vocabulary) != nil)
        // Taking away an article that was never counted drives counts below zero.
        let some = try Self.corpus([0, 1])
        #expect(Self.counts(some).updated(adding: Self.counts(some, articles: []), removing: Self.counts(try Self.corpus([5])),
                                          vocabulary: some.vocabulary) == nil)
        // Words not in the new corpus whose counts would not all go.
        let fewer = try Self.corpus([0])
        #expect(whole.updated(adding: Self.counts(fewer, articles: []), removing: nothing, vocabulary: fewer.vocabulary) == nil)
        // Other keywords, damaged arrays, a word twice.
        var otherKeywords = whole
        otherKeywords.keywords[0] = KeywordSpec("人民")
        #expect(otherKeywords.updated(adding: nothing, removing: nothing, vocabulary: all.vocabulary) == nil)
        var damaged = whole
        damaged.perKeyword[1].left.removeLast()
        #expect(!damaged.isWellFormed)
        #expect(damaged.updated(adding: nothing, removing: nothing, vocabulary: all.vocabulary) == nil)
        var twice = whole
        twice.words[1] = twice.words[0]
        #expect(twice.updated(adding: nothing, removing: nothing, vocabulary: all.vocabulary) == nil)
        // Unchanged: the same counts.
        #expect(whole.updated(adding: nothing, removing: Self.counts(try Self.corpus([])), vocabulary: all.vocabulary) == whole)
    }

    @Test func countsOfTheCorpusPassTheChecksAndAlteredOnesDoNot() throws {
        let corpus = try Self.corpus(Array(0..<11))
        let counts = Self.counts(corpus)
        #expect(Collocates.isConsistent(counts, with: corpus))
        let talent = try #require(corpus.vocabulary.id(of: "人才"))
        let position = try #require(counts.perKeyword[1].words.firstIndex(of: talent))  // 人才 near 干部
        let rare = try #require(counts.perKeyword[0].joint.firstIndex(of: 1))
        let alterations: [(String, (inout CollocateCounts) -> Void)] = [
            ("a span larger than its words", { $0.perKeyword[0].spanSize += 1 }),
            ("a word left of the keyword more often than near it", { $0.perKeyword[1].left[position] = $0.perKeyword[1].joint[position] + 1 }),
            ("a word near the keyword but neither left nor right", {
                $0.perKeyword[0].left[rare] = 0
                $0.perKeyword[0].right[rare] = 0
            }),
            ("words out of order", { $0.perKeyword[0].words.swapAt(0, 1) }),
            ("a word more often near the keyword than in the corpus", {
                let extra = Int32(CorpusCounts(corpus).frequencies[Int(talent)])
                $0.perKeyword[1].joint[position] += extra
                $0.perKeyword[1].left[position] += extra
                $0.perKeyword[1].spanSize += Int(extra)
            }),
            ("counts of another vocabulary", { $0.words.append("x") }),
            ("a token more or less in the corpus counted", { $0.tokens += 1 }),
            ("counts of other keywords", { $0.perKeyword.removeLast() }),
        ]
        for (name, alter) in alterations {
            var altered = counts
            alter(&altered)
            #expect(!Collocates.isConsistent(altered, with: corpus), "\(name)")
        }
        // The keyword itself among its collocates.
        var own = counts
        let index = own.perKeyword[0].words.firstIndex { $0 > talent } ?? own.perKeyword[0].words.count
        own.perKeyword[0].words.insert(talent, at: index)
        own.perKeyword[0].joint.insert(1, at: index)
        own.perKeyword[0].left.insert(1, at: index)
        own.perKeyword[0].right.insert(0, at: index)
        own.perKeyword[0].spanSize += 1
        #expect(own.isWellFormed && !Collocates.isConsistent(own, with: corpus))
    }
}
