import Foundation
import Testing
import Analysis
import Ingest
import Reporting
@testable import Pipeline

/// Stored concordance lines: what a run stores of the seed comes back as the lines a search of the
/// same articles gives, under the current article ids and keyword names; damaged bytes are refused.
@Suite struct CachedConcordanceTests {
    static let keywords = [KeywordSpec("人才"), KeywordSpec("干部"), KeywordSpec(name: "基层类", words: ["基层", "一线"])]

    static func seed() throws -> IngestResult {
        try Ingestor.ingest([CorpusSegmentationTests.seed.path], relativeTo: CorpusSegmentationTests.repository)
    }

    /// The keyword counts of the seed's articles (with the set's members).
    static func counts(_ ingest: IngestResult) throws -> (KeywordCountTable, SegmentedCorpus) {
        let corpus = CorpusSegmentation.segment(ingest.articles, with: try CorpusSegmentationTests.segmenter(), workers: 2)
        return (KeywordCountTable(keywords, corpus: corpus, includeMembers: true), corpus)
    }

    /// A run's concordance of `articles` with nothing stored.
    static func searched(_ keywords: [KeywordSpec], _ articles: [Article]) -> RunConcordance {
        RunConcordance.search(keywords, in: articles, options: ConcordanceOptions(), known: [:])
    }

    /// Per article, per keyword, the lines `Concordance.build` finds in the article alone (keywords
    /// of distinct names).
    static func linesPerArticle(_ keywords: [KeywordSpec], _ articles: [Article]) -> [[[Concordance.Line]]] {
        articles.map { article in
            let lines = Concordance.build(keywords, in: [article]).lines
            return keywords.map { keyword in lines.filter { $0.keyword == keyword.name } }
        }
    }

    /// `concordance.csv` of these lines as `CSVWriter` writes their cells, row by row.
    static func csvOfCells(_ lines: [Concordance.Line]) throws -> Data {
        try CSVWriter.render(Table(id: "c", title: "c", columns: ConcordanceSection.columns, rows: lines.map(ConcordanceSection.cells)))
    }

    @Test func storedLinesEqualASearchOfTheSameArticles() throws {
        let ingest = try Self.seed()
        let searched = Concordance.build(Self.keywords, in: ingest.articles)
        #expect(searched.lines.count > 100)
        let run = Self.searched(Self.keywords, ingest.articles)
        #expect(run.allLines == searched.lines && run.lineCount == searched.lines.count)
        let (counts, corpus) = try Self.counts(ingest)
        let entries = CachedConcordance.entries(files: ingest.files, concordance: run, counts: counts, stored: [])
        #expect(entries.count == 1 && entries[0].entry.articles.count == 11)
        let restored = try CachedConcordance(stored: try entries[0].entry.stored())
        #expect(restored == entries[0].entry)
        // Decoded, the stored lines are the search's, per article and keyword.
        let perArticle = Self.linesPerArticle(Self.keywords, ingest.articles)
        #expect(restored.decodedLines == perArticle.map { $0.map { $0.map { line in
            var bare = line
            bare.document = ""
            bare.keyword = ""
            return bare
        } } })
        // Its keyword counts: the table's rows (four columns: 人才, 干部, 基层类 and its two words).
        #expect(restored.counts == (0..<11).map { counts.row(article: $0) })
        #expect(restored.counts.allSatisfy { $0.occurrences.count == 5 && $0.tokenMatches.count == 5 })
        #expect(restored.counts.reduce(0) { $0 + $1.occurrences[0] } == 153)  // 人才 in the seed's bodies
        // The file reused under other article ids (a copy, say): the lines come back with those ids.
        var files = ingest.files
        files[0].reused = true
        var articles = ingest.articles
        for index in articles.indices { articles[index].id += "-dup2" }
        let known = CachedConcordance.known(files: files, keywordCount: Self.keywords.count, stored: [files[0].contentHash: restored])
        #expect(known.count == 11)
        let reused = RunConcordance.search(Self.keywords, in: articles, options: ConcordanceOptions(), known: known)
        let expected = Concordance.build(Self.keywords, in: articles)
        #expect(reused.allLines == expected.lines)
        #expect(reused.allLines.allSatisfy { $0.document.hasSuffix("-dup2") })
        // Its CSV, copied from the stored bytes, is what the lines' cells give.
        #expect(try CSVWriter.render(ConcordanceSection.csvTable(reused)) == Self.csvOfCells(expected.lines))
        // Entries that do not fit the keywords are not used: the articles are searched instead.
        #expect(CachedConcordance.known(files: files, keywordCount: 2, stored: [files[0].contentHash: restored]).isEmpty)
        // The stored counts are taken, not counted again: altered, they show; as stored, they equal a count.
        let knownCounts = CachedConcordance.knownCounts(files: files, stored: [files[0].contentHash: restored])
        #expect(knownCounts.count == 11)
        let fromStore = KeywordCountTable(Self.keywords, corpus: corpus, includeMembers: true, known: knownCounts)
        #expect((0..<11).map { fromStore.row(article: $0) } == (0..<11).map { counts.row(article: $0) })
        var altered = knownCounts
        altered[4]?.occurrences[0] = 999
        altered[5] = KeywordCountTable.ArticleRow(occurrences: [1], tokenMatches: [1])  // the wrong width: counted instead
        let taken = KeywordCountTable(Self.keywords, corpus: corpus, includeMembers: true, known: altered)
        #expect(taken.row(article: 4).occurrences[0] == 999)
        #expect(taken.row(article: 5) == counts.row(article: 5))
        #expect(KeywordFrequencies.count(Self.keywords, in: corpus, counts: taken).totals.first?.occurrences
                == 153 - counts.row(article: 4).occurrences[0] + 999)
    }

    /// Stored lines are kept per keyword, not by name: two keywords of one name come back apart.
    @Test func keywordsOfOneNameAreStoredApart() throws {
        let ingest = try Self.seed()
        let twice = [KeywordSpec("人才"), KeywordSpec(name: "人才", words: ["人才", "英才", "干部"])]
        let run = Self.searched(twice, ingest.articles)
        let (counts, _) = try Self.counts(ingest)
        let entries = CachedConcordance.entries(files: ingest.files, concordance: run, counts: counts, stored: [])
        let restored = try CachedConcordance(stored: try entries[0].entry.stored())
        var files = ingest.files
        files[0].reused = true
        let known = CachedConcordance.known(files: files, keywordCount: 2, stored: [files[0].contentHash: restored])
        let reused = RunConcordance.search(twice, in: ingest.articles, options: ConcordanceOptions(), known: known)
        #expect(reused.allLines == Concordance.build(twice, in: ingest.articles).lines)
        #expect(reused.allLines.filter { $0.match == "干部" }.count > 10)
        // The report's samples share the limit between the two, as their lines' names do.
        #expect(reused.sample(perKeyword: 3) == firstRows(reused.sampled(maxLines: 3).allLines, perKeyword: 3, keyword: \.keyword))
        #expect(reused.sample(perKeyword: 3).count == 3)
    }

    /// Lines of articles searched in this run (bytes from the text) and of stored ones (made from
    /// `Concordance.Line`s), side by side, with texts that need
    /// quoting, a formula guard or XML repair: the records written from bytes, over any range of
    /// rows, are those of the lines' cells; single rows decode to the lines.
    @Test func recordsFromBytesEqualTheCells() throws {
        // Some articles hold neither keyword, some only one: empty blocks between the lines.
        let paragraphs = ["=人才,\"引号\"人才 ", "-人才\t人才\u{1}人才", "无关", "@人才\r\n人才\u{FFFE}", "\t人才", "人才", "也无关"]
        let articles = (0..<40).map { index in
            Article(id: index % 7 == 0 ? "id,\(index)" : "a\(index)", sourcePath: "x.txt", indexInFile: index + 1, startLine: 1,
                    title: "题", paragraphs: [paragraphs[index % paragraphs.count], paragraphs[(index * 3) % paragraphs.count]
                                                + (index % 4 == 0 ? "干部" : "")])
        }
        let keywords = [KeywordSpec("人才"), KeywordSpec(name: "=干部", words: ["干部", "引号"])]
        let perArticle = Self.linesPerArticle(keywords, articles)
        var stored: [Int: [StoredLines]] = [:]
        for index in articles.indices where index % 3 != 1 {
            // Through the store's encoding, as a later run reads it.
            let entry = CachedConcordance(lines: [perArticle[index]], counts: [KeywordCountTable.ArticleRow(occurrences: [], tokenMatches: [])])
            stored[index] = try CachedConcordance(stored: try entry.stored()).articles[0]
        }
        // The others searched in this run, their lines written straight from the text.
        let mixed = RunConcordance.search(keywords, in: articles, options: ConcordanceOptions(), known: stored)
        let expected = Concordance.build(keywords, in: articles).lines
        #expect(expected.count > 100)
        // Articles without lines, and articles with lines of one keyword only, are among them.
        #expect(articles.contains { article in !expected.contains { $0.document == article.id } })
        #expect(articles.contains { article in
            expected.contains { $0.document == article.id } && !expected.contains { $0.document == article.id && $0.keyword == "=干部" }
        })
        #expect(mixed.allLines == expected)
        let cells = try Self.csvOfCells(expected)
        #expect(try CSVWriter.render(ConcordanceSection.csvTable(mixed)) == cells)
        // The tricky fields are there: a guarded formula (the left context "="), doubled quotes, a quoted comma.
        for field in [",'=,人才,", "\"'=人才,\"\"引号\"\"\",人才,", "\"id,7\","] {
            #expect(cells.range(of: Data(field.utf8)) != nil, "\(field)")
        }
        // Any split of the rows gives the same bytes.
        var whole: [UInt8] = []
        mixed.appendRecords(0..<mixed.lineCount, to: &whole)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let cuts = (0..<3).map { _ in Int.random(in: 0...mixed.lineCount, using: &generator) }.sorted()
            var pieces: [UInt8] = []
            for range in [0..<cuts[0], cuts[0]..<cuts[1], cuts[1]..<cuts[2], cuts[2]..<mixed.lineCount] {
                mixed.appendRecords(range, to: &pieces)
            }
            #expect(pieces == whole)
        }
        for row in stride(from: 0, to: expected.count, by: 7) { #expect(mixed.line(at: row) == expected[row]) }
        // The report's samples: of each keyword's sampled lines, the first.
        let sampled = mixed.sampled(maxLines: 4).allLines
        #expect(mixed.sample(perKeyword: 4) == Array(sampled.filter { $0.keyword == "人才" }.prefix(4))
                + Array(sampled.filter { $0.keyword == "=干部" }.prefix(4)))
    }

    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x41], [0xE4, 0xBA, 0xBA], [0xC3, 0xA9], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0xA0, 0x80], [0xE0, 0x80, 0x80],
                                 [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0x80], [0xE4, 0xBA], [0xEF, 0xBF, 0xBF]]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                if Bool.random(using: &generator) {
                    bytes += pieces.randomElement(using: &generator)!
                } else {
                    bytes.append(UInt8.random(in: 0...255, using: &generator))
                }
            }
            let standard = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer { isUTF8($0) } == standard, "\(bytes)")
        }
    }

    @Test func damagedEntriesAreRefused() throws {
        let ingest = try Self.seed()
        let (counts, _) = try Self.counts(ingest)
        let entry = CachedConcordance.entries(files: ingest.files,
                                              concordance: Self.searched(Self.keywords, ingest.articles), counts: counts,
                                              stored: [])[0].entry
        let stored = try entry.stored()
        for length in [0, 7, 8, 30, stored.count / 2, stored.count - 1] {
            #expect(throws: (any Error).self) { try CachedConcordance(stored: stored.prefix(length)) }
        }
        #expect(throws: (any Error).self) { try CachedConcordance(stored: stored + Data([0])) }
        var wrongMagic = stored
        wrongMagic[8] ^= 0xFF
        #expect(throws: (any Error).self) { try CachedConcordance(stored: wrongMagic) }
        // A context that is no longer UTF-8: the lines are copied as they are into the CSV, so
        // their bytes are checked when read.
        let firstLine = entry.articles.flatMap { $0 }.first { $0.count > 0 }!.lines(document: "", keyword: "")[0]
        let context = Data(firstLine.left.utf8)
        let at = try #require(stored.range(of: context)).lowerBound
        var notUTF8 = stored
        notUTF8[at] = 0xFF
        #expect(throws: (any Error).self) { try CachedConcordance(stored: notUTF8) }
        #expect(try CachedConcordance(stored: stored) == entry)
    }
}

/// The store's layout written from `Concordance.Line`s, the way the lines' own fields give it: an
/// encoding independent of `StoredLines.search`, which writes the same layout from the text.
extension StoredLines {
    init(encoding lines: [Concordance.Line]) {
        var writer = BinaryWriter()
        for line in lines {
            writer.compactString(line.left)
            writer.compactString(line.match)
            writer.compactString(line.right)
            for value in [line.paragraph, line.sentence, line.scalarOffset, line.paragraphScalarOffset] { writer.varint(value) }
        }
        self.init(bytes: writer.bytes, range: 0..<writer.bytes.count, count: lines.count)
    }
}

extension CachedConcordance {
    /// The entry of a file whose articles have these lines (per article, per keyword) and counts.
    init(lines: [[[Concordance.Line]]], counts: [KeywordCountTable.ArticleRow]) {
        self.init(articles: lines.map { $0.map(StoredLines.init(encoding:)) }, counts: counts)
    }

    /// The lines per article and keyword, decoded; their `document` and `keyword` are empty.
    var decodedLines: [[[Concordance.Line]]] { articles.map { $0.map { $0.lines(document: "", keyword: "") } } }
}
