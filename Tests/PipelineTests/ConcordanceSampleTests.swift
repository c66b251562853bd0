import Foundation
import Testing
import Analysis
import Ingest
import Reporting
@testable import Pipeline

/// `analysis.concordance.max_lines`: a sample of each keyword's lines that is the lines of smallest
/// key, in corpus order, and stable as the corpus grows; and the warning for a CSV longer than a
/// spreadsheet's sheet.
@Suite struct ConcordanceSampleTests {
    static let keywords = [KeywordSpec("人才"), KeywordSpec("干部"), KeywordSpec("基层")]

    static let articles: [Article] = {
        (try? CachedConcordanceTests.seed().articles) ?? []
    }()

    /// Every line of keyword `k`, with its article and its number among the keyword's lines there.
    static func numbered(_ concordance: RunConcordance, keyword k: Int) -> [(article: Int, line: Int, text: Concordance.Line)] {
        var result: [(article: Int, line: Int, text: Concordance.Line)] = []
        for a in concordance.documentIDs.indices {
            for (number, line) in concordance.lines(keyword: k, article: a).enumerated() { result.append((a, number, line)) }
        }
        return result
    }

    @Test func sampleIsTheLinesOfSmallestKeyInCorpusOrder() throws {
        let all = CachedConcordanceTests.searched(Self.keywords, Self.articles)
        #expect(all.lineCount == 247)
        let sample = all.sampled(maxLines: 20)
        for k in Self.keywords.indices {
            let lines = Self.numbered(all, keyword: k)
            // The expected sample by brute force: every line's key, the 20 smallest, back in corpus order.
            let keyed = lines.enumerated().map { position, entry in
                (key: RunConcordance.sampleKey(document: all.documentIDs[entry.article], keyword: Self.keywords[k].name, line: entry.line),
                 position: position)
            }
            let chosen = Set(keyed.sorted { ($0.key, $0.position) < ($1.key, $1.position) }.prefix(20).map(\.position))
            let expected = lines.enumerated().filter { chosen.contains($0.offset) }.map(\.element.text)
            #expect(sample.lineCount(keyword: k) == min(20, lines.count))
            #expect(Self.numbered(sample, keyword: k).map(\.text) == expected)
            #expect(sample.lineCount(keyword: k) < lines.count)
        }
        // The CSV's records are the sampled lines' cells.
        var bytes: [UInt8] = []
        sample.appendRecords(0..<sample.lineCount, to: &bytes)
        let cells = try CSVWriter.render(Table(id: "c", title: "c", columns: ConcordanceSection.columns,
                                               rows: Self.keywords.indices.flatMap { k in Self.numbered(sample, keyword: k).map { ConcordanceSection.cells($0.text) } }))
        #expect(Data(bytes) == cells.suffix(bytes.count))
        // A limit no keyword reaches keeps every line.
        #expect(all.sampled(maxLines: 153).lineCount == 247)
        #expect(all.sampled(maxLines: 0).lineCount == 0)
    }

    /// The report's sample is, of the lines `max_lines` would keep, the first of each keyword name:
    /// for limits that keep some lines, all or none, keywords of one name sharing the limit.
    @Test func reportSampleIsTheFirstOfTheSampledLines() {
        let keywords = Self.keywords + [KeywordSpec(name: "人才", words: ["人才", "干部"])]
        let all = CachedConcordanceTests.searched(keywords, Self.articles)
        for limit in [0, 1, 3, 10, 20, 60, 153, 400] {
            let expected = firstRows(all.sampled(maxLines: limit).allLines, perKeyword: limit, keyword: \.keyword)
            #expect(all.sample(perKeyword: limit) == expected, "\(limit)")
        }
        // Three keywords of their own names, and a fourth that shares the first's ten.
        #expect(all.sample(perKeyword: 10).count == 30)
    }

    /// Bottom-k: a line of an article that stays is in the sample of the larger corpus only if it
    /// was in the sample of the smaller one, and the sample does not depend on the run.
    @Test func sampleIsStableAsTheCorpusGrows() {
        let smaller = CachedConcordanceTests.searched(Self.keywords, Array(Self.articles.prefix(6))).sampled(maxLines: 15)
        let larger = CachedConcordanceTests.searched(Self.keywords, Self.articles).sampled(maxLines: 15)
        let again = CachedConcordanceTests.searched(Self.keywords, Self.articles).sampled(maxLines: 15)
        for k in Self.keywords.indices {
            // Lines are told apart by article and offset (a sample's own numbering is not the articles').
            let before = Set(Self.numbered(smaller, keyword: k).map { "\($0.text.document) \($0.text.scalarOffset)" })
            let kept = Self.numbered(larger, keyword: k).filter { $0.article < 6 }.map { "\($0.text.document) \($0.text.scalarOffset)" }
            #expect(!kept.isEmpty && Set(kept).isSubset(of: before))
            #expect(Self.numbered(again, keyword: k).map(\.text) == Self.numbered(larger, keyword: k).map(\.text))
        }
    }

    /// The sampling key is FNV-1a 64 then SplitMix64's finaliser, as the README gives it: known
    /// values computed by hand with Python (`fnv1a64` and `mix` below).
    ///
    ///     def fnv1a64(b):
    ///         h = 0xcbf29ce484222325
    ///         for x in b: h = ((h ^ x) * 0x100000001b3) % 2**64
    ///         return h
    ///     def mix(z):
    ///         z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) % 2**64
    ///         z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) % 2**64
    ///         return z ^ (z >> 31)
    ///     mix(fnv1a64('f2fce93968eb-01\x1f人才\x1f0'.encode()))
    @Test func sampleKeyIsTheDocumentedHash() throws {
        // Line numbers of every count of digits, and around each power of ten.
        let cases = [("f2fce93968eb-01", "人才", 0), ("f2fce93968eb-11", "干部", 12), ("a", "", 1234567)]
            + [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 65_536, 9_999_999, -1, -20].map { ("3fa2c81e9b04-07", "基层", $0) }
        let script = """
            def fnv1a64(b):
                h = 0xcbf29ce484222325
                for x in b: h = ((h ^ x) * 0x100000001b3) % 2**64
                return h
            def mix(z):
                z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) % 2**64
                z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) % 2**64
                return z ^ (z >> 31)
            for d, k, n in [\(cases.map { "('\($0.0)', '\($0.1)', \($0.2))" }.joined(separator: ", "))]:
                print(mix(fnv1a64((d + '\\x1f' + k + '\\x1f' + str(n)).encode())))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let ours = cases.map { RunConcordance.sampleKey(document: $0.0, keyword: $0.1, line: $0.2) }
        #expect(output.split(separator: "\n").map(String.init) == ours.map { String($0) })
        #expect(ours.count == 17)
    }

    /// A CSV of one row more than a sheet holds (with its header) is named with its rows and the
    /// rows left out, and the setting that shortens it; one that fits is not.
    @Test func csvLongerThanASheetIsWarnedOf() {
        func report(rows: Int, csvName: String) -> Report {
            var report = Report(title: "t", date: "2021-11-25")
            report.attachments = [Table(id: "t", title: "t", columns: [Column("a")], rowCount: rows, csvName: csvName) { index, cells in
                cells.append(.integer(index))
            }]
            return report
        }
        #expect(SpreadsheetLimits.warnings(report(rows: 1_048_575, csvName: "concordance.csv")).isEmpty)
        let warnings = SpreadsheetLimits.warnings(report(rows: 1_196_572, csvName: "concordance.csv"))
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("concordance.csv has 1,196,572 rows, more than a sheet of Excel, WPS or LibreOffice Calc holds (1,048,576 rows with the header): they open only its first 1,048,575 rows and leave out the last 147,997.") == true)
        #expect(warnings.first?.contains("`analysis.concordance.max_lines`") == true)
        #expect(SpreadsheetLimits.warnings(report(rows: 1_048_576, csvName: "terms.csv")).first?.contains("leave out the last 1. ") == true)
        #expect(SpreadsheetLimits.warnings(report(rows: 2_000_000, csvName: "keyness.csv"), keynessSignificantOnly: false).first?.hasSuffix(
            ", or write the significant words only (`analysis.keyness.csv_rows: significant`, the default), or raise `analysis.keyness.min_frequency`") == true)
        // Under the default the file holds the significant words already: not suggested again.
        #expect(SpreadsheetLimits.warnings(report(rows: 2_000_000, csvName: "keyness.csv")).first?.hasSuffix(
            ", or raise `analysis.keyness.min_frequency`, or compare one group (`analysis.keyness.target`)") == true)
        // `cipin compare`'s file: two sides, no group to pick.
        #expect(SpreadsheetLimits.warnings(report(rows: 2_000_000, csvName: "compare_keyness.csv"), keynessSignificantOnly: false).first?
            .hasSuffix("a database), or write the significant words only (`analysis.keyness.csv_rows: significant`, the default), "
                + "or raise `analysis.keyness.min_frequency`") == true)
        #expect(SpreadsheetLimits.warnings(report(rows: 2_000_000, csvName: "compare_keyness.csv")).first?
            .hasSuffix("a database), or raise `analysis.keyness.min_frequency`") == true)
        #expect(SpreadsheetLimits.grouped(0) == "0" && SpreadsheetLimits.grouped(999) == "999" && SpreadsheetLimits.grouped(1000) == "1,000")
        // Columns likewise: 16,384 fit, 16,385 do not.
        func wide(_ count: Int) -> Report {
            var report = Report(title: "t", date: "2021-11-25")
            report.attachments = [Table(id: "d", title: "d", columns: (0..<count).map { Column("c\($0)") }, rows: [], csvName: "documents.csv")]
            return report
        }
        #expect(SpreadsheetLimits.warnings(wide(16_384)).isEmpty)
        let columns = SpreadsheetLimits.warnings(wide(100_013))
        #expect(columns.count == 1)
        #expect(columns.first?.hasPrefix("documents.csv has 100,013 columns, more than a sheet of Excel, WPS or LibreOffice Calc holds "
                                         + "(16,384): they open only its first 16,384 columns and leave out the last 83,629.") == true)
    }

    /// A word or an article field longer than a cell (32,767 characters) is warned of; one of
    /// 32,767 is not. (Excel counts UTF-16 code units: 𠀀 counts two.)
    @Test func fieldLongerThanACellIsWarnedOf() {
        var vocabulary = Vocabulary()
        _ = vocabulary.intern("人才")
        _ = vocabulary.intern(String(repeating: "Q", count: 32_767))
        let article = Article(id: "a-01", sourcePath: "/a.txt", indexInFile: 0, startLine: 1, title: "标题", paragraphs: ["正文"],
                              fields: ["abstract": String(repeating: "𠀀", count: 16_384), "note": String(repeating: "x", count: 10)])
        let fitting = Article(id: "b-01", sourcePath: "/b.txt", indexInFile: 0, startLine: 1, title: String(repeating: "题", count: 32_767),
                              paragraphs: ["正文"])
        #expect(SpreadsheetLimits.cellWarnings(vocabulary: vocabulary, articles: [fitting]).isEmpty)
        _ = vocabulary.intern(String(repeating: "QUJD", count: 10_000))
        let warnings = SpreadsheetLimits.cellWarnings(vocabulary: vocabulary, articles: [fitting, article])
        #expect(warnings.count == 2)
        #expect(warnings.first?.hasPrefix("1 word(s) of the corpus are longer than a spreadsheet cell holds (32,767 characters), the longest 40,000 characters, beginning QUJDQUJDQUJDQUJDQUJD…") == true)
        #expect(warnings.last == "the abstract of 1 article(s) (the first: a-01) is longer than a spreadsheet cell holds (32,767 characters): Excel cuts it in documents.csv")
    }
}

/// Keyness by a field leaves out the articles without a value of it: "(none)" is no group, and no
/// group's rest holds them (as `cipin compare --by` does).
@Suite struct KeynessGroupTests {
    @Test func articlesWithoutAValueAreInNoGroupAndNoRest() {
        var vocabulary = Vocabulary()
        var articles: [Article] = []
        var segments: [SegmentedArticle] = []
        // Periods A (2 articles), B (1) and none (1); each article's words, repeated so that keyness has words to test.
        for (index, (period, words)) in [("A", "改革 改革 发展"), ("A", "改革 开放"), ("B", "人民 人民 发展"), ("", "人民 代表 大会 大会")].enumerated() {
            let tokens = String(repeating: words + " ", count: 10).split(separator: " ").map { vocabulary.intern($0) }
            articles.append(Article(id: "a\(index)", sourcePath: "/a\(index).txt", indexInFile: 0, startLine: 1, title: "t",
                                    paragraphs: ["x"], fields: period.isEmpty ? [:] : ["period": period]))
            segments.append(SegmentedArticle(tokens: tokens, sentenceEnds: [Int32(tokens.count)], paragraphEnds: [Int32(tokens.count)]))
        }
        let corpus = SegmentedCorpus(articles: articles, segments: segments, vocabulary: vocabulary)
        var settings = AnalysisConfig.KeynessConfig()
        settings.by = "period"
        settings.minFrequency = 1
        let comparisons = AnalysisRun.compareGroups(corpus, settings: settings, filter: TermFilter())
        #expect(comparisons.map(\.target) == ["A", "B"])
        // A's rest is B alone (30 tokens), B's rest is A alone (30 + 20 tokens); the unvalued article (40) is in neither.
        #expect(comparisons.map { $0.table.rows.first?.sizeReference } == [30, 50])
        #expect(!comparisons.contains { $0.table.rows.contains { $0.word == "大会" && $0.freqReference > 0 } })
    }
}
