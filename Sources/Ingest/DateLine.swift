import Foundation

/// Reads the date line of an article header.
enum DateLine {
    /// A line read as a date line. Numbers only (kept with every line, so copying lines stays cheap);
    /// the date and the problem are spelt out when asked for.
    struct Reading: Equatable {
        /// The year, and the month and day as the line gives them (0 when it gives none).
        var year: Int
        var month: Int
        var day: Int
        /// Whether the line says nothing but the date (bare, in brackets or after a dash). A line
        /// that also names the meeting (`——2022年3月5日在第十三届全国人民代表大会第五次会议上`) or
        /// the adoption (`（2023年3月13日第十四届全国人民代表大会第一次会议通过）`) is not.
        var dateOnly: Bool
        /// Whether the month and the day exist.
        var exists: Bool
        /// Whether the line is a web page's information line (`发布时间：2024-03-05 来源：新华日报`,
        /// `2024-03-05 10:21 来源：新华日报`; see `readInformation`), which says nothing but the date
        /// and where the text comes from, so it is `dateOnly` too.
        var information = false

        /// The ISO 8601 date (`2021-11-11`, `2021-11` or `2021`); `nil` when the line names a month
        /// or a day that does not exist.
        var date: String? {
            guard exists else { return nil }
            var iso = String(year)
            if month > 0 { iso += (month < 10 ? "-0" : "-") + String(month) }
            if day > 0 { iso += (day < 10 ? "-0" : "-") + String(day) }
            return iso
        }

        /// Why the date does not exist (`there is no month 13`), when it does not.
        var problem: String? {
            guard !exists else { return nil }
            return (1...12).contains(month) ? "month \(month) of \(year) has no day \(day)" : "there is no month \(month)"
        }
    }

    /// The ISO 8601 form of a line that holds only a date, or `nil`.
    ///
    ///     DateLine.parse("2021年 11月 11日")      // "2021-11-11"
    ///     DateLine.parse("二〇二一年十一月九日")   // "2021-11-09"
    ///     DateLine.parse("2021.11")              // "2021-11"
    ///     DateLine.parse("（2017年10月18日）")    // "2017-10-18"
    static func parse(_ line: String) -> String? {
        guard let reading = read(line), reading.dateOnly else { return nil }
        return reading.date
    }

    /// Reads a line that has the shape of a date line:
    ///
    /// - a date alone: `2021年 11月 11日`, `２０２１年１１月１１日`, `二〇二一年十一月九日`, `2021-11-11`,
    ///   `2021.11`, `2021年`;
    /// - a date with a month in Chinese form in brackets or after a dash: `（2017年10月18日）`, `——2017年10月18日`;
    /// - a date with a month in Chinese form followed by the meeting or the adoption, bare, in
    ///   brackets or after a dash: `——2022年3月5日在第十三届全国人民代表大会第五次会议上`,
    ///   `（2023年3月13日第十四届全国人民代表大会第一次会议通过）`,
    ///   `2025年1月14日在北京市第十六届人民代表大会第三次会议上北京市市长 殷勇同志作政府工作报告。`
    ///   (the rest names a 会议, 大会 or 全会, ends with 上, 通过, 批准, 讲话, 报告 or 发言 and an
    ///   optional full stop, and holds no other punctuation).
    ///
    /// A line of that shape whose month or day does not exist (`2021年13月45日`, `2021年2月30日`) is
    /// read with a `problem` and no date. Any other line gives `nil`.
    static func read(_ line: String) -> Reading? {
        // Cheap tests first: this runs on every line of every file.
        guard line.utf8.count <= 300 else { return nil }
        guard startsWithYear(line) else {
            // An information line opens with a label and its colon (`发布时间：`, `【来源：`).
            guard let first = line.unicodeScalars.first, informationInitials.contains(first),
                  line.unicodeScalars.prefix(8).contains(where: { $0 == "：" || $0 == ":" }) else { return nil }
            return readInformation(line)
        }
        return readDate(line) ?? readInformation(line)
    }

    static func readDate(_ line: String) -> Reading? {
        var text = Substring(normaliseDigits(line).trimmingCharacters(in: .whitespaces))
        var decorated = false
        let undashed = text.drop { isDash($0) || $0 == " " || $0 == "\u{3000}" }
        if undashed.startIndex != text.startIndex {
            decorated = true
            text = undashed
        }
        if let open = text.first, open == "（" || open == "(" {
            guard text.count >= 2, let close = text.last, close == "）" || close == ")" else { return nil }
            text = text.dropFirst().dropLast()
            decorated = true
        }
        text = text.drop { $0 == " " || $0 == "\u{3000}" }
        let year: Substring, month: Substring?, day: Substring?, rest: Substring, numeric: Bool
        if let match = text.prefixMatch(of: chinesePattern) {
            (year, month, day) = (match.1, match.2, match.3)
            rest = text[match.range.upperBound...]
            numeric = false
        } else if let match = text.prefixMatch(of: numericPattern) {
            (year, month, day) = (match.1, match.2, match.3)
            rest = text[match.range.upperBound...]
            numeric = true
        } else {
            return nil
        }
        let phrase = rest.trimmingCharacters(in: .whitespaces)
        let dateOnly = phrase.isEmpty
        if dateOnly {
            // In brackets or after a dash, only a date in Chinese form with a month: `（2021）` is no date.
            if decorated && (numeric || month == nil) { return nil }
        } else {
            guard !numeric, month != nil, isMeetingPhrase(phrase) else { return nil }
        }
        guard let yearValue = Int(year), (1000...2999).contains(yearValue) else { return nil }
        let monthValue = month.flatMap { Int($0) }, dayValue = day.flatMap { Int($0) }
        let exists = exists(year: yearValue, month: monthValue, day: dayValue)
        // The shape of a date, but no such month or day: `2021.13` may well be a number, so of the
        // numeric forms only three-part ones are read as impossible dates.
        if !exists && numeric && day == nil { return nil }
        return Reading(year: yearValue, month: monthValue ?? 0, day: dayValue ?? 0, dateOnly: dateOnly, exists: exists)
    }

    /// Reads a web page's information line, which news sites and government portals print under a
    /// title: labelled fields one after another, and a date (with its time or weekday) among them.
    ///
    ///     发布时间：2024-03-05 来源：省发展改革委 作者：张三 浏览次数：1024
    ///     2024-03-05 10:21 来源：新华日报
    ///     2024年03月05日08:21 | 来源：人民网－人民日报
    ///     来源：新华日报  发布日期：2024年03月05日
    ///     【发布时间：2024年3月5日】【来源：新华网】【打印】【关闭】
    ///
    /// The date comes from a publication label (发布时间, 发布日期, 发表时间, 更新时间, 发文日期, 成文日期,
    /// …) or stands beside a field of the page (来源, 作者, 浏览次数, the page's controls, …); a bare
    /// `时间：` or `日期：` counts only beside such a field, so a notice's `时间：2024年3月5日` (its
    /// meeting's time) is no information line, and a date with only its time (`2024-06-20 08:00`, an
    /// event's) is none either. Every part of the line must be a field, the date, a time or a
    /// control (a source's name may hold spaces: `来源：人民日报 海外版`). The line is read as
    /// `dateOnly`: it leaves the text with the title.
    static func readInformation(_ line: String) -> Reading? {
        guard line.unicodeScalars.count <= 160, let scan = scanInformation(line), var reading = scan.reading, reading.day > 0 else { return nil }
        // A date and a field of the page, or a publication label; `时间：` beside a page's field. (A
        // date with only its time, `2024-06-20 08:00`, may be an event's time in running text.)
        guard (scan.bareDate && scan.pageField) || scan.publicationLabel || (scan.plainDateLabel && scan.pageField) else { return nil }
        reading.information = true
        return reading
    }

    /// What a line of a web page's information holds, when every part of it is a field, a date, a
    /// time or one of the page's controls (`nil` otherwise).
    struct InformationScan {
        /// The date, if the line gives one (at most one).
        var reading: Reading?
        /// Whether the date stands without a label (`2024-03-05 10:21 来源：…`).
        var bareDate = false
        var publicationLabel = false
        var plainDateLabel = false
        /// Whether the line holds a field of the page besides the date (来源, 作者, 浏览次数, controls).
        var pageField = false
    }

    /// Reads the parts of a line of a web page's information (see `readInformation` and `isFieldLine`).
    /// A text field's value is short and holds no sentence punctuation (`来源：根据统计，…` is text).
    static func scanInformation(_ line: String) -> InformationScan? {
        let parts = informationParts(line)
        guard !parts.isEmpty else { return nil }
        var scan = InformationScan()
        var index = 0
        var afterText = false     // the last field holds text (a source's name), which may go on
        var afterDate = false     // a date was the last part, so a time may follow
        let sentence: (Character) -> Bool = { "，。；！？,;!?".contains($0) }
        func readDay(_ text: Substring) -> Reading? {
            // A time glued to the day (`2024年03月05日08:21`, people.cn's form) is passed over.
            var day = text
            if let time = text.firstMatch(of: timePattern), time.range.upperBound == text.endIndex { day = text[..<time.range.lowerBound] }
            guard let reading = readDate(String(day)), reading.dateOnly else { return nil }
            return reading
        }
        while index < parts.count {
            let part = parts[index]
            index += 1
            // A time or a weekday after the date (`10:21`, `10时21分`, `星期二`).
            if afterDate, part.wholeMatch(of: timePattern) != nil || weekdays.contains(String(part)) { continue }
            // The page's controls (`【打印】【关闭】`).
            if pageControls.contains(String(part)) {
                scan.pageField = true
                afterText = false
                continue
            }
            if let label = informationLabels.first(where: { part.hasPrefix($0.label) }) {
                var value = part.dropFirst(label.label.count)
                guard let colon = value.first, colon == "：" || colon == ":" else { return nil }
                value = value.dropFirst()
                if value.isEmpty, index < parts.count, !informationLabels.contains(where: { parts[index].hasPrefix($0.label) }) {
                    value = parts[index]
                    index += 1
                }
                afterText = false
                afterDate = false
                switch label.kind {
                case .publication, .plainDate:
                    guard scan.reading == nil, let day = readDay(value) else { return nil }
                    scan.reading = day
                    afterDate = true
                    if label.kind == .publication { scan.publicationLabel = true } else { scan.plainDateLabel = true }
                case .text:
                    guard value.count <= 24, !value.contains(where: sentence) else { return nil }
                    scan.pageField = true
                    afterText = !value.isEmpty
                case .count:
                    scan.pageField = true
                    guard value.allSatisfy({ $0.isNumber }) else { return nil }
                case .fontSize:
                    scan.pageField = true
                    // `字号：大 中 小`: the sizes follow as parts of their own.
                    while index < parts.count, ["大", "中", "小", "默认"].contains(parts[index]) { index += 1 }
                }
                continue
            }
            // The date, first or after a source (`来源：新华日报 | 2024年03月06日 09:15`).
            if scan.reading == nil, let day = readDay(part) {
                scan.reading = day
                scan.bareDate = true
                afterDate = true
                afterText = false
                continue
            }
            // The rest of a source's or an author's name (`来源：人民日报 海外版`).
            if afterText, part.count <= 12, !part.contains(where: sentence), !part.contains(where: { $0 == "：" || $0 == ":" }) { continue }
            return nil
        }
        return scan
    }

    /// An information line's parts: split at white space and at the separators of such lines (`|`,
    /// `丨`, brackets), and before a label glued to the field before it (`发布时间:2024-03-05来源:新华网`).
    static func informationParts(_ line: String) -> [Substring] {
        var parts: [Substring] = []
        for part in line.split(whereSeparator: { " \u{3000}\t\u{00A0}|丨｜【】[]".contains($0) }) {
            var rest = part
            // After a field's colon, a label with its colon begins the next field.
            while let colon = rest.firstIndex(where: { $0 == "：" || $0 == ":" }),
                  let cut = rest[rest.index(after: colon)...].indices.first(where: { at in
                      informationLabels.contains { label in
                          guard rest[at...].hasPrefix(label.label) else { return false }
                          let after = rest[at...].dropFirst(label.label.count).first
                          return after == "：" || after == ":"
                      }
                  }) {
                parts.append(rest[..<cut])
                rest = rest[cut...]
            }
            parts.append(rest)
        }
        return parts
    }

    /// Whether a line holds nothing but fields of a web page's information without a date
    /// (`来源：泰州日报`, `作者：张三`, `浏览次数：356`, `【打印】【关闭】`): the lines that some pages print one
    /// field at a time under the line with the date. A field's text is short and holds no sentence
    /// punctuation (`来源：根据统计，…` is text).
    static func isFieldLine(_ line: String) -> Bool {
        // Cheap test first: this runs on the line under every title-like line.
        guard let first = line.unicodeScalars.first, fieldInitials.contains(first), line.unicodeScalars.count <= 80,
              let scan = scanInformation(line) else { return false }
        return scan.reading == nil && scan.pageField
    }

    /// The first characters a line of fields can start with: a label's, a bracket's or a page control's.
    static let fieldInitials: Set<Unicode.Scalar> = informationInitials.union(pageControls.compactMap { $0.unicodeScalars.first })

    /// The controls a web page prints beside its information (`【打印】【关闭】`).
    static let pageControls: Set<String> = ["打印", "关闭", "打印本页", "关闭窗口", "收藏", "分享", "分享到", "纠错", "我要纠错", "返回顶部", "打印此页",
                                           "字体：大中小", "字号：大中小"]

    enum InformationKind { case publication, plainDate, text, count, fontSize }

    /// The labels of an information line's fields, longest first where one begins another.
    static let informationLabels: [(label: String, kind: InformationKind)] = [
        ("发布时间", .publication), ("发布日期", .publication), ("发表时间", .publication), ("发表日期", .publication),
        ("更新时间", .publication), ("更新日期", .publication), ("发文日期", .publication), ("成文日期", .publication),
        ("印发日期", .publication), ("公开日期", .publication), ("录入时间", .publication), ("上传时间", .publication),
        ("时间", .plainDate), ("日期", .plainDate),
        ("信息来源", .text), ("文章来源", .text), ("来源", .text), ("稿源", .text), ("作者", .text), ("撰稿", .text),
        ("撰文", .text), ("责任编辑", .text), ("责编", .text), ("编辑", .text), ("发布机构", .text), ("发布单位", .text),
        ("发文机关", .text), ("发布者", .text), ("文号", .text),
        ("浏览次数", .count), ("浏览量", .count), ("浏览", .count), ("阅读次数", .count), ("阅读量", .count), ("阅读", .count),
        ("点击次数", .count), ("点击数", .count), ("点击量", .count), ("点击", .count), ("访问量", .count),
        ("字号", .fontSize), ("字体", .fontSize),
    ]

    /// The first characters an information line can start with (its first label's, or a bracket).
    static let informationInitials: Set<Unicode.Scalar> = Set(informationLabels.compactMap { $0.label.unicodeScalars.first } + ["【", "["])

    /// How many labelled fields an information line holds (`作者：张三 来源：泰州日报`: 2).
    static func fieldCount(_ line: String) -> Int {
        informationParts(line).count { part in
            informationLabels.contains { part.hasPrefix($0.label + "：") || part.hasPrefix($0.label + ":") }
        }
    }

    /// The author an information line names (`作者：张三`), if any.
    static func informationAuthor(_ line: String) -> String? {
        let parts = informationParts(line)
        for (index, part) in parts.enumerated() {
            for label in ["作者", "撰稿", "撰文"] where part.hasPrefix(label + "：") || part.hasPrefix(label + ":") {
                // The value runs to the next field: `作者：本报记者 王五 来源：…` → `本报记者 王五`.
                var value = [part.dropFirst(label.count + 1)].filter { !$0.isEmpty }
                for next in parts[(index + 1)...] {
                    if informationLabels.contains(where: { next.hasPrefix($0.label + "：") || next.hasPrefix($0.label + ":") })
                        || pageControls.contains(String(next)) || readDate(String(next)) != nil { break }
                    value.append(next)
                }
                return value.isEmpty ? nil : value.joined(separator: " ")
            }
        }
        return nil
    }

    static let weekdays: Set<String> = Set(["一", "二", "三", "四", "五", "六", "日", "天"].flatMap { ["星期" + $0, "周" + $0, "礼拜" + $0] })

    /// A line of a web page's controls under a title: `字号：大 中 小`, `【字体：大 中 小】【打印】【关闭】`.
    static func isPageControls(_ line: String) -> Bool {
        guard line.unicodeScalars.count <= 40 else { return false }
        var text = Substring(line.filter { !" \u{3000}\t|丨｜【】[]()（）".contains($0) })
        guard text.hasPrefix("字号") || text.hasPrefix("字体") else { return false }
        text = text.dropFirst(2)
        guard let colon = text.first, colon == "：" || colon == ":" else { return false }
        text = text.dropFirst()
        for word in ["大中小", "默认", "打印本页", "打印", "关闭窗口", "关闭", "收藏", "分享"] where text.hasPrefix(word) {
            text = text.dropFirst(word.count)
        }
        return text.isEmpty
    }

    /// A time (`08:21`, `8时21分`), alone or glued to the end of a day (`…日08:21`).
    nonisolated(unsafe) static let timePattern = #/\d{1,2}(?::\d{2}(?::\d{2})?|时\d{1,2}分(?:\d{1,2}秒)?)/#

    nonisolated(unsafe) static let chinesePattern = #/(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?)?/#
    nonisolated(unsafe) static let numericPattern = #/(\d{4})\s*[-./／]\s*(\d{1,2})(?:\s*[-./／]\s*(\d{1,2}))?/#

    /// Words of a meeting, one of which the phrase after a date must name.
    static let meetingWords = ["会议", "會議", "大会", "大會", "全会", "全會"]
    /// How a phrase about a meeting or an adoption ends: `…会议上`, `…会议通过`, `…会议上的讲话`, ….
    static let meetingEndings = ["上", "通过", "通過", "批准", "讲话", "講話", "报告", "報告", "发言", "發言"]

    /// Whether the text after a date names the meeting where a text was given or adopted.
    static func isMeetingPhrase(_ phrase: String) -> Bool {
        var phrase = Substring(phrase)
        if let last = phrase.last, last == "。" || last == "." { phrase = phrase.dropLast() }
        guard !phrase.contains(where: { "，。；：！？,;:!?“”\"".contains($0) }) else { return false }
        return meetingWords.contains { phrase.contains($0) } && meetingEndings.contains { phrase.hasSuffix($0) }
    }

    static func isDash(_ character: Character) -> Bool {
        "-—–－─―‐".contains(character)
    }

    /// Whether a line starts, after white space, dashes and an opening bracket, with four digits
    /// (ASCII, full-width or Chinese) and `年` or a date separator: a cheap test on the scalars
    /// before the normalising and the patterns, which most lines fail at their first character.
    static func startsWithYear(_ line: String) -> Bool {
        var bracket = false
        var digits = 0
        for scalar in line.unicodeScalars {
            if digits == 0 {
                switch scalar {
                case " ", "\u{3000}", "\t": continue
                case "-", "—", "–", "－", "─", "―", "‐": if bracket { return false } else { continue }
                case "（", "(": if bracket { return false } else { bracket = true; continue }
                default: break
                }
            }
            if ("0"..."9").contains(scalar) || ("０"..."９").contains(scalar) || chineseDigits[scalar] != nil {
                digits += 1
                if digits > 4 { return false }
            } else if digits == 4 {
                if scalar == " " || scalar == "\u{3000}" { continue }
                return scalar == "年" || scalar == "-" || scalar == "." || scalar == "/" || scalar == "／"
            } else {
                return false
            }
        }
        return false
    }

    /// Whether a date exists; a month or day not given (`nil`) is no problem.
    static func exists(year: Int, month: Int?, day: Int?) -> Bool {
        guard let month else { return true }
        guard (1...12).contains(month) else { return false }
        guard let day else { return true }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        return components.isValidDate(in: Calendar(identifier: .gregorian))
    }

    /// Turns full-width digits and Chinese numerals (〇一二…十) into ASCII digits. The circles that
    /// PDFs and word processors put for 〇 (`二○二二年`, U+25CB; U+25EF) are zero too.
    static func normaliseDigits(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0xFF10...0xFF19).contains(scalar.value) {
                scalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            } else {
                scalars.append(scalar)
            }
        }
        guard scalars.contains(where: { chineseDigits[$0] != nil || $0 == "十" }) else { return String(scalars) }
        // Chinese numerals: a year is written digit by digit (二〇二一), months and days with 十.
        var result = String.UnicodeScalarView()
        var run: [Unicode.Scalar] = []
        func flushRun() {
            guard !run.isEmpty else { return }
            let value: String
            if let ten = run.firstIndex(of: "十") {
                let tens = ten == 0 ? 1 : (chineseDigits[run[ten - 1]] ?? 0)
                let ones = ten + 1 < run.count ? (chineseDigits[run[ten + 1]] ?? 0) : 0
                value = String(tens * 10 + ones)
            } else {
                value = run.map { String(chineseDigits[$0] ?? 0) }.joined()
            }
            result.append(contentsOf: value.unicodeScalars)
            run.removeAll()
        }
        for scalar in scalars {
            if chineseDigits[scalar] != nil || scalar == "十" {
                run.append(scalar)
            } else {
                flushRun()
                result.append(scalar)
            }
        }
        flushRun()
        return String(result)
    }

    static let chineseDigits: [Unicode.Scalar: Int] = [
        "〇": 0, "○": 0, "◯": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
}
