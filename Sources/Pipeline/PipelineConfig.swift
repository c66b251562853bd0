import Foundation
import Reporting

/// A pipeline file: what to read, what to count, where to write. Keys are documented in
/// the README's Pipeline files section.
///
///     version: 1
///     name: seed
///     inputs: [../../shared/corpus/seed/]
///     keywords: [人才, 干部, 基层]
public struct PipelineConfig: Codable, Sendable, Equatable {
    /// Format version of the pipeline file; only `1` exists.
    public var version: Int
    /// A short name, used in the report and the default output folder.
    public var name: String
    /// Report title; defaults to `Cipin report: <name>`.
    public var title: String?
    /// Files, folders (recursive) and glob patterns, relative to the pipeline file.
    public var inputs: [String]
    /// Keywords to count.
    public var keywords: [String]
    /// Output folder, relative to the pipeline file; default `Reports/<name>` under the current folder.
    public var output: String?
    /// `auto` (default), `utf-8`, `utf-16`, `utf-16le`, `utf-16be`, `gb18030`, `gbk`, `gb2312` or an iconv name.
    public var encoding: String?
    /// `auto` (default), `wrapped` or `paragraphs`.
    public var layout: String?
    /// `stop` (default) or `skip`.
    public var onError: String?
    /// Extensions of files taken from folders; default `[txt, text]`.
    public var extensions: [String]?
    /// Sidecar metadata CSV files, relative to the pipeline file.
    public var metadata: [String]?
    /// Word segmentation settings.
    public var segmentation: SegmentationConfig?
    /// Whether to render `index.html` from the report after each run; default false.
    public var html: Bool?
    /// Named sets of keywords, counted like single keywords: `{人才类: [人才, 英才, 人才队伍]}`.
    public var keywordSets: [String: [String]]?
    /// Settings of the analyses.
    public var analysis: AnalysisConfig?
    /// Encoding of the CSV files: `utf-8-bom` (default; Excel needs the BOM for Chinese), `utf-8`,
    /// or `gb18030` (what older Chinese Excel installs expect).
    public var csvEncoding: String?
    /// Scheduled-run mode: each run writes into `<output>/runs/<timestamp>-<id>/`, a finished run
    /// becomes `<output>/latest`, and runs are recorded in the run store (`store`) and compared
    /// with the previous one; default false.
    public var history: Bool?
    /// With `history: true`: how many run folders to keep (the newest; `latest` among them), older
    /// ones removed after each successful run; the store keeps the runs (see `keepStoredRuns`). Default 30.
    public var keepRuns: Int?
    /// With `history: true`: the run store's file, relative to the pipeline file; default
    /// `<output>/cipin.sqlite`.
    public var store: String?
    /// With `history: true`: how many succeeded runs keep their statistics in the store (the
    /// newest); older runs stay listed without them. Default: every run keeps them.
    public var keepStoredRuns: Int?

    /// The most rows any table of `report.xml` shows (the first ones; a table's CSV file keeps
    /// every row); 0 for no limit. Default 500.
    public var reportRows: Int?

    /// The CSV files to write (names from `csvFileNames`, with or without `.csv`); default every
    /// one. `report.xml` (and `index.html`) are always written.
    public var csvFiles: [String]?

    /// The part-of-speech tags of jieba 0.42.1: those of `dict.txt`'s words and of posseg's model
    /// (`posseg/prob_start.py`), as the tests read them from Debian's `python3-jieba`.
    static let jiebaTags: Set<String> = [
        "a", "ad", "ag", "an", "b", "bg", "c", "d", "df", "dg", "e", "en", "f", "g", "h", "i", "in", "j", "jn", "k", "l", "ln",
        "m", "mg", "mq", "n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz", "o", "p", "q", "qe", "qg", "r", "rg", "rr", "rz", "s",
        "t", "tg", "u", "ud", "ug", "uj", "ul", "uv", "uz", "v", "vd", "vg", "vi", "vn", "vq", "w", "x", "y", "yg", "z", "zg",
        // posseg's tags of the words it makes outside the HMM: numbers and Latin words.
        "eng",
    ]

    /// Every CSV file a run or a comparison can write, in the order the README lists them.
    public static let csvFileNames = [
        "files.csv", "documents.csv", "skipped.csv", "keywords.csv", "keyword_totals.csv", "keyword_groups.csv", "trends.csv",
        "terms.csv", "cooccurrence.csv", "collocates.csv", "concordance.csv", "keyness.csv", "article_keywords.csv",
        "run_articles.csv", "run_rates.csv", "run_new_terms.csv",
        "compare_sides.csv", "compare_articles.csv", "compare_rates.csv", "compare_keyness.csv", "compare_only.csv", "compare_cooccurrence.csv",
        "compare_collocates.csv",
    ]

    /// `csv_files` as file names (`.csv` added where it was left out), or `nil` for every file.
    var wantedCSVFiles: Set<String>? {
        csvFiles.map { Set($0.map(Self.csvFileName)) }
    }

    /// A `csv_files` entry as a file name: `terms`, `terms.csv` and `Terms.CSV` are all `terms.csv`.
    static func csvFileName(_ entry: String) -> String {
        let name = entry.trimmingCharacters(in: .whitespaces).lowercased()
        return name.hasSuffix(".csv") ? name : name + ".csv"
    }

    /// Run folders kept when `keep_runs` is not set.
    public static let defaultKeptRuns = 30
    /// Rows per report table when `report_rows` is not set: every table of a corpus of a few hundred
    /// articles whole, and a report of tens of thousands still a document to read.
    public static let defaultReportRows = 500

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, name, title, inputs, keywords, output, encoding, layout
        case onError = "on_error"
        case extensions, metadata, segmentation, html
        case keywordSets = "keyword_sets"
        case analysis
        case csvEncoding = "csv_encoding"
        case history
        case keepRuns = "keep_runs"
        case store
        case keepStoredRuns = "keep_stored_runs"
        case reportRows = "report_rows"
        case csvFiles = "csv_files"
    }

    public init(version: Int = 1, name: String, title: String? = nil, inputs: [String], keywords: [String],
                output: String? = nil, encoding: String? = nil, layout: String? = nil, onError: String? = nil,
                extensions: [String]? = nil, metadata: [String]? = nil, segmentation: SegmentationConfig? = nil,
                html: Bool? = nil, keywordSets: [String: [String]]? = nil, analysis: AnalysisConfig? = nil,
                csvEncoding: String? = nil) {
        self.version = version
        self.name = name
        self.title = title
        self.inputs = inputs
        self.keywords = keywords
        self.output = output
        self.encoding = encoding
        self.layout = layout
        self.onError = onError
        self.extensions = extensions
        self.metadata = metadata
        self.segmentation = segmentation
        self.html = html
        self.keywordSets = keywordSets
        self.analysis = analysis
        self.csvEncoding = csvEncoding
    }

    /// The CSV writer's encoding for `csv_encoding`, or `nil` for an unknown name.
    static func csvEncoding(named name: String?) -> CSVWriter.Options.Encoding? {
        switch name?.lowercased() {
        case nil, "utf-8-bom", "utf8-bom": return .utf8WithBOM
        case "utf-8", "utf8": return .utf8
        case "gb18030", "gbk": return .gb18030
        default: return nil
        }
    }

    /// The name of the encoding `csv_encoding` asks for, as the report's Method section gives it
    /// (`gbk` is written as GB18030, its superset).
    static func csvEncodingName(_ name: String?) -> String {
        switch csvEncoding(named: name) {
        case .utf8WithBOM?: return "utf-8-bom"
        case .utf8?: return "utf-8"
        case .gb18030?: return "gb18030"
        case nil: return name ?? "utf-8-bom"
        }
    }

    /// Every key the file may hold, nested mappings included (`keyword_sets` takes any names).
    static let schema: KeySchema = .keys(CodingKeys.self, nested: [
        "segmentation": .keys(SegmentationConfig.CodingKeys.self),
        "analysis": .keys(AnalysisConfig.CodingKeys.self, nested: [
            "cooccurrence": .keys(AnalysisConfig.CooccurrenceConfig.CodingKeys.self),
            "collocates": .keys(AnalysisConfig.CollocatesConfig.CodingKeys.self),
            "concordance": .keys(AnalysisConfig.ConcordanceConfig.CodingKeys.self),
            "keyness": .keys(AnalysisConfig.KeynessConfig.CodingKeys.self),
            "article_keywords": .keys(AnalysisConfig.ArticleKeywordsConfig.CodingKeys.self),
            "trends": .keys(AnalysisConfig.TrendsConfig.CodingKeys.self),
        ]),
    ])

    /// Key names of each mapping in declaration order, for messages, by their dotted path.
    static let orderedKeys: [String: [String]] = [
        "": KeySchema.orderedNames(CodingKeys.self),
        "segmentation": KeySchema.orderedNames(SegmentationConfig.CodingKeys.self),
        "analysis": KeySchema.orderedNames(AnalysisConfig.CodingKeys.self),
        "analysis.cooccurrence": KeySchema.orderedNames(AnalysisConfig.CooccurrenceConfig.CodingKeys.self),
        "analysis.collocates": KeySchema.orderedNames(AnalysisConfig.CollocatesConfig.CodingKeys.self),
        "analysis.concordance": KeySchema.orderedNames(AnalysisConfig.ConcordanceConfig.CodingKeys.self),
        "analysis.keyness": KeySchema.orderedNames(AnalysisConfig.KeynessConfig.CodingKeys.self),
        "analysis.article_keywords": KeySchema.orderedNames(AnalysisConfig.ArticleKeywordsConfig.CodingKeys.self),
        "analysis.trends": KeySchema.orderedNames(AnalysisConfig.TrendsConfig.CodingKeys.self),
    ]
}

/// The `segmentation:` mapping of a pipeline file.
///
///     segmentation:
///       user_dicts: [dicts/party-building.txt]
///       hmm: true
public struct SegmentationConfig: Codable, Sendable, Equatable {
    /// jieba's main dictionary; default Debian's `/usr/lib/python3/dist-packages/jieba/dict.txt`.
    public var dict: String?
    /// User dictionaries in jieba's format, relative to the pipeline file, applied in order.
    public var userDicts: [String]?
    /// Whether the HMM joins characters the dictionary leaves single (jieba's `HMM=True`); default true.
    public var hmm: Bool?
    /// The inputs are already segmented (words separated by spaces) and are taken as they are.
    public var presegmented: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case dict
        case userDicts = "user_dicts"
        case hmm, presegmented
    }

    public init(dict: String? = nil, userDicts: [String]? = nil, hmm: Bool? = nil, presegmented: Bool? = nil) {
        self.dict = dict
        self.userDicts = userDicts
        self.hmm = hmm
        self.presegmented = presegmented
    }
}
