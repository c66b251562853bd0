import Foundation

/// A list of words to leave out of word lists, collocates and keyness tables.
///
/// The file format is one word per line, in UTF-8; `#` starts a comment that runs to the end of the
/// line, and white space around a word is ignored (so `#` itself cannot be listed; the punctuation
/// filter removes it anyway). Matching is exact: `的` in the list removes the token `的` only, not `的话`.
///
///     let stopWords = try StopWords(contentsOf: "Pipelines/dicts/stopwords.txt")
///     stopWords.contains("的")   // true
public struct StopWords: Sendable, Equatable {
    public private(set) var words: Set<String>
    // Matching is by exact code points (UTF-8 bytes): String equality is canonical equivalence,
    // which would make a compatibility ideograph match its unified twin.
    private var keys: Set<[UInt8]>

    public init(_ words: some Sequence<String> = []) {
        let list = Array(words)
        self.words = Set(list)
        keys = Set(list.map { Array($0.utf8) })
    }

    /// Reads a stop word file.
    ///
    /// - Parameter path: the file, one word per line, `#` comments.
    /// - Throws: `AnalysisError.unreadable` when the file cannot be read or is not UTF-8.
    public init(contentsOf path: String) throws {
        self.init(parsing: try AnalysisError.readUTF8(path))
    }

    /// Reads a stop word list from text in the file format.
    public init(parsing text: String) {
        var words: [String] = []
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let content = line.firstIndex(of: "#").map { line[..<$0] } ?? line
            let word = content.trimmingCharacters(in: .whitespaces)
            if !word.isEmpty { words.append(word) }
        }
        self.init(words)
    }

    public func contains(_ word: String) -> Bool { keys.contains(Array(word.utf8)) }

    /// Whether `word` lower-cased (Python's `word.lower()`) is in the list, as jieba's keyword
    /// extractors test it.
    func containsLowercased(_ word: String) -> Bool {
        // ASCII and CJK are decided without the (slow) property look-up.
        let hasUpperCase = word.unicodeScalars.contains { scalar in
            if scalar.value < 0x80 { return (0x41...0x5A).contains(scalar.value) }
            if (0x2E80...0x9FFF).contains(scalar.value) || (0xFF00...0xFF20).contains(scalar.value) { return false }
            return scalar.properties.changesWhenLowercased
        }
        return contains(hasUpperCase ? word.lowercased() : word)
    }

    public var isEmpty: Bool { words.isEmpty }

    /// jieba's own stop words (`KeywordExtractor.STOP_WORDS` in `jieba/analyse/tfidf.py`), the
    /// default of `jieba.analyse.extract_tags` and `textrank`.
    public static let jieba = StopWords([
        "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are",
        "by", "be", "as", "on", "with", "can", "if", "from", "which", "you", "it",
        "this", "then", "at", "have", "all", "not", "one", "has", "or",
    ])
}

/// Which word types a table lists: the stop words and token classes to leave out.
///
/// A filter only removes rows. Corpus sizes, rates and window positions always count every
/// token that is not white space, so a filtered word list keeps the numbers of the unfiltered one.
///
///     let filter = TermFilter(stopWords: StopWords(["的", "了"]), excludeNumbers: true)
public struct TermFilter: Sendable, Equatable {
    public var stopWords: StopWords
    /// Leave out tokens made only of punctuation and symbols (`，` `“` `……` `%`).
    public var excludePunctuation: Bool
    /// Leave out tokens written with decimal digits (`2021`, `３`, `3.5`, `12.5%`); Chinese numerals stay.
    public var excludeNumbers: Bool

    public init(stopWords: StopWords = StopWords(), excludePunctuation: Bool = true, excludeNumbers: Bool = false) {
        self.stopWords = stopWords
        self.excludePunctuation = excludePunctuation
        self.excludeNumbers = excludeNumbers
    }

    /// Nothing left out but white space.
    public static let none = TermFilter(excludePunctuation: false)

    /// Whether `word` may be listed (not white space, and not left out by this filter).
    public func admits(_ word: String) -> Bool {
        admits(word, class: TokenClass.of(word))
    }

    /// Whether `word` of class `tokenClass` may be listed.
    func admits(_ word: String, class tokenClass: TokenClass) -> Bool {
        switch tokenClass {
        case .whitespace: return false
        case .punctuation where excludePunctuation: return false
        case .number where excludeNumbers: return false
        default: return !stopWords.contains(word)
        }
    }

    /// `admitted[id]` for every word of `vocabulary`.
    func admitted(_ vocabulary: Vocabulary, classes: [TokenClass]) -> [Bool] {
        vocabulary.words.indices.map { admits(vocabulary.words[$0], class: classes[$0]) }
    }
}
