import Analysis
import Foundation

/// The `analysis:` mapping of a pipeline file. Every key is optional; the defaults are in
/// the README (Pipeline files; Settings).
///
///     analysis:
///       groups: [region, month]
///       cooccurrence: { scopes: [sentence, article, window], window: 5 }
///       keyness: { by: region }
public struct AnalysisConfig: Codable, Sendable, Equatable {
    /// Metadata fields to count keywords by (`author`, `region`, `month`, a sidecar field…); default `[region, month]`.
    public var groups: [String]?
    /// A stop word list (one word per line), relative to the pipeline file; `none` for no list.
    /// Default: `dicts/stopwords.txt` beside the pipeline, or none when there is no such file.
    public var stopwords: String?
    /// Leave punctuation out of term lists, collocates and keyness; default true.
    public var excludePunctuation: Bool?
    /// Leave numbers out of term lists, collocates and keyness; default true.
    public var excludeNumbers: Bool?
    /// Term list minimum frequency; default 2.
    public var minFrequency: Int?
    public var cooccurrence: CooccurrenceConfig?
    public var collocates: CollocatesConfig?
    public var concordance: ConcordanceConfig?
    public var keyness: KeynessConfig?
    public var articleKeywords: ArticleKeywordsConfig?
    public var trends: TrendsConfig?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case groups, stopwords
        case excludePunctuation = "exclude_punctuation"
        case excludeNumbers = "exclude_numbers"
        case minFrequency = "min_frequency"
        case cooccurrence, collocates, concordance, keyness
        case articleKeywords = "article_keywords"
        case trends
    }

    public init() {}

    public struct CooccurrenceConfig: Codable, Sendable, Equatable {
        /// `sentence`, `paragraph`, `article`, `window`; default `[sentence, paragraph, article, window]`.
        public var scopes: [String]?
        /// Window radius in tokens (±N); default 5.
        public var window: Int?
        /// Also pair each keyword with every other word: `true` (in every scope), `false`, or the
        /// scopes that get those rows; default `[sentence, window]`.
        public var withEveryWord: EveryWordSetting?
        /// Minimum joint count for keyword–word pairs; default 2.
        public var minJoint: Int?
        /// The unit a window never crosses: `sentence` (default), `paragraph` or `article`.
        public var boundary: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case scopes, window
            case withEveryWord = "with_every_word"
            case minJoint = "min_joint"
            case boundary
        }
    }

    /// `with_every_word`: a flag for all scopes, or a list of scope names.
    public enum EveryWordSetting: Codable, Sendable, Equatable {
        case all(Bool)
        case scopes([String])

        /// Sentences and windows: the units collocation studies use. Paragraph and article
        /// scopes pair nearly every word of a text with every keyword (and write most of the rows).
        public static let defaultScopes = ["sentence", "window"]

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .all(flag)
            } else {
                self = .scopes(try container.decode([String].self))
            }
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .all(let flag): try container.encode(flag)
            case .scopes(let names): try container.encode(names)
            }
        }
    }

    public struct CollocatesConfig: Codable, Sendable, Equatable {
        /// Span in tokens on each side; default 5.
        public var window: Int?
        /// Span to the left and to the right, when they differ; default `window`.
        public var left: Int?
        public var right: Int?
        /// The unit a span never crosses: `sentence` (default), `paragraph` or `article`.
        public var boundary: String?
        /// Minimum joint frequency; default 3.
        public var minJoint: Int?
        /// Minimum frequency of a collocate in the corpus; default 1.
        public var minFrequency: Int?
        /// How many collocates per keyword the report shows (the CSV has all); default 20.
        public var top: Int?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case window, left, right, boundary
            case minJoint = "min_joint"
            case minFrequency = "min_frequency"
            case top
        }
    }

    public struct ConcordanceConfig: Codable, Sendable, Equatable {
        /// Characters of context on each side; default 30.
        public var context: Int?
        /// Lines per keyword shown in the report (the CSV has all, or `maxLines`); default 10.
        public var sample: Int?
        /// At most this many lines per keyword in `concordance.csv`: a reproducible random sample
        /// (`RunConcordance.sampled`); default every line.
        public var maxLines: Int?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case context, sample
            case maxLines = "max_lines"
        }
    }

    public struct KeynessConfig: Codable, Sendable, Equatable {
        /// The metadata field whose groups are compared; default `region`.
        public var by: String?
        /// One group as the target; default every group in turn.
        public var target: String?
        /// Another group, or `rest` (default) for every other article.
        public var reference: String?
        /// Minimum target + reference frequency; default 5.
        public var minFrequency: Int?
        /// Significance level before the Bonferroni correction; default 0.05.
        public var alpha: Double?
        /// Rows per comparison shown in the report (the CSV has all); default 20.
        public var top: Int?
        /// Divide α by the number of words tested; default true.
        public var bonferroni: Bool?
        /// Kilgarriff's constant k of simple maths; default 1.
        public var simpleMathsK: Double?
        /// The rows of `keyness.csv`: `significant` (default, the key words of each comparison, as
        /// keyword tools list them) or `all` (every word tested in every comparison: 31 regions ×
        /// every word of the vocabulary is 300,000 rows on 24 MB).
        public var csvRows: String?
        /// Whether `keyness.csv` holds only the significant words (`csv_rows`, default significant).
        public var writesSignificantOnly: Bool { (csvRows ?? "significant") == "significant" }
        enum CodingKeys: String, CodingKey, CaseIterable {
            case by, target, reference
            case minFrequency = "min_frequency"
            case alpha, top, bonferroni
            case simpleMathsK = "simple_maths_k"
            case csvRows = "csv_rows"
        }
    }

    public struct ArticleKeywordsConfig: Codable, Sendable, Equatable {
        /// Words per article; default 20 (as `jieba.analyse.extract_tags`).
        public var top: Int?
        /// Also rank by TextRank; default true.
        public var textrank: Bool?
        /// jieba's IDF file; default Debian's `analyse/idf.txt`.
        public var idf: String?
        /// The part-of-speech tags a TextRank node may have (jieba's `allowPOS`); default
        /// `[ns, n, vn, v]`; an empty list ranks words of any tag (and words without one).
        public var textrankPos: [String]?
        /// Whose words and tags TextRank ranks: `posseg` (default), jieba.posseg's, as
        /// `jieba.analyse.textrank` does; `dictionary`, the segmenter's words with their dictionary
        /// tags (words jieba's HMM made have none), which skips posseg's HMM and is faster.
        public var textrankTagging: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case top, textrank, idf
            case textrankPos = "textrank_pos"
            case textrankTagging = "textrank_tagging"
        }
    }

    public struct TrendsConfig: Codable, Sendable, Equatable {
        /// `year`, `month` (default) or `day`.
        public var bucket: String?
        /// Also list the buckets between the first and the last that hold no article, with zeros; default false.
        public var fillGaps: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case bucket
            case fillGaps = "fill_gaps"
        }
    }
}

/// The keys a mapping of the pipeline file may hold, nested: checked before decoding so that an
/// unknown key anywhere is reported with its path, line and column.
indirect enum KeySchema {
    case mapping([String: KeySchema])
    case value

    static func keys<K: CodingKey & CaseIterable>(_ type: K.Type, nested: [String: KeySchema] = [:]) -> KeySchema {
        var children: [String: KeySchema] = [:]
        for key in K.allCases { children[key.stringValue] = nested[key.stringValue] ?? .value }
        return .mapping(children)
    }

    /// Key names in declaration order, for messages.
    static func orderedNames<K: CodingKey & CaseIterable>(_ type: K.Type) -> [String] {
        K.allCases.map(\.stringValue)
    }
}
