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

    /// `DateLine.isFieldLine`'s cheap first test (the line's first character) changes no answer of
    /// the full scan: on the bench's short lines, the first 20 characters of every fifth line, and
    /// lines of fields and page controls.
    @Test func fieldLinesTestedCheaplyAreTheSame() throws {
        var lines = ["来源：泰州日报", "作者：张三 责任编辑：李四", "【打印】【关闭】", "打印本页 关闭窗口", "分享到：", "字号：大 中 小", "[来源：新华网]",
                     "浏览次数：356", "我要纠错", "收藏 分享", "返回顶部"]
        for path in try Self.allFiles() {
            for (index, line) in try Self.sourceLines(of: path).enumerated() {
                if index % 5 == 0 { lines.append(String(line.text.prefix(20))) }
                if line.text.unicodeScalars.count <= 80 { lines.append(line.text) }
            }
        }
        var fields = 0
        for line in lines {
            let scanned = line.unicodeScalars.count <= 80 && DateLine.scanInformation(line).map { $0.reading == nil && $0.pageField } == true
            #expect(DateLine.isFieldLine(line) == scanned, "\(line)")
            if scanned { fields += 1 }
        }
        #expect(lines.count > 8_000 && fields >= 30, "\(lines.count) lines, \(fields) fields")
    }

    /// Every line of the bench that holds only a number (a subscript as in 广义货币M₂ or PM10, or a
    /// note mark) is kept in paragraph layout, between the lines it stood between (joined with them
    /// where blank lines separate the paragraphs: the subscript is inside one).
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
                // The text with white space and paragraph ends left out: the three lines follow one another in it.
                let text = String(articles.flatMap(\.paragraphs).joined().unicodeScalars.filter { !$0.properties.isWhitespace })
                for index in numbers {
                    let around = [lines[index - 1].text, lines[index].text, lines[index + 1].text]
                    let kept = text.contains(String(around.joined().unicodeScalars.filter { !$0.properties.isWhitespace }))
                    #expect(kept, "\(path):\(lines[index].number): \(around)")
                }
            }
            found += numbers.count
        }
        #expect(found >= 12)
    }

    /// No paragraph of the bench starts with closing punctuation or ends with an opening bracket,
    /// quotation mark or comma: a line break inside a sentence is none (1,286 did before).
    @Test func noParagraphStartsOrEndsInsideASentence() throws {
        let closing = Set("。，、；：？！）》〉」』”’】〕］".unicodeScalars), opening = Set("“‘「『（《〈【〔［，、".unicodeScalars)
        let articles = try Ingestor.ingest(try Self.allFiles(), relativeTo: Self.bench).articles
        let paragraphs = articles.flatMap(\.paragraphs)
        #expect(paragraphs.count > 10_000)
        let broken = paragraphs.filter { closing.contains($0.unicodeScalars.first!) || opening.contains($0.unicodeScalars.last!) }
        #expect(broken.isEmpty, "\(broken.prefix(5))")
    }

    @Test func broadMoneyM2() throws {
        let path = try #require(try Self.files(in: "gov_work_reports").first { $0.contains("/2019_011_") })
        let body = try Ingestor.ingest([path], relativeTo: Self.bench).articles[0].body
        // Blank lines separate the file's paragraphs: the subscript's line is inside one.
        #expect(body.contains("稳健的货币政策要松紧适度。广义货币M 2和社会融资规模"))
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

    /// The bench's reports that name their speaker without brackets under the title (14 provincial
    /// reports, `省长 王予波`; 5 national ones on two lines, `国务院总理` / `李克强`) have the speaker as
    /// author and position, and the line is no paragraph any more; no other report gets an author.
    @Test func speakersOfTheReports() throws {
        var authors: [String: String] = [:]
        for folder in ["gov_work_reports", "provincial_gov_reports_2025"] {
            for article in try Ingestor.ingest([Self.bench.appendingPathComponent(folder).path], relativeTo: Self.bench).articles where !article.author.isEmpty {
                authors[(article.sourcePath as NSString).lastPathComponent] = article.position + " " + article.author
                #expect(!article.paragraphs.prefix(6).contains { $0.replacingOccurrences(of: " ", with: "").hasSuffix(article.author) }, "\(article.sourcePath)")
            }
        }
        // 12 more name their speaker in the date line (`…会议上省长许昆林作政府工作报告。`, `龚正市长在…`).
        #expect(authors.count == 36)
        #expect(authors["2025年江苏省政府工作报告.txt"] == "省长 许昆林")
        #expect(authors["2025年北京市政府工作报告.txt"] == "北京市市长 殷勇")
        #expect(authors["2025年上海市政府工作报告.txt"] == "市长 龚正")
        #expect(authors["2025年内蒙古自治区政府工作报告.txt"] == "自治区人民政府主席 王莉霞")
        #expect(authors["2025年安徽省政府工作报告.txt"] == "安徽省人民政府省长 王清宪")
        #expect(authors["2025年辽宁省政府工作报告.txt"] == "省长 李乐成")
        #expect(authors["2025年云南省政府工作报告.txt"] == "省长 王予波")
        #expect(authors["2025年四川省政府工作报告.txt"] == "四川省人民政府省长 施小琳")
        #expect(authors["2025年新疆政府工作报告.txt"] == "自治区主席 艾尔肯·吐尼亚孜")
        #expect(authors["2025年青海省政府工作报告.txt"] == "代省长 罗东川")
        #expect(authors.filter { $0.key.contains("国务院") }.values.sorted() == ["国务院总理 李克强", "国务院总理 李克强", "国务院总理 李克强", "国务院总理 李克强", "国务院总理 李强"])
    }

    /// Every provincial report has its province as region: from the byline's place names, or from
    /// the congress its date line names (`在云南省第十四届人民代表大会…`) when the byline names none
    /// (`省长 王予波`); before, 24 of the 31 had no region. The national reports have none.
    @Test func regionsOfTheReports() throws {
        let provincial = try Ingestor.ingest([Self.bench.appendingPathComponent("provincial_gov_reports_2025").path], relativeTo: Self.bench).articles
        #expect(provincial.count == 31)
        for article in provincial {
            // The title names the province, perhaps by its short name (`2025年广西政府工作报告`).
            let name = article.title.dropFirst(5).prefix(2)
            #expect(article.region.hasPrefix(name), "\(article.title): \(article.region)")
        }
        let regions = Dictionary(uniqueKeysWithValues: provincial.map { ($0.title, $0.region) })
        #expect(regions["2025年广西政府工作报告"] == "广西壮族自治区" && regions["2025年云南省政府工作报告"] == "云南省")
        #expect(regions["2025年黑龙江省政府工作报告"] == "黑龙江省" && regions["2025年内蒙古自治区政府工作报告"] == "内蒙古自治区")
        let national = try Ingestor.ingest([Self.bench.appendingPathComponent("gov_work_reports").path], relativeTo: Self.bench).articles
        #expect(national.allSatisfy { $0.region.isEmpty })
    }

    /// The party congress reports are one article each. The 11th congress's quotes Mao around an
    /// editor's note, `毛主席说：“` / `她` / `（指江青）` / `算上海帮呢！…`: a title-like line after one
    /// that opens a quotation goes on inside it, so `她` is no title and 指江青 no author of 92% of it.
    @Test func oneArticlePerCongressReport() throws {
        let files = try Self.files(in: "cpc_congress_reports")
        let articles = try Ingestor.ingest([Self.bench.appendingPathComponent("cpc_congress_reports").path], relativeTo: Self.bench).articles
        #expect(articles.count == files.count)
        #expect(!articles.contains { $0.author == "指江青" || $0.title == "她" })
        let eleventh = try #require(articles.first { $0.sourcePath.contains("/11_006_") })
        // One paragraph per line (the file's layout), but the opened quotation goes on: the four lines in their order.
        let at = try #require(eleventh.paragraphs.firstIndex { $0.hasSuffix("毛主席说：“她") && $0.contains("上海帮") })
        #expect(Array(eleventh.paragraphs[(at + 1)...(at + 2)].map { String($0.prefix(5)) }) == ["（指江青）", "算上海帮呢"])
        // The same lines as a document of their own: one article, the quotation whole.
        let document = Document(path: "/q.txt", contentHash: "0", byteCount: 0, encoding: .utf8,
                                text: "标题\n毛主席批评了“上海帮”，毛主席说：“\n她\n（指江青）\n算上海帮呢！你们要注意呢。\n")
        let split = ArticleSplitter.split(document, layout: .paragraphs)
        #expect(split.count == 1 && split.allSatisfy { $0.author.isEmpty })
    }

    /// Of the bench, the 1954 government work report and Chen Duxiu's report to the 3rd congress
    /// are in Traditional characters, and only they get the note that says so; a Simplified text
    /// quoting a few Traditional characters gets none.
    @Test func traditionalArticlesAreNoted() throws {
        let result = try Ingestor.ingest([Self.bench.path], relativeTo: Self.bench)
        let noted = result.warnings.filter { $0.contains("is written in Traditional characters") }
        #expect(noted.count == 2)
        #expect(noted.contains { $0.contains("/1954_071_") && $0.contains("國 ×501") })
        #expect(noted.contains { $0.contains("/3_002_") })
        // Counted independently: the Traditional forms of the list outnumber the Simplified ones
        // in exactly these two files.
        for path in try Self.allFiles() {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let traditional = text.unicodeScalars.filter { scalar in TraditionalScript.pairs.contains { $0.traditional == scalar } }.count
            let simplified = text.unicodeScalars.filter { scalar in TraditionalScript.pairs.contains { $0.simplified == scalar } }.count
            #expect((traditional > simplified && traditional >= 20) == (path.contains("/1954_071_") || path.contains("/3_002_")), "\(path)")
        }
        let quoting = Article(id: "a-01", sourcePath: "/a.txt", indexInFile: 0, startLine: 1, title: "题",
                              paragraphs: [String(repeating: "我们国家的发展和经济建设，", count: 10) + "台湾写作「國家」。"])
        #expect(TraditionalScript.note(for: quoting) == nil)
    }

    /// The year or date metadata.jsonl gives a file, or `nil`.
    static func metadataYear(folder: String) throws -> [String: String] {
        let text = try String(contentsOf: bench.appendingPathComponent(folder + "/metadata.jsonl"), encoding: .utf8)
        var years: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let path = try #require(object["path"] as? String)
            if let date = object["date"] as? String { years[path] = String(date.prefix(4)) }
            else if let year = object["year"] as? String { years[path] = year }
            else if let year = object["year"] as? Int { years[path] = String(year) }
        }
        return years
    }

    /// The date a file states near its title, found here independently: the first of its first
    /// eight lines that starts (after dashes or a bracket) with a full date in Arabic digits.
    static func statedDate(of path: String) throws -> String? {
        let pattern = #/^[-—（(]*\s*(\d{4})年(\d{1,2})月(\d{1,2})日/#
        for line in try sourceLines(of: path).prefix(8) {
            if let match = line.text.firstMatch(of: pattern) {
                return "\(match.1)-\(match.2.count == 1 ? "0" : "")\(match.2)-\(match.3.count == 1 ? "0" : "")\(match.3)"
            }
        }
        return nil
    }

    /// Every bench document that states its date near its title (the meeting line of a report, the
    /// adoption line of a resolution, a date in brackets) gets that date, and no other document
    /// gets one; where metadata.jsonl gives a year, the date is in it.
    @Test func datesOfTheBenchDocuments() throws {
        var dated = 0
        for folder in ["cpc_congress_reports", "gov_work_reports", "provincial_gov_reports_2025"] {
            let years = try Self.metadataYear(folder: folder)
            let result = try Ingestor.ingest([Self.bench.appendingPathComponent(folder).path], relativeTo: Self.bench)
            for file in try Self.files(in: folder) {
                let name = (file as NSString).lastPathComponent
                let articles = result.articles.filter { ($0.sourcePath as NSString).lastPathComponent == name }
                let expected = try Self.statedDate(of: file)
                #expect(articles.first?.date == expected ?? "", "\(name)")
                #expect(articles.dropFirst().allSatisfy { $0.date.isEmpty }, "\(name)")
                if let expected, let year = years[name] { #expect(expected.hasPrefix(year), "\(name)") }
                if expected != nil { dated += 1 }
            }
        }
        #expect(dated == 43)
        let resolution = try #require(try Self.files(in: "gov_work_reports").first { $0.contains("/x_005_") })
        let article = try #require(try Ingestor.ingest([resolution], relativeTo: Self.bench).articles.first)
        #expect(article.date == "2023-03-13" && article.position.isEmpty && article.byline.isEmpty)
        #expect(article.paragraphs.first == "（2023年3月13日第十四届全国人民代表大会第一次会议通过）")
    }

    /// No line of the real documents or of the seed reads as an impossible date.
    @Test func noImpossibleDatesInTheRealDocuments() throws {
        let inputs = ["cpc_congress_reports", "gov_work_reports", "provincial_gov_reports_2025"].map { Self.bench.appendingPathComponent($0).path }
        for layout in [LineLayout.auto, .paragraphs, .wrapped] {
            let result = try Ingestor.ingest(inputs + [Fixtures.seedFile.path], relativeTo: Self.bench, options: IngestOptions(layout: layout))
            let dates = result.warnings.filter { !$0.contains("is written in Traditional characters") }
            #expect(dates.isEmpty, "\(layout): \(dates)")
        }
    }
}
