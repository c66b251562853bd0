import Foundation

/// Extra metadata for files or articles, read from a CSV file.
///
/// The first row names the columns. One column is the key: `file` (a path relative to the CSV's
/// folder, or a bare file name) or `id` (an article id); every other column becomes a field of
/// the matching articles, e.g. `group` or `source`:
///
///     file,group,source
///     2021/南京.txt,苏南,新华日报
public struct Sidecar: Sendable, Equatable {
    enum Key: Sendable, Equatable {
        case file(String)
        case articleID(String)
    }

    var entries: [(key: Key, fields: [String: String], line: Int)] = []
    public var path: String

    public static func == (lhs: Sidecar, rhs: Sidecar) -> Bool {
        lhs.path == rhs.path && lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.fields == $1.fields }
    }

    /// Reads a sidecar: a CSV (UTF-8, BOM allowed, or GB18030), or JSON Lines when its name ends
    /// in `.jsonl` (one object a line, as corpora often ship their metadata).
    ///
    /// - Throws: `IngestError.badSidecar` naming the line for a missing key column, a row with
    ///   the wrong number of fields, an empty key, a line that is no JSON object, or a date that is none.
    public static func load(path: String) throws -> Sidecar {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IngestError.unreadable(path: path, reason: "no such file")
        }
        let text = try Decoding.decode(data, path: path).text
        let rows = path.lowercased().hasSuffix(".jsonl") ? try jsonLines(text, path: path) : try csvRows(text, path: path)
        let folder = (path as NSString).deletingLastPathComponent
        var sidecar = Sidecar(path: path)
        for row in rows {
            var fields: [String: String] = [:]
            for (name, value) in row.values where !name.isEmpty {
                // An empty cell of a built-in field leaves the value read from the text.
                if Article.sidecarBuiltIns.contains(name) && value.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                fields[name] = value
            }
            // A `year` dates the articles whose text gives no date, to the year (see `Article.shown(_:)`).
            if let year = fields["year"]?.trimmingCharacters(in: .whitespaces), !year.isEmpty {
                guard year.count == 4, let iso = isoDate(year) else {
                    throw IngestError.badSidecar(path: path, line: row.line, reason: "`year` is \"\(year)\", which is not a year; write it as 2021")
                }
                fields["year"] = iso
            }
            // A `date` column gives the articles' date (see `Article.shown(_:)`): in the form dates take.
            if let date = fields["date"]?.trimmingCharacters(in: .whitespaces), !date.isEmpty {
                guard let iso = DateLine.parse(date) ?? isoDate(date) else {
                    throw IngestError.badSidecar(path: path, line: row.line,
                                                 reason: "`date` is \"\(date)\", which is not a date; write it as 2021-11-11, 2021-11, 2021 or 2021年11月11日")
                }
                fields["date"] = iso
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
        return sidecar
    }

    /// One row of a sidecar: its line, the key column's name and value, and the other columns.
    struct Row {
        var line: Int
        var keyName: String
        var key: String
        var values: [(String, String)]
    }

    /// The rows of a sidecar CSV, the first row naming the columns.
    static func csvRows(_ text: String, path: String) throws -> [Row] {
        let records = try CSVTable.parse(text, path: path)
        guard let header = records.first else {
            throw IngestError.badSidecar(path: path, line: 1, reason: "the file is empty; the first row must name the columns, one of them `file` or `id`")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seenNames: Set<String> = []
        for name in names where !name.isEmpty && !seenNames.insert(name).inserted {
            throw IngestError.badSidecar(path: path, line: header.line, reason: "the column `\(name)` is named twice; name each column once")
        }
        guard let keyColumn = names.firstIndex(where: { $0 == "file" || $0 == "id" || $0 == "path" }) else {
            throw IngestError.badSidecar(path: path, line: header.line,
                                         reason: "no key column; name one column `file` or `id` (found: \(names.joined(separator: ", ")))")
        }
        return try records.dropFirst().map { record in
            guard record.fields.count == names.count else {
                throw IngestError.badSidecar(path: path, line: record.line,
                                             reason: "\(record.fields.count) fields where the header has \(names.count)")
            }
            let key = record.fields[keyColumn].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else {
                throw IngestError.badSidecar(path: path, line: record.line, reason: "the `\(names[keyColumn])` field is empty")
            }
            let values = names.indices.filter { $0 != keyColumn }.map { (names[$0], record.fields[$0]) }
            return Row(line: record.line, keyName: names[keyColumn], key: key, values: values)
        }
    }

    /// The rows of a JSON Lines sidecar: one object a line (blank lines skipped), its key `file`,
    /// `path` or `id`; strings are taken as they are, numbers and booleans as written, `null` as no value.
    static func jsonLines(_ text: String, path: String) throws -> [Row] {
        var rows: [Row] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(trimmed.utf8)) else {
                throw IngestError.badSidecar(path: path, line: index + 1, reason: "not a JSON object; a .jsonl sidecar holds one object a line")
            }
            let values = object.sorted { $0.key < $1.key }.compactMap { name, value in value.text.map { (name, $0) } }
            guard let keyName = ["file", "path", "id"].first(where: { name in values.contains { $0.0 == name } }),
                  let key = values.first(where: { $0.0 == keyName })?.1.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
                throw IngestError.badSidecar(path: path, line: index + 1, reason: "no key; give each object a `file` (or `path`) or an `id`")
            }
            rows.append(Row(line: index + 1, keyName: keyName, key: key, values: values.filter { $0.0 != keyName }))
        }
        return rows
    }

    /// A value of a JSON Lines sidecar, as the text a field takes (`nil` for `null`).
    enum JSONValue: Decodable {
        case text(String?)

        var text: String? {
            switch self { case .text(let value): return value }
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .text(nil); return }
            if let flag = try? container.decode(Bool.self) { self = .text(flag ? "true" : "false"); return }
            if let whole = try? container.decode(Int.self) { self = .text(String(whole)); return }
            if let number = try? container.decode(Double.self) { self = .text(String(number)); return }
            if let string = try? container.decode(String.self) { self = .text(string); return }
            // An array or object: kept as its JSON text is not possible here; left out.
            self = .text(nil)
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
        var result: [String: String] = [:]
        for entry in entries where matches(entry.key, article) {
            result.merge(entry.fields) { _, new in new }
        }
        return result
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
        entries.compactMap { entry in
            articles.contains { matches(entry.key, $0) } ? nil : {
                switch entry.key {
                case .file(let name): return name
                case .articleID(let id): return id
                }
            }()
        }
    }
}
