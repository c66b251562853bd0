import Analysis
import Dispatch
import Foundation
import Ingest
import Segmentation
import Synchronization

/// Segments the articles of a corpus into sentences and words, in parallel on all cores.
///
/// Each worker thread takes articles one at a time and interns their words in a table of its
/// own (`TokenTable`, keyed by UTF-8 bytes, so no string is made per token). Afterwards the
/// workers' tables are merged and every word id is renumbered in order of first occurrence in
/// article order, so the ids do not depend on which thread took which article.
enum CorpusSegmentation {
    /// One article's words, as ids of the table of the worker that segmented it.
    struct LocalSegments {
        var worker = 0
        var tokens: [Int32] = []
        var sentenceEnds: [Int32] = []
        var paragraphEnds: [Int32] = []
        var possegRuns: [Int32] = []
        var spaces: [Int32] = []
    }

    /// Segments `articles`; with `segmenter == nil` the text is taken as already segmented
    /// (words separated by white space).
    static func segment(_ articles: [Article], with segmenter: Segmenter?, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                        progress: ProgressMeter? = nil) -> SegmentedCorpus {
        progress?.start("segment", total: articles.count,
                        totalBytes: articles.reduce(0) { total, article in total + article.paragraphs.reduce(0) { $0 + $1.utf8.count } })
        defer { progress?.finish() }
        let workerCount = max(1, min(workers, articles.count))
        var results = [LocalSegments](repeating: LocalSegments(), count: articles.count)
        var tables = [TokenTable](repeating: TokenTable(capacity: 16), count: workerCount)
        let next = Atomic<Int>(0)
        results.withUnsafeMutableBufferPointer { resultBuffer in
            tables.withUnsafeMutableBufferPointer { tableBuffer in
                nonisolated(unsafe) let output = resultBuffer
                nonisolated(unsafe) let tablesOut = tableBuffer
                DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
                    let scratch = SegmentationScratch()
                    var table = TokenTable()
                    var ends: [Int] = []
                    while case let index = next.wrappingAdd(1, ordering: .relaxed).oldValue, index < articles.count {
                        var local = segmentArticle(articles[index], segmenter: segmenter, table: &table,
                                                   scratch: scratch, ends: &ends)
                        local.worker = worker
                        output[index] = local
                        progress?.advance(bytes: articles[index].paragraphs.reduce(0) { $0 + $1.utf8.count })
                    }
                    tablesOut[worker] = table
                }
            }
        }
        return merge(results, tables: tables, articles: articles)
    }

    /// Merges the workers' tables into one vocabulary numbered by first occurrence.
    static func merge(_ results: [LocalSegments], tables: [TokenTable], articles: [Article]) -> SegmentedCorpus {
        var renumbered = tables.map { [Int32](repeating: -1, count: $0.count) }
        var vocabulary = Vocabulary()
        var segments: [SegmentedArticle] = []
        segments.reserveCapacity(results.count)
        for local in results {
            let table = tables[local.worker]
            var tokens = local.tokens
            for position in tokens.indices {
                let localID = Int(tokens[position])
                var id = renumbered[local.worker][localID]
                if id < 0 {
                    id = table.word(localID).withUnsafeBufferPointer { vocabulary.intern(utf8: $0) }
                    renumbered[local.worker][localID] = id
                }
                tokens[position] = id
            }
            segments.append(SegmentedArticle(tokens: tokens, sentenceEnds: local.sentenceEnds, paragraphEnds: local.paragraphEnds,
                                             possegRuns: local.possegRuns, spaces: local.spaces))
        }
        return SegmentedCorpus(articles: articles, segments: segments, vocabulary: vocabulary)
    }

    static func segmentArticle(_ article: Article, segmenter: Segmenter?, table: inout TokenTable,
                               scratch: SegmentationScratch, ends: inout [Int]) -> LocalSegments {
        var local = LocalSegments()
        for paragraph in article.paragraphs {
            var text = paragraph
            // The closure touches the captured state once per paragraph; the per-token work is in
            // `appendParagraph` on plain inout parameters (statically checked: a captured variable
            // used per token cost a runtime exclusivity check per token, 2% of a run).
            text.withUTF8 { bytes in
                appendParagraph(bytes, segmenter: segmenter, table: &table, scratch: scratch, ends: &ends, to: &local)
            }
            local.paragraphEnds.append(Int32(local.tokens.count))
        }
        return local
    }

    /// Appends one paragraph's tokens and sentence ends to `local`.
    static func appendParagraph(_ bytes: UnsafeBufferPointer<UInt8>, segmenter: Segmenter?, table: inout TokenTable,
                                scratch: SegmentationScratch, ends: inout [Int], to local: inout LocalSegments) {
        // Sentence ends as UTF-8 offsets. They always fall between words (a sentence ends at
        // punctuation or white space, where jieba always cuts), so the paragraph is cut once; a
        // sentence is closed (its end recorded as a token count) once the words reach its end.
        let sentenceByteEnds = SentenceSplitter.sentenceEnds(utf8: bytes)
        var nextSentence = 0
        if let segmenter {
            ends.removeAll(keepingCapacity: true)
            // The text is a Swift string, so it is valid UTF-8 and this cannot throw.
            try? segmenter.cut(utf8: bytes, utf8TokenEnds: &ends, scratch: scratch)
            var start = 0
            // The runs posseg cuts otherwise (by word index of this cut) and the white space left
            // out, by token index.
            let runs = scratch.possegRuns
            var nextRun = 0
            var spacesBefore = 0
            for (index, end) in ends.enumerated() {
                while nextSentence < sentenceByteEnds.count && sentenceByteEnds[nextSentence] <= start {
                    local.sentenceEnds.append(Int32(local.tokens.count))
                    nextSentence += 1
                }
                if nextRun < runs.count && runs[nextRun] == index {
                    // A block's runs have no white space: its words are consecutive tokens.
                    local.possegRuns.append(Int32(local.tokens.count))
                    local.possegRuns.append(Int32(local.tokens.count + runs[nextRun + 1] - index))
                    local.possegRuns.append(Int32(runs[nextRun + 2]))
                    nextRun += 3
                }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if !Segmenter.isWhitespaceWord(utf8: word) {
                    if spacesBefore > 0 {
                        local.spaces.append(Int32(local.tokens.count))
                        local.spaces.append(Int32(spacesBefore))
                        spacesBefore = 0
                    }
                    local.tokens.append(table.intern(word))
                } else {
                    spacesBefore += 1
                }
                start = end
            }
            if spacesBefore > 0 {
                local.spaces.append(Int32(local.tokens.count))
                local.spaces.append(Int32(spacesBefore))
            }
        } else {
            var start = 0
            for end in sentenceByteEnds {
                appendWhitespaceSeparatedWords(UnsafeBufferPointer(rebasing: bytes[start..<end]), to: &local.tokens, table: &table)
                while nextSentence < sentenceByteEnds.count && sentenceByteEnds[nextSentence] <= end {
                    local.sentenceEnds.append(Int32(local.tokens.count))
                    nextSentence += 1
                }
                start = end
            }
        }
        // The sentences still open end here.
        for _ in nextSentence..<sentenceByteEnds.count { local.sentenceEnds.append(Int32(local.tokens.count)) }
    }

    /// Presegmented text: words are the runs between white space (jieba's notion of it).
    static func appendWhitespaceSeparatedWords(_ text: UnsafeBufferPointer<UInt8>, to tokens: inout [Int32], table: inout TokenTable) {
        let string = String(decoding: text, as: UTF8.self)
        var offset = 0
        var wordStart: Int?
        for scalar in string.unicodeScalars {
            let width = UTF8.width(scalar)
            if Segmenter.isWhitespace(scalar) {
                if let start = wordStart { tokens.append(table.intern(UnsafeBufferPointer(rebasing: text[start..<offset]))) }
                wordStart = nil
            } else if wordStart == nil {
                wordStart = offset
            }
            offset += width
        }
        if let start = wordStart { tokens.append(table.intern(UnsafeBufferPointer(rebasing: text[start..<offset]))) }
    }
}
