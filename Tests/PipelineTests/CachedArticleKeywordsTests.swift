import Foundation
import Testing
@testable import Analysis
import Ingest
import Reporting
@testable import Pipeline

/// A scheduled run's stored article keywords: entries for the files the store lacks, and rows
/// rebuilt from stored entries for files reused.
@Suite struct CachedArticleKeywordsTests {
    @Test func entriesOfNewFilesAndRowsOfReusedOnes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cipin-keyword-entries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, body) in [("a", "人才是第一资源。"), ("b", "干部队伍建设。"), ("c", "基层组织建设。")] {
            try Data("题\(name)\n\(body)\n".utf8).write(to: folder.appendingPathComponent("\(name).txt"))
        }
        var ingest = try Ingestor.ingest([folder.path], relativeTo: folder)
        #expect(ingest.files.count == 3 && ingest.articles.count == 3)
        // Per article: three TF-IDF ranks, then two TextRank ranks, words and weights made up.
        var rows: [ArticleKeywordTable.Row] = []
        for (index, article) in ingest.articles.enumerated() {
            for rank in 1...3 { rows.append(.init(document: article.id, method: "tfidf", rank: rank, word: "词\(index)\(rank)", weight: 1.0 / Double(rank) + Double(index))) }
            for rank in 1...2 { rows.append(.init(document: article.id, method: "textrank", rank: rank, word: "字\(index)\(rank)", weight: 0.1 * Double(rank))) }
        }
        let table = ArticleKeywordTable(rows: rows)
        let other = CachedArticleKeywords(articles: [[.init(method: "tfidf", word: "旧", weight: 1)]])
        let entries = CachedArticleKeywords.entries(files: ingest.files, articles: ingest.articles, table: table,
                                                    stored: [ingest.files[1].contentHash])
        // Entries only for the files the store lacks, each with its article's rows in order.
        #expect(entries.map(\.contentHash) == [ingest.files[0].contentHash, ingest.files[2].contentHash])
        for (entry, article) in zip(entries.map(\.entry), [0, 2]) {
            #expect(entry.articles == [rows.filter { $0.document == ingest.articles[article].id }
                .map { CachedArticleKeywords.Item(method: $0.method, word: $0.word, weight: $0.weight.bitPattern) }])
        }
        // Nothing lacking: no entries.
        let all = Dictionary(uniqueKeysWithValues: entries.map { ($0.contentHash, $0.entry) } + [(ingest.files[1].contentHash, other)])
        #expect(CachedArticleKeywords.entries(files: ingest.files, articles: ingest.articles, table: table, stored: Set(all.keys)).isEmpty)
        // Reused files get their stored rows back, ranks counted per method; files not reused get none.
        ingest.files[0].reused = true
        ingest.files[1].reused = true
        let known = CachedArticleKeywords.known(files: ingest.files, articles: ingest.articles, stored: all)
        #expect(known.keys.sorted() == [0, 1])
        #expect(known[0] == rows.filter { $0.document == ingest.articles[0].id })
        #expect(known[1] == [ArticleKeywordTable.Row(document: ingest.articles[1].id, method: "tfidf", rank: 1, word: "旧",
                                                     weight: Double(bitPattern: 1))])
    }

    /// `article_keywords.csv` written field by field from the rows is what the rows' cells give,
    /// with words that need quoting, a formula guard or XML repair, and weights of every size.
    @Test func recordsWrittenFromTheRowsAreThoseOfTheCells() throws {
        let words = ["人才", "=SUM(1)", "a,b", "说\"是\"", "-3", "\t词", "@x", "line\r\nbreak", "\u{1}控制", "+1", ""]
        let weights = [1.0, 0.5, 1.0 / 3, 1e-7, 123_456_789.125, 0.0, 2.5e21, 0.1 + 0.2]
        var rows: [ArticleKeywordTable.Row] = []
        for index in 0..<300 {
            rows.append(.init(document: index % 13 == 0 ? "id,\(index)" : "a\(index / 5)", method: index % 2 == 0 ? "tfidf" : "=textrank",
                              rank: index % 20 + 1, word: words[index % words.count], weight: weights[index % weights.count]))
        }
        let table = ArticleKeywordsSection.table(ArticleKeywordTable(rows: rows))
        let cellsOnly = Table(id: table.id, title: table.title, columns: table.columns, rows: table.rows, csvName: table.csvName)
        for encoding in [CSVWriter.Options.Encoding.utf8WithBOM, .gb18030] {
            let options = CSVWriter.Options(encoding: encoding)
            #expect(try CSVWriter.render(table, options: options) == CSVWriter.render(cellsOnly, options: options))
        }
        // The cells themselves, as before: the fields the rows hold.
        #expect(table.rows[1] == [.text("a0"), .text("=textrank"), .integer(2), .text("=SUM(1)"), .decimal(0.5, fractionDigits: 4)])
    }
}
