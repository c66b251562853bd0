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

    /// Each article's rows, in corpus order: the TF-IDF ranks, then the TextRank ranks (an article
    /// may have none). Kept apart, not joined: in a scheduled run most articles' rows are the
    /// store's, and a corpus of many short articles has a million of them.
    public var articles: [[Row]] {
        didSet { rowCount = articles.reduce(0) { $0 + $1.count } }
    }

    /// Every row, article by article.
    public var rows: [Row] { articles.flatMap { $0 } }

    /// The number of rows.
    public private(set) var rowCount: Int

    public init(articles: [[Row]]) {
        self.articles = articles
        rowCount = articles.reduce(0) { $0 + $1.count }
    }

    /// A table of `rows`, an article's rows next to each other.
    public init(rows: [Row]) {
        var articles: [[Row]] = []
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count && rows[end].document == rows[start].document { end += 1 }
            articles.append(Array(rows[start..<end]))
            start = end
        }
        self.init(articles: articles)
    }

    /// Equal rows, however they are grouped.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.rowCount == rhs.rowCount && lhs.articles.lazy.joined().elementsEqual(rhs.articles.lazy.joined())
    }

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
    ///   - retag: makes, for one thread, a function giving `jieba.posseg`'s words and tags for the
    ///     text of one of an article's runs (`SegmentedArticle.possegRuns`) and the run's kind.
    ///     With it, TextRank ranks the words `jieba.posseg.cut` gives the article's body
    ///     (paragraphs joined by line feeds), as `jieba.analyse.textrank` does: the tokens, each
    ///     run's words replaced by posseg's (with their tags), and the white space (`spaces`, a
    ///     line feed between paragraphs) kept as positions that are never ranked.
    public static func extract(from corpus: SegmentedCorpus, idf: IDFTable,
                               options: ArticleKeywordOptions = ArticleKeywordOptions(),
                               known: [Int: [ArticleKeywordTable.Row]] = [:],
                               partsOfSpeech: [String?]? = nil,
                               retag: (@Sendable () -> (String, Int) -> [(word: String, tag: String)])? = nil) -> ArticleKeywordTable {
        precondition(partsOfSpeech == nil || partsOfSpeech!.count == corpus.vocabulary.count,
                     "one part of speech per vocabulary word")
        guard known.count < corpus.articles.count else {
            return ArticleKeywordTable(articles: corpus.articles.indices.map { known[$0] ?? [] })
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
        // posseg's words of the runs of the articles to rank, with ids past the vocabulary's for
        // words it lacks (`rankedWords`), and whether each is eligible by its own tag. A run's text
        // recurs (a name, a figure), so each distinct run is cut once: `runOf[article][r]` is the
        // index in `distinctRuns` of the article's run r.
        var rankedWords = words
        var runOf: [[Int]] = []
        var distinctRuns: [[(id: Int32, eligible: Bool)]] = []
        var rankedNeeded = needed
        if options.includeTextRank, let retag {
            // Runs are told apart by their tokens (word ids) and kind, which give their text, so
            // only the distinct runs' texts are made (on 384 MB, 19,069 of 2.9 million runs: making
            // every run's text and hashing it took 1.6 s). Runs of one text cut into other tokens
            // are cut by posseg once each, alike.
            var numbers: [RunKey: Int] = [:]
            var distinct: [RunKey] = []
            runOf = corpus.articles.indices.map { index in
                guard known[index] == nil else { return [] }
                let segment = corpus.segments[index]
                return stride(from: 0, to: segment.possegRuns.count - 2, by: 3).map { triple in
                    let run = RunKey(tokens: segment.tokens[Int(segment.possegRuns[triple])..<Int(segment.possegRuns[triple + 1])],
                                     kind: Int(segment.possegRuns[triple + 2]))
                    if let number = numbers[run] { return number }
                    numbers[run] = distinct.count
                    distinct.append(run)
                    return distinct.count - 1
                }
            }
            let keys = distinct
            let unique = Parallel.map(keys.count, workers: options.workers) { () -> (Int) -> RunText in
                { RunText(text: keys[$0].tokens.map { words[Int($0)] }.joined(), kind: keys[$0].kind) }
            }
            let pieces = Parallel.map(unique.count, workers: options.workers) { () -> (Int) -> [(word: String, tag: String)] in
                let tagger = retag()
                return { tagger(unique[$0].text, unique[$0].kind) }
            }
            var added: [String: Int32] = [:]
            distinctRuns = pieces.map { run in
                run.map { piece in
                    var id = corpus.vocabulary.id(of: piece.word) ?? added[piece.word]
                    if id == nil {
                        id = Int32(rankedWords.count)
                        added[piece.word] = id
                        rankedWords.append(piece.word)
                        rankedNeeded?.append(true)
                    }
                    rankedNeeded?[Int(id!)] = true
                    let eligible = partsOfSpeech == nil
                        ? TextRank.Ranker.isEligible(piece.word, options: options.textRank)
                        : TextRank.Ranker.isEligible(piece.word, tag: piece.tag, options: options.textRank)
                    return (id!, eligible)
                }
            }
        }
        let rank = options.includeTextRank ? TextRank.Ranker.codePointRanks(rankedWords, only: rankedNeeded) : []
        let allWords = rankedWords, possegRunOf = runOf, possegRuns = distinctRuns
        let perArticle = Parallel.map(corpus.articles.count, workers: options.workers) { () -> (Int) -> [ArticleKeywordTable.Row] in
            // Each thread has its own scratch buffers of vocabulary size.
            var scratch = ArticleWordCounts(vocabularySize: corpus.vocabulary.count)
            var localOf = [Int32](repeating: -1, count: options.includeTextRank ? allWords.count : 0)
            return { index in
                if let rows = known[index] { return rows }
                let article = corpus.articles[index]
                let segment = corpus.segments[index]
                var rows: [ArticleKeywordTable.Row] = []
                // At most the article's tokens per method, whatever topK asks for.
                let perMethod = { (topK: Int?) in min(max(topK ?? 20, 0), segment.tokens.count) }
                rows.reserveCapacity(perMethod(options.tfidf.topK) + (options.includeTextRank ? perMethod(options.textRank.topK) : 0))
                let tfidf = scorer.keywords(segment.tokens, words: words, topK: options.tfidf.topK, scratch: &scratch)
                for (rank, word) in tfidf.enumerated() {
                    rows.append(.init(document: article.id, method: "tfidf", rank: rank + 1, word: word.word, weight: word.weight))
                }
                guard options.includeTextRank else { return rows }
                let (tokens, mask) = possegTokens(segment, runs: retag == nil ? nil : possegRunOf[index].map { possegRuns[$0] },
                                                  eligible: eligible)
                let textRank = TextRank.Ranker.keywords(tokens, eligible: mask, words: allWords, rank: rank,
                                                        options: options.textRank, localOf: &localOf)
                for (rank, word) in textRank.enumerated() {
                    rows.append(.init(document: article.id, method: "textrank", rank: rank + 1, word: word.word, weight: word.weight))
                }
                return rows
            }
        }
        // Each article's rows as they are (those of `known` shared, not copied): joined, they were
        // the largest table of a corpus of many short articles (40 an article), held twice.
        return ArticleKeywordTable(articles: perArticle)
    }

    /// The text of a run of words that jieba.posseg cuts otherwise, and the run's kind
    /// (`SegmentedArticle.possegRuns`).
    struct RunText: Hashable, Sendable {
        var text: String
        var kind: Int
    }

    /// A run as its tokens (a slice of its article's, sharing their storage) and its kind.
    struct RunKey: Hashable, Sendable {
        var tokens: ArraySlice<Int32>
        var kind: Int
    }

    /// The word ids jieba's TextRank ranks in an article's body, and which are eligible: its tokens,
    /// each run's replaced by `runs` (posseg's words of it, in order) when given, and a white-space
    /// position (id 0, never eligible) for each left-out space and each line feed between
    /// paragraphs, as jieba cuts the body (paragraphs joined by line feeds).
    static func possegTokens(_ segment: SegmentedArticle, runs: [[(id: Int32, eligible: Bool)]]?,
                             eligible: [Bool]) -> (tokens: [Int32], eligible: [Bool]) {
        var tokens: [Int32] = []
        var mask: [Bool] = []
        tokens.reserveCapacity(segment.tokens.count + segment.paragraphEnds.count + 8)
        mask.reserveCapacity(tokens.capacity)
        var nextRun = 0, nextSpace = 0, nextParagraph = 0
        var index = 0
        let count = segment.tokens.count
        while true {
            // White space before token `index`: left-out spaces, and the line feed after each
            // paragraph ending here but the last.
            while nextSpace + 1 < segment.spaces.count && Int(segment.spaces[nextSpace]) == index {
                for _ in 0..<segment.spaces[nextSpace + 1] {
                    tokens.append(0)
                    mask.append(false)
                }
                nextSpace += 2
            }
            while nextParagraph < segment.paragraphEnds.count - 1 && Int(segment.paragraphEnds[nextParagraph]) == index {
                tokens.append(0)
                mask.append(false)
                nextParagraph += 1
            }
            guard index < count else { break }
            if let runs, nextRun + 2 < segment.possegRuns.count && Int(segment.possegRuns[nextRun]) == index {
                for word in runs[nextRun / 3] {
                    tokens.append(word.id)
                    mask.append(word.eligible)
                }
                index = Int(segment.possegRuns[nextRun + 1])
                nextRun += 3
                continue
            }
            let token = segment.tokens[index]
            tokens.append(token)
            mask.append(eligible[Int(token)])
            index += 1
        }
        return (tokens, mask)
    }
}
