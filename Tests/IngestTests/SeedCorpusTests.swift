import Foundation
import Testing
@testable import Ingest

/// The seed corpus as the issue describes it: 11 essays, text extracted from a PDF.
@Suite struct SeedCorpusTests {
    static let expected: [(title: String, author: String, position: String, region: String, date: String)] = [
        ("集聚引领县域跨越发展的精锐之师", "张贤永", "宿迁市宿豫区委常委、组织部部长", "宿迁市宿豫区", "2021-11-11"),
        ("精准发力促担当", "孙红", "建湖县委常委、组织部部长、开发区党工委书记", "建湖县", "2021-10-27"),
        ("开启新征程 答好组工卷", "葛玉海", "淮安经开区党工委委员、党群工作部部长", "淮安经开区", "2021-11-16"),
        ("扣牢基层党建“第一粒扣子”", "张行", "宿迁市委党建办副主任", "宿迁市", "2021-11-12"),
        ("抢占未来“智”高点", "杨帆", "苏州工业园区党工委委员、组织部部长", "苏州工业园区", "2021-10-28"),
        ("全方位打造人才创新高地", "许小波", "常州市天宁区委书记", "常州市天宁区", "2021-10-21"),
        ("为高质量发展提供坚强人才支撑", "方华", "无锡市梁溪区委常委、组织部部长", "无锡市梁溪区", "2021-11-01"),
        ("以实干担当谱写时代荣光", "施骁毅", "南通市通州区委常委、组织部部长、统战部部长", "南通市通州区", "2021-11-10"),
        ("用好新时代组织工作“总规范”", "王星", "金湖县委常委、组织部部长", "金湖县", "2021-10-25"),
        ("争当《条例》执行的表率", "孙以东", "涟水县委常委、组织部部长", "涟水县", "2021-11-03"),
        ("争做堪当重任的好干部", "", "泰州市委常委、组织部部长", "泰州市", "2021-11-09"),
    ]

    static func articles() throws -> [Article] {
        try Ingestor.ingest([Fixtures.seedFile.path], relativeTo: Fixtures.repository).articles
    }

    @Test func elevenArticlesWithTheirMetadata() throws {
        let articles = try Self.articles()
        #expect(articles.count == 11)
        for (article, expected) in zip(articles, Self.expected) {
            #expect(article.title == expected.title)
            #expect(article.author == expected.author)
            #expect(article.position == expected.position)
            #expect(article.region == expected.region)
            #expect(article.date == expected.date)
        }
    }

    @Test func idsAreStableAndUnique() throws {
        let first = try Self.articles().map(\.id)
        let second = try Self.articles().map(\.id)
        #expect(first == second)
        #expect(Set(first).count == 11)
        // The id is the file's SHA-256 prefix, computed here independently with sha256sum.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [Fixtures.seedFile.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(first[0] == String(output.prefix(12)) + "-01")
    }

    /// 人才 occurs 153 times in the repaired bodies; a line-by-line count finds fewer because
    /// some occurrences are broken across lines.
    @Test func talentCountOverRepairedBodies() throws {
        let articles = try Self.articles()
        let ours = articles.reduce(0) { $0 + $1.body.components(separatedBy: "人才").count - 1 }
        let titles = Self.expected.map(\.title)
        let script = """
            import sys, json
            lines = [l.strip() for l in open(sys.argv[1], encoding='utf-8')]
            lines = [l for l in lines if l and not l.isdigit()]
            titles = json.loads(sys.argv[2])
            joined = ''.join(lines)
            by_line = sum(l.count('人才') for l in lines) - sum(t.count('人才') for t in titles)
            print(joined.count('人才') - sum(t.count('人才') for t in titles), by_line)
            """
        let json = String(decoding: try JSONEncoder().encode(titles), as: UTF8.self)
        let output = try Fixtures.python(script, arguments: [Fixtures.seedFile.path, json])
        let numbers = output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        #expect(numbers.count == 2)
        #expect(ours == 153)
        #expect(numbers.first == ours)
        #expect(numbers.last! < ours)
    }

    @Test func bodiesExcludeHeadersAndPageNumbers() throws {
        let articles = try Self.articles()
        for article in articles {
            #expect(article.paragraphs.first != article.title)
            #expect(!article.body.contains(article.byline))
            #expect(!article.body.contains("2021年 "))
            #expect(!article.paragraphs.contains("30"))
            #expect(!article.body.contains(" "))
        }
        #expect(articles[3].paragraphs.count == 5)
        #expect(articles[3].paragraphs[2].hasPrefix("切口要小。项目不同于工程，是工程的一个个具体组成；也不同于战略"))
    }
}
