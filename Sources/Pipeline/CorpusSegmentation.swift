import Analysis
import Dispatch
import Foundation
import Ingest
import Segmentation

/// Segments the articles of a corpus into sentences and words, in parallel on all cores.
enum CorpusSegmentation {
    /// One article's words before their ids are made corpus-wide.
    struct LocalSegments {
        var words: [String] = []
        var tokens: [Int32] = []
        var sentenceEnds: [Int32] = []
        var paragraphEnds: [Int32] = []
    }

    /// Segments `articles`; with `segmenter == nil` the text is taken as already segmented
    /// (words separated by white space).
    ///
    /// Work is spread over `workers` threads (default: every core), each with its own scratch
    /// memory and word table; the tables are merged in article order afterwards, so the ids do not
    /// depend on scheduling.
    static func segment(_ articles: [Article], with segmenter: Segmenter?, workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> SegmentedCorpus {
        var results = [LocalSegments](repeating: LocalSegments(), count: articles.count)
        let next = Counter()
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: max(1, min(workers, articles.count))) { _ in
                let scratch = SegmentationScratch()
                var ends: [Int] = []
                while let index = next.take(below: articles.count) {
                    output[index] = segmentArticle(articles[index], segmenter: segmenter, scratch: scratch, ends: &ends)
                }
            }
        }
        var vocabulary = Vocabulary()
        var segments: [SegmentedArticle] = []
        segments.reserveCapacity(articles.count)
        for local in results {
            let ids = local.words.map { vocabulary.intern($0) }
            segments.append(SegmentedArticle(tokens: local.tokens.map { ids[Int($0)] },
                                             sentenceEnds: local.sentenceEnds, paragraphEnds: local.paragraphEnds))
        }
        return SegmentedCorpus(articles: articles, segments: segments, vocabulary: vocabulary)
    }

    static func segmentArticle(_ article: Article, segmenter: Segmenter?, scratch: SegmentationScratch, ends: inout [Int]) -> LocalSegments {
        var local = LocalSegments()
        // Keyed by UTF-8 bytes: `Substring` equality would merge canonically equivalent words
        // (é and e + U+0301) that jieba and the exact counts keep apart.
        var localIDs: [[UInt8]: Int32] = [:]
        func add(_ word: Substring) {
            guard word.unicodeScalars.contains(where: { !Segmenter.isWhitespace($0) }) else { return }
            let key = Array(word.utf8)
            if let id = localIDs[key] {
                local.tokens.append(id)
            } else {
                let id = Int32(local.words.count)
                localIDs[key] = id
                local.words.append(String(word))
                local.tokens.append(id)
            }
        }
        for paragraph in article.paragraphs {
            for sentence in SentenceSplitter.split(Substring(paragraph)) {
                if let segmenter {
                    ends.removeAll(keepingCapacity: true)
                    segmenter.cut(sentence, utf8TokenEnds: &ends, scratch: scratch)
                    let utf8 = sentence.utf8
                    var start = utf8.startIndex
                    var startOffset = 0
                    for end in ends {
                        let endIndex = utf8.index(start, offsetBy: end - startOffset)
                        add(sentence[start..<endIndex])
                        start = endIndex
                        startOffset = end
                    }
                } else {
                    for word in sentence.split(whereSeparator: \.isWhitespace) { add(word) }
                }
                local.sentenceEnds.append(Int32(local.tokens.count))
            }
            local.paragraphEnds.append(Int32(local.tokens.count))
        }
        return local
    }

    /// Hands out article indexes to worker threads.
    final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()

        func take(below limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }
}
