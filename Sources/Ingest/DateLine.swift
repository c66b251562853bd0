import Foundation

/// Reads the date line of an article header.
enum DateLine {
    /// The ISO 8601 form of a line that holds only a date, or `nil`.
    ///
    ///     DateLine.parse("2021年 11月 11日")      // "2021-11-11"
    ///     DateLine.parse("二〇二一年十一月九日")   // "2021-11-09"
    ///     DateLine.parse("2021.11")              // "2021-11"
    static func parse(_ line: String) -> String? {
        // Cheap tests first: this runs on every short line of every file.
        guard line.utf8.count <= 96, let first = line.unicodeScalars.first(where: { $0 != " " && $0 != "\u{3000}" }),
              ("0"..."9").contains(first) || ("０"..."９").contains(first) || chineseDigits[first] != nil
        else { return nil }
        let text = normaliseDigits(line).trimmingCharacters(in: .whitespaces)
        if let match = text.wholeMatch(of: chinesePattern) {
            return iso(year: String(match.1), month: match.2.map(String.init), day: match.3.map(String.init))
        }
        if let match = text.wholeMatch(of: numericPattern) {
            return iso(year: String(match.1), month: String(match.2), day: match.3.map(String.init))
        }
        return nil
    }

    nonisolated(unsafe) static let chinesePattern = #/(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?)?/#
    nonisolated(unsafe) static let numericPattern = #/(\d{4})\s*[-./／]\s*(\d{1,2})(?:\s*[-./／]\s*(\d{1,2}))?/#

    static func iso(year: String, month: String?, day: String?) -> String? {
        guard let yearValue = Int(year), (1000...2999).contains(yearValue) else { return nil }
        guard let month, let monthValue = Int(month) else { return year }
        guard (1...12).contains(monthValue) else { return nil }
        let yearMonth = year + "-" + (monthValue < 10 ? "0" : "") + String(monthValue)
        guard let day, let dayValue = Int(day) else { return yearMonth }
        var components = DateComponents()
        components.year = yearValue
        components.month = monthValue
        components.day = dayValue
        guard components.isValidDate(in: Calendar(identifier: .gregorian)) else { return nil }
        return yearMonth + "-" + (dayValue < 10 ? "0" : "") + String(dayValue)
    }

    /// Turns full-width digits and Chinese numerals (〇一二…十) into ASCII digits.
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
        "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
}
