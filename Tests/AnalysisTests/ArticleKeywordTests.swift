import Foundation
import Testing
@testable import Analysis
import Segmentation

@Suite struct ArticleKeywordTests {
    static let idf: Result<IDFTable, Error> = Result { try IDFTable(contentsOf: IDFTable.jiebaPath) }

    /// What jieba 0.42 gives for every seed article body.
    struct Reference: Decodable {
        var tokens: [String]
        var tfidf: [[PyValue]]
        var possegWords: [String]
        var possegEligible: [Bool]
        var textrank: [[PyValue]]
        var textrankPlain: [[PyValue]]
        /// jieba's TextRank over `jieba.cut`'s tokens, each tagged from jieba's dictionary (`word_tag_tab`).
        var textrankDictTags: [[PyValue]]
    }

    enum PyValue: Decodable {
        case word(String), weight(Double)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let w = try? c.decode(String.self) { self = .word(w) } else { self = .weight(try c.decode(Double.self)) }
        }
        var word: String { if case .word(let w) = self { return w }; return "" }
        var weight: Double { if case .weight(let w) = self { return w }; return .nan }
    }

    static let seedReference: Result<[Reference], Error> = Result {
        let articles = try AnalysisFixtures.seedArticles()
        let script = """
            import json, sys, unicodedata, re
            import jieba, jieba.analyse, jieba.posseg
            jieba.setLogLevel(60)
            bodies = json.load(open(sys.argv[1], encoding='utf-8'))
            number = re.compile(r'^[+\\-＋－−]?\\d+([.．,，]\\d+)*[%％‰]?$')
            def plain_eligible(w):
                if len(w.strip()) < 2 or w.lower() in jieba.analyse.default_textrank.stop_words: return False
                if number.match(w): return False
                return not all(unicodedata.category(c)[0] in 'PS' or c.isspace() for c in w)
            class Pair:
                def __init__(self, word): self.word = word; self.flag = 'x'
            class Tokenizer:
                def cut(self, text): return [Pair(w) for w in jieba.cut(text)]
            plain = jieba.analyse.TextRank()
            plain.tokenizer = Tokenizer()
            plain.pairfilter = lambda wp: plain_eligible(wp.word)
            tr = jieba.analyse.default_textrank
            class TaggingTokenizer:
                def cut(self, text):
                    return [jieba.posseg.pair(w, jieba.posseg.dt.word_tag_tab.get(w, 'x')) for w in jieba.cut(text)]
            dict_tags = jieba.analyse.TextRank()
            dict_tags.tokenizer = TaggingTokenizer()
            out = []
            for body in bodies:
                pairs = list(jieba.posseg.cut(body))
                out.append({
                    'tokens': jieba.lcut(body),
                    'tfidf': jieba.analyse.extract_tags(body, topK=20, withWeight=True),
                    'possegWords': [p.word for p in pairs],
                    'possegEligible': [p.flag in ('ns', 'n', 'vn', 'v') and len(p.word.strip()) >= 2
                                       and p.word.lower() not in tr.stop_words for p in pairs],
                    'textrank': jieba.analyse.textrank(body, topK=20, withWeight=True),
                    'textrankPlain': plain.textrank(body, topK=20, withWeight=True),
                    'textrankDictTags': dict_tags.textrank(body, topK=20, withWeight=True),
                })
            print(json.dumps(out, ensure_ascii=False))
            """
        return try AnalysisFixtures.python(script, input: articles.map(\.body), as: [Reference].self)
    }

    @Test func idfFileLoads() throws {
        let idf = try Self.idf.get()
        let script = """
            import json, sys, jieba.analyse
            loader = jieba.analyse.default_tfidf.idf_loader
            print(json.dumps([len(loader.idf_freq), loader.median_idf, loader.idf_freq['人才'], loader.idf_freq['劳动防护']]))
            """
        let reference = try AnalysisFixtures.python(script, input: 0, as: [Double].self)
        #expect(Double(idf.count) == reference[0])
        #expect(idf.median == reference[1])
        #expect(idf.idf(of: "人才") == reference[2])
        #expect(idf.idf(of: "劳动防护") == reference[3])
        #expect(idf.idf(of: "不在表里的词语词语") == idf.median)
    }

    /// Articles whose rows are known (reused by a scheduled run) are not ranked; the others get
    /// the rows a full ranking gives, to the bit, though only their words are looked up and ordered.
    @Test func knownArticlesAreNotRankedAndTheOthersRankAsInAFullRun() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let idf = try Self.idf.get()
        let full = ArticleKeywords.extract(from: corpus, idf: idf)
        var byArticle: [String: [ArticleKeywordTable.Row]] = [:]
        for row in full.rows { byArticle[row.document, default: []].append(row) }
        var known: [Int: [ArticleKeywordTable.Row]] = [:]
        for index in corpus.articles.indices where index % 3 != 1 {
            // A marker weight shows that a known article's rows are used as they are.
            known[index] = byArticle[corpus.articles[index].id]!.map { var row = $0; row.weight = -1; return row }
        }
        let partial = ArticleKeywords.extract(from: corpus, idf: idf, known: known)
        #expect(partial.rows.count == full.rows.count)
        for (mine, theirs) in zip(partial.rows, full.rows) {
            let index = corpus.articles.firstIndex { $0.id == mine.document }!
            if index % 3 == 1 {
                #expect(mine == theirs && mine.weight.bitPattern == theirs.weight.bitPattern)
            } else {
                #expect(mine.weight == -1 && mine.word == theirs.word)
            }
        }
    }

    /// Every entry of jieba's table, word and value to the last bit, as jieba's loader reads it.
    @Test func everyIDFEntryEqualsJiebas() throws {
        let idf = try Self.idf.get()
        var lines: [String] = []
        idf.forEach { word, value in lines.append("\(word)\t\(value.bitPattern)") }
        let script = """
            import json, sys, struct, jieba.analyse
            ours = {}
            for line in json.load(open(sys.argv[1], encoding='utf-8')):
                word, bits = line.split('\\t')
                ours[word] = int(bits)
            theirs = {w: struct.unpack('<Q', struct.pack('<d', v))[0] for w, v in jieba.analyse.default_tfidf.idf_loader.idf_freq.items()}
            print(json.dumps([len(theirs), len(ours), sum(1 for w, b in theirs.items() if ours.get(w) != b)]))
            """
        let result = try AnalysisFixtures.python(script, input: lines, as: [Int].self)
        #expect(result[0] > 250_000)
        #expect(result == [result[0], result[0], 0])
    }

    /// Values in other spellings than plain decimals take the general parser and match Python's float().
    @Test func idfValuesInEveryNotation() throws {
        let table = try IDFTable(parsing: "a 5.\nb .25\nc 1e3\nd -2.5\ne 0.1000000000000000055511151231257827\nf 12345678901234567\ng 007.50\n", path: "t")
        #expect([table.idf(of: "a"), table.idf(of: "b"), table.idf(of: "c"), table.idf(of: "d")] == [5, 0.25, 1000, -2.5])
        #expect(table.idf(of: "e") == 0.1 && table.idf(of: "f") == 12345678901234568 && table.idf(of: "g") == 7.5) // 12345678901234567 read as Python reads it: the nearest double
        #expect(throws: AnalysisError.badIDFLine(path: "t", line: 1, text: "a .")) { try IDFTable(parsing: "a .", path: "t") }
        #expect(table == IDFTable(values: ["a": 5, "b": 0.25, "c": 1000, "d": -2.5, "e": 0.1, "f": 12345678901234568, "g": 7.5]))
        #expect(table != IDFTable(values: ["a": 5]))
    }

    /// The median is found by selection, not sorting: it must be the sorted values' middle one, with many repeats too.
    @Test func idfMedianIsTheMiddleOfTheSortedValues() {
        var generator = SystemRandomNumberGenerator()
        for size in [1, 2, 3, 10, 101, 1_000] {
            for spread in [1, 3, 1_000_000] {
                let values = (0..<size).map { _ in Double(Int.random(in: 0..<spread, using: &generator)) / 4 }
                let table = IDFTable(values: Dictionary(uniqueKeysWithValues: values.enumerated().map { ("w\($0.offset)", $0.element) }))
                #expect(table.median == values.sorted()[size / 2])
            }
        }
    }

    @Test func badIDFLineIsNamed() throws {
        #expect(throws: AnalysisError.badIDFLine(path: "idf.txt", line: 2, text: "人才 五")) {
            try IDFTable(parsing: "干部 3.5\n人才 五\n", path: "idf.txt")
        }
        #expect(throws: AnalysisError.badIDFLine(path: "idf.txt", line: 1, text: "人才  5")) {
            try IDFTable(parsing: "人才  5", path: "idf.txt")
        }
        // Python's strip() takes white space at both ends (CR and the ideographic space too); empty lines are skipped.
        let table = try IDFTable(parsing: "\u{3000}人才 5.5\r\n\n干部 2\u{3000}\n干部 3\n", path: "idf.txt")
        #expect(table.count == 2)
        #expect(table.idf(of: "人才") == 5.5)
        // A later line for the same word wins; the median is sorted([5.5, 3])[1] = 5.5.
        #expect(table.idf(of: "干部") == 3)
        #expect(table.median == 5.5)
        // Python's float() reads nan, inf and -Infinity; jieba would rank every word by NaN. Refused, at their line.
        for (text, line) in [("干部 3\n人才 nan\n", 2), ("人才 inf", 1), ("人才 -Infinity\n", 1), ("人才 1e999", 1)] {
            let bad = String(text.split(separator: "\n")[line - 1])
            #expect(throws: AnalysisError.nonFiniteIDF(path: "idf.txt", line: line, text: bad), "\(text)") {
                try IDFTable(parsing: text, path: "idf.txt")
            }
        }
        #expect(try IDFTable(parsing: "人才 -5\n", path: "idf.txt").idf(of: "人才") == -5)
        // No entry at all: jieba's median would be the first of nothing.
        for text in ["", "\n\n", " \r\n"] {
            #expect(throws: AnalysisError.emptyIDF(path: "idf.txt"), "\(text.debugDescription)") { try IDFTable(parsing: text, path: "idf.txt") }
        }
        #expect(AnalysisError.badIDFLine(path: "idf.txt", line: 2, text: "人才 五").errorDescription
                == "idf.txt:2: \"人才 五\" is not an IDF entry; each line must be a word, one space and a number, as in jieba's analyse/idf.txt (\"人才 5.73\")")
    }

    /// tf = count/total over words of two or more characters that are not stop words.
    @Test func tfidfByHand() throws {
        let idf = try IDFTable(parsing: "人才 10\n资源 4\n第一 2\n是 1\n", path: "t")
        // Eligible: 人才 ×2, 第一, 资源, 新词; not 是 and ， (one character) nor The (a stop word once
        // lower-cased): total 5. 人才 2·(10/5) = 4, 资源 1·(4/5) = 0.8, 第一 1·(2/5) = 0.4. 新词 (unknown)
        // gets the median, sorted(1, 2, 4, 10)[2] = 4: 1·(4/5) = 0.8 ties with 资源, which came first.
        let words = TFIDF.keywords(["人才", "是", "第一", "资源", "，", "The", "人才", "新词"], idf: idf)
        #expect(words.map(\.word) == ["人才", "资源", "新词", "第一"])
        #expect(words.map(\.weight) == [4, 0.8, 0.8, 0.4])
        #expect(TFIDF.keywords(["人才", "资源"], idf: idf, options: TFIDFOptions(topK: 1)).map(\.word) == ["人才"])
    }

    /// jieba's own tokens of each body in, `extract_tags` out: same words, order and weights.
    @Test func tfidfEqualsJiebaOnSeed() throws {
        let idf = try Self.idf.get()
        let references = try Self.seedReference.get()
        #expect(references.count == 11)
        for reference in references {
            let words = TFIDF.keywords(reference.tokens, idf: idf)
            #expect(words.map(\.word) == reference.tfidf.map { $0[0].word })
            #expect(words.map(\.weight) == reference.tfidf.map { $0[1].weight })
        }
    }

    /// The corpus API, on tokens cut sentence by sentence, gives the same top 20 as jieba on the whole body.
    @Test func articleKeywordsEqualJiebaOnSeed() throws {
        let idf = try Self.idf.get()
        let references = try Self.seedReference.get()
        let corpus = try AnalysisFixtures.seedCorpus()
        let table = ArticleKeywords.extract(from: corpus, idf: idf, options: ArticleKeywordOptions(includeTextRank: false))
        for (article, reference) in zip(corpus.articles, references) {
            let rows = table.rows.filter { $0.document == article.id }
            #expect(rows.map(\.word) == reference.tfidf.map { $0[0].word }, "\(article.id)")
            #expect(rows.map(\.rank) == Array(1...rows.count))
            for (row, want) in zip(rows, reference.tfidf) {
                #expect(AnalysisFixtures.close(row.weight, want[1].weight, relative: 1e-12))
            }
        }
    }

    /// With jieba's part-of-speech choice passed in, the ranking is `jieba.analyse.textrank` exactly.
    @Test func textRankEqualsJiebaWithTags() throws {
        for reference in try Self.seedReference.get() {
            let words = TextRank.keywords(reference.possegWords, eligible: reference.possegEligible)
            #expect(words.map(\.word) == reference.textrank.map { $0[0].word })
            #expect(words.map(\.weight) == reference.textrank.map { $0[1].weight })
        }
    }

    /// With the tags of the segmenter's dictionaries: jieba's own TextRank fed `jieba.cut`'s tokens
    /// tagged from jieba's dictionary, to the bit; no pronoun or numeral among the words.
    @Test func textRankWithDictionaryTagsEqualsJieba() throws {
        let segmenter = try Segmenter(options: .init(cacheDirectory: FileManager.default.temporaryDirectory
            .appendingPathComponent("cipin-analysis-tests").path))
        var compared = 0
        for reference in try Self.seedReference.get() {
            let tags = reference.tokens.map { segmenter.partOfSpeech(of: $0) }
            let words = TextRank.keywords(reference.tokens, partsOfSpeech: tags)
            #expect(words.map(\.word) == reference.textrankDictTags.map { $0[0].word })
            #expect(words.map(\.weight) == reference.textrankDictTags.map { $0[1].weight })
            #expect(!words.contains { ["我们", "一个", "一切", "进一步"].contains($0.word) })
            compared += words.count
        }
        #expect(compared > 200)
    }

    /// The corpus API with tags ranks each article as the single-text API does on its tokens with
    /// a line feed between paragraphs (as jieba cuts the body), and `partsOfSpeech: []` (no filter)
    /// ranks as without tags.
    @Test func articleKeywordsUseTheTags() throws {
        let corpus = try AnalysisFixtures.seedCorpus()
        let idf = try Self.idf.get()
        let segmenter = try Segmenter(options: .init(cacheDirectory: FileManager.default.temporaryDirectory
            .appendingPathComponent("cipin-analysis-tests").path))
        let tags = corpus.vocabulary.words.map { segmenter.partOfSpeech(of: $0) }
        let table = ArticleKeywords.extract(from: corpus, idf: idf, partsOfSpeech: tags)
        for (article, segment) in zip(corpus.articles, corpus.segments) {
            var tokens: [String] = []
            var tokenTags: [String?] = []
            var start = 0
            for (number, end) in segment.paragraphEnds.enumerated() {
                if number > 0 {
                    tokens.append("\n")
                    tokenTags.append("x")
                }
                tokens += segment.tokens[start..<Int(end)].map { corpus.vocabulary.words[Int($0)] }
                tokenTags += segment.tokens[start..<Int(end)].map { tags[Int($0)] }
                start = Int(end)
            }
            #expect(segment.spaces.isEmpty)
            let expected = TextRank.keywords(tokens, partsOfSpeech: tokenTags)
            let rows = table.rows.filter { $0.document == article.id && $0.method == "textrank" }
            #expect(rows.map(\.word) == expected.map(\.word))
            #expect(rows.map(\.weight) == expected.map(\.weight))
            #expect(!rows.isEmpty)
        }
        let unfiltered = ArticleKeywords.extract(from: corpus, idf: idf, options: ArticleKeywordOptions(
            textRank: TextRankOptions(partsOfSpeech: [])), partsOfSpeech: tags)
        #expect(unfiltered == ArticleKeywords.extract(from: corpus, idf: idf))
        #expect(unfiltered != table)
    }

    /// Without tags: jieba's graph code with Cipin's eligibility rule (written again in Python).
    @Test func textRankWithoutTagsEqualsJiebaGraph() throws {
        for reference in try Self.seedReference.get() {
            let words = TextRank.keywords(reference.tokens)
            #expect(words.map(\.word) == reference.textrankPlain.map { $0[0].word })
            #expect(words.map(\.weight) == reference.textrankPlain.map { $0[1].weight })
        }
    }

    @Test func textRankByHand() {
        // Span 5 links each token to the next four. Tokens: 甲乙 丙丁 甲乙 (three eligible, positions 0 1 2).
        // Pairs: (甲乙, 丙丁) ×1 from 0→1, (甲乙, 甲乙) ×1 from 0→2, (丙丁, 甲乙) ×1 from 1→2.
        // Edges: 甲乙: [丙丁 1, 甲乙 1, 甲乙 1, 丙丁 1] (out 4); 丙丁: [甲乙 1, 甲乙 1] (out 2).
        // Start 1/2 each; rounds in code-point order 丙 (U+4E19) before 甲 (U+7532):
        // 丙丁 = 0.15 + 0.85·(2 · 1/4 · WS(甲乙)); 甲乙 = 0.15 + 0.85·(2 · 1/2 · WS(丙丁) + 2 · 1/4 · WS(甲乙)).
        var ws = (bing: 0.5, jia: 0.5)
        for _ in 0..<10 {
            ws.bing = (1 - 0.85) + 0.85 * (1.0 / 4 * ws.jia + 1.0 / 4 * ws.jia)
            ws.jia = (1 - 0.85) + 0.85 * (1.0 / 2 * ws.bing + 1.0 / 4 * ws.jia + 1.0 / 4 * ws.jia + 1.0 / 2 * ws.bing)
        }
        // Scaled: (w − min/10)/(max − min/10).
        let low = min(ws.bing, ws.jia), high = max(ws.bing, ws.jia)
        let words = TextRank.keywords(["甲乙", "丙丁", "甲乙"])
        #expect(words.map(\.word) == ["甲乙", "丙丁"])
        #expect(abs(words[0].weight - (ws.jia - low / 10) / (high - low / 10)) < 1e-15)
        #expect(abs(words[1].weight - (ws.bing - low / 10) / (high - low / 10)) < 1e-15)
        #expect(TextRank.keywords(["人才", "，", "2021"]).isEmpty)
    }
}

@Suite struct TextRankSortTests {
    /// The radix sort of node keys orders them as `sort()` does, for short and long lists and
    /// ranks of every width.
    @Test func sortByHighWordEqualsSort() {
        var generator = SystemRandomNumberGenerator()
        for (count, rankLimit) in [(0, 10), (1, 10), (200, 1_000), (257, 300), (5_000, 6_000), (5_000, 1 << 30), (40_000, 1 << 22)] {
            var distinct = Set<UInt64>()
            while distinct.count < count { distinct.insert(UInt64.random(in: 0..<UInt64(rankLimit), using: &generator)) }
            let ranks = Array(distinct).shuffled(using: &generator)
            var keys = ranks.enumerated().map { $0.element << 32 | UInt64($0.offset) }
            let expected = keys.sorted()
            TextRank.Ranker.sortByHighWord(&keys)
            #expect(keys == expected, "\(count) keys below \(rankLimit)")
        }
    }
}
