import Foundation

/// A pipeline file: what to read, what to count, where to write. Keys are documented in
/// `Pipelines/README.md`.
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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, name, title, inputs, keywords, output, encoding, layout
        case onError = "on_error"
        case extensions, metadata, segmentation, html
    }

    public init(version: Int = 1, name: String, title: String? = nil, inputs: [String], keywords: [String],
                output: String? = nil, encoding: String? = nil, layout: String? = nil, onError: String? = nil,
                extensions: [String]? = nil, metadata: [String]? = nil, segmentation: SegmentationConfig? = nil,
                html: Bool? = nil) {
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
    }

    /// The keys a pipeline file may hold, for unknown-key errors.
    static let knownKeys = CodingKeys.allCases.map(\.rawValue)
    /// The keys of nested mappings, by the key that holds them.
    static let nestedKeys: [String: [String]] = [
        "segmentation": SegmentationConfig.CodingKeys.allCases.map(\.rawValue),
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
