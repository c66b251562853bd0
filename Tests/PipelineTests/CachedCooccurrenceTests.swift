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
        let cached = CachedCooccurrence(files: ["a", "a", "b"], counts: counts)
        let stored = cached.stored()
        let back = try CachedCooccurrence(stored: stored)
        #expect(back.files == ["a", "a", "b"] && back.counts == counts)
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
        let key = CachedCooccurrence.settingsKey(segmentKey: "s", keywords: keywords, options: options)
        var filtered = options
        filtered.minimumJoint = 9
        filtered.filter = TermFilter(excludeNumbers: false)
        #expect(CachedCooccurrence.settingsKey(segmentKey: "s", keywords: keywords, options: filtered) == key)
        var window = options
        window.scopes[2] = .window(radius: 3)
        var words = options
        words.everyWordScopes = ["sentence"]
        for other in [CachedCooccurrence.settingsKey(segmentKey: "t", keywords: keywords, options: options),
                      CachedCooccurrence.settingsKey(segmentKey: "s", keywords: [KeywordSpec(name: "人才", words: ["人才", "英才"])], options: options),
                      CachedCooccurrence.settingsKey(segmentKey: "s", keywords: keywords, options: window),
                      CachedCooccurrence.settingsKey(segmentKey: "s", keywords: keywords, options: words)] {
            #expect(other != key)
        }
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
