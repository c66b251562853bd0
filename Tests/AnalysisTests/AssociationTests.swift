import Foundation
import Testing
@testable import Analysis

@Suite struct AssociationTests {
    /// O11 = 8, R1 = 10, C1 = 20, N = 100.
    @Test func scoresByHand() {
        let s = Association(joint: 8, freqA: 10, freqB: 20, total: 100)
        // E11 = 10·20/100 = 2
        #expect(s.expected == 2)
        // PMI = log2(8/2) = 2; MI3 = log2(8³/2) = log2 256 = 8
        #expect(s.pmi == 2)
        #expect(s.mi3 == 8)
        // NPMI = 2 / −log2(8/100) = 2 / 3.6438561897747 = 0.54886908150007
        #expect(abs(s.npmi - 0.5488690815000705) < 1e-12)
        // Cells O: 8, 2, 12, 78; E: 2, 8, 18, 72.
        // G² = 2·(8 ln 4 + 2 ln ¼ + 12 ln ⅔ + 78 ln(78/72))
        //    = 2·(11.0903548890 − 2.7725887222 − 4.8655812973 + 6.2433311985) = 19.3910321359
        #expect(abs(s.g2 - 19.39103213591441) < 1e-9)
        // Dice = 16/30; logDice = 14 + log2(0.5333…) = 14 − 0.9068905956 = 13.0931094044
        #expect(abs(s.dice - 16.0 / 30) < 1e-15)
        #expect(abs(s.logDice - 13.093109404391482) < 1e-12)
        // Jaccard = 8/(10 + 20 − 8) = 8/22; t = (8 − 2)/√8 = 2.1213203436
        #expect(abs(s.jaccard - 8.0 / 22) < 1e-15)
        #expect(abs(s.tScore - 2.1213203435596424) < 1e-12)
    }

    @Test func neverTogether() {
        let s = Association(joint: 0, freqA: 3, freqB: 4, total: 50)
        #expect(s.pmi == -.infinity)
        #expect(s.npmi == -1)
        #expect(s.logDice == -.infinity)
        #expect(s.dice == 0)
        #expect(s.jaccard == 0)
        #expect(s.tScore == -.infinity)
        // O = 0, 3, 4, 43; E = 0.24, 2.76, 3.76, 43.24: G² = 2(3 ln(3/2.76) + 4 ln(4/3.76) + 43 ln(43/43.24))
        let g2 = 2 * (3 * log(3 / 2.76) + 4 * log(4 / 3.76) + 43 * log(43 / 43.24))
        #expect(abs(s.g2 - g2) < 1e-12)
    }

    @Test func independentTableHasZeroG2() {
        // 5·20/100 = 1 expected, 1 observed: every cell equals its expectation.
        let s = Association(joint: 1, freqA: 5, freqB: 20, total: 100)
        #expect(s.g2 == 0)
        #expect(s.pmi == 0)
    }

    /// The collocation table: R1 is the span size, in Dice, logDice and Jaccard as in the others.
    @Test func spanTable() {
        // O11 = 6, R1 = 40 span tokens, f(keyword) = 4, f(collocate) = 10, N = 1000.
        let s = Association(joint: 6, rowTotal: 40, freqA: 4, freqB: 10, total: 1000)
        // E11 = 40·10/1000 = 0.4; PMI = log2(6/0.4) = log2 15
        #expect(abs(s.expected - 0.4) < 1e-15)
        #expect(abs(s.pmi - log2(15)) < 1e-12)
        // Dice = 2·6/(40 + 10) = 0.24; logDice = 14 + log2(0.24); Jaccard = 6/(40 + 10 − 6) = 6/44
        #expect(abs(s.dice - 0.24) < 1e-15)
        #expect(abs(s.logDice - (14 + log2(0.24))) < 1e-12)
        #expect(abs(s.jaccard - 6.0 / 44) < 1e-15)
        // The audit's row: 服贸会 (5 tokens) with 博会 9 times in its spans of 50 tokens. With the
        // keyword's frequency in place of R1, Dice was 2·9/(5 + 9) = 1.29, Jaccard 9/5 = 1.8 and
        // logDice 14.36; of the table they keep to [0, 1] and 14.
        let repeated = Association(joint: 9, rowTotal: 50, freqA: 5, freqB: 9, total: 100_000)
        #expect(abs(repeated.dice - 18.0 / 59) < 1e-15)
        #expect(abs(repeated.jaccard - 9.0 / 50) < 1e-15)
        #expect(repeated.logDice < 14)
    }

    /// Many tables against the same formulas written independently in Python.
    @Test func manyTablesEqualPython() throws {
        var tables: [[Int]] = []
        for n in [20, 137, 5000] {
            for r1 in [1, 3, n / 4, n / 2] {
                for c1 in [1, 2, n / 5, n - 1] {
                    for o11 in Set([0, 1, min(r1, c1) / 2, min(r1, c1)]) where o11 <= min(r1, c1) && n - r1 - c1 + o11 >= 0 {
                        tables.append([o11, r1, c1, n])
                    }
                }
            }
        }
        let script = """
            import json, math, sys
            def f(x): return x if math.isfinite(x) else str(x)
            out = []
            for o11, r1, c1, n in json.load(open(sys.argv[1])):
                e11 = r1 * c1 / n
                cells = [(o11, e11), (r1 - o11, r1 * (n - c1) / n), (c1 - o11, (n - r1) * c1 / n),
                         (n - r1 - c1 + o11, (n - r1) * (n - c1) / n)]
                g2 = 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)
                if o11 == 0:
                    pmi = mi3 = logdice = t = -math.inf; npmi = -1.0
                else:
                    pmi = math.log2(o11 / e11); mi3 = math.log2(o11 ** 3 / e11)
                    npmi = 1.0 if o11 == n else pmi / -math.log2(o11 / n)
                    logdice = 14 + math.log2(2 * o11 / (r1 + c1)); t = (o11 - e11) / math.sqrt(o11)
                out.append([f(e11), f(pmi), f(npmi), f(mi3), f(max(0.0, g2)), f(2 * o11 / (r1 + c1)), f(logdice),
                            f(o11 / (r1 + c1 - o11)), f(t)])
            print(json.dumps(out))
            """
        let reference = try AnalysisFixtures.python(script, input: tables, as: [[PyDouble]].self)
        #expect(reference.count == tables.count)
        for (table, expected) in zip(tables, reference) {
            let s = Association(joint: table[0], freqA: table[1], freqB: table[2], total: table[3])
            let values = [s.expected, s.pmi, s.npmi, s.mi3, s.g2, s.dice, s.logDice, s.jaccard, s.tScore]
            for (value, want) in zip(values, expected) {
                #expect(AnalysisFixtures.close(value, want.value, relative: 1e-9), "\(table): \(values) vs \(expected.map(\.value))")
            }
        }
    }
}
