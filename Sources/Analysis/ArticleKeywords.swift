import Foundation

/// Options of `ArticleKeywords.extract(from:idf:options:)`.
public struct ArticleKeywordOptions: Sendable, Equatable {
    public var tfidf: TFIDFOptions
    public var textRank: TextRankOptions
    /// Also rank by TextRank (TF-IDF is always given).
    public var includeTextRank: Bool
    /// Threads to rank articles on (the result does not depend on it).
    public var workers: Int

    public init(tfidf: TFIDFOptions = TFIDFOptions(), textRank: TextRankOptions = TextRankOptions(),
                includeTextRank: Bool = true, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.tfidf = tfidf
        self.textRank = textRank
        self.includeTextRank = includeTextRank
        self.workers = workers
    }
}

/// The top terms of each article by TF-IDF and TextRank (`article_keywords.csv`).
public struct ArticleKeywordTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var document: String
        /// `tfidf` or `textrank`.
        public var method: String
        /// 1-based.
        public var rank: Int
        public var word: String
        public var weight: Double

        public init(document: String, method: String, rank: Int, word: String, weight: Double) {
            self.document = document
            self.method = method
            self.rank = rank
            self.word = word
            self.weight = weight
        }
    }

    /// Per article in corpus order: the TF-IDF ranks, then the TextRank ranks.
    public var rows: [Row]

    public static let columnNames = ["document", "method", "rank", "word", "weight"]
}

/// Ranks the words of every article of a corpus.
public enum ArticleKeywords {
    /// Ranks each article's tokens by TF-IDF (as `jieba.analyse.extract_tags`) and TextRank.
    ///
    ///     let idf = try IDFTable(contentsOf: IDFTable.jiebaPath)
    ///     let table = ArticleKeywords.extract(from: corpus, idf: idf)
    ///     table.rows.first?.word   // the article's top TF-IDF term
    ///
    /// The tokens are those of the whole article (every sentence of every paragraph); jieba cuts
    /// the whole body at once, which splits it at the same punctuation and line ends.
    ///
    /// - Parameters:
    ///   - corpus: the segmented articles.
    ///   - idf: the IDF table.
    ///   - options: both methods' options.
    /// - Returns: the rows, `topK` per article and method at most.
    /// - Complexity: O(V) once for V word types, then per article as `TFIDF` and `TextRank`, the
    ///   articles shared out over `options.workers` threads.
    ///   - known: rows already computed for some articles (by index), e.g. stored by an earlier run
    ///     for articles whose tokens and settings have not changed; they are used as they are.
    ///   - partsOfSpeech: each word's part-of-speech tag (by vocabulary id; `nil` for a word without
    ///     one), for TextRank's filter by tag (`options.textRank.partsOfSpeech`); only the words of
    ///     articles not in `known` are read. Without it, TextRank filters without tags.
    public static func extract(from corpus: SegmentedCorpus, idf: IDFTable,
                               options: ArticleKeywordOptions = ArticleKeywordOptions(),
                               known: [Int: [ArticleKeywordTable.Row]] = [:],
                               partsOfSpeech: [String?]? = nil) -> ArticleKeywordTable {
        precondition(partsOfSpeech == nil || partsOfSpeech!.count == corpus.vocabulary.count,
                     "one part of speech per vocabulary word")
        guard known.count < corpus.articles.count else {
            return ArticleKeywordTable(rows: corpus.articles.indices.flatMap { known[$0] ?? [] })
        }
        let words = corpus.vocabulary.words
        // Only the words of the articles to rank are looked up, filtered and put in code-point order:
        // every word in a full run, those of the few new articles in a scheduled run.
        var needed: [Bool]?
        if !known.isEmpty {
            var mask = [Bool](repeating: false, count: words.count)
            for index in corpus.articles.indices where known[index] == nil {
                for token in corpus.segments[index].tokens { mask[Int(token)] = true }
            }
            needed = mask
        }
        let scorer = TFIDF.Scorer(vocabulary: corpus.vocabulary, idf: idf, stopWords: options.tfidf.stopWords, only: needed)
        let eligible = options.includeTextRank
            ? words.indices.map { id -> Bool in
                guard needed?[id] ?? true else { return false }
                if let partsOfSpeech { return TextRank.Ranker.isEligible(words[id], tag: partsOfSpeech[id], options: options.textRank) }
                return TextRank.Ranker.isEligible(words[id], options: options.textRank)
            } : []
        let rank = options.includeTextRank ? TextRank.Ranker.codePointRanks(words, only: needed) : []
        let perArticle = Parallel.map(corpus.articles.count, workers: options.workers) { () -> (Int) -> [ArticleKeywordTable.Row] in
            // Each thread has its own scratch buffers of vocabulary size.
            var scratch = ArticleWordCounts(vocabularySize: corpus.vocabulary.count)
            var localOf = [Int32](repeating: -1, count: options.includeTextRank ? corpus.vocabulary.count : 0)
            return { index in
                if let rows = known[index] { return rows }
                let article = corpus.articles[index]
                let segment = corpus.segments[index]
                var rows: [ArticleKeywordTable.Row] = []
                let tfidf = scorer.keywords(segment.tokens, words: words, topK: options.tfidf.topK, scratch: &scratch)
                for (rank, word) in tfidf.enumerated() {
                    rows.append(.init(document: article.id, method: "tfidf", rank: rank + 1, word: word.word, weight: word.weight))
                }
                guard options.includeTextRank else { return rows }
                let mask = segment.tokens.map { eligible[Int($0)] }
                let textRank = TextRank.Ranker.keywords(segment.tokens, eligible: mask, words: words, rank: rank,
                                                        options: options.textRank,
                                                        localOf: &localOf)
                for (rank, word) in textRank.enumerated() {
                    rows.append(.init(document: article.id, method: "textrank", rank: rank + 1, word: word.word, weight: word.weight))
                }
                return rows
            }
        }
        let rows = perArticle.flatMap { $0 }
        return ArticleKeywordTable(rows: rows)
    }
}
