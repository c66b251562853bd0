import Foundation
import Testing
@testable import Ingest

/// Ingest on the real government documents of `../shared/bench` (one document per file: the title,
/// a blank line, one paragraph per line).
@Suite struct BenchTests {
    static let bench = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/bench")

    static func files(in folder: String) throws -> [String] {
        let path = bench.appendingPathComponent(folder).path
        return try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".txt") }.sorted()
            .map { path + "/" + $0 }
    }

    static func allFiles() throws -> [String] {
        try ["cpc_congress_reports", "gov_work_reports", "provincial_gov_reports_2025"].flatMap(files(in:))
    }

    /// The non-blank lines of a file, trimmed, with their 1-based line numbers.
    static func sourceLines(of path: String) throws -> [(number: Int, text: String)] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.components(separatedBy: "\n").enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : (index + 1, trimmed)
        }
    }

    /// Every line of the bench that holds only a number (a subscript as in 广义货币M₂ or PM10, or a
    /// note mark) is kept in paragraph layout, between the lines it stood between.
    @Test func linesHoldingOnlyANumberAreKept() throws {
        var found = 0
        for path in try Self.allFiles() {
            let lines = try Self.sourceLines(of: path)
            let numbers = lines.indices.filter { index in
                index > 0 && index + 1 < lines.count && lines[index].text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("０"..."９").contains($0) }
            }
            guard !numbers.isEmpty else { continue }
            for layout in [LineLayout.paragraphs, .auto] {
                let articles = try Ingestor.ingest([path], relativeTo: Self.bench, options: IngestOptions(layout: layout)).articles
                #expect(articles.count == 1, "\(path)")
                let paragraphs = articles.flatMap(\.paragraphs)
                for index in numbers {
                    let around = [lines[index - 1].text, lines[index].text, lines[index + 1].text]
                    let kept = paragraphs.indices.dropLast(2).contains { Array(paragraphs[$0...($0 + 2)]) == around }
                    #expect(kept, "\(path):\(lines[index].number): \(around)")
                }
            }
            found += numbers.count
        }
        #expect(found >= 12)
    }

    @Test func broadMoneyM2() throws {
        let path = try #require(try Self.files(in: "gov_work_reports").first { $0.contains("/2019_011_") })
        let body = try Ingestor.ingest([path], relativeTo: Self.bench).articles[0].body
        #expect(body.contains("稳健的货币政策要松紧适度。广义货币M\n2\n和社会融资规模"))
    }

    /// The NPC resolutions print their title twice (some with a line of zero-width spaces between):
    /// one article per file, titled by the title line, with nothing invisible left in any text.
    @Test func oneArticlePerGovernmentDocument() throws {
        for folder in ["gov_work_reports", "provincial_gov_reports_2025"] {
            let files = try Self.files(in: folder)
            let result = try Ingestor.ingest([Self.bench.appendingPathComponent(folder).path], relativeTo: Self.bench)
            #expect(result.articles.count == files.count, "\(folder)")
            #expect(result.articles.map { ($0.sourcePath as NSString).lastPathComponent } == files.map { ($0 as NSString).lastPathComponent })
            for article in result.articles {
                #expect(article.startLine == 1)
                #expect(article.titleIsFileName == nil, "\(article.sourcePath)")
                let title = try #require(try Self.sourceLines(of: article.sourcePath).first).text
                #expect(article.title == title)
                #expect(!(article.paragraphs + [article.title]).joined().unicodeScalars.contains { TextScalar.isInvisible($0) })
                #expect(article.paragraphs.first != article.title, "\(article.sourcePath)")
            }
        }
    }
}
