import Analysis
import Ingest
import Reporting

/// The concordance of a run, in `concordance.csv`'s order (per keyword, then per article in corpus
/// order), each article's lines per keyword kept as the run store keeps them (`StoredLines`):
/// written from the article's text when it is searched in this run, or as stored by an earlier run
/// for an article whose file has not changed.
///
/// Design note. A large corpus has hundreds of thousands of lines. As `Concordance.Line`s each
/// would cost three strings, made when found or read back and taken apart again for the CSV and
/// the store. Kept as bytes, a line is written once; `concordance.csv` gets its fields copied from
/// those bytes (`appendRecords`, the bytes `ConcordanceSection`'s cells would give), the store gets
/// the bytes as they are, and only the lines the report shows are decoded.
struct RunConcordance: Sendable {
    /// The keywords' names (a set's name for a set).
    let keywordNames: [String]
    /// The articles' ids, in corpus order.
    let documentIDs: [String]
    /// Per article, per keyword, its lines.
    private let blocks: [[StoredLines]]
    /// The first row of each block (keyword k, article a) at `k * articleCount + a`, then the row count.
    private let blockStarts: [Int]
    /// The `document` and `keyword` fields of the CSV records, as `CSVWriter` writes them.
    private let documentFields: [[UInt8]]
    private let keywordFields: [[UInt8]]

    /// - Parameter blocks: per article, per keyword, its lines.
    init(keywords: [KeywordSpec], articles: [Article], blocks: [[StoredLines]]) {
        self.init(keywordNames: keywords.map(\.name), documentIDs: articles.map(\.id), blocks: blocks)
    }

    private init(keywordNames: [String], documentIDs: [String], blocks: [[StoredLines]]) {
        precondition(blocks.count == documentIDs.count && blocks.allSatisfy { $0.count == keywordNames.count }, "lines per article and keyword")
        self.keywordNames = keywordNames
        self.documentIDs = documentIDs
        self.blocks = blocks
        let keywords = keywordNames, articles = documentIDs
        var starts: [Int] = []
        starts.reserveCapacity(keywords.count * articles.count + 1)
        var row = 0
        for k in keywords.indices {
            for a in articles.indices {
                starts.append(row)
                row += blocks[a][k].count
            }
        }
        starts.append(row)
        blockStarts = starts
        documentFields = documentIDs.map(CSVWriter.field(text:))
        keywordFields = keywordNames.map(CSVWriter.field(text:))
    }

    /// Searches the articles not in `known` (on every core) and takes the lines of those that are.
    /// - Parameter known: per article index, per keyword, its stored lines.
    static func search(_ keywords: [KeywordSpec], in articles: [Article], options: ConcordanceOptions,
                       known: [Int: [StoredLines]]) -> RunConcordance {
        let searcher = Concordance.Searcher(keywords, options: options)
        // On threads of its own: this runs inside the analyses' `concurrentPerform`, where a nested
        // one gets no second thread (`Parallel`).
        let blocks = Parallel.map(articles.count, workers: Parallel.defaultWorkers) { () -> (Int) -> [StoredLines] in
            { index in
                if let stored = known[index], stored.count == keywords.count { return stored }
                return StoredLines.search(articles[index], with: searcher)
            }
        }
        return RunConcordance(keywords: keywords, articles: articles, blocks: blocks)
    }

    private var articleCount: Int { documentIDs.count }

    /// How many lines there are.
    var lineCount: Int { blockStarts.last ?? 0 }

    /// How many lines keyword `k` has in article `a` (from `blockStarts`: a scan over every
    /// article then reads one flat array, not each article's blocks).
    private func blockCount(keyword k: Int, article a: Int) -> Int {
        blockStarts[k * articleCount + a + 1] - blockStarts[k * articleCount + a]
    }

    /// How many lines keyword `k` has.
    func lineCount(keyword k: Int) -> Int { blockStarts[(k + 1) * articleCount] - blockStarts[k * articleCount] }

    /// At most `maxLines` lines of each keyword, in the same order: of a keyword with more, the
    /// `maxLines` whose `sampleKey` is smallest (ties: the earlier line), a random sample that is
    /// the same in every run over the same articles.
    ///
    /// Design note. The key of a line depends only on its article's id, its keyword and its place
    /// among that keyword's lines in the article, and an article's id on its file's bytes. So the
    /// sample of a corpus is the lines of smallest keys ("bottom-k" sampling): uniform, without
    /// replacement, and stable as the corpus grows, since a line of an unchanged article leaves
    /// the sample only for a new line of a smaller key. Readers can check it (README, Concordance).
    func sampled(maxLines: Int) -> RunConcordance {
        precondition(maxLines >= 0, "a sample of 0 lines or more")
        var blocks = self.blocks
        for (k, keyword) in keywordNames.enumerated() where lineCount(keyword: k) > maxLines {
            var kept = [[Int]](repeating: [], count: articleCount)
            for entry in smallestKeys(keyword: k, name: keyword, limit: maxLines) { kept[entry.article].append(entry.line) }
            for a in 0..<articleCount where kept[a].count < blockCount(keyword: k, article: a) {
                blocks[a][k] = blocks[a][k].subset(kept[a].sorted())
            }
        }
        return RunConcordance(keywordNames: keywordNames, documentIDs: documentIDs, blocks: blocks)
    }

    /// The `limit` lines of keyword `k` whose `sampleKey` is smallest (ties: the earlier line), in
    /// no particular order. A small `limit` (the report's sample) keeps a sorted list of that many
    /// while scanning, instead of sorting every line.
    private func smallestKeys(keyword k: Int, name: String, limit: Int) -> [(key: UInt64, article: Int, line: Int)] {
        typealias Entry = (key: UInt64, article: Int, line: Int)
        func less(_ x: Entry, _ y: Entry) -> Bool { (x.key, x.article, x.line) < (y.key, y.article, y.line) }
        guard limit > 0 else { return [] }
        if limit <= 64 {
            var best: [Entry] = []
            best.reserveCapacity(limit + 1)
            for a in 0..<articleCount where blockCount(keyword: k, article: a) > 0 {
                let prefix = Self.sampleKeyPrefix(document: documentIDs[a], keyword: name)
                for line in 0..<blockCount(keyword: k, article: a) {
                    let entry = (Self.sampleKey(prefix: prefix, line: line), a, line)
                    if best.count == limit, !less(entry, best[limit - 1]) { continue }
                    var low = 0, high = best.count
                    while low < high {
                        let middle = (low + high) / 2
                        if less(best[middle], entry) { low = middle + 1 } else { high = middle }
                    }
                    best.insert(entry, at: low)
                    if best.count > limit { best.removeLast() }
                }
            }
            return best
        }
        var entries: [Entry] = []
        entries.reserveCapacity(lineCount(keyword: k))
        for a in 0..<articleCount where blockCount(keyword: k, article: a) > 0 {
            let prefix = Self.sampleKeyPrefix(document: documentIDs[a], keyword: name)
            for line in 0..<blockCount(keyword: k, article: a) {
                entries.append((Self.sampleKey(prefix: prefix, line: line), a, line))
            }
        }
        entries.sort(by: less)
        return Array(entries.prefix(limit))
    }

    /// A line's sampling key: FNV-1a (64 bits) of the UTF-8 of `document`, U+001F, `keyword`,
    /// U+001F and the decimal 0-based number of the line among the keyword's lines in the article,
    /// then SplitMix64's finaliser, so that keys of similar texts spread over all 64 bits.
    static func sampleKey(document: String, keyword: String, line: Int) -> UInt64 {
        sampleKey(prefix: sampleKeyPrefix(document: document, keyword: keyword), line: line)
    }

    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// The FNV-1a state of `sampleKey` after `document`, U+001F, `keyword` and U+001F: the same for
    /// every line of a keyword in an article, so hashed once for them all.
    private static func sampleKeyPrefix(document: String, keyword: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in document.utf8 { hash = (hash ^ UInt64(byte)) &* fnvPrime }
        hash = (hash ^ 0x1F) &* fnvPrime
        for byte in keyword.utf8 { hash = (hash ^ UInt64(byte)) &* fnvPrime }
        return (hash ^ 0x1F) &* fnvPrime
    }

    /// `sampleKey` from its prefix's state: the line number's decimal digits (as `String(line)`
    /// writes them, without making the string), then the finaliser.
    private static func sampleKey(prefix: UInt64, line: Int) -> UInt64 {
        var hash = prefix
        if line < 0 { hash = (hash ^ UInt64(UInt8(ascii: "-"))) &* fnvPrime }
        let magnitude = line.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            hash = (hash ^ UInt64(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))) &* fnvPrime
            divisor /= 10
        }
        var z = hash
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The lines of keyword `k` in article `a`, with their `document` and `keyword`.
    func lines(keyword k: Int, article a: Int) -> [Concordance.Line] {
        blocks[a][k].lines(document: documentIDs[a], keyword: keywordNames[k])
    }

    /// The lines of article `a` per keyword, as the store keeps them.
    func storedLines(article a: Int) -> [StoredLines] { blocks[a] }

    /// The report's sample: of the lines `sampled(maxLines: limit)` keeps, the first `limit` of
    /// each keyword name, in order (two keywords of one name share the limit, as the lines'
    /// `keyword` field does not tell them apart).
    ///
    /// Design note. Only the lines shown are decoded, and no sampled concordance is made (that
    /// would copy every article's blocks and write the CSV fields of every article's id again).
    func sample(perKeyword limit: Int) -> [Concordance.Line] {
        var result: [Concordance.Line] = []
        var taken: [String: Int] = [:]
        for (k, name) in keywordNames.enumerated() {
            let room = limit - taken[name, default: 0]
            guard room > 0 else { continue }
            // The keyword's lines that `sampled` keeps, in corpus order: each article's as a list of line numbers.
            var kept: [(article: Int, lines: [Int])] = []
            if lineCount(keyword: k) > limit {
                let entries = smallestKeys(keyword: k, name: name, limit: limit).sorted { ($0.article, $0.line) < ($1.article, $1.line) }
                for entry in entries {
                    if kept.last?.article == entry.article {
                        kept[kept.count - 1].lines.append(entry.line)
                    } else {
                        kept.append((entry.article, [entry.line]))
                    }
                }
            } else {
                for a in 0..<articleCount where blockCount(keyword: k, article: a) > 0 {
                    kept.append((a, Array(0..<blockCount(keyword: k, article: a))))
                }
            }
            var left = room
            for (a, lines) in kept where left > 0 {
                let block = lines.count < blocks[a][k].count ? blocks[a][k].subset(lines) : blocks[a][k]
                let count = min(left, block.count)
                result += block.lines(document: documentIDs[a], keyword: name, count: count)
                left -= count
            }
            taken[name, default: 0] += room - left
        }
        return result
    }

    /// Every line, in order.
    var allLines: [Concordance.Line] {
        var result: [Concordance.Line] = []
        result.reserveCapacity(lineCount)
        for k in keywordNames.indices {
            for a in 0..<articleCount { result += lines(keyword: k, article: a) }
        }
        return result
    }

    /// The block holding row `row`: the last block starting at or before it that is not empty.
    private func block(holding row: Int) -> Int {
        var low = 0, high = blockStarts.count - 1   // blockStarts[low] <= row < blockStarts[high]
        while high - low > 1 {
            let middle = (low + high) / 2
            if blockStarts[middle] <= row { low = middle } else { high = middle }
        }
        return low
    }

    /// The line of row `row`, decoded from its block's start (for the odd reader, not for writing
    /// the whole table).
    func line(at row: Int) -> Concordance.Line {
        let block = block(holding: row)
        let (k, a) = (block / articleCount, block % articleCount)
        return blocks[a][k].lines(document: documentIDs[a], keyword: keywordNames[k], from: row - blockStarts[block], count: 1)[0]
    }

    /// Appends the CSV records of the rows in `range`, as `CSVWriter` writes the cells of
    /// `ConcordanceSection.cells(_:)`.
    func appendRecords(_ range: Range<Int>, to bytes: inout [UInt8]) {
        guard !range.isEmpty else { return }
        var block = block(holding: range.lowerBound)
        var row = range.lowerBound
        while row < range.upperBound {
            let start = blockStarts[block], end = blockStarts[block + 1]
            if end > row {
                let (k, a) = (block / articleCount, block % articleCount)
                let count = min(end, range.upperBound) - row
                blocks[a][k].appendRecords(from: row - start, count: count, document: documentFields[a], keyword: keywordFields[k],
                                           to: &bytes)
                row += count
            }
            block += 1
        }
    }
}
