import Foundation
import Testing
@testable import Analysis
import Ingest
@testable import Pipeline
@testable import Reporting

/// The report's tables over the seed corpus: the CSV records the large tables write from their
/// rows are those of their cells, and the sections that read every article give what the plain
/// ways of reading them give.
@Suite struct ReportTablesTests {
    /// The seed corpus as a run reads and analyses it (a keyword set among the keywords, so that
    /// `keywords.csv` has member rows), some articles with sidecar fields that override the text's
    /// (a date, an author, a title) or add columns, values that need quoting or a formula guard.
    static let seed: Result<(ingest: IngestResult, corpus: SegmentedCorpus, analysis: AnalysisResults), Error> = Result {
        var ingest = try CachedConcordanceTests.seed()
        ingest.articles[0].fields = ["date": "2020-01-01", "author": "王五", "group": "-5", "note": "a,\"b\""]
        ingest.articles[1].fields = ["year": "2019", "group": "=x"]
        ingest.articles[2].fields = ["title": "=改题", "note": " 空格"]
        let segmenter = try CorpusSegmentationTests.segmenter()
        let corpus = CorpusSegmentation.segment(ingest.articles, with: segmenter, workers: 2)
        let config = PipelineConfig(name: "seed", inputs: [CorpusSegmentationTests.seed.path], keywords: ["人才", "干部", "基层"],
                                    keywordSets: ["人才类": ["人才", "人才队伍", "人才工作"]])
        let analysis = try AnalysisRun.run(corpus, config: config, pipelineFolder: CorpusSegmentationTests.repository.appendingPathComponent("Pipelines"),
                                           segmenter: segmenter)
        return (ingest, corpus, analysis)
    }

    /// Each table that writes its own CSV records gives the bytes its cells give, in every
    /// encoding, and the same bytes for any split of its rows (the writer renders chunks apart).
    @Test func recordsWrittenFromTheRowsAreThoseOfTheCells() throws {
        let (ingest, corpus, analysis) = try Self.seed.get()
        // The seed is one file: copies of its entry under names that need quoting or a guard.
        let files = ingest.files + ["/语料/a,b.txt", "=公式.txt", " 空格.txt"].map { path in
            var file = ingest.files[0]
            file.path = path
            return file
        }
        let keywords = analysis.articleKeywords, none = StoredKeywordRows(rows: [])
        let tables = [
            ArticlesSection.table(ingest.articles, sentenceCounts: corpus.segments.map { $0.sentenceEnds.count },
                                  tokenCounts: corpus.segments.map { $0.tokens.count }),
            ArticlesSection.table(ingest.articles, sentenceCounts: ingest.articles.map(PipelineRunner.sentenceCount), tokenCounts: nil),
            OverviewSection.filesTable(files),
            KeywordsSection.perArticleTable(analysis.frequencies),
            CooccurrenceSection.table(analysis.cooccurrence),
            TermsSection.table(analysis.terms),
            ArticleKeywordsSection.table(analysis.articleKeywords),
            // Articles without rows (an empty article) first, between and last: each row is found all the same.
            ArticleKeywordsSection.table(RunArticleKeywords(documentIDs: ["空1"] + keywords.documentIDs.prefix(5) + ["空2", "空3"]
                                                                + keywords.documentIDs.dropFirst(5) + ["空4"],
                                                            blocks: [none] + keywords.blocks.prefix(5) + [none, none] + keywords.blocks.dropFirst(5) + [none])),
        ]
        #expect(try CSVWriter.render(tables[7]) == CSVWriter.render(tables[6]) && tables[7].rowCount == keywords.table.rows.count)
        var generator = SystemRandomNumberGenerator()
        for table in tables {
            let cellsOnly = Table(id: table.id, title: table.title, columns: table.columns, rows: table.rows, csvName: table.csvName)
            for encoding in [CSVWriter.Options.Encoding.utf8WithBOM, .gb18030] {
                let options = CSVWriter.Options(encoding: encoding)
                #expect(try CSVWriter.render(table, options: options) == CSVWriter.render(cellsOnly, options: options), "\(table.id)")
            }
            var whole: [UInt8] = []
            #expect(table.appendOwnRecords(in: 0..<table.rowCount, to: &whole), "\(table.id) writes its own records")
            for _ in 0..<10 {
                let cuts = (0..<3).map { _ in Int.random(in: 0...table.rowCount, using: &generator) }.sorted()
                var pieces: [UInt8] = []
                for range in [0..<cuts[0], cuts[0]..<cuts[1], cuts[1]..<cuts[2], cuts[2]..<table.rowCount] {
                    _ = table.appendOwnRecords(in: range, to: &pieces)
                }
                #expect(pieces == whole, "\(table.id)")
            }
        }
        // The data is the real thing: every table has rows, and the tricky fields are in documents.csv.
        #expect(tables.filter { $0.id != "input-files" }.allSatisfy { $0.rowCount > 10 } && tables[2].rowCount == 4)
        #expect(analysis.frequencies.perArticle.contains { !$0.member.isEmpty })
        #expect(tables[0].columns.suffix(2).map(\.name) == ["group", "note"])
        let documents = String(decoding: try CSVWriter.render(tables[0], options: .init(encoding: .utf8)), as: UTF8.self)
        #expect(documents.contains(",王五,") && documents.contains(",2020-01-01,") && documents.contains(",'=改题,"))
        #expect(documents.contains(",-5,\"a,\"\"b\"\"\"\r\n") && documents.contains(",'=x,\r\n") && documents.contains(",,\" 空格\"\r\n"))
    }

    /// `shown(_:at:)` reads what `shown(_:)` gives, for articles with and without sidecar fields.
    @Test func fieldsShownInPlaceAreTheArticlesFields() throws {
        let articles = try Self.seed.get().ingest.articles
        #expect(articles.contains { $0.fields.isEmpty } && articles.contains { !$0.fields.isEmpty })
        for index in articles.indices {
            for name in ["title", "author", "position", "region", "date", "year", "month", "byline", "group", "note", "id", "other"] {
                #expect(articles.shown(name, at: index) == articles[index].shown(name), "\(index) \(name)")
            }
        }
    }

    /// The overview's facts are those of sorting the dates and collecting the authors and regions.
    @Test func overviewFactsAreThoseOfTheArticles() throws {
        let ingest = try Self.seed.get().ingest
        let articles = ingest.articles
        let characters = articles.reduce(0) { $0 + $1.characterCount }
        let dates = articles.map { $0.shown("date") }.filter { !$0.isEmpty }.sorted()
        var facts = ["\(ingest.files.count) input file(s), \(articles.count) article(s), \(characters) characters of body text."]
        if let first = dates.first, let last = dates.last {
            facts.append("Dates from \(first) to \(last); \(articles.count - dates.count) article(s) without a date.")
        }
        let authors = Set(articles.flatMap { $0.shown("author").components(separatedBy: "、") }.filter { !$0.isEmpty })
        let regions = Set(articles.map { $0.shown("region") }.filter { !$0.isEmpty })
        facts.append("\(authors.count) named author(s) and \(regions.count) region(s).")
        #expect(dates.count > 1 && dates.first != dates.last && authors.count > 1)
        #expect(OverviewSection.section(ingest).blocks.first == .itemizedList(facts))
    }

    /// Joint authors (a news report's reporters, `张三、李四`) are each one person in the overview's
    /// count (a review found five reporters counted as four authors).
    @Test func jointAuthorsAreCountedOneByOne() {
        let authors = ["张三、李四", "张三", "王五", "", "李四、赵六"]
        let articles = authors.enumerated().map { index, author in
            Article(id: "a\(index)", sourcePath: "/tmp/a.txt", indexInFile: index + 1, startLine: 1, title: "t\(index)", author: author,
                    paragraphs: ["人才。"])
        }
        let ingest = IngestResult(files: [], articles: articles, skipped: [], warnings: [])
        guard case .itemizedList(let facts) = OverviewSection.section(ingest).blocks.first else {
            Issue.record("the overview starts with its facts")
            return
        }
        #expect(facts.contains("4 named author(s) and 0 region(s)."))
    }

    /// The overview says how many news reports a dateline's day dated with the path's or a
    /// sidecar's year, and how many it left undated (with what would date them).
    @Test func overviewCountsDatelineDays() {
        let paths = ["rmrb/2023/03/06/a.txt", "news/a.txt", "news/b.txt", "news/c.txt"]
        var articles = ArticleSplitter.split(Document(path: paths[0], contentHash: String(repeating: "ab", count: 32), byteCount: 0,
                                                      encoding: .utf8, text: "标题一\n\n新华社北京3月5日电（记者 张三）正文。\n"))
        PathDate.date(&articles, byPath: paths[0])
        for path in paths.dropFirst() {
            var copy = articles[0]
            copy.sourcePath = path
            copy.date = ""
            articles.append(copy)
        }
        articles[1].fields = ["year": "2022"]
        articles[3].date = "2021-03-05"
        articles[3].monthDay = ""
        #expect(articles.map { $0.shown("date") } == ["2023-03-05", "2022-03-05", "", "2021-03-05"])
        let ingest = IngestResult(files: [], articles: articles, skipped: [], warnings: [])
        guard case .itemizedList(let facts) = OverviewSection.section(ingest).blocks.first else {
            Issue.record("the overview starts with its facts")
            return
        }
        #expect(facts.contains("Dates from 2021-03-05 to 2023-03-05; 1 article(s) without a date."))
        #expect(facts.contains("2 news report(s) dated by their dateline's day (3月5日) in the year of their file's path or of a "
            + "sidecar's year column."))
        #expect(facts.contains("1 news report(s) have a dateline's day but no year, so no date: a date or year in the file's "
            + "path (2023/03/06/, 2023年) or a sidecar's year column would date them."))
    }

    /// The report's matrix of keyword occurrences: one row per article, its title and date, and the
    /// keywords' counts (not the set's members), as the per-article rows give them.
    @Test func keywordMatrixHasTheKeywordRowsOfEachArticle() throws {
        let (ingest, _, analysis) = try Self.seed.get()
        let table = KeywordsSection.perArticleMatrix(analysis.frequencies, articles: ingest.articles)
        let keywordRows = analysis.frequencies.perArticle.filter { $0.member.isEmpty }
        let keywords = analysis.keywords.map(\.name)
        #expect(table.columns.dropFirst(4).map(\.label) == keywords)
        #expect(table.rowCount == ingest.articles.count)
        for (index, article) in ingest.articles.enumerated() {
            let rows = keywordRows[(index * keywords.count)..<((index + 1) * keywords.count)]
            #expect(rows.allSatisfy { $0.unit == article.id })
            let expected: [Cell] = [.text(article.id), .text(article.shown("title")), .text(article.shown("date")), .integer(article.characterCount)]
                + rows.map { .integer($0.occurrences) }
            #expect(table.rows[index] == expected)
        }
        // Without members, the rows are every per-article row.
        var plain = analysis.frequencies
        plain.perArticle = keywordRows
        #expect(KeywordsSection.perArticleMatrix(plain, articles: ingest.articles).rows == table.rows)
    }

    /// The set-member column of the keyword tables is left out of the report when no keyword is a
    /// set (it would be empty in every row), and shown when one is; the CSV files keep it either way.
    @Test func setMemberColumnIsShownOnlyWithSets() throws {
        let (_, corpus, analysis) = try Self.seed.get()
        #expect(analysis.frequencies.totals.contains { !$0.member.isEmpty })
        for table in [KeywordsSection.totalsTable(analysis.frequencies), KeywordsSection.groupTable(analysis.frequencies)] {
            #expect(table.hiddenInReport.isEmpty, "\(table.id)")
        }
        let plain = KeywordFrequencies.count(analysis.keywords.filter { $0.words == [$0.name] }, in: corpus,
                                             options: KeywordFrequencyOptions(groupBy: ["region"]))
        #expect(plain.totals.allSatisfy { $0.member.isEmpty } && !plain.groups.isEmpty)
        for table in [KeywordsSection.totalsTable(plain), KeywordsSection.groupTable(plain)] {
            #expect(table.hiddenInReport == ["member"], "\(table.id)")
            #expect(table.columns.map(\.name).contains("member"))
            let xml = String(decoding: try DocBookWriter.render(Report(title: "R", date: "d", sections: [
                Section(id: "s", title: "S", blocks: [.table(table)])])), as: UTF8.self)
            #expect(!xml.contains("Word of the set") && xml.contains(#"<tgroup cols="\#(table.columns.count - 1)">"#), "\(table.id)")
            let csv = String(decoding: try CSVWriter.render(table, options: .init(encoding: .utf8)), as: UTF8.self)
            #expect(csv.hasPrefix(table.columns.map(\.name).joined(separator: ",")), "\(table.id)")
        }
    }

    /// A keyword that occurs but is never a whole word (两在两同 with jieba's dictionary alone) is
    /// named in the keywords section, which says why its word counts are 0; the collocates section
    /// says why each keyword without rows has none.
    @Test func keywordsThatAreNeverWordsAreExplained() throws {
        let (_, corpus, _) = try Self.seed.get()
        let keywords = [KeywordSpec("人才"), KeywordSpec("两在两同"), KeywordSpec("不存在的词")]
        let frequencies = KeywordFrequencies.count(keywords, in: corpus)
        let never = try #require(frequencies.totals.first { $0.keyword == "两在两同" })
        #expect(never.occurrences == 3 && never.tokenMatches == 0)
        let paragraphs = KeywordsSection.section(frequencies).blocks.compactMap { block -> String? in
            if case .paragraph(let text) = block { return text }
            return nil
        }
        #expect(paragraphs.contains { $0.hasPrefix("两在两同 occurs in the text but never as a whole word of the segmented text, so its counts "
                                                   + "as a word are 0, and it is in no co-occurrence unit and has no collocates.") })
        #expect(!paragraphs.contains { $0.contains("人才 occurs") || $0.contains("不存在的词 occurs") })
        let collocates = Collocates.find(keywords, in: corpus)
        #expect(collocates.rows.contains { $0.keyword == "人才" })
        #expect(CollocatesSection.absent(collocates, frequencies: frequencies)
                == " 不存在的词 is found nowhere in the corpus. 两在两同 has no collocates: never a whole word of the segmented text, "
                + "it has no spans to count in (the Problems section says why).")
        // The co-occurrence section tells the two kinds of keyword in no unit apart, from the same counts.
        #expect(frequencies.neverWholeWords == ["两在两同"] && frequencies.foundNowhere == ["不存在的词"])
        let cooccurrence = Cooccurrence.compute(keywords, in: corpus)
        for keyword in ["两在两同", "不存在的词"] {
            #expect(cooccurrence.rows.filter { $0.isKeywordPair && $0.wordA == keyword }.allSatisfy { $0.scores.freqA == 0 })
        }
        #expect(CooccurrenceSection.unitless(frequencies)
                == " 两在两同 is never a whole word of the segmented text (the Problems section says why); 不存在的词 is found nowhere "
                + "in the corpus, so they are in no unit: their rows show 0 and measures that are undefined (NaN), −∞, or the values "
                + "of no co-occurrence at all (NPMI −1, G² 0, Dice 0), which say nothing of how the words go together.")
        #expect(CooccurrenceSection.unitless(KeywordFrequencies.count([KeywordSpec("人才")], in: corpus)) == "")
    }

    /// An article whose header names no author shows `(not named)` in the report's table when
    /// other articles name theirs; documents.csv keeps the cell empty. With no author anywhere,
    /// the cells stay blank.
    @Test func unnamedAuthorsAreSaidSoInTheReport() throws {
        let (ingest, corpus, _) = try Self.seed.get()
        var articles = ingest.articles
        let unnamed = articles.indices.filter { articles.shown("author", at: $0).isEmpty }
        #expect(!unnamed.isEmpty && unnamed.count < articles.count, "the seed's 泰州 essay names no author")
        func render(_ articles: [Article]) throws -> (xml: String, csv: String) {
            let (section, _) = ArticlesSection.section(articles, sentenceCounts: corpus.segments.map { $0.sentenceEnds.count },
                                                       tokenCounts: corpus.segments.map { $0.tokens.count })
            let table = try #require(section.allTables.first)
            let xml = String(decoding: try DocBookWriter.render(Report(title: "R", date: "d", sections: [section])), as: UTF8.self)
            return (xml, String(decoding: try CSVWriter.render(table, options: .init(encoding: .utf8)), as: UTF8.self))
        }
        let (xml, csv) = try render(articles)
        #expect(xml.components(separatedBy: "<entry>(not named)</entry>").count - 1 == unnamed.count)
        #expect(xml.contains("shows (not named)") && !csv.contains("(not named)"))
        let row = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix(articles[unnamed[0]].id + ",") })
        let fields = row.split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields[2].isEmpty)
        // No author anywhere: blank cells, no sentence about them.
        for index in articles.indices {
            articles[index].author = ""
            articles[index].fields["author"] = nil
        }
        let none = try render(articles)
        #expect(!none.xml.contains("(not named)"))
    }

    /// A matrix of many keywords shows the first 30 (2,000 keywords made a report of 140 MB), and
    /// says so; its cells are the matrix's own.
    @Test func matricesOfManyKeywordsShowTheFirstThirty() throws {
        let names = (1...35).map { "词\($0)" }
        let joint = names.indices.map { a in names.indices.map { b in a == b ? 10 + a : (a * b) % 7 } }
        let matrix = CooccurrenceMatrix(scope: "sentence", keywords: names, frequencies: names.indices.map { 10 + $0 }, total: 100,
                                        joint: joint, logDice: joint.map { $0.map { Double($0) / 4 } })
        let table = CooccurrenceSection.matrixTable(matrix)
        let title: String = "Keyword × keyword, sentence scope: joint units (logDice); 100 units "
            + "(the first 30 of the 35 keywords; cooccurrence.csv has every pair)"
        #expect(table.title == title)
        #expect(table.columns.dropFirst(2).map(\.label) == Array(names.prefix(30)))
        #expect(table.rowCount == 30)
        for row in [0, 7, 29] {
            var expected: [Cell] = [.text(names[row]), .integer(10 + row)]
            for column in 0..<30 {
                let count: Int = joint[row][column]
                let score: String = NumberFormat.fixed(Double(count) / 4, 2)
                expected.append(row == column ? .empty : .text("\(count) (\(score))"))
            }
            #expect(table.rows[row] == expected)
        }
        var few = matrix
        few.keywords = Array(names.prefix(3))
        #expect(CooccurrenceSection.matrixTable(few).title == "Keyword × keyword, sentence scope: joint units (logDice); 100 units")
        #expect(CooccurrenceSection.matrixTable(few).columns.count == 5)

        // The keywords per article likewise; keywords.csv has every one.
        let (ingest, _, analysis) = try Self.seed.get()
        var frequencies = analysis.frequencies
        let perArticle = frequencies.perArticle.filter { $0.member.isEmpty }
        let keywordCount = analysis.keywords.count
        // Each article's rows again under 34 more names: 37 keywords per article.
        frequencies.perArticle = stride(from: 0, to: perArticle.count, by: keywordCount).flatMap { start in
            let rows = Array(perArticle[start..<(start + keywordCount)])
            return rows + (1...34).map { number in
                var row = rows[number % keywordCount]
                row.keyword = "词\(number)"
                row.occurrences = number
                return row
            }
        }
        let wide = KeywordsSection.perArticleMatrix(frequencies, articles: ingest.articles)
        #expect(wide.title == "Keyword occurrences per article (the first 30 of the \(keywordCount + 34) keywords; keywords.csv has every one)")
        let extraNames: [String] = (1...(30 - keywordCount)).map { "词\($0)" }
        let expectedLabels: [String] = analysis.keywords.map(\.name) + extraNames
        #expect(wide.columns.dropFirst(4).map(\.label) == expectedLabels)
        let ownCells: [Cell] = perArticle.prefix(keywordCount).map { Cell.integer($0.occurrences) }
        let extraCells: [Cell] = (1...(30 - keywordCount)).map { Cell.integer($0) }
        let firstRow: [Cell] = Array(wide.rows[0].dropFirst(4))
        #expect(firstRow == ownCells + extraCells)
    }

    /// The chart of keywords by group shows at most 8 keywords (one palette colour each: bars have
    /// no dashes to tell a ninth from the first) and 40 groups, each bar the group's rate, and says so.
    @Test func groupChartShowsEightKeywordsAndFortyGroups() throws {
        let (_, _, analysis) = try Self.seed.get()
        var frequencies = analysis.frequencies
        let model = try #require(frequencies.groups.first { $0.member.isEmpty })
        let field = model.level
        frequencies.groups = (1...45).flatMap { group in
            (1...10).map { keyword in
                var row = model
                row.unit = "组\(group)"
                row.keyword = "词\(keyword)"
                row.per10kCharacters = Double(group * 100 + keyword)
                return row
            }
        }
        let figure = try #require(KeywordsSection.groupChart(frequencies))
        #expect(figure.title == "Keywords per 10,000 characters by \(field) (the first 8 of the 10 keywords, the first 40 of the 45 groups)")
        guard case .bar(let chart)? = figure.chart else { Issue.record("no bar chart"); return }
        #expect(chart.series.map(\.name) == (1...8).map { "词\($0)" })
        #expect(chart.categories == (1...40).map { "组\($0)" })
        #expect(chart.series[2].values[6] == 703)
        frequencies.groups = frequencies.groups.filter { Int($0.unit.dropFirst())! <= 3 && Int($0.keyword.dropFirst())! <= 2 }
        #expect(KeywordsSection.groupChart(frequencies)?.title == "Keywords per 10,000 characters by \(field)")
    }

    /// A comparison's keyword tokens, found from the tokens alone, are the whole-word counts of
    /// `KeywordFrequencies` (sets with overlapping words, a word found nowhere), on the whole
    /// seed and on a side of some of its articles.
    @Test func comparedKeywordTokensAreThoseOfTheFrequencies() throws {
        let (_, corpus, analysis) = try Self.seed.get()
        let keywords: [KeywordSpec] = analysis.keywords + [KeywordSpec(name: "重叠", words: ["人才", "干部", "人才", "没有的词"]),
                                                           KeywordSpec("没有的词")]
        for side in [ComparisonSide(label: "all", corpus: corpus), ComparisonSide(label: "some", corpus: corpus, indices: [0, 3, 4, 9])] {
            var expected: [String: Int] = [:]
            for row in KeywordFrequencies.count(keywords, in: side.corpus).totals where row.member.isEmpty {
                expected[row.keyword] = row.tokenMatches
            }
            let found = Comparing.keywordTokens(keywords, in: side.corpus)
            #expect(found == expected, "\(side.label)")
            #expect(found["重叠", default: 0] > found["人才", default: 0] && found["没有的词"] == 0)
        }
    }

    /// Hundreds of keywords found nowhere, or never as a whole word, make a warning of bounded
    /// length: 30 names and how many more; ten "never as a whole word" warnings, then one list.
    @Test func warningsAboutManyKeywordsNameSome() throws {
        let analysis = try Self.seed.get().analysis
        var frequencies = analysis.frequencies
        let template = try #require(frequencies.totals.first { $0.member.isEmpty && $0.occurrences > 0 })
        var keywords: [KeywordSpec] = []
        frequencies.totals = (0..<100).map { number in
            var row = template
            row.keyword = "词\(number)"
            row.occurrences = number < 60 ? 0 : 3
            row.tokenMatches = 0
            keywords.append(KeywordSpec("词\(number)"))
            return row
        }
        let warnings = AnalysisRun.keywordWarnings(frequencies, keywords: keywords, hasSegmenter: true)
        #expect(warnings.count == 1 + 10 + 1)
        let absentNames: String = (0..<30).map { "词\($0)" }.joined(separator: "、")
        let absent: String = "keyword(s) found nowhere in the corpus: " + absentNames + " and 30 more; check their spelling"
        #expect(warnings[0] == absent)
        #expect(warnings[1].hasPrefix("keyword 词60 occurs 3 time(s) but never as a whole word"))
        #expect(warnings[10].hasPrefix("keyword 词69 occurs 3 time(s)"))
        let partNames: String = (70..<100).map { "词\($0)" }.joined(separator: "、")
        let summary: String = "30 more keyword(s) occur but never as a whole word: " + partNames
            + "; keyword_totals.csv has their counts (`token_count` 0)"
        #expect(warnings[11] == summary)
    }

    /// The network's partners of each keyword: the rows of its scope where the keyword is A and
    /// the pair occurs more often than expected, strongest by logDice, at most `perKeyword`.
    @Test func networkPartnersAreTheStrongestOfEachKeyword() throws {
        let analysis = try Self.seed.get().analysis
        let table = analysis.cooccurrence
        let scope = table.rows.first { $0.scope == "sentence" }?.scope ?? table.rows.first?.scope
        let candidates = table.rows.filter { $0.scope == scope && $0.scores.joint > 0 && Double($0.scores.joint) > $0.scores.expected }
        let description = analysis.keywords.map { keyword in
            let partners = candidates.filter { $0.wordA == keyword.name }.sorted { $0.scores.logDice > $1.scores.logDice }.prefix(3).map(\.wordB)
            return "\(keyword.name): " + (partners.isEmpty ? "none" : partners.joined(separator: "、"))
        }.joined(separator: "; ")
        let figure = try #require(CooccurrenceSection.network(table, keywords: analysis.keywords, perKeyword: 3))
        #expect(figure.description == "Network: " + description + ". A circle's area grows with the sentences that hold its word; a line's "
                + "width with the pair's logDice, from the weakest line shown (thinnest) to the strongest.")
        #expect(description.split(separator: "、").count > 3)
    }
}
