import Foundation

/// The date a file's path gives, for the news reports whose dateline gives the day without the
/// year (`新华社北京3月5日电`): archives of news are kept by date (`人民日报/2023/03/06/…`,
/// `rmrb_20230306.txt`, `2023年新闻/…`), so the path says the year the day is in.
///
/// Design note. Only the year is taken from the path, never the day: a path's date may be the day
/// the page was printed or fetched, not the day the report was filed. What counts as a date:
/// - a day: `2023-03-06`, `2023_03_06`, `2023.03.06`, `2023/03/06` (folders), `20230306`,
///   `2023年3月6日`;
/// - a month: `2023-03`, `2023_03`, `2023.03`, `2023/03`, `2023年3月`;
/// - a year: `2023年`, or a folder named by the year alone or with words around it (`2023`,
///   `news-2023`), in folders only: in the file's own name a year alone is no date, as files are
///   numbered (`2023.txt`) and named by titles, which name years (`回顾2023年.txt`).
///
/// Each is bounded by characters that are not ASCII letters or digits (a hash such as
/// `4fdcb20211103ab` holds no date), its year is 1900 to next year, and its month and day exist.
/// Across folders the month and the day are folders' whole names (`2023/03/06/`; not the numbered
/// file of `2023/1.txt` or the page folder of `2023/03/01版/`). The most precise date wins; of
/// equally precise ones, the one nearest the file.
public struct PathDate: Sendable, Equatable {
    public var year: Int
    /// 0 when the path gives only the year.
    public var month: Int
    /// 0 when the path gives no day.
    public var day: Int

    public init(year: Int, month: Int = 0, day: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date in `path`, or nil.
    ///
    ///     PathDate.find(in: "rmrb/2023/03/06/01.txt")   // 2023-03-06
    ///     PathDate.find(in: "新闻2021年/0042.txt")        // 2021
    ///     PathDate.find(in: "news/2023.txt")             // nil: a numbered file
    ///
    /// - Parameter path: the part of an input's path that may date it (the input as written and the
    ///   path below it: `InputResolver.resolve(_:base:extensions:leftOut:datingParts:)`).
    public static func find(in path: String, latestYear: Int = PathDate.nextYear) -> PathDate? {
        // Full-width digits as ASCII ones, so that a path written either way reads the same.
        let scalars = path.unicodeScalars.map { scalar -> Unicode.Scalar in
            ("０"..."９").contains(scalar) ? Unicode.Scalar(scalar.value - 0xFF10 + 0x30)! : scalar
        }
        // Where the file's own name starts: a year alone there is no date (a title names years).
        let fileStart = (scalars.lastIndex(of: "/") ?? -1) + 1
        func isDigit(_ index: Int) -> Bool { index >= 0 && index < scalars.count && ("0"..."9").contains(scalars[index]) }
        func isAlphanumeric(_ index: Int) -> Bool {
            guard index >= 0, index < scalars.count else { return false }
            let scalar = scalars[index]
            return ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }
        /// The number of 1 to `most` digits at `at` (exactly `most` when `exact`), and where it ends.
        func number(at: Int, most: Int, exact: Bool = false) -> (value: Int, end: Int)? {
            var end = at, value = 0
            while end < scalars.count, end - at < most, isDigit(end) {
                value = value * 10 + Int(scalars[end].value - 0x30)
                end += 1
            }
            guard end > at, !exact || end - at == most, !isDigit(end) else { return nil }
            return (value, end)
        }
        var best: (end: Int, precision: Int, date: PathDate)?
        /// A date read with its month (and day) when `precision` is 1 (2); month and day 0 are none.
        func consider(_ date: PathDate, end: Int, precision: Int) {
            guard (1900...latestYear).contains(date.year), precision < 1 || date.month > 0, precision < 2 || date.day > 0,
                  precision == 0 || DateLine.exists(year: date.year, month: date.month, day: precision == 2 ? date.day : nil) else { return }
            // A year alone in the file's name is no date: a title names years (`回顾2023年`).
            if precision == 0 && end > fileStart { return }
            if best == nil || precision > best!.precision || (precision == best!.precision && end > best!.end) {
                best = (end, precision, date)
            }
        }
        /// Whether a number ending at `end` is a folder's whole name: `2023/03/06/` but not `2023/1.txt` or `01版`.
        func endsFolder(_ end: Int) -> Bool { end < fileStart && scalars[end] == "/" }
        var index = 0
        while index + 4 <= scalars.count {
            defer { index += 1 }
            guard isDigit(index), !isAlphanumeric(index - 1), let year = number(at: index, most: 4, exact: true) else { continue }
            var at = year.end
            // 20230306: eight digits.
            if isDigit(at) { continue }
            if at < scalars.count, scalars[at] == "年" {
                // 2023年3月6日, 2023年3月, 2023年.
                at += 1
                if let month = number(at: at, most: 2), month.end < scalars.count, scalars[month.end] == "月" {
                    if let day = number(at: month.end + 1, most: 2), day.end < scalars.count, scalars[day.end] == "日" {
                        consider(PathDate(year: year.value, month: month.value, day: day.value), end: day.end + 1, precision: 2)
                    }
                    consider(PathDate(year: year.value, month: month.value), end: month.end + 1, precision: 1)
                }
                consider(PathDate(year: year.value), end: at, precision: 0)
                continue
            }
            if at < scalars.count, "-_./".unicodeScalars.contains(scalars[at]) {
                let separator = scalars[at]
                // Across folders, the month and the day are folders' whole names (`2023/03/06/`,
                // `2023/3/`), not a numbered file or a page folder (`2023/1.txt`, `2023/03/01版/`).
                if let month = number(at: at + 1, most: 2), separator != "/" || endsFolder(month.end) {
                    // The same separator between month and day (`2023/03/06/`, `2023-03-06`).
                    if month.end < scalars.count, scalars[month.end] == separator,
                       let day = number(at: month.end + 1, most: 2), separator == "/" ? endsFolder(day.end) : !isAlphanumeric(day.end) {
                        consider(PathDate(year: year.value, month: month.value, day: day.value), end: day.end, precision: 2)
                    }
                    // A month is two digits but in folders (`2023/3/`); `2023.1` could be a version.
                    if !isAlphanumeric(month.end), month.end - at - 1 == 2 || separator == "/" {
                        consider(PathDate(year: year.value, month: month.value), end: month.end, precision: 1)
                    }
                }
            }
            // A year alone.
            if !isAlphanumeric(year.end) {
                consider(PathDate(year: year.value), end: year.end, precision: 0)
            }
        }
        // Eight digits: 20230306 (checked apart: the scan above skips runs longer than four).
        index = 0
        while index + 8 <= scalars.count {
            defer { index += 1 }
            guard isDigit(index), !isAlphanumeric(index - 1), let digits = number(at: index, most: 8, exact: true),
                  !isAlphanumeric(digits.end) else { continue }
            consider(PathDate(year: digits.value / 10000, month: digits.value / 100 % 100, day: digits.value % 100), end: digits.end,
                     precision: 2)
            index = digits.end - 1
        }
        return best?.date
    }

    /// Dates the articles of one file that hold a dateline's day without a year
    /// (`Article.monthDay`) by the date in `path` (`date(of:)`), the part of its path that may date
    /// it (see `find(in:)`); those stay undated when it gives none. Done when a file is read and
    /// again when its articles are taken from the run store, under the path of the day.
    public static func date(_ articles: inout [Article], byPath path: String) {
        guard articles.contains(where: { !$0.monthDay.isEmpty }) else { return }
        let reference = find(in: path)
        for index in articles.indices where !articles[index].monthDay.isEmpty {
            articles[index].date = reference?.date(of: articles[index].monthDay) ?? ""
        }
    }

    /// Next year, the latest a path's year may be (a schedule may run on tomorrow's issue).
    public static var nextYear: Int { Calendar(identifier: .gregorian).component(.year, from: Date()) + 1 }

    /// The ISO date of `monthDay` (`--03-05`) in the year this date says it is in: the year given;
    /// with a month or a day, the latest of the year before, this year and the next that falls no
    /// more than 7 days after this date (a month counting as its last day), as a report is filed
    /// before the issue that prints it (a file of 2023-01-02 holds reports of 2022-12-31).
    /// Nil when the day does not exist in that year (29 February).
    ///
    ///     PathDate(year: 2023, month: 1, day: 2).date(of: "--12-31")   // "2022-12-31"
    public func date(of monthDay: String) -> String? {
        guard let (month, day) = Self.parse(monthDay) else { return nil }
        var chosen = year
        if self.month > 0 {
            let lastDay = self.day > 0 ? self.day : Self.daysInMonth(year: year, month: self.month)
            let limit = Self.dayNumber(year: year, month: self.month, day: lastDay) + 7
            guard let latest = [year + 1, year, year - 1].first(where: { candidate in
                DateLine.exists(year: candidate, month: month, day: day) && Self.dayNumber(year: candidate, month: month, day: day) <= limit
            }) else { return nil }
            chosen = latest
        }
        guard DateLine.exists(year: chosen, month: month, day: day) else { return nil }
        return String(format: "%04d-%02d-%02d", chosen, month, day)
    }

    /// The month and day of `--MM-DD`.
    static func parse(_ monthDay: String) -> (month: Int, day: Int)? {
        let parts = monthDay.split(separator: "-", omittingEmptySubsequences: true)
        guard monthDay.hasPrefix("--"), parts.count == 2, let month = Int(parts[0]), let day = Int(parts[1]) else { return nil }
        return (month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a day of the proleptic Gregorian calendar (Howard Hinnant's
    /// `days_from_civil`).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
