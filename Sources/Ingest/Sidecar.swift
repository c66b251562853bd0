import Foundation

/// Extra metadata for files or articles, read from a CSV file.
///
/// The first row names the columns. One column is the key: `file` (a path relative to the CSV's
/// folder, or a bare file name) or `id` (an article id); every other column becomes a field of
/// the matching articles, e.g. `group` or `source`:
///
///     file,group,source
///     2021/南京.txt,苏南,新华日报
///
/// A column is refused when `documents.csv` would show it beside a column of the same name that
/// Cipin writes itself, or when groups would read a field Cipin derives in its place (see
/// `checkNames`): either way a user's values would be there and yet not be what is used.
public struct Sidecar: Sendable, Equatable {
    enum Key: Sendable, Equatable {
        case file(String)
        case articleID(String)
    }

    var entries: [(key: Key, fields: [String: String], line: Int)] = []
    public var path: String
    /// The value columns in the order the file writes them (a JSON Lines file: the first line's
    /// keys, then new keys as they appear), the key column left out: `documents.csv` shows them so.
    public var columns: [String] = []
    /// What did not stop the reading but is worth telling (a column with no name and no values).
    public var notes: [LineNote] = []

    public static func == (lhs: Sidecar, rhs: Sidecar) -> Bool {
        lhs.path == rhs.path && lhs.columns == rhs.columns && lhs.notes == rhs.notes && lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.fields == $1.fields }
    }

    /// Reads a sidecar: a CSV (UTF-8, BOM allowed, or GB18030), or JSON Lines when its name ends
    /// in `.jsonl` (one object a line, as corpora often ship their metadata).
    ///
    /// - Throws: `IngestError.badSidecar` naming the line for a missing key column, a row with
    ///   the wrong number of fields, an empty key, a line that is no JSON object of scalars, a
    ///   column named after one Cipin writes or derives itself (`checkNames`), an unnamed column
    ///   that holds values, or a date that is none.
    public static func load(path: String) throws -> Sidecar {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IngestError.unreadable(path: path, reason: "no such file")
        }
        let text: String
        do {
            text = try Decoding.decode(data, path: path).text
        } catch let error as IngestError {
            throw Self.undecodable(error, path: path)
        }
        let table = path.lowercased().hasSuffix(".jsonl") ? try jsonLines(text, path: path) : try csvRows(text, path: path)
        let folder = (path as NSString).deletingLastPathComponent
        // Bidirectional controls go from values and column names, as from the inputs' lines (an
        // unclosed U+202E turned the report's sentences that name one backwards); keys stay as
        // written, to match the inputs' paths and ids.
        func visible(_ text: String) -> String { TextScalar.removing(text, where: TextScalar.isBidiControl) }
        var sidecar = Sidecar(path: path, columns: table.columns.map(visible), notes: table.notes)
        // Bad dates and years are gathered, so that one error names them all (a spreadsheet's
        // column is fixed at once, not a row a run).
        var badDates: [(line: Int, reason: String)] = []
        for row in table.rows {
            var fields: [String: String] = [:]
            for (name, value) in row.values.map({ (visible($0.0), visible($0.1)) }) {
                // An empty cell of a built-in field leaves the value read from the text.
                if Article.sidecarBuiltIns.contains(name) && value.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                // `(none)`, the group the tables give articles without a value, says there is none (a
                // group of that name would be merged with them in keyword_groups.csv): no value, not
                // even the one read from the text.
                if value.trimmingCharacters(in: .whitespaces) == Article.noValue { fields[name] = ""; continue }
                fields[name] = value
            }
            // A `year` dates the articles whose text gives no date, to the year (see `Article.shown(_:)`).
            if let year = fields["year"]?.trimmingCharacters(in: .whitespaces), !year.isEmpty {
                if year.count == 4, let iso = isoDate(year) {
                    fields["year"] = iso
                } else {
                    badDates.append((row.line, "`year` is \"\(year)\", which is not a year; write it as 2021"))
                }
            }
            // A `date` column gives the articles' date (see `Article.shown(_:)`): in the form dates
            // take, perhaps with the time a spreadsheet writes after it (`2024/3/4 0:00`).
            if let written = fields["date"]?.trimmingCharacters(in: .whitespaces), !written.isEmpty {
                let date = withoutTime(written)
                if let iso = DateLine.parse(date) ?? isoDate(date) {
                    fields["date"] = iso
                } else {
                    badDates.append((row.line, "`date` is \"\(written)\", which is not a date; write it as 2021-11-11, 2021-11, 2021 or 2021年11月11日"))
                }
            }
            let key: Key
            if row.keyName == "id" {
                key = .articleID(row.key)
            } else if row.key.contains("/") {
                let absolute = row.key.hasPrefix("/") ? row.key : (folder as NSString).appendingPathComponent(row.key)
                key = .file((absolute as NSString).standardizingPath)
            } else {
                key = .file(row.key)
            }
            sidecar.entries.append((key, fields, row.line))
        }
        if let first = badDates.first {
            let others = badDates.dropFirst()
            let more = others.isEmpty ? "" : "; also line" + (others.count == 1 ? " " : "s ")
                + others.prefix(10).map { String($0.line) }.joined(separator: ", ") + (others.count > 10 ? " and \(others.count - 10) more" : "")
            throw IngestError.badSidecar(path: path, line: first.line, reason: first.reason + more)
        }
        return sidecar
    }

    /// A date without the time a spreadsheet or a database writes after it: `2024/3/4 0:00`,
    /// `2024-03-04 00:00:00`, `2024-03-04T08:30:00Z`, `2024-03-04T08:30:00+08:00`; any other text as it is.
    static func withoutTime(_ text: String) -> String {
        guard let match = text.wholeMatch(of: timeSuffix) else { return text }
        return String(match.1)
    }

    nonisolated(unsafe) static let timeSuffix = #/(.+?)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/#

    /// One row of a sidecar: its line, the key column's name and value, and the other columns
    /// that give a value (a JSON `null` gives none).
    struct Row {
        var line: Int
        var keyName: String
        var key: String
        var values: [(String, String)]
    }

    /// A sidecar's rows, its value columns in the file's order, and its notes.
    struct Rows {
        var rows: [Row] = []
        var columns: [String] = []
        var notes: [LineNote] = []
    }

    /// The names a key column may have; a row is matched by one of them.
    static let keyNames = ["file", "path", "id"]

    /// Refuses the names of a sidecar's value columns (or a JSON line's keys) that would not do
    /// what they seem to: a second key column, a column `documents.csv` computes itself
    /// (`Article.computedColumns`, which would appear twice there) and a field Cipin derives
    /// (`Article.derivedFields`, which groups would read from the article, not from the sidecar).
    /// Each reason names the column and the way out; all of them are given at once, so that one
    /// run tells everything to rename. Built-in fields (`Article.sidecarBuiltIns`) are allowed:
    /// they give the article's field.
    ///
    /// - Parameters:
    ///   - names: every column or key of the header or line, the key column included.
    ///   - noun: `column` for a CSV, `key` for a JSON line.
    /// - Throws: `IngestError.badSidecar` at `line` with every reason.
    static func checkNames(_ names: [String], path: String, line: Int, noun: String) throws {
        var reasons: [String] = []
        // Named in the file's order, as the user reads the header.
        let keys = names.filter(keyNames.contains)
        if keys.count > 1 {
            let other = keys.first { $0 != "file" && $0 != "path" } ?? keys[1]
            reasons.append(listed(keys) + " are \(keys.count == 2 ? "both" : "all") key \(noun == "key" ? "names" : "columns"), which match a "
                           + "\(noun == "key" ? "line" : "row") to a file or article; keep one and rename the other, e.g. `\(other)` to `\(other)_given`")
        }
        let computed = names.filter(Article.computedColumns.contains)
        if computed.count == 1 {
            reasons.append("the \(noun) `\(computed[0])` is one Cipin computes for documents.csv; rename it, e.g. to `\(computed[0])_given`")
        } else if computed.count > 1 {
            reasons.append("the \(noun)s " + listed(computed) + " are ones Cipin computes for documents.csv; rename them, "
                           + "e.g. `\(computed[0])` to `\(computed[0])_given`")
        }
        for name in names where Article.derivedFields.contains(name) {
            switch name {
            case "month":
                reasons.append("the \(noun) `month` is one Cipin takes from each article's date, for groups and trends; give the date "
                               + "in a `date` \(noun) (2021-11 dates an article to its month), or rename it, e.g. to `month_given`")
            case "byline":
                reasons.append("the \(noun) `byline` is one Cipin reads from each article's text; give `author`, `position` or `region` "
                               + "\(noun)s in its place, or rename it, e.g. to `byline_given`")
            default:
                reasons.append("the \(noun) `\(name)` is one Cipin gives each article (its file); rename it, e.g. to `\(name)_given`")
            }
        }
        guard reasons.isEmpty else {
            throw IngestError.badSidecar(path: path, line: line, reason: reasons.joined(separator: "; "))
        }
    }

    /// `` `a` ``, `` `a` and `b` `` or `` `a`, `b` and `c` ``.
    static func listed(_ names: [String]) -> String {
        let quoted = names.map { "`\($0)`" }
        return quoted.count <= 1 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
    }

    /// The rows of a sidecar CSV, the first row naming the columns.
    ///
    /// A column with no name (`file,,group`) is refused when a row gives it a value, which would
    /// otherwise be lost; when it is empty throughout (a spreadsheet's trailing commas) it is left
    /// out with a note.
    static func csvRows(_ text: String, path: String) throws -> Rows {
        let records = try CSVTable.parse(text, path: path)
        guard let header = records.first else {
            throw IngestError.badSidecar(path: path, line: 1, reason: "the file is empty; the first row must name the columns, one of them `file` or `id`")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seenNames: Set<String> = []
        for name in names where !name.isEmpty && !seenNames.insert(name).inserted {
            throw IngestError.badSidecar(path: path, line: header.line, reason: "the column `\(name)` is named twice; name each column once")
        }
        guard let keyColumn = names.firstIndex(where: keyNames.contains) else {
            throw IngestError.badSidecar(path: path, line: header.line,
                                         reason: "no key column; name one column `file` or `id` (found: \(names.joined(separator: ", ")))")
        }
        try checkNames(names, path: path, line: header.line, noun: "column")
        var result = Rows()
        result.rows = try records.dropFirst().map { record in
            guard record.fields.count == names.count else {
                throw IngestError.badSidecar(path: path, line: record.line,
                                             reason: "\(record.fields.count) fields where the header has \(names.count)")
            }
            let key = record.fields[keyColumn].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else {
                throw IngestError.badSidecar(path: path, line: record.line, reason: "the `\(names[keyColumn])` field is empty")
            }
            let values = names.indices.filter { $0 != keyColumn && !names[$0].isEmpty }.map { (names[$0], record.fields[$0]) }
            return Row(line: record.line, keyName: names[keyColumn], key: key, values: values)
        }
        for index in names.indices where names[index].isEmpty {
            if let record = records.dropFirst().first(where: { !$0.fields[index].trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw IngestError.badSidecar(path: path, line: header.line,
                                             reason: "column \(index + 1) has no name, yet line \(record.line) gives it a value "
                                                 + "(\"\(record.fields[index])\"); name the column in the first row, or delete it")
            }
            result.notes.append(LineNote(line: header.line, text: "column \(index + 1) has no name and no values, so it is left out; "
                                             + "delete it, or name it in the first row"))
        }
        result.columns = names.indices.filter { $0 != keyColumn && !names[$0].isEmpty }.map { names[$0] }
        return result
    }

    /// The rows of a JSON Lines sidecar: one object a line (blank lines skipped), its key `file`,
    /// `path` or `id`; strings are taken decoded, numbers and booleans as written (`1e3` stays
    /// `1e3`), `null` as no value. Its columns are the keys in the order they first appear.
    static func jsonLines(_ text: String, path: String) throws -> Rows {
        var result = Rows()
        var seenColumns: Set<String> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let pairs: [(key: String, value: JSONLine.Value)]
            do {
                pairs = try JSONLine.parse(line)
            } catch {
                throw IngestError.badSidecar(path: path, line: index + 1, reason: error.reason)
            }
            if pairs.contains(where: { $0.key.isEmpty }) {
                throw IngestError.badSidecar(path: path, line: index + 1,
                                             reason: "a key is empty (\"\"); name the value, or leave it out")
            }
            let names = pairs.map(\.key)
            try checkNames(names, path: path, line: index + 1, noun: "key")
            guard let keyName = keyNames.first(where: names.contains) else {
                throw IngestError.badSidecar(path: path, line: index + 1, reason: "no key; give each object a `file` (or `path`) or an `id`")
            }
            let key = pairs.first { $0.key == keyName }?.value.text?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !key.isEmpty else {
                throw IngestError.badSidecar(path: path, line: index + 1, reason: "the `\(keyName)` value is empty; give the "
                                             + (keyName == "id" ? "id of the article" : "file") + " the line is for")
            }
            for name in names where name != keyName && seenColumns.insert(name).inserted { result.columns.append(name) }
            let values = pairs.compactMap { pair in pair.key == keyName ? nil : pair.value.text.map { (pair.key, $0) } }
            result.rows.append(Row(line: index + 1, keyName: keyName, key: key, values: values))
        }
        return result
    }

    /// A decoding error of the metadata file at `path`, told as a metadata file's: the inputs'
    /// advice (`encoding:`, `on_error: skip`) does not reach it, as neither setting applies to it.
    static func undecodable(_ error: IngestError, path: String) -> IngestError {
        let save = "save it as UTF-8 (a metadata file is read as UTF-8, GB18030, or UTF-16 with a byte-order mark)"
        switch error {
        case .binaryFile(_, let offset):
            return .unreadable(path: path, reason: "it is not text (a NUL or control byte at byte offset \(offset)); a metadata "
                + "file is CSV or JSON Lines text: remove that byte, or check that `metadata` names the file meant")
        case .undecodable(_, let encoding, let offset):
            return .unreadable(path: path, reason: "read as \(encoding), it has an invalid byte at byte offset \(offset); \(save)")
        case .damagedUTF8(_, let offset, _, let cutShort):
            return .unreadable(path: path, reason: "invalid UTF-8 at byte offset \(offset) (\(cutShort ? "cut short" : "damaged")); "
                + "copy or export it again, or \(save)")
        case .koreanText(_, let syllables):
            return .unreadable(path: path, reason: "it looks like Korean in EUC-KR (\(syllables) Hangul syllables); \(save)")
        case .shiftJISText(_, let kana):
            return .unreadable(path: path, reason: "it holds \(kana) Japanese kana in Shift-JIS; \(save)")
        case .implausibleText(_, let encoding, let kana):
            return .unreadable(path: path, reason: "read as \(encoding), it holds \(kana) Japanese kana, so it is in another "
                + "encoding; \(save)")
        default:
            return error
        }
    }

    /// `2021`, `2021-11` or `2021-11-11` when that date exists.
    static func isoDate(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let numbers = parts.map { Int($0)! }
        guard DateLine.exists(year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil) else {
            return nil
        }
        return text
    }

    /// Keys given by more than one row (the last row wins), with their lines.
    func repeatedKeys() -> [(key: String, lines: [Int])] {
        var lines: [String: [Int]] = [:]
        var order: [String] = []
        for entry in entries {
            let name: String
            switch entry.key {
            case .file(let file): name = file
            case .articleID(let id): name = "id " + id
            }
            if lines[name] == nil { order.append(name) }
            lines[name, default: []].append(entry.line)
        }
        return order.compactMap { name in lines[name]!.count > 1 ? (name, lines[name]!) : nil }
    }

    /// The fields for an article, later rows winning over earlier ones.
    func fields(for article: Article) -> [String: String] {
        fields(ofEntries: matchingEntries(of: [article])[0])
    }

    /// The fields of the entries at `indices` (ascending), later rows winning over earlier ones.
    func fields(ofEntries indices: [Int]) -> [String: String] {
        var result: [String: String] = [:]
        for index in indices {
            result.merge(entries[index].fields) { _, new in new }
        }
        return result
    }

    /// For each article, the indices of the entries that match it (`matches`), ascending. Found
    /// through dictionaries of the keys, so that 100,000 rows and thousands of articles take time
    /// in their sum, not their product.
    func matchingEntries(of articles: [Article]) -> [[Int]] {
        var byID: [String: [Int]] = [:]
        var byPath: [String: [Int]] = [:]
        var byName: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            switch entry.key {
            case .articleID(let id): byID[id, default: []].append(index)
            case .file(let name) where name.hasPrefix("/"): byPath[name, default: []].append(index)
            case .file(let name): byName[name, default: []].append(index)
            }
        }
        return articles.map { article in
            let found = (byID[article.id] ?? []) + (byPath[article.sourcePath] ?? [])
                + (byName[(article.sourcePath as NSString).lastPathComponent] ?? [])
            return found.sorted()
        }
    }

    func matches(_ key: Key, _ article: Article) -> Bool {
        switch key {
        case .articleID(let id): return id == article.id
        case .file(let name):
            if name.hasPrefix("/") { return name == article.sourcePath }
            return (article.sourcePath as NSString).lastPathComponent == name
        }
    }

    /// Keys that matched no article, for the report's warnings.
    func unmatchedKeys(in articles: [Article]) -> [String] {
        unmatchedKeys(matched: matchingEntries(of: articles))
    }

    /// The keys of the entries that no list of `matched` (from `matchingEntries`) holds.
    func unmatchedKeys(matched: [[Int]]) -> [String] {
        unmatchedRows(matched: matched).map(\.key)
    }

    /// The keys and lines of the entries that no list of `matched` (from `matchingEntries`) holds.
    func unmatchedRows(matched: [[Int]]) -> [(key: String, line: Int)] {
        var isMatched = [Bool](repeating: false, count: entries.count)
        for indices in matched {
            for index in indices { isMatched[index] = true }
        }
        return entries.indices.compactMap { index in
            if isMatched[index] { return nil }
            switch entries[index].key {
            case .file(let name): return (name, entries[index].line)
            case .articleID(let id): return (id, entries[index].line)
            }
        }
    }
}
