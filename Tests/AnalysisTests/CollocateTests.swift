import Foundation
import Testing
@testable import Analysis

@Suite struct CollocateTests {
    /// s1: 我们 要 重视 人才 培养 和 人才 引进 。  s2: 人才 培养 。  s3: 培养 干部 。  (N = 15)
    static let corpus = AnalysisFixtures.corpus([
        [[["我们", "要", "重视", "人才", "培养", "和", "人才", "引进", "。"], ["人才", "培养", "。"]]],
        [[["培养", "干部", "。"]]],
    ])

    @Test func spansByHand() {
        let table = Collocates.find([KeywordSpec("人才")], in: Self.corpus,
                                    options: CollocateOptions(left: 2, right: 2, minimumJoint: 1))
        // s1 nodes at 3 and 6: left spans {1, 2} and {4, 5}, right spans {4, 5} and {7, 8}; union
        // {1, 2, 4, 5, 7, 8}. s2 node at 0: right span {1, 2}. R1 = 6 + 2 = 8.
        #expect(table.spanSizes == [8])
        #expect(table.keywordFrequencies == [3])
        // 培养: position 4 of s1 (left of one node, right of the other) and 1 of s2 = 2 tokens;
        // logDice = 14 + log2(2·2/(R1 + 3)) = 14 + log2(4/11) = 12.54; the others once each,
        // logDice = 14 + log2(2/(8 + 1)) = 11.83, in code-point order 和 U+548C, 引进 U+5F15, 要 U+8981,
        // 重视 U+91CD. 。 is punctuation.
        #expect(table.rows.map(\.collocate) == ["培养", "和", "引进", "要", "重视"])
        let training = table.rows[0]
        #expect(training.left == 1 && training.right == 2)
        // E11 = R1·C1/N = 8·3/15 = 1.6
        #expect(training.scores == Association(joint: 2, rowTotal: 8, freqA: 3, freqB: 3, total: 15))
        #expect(abs(training.scores.logDice - (14 + log2(4.0 / 11))) < 1e-12)
        #expect(abs(table.rows[1].scores.logDice - (14 + log2(2.0 / 9))) < 1e-12)
        #expect(abs(training.scores.expected - 1.6) < 1e-15)
        #expect(table.rows.map(\.left) == [1, 1, 0, 1, 1])
        #expect(table.rows.map(\.right) == [2, 1, 1, 0, 0])

        let frequent = Collocates.find([KeywordSpec("人才")], in: Self.corpus, options: CollocateOptions(left: 2, right: 2))
        #expect(frequent.rows.map(\.collocate) == ["培养"])
    }

    /// A keyword whose span holds its collocate three times (the audit's case): Dice, Jaccard and
    /// logDice stay within their bounds, computed on the span table.
    @Test func repeatedCollocateKeepsTheBounds() {
        let corpus = AnalysisFixtures.corpus([[[["要", "关心", "人才", "、", "爱护", "人才", "、", "用好", "人才", "的", "干部", "。"]]]])
        let table = Collocates.find([KeywordSpec("干部")], in: corpus, options: CollocateOptions(left: 10, right: 10, minimumJoint: 1))
        let talent = table.rows.first { $0.collocate == "人才" }
        // Left span: the 10 tokens before 干部; right span: 。 (N = 12, R1 = 11).
        #expect(table.spanSizes == [11])
        #expect(talent?.scores.joint == 3 && talent?.scores.freqA == 1 && talent?.scores.freqB == 3)
        // Dice = 2·3/(11 + 3) = 3/7; Jaccard = 3/(11 + 3 − 3) = 3/11 (with the keyword's frequency: 1.5 and 3).
        #expect(abs((talent?.scores.dice ?? 9) - 3.0 / 7) < 1e-15)
        #expect(abs((talent?.scores.jaccard ?? 9) - 3.0 / 11) < 1e-15)
        #expect(table.rows.allSatisfy { $0.scores.dice <= 1 && $0.scores.jaccard <= 1 && $0.scores.logDice <= 14 })
    }

    @Test func spansStopAtTheBoundary() {
        // Across sentences, s1's 。 and s2's 人才 培养 。 join: the third node's left span reaches 引进 and 。.
        let table = Collocates.find([KeywordSpec("人才")], in: Self.corpus, options: CollocateOptions(
            left: 2, right: 2, boundary: .article, filter: .none, minimumJoint: 1))
        // Union: {1, 2, 4, 5, 7, 8} ∪ left {7, 8} ∪ right {10, 11} of the node at 9 = 8 positions.
        #expect(table.spanSizes == [8])
        let stop = table.rows.first { $0.collocate == "。" }
        // 。 at 8 (right of node 6, left of node 9) and at 11 (right of node 9).
        #expect(stop?.left == 1 && stop?.right == 2 && stop?.scores.joint == 2)
    }

    /// The seed, L4/R3 in sentences, for a word and a set, against a direct count in Python.
    @Test func seedEqualsPython() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let keywords = [KeywordSpec("人才"), KeywordSpec(name: "干部类", words: ["干部", "基层干部"])]
        let table = Collocates.find(keywords, in: corpus, options: CollocateOptions(left: 4, right: 3, filter: .none, minimumJoint: 1))
        let script = """
            import json, math, sys
            from collections import Counter
            data = json.load(open(sys.argv[1], encoding='utf-8'))
            sentences = [s for a in data for p in a for s in p]
            n = sum(len(s) for s in sentences)
            freq = Counter(t for s in sentences for t in s)
            out = {}
            for name, members in [('人才', ['人才']), ('干部类', ['干部', '基层干部'])]:
                left, right, joint, span = Counter(), Counter(), Counter(), 0
                for s in sentences:
                    nodes = [i for i, t in enumerate(s) if t in members]
                    l = set(q for i in nodes for q in range(max(0, i - 4), i)) - set(nodes)
                    r = set(q for i in nodes for q in range(i + 1, min(len(s), i + 4))) - set(nodes)
                    span += len(l | r)
                    for q in l: left[s[q]] += 1
                    for q in r: right[s[q]] += 1
                    for q in l | r: joint[s[q]] += 1
                f1 = sum(freq[m] for m in members)
                # Then expected, Dice, Jaccard, logDice and PMI, all of the span table (R1 = span).
                out[name] = {w: [left[w], right[w], j, f1, freq[w], n, span, span * freq[w] / n, 2 * j / (span + freq[w]),
                                 j / (span + freq[w] - j), 14 + math.log2(2 * j / (span + freq[w])), math.log2(j * n / (span * freq[w]))]
                             for w, j in joint.items()}
            print(json.dumps(out, ensure_ascii=False))
            """
        let reference = try AnalysisFixtures.python(script, input: AnalysisFixtures.tokensForPython(corpus), as: [String: [String: [Double]]].self)
        for keyword in keywords {
            let want = try #require(reference[keyword.name])
            let rows = table.rows.filter { $0.keyword == keyword.name }
            #expect(rows.count == want.count)
            for row in rows {
                let expected = try #require(want[row.collocate])
                let s = row.scores
                #expect([row.left, row.right, s.joint, s.freqA, s.freqB, s.total, s.rowTotal].map(Double.init) == Array(expected.prefix(7)),
                        "\(keyword.name) \(row.collocate)")
                #expect(AnalysisFixtures.close(s.expected, expected[7], relative: 1e-12))
                for (ours, theirs) in zip([s.dice, s.jaccard, s.logDice, s.pmi], expected[8...]) {
                    #expect(AnalysisFixtures.close(ours, theirs, relative: 1e-12), "\(keyword.name) \(row.collocate)")
                }
                #expect(s.dice <= 1 && s.jaccard <= 1 && s.logDice <= 14)
            }
            // Sorted by logDice.
            #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.scores.logDice >= $1.scores.logDice })
        }
    }
}
