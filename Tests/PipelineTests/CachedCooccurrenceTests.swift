import Foundation
import Testing
import Analysis
import Ingest
@testable import Pipeline

@Suite("Stored co-occurrence counts")
struct CachedCooccurrenceTests {
    static func file(_ hash: String, articles: Int) throws -> InputFile {
        let json = #"{"path": "/in/\#(hash).txt", "contentHash": "\#(hash)", "byteCount": 10, "encoding": "UTF-8", "articleCount": \#(articles), "reused": false, "unread": false}"#
        return try JSONDecoder().decode(InputFile.self, from: Data(json.utf8))
    }

    /// A one-article file entry of the given tokens (one sentence, one paragraph).
    static func entry(_ words: [String]) -> CachedFile {
        var distinct: [String] = []
        let tokens = words.map { word -> Int32 in
            if let index = distinct.firstIndex(of: word) { return Int32(index) }
            distinct.append(word)
            return Int32(distinct.count - 1)
        }
        let article = Article(id: "a", sourcePath: "a.txt", indexInFile: 1, startLine: 1, title: "题", paragraphs: [words.joined()])
        return CachedFile(articles: [article], encoding: "UTF-8", words: distinct, tokens: [tokens],
                          sentenceEnds: [[Int32(tokens.count)]], paragraphEnds: [[Int32(tokens.count)]])
    }

    @Test func storedCountsComeBackExactlyAndDamageIsRefused() throws {
        let corpus = CachedCooccurrence.corpusOf([Self.entry(["人才", "是", "第一", "资源"]), Self.entry(["干部", "人才", "基层"])])
        let options = CooccurrenceOptions(scopes: [.sentence, .article, .window(radius: 2)], everyWordScopes: ["sentence", "window"])
        let counts = try #require(Cooccurrence.counts([KeywordSpec("人才"), KeywordSpec(name: "队伍", words: ["干部", "基层"])],
                                                      in: corpus, options: options))
        let collocates = Collocates.counts(counts.keywords, in: corpus, options: CollocateOptions(left: 2, right: 1))
        // 人才: 是 right of it, 干部 left and 基层 right of it; 队伍: 人才, right of 干部 and left of 基层, once.
        #expect(collocates.perKeyword.map(\.words.count) == [3, 1] && collocates.perKeyword.map(\.spanSize) == [3, 1])
        #expect(collocates.perKeyword[1].left == [1] && collocates.perKeyword[1].right == [1])
        let cached = CachedCooccurrence(files: ["a", "a", "b"], counts: counts, collocates: collocates)
        let stored = cached.stored()
        let back = try CachedCooccurrence(stored: stored)
        #expect(back.files == ["a", "a", "b"] && back.counts == counts && back.collocates == collocates)
        // Either kind alone (co-occurrence counted in batches keeps none; older runs kept no collocates).
        let onlyCollocates = try CachedCooccurrence(stored: CachedCooccurrence(files: ["a"], counts: nil, collocates: collocates).stored())
        #expect(onlyCollocates.counts == nil && onlyCollocates.collocates == collocates)
        let onlyCounts = try CachedCooccurrence(stored: CachedCooccurrence(files: ["a"], counts: counts).stored())
        #expect(onlyCounts.counts == counts && onlyCounts.collocates == nil)
        #expect(counts.scopes[0].joint.count == 2 && counts.scopes[1].joint.isEmpty && counts.scopes[2].scope == .window(radius: 2))
        for length in [0, 9, stored.count / 2, stored.count - 1] {
            #expect(throws: (any Error).self) { try CachedCooccurrence(stored: stored.prefix(length)) }
        }
        #expect(throws: (any Error).self) { try CachedCooccurrence(stored: stored + Data([0])) }
        // Any byte changed is caught by the checksum, a count included.
        for at in [8, stored.count / 3, stored.count / 2, stored.count - 80, stored.count - 1] {
            var changed = stored
            changed[at] ^= 0x01
            #expect(throws: (any Error).self) { try CachedCooccurrence(stored: changed) }
        }
        // The key changes with what the counts depend on, not with the partner filter or threshold.
        let keywords = [KeywordSpec("人才")]
        let spans = CollocateOptions()
        func key(_ segmentKey: String = "s", _ keywords: [KeywordSpec] = keywords, _ options: CooccurrenceOptions = options,
                 _ spans: CollocateOptions = spans) -> String {
            CachedCooccurrence.settingsKey(segmentKey: segmentKey, keywords: keywords, options: options, collocates: spans)
        }
        var filtered = options
        filtered.minimumJoint = 9
        filtered.filter = TermFilter(excludeNumbers: false)
        let filteredSpans = CollocateOptions(filter: .none, minimumJoint: 1, minimumFrequency: 7)
        #expect(key("s", keywords, filtered, filteredSpans) == key())
        var window = options
        window.scopes[2] = .window(radius: 3)
        var words = options
        words.everyWordScopes = ["sentence"]
        let others = [key("t"), key("s", [KeywordSpec(name: "人才", words: ["人才", "英才"])]), key("s", keywords, window),
                      key("s", keywords, words), key("s", keywords, options, CollocateOptions(left: 4)),
                      key("s", keywords, options, CollocateOptions(right: 4)), key("s", keywords, options, CollocateOptions(boundary: .paragraph))]
        #expect(Set(others + [key()]).count == others.count + 1)
    }

    @Test func theChangeIsFoundByContentWithRepeats() throws {
        let corpus = CachedCooccurrence.corpusOf([Self.entry(["人才"])])
        let counts = try #require(Cooccurrence.counts([KeywordSpec("人才")], in: corpus))
        // Before: a, a, b, c, d, e, f, g (eight files). Now: a, b, c, d, e, f, g, h, x — one copy of a gone, h new,
        // x without articles (not counted), g twice (its second copy new).
        let stored = CachedCooccurrence(files: ["a", "a", "b", "c", "d", "e", "f", "g"], counts: counts)
        let now = try ["a", "b", "c", "d", "e", "f", "g", "g", "h"].map { try Self.file($0, articles: $0 == "f" ? 2 : 1) }
            + [try Self.file("x", articles: 0)]
        let cache = ["a": Self.entry(["人才", "干部"]), "h": Self.entry(["基层"])]
        let update = try #require(CachedCooccurrence.update(from: stored, files: now, corpus: corpus, fileCache: cache))
        // Articles: a 0, b 1, c 2, d 3, e 4, f 5–6, g 7, g 8, h 9.
        #expect(update.addedArticles == [8, 9])
        #expect(update.removed.articles.count == 1 && update.removed.vocabulary.words == ["人才", "干部"])
        // A gone file without a stored entry: no update (everything is counted).
        #expect(CachedCooccurrence.update(from: stored, files: now, corpus: corpus, fileCache: [:]) == nil)
        // Most of the corpus changed: counting everything is as quick.
        let other = try ["p", "q", "r", "s", "t", "b", "c"].map { try Self.file($0, articles: 1) }
        #expect(CachedCooccurrence.update(from: stored, files: other, corpus: corpus, fileCache: cache) == nil)
        #expect(CachedCooccurrence.files(of: now) == ["a", "b", "c", "d", "e", "f", "g", "g", "h"])
    }
}
