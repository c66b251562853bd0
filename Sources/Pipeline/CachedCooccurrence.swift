import Analysis
import Foundation
import Ingest

/// The co-occurrence counts of the last run's corpus, kept in the run store for the next run.
///
/// Design note. Co-occurrence was the largest part of a nightly run's analyses: every count moves
/// when one file is added, so the whole corpus was counted again. Counts of disjoint sets of
/// articles add up (`CooccurrenceCounts`), so a run takes the stored counts, adds those of the
/// files that are new and takes away those of the files gone (their tokens are still in the file
/// cache), and gets exactly the counts a full count gives; the table is then made from them as in
/// a full run. The counts are stored with the files they cover, as a sorted list of content hashes
/// (a file twice in the corpus is there twice), and under a key of everything else they depend on.
struct CachedCooccurrence: Sendable {
    /// Content hashes of the files whose articles were counted, sorted, with repeats.
    var files: [String]
    var counts: CooccurrenceCounts

    /// The layout of the stored record; a new one leaves older records unused.
    static let format = "cooccurrence-counts-2"

    /// Everything the counts depend on besides the files: the tokens' settings (Cipin's version,
    /// model, dictionaries, layout), the keywords, the scopes and which of them count every word.
    /// (The partner filter and `min_joint` only choose rows from the counts.)
    static func settingsKey(segmentKey: String, keywords: [KeywordSpec], options: CooccurrenceOptions) -> String {
        var parts = [format, segmentKey, "boundary=" + options.windowBoundary.rawValue]
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
        return CooccurrenceUpdate(previous: stored.counts, addedArticles: added, removed: corpusOf(entries))
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
        writer.integer(counts.keywords.count)
        for keyword in counts.keywords {
            writer.string(keyword.name)
            writer.strings(keyword.words)
        }
        writer.strings(counts.words)
        writer.integer(counts.scopes.count)
        for scope in counts.scopes {
            writer.string(scope.scope.name)
            if case .window(let radius) = scope.scope { writer.integer(radius) } else { writer.integer(-1) }
            writer.integer(scope.total)
            writer.varints(scope.keywordFrequencies)
            for row in scope.pairJoint { writer.varints(row) }
            writer.varints(scope.units)
            writer.integer(scope.joint.count)
            for row in scope.joint { writer.varints(row) }
        }
        // Each run's counts are built on the last run's, so damage would stay: a checksum ends the record.
        writer.string(sha256(writer.data))
        return writer.data
    }

    /// Reads `stored()`'s bytes; throws on any damage, including arrays of the wrong lengths.
    init(stored data: Data) throws {
        // The last field is the SHA-256 (64 hex digits, after its 8-byte length) of all before it.
        guard data.count > 72, String(decoding: data.suffix(64), as: UTF8.self) == sha256(data.prefix(data.count - 72)) else {
            throw BinaryReader.Damaged()
        }
        var reader = BinaryReader(data.prefix(data.count - 72))
        guard try reader.string() == Self.format else { throw BinaryReader.Damaged() }
        files = try reader.strings()
        let keywordCount = try reader.count()
        var keywords: [KeywordSpec] = []
        for _ in 0..<keywordCount { keywords.append(KeywordSpec(name: try reader.string(), words: try reader.strings())) }
        let words = try reader.strings()
        let scopeCount = try reader.count()
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
            for _ in 0..<jointCount {
                let row = try reader.varints()
                guard row.allSatisfy({ Int32(exactly: $0) != nil }) else { throw BinaryReader.Damaged() }
                joint.append(row.map { Int32($0) })
            }
            scopes.append(CooccurrenceCounts.Scope(scope: scope, total: total, keywordFrequencies: frequencies, pairJoint: pairJoint,
                                                   units: units, joint: joint))
        }
        counts = CooccurrenceCounts(keywords: keywords, words: words, scopes: scopes)
        guard reader.isAtEnd, counts.isWellFormed else { throw BinaryReader.Damaged() }
    }

    init(files: [String], counts: CooccurrenceCounts) {
        self.files = files
        self.counts = counts
    }
}

/// The stored counts of the last run and what changed since, for `AnalysisRun`.
struct CooccurrenceUpdate: Sendable {
    var previous: CooccurrenceCounts
    /// Indices of the current corpus's articles that the previous counts do not cover.
    var addedArticles: [Int]
    /// The articles the previous counts cover that are gone.
    var removed: SegmentedCorpus
}
