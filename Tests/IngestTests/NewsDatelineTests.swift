import Foundation
import Testing
@testable import Ingest

/// News reports open their first paragraph with a dateline: agency, place, day, reporters.
@Suite struct NewsDatelineTests {
    @Test func datelinesAreRead() throws {
        let xinhua = try #require(NewsDateline.read("新华社北京3月5日电（记者 张三、李四）中共中央总书记习近平3月5日下午主持召开会议。"))
        #expect(xinhua.agency == "新华社" && xinhua.place == "北京" && xinhua.month == 3 && xinhua.day == 5 && xinhua.year == 0)
        #expect(xinhua.credit == "记者 张三、李四" && xinhua.roles == ["记者"] && xinhua.reporters == ["张三", "李四"])
        #expect(xinhua.rest == "中共中央总书记习近平3月5日下午主持召开会议。" && xinhua.date == nil)
        #expect(xinhua.byline == Byline(text: "记者 张三、李四", author: "张三、李四", position: "新华社记者", region: "北京"))

        // Unbracketed, with a year; a paper's own 讯 without place or day; a foreign place; fullwidth digits.
        let paper = try #require(NewsDateline.read("本报南京2021年3月1日电 记者 王五 江苏省委组织部近日召开会议。"))
        #expect(paper.place == "南京" && paper.date == "2021-03-01" && paper.reporters == ["王五"] && paper.credit == "记者 王五")
        #expect(paper.rest == "江苏省委组织部近日召开会议。" && paper.byline?.position == "本报记者")
        let own = try #require(NewsDateline.read("本报讯（记者张三 通讯员李四）近日，泰州市召开人才工作会议。"))
        #expect(own.place == "" && own.month == 0 && own.roles == ["记者", "通讯员"] && own.reporters == ["张三", "李四"])
        #expect(own.byline == Byline(text: "记者张三 通讯员李四", author: "张三、李四", position: "本报记者、通讯员", region: ""))
        let abroad = try #require(NewsDateline.read("新华社华盛顿１２月３日电 美国国会３日通过法案。"))
        #expect(abroad.place == "华盛顿" && abroad.month == 12 && abroad.day == 3 && abroad.credit == nil && abroad.rest == "美国国会３日通过法案。")
        #expect(abroad.byline == Byline(text: "", author: "", position: "", region: "华盛顿"))
        let web = try #require(NewsDateline.read("中新网3月5日电 据国家统计局消息，……"))
        #expect(web.place == "" && web.byline == nil && web.rest == "据国家统计局消息，……")
        // A role not followed by a name is the text's first word.
        #expect(NewsDateline.read("本报北京3月5日电 记者从国家发改委获悉，……")?.rest == "记者从国家发改委获悉，……")
    }

    @Test func otherOpeningsAreNoDatelines() {
        for text in ["新华社是国家通讯社。", "本报记者近日走访了基层。", "新华社电视台", "本刊通讯，是本刊编辑部编印的资料", "本报告所称电，是指电力。", "本报北京3月45日电 正文", "本报北京13月5日电 正文",
                     "人民网评：让人才活力竞相迸发", "本报评论员", "新华社北京3月5日（记者 张三）正文", "中新社记者 张三"] {
            #expect(NewsDateline.read(text) == nil, "\(text)")
        }
    }

    /// A file of news reports is split at each title whose next paragraph opens with a dateline;
    /// the dateline gives the byline and leaves the text.
    @Test func reportsAreSplitAtTheirDatelines() {
        let text = """
            习近平主持召开中央全面深化改革委员会会议

            新华社北京3月5日电（记者 张三、李四）中共中央总书记、国家主席习近平3月5日下午主持召开会议。会议强调，要坚持人才是第一资源。

            会议指出，干部队伍建设要加强基层。

            江苏加快推进人才强省建设

            本报南京2021年3月1日电 记者 王五 江苏省委组织部近日召开会议，部署人才工作。

            会议要求各地加强基层干部培养。

            """
        for layout in [LineLayout.paragraphs, .auto] {
            let articles = ArticleSplitter.split(LayoutTests.document(text), layout: layout)
            #expect(articles.map(\.title) == ["习近平主持召开中央全面深化改革委员会会议", "江苏加快推进人才强省建设"])
            #expect(articles.map(\.author) == ["张三、李四", "王五"] && articles.map(\.region) == ["北京", "南京"])
            #expect(articles.map(\.position) == ["新华社记者", "本报记者"] && articles.map(\.date) == ["", "2021-03-01"])
            #expect(articles.map(\.byline) == ["记者 张三、李四", "记者 王五"])
            #expect(articles.first?.paragraphs == ["中共中央总书记、国家主席习近平3月5日下午主持召开会议。会议强调，要坚持人才是第一资源。",
                                                   "会议指出，干部队伍建设要加强基层。"])
            #expect(articles.last?.paragraphs == ["江苏省委组织部近日召开会议，部署人才工作。", "会议要求各地加强基层干部培养。"])
        }
        // A dateline on a line of its own, its credit at the line's end; a paper's 讯 before the text.
        let own = ArticleSplitter.split(LayoutTests.document("全省春耕生产有序推进\n本报南京3月1日电 记者 张三\n连日来，全省各地抢抓农时。\n"),
                                        layout: .paragraphs)
        #expect(own.map(\.author) == ["张三"] && own.map(\.region) == ["南京"] && own.map(\.paragraphs) == [["连日来，全省各地抢抓农时。"]])
        let local = ArticleSplitter.split(LayoutTests.document("全市优化营商环境大会召开\n\n本报讯 3月1日上午，全市优化营商环境大会召开。\n"),
                                          layout: .paragraphs)
        #expect(local.map(\.paragraphs) == [["3月1日上午，全市优化营商环境大会召开。"]] && local.map(\.byline) == [""])
        // A dateline whose paragraph holds nothing else leaves no empty paragraph.
        let alone = ArticleSplitter.split(LayoutTests.document("标题一\n\n本报讯（记者 张三）\n\n正文第一段。\n"), layout: .paragraphs)
        #expect(alone.map(\.paragraphs) == [["正文第一段。"]] && alone.map(\.author) == ["张三"])
    }

    @Test func endMarksAndEditorsCreditsAreNoText() {
        for text in ["（完）", "(完)", "【全文完】", "（责任编辑：赵六）", "责任编辑：赵六", "编辑：李四 校对：王五", "【责编：张三、李四】",
                     "（编辑：欧阳明月）", "值班编辑: 王五"] {
            #expect(ArticleSplitter.isTrailingCredit(text), "\(text)")
        }
        for text in ["完", "（完成）", "编辑：", "编辑：李四（实习）", "责任编辑：要把人才工作摆上重要位置", "（此件公开发布）", "来源：新华社",
                     "（记者 张三）", "编辑部：李四"] {
            #expect(!ArticleSplitter.isTrailingCredit(text), "\(text)")
        }
        // At a report's end they go; in its text they stay.
        let text = "会议召开\n\n本报讯 会议强调要加强人才工作。\n\n编辑：李四\n\n会议要求各地抓好落实。\n\n（完）\n\n（责任编辑：赵六）\n"
        let articles = ArticleSplitter.split(LayoutTests.document(text), layout: .paragraphs)
        #expect(articles.map(\.paragraphs) == [["会议强调要加强人才工作。", "编辑：李四", "会议要求各地抓好落实。"]])
    }

    /// The review's cases: the lines between a title and its dateline, wrapped lines, credits.
    static func read(_ text: String, layout: LineLayout = .paragraphs) -> [Article] {
        ArticleSplitter.split(LayoutTests.document(text), layout: layout)
    }

    @Test func titleBlocksAboveTheDateline() {
        // A reporter's line (人民日报's layout), a date and source line, a date with its time.
        let reporter = Self.read("我国新能源汽车产销量连续九年全球第一\n\n本报记者  王政\n\n本报北京1月11日电  中国汽车工业协会11日发布数据。\n")
        #expect(reporter.map(\.title) == ["我国新能源汽车产销量连续九年全球第一"] && reporter.map(\.author) == ["王政"])
        #expect(reporter.map(\.position) == ["本报记者"] && reporter.map(\.region) == ["北京"]
                && reporter.map(\.paragraphs) == [["中国汽车工业协会11日发布数据。"]])
        let two = Self.read("春天里的中国经济\n\n新华社记者 张三 李四\n\n新华社北京3月5日电 春回大地，万物复苏。\n")
        #expect(two.map(\.title) == ["春天里的中国经济"] && two.map(\.author) == ["张三、李四"] && two.map(\.position) == ["新华社记者"])
        // A bare role on the reporter's line takes the agency's name, as in a credit.
        let bare = Self.read("春天里的中国经济\n\n记者 张三\n\n新华社北京3月5日电 春回大地。\n")
        #expect(bare.map(\.position) == ["新华社记者"] && bare.map(\.author) == ["张三"] && bare.map(\.region) == ["北京"])
        let dated = Self.read("国务院常务会议部署稳就业举措\n2023-03-05 10:21  来源：新华社\n\n新华社北京3月5日电（记者 李四）国务院总理5日主持召开会议。\n")
        #expect(dated.map(\.title) == ["国务院常务会议部署稳就业举措"] && dated.map(\.date) == ["2023-03-05"] && dated.map(\.author) == ["李四"])
        // The date and source line is a web page's information line: it leaves the text (it stayed before).
        #expect(dated.first?.paragraphs == ["国务院总理5日主持召开会议。"])
        // A title on two lines, then a second report in the same file.
        let stacked = Self.read("""
            前一篇报道

            新华社北京3月4日电 前一篇的正文。

            第六届中国国际进口博览会开幕
            各国展商踊跃参展

            新华社上海11月5日电（记者 王辰阳）第六届进博会5日开幕。

            """)
        #expect(stacked.map(\.title) == ["前一篇报道", "第六届中国国际进口博览会开幕 各国展商踊跃参展"])
        #expect(stacked.map(\.paragraphs) == [["前一篇的正文。"], ["第六届进博会5日开幕。"]])
    }

    @Test func creditsInWrappedTextAndRolesAndWords() {
        // Wrapped at 26 em: a name at a line's end may go on; a bracket cut by the line's end is read across it.
        let wrapped = Self.read("""
            我省持续优化营商环境

            本报济南5月6日电 记者 孙远明 通讯员 李华 省政
            府新闻办6日召开发布会，介绍持续优化营商环境工作情况。

            中美经贸磋商在华盛顿举行

            新华社华盛顿5月10日电（记者 约翰·史密斯 王小
            明）中美新一轮经贸磋商10日在华盛顿举行，双方交换意见。

            """, layout: .wrapped)
        #expect(wrapped.map(\.author) == ["孙远明、李华", "约翰·史密斯、王小明"], "\(wrapped.map(\.author))")
        #expect(wrapped.first?.paragraphs.first?.hasPrefix("省政府新闻办6日召开发布会") == true)
        #expect(wrapped.last?.paragraphs.first?.hasPrefix("中美新一轮经贸磋商") == true && wrapped.last?.region == "华盛顿")
        // Without brackets, one name after each role; the text's first words stay.
        #expect(NewsDateline.read("本报讯 记者 刘洋 通讯员 张华 近日，全市召开会议。")?.reporters == ["刘洋", "张华"])
        let places = NewsDateline.read("本报讯 记者 王五 张家港、常熟、太仓三地日前联合举办招聘会。")
        #expect(places?.reporters == ["王五"] && places?.rest == "张家港、常熟、太仓三地日前联合举办招聘会。")
        // In brackets, names only after a role, and not the words of how the report was made.
        #expect(NewsDateline.read("本报北京3月5日电（记者 张三 报道）会议召开。")?.reporters == ["张三"])
        #expect(NewsDateline.read("本报北京3月5日电（记者 张三 发自北京）会议召开。")?.reporters == ["张三"])
        let column = NewsDateline.read("本报北京3月5日电（国际观察）会议召开。")
        #expect(column?.credit == nil && column?.rest == "（国际观察）会议召开。")
        let youth = NewsDateline.read("中国青年报北京7月1日电（中青报·中青网记者 王林）共青团中央1日启动活动。")
        #expect(youth?.byline == Byline(text: "中青报·中青网记者 王林", author: "王林", position: "中青报·中青网记者", region: "北京"))
        #expect(NewsDateline.read("中新网客户端北京3月5日电（记者 张三）北京市5日发布规划。")?.place == "北京")
        #expect(NewsDateline.read("光明网讯（记者 张三）光明网5日发布年度报告。")?.reporters == ["张三"])
        // A bracket not closed soon is text in a paragraph; in a wrapped line it may go on.
        let long = "新华社北京3月5日电（本报综合外电报道，国际社会普遍关注此次会议的成果和影响，各方认为会议为推动合作注入了新的动力和信心）会议5日闭幕。"
        #expect(NewsDateline.read(long)?.credit == nil && NewsDateline.read(long)?.rest.hasPrefix("（本报综合") == true)
        #expect(NewsDateline.read(long, complete: false) == nil)
    }

    @Test func creditsThatAreText() {
        // Judgements and sign-offs of a form are text; credits glued or in a row are not; an end mark glued to the last sentence goes.
        #expect(Self.read("案情\n\n基本案情：张某借给李某十万元。\n\n一审：支持原告\n\n二审：维持原判\n").first?.paragraphs.count == 3)
        #expect(Self.read("说明\n\n申请单位应如实填写。\n\n初审：同意 复审：同意 终审：同意\n").first?.paragraphs.count == 2)
        for end in ["（完）（责任编辑：赵六）", "编辑：李四校对：王五", "【纠错】【责任编辑：李四】"] {
            #expect(ArticleSplitter.isTrailingCredit(end), "\(end)")
        }
        #expect(Self.read("报道\n\n本报讯 今年春播面积稳中有增。(完)\n").first?.paragraphs == ["今年春播面积稳中有增。"])
    }
}
