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
    /// Per article: where jieba.posseg's cut differs (`SegmentedArticle.possegRuns` and `spaces`).
    var possegRuns: [[Int32]]
    var spaces: [[Int32]]
    /// The warnings about the file's lines (see `InputFile.notes`).
    var notes: [LineNote] = []

    init(articles: [Article], encoding: String, words: [String], tokens: [[Int32]], sentenceEnds: [[Int32]], paragraphEnds: [[Int32]],
         possegRuns: [[Int32]]? = nil, spaces: [[Int32]]? = nil, notes: [LineNote] = []) {
        self.articles = articles
        self.encoding = encoding
        self.words = words
        self.tokens = tokens
        self.sentenceEnds = sentenceEnds
        self.paragraphEnds = paragraphEnds
        self.possegRuns = possegRuns ?? tokens.map { _ in [] }
        self.spaces = spaces ?? tokens.map { _ in [] }
        self.notes = notes
    }

    // Design note. The integer arrays are most of an entry (a token id per word of the file):
    // as JSON numbers they took longer to decode than the file takes to segment, so they are
    // stored as little-endian Int32 blobs (base64 in the JSON).
    private enum CodingKeys: String, CodingKey {
        case articles, encoding, words, tokens, sentenceEnds, paragraphEnds, possegRuns, spaces, notes
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        articles = try container.decode([Article].self, forKey: .articles)
        encoding = try container.decode(String.self, forKey: .encoding)
        words = try container.decode([String].self, forKey: .words)
        tokens = try container.decode([Data].self, forKey: .tokens).map(Self.integers)
        sentenceEnds = try container.decode([Data].self, forKey: .sentenceEnds).map(Self.integers)
        paragraphEnds = try container.decode([Data].self, forKey: .paragraphEnds).map(Self.integers)
        possegRuns = try container.decode([Data].self, forKey: .possegRuns).map(Self.integers)
        spaces = try container.decode([Data].self, forKey: .spaces).map(Self.integers)
        notes = try container.decodeIfPresent([LineNote].self, forKey: .notes) ?? []
        guard tokens.count == articles.count, sentenceEnds.count == articles.count, paragraphEnds.count == articles.count,
              possegRuns.count == articles.count, spaces.count == articles.count,
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
        try container.encode(possegRuns.map(Self.blob), forKey: .possegRuns)
        try container.encode(spaces.map(Self.blob), forKey: .spaces)
        try container.encode(notes, forKey: .notes)
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

/// An entry of a cache table in the run store, as the bytes the store keeps.
protocol StoredEntry: Sendable {
    /// Reads an entry; throws when the bytes are not one (another format, damage).
    init(storedBytes: [UInt8]) throws
    /// The bytes to keep.
    func stored() throws -> Data
}

extension StoredEntry {
    /// Reads an entry from `Data` (see `init(storedBytes:)`).
    init(stored data: Data) throws { try self.init(storedBytes: [UInt8](data)) }
}

extension CachedFile: StoredEntry {
    // Design note. A store holds an entry per input file, and a scheduled run reads all of them
    // first: as JSON (article text, then base64 blobs) that took 0.15 s of a 1.5 s nightly run on
    // the bench corpus. The entry is a plain binary record instead: little-endian integers, and
    // strings as their length and UTF-8 bytes.

    init(storedBytes bytes: [UInt8]) throws {
        var reader = BinaryReader(bytes: bytes)
        guard try reader.string() == Self.storedMagic else { throw BinaryReader.Damaged() }
        encoding = try reader.string()
        words = try reader.strings()
        let articleCount = try reader.count()
        articles = []
        tokens = []
        sentenceEnds = []
        paragraphEnds = []
        possegRuns = []
        spaces = []
        for _ in 0..<articleCount {
            var article = Article(id: try reader.string(), sourcePath: try reader.string(), indexInFile: try reader.integer(),
                                  startLine: try reader.integer(), title: try reader.string(), byline: try reader.string(),
                                  author: try reader.string(), position: try reader.string(), region: try reader.string(),
                                  date: try reader.string(), paragraphs: try reader.strings())
            if try reader.integer() == 1 { article.titleIsFileName = true }
            articles.append(article)
            tokens.append(try reader.integers())
            sentenceEnds.append(try reader.integers())
            paragraphEnds.append(try reader.integers())
            possegRuns.append(try reader.integers())
            spaces.append(try reader.integers())
        }
        let noteCount = try reader.count()
        notes = []
        for _ in 0..<noteCount { notes.append(LineNote(line: try reader.integer(), text: try reader.string())) }
        // Words are numbered by their first occurrence in the file (as `SegmentCache.entries` writes
        // them, and `combine` relies on): each token is a word seen before or the next one.
        var nextNew: Int32 = 0
        for articleTokens in tokens {
            for token in articleTokens where token >= nextNew {
                guard token == nextNew else { throw BinaryReader.Damaged() }
                nextNew += 1
            }
        }
        guard reader.isAtEnd, nextNew == words.count, tokens.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
            throw BinaryReader.Damaged()
        }
    }

    func stored() throws -> Data {
        var writer = BinaryWriter()
        writer.string(Self.storedMagic)
        writer.string(encoding)
        writer.strings(words)
        writer.integer(articles.count)
        for (index, article) in articles.enumerated() {
            for text in [article.id, article.sourcePath] { writer.string(text) }
            writer.integer(article.indexInFile)
            writer.integer(article.startLine)
            for text in [article.title, article.byline, article.author, article.position, article.region, article.date] {
                writer.string(text)
            }
            writer.strings(article.paragraphs)
            writer.integer(article.titleIsFileName == true ? 1 : 0)
            writer.integers(tokens[index])
            writer.integers(sentenceEnds[index])
            writer.integers(paragraphEnds[index])
            writer.integers(possegRuns[index])
            writer.integers(spaces[index])
        }
        writer.integer(notes.count)
        for note in notes {
            writer.integer(note.line)
            writer.string(note.text)
        }
        return writer.data
    }

    private static let storedMagic = "cipin-file-entry-3"
}

extension CachedArticleKeywords: StoredEntry {
    /// Binary, as file entries are (JSON took a sixth of a nightly run's loading of stored results).
    init(storedBytes bytes: [UInt8]) throws {
        var reader = BinaryReader(bytes: bytes)
        guard try reader.string() == Self.storedMagic else { throw BinaryReader.Damaged() }
        let articleCount = try reader.count()
        articles = []
        articles.reserveCapacity(articleCount)
        for _ in 0..<articleCount {
            let itemCount = try reader.count()
            var items: [Item] = []
            items.reserveCapacity(itemCount)
            for _ in 0..<itemCount {
                items.append(Item(method: try reader.string(), word: try reader.string(),
                                  weight: UInt64(bitPattern: Int64(try reader.integer()))))
            }
            articles.append(items)
        }
        guard reader.isAtEnd else { throw BinaryReader.Damaged() }
    }

    func stored() throws -> Data {
        var writer = BinaryWriter()
        writer.string(Self.storedMagic)
        writer.integer(articles.count)
        for items in articles {
            writer.integer(items.count)
            for item in items {
                writer.string(item.method)
                writer.string(item.word)
                writer.integer(Int(Int64(bitPattern: item.weight)))
            }
        }
        return writer.data
    }

    private static let storedMagic = "cipin-article-keywords-2"
}

/// Appends little-endian integers and length-prefixed UTF-8 strings.
struct BinaryWriter {
    /// The bytes so far; an array, not `Data`, whose appends cost several times more each
    /// (a file's entry is tens of thousands of small appends).
    private(set) var bytes: [UInt8] = []

    var data: Data { Data(bytes) }

    /// Bytes as they are (a block another writer made).
    mutating func bytes(_ more: ArraySlice<UInt8>) {
        bytes.append(contentsOf: more)
    }

    mutating func integer(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            integer(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A string given as its UTF-8 (written as `string` writes it).
    mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        integer(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func strings(_ texts: [String]) {
        integer(texts.count)
        for text in texts { string(text) }
    }

    /// A count, then each value as a little-endian Int32, appended in one piece.
    mutating func integers(_ values: [Int32]) {
        integer(values.count)
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        let little = values.map { $0.littleEndian }
        little.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #endif
    }

    /// A count, then each value as an unsigned LEB128 varint of its bit pattern (small counts,
    /// the usual case, take a byte or two; any Int comes back exactly).
    mutating func varints<C: Collection>(_ values: C) where C.Element: BinaryInteger {
        integer(values.count)
        bytes.reserveCapacity(bytes.count + values.count * 2)
        for value in values {
            var rest = UInt64(bitPattern: Int64(value))
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }
    }
}

/// Reads what `BinaryWriter` wrote, checking every length against the bytes left.
struct BinaryReader {
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    init(bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    /// How many bytes have been read.
    var position: Int { offset }

    /// Skips a string, checking that it is UTF-8 without making it.
    mutating func skipText() throws {
        let range = try take(try integer())
        let valid = bytes.withUnsafeBufferPointer { isUTF8(UnsafeBufferPointer(rebasing: $0[range])) }
        guard valid else { throw Damaged() }
    }

    private mutating func take(_ count: Int) throws -> Range<Int> {
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        defer { offset += count }
        return offset..<(offset + count)
    }

    mutating func integer() throws -> Int {
        let range = try take(8)
        let value = bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound, as: Int64.self)) }
        guard let result = Int(exactly: value) else { throw Damaged() }
        return result
    }

    /// A count of items that each take at least one byte.
    mutating func count() throws -> Int {
        let count = try integer()
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        return count
    }

    /// A string; bytes that are not UTF-8 (the writer only writes UTF-8) mean damage.
    ///
    /// `String(decoding:as:)` repairs bad bytes, and a repaired string never has the bytes it was
    /// made from, so comparing them detects damage. (`String(validating:as:)`, generic, spent more
    /// time looking up its generic metadata than validating, on every string of a nightly run.)
    mutating func string() throws -> String {
        let range = try take(try integer())
        return try bytes.withUnsafeBufferPointer { buffer in
            let source = UnsafeBufferPointer(rebasing: buffer[range])
            var text = String(decoding: source, as: UTF8.self)
            let intact = text.withUTF8 { decoded in
                decoded.count == source.count && (source.isEmpty || memcmp(decoded.baseAddress!, source.baseAddress!, source.count) == 0)
            }
            guard intact else { throw Damaged() }
            return text
        }
    }

    mutating func strings() throws -> [String] {
        let count = try count()
        guard count <= (bytes.count - offset) / 8 else { throw Damaged() }  // each string takes 8 bytes at least
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try string()) }
        return result
    }

    /// What `BinaryWriter.varints` wrote.
    mutating func varints() throws -> [Int] {
        let count = try count()
        var result: [Int] = []
        result.reserveCapacity(count)
        try bytes.withUnsafeBufferPointer { bytes in
            var at = offset
            for _ in 0..<count {
                var value: UInt64 = 0
                var shift: UInt64 = 0
                while true {
                    guard at < bytes.count, shift < 64 else { throw Damaged() }
                    let byte = bytes[at]
                    // The tenth byte holds the 64th bit only: anything more does not fit.
                    guard shift < 63 || byte <= 1 else { throw Damaged() }
                    at += 1
                    value |= UInt64(byte & 0x7F) << shift
                    if byte < 0x80 { break }
                    shift += 7
                }
                result.append(Int(Int64(bitPattern: value)))
            }
            offset = at
        }
        return result
    }

    mutating func integers() throws -> [Int32] {
        let count = try integer()
        guard count >= 0, count <= (bytes.count - offset) / 4 else { throw Damaged() }
        let range = try take(count * 4)
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: range.lowerBound + $0 * 4, as: Int32.self)) }
        }
    }
}

/// Incremental runs: files whose content is unchanged since a stored run are not read, split or
/// segmented again; their articles and words come from the run store. The corpus is then numbered
/// exactly as a full run numbers it (by first occurrence in article order), so the outputs are the
/// same as a full run's.
enum SegmentCache {
    /// The layout of stored entries; a new layout makes older entries unused (2: articles record
    /// whether their title is the file name; 3: binary entries).
    /// Bumped when an entry's layout changes, or the articles a file gives (the ingest's rules):
    /// entries made otherwise are then not used. 4: the ingest of the tenth session (number lines,
    /// repeated titles, invisible characters, date lines) and the notes on lines; 5: no title
    /// inside an open quotation, and a note for an article in Traditional characters (the eleventh session).
    static let entryFormat = "entries-6"

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
        settingsKey(for: segmenter?.options, usesHMM: segmenter?.usesHMM, config: config)
    }

    /// The settings key for a segmenter before it is loaded: the same key as the loaded one's
    /// (its HMM is loaded exactly when its options ask for it), so stored results can be read
    /// while the model loads.
    static func settingsKey(for options: Segmenter.Options?, config: PipelineConfig) -> String {
        settingsKey(for: options, usesHMM: options?.usesHMM, config: config)
    }

    private static func settingsKey(for options: Segmenter.Options?, usesHMM: Bool?, config: PipelineConfig) -> String {
        let files = options.map { options in
            [options.dictionaryPath] + (usesHMM == true ? [options.hmmStartPath, options.hmmTransitionPath, options.hmmEmissionPath] : [])
                + options.userDictionaryPaths
        } ?? []
        return settingsKey(config: config, segmenterFiles: files, usesHMM: usesHMM)
    }

    /// Splits a corpus back into per-file entries to store (of the files `include` selects).
    static func entries(of corpus: SegmentedCorpus, files: [InputFile],
                        include: (InputFile) -> Bool = { _ in true }) -> [(contentHash: String, file: CachedFile)] {
        var local = [Int32](repeating: -1, count: corpus.vocabulary.count)
        return included(files, include: include).map { file, firstArticle in
            (file.contentHash, entry(of: corpus, file: file, firstArticle: firstArticle, local: &local))
        }
    }

    /// `entries(of:files:include:)` as the store keeps them: each file's entry is made and encoded
    /// on its own (side by side), so the entries of a whole corpus never exist twice at once.
    static func storedEntries(of corpus: SegmentedCorpus, files: [InputFile],
                              include: (InputFile) -> Bool = { _ in true }) throws -> [(String, Data)] {
        let chosen = included(files, include: include)
        // Batches of files side by side; each batch renumbers words through one array of corpus
        // ids, reset after each file (a dictionary per file was most of a first run's store time).
        let batchCount = min(chosen.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        let batches = concurrentMap(batchCount) { batch -> [Result<Data, any Error>] in
            var local = [Int32](repeating: -1, count: corpus.vocabulary.count)
            return stride(from: batch, to: chosen.count, by: batchCount).map { index in
                Result { try entry(of: corpus, file: chosen[index].file, firstArticle: chosen[index].firstArticle, local: &local).stored() }
            }
        }
        var result: [(String, Data)] = []
        result.reserveCapacity(chosen.count)
        for index in chosen.indices {
            result.append((chosen[index].file.contentHash, try batches[index % batchCount][index / batchCount].get()))
        }
        return result
    }

    /// The files `include` accepts, each with the index of its first article in the corpus.
    private static func included(_ files: [InputFile], include: (InputFile) -> Bool) -> [(file: InputFile, firstArticle: Int)] {
        var result: [(InputFile, Int)] = []
        var articleIndex = 0
        for file in files {
            if include(file) { result.append((file, articleIndex)) }
            articleIndex += file.articleCount
        }
        return result
    }

    /// One file's entry: its articles (without sidecar fields) and their tokens, renumbered by
    /// first occurrence in the file. `local` maps corpus ids to the file's (−1: not yet seen); it is
    /// left all −1 again.
    private static func entry(of corpus: SegmentedCorpus, file: InputFile, firstArticle: Int, local: inout [Int32]) -> CachedFile {
        var cached = CachedFile(articles: [], encoding: file.encoding, words: [], tokens: [], sentenceEnds: [], paragraphEnds: [],
                                possegRuns: [], spaces: [], notes: file.notes)
        var seen: [Int32] = []
        for articleIndex in firstArticle..<(firstArticle + file.articleCount) {
            var article = corpus.articles[articleIndex]
            article.fields = [:]
            let segment = corpus.segments[articleIndex]
            cached.articles.append(article)
            cached.tokens.append(segment.tokens.map { id in
                let known = local[Int(id)]
                if known >= 0 { return known }
                let next = Int32(seen.count)
                local[Int(id)] = next
                seen.append(id)
                return next
            })
            cached.sentenceEnds.append(segment.sentenceEnds)
            cached.paragraphEnds.append(segment.paragraphEnds)
            cached.possegRuns.append(segment.possegRuns)
            cached.spaces.append(segment.spaces)
        }
        cached.words = seen.map { corpus.vocabulary.words[Int($0)] }
        for id in seen { local[Int(id)] = -1 }
        return cached
    }

    /// The corpus of a run from freshly segmented articles and reused files, in input order.
    static func combine(ingest: IngestResult, fresh: SegmentedCorpus, cache: [String: CachedFile]) -> SegmentedCorpus {
        var vocabulary = Vocabulary()
        var segments: [SegmentedArticle] = []
        var freshIndex = 0
        var articleIndex = 0
        // The combined id of each fresh word and each stored word, found once per word. A stored
        // file's words are numbered by first occurrence (checked when it is read), so interning them
        // in that order numbers the corpus as a pass over its tokens would; copies of a file share
        // one entry and so one map.
        var freshIDs = [Int32](repeating: -1, count: fresh.vocabulary.count)
        var maps: [String: [Int32]] = [:]
        // Reused articles: (index in the corpus, content hash, position in the file); their tokens
        // are mapped afterwards, side by side, once per stored article (copies share the array).
        var pending: [(article: Int, hash: String, position: Int)] = []
        for file in ingest.files {
            if file.reused, let cached = cache[file.contentHash] {
                if maps[file.contentHash] == nil { maps[file.contentHash] = cached.words.map { vocabulary.intern($0) } }
                for position in 0..<file.articleCount {
                    pending.append((segments.count, file.contentHash, position))
                    segments.append(SegmentedArticle(tokens: [], sentenceEnds: cached.sentenceEnds[position],
                                                     paragraphEnds: cached.paragraphEnds[position],
                                                     possegRuns: cached.possegRuns[position], spaces: cached.spaces[position]))
                    articleIndex += 1
                }
            } else {
                for _ in 0..<file.articleCount {
                    let segment = fresh.segments[freshIndex]
                    let tokens = segment.tokens.map { id -> Int32 in
                        if freshIDs[Int(id)] < 0 { freshIDs[Int(id)] = vocabulary.intern(fresh.vocabulary.words[Int(id)]) }
                        return freshIDs[Int(id)]
                    }
                    segments.append(SegmentedArticle(tokens: tokens, sentenceEnds: segment.sentenceEnds, paragraphEnds: segment.paragraphEnds,
                                                     possegRuns: segment.possegRuns, spaces: segment.spaces))
                    freshIndex += 1
                    articleIndex += 1
                }
            }
        }
        var uniqueOf: [String: Int] = [:]
        var unique: [(hash: String, position: Int)] = []
        let slots = pending.map { item in
            let key = item.hash + "#\(item.position)"
            if let slot = uniqueOf[key] { return slot }
            uniqueOf[key] = unique.count
            unique.append((item.hash, item.position))
            return unique.count - 1
        }
        let finalMaps = maps, uniqueArticles = unique
        let mapped = concurrentMap(uniqueArticles.count) { index -> [Int32] in
            let (hash, position) = uniqueArticles[index]
            let map = finalMaps[hash]!
            return cache[hash]!.tokens[position].map { map[Int($0)] }
        }
        for (item, slot) in zip(pending, slots) { segments[item.article].tokens = mapped[slot] }
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
        sha256(Data(([segmentKey, entryFormat] + settings).joined(separator: "\n").utf8))
    }

    /// The layout of stored entries (2: binary, was JSON); a new layout leaves the older entries unused.
    static let entryFormat = "article-keyword-entries-3"

    /// The rows known for the articles of reused files (by article index), from `stored`.
    static func known(files: [InputFile], articles: [Article], stored: [String: CachedArticleKeywords]) -> [Int: [ArticleKeywordTable.Row]] {
        var known: [Int: [ArticleKeywordTable.Row]] = [:]
        var index = 0
        for file in files {
            defer { index += file.articleCount }
            guard file.reused, let entry = stored[file.contentHash], entry.articles.count == file.articleCount else { continue }
            for (offset, items) in entry.articles.enumerated() {
                // Ranks count per method, in order (an article has a method or two: a list, not a hash table).
                var ranks: [(method: String, count: Int)] = []
                known[index + offset] = items.map { item in
                    let rank: Int
                    if let slot = ranks.firstIndex(where: { $0.method == item.method }) {
                        ranks[slot].count += 1
                        rank = ranks[slot].count
                    } else {
                        ranks.append((item.method, 1))
                        rank = 1
                    }
                    return ArticleKeywordTable.Row(document: articles[index + offset].id, method: item.method, rank: rank,
                                                   word: item.word, weight: Double(bitPattern: item.weight))
                }
            }
        }
        return known
    }

    /// Entries to store for the files that `stored` lacks, from a run's rows.
    static func entries(files: [InputFile], articles: [Article], table: ArticleKeywordTable,
                        stored: [String: CachedArticleKeywords]) -> [(contentHash: String, entry: CachedArticleKeywords)] {
        // Only the rows of the articles of files without an entry (in a scheduled run, the new
        // files'); a table's rows come article by article, so each article's run of rows is looked up once.
        var needed = Set<String>()
        var index = 0
        for file in files {
            defer { index += file.articleCount }
            if stored[file.contentHash] == nil { needed.formUnion(articles[index..<(index + file.articleCount)].map(\.id)) }
        }
        var byDocument: [String: [Item]] = [:]
        let rows = table.rows
        var start = 0
        while !needed.isEmpty && start < rows.count {
            var end = start + 1
            while end < rows.count && rows[end].document == rows[start].document { end += 1 }
            if needed.contains(rows[start].document) {
                byDocument[rows[start].document, default: []] += rows[start..<end].map { Item(method: $0.method, word: $0.word, weight: $0.weight.bitPattern) }
            }
            start = end
        }
        var result: [(String, CachedArticleKeywords)] = []
        index = 0
        for file in files {
            defer { index += file.articleCount }
            guard stored[file.contentHash] == nil else { continue }
            result.append((file.contentHash, CachedArticleKeywords(articles: (index..<(index + file.articleCount)).map { byDocument[articles[$0].id] ?? [] })))
        }
        return result
    }
}

/// Whether `bytes` are well-formed UTF-8 (RFC 3629: shortest forms only, no surrogates, nothing
/// above U+10FFFF), as `String(validating:as:)` decides, without making a string.
func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    var index = 0
    @inline(__always) func continues(_ at: Int) -> Bool { bytes[at] & 0xC0 == 0x80 }
    while index < count {
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
        } else if lead < 0xC2 {
            return false   // a continuation byte, or an overlong two-byte form
        } else if lead < 0xE0 {
            guard index + 1 < count, continues(index + 1) else { return false }
            index += 2
        } else if lead < 0xF0 {
            guard index + 2 < count, continues(index + 1), continues(index + 2) else { return false }
            let second = bytes[index + 1]
            if lead == 0xE0 && second < 0xA0 { return false }   // overlong
            if lead == 0xED && second >= 0xA0 { return false }  // a surrogate
            index += 3
        } else if lead < 0xF5 {
            guard index + 3 < count, continues(index + 1), continues(index + 2), continues(index + 3) else { return false }
            let second = bytes[index + 1]
            if lead == 0xF0 && second < 0x90 { return false }   // overlong
            if lead == 0xF4 && second >= 0x90 { return false }  // above U+10FFFF
            index += 4
        } else {
            return false
        }
    }
    return true
}
