import ArgumentParser
import Foundation
import Pipeline

/// `cipin segment`: jieba's precise mode on text files or standard input.
struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cut Chinese text into words as jieba does.",
        discussion: """
            Reads UTF-8 text and writes one line per input line, the words separated by two spaces \
            (the SIGHAN format), white space left out. The words are those of jieba 0.42.1's precise mode \
            (jieba.cut(text, HMM=True)), from the model of Debian's python3-jieba. The first run compiles \
            the model into $XDG_CACHE_HOME/cipin (or ~/.cache/cipin); later runs start from that cache. \
            With --tags each word is written word/tag: the words and tags of jieba.posseg.cut(text) (HMM=False with --no-hmm).
            """
    )

    @Flag(name: .customLong("no-hmm"), help: "Do not let the HMM join characters the dictionary leaves single (jieba's HMM=False).")
    var noHMM = false

    @Flag(name: .customLong("tags"), help: "Write each word with its part-of-speech tag, word/tag, as jieba.posseg.cut gives them.")
    var tags = false

    @Option(
        name: .customLong("user-dict"),
        help: ArgumentHelp("A user dictionary in jieba's format, `word [frequency] [tag]` per line; repeatable.", valueName: "file"))
    var userDictionaries: [String] = []

    @Option(
        name: .customLong("dict"),
        help: ArgumentHelp("The main dictionary instead of Debian's jieba dict.txt.", valueName: "file"))
    var dictionary: String?

    @Option(
        name: .customLong("explain"),
        help: ArgumentHelp("Tell whether and why a word is kept whole, instead of segmenting; repeatable.", valueName: "word"))
    var explainWords: [String] = []

    @Argument(help: ArgumentHelp("UTF-8 text files; standard input when none is given, or for -.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if let word = explainWords.first(where: { $0.isEmpty }) {
            throw ValidationError("--explain needs a word, got \"\(word)\"")
        }
        if !explainWords.isEmpty && tags {
            throw ValidationError("--explain explains words and writes no tags; leave out --tags")
        }
        if !explainWords.isEmpty && !files.isEmpty {
            throw ValidationError("--explain explains words and reads no text; leave out the files (\(files.joined(separator: " ")))")
        }
    }

    func run() throws {
        let options = SegmentTextOptions(
            inputPaths: files, dictionaryPath: dictionary, userDictionaryPaths: userDictionaries,
            usesHMM: !noHMM, explainWords: explainWords, showsTags: tags)
        do {
            try segmentText(options)
        } catch {
            throw report(error)
        }
    }
}
