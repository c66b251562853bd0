/// A news dateline at the start of an article's first paragraph, as Chinese news agencies and
/// papers open a report: `新华社北京3月5日电（记者 张三、李四）`, `本报南京3月1日电 记者 王五`,
/// `本报讯（通讯员 李四）`, `中新网3月5日电`.
///
/// It names the agency, the place the report was filed from, often the day (rarely the year), and
/// the reporters. None of it is the report's text: it is the article's metadata.
struct NewsDateline: Equatable {
    /// `新华社`, `本报`, … (`agencies`).
    var agency: String
    /// Where the report was filed from (`北京`), or empty.
    var place: String
    /// The year, month and day the dateline gives (0 for none; most give no year).
    var year = 0
    var month = 0
    var day = 0
    /// The credit as printed, without brackets (`记者 张三、李四`), or nil.
    var credit: String?
    /// The reporters' roles in order (`记者`, `通讯员`) and their names.
    var roles: [String] = []
    var reporters: [String] = []
    /// The paragraph after the dateline and its credit.
    var rest: String

    /// The ISO 8601 date, when the dateline gives a year and the day exists.
    var date: String? {
        guard year > 0 else { return nil }
        return DateLine.Reading(year: year, month: month, day: day, dateOnly: true,
                                exists: DateLine.exists(year: year, month: month, day: day)).date
    }

    /// The day as `--03-05` when the dateline gives it without a year (`新华社北京3月5日电`): the
    /// article's `monthDay`, which the year of the file's path dates.
    var monthDay: String? {
        guard year == 0, month > 0, DateLine.exists(year: 2000, month: month, day: day) else { return nil }
        return String(format: "--%02d-%02d", month, day)
    }

    /// The byline it gives an article: the credit as its text, the reporters as its author (`、`
    /// between two or more), the agency's roles as its position (`新华社记者`, `本报记者、通讯员`) and
    /// the place as its region; nil without a credit or a place.
    var byline: Byline? {
        guard credit != nil || !place.isEmpty else { return nil }
        return Byline(text: credit ?? "", author: reporters.joined(separator: "、"), position: Self.position(roles, agency: agency),
                      region: place)
    }

    /// Reporters' roles as a position: bare roles take the agency's name (`新华社记者`, `本报记者、通讯员`);
    /// a role that names its own (`本报记者`, `中青网记者`) does not.
    static func position(_ roles: [String], agency: String) -> String {
        let bare: Set<String> = ["记者", "通讯员", "实习生", "见习记者", "特约记者"]
        return roles.isEmpty ? "" : roles.allSatisfy(bare.contains) ? agency + roles.joined(separator: "、")
            : roles.map { bare.contains($0) ? agency + $0 : $0 }.joined(separator: "、")
    }

    /// Agencies and papers whose datelines are read, longest first where one begins another.
    static let agencies = ["中新网客户端", "新华社客户端", "央视新闻客户端", "中国新闻网", "中国日报网", "新华社", "中新社", "中新网", "人民网", "新华网", "央视网", "央视新闻", "光明网",
                           "国际在线", "环球网", "澎湃新闻", "经济日报", "光明日报", "工人日报", "中国青年报", "法治日报", "科技日报",
                           "农民日报", "本报", "本刊"]
    /// Whether `text` begins with an agency's name (on the bytes: this is asked of many lines).
    static func startsWithAgency(_ text: String) -> Bool {
        agencies.contains { text.utf8.starts(with: $0.utf8) }
    }

    /// Words that name a reporter's role in a credit, longest first where one ends another.
    static let roleWords = ["本报记者", "特约记者", "见习记者", "记者", "通讯员", "实习生"]

    /// The dateline that opens `paragraph`, or nil.
    ///
    ///     NewsDateline.read("新华社北京3月5日电（记者 张三、李四）会议强调……")?.reporters   // ["张三", "李四"]
    /// - Parameter complete: whether `paragraph` is a whole paragraph (in wrapped text a line is
    ///   not: a credit's name at its end may go on in the next line).
    static func read(_ paragraph: String, complete: Bool = true) -> NewsDateline? {
        // Cheap test first: this runs on the line after every title.
        guard let agency = agencies.first(where: { paragraph.utf8.starts(with: $0.utf8) }) else { return nil }
        let scalars = Array(paragraph.unicodeScalars.prefix(160))
        let whole = complete && (scalars.count < 160 || paragraph.unicodeScalars.count == scalars.count)
        var at = agency.unicodeScalars.count
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) || ("０"..."９").contains(scalar) }
        func number() -> Int? {
            var value = 0, count = 0
            while at < scalars.count, isDigit(scalars[at]), count < 4 {
                let digit = scalars[at].value >= 0xFF10 ? scalars[at].value - 0xFF10 : scalars[at].value - 0x30
                value = value * 10 + Int(digit)
                count += 1
                at += 1
            }
            return count > 0 ? value : nil
        }
        func take(_ text: String) -> Bool {
            let wanted = Array(text.unicodeScalars)
            guard at + wanted.count <= scalars.count, Array(scalars[at..<(at + wanted.count)]) == wanted else { return false }
            at += wanted.count
            return true
        }
        var dateline = NewsDateline(agency: agency, place: "", rest: "")
        // The place: Han characters up to the date, or up to the closing 电 or 讯.
        let placeStart = at
        while at < scalars.count, at - placeStart < 10, scalars[at].properties.isIdeographic { at += 1 }
        var place = Array(scalars[placeStart..<at])
        if at < scalars.count, isDigit(scalars[at]) {
            // The date: [year 年] month 月 day 日, then 电, 讯 or 消息.
            guard var first = number() else { return nil }
            if take("年") {
                dateline.year = first
                guard let month = number() else { return nil }
                first = month
            }
            guard take("月"), let day = number(), take("日") else { return nil }
            (dateline.month, dateline.day) = (first, day)
            guard take("电") || take("讯") || take("消息") else { return nil }
        } else if place.last == "电" || place.last == "讯" {
            place.removeLast()
        } else if place.count >= 2, place.suffix(2).elementsEqual("消息".unicodeScalars) {
            place.removeLast(2)
        } else {
            return nil
        }
        guard place.count <= 8, !place.contains(where: { "电讯报记者".unicodeScalars.contains($0) }) else { return nil }
        dateline.place = String(String.UnicodeScalarView(place))
        if dateline.month > 0, !(1...12).contains(dateline.month) || !(1...31).contains(dateline.day) { return nil }
        // A dateline is followed by a space, a credit or the text, never by punctuation (`本报告所称电，`).
        if at < scalars.count, "，。、；：,.;:！？!?）)".unicodeScalars.contains(scalars[at]) { return nil }
        func skipSpaces() { while at < scalars.count, scalars[at] == " " || scalars[at] == "\u{3000}" { at += 1 } }
        skipSpaces()
        var restStart = at
        if at < scalars.count, scalars[at] == "（" || scalars[at] == "(" {
            // A credit in brackets: roles and names (`记者 张三、李四`, `记者张三 通讯员李四`).
            // A bracket not closed soon: in a wrapped line the credit may go on in the next line
            // (read across both, see `ArticleSplitter.newsDateline`); in a paragraph it is text.
            let close = scalars[at...].prefix(48).firstIndex(where: { $0 == "）" || $0 == ")" })
            if close == nil && !complete { return nil }
            let inner = close.map { String(String.UnicodeScalarView(scalars[(at + 1)..<$0])).trimmingCharacters(in: .whitespaces) } ?? ""
            let (roles, names) = Self.credit(inner)
            // A bracket that names no role (`（国际观察）`) is no credit: the text begins with it.
            if let close, !roles.isEmpty {
                dateline.credit = inner
                (dateline.roles, dateline.reporters) = (roles, names)
                at = close + 1
                skipSpaces()
            }
            restStart = at
        } else if roleWords.contains(where: { paragraph.unicodeScalars.dropFirst(at).starts(with: $0.unicodeScalars) }) {
            // A credit without brackets: a role and one name, again for each role, each name
            // followed by a space (`记者 刘洋 通讯员 张华 江苏省…`) or, on a line of its own, by its end.
            let creditStart = at
            var credit: [String] = []
            var roles: [String] = [], names: [String] = []
            while true {
                let roleStart = at
                guard let role = roleWords.first(where: { take($0) }) else { break }
                skipSpaces()
                let nameStart = at
                while at < scalars.count, scalars[at].properties.isIdeographic || scalars[at] == "·" { at += 1 }
                let name = String(String.UnicodeScalarView(scalars[nameStart..<at]))
                let ended = at < scalars.count ? scalars[at] == " " || scalars[at] == "\u{3000}" : whole
                guard Byline.isName(name), ended, !roleWords.contains(where: { name.hasPrefix($0) }) else {
                    at = roleStart
                    break
                }
                if !roles.contains(role) { roles.append(role) }
                names.append(name)
                credit += [role, name]
                skipSpaces()
            }
            if names.isEmpty {
                // No name after the role: the text begins there (`记者从…获悉`).
                at = creditStart
            } else {
                dateline.credit = credit.joined(separator: " ")
                (dateline.roles, dateline.reporters) = (roles, names)
            }
            restStart = at
        }
        let cut = paragraph.unicodeScalars.index(paragraph.unicodeScalars.startIndex, offsetBy: restStart)
        dateline.rest = String(paragraph.unicodeScalars[cut...])
        return dateline
    }

    /// The roles and names of a bracketed credit: parts between spaces, `、` and commas, each a
    /// role, a name, or a role glued to a name (`记者张三`).
    /// A name counts only after a role; words of how the report was made (`报道`, `摄影报道`,
    /// `发自北京`) are no names, and a part that ends with a role (`中青网记者`) is a role.
    static func credit(_ text: String) -> (roles: [String], names: [String]) {
        var roles: [String] = [], names: [String] = []
        for part in text.split(whereSeparator: { " \u{3000}、，,".contains($0) }) {
            var rest = Substring(part)
            if let role = roleWords.first(where: { rest.hasPrefix($0) }) {
                if !roles.contains(role) { roles.append(role) }
                rest = rest.dropFirst(role.count)
            } else if let role = roleWords.first(where: { rest.hasSuffix($0) }) {
                if !roles.contains(String(rest)) { roles.append(String(rest)) }
                rest = rest.dropLast(role.count).suffix(0)
            }
            guard !rest.isEmpty, !roles.isEmpty, !notNames.contains(String(rest)), !rest.hasPrefix("发自") else { continue }
            if Byline.isName(rest) { names.append(String(rest)) }
        }
        return (roles, names)
    }

    /// Words of a credit that say how the report was made, not who made it.
    static let notNames: Set<String> = ["报道", "摄影报道", "摄", "综合报道", "编译", "整理", "采写", "摄影", "联合报道", "视频报道"]
}
