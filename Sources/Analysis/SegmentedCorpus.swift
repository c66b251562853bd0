import Ingest

/// Word types of a corpus, each with a dense integer id.
///
///     var vocabulary = Vocabulary()
///     let id = vocabulary.intern("人才")   // 0
///     vocabulary.words[Int(id)]            // "人才"
public struct Vocabulary: Sendable, Equatable {
    /// `words[id]` is the word with that id.
    public private(set) var words: [String] = []
    // Keyed by UTF-8 bytes, not `String`: String equality is canonical equivalence, which would
    // merge words (é and e + U+0301) that the segmenter and the exact counts keep apart; and a
    // String key would be hashed through its normalisation on every lookup.
    private var table = TokenTable()

    public init() {}

    /// The id of `word`, adding it when new.
    public mutating func intern<S: StringProtocol>(_ word: S) -> Int32 {
        if let id = word.utf8.withContiguousStorageIfAvailable({ intern(utf8: $0) }) { return id }
        var copy = String(word)
        return copy.withUTF8 { intern(utf8: $0) }
    }

    /// The id of the word in `utf8`, adding it when new.
    public mutating func intern(utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
        let id = table.intern(utf8)
        if Int(id) == words.count { words.append(String(decoding: utf8, as: UTF8.self)) }
        return id
    }

    /// The id of `word`, or `nil` when the corpus does not hold it.
    public func id<S: StringProtocol>(of word: S) -> Int32? {
        if let id = word.utf8.withContiguousStorageIfAvailable({ table.id(of: $0) }) { return id }
        var copy = String(word)
        return copy.withUTF8 { table.id(of: $0) }
    }

    public var count: Int { words.count }

    public static func == (a: Vocabulary, b: Vocabulary) -> Bool { a.words == b.words }
}

/// One article as a sequence of word ids, with its sentence and paragraph boundaries.
///
/// White-space tokens are left out. `sentenceEnds[i]` is the token index one past the last token
/// of sentence `i`; `paragraphEnds` likewise, so both end with `tokens.count`.
///
/// Two more lists say where `jieba.posseg`'s cut of the same text, which jieba's TextRank ranks,
/// differs from `tokens` (see `TextRank`): `possegRuns` holds triples `start, end, kind` of token
/// indexes (end excluded) and a kind, the runs of words posseg cuts otherwise: kind 0, the words
/// jieba's HMM made of one run of characters the dictionary left single, which posseg cuts and
/// tags with its own HMM; kind 1, a block of text holding `%` or `-`, which posseg splits there
/// (see `SegmentationScratch.possegRuns`); `spaces` holds
/// pairs `index, count`: `count` white-space tokens were left out of a paragraph before token
/// `index`. (Between two paragraphs the body has one line feed, a token of its own to jieba.)
public struct SegmentedArticle: Sendable, Equatable {
    public var tokens: [Int32]
    public var sentenceEnds: [Int32]
    public var paragraphEnds: [Int32]
    public var possegRuns: [Int32]
    public var spaces: [Int32]

    public init(tokens: [Int32], sentenceEnds: [Int32], paragraphEnds: [Int32], possegRuns: [Int32] = [], spaces: [Int32] = []) {
        self.tokens = tokens
        self.sentenceEnds = sentenceEnds
        self.paragraphEnds = paragraphEnds
        self.possegRuns = possegRuns
        self.spaces = spaces
    }

    /// Whether every token is a word id in `0..<count` (a negative id, read unsigned, is too large).
    func idsAreBelow(_ count: Int) -> Bool {
        let limit = UInt32(max(0, min(count, Int(Int32.max) + 1)))
        // The largest id, unsigned: a loop the compiler vectorises (about 1 ms for 5 million tokens).
        let largest = tokens.withUnsafeBufferPointer { $0.reduce(UInt32(0)) { max($0, UInt32(bitPattern: $1)) } }
        return tokens.isEmpty || largest < limit
    }
}

/// The articles of a corpus with their segmented text: the input of every analysis.
///
/// `articles[i]` and `segments[i]` describe the same article; word ids index `vocabulary`.
public struct SegmentedCorpus: Sendable, Equatable {
    public var articles: [Article]
    public var segments: [SegmentedArticle]
    public var vocabulary: Vocabulary

    /// - Precondition: one segmentation per article, and every token a word id of `vocabulary`
    ///   (the analyses index their tables with the ids unchecked).
    public init(articles: [Article], segments: [SegmentedArticle], vocabulary: Vocabulary) {
        precondition(articles.count == segments.count, "one segmentation per article")
        precondition(segments.allSatisfy { $0.idsAreBelow(vocabulary.count) }, "a token that is not a word id of the vocabulary")
        self.articles = articles
        self.segments = segments
        self.vocabulary = vocabulary
    }

    /// Tokens in the whole corpus.
    public var tokenCount: Int { segments.reduce(0) { $0 + $1.tokens.count } }
}
