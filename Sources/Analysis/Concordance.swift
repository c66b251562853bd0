import Foundation
import Ingest
import Segmentation

/// Options of `Concordance.build(_:in:options:)`.
public struct ConcordanceOptions: Sendable, Equatable {
    /// Characters (Unicode scalars) of context on each side, never past the paragraph's ends.
    public var contextCharacters: Int
    /// Number sentences as `SentenceSplitter.split(_:splitAtSemicolon:)` does with this flag
    /// (use the same value as the segmentation did).
    public var splitAtSemicolon: Bool
    /// At most this many lines per keyword, the first ones in corpus order; `nil` for all.
    public var maximumPerKeyword: Int?
    /// Threads to search articles on (the result does not depend on it).
    public var workers: Int

    public init(contextCharacters: Int = 30, splitAtSemicolon: Bool = false, maximumPerKeyword: Int? = nil,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.contextCharacters = contextCharacters
        self.splitAtSemicolon = splitAtSemicolon
        self.maximumPerKeyword = maximumPerKeyword
        self.workers = workers
    }
}

/// Keyword-in-context lines (`concordance.csv`).
public struct Concordance: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        /// The article's id.
        public var document: String
        /// The keyword's name (the set's name for a set).
        public var keyword: String
        public var left: String
        /// The text matched: the keyword, or for a set the word of the set found there.
        public var match: String
        public var right: String
        /// 1-based paragraph of the article.
        public var paragraph: Int
        /// 1-based sentence of the article, counted over all its paragraphs.
        public var sentence: Int
        /// 0-based offset of the match in `Article.body` (paragraphs joined by a line feed), in Unicode scalars.
        public var scalarOffset: Int
        /// 0-based offset of the match in its paragraph, in Unicode scalars.
        public var paragraphScalarOffset: Int

        public init(document: String, keyword: String, left: String, match: String, right: String, paragraph: Int,
                    sentence: Int, scalarOffset: Int, paragraphScalarOffset: Int) {
            self.document = document
            self.keyword = keyword
            self.left = left
            self.match = match
            self.right = right
            self.paragraph = paragraph
            self.sentence = sentence
            self.scalarOffset = scalarOffset
            self.paragraphScalarOffset = paragraphScalarOffset
        }
    }

    /// Per keyword in the given order, then in corpus order (article, then offset).
    public var lines: [Line]

    public static let columnNames = ["document", "keyword", "left", "match", "right", "paragraph", "sentence", "offset"]

    /// Finds every exact occurrence of each keyword in the article bodies, with its context.
    ///
    ///     let lines = Concordance.build([KeywordSpec("人才")], in: articles).lines
    ///     lines[0].left + lines[0].match + lines[0].right   // "…中央人才工作会议上强调…"
    ///
    /// Occurrences are those `KeywordFrequencies` counts: Python's `str.count` for one word, and
    /// leftmost-longest without overlaps for a set. Matching is on the text, not on tokens, so it
    /// finds 人才 inside 人才队伍 too.
    ///
    /// - Parameters:
    ///   - keywords: single words or named sets.
    ///   - articles: the articles, e.g. `corpus.articles`.
    ///   - options: context size, sentence rule, limit.
    /// - Returns: one line per occurrence.
    /// - Complexity: O(B) for B body bytes (one pass for all keywords), plus a sentence split of
    ///   each article that holds a match; articles are shared out over `options.workers` threads.
    ///   (A run keeps lines as bytes instead: `Searcher`.)
    public static func build(_ keywords: [KeywordSpec], in articles: [Article],
                             options: ConcordanceOptions = ConcordanceOptions()) -> Concordance {
        let matcher = MultiMatcher(columns: keywords.map(\.distinctWords))
        let perArticle = Parallel.map(articles.count, workers: options.workers) { () -> (Int) -> [[Line]] in
            { index in Self.lines(of: articles[index], keywords: keywords, matcher: matcher, options: options) }
        }
        var lines: [Line] = []
        lines.reserveCapacity(perArticle.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } })
        for k in keywords.indices {
            var taken = 0
            for article in perArticle {
                var keywordLines = article[k]
                if let limit = options.maximumPerKeyword {
                    keywordLines = Array(keywordLines.prefix(max(0, limit - taken)))
                }
                taken += keywordLines.count
                lines += keywordLines
            }
        }
        return Concordance(lines: lines)
    }

    /// The lines of one article, per keyword.
    static func lines(of article: Article, keywords: [KeywordSpec], matcher: MultiMatcher,
                      options: ConcordanceOptions) -> [[Line]] {
        var perKeyword = [[Line]](repeating: [], count: keywords.count)
        forEachLine(of: article, keywordCount: keywords.count, matcher: matcher, options: options) { view in
            perKeyword[view.keyword].append(Line(
                document: article.id, keyword: keywords[view.keyword].name,
                left: String(decoding: view.left, as: UTF8.self), match: String(decoding: view.match, as: UTF8.self),
                right: String(decoding: view.right, as: UTF8.self), paragraph: view.paragraph, sentence: view.sentence,
                scalarOffset: view.scalarOffset, paragraphScalarOffset: view.paragraphScalarOffset))
        }
        return perKeyword
    }

    /// A line as `Searcher` finds it: its texts are the paragraph's own bytes, valid during the call only.
    public struct LineView {
        /// The keyword's index.
        public let keyword: Int
        /// UTF-8 of the left context, the match and the right context.
        public let left: UnsafeBufferPointer<UInt8>
        public let match: UnsafeBufferPointer<UInt8>
        public let right: UnsafeBufferPointer<UInt8>
        /// As in `Line`.
        public let paragraph: Int
        public let sentence: Int
        public let scalarOffset: Int
        public let paragraphScalarOffset: Int
    }

    /// Finds the lines of articles for callers that keep them in a form of their own (a run store
    /// keeps them as bytes): the lines `build` gives, without making their strings.
    ///
    ///     let searcher = Concordance.Searcher(keywords)
    ///     searcher.forEachLine(in: article) { view in bytes += view.left }
    public struct Searcher: Sendable {
        public let keywords: [KeywordSpec]
        public let options: ConcordanceOptions
        let matcher: MultiMatcher

        public init(_ keywords: [KeywordSpec], options: ConcordanceOptions = ConcordanceOptions()) {
            self.keywords = keywords
            self.options = options
            matcher = MultiMatcher(columns: keywords.map(\.distinctWords))
        }

        /// Calls `body` with each line of `article` in text order (`options.maximumPerKeyword` counts
        /// within the article).
        public func forEachLine(in article: Article, _ body: (LineView) -> Void) {
            Concordance.forEachLine(of: article, keywordCount: keywords.count, matcher: matcher, options: options, body)
        }
    }

    /// Each line of one article, in text order.
    static func forEachLine(of article: Article, keywordCount: Int, matcher: MultiMatcher, options: ConcordanceOptions,
                            _ body: (LineView) -> Void) {
        var taken = [Int](repeating: 0, count: keywordCount)
        let context = max(0, options.contextCharacters)
        // The matches per paragraph, in text order; sentences are only split in articles with a match.
        var found: [[(keyword: Int, byteOffset: Int, byteLength: Int)]] = []
        var anyFound = false
        for paragraph in article.paragraphs {
            var text = paragraph
            var matches: [(keyword: Int, byteOffset: Int, byteLength: Int)] = []
            text.withUTF8 { bytes in
                matcher.forEachMatch(in: bytes) { keyword, offset, length, _ in matches.append((keyword, offset, length)) }
            }
            anyFound = anyFound || !matches.isEmpty
            found.append(matches)
        }
        guard anyFound else { return }
        var sentencesBefore = 0
        var bodyScalarOffset = 0
        for (paragraphIndex, paragraph) in article.paragraphs.enumerated() {
            let sentenceEnds = Self.sentenceByteEnds(paragraph, splitAtSemicolon: options.splitAtSemicolon)
            var text = paragraph
            let scalarCount: Int = text.withUTF8 { bytes in
                // Matches come in byte order, so one cursor turns byte offsets into scalar offsets
                // and another finds their sentences: one pass over a paragraph, however long.
                var cursorByte = 0
                var cursorScalar = 0
                var cursorSentence = 0
                func scalarIndex(ofByte target: Int) -> Int {
                    if cursorByte < target {
                        cursorScalar += Self.scalarStarts(bytes, from: cursorByte, to: target)
                        cursorByte = target
                    }
                    return cursorScalar
                }
                for (keyword, byteOffset, byteLength) in found[paragraphIndex] {
                    if let limit = options.maximumPerKeyword, taken[keyword] >= limit { continue }
                    taken[keyword] += 1
                    let start = scalarIndex(ofByte: byteOffset)
                    // Context: up to `context` scalars on each side, inside the paragraph.
                    var leftByte = byteOffset
                    var count = 0
                    while leftByte > 0 && count < context {
                        leftByte -= 1
                        if bytes[leftByte] & 0xC0 != 0x80 { count += 1 }
                    }
                    let end = byteOffset + byteLength
                    var rightByte = end
                    count = 0
                    while rightByte < bytes.count {
                        if bytes[rightByte] & 0xC0 != 0x80 {
                            if count == context { break }
                            count += 1
                        }
                        rightByte += 1
                    }
                    // The sentence holding the match's first character; between two sentences, the next one.
                    while cursorSentence < sentenceEnds.count && sentenceEnds[cursorSentence] <= byteOffset { cursorSentence += 1 }
                    let sentence = cursorSentence < sentenceEnds.count ? cursorSentence : max(0, sentenceEnds.count - 1)
                    body(LineView(keyword: keyword, left: UnsafeBufferPointer(rebasing: bytes[leftByte..<byteOffset]),
                                  match: UnsafeBufferPointer(rebasing: bytes[byteOffset..<end]),
                                  right: UnsafeBufferPointer(rebasing: bytes[end..<rightByte]),
                                  paragraph: paragraphIndex + 1, sentence: sentencesBefore + sentence + 1,
                                  scalarOffset: bodyScalarOffset + start, paragraphScalarOffset: start))
                }
                return scalarIndex(ofByte: bytes.count)
            }
            sentencesBefore += sentenceEnds.count
            bodyScalarOffset += scalarCount + 1
        }
    }

    /// The number of characters (scalars) that start in `bytes[from..<to]` of valid UTF-8: its bytes
    /// that are not continuation bytes (`10xxxxxx`), counted eight at a time. (The cursor that turns
    /// a match's byte offset into a character offset crosses every paragraph with a match: a
    /// quarter of the concordance's time when it went byte by byte.)
    static func scalarStarts(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        precondition(from >= 0 && from <= to && to <= bytes.count, "a range of the bytes")
        var count = 0
        var index = from
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= to {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // Bit 7 set and bit 6 clear: each byte's bit 6, shifted into its bit 7, masks it out.
                let continuation = word & ~(word << 1) & 0x8080_8080_8080_8080
                count += 8 - continuation.nonzeroBitCount
                index += 8
            }
        }
        while index < to {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// Byte offsets (in `paragraph`'s UTF-8) one past the end of each sentence.
    static func sentenceByteEnds(_ paragraph: String, splitAtSemicolon: Bool) -> [Int] {
        SentenceSplitter.sentenceEnds(paragraph, splitAtSemicolon: splitAtSemicolon)
    }
}
