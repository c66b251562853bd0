import Foundation
import Testing
@testable import Ingest

@Suite struct LayoutTests {
    /// A hard-wrapped, double-spaced text in the shape of the seed corpus.
    static func wrapped(_ lines: [String]) -> String {
        lines.joined(separator: "\n\n") + "\n"
    }

    static func document(_ text: String, path: String = "/tmp/doc.txt") -> Document {
        Document(path: path, contentHash: String(repeating: "ab", count: 32), byteCount: text.utf8.count, encoding: .utf8, text: text)
    }

    // Full lines are 26 em wide; first lines lost a 2-em indent; 12 is a page number and the
    // space before 才 is the page-start artefact.
    static let article = [
        "推进人才工作的几点思考",
        "（某市委常委、组织部部长 王明）",
        "2021年 11月 11日",
        "习近平总书记强调，要深入实施新时代人才强国战略，",
        "坚持人才引领发展的战略地位。后发地区需深化人才发展体",
        "制机制改革，建强引才载体，提高聚才能级。",
        "聚焦务实管用，推进政策集成。应对标国内外一流标杆",
        "地，推动政策力度和覆盖范围不断提升。注重政策的整体性",
        "协同性，健全产业人才、民生人才培养体系，拓宽人才渠道。",
        "聚焦固本培基，推进平台集成。政策吸引在短时间内会",
        "奏效，却难以形成持久竞争力，唯有为各类优秀青年科技人",
        "12",
        " 才提供广阔的事业平台和成长空间，才能避免“骏马犁田”。",
    ]

    @Test func wordBrokenAcrossLinesIsWholeAgain() throws {
        let articles = ArticleSplitter.split(Self.document(Self.wrapped(Self.article)))
        #expect(articles.count == 1)
        let body = articles[0].body
        // 人 / 才 across the page number line and the page break.
        #expect(body.contains("优秀青年科技人才提供"))
        #expect(!body.contains("12"))
        #expect(body.components(separatedBy: "人才").count - 1 == 7)
    }

    /// A footer `第3页 共20页` (or `·3·`) between two lines of a page break goes, and the word it
    /// broke (科技创新中 / 心) is whole again.
    @Test func pageFootersOfEveryShapeGo() throws {
        for footer in ["第3页 共20页", "第 3 页，共 20 页", "·3·", "- 3 -"] {
            var lines = Self.article
            lines[11] = footer
            lines[12] = "才提供广阔的事业平台和成长空间，才能避免“骏马犁田”。"
            let articles = ArticleSplitter.split(Self.document(Self.wrapped(lines)))
            #expect(articles.first?.body.contains("优秀青年科技人才提供") == true, "\(footer)")
            #expect(articles.first?.body.contains("3") == false, "\(footer)")
        }
    }

    @Test func paragraphEndsFromShortLinesAndLostIndents() throws {
        let articles = ArticleSplitter.split(Self.document(Self.wrapped(Self.article)))
        #expect(articles[0].title == "推进人才工作的几点思考")
        #expect(articles[0].author == "王明")
        #expect(articles[0].paragraphs == [
            "习近平总书记强调，要深入实施新时代人才强国战略，坚持人才引领发展的战略地位。后发地区需深化人才发展体制机制改革，建强引才载体，提高聚才能级。",
            "聚焦务实管用，推进政策集成。应对标国内外一流标杆地，推动政策力度和覆盖范围不断提升。注重政策的整体性协同性，健全产业人才、民生人才培养体系，拓宽人才渠道。",
            "聚焦固本培基，推进平台集成。政策吸引在短时间内会奏效，却难以形成持久竞争力，唯有为各类优秀青年科技人才提供广阔的事业平台和成长空间，才能避免“骏马犁田”。",
        ])
    }

    @Test func singleSpacedWrappedTextWithBlankLinesBetweenParagraphs() throws {
        var lines = Self.article
        lines.insert("", at: 6)
        lines.insert("", at: 10)
        let articles = ArticleSplitter.split(Self.document(lines.joined(separator: "\n")))
        #expect(articles[0].paragraphs.count == 3)
        #expect(articles[0].body.contains("优秀青年科技人才提供"))
    }

    /// In single-spaced wrapped text a line of zero-width spaces separates paragraphs as a blank line does.
    @Test func aLineOfZeroWidthSpacesIsABlankLine() throws {
        var lines = Self.article
        lines.insert("\u{200B}", at: 6)
        lines.insert("\u{200B}\u{FEFF}", at: 10)
        let articles = ArticleSplitter.split(Self.document(lines.joined(separator: "\n")))
        #expect(articles[0].paragraphs.count == 3)
        #expect(!articles[0].body.unicodeScalars.contains { TextScalar.isInvisible($0) })
    }

    @Test func latinWordsKeepASpaceAcrossLines() {
        #expect(ParagraphBuilder.join("big", "data") == "big data")
        #expect(ParagraphBuilder.join("人", "才") == "人才")
        #expect(ParagraphBuilder.join("2021", "年") == "2021年")
        #expect(ParagraphBuilder.join("inter-", "national") == "international")
        #expect(ParagraphBuilder.join("COVID-", "19") == "COVID-19")
        #expect(ParagraphBuilder.join("-", "national") == "-national" && ParagraphBuilder.join("A-", "b") == "A-b")
        // A chain of broken words joins link by link; the scalar before the hyphen is found from the end.
        var chain = ""
        for _ in 0..<5 { ParagraphBuilder.append("inter-", to: &chain) }
        #expect(chain == "interinterinterinterinter-")
        for text in ["", "a", "-", "ab", "é-", "e\u{301}-", "人才-", "😀x"] {
            #expect(ParagraphBuilder.scalarBeforeLast(of: text) == Array(text.unicodeScalars).dropLast().last, "\(text)")
        }
    }

    @Test func spacesNextToChineseAreDroppedInWrappedText() {
        #expect(ParagraphBuilder.collapseSpaces("11月 8日至 11日，在 2021年", removeAroundCJK: true) == "11月8日至11日，在2021年")
        #expect(ParagraphBuilder.collapseSpaces("use  big   data", removeAroundCJK: true) == "use big data")
    }

    @Test func pageNumberLines() {
        for line in ["- 30 -", "— 7 —", "第 3 页", "第30页", "3/120", " - 12 - ", "第1页 共20页", "第 1 页，共 20 页", "第１页/共２０页",
                     "·1·", "· 12 ·", "•3•", "3 共20页"] {
            #expect(SourceLine(number: 1, raw: Substring(line), blankLinesBefore: 0).pageMarker == .decorated, "\(line)")
        }
        for (line, value) in [("30", 30), (" 30 ", 30), ("３０", 30), ("2", 2)] {
            #expect(SourceLine(number: 1, raw: Substring(line), blankLinesBefore: 0).pageMarker == .bare(value), "\(line)")
        }
        for line in ["2021年", "30%", "第三章", "12345", "120/3", "M2", "[1]", "第21页 共20页", "共20页", "1.", "1、", "第1条"] {
            #expect(SourceLine(number: 1, raw: Substring(line), blankLinesBefore: 0).pageMarker == nil, "\(line)")
        }
    }

    /// The page number matched by hand is the pattern's match, page and total alike: on every
    /// string of up to five pieces from the pattern's own parts (and others), 90,000 of them.
    @Test func pageNumbersMatchedByHandAreThePatternsMatches() {
        let pieces = ["1", "12", "１２", "12345", "第", "页", "/", "共", "，", ",", "、", " ", "\u{3000}", "-", "—", "·", "•", "・",
                      "－", "–", "\t", "x", "章", "1\u{301}", "\r\n", "٣"]
        var checked = 0, matched = 0
        func check(_ text: String) {
            let pattern = text.wholeMatch(of: SourceLine.pageNumberPattern)
            let hand = SourceLine.pageNumber(in: text)
            let expected: [String]? = pattern.map { [String($0.1), $0.2.map(String.init) ?? "-"] }
            let found: [String]? = hand.map { [String($0.1), $0.2.map(String.init) ?? "-"] }
            #expect(found == expected, "\(Array(text.unicodeScalars))")
            checked += 1
            if pattern != nil { matched += 1 }
        }
        var rng = SystemRandomNumberGenerator()
        for length in 0...3 {
            // Every string of `length` pieces.
            var counter = [Int](repeating: 0, count: length)
            while true {
                check(counter.map { pieces[$0] }.joined())
                var position = length - 1
                while position >= 0 {
                    counter[position] += 1
                    if counter[position] < pieces.count { break }
                    counter[position] = 0
                    position -= 1
                }
                if position < 0 { break }
            }
        }
        // Longer ones at random, built like page numbers more often than not.
        let shapes = [["-", " ", "第", "12", " ", "页", "，", "共", " ", "１２", "页", " ", "-"], ["—", "3", "/", "共", "120", "—"]]
        for _ in 0..<60_000 {
            let shape = shapes[Int.random(in: 0..<shapes.count, using: &rng)]
            var text = ""
            for part in shape {
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    text += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
                } else if Bool.random(using: &rng) {
                    text += part
                }
            }
            check(text)
        }
        #expect(checked > 78_000 && matched > 5_000)
    }

    /// A line holding only a number is text in paragraph layout: web and Word sources put
    /// subscripts and note marks on lines of their own. Decorated page numbers still go.
    @Test func bareNumbersAreTextInParagraphLayout() {
        let text = "货币政策\n稳健的货币政策要松紧适度。广义货币M\n2\n和社会融资规模增速要与国内生产总值名义增速相匹配。\n- 3 -\n以细颗粒物（PM\n2.5\n）和可吸入颗粒物（PM\n10\n）治理为突破口。\n"
        for layout in [LineLayout.paragraphs, .auto] {
            let articles = ArticleSplitter.split(Self.document(text), layout: layout)
            #expect(articles.count == 1)
            // A line that starts with a closing bracket goes on the line before it.
            #expect(articles[0].paragraphs == ["稳健的货币政策要松紧适度。广义货币M", "2", "和社会融资规模增速要与国内生产总值名义增速相匹配。",
                                               "以细颗粒物（PM", "2.5）和可吸入颗粒物（PM", "10）治理为突破口。"], "\(layout)")
        }
    }

    /// Hard-wrapped text, 26 em a line, with page numbers 12 and 13 and numbers that are text: a
    /// subscript after a Latin letter, a note mark in brackets, and a number that does not fit the
    /// page numbering.
    static let numberedPages = [
        "推进人才工作的几点思考",
        "（某市委常委、组织部部长 王明）",
        "2021年 11月 11日",
        "稳健的货币政策要松紧适度，今年广义货币供应量增M",
        "2",
        "和社会融资规模增速要与国内生产总值名义增速相",
        "基本匹配。习近平总书记强调，要深入实施新时代人",
        "12",
        "才强国战略，坚持人才引领发展的战略地位，后发地",
        "区需深化人才发展体制机制改革，建强引才载体[",
        "1",
        "]，提高聚才能级，放大育才效应，打造留才磁极。",
        "聚焦务实管用，推进政策集成。应对标国内外一流标",
        "杆地，推动政策力度和覆盖范围不断提升，注重政策",
        "13",
        "的整体性协同性。全年共有这么多个项目落地开工：",
        "7",
        "其中重点项目的建设进度全部达到了年初预期目标。",
    ]

    @Test func pageNumbersAndNumbersThatAreTextInWrappedText() {
        let articles = ArticleSplitter.split(Self.document(Self.wrapped(Self.numberedPages)))
        #expect(articles.count == 1)
        let body = articles[0].body
        #expect(body.contains("广义货币供应量增M 2和社会融资"))   // Latin letter and digit across a break: one space
        #expect(body.contains("深入实施新时代人才强国战略"))     // page 12 dropped
        #expect(body.contains("建强引才载体[1]，提高聚才能级"))
        #expect(body.contains("注重政策的整体性"))             // page 13 dropped
        #expect(body.contains("落地开工：7其中重点项目"))        // 7 does not fit 12, 13
        #expect(!body.contains("12") && !body.contains("13"))
    }

    /// The page numbering of a file: runs of numbers 1 to 3 apart; numbers outside the runs are text.
    @Test func pageNumbering() {
        #expect(PageNumbers.numbering([30]) == [true])                          // one number: a page number
        #expect(PageNumbers.numbering([30, 57]) == [true, true])                // no numbering: all of them below 1000
        #expect(PageNumbers.numbering([2021]) == [false])                       // a year
        #expect(PageNumbers.numbering([30, 2021]) == [true, false])
        #expect(PageNumbers.numbering([12, 13, 2, 14]) == [true, true, false, true])
        #expect(PageNumbers.numbering([2, 30, 31, 33]) == [false, true, true, true])
        #expect(PageNumbers.numbering([1, 2, 3, 1, 2]) == [true, true, true, true, true])   // restarted numbering
        #expect(PageNumbers.numbering([]) == [])
    }

    /// A lone year on its line in a wrapped file with no page numbering (a heading, a table's cell)
    /// is text, not a page number; `30` there still is one (the seed's).
    @Test func aLoneYearIsNoPageNumber() {
        var lines = Self.article
        lines[11] = "2021"
        let body = ArticleSplitter.split(Self.document(Self.wrapped(lines))).first?.body ?? ""
        #expect(body.contains("2021"))
        let numbered = ArticleSplitter.split(Self.document(Self.wrapped(Self.article))).first?.body ?? ""
        #expect(numbered.contains("优秀青年科技人才提供") && !numbered.contains("12"))
    }

    /// With form feeds the page breaks are known: a bare number next to one is a page number (at a
    /// page's foot or head, after a running head), any other is text, whatever its value.
    @Test func withFormFeedsAPageNumberIsNextToAPageBreak() {
        let lines = [
            "\u{3000}\u{3000}习近平总书记强调，要深入实施新时代人才强国战略，坚持人",
            "才引领发展的战略地位。后发地区需深化人才发展体制机制改",
            "革，建强引才载体，提高聚才能级，全年新开工项目共计达到",
            "12",
            "个，其中重点项目的建设进度全部达到了年初预期的各项目标",
            "和要求，推动政策力度和覆盖范围不断提升，拓宽人才渠道，",
            "30",
            "\u{0C}注重政策的整体性协同性，健全产业人才、民生人才培养体",
            "系，应对标国内外一流标杆地，推动政策力度和覆盖范围不断",
            "\u{0C}31",
            "提升。",
        ]
        let body = ArticleSplitter.split(Self.document(lines.joined(separator: "\n") + "\n"), layout: .wrapped).first?.body ?? ""
        #expect(body.contains("共计达到12个"))           // far from a page break: text
        #expect(body.contains("拓宽人才渠道，注重政策"))   // 30 before the break: a page number
        #expect(body.contains("不断提升。"))               // 31 after it: a page number
        #expect(!body.contains("30") && !body.contains("31"))
    }

    /// A number after a Latin letter or digit is still a page number when it is exactly the one
    /// missing between the page numbers around it.
    @Test func theMissingPageNumberGoesEvenAfterADigit() {
        var lines = Self.numberedPages
        lines[14] = "14"
        lines.insert(contentsOf: ["的整体性协同性，今年全市地区生产总值增长了百分之7", "13", ".5%，新开工项目一百个。"], at: 12)
        let articles = ArticleSplitter.split(Self.document(Self.wrapped(lines)))
        #expect(articles[0].body.contains("增长了百分之7.5%，新开工"))
        #expect(!articles[0].body.contains("13") && !articles[0].body.contains("14"))
    }

    @Test func leadingSpaces() {
        #expect(SourceLine(number: 1, raw: " 页首", blankLinesBefore: 0).lead == .pageStart)
        #expect(SourceLine(number: 1, raw: "\u{3000}\u{3000}段首", blankLinesBefore: 0).lead == .indent)
        #expect(SourceLine(number: 1, raw: "    段首", blankLinesBefore: 0).lead == .indent)
    }

    @Test func indentedParagraphsInSingleSpacedText() {
        let text = "\u{3000}\u{3000}第一段第一行很长很长很长很长很长很长很长很长\n接着第一段的第二行很长很长很长很长很长很长很长\n\u{3000}\u{3000}第二段开始了很长很长很长很长很长很长很长很\n接着第二段很长很长很长很长很长很长很长很长很长\n"
        let articles = ArticleSplitter.split(Self.document(text), layout: .wrapped)
        #expect(articles[0].paragraphs.count == 2)
    }

    /// An indented first line that fills the line (35 em with its 2-em indent) and ends a sentence
    /// is not short: the paragraph goes on in the next, unindented line. (Measured without its
    /// indent it was 33 em, "short", and cut the paragraph: 1.4% of the paragraphs of the bench's
    /// reports wrapped at 35 em, some inside a number: `10.` / `2万亿元`.)
    @Test func aFullIndentedFirstLineEndingASentenceGoesOn() {
        let lines = [
            "\u{3000}\u{3000}积极推进文化体制改革和文化事业发展。文化市场整顿力度加大。群众体育",
            "和竞技体育运动取得新成绩。",
            "\u{3000}\u{3000}一年来，我国基础研究、战略高技术研究和高新技术产业化取得重要进展。",
            "国务院着手编制国家中长期科学和技术发展规划，组织大批专家参与研究论证，",
            "已有一批重要研究成果。",
            "\u{3000}\u{3000}人口和计划生育工作进一步加强。国土资源管理、环境保护、林业发展和生",
            "态建设得到加强。国内生产总值从一九九七年七万多亿元增加到二〇〇二年的10.",
            "2万亿元，年均增长百分之七点七，经济结构战略性调整迈出了重要步伐，效益明",
            "显提高。",
        ]
        #expect(SourceLine(number: 3, raw: Substring(lines[2]), blankLinesBefore: 0).indentWidth == 2)
        #expect(SourceLine(number: 3, raw: "    四个空格", blankLinesBefore: 0).indentWidth == 2)
        #expect(SourceLine(number: 3, raw: " 页首", blankLinesBefore: 0).indentWidth == 0)
        // A right-aligned line (40 spaces, 20 em) is short all the same: at most 4 em of indent count.
        var signed = lines
        signed[4] = String(repeating: " ", count: 40) + "某某市人民政府办公室"
        let signedArticles = ArticleSplitter.split(Self.document(signed.joined(separator: "\n") + "\n"), layout: .wrapped)
        #expect(signedArticles.first?.paragraphs.contains("某某市人民政府办公室") == true, "\(signedArticles.first?.paragraphs ?? [])")
        let articles = ArticleSplitter.split(Self.document(lines.joined(separator: "\n") + "\n"), layout: .wrapped)
        #expect(articles.first?.paragraphs == [
            "积极推进文化体制改革和文化事业发展。文化市场整顿力度加大。群众体育和竞技体育运动取得新成绩。",
            "一年来，我国基础研究、战略高技术研究和高新技术产业化取得重要进展。国务院着手编制国家中长期科学和技术发展规划，组织大批专家参与研究论证，已有一批重要研究成果。",
            "人口和计划生育工作进一步加强。国土资源管理、环境保护、林业发展和生态建设得到加强。国内生产总值从一九九七年七万多亿元增加到二〇〇二年的10.2万亿元，年均增长百分之七点七，经济结构战略性调整迈出了重要步伐，效益明显提高。",
        ], "\(articles.first?.paragraphs ?? [])")
    }

    /// Hard-wrapped text typed with a Chinese input method sets curly quotation marks full-width:
    /// a full line with six of them measured 3 em short (½ em each, as PDF text sets them) and cut
    /// its paragraph mid-sentence; and a wrap that left a comma or an enumeration comma at a line's
    /// start began a paragraph with it (both found by a review). Lines that fill the width when
    /// quotes count 1 em make the file's quotes full-width; a line that ends inside a sentence is
    /// short only when it is short with full-width quotes too; no paragraph opens with closing punctuation.
    @Test func curlyQuotesSetFullWidthAndPunctuationAtALinesStart() {
        // 24 em lines when quotes count 1 em; the quoted ones measure 21.5 and 23 em at ½ em each.
        let lines = [
            "测试文章标题",
            "",
            "\u{3000}\u{3000}这是第一段的开头部分，我们要认真贯彻落实各项",
            "工作部署，推动“放管服”改革、“一网通办”和“最",
            "多跑一次”等措施落到实处，切实提高人民群众的获得",
            "感和幸福感，为全面建设社会主义现代化国家作出新的",
            "贡献。不断增强发展的动力和活力，推动“双招双引”",
            "工作、“英才计划”等重点工作取得实效，着力推进人",
            "才工作高质量发展。",
            // A line short by its digits, then one that opens with a comma: one paragraph.
            "\u{3000}\u{3000}在20212022两年间后发地区实现跨越式",
            "，需深化人才发展体制机制改革建强引才载体提高聚",
            "才能级。",
        ]
        let articles = ArticleSplitter.split(Self.document(lines.joined(separator: "\n") + "\n"), layout: .wrapped)
        #expect(articles.first?.paragraphs == [
            "这是第一段的开头部分，我们要认真贯彻落实各项工作部署，推动“放管服”改革、“一网通办”和“最多跑一次”等措施落到实处，切实提高人民群众的获得"
                + "感和幸福感，为全面建设社会主义现代化国家作出新的贡献。不断增强发展的动力和活力，推动“双招双引”工作、“英才计划”等重点工作取得实效，着力推进人"
                + "才工作高质量发展。",
            "在20212022两年间后发地区实现跨越式，需深化人才发展体制机制改革建强引才载体提高聚才能级。",
        ], "\(articles.first?.paragraphs ?? [])")
        let measured = lines.map { SourceLine(number: 1, raw: Substring($0), blankLinesBefore: 0) }
        #expect(measured.map(\.curlyQuotes) == [0, 0, 0, 5, 1, 0, 2, 2, 0, 0, 0, 0])
        #expect(LayoutProfile.quotesAreFullWidth(measured, fullWidth: 24))
        // PDF text, whose quoted lines fill the width with quotes at ½ em: half-width.
        let pdf = [
            "推动“放管服”改革、“一网通办”和“最多跑一次”落地见",   // 24 em at ½ em a quote
            "效，切实提高人民群众的获得感、幸福感和安全感，不",
            "强发展的动力和活力，推动“双招双引”“英才计划”等重",
        ].map { SourceLine(number: 1, raw: Substring($0), blankLinesBefore: 0) }
        #expect(pdf.map(\.width) == [24, 24, 24])
        #expect(!LayoutProfile.quotesAreFullWidth(pdf, fullWidth: 24))
        // In PDF text a heading with quotes is short, its own paragraph (a second review found it
        // joined to the paragraph under it, as its quotes counted 1 em).
        let report = [
            "关于2023年全市人才工作情况的报告",
            "过去一年，全市上下坚持以习近平新时代中国特色社会主义思想为指导，深入实",
            "施人才强市战略，聚焦引育用留全链条，推动人才工作取得新成效。全年新引进",
            "各类人才3.2万人，同比增长12.5%，人才总量突破百万。过去一年，全市上下坚",
            "持以习近平新时代中国特色社会主义思想为指导，深入实施人才强市战略，聚焦",
            "引育用留全链条，推动人才工作取得新成效。",
            "（一）聚焦产业需求打造“双招双引”“校地合作”“人才飞地”三大品牌",
            "市委常委会每季度专题研究人才工作，制定出台关于进一步加强新时代人才工作",
            "的实施意见，健全市级统筹、部门协同、县区主抓的工作格局。",
        ]
        let headed = ArticleSplitter.split(Self.document(report.joined(separator: "\n") + "\n"), layout: .wrapped)
        #expect(headed.first?.paragraphs.count == 3 && headed.first?.paragraphs[1] == "（一）聚焦产业需求打造“双招双引”“校地合作”“人才飞地”三大品牌",
                "\(headed.first?.paragraphs ?? [])")
    }

    /// Text of one paragraph per line (web pages, Wikisource) whose links were cut into lines of
    /// their own: a line break inside a sentence joins its lines (the bench's own lines); headings,
    /// salutations and whole sentences stay paragraphs; presegmented text keeps every line.
    @Test func aLineBreakInsideASentenceIsNoParagraphEnd() throws {
        let text = """
            政府工作报告

            各位代表：
            马克思、恩格斯在《
            共产党宣言
            》中说过：无产阶级的运动是绝大多数人的运动。
            会议听取和审议了国务院总理李克强所作的
            政府工作报告
            。会议充分肯定国务院过去一年的工作。
            一、
            我国人民已经推翻了帝国主义、封建主义和官僚资本主义的统治。
            （六）加快推进农业农村现代化
            锚定建设农业强省目标，深入实施乡村振兴战略。

            """
        let articles = ArticleSplitter.split(Self.document(text))
        // A break with no punctuation at it (所作的 / 政府工作报告) cannot be told from a heading above its text.
        #expect(articles.first?.paragraphs == [
            "各位代表：",
            "马克思、恩格斯在《共产党宣言》中说过：无产阶级的运动是绝大多数人的运动。",
            "会议听取和审议了国务院总理李克强所作的",
            "政府工作报告。会议充分肯定国务院过去一年的工作。",
            "一、我国人民已经推翻了帝国主义、封建主义和官僚资本主义的统治。",
            "（六）加快推进农业农村现代化",
            "锚定建设农业强省目标，深入实施乡村振兴战略。",
        ], "\(articles.first?.paragraphs ?? [])")
        var notes: [LineNote] = []
        let kept = ArticleSplitter.split(Self.document(text), layout: .paragraphs, keepsLines: true, notes: &notes)
        #expect(kept.first?.paragraphs.count == 11, "\(kept.first?.paragraphs ?? [])")
    }

    /// Where blank lines separate most lines, as in Wikisource's texts (the bench's lines), a line
    /// of a block that does not end a sentence goes on in the next: links and subscripts on lines
    /// of their own are inside their paragraph; a line after a sentence's end starts one.
    @Test func blocksBetweenBlankLinesAreParagraphs() {
        let text = """
            政府工作报告

            五年来，我们坚持加强党的全面领导，我们依照
            宪法
            和
            基本法
            有效实施对特别行政区的全面管治权。

            稳健的货币政策要松紧适度。广义货币M
            2
            和社会融资规模增速要与国内生产总值名义增速相匹配。

            国民经济持续快速健康发展，综合国力进一步增强。
            国内生产总值2000年达89404亿元，平均每年增长8.3%。

            主要工作是：
            （一）深化改革。
            （二）扩大开放。

            同志们！

            这是一段。

            这是又一段。

            还有一段。

            最后一段。

            """
        let articles = ArticleSplitter.split(Self.document(text))
        #expect(articles.first?.paragraphs == [
            "五年来，我们坚持加强党的全面领导，我们依照宪法和基本法有效实施对特别行政区的全面管治权。",
            "稳健的货币政策要松紧适度。广义货币M 2和社会融资规模增速要与国内生产总值名义增速相匹配。",
            "国民经济持续快速健康发展，综合国力进一步增强。", "国内生产总值2000年达89404亿元，平均每年增长8.3%。",
            "主要工作是：", "（一）深化改革。", "（二）扩大开放。", "同志们！", "这是一段。", "这是又一段。", "还有一段。", "最后一段。",
        ], "\(articles.first?.paragraphs ?? [])")
        // Headings, list items and English sentences in a block stay apart.
        let items = "标题\n\n一、总体要求\n坚持生态优先，推动绿色发展。\n\n二、主要任务\n（一）加强水源保护\n严格落实河长制。\n\n附件：1.检查表\n2.汇总表\n\n"
            + "Some English text here.\nAnother English line follows.\n\n一段。\n\n又一段。\n\n再一段。\n"
        #expect(ArticleSplitter.split(Self.document(items)).first?.paragraphs == [
            "一、总体要求", "坚持生态优先，推动绿色发展。", "二、主要任务", "（一）加强水源保护", "严格落实河长制。", "附件：1.检查表", "2.汇总表",
            "Some English text here.", "Another English line follows.", "一段。", "又一段。", "再一段。",
        ], "\(ArticleSplitter.split(Self.document(items)).first?.paragraphs ?? [])")
        // Fewer blank lines than lines between them: one paragraph per line, but breaks at punctuation.
        let dense = text.replacingOccurrences(of: "\n\n", with: "\n").replacingOccurrences(of: "政府工作报告\n", with: "政府工作报告\n\n")
        #expect(ArticleSplitter.split(Self.document(dense)).first?.paragraphs.first == "五年来，我们坚持加强党的全面领导，我们依照")
    }

    /// Hard-wrapped text whose indents were lost: a heading mark after a sentence's end starts a
    /// paragraph (`…可持续性。` / `三、…`), an enumeration within a paragraph (`第五，`) does not.
    @Test func aHeadingAfterASentenceStartsAParagraphInWrappedText() {
        let lines = [
            "积极推进文化体制改革和文化事业发展，文化市场整顿力度加大，群众体育和竞",
            "技体育运动取得新成绩，进一步提高金融支持经济发展的可持续性和稳定性。",
            "三、对今年政府工作的建议和要求，以及需要进一步加强的几个方面的工作",
            "要继续加强安全生产工作，地方和企业也要加大这方面的投入，提高能力水平。",
            "第五，深入开展安全生产专项整治，坚决遏制重特大事故的发生，保障安全。",
            "最后一行。",
        ]
        let articles = ArticleSplitter.split(Self.document(lines.joined(separator: "\n") + "\n"), layout: .wrapped)
        #expect(articles.first?.paragraphs == [
            lines[0] + lines[1],
            lines[2] + lines[3] + lines[4] + lines[5],
        ], "\(articles.first?.paragraphs ?? [])")
    }

    @Test func oneParagraphPerLineIsNotJoined() throws {
        let text = "政府工作报告\n\n各位代表：现在，我代表国务院，向大会报告政府工作。\n一、过去一年工作回顾\n过去一年，我国经济持续恢复，主要预期目标圆满完成，就业形势总体稳定，物价水平保持平稳。\n"
        let articles = ArticleSplitter.split(Self.document(text))
        #expect(articles.count == 1)
        #expect(articles[0].title == "政府工作报告")
        #expect(articles[0].paragraphs.count == 3)
        #expect(articles[0].paragraphs[1] == "一、过去一年工作回顾")
    }

    @Test func fileWithoutTitleIsNamedAfterTheFile() {
        let text = "这是一段很长的正文，没有标题，只有句子。这是一段很长的正文，没有标题，只有句子。\n"
        let articles = ArticleSplitter.split(Self.document(text, path: "/data/无题.txt"))
        #expect(articles.count == 1)
        #expect(articles[0].title == "无题")
        #expect(articles[0].paragraphs.count == 1)
    }

    /// Characters are counted on the bytes; the count must be the scalars that are not white space.
    @Test func characterCountOnBytesEqualsScalarCount() {
        let alphabet = ["人", "a", " ", "\t", "\n", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}", "\u{200B}", "\u{2028}", "\u{202F}",
                        "\u{205F}", "\u{3000}", "\u{FEFF}", "\u{FEFE}", "\u{1C}", "é", "𠀀", "\u{E100}", "，"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let paragraphs = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                (0..<Int.random(in: 0...10, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            }
            let article = Article(id: "a", sourcePath: "a.txt", indexInFile: 1, startLine: 1, title: "", paragraphs: paragraphs)
            let expected = paragraphs.reduce(0) { $0 + $1.unicodeScalars.filter { !TextScalar.isWhitespace($0) }.count }
            #expect(article.characterCount == expected)
        }
        let article = Article(id: "a", sourcePath: "a.txt", indexInFile: 1, startLine: 1, title: "",
                              paragraphs: ["\u{FEFF}人才\u{3000}工作 ok", "\u{A0}"])
        #expect(article.characterCount == 6)
    }
}
