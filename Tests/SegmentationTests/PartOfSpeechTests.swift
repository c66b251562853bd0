import Foundation
import Testing

@testable import Segmentation

/// Part-of-speech tags of dictionary words, as `jieba.posseg` has them (`word_tag_tab`).
@Suite struct PartOfSpeechTests {
    /// jieba's tag of every word jieba cuts from the seed (and of a few words of no dictionary),
    /// with the party-building user dictionary, whose lines carry tags of their own.
    @Test func seedWordsHaveJiebasTags() throws {
        let segmenter = try partyBuildingSegmenter.get()
        let lines = try String(contentsOfFile: seedCorpusPath, encoding: .utf8).components(separatedBy: "\n")
        var words = Set(try jiebaCut(lines, hmm: true, userDictionaries: [packageRoot + "/" + partyBuildingDictionaryPath]).joined())
        words.formUnion(["英才计划", "购房券", "不是词语的串", "x"])
        let ordered = words.sorted()
        let script = """
            import sys, json, jieba, jieba.posseg
            jieba.setLogLevel(60)
            jieba.load_userdict(sys.argv[2])
            jieba.posseg.dt.makesure_userdict_loaded()
            words = json.load(open(sys.argv[1], encoding='utf-8'))
            json.dump([jieba.posseg.dt.word_tag_tab.get(w) for w in words], open(sys.argv[1] + '.out', 'w'))
            """
        let expected = try runJieba(script, input: ordered, arguments: [packageRoot + "/" + partyBuildingDictionaryPath],
                                    as: [String?].self)
        #expect(expected.count == ordered.count)
        #expect(ordered.count > 2000)
        let differing = zip(ordered, expected).filter { segmenter.partOfSpeech(of: $0.0) != $0.1 }
        #expect(differing.isEmpty, "\(differing.count) words differ, e.g. \(differing.prefix(5).map { "\($0.0): jieba \($0.1 ?? "none"), cipin \(segmenter.partOfSpeech(of: $0.0) ?? "none")" })")
        // The sample covers the cases that matter: tags from dict.txt, from the user dictionary, none.
        #expect(segmenter.partOfSpeech(of: "人才") == "n")
        #expect(segmenter.partOfSpeech(of: "我们") == "r")
        #expect(segmenter.partOfSpeech(of: "英才计划") == "nz")
        #expect(segmenter.partOfSpeech(of: "不是词语的串") == nil)
    }

    /// Which line's tag counts, in the main dictionary and in user dictionaries, and that the
    /// cache keeps the tags.
    @Test func tagRulesAndCache() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let model = try TinyModel(
            directory: directory,
            dictionary: "甲乙 10 n\n甲乙 5 v\n丙丁 3\n戊己 4 a b\n庚辛 7 ns\n壬癸 2 vn\n",
            userDictionaries: ["庚辛 9\n壬癸 nz\n子丑 5 v\n"])
        var options = model.options
        options.usesCache = true
        let compiled = try Segmenter(options: options)
        let cached = try Segmenter(options: options)
        guard case .cache = cached.modelSource else {
            Issue.record("the second segmenter should come from the cache, came from \(cached.modelSource)")
            return
        }
        for segmenter in [compiled, cached] {
            #expect(segmenter.partOfSpeech(of: "甲乙") == "v")   // a later line replaces the tag
            #expect(segmenter.partOfSpeech(of: "丙丁") == nil)   // no third field
            #expect(segmenter.partOfSpeech(of: "戊己") == nil)   // four fields: not `word freq tag`
            #expect(segmenter.partOfSpeech(of: "庚辛") == "ns")  // a user line without a tag keeps it
            #expect(segmenter.partOfSpeech(of: "壬癸") == "nz")  // a user line's tag replaces it
            #expect(segmenter.partOfSpeech(of: "子丑") == "v")
            #expect(segmenter.partOfSpeech(of: "甲") == nil)     // a prefix, not a word
            #expect(segmenter.partOfSpeech(of: "") == nil)
        }
    }
}
