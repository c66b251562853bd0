import Foundation
import Testing
@testable import Analysis

@Suite struct KeynessTests {
    @Test func scoresByHand() {
        // a = 20 of c = 1000, b = 10 of d = 2000.
        let s = Keyness.scores(a: 20, b: 10, c: 1000, d: 2000, k: 1)
        // E1 = 1000·30/3000 = 10, E2 = 2000·30/3000 = 20; G² = 2(20 ln 2 + 10 ln ½) = 20 ln 2 = 13.8629436112
        #expect(abs(s.g2 - 20 * log(2.0)) < 1e-12)
        // p = erfc(√(G²/2)) = erfc(2.6327) = 0.000196637655602
        #expect(abs(s.pValue - 0.00019663765560209783) < 1e-15)
        #expect(s.sign == 1)
        // log2((20/1000)/(10/2000)) = log2 4 = 2; %DIFF = (0.02 − 0.005)/0.005 · 100 = 300
        #expect(abs(s.logRatio - 2) < 1e-12)
        #expect(abs(s.pctDiff - 300) < 1e-9)
        // Per million 20,000 and 5,000: (20,000 + 1)/(5,000 + 1) = 3.99940012
        #expect(abs(s.simpleMaths - 20_001.0 / 5_001) < 1e-12)
    }

    @Test func zeroInTheReference() {
        // a = 3, b = 0, c = d = 1000: E1 = 1.5, G² = 2·3 ln 2; log ratio with 0.5 for the zero: log2 6.
        let s = Keyness.scores(a: 3, b: 0, c: 1000, d: 1000, k: 1)
        #expect(abs(s.g2 - 6 * log(2.0)) < 1e-12)
        #expect(abs(s.logRatio - log2(6.0)) < 1e-12)
        #expect(s.pctDiff == .infinity)
        // (3000 + 1)/(0 + 1)
        #expect(abs(s.simpleMaths - 3001) < 1e-9)
        let under = Keyness.scores(a: 0, b: 4, c: 1000, d: 1000, k: 1)
        #expect(under.sign == -1 && under.pctDiff == -100)
        #expect(abs(under.logRatio - log2(0.5 / 4)) < 1e-12)
    }

    /// A side without tokens (a group of empty articles) has no rates: 0/0 for every word, an
    /// infinite log ratio. No word is tested, and the table keeps both sizes to say why.
    @Test func aSideWithoutWordsTestsNothing() {
        let words = FrequencyTable(words: ["人才", "干部"], counts: [20, 5], total: 1000)
        let none = FrequencyTable(words: ["人才", "干部"], counts: [0, 0], total: 0)
        for (target, reference) in [(none, words), (words, none)] {
            let table = Keyness.compare(target, against: reference, options: KeynessOptions(minimumFrequency: 1))
            #expect(table.rows.isEmpty)
            #expect(table.testedCount == 0)
            #expect(table.sizeTarget == target.total && table.sizeReference == reference.total)
        }
        // With words on both sides the sizes are kept too.
        let both = Keyness.compare(words, against: words, options: KeynessOptions(minimumFrequency: 1))
        #expect(both.testedCount == 2 && both.sizeTarget == 1000 && both.sizeReference == 1000)
    }

    /// `significantOnly` keeps exactly the significant rows of the full table, in its order, with the
    /// same test: the words tested, the threshold and every measure, with or without Bonferroni and
    /// with the mask of `admitted` or without.
    @Test func significantOnlyKeepsTheSignificantRowsOfTheFullTable() {
        let words = ["人才", "干部", "基层", "发展", "改革", "治理", "队伍", "培养", "乡村", "振兴", "的", "创新"]
        let whole = FrequencyTable(words: words, counts: [120, 80, 60, 200, 45, 30, 25, 22, 40, 38, 500, 16], total: 5000)
        let group = FrequencyTable(words: whole.words, counts: [90, 10, 5, 40, 30, 2, 20, 21, 1, 0, 100, 8], total: 900)
        let rest = whole.subtracting(group)
        let filter = TermFilter(stopWords: StopWords(["的"]), excludePunctuation: true, excludeNumbers: true)
        for bonferroni in [true, false] {
            for admitted in [nil, Keyness.admitted(whole.words, filter: filter)] {
                var options = KeynessOptions(filter: filter, minimumFrequency: 5, bonferroni: bonferroni)
                let full = Keyness.compare(group, against: rest, options: options, admitted: admitted)
                options.significantOnly = true
                let kept = Keyness.compare(group, against: rest, options: options, admitted: admitted)
                #expect(kept.rows == full.rows.filter(\.significant))
                #expect(kept.testedCount == full.testedCount && kept.threshold == full.threshold)
                // Some rows are left out and some are kept, so the check above compares something.
                #expect(full.rows.count > kept.rows.count && !kept.rows.isEmpty, "\(full.rows.count) \(kept.rows.count)")
            }
        }
    }

    /// The filter worked out once for a vocabulary (`admitted`, for many groups against the rest)
    /// gives the tables the word-by-word filter gives: the same rows, tests and threshold.
    @Test func aFilterWorkedOutOnceGivesTheSameTables() {
        let words = ["人才", "的", "，", "2021", "干部", "基层", "了", "发展", "12.5%", "人才队伍"]
        let whole = FrequencyTable(words: words, counts: [40, 90, 120, 6, 25, 18, 30, 60, 5, 7], total: 2000)
        let group = FrequencyTable(words: whole.words, counts: [30, 20, 30, 5, 2, 9, 4, 10, 5, 6], total: 400)
        let rest = whole.subtracting(group)
        for minimum in [1, 5, 20] {
            let filter = TermFilter(stopWords: StopWords(["的", "了"]), excludePunctuation: true, excludeNumbers: true)
            let options = KeynessOptions(filter: filter, minimumFrequency: minimum)
            let admitted = Keyness.admitted(whole.words, filter: filter)
            #expect(admitted == [true, false, false, false, true, true, false, true, false, true])
            let once = Keyness.compare(group, against: rest, options: options, admitted: admitted)
            let each = Keyness.compare(group, against: rest, options: options)
            #expect(once == each, "min \(minimum)")
            // Tables of other vocabularies (not the same array of words) ignore the mask.
            let copy = FrequencyTable(words: words.map { String($0.unicodeScalars) }, counts: rest.counts, total: rest.total)
            #expect(Keyness.compare(group, against: copy, options: options, admitted: [Bool](repeating: true, count: words.count)) == each)
        }
    }

    @Test func tablesOfTwoCorporaAreAlignedByWord() {
        let target = FrequencyTable(words: ["人才", "干部", "，"], counts: [20, 5, 50], total: 1000)
        let reference = FrequencyTable(words: ["基层", "人才", "干部"], counts: [30, 10, 5], total: 2000)
        let table = Keyness.compare(target, against: reference, options: KeynessOptions(minimumFrequency: 1))
        // The comma is punctuation; three words tested, so the threshold is 0.05/3.
        #expect(table.testedCount == 3)
        #expect(abs(table.threshold - 0.05 / 3) < 1e-15)
        // Overused: 人才 (20‰ vs 5‰) and 干部 (5‰ vs 2.5‰) by G²; then underused 基层 (0 vs 30).
        #expect(table.rows.map(\.word) == ["人才", "干部", "基层"])
        #expect(table.rows.map(\.sign) == [1, 1, -1])
        #expect(table.rows[0].freqReference == 10 && table.rows[2].freqTarget == 0)
        #expect(table.rows[0].significant)
        // 干部: E1 = 1000·10/3000 = 3.333, E2 = 6.667; G² = 2(5 ln 1.5 + 5 ln 0.75) = 1.1778: p = 0.278.
        #expect(abs(table.rows[1].g2 - 2 * (5 * log(1.5) + 5 * log(0.75))) < 1e-12)
        #expect(!table.rows[1].significant)
        #expect(table.rows[0].per10kTarget == 200 && table.rows[0].per10kReference == 50)
    }

    /// é as one code point and as e + U+0301 are different words to the segmenter; keyness keeps
    /// them apart, also when the two tables list them in the same places.
    @Test func wordsAreComparedByTheirCodePoints() {
        let target = FrequencyTable(words: ["\u{E9}", "人才"], counts: [10, 5], total: 100)
        let reference = FrequencyTable(words: ["e\u{301}", "人才"], counts: [10, 5], total: 100)
        let table = Keyness.compare(target, against: reference, options: KeynessOptions(minimumFrequency: 1))
        #expect(Set(table.rows.map(\.word)) == ["\u{E9}", "e\u{301}", "人才"].reduce(into: Set<String>()) { $0.insert($1) })
        #expect(table.rows.count == 3)
        #expect(table.rows.first { $0.word.unicodeScalars.count == 1 && $0.word != "人才" }?.freqReference == 0)
    }

    @Test func groupAgainstTheRest() {
        let corpus = AnalysisFixtures.corpus([[[["人才", "人才", "干部"]]], [[["干部", "基层", "基层"]]]],
                                             metadata: [["author": "甲"], ["author": "乙"]])
        let whole = FrequencyTable(corpus: corpus)
        let groups = FrequencyTable.groups(of: corpus, by: "author")
        #expect(groups.map(\.value) == ["乙", "甲"])
        let target = groups[1].table
        let rest = whole.subtracting(target)
        #expect(target.total == 3 && rest.total == 3)
        let table = Keyness.compare(target, against: rest, options: KeynessOptions(minimumFrequency: 1, bonferroni: false))
        #expect(table.rows.map(\.word) == ["人才", "基层", "干部"])
        #expect(table.rows.map(\.sign) == [1, -1, 0])
        #expect(table.threshold == 0.05)
    }

    /// Each author of the seed against the rest, against the formulas in Python.
    @Test func seedEqualsPython() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let author = try #require(corpus.articles.first { !$0.author.isEmpty }?.author)
        let target = FrequencyTable(corpus: corpus) { $0.author == author }
        let reference = FrequencyTable(corpus: corpus) { $0.author != author }
        let table = Keyness.compare(target, against: reference, options: KeynessOptions(filter: .none, minimumFrequency: 3, simpleMathsK: 100))
        struct Input: Encodable { var target: [[String]]; var reference: [[String]] }
        let tokens = corpus.segments.map { $0.tokens.map { corpus.vocabulary.words[Int($0)] } }
        let input = Input(target: zip(corpus.articles, tokens).filter { $0.0.author == author }.map(\.1),
                          reference: zip(corpus.articles, tokens).filter { $0.0.author != author }.map(\.1))
        let script = """
            import json, math, sys
            from collections import Counter
            data = json.load(open(sys.argv[1], encoding='utf-8'))
            ta = Counter(t for a in data['target'] for t in a); re_ = Counter(t for a in data['reference'] for t in a)
            c = sum(ta.values()); d = sum(re_.values())
            def f(x): return x if math.isfinite(x) else str(x)
            rows = []
            words = [w for w in set(ta) | set(re_) if ta[w] + re_[w] >= 3]
            for w in words:
                a, b = ta[w], re_[w]
                e1 = c * (a + b) / (c + d); e2 = d * (a + b) / (c + d)
                g2 = 2 * ((a * math.log(a / e1) if a else 0) + (b * math.log(b / e2) if b else 0))
                g2 = max(g2, 0.0)
                p = math.erfc(math.sqrt(g2 / 2))
                sign = 1 if a / c > b / d else (-1 if a / c < b / d else 0)
                lr = math.log2(((a or 0.5) / c) / ((b or 0.5) / d))
                pct = math.inf if b == 0 else (a / c - b / d) / (b / d) * 100
                sm = (a / c * 1e6 + 100) / (b / d * 1e6 + 100)
                rows.append([w, a, b, c, d, g2, p, sign, f(lr), f(pct), sm, p < 0.05 / len(words)])
            rows.sort(key=lambda r: ({1: 0, -1: 1, 0: 2}[r[7]], -r[5], r[0]))
            print(json.dumps(rows, ensure_ascii=False))
            """
        struct Row: Decodable {
            var word: String, a: Int, b: Int, c: Int, d: Int, g2: Double, p: Double, sign: Int
            var logRatio: PyDouble, pctDiff: PyDouble, simpleMaths: Double, significant: Bool
            init(from decoder: Decoder) throws {
                var x = try decoder.unkeyedContainer()
                word = try x.decode(String.self); a = try x.decode(Int.self); b = try x.decode(Int.self)
                c = try x.decode(Int.self); d = try x.decode(Int.self); g2 = try x.decode(Double.self)
                p = try x.decode(Double.self); sign = try x.decode(Int.self); logRatio = try x.decode(PyDouble.self)
                pctDiff = try x.decode(PyDouble.self); simpleMaths = try x.decode(Double.self); significant = try x.decode(Bool.self)
            }
        }
        let want = try AnalysisFixtures.python(script, input: input, as: [Row].self)
        #expect(table.rows.count == want.count)
        #expect(table.rows.contains { $0.significant })
        for (row, expected) in zip(table.rows, want) {
            #expect(row.word == expected.word)
            #expect([row.freqTarget, row.freqReference, row.sizeTarget, row.sizeReference, row.sign] as [Int]
                    == [expected.a, expected.b, expected.c, expected.d, expected.sign])
            #expect(AnalysisFixtures.close(row.g2, expected.g2, relative: 1e-9))
            #expect(abs(row.pValue - expected.p) <= 1e-12 + 1e-9 * expected.p)
            #expect(AnalysisFixtures.close(row.logRatio, expected.logRatio.value))
            #expect(AnalysisFixtures.close(row.pctDiff, expected.pctDiff.value))
            #expect(AnalysisFixtures.close(row.simpleMaths, expected.simpleMaths))
            #expect(row.significant == expected.significant)
        }
    }
}
