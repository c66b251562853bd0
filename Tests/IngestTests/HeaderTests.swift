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

    @Test func bylineLines() {
        #expect(ArticleSplitter.bylineText("（宿迁市委党建办副主任 张行）") == "宿迁市委党建办副主任 张行")
        #expect(ArticleSplitter.bylineText("(作者为泰州市委常委、组织部部长)") == "作者为泰州市委常委、组织部部长")
        #expect(ArticleSplitter.bylineText("（一）") == nil)
        #expect(ArticleSplitter.bylineText("（以下简称《条例》）") == nil)
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
