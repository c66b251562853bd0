import Foundation
import Testing
@testable import Ingest

@Suite struct HeaderTests {
    @Test func bylineWithNameAfterASpace() {
        let byline = Byline.parse("宿迁市委党建办副主任 张行")
        #expect(byline == Byline(text: "宿迁市委党建办副主任 张行", author: "张行", position: "宿迁市委党建办副主任", region: "宿迁市"))
    }

    @Test func bylineWithNameGluedToPosition() {
        #expect(Byline.parse("宿迁市宿豫区委常委、组织部部长张贤永") ==
                Byline(text: "宿迁市宿豫区委常委、组织部部长张贤永", author: "张贤永", position: "宿迁市宿豫区委常委、组织部部长", region: "宿迁市宿豫区"))
        #expect(Byline.parse("建湖县委常委、组织部部长、开发区党工委书记孙红").author == "孙红")
        #expect(Byline.parse("建湖县委常委、组织部部长、开发区党工委书记孙红").position == "建湖县委常委、组织部部长、开发区党工委书记")
    }

    @Test func bylineWithSeveralPositions() {
        let byline = Byline.parse("南通市通州区委常委、组织部部长、统战部部长施骁毅")
        #expect(byline.author == "施骁毅")
        #expect(byline.position == "南通市通州区委常委、组织部部长、统战部部长")
        #expect(byline.region == "南通市通州区")
    }

    @Test func bylineWithoutName() {
        #expect(Byline.parse("作者为泰州市委常委、组织部部长") ==
                Byline(text: "作者为泰州市委常委、组织部部长", author: "", position: "泰州市委常委、组织部部长", region: "泰州市"))
    }

    @Test func bylineThatIsOnlyAName() {
        #expect(Byline.parse("李娜").author == "李娜")
        #expect(Byline.parse("阿卜杜勒·热合曼").author == "阿卜杜勒·热合曼")
    }

    @Test func regionsOfPositions() {
        #expect(Byline.region(of: "苏州工业园区党工委委员、组织部部长") == "苏州工业园区")
        #expect(Byline.region(of: "中共江苏省委组织部部长") == "江苏省")
        #expect(Byline.region(of: "组织部部长") == "")
    }

    /// Heads of government are titled by their unit's suffix and 长, and 市委 follows a city's name:
    /// neither is part of the region (the bylines of the bench's provincial reports, and others).
    @Test func regionsOfHeadsOfGovernment() {
        let cases = ["四川省人民政府省长": "四川省", "重庆市人民政府市长": "重庆市", "广东省省长": "广东省", "黑龙江省省长": "黑龙江省",
                     "北京市市长": "北京市", "代省长": "", "宿迁市副市长": "宿迁市", "沭阳县县长": "沭阳县", "宿迁市宿豫区区长": "宿迁市宿豫区",
                     "沭阳县钱集镇镇长": "沭阳县钱集镇", "苏州市市委书记": "苏州市", "淮安市人民政府市长": "淮安市",
                     "长春市市长": "长春市", "湖州市长兴县委书记": "湖州市长兴县", "南京市长江路街道党工委书记": "南京市长江路街道",
                     "内蒙古自治区主席": "内蒙古自治区", "宿迁市宿豫区委常委": "宿迁市宿豫区",
                     // The title written once after the name: the name stays whole.
                     "广州市长": "广州市", "广东省长": "广东省", "西湖区长": "西湖区", "黑龙江省哈尔滨市长": "黑龙江省哈尔滨市",
                     "珠海市香洲区长": "珠海市香洲区", "吉林省白山市长白朝鲜族自治县委书记": "吉林省白山市长白朝鲜族自治县",
                     "湖北省长阳土家族自治县委书记": "湖北省长阳土家族自治县", "代县县委书记": "代县", "常务副市长": ""]
        for (position, region) in cases { #expect(Byline.region(of: position) == region, "\(position)") }
        #expect(Byline.parse("四川省人民政府省长 施小琳") ==
                Byline(text: "四川省人民政府省长 施小琳", author: "施小琳", position: "四川省人民政府省长", region: "四川省"))
    }

    @Test func dateLines() {
        #expect(DateLine.parse("2021年 11月 11日") == "2021-11-11")
        #expect(DateLine.parse("2021年11月1日") == "2021-11-01")
        #expect(DateLine.parse("２０２１年１０月２７日") == "2021-10-27")
        #expect(DateLine.parse("二〇二一年十一月九日") == "2021-11-09")
        #expect(DateLine.parse("2021-11-09") == "2021-11-09")
        #expect(DateLine.parse("2021.11") == "2021-11")
        #expect(DateLine.parse("2021年2月30日") == nil)
        #expect(DateLine.parse("2021年11月11日召开会议") == nil)
    }

    /// A date line's reading in words: `2023-03-13 with words`, `no date (there is no month 13) only`.
    static func reading(_ line: String) -> String? {
        DateLine.read(line).map { reading in
            (reading.date ?? "no date (\(reading.problem ?? ""))") + (reading.dateOnly ? " only" : " with words")
        }
    }

    /// Date lines as government documents print them: with the meeting where a report was given
    /// or a resolution adopted, in brackets or after a dash, in simplified or traditional characters.
    @Test func dateLinesWithTheMeeting() {
        let lines: [(String, String)] = [
            ("（2023年3月13日第十四届全国人民代表大会第一次会议通过）", "2023-03-13"),
            ("——2022年3月5日在第十三届全国人民代表大会第五次会议上", "2022-03-05"),
            ("1957年6月26日在第一届全国人民代表大会第四次会議上", "1957-06-26"),
            ("----2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告", "2025-01-15"),
            ("——2025年1月16日省长 李乐成在辽宁省第十四届人民代表大会第三次会议上的讲话", "2025-01-16"),
            ("2025年1月14日在北京市第十六届人民代表大会第三次会议上北京市市长 殷勇同志作政府工作报告。", "2025-01-14"),
            ("（二〇二三年三月十三日第十四届全国人民代表大会常务委员会第一次会议批准）", "2023-03-13"),
            ("(1982年12月4日第五届全国人民代表大会第五次会议通过)", "1982-12-04"),
        ]
        for (line, date) in lines {
            #expect(Self.reading(line) == "\(date) with words", "\(line)")
            #expect(DateLine.parse(line) == nil, "\(line)")
            #expect(ArticleSplitter.bylineText(line) == nil, "\(line)")
        }
        #expect(Self.reading("（2017年10月18日）") == "2017-10-18 only")
        #expect(Self.reading("——2017年10月") == "2017-10 only")
        #expect(Self.reading("2021年 11月 11日") == "2021-11-11 only")
        #expect(Self.reading("2021年") == "2021 only")
        for line in ["2021年11月11日召开会议", "一九七四年七月十七日，毛主席在中央政治局会议上严厉批评江青说：“", "（2021）", "（2021年）",
                     "2021.11亿元", "（一）", "——在中国共产党第十九次全国代表大会上的报告", "2021年3月5日在第十三届全国人民代表大会上，",
                     "（2021年3月5日在北京）", "（2021年3月5日）补充", "2021年工作回顾", "一、2018年工作回顾"] {
            #expect(DateLine.read(line) == nil, "\(line)")
        }
    }

    /// A resolution: its title (printed twice) and the line of its adoption, which gives the date
    /// and stays in the text; it is no byline.
    @Test func resolutionWithItsAdoptionLine() {
        let text = "关于政府工作报告的决议\n\n关于政府工作报告的决议\n\n（2023年3月13日第十四届全国人民代表大会第一次会议通过）\n\n会议听取和审议了政府工作报告。\n"
        let articles = ArticleSplitter.split(LayoutTests.document(text))
        #expect(articles.count == 1)
        #expect(articles[0].title == "关于政府工作报告的决议")
        #expect(articles[0].date == "2023-03-13")
        #expect(articles[0].byline == "" && articles[0].position == "" && articles[0].author == "")
        #expect(articles[0].paragraphs == ["（2023年3月13日第十四届全国人民代表大会第一次会议通过）", "会议听取和审议了政府工作报告。"])
    }

    /// A report's title block (the document's name, its heading, the meeting line or a date in
    /// brackets, the speaker) is one article, dated by its date line. A name alone on its line
    /// (`习近平`) stays text: a short heading (`前言`) reads the same.
    @Test func titleBlockOfAReport() {
        var text = "2022年政府工作报告\n\n政府工作报告\n\n——2022年3月5日在第十三届全国人民代表大会第五次会议上\n\n国务院总理 李克强\n\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n"
        var articles = ArticleSplitter.split(LayoutTests.document(text))
        #expect(articles.count == 1)
        #expect(articles[0].title == "2022年政府工作报告" && articles[0].date == "2022-03-05" && articles[0].startLine == 1)
        // The speaker, printed without brackets, is the byline (see `speakerLines`).
        #expect(articles[0].author == "李克强" && articles[0].position == "国务院总理")
        #expect(articles[0].paragraphs == ["政府工作报告", "——2022年3月5日在第十三届全国人民代表大会第五次会议上", "各位代表：",
                                           "现在，我代表国务院，向大会报告政府工作。"])

        text = "报告 (十九大)\n决胜全面建成小康社会\n为夺取新时代伟大胜利\n——在中国共产党第十九次全国代表大会上的报告\n（2017年10月18日）\n习近平\n同志们：\n"
        articles = ArticleSplitter.split(LayoutTests.document(text))
        #expect(articles.count == 1)
        #expect(articles[0].title == "报告 (十九大)" && articles[0].date == "2017-10-18")
        #expect(articles[0].paragraphs == ["决胜全面建成小康社会", "为夺取新时代伟大胜利", "——在中国共产党第十九次全国代表大会上的报告", "习近平", "同志们："])

        // The source line before the date, as the provincial reports print it.
        text = "2025年北京市政府工作报告\n来源：北京日报\n2025年1月14日在北京市第十六届人民代表大会第三次会议上北京市市长 殷勇同志作政府工作报告。\n各位代表：\n"
        articles = ArticleSplitter.split(LayoutTests.document(text))
        #expect(articles.count == 1)
        #expect(articles[0].title == "2025年北京市政府工作报告" && articles[0].date == "2025-01-14")
        #expect(articles[0].paragraphs.count == 3)
    }

    /// A header with a byline after a collection's heading still starts the first article; so does
    /// a header after more than five title lines, or after a sentence.
    @Test func headersAfterAHeadingStillStartArticles() {
        var articles = ArticleSplitter.split(LayoutTests.document("文集\n第一篇\n（市委书记 王五）\n2020年1月2日\n正文。\n"))
        #expect(articles.map(\.title) == ["doc", "第一篇"])
        #expect(articles[0].paragraphs == ["文集"] && articles[1].author == "王五")

        // Without a byline, the heading takes the first essay in (as the README says), title and all.
        articles = ArticleSplitter.split(LayoutTests.document("文集\n第一篇\n2020年1月2日\n正文。\n"))
        #expect(articles.map(\.title) == ["文集"])
        #expect(articles[0].date == "2020-01-02" && articles[0].paragraphs == ["第一篇", "正文。"])

        articles = ArticleSplitter.split(LayoutTests.document("目录\n第一篇\n第二篇\n第三篇\n第四篇\n第五篇\n第一篇\n2020年1月2日\n正文。\n"))
        #expect(articles.map(\.title) == ["目录", "第一篇"])
        #expect(articles[1].date == "2020-01-02")

        let text = "标题一\n（2023年3月13日某某会议通过）\n正文一。\n标题二\n——2023年3月14日在某某会议上\n（市委书记 王五）\n正文二。\n"
        articles = ArticleSplitter.split(LayoutTests.document(text))
        #expect(articles.map(\.title) == ["标题一", "标题二"])
        #expect(articles.map(\.date) == ["2023-03-13", "2023-03-14"])
        #expect(articles[1].author == "王五")
        #expect(articles[1].paragraphs == ["——2023年3月14日在某某会议上", "正文二。"])
    }

    /// A line shaped as a date whose month or day does not exist is read with the problem and no date.
    @Test func impossibleDates() {
        #expect(Self.reading("2021年13月45日") == "no date (there is no month 13) only")
        #expect(Self.reading("2021年2月30日") == "no date (month 2 of 2021 has no day 30) only")
        #expect(Self.reading("２０２１年１３月") == "no date (there is no month 13) only")
        #expect(Self.reading("2021年0月") == "no date (there is no month 0) only")
        #expect(Self.reading("2021年3月0日") == "no date (month 3 of 2021 has no day 0) only")
        #expect(Self.reading("2021-02-30") == "no date (month 2 of 2021 has no day 30) only")
        #expect(Self.reading("（2023年2月29日第十四届全国人民代表大会第一次会议通过）") == "no date (month 2 of 2023 has no day 29) with words")
        #expect(Self.reading("2024年2月29日") == "2024-02-29 only")
        for line in ["2021.13", "2021/13", "2021年13月45日召开会议"] { #expect(DateLine.read(line) == nil, "\(line)") }
        #expect(DateLine.parse("2021年13月45日") == nil)
        #expect(ArticleSplitter.bylineText("（2021年2月30日）") == nil)
    }

    /// An impossible date line stays in the text, gives no date and no header, and is reported by
    /// file and line.
    @Test func impossibleDateLineIsTextAndAWarning() {
        var warnings: [String] = []
        let text = "标题在此\n\n2021年13月45日\n\n正文第一段。\n第二篇\n（2021年2月30日）\n正文第二段。\n"
        let articles = ArticleSplitter.split(LayoutTests.document(text, path: "/data/甲.txt"), warnings: &warnings)
        #expect(articles.count == 1)
        #expect(articles[0].title == "标题在此" && articles[0].date.isEmpty && articles[0].byline.isEmpty)
        #expect(articles[0].paragraphs == ["2021年13月45日", "正文第一段。", "第二篇", "（2021年2月30日）", "正文第二段。"])
        #expect(warnings == [
            "/data/甲.txt:3: \"2021年13月45日\" reads as a date, but there is no month 13; the line is kept as text and gives no date",
            "/data/甲.txt:7: \"（2021年2月30日）\" reads as a date, but month 2 of 2021 has no day 30; the line is kept as text and gives no date",
        ])
    }

    @Test func bylineLines() {
        #expect(ArticleSplitter.bylineText("（宿迁市委党建办副主任 张行）") == "宿迁市委党建办副主任 张行")
        #expect(ArticleSplitter.bylineText("(作者为泰州市委常委、组织部部长)") == "作者为泰州市委常委、组织部部长")
        #expect(ArticleSplitter.bylineText("（一）") == nil)
        #expect(ArticleSplitter.bylineText("（以下简称《条例》）") == nil)
        // Notes of a text's source are not bylines (the 1923 congress report of the bench is
        // translated from a Russian manuscript): the line stays in the body.
        for note in ["(譯自中共駐共產國際代表團檔案俄文稿)", "（原载《人民日报》2021年11月1日）", "（来源：新华社）", "（本文转自中国组织人事报）",
                     "（根据录音整理）", "（摘自《求是》）"] {
            #expect(ArticleSplitter.bylineText(note) == nil, "\(note)")
        }
        #expect(ArticleSplitter.bylineText("（本文作者系泰州市委组织部部长）") != nil)
        let articles = ArticleSplitter.split(LayoutTests.document(
            "陈独秀在中国共产党第三次全国代表大会上的报告\n\n(譯自中共駐共產國際代表團檔案俄文稿)\n\n同志们：上屆代表會議以來的工作報告。\n"))
        #expect(articles.count == 1)
        #expect(articles.first?.byline == "" && articles.first?.position == "")
        #expect(articles.first?.paragraphs.first == "(譯自中共駐共產國際代表團檔案俄文稿)")
    }

    /// A byline printed without brackets, as speeches and reports name their speaker: a position
    /// ending in a title word, white space, a name.
    @Test func unbracketedBylines() {
        #expect(Byline.unbracketed("省长 王予波") == "省长 王予波")
        #expect(Byline.unbracketed("四川省人民政府省长\u{3000}施小琳") == "四川省人民政府省长 施小琳")
        #expect(Byline.unbracketed("自治区主席 艾尔肯·吐尼亚孜") == "自治区主席 艾尔肯·吐尼亚孜")
        #expect(Byline.unbracketed("国务院总理 李\u{3000}强") == "国务院总理 李强")     // a name spaced out to three
        #expect(Byline.unbracketed("本报记者 张行") == "本报记者 张行")
        #expect(Byline.unbracketed("省长王予波") == nil)              // glued: running text reads so too
        #expect(Byline.unbracketed("各位代表：") == nil)
        #expect(Byline.unbracketed("李克强 总理") == nil)             // no position before the name
        #expect(Byline.unbracketed("我们 要 加强 干部") == nil)        // 干部 is a title word, but no name follows
        #expect(Byline.unbracketed("省长 王予波，副省长 张三") == nil)
        #expect(Byline.parse("自治区主席 蓝天立").region == "")       // 自治区 alone names no place
        #expect(Byline.parse("西藏自治区代理主席 嘎玛泽登").region == "西藏自治区")
    }

    /// An unbracketed byline among an article's first lines, before its text, is its byline, on one
    /// line or on two (`国务院总理` / `李克强`); after the text has begun it is text.
    @Test func speakerLines() {
        let report = "2025年云南省政府工作报告\n来源：北京日报\n——2025年1月18日在云南省第十四届人民代表大会第三次会议上\n省长 王予波\n各位代表：\n现在，我代表省人民政府作报告。\n"
        let article = ArticleSplitter.split(LayoutTests.document(report)).first
        #expect(article?.author == "王予波" && article?.position == "省长" && article?.byline == "省长 王予波")
        #expect(article?.paragraphs.contains("省长 王予波") == false)
        #expect(article?.paragraphs.first == "来源：北京日报")
        let national = "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理\n李　强\n各位代表：\n现在，我代表国务院作报告。\n"
        let second = ArticleSplitter.split(LayoutTests.document(national)).first
        #expect(second?.author == "李强" && second?.position == "国务院总理")
        #expect(second?.paragraphs == ["——2024年3月5日在第十四届全国人民代表大会第二次会议上", "各位代表：", "现在，我代表国务院作报告。"])
        // After a salutation or a sentence the text has begun: such a line is text.
        for late in ["标题\n各位代表：\n省长 王予波\n正文。\n", "标题\n正文第一句。\n省长 王予波\n正文。\n"] {
            let kept = ArticleSplitter.split(LayoutTests.document(late)).first
            #expect(kept?.author == "" && kept?.paragraphs.contains("省长 王予波") == true, "\(late)")
        }
        // A bracketed byline comes first.
        let bracketed = ArticleSplitter.split(LayoutTests.document("标题在此\n（省委组织部 李四）\n2022年3月1日\n省长 王予波\n正文。\n")).first
        #expect(bracketed?.author == "李四" && bracketed?.paragraphs.first == "省长 王予波")
    }

    /// An official document (公文) signs off under its text with the issuing body and the date: the
    /// document takes that date, and the body as its byline's position and region; notes under
    /// the closing stay its text. Before, the closing was an article of its own and the document
    /// had no date.
    @Test func officialDocumentsSignOffAtTheEnd() {
        let notice = """
            关于做好2022年度人才工作的通知

            各市、县（区）委组织部，市各有关单位：

            　　为深入贯彻落实中央人才工作会议精神，现就做好2022年度人才工作通知如下。

            　　特此通知。

            附件：2022年度人才工作要点

                                                    中共泰州市委组织部

                                                    2022年3月1日

            （此件公开发布）

            """
        let articles = ArticleSplitter.split(LayoutTests.document(notice))
        #expect(articles.count == 1)
        #expect(articles.first?.title == "关于做好2022年度人才工作的通知" && articles.first?.date == "2022-03-01")
        #expect(articles.first?.position == "中共泰州市委组织部" && articles.first?.region == "泰州市" && articles.first?.author == "")
        #expect(articles.first?.paragraphs.last == "（此件公开发布）")
        #expect(articles.first?.paragraphs.contains("附件：2022年度人才工作要点") == true)
        #expect(articles.first?.paragraphs.contains { $0.contains("组织部") && !$0.contains("各市") } == false)
        // Signed off at the very end of the file (no line after the date), by two bodies jointly.
        let joint = "关于做好人才项目申报工作的通知\n各设区市委组织部：\n现将有关事项通知如下，请认真组织申报。\n中共江苏省委组织部\n江苏省人力资源和社会保障厅\n2021年6月8日\n"
        let signed = ArticleSplitter.split(LayoutTests.document(joint)).first
        #expect(signed?.date == "2021-06-08" && signed?.position == "中共江苏省委组织部、江苏省人力资源和社会保障厅")
        #expect(signed?.paragraphs == ["各设区市委组织部：", "现将有关事项通知如下，请认真组织申报。"])
        // Several documents in one file, each signed off: an article each, titled by its first line.
        let documents = (1...3).map { "关于第\($0)项工作的通知\n各设区市委组织部：\n请认真贯彻落实第\($0)项工作的各项要求。\n中共江苏省委组织部\n2021年\($0 + 2)月5日\n" }.joined()
        let several = ArticleSplitter.split(LayoutTests.document(documents))
        #expect(several.map(\.title) == (1...3).map { "关于第\($0)项工作的通知" })
        #expect(several.map(\.date) == ["2021-03-05", "2021-04-05", "2021-05-05"])
        #expect(several.allSatisfy { $0.region == "江苏省" && $0.paragraphs.count == 2 })
        #expect(several.map(\.id).map { $0.suffix(3) } == ["-01", "-02", "-03"])
        // After a dated article, a short dated item titled by a body is an article of its own.
        let briefs = ArticleSplitter.split(LayoutTests.document("全会召开\n2021年11月11日\n会议审议通过了决议。\n省人大常委会\n2021年11月12日\n会议举行。\n"))
        #expect(briefs.map(\.title) == ["全会召开", "省人大常委会"])
    }

    /// What a review found the first version of the closing rule getting wrong, each now right.
    @Test func officialDocumentsAsAReviewFoundThem() {
        // One paragraph per line, as such documents are published on the web (lines this short
        // could read as hard-wrapped text).
        func split(_ lines: [String]) -> [Article] {
            ArticleSplitter.split(LayoutTests.document(lines.joined(separator: "\n") + "\n"), layout: .paragraphs)
        }
        // The printing line under 抄送 is a note, no document of its own.
        let printed = split(["关于征求意见的函", "市各有关单位：", "现将草案印送你们，请于3月10日前反馈意见。", "泰州市司法局", "2022年3月1日",
                             "抄送：市委办公室，市人大常委会办公室。", "泰州市司法局办公室　　2022年3月1日印发"])
        #expect(printed.count == 1 && printed.first?.date == "2022-03-01" && printed.first?.position == "泰州市司法局")
        // A dated item titled by a body, whose text is no document (a heading follows): two articles.
        let meeting = split(["学习贯彻二十大精神心得", "我们要深入学习，全面贯彻。", "市委党校学习交流会", "2022年3月1日", "一、会议概况", "交流会由市委党校主办。"])
        #expect(meeting.map(\.title) == ["学习贯彻二十大精神心得", "市委党校学习交流会"] && meeting[0].date.isEmpty)
        // The next document's number above its title, and an attachment's label above its title.
        let numbered = split(["关于甲事项的通知", "各单位：", "甲事项如下。", "泰州市人民政府", "2022年3月1日", "泰政发〔2022〕16号",
                              "关于乙事项的通知", "各单位：", "乙事项如下。", "泰州市人民政府", "2022年3月5日"])
        #expect(numbered.map(\.title) == ["关于甲事项的通知", "关于乙事项的通知"] && numbered.map(\.date) == ["2022-03-01", "2022-03-05"])
        #expect(numbered.last?.paragraphs.first == "泰政发〔2022〕16号")
        let attached = split(["关于开展安全生产大检查的通知", "各县（市、区）人民政府：", "现将有关事项通知如下。", "特此通知。", "泰州市人民政府办公室",
                              "2022年3月1日", "附件1", "安全生产大检查工作方案", "一、工作目标", "全面排查风险隐患。"])
        #expect(attached.map(\.title) == ["关于开展安全生产大检查的通知", "安全生产大检查工作方案"])
        #expect(attached.last?.paragraphs == ["附件1", "一、工作目标", "全面排查风险隐患。"])
        // A list of bodies above the closing: only the closing's own body signs; a seal printed as
        // the body once more is one body.
        let listed = split(["关于报送统计数据的通知", "各有关单位：", "请下列单位于3月10日前报送数据：", "市发展改革委", "市财政局", "泰州市统计局", "2022年3月1日"])
        #expect(listed.first?.position == "泰州市统计局" && listed.first?.paragraphs.suffix(2) == ["市发展改革委", "市财政局"])
        let sealed = split(["关于开展检查的通知", "各单位：", "特此通知。", "泰州市人民政府", "泰州市人民政府", "2022年3月1日"])
        #expect(sealed.first?.position == "泰州市人民政府" && sealed.first?.paragraphs == ["各单位：", "特此通知。"])
        // A seal's mark, on its own line or after the body's name, and a date written with ○.
        for closing in [["江苏省人民政府", "（盖章）", "2022年3月1日"], ["江苏省人民政府（盖章）", "2022年3月1日"], ["江苏省人民政府", "二○二二年三月一日"]] {
            for tail in [[], ["（此件公开发布）"]] {
                let reply = split(["关于同意设立泰州市高新区的批复", "泰州市人民政府：", "你市报来的请示收悉。", "此复。"] + closing + tail)
                #expect(reply.count == 1 && reply.first?.date == "2022-03-01" && reply.first?.position == "江苏省人民政府", "\(closing) \(tail)")
                #expect(reply.first?.paragraphs == ["泰州市人民政府：", "你市报来的请示收悉。", "此复。"] + tail, "\(closing) \(tail)")
            }
        }
        #expect(ArticleSplitter.bylineText("（盖章）") == nil)
        // Signed by a person under the body's name: the person is the author, at the end of the
        // file or above the next document.
        for after in [[], ["关于下一事项的通知", "各单位：", "请认真落实。", "泰州市人民政府", "2022年3月9日"]] {
            let signed = split(["关于表彰先进的决定", "各单位：", "现决定予以表彰。", "泰州市人民政府", "市长 王华", "2022年3月1日"] + after)
            #expect(signed.first?.author == "王华" && signed.first?.position == "泰州市人民政府市长" && signed.first?.region == "泰州市", "\(after)")
            #expect(signed.first?.date == "2022-03-01" && signed.first?.paragraphs == ["各单位：", "现决定予以表彰。"], "\(after)")
            #expect(signed.count == (after.isEmpty ? 1 : 2) && signed.last?.date == (after.isEmpty ? "2022-03-01" : "2022-03-09"))
        }
        // 、 is no Chinese character of a place name.
        #expect(Byline.parse("省委常委、市委书记 李明").region == "")
        #expect(Byline.parse("宿迁市宿豫区委常委、组织部部长张贤永").region == "宿迁市宿豫区")
    }

    /// A document's number (and the issuer's red-head line) at the top of a file stands above its
    /// title, which is the line under it; the number stays in the text, as a later document's does.
    /// A notice that issues 若干措施 or a 三年行动 takes its closing, its attachment is the next article.
    @Test func documentHeadsAndKindsAsASecondReviewFoundThem() {
        func split(_ lines: [String]) -> [Article] {
            ArticleSplitter.split(LayoutTests.document(lines.joined(separator: "\n") + "\n"), layout: .paragraphs)
        }
        let text = ["泰州市人民政府关于加强人才工作的意见", "各市（区）人民政府，市各委办局：", "为加强全市人才工作，现提出如下意见。", "一、强化人才引领。",
                    "泰州市人民政府", "2022年3月1日"]
        for head in [["泰政发〔2022〕16号"], ["泰州市人民政府文件", "泰政发〔2022〕16号"]] {
            let articles = split(head + text)
            #expect(articles.count == 1, "\(head)")
            #expect(articles.first?.title == "泰州市人民政府关于加强人才工作的意见", "\(head)")
            #expect(articles.first?.date == "2022-03-01" && articles.first?.position == "泰州市人民政府", "\(head)")
            #expect(articles.first?.paragraphs == head + ["各市（区）人民政府，市各委办局：", "为加强全市人才工作，现提出如下意见。", "一、强化人才引领。"], "\(head)")
        }
        // A number with its signer, a copy number and marks of urgency above the red head, and a
        // title on two lines (from a second review).
        for head in [["泰政发〔2022〕16号　　签发人：王华"], ["000123", "特急", "泰州市人民政府文件", "泰政发〔2022〕16号"]] {
            let articles = split(head + text)
            #expect(articles.first?.title == "泰州市人民政府关于加强人才工作的意见" && articles.first?.date == "2022-03-01", "\(head)")
        }
        for head in [["泰州市人民政府文件", "泰政发〔2022〕16号"], []] {
            let twoLines = split(head + ["泰州市人民政府关于印发泰州市促进人才发展", "若干措施的通知", "各市（区）人民政府：", "现将措施印发给你们。",
                                         "泰州市人民政府", "2022年3月1日"])
            #expect(twoLines.first?.title == "泰州市人民政府关于印发泰州市促进人才发展若干措施的通知", "\(head)")
            #expect(twoLines.first?.paragraphs == head + ["各市（区）人民政府：", "现将措施印发给你们。"], "\(head)")
        }
        // A red-head line alone, or a number above a line that is no document's title: as before.
        #expect(split(["泰州市人民政府文件"] + text).first?.title == "泰州市人民政府文件")
        #expect(split(["泰政发〔2022〕16号", "各单位：", "请认真落实。"]).first?.title == "泰政发〔2022〕16号")
        for (kind, title) in [("若干措施", "促进人才发展若干措施"), ("三年行动", "人才强省三年行动"), ("办法（试行）", "人才引进办法（试行）"),
                              ("条例（草案）", "泰州市人才发展条例（草案）"), ("目录（2024年版）", "重点产业紧缺人才需求目录（2024年版）")] {
            let articles = split(["苏政办发〔2024〕12号", "江苏省人民政府办公厅关于印发\(title)的通知", "各市、县（市、区）人民政府：",
                                  "《\(title)》已经省人民政府同意，现印发给你们，请认真贯彻落实。", "江苏省人民政府办公厅", "2024年3月1日", "（此件公开发布）",
                                  title, "为深入实施人才强省战略，制定本\(kind.prefix(2))。", "一、加大人才引进力度。"])
            #expect(articles.map(\.title) == ["江苏省人民政府办公厅关于印发\(title)的通知", title], "\(kind)")
            #expect(articles.map(\.date) == ["2024-03-01", ""] && articles.first?.position == "江苏省人民政府办公厅", "\(kind)")
            #expect(articles.first?.paragraphs.first == "苏政办发〔2024〕12号" && articles.first?.paragraphs.last == "（此件公开发布）", "\(kind)")
        }
        // A bracket that names no version is part of the title, not a kind's mark.
        #expect(!ArticleSplitter.endsWithDocumentKind("人才工作（第二批）"))
        #expect(ArticleSplitter.endsWithDocumentKind("人才工作实施细则（修订）"))
    }

    /// A date line that dates a session of a local people's congress names the speaker (after
    /// 会议上 and before 作…报告, or between the date and 在) and the congress's place, the region
    /// when the byline names none; the line stays in the text.
    @Test func speakersAndPlacesOfCongressDateLines() {
        func first(_ lines: [String]) -> Article? {
            ArticleSplitter.split(LayoutTests.document(lines.joined(separator: "\n") + "\n"), layout: .paragraphs).first
        }
        let cases: [(line: String, author: String, position: String, region: String)] = [
            ("2025年1月19日在江苏省第十四届人民代表大会第三次会议上省长许昆林作政府工作报告。", "许昆林", "省长", "江苏省"),
            ("2025年1月14日在北京市第十六届人民代表大会第三次会议上北京市市长 殷勇同志作政府工作报告。", "殷勇", "北京市市长", "北京市"),
            ("2025年1月20日在安徽省第十四届人民代表大会第三次会议上安徽省人民政府省长\u{00A0}王清宪作政府工作报告", "王清宪", "安徽省人民政府省长", "安徽省"),
            ("——2025年1月16日省长 李乐成在辽宁省第十四届人民代表大会第三次会议上的讲话", "李乐成", "省长", "辽宁省"),
            ("----2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告", "龚正", "市长", "上海市"),
            ("——2025年1月14日自治区人民政府主席王莉霞在内蒙古自治区第十四届人民代表大会第三次会议上的讲话", "王莉霞", "自治区人民政府主席", "内蒙古自治区"),
        ]
        for (line, author, position, region) in cases {
            let article = first(["2025年某省政府工作报告", "来源：某日报", line, "各位代表：", "现在，我代表省人民政府向大会报告工作。"])
            #expect(article?.author == author && article?.position == position && article?.region == region, "\(line): \(String(describing: article))")
            #expect(article?.date.hasPrefix("2025-01-") == true, "\(line)")
            // The source line and the date line stay in the text.
            #expect(article?.paragraphs.first == "来源：某日报" && article?.paragraphs.dropFirst().first?.hasSuffix(String(line.suffix(8))) == true, "\(line)")
        }
        // The speaker on a line of their own under it: the byline's, the place the congress's.
        let below = first(["2025年云南省政府工作报告", "——2025年1月18日在云南省第十四届人民代表大会第三次会议上", "省长 王予波", "各位代表："])
        #expect(below?.author == "王予波" && below?.position == "省长" && below?.region == "云南省")
        // A byline's own place wins; the national congress names no place.
        let own = first(["报告", "2025年1月20日在四川省第十四届人民代表大会第四次会议上", "成都市市长 王凤朝", "各位代表："])
        #expect(own?.region == "成都市")
        let national = first(["政府工作报告", "——2024年3月5日在第十四届全国人民代表大会第二次会议上", "国务院总理 李强", "各位代表："])
        #expect(national?.author == "李强" && national?.region == "")
        // A line that names the congress but no speaker (`…会议上作政府工作报告`, `…会议上的工作报告`)
        // gives the region and no author (a second review found `作政府工` and `的工` as authors).
        for line in ["——2025年1月20日在江苏省第十四届人民代表大会第三次会议上作政府工作报告", "2025年1月20日在江苏省第十四届人民代表大会第三次会议上的工作报告",
                     "2025年1月20日在江苏省第十四届人民代表大会第三次会议上所作工作报告"] {
            let nobody = first(["江苏省人民代表大会常务委员会工作报告", line, "各位代表："])
            #expect(nobody?.author == "" && nobody?.position == "" && nobody?.region == "江苏省", "\(line): \(String(describing: nobody))")
        }
        // A line that names no congress gives neither.
        let party = first(["报告", "——2022年10月16日在中国共产党第二十次全国代表大会上", "各位代表："])
        #expect(party?.author == "" && party?.region == "")
    }

    /// What a review found the first version of the speaker rule getting wrong, each now right: a
    /// speaker inside running text, a greeting, a list of names, an interview's subtitle.
    @Test func speakersAsAReviewFoundThem() {
        func first(_ lines: [String]) -> Article? { ArticleSplitter.split(LayoutTests.document(lines.joined(separator: "\n") + "\n")).first }
        let meeting = first(["市委常委会召开会议", "3月1日，市委常委会召开会议，传达学习全国两会精神。会议由", "市委书记 李明", "主持并讲话。市长王华等出席。"])
        #expect(meeting?.author == "" && meeting?.paragraphs.contains("市委书记 李明") == true)
        #expect(first(["在全省宣传工作会议上的讲话", "各位代表 同志们", "今天召开会议。"])?.author == "")
        let list = first(["市优化营商环境工作领导小组成员名单", "组　长 张建国", "副组长 李明华", "成　员 王小平"])
        #expect(list?.author == "" && list?.paragraphs.count == 3)
        let interview = first(["让数据多跑路群众少跑腿", "——访泰州市市长 王立新", "记者：今年以来成效如何？", "王立新：我们重点抓了三件事。"])
        #expect(interview?.author == "" && interview?.paragraphs.first == "——访泰州市市长 王立新")
    }

    @Test func headerWithDateBeforeByline() {
        let text = "标题在此\n2022年3月1日\n（省委组织部 李四）\n正文第一段。\n"
        let articles = ArticleSplitter.split(LayoutTests.document(text))
        #expect(articles.count == 1)
        #expect(articles[0].title == "标题在此")
        #expect(articles[0].author == "李四")
        #expect(articles[0].date == "2022-03-01")
        #expect(articles[0].paragraphs == ["正文第一段。"])
    }

    @Test func textBeforeTheFirstHeaderIsKept() {
        let text = "目录\n前言的文字很多很多。\n第一篇\n（市委书记 王五）\n2020年1月2日\n正文。\n"
        let articles = ArticleSplitter.split(LayoutTests.document(text))
        #expect(articles.map(\.title) == ["目录", "第一篇"])
        #expect(articles[0].paragraphs == ["前言的文字很多很多。"])
        #expect(articles[1].id.hasSuffix("-02"))
    }

    /// In a file of several documents, a source line (`来源：北京日报`) or a subtitle after a dash
    /// above a later document's date line is no title: the title is the line above it (the bench's
    /// provincial reports put one after another: 24 of 30 were titled by their source).
    @Test func aSourceLineOrSubtitleAboveTheDateIsNoTitle() {
        let text = """
            2025年上海市政府工作报告
            2025年1月15日
            各位代表：
            现在，我代表上海市人民政府，向大会报告工作。
            2025年云南省政府工作报告
            来源 : 北京日报
            2025年1月18日
            各位代表：
            过去一年，全省经济持续回升向好。
            高举中国特色社会主义伟大旗帜
            ——在中国共产党第二十次全国代表大会上的报告
            2022年10月16日
            同志们：
            现在，我代表第十九届中央委员会向大会作报告。

            """
        let articles = ArticleSplitter.split(LayoutTests.document(text))
        #expect(articles.map(\.title) == ["2025年上海市政府工作报告", "2025年云南省政府工作报告", "高举中国特色社会主义伟大旗帜"])
        #expect(articles.map(\.date) == ["2025-01-15", "2025-01-18", "2022-10-16"])
        #expect(articles[0].paragraphs.last == "现在，我代表上海市人民政府，向大会报告工作。")
        #expect(articles[1].paragraphs.first == "来源 : 北京日报")
        #expect(articles[2].paragraphs.first == "——在中国共产党第二十次全国代表大会上的报告")
        // A credit line (编辑：…) above the source line is no title either.
        let credited = ArticleSplitter.split(LayoutTests.document("第一篇\n2023年1月1日\n正文。\n编辑：李四\n来源：新华社\n2023年1月2日\n正文二。\n"))
        #expect(credited.map(\.title) == ["第一篇", "来源：新华社"], "\(credited.map(\.title))")
        // (At the article's end the credit is no text: `isTrailingCredit`.)
        #expect(credited.first?.paragraphs == ["正文。"])
    }

    /// A title printed twice, one copy under the other (as web pages print a document's name and
    /// then its heading), is one title, with or without a header after it.
    @Test func aTitleRepeatedUnderItselfIsOneTitle() {
        let withHeader = "标题在此\n标题在此\n（省委组织部 李四）\n2022年3月1日\n正文第一段。\n"
        var articles = ArticleSplitter.split(LayoutTests.document(withHeader))
        #expect(articles.count == 1)
        #expect(articles[0].title == "标题在此" && articles[0].author == "李四" && articles[0].date == "2022-03-01")
        #expect(articles[0].startLine == 1)
        #expect(articles[0].paragraphs == ["正文第一段。"])

        articles = ArticleSplitter.split(LayoutTests.document("标题在此\n\n标题在此\n\n正文第一段。\n正文第二段。\n"))
        #expect(articles.count == 1)
        #expect(articles[0].title == "标题在此" && articles[0].paragraphs == ["正文第一段。", "正文第二段。"])

        // A heading that differs from the title is text.
        articles = ArticleSplitter.split(LayoutTests.document("2022年政府工作报告\n政府工作报告\n正文第一段。\n"))
        #expect(articles.count == 1)
        #expect(articles[0].paragraphs == ["政府工作报告", "正文第一段。"])
    }

    /// A line of nothing but invisible characters is a blank line, and invisible characters are
    /// read out of every line: they neither show nor count.
    @Test func invisibleCharactersAreNotText() {
        let text = "标题在此\n\u{200B}\n标题在此\n\u{FEFF}\u{2060}\n（省委组织部 李四）\n2022年3月1日\n"
            + "各位代表：\u{200D}\n\u{200C}人才\u{200B}工作很重要。\n"
        let articles = ArticleSplitter.split(LayoutTests.document(text))
        #expect(articles.count == 1)
        #expect(articles[0].title == "标题在此" && articles[0].author == "李四")
        #expect(articles[0].paragraphs == ["各位代表：", "人才工作很重要。"])
        #expect(articles[0].characterCount == 13)
        let line = SourceLine(number: 1, raw: "\u{200B}\u{3000}\u{3000}人才\u{2060}工作", blankLinesBefore: 0)
        #expect(line.text == "人才工作" && line.lead == .indent && line.width == 4)
        #expect(SourceLine(number: 1, raw: " \u{200B}\u{FEFF} ", blankLinesBefore: 0).text.isEmpty)
    }
}
