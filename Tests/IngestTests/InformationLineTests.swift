import Testing
@testable import Ingest

/// A web page's information line under a title (`发布时间：2024-03-05 来源：新华日报`) dates the
/// article, may name its author, and leaves the text with the page's controls (`字号：大 中 小`), as a
/// user review found: such pages came out undated, with 来源, 发布时间 and 字号 counted as words.
@Suite struct InformationLineTests {
    static func read(_ text: String) -> [Article] {
        ArticleSplitter.split(LayoutTests.document(text), layout: .paragraphs)
    }

    @Test func informationLinesAreRead() {
        let read: [(line: String, date: String)] = [
            ("2024-03-05 10:21 来源：新华日报", "2024-03-05"),
            ("发布时间：2024-03-05", "2024-03-05"),
            ("来源：新华日报  发布日期：2024年03月05日", "2024-03-05"),
            ("发布时间：2024-03-05 来源：省发展改革委 作者：张三 浏览次数：1024", "2024-03-05"),
            ("【发布时间：2024年3月5日】【来源：新华网】【字号：大 中 小】", "2024-03-05"),
            ("发布时间： 2024-03-05 09:30:12 | 来源：人民日报 海外版", "2024-03-05"),
            ("2024年3月5日 星期二 来源：人民网", "2024-03-05"),
            ("时间：2024-03-05 来源：江苏省人民政府", "2024-03-05"),
            ("发布日期：２０２４年３月５日", "2024-03-05"),
            ("2024-03-05 10:21", "2024-03-05"),
        ]
        for (line, date) in read {
            let reading = DateLine.read(line)
            #expect(reading?.information == true && reading?.dateOnly == true, "\(line)")
            #expect(reading?.date == date, "\(line)")
        }
        // A notice's meeting time, a sentence, a source without a date, a month without a day, and
        // a date line of the old kinds are no information lines.
        for line in ["时间：2024年3月5日", "时间：2024年3月5日 地点：省政府第一会议室", "来源：新华日报", "发布时间：2024年3月",
                     "2024年3月5日，省政府召开常务会议。", "发布时间：2024-03-05，会议强调要加快建设。", "作者：张三", "2024-03-05 张三"] {
            #expect(DateLine.read(line)?.information != true, "\(line)")
            #expect(DateLine.read(line)?.dateOnly != true, "\(line)")
        }
        #expect(DateLine.read("2021年11月11日")?.information == false)
        // A day that does not exist is read with its problem, as on a date line.
        #expect(DateLine.read("发布时间：2024-02-30")?.date == nil && DateLine.read("发布时间：2024-02-30")?.problem != nil)
        #expect(DateLine.informationAuthor("发布时间：2024-03-05 来源：省发展改革委 作者：张三") == "张三")
        #expect(DateLine.informationAuthor("发布时间：2024-03-05 作者： 李四") == "李四")
        #expect(DateLine.informationAuthor("发布时间：2024-03-05 来源：新华网") == nil)
        #expect(DateLine.isPageControls("字号：大 中 小") && DateLine.isPageControls("【字体：大 中 小】【打印】【关闭】"))
        #expect(!DateLine.isPageControls("字号：大") && !DateLine.isPageControls("字体设计：大中小企业"))
    }

    @Test func theLineDatesTheArticleAndLeavesTheText() {
        let body = "会议研究部署人才工作。会议强调，要加快建设人才强省。"
        for info in ["2024-03-05 10:21 来源：新华日报", "发布时间：2024-03-05", "来源：新华日报  发布日期：2024年03月05日"] {
            let articles = Self.read("省政府召开常务会议\n\(info)\n\n\(body)\n")
            #expect(articles.map(\.title) == ["省政府召开常务会议"], "\(info)")
            #expect(articles.map(\.date) == ["2024-03-05"], "\(info)")
            #expect(articles.map(\.paragraphs) == [[body]], "\(info)")
        }
        // The author it names, and the page's controls under it.
        let page = Self.read("关于加快发展新质生产力的实施意见\n发布时间：2024-03-05 来源：省发展改革委 作者：张三\n字号：大 中 小\n\n一、总体要求\n加快发展新质生产力。\n")
        #expect(page.map(\.date) == ["2024-03-05"] && page.map(\.author) == ["张三"])
        #expect(page.map(\.paragraphs) == [["一、总体要求", "加快发展新质生产力。"]])
        // Two pages saved into one file: an article each.
        let two = Self.read("第一篇\n发布时间：2024-03-05\n正文一。\n第二篇\n发布时间：2024-03-06 来源：新华网\n正文二。\n")
        #expect(two.map(\.title) == ["第一篇", "第二篇"] && two.map(\.date) == ["2024-03-05", "2024-03-06"])
        #expect(two.map(\.paragraphs) == [["正文一。"], ["正文二。"]])
        // A notice whose first line gives its meeting's time keeps it: no date, nothing taken.
        let notice = Self.read("关于召开人才工作会议的通知\n时间：2024年3月5日\n地点：省政府第一会议室\n")
        #expect(notice.map(\.date) == [""] && notice.first?.paragraphs == ["时间：2024年3月5日", "地点：省政府第一会议室"])
    }
}
