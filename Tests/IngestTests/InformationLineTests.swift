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
            // Variants a second review found missed: a time glued to the day (people.cn), the source
            // first, the page's controls on the line, a time in Chinese, fields without a space.
            ("2024年03月05日08:21 | 来源：人民网－人民日报", "2024-03-05"),
            ("来源：新华日报 | 2024年03月06日 09:15", "2024-03-06"),
            ("发布时间：2024-03-05 10:21:33 来源：中国政府网 【字体：大 中 小】【打印】【关闭】", "2024-03-05"),
            ("发布时间：2024年3月5日 10时21分 来源：新华网", "2024-03-05"),
            ("发布时间:2024-03-05来源:新华网", "2024-03-05"),
        ]
        for (line, date) in read {
            let reading = DateLine.read(line)
            #expect(reading?.information == true && reading?.dateOnly == true, "\(line)")
            #expect(reading?.date == date, "\(line)")
        }
        // A notice's meeting time, a sentence, a source without a date, a month without a day, and
        // a date line of the old kinds are no information lines.
        for line in ["时间：2024年3月5日", "时间：2024年3月5日 地点：省政府第一会议室", "来源：新华日报", "发布时间：2024年3月",
                     "2024年3月5日，省政府召开常务会议。", "发布时间：2024-03-05，会议强调要加快建设。", "作者：张三", "2024-03-05 张三",
                     // A date with only its time is an event's time in running text (a review's timeline).
                     "2024-06-20 08:00"] {
            #expect(DateLine.read(line)?.information != true, "\(line)")
            #expect(DateLine.read(line)?.dateOnly != true, "\(line)")
        }
        #expect(DateLine.read("2021年11月11日")?.information == false)
        // A day that does not exist is read with its problem, as on a date line.
        #expect(DateLine.read("发布时间：2024-02-30")?.date == nil && DateLine.read("发布时间：2024-02-30")?.problem != nil)
        #expect(DateLine.informationAuthor("发布时间：2024-03-05 来源：省发展改革委 作者：张三") == "张三")
        #expect(DateLine.informationAuthor("发布时间：2024-03-05 作者： 李四") == "李四")
        #expect(DateLine.informationAuthor("发布时间：2024-03-05 来源：新华网") == nil)
        #expect(DateLine.informationAuthor("发布时间：2024-03-08 作者：本报记者 王五 来源：泰州日报") == "本报记者 王五")
        // A site, a body, an anonymous author or a bare role names no person; reporters do.
        for (line, byline) in [("作者：本站", nil), ("作者：佚名", nil), ("作者：管理员", nil), ("作者：宣传部", nil), ("作者：人民网", nil),
                               ("作者：通讯员", nil), ("作者：张三", "张三"), ("作者：张三 李四", "张三、李四"), ("作者：张三、李四", "张三、李四"),
                               ("作者：通讯员 李四", "通讯员 李四"), ("作者：本报记者 王五", "本报记者 王五")] as [(String, String?)] {
            #expect(ArticleSplitter.informationByline("发布时间：2024-03-05 " + line + " 来源：泰州日报") == byline, "\(line)")
        }
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
        // Fields printed one per line under the date (a page a second review found split in two,
        // `来源：泰州日报` a title and `作者：张三` its byline): no text either, the author read.
        let perLine = Self.read("我市召开全市人才工作推进会议\n发布时间：2024-03-05\n来源：泰州日报\n作者：张三\n浏览次数：356\n\n3月5日，我市召开会议。\n会议强调，要坚持人才引领发展。\n")
        #expect(perLine.count == 1 && perLine.first?.author == "张三" && perLine.first?.date == "2024-03-05")
        #expect(perLine.first?.paragraphs == ["3月5日，我市召开会议。", "会议强调，要坚持人才引领发展。"])
        // Fields printed above the date line instead (they stayed in the text, and the date was
        // not read): no text either, the author read; above a date alone too.
        for fields in ["来源：泰州日报  作者：张三", "作者：张三 来源：泰州日报", "来源：泰州日报\n作者：张三", "作者：张三\n来源：泰州日报\n浏览次数：356"] {
            for date in ["发布时间：2024-03-05", "2024年3月5日"] {
                let above = Self.read("我市召开全市人才工作推进会议\n\(fields)\n\(date)\n\n3月5日，我市召开会议。\n会议强调，要坚持人才引领发展。\n")
                #expect(above.map(\.title) == ["我市召开全市人才工作推进会议"] && above.first?.date == "2024-03-05", "\(fields) / \(date)")
                #expect(above.first?.author == "张三" && above.first?.paragraphs == ["3月5日，我市召开会议。", "会议强调，要坚持人才引领发展。"],
                        "\(fields) / \(date): \(String(describing: above.first))")
            }
        }
        // Not above a line that is no date line (a date with its time only), nor more than three
        // lines of them, nor above a date line that names a meeting (which stays in the text).
        let notDated = Self.read("我市召开全市人才工作推进会议\n来源：泰州日报\n2024-03-05 10:21\n\n3月5日，我市召开会议。\n")
        #expect(notDated.first?.date == "" && notDated.first?.paragraphs.prefix(2) == ["来源：泰州日报", "2024-03-05 10:21"])
        let four = Self.read("我市召开全市人才工作推进会议\n来源：泰州日报\n作者：张三\n编辑：李四\n浏览次数：356\n发布时间：2024-03-05\n\n3月5日，我市召开会议。\n")
        #expect(four.first?.paragraphs.first == "来源：泰州日报", "\(four)")
        let meeting = Self.read("2025年北京市政府工作报告\n来源：北京日报\n2025年1月14日在北京市第十六届人民代表大会第三次会议上\n各位代表：\n")
        #expect(meeting.first?.date == "2025-01-14" && meeting.first?.paragraphs.first == "来源：北京日报")
        // Nor under a title that is a field itself (a review found `浏览次数：356` made the title of
        // the fields under it, the real title an article named after the file), nor above a news
        // report's date, whose dateline below finds its title and byline as before (a review found
        // the byline lost). Both read as they did before this rule.
        let underField = Self.read("我市召开全市人才工作推进会议\n浏览次数：356\n来源：泰州日报\n作者：张三\n编辑：李四\n2024年3月5日\n\n3月5日，我市召开会议。\n")
        #expect(underField.first?.title == "我市召开全市人才工作推进会议", "\(underField)")
        let news = Self.read("我市召开全市人才工作推进会议\n作者：张三\n浏览次数：356\n2024-03-05\n新华社北京3月5日电 我市召开会议。\n")
        #expect(news.first?.title == "我市召开全市人才工作推进会议" && news.first?.byline == "作者：张三", "\(news)")
        #expect(DateLine.fieldCount("作者：张三 来源：泰州日报") == 2 && DateLine.fieldCount("作者：本报记者 王五") == 1)
        // A `作者：` that names no person is the byline as printed, as on a line of its own.
        let role = Self.read("我市召开全市人才工作推进会议\n来源：泰州日报\n作者：本报评论员\n2024年3月5日\n\n3月5日，我市召开会议。\n")
        #expect(role.first?.byline == "作者：本报评论员" && role.first?.date == "2024-03-05" && role.first?.paragraphs == ["3月5日，我市召开会议。"])
        #expect(DateLine.isFieldLine("来源：泰州日报") && DateLine.isFieldLine("作者：张三 责任编辑：李四") && DateLine.isFieldLine("【打印】【关闭】"))
        #expect(!DateLine.isFieldLine("来源：根据统计，全市人才总量突破百万。") && !DateLine.isFieldLine("发布时间：2024-03-05")
                && !DateLine.isFieldLine("地点：省政府第一会议室") && !DateLine.isFieldLine("浏览次数：很多"))
        // Two pages saved into one file: an article each.
        let two = Self.read("第一篇\n发布时间：2024-03-05\n正文一。\n第二篇\n发布时间：2024-03-06 来源：新华网\n正文二。\n")
        #expect(two.map(\.title) == ["第一篇", "第二篇"] && two.map(\.date) == ["2024-03-05", "2024-03-06"])
        #expect(two.map(\.paragraphs) == [["正文一。"], ["正文二。"]])
        // A 公文 published on a web page: its closing (落款) dates and signs it, not the page (a
        // second review found the closing made an article of its own).
        for info in ["发布日期：2024年03月05日 来源：中国政府网", "2024-03-05 10:21 来源：中国政府网"] {
            let published = Self.read("国务院办公厅关于加快构建废弃物循环利用体系的意见\n\(info)\n\n各省、自治区、直辖市人民政府：\n"
                                      + "现提出如下意见。\n一、总体要求\n坚持系统观念。\n\n国务院办公厅\n2024年2月6日\n（此件公开发布）\n")
            #expect(published.count == 1 && published.first?.date == "2024-02-06" && published.first?.position == "国务院办公厅", "\(info)")
            #expect(published.first?.paragraphs.last == "（此件公开发布）", "\(info)")
        }
        // A portal's information table above the document, and a notice's own 发布日期 under a
        // section's heading, start no article; the lines stay in the text.
        let table = Self.read("索引号：000014349/2024-00012\n发文机关：国务院办公厅\n成文日期：2024年03月01日\n标题：关于某事项的意见\n"
                              + "发文字号：国办发〔2024〕7号\n发布日期：2024年03月05日\n\n关于某事项的意见\n各省人民政府：\n现提出如下意见。\n\n国务院办公厅\n2024年2月6日\n")
        #expect(table.count == 1 && table.first?.date == "2024-02-06" && table.first?.paragraphs.contains("发布日期：2024年03月05日") == true)
        let bid = Self.read("某项目招标公告\n发布时间：2024-03-05 来源：公共资源交易中心\n\n一、项目基本情况\n项目编号：TZ2024-001\n"
                            + "四、其他补充事宜\n发布日期：2024年3月5日\n五、联系方式\n联系人：王五\n")
        #expect(bid.count == 1 && bid.first?.date == "2024-03-05" && bid.first?.paragraphs.contains("发布日期：2024年3月5日") == true)
        let timeline = Self.read("关于启动应急响应的情况通报\n各成员单位：\n现将有关情况通报如下。\n一、启动应急响应\n2024-06-20 08:00\n市防指启动应急响应。\n")
        #expect(timeline.count == 1 && timeline.first?.paragraphs.contains("2024-06-20 08:00") == true)
        // A news title that names its source (`泰州日报：…`) is a title all the same.
        let sourced = Self.read("泰州日报：我市人才总量突破百万\n发布时间：2024-03-08 作者：本报记者 王五 来源：泰州日报\n\n截至2月底，我市人才总量突破百万。\n")
        #expect(sourced.first?.title == "泰州日报：我市人才总量突破百万" && sourced.first?.author == "王五" && sourced.first?.position == "本报记者")
        // A notice whose first line gives its meeting's time keeps it: no date, nothing taken.
        let notice = Self.read("关于召开人才工作会议的通知\n时间：2024年3月5日\n地点：省政府第一会议室\n")
        #expect(notice.map(\.date) == [""] && notice.first?.paragraphs == ["时间：2024年3月5日", "地点：省政府第一会议室"])
    }
}
