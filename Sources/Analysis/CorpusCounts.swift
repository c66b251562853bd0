import Foundation

/// Counts that several analyses share, computed in one pass over the tokens.
///
/// Every count here leaves out white-space tokens (the segmenter should already have removed
/// them), so "tokens" always means the non-white-space tokens of `SegmentedArticle.tokens`.
/// Each analysis that needs them computes them unless given them; a run of several analyses
/// computes them once and passes them to each:
///
///     let counts = CorpusCounts(corpus)
///     let terms = TermList.build(from: corpus, counts: counts)
///     let collocates = Collocates.find(keywords, in: corpus, counts: counts)
public struct CorpusCounts: Sendable {
    /// `classes[id]` for every word of the vocabulary.
    let classes: [TokenClass]
    /// `frequencies[id]`: tokens of word `id` in the corpus.
    let frequencies: [Int]
    /// `articleTokens[a]`: tokens in article `a`.
    let articleTokens: [Int]
    /// Tokens in the corpus, N of every rate.
    let tokenCount: Int

    /// Whether these are the counts of a corpus of this shape (its vocabulary and articles), a
    /// cheap check against counts passed with the wrong corpus.
    func fits(_ corpus: SegmentedCorpus) -> Bool {
        classes.count == corpus.vocabulary.count && articleTokens.count == corpus.segments.count
    }

    /// The given counts, checked against `corpus`, or the corpus's own.
    static func of(_ corpus: SegmentedCorpus, given: CorpusCounts?) -> CorpusCounts {
        guard let given else { return CorpusCounts(corpus) }
        precondition(given.fits(corpus), "CorpusCounts of another corpus")
        return given
    }

    /// Token classes only, for analyses that read nothing else (the counts are left empty but
    /// for the article count, so `fits` still checks the shape).
    init(classes: [TokenClass], articleCount: Int) {
        self.classes = classes
        frequencies = []
        articleTokens = [Int](repeating: 0, count: articleCount)
        tokenCount = 0
    }

    public init(_ corpus: SegmentedCorpus) {
        let classes = corpus.vocabulary.words.map { TokenClass.of($0) }
        var frequencies = [Int](repeating: 0, count: corpus.vocabulary.count)
        var articleTokens = [Int](repeating: 0, count: corpus.segments.count)
        classes.withUnsafeBufferPointer { classes in
            frequencies.withUnsafeMutableBufferPointer { frequencies in
                for (article, segment) in corpus.segments.enumerated() {
                    var count = 0
                    for token in segment.tokens where classes[Int(token)] != .whitespace {
                        frequencies[Int(token)] += 1
                        count += 1
                    }
                    articleTokens[article] = count
                }
            }
        }
        self.classes = classes
        self.frequencies = frequencies
        self.articleTokens = articleTokens
        self.tokenCount = articleTokens.reduce(0, +)
    }

    func isWhitespace(_ id: Int32) -> Bool { classes[Int(id)] == .whitespace }
}

/// Units of text, as token ranges of one article: sentences, paragraphs or the whole article.
public enum TextUnit: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case sentence
    case paragraph
    case article

    /// The token ranges `start..<end` of this unit in `segment`, empty ones left out.
    func ranges(in segment: SegmentedArticle) -> [Range<Int>] {
        let ends: [Int32]
        switch self {
        case .sentence: ends = segment.sentenceEnds
        case .paragraph: ends = segment.paragraphEnds
        case .article: ends = [Int32(segment.tokens.count)]
        }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(ends.count)
        var start = 0
        for end in ends {
            let end = min(max(Int(end), start), segment.tokens.count)
            if end > start { ranges.append(start..<end) }
            start = end
        }
        // Tokens after the last recorded end still belong to the article.
        if start < segment.tokens.count { ranges.append(start..<segment.tokens.count) }
        return ranges
    }
}

/// Whether `a` sorts before `b` by Unicode scalar values, as Python's `sorted` orders strings.
///
/// UTF-8 preserves scalar order, so this is a byte comparison. (Swift's `<` compares the
/// canonical (NFC) forms, which differs for compatibility ideographs such as U+F900.)
func codePointLess(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { left in
        b.withUTF8 { right in
            let common = min(left.count, right.count)
            if common > 0, let l = left.baseAddress, let r = right.baseAddress {
                let order = memcmp(l, r, common)
                if order != 0 { return order < 0 }
            }
            return left.count < right.count
        }
    }
}

/// The first eight UTF-8 bytes of `word`, big-endian and zero-padded: comparing keys orders words
/// as `codePointLess` does, except that equal keys need `codePointLess` to decide.
func codePointKey(_ word: String) -> UInt64 {
    var key: UInt64 = 0
    var taken = 0
    for byte in word.utf8 {
        key = key << 8 | UInt64(byte)
        taken += 1
        if taken == 8 { break }
    }
    return taken == 0 ? 0 : key << (8 * UInt64(8 - taken))
}

/// `items` sorted for a table: `before(a, b)` decides unless it returns `nil` (a tie), then the
/// items' words in code-point order. Sorts indices, so large rows are never moved.
func sortedForTable<T>(_ items: [T], word: (T) -> String, before: (T, T) -> Bool?) -> [T] {
    let keys = items.map { codePointKey(word($0)) }
    var order = Array(items.indices)
    order.sort { x, y in
        if let decided = before(items[x], items[y]) { return decided }
        if keys[x] != keys[y] { return keys[x] < keys[y] }
        return codePointLess(word(items[x]), word(items[y]))
    }
    return order.map { items[$0] }
}
