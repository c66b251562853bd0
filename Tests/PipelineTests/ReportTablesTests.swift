import Foundation
import Testing
import Analysis
import Ingest
@testable import Pipeline
@testable import Reporting

/// The report's tables over the seed corpus: the sections that read every article give what the
/// plain ways of reading them give.
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
        let authors = Set(articles.map { $0.shown("author") }.filter { !$0.isEmpty })
        let regions = Set(articles.map { $0.shown("region") }.filter { !$0.isEmpty })
        facts.append("\(authors.count) named author(s) and \(regions.count) region(s).")
        #expect(dates.count > 1 && dates.first != dates.last && authors.count > 1)
        #expect(OverviewSection.section(ingest).blocks.first == .itemizedList(facts))
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
}
