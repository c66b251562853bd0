import Ingest

/// The date buckets of a trend.
public enum DateBucket: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// `2021`
    case year
    /// `2021-11`
    case month
    /// `2021-11-11`
    case day

    /// The bucket of an ISO date (`2021-11-11`, `2021-11` or `2021`), or `nil` when the date is
    /// missing or less precise than the bucket (a date of `2021` has no month).
    public func bucket(of date: String) -> String? {
        let length: Int
        switch self {
        case .year: length = 4
        case .month: length = 7
        case .day: length = 10
        }
        let scalars = Array(date.unicodeScalars)
        guard scalars.count >= length else { return nil }
        // Digits where ISO 8601 has them, dashes between.
        for (index, scalar) in scalars.prefix(length).enumerated() {
            let isDash = index == 4 || index == 7
            if isDash ? scalar != "-" : !("0"..."9").contains(scalar) { return nil }
        }
        return String(String.UnicodeScalarView(scalars.prefix(length)))
    }

    /// The bucket after `bucket`, for filling gaps: `2021-12` → `2022-01`.
    public func next(after bucket: String) -> String? {
        let parts = bucket.split(separator: "-").compactMap { Int($0) }
        switch (self, parts.count) {
        case (.year, 1):
            return Self.format([parts[0] + 1])
        case (.month, 2):
            return parts[1] == 12 ? Self.format([parts[0] + 1, 1]) : Self.format([parts[0], parts[1] + 1])
        case (.day, 3):
            let (year, month, day) = (parts[0], parts[1], parts[2])
            if day < Self.daysIn(month: month, year: year) { return Self.format([year, month, day + 1]) }
            return month == 12 ? Self.format([year + 1, 1, 1]) : Self.format([year, month + 1, 1])
        default:
            return nil
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func format(_ parts: [Int]) -> String {
        parts.enumerated().map { index, value in
            let text = String(value)
            let width = index == 0 ? 4 : 2
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }.joined(separator: "-")
    }
}

/// Options of `Trends.compute(_:in:options:)`.
public struct TrendOptions: Sendable, Equatable {
    public var bucket: DateBucket
    /// Also give rows (of zeros) for buckets between the first and the last that hold no article.
    public var fillGaps: Bool
    /// The most periods a filled table may list: dates that span more (days over three decades,
    /// a year mistyped as 1021) leave the gaps unfilled (`Trends.unfilledSpan`).
    public var maximumPeriods: Int
    public static let defaultMaximumPeriods = 10_000

    public init(bucket: DateBucket = .month, fillGaps: Bool = false, maximumPeriods: Int = TrendOptions.defaultMaximumPeriods) {
        self.bucket = bucket
        self.fillGaps = fillGaps
        self.maximumPeriods = maximumPeriods
    }
}

/// Keyword rates per date bucket (`trends.csv`).
public struct Trends: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// `2021-11`, …, or `(none)` for articles without a date as precise as the bucket (last).
        public var bucket: String
        public var keyword: String
        /// Exact occurrences in the bucket's bodies (as `KeywordFrequencies` counts them).
        public var occurrences: Int
        /// Non-white-space characters of the bucket's bodies.
        public var characters: Int
        public var per10kCharacters: Double
        /// Tokens equal to the keyword (or any word of its set).
        public var tokenMatches: Int
        /// Tokens of the bucket.
        public var tokens: Int
        public var per10kTokens: Double
        /// Articles in the bucket.
        public var articles: Int
        /// Articles of the bucket with at least one occurrence.
        public var documents: Int
    }

    /// Buckets in time order, keywords in the given order within each.
    public var rows: [Row]
    /// With `fillGaps`, when the dates span more than `maximumPeriods` periods: the gaps were not
    /// filled, and this is more than the maximum (the count stops there).
    public var unfilledSpan: Int? = nil

    public static let columnNames = ["bucket", "keyword", "occurrences", "characters", "per_10k_chars", "tokens",
                                     "token_count", "per_10k_tokens", "articles", "documents"]

    /// Sums keyword counts per year, month or day of the articles' dates.
    ///
    ///     let trends = Trends.compute([KeywordSpec("人才")], in: corpus, options: TrendOptions(bucket: .month))
    ///     trends.rows[0].bucket   // "2021-11"
    ///
    /// - Parameters:
    ///   - keywords: single words or named sets.
    ///   - corpus: the segmented articles.
    ///   - options: bucket size and gap filling.
    /// - Returns: one row per bucket and keyword.
    /// - Complexity: O(B + T), as `KeywordFrequencies.count`.
    ///   - counts: the per-article counts of the same keywords and corpus, when already made.
    public static func compute(_ keywords: [KeywordSpec], in corpus: SegmentedCorpus,
                               options: TrendOptions = TrendOptions(), counts: KeywordCountTable? = nil) -> Trends {
        let counts = counts.map(\.counts) ?? ArticleKeywordCounts(keywords, corpus: corpus, includeMembers: false)
        var groups = KeywordFrequencies.groupArticles(corpus.articles) { options.bucket.bucket(of: $0.shown("date")) ?? "" }
        var unfilledSpan: Int?
        if options.fillGaps {
            let dated = groups.filter { $0.0 != KeywordFrequencies.noValue }
            // Counted first, up to the maximum, so a span of centuries costs no more than the maximum.
            var periods = dated.count
            for (index, group) in dated.enumerated() where index + 1 < dated.count && periods <= options.maximumPeriods {
                var next = options.bucket.next(after: group.0)
                while let bucket = next, codePointLess(bucket, dated[index + 1].0), periods <= options.maximumPeriods {
                    periods += 1
                    next = options.bucket.next(after: bucket)
                }
            }
            if periods > options.maximumPeriods { unfilledSpan = periods }
        }
        if options.fillGaps && unfilledSpan == nil {
            let dated = groups.filter { $0.0 != KeywordFrequencies.noValue }
            var filled: [(String, [Int])] = []
            for (index, group) in dated.enumerated() {
                filled.append(group)
                guard index + 1 < dated.count else { break }
                var next = options.bucket.next(after: group.0)
                while let bucket = next, codePointLess(bucket, dated[index + 1].0) {
                    filled.append((bucket, []))
                    next = options.bucket.next(after: bucket)
                }
            }
            groups = filled + groups.filter { $0.0 == KeywordFrequencies.noValue }
        }
        var rows: [Row] = []
        for (bucket, articles) in groups {
            for row in counts.rows(level: "bucket", unit: bucket, articles: articles, keywordsOnly: true) {
                rows.append(Row(bucket: bucket, keyword: row.keyword, occurrences: row.occurrences,
                                characters: row.characters, per10kCharacters: row.per10kCharacters,
                                tokenMatches: row.tokenMatches, tokens: row.tokens, per10kTokens: row.per10kTokens,
                                articles: row.articles, documents: row.documents))
            }
        }
        return Trends(rows: rows, unfilledSpan: unfilledSpan)
    }
}
