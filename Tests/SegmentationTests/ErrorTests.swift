import Foundation
import Testing

@testable import Segmentation

/// Error messages, verbatim: each names the file (and line) and says what to do.
@Suite struct ErrorTests {
    @Test func missingDictionarySaysWhichPackageOrOption() {
        let path = "/nonexistent/jieba/dict.txt"
        #expect(throws: SegmentationError.modelFileMissing(path: path, part: .dictionary)) {
            try Segmenter(options: .init(dictionaryPath: path, usesCache: false))
        }
        #expect(SegmentationError.modelFileMissing(path: path, part: .dictionary).errorDescription
            == "/nonexistent/jieba/dict.txt: jieba dictionary not found; install it with `apt-get install python3-jieba` "
            + "or pass another dictionary with --dict FILE")
    }

    @Test func missingHMMFileSaysWhichPackageOrOption() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let dictionary = try write("北京 3\n", to: "dict.txt", in: directory)
        let path = directory + "/missing/prob_emit.py"
        let options = Segmenter.Options(dictionaryPath: dictionary, hmmEmissionPath: path, usesCache: false)
        #expect(throws: SegmentationError.modelFileMissing(path: path, part: .hmm)) { try Segmenter(options: options) }
        #expect(SegmentationError.modelFileMissing(path: path, part: .hmm).errorDescription
            == "\(path): jieba HMM model file not found; install it with `apt-get install python3-jieba` "
            + "or turn the HMM off with --no-hmm")
        // Without the HMM the file is not needed.
        var withoutHMM = options
        withoutHMM.usesHMM = false
        #expect(words(try Segmenter(options: withoutHMM), "北京") == ["北京"])
    }

    @Test func missingUserDictionaryNamesTheOption() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let dictionary = try write("北京 3\n", to: "dict.txt", in: directory)
        let path = directory + "/nope.txt"
        #expect(throws: SegmentationError.userDictionaryMissing(path: path)) {
            try Segmenter(options: .init(dictionaryPath: dictionary, userDictionaryPaths: [path], usesHMM: false, usesCache: false))
        }
        #expect(SegmentationError.userDictionaryMissing(path: path).errorDescription
            == "\(path): user dictionary not found; check the path given with --user-dict")
    }

    @Test(arguments: [
        ("北京 3\n大学\n", 2, "大学", "no frequency after the word"),
        ("北京 3\n大学 many n\n", 2, "大学 many n", "frequency \"many\" is not a whole number"),
        ("北京 3\n\n大学 -4\n", 3, "大学 -4", "frequency \"-4\" is negative"),
        ("北京 3\n大学  4\n", 2, "大学  4", "frequency \"\" is not a whole number"),
        ("北京 99999999999999999999\n", 1, "北京 99999999999999999999", "frequency \"99999999999999999999\" is too large"),
    ])
    func malformedMainDictionaryLineIsNamed(text: String, line: Int, entry: String, reason: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = try write(text, to: "dict.txt", in: directory)
        let expected = SegmentationError.invalidDictionaryEntry(path: path, line: line, text: entry, reason: reason)
        #expect(throws: expected) { try Segmenter(options: .init(dictionaryPath: path, usesHMM: false, usesCache: false)) }
        #expect(expected.errorDescription
            == "\(path):\(line): invalid dictionary entry \"\(entry)\": \(reason); "
            + "each line must be `word frequency [tag]`, separated by single spaces")
    }

    @Test func mainDictionaryAcceptsWhatPythonIntAccepts() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = try write("北京 1_000 ns\n大学 +5\n学 ３\n", to: "dict.txt", in: directory)
        let segmenter = try Segmenter(options: .init(dictionaryPath: path, usesHMM: false, usesCache: false))
        #expect(segmenter.frequency(of: "北京") == 1000)
        #expect(segmenter.frequency(of: "大学") == 5)
        #expect(segmenter.frequency(of: "学") == 3)
    }

    @Test func dictionaryWithoutFrequenciesIsRefused() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = try write("北京 0\n", to: "dict.txt", in: directory)
        #expect(throws: SegmentationError.emptyDictionary(path: path)) {
            try Segmenter(options: .init(dictionaryPath: path, usesHMM: false, usesCache: false))
        }
        #expect(SegmentationError.emptyDictionary(path: path).errorDescription
            == "\(path): the dictionary holds no word with a frequency above 0; pass a jieba dict.txt with --dict FILE")
    }

    @Test func mainDictionaryThatIsNotUTF8() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = try write(Array("北京 3\n".utf8) + [0x61, 0xC0, 0xAF, 0x20, 0x31], to: "dict.txt", in: directory)
        #expect(throws: SegmentationError.dictionaryNotUTF8(path: path, line: 2, column: 2)) {
            try Segmenter(options: .init(dictionaryPath: path, usesHMM: false, usesCache: false))
        }
    }

    @Test func hmmFileNotUTF8NamesLineAndColumn() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let model = try TinyModel(directory: directory, dictionary: "的 1\n", hmm: (HMMTests.start, HMMTests.transition, "P={}"))
        let path = model.options.hmmEmissionPath
        try Data("P={'B': {\n 'E': ".utf8 + [0xFF] + "}}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SegmentationError.invalidModelFile(path: path, line: 2, column: 7, reason: "not valid UTF-8")) {
            try model.segmenter()
        }
    }

    @Test func malformedHMMFileNamesLineAndColumn() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let model = try TinyModel(
            directory: directory, dictionary: "的 1\n",
            hmm: (HMMTests.start, HMMTests.transition, "P={'B': {'\\u7532': -0.5,\n 'E': oops}}"))
        let path = model.options.hmmEmissionPath
        let expected = SegmentationError.invalidModelFile(
            path: path, line: 2, column: 7, reason: "expected a dict, string or number, found \"o\"")
        #expect(throws: expected) { try model.segmenter() }
        #expect(expected.errorDescription
            == "\(path):2:7: expected a dict, string or number, found \"o\"; expected jieba's `P = {…}` probability table "
            + "(reinstall python3-jieba or turn the HMM off with --no-hmm)")
    }

    @Test func inputThatIsNotUTF8() {
        #expect(SegmentationError.inputNotUTF8(path: "报告.txt", line: 3, column: 17).errorDescription
            == "报告.txt:3:17: not valid UTF-8; convert the file to UTF-8 first (e.g. iconv -f GB18030 -t UTF-8)")
    }

    @Test func unreadableFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        #expect(throws: SegmentationError.unreadable(path: directory, reason: "it is a directory")) {
            try Segmenter(options: .init(dictionaryPath: directory, usesCache: false))
        }
    }
}
