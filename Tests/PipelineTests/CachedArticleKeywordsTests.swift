import Foundation
import Testing
@testable import Analysis
import Ingest
import Reporting
@testable import Pipeline
import TestSupport

/// A scheduled run's stored article keywords: each article's rows kept as `article_keywords.csv`'s
/// records, entries for the files the store lacks, and the stored records of files reused.
@Suite struct CachedArticleKeywordsTests {
    /// Rows equal, weights to the bit (NaN included).
    static func same(_ a: [ArticleKeywordTable.Row], _ b: [ArticleKeywordTable.Row]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.document == y.document && x.method == y.method && x.rank == y.rank && x.word == y.word
                && x.weight.bitPattern == y.weight.bitPattern
        }
    }

    @Test func entriesOfNewFilesAndRowsOfReusedOnes() throws {
        let folder = try Scratch.folder("keyword-entries")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, body) in [("a", "人才是第一资源。"), ("b", "干部队伍建设。"), ("c", "基层组织建设。")] {
            try Data("题\(name)\n\(body)\n".utf8).write(to: folder.appendingPathComponent("\(name).txt"))
        }
        var ingest = try Ingestor.ingest([folder.path], relativeTo: folder)
        #expect(ingest.files.count == 3 && ingest.articles.count == 3)
        // Per article: three TF-IDF ranks, then two TextRank ranks, words and weights made up.
        var perArticle: [[ArticleKeywordTable.Row]] = []
        for (index, article) in ingest.articles.enumerated() {
            var rows: [ArticleKeywordTable.Row] = []
            for rank in 1...3 { rows.append(.init(document: article.id, method: "tfidf", rank: rank, word: "词\(index)\(rank)", weight: 1.0 / Double(rank) + Double(index))) }
            for rank in 1...2 { rows.append(.init(document: article.id, method: "textrank", rank: rank, word: "字\(index)\(rank)", weight: 0.1 * Double(rank))) }
            perArticle.append(rows)
        }
        let keywords = RunArticleKeywords(ArticleKeywordTable(articles: perArticle), articles: ingest.articles)
        #expect(Self.same(keywords.table.rows, perArticle.flatMap { $0 }))
        let otherRows = [ArticleKeywordTable.Row(document: "x", method: "tfidf", rank: 1, word: "旧", weight: 1)]
        let other = CachedArticleKeywords(articles: [StoredKeywordRows(rows: otherRows)])
        let entries = CachedArticleKeywords.entries(files: ingest.files, keywords: keywords, stored: [ingest.files[1].contentHash])
        // Entries only for the files the store lacks, each with its article's rows in order.
        #expect(entries.map(\.contentHash) == [ingest.files[0].contentHash, ingest.files[2].contentHash])
        for (entry, article) in zip(entries.map(\.entry), [0, 2]) {
            #expect(entry.articles.count == 1 && Self.same(entry.articles[0].rows(document: ingest.articles[article].id), perArticle[article]))
        }
        // Nothing lacking: no entries.
        let all = Dictionary(uniqueKeysWithValues: entries.map { ($0.contentHash, $0.entry) } + [(ingest.files[1].contentHash, other)])
        #expect(CachedArticleKeywords.entries(files: ingest.files, keywords: keywords, stored: Set(all.keys)).isEmpty)
        // Reused files get their stored rows back, under their article's id; files not reused get none.
        ingest.files[0].reused = true
        ingest.files[1].reused = true
        let known = CachedArticleKeywords.known(files: ingest.files, stored: all)
        #expect(known.keys.sorted() == [0, 1])
        let again = RunArticleKeywords(ArticleKeywordTable(articles: [[], [], perArticle[2]]), articles: ingest.articles, known: known)
        #expect(Self.same(again.rows(ofArticle: 0), perArticle[0]))
        #expect(Self.same(again.rows(ofArticle: 1), [ArticleKeywordTable.Row(document: ingest.articles[1].id, method: "tfidf", rank: 1,
                                                                            word: "旧", weight: 1)]))
        #expect(Self.same(again.rows(ofArticle: 2), perArticle[2]))
    }

    /// Rows with words and methods the CSV quotes, guards against formulas or repairs for XML, and
    /// weights of every kind: each reads back exactly (the odd ones kept beside their records).
    static let oddRows: [ArticleKeywordTable.Row] = {
        let words = ["人才", "=SUM(1)", "a,b", "说\"是\"", "-3", "\t词", "@x", "line\r\nbreak", "\u{1}控制", "+1", "", "尾 ", "\u{FFFE}"]
        let weights = [1.0, 0.5, 1.0 / 3, 1e-7, 123_456_789.125, 0.0, -0.0, 2.5e21, 0.1 + 0.2, .leastNonzeroMagnitude,
                       .greatestFiniteMagnitude, 1e-300, .nan, .infinity]
        return (0..<300).map { index in
            ArticleKeywordTable.Row(document: "a\(index / 40)", method: index % 7 == 3 ? "=textrank" : index % 2 == 0 ? "tfidf" : "text,rank",
                                    rank: index % 20 + 1, word: words[index % words.count], weight: weights[index % weights.count])
        }
    }()

    /// Rows of plain words with finite weights of every magnitude (random bit patterns) are kept as
    /// records only, without a check of each record: each reads back from its record, parsed,
    /// as the row, to the bit.
    @Test func plainRowsReadBackFromTheirRecords() {
        var generator = SystemRandomNumberGenerator()
        let words = ["人才", "干部", "基层", "高质量发展", "AI", "5G", "一带一路"]
        var rows: [ArticleKeywordTable.Row] = []
        while rows.count < 20_000 {
            let weight = rows.count % 2 == 0 ? Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
                : Double.random(in: 0...1, using: &generator)
            guard weight.isFinite else { continue }
            rows.append(.init(document: "d", method: rows.count % 3 == 0 ? "textrank" : "tfidf", rank: rows.count % 20 + 1,
                              word: words[rows.count % words.count], weight: weight))
        }
        let block = StoredKeywordRows(rows: rows)
        #expect(block.exceptions.isEmpty)
        let mismatches = rows.indices.filter { index in
            guard let item = StoredKeywordRows.parse(block.record(index)) else { return true }
            return item != StoredKeywordRows.Item(method: rows[index].method, rank: rows[index].rank, word: rows[index].word,
                                                  weight: rows[index].weight)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3).map { rows[$0] })")
    }

    @Test func everyRowReadsBackExactly() throws {
        var documents: [String] = []
        var groups: [[ArticleKeywordTable.Row]] = []
        for row in Self.oddRows {
            if documents.last != row.document {
                documents.append(row.document)
                groups.append([])
            }
            groups[groups.count - 1].append(row)
        }
        let keywords = RunArticleKeywords(documentIDs: documents, blocks: groups.map(StoredKeywordRows.init(rows:)))
        #expect(keywords.rowCount == Self.oddRows.count)
        #expect(Self.same((0..<keywords.rowCount).map(keywords.row), Self.oddRows))
        // A plain row (a word, a method and a finite weight the CSV writes as they are) is read
        // from its record, not kept beside it.
        let plain = StoredKeywordRows(rows: [.init(document: "d", method: "tfidf", rank: 1, word: "人才", weight: 0.1 + 0.2),
                                             .init(document: "d", method: "textrank", rank: 12, word: "干部", weight: 1e-300)])
        #expect(plain.exceptions.isEmpty && Self.same(plain.rows(document: "d"), [
            .init(document: "d", method: "tfidf", rank: 1, word: "人才", weight: 0.1 + 0.2),
            .init(document: "d", method: "textrank", rank: 12, word: "干部", weight: 1e-300)]))
        #expect(Array(plain.record(0)) == Array("tfidf,1,人才,0.30000000000000004\r\n".utf8))
        // The odd ones are kept: every row of a word or method the CSV does not write as it is
        // (quoted, guarded, repaired). A weight reads back from its digits (NaN and infinity too).
        for (index, rows) in groups.enumerated() {
            let block = keywords.blocks[index]
            for (row, original) in rows.enumerated() {
                let isPlain = CSVWriter.field(text: original.word) == Array(original.word.utf8)
                    && CSVWriter.field(text: original.method) == Array(original.method.utf8)
                let isKept = block.exceptions.contains { $0.row == row }
                #expect(isKept == !isPlain, "\(original)")
            }
        }
        // The methods, as the rows have them.
        #expect(keywords.methods == ["tfidf", "text,rank", "=textrank"])
    }

    /// The check on the bytes that keeps a row as its record decides as reading the record back
    /// does: for the odd rows, and for records that differ from a row in one field each.
    @Test func theByteCheckDecidesAsReadingBack() throws {
        func item(_ row: ArticleKeywordTable.Row) -> StoredKeywordRows.Item {
            StoredKeywordRows.Item(method: row.method, rank: row.rank, word: row.word, weight: row.weight)
        }
        var rows = Self.oddRows
        rows.append(.init(document: "d", method: "tfidf", rank: 3, word: "\u{F900}", weight: 2))  // a compatibility ideograph
        for row in rows {
            var record: [UInt8] = []
            CSVWriter.appendRecords(0..<1, to: &record) { _, fields in
                fields.text(row.method)
                fields.integer(row.rank)
                fields.text(row.word)
                fields.decimal(row.weight)
            }
            #expect(StoredKeywordRows.readsBack(record, from: 0, as: row) == (StoredKeywordRows.parse(record[...]) == item(row)), "\(row)")
            // After other bytes (the records before it in an article's block) the same.
            let before = Array("x,1,y,2\r\n".utf8)
            #expect(StoredKeywordRows.readsBack(before + record, from: before.count, as: row)
                    == StoredKeywordRows.readsBack(record, from: 0, as: row))
        }
        let row = ArticleKeywordTable.Row(document: "d", method: "tfidf", rank: 12, word: "人才", weight: 0.25)
        #expect(StoredKeywordRows.readsBack(Array("tfidf,12,人才,0.25\r\n".utf8), from: 0, as: row))
        for other in ["tfidf,12,人才,0.25\n", "tfidf,12,人才,0.250001\r\n", "tfidf,13,人才,0.25\r\n", "tfid,12,人才,0.25\r\n",
                      "tfidf,12,人,0.25\r\n", "tfidf,12,人才,,0.25\r\n", "tfidf,12,人才,0.25,\r\n", "tfidf,12,人才\r\n",
                      "tfidf,12,人才,\r\n", "tfidf,,人才,0.25\r\n", "tfidf,12,人才,0.25 \r\n"] {
            #expect(!StoredKeywordRows.readsBack(Array(other.utf8), from: 0, as: row), "\(other)")
            #expect(StoredKeywordRows.parse(Array(other.utf8)[...]) != item(row), "\(other)")
        }
        // A leading zero reads back as the rank either way; a plus sign is read back, but the check is stricter.
        #expect(StoredKeywordRows.readsBack(Array("tfidf,012,人才,0.25\r\n".utf8), from: 0, as: row))
        #expect(!StoredKeywordRows.readsBack(Array("tfidf,+12,人才,0.25\r\n".utf8), from: 0, as: row))
    }

    /// `article_keywords.csv` written from the stored records is what the rows' cells give.
    @Test func recordsWrittenFromTheRowsAreThoseOfTheCells() throws {
        var rows = Self.oddRows.filter { !$0.weight.isNaN }
        for index in rows.indices where index % 13 == 0 { rows[index].document = "id,\(index / 40)" }
        var documents: [String] = []
        var groups: [[ArticleKeywordTable.Row]] = []
        for row in rows {
            if documents.last != row.document {
                documents.append(row.document)
                groups.append([])
            }
            groups[groups.count - 1].append(row)
        }
        let table = ArticleKeywordsSection.table(RunArticleKeywords(documentIDs: documents, blocks: groups.map(StoredKeywordRows.init(rows:))))
        let cellsOnly = Table(id: table.id, title: table.title, columns: table.columns, rows: table.rows, csvName: table.csvName)
        for encoding in [CSVWriter.Options.Encoding.utf8WithBOM, .gb18030] {
            let options = CSVWriter.Options(encoding: encoding)
            #expect(try CSVWriter.render(table, options: options) == CSVWriter.render(cellsOnly, options: options))
        }
        // The cells themselves: the fields the rows hold.
        let expected: [[Cell]] = rows.map { [.text($0.document), .text($0.method), .integer($0.rank), .text($0.word), .decimal($0.weight, fractionDigits: 4)] }
        #expect(table.rows == expected)
    }

    /// An entry comes back as it was stored; every cut of it, and every kind of damage to its
    /// records, is refused.
    @Test func storedEntriesComeBackExactlyAndDamageIsRefused() throws {
        let odd = StoredKeywordRows(rows: Array(Self.oddRows.prefix(40)))
        let plain = StoredKeywordRows(rows: [0.5, .nan, .infinity, -.infinity, -1e-300].enumerated().map {
            .init(document: "d", method: "tfidf", rank: $0.offset + 1, word: "人才", weight: $0.element)
        })
        let entry = CachedArticleKeywords(articles: [odd, StoredKeywordRows(rows: []), plain])
        let stored = try entry.stored()
        #expect(try CachedArticleKeywords(stored: stored) == entry)
        #expect(!odd.exceptions.isEmpty && plain.exceptions.isEmpty)
        #expect(Self.same(try CachedArticleKeywords(stored: stored).articles[2].rows(document: "d"), plain.rows(document: "d")))
        #expect(plain.rows(document: "d").map(\.weight.bitPattern) == [0.5, .nan, .infinity, -.infinity, -1e-300].map(\.bitPattern))
        for length in 0..<stored.count {
            #expect(throws: BinaryReader.Damaged.self) { try CachedArticleKeywords(stored: stored.prefix(length)) }
        }
        #expect(throws: BinaryReader.Damaged.self) { try CachedArticleKeywords(stored: stored + Data([0])) }
        // An entry of one article: the given records (lengths from their bytes), then the exceptions.
        func oneArticle(magic: String = "cipin-article-keywords-4", _ records: [[UInt8]], exceptions: [(row: Int, word: String)] = []) -> Data {
            var writer = BinaryWriter()
            writer.compactString(magic)
            writer.varint(1)
            writer.varint(records.count)
            for record in records { writer.varint(record.count) }
            for record in records { writer.bytes(record[...]) }
            writer.varint(exceptions.count)
            for exception in exceptions {
                writer.varint(exception.row)
                writer.compactString("tfidf")
                writer.varint(1)
                writer.compactString(exception.word)
                writer.fixed64(0.5.bitPattern)
            }
            return writer.data
        }
        let good = Array("tfidf,1,人才,0.5\r\n".utf8)
        let read = try CachedArticleKeywords(stored: oneArticle([good, good], exceptions: [(1, "=x")]))
        #expect(Self.same(read.articles[0].rows(document: "d"), [.init(document: "d", method: "tfidf", rank: 1, word: "人才", weight: 0.5),
                                                                 .init(document: "d", method: "tfidf", rank: 1, word: "=x", weight: 0.5)]))
        for bad: [UInt8] in [Array("tfidf,1,人才,0.5\n".utf8), Array("tfidf,1,人才,0.5".utf8), Array("tfidf,一,人才,0.5\r\n".utf8),
                             Array("tfidf,1,人才,x\r\n".utf8), Array("tfidf,1,0.5\r\n".utf8), Array("tfidf,-1,人才,0.5\r\n".utf8),
                             Array("tfidf,1,人才,0.5\r\n".utf8.dropFirst(9)), [0x74, 0x2C, 0x31, 0x2C, 0xE4, 0xBA, 0x2C, 0x31, 0x0D, 0x0A], []] {
            #expect(throws: BinaryReader.Damaged.self, "\(String(decoding: bad, as: UTF8.self))") {
                try CachedArticleKeywords(stored: oneArticle([good, bad]))
            }
        }
        // An exception's record need not read back, but it is a line; exceptions name rows in order.
        #expect(try CachedArticleKeywords(stored: oneArticle([good, Array("\"a,b\",1,x,nan\r\n".utf8)], exceptions: [(1, "a")])).articles[0].count == 2)
        #expect(throws: BinaryReader.Damaged.self) { try CachedArticleKeywords(stored: oneArticle([good, Array("x".utf8)], exceptions: [(1, "a")])) }
        #expect(throws: BinaryReader.Damaged.self) { try CachedArticleKeywords(stored: oneArticle([good, good], exceptions: [(1, "a"), (0, "b")])) }
        #expect(throws: BinaryReader.Damaged.self) { try CachedArticleKeywords(stored: oneArticle([good, good], exceptions: [(1, "a"), (1, "b")])) }
        #expect(throws: BinaryReader.Damaged.self) { try CachedArticleKeywords(stored: oneArticle([good], exceptions: [(1, "a")])) }
        // A record length so large that the sum of the lengths would overflow 64 bits: damage, not a trap.
        var overflowing = BinaryWriter()
        overflowing.compactString("cipin-article-keywords-4")
        overflowing.varint(1)
        overflowing.varint(2)
        overflowing.varint(good.count)
        overflowing.varint(UInt64.max)
        overflowing.bytes(good[...])
        overflowing.varint(0)
        #expect(throws: BinaryReader.Damaged.self) { try CachedArticleKeywords(stored: overflowing.data) }
        // The earlier layout is not read as this one.
        #expect(throws: BinaryReader.Damaged.self) { try CachedArticleKeywords(stored: oneArticle(magic: "cipin-article-keywords-3", [good])) }
    }
}
