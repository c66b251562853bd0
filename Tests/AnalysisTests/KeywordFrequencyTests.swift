import Foundation
import Testing
@testable import Analysis

@Suite struct KeywordFrequencyTests {
    /// a1 = 人才队伍建设人才队伍。 (tokens 人才 队伍 建设 | 人才队伍 。), a2 = 英才和人才, a3 = 干部.
    static let corpus = AnalysisFixtures.corpus([
        [[["人才", "队伍", "建设"], ["人才队伍", "。"]]],
        [[["英才", "和", "人才"]]],
        [[["干部"]]],
    ], metadata: [["author": "张三", "date": "2021-11-11"], ["author": "李四", "date": "2021-12-01"], ["date": "2021"]])
    static let talent = KeywordSpec(name: "talent", words: ["人才", "英才", "人才队伍"])

    @Test func setsCountLongestFirstWithoutOverlap() {
        let frequencies = KeywordFrequencies.count([Self.talent, KeywordSpec("人才")], in: Self.corpus)
        let a1 = frequencies.perArticle.filter { $0.unit == "a1" }
        // Rows: the set, its three words, then 人才.
        #expect(a1.map(\.member) == ["", "人才", "英才", "人才队伍", ""])
        // The set finds 人才队伍 twice (never 人才 inside it); 人才 alone is found twice too.
        #expect(a1.map(\.occurrences) == [2, 2, 0, 2, 2])
        // Tokens: 人才 once and 人才队伍 once.
        #expect(a1.map(\.tokenMatches) == [2, 1, 0, 1, 1])
        #expect(a1[0].characters == 11 && a1[0].tokens == 5)

        let total = frequencies.totals
        // Set: 2 + 2 (英才, 人才) = 4 occurrences in 11 + 5 + 2 = 18 characters; 4 of 5 + 3 + 1 = 9 tokens.
        #expect(total[0].occurrences == 4 && total[0].characters == 18)
        #expect(abs(total[0].per10kCharacters - 40_000.0 / 18) < 1e-9)
        #expect(total[0].tokenMatches == 4 && total[0].tokens == 9)
        #expect(abs(total[0].per10kTokens - 40_000.0 / 9) < 1e-9)
        #expect(total[0].documents == 2 && total[0].tokenDocuments == 2 && total[0].articles == 3)
        // 人才: 2 + 1 occurrences, 1 + 1 tokens.
        #expect(total[4].occurrences == 3 && total[4].tokenMatches == 2)
        #expect(total.allSatisfy { $0.level == "total" && $0.unit == "" })
    }

    @Test func groupsByAnyField() {
        let frequencies = KeywordFrequencies.count([KeywordSpec("人才")], in: Self.corpus,
                                                   options: KeywordFrequencyOptions(groupBy: ["author", "month"]))
        // 张 U+5F20 before 李 U+674E, the empty author last; a date with only a year has no month,
        // so that article is in the month field's `(none)` group, last.
        #expect(frequencies.groups.map(\.unit) == ["张三", "李四", "(none)", "2021-11", "2021-12", "(none)"])
        #expect(frequencies.groups.map(\.level) == ["author", "author", "author", "month", "month", "month"])
        #expect(frequencies.groups.map(\.occurrences) == [2, 1, 0, 2, 1, 0])
        #expect(frequencies.groups.map(\.articles) == [1, 1, 1, 1, 1, 1])
    }

    /// One count table serves both analyses, on several threads: the results equal those counted
    /// apart on one thread, members left out where the options say so.
    @Test func sharedCountTableGivesTheSameResults() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let keywords = [KeywordSpec("人才"), KeywordSpec("基层"), KeywordSpec(name: "队伍", words: ["干部队伍", "人才队伍", "队伍"])]
        let table = KeywordCountTable(keywords, corpus: corpus, includeMembers: true, workers: 3)
        let options = KeywordFrequencyOptions(groupBy: ["author", "month"])
        let shared = KeywordFrequencies.count(keywords, in: corpus, options: options, counts: table)
        #expect(shared == KeywordFrequencies.count(keywords, in: corpus, options: options))
        #expect(shared.totals.contains { $0.member == "干部队伍" && $0.occurrences > 0 })
        let withoutMembers = KeywordFrequencyOptions(groupBy: ["author"], includeMembers: false)
        #expect(KeywordFrequencies.count(keywords, in: corpus, options: withoutMembers, counts: table)
                == KeywordFrequencies.count(keywords, in: corpus, options: withoutMembers))
        #expect(Trends.compute(keywords, in: corpus, counts: table) == Trends.compute(keywords, in: corpus))
        #expect(Trends.compute(keywords, in: corpus).rows.count > 3)
    }

    @Test func validation() {
        #expect(throws: AnalysisError.emptyKeyword(name: "空")) { try KeywordSpec.validate([KeywordSpec(name: "空", words: [])]) }
        #expect(throws: AnalysisError.duplicateKeyword(name: "人才")) { try KeywordSpec.validate([KeywordSpec("人才"), KeywordSpec("人才")]) }
        #expect(AnalysisError.emptyKeyword(name: "空").errorDescription
                == "keyword \"空\": a keyword needs at least one word and no empty words")
    }

    /// The seed, per article and per author, against Python: a regular expression of the set's
    /// words longest first (leftmost-longest), `str.count` for each word, token counts.
    @Test func seedEqualsPython() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let set = KeywordSpec(name: "人才类", words: ["人才", "人才队伍", "人才工作", "英才"])
        let frequencies = KeywordFrequencies.count([set, KeywordSpec("干部")], in: corpus,
                                                   options: KeywordFrequencyOptions(groupBy: ["author"]))
        struct Input: Encodable { var paragraphs: [[String]]; var tokens: [[String]]; var authors: [String] }
        let input = Input(paragraphs: corpus.articles.map(\.paragraphs),
                          tokens: corpus.segments.map { $0.tokens.map { corpus.vocabulary.words[Int($0)] } },
                          authors: corpus.articles.map(\.author))
        let script = """
            import json, re, sys
            data = json.load(open(sys.argv[1], encoding='utf-8'))
            columns = [['人才', '人才队伍', '人才工作', '英才'], ['人才'], ['人才队伍'], ['人才工作'], ['英才'], ['干部']]
            def occ(ws, ps):
                pattern = '|'.join(re.escape(w) for w in sorted(ws, key=len, reverse=True))
                return sum(len(re.findall(pattern, p)) for p in ps)
            per = [[[occ(ws, ps), sum(1 for t in ts if t in ws)] for ws in columns] for ps, ts in zip(data['paragraphs'], data['tokens'])]
            groups = {}
            for row, a in zip(per, data['authors']):
                key = a or '(none)'
                g = groups.setdefault(key, [[0, 0, 0] for _ in columns])
                for c, (o, t) in enumerate(row):
                    g[c][0] += o; g[c][1] += t; g[c][2] += 1 if o else 0
            print(json.dumps({'per': per, 'groups': groups}, ensure_ascii=False))
            """
        struct Output: Decodable { var per: [[[Int]]]; var groups: [String: [[Int]]] }
        let reference = try AnalysisFixtures.python(script, input: input, as: Output.self)
        let columns = 6
        #expect(frequencies.perArticle.count == corpus.articles.count * columns)
        for (index, row) in frequencies.perArticle.enumerated() {
            let want = reference.per[index / columns][index % columns]
            #expect([row.occurrences, row.tokenMatches] == want, "\(row.unit) \(row.keyword) \(row.member)")
        }
        #expect(Set(frequencies.groups.map(\.unit)) == Set(reference.groups.keys))
        for (index, row) in frequencies.groups.enumerated() {
            let want = try #require(reference.groups[row.unit])[index % columns]
            #expect([row.occurrences, row.tokenMatches, row.documents] == want, "\(row.unit) \(row.keyword) \(row.member)")
        }
        // The set never counts more than its words together, and 人才 alone agrees with KeywordCounter.
        #expect(frequencies.totals[0].occurrences <= frequencies.totals[1...4].reduce(0) { $0 + $1.occurrences })
        #expect(frequencies.totals[1].occurrences == KeywordCounter.count(["人才"], in: corpus.articles).totals[0])
    }
}

@Suite struct TrendTests {
    @Test func bucketsByHand() {
        let frequencies = Trends.compute([KeywordSpec("人才")], in: KeywordFrequencyTests.corpus)
        // a1 2021-11 (2 occurrences, 11 characters), a2 2021-12 (1 of 5), a3 only a year: (none).
        #expect(frequencies.rows.map(\.bucket) == ["2021-11", "2021-12", "(none)"])
        #expect(frequencies.rows.map(\.occurrences) == [2, 1, 0])
        #expect(frequencies.rows.map(\.characters) == [11, 5, 2])
        // 1 · 10,000 / 5 = 2000 per 10k characters; 1 token of 3 = 3333.3 per 10k tokens.
        #expect(frequencies.rows[1].per10kCharacters == 2000)
        #expect(abs(frequencies.rows[1].per10kTokens - 10_000.0 / 3) < 1e-9)
        let years = Trends.compute([KeywordSpec("人才")], in: KeywordFrequencyTests.corpus, options: TrendOptions(bucket: .year))
        #expect(years.rows.map(\.bucket) == ["2021"])
        #expect(years.rows[0].articles == 3 && years.rows[0].occurrences == 3 && years.rows[0].documents == 2)
    }

    @Test func gapsAreFilled() {
        let corpus = AnalysisFixtures.corpus([[[["人才"]]], [[["人才"]]]], metadata: [["date": "2020-11-30"], ["date": "2021-02-01"]])
        let months = Trends.compute([KeywordSpec("人才")], in: corpus, options: TrendOptions(bucket: .month, fillGaps: true))
        #expect(months.rows.map(\.bucket) == ["2020-11", "2020-12", "2021-01", "2021-02"])
        #expect(months.rows.map(\.articles) == [1, 0, 0, 1])
        let days = Trends.compute([KeywordSpec("人才")], in: AnalysisFixtures.corpus([[[["人才"]]], [[["人才"]]]],
            metadata: [["date": "2024-02-28"], ["date": "2024-03-01"]]), options: TrendOptions(bucket: .day, fillGaps: true))
        // 2024 is a leap year.
        #expect(days.rows.map(\.bucket) == ["2024-02-28", "2024-02-29", "2024-03-01"])
        #expect(days.unfilledSpan == nil)
        // Four periods in all (three dated, one gap): at most four fills; at most three does not.
        let three = AnalysisFixtures.corpus([[[["人才"]]], [[["人才"]]], [[["人才"]]]],
                                            metadata: [["date": "2021-01"], ["date": "2021-02"], ["date": "2021-04"]])
        #expect(Trends.compute([KeywordSpec("人才")], in: three, options: TrendOptions(bucket: .month, fillGaps: true, maximumPeriods: 4))
            .rows.map(\.bucket) == ["2021-01", "2021-02", "2021-03", "2021-04"])
        let unfilled = Trends.compute([KeywordSpec("人才")], in: three, options: TrendOptions(bucket: .month, fillGaps: true, maximumPeriods: 3))
        #expect(unfilled.rows.map(\.bucket) == ["2021-01", "2021-02", "2021-04"])
        #expect(unfilled.unfilledSpan == 4)
        // A mistyped year: days over a thousand years are not listed one by one.
        let centuries = Trends.compute([KeywordSpec("人才")], in: AnalysisFixtures.corpus([[[["人才"]]], [[["人才"]]]],
            metadata: [["date": "1021-05-01"], ["date": "2021-05-01"]]), options: TrendOptions(bucket: .day, fillGaps: true))
        #expect(centuries.rows.map(\.bucket) == ["1021-05-01", "2021-05-01"])
        #expect(centuries.unfilledSpan == TrendOptions.defaultMaximumPeriods + 1)
    }

    @Test func bucketParsing() {
        #expect(DateBucket.month.bucket(of: "2021-11-11") == "2021-11")
        #expect(DateBucket.month.bucket(of: "2021") == nil)
        #expect(DateBucket.day.bucket(of: "2021-11") == nil)
        #expect(DateBucket.year.bucket(of: "") == nil)
        #expect(DateBucket.year.bucket(of: "二〇二一") == nil)
        #expect(DateBucket.month.next(after: "2021-12") == "2022-01")
        #expect(DateBucket.day.next(after: "2023-02-28") == "2023-03-01")
    }
}
