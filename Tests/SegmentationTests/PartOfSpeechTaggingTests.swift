import Foundation
import Testing

@testable import Segmentation

/// `shared/` beside the package (as for the seed corpus), else the machine's `/work/shared`.
let sharedFolder: String = {
    let besidePackage = packageRoot + "/../shared"
    return FileManager.default.fileExists(atPath: besidePackage + "/corpus") ? besidePackage : "/work/shared"
}()

/// jieba.posseg's model, cached like the segmenters of the suite.
let jiebaPartOfSpeechModel = Result { () throws(SegmentationError) in
    try PartOfSpeechModel(cacheDirectory: sharedCacheDirectory)
}

/// `list(jieba.posseg.cut(line, HMM=hmm))` for each line, as `[word, tag]` pairs, after loading
/// `userDictionaries` with `jieba.load_userdict`.
func jiebaPosseg(_ lines: [String], hmm: Bool, userDictionaries: [String] = []) throws -> [[[String]]] {
    let script = """
        import sys, json, jieba, jieba.posseg
        jieba.setLogLevel(60)
        lines = json.load(open(sys.argv[1], encoding='utf-8'))
        hmm = sys.argv[2] == '1'
        for path in sys.argv[3:]:
            jieba.load_userdict(path)
        json.dump([[[w, t] for w, t in jieba.posseg.cut(line, HMM=hmm)] for line in lines],
                  open(sys.argv[1] + '.out', 'w'))
        """
    let result = try runJieba(script, input: lines, arguments: [hmm ? "1" : "0"] + userDictionaries, as: [[[String]]].self)
    guard result.count == lines.count else {
        throw JiebaFailure(message: "returned \(result.count) results for \(lines.count) lines")
    }
    return result
}

/// Tagged words as comparable values: scalars (String's == would take "e\u{301}" for "é") and tag.
private func comparable(_ words: [TaggedWord]) -> [[[UInt32]]] {
    words.map { [$0.word.unicodeScalars.map(\.value), $0.tag.unicodeScalars.map(\.value)] }
}

private func comparable(_ pairs: [[String]]) -> [[[UInt32]]] {
    pairs.map { pair in pair.map { $0.unicodeScalars.map(\.value) } }
}

private func describe(_ pairs: [[String]]) -> String {
    pairs.map { $0.joined(separator: "/") }.joined(separator: " ")
}

private func describe(_ words: [TaggedWord]) -> String {
    words.map(\.description).joined(separator: " ")
}

/// `Segmenter.tag` and `tagUnknown` against jieba.posseg itself (`/usr/bin/python3`).
@Suite(.serialized) struct PartOfSpeechTaggingTests {
    /// Every line of the seed corpus.
    static func seedLines() throws -> [String] {
        try String(contentsOfFile: sharedFolder + "/corpus/seed/000_456eef7012d4fdcb.txt", encoding: .utf8)
            .components(separatedBy: "\n")
    }

    /// The bench documents (`shared/bench/*/*.txt`), sorted by path in code-point order, as lines.
    /// Python's posseg takes about a minute for all 119 (6 MB, 21,424 lines), so by default the
    /// test takes every tenth file of that order (12 files, 0.5 MB, 1,864 lines); with
    /// `CIPIN_POSSEG_FULL_BENCH=1` in the environment, all of them.
    static func benchLines() throws -> [String] {
        let root = sharedFolder + "/bench"
        var paths: [String] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: root) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + folder, isDirectory: &isDirectory), isDirectory.boolValue
            else { continue }
            for name in try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder) where name.hasSuffix(".txt") {
                paths.append(root + "/" + folder + "/" + name)
            }
        }
        paths.sort { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        #expect(paths.count >= 100, "the bench documents are missing from \(root)")
        let full = ProcessInfo.processInfo.environment["CIPIN_POSSEG_FULL_BENCH"] == "1"
        let chosen = full ? paths : paths.enumerated().filter { $0.offset % 10 == 0 }.map(\.element)
        return try chosen.flatMap { try String(contentsOfFile: $0, encoding: .utf8).components(separatedBy: "\n") }
    }

    /// Compares `tag` with `jieba.posseg.cut` line by line; returns (lines, words, differences).
    static func compare(
        _ segmenter: Segmenter, _ lines: [String], hmm: Bool, userDictionaries: [String] = []
    ) throws -> (lines: Int, words: Int, differences: [String]) {
        let model = try jiebaPartOfSpeechModel.get()
        let expected = try jiebaPosseg(lines, hmm: hmm, userDictionaries: userDictionaries)
        var differences: [String] = []
        var words = 0
        for (line, reference) in zip(lines, expected) {
            let ours = segmenter.tag(line, model: model)
            words += reference.count
            if comparable(ours) != comparable(reference) {
                differences.append("\(line.debugDescription)\n  jieba: \(describe(reference))\n  cipin: \(describe(ours))")
            }
        }
        return (lines.count, words, differences)
    }

    static func expectNoDifference(_ result: (lines: Int, words: Int, differences: [String]), _ name: String) {
        print("posseg parity, \(name): \(result.lines) lines, \(result.words) words, \(result.differences.count) lines differ")
        #expect(result.differences.isEmpty,
                "\(name): \(result.differences.count) of \(result.lines) lines differ, e.g.\n\(result.differences.prefix(3).joined(separator: "\n"))")
    }

    // MARK: Parity on real text

    @Test func seedAndBenchWithJiebasDictionary() throws {
        let lines = try Self.seedLines() + Self.benchLines()
        #expect(lines.count > 2500)
        let result = try Self.compare(try realSegmenter.get(), lines, hmm: true)
        #expect(result.words > 80_000)
        Self.expectNoDifference(result, "seed and bench, jieba's dictionary")
    }

    @Test func seedAndBenchWithPartyBuildingDictionary() throws {
        let lines = try Self.seedLines() + Self.benchLines()
        let path = packageRoot + "/" + partyBuildingDictionaryPath
        let result = try Self.compare(try partyBuildingSegmenter.get(), lines, hmm: true, userDictionaries: [path])
        Self.expectNoDifference(result, "seed and bench, party-building dictionary")
        // The user dictionary's words and tags are in use: 双招双引 is cut whole and tagged nz.
        let model = try jiebaPartOfSpeechModel.get()
        #expect(try partyBuildingSegmenter.get().tag("深化双招双引工作", model: model).map(\.description)
                == ["深化/j", "双招双引/nz", "工作/vn"])
    }

    @Test func seedAndBenchWithoutHMM() throws {
        let lines = try Self.seedLines() + Self.benchLines()
        Self.expectNoDifference(try Self.compare(try realSegmenterWithoutHMM.get(), lines, hmm: false), "seed and bench, HMM off")
    }

    /// Every buffer `jieba.cut` gives to finalseg in the seed and the bench texts (found by
    /// wrapping `jieba.finalseg.cut`), tagged by posseg's private `__cut_detail`.
    @Test func tagUnknownEqualsCutDetailOnFinalsegsBuffers() throws {
        let lines = try Self.seedLines() + Self.benchLines()
        let path = packageRoot + "/" + partyBuildingDictionaryPath
        let script = """
            import sys, json, jieba, jieba.finalseg, jieba.posseg
            jieba.setLogLevel(60)
            lines = json.load(open(sys.argv[1], encoding='utf-8'))
            for path in sys.argv[2:]:
                jieba.load_userdict(path)
            buffers = []
            original = jieba.finalseg.cut
            def record(buffer):
                buffers.append(buffer)
                return original(buffer)
            jieba.finalseg.cut = record
            for line in lines:
                list(jieba.cut(line))
            distinct = sorted(set(buffers))
            detail = jieba.posseg.dt._POSTokenizer__cut_detail
            json.dump({'count': len(buffers), 'buffers': distinct,
                       'tagged': [[[w, t] for w, t in detail(b)] for b in distinct]},
                      open(sys.argv[1] + '.out', 'w'))
            """
        struct Buffers: Decodable {
            let count: Int
            let buffers: [String]
            let tagged: [[[String]]]
        }
        let segmenter = try realSegmenter.get()
        let model = try jiebaPartOfSpeechModel.get()
        for dictionaries in [[], [path]] {
            let reference = try runJieba(script, input: lines, arguments: dictionaries, as: Buffers.self)
            #expect(reference.buffers.count > 1000)
            var differences: [String] = []
            var words = 0
            for (buffer, expected) in zip(reference.buffers, reference.tagged) {
                words += expected.count
                let ours = segmenter.tagUnknown(buffer, model: model)
                if comparable(ours) != comparable(expected) {
                    differences.append("\(buffer.debugDescription): jieba \(describe(expected)), cipin \(describe(ours))")
                }
            }
            print("tagUnknown parity\(dictionaries.isEmpty ? "" : " (party-building dictionary)"): \(reference.count) buffers, "
                  + "\(reference.buffers.count) distinct, \(words) words, \(differences.count) differ")
            #expect(differences.isEmpty, "\(differences.count) buffers differ, e.g. \(differences.prefix(3))")
        }
    }

    // MARK: Hand-made cases, still checked against jieba

    @Test func handMadeLines() throws {
        let lines = [
            "", " ", "\r\n", "a\r\nb", "\r\r\n\n", "\n", "\t制表\t符\u{0B}", "　全角空格　", "\u{A0}不换行\u{2028}分隔",
            "增长3.5%，达到12.8万亿元", "GDP增长6.1%。", "iPhone12和C++、C#、AT&T", "1.2.3.4版本", "x86_64架构",
            "e-mail和Wi-Fi", "a.b.c", ".5%", "100%%", "--版本--", "２０２１年１１月", "ＣＯＶＩＤ－１９疫情",
            "😀表情👍🏽和👨‍👩‍👧", "𠀀𠀁汉字扩展B", "e\u{301}和é", "\u{FEFF}开头", "零宽\u{200B}空格",
            "中文English混合Text123", "abc123.45def6.7.8", "丄丅丆丌学习", "杭研大厦丏", "我爱北京天安门",
            "他来到了网易杭研大厦", "小明硕士毕业于中国科学院计算所，后在日本京都大学深造", "深化双招双引工作",
        ]
        for (segmenter, hmm) in [(try realSegmenter.get(), true), (try realSegmenterWithoutHMM.get(), false)] {
            Self.expectNoDifference(try Self.compare(segmenter, lines, hmm: hmm), "hand-made lines, HMM \(hmm ? "on" : "off")")
        }
        let model = try jiebaPartOfSpeechModel.get()
        #expect(try realSegmenter.get().tag("", model: model).isEmpty)
        #expect(try realSegmenter.get().tag("a\r\nb", model: model).map(\.description) == ["a/x", "\r\n/x", "b/x"])  // a lone letter: its dictionary tag, none
        // posseg's blocks leave out `%` and `-`, unlike jieba.cut's: 3.5% is two words.
        #expect(try realSegmenter.get().tag("增长3.5%", model: model).map(\.description) == ["增长/v", "3.5/m", "%/x"])
        // HMM off: single ASCII letters and digits glued and tagged eng.
        #expect(try realSegmenterWithoutHMM.get().tag("x86_64架构", model: model).map(\.description)
                == ["x86/eng", "_/x", "64/eng", "架构/n"])
    }

    @Test func handMadeBuffers() throws {
        let segmenter = try realSegmenter.get()
        let model = try jiebaPartOfSpeechModel.get()
        // Characters absent from char_state_tab (丄丅丆丌丏: every state is tried, ties and all),
        // digits, letters and dots mixed with Han, and what is neither.
        let buffers = [
            "", "杭研", "丄丅", "丆丌学习", "研丏", "丄", "abc123.45中文x86_64..5%+#&_-", "3.14", "a.b", ".5", "...", "12ab",
            "ab12", "1a2b", "ＡＢＣ１２３", "é😀中", "中\u{301}文", " 空 格 ", "\r\n", "C++", "第1.5版",
        ]
        let script = """
            import sys, json, jieba, jieba.posseg
            from jieba.posseg.char_state_tab import P as table
            jieba.setLogLevel(60)
            buffers = json.load(open(sys.argv[1], encoding='utf-8'))
            detail = jieba.posseg.dt._POSTokenizer__cut_detail
            json.dump({'absent': [c for c in '丄丅丆丌丏' if c not in table],
                       'tagged': [[[w, t] for w, t in detail(b)] for b in buffers]}, open(sys.argv[1] + '.out', 'w'))
            """
        struct Reference: Decodable {
            let absent: [String]
            let tagged: [[[String]]]
        }
        let reference = try runJieba(script, input: buffers, as: Reference.self)
        #expect(reference.absent == ["丄", "丅", "丆", "丌", "丏"])
        for (buffer, expected) in zip(buffers, reference.tagged) {
            let ours = segmenter.tagUnknown(buffer, model: model)
            #expect(comparable(ours) == comparable(expected), "\(buffer.debugDescription): jieba \(describe(expected)), cipin \(describe(ours))")
        }
        #expect(segmenter.tagUnknown("", model: model).isEmpty)
        #expect(segmenter.tagUnknown("abc123.45%", model: model).map(\.description) == ["abc123/eng", ".45/m", "%/x"])
    }

    /// The cached model is read into memory, not mapped: its tables index memory with values from
    /// the file, checked once, so a cache file overwritten in place afterwards (by another program:
    /// Cipin renames) must change nothing. A mapping would show the new bytes.
    @Test func aCachedModelIsNotChangedByItsFileOverwrittenInPlace() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        _ = try PartOfSpeechModel(cacheDirectory: directory)
        let cached = try PartOfSpeechModel(cacheDirectory: directory)
        guard case .cache(let path) = cached.modelSource else {
            Issue.record("the second model should come from the cache, came from \(cached.modelSource)")
            return
        }
        let segmenter = try realSegmenter.get()
        let buffers = ["江苏省委组织部", "习近平新时代中国特色社会主义思想", "苏州工业园区人才工作"]
        let before = buffers.map { comparable(segmenter.tagUnknown($0, model: cached)) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        try handle.write(contentsOf: Data(repeating: 0, count: size))
        try handle.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0, count: size))
        #expect(buffers.map { comparable(segmenter.tagUnknown($0, model: cached)) } == before)
        #expect(before.allSatisfy { !$0.isEmpty })
    }

    /// A tiny model whose probabilities tie everywhere, with a character that no state emits (五),
    /// one absent from char_state_tab (三), one listed with no state (六), a `-1e999` (-inf)
    /// transition, a state without transitions, and the cases where jieba raises ValueError (the
    /// one deviation): every buffer of one to four characters from 一二三四五六 a 1 . %, against
    /// jieba.posseg's own functions run on the same files.
    @Test func tiesAndTheDeviationOnATinyModel() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        try writeTinyPartOfSpeechModel(in: directory)
        let model = try PartOfSpeechModel(folder: directory, cacheDirectory: nil)
        #expect(model.stateCount == 8)
        // Python's tuple order: ('B','a') < ('B','n') < ('E','a') < … < ('S','x').
        #expect(model.tables.stateLetters == ["B", "B", "E", "E", "M", "S", "S", "S"])
        #expect(model.tables.stateTags == ["a", "n", "a", "n", "a", "a", "n", "x"])

        let alphabet = ["一", "二", "三", "四", "五", "六", "a", "1", ".", "%"]
        var buffers = alphabet
        var previous = alphabet
        for _ in 2...4 {
            previous = previous.flatMap { prefix in alphabet.map { prefix + $0 } }
            buffers += previous
        }
        let script = """
            import sys, json, jieba, jieba.posseg as posseg
            jieba.setLogLevel(60)
            buffers = json.load(open(sys.argv[1], encoding='utf-8'))
            def load(name):
                space = {}
                exec(open(sys.argv[2] + '/' + name, encoding='utf-8').read(), space)
                return space['P']
            posseg.start_P = load('prob_start.py')
            posseg.trans_P = load('prob_trans.py')
            posseg.emit_P = load('prob_emit.py')
            posseg.char_state_tab_P = load('char_state_tab.py')
            result = []
            for b in buffers:
                try:
                    result.append([[w, t] for w, t in posseg.dt._POSTokenizer__cut_detail(b)])
                except ValueError:
                    result.append(None)
            json.dump(result, open(sys.argv[1] + '.out', 'w'))
            """
        let expected = try runJieba(script, input: buffers, arguments: [directory], as: [[[String]]?].self)
        let segmenter = try realSegmenter.get()
        var compared = 0
        var deviations: [String] = []
        for (buffer, reference) in zip(buffers, expected) {
            let ours = segmenter.tagUnknown(buffer, model: model)
            guard let reference else {
                // jieba fails; Cipin restarts the path and still covers every character.
                deviations.append(buffer)
                #expect(!ours.isEmpty && ours.allSatisfy { !$0.word.isEmpty })
                continue
            }
            compared += 1
            #expect(comparable(ours) == comparable(reference), "\(buffer): jieba \(describe(reference)), cipin \(describe(ours))")
        }
        #expect(compared > 5000)
        #expect(deviations.contains("二一") && deviations.count > 100)
        // The deviation on 二一: 二 can only be ('S','x'), which has no transitions; the path
        // restarts at 一 as at the first character (all ties, so the largest of its states, ('S','n')).
        #expect(segmenter.tagUnknown("二一", model: model).map(\.description) == ["二/x", "一/n"])
        // 六 lists no state: as the first character it takes every state (all tie: ('S','x') wins);
        // later it takes the states the previous ones can go to, as in jieba.
        #expect(deviations.contains("六") && !deviations.contains("一六"))
        #expect(segmenter.tagUnknown("六", model: model).map(\.description) == ["六/x"])
    }

    // MARK: Loading

    @Test func cacheRoundTripAndRebuild() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let compiled = try PartOfSpeechModel(cacheDirectory: directory)
        guard case .compiled(let cachePath?, nil) = compiled.modelSource else {
            Issue.record("the first load should compile and save, got \(compiled.modelSource)")
            return
        }
        let cached = try PartOfSpeechModel(cacheDirectory: directory)
        #expect(cached.modelSource == .cache(path: cachePath))
        let uncached = try PartOfSpeechModel(cacheDirectory: nil)
        #expect(uncached.modelSource == .compiled(cachePath: nil, cacheError: nil))
        let segmenter = try realSegmenter.get()
        let lines = try Self.seedLines().prefix(200) + ["丄丅丆丌学习", "abc123.45中文"]
        for line in lines {
            let reference = comparable(segmenter.tag(line, model: uncached))
            #expect(comparable(segmenter.tag(line, model: compiled)) == reference)
            #expect(comparable(segmenter.tag(line, model: cached)) == reference)
        }
        // A damaged cache is not trusted: it is rebuilt.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cachePath)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: cachePath))
        let rebuilt = try PartOfSpeechModel(cacheDirectory: directory)
        #expect(rebuilt.modelSource == .compiled(cachePath: cachePath, cacheError: nil))
        #expect(try PartOfSpeechModel(cacheDirectory: directory).modelSource == .cache(path: cachePath))
    }

    @Test func missingFilesSayWhatToInstall() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let expected = SegmentationError.modelFileMissing(path: directory + "/prob_start.py", part: .partOfSpeech)
        #expect(throws: expected) { try PartOfSpeechModel(folder: directory, cacheDirectory: nil) }
        #expect(expected.errorDescription == directory + "/prob_start.py: jieba.posseg model file not found "
                + "(parts of speech need jieba/posseg/); install it with `apt-get install python3-jieba`")
        try writeTinyPartOfSpeechModel(in: directory)
        try FileManager.default.removeItem(atPath: directory + "/char_state_tab.py")
        #expect(throws: SegmentationError.modelFileMissing(path: directory + "/char_state_tab.py", part: .partOfSpeech)) {
            try PartOfSpeechModel(folder: directory, cacheDirectory: nil)
        }
    }

    /// Each malformed file is named with the line and column of what is wrong.
    @Test func malformedFilesNameTheLine() throws {
        let cases: [(file: String, text: String, line: Int, column: Int, reason: String)] = [
            ("prob_trans.py", "P={('B', 'a'): {('E', 'a'): -0.5,\n ('M' 'a'): 1}}", 2, 7, "expected \",\" or \")\" in a tuple"),
            ("prob_trans.py", "P={('B', 'a'): {('E', 'a'): -0.5},\n ('B',): {}}", 2, 2,
             "('B',) is not a state, a pair of strings such as ('B', 'n')"),
            ("prob_trans.py", "P={('B', 'a'): {('E', 'a'): -0.5},\n ('E', 'a'): {('Q', 'a'): -1.0}}", 2, 15,
             "the target ('Q', 'a') is not a state of prob_trans.py (jieba would fail on it)"),
            ("prob_start.py", "P={('B', 'a'): -1.0,\n('E', 'a'): 'x'}", 2, 1, "the value of ('E', 'a') is not a number"),
            ("prob_start.py", "P={('B', 'a'): -1.0}", 1, 1, "no start probability for state ('E', 'a')"),
            ("prob_emit.py", "P={('B', 'a'): {'一': -1.0},\n ('E', 'a'): {'一': 1e999}}", 2, 15,
             "the value of '一' is +infinity, not a log probability"),
            ("char_state_tab.py", "from __future__ import unicode_literals\n\nP={'一': (('B', 'a'),),\n '二': (('S', 'z'),)}", 4, 2,
             "the state ('S', 'z') is not a state of prob_trans.py (jieba would fail on it)"),
            ("char_state_tab.py", "P = [1]", 1, 5, "expected a dict, string or number, found \"[\""),
        ]
        let base = (
            start: "P={('B', 'a'): -1.0, ('E', 'a'): -1.0}",
            transition: "P={('B', 'a'): {('E', 'a'): -0.5},\n ('E', 'a'): {('B', 'a'): -1.0}}",
            emission: "P={('B', 'a'): {'一': -1.0},\n ('E', 'a'): {'一': -1.0}}",
            characterStates: "P={'一': (('B', 'a'), ('E', 'a'))}")
        for item in cases {
            let directory = try makeTemporaryDirectory()
            defer { removeTemporaryDirectory(directory) }
            try write(base.start, to: "prob_start.py", in: directory)
            try write(base.transition, to: "prob_trans.py", in: directory)
            try write(base.emission, to: "prob_emit.py", in: directory)
            try write(base.characterStates, to: "char_state_tab.py", in: directory)
            #expect(throws: Never.self) { try PartOfSpeechModel(folder: directory, cacheDirectory: nil) }
            try write(item.text, to: item.file, in: directory)
            let path = directory + "/" + item.file
            let expected = SegmentationError.invalidPartOfSpeechModelFile(
                path: path, line: item.line, column: item.column, reason: item.reason)
            #expect(throws: expected, "\(item.file): \(item.text)") { try PartOfSpeechModel(folder: directory, cacheDirectory: nil) }
        }
        let error = SegmentationError.invalidPartOfSpeechModelFile(path: "p/prob_emit.py", line: 3, column: 4, reason: "why")
        #expect(error.errorDescription == "p/prob_emit.py:3:4: why; expected jieba.posseg's `P = {…}` table "
                + "(reinstall it with `apt-get install --reinstall python3-jieba`)")
        // Not UTF-8: the byte's line and column.
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        try writeTinyPartOfSpeechModel(in: directory)
        try write(Array("P={('B', 'a'): -1.0,\n ('E', 'a'): -1.0".utf8) + [0xFF] + Array("}".utf8), to: "prob_start.py", in: directory)
        #expect(throws: SegmentationError.invalidPartOfSpeechModelFile(
            path: directory + "/prob_start.py", line: 2, column: 18, reason: "not valid UTF-8")) {
            try PartOfSpeechModel(folder: directory, cacheDirectory: nil)
        }
    }

    // MARK: The reader and threads

    @Test func pythonTuplesAndTables() throws {
        let source = """
            from __future__ import unicode_literals

            P={'\\u4e00': (('B', 'm'),
                         ('S', 'm')),
             ('B', 'a'): {('E', 'a'): -0.5},
             'x': ('only'), 'y': ('one',), 'z': ()}
            """
        let value = try PythonLiteral.tableAssignment(named: "P", in: source)
        let pair: (String, String) -> PythonLiteral = { .tuple([.string($0), .string($1)]) }
        #expect(value == .table([
            .init(key: .string("一"), value: .tuple([pair("B", "m"), pair("S", "m")]), line: 3, column: 4),
            .init(key: pair("B", "a"), value: .table([.init(key: pair("E", "a"), value: .number(-0.5), line: 5, column: 15)],
                                                     line: 5, column: 14), line: 5, column: 2),
            .init(key: .string("x"), value: .string("only"), line: 6, column: 2),
            .init(key: .string("y"), value: .tuple([.string("one")]), line: 6, column: 17),
            .init(key: .string("z"), value: .tuple([]), line: 6, column: 32),
        ], line: 3, column: 3))
        // The plain reader (finalseg's files) still takes no tuples.
        #expect(throws: PythonLiteral.ParseError(line: 1, column: 4, message: "expected a dict, string or number, found \"(\"")) {
            try PythonLiteral.assignment(named: "P", in: "P={('B', 'a'): 1}")
        }
    }

    /// `tagUnknown` from several threads at once gives what it gives on one.
    @Test func tagUnknownFromManyThreads() throws {
        let segmenter = try realSegmenter.get()
        let model = try jiebaPartOfSpeechModel.get()
        let buffers = try Self.seedLines().filter { !$0.isEmpty }.prefix(300).map { String($0.prefix(40)) }
        let serial = buffers.map { describe(segmenter.tagUnknown($0, model: model)) }
        let results = ResultBox(count: buffers.count)
        DispatchQueue.concurrentPerform(iterations: buffers.count) { index in
            results.set(index, describe(segmenter.tagUnknown(buffers[index], model: model)))
        }
        #expect(results.values == serial)
        // One tagger for all of them, its working memory reused from a long text to a short one
        // and back (buffers in both orders, whole lines through `tag` in between): the same words.
        let tagger = PartOfSpeechTagger(segmenter: segmenter, model: model)
        #expect(buffers.map { describe(tagger.tagUnknown($0)) } == serial)
        #expect(buffers.prefix(50).map { describe(tagger.tag($0)) } == buffers.prefix(50).map { describe(segmenter.tag($0, model: model)) })
        #expect(buffers.reversed().map { describe(tagger.tagUnknown($0)) } == serial.reversed())
    }
}

/// Results written from several threads, each to its own slot.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]
    init(count: Int) { storage = Array(repeating: "", count: count) }
    func set(_ index: Int, _ value: String) { lock.withLock { storage[index] = value } }
    var values: [String] { lock.withLock { storage } }
}

/// A posseg model of eight states whose probabilities tie almost everywhere (see
/// `tiesAndTheDeviationOnATinyModel`).
func writeTinyPartOfSpeechModel(in directory: String) throws {
    try write("""
        P={('B', 'a'): -1.0, ('E', 'a'): -1.0, ('M', 'a'): -1.0, ('S', 'a'): -1.0,
         ('B', 'n'): -1.0, ('E', 'n'): -1.0, ('S', 'n'): -1.0, ('S', 'x'): -1.0}
        """, to: "prob_start.py", in: directory)
    try write("""
        P={('B', 'a'): {('E', 'a'): -0.5, ('M', 'a'): -0.5},
         ('E', 'a'): {('B', 'a'): -1.0, ('S', 'a'): -1.0, ('B', 'n'): -1.0, ('S', 'n'): -1.0},
         ('M', 'a'): {('E', 'a'): -0.5, ('M', 'a'): -0.5},
         ('S', 'a'): {('B', 'a'): -1.0, ('S', 'a'): -1.0, ('B', 'n'): -1.0, ('S', 'n'): -1.0},
         ('B', 'n'): {('E', 'n'): -0.5},
         ('E', 'n'): {('B', 'a'): -1.0, ('S', 'a'): -1.0, ('B', 'n'): -1.0, ('S', 'n'): -1.0, ('S', 'x'): -1e999},
         ('S', 'n'): {('B', 'a'): -1.0, ('S', 'a'): -1.0, ('B', 'n'): -1.0, ('S', 'n'): -1.0, ('S', 'x'): -1e999},
         ('S', 'x'): {}}
        """, to: "prob_trans.py", in: directory)
    try write("""
        P={('B', 'a'): {'一': -1.0, '二': -1.0, '三': -1.0},
         ('E', 'a'): {'一': -1.0, '二': -1.0, '三': -1.0, '四': -2.0},
         ('M', 'a'): {'一': -1.0, '三': -1.0},
         ('S', 'a'): {'一': -1.0, '二': -1.0, '三': -1.0},
         ('B', 'n'): {'一': -1.0, '三': -1.0, '四': -1.0},
         ('E', 'n'): {'一': -1.0, '三': -1.0, '四': -1.0},
         ('S', 'n'): {'一': -1.0, '二': -1.0, '三': -1.0},
         ('S', 'x'): {'二': -1.0}}
        """, to: "prob_emit.py", in: directory)
    try write("""
        P={'一': (('B', 'a'), ('E', 'a'), ('M', 'a'), ('S', 'a'), ('B', 'n'), ('E', 'n'), ('S', 'n')),
         '二': (('S', 'x'),),
         '四': (('B', 'n'), ('E', 'n')),
         '六': ()}
        """, to: "char_state_tab.py", in: directory)
}
