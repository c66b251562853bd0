import Testing

@testable import Segmentation

/// The HMM (finalseg) on a hand-made model whose best paths are easy to work out.
@Suite struct HMMTests {
    // start B 0.6, S 0.4; B→E 0.9, B→M 0.1, E→B/S 0.5, M→E 0.7, M→M 0.3, S→B/S 0.5;
    // 甲 is mostly B, 乙 mostly E, 丙 mostly S (0.5, 0.5, 0.8; 0.1 otherwise).
    static let start = """
        P={'B': -0.5108256237659907,
         'E': -3.14e+100,
         'M': -3.14e+100,
         'S': -0.916290731874155}
        """
    static let transition = """
        P={'B': {'E': -0.10536051565782628, 'M': -2.3025850929940455},
         'E': {'B': -0.6931471805599453, 'S': -0.6931471805599453},
         'M': {'E': -0.35667494393873245, 'M': -1.2039728043259361},
         'S': {'B': -0.6931471805599453, 'S': -0.6931471805599453}}
        """
    static let emission = """
        from __future__ import unicode_literals

        P={'B': {'\\u7532': -0.6931471805599453, '\\u4e59': -2.3025850929940455, '丙': -2.3025850929940455},
         'E': {'\\u7532': -2.3025850929940455, '\\u4e59': -0.6931471805599453, '丙': -2.3025850929940455},
         'M': {'\\u7532': -2.3025850929940455, '\\u4e59': -2.3025850929940455, '丙': -2.3025850929940455},
         'S': {'\\u7532': -2.3025850929940455, '\\u4e59': -2.3025850929940455, '丙': -0.2231435513142097}}
        """

    static func model(in directory: String, dictionary: String = "的 10 u\n", userDictionaries: [String] = []) throws -> Segmenter {
        try TinyModel(
            directory: directory, dictionary: dictionary, hmm: (start, transition, emission),
            userDictionaries: userDictionaries
        ).segmenter()
    }

    @Test func viterbiFindsBeginEndSingle() throws {
        // B E S: 0.6·0.5 · 0.9·0.5 · 0.5·0.8 = 0.054, against S S S 0.0008, B M E 0.00021, S B E 0.00018.
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try Self.model(in: directory)
        #expect(words(segmenter, "甲乙丙") == ["甲乙", "丙"])
        // S B E: 0.4·0.8 · 0.5·0.5 · 0.9·0.5 = 0.036.
        #expect(words(segmenter, "丙甲乙") == ["丙", "甲乙"])
    }

    @Test func singleCharacterEndsInSingleState() throws {
        // A path must end in E or S; E cannot start, so 乙 alone is S.
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try Self.model(in: directory)
        #expect(words(segmenter, "乙") == ["乙"])
    }

    @Test func bufferThatIsADictionaryWordIsNotGivenToTheHMM() throws {
        // 甲, 乙, 丙 100 each and 甲乙丙 1 (total 301): the route takes single characters
        // (3·log(100/301) = -3.31 > log(1/301) = -5.71), and since the run 甲乙丙 is itself a word,
        // jieba returns the characters one by one instead of asking the HMM.
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let withWord = try Self.model(in: directory, dictionary: "甲 100\n乙 100\n丙 100\n甲乙丙 1\n")
        #expect(words(withWord, "甲乙丙") == ["甲", "乙", "丙"])
        let other = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(other) }
        let withoutWord = try Self.model(in: other, dictionary: "甲 100\n乙 100\n丙 100\n的 1\n")
        #expect(words(withoutWord, "甲乙丙") == ["甲乙", "丙"])
    }

    @Test func nonHanCharactersInABufferFollowFinalsegSkipPattern() throws {
        // In finalseg, [a-zA-Z0-9]+(\.\d+)?%? matches are words, and so is each stretch between them.
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try Self.model(in: directory)
        #expect(words(segmenter, "甲3.5%乙") == ["甲", "3.5%", "乙"])
        #expect(words(segmenter, "甲+#乙") == ["甲", "+#", "乙"])
        #expect(words(segmenter, "甲a.b.5乙丙") == ["甲", "a", ".", "b.5", "乙", "丙"])
    }

    @Test func wordAddedWithFrequencyZeroIsSplitByTheHMMToo() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let segmenter = try Self.model(in: directory, userDictionaries: ["甲乙 0\n"])
        #expect(words(segmenter, "甲乙丙") == ["甲", "乙", "丙"])
        #expect(segmenter.frequency(of: "甲乙") == 0)
    }

    @Test func hanCharacterWithoutEmissionsEndsInTiesThatSingleWins() throws {
        // 丄 and 丅 have no emission probability in jieba's model: every state scores MIN_FLOAT
        // and jieba's tie-breaks (the larger state letter) make each a single.
        let segmenter = try realSegmenter.get()
        #expect(words(segmenter, "丄丅") == ["丄", "丅"])
        #expect(words(segmenter, "的丄丅了") == ["的", "丄", "丅", "了"])
    }
}
