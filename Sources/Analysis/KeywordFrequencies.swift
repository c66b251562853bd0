import Foundation
import Ingest

/// Options of `KeywordFrequencies.count(_:in:options:)`.
public struct KeywordFrequencyOptions: Sendable, Equatable {
    /// Metadata fields to group the articles by (`author`, `region`, `month`, `year`, a sidecar
    /// field, …: anything `Article.field(_:)` knows); each field gives its own group rows.
    public var groupBy: [String]
    /// For a set of more than one word, also give a row per word of the set.
    public var includeMembers: Bool

    public init(groupBy: [String] = [], includeMembers: Bool = true) {
        self.groupBy = groupBy
        self.includeMembers = includeMembers
    }
}

/// Exact occurrences and whole-token counts of keywords per article, per group and in total.
///
/// Occurrences are found in the body text (title and byline excluded): Python's `str.count` for a
/// single word; for a set, a leftmost-longest scan without overlaps over its words, so 人才队伍
/// counts once for a set holding 人才 and 人才队伍, while the member rows count each word alone
/// (人才 1, 人才队伍 1). Token counts are tokens equal to the word (for a set: equal to any of its
/// words, so each token once). Rates: occurrences per 10,000 non-white-space characters, token
/// counts per 10,000 tokens of the same articles.
public struct KeywordFrequencies: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// `article`, the grouping field's name, or `total`.
        public var level: String
        /// The article id, the group's value (`(none)` when empty or missing), or empty for the total.
        public var unit: String
        /// The keyword's name (the set's name).
        public var keyword: String
        /// Empty for the keyword (or whole set); the word of the set for a member row.
        public var member: String
        /// Exact occurrences in the text.
        public var occurrences: Int
        /// Non-white-space characters of the unit's bodies.
        public var characters: Int
        public var per10kCharacters: Double
        /// Tokens equal to the word (or to any word of the set).
        public var tokenMatches: Int
        /// Tokens of the unit (white space left out).
        public var tokens: Int
        public var per10kTokens: Double
        /// Articles of the unit with at least one occurrence.
        public var documents: Int
        /// Articles of the unit with at least one matching token.
        public var tokenDocuments: Int
        /// Articles in the unit.
        public var articles: Int
    }

    /// One row per article and keyword (and member), in corpus and keyword order.
    public var perArticle: [Row]
    /// Per grouping field in the given order, per group value in code-point order (`(none)` last),
    /// per keyword.
    public var groups: [Row]
    /// One row per keyword (and member) for the whole corpus.
    public var totals: [Row]

    public static let columnNames = ["level", "unit", "keyword", "member", "occurrences", "characters", "per_10k_chars",
                                     "token_matches", "tokens", "per_10k_tokens", "documents", "token_documents", "articles"]

    /// The value that stands for an empty or missing metadata field in group rows.
    public static let noValue = Article.noValue

    /// The keywords (and sets) found nowhere in the corpus, in keyword order.
    public var foundNowhere: [String] { totals.filter { $0.member.isEmpty && $0.occurrences == 0 }.map(\.keyword) }

    /// The keywords (and sets) found in the text but never as a whole word of the segmented text
    /// (no token equals them), in keyword order: their counts as a word are 0, they are in no
    /// co-occurrence unit and have no collocate spans.
    public var neverWholeWords: [String] {
        totals.filter { $0.member.isEmpty && $0.occurrences > 0 && $0.tokenMatches == 0 }.map(\.keyword)
    }

    /// Counts every keyword in every article and sums the counts per group and for the corpus.
    ///
    ///     let frequencies = KeywordFrequencies.count([KeywordSpec(name: "人才类", words: ["人才", "人才队伍"])],
    ///                                                in: corpus, options: KeywordFrequencyOptions(groupBy: ["author"]))
    ///     frequencies.totals[0].occurrences   // 人才 and 人才队伍 in the bodies, 人才队伍 once
    ///
    /// - Parameters:
    ///   - keywords: single words or named sets.
    ///   - corpus: the segmented articles.
    ///   - options: grouping fields and member rows.
    /// - Returns: the rows of `keywords.csv` at three levels.
    /// - Complexity: O(B + T) for B body bytes and T tokens: one pass over the text for all keywords.
    ///   - counts: the per-article counts of the same keywords and corpus, when already made (with
    ///     members if `options.includeMembers`); `Trends` can share them.
    public static func count(_ keywords: [KeywordSpec], in corpus: SegmentedCorpus,
                             options: KeywordFrequencyOptions = KeywordFrequencyOptions(),
                             counts: KeywordCountTable? = nil) -> KeywordFrequencies {
        let counts = counts.map(\.counts) ?? ArticleKeywordCounts(keywords, corpus: corpus, includeMembers: options.includeMembers)
        precondition(!options.includeMembers || counts.hasMembers == keywords.contains { $0.distinctWords.count > 1 },
                     "counts made without the members the options ask for")
        let keywordsOnly = !options.includeMembers
        let perArticle = corpus.articles.indices.flatMap { article in
            counts.rows(level: "article", unit: corpus.articles[article].id, articles: [article], keywordsOnly: keywordsOnly)
        }
        var groups: [Row] = []
        for field in options.groupBy {
            for (value, members) in groupArticles(corpus.articles, by: { $0.field(field) ?? "" }) {
                groups += counts.rows(level: field, unit: value, articles: members, keywordsOnly: keywordsOnly)
            }
        }
        let totals = counts.rows(level: "total", unit: "", articles: Array(corpus.articles.indices), keywordsOnly: keywordsOnly)
        return KeywordFrequencies(perArticle: perArticle, groups: groups, totals: totals)
    }

    /// Article indices per value of `key`, values in code-point order, empty values as `(none)`, last.
    static func groupArticles(_ articles: [Article], by key: (Article) -> String) -> [(String, [Int])] {
        var members: [String: [Int]] = [:]
        for index in articles.indices {
            let value = key(articles[index])
            members[value.isEmpty ? noValue : value, default: []].append(index)
        }
        return members.sorted { a, b in
            if (a.key == noValue) != (b.key == noValue) { return b.key == noValue }
            return codePointLess(a.key, b.key)
        }.map { ($0.key, $0.value) }
    }
}

/// Per-article counts of keywords (and the words of keyword sets), made once for both
/// `KeywordFrequencies.count` and `Trends.compute`.
///
///     let table = KeywordCountTable(keywords, corpus: corpus, includeMembers: true)
///     let frequencies = KeywordFrequencies.count(keywords, in: corpus, counts: table)
///     let trends = Trends.compute(keywords, in: corpus, counts: table)
public struct KeywordCountTable: Sendable {
    let counts: ArticleKeywordCounts

    /// One article's counts, per column (each keyword, then, with `includeMembers`, each word of a
    /// set after its set): exact occurrences in the text and whole-word tokens.
    public struct ArticleRow: Sendable, Equatable {
        public var occurrences: [Int]
        public var tokenMatches: [Int]

        public init(occurrences: [Int], tokenMatches: [Int]) {
            self.occurrences = occurrences
            self.tokenMatches = tokenMatches
        }
    }

    /// Counts every keyword in every article: one pass over the text and one over the tokens,
    /// articles shared out over `workers` threads.
    /// - Parameters:
    ///   - corpusCounts: the corpus's `CorpusCounts`, when already made (computed here otherwise).
    ///   - known: the rows of some articles (by index), e.g. stored by an earlier run for articles
    ///     whose text, tokens and keywords have not changed; they are not counted again (a row of
    ///     the wrong width is ignored).
    public init(_ keywords: [KeywordSpec], corpus: SegmentedCorpus, includeMembers: Bool,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount, corpusCounts: CorpusCounts? = nil,
                known: [Int: ArticleRow] = [:]) {
        counts = ArticleKeywordCounts(keywords, corpus: corpus, includeMembers: includeMembers, workers: workers,
                                      corpusCounts: corpusCounts, known: known)
    }

    /// The counts of article `index`.
    public func row(article index: Int) -> ArticleRow {
        ArticleRow(occurrences: counts.occurrences[index], tokenMatches: counts.tokenMatches[index])
    }

    /// Articles counted.
    public var articleCount: Int { counts.occurrences.count }
}

/// Per-article counts of keywords and their members: the data behind `KeywordFrequencies` and `Trends`.
struct ArticleKeywordCounts: Sendable {
    /// The counted columns: a keyword (member `nil`) or one word of a set.
    struct Column {
        var keyword: Int
        var name: String
        var member: String?
    }

    var columns: [Column] = []
    /// `occurrences[article][column]`, `tokenMatches[article][column]`.
    var occurrences: [[Int]] = []
    var tokenMatches: [[Int]] = []
    var characters: [Int]
    var tokens: [Int]

    /// Whether some columns are the words of a set.
    var hasMembers: Bool { columns.contains { $0.member != nil } }

    init(_ keywords: [KeywordSpec], corpus: SegmentedCorpus, includeMembers: Bool, workers: Int = 1,
         corpusCounts: CorpusCounts? = nil, known: [Int: KeywordCountTable.ArticleRow] = [:]) {
        var columnWords: [[String]] = []
        var idMasks: [Set<Int32>] = []
        for (k, spec) in keywords.enumerated() {
            let words = spec.distinctWords
            columns.append(Column(keyword: k, name: spec.name, member: nil))
            columnWords.append(words)
            idMasks.append(Set(words.compactMap { corpus.vocabulary.id(of: $0) }))
            if includeMembers && words.count > 1 {
                for word in words {
                    columns.append(Column(keyword: k, name: spec.name, member: word))
                    columnWords.append([word])
                    idMasks.append(Set([corpus.vocabulary.id(of: word)].compactMap { $0 }))
                }
            }
        }
        let matcher = MultiMatcher(columns: columnWords)
        // columnsOfID[id]: the columns whose words include word `id`.
        var columnsOfID: [Int32: [Int]] = [:]
        for (column, ids) in idMasks.enumerated() { for id in ids { columnsOfID[id, default: []].append(column) } }
        var isCounted = [Bool](repeating: false, count: corpus.vocabulary.count)
        for id in columnsOfID.keys { isCounted[Int(id)] = true }

        let columnCount = columns.count
        let perArticle = Parallel.map(corpus.articles.count, workers: workers) { [columnsOfID, isCounted] () -> (Int) -> (occurrences: [Int], tokens: [Int], characters: Int) in
            { index in
                if let row = known[index], row.occurrences.count == columnCount, row.tokenMatches.count == columnCount {
                    return (row.occurrences, row.tokenMatches, corpus.articles[index].characterCount)
                }
                var occurrenceRow = [Int](repeating: 0, count: columnCount)
                for paragraph in corpus.articles[index].paragraphs {
                    var text = paragraph
                    text.withUTF8 { bytes in
                        matcher.forEachMatch(in: bytes) { column, _, _, _ in occurrenceRow[column] += 1 }
                    }
                }
                var tokenRow = [Int](repeating: 0, count: columnCount)
                for token in corpus.segments[index].tokens where isCounted[Int(token)] {
                    for column in columnsOfID[token] ?? [] { tokenRow[column] += 1 }
                }
                return (occurrenceRow, tokenRow, corpus.articles[index].characterCount)
            }
        }
        occurrences = perArticle.map(\.occurrences)
        tokenMatches = perArticle.map(\.tokens)
        characters = perArticle.map(\.characters)
        tokens = CorpusCounts.of(corpus, given: corpusCounts).articleTokens
    }

    /// The rows of one unit made of `articles` (without the set members' rows if `keywordsOnly`).
    func rows(level: String, unit: String, articles: [Int], keywordsOnly: Bool = false) -> [KeywordFrequencies.Row] {
        let characterCount = articles.reduce(0) { $0 + characters[$1] }
        let tokenCount = articles.reduce(0) { $0 + tokens[$1] }
        return columns.indices.filter { !keywordsOnly || columns[$0].member == nil }.map { column in
            var occurrenceCount = 0, tokenMatchCount = 0, documents = 0, tokenDocuments = 0
            for article in articles {
                occurrenceCount += occurrences[article][column]
                tokenMatchCount += tokenMatches[article][column]
                if occurrences[article][column] > 0 { documents += 1 }
                if tokenMatches[article][column] > 0 { tokenDocuments += 1 }
            }
            return KeywordFrequencies.Row(
                level: level, unit: unit, keyword: columns[column].name, member: columns[column].member ?? "",
                occurrences: occurrenceCount, characters: characterCount,
                per10kCharacters: KeywordCounts.rate(occurrenceCount, per: characterCount),
                tokenMatches: tokenMatchCount, tokens: tokenCount,
                per10kTokens: KeywordCounts.rate(tokenMatchCount, per: tokenCount),
                documents: documents, tokenDocuments: tokenDocuments, articles: articles.count)
        }
    }
}
