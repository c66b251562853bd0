import Foundation
import Testing
@testable import Ingest

/// Running heads and feet: the lines a printed page repeats at its top or bottom, which text
/// extracted from a PDF keeps at every page break.
@Suite struct RunningHeadTests {
    /// The printed width of a character as `SourceLine` measures it.
    static func width(_ character: Character) -> Double {
        character.isASCII || "“”‘’".contains(character) ? 0.5 : 1
    }

    /// A paragraph hard-wrapped at `width` em with a 2-em full-width indent, never breaking before
    /// closing punctuation.
    static func wrap(_ paragraph: String, width: Double = 30) -> [String] {
        var lines: [String] = []
        var line = "\u{3000}\u{3000}"
        var used = 2.0
        for character in paragraph {
            let next = Self.width(character)
            // No break before closing punctuation, nor inside a number or a Latin word.
            if used + next > width, !line.isEmpty, !"，。、；：？！）》”’%".contains(character),
               !(character.isASCII && character.isLetter || character.isNumber) || !(line.last.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false) {
                lines.append(line)
                line = ""
                used = 0
            }
            line.append(character)
            used += next
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// What surrounds the text of a printed page.
    struct Furniture {
        /// Form feeds between pages, as `pdftotext` writes them.
        var formFeeds = true
        /// The running head of page `number` in the article titled `title`, or nil.
        var head: ((_ number: Int, _ title: String) -> String)? = nil
        /// The running foot of page `number`, or nil.
        var foot: ((_ number: Int) -> String)? = nil
    }

    /// Articles printed as a journal prints them, as text extracted from the PDF: each article
    /// starts a page, with no running head; other pages start with the head; every page ends with
    /// the foot; `pageLines` lines of text a page.
    static func printed(_ articles: [Article], furniture: Furniture, pageLines: Int = 16) -> String {
        var out: [String] = []
        var page = 30
        for article in articles {
            let date = article.date.split(separator: "-").map { Int($0)! }
            var lines = [article.title, "（\(article.byline)）", "\(date[0])年 \(date[1])月 \(date[2])日"]
            lines += article.paragraphs.flatMap { wrap($0) }
            for (index, start) in stride(from: 0, to: lines.count, by: pageLines).enumerated() {
                var pageText = Array(lines[start..<min(lines.count, start + pageLines)])
                if index > 0, let head = furniture.head { pageText.insert(head(page, article.title), at: 0) }
                if let foot = furniture.foot { pageText.append(foot(page)) }
                if furniture.formFeeds && !out.isEmpty { pageText[0] = "\u{0C}" + pageText[0] }
                out += pageText
                page += 1
            }
        }
        return out.joined(separator: "\n") + "\n\u{0C}"
    }

    /// Where two lists of paragraphs first differ, in a few characters; nil when they are the same.
    static func difference(_ read: [String], _ original: [String]) -> String? {
        guard read != original else { return nil }
        guard let index = read.indices.first(where: { $0 >= original.count || read[$0] != original[$0] }), index < original.count else {
            return "\(read.count) against \(original.count) paragraphs"
        }
        let (a, b) = (read[index], original[index])
        let common = zip(a, b).prefix { $0 == $1 }.count
        return "paragraph \(index): …\(a.dropFirst(max(0, common - 8)).prefix(24)) against …\(b.dropFirst(max(0, common - 8)).prefix(24))"
    }

    static func document(_ text: String) -> Document {
        Document(path: "/tmp/journal.txt", contentHash: String(repeating: "cd", count: 32), byteCount: text.utf8.count, encoding: .utf8, text: text)
    }

    /// The seed's eleven essays printed with heads that alternate between the journal's name and
    /// the article's title, and feet of every kind: read back, they are the same eleven articles,
    /// metadata and paragraphs, with no trace of the heads or feet (the article's title stays its
    /// title although it is also a head). Before, every head and foot was read into the text.
    @Test func theSeedPrintedWithHeadsAndFeetReadsBackTheSame() throws {
        let seed = try SeedCorpusTests.articles()
        #expect(seed.count == 11)
        let journalHead: (Int, String) -> String = { number, title in number % 2 == 0 ? "江苏组工 2021年第11期" : title }
        let cases: [(String, Furniture)] = [
            ("form feeds only", Furniture()),
            ("heads, form feeds", Furniture(head: journalHead)),
            ("heads, page numbers", Furniture(formFeeds: false, head: journalHead, foot: { "— \($0) —" })),
            ("heads, feet with page numbers, form feeds", Furniture(head: journalHead, foot: { "江苏组工 · \($0) ·" })),
            ("feet with page numbers only", Furniture(formFeeds: false, foot: { "— \($0) — 江苏组工" })),
            ("heads and feet with numbers", Furniture(formFeeds: false, head: { _, _ in "组织工作研究 2021年第11期" },
                                                       foot: { "江苏组工 第\($0)页" })),
        ]
        for (name, furniture) in cases {
            let text = Self.printed(seed, furniture: furniture)
            let articles = ArticleSplitter.split(Self.document(text))
            #expect(articles.count == 11, "\(name)")
            for (read, original) in zip(articles, seed) {
                #expect(read.title == original.title, "\(name)")
                #expect(read.author == original.author && read.region == original.region && read.date == original.date, "\(name): \(read.title)")
                let difference = Self.difference(read.paragraphs, original.paragraphs)
                #expect(difference == nil, "\(name): \(read.title)")
            }
            let body = articles.map(\.body).joined()
            #expect(!body.contains("江苏组工") && !body.contains("组织工作研究") && !body.contains("\u{0C}"), "\(name)")
        }
    }

    /// The heads are in the printed text at all (the test above would pass vacuously otherwise):
    /// the journal's name, and the article's title on the article's later pages.
    @Test func thePrintedSeedHasItsHeads() throws {
        let seed = try SeedCorpusTests.articles()
        let text = Self.printed(seed, furniture: Furniture(head: { number, title in number % 2 == 0 ? "江苏组工 2021年第11期" : title }))
        let lines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces.union(["\u{0C}"])) }
        let titles = Set(seed.map(\.title))
        #expect(lines.filter { $0 == "江苏组工 2021年第11期" }.count >= 5)
        #expect(lines.filter(titles.contains).count >= seed.count + 8)
    }

    /// A government work report from the bench, printed with the report's name as its head and a
    /// numbered foot on every page, reads back as the report: same title, same paragraphs.
    @Test func aBenchReportPrintedWithHeadsAndFeetReadsBackTheSame() throws {
        let path = try BenchTests.files(in: "gov_work_reports").first { $0.contains("2012年") }!
        let original = try Ingestor.ingest([path], relativeTo: Fixtures.repository).articles
        #expect(original.count == 1)
        var lines = [original[0].title] + original[0].paragraphs.flatMap { Self.wrap($0, width: 35) }
        var page = 1
        for index in stride(from: 40, to: lines.count, by: 40).reversed() {
            lines.insert(contentsOf: ["第\(page)页", "2010年政府工作报告（全文）"], at: index)
            page += 1
        }
        let articles = ArticleSplitter.split(Self.document(lines.joined(separator: "\n") + "\n"))
        #expect(page > 10)
        #expect(articles.count == 1)
        #expect(articles.first?.title == original[0].title)
        // Wrapped text loses the spaces next to Chinese characters (线路 26.6万公里): compared without spaces.
        func unspaced(_ paragraphs: [String]) -> [String] { paragraphs.map { $0.replacingOccurrences(of: " ", with: "") } }
        let difference = Self.difference(unspaced(articles.first?.paragraphs ?? []), unspaced(original[0].paragraphs))
        #expect(difference == nil)
    }

    /// Lines that repeat away from page breaks, or at too few, are text: a list of appendices, a
    /// refrain, a heading at two page breaks, a sentence at every one.
    @Test func repeatedLinesThatAreNoHeadsStay() {
        let body = (1...12).flatMap { index in
            ["\u{3000}\u{3000}第\(index)部分的正文很长很长很长很长很长很长很长很长很长很长很", "长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长", "很长很长。"]
        }
        func read(_ lines: [String]) -> String {
            ArticleSplitter.split(Self.document(lines.joined(separator: "\n") + "\n"), layout: .wrapped).map(\.body).joined()
        }
        // 附件1：申请表, 附件2：申请表, 附件3：申请表 on lines next to each other: not a foot.
        var listed = body
        listed.insert(contentsOf: (1...3).map { "附件\($0)：项目申请表格" }, at: 9)
        #expect(read(listed).components(separatedBy: "项目申请表格").count == 4)
        #expect(read(listed).contains("附件1：") && read(listed).contains("附件3："))
        // The same line three times, far apart, with no page breaks and no numbers: text.
        var refrain = body
        for index in [30, 20, 10] { refrain.insert("不忘初心牢记使命", at: index) }
        #expect(read(refrain).components(separatedBy: "不忘初心牢记使命").count == 4)
        // A head at only two page breaks: text.
        var twice = body
        for index in [24, 12] { twice.insert(contentsOf: ["- \(index / 12) -", "理论研讨"], at: index) }
        #expect(read(twice).components(separatedBy: "理论研讨").count == 3)
        #expect(!read(twice).contains("- 1 -"))
        // A line that ends a sentence at every page break: text.
        var sentence = body
        for index in [33, 24, 12] { sentence.insert(contentsOf: ["\u{0C}本刊内容仅供学习参考。"], at: index) }
        #expect(read(sentence).components(separatedBy: "本刊内容仅供学习参考。").count == 4)
        // The same line at three page breaks: a head, gone.
        var thrice = body
        for index in [33, 24, 12] { thrice.insert(contentsOf: ["\u{0C}理论研讨"], at: index) }
        #expect(!read(thrice).contains("理论研讨"))
        #expect(read(thrice) == read(body))
    }

    /// Hard-wrapped lines of the seed's text, `count` of them, from its `start`-th article on.
    static func seedLines(_ count: Int, from start: Int = 0) throws -> [String] {
        let lines = try SeedCorpusTests.articles().dropFirst(start).flatMap { $0.paragraphs.flatMap { wrap($0) } }
        return Array(lines.prefix(count))
    }

    /// The seed's paragraphs, each hard-wrapped: whole paragraphs, so that what follows one starts
    /// after a sentence's end.
    static func seedParagraphs() throws -> [[String]] {
        try SeedCorpusTests.articles().flatMap { $0.paragraphs.map { wrap($0) } }
    }

    static func read(_ lines: [String], layout: LineLayout = .auto) -> [Article] {
        ArticleSplitter.split(document(lines.joined(separator: "\n") + "\n"), layout: layout)
    }

    /// Lines that number up from article to article or from section to section are titles and
    /// headings, no running feet: they follow a sentence's end or head an article (found by a
    /// review: such titles had been dropped, and their articles run together).
    @Test func numberedTitlesAndHeadingsAreNoFeet() throws {
        let body = try Self.seedLines(48)
        var file: [String] = []
        for quarter in 1...4 {
            file += ["2023年第\(quarter)季度全市经济运行分析", "（市统计局 张三）", "2023年\(quarter * 3)月10日"]
            file += body[(quarter - 1) * 12..<quarter * 12]
        }
        let articles = Self.read(file)
        #expect(articles.map(\.title) == (1...4).map { "2023年第\($0)季度全市经济运行分析" })
        #expect(articles.allSatisfy { $0.author == "张三" && !$0.date.isEmpty })
        var sections = ["全市经济运行分析"]
        for (index, paragraph) in try Self.seedParagraphs().prefix(12).enumerated() {
            if index % 3 == 0 { sections.append("2023年第\(index / 3 + 1)季度经济运行情况") }
            sections += paragraph
        }
        let text = Self.read(sections).map(\.body).joined()
        #expect(text.components(separatedBy: "季度经济运行情况").count == 5, "\(text.prefix(200))")
    }

    /// Speeches print a subtitle after a dash between title and date: the title is no running head
    /// although the speech's later pages print it at their top.
    @Test func aSpeechWithASubtitleKeepsItsTitle() throws {
        let paragraphs = try Self.seedParagraphs()
        let titles = ["奋力开创新时代组织工作新局面", "以钉钉子精神抓好人才工作", "扎实推进基层党建工作"]
        var file: [String] = []
        for (index, title) in titles.enumerated() {
            file += ["\u{0C}" + title, "——在全市组织工作会议上的讲话", "（2021年11月\(5 + 7 * index)日）"]
            for (line, text) in paragraphs[index * 6..<(index + 1) * 6].joined().enumerated() {
                if line % 10 == 0 && line > 0 { file.append("\u{0C}" + title) }
                file.append(text)
            }
        }
        let articles = Self.read(file)
        #expect(articles.map(\.title) == titles)
        #expect(articles.allSatisfy { !$0.body.contains($0.title) && $0.date.hasPrefix("2021-11") })
    }

    /// A poem whose refrain is its title keeps every refrain, those at page breaks too: the title
    /// is found away from the page breaks as well, which no running head is.
    @Test func aRefrainThatIsTheTitleStays() {
        let verses = ["我走过千山万水", "看过春夏秋冬", "江河奔流不息", "山岳巍然屹立", "田野稻花飘香", "城市灯火通明"]
        var file = ["我爱你，中国", "（张三）"]
        for stanza in 0..<24 {
            file += (0..<3).map { verses[(stanza * 3 + $0) % verses.count] } + ["我爱你，中国"]
            if stanza % 4 == 3 { file.append("— \(stanza / 4 + 1) —") }
        }
        let articles = Self.read(file)
        #expect(articles.count == 1 && articles.first?.title == "我爱你，中国")
        #expect(articles.first?.paragraphs.filter { $0 == "我爱你，中国" }.count == 24)
    }

    /// In single-spaced wrapped text a head or foot set apart by blank lines, as `pdftotext` writes
    /// it, does not end the paragraph whose sentence the page break cut.
    @Test func blankLinesAroundAHeadDoNotCutASentence() throws {
        let body = try Self.seedLines(40)
        var file: [String] = []
        for (index, line) in body.enumerated() {
            if index % 10 == 0 && index > 0 { file += ["", "— \(index / 10) —", "", "\u{0C}江苏组工 2021年第11期", ""] }
            file.append(line)
        }
        let read = Self.read(file, layout: .wrapped).map(\.body).joined(separator: "\n")
        let plain = Self.read(body, layout: .wrapped).map(\.body).joined(separator: "\n")
        #expect(read == plain)
        #expect(!read.contains("江苏组工"))
    }

    /// The last page's foot goes too (the page break after it ends the file), and a journal's name
    /// of two characters makes a foot (`· 30 · 求是`).
    @Test func theLastFootAndShortNames() throws {
        let body = try Self.seedLines(60)
        for foot in ["内部资料 注意保存", "· # · 求是"] {
            var file: [String] = []
            for (index, line) in body.enumerated() {
                file.append(line)
                if index % 12 == 11 { file += [foot.replacingOccurrences(of: "#", with: "\(30 + index / 12)"), "\u{0C}"] }
            }
            let read = Self.read(file).map(\.body).joined()
            #expect(!read.contains("注意保存") && !read.contains("求是"), "\(foot)")
            #expect(read == Self.read(body).map(\.body).joined(), "\(foot)")
        }
    }

    /// A line's shape: its numbers out, the rest its key; running feet are lines whose numbers go up.
    @Test func shapesAndNumbersThatGoUp() throws {
        let foot = try #require(RunningHeads.shape(of: "江苏组工 2021年第10期 · 30 ·"))
        #expect(foot.numbers == [2021, 10, 30])
        #expect(foot.letters == 7)
        #expect(foot.key == Array("江苏组工#年第#期·#·".unicodeScalars.map(\.value)))
        #expect(RunningHeads.shape(of: "江苏组工 ２０２１年第１０期 · ３２ ·")?.key == foot.key)
        #expect(RunningHeads.shape(of: "本刊内容仅供学习参考。") == nil)     // ends a sentence
        #expect(RunningHeads.shape(of: "- 30 -") == nil)                    // no letters
        #expect(RunningHeads.shape(of: String(repeating: "长", count: 61)) == nil)
        #expect(RunningHeads.goesUp([[2021, 10, 30], [2021, 10, 31], [2021, 10, 33]]))
        #expect(!RunningHeads.goesUp([[2021, 10, 30], [2021, 10, 30], [2021, 10, 30]]))   // no number goes up
        #expect(!RunningHeads.goesUp([[30], [31], [29]]))
        #expect(!RunningHeads.goesUp([[30], [31, 2], [32]]))
    }

    /// A form feed before a line is a page break and no part of its lead: page-start spaces after
    /// it are the page-start artefact, full-width spaces an indent.
    @Test func formFeeds() {
        #expect(SourceLine(number: 1, raw: "\u{0C}  页首", blankLinesBefore: 0).lead == .pageStart)
        #expect(SourceLine(number: 1, raw: "\u{0C}\u{3000}\u{3000}段首", blankLinesBefore: 0).lead == .indent)
        let (lines, _) = ArticleSplitter.contentLines(of: "第一行\n\u{0C}第二行\n第三行\u{0C}\n\u{0C}\n第四行\n第五行", layout: .auto)
        #expect(lines.map(\.text) == ["第一行", "第二行", "第三行", "第四行", "第五行"])
        #expect(lines.map(\.pageBreakBefore) == [false, true, false, true, false])
    }
}
