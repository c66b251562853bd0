import Analysis
import Foundation
import Ingest
import Segmentation

/// One file's articles and words as a run left them, for the next run to reuse when the file's
/// bytes and the settings that shape them are unchanged.
struct CachedFile: Codable, Sendable {
    var articles: [Article]
    /// The encoding the file was read as.
    var encoding: String
    /// The distinct words of the file's articles.
    var words: [String]
    /// Per article: tokens as indexes into `words`, and the sentence and paragraph ends.
    var tokens: [[Int32]]
    var sentenceEnds: [[Int32]]
    var paragraphEnds: [[Int32]]

    init(articles: [Article], encoding: String, words: [String], tokens: [[Int32]], sentenceEnds: [[Int32]], paragraphEnds: [[Int32]]) {
        self.articles = articles
        self.encoding = encoding
        self.words = words
        self.tokens = tokens
        self.sentenceEnds = sentenceEnds
        self.paragraphEnds = paragraphEnds
    }

    // Design note. The integer arrays are most of an entry (a token id per word of the file):
    // as JSON numbers they took longer to decode than the file takes to segment, so they are
    // stored as little-endian Int32 blobs (base64 in the JSON).
    private enum CodingKeys: String, CodingKey {
        case articles, encoding, words, tokens, sentenceEnds, paragraphEnds
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        articles = try container.decode([Article].self, forKey: .articles)
        encoding = try container.decode(String.self, forKey: .encoding)
        words = try container.decode([String].self, forKey: .words)
        tokens = try container.decode([Data].self, forKey: .tokens).map(Self.integers)
        sentenceEnds = try container.decode([Data].self, forKey: .sentenceEnds).map(Self.integers)
        paragraphEnds = try container.decode([Data].self, forKey: .paragraphEnds).map(Self.integers)
        guard tokens.count == articles.count, sentenceEnds.count == articles.count, paragraphEnds.count == articles.count,
              tokens.allSatisfy({ $0.allSatisfy { $0 >= 0 && Int($0) < words.count } }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "inconsistent cache entry"))
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(articles, forKey: .articles)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(words, forKey: .words)
        try container.encode(tokens.map(Self.blob), forKey: .tokens)
        try container.encode(sentenceEnds.map(Self.blob), forKey: .sentenceEnds)
        try container.encode(paragraphEnds.map(Self.blob), forKey: .paragraphEnds)
    }

    static func blob(_ values: [Int32]) -> Data {
        var data = Data(count: values.count * 4)
        data.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() { raw.storeBytes(of: value.littleEndian, toByteOffset: index * 4, as: Int32.self) }
        }
        return data
    }

    static func integers(_ data: Data) throws -> [Int32] {
        guard data.count % 4 == 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "an integer blob of \(data.count) bytes"))
        }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
        }
    }
}

/// Incremental runs: files whose content is unchanged since a stored run are not read, split or
/// segmented again; their articles and words come from the run store. The corpus is then numbered
/// exactly as a full run numbers it (by first occurrence in article order), so the outputs are the
/// same as a full run's.
enum SegmentCache {
    /// The layout of stored entries; a new layout makes older entries unused (2: articles record
    /// whether their title is the file name).
    static let entryFormat = "entries-2"

    /// A hash of everything besides a file's bytes that shapes its articles and words: Cipin's
    /// version and the entries' format, the encoding and layout settings, and the segmenter's
    /// model and dictionaries (by content) and options.
    static func settingsKey(config: PipelineConfig, segmenterFiles: [String], usesHMM: Bool?) -> String {
        var parts = [CipinVersion.current, entryFormat, config.encoding ?? "auto", config.layout ?? "auto",
                     String(describing: config.segmentation?.presegmented ?? false), String(describing: usesHMM)]
        parts += segmenterFiles.map { $0 + "=" + MethodSection.sha256(ofFileAt: $0) }
        return sha256(Data(parts.joined(separator: "\n").utf8))
    }

    /// The settings key for a loaded segmenter (or presegmented input).
    static func settingsKey(for segmenter: Segmenter?, config: PipelineConfig) -> String {
        let files = segmenter.map { segmenter in
            [segmenter.options.dictionaryPath] + (segmenter.usesHMM ? [segmenter.options.hmmStartPath, segmenter.options.hmmTransitionPath,
                                                                    segmenter.options.hmmEmissionPath] : []) + segmenter.options.userDictionaryPaths
        } ?? []
        return settingsKey(config: config, segmenterFiles: files, usesHMM: segmenter?.usesHMM)
    }

    /// Splits a corpus back into per-file entries to store (of the files `include` selects).
    static func entries(of corpus: SegmentedCorpus, files: [InputFile],
                        include: (InputFile) -> Bool = { _ in true }) -> [(contentHash: String, file: CachedFile)] {
        var result: [(String, CachedFile)] = []
        var articleIndex = 0
        for file in files {
            guard include(file) else {
                articleIndex += file.articleCount
                continue
            }
            var local: [Int32: Int32] = [:]
            var cached = CachedFile(articles: [], encoding: file.encoding, words: [], tokens: [], sentenceEnds: [], paragraphEnds: [])
            for _ in 0..<file.articleCount {
                var article = corpus.articles[articleIndex]
                article.fields = [:]
                let segment = corpus.segments[articleIndex]
                cached.articles.append(article)
                cached.tokens.append(segment.tokens.map { id in
                    if let known = local[id] { return known }
                    let next = Int32(cached.words.count)
                    local[id] = next
                    cached.words.append(corpus.vocabulary.words[Int(id)])
                    return next
                })
                cached.sentenceEnds.append(segment.sentenceEnds)
                cached.paragraphEnds.append(segment.paragraphEnds)
                articleIndex += 1
            }
            result.append((file.contentHash, cached))
        }
        return result
    }

    /// The corpus of a run from freshly segmented articles and reused files, in input order.
    static func combine(ingest: IngestResult, fresh: SegmentedCorpus, cache: [String: CachedFile]) -> SegmentedCorpus {
        var vocabulary = Vocabulary()
        var segments: [SegmentedArticle] = []
        var freshIndex = 0
        var articleIndex = 0
        // The combined id of each fresh word and each stored word, found once per word.
        var freshIDs = [Int32](repeating: -1, count: fresh.vocabulary.count)
        for file in ingest.files {
            if file.reused, let cached = cache[file.contentHash] {
                var map = [Int32](repeating: -1, count: cached.words.count)
                for position in 0..<file.articleCount {
                    let tokens = cached.tokens[position].map { local -> Int32 in
                        if map[Int(local)] < 0 { map[Int(local)] = vocabulary.intern(cached.words[Int(local)]) }
                        return map[Int(local)]
                    }
                    segments.append(SegmentedArticle(tokens: tokens, sentenceEnds: cached.sentenceEnds[position],
                                                     paragraphEnds: cached.paragraphEnds[position]))
                    articleIndex += 1
                }
            } else {
                for _ in 0..<file.articleCount {
                    let segment = fresh.segments[freshIndex]
                    let tokens = segment.tokens.map { id -> Int32 in
                        if freshIDs[Int(id)] < 0 { freshIDs[Int(id)] = vocabulary.intern(fresh.vocabulary.words[Int(id)]) }
                        return freshIDs[Int(id)]
                    }
                    segments.append(SegmentedArticle(tokens: tokens, sentenceEnds: segment.sentenceEnds, paragraphEnds: segment.paragraphEnds))
                    freshIndex += 1
                    articleIndex += 1
                }
            }
        }
        return SegmentedCorpus(articles: ingest.articles, segments: segments, vocabulary: vocabulary)
    }
}

/// The article keyword rows of one file's articles, stored so that a later run does not rank
/// unchanged articles again (TF-IDF and TextRank depend only on an article's tokens and settings).
struct CachedArticleKeywords: Codable, Sendable, Equatable {
    struct Item: Codable, Sendable, Equatable {
        var method: String
        var word: String
        /// The weight's bit pattern, so it comes back exactly.
        var weight: UInt64
    }

    /// Per article of the file, its rows in order.
    var articles: [[Item]]

    /// The key of the stored rows: the tokens' settings key and the article keyword settings.
    static func settingsKey(segmentKey: String, settings: [String]) -> String {
        sha256(Data(([segmentKey] + settings).joined(separator: "\n").utf8))
    }

    /// The rows known for the articles of reused files (by article index), from `stored`.
    static func known(files: [InputFile], articles: [Article], stored: [String: CachedArticleKeywords]) -> [Int: [ArticleKeywordTable.Row]] {
        var known: [Int: [ArticleKeywordTable.Row]] = [:]
        var index = 0
        for file in files {
            defer { index += file.articleCount }
            guard file.reused, let entry = stored[file.contentHash], entry.articles.count == file.articleCount else { continue }
            for (offset, items) in entry.articles.enumerated() {
                var rank = [String: Int]()
                known[index + offset] = items.map { item in
                    rank[item.method, default: 0] += 1
                    return ArticleKeywordTable.Row(document: articles[index + offset].id, method: item.method, rank: rank[item.method]!,
                                                   word: item.word, weight: Double(bitPattern: item.weight))
                }
            }
        }
        return known
    }

    /// Entries to store for the files that `stored` lacks, from a run's rows.
    static func entries(files: [InputFile], articles: [Article], table: ArticleKeywordTable,
                        stored: [String: CachedArticleKeywords]) -> [(contentHash: String, entry: CachedArticleKeywords)] {
        var byDocument: [String: [Item]] = [:]
        for row in table.rows { byDocument[row.document, default: []].append(Item(method: row.method, word: row.word, weight: row.weight.bitPattern)) }
        var result: [(String, CachedArticleKeywords)] = []
        var index = 0
        for file in files {
            defer { index += file.articleCount }
            guard stored[file.contentHash] == nil else { continue }
            result.append((file.contentHash, CachedArticleKeywords(articles: (index..<(index + file.articleCount)).map { byDocument[articles[$0].id] ?? [] })))
        }
        return result
    }
}
