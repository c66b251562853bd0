import Foundation
import Testing
@testable import Analysis

@Suite struct CooccurrenceTests {
    /// Article 1: paragraph 1 = s1 人才 发展 干部 | s2 人才 。; paragraph 2 = s3 干部 基层.
    /// Article 2: paragraph 3 = s4 人才 干部 | s5 发展.
    static let corpus = AnalysisFixtures.corpus([
        [[["人才", "发展", "干部"], ["人才", "。"]], [["干部", "基层"]]],
        [[["人才", "干部"], ["发展"]]],
    ])
    static let keywords = [KeywordSpec("人才"), KeywordSpec("干部")]

    func pair(_ table: CooccurrenceTable, _ scope: String, _ a: String, _ b: String) -> Association? {
        table.rows.first { $0.scope == scope && $0.wordA == a && $0.wordB == b }?.scores
    }

    @Test func unitsByHand() {
        let table = Cooccurrence.compute(Self.keywords, in: Self.corpus,
                                         options: CooccurrenceOptions(scopes: [.sentence, .paragraph, .article], minimumJoint: 1))
        // Sentences: 人才 in s1 s2 s4, 干部 in s1 s3 s4, both in s1 s4; five sentences.
        #expect(pair(table, "sentence", "人才", "干部") == Association(joint: 2, freqA: 3, freqB: 3, total: 5))
        // Paragraphs: 人才 in p1 p3, 干部 in p1 p2 p3, both in p1 p3; three paragraphs.
        #expect(pair(table, "paragraph", "人才", "干部") == Association(joint: 2, freqA: 2, freqB: 3, total: 3))
        // Articles: both in both.
        #expect(pair(table, "article", "人才", "干部") == Association(joint: 2, freqA: 2, freqB: 2, total: 2))
        // 人才 and 发展 share s1; 发展 is in s1 and s5. The comma-like 。 is punctuation, left out.
        #expect(pair(table, "sentence", "人才", "发展") == Association(joint: 1, freqA: 3, freqB: 2, total: 5))
        #expect(pair(table, "sentence", "人才", "。") == nil)
        // 干部 pairs with 基层 (s3); not with 人才 as an ordinary word, as the keyword pair has its row.
        #expect(pair(table, "sentence", "干部", "人才") == nil)
        let named = table.rows.filter { $0.wordB == "人才" || ($0.wordA == "人才" && $0.wordB == "干部") }
        #expect(named.allSatisfy { $0.isKeywordPair })
        #expect(table.rows.filter { $0.wordA == "人才" && $0.wordB == "干部" }.count == 3)
        #expect(pair(table, "sentence", "干部", "基层") == Association(joint: 1, freqA: 3, freqB: 1, total: 5))
        let matrix = table.matrices[0]
        #expect(matrix.scope == "sentence")
        #expect(matrix.joint == [[3, 2], [2, 3]])
        #expect(matrix.frequencies == [3, 3])
        // logDice = 14 + log2(2·2/(3 + 3)) = 14 + log2(2/3)
        #expect(abs(matrix.logDice[0][1] - (14 + log2(2.0 / 3))) < 1e-12)
        #expect(matrix.logDice[0][0] == 14)
    }

    @Test func windowsByHand() {
        // Radius 1 inside sentences; ten tokens, so ten windows:
        // s1: {人才 发展} {人才 发展 干部} {发展 干部}; s2: {人才 。} ×2; s3: {干部 基层} ×2; s4: {人才 干部} ×2; s5: {发展}.
        let table = Cooccurrence.compute(Self.keywords, in: Self.corpus,
                                         options: CooccurrenceOptions(scopes: [.window(radius: 1)], minimumJoint: 1))
        // 人才 in 2 + 2 + 2 = 6 windows, 干部 in 2 + 2 + 2 = 6, both in s1's middle one and s4's two.
        #expect(pair(table, "window", "人才", "干部") == Association(joint: 3, freqA: 6, freqB: 6, total: 10))
        // 发展 in s1's three and s5's one; with 人才 in s1's first two.
        #expect(pair(table, "window", "人才", "发展") == Association(joint: 2, freqA: 6, freqB: 4, total: 10))
        // Across sentences within the article: article 1 = 人才 发展 干部 人才 。 干部 基层, article 2 = 人才 干部 发展.
        // 人才 (positions 0, 3 | 0) is in windows 0 1 2 3 4 | 0 1 = 7; 干部 (2, 5 | 1) in 1 2 3 4 5 6 | 0 1 2 = 9;
        // both: 1 2 3 4 | 0 1 = 6.
        let wide = Cooccurrence.compute(Self.keywords, in: Self.corpus, options: CooccurrenceOptions(
            scopes: [.window(radius: 1)], windowBoundary: .article, minimumJoint: 1))
        #expect(pair(wide, "window", "人才", "干部") == Association(joint: 6, freqA: 7, freqB: 9, total: 10))
    }

    @Test func keywordSetIsInAUnitWhenAnyWordIs() {
        let table = Cooccurrence.compute([KeywordSpec(name: "人", words: ["人才", "基层"]), KeywordSpec("发展")],
                                         in: Self.corpus, options: CooccurrenceOptions(scopes: [.sentence], minimumJoint: 1))
        // The set is in s1 s2 s3 s4; 发展 in s1 s5.
        #expect(pair(table, "sentence", "人", "发展") == Association(joint: 1, freqA: 4, freqB: 2, total: 5))
        // The set's own words are never its partners.
        #expect(pair(table, "sentence", "人", "基层") == nil)
        #expect(pair(table, "sentence", "人", "干部") == Association(joint: 3, freqA: 4, freqB: 3, total: 5))
    }

    /// Every scope on the seed against sets of words per unit built in Python; article counts are
    /// the number of articles holding both words.
    @Test func seedEqualsPython() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let keywords = [KeywordSpec("人才"), KeywordSpec("干部"), KeywordSpec("基层"), KeywordSpec("发展"),
                        KeywordSpec(name: "组织类", words: ["组织", "组织部"])]
        let scopes: [(CooccurrenceScope, TextUnit, String)] = [
            (.sentence, .sentence, "sentence"), (.paragraph, .sentence, "paragraph"), (.article, .sentence, "article"),
            (.window(radius: 5), .sentence, "window5"), (.window(radius: 3), .article, "window3article"),
        ]
        let script = """
            import json, sys
            from collections import Counter
            data = json.load(open(sys.argv[1], encoding='utf-8'))
            keywords = {'人才': ['人才'], '干部': ['干部'], '基层': ['基层'], '发展': ['发展'], '组织类': ['组织', '组织部']}
            def units(scope):
                for a in data:
                    if scope == 'sentence':
                        yield from (set(s) for p in a for s in p if s)
                    elif scope == 'paragraph':
                        yield from (set(t for s in p for t in s) for p in a if any(p))
                    elif scope == 'article':
                        words = [t for p in a for s in p for t in s]
                        if words: yield set(words)
                    else:
                        radius = 5 if scope == 'window5' else 3
                        spans = [s for p in a for s in p] if scope == 'window5' else [[t for p in a for s in p for t in s]]
                        for s in spans:
                            for c in range(len(s)):
                                yield set(s[max(0, c - radius):c + radius + 1])
            out = {}
            for scope in ['sentence', 'paragraph', 'article', 'window5', 'window3article']:
                all_units = list(units(scope))
                freq = Counter(w for u in all_units for w in u)
                has = {k: [bool(u & set(m)) for u in all_units] for k, m in keywords.items()}
                rows = {}
                for k, m in keywords.items():
                    for k2 in keywords:
                        rows[k + '|' + k2] = [sum(1 for x, y in zip(has[k], has[k2]) if x and y), sum(has[k]), sum(has[k2])]
                    # Partner words: not the keyword's own words, nor a keyword that is a word of its own.
                    joint = Counter(w for u, h in zip(all_units, has[k]) if h for w in u if w not in m and keywords.get(w) != [w])
                    for w, j in joint.items():
                        rows[k + '>' + w] = [j, sum(has[k]), freq[w]]
                out[scope] = {'total': len(all_units), 'rows': rows}
            print(json.dumps(out, ensure_ascii=False))
            """
        struct Scope: Decodable { var total: Int; var rows: [String: [Int]] }
        let reference = try AnalysisFixtures.python(script, input: AnalysisFixtures.tokensForPython(corpus), as: [String: Scope].self)
        for (scope, boundary, name) in scopes {
            let table = Cooccurrence.compute(keywords, in: corpus, options: CooccurrenceOptions(
                scopes: [scope], windowBoundary: boundary, filter: .none, minimumJoint: 1))
            let want = try #require(reference[name])
            let matrix = table.matrices[0]
            #expect(matrix.total == want.total, "\(name)")
            for (a, keywordA) in keywords.enumerated() {
                for (b, keywordB) in keywords.enumerated() {
                    let row = try #require(want.rows[keywordA.name + "|" + keywordB.name])
                    #expect(matrix.joint[a][b] == row[0], "\(name) \(keywordA.name) \(keywordB.name)")
                    #expect(matrix.frequencies[a] == row[1] && matrix.frequencies[b] == row[2])
                }
            }
            let wordRows = table.rows.filter { !$0.isKeywordPair }
            #expect(wordRows.count == want.rows.keys.filter { $0.contains(">") }.count, "\(name)")
            for row in wordRows {
                let expected = try #require(want.rows[row.wordA + ">" + row.wordB], "\(name) \(row.wordA) \(row.wordB)")
                #expect([row.scores.joint, row.scores.freqA, row.scores.freqB] == expected, "\(name) \(row.wordA) \(row.wordB)")
                #expect(row.scores.total == want.total)
            }
        }
    }

    /// Many keywords are counted in batches (to bound memory); the rows are the same.
    @Test func batchesGiveTheSameRows() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let keywords = ["人才", "干部", "基层", "发展", "组织", "创新", "工作"].map { KeywordSpec($0) }
        var options = CooccurrenceOptions(scopes: [.sentence, .window(radius: 2)])
        let whole = Cooccurrence.compute(keywords, in: corpus, options: options)
        options.pairCounterBudget = 2 * corpus.vocabulary.count
        let batched = Cooccurrence.compute(keywords, in: corpus, options: options)
        #expect(whole == batched)
        #expect(whole.rows.count > 100)
    }

    /// Scopes left out of `everyWordScopes` are counted by a shorter path (keywords only): their
    /// pairs and matrices must equal those of the full count, and they get no keyword–word rows.
    @Test func pairOnlyScopesCountTheSamePairs() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let keywords = ["人才", "干部", "基层", "发展", "组织"].map { KeywordSpec($0) } + [KeywordSpec(name: "队伍", words: ["干部队伍", "人才队伍"])]
        let scopes: [CooccurrenceScope] = [.sentence, .paragraph, .article, .window(radius: 3)]
        let full = Cooccurrence.compute(keywords, in: corpus, options: CooccurrenceOptions(scopes: scopes))
        let partial = Cooccurrence.compute(keywords, in: corpus, options: CooccurrenceOptions(scopes: scopes, everyWordScopes: ["sentence"]))
        #expect(full.matrices == partial.matrices)
        #expect(full.rows.filter(\.isKeywordPair) == partial.rows.filter(\.isKeywordPair))
        #expect(full.rows.filter { $0.scope == "sentence" } == partial.rows.filter { $0.scope == "sentence" })
        #expect(partial.rows.allSatisfy { $0.scope == "sentence" || $0.isKeywordPair })
        #expect(full.rows.contains { $0.scope == "article" && !$0.isKeywordPair })
        #expect(partial.rows.filter(\.isKeywordPair).count == 4 * 15)
    }

    /// The independent check the issue asks for: article-level joint counts are the number of articles holding both words.
    @Test func seedArticleCountsAreArticlesHoldingBoth() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let words = ["人才", "干部", "基层", "组织部", "创新"]
        let table = Cooccurrence.compute(words.map { KeywordSpec($0) }, in: corpus,
                                         options: CooccurrenceOptions(scopes: [.article], withEveryWord: false))
        let sets = corpus.segments.map { Set($0.tokens.map { corpus.vocabulary.words[Int($0)] }) }
        for (a, wordA) in words.enumerated() {
            for (b, wordB) in words.enumerated() {
                #expect(table.matrices[0].joint[a][b] == sets.filter { $0.contains(wordA) && $0.contains(wordB) }.count)
            }
        }
        #expect(table.matrices[0].total == 11)
    }
}
