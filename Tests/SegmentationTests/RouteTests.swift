import Testing

@testable import Segmentation

/// The DAG and the best route on small dictionaries, checked by hand (HMM off).
@Suite struct RouteTests {
    /// 北京 100, 北 10, 京 10, 大学 50, 北京大学 20, 大 30, 学 20: total 240.
    static let dictionary = "北京 100 ns\n北 10 n\n京 10 n\n大学 50 n\n北京大学 20 nt\n大 30 a\n学 20 v\n"

    @Test func splitBeatsWholeWordWhenItsProductIsLarger() throws {
        // log(100/240) + log(50/240) = -2.444 beats log(20/240) = -2.485.
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try TinyModel(directory: directory, dictionary: Self.dictionary).segmenter()
        #expect(words(segmenter, "北京大学") == ["北京", "大学"])
        #expect(segmenter.totalFrequency == 240)
    }

    @Test func wholeWordBeatsSplitWhenItsFrequencyIsHigher() throws {
        // With 北京大学 25 (total 245): log(25/245) = -2.282 beats -0.896 + -1.589 = -2.486.
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let dictionary = Self.dictionary.replacingOccurrences(of: "北京大学 20", with: "北京大学 25")
        let segmenter = try TinyModel(directory: directory, dictionary: dictionary).segmenter()
        #expect(words(segmenter, "北京大学") == ["北京大学"])
    }

    @Test func routeComputedInsideAWordPrefersTheTwoCharacterWord() throws {
        // From 大: 大学 (-1.569) beats 大 + 学 (-2.079 + -2.485); from 京: only 京 (no 京大).
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try TinyModel(directory: directory, dictionary: Self.dictionary).segmenter()
        #expect(words(segmenter, "京大学") == ["京", "大学"])
        #expect(words(segmenter, "大学北京") == ["大学", "北京"])
    }

    @Test func dagStopsAtTheFirstStringThatIsNoPrefix() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try TinyModel(directory: directory, dictionary: Self.dictionary).segmenter()
        #expect(segmenter.frequency(of: "北京") == 100)
        #expect(segmenter.frequency(of: "北京大") == 0)  // a prefix of 北京大学 only
        #expect(segmenter.frequency(of: "京大") == nil)
        #expect(segmenter.frequency(of: "") == nil)
    }

    @Test func unknownCharacterIsItsOwnWordWithoutHMM() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try TinyModel(directory: directory, dictionary: Self.dictionary).segmenter()
        #expect(words(segmenter, "北京人") == ["北京", "人"])
        #expect(words(segmenter, "人人北京") == ["人", "人", "北京"])
    }

    @Test func singleLatinLettersAndDigitsAreGluedWithoutHMM() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try TinyModel(directory: directory, dictionary: Self.dictionary).segmenter()
        #expect(words(segmenter, "ab北京cd") == ["ab", "北京", "cd"])
        #expect(words(segmenter, "2021北京") == ["2021", "北京"])
        // `+` is a block character but not [a-zA-Z0-9]: it ends the Latin run.
        #expect(words(segmenter, "C++") == ["C", "+", "+"])
        #expect(words(segmenter, "a+b") == ["a", "+", "b"])
    }

    @Test func textOutsideBlocksIsCutCharacterByCharacter() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try TinyModel(directory: directory, dictionary: Self.dictionary).segmenter()
        #expect(words(segmenter, "北京，大学。") == ["北京", "，", "大学", "。"])
        #expect(words(segmenter, "北京 \r\n\t大学") == ["北京", " ", "\r\n", "\t", "大学"])
        #expect(words(segmenter, "\n\r") == ["\n", "\r"])
        #expect(words(segmenter, "ＡＢ") == ["Ａ", "Ｂ"])
        #expect(words(segmenter, "") == [])
        // Unicode scalars, not Characters: a combining accent is a word of its own.
        #expect(segmenter.cut("e\u{301}").map { Array($0.unicodeScalars) } == [["e"], ["\u{301}"]])
        #expect(words(segmenter, "👍🏽") == ["👍", "🏽"])
    }

    @Test func fastPathReportsUTF8TokenEnds() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try TinyModel(directory: directory, dictionary: Self.dictionary).segmenter()
        let scratch = SegmentationScratch()
        var ends: [Int] = [99]
        segmenter.cut("北京 a大学"[...], utf8TokenEnds: &ends, scratch: scratch)
        #expect(ends == [99, 6, 7, 8, 14])
        ends.removeAll()
        let bytes: [UInt8] = [0xE5, 0x8C, 0x97, 0xFF]
        #expect(throws: SegmentationError.inputNotUTF8(path: "in.txt", line: 7, column: 4)) {
            try bytes.withUnsafeBufferPointer {
                try segmenter.cut(utf8: $0, utf8TokenEnds: &ends, scratch: scratch, path: "in.txt", line: 7)
            }
        }
        #expect(ends.isEmpty)
    }
}
