import Analysis
import Foundation
import Ingest
import Reporting

/// One article's article keyword rows as `article_keywords.csv` writes them after the document
/// field: each row's record of `method,rank,word,weight` and its CRLF, the bytes `CSVWriter`
/// writes for those cells.
///
/// Design note. A corpus of many short articles has a million rows. As rows, a scheduled run would
/// decode each from the store, give it its article's id, and format its weight again for the CSV
/// (the shortest digits that read back as the same double, the costliest part). Kept as the records,
/// a row is formatted once, when its article is ranked: `article_keywords.csv` gets the bytes
/// copied after each article's id field, the store gets them as they are, and only the rows the
/// report shows are read back. A row reads back exactly (method, rank, word, the weight's every
/// bit): the few whose record would not give them back (a word the CSV quotes, guards against
/// formulas or repairs for XML) are kept as rows beside the records (`exceptions`).
struct StoredKeywordRows: Sendable, Equatable {
    /// A row without its article's id (which is the article's, whatever run made it).
    struct Item: Sendable, Equatable {
        var method: String
        var rank: Int
        var word: String
        var weight: Double

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.method == rhs.method && lhs.rank == rhs.rank && lhs.word == rhs.word
                && lhs.weight.bitPattern == rhs.weight.bitPattern
        }
    }

    /// The records, one after another, each ending in CRLF.
    private(set) var records: [UInt8]
    /// Where each record ends in `records`.
    private(set) var ends: [UInt32]
    /// The rows whose record does not read back as the row, by row number, in order.
    private(set) var exceptions: [(row: Int, item: Item)]

    /// The number of rows.
    var count: Int { ends.count }

    /// The records of `rows` (an article's, its methods one after another, each in rank order).
    init(rows: [ArticleKeywordTable.Row]) {
        var records: [UInt8] = []
        records.reserveCapacity(rows.count * 48)
        var ends: [UInt32] = []
        ends.reserveCapacity(rows.count)
        var exceptions: [(row: Int, item: Item)] = []
        for (index, row) in rows.enumerated() {
            let start = records.count
            // The bytes `CSVWriter.appendRecords` gives the cells `.text(method)`, `.integer(rank)`,
            // `.text(word)`, `.decimal(weight)`, appended directly (a first run over many short
            // articles writes a million of them).
            var method = row.method, word = row.word
            let methodPlain = method.withUTF8 { CSVWriter.appendField(utf8: $0, to: &records) }
            records.append(0x2C)
            CSVWriter.appendField(integer: row.rank, to: &records)
            records.append(0x2C)
            let wordPlain = word.withUTF8 { CSVWriter.appendField(utf8: $0, to: &records) }
            records.append(0x2C)
            CSVWriter.appendField(decimal: row.weight, to: &records)
            records.append(0x0D)
            records.append(0x0A)
            ends.append(UInt32(records.count))
            // Plain fields (no comma, quote, guard or repair), a rank of digits and a finite weight
            // read back: a finite double's shortest digits read back as its bits (Swift's
            // `description`; `NumberText` moves the point only, as its tests check). Any other
            // row is checked on the record (`readsBack`).
            if methodPlain && wordPlain && row.rank >= 0 && row.weight.isFinite { continue }
            if !Self.readsBack(records, from: start, as: row) {
                exceptions.append((index, Item(method: row.method, rank: row.rank, word: row.word, weight: row.weight)))
            }
        }
        self.init(records: records, ends: ends, exceptions: exceptions)
    }

    /// Whether the record from `start` to the end of `records` reads back (`parse`) as `row`'s
    /// method, rank, word and weight, checked on the bytes: the method's and the word's UTF-8 as
    /// they are, each followed by a comma, the rank's digits between, and after the word's comma a
    /// weight without a comma that reads back as the weight's bits, then CRLF. (A record that
    /// quotes or guards a field has other bytes there.) It decides as `parse(record) == item` does
    /// (stricter only in comparing the words' bytes, not their canonical forms), with one string
    /// made instead of four: a first run over many short articles checks a million records.
    static func readsBack(_ records: [UInt8], from start: Int, as row: ArticleKeywordTable.Row) -> Bool {
        var method = row.method, word = row.word
        return records.withUnsafeBufferPointer { record in
            method.withUTF8 { method in
                word.withUTF8 { word in
                    var at = start
                    func follows(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
                        guard at + text.count < record.count, record[at + text.count] == 0x2C,
                              !text.contains(0x2C) else { return false }
                        if !text.isEmpty && memcmp(record.baseAddress! + at, text.baseAddress!, text.count) != 0 { return false }
                        at += text.count + 1
                        return true
                    }
                    guard follows(method) else { return false }
                    // The rank: digits up to the next comma (`Int` reads no sign or space here).
                    var rank = 0, digits = 0
                    while at < record.count, record[at] != 0x2C {
                        let digit = Int(record[at]) - 0x30
                        guard digit >= 0 && digit <= 9, digits < 18 else { return false }
                        rank = rank * 10 + digit
                        digits += 1
                        at += 1
                    }
                    guard digits > 0, rank == row.rank, at < record.count else { return false }
                    at += 1
                    guard follows(word) else { return false }
                    // The weight: what is left before the CRLF, with no comma (`parse` takes the last one), read as `parse` reads it.
                    let end = record.count - 2
                    guard end > at, record[end] == 0x0D, record[end + 1] == 0x0A,
                          !UnsafeBufferPointer(rebasing: record[at..<end]).contains(0x2C),
                          let weight = Double(String(decoding: UnsafeBufferPointer(rebasing: record[at..<end]), as: UTF8.self)) else { return false }
                    return weight.bitPattern == row.weight.bitPattern
                }
            }
        }
    }

    private init(records: [UInt8], ends: [UInt32], exceptions: [(row: Int, item: Item)]) {
        self.records = records
        self.ends = ends
        self.exceptions = exceptions
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.records == rhs.records && lhs.ends == rhs.ends
            && lhs.exceptions.elementsEqual(rhs.exceptions) { $0.row == $1.row && $0.item == $1.item }
    }

    /// Row `index`.
    func item(_ index: Int) -> Item {
        if !exceptions.isEmpty, let exception = exceptions.first(where: { $0.row == index }) { return exception.item }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        // Checked when read from the store (`init(reading:)`): a record of four fields.
        return Self.parse(records[start..<Int(ends[index])]) ?? Item(method: "", rank: 0, word: "", weight: .nan)
    }

    /// The method of row `index` (its record's first field, unless the row is kept beside it).
    func method(_ index: Int) -> String {
        if !exceptions.isEmpty, let exception = exceptions.first(where: { $0.row == index }) { return exception.item.method }
        let record = self.record(index)
        return String(decoding: record[..<(record.firstIndex(of: 0x2C) ?? record.startIndex)], as: UTF8.self)
    }

    /// Every row, with the article's id.
    func rows(document: String) -> [ArticleKeywordTable.Row] {
        (0..<count).map { index in
            let item = item(index)
            return ArticleKeywordTable.Row(document: document, method: item.method, rank: item.rank, word: item.word, weight: item.weight)
        }
    }

    /// The record's bytes of row `index`, CRLF included.
    func record(_ index: Int) -> ArraySlice<UInt8> {
        records[(index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])]
    }

    /// The row a record gives: method up to the first comma, rank up to the second, weight after
    /// the last, word between (what it reads back as is checked against the row when the record is
    /// made); `nil` for bytes that are no such record.
    static func parse(_ record: ArraySlice<UInt8>) -> Item? {
        guard let fields = fields(of: record),
              let rank = Int(String(decoding: fields.rank, as: UTF8.self)),
              let weight = Double(String(decoding: fields.weight, as: UTF8.self)) else { return nil }
        return Item(method: String(decoding: fields.method, as: UTF8.self), rank: rank,
                    word: String(decoding: fields.word, as: UTF8.self), weight: weight)
    }

    /// A record's four fields as `parse` reads them (method up to the first comma, rank up to the
    /// second, weight after the last, word between), without its CRLF; `nil` without a CRLF at
    /// the end or three commas.
    private static func fields(of record: ArraySlice<UInt8>)
        -> (method: ArraySlice<UInt8>, rank: ArraySlice<UInt8>, word: ArraySlice<UInt8>, weight: ArraySlice<UInt8>)? {
        guard record.count >= 2, record[record.endIndex - 2] == 0x0D, record[record.endIndex - 1] == 0x0A else { return nil }
        let body = record[record.startIndex..<(record.endIndex - 2)]
        guard let first = body.firstIndex(of: 0x2C), let second = body[(first + 1)...].firstIndex(of: 0x2C),
              let last = body.lastIndex(of: 0x2C), last > second else { return nil }
        return (body[..<first], body[(first + 1)..<second], body[(second + 1)..<last], body[(last + 1)...])
    }

    /// Writes the rows for the run store: the record lengths, the records, then the exceptions.
    func write(to writer: inout BinaryWriter) {
        writer.varint(count)
        var previous: UInt32 = 0
        for end in ends {
            writer.varint(end - previous)
            previous = end
        }
        writer.bytes(records[...])
        writer.varint(exceptions.count)
        for (row, item) in exceptions {
            writer.varint(row)
            writer.compactString(item.method)
            writer.varint(item.rank)
            writer.compactString(item.word)
            writer.fixed64(item.weight.bitPattern)
        }
    }

    /// Reads what `write(to:)` wrote, checking that the records are UTF-8 and each a record of four
    /// fields (a CRLF at its end, a rank of digits and a number after the last comma), and that the
    /// exceptions name rows in order.
    init(reading reader: inout BinaryReader) throws {
        let rowCount = try reader.compactCount()
        var ends: [UInt32] = []
        ends.reserveCapacity(rowCount)
        var end: UInt64 = 0
        for _ in 0..<rowCount {
            // Checked before the sum: a damaged length near 2^64 would overflow it (a trap).
            let length = try reader.varint()
            guard length <= UInt64(UInt32.max) - end else { throw BinaryReader.Damaged() }
            end += length
            ends.append(UInt32(end))
        }
        let records = Array(try reader.bytes(Int(end)))
        guard records.withUnsafeBufferPointer(isUTF8) else { throw BinaryReader.Damaged() }
        let exceptionCount = try reader.compactCount()
        var exceptions: [(row: Int, item: Item)] = []
        for _ in 0..<exceptionCount {
            let row = try reader.compactCount()
            guard row < rowCount && (exceptions.last.map { $0.row < row } ?? true) else { throw BinaryReader.Damaged() }
            let method = try reader.compactString()
            let rank = try reader.compactCount()
            let word = try reader.compactString()
            exceptions.append((row, Item(method: method, rank: rank, word: word, weight: Double(bitPattern: try reader.fixed64()))))
        }
        // Every record is a CSV line; one read back (not an exception's) has the four fields.
        var start = 0, next = 0
        for (row, end) in ends.enumerated() {
            let record = records[start..<Int(end)]
            let isException = next < exceptions.count && exceptions[next].row == row
            if isException { next += 1 }
            guard record.count >= 2, record.last == 0x0A, record[record.endIndex - 2] == 0x0D,
                  isException || Self.isRecord(record) else { throw BinaryReader.Damaged() }
            start = Int(end)
        }
        self.init(records: records, ends: ends, exceptions: exceptions)
    }

    /// Whether `record` has the shape `init(rows:)` gives a record: three commas or more, a rank of
    /// digits between the first two, a number after the last (digits, point, sign, exponent; or
    /// `NaN`, `Infinity`, `-Infinity` as the CSV writes them), a CRLF at the end.
    /// (Checked on the bytes, no string made: a next run reads a million records.)
    private static func isRecord(_ record: ArraySlice<UInt8>) -> Bool {
        guard let (_, rank, _, weight) = fields(of: record) else { return false }
        guard !rank.isEmpty, rank.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), !weight.isEmpty else { return false }
        if ["NaN", "Infinity", "-Infinity"].contains(where: { weight.elementsEqual($0.utf8) }) { return true }
        return weight.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }
    }
}

/// The article keywords of a run, article by article in corpus order, each article's rows kept as
/// `article_keywords.csv`'s records (`StoredKeywordRows`): made when the article is ranked in this
/// run, or as stored by an earlier run for an article whose file has not changed.
struct RunArticleKeywords: Sendable {
    /// The articles' ids, in corpus order.
    let documentIDs: [String]
    /// Per article, its rows.
    let blocks: [StoredKeywordRows]
    /// The number of each article's first row, then the row count.
    private let firsts: [Int]

    init(documentIDs: [String], blocks: [StoredKeywordRows]) {
        precondition(documentIDs.count == blocks.count, "rows per article")
        self.documentIDs = documentIDs
        self.blocks = blocks
        var firsts = [0]
        firsts.reserveCapacity(blocks.count + 1)
        for block in blocks { firsts.append(firsts.last! + block.count) }
        self.firsts = firsts
    }

    /// The rows of `table` (one group per article of `articles`, as `ArticleKeywords.extract`
    /// gives them), the articles in `known` taken as stored instead; made on every core.
    init(_ table: ArticleKeywordTable, articles: [Article], known: [Int: StoredKeywordRows] = [:]) {
        precondition(table.articles.count == articles.count, "one group of rows per article")
        let groups = table.articles
        // On threads of its own: this runs inside the analyses' `concurrentPerform`, where a nested
        // one gets no second thread (`Parallel`).
        self.init(documentIDs: articles.map(\.id), blocks: Parallel.map(articles.count, workers: Parallel.defaultWorkers) {
            { index in known[index] ?? StoredKeywordRows(rows: groups[index]) }
        })
    }

    /// How many rows there are.
    var rowCount: Int { firsts.last! }

    /// The article that holds row `index` (its rows are not empty).
    func article(ofRow index: Int) -> Int {
        var low = 0, high = blocks.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if firsts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Row `index` of the whole table.
    func row(_ index: Int) -> ArticleKeywordTable.Row {
        let owner = article(ofRow: index)
        let item = blocks[owner].item(index - firsts[owner])
        return ArticleKeywordTable.Row(document: documentIDs[owner], method: item.method, rank: item.rank, word: item.word, weight: item.weight)
    }

    /// The rows of article `index`.
    func rows(ofArticle index: Int) -> [ArticleKeywordTable.Row] { blocks[index].rows(document: documentIDs[index]) }

    /// Every row, as a table (for tests and tools; a run writes the records).
    var table: ArticleKeywordTable {
        ArticleKeywordTable(articles: blocks.indices.map(rows(ofArticle:)))
    }

    /// The methods that have rows, in order of first appearance. An article's rows are its methods'
    /// ranks one method after another, so its first and last rows name every method it has.
    var methods: [String] {
        var methods: [String] = []
        for block in blocks where block.count > 0 {
            for row in [0, block.count - 1] {
                let method = block.method(row)
                if !methods.contains(method) { methods.append(method) }
            }
        }
        return methods
    }

    /// Appends the CSV records of the rows in `range`: each row's article id field, a comma, then
    /// its stored record (the bytes the rows' cells give; the id field made once per article).
    func appendRecords(_ range: Range<Int>, to bytes: inout [UInt8]) {
        guard !range.isEmpty else { return }
        var owner = article(ofRow: range.lowerBound)
        var at = range.lowerBound - firsts[owner]
        var documentField = CSVWriter.field(text: documentIDs[owner])
        for _ in range {
            while at == blocks[owner].count {
                owner += 1
                at = 0
                documentField = CSVWriter.field(text: documentIDs[owner])
            }
            bytes += documentField
            bytes.append(0x2C)
            bytes += blocks[owner].record(at)
            at += 1
        }
    }
}
