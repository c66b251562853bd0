import Analysis
import Ingest
import Reporting

/// The concordance of a run, in `concordance.csv`'s order (per keyword, then per article in corpus
/// order): the lines of the articles searched in this run, and the stored lines of articles whose
/// files have not changed since an earlier run (`CachedConcordance`), kept as stored.
///
/// Design note. In a scheduled run nearly every line is a stored one. They are copied into the CSV
/// field by field from the stored bytes (`appendRecords`), giving the bytes the cells of
/// `ConcordanceSection` would give, and only the lines the report shows are decoded. A full run has
/// no stored lines and writes the lines it found the same way.
struct RunConcordance: Sendable {
    /// The keywords' names (a set's name for a set).
    let keywordNames: [String]
    /// The articles' ids, in corpus order.
    let documentIDs: [String]
    /// Per article, per keyword: the lines found in this run (empty for a stored article).
    private let found: [[[Concordance.Line]]]
    /// Per article index, per keyword: stored lines.
    private let stored: [Int: [StoredLines]]
    /// The first row of each block (keyword k, article a) at `k * articleCount + a`, then the row count.
    private let blockStarts: [Int]
    /// The `document` and `keyword` fields of the CSV records, as `CSVWriter` writes them.
    private let documentFields: [[UInt8]]
    private let keywordFields: [[UInt8]]

    /// - Parameters:
    ///   - found: per article, per keyword, the lines of the articles searched
    ///     (`Concordance.linesPerArticle`); ignored for the articles in `stored`.
    ///   - stored: per article index, per keyword, its stored lines.
    init(keywords: [KeywordSpec], articles: [Article], found: [[[Concordance.Line]]], stored: [Int: [StoredLines]]) {
        precondition(found.count == articles.count, "lines per article")
        precondition(stored.values.allSatisfy { $0.count == keywords.count }, "stored lines per keyword")
        keywordNames = keywords.map(\.name)
        documentIDs = articles.map(\.id)
        self.found = found
        self.stored = stored
        var starts: [Int] = []
        starts.reserveCapacity(keywords.count * articles.count + 1)
        var row = 0
        for k in keywords.indices {
            for a in articles.indices {
                starts.append(row)
                row += stored[a].map { $0[k].count } ?? found[a][k].count
            }
        }
        starts.append(row)
        blockStarts = starts
        func field(_ text: String) -> [UInt8] {
            var text = text
            var bytes: [UInt8] = []
            text.withUTF8 { CSVWriter.appendField(utf8: $0, to: &bytes) }
            return bytes
        }
        documentFields = documentIDs.map(field)
        keywordFields = keywordNames.map(field)
    }

    private var articleCount: Int { documentIDs.count }

    /// How many lines there are.
    var lineCount: Int { blockStarts.last ?? 0 }

    /// The lines of keyword `k` in article `a`, with their `document` and `keyword`.
    func lines(keyword k: Int, article a: Int) -> [Concordance.Line] {
        if let blocks = stored[a] { return blocks[k].lines(document: documentIDs[a], keyword: keywordNames[k]) }
        return found[a][k]
    }

    /// The lines of article `a` per keyword, as the store keeps them.
    func storedLines(article a: Int) -> [StoredLines] {
        stored[a] ?? found[a].map(StoredLines.init(encoding:))
    }

    /// The first `limit` lines of each keyword, in order (the report's samples).
    func firstLines(perKeyword limit: Int) -> [Concordance.Line] {
        var result: [Concordance.Line] = []
        for k in keywordNames.indices {
            var taken = 0
            for a in 0..<articleCount where taken < limit {
                let count = blockStarts[k * articleCount + a + 1] - blockStarts[k * articleCount + a]
                guard count > 0 else { continue }
                let lines = self.lines(keyword: k, article: a).prefix(limit - taken)
                result += lines
                taken += lines.count
            }
        }
        return result
    }

    /// Every line, in order (the stored ones decoded).
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

    /// The line of row `row` (a stored line is decoded from its block's start: for the odd reader,
    /// not for writing the whole table).
    func line(at row: Int) -> Concordance.Line {
        let block = block(holding: row)
        let (k, a) = (block / articleCount, block % articleCount)
        let offset = row - blockStarts[block]
        if let blocks = stored[a] {
            return blocks[k].lines(document: documentIDs[a], keyword: keywordNames[k], from: offset, count: 1)[0]
        }
        return found[a][k][offset]
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
                let first = row - start, count = min(end, range.upperBound) - row
                if let blocks = stored[a] {
                    blocks[k].appendRecords(from: first, count: count, document: documentFields[a], keyword: keywordFields[k], to: &bytes)
                } else {
                    for line in found[a][k][first..<(first + count)] {
                        Self.appendRecord(line, document: documentFields[a], keyword: keywordFields[k], to: &bytes)
                    }
                }
                row += count
            }
            block += 1
        }
    }

    /// The CSV record of a line found in this run.
    private static func appendRecord(_ line: Concordance.Line, document: [UInt8], keyword: [UInt8], to bytes: inout [UInt8]) {
        bytes += document
        bytes.append(0x2C)
        bytes += keyword
        for text in [line.left, line.match, line.right] {
            bytes.append(0x2C)
            var text = text
            text.withUTF8 { CSVWriter.appendField(utf8: $0, to: &bytes) }
        }
        for value in [line.paragraph, line.sentence, line.scalarOffset] {
            bytes.append(0x2C)
            CSVWriter.appendField(integer: value, to: &bytes)
        }
        bytes += [0x0D, 0x0A]
    }
}
