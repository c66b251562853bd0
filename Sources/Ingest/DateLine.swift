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
        guard line.utf8.count <= 300, startsWithYear(line) else { return nil }
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
