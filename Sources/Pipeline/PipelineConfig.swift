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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, name, title, inputs, keywords, output, encoding, layout
        case onError = "on_error"
        case extensions, metadata
    }

    public init(version: Int = 1, name: String, title: String? = nil, inputs: [String], keywords: [String],
                output: String? = nil, encoding: String? = nil, layout: String? = nil, onError: String? = nil,
                extensions: [String]? = nil, metadata: [String]? = nil) {
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
    }

    /// The keys a pipeline file may hold, for unknown-key errors.
    static let knownKeys = CodingKeys.allCases.map(\.rawValue)
}
