/// A word and its score.
public struct WeightedWord: Sendable, Equatable {
    public var word: String
    public var weight: Double

    public init(word: String, weight: Double) {
        self.word = word
        self.weight = weight
    }
}

/// Options of `TFIDF.keywords(_:idf:options:)`.
public struct TFIDFOptions: Sendable, Equatable {
    /// How many words to return; `nil` or 0 for all.
    public var topK: Int?
    /// Words left out after lower-casing (jieba's own English list by default).
    public var stopWords: StopWords

    public init(topK: Int? = 20, stopWords: StopWords = .jieba) {
        self.topK = topK
        self.stopWords = stopWords
    }
}

/// The keywords of one text by TF-IDF, exactly as `jieba.analyse.extract_tags(text, topK)` ranks them.
///
/// Design note. jieba (0.42, `analyse/tfidf.py`) keeps the words whose `strip()` is at least two
/// characters long and whose `lower()` is not a stop word, sets tf = count / total over those
/// words, weight = count · (idf / total) with the median IDF for unknown words, and sorts by weight,
/// largest first, with Python's stable sort: equal weights keep the order of first occurrence.
/// The same floating-point operations in the same order give the same weights and ties here.
public enum TFIDF {
    /// Ranks the words of a text given as its tokens (jieba's cut of the whole text).
    ///
    ///     TFIDF.keywords(["人才", "是", "第一", "资源", "，", "人才"], idf: idf)
    ///     // 人才 weighs 2 · idf(人才) / 4, 第一 and 资源 1 · idf / 4; 是 and ， are too short
    ///
    /// - Parameters:
    ///   - tokens: the text's tokens in order.
    ///   - idf: the IDF table (`IDFTable.jiebaPath` for jieba's).
    ///   - options: how many words and which stop words.
    /// - Returns: the top words with their weights.
    /// - Complexity: O(n + m log m) for n tokens and m distinct words.
    public static func keywords(_ tokens: [String], idf: IDFTable, options: TFIDFOptions = TFIDFOptions()) -> [WeightedWord] {
        var vocabulary = Vocabulary()
        let ids = tokens.map { vocabulary.intern($0) }
        let scorer = Scorer(vocabulary: vocabulary, idf: idf, stopWords: options.stopWords)
        var scratch = ArticleWordCounts(vocabularySize: vocabulary.count)
        return scorer.keywords(ids, words: vocabulary.words, topK: options.topK, scratch: &scratch)
    }

    /// Per-word eligibility and IDF for one vocabulary, computed once for all its articles.
    struct Scorer {
        var eligible: [Bool]
        var idf: [Double]
        let classes: [TokenClass]

        /// - Parameter only: the words that will be scored (`nil`: all); the others get no IDF and are not eligible.
        init(vocabulary: Vocabulary, idf table: IDFTable, stopWords: StopWords, only needed: [Bool]? = nil) {
            let words = vocabulary.words
            eligible = words.indices.map { needed?[$0] ?? true ? Self.isLongEnough(words[$0]) && !stopWords.containsLowercased(words[$0]) : false }
            idf = words.indices.map { needed?[$0] ?? true ? table.idf(of: words[$0]) : 0 }
            // jieba's filter does not look at classes; every token is counted in its tf.
            classes = [TokenClass](repeating: .word, count: vocabulary.count)
        }

        /// `len(word.strip()) >= 2` in Python: at least two scalars after trimming white space.
        static func isLongEnough(_ word: String) -> Bool {
            let scalars = word.unicodeScalars
            guard let first = scalars.firstIndex(where: { !TokenClass.isWhitespace($0) }),
                  let last = scalars.lastIndex(where: { !TokenClass.isWhitespace($0) }) else { return false }
            return scalars.distance(from: first, to: last) >= 1
        }

        func keywords(_ tokens: [Int32], words: [String], topK: Int?, scratch: inout ArticleWordCounts) -> [WeightedWord] {
            scratch.reset()
            var eligibleTokens: [Int32] = []
            eligibleTokens.reserveCapacity(tokens.count)
            for token in tokens where eligible[Int(token)] { eligibleTokens.append(token) }
            scratch.count(eligibleTokens, classes: classes)
            // jieba sums its float counts one by one; integer counts make that sum exact either way.
            let total = Double(eligibleTokens.count)
            let ids = scratch.touched
            let weights = ids.map { Double(scratch.counts[Int($0)]) * (idf[Int($0)] / total) }
            scratch.reset()
            // Python's stable sort by weight, descending, then `if topK:` (0 or None means all).
            let ranked = topRanked(ids.count, limit: topK) { x, y in weights[x] != weights[y] ? weights[x] > weights[y] : x < y }
            return ranked.map { WeightedWord(word: words[Int(ids[$0])], weight: weights[$0]) }
        }
    }
}
