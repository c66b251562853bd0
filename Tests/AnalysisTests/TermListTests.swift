import Foundation
import Testing
@testable import Analysis

@Suite struct TermListTests {
    /// Three articles of 4, 2 and 4 tokens (shares 0.4, 0.2, 0.4) and one without tokens (not a part).
    static let corpus = AnalysisFixtures.corpus([
        [[["人才", "发展", "人才", "，"]]],
        [[["发展", "干部"]]],
        [[["人才", "发展", "干部", "基层"]]],
        [[[]]],
    ])

    @Test func dispersionByHand() throws {
        let terms = TermList.build(from: Self.corpus)
        #expect(terms.tokenCount == 10)
        #expect(terms.partCount == 3)
        // Punctuation is left out by default; ties by code point: 人 U+4EBA before 发 U+53D1.
        #expect(terms.rows.map(\.term) == ["人才", "发展", "干部", "基层"])
        #expect(terms.rows.map(\.frequency) == [3, 3, 2, 1])
        #expect(terms.rows.map(\.documents) == [2, 3, 2, 1])
        // 3 · 10,000 / 10
        #expect(terms.rows[0].per10kTokens == 3000)

        func check(_ row: TermList.Row, d: Double, dp: Double, dpNorm: Double) {
            #expect(abs(row.juillandD - d) < 1e-12, "\(row.term) D \(row.juillandD)")
            #expect(abs(row.griesDP - dp) < 1e-12, "\(row.term) DP \(row.griesDP)")
            #expect(abs(row.dpNorm - dpNorm) < 1e-12, "\(row.term) DPnorm \(row.dpNorm)")
        }
        // 人才: counts 2, 0, 1. Relative 0.5, 0, 0.25: mean 0.25, population sd √(0.125/3) = 0.2041241,
        // V = 0.8164966, D = 1 − V/√2 = 1 − 1/√3 = 0.4226497.
        // DP = ½(|2/3 − 0.4| + |0 − 0.2| + |1/3 − 0.4|) = ½(0.2666667 + 0.2 + 0.0666667) = 0.2666667;
        // DPnorm = DP / (1 − 0.2) = 0.3333333.
        check(terms.rows[0], d: 1 - 1 / 3.0.squareRoot(), dp: 0.8 / 3, dpNorm: 1.0 / 3)
        // 发展: counts 1, 1, 1. Relative 0.25, 0.5, 0.25: mean 1/3, variance (1/144 + 4/144 + 1/144)/3 = 1/72,
        // V = √(1/72)·3 = 0.3535534, D = 1 − 0.3535534/√2 = 0.75.
        // DP = ½(1/15 + 2/15 + 1/15) = 2/15; DPnorm = (2/15)/0.8 = 1/6.
        check(terms.rows[1], d: 0.75, dp: 2.0 / 15, dpNorm: 1.0 / 6)
        // 干部: counts 0, 1, 1. Relative 0, 0.5, 0.25: mean 0.25, same spread as 人才: D = 1 − 1/√3.
        // DP = ½(0.4 + |0.5 − 0.2| + |0.5 − 0.4|) = ½(0.8) = 0.4; DPnorm = 0.5.
        check(terms.rows[2], d: 1 - 1 / 3.0.squareRoot(), dp: 0.4, dpNorm: 0.5)
        // 基层: counts 0, 0, 1. Relative 0, 0, 0.25: the most uneven spread, V = √2, D = 0.
        // DP = ½(0.4 + 0.2 + 0.6) = 0.6; DPnorm = 0.75.
        check(terms.rows[3], d: 0, dp: 0.6, dpNorm: 0.75)
    }

    @Test func filtersAndMinimumFrequency() {
        let all = TermList.build(from: Self.corpus, options: TermListOptions(filter: .none))
        #expect(all.rows.map(\.term).contains("，"))
        let some = TermList.build(from: Self.corpus, options: TermListOptions(
            filter: TermFilter(stopWords: StopWords(["发展"])), minimumFrequency: 2))
        #expect(some.rows.map(\.term) == ["人才", "干部"])
        // Rates keep N = all 10 tokens.
        #expect(some.rows[0].per10kTokens == 3000)
    }

    @Test func onePartHasNoJuillandD() {
        let terms = TermList.build(from: AnalysisFixtures.corpus([[[["人才", "人才"]]]]))
        #expect(terms.rows[0].juillandD.isNaN)
        #expect(terms.rows[0].griesDP == 0)
        #expect(terms.rows[0].dpNorm.isNaN)
    }

    /// Every word of the seed against a direct computation over all parts in Python.
    @Test func seedEqualsPython() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let terms = TermList.build(from: corpus, options: TermListOptions(filter: .none))
        let script = """
            import json, math, sys
            from collections import Counter
            articles = [[t for p in a for s in p for t in s] for a in json.load(open(sys.argv[1], encoding='utf-8'))]
            parts = [Counter(a) for a in articles if a]
            sizes = [len(a) for a in articles if a]
            n = sum(sizes); k = len(parts)
            shares = [s / n for s in sizes]
            total = Counter(t for a in articles for t in a)
            rows = []
            for w, f in total.items():
                rel = [p[w] / s for p, s in zip(parts, sizes)]
                mean = sum(rel) / k
                sd = math.sqrt(sum((x - mean) ** 2 for x in rel) / k)
                d = 1 - (sd / mean) / math.sqrt(k - 1)
                dp = 0.5 * sum(abs(p[w] / f - s) for p, s in zip(parts, shares))
                rows.append([w, f, sum(1 for p in parts if p[w]), f * 10000 / n, d, dp, dp / (1 - min(shares))])
            rows.sort(key=lambda r: (-r[1], r[0]))
            print(json.dumps(rows, ensure_ascii=False))
            """
        struct Row: Decodable {
            var term: String, frequency: Int, documents: Int, rate: Double, d: Double, dp: Double, dpNorm: Double
            init(from decoder: Decoder) throws {
                var c = try decoder.unkeyedContainer()
                term = try c.decode(String.self); frequency = try c.decode(Int.self); documents = try c.decode(Int.self)
                rate = try c.decode(Double.self); d = try c.decode(Double.self); dp = try c.decode(Double.self)
                dpNorm = try c.decode(Double.self)
            }
        }
        let reference = try AnalysisFixtures.python(script, input: AnalysisFixtures.tokensForPython(corpus), as: [Row].self)
        #expect(terms.rows.count == reference.count)
        #expect(terms.partCount == 11)
        for (row, want) in zip(terms.rows, reference) {
            #expect(row.term == want.term && row.frequency == want.frequency && row.documents == want.documents)
            #expect(AnalysisFixtures.close(row.per10kTokens, want.rate, relative: 1e-12))
            #expect(abs(row.juillandD - want.d) < 1e-9, "\(row.term) D \(row.juillandD) vs \(want.d)")
            #expect(abs(row.griesDP - want.dp) < 1e-9, "\(row.term) DP \(row.griesDP) vs \(want.dp)")
            #expect(abs(row.dpNorm - want.dpNorm) < 1e-9)
            // D is in [0, 1], and exactly 0 for a word of one article (Python's own arithmetic may give −2.2e-16 there).
            #expect(row.juillandD >= 0 && row.juillandD <= 1)
            if row.documents == 1 { #expect(row.juillandD == 0) }
        }
        #expect(terms.rows.contains { $0.documents == 1 })
    }
}
