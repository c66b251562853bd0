import Foundation
import Testing

@testable import Segmentation

/// User dictionaries as jieba's `load_userdict` and `add_word` treat them.
@Suite struct UserDictionaryTests {
    /// 北京 100, 北 10, 京 10, 大学 50, 大 30, 学 20: total 220, no 北京大学.
    static let dictionary = "北京 100\n北 10\n京 10\n大学 50\n大 30\n学 20\n"

    @Test func missingFrequencyIsSuggestedFromTheDictionaryAsItStands() throws {
        // 京大: cut(HMM=False) gives 京 / 大, so int(10/220 · 30/220 · 220) + 1 = int(1.36) + 1 = 2;
        // total becomes 222. Then 北京大学: 北京 / 大学, int(100 · 50 / 222) + 1 = 23; total 245.
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try TinyModel(
            directory: directory, dictionary: Self.dictionary, userDictionaries: ["京大\n北京大学 nt\n"]
        ).segmenter()
        #expect(segmenter.frequency(of: "京大") == 2)
        #expect(segmenter.frequency(of: "北京大学") == 23)
        #expect(segmenter.totalFrequency == 245)
        // log(23/245) = -2.366 now beats log(100/245) + log(50/245) = -2.486.
        #expect(words(segmenter, "北京大学") == ["北京大学"])
    }

    @Test func explicitFrequencyReplacesTheWordsButTotalKeepsBoth() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try TinyModel(
            directory: directory, dictionary: Self.dictionary, userDictionaries: ["北京 7 ns\n"]
        ).segmenter()
        #expect(segmenter.frequency(of: "北京") == 7)
        #expect(segmenter.totalFrequency == 227)
    }

    @Test func byteOrderMarkCRLFBlankLinesAndCommentsAreAccepted() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let text = "\u{FEFF}京大 5\r\n\r\n# 北京大学 1000\r\n   \r\n大京 3 n\r\n"
        let segmenter = try TinyModel(directory: directory, dictionary: Self.dictionary, userDictionaries: [text]).segmenter()
        #expect(segmenter.frequency(of: "京大") == 5)
        #expect(segmenter.frequency(of: "大京") == 3)
        #expect(segmenter.frequency(of: "北京大学") == nil)
        #expect(segmenter.frequency(of: "#") == nil)
        #expect(segmenter.totalFrequency == 228)
        #expect(segmenter.diagnostics.isEmpty)
    }

    @Test func severalDictionariesApplyInOrder() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try TinyModel(
            directory: directory, dictionary: Self.dictionary, userDictionaries: ["京大 5\n", "京大 9\n"]
        ).segmenter()
        #expect(segmenter.frequency(of: "京大") == 9)
        #expect(segmenter.totalFrequency == 234)
    }

    @Test func linesAreReadWithJiebasPattern() {
        func parse(_ line: String) -> (String, PythonInteger?, String?) {
            let entry = UserDictionaryEntry(parsing: line.unicodeScalars.map(\.value))
            return (DictionaryFile.string(entry.word), entry.frequency, entry.tag)
        }
        #expect(parse("双招双引 12 nz") == ("双招双引", .value(12), "nz"))
        #expect(parse("双招双引 nz") == ("双招双引", nil, "nz"))
        #expect(parse("双招双引") == ("双招双引", nil, nil))
        #expect(parse("New York 10") == ("New York", .value(10), nil))
        #expect(parse("a 1 2") == ("a 1", .value(2), nil))
        #expect(parse("COVID-19 5") == ("COVID-19", .value(5), nil))
        #expect(parse("双招双引 1.5") == ("双招双引 1.5", nil, nil))
        #expect(parse("双招双引 10 NR") == ("双招双引 10 NR", nil, nil))
        #expect(parse("双招双引 10 n x") == ("双招双引 10 n", nil, "x"))
    }

    @Test func wordsThatCanNeverMatchAreAcceptedWithAWarning() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let model = try TinyModel(
            directory: directory, dictionary: Self.dictionary, userDictionaries: ["New York 10\n中国·北京\n京大\n"])
        let segmenter = try model.segmenter()
        let path = model.options.userDictionaryPaths[0]
        #expect(segmenter.diagnostics.map(\.description) == [
            "\(path):1: \"New York\" contains a space; jieba splits text at white space before looking words up, "
                + "so this entry never takes effect",
            "\(path):2: \"中国·北京\" contains \"·\", which jieba's precise mode never joins into a word "
                + "(only Han \\u4E00-\\u9FD5, ASCII letters and digits and + # & . _ % - are), so this entry never takes effect",
        ])
        #expect(segmenter.frequency(of: "New York") == 10)
        #expect(segmenter.frequency(of: "京大") != nil)
    }

    @Test(arguments: [
        ("双招双引 1.5\n", "frequency \"1.5\" is not a whole number", "双招双引 1.5"),
        ("双招双引\t10\n", "a tab separates the fields", "双招双引\t10"),
        ("双招双引  10\n", "more than one space between fields", "双招双引 "),
        ("双招双引 10 NR\n", "tag \"NR\" is not lowercase letters a-z", "双招双引 10 NR"),
        ("双招双引 10 n x y\n", "too many fields", "双招双引 10 n x"),
        ("双招双引 -5\n", "frequency \"-5\" is not a whole number", "双招双引 -5"),
    ])
    func misreadLineIsAnErrorNamingTheLine(line: String, reason: String, jiebaWord: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let model = try TinyModel(directory: directory, dictionary: Self.dictionary, userDictionaries: ["京大\n" + line])
        let path = model.options.userDictionaryPaths[0]
        let text = String(line.dropLast())
        let format = "a line is `word [frequency] [tag]` separated by single spaces, "
            + "the frequency a whole number, the tag lowercase letters"
        let consequence = "; jieba would take \"\(jiebaWord)\", white space included, as the word, "
            + "which can never match because jieba splits text at white space"
        let expected = "\(path):2: invalid user dictionary entry \"\(text)\": \(reason); \(format)\(consequence)"
        #expect(performing: { _ = try model.segmenter() }, throws: { error in
            (error as? SegmentationError)?.errorDescription == expected
        })
    }

    /// A file whose lines end in CR alone is one line to jieba (and to Cipin): refused with the
    /// reason, not as a line of too many fields.
    @Test func linesEndingInCRAloneAreNamed() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        // The second line, in each; the first a comment in the last (a file that starts with `#`
        // is one comment to a reader of LF lines).
        for (content, shown) in [("京大\n人才工作 5 n\r干部队伍 3 n\r", "人才工作 5 n…"), ("京大\n人才工作\r干部队伍\r", "人才工作…"),
                                 ("# 词表\n# 注释\r人才工作 5\r", "# 注释…")] {
            let model = try TinyModel(directory: directory, dictionary: Self.dictionary, userDictionaries: [content])
            let expected = "\(model.options.userDictionaryPaths[0]):2: invalid user dictionary entry \"\(shown)\": "
                + "a carriage return (CR) inside the line: the file's lines end in CR alone"
            #expect(performing: { _ = try model.segmenter() }, throws: { error in
                ((error as? SegmentationError)?.errorDescription ?? "").hasPrefix(expected)
            })
        }
    }

    /// A word longer than 100 characters is refused at its line: its suggested frequency (a cut
    /// of the word, quadratic in its length once its prefixes are in the dictionary) took minutes
    /// for a pasted line of 70,000 characters. 100 characters, given twice without a frequency,
    /// are read.
    @Test func wordsLongerThanAHundredCharactersAreRefused() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let longest = String(repeating: "长", count: 100)
        let accepted = try TinyModel(directory: directory, dictionary: Self.dictionary,
                                     userDictionaries: ["\(longest)\n\(longest)\n人才工作 5\n"])
        #expect(try accepted.segmenter().cut(longest + "人才工作").map(String.init) == [longest, "人才工作"])
        let tooLong = try TinyModel(directory: directory, dictionary: Self.dictionary,
                                    userDictionaries: ["人才工作 5\n\(longest)长\n"])
        let expected = "\(tooLong.options.userDictionaryPaths[0]):2: invalid user dictionary entry \"\(String(repeating: "长", count: 20))…\": "
            + "a word of 101 characters; a user dictionary's words are at most 100 characters"
        #expect(performing: { _ = try tooLong.segmenter() }, throws: { error in
            ((error as? SegmentationError)?.errorDescription ?? "").hasPrefix(expected)
        })
    }

    /// White space other than ASCII's in a word is the word's own (jieba's fields are separated by
    /// one ASCII space): `人才\u{3000}工作 100` and `a\u{A0}b 5` are read as jieba reads them, words
    /// with their frequencies, with the warning that they never take effect; they once crashed
    /// the check for misread lines.
    @Test func otherWhiteSpaceInAWordIsTheWordsOwn() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let model = try TinyModel(directory: directory, dictionary: Self.dictionary,
                                  userDictionaries: ["人才\u{3000}工作 100\na\u{A0}b 5\n机器\u{3000}学习 5 n\n"])
        let segmenter = try model.segmenter()
        let path = model.options.userDictionaryPaths[0]
        #expect(segmenter.frequency(of: "人才\u{3000}工作") == 100)
        #expect(segmenter.frequency(of: "a\u{A0}b") == 5)
        #expect(segmenter.frequency(of: "机器\u{3000}学习") == 5)
        #expect(segmenter.diagnostics.map(\.description) == [
            "\(path):1: \"人才\u{3000}工作\" contains white space U+3000; jieba splits text at white space before looking words up, so this entry never takes effect",
            "\(path):2: \"a\u{A0}b\" contains white space U+00A0; jieba splits text at white space before looking words up, so this entry never takes effect",
            "\(path):3: \"机器\u{3000}学习\" contains white space U+3000; jieba splits text at white space before looking words up, so this entry never takes effect",
        ])
    }

    /// A frequency is at most 2^53 − 1, the largest whole number a Double holds exactly (jieba
    /// takes logarithms of the frequencies); a larger one is refused with that bound, even one that
    /// fits in 64 bits.
    @Test func frequencyIsAtMostTheLargestExactDouble() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let fitting = try TinyModel(directory: directory, dictionary: Self.dictionary, userDictionaries: ["超大 9007199254740991\n"])
        #expect(try fitting.segmenter().frequency(of: "超大") == 9_007_199_254_740_991)
        for value in ["9007199254740992", "9223372036854775807", "99999999999999999999"] {
            let model = try TinyModel(directory: directory, dictionary: Self.dictionary, userDictionaries: ["超大 \(value)\n"])
            let path = model.options.userDictionaryPaths[0]
            #expect(performing: { _ = try model.segmenter() }, throws: { error in
                (error as? SegmentationError)?.errorDescription
                    == "\(path):1: invalid user dictionary entry \"超大 \(value)\": frequency is too large (at most 9007199254740991)"
            })
        }
    }

    /// jieba's `total` is a Python integer: frequencies that sum past 2^63 − 1 (1,025 at the
    /// largest allowed) still add up exactly, `log(total)` and `suggest_freq` read it as Python's
    /// `float(total)`, and the words come out as jieba's (it was held at 2^63 − 1, which gave 甲乙丙丁
    /// another suggested frequency and cut 甲乙丙丁戊 otherwise).
    @Test func totalPastSixtyFourBitsIsJiebas() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let largest = "9007199254740991"
        var lines = (0...1024).map { String(format: "zzqx%05d \(largest)", $0) }
        lines += ["甲乙 \(largest)", "丙丁 \(largest)", "甲乙丙丁", "乙丙丁戊 302486272375"]
        let path = directory + "/big.txt"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let segmenter = try Segmenter(options: .init(userDictionaryPaths: [path], cacheDirectory: sharedCacheDirectory))
        let reference = try runJieba("""
            import sys, json, jieba
            jieba.setLogLevel(60)
            jieba.load_userdict(sys.argv[2])
            json.dump({'total': str(jieba.dt.total), 'freq': jieba.dt.FREQ['甲乙丙丁'],
                       'cut': [list(jieba.cut(line)) for line in json.load(open(sys.argv[1], encoding='utf-8'))]},
                      open(sys.argv[1] + '.out', 'w'))
            """, input: ["甲乙丙丁戊", "甲乙丙丁"], arguments: [path], as: Reference.self)
        #expect(String(segmenter.totalFrequency) == reference.total)
        #expect(Int128(reference.total)! > Int128(Int64.max))
        #expect(segmenter.frequency(of: "甲乙丙丁") == reference.freq)
        #expect(["甲乙丙丁戊", "甲乙丙丁"].map { words(segmenter, $0) } == reference.cut)
        // Loaded again, from the model cache: its 128-bit total reads back whole.
        let cached = try Segmenter(options: .init(userDictionaryPaths: [path], cacheDirectory: sharedCacheDirectory))
        #expect(String(cached.totalFrequency) == reference.total)
        #expect(["甲乙丙丁戊", "甲乙丙丁"].map { words(cached, $0) } == reference.cut)
    }

    struct Reference: Decodable {
        var total: String
        var freq: Int
        var cut: [[String]]
    }

    @Test func invalidUTF8IsReportedWithLineAndColumn() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let model = try TinyModel(directory: directory, dictionary: Self.dictionary)
        var options = model.options
        let path = try write(Array("京大\n".utf8) + [0xE5, 0x8C, 0x20, 0x31, 0x0A], to: "bad.txt", in: directory)
        options.userDictionaryPaths = [path]
        #expect(throws: SegmentationError.dictionaryNotUTF8(path: path, line: 2, column: 1)) {
            try Segmenter(options: options)
        }
        #expect(SegmentationError.dictionaryNotUTF8(path: path, line: 2, column: 1).errorDescription
            == "\(path):2:1: not valid UTF-8; save the dictionary as UTF-8 (jieba reads nothing else)")
    }

    @Test func hyphenatedWordsTakeEffect() throws {
        // jieba: COVID-19 / 疫情 / 和 / 新冠-疫苗 / 接种 / ， / Wi-Fi / 覆盖 (without the dictionary:
        // COVID / - / 19 / … / 新冠 / - / 疫苗 / … / Wi / - / Fi / 覆盖).
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = try write("COVID-19 10\n新冠-疫苗\nWi-Fi\n", to: "user.txt", in: directory)
        let segmenter = try Segmenter(options: .init(userDictionaryPaths: [path], usesCache: false))
        #expect(words(segmenter, "COVID-19疫情和新冠-疫苗接种，Wi-Fi覆盖")
            == ["COVID-19", "疫情", "和", "新冠-疫苗", "接种", "，", "Wi-Fi", "覆盖"])
        #expect(words(try realSegmenter.get(), "Wi-Fi") == ["Wi", "-", "Fi"])
    }

    @Test func partyBuildingDictionaryKeepsItsTermsWhole() throws {
        let segmenter = try partyBuildingSegmenter.get()
        #expect(segmenter.diagnostics.isEmpty)
        #expect(words(segmenter, "深化双招双引工作，发放英才卡，推行四议两公开，实行揭榜挂帅，开展两在两同活动。") == [
            "深化", "双招双引", "工作", "，", "发放", "英才卡", "，", "推行", "四议两公开", "，", "实行", "揭榜挂帅", "，",
            "开展", "两在两同", "活动", "。",
        ])
        let plain = try realSegmenter.get()
        #expect(words(plain, "双招双引") == ["双招", "双引"])
    }
}
