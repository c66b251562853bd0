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
    /// `articleWords[a]`: the word types of article `a` with their counts, in order of first occurrence.
    let articleWords: [ArticleWordList]

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
        articleWords = []
    }

    /// Counts the tokens of `corpus`, its articles on up to `workers` threads (the counts do not
    /// depend on it).
    ///
    /// Design note. The one pass over the tokens counts each article's words in a scratch array and
    /// keeps them as a short list (word, count); the corpus's frequencies are then the sums of those
    /// lists, and range and dispersion read them instead of the tokens. The pass touches one array
    /// per token: white space is left out per word type, when a list is made.
    public init(_ corpus: SegmentedCorpus, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        let classes = corpus.vocabulary.words.map { TokenClass.of($0) }
        let vocabularySize = corpus.vocabulary.count
        let articleWords = Parallel.map(corpus.segments.count, workers: workers) { () -> (Int) -> ArticleWordList in
            var scratch = [Int32](repeating: 0, count: vocabularySize)
            var touched: [Int32] = []
            return { article in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    corpus.segments[article].tokens.withUnsafeBufferPointer { tokens in
                        for token in tokens {
                            if scratch[Int(token)] == 0 { touched.append(token) }
                            scratch[Int(token)] += 1
                        }
                    }
                    var list = ArticleWordList(words: [], counts: [])
                    list.words.reserveCapacity(touched.count)
                    list.counts.reserveCapacity(touched.count)
                    for word in touched {
                        if classes[Int(word)] != .whitespace {
                            list.words.append(word)
                            list.counts.append(scratch[Int(word)])
                        }
                        scratch[Int(word)] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                    return list
                }
            }
        }
        var frequencies = [Int](repeating: 0, count: vocabularySize)
        var articleTokens = [Int](repeating: 0, count: corpus.segments.count)
        frequencies.withUnsafeMutableBufferPointer { frequencies in
            for (article, list) in articleWords.enumerated() {
                var count = 0
                for (word, wordCount) in zip(list.words, list.counts) {
                    frequencies[Int(word)] += Int(wordCount)
                    count += Int(wordCount)
                }
                articleTokens[article] = count
            }
        }
        self.classes = classes
        self.frequencies = frequencies
        self.articleTokens = articleTokens
        self.tokenCount = articleTokens.reduce(0, +)
        self.articleWords = articleWords
    }

    func isWhitespace(_ id: Int32) -> Bool { classes[Int(id)] == .whitespace }
}

/// The word types of one article with how many tokens each has there, in order of first occurrence.
struct ArticleWordList: Sendable {
    var words: [Int32]
    var counts: [Int32]
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

/// `items` sorted for a table: by `keys(item)` (both ascending, the first deciding), then by the
/// items' words in code-point order. Sorts small entries of integer keys, so large rows are never
/// moved and the words are compared only when both keys and the words' first eight bytes tie.
/// Make the keys with `TableKey`.
///
///     // by frequency, largest first, then by word
///     sortedForTable(ids, word: { words[Int($0)] }) { (TableKey.descending(frequencies[Int($0)]), 0) }
func sortedForTable<T>(_ items: [T], word: (T) -> String, keys: (T) -> (UInt64, UInt64)) -> [T] {
    var entries = [TableSortEntry]()
    entries.reserveCapacity(items.count)
    for index in items.indices {
        let (first, second) = keys(items[index])
        entries.append(TableSortEntry(first: first, second: second, word: codePointKey(word(items[index])), index: index))
    }
    entries.sort { x, y in
        if x.first != y.first { return x.first < y.first }
        if x.second != y.second { return x.second < y.second }
        if x.word != y.word { return x.word < y.word }
        return codePointLess(word(items[x.index]), word(items[y.index]))
    }
    return entries.map { items[$0.index] }
}

/// One item of `sortedForTable`: its keys, its word's first bytes and its index.
struct TableSortEntry {
    var first: UInt64
    var second: UInt64
    var word: UInt64
    var index: Int
}

/// Order-preserving sort keys for `sortedForTable`: a smaller key sorts first.
enum TableKey {
    private static let signBit: UInt64 = 1 << 63

    /// Smaller values first; −0 and +0 are equal, NaN sorts after every number.
    static func ascending(_ value: Double) -> UInt64 {
        guard !value.isNaN else { return .max }
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & signBit != 0 ? ~bits : bits | signBit
    }

    /// Larger values first; −0 and +0 are equal, NaN sorts after every number.
    static func descending(_ value: Double) -> UInt64 {
        guard !value.isNaN else { return .max }
        return ~ascending(value)
    }

    /// Smaller values first.
    static func ascending(_ value: Int) -> UInt64 { UInt64(bitPattern: Int64(value)) ^ signBit }

    /// Larger values first.
    static func descending(_ value: Int) -> UInt64 { ~ascending(value) }
}
