import Foundation
import Testing
@testable import Ingest

/// A news dateline's day without a year (`新华社北京3月5日电`) is dated by the year of the file's path.
@Suite struct PathDateTests {
    @Test func datesInPaths() {
        let cases: [(String, PathDate?)] = [
            ("rmrb/2023/03/06/01.txt", PathDate(year: 2023, month: 3, day: 6)),
            ("rmrb/2023/3/6/01.txt", PathDate(year: 2023, month: 3, day: 6)),
            // Across folders, month and day are folders' whole names: not a numbered file or a page folder.
            ("news/2023/1.txt", PathDate(year: 2023)),
            ("news/2023/01/a.txt", PathDate(year: 2023, month: 1)),
            ("news/2023/03/2.txt", PathDate(year: 2023, month: 3)),
            ("news/2023/03/06.txt", PathDate(year: 2023, month: 3)),
            ("rmrb/2023/03/01版/a.txt", PathDate(year: 2023, month: 3)),
            ("news/rmrb_20230306.txt", PathDate(year: 2023, month: 3, day: 6)),
            ("news/人民日报20230306第4版.txt", PathDate(year: 2023, month: 3, day: 6)),
            ("news/2023-03-06 要闻.txt", PathDate(year: 2023, month: 3, day: 6)),
            ("news/2023.03.06.txt", PathDate(year: 2023, month: 3, day: 6)),
            ("新闻/2021年3月5日.txt", PathDate(year: 2021, month: 3, day: 5)),
            ("新闻/２０２１年３月.txt", PathDate(year: 2021, month: 3)),
            ("2022-11/a.txt", PathDate(year: 2022, month: 11)),
            ("2022_11_report.txt", PathDate(year: 2022, month: 11)),
            ("新闻2021年/0042.txt", PathDate(year: 2021)),
            ("archive/2019/report.txt", PathDate(year: 2019)),
            ("archive/news-2019/report.txt", PathDate(year: 2019)),
            // The most precise date wins; of equally precise ones, the one nearest the file.
            ("2019/2023-03-06.txt", PathDate(year: 2023, month: 3, day: 6)),
            ("2023-03-06/2019年综述.txt", PathDate(year: 2023, month: 3, day: 6)),
            ("rmrb/2023/03/06/2022年经济数据发布.txt", PathDate(year: 2023, month: 3, day: 6)),
            ("news_20230306_1930/a.txt", PathDate(year: 2023, month: 3, day: 6)),
            ("rmrb/2023/03/06/1999/a.txt", PathDate(year: 2023, month: 3, day: 6)),
            ("2019/2020/a.txt", PathDate(year: 2020)),
            ("2021-05/2022-06/a.txt", PathDate(year: 2022, month: 6)),
            // A day that does not exist leaves its month.
            ("x/2023-02-30.txt", PathDate(year: 2023, month: 2)),
            // No dates: numbered files, a year in a file's title, hashes, versions, a year glued to
            // letters, years out of range, month 00.
            ("news/2023.txt", nil),
            ("news/回顾2023年.txt", nil),
            ("news/回望1978年的春天.txt", nil),
            ("x/20230015.txt", nil),
            ("x/2023-00.txt", nil),
            ("x/2023/00/05/a.txt", PathDate(year: 2023)),
            ("news/0042.txt", nil),
            ("../shared/corpus/seed/000_456eef7012d4fdcb.txt", nil),
            ("x/4fdcb20211103ab.txt", nil),
            ("x/v2023.1/a.txt", nil),
            ("x/rmrb2019/a.txt", nil),
            ("x/2023.1.txt", nil),
            ("x/1850/a.txt", nil),
            ("x/2099/a.txt", nil),
            ("x/20231399.txt", nil),
            ("x/202303061/a.txt", nil),
        ]
        for (path, expected) in cases {
            #expect(PathDate.find(in: path, latestYear: 2027) == expected, "\(path)")
        }
    }

    @Test func theDaysYear() {
        let march6 = PathDate(year: 2023, month: 3, day: 6)
        #expect(march6.date(of: "--03-05") == "2023-03-05")
        #expect(march6.date(of: "--03-10") == "2023-03-10")   // up to 7 days after the path's day
        #expect(march6.date(of: "--03-20") == "2022-03-20")
        #expect(PathDate(year: 2023, month: 1, day: 2).date(of: "--12-31") == "2022-12-31")
        // A month counts as its last day.
        #expect(PathDate(year: 2023, month: 12).date(of: "--12-31") == "2023-12-31")
        #expect(PathDate(year: 2023, month: 12).date(of: "--01-05") == "2024-01-05")
        #expect(PathDate(year: 2023, month: 11).date(of: "--12-05") == "2023-12-05")
        #expect(PathDate(year: 2023, month: 11).date(of: "--12-10") == "2022-12-10")
        // A year alone is the year; 29 February only in a leap year.
        #expect(PathDate(year: 2023).date(of: "--12-31") == "2023-12-31")
        #expect(PathDate(year: 2024).date(of: "--02-29") == "2024-02-29")
        #expect(PathDate(year: 2023).date(of: "--02-29") == nil)
        #expect(PathDate(year: 2023).date(of: "03-05") == nil)
    }

    /// The rule checked against Foundation's calendar on random days: the latest of the three
    /// years around the path's that is at most 7 days after it.
    @Test func theDaysYearAgreesWithTheCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let year = Int.random(in: 1950...2030, using: &generator), month = Int.random(in: 1...12, using: &generator)
            let withDay = Bool.random(using: &generator)
            let first = try #require(calendar.date(from: DateComponents(year: year, month: month)))
            let range = try #require(calendar.range(of: .day, in: .month, for: first))
            let day = withDay ? Int.random(in: range, using: &generator) : 0
            let wantedMonth = Int.random(in: 1...12, using: &generator), wantedDay = Int.random(in: 1...31, using: &generator)
            let reference = try #require(calendar.date(from: DateComponents(year: year, month: month, day: withDay ? day : range.upperBound - 1)))
            let limit = try #require(calendar.date(byAdding: .day, value: 7, to: reference))
            let expected = [year + 1, year, year - 1].compactMap { candidate -> Date? in
                let components = DateComponents(year: candidate, month: wantedMonth, day: wantedDay)
                guard components.isValidDate(in: calendar), let date = calendar.date(from: components), date <= limit else { return nil }
                return date
            }.first
            let text = expected.map { date -> String in
                let parts = calendar.dateComponents([.year, .month, .day], from: date)
                return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            }
            let monthDay = String(format: "--%02d-%02d", wantedMonth, wantedDay)
            #expect(PathDate(year: year, month: month, day: day).date(of: monthDay) == text, "\(year)-\(month)-\(day) \(monthDay)")
        }
    }

    static let reports = """
        习近平主持召开中央全面深化改革委员会会议

        新华社北京3月5日电（记者 张三、李四）中共中央总书记、国家主席习近平3月5日下午主持召开会议。

        江苏加快推进人才强省建设

        本报南京2021年3月1日电 记者 王五 江苏省委组织部近日召开会议，部署人才工作。

        全省春耕生产有序推进

        本报南京2月29日电 记者 赵六 连日来，全省各地抢抓农时。

        """

    /// Split, a dateline's day is kept without a date; dated by a dated path, it gets the path's
    /// year; a dateline with its year keeps it; 29 February only in a leap year; under a path
    /// without a date, no date.
    @Test func datelinesAreDatedByThePath() {
        func read(_ path: String) -> [Article] {
            var articles = ArticleSplitter.split(LayoutTests.document(Self.reports, path: path), layout: .paragraphs)
            PathDate.date(&articles, byPath: path)
            return articles
        }
        let split = ArticleSplitter.split(LayoutTests.document(Self.reports, path: "rmrb/2024/03/06/要闻.txt"), layout: .paragraphs)
        #expect(split.map(\.date) == ["", "2021-03-01", ""] && split.map(\.monthDay) == ["--03-05", "", "--02-29"])
        let dated = read("rmrb/2024/03/06/要闻.txt")
        #expect(dated.map(\.date) == ["2024-03-05", "2021-03-01", "2024-02-29"])
        #expect(dated.map(\.monthDay) == ["--03-05", "", "--02-29"])
        let odd = read("rmrb/2023年/要闻.txt")
        #expect(odd.map(\.date) == ["2023-03-05", "2021-03-01", ""])
        let undated = read("news/要闻.txt")
        #expect(undated.map(\.date) == ["", "2021-03-01", ""] && undated.map(\.monthDay) == ["--03-05", "", "--02-29"])
        // The day's year is no date read from the text: a sidecar's year comes first.
        var article = undated[0]
        article.fields = ["year": "2022"]
        #expect(article.shown("date") == "2022-03-05" && article.field("month") == "2022-03")
        var inDated = dated[0]
        inDated.fields = ["year": "2022"]
        #expect(inDated.shown("date") == "2022-03-05")
        // A sidecar's `(none)` (kept as an empty value) leaves no date; a year without the day, the year.
        inDated.fields = ["year": ""]
        #expect(inDated.shown("date") == "")
        var leap = dated[2]
        leap.fields = ["year": "2023"]
        #expect(leap.shown("date") == "2023")
        inDated.fields = ["date": "2022-01-01", "year": "2022"]
        #expect(inDated.shown("date") == "2022-01-01")
        // Without a day of its own, a sidecar's year dates to the year, as before.
        var plain = undated[1]
        plain.date = ""
        plain.fields = ["year": "2022"]
        #expect(plain.shown("date") == "2022")
    }

    /// The part of a path that may date it: the input's root as written (a folder, a file's
    /// folder, a pattern's folder without wildcards) and the path below it, as the resolver found
    /// it; not the folders above a relative input.
    @Test func onlyTheInputAndWhatIsBelowItDates() throws {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("cipin-pathdate-\(UUID().uuidString)/2019备份")
        defer { try? FileManager.default.removeItem(at: top.deletingLastPathComponent()) }
        let base = top.appendingPathComponent("p")
        let files = ["p/in/2023/03/06/a.txt", "shared/x/b.txt", "p/corpus/2019/c.txt", "p/one/file.txt", "abs/2022/d.txt"]
        for file in files {
            let url = top.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("标题\n正文。\n".utf8).write(to: url)
        }
        let absolute = top.appendingPathComponent("abs").path
        var leftOut: [String] = [], parts: [String: String] = [:]
        let paths = try InputResolver.resolve(["in/", "../shared/x", "corpus/**/*.txt", "one/file.txt", absolute], base: base,
                                              extensions: ["txt"], leftOut: &leftOut, datingParts: &parts)
        #expect(paths.count == 5 && Set(parts.keys) == Set(paths))
        let byName = Dictionary(uniqueKeysWithValues: paths.map { (($0 as NSString).lastPathComponent, parts[$0]!) })
        #expect(byName == ["a.txt": "in/2023/03/06/a.txt", "b.txt": "../shared/x/b.txt", "c.txt": "corpus/2019/c.txt",
                           "file.txt": "one/file.txt", "d.txt": absolute + "/2022/d.txt"])
        #expect(PathDate.find(in: byName["b.txt"]!) == nil && PathDate.find(in: byName["c.txt"]!) == PathDate(year: 2019))
    }

    /// Read through `Ingestor`, a dateline's day is dated by the input's path below the pipeline's
    /// folder, not by the folders above it; a file taken from the run store is dated by its path
    /// of the day, not the stored copy's.
    @Test func storedArticlesAreDatedByTheirPathOfTheDay() throws {
        // A folder above the inputs named by a year, which dates nothing.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cipin-pathdate-\(UUID().uuidString)/2019")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let first = folder.appendingPathComponent("2023/03/06/要闻.txt"), second = folder.appendingPathComponent("2024年/要闻.txt")
        let plain = folder.appendingPathComponent("语料/要闻.txt")
        for file in [first, second, plain] {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(Self.reports.utf8).write(to: file)
        }
        let stored = try Ingestor.ingest(["2023"], relativeTo: folder).articles
        #expect(stored.map(\.date) == ["2023-03-05", "2021-03-01", ""])
        #expect(try Ingestor.ingest(["语料"], relativeTo: folder).articles.map(\.date) == ["", "2021-03-01", ""])
        // A file input named by a symbolic link is dated by the link's path, as named.
        let link = folder.appendingPathComponent("links/2022-12-30.txt")
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: plain)
        #expect(try Ingestor.ingest(["links/2022-12-30.txt"], relativeTo: folder).articles.map(\.date) == ["2022-03-05", "2021-03-01", ""])
        let reuse: @Sendable (String, String) -> (articles: [Article], encoding: String, notes: [LineNote])? = { _, _ in
            (stored, "UTF-8", [])
        }
        let again = try Ingestor.ingest(["2024年"], relativeTo: folder, reuse: reuse)
        #expect(again.files.map(\.reused) == [true])
        #expect(again.articles.map(\.date) == ["2024-03-05", "2021-03-01", "2024-02-29"])
        let moved = try Ingestor.ingest(["语料"], relativeTo: folder, reuse: reuse)
        #expect(moved.files.map(\.reused) == [true] && moved.articles.map(\.date) == ["", "2021-03-01", ""])
    }
}
