import Analysis
import Foundation
import Ingest

/// The co-occurrence and collocate counts of the last run's corpus, kept in the run store for the next run.
///
/// Design note. Co-occurrence was the largest part of a nightly run's analyses, and collocates the
/// next: every count moves when one file is added, so the whole corpus was counted again. Counts of
/// disjoint sets of articles add up (`CooccurrenceCounts`, `CollocateCounts`), so a run takes the
/// stored counts, adds those of the files that are new and takes away those of the files gone
/// (their tokens are still in the file cache), and gets exactly the counts a full count gives; the
/// tables are then made from them as in a full run. The counts are stored with the files they
/// cover, as a sorted list of content hashes (a file twice in the corpus is there twice), and under
/// a key of everything else they depend on. Both kinds are one record: they cover the same files
/// and words, which are stored once.
struct CachedCooccurrence: Sendable {
    /// Content hashes of the files whose articles were counted, sorted, with repeats.
    var files: [String]
    /// The co-occurrence counts; `nil` when the run counted in batches (very many keywords).
    var counts: CooccurrenceCounts?
    /// The collocate counts.
    var collocates: CollocateCounts?

    /// The layout of the stored record; a new one leaves older records unused.
    static let format = "cooccurrence-counts-4"

    /// Everything the counts depend on besides the files: the tokens' settings (Cipin's version,
    /// model, dictionaries, layout), the keywords, the scopes and which of them count every word,
    /// and the collocates' spans. (The filters, `min_joint` and `min_frequency` only choose rows
    /// from the counts.)
    static func settingsKey(segmentKey: String, keywords: [KeywordSpec], options: CooccurrenceOptions,
                            collocates: CollocateOptions) -> String {
        var parts = [format, segmentKey, "boundary=" + options.windowBoundary.rawValue,
                     "collocates=L\(collocates.left)R\(collocates.right)/" + collocates.boundary.rawValue]
        for keyword in keywords { parts.append("keyword=" + ([keyword.name] + keyword.words).map { "\($0.utf8.count):\($0)" }.joined()) }
        for scope in options.scopes {
            var name = scope.name
            if case .window(let radius) = scope { name += "(\(radius))" }
            parts.append("scope=" + name + (options.pairsEveryWord(in: scope) ? "+words" : ""))
        }
        return sha256(Data(parts.joined(separator: "\n").utf8))
    }

    /// The files a run's counts cover: those that gave articles, by content hash, sorted.
    static func files(of inputs: [InputFile]) -> [String] {
        // (Fields read in place: a file copied out of the array retains its strings.)
        var hashes: [String] = []
        hashes.reserveCapacity(inputs.count)
        for f in inputs.indices where inputs[f].articleCount > 0 { hashes.append(inputs[f].contentHash) }
        return hashes.sorted()
    }

    /// What a run needs to update `stored` to its corpus: the indices of the articles of files new
    /// since then, and a corpus of the articles of files gone, from the file cache. `nil` when the
    /// stored counts cannot be updated (a gone file's entry is missing) or when the change is so
    /// large that counting everything is as quick.
    static func update(from stored: CachedCooccurrence, files inputs: [InputFile], corpus: SegmentedCorpus,
                       fileCache: [String: CachedFile]) -> CooccurrenceUpdate? {
        var before: [String: Int] = [:]
        for hash in stored.files { before[hash, default: 0] += 1 }
        var added: [Int] = []
        var index = 0
        var addedFiles = 0
        for f in inputs.indices {
            defer { index += inputs[f].articleCount }
            guard inputs[f].articleCount > 0 else { continue }
            if let count = before[inputs[f].contentHash], count > 0 {
                before[inputs[f].contentHash] = count - 1
            } else {
                added += index..<(index + inputs[f].articleCount)
                addedFiles += 1
            }
        }
        let gone = before.flatMap { hash, count in repeatElement(hash, count: count) }.sorted()
        // Counting the change costs about what counting those files did; past half the corpus, count all.
        guard 2 * (addedFiles + gone.count) <= max(1, files(of: inputs).count) else { return nil }
        var entries: [CachedFile] = []
        for hash in gone {
            guard let entry = fileCache[hash] else { return nil }
            entries.append(entry)
        }
        return CooccurrenceUpdate(previous: stored.counts, previousCollocates: stored.collocates, addedArticles: added,
                                  removed: corpusOf(entries))
    }

    /// The articles of stored file entries as one corpus with a vocabulary of their words.
    static func corpusOf(_ entries: [CachedFile]) -> SegmentedCorpus {
        var vocabulary = Vocabulary()
        var articles: [Article] = []
        var segments: [SegmentedArticle] = []
        for entry in entries {
            let ids = entry.words.map { vocabulary.intern($0) }
            for (index, article) in entry.articles.enumerated() {
                articles.append(article)
                segments.append(SegmentedArticle(tokens: entry.tokens[index].map { ids[Int($0)] },
                                                 sentenceEnds: entry.sentenceEnds[index], paragraphEnds: entry.paragraphEnds[index],
                                                 possegRuns: entry.possegRuns[index], spaces: entry.spaces[index]))
            }
        }
        return SegmentedCorpus(articles: articles, segments: segments, vocabulary: vocabulary)
    }

    func stored() -> Data {
        var writer = BinaryWriter()
        writer.string(Self.format)
        writer.strings(files)
        let keywords = counts?.keywords ?? collocates?.keywords ?? []
        writer.integer(keywords.count)
        for keyword in keywords {
            writer.string(keyword.name)
            writer.strings(keyword.words)
        }
        writer.strings(counts?.words ?? collocates?.words ?? [])
        writer.integer(counts == nil ? -1 : counts!.scopes.count)
        for scope in counts?.scopes ?? [] {
            writer.string(scope.scope.name)
            if case .window(let radius) = scope.scope { writer.integer(radius) } else { writer.integer(-1) }
            writer.integer(scope.total)
            writer.varints(scope.keywordFrequencies)
            for row in scope.pairJoint { writer.varints(row) }
            writer.varints(scope.units)
            writer.integer(scope.joint.count)
            for row in scope.joint { writer.varints(row) }
        }
        writer.integer(collocates == nil ? -1 : collocates!.perKeyword.count)
        if let collocates { writer.integer(collocates.tokens) }
        for keyword in collocates?.perKeyword ?? [] {
            writer.integer(keyword.spanSize)
            // The words ascending, as gaps: most take a byte.
            var previous: Int32 = -1
            writer.varints(keyword.words.map { word in
                defer { previous = word }
                return word - previous
            })
            writer.varints(keyword.joint)
            writer.varints(keyword.left)
            writer.varints(keyword.right)
        }
        // Each run's counts are built on the last run's, so damage would stay: a checksum ends the record.
        RecordChecksum.append(to: &writer)
        return writer.data
    }

    /// Reads `stored()`'s bytes; throws on any damage, including arrays of the wrong lengths.
    init(stored data: Data) throws {
        var reader = BinaryReader(try RecordChecksum.verified(data))
        guard try reader.string() == Self.format else { throw BinaryReader.Damaged() }
        files = try reader.strings()
        let keywordCount = try reader.count()
        var keywords: [KeywordSpec] = []
        for _ in 0..<keywordCount { keywords.append(KeywordSpec(name: try reader.string(), words: try reader.strings())) }
        let words = try reader.strings()
        func int32s(_ values: [Int]) throws -> [Int32] {
            guard values.allSatisfy({ Int32(exactly: $0) != nil }) else { throw BinaryReader.Damaged() }
            return values.map { Int32($0) }
        }
        let scopeCount = try reader.integer()
        if scopeCount >= 0 {
            guard scopeCount <= 64 else { throw BinaryReader.Damaged() }
            var scopes: [CooccurrenceCounts.Scope] = []
            for _ in 0..<scopeCount {
                let name = try reader.string()
                let radius = try reader.integer()
                let scope: CooccurrenceScope
                switch name {
                case "sentence": scope = .sentence
                case "paragraph": scope = .paragraph
                case "article": scope = .article
                case "window" where radius >= 0: scope = .window(radius: radius)
                default: throw BinaryReader.Damaged()
                }
                let total = try reader.integer()
                let frequencies = try reader.varints()
                var pairJoint: [[Int]] = []
                for _ in 0..<keywordCount { pairJoint.append(try reader.varints()) }
                let units = try reader.varints()
                let jointCount = try reader.count()
                var joint: [[Int32]] = []
                for _ in 0..<jointCount { joint.append(try int32s(try reader.varints())) }
                scopes.append(CooccurrenceCounts.Scope(scope: scope, total: total, keywordFrequencies: frequencies, pairJoint: pairJoint,
                                                       units: units, joint: joint))
            }
            counts = CooccurrenceCounts(keywords: keywords, words: words, scopes: scopes)
        } else {
            guard scopeCount == -1 else { throw BinaryReader.Damaged() }
            counts = nil
        }
        let collocateCount = try reader.integer()
        if collocateCount >= 0 {
            guard collocateCount == keywordCount else { throw BinaryReader.Damaged() }
            let tokens = try reader.integer()
            var perKeyword: [CollocateCounts.Keyword] = []
            for _ in 0..<collocateCount {
                let spanSize = try reader.integer()
                var previous = -1
                let ids = try reader.varints().map { gap in
                    previous &+= gap  // damage that wraps is caught by the checks below
                    return previous
                }
                perKeyword.append(CollocateCounts.Keyword(spanSize: spanSize, words: try int32s(ids), joint: try int32s(try reader.varints()),
                                                          left: try int32s(try reader.varints()), right: try int32s(try reader.varints())))
            }
            collocates = CollocateCounts(keywords: keywords, words: words, perKeyword: perKeyword, tokens: tokens)
        } else {
            guard collocateCount == -1 else { throw BinaryReader.Damaged() }
            collocates = nil
        }
        guard reader.isAtEnd, counts?.isWellFormed ?? true, collocates?.isWellFormed ?? true else { throw BinaryReader.Damaged() }
    }

    /// Counts of the files `files`; both kinds, when given, must be of the same keywords and words.
    init(files: [String], counts: CooccurrenceCounts?, collocates: CollocateCounts? = nil) {
        if let counts, let collocates {
            precondition(counts.keywords == collocates.keywords && counts.words == collocates.words,
                         "co-occurrence and collocate counts of one corpus")
        }
        self.files = files
        self.counts = counts
        self.collocates = collocates
    }
}

/// The stored counts of the last run and what changed since, for `AnalysisRun`.
struct CooccurrenceUpdate: Sendable {
    /// The previous run's co-occurrence counts, when it kept them.
    var previous: CooccurrenceCounts?
    /// The previous run's collocate counts, when it kept them.
    var previousCollocates: CollocateCounts?
    /// Indices of the current corpus's articles that the previous counts do not cover.
    var addedArticles: [Int]
    /// The articles the previous counts cover that are gone.
    var removed: SegmentedCorpus
}
