import Foundation

/// A decoded input file, before it is split into articles.
///
///     let document = try Decoding.decode(fileAt: url)
///     print(document.encoding)   // .gb18030
public struct Document: Sendable, Equatable {
    /// The path as the user named it or as it was found under a named folder.
    public var path: String
    /// Lower-case hex SHA-256 of the file's bytes.
    public var contentHash: String
    /// Size of the file in bytes.
    public var byteCount: Int
    /// The encoding the bytes were decoded from.
    public var encoding: TextEncoding
    /// The decoded text with line ends normalised to LF.
    public var text: String

    public init(path: String, contentHash: String, byteCount: Int, encoding: TextEncoding, text: String) {
        self.path = path
        self.contentHash = contentHash
        self.byteCount = byteCount
        self.encoding = encoding
        self.text = text
    }
}

/// One article with its metadata and repaired body text.
///
/// An article's body excludes its title, byline and a date line that holds only the date (one that
/// also names the meeting or the adoption stays in the body).
public struct Article: Sendable, Equatable, Codable {
    /// Stable id: the first 12 hex digits of the file's SHA-256, a dash, and the article's
    /// 1-based position in the file (`3fa2c81e9b04-07`). The same bytes give the same id on
    /// every run and machine.
    public var id: String
    /// The source file, as given to `Ingestor`.
    public var sourcePath: String
    /// 1-based position of the article in its file.
    public var indexInFile: Int
    /// 1-based line number (in the decoded file) where the article starts.
    public var startLine: Int
    public var title: String
    /// The byline as printed, without its parentheses, e.g. `宿迁市委党建办副主任 张行`.
    public var byline: String
    /// The author's name; empty when the byline names none.
    public var author: String
    /// The author's position(s), with their organisation, e.g. `建湖县委常委、组织部部长`.
    public var position: String
    /// The place (province, city, county, district) that heads the position, e.g. `宿迁市宿豫区`.
    public var region: String
    /// ISO 8601 date (`2021-11-11`, or `2021-11` / `2021` when only those are given); empty if none.
    /// A news dateline's day without a year (`monthDay`) is dated here by the year of the file's path.
    public var date: String
    /// The body, one element per repaired paragraph.
    public var paragraphs: [String] {
        didSet { characterCount = Self.characterCount(of: paragraphs) }
    }
    /// Extra fields from sidecar metadata (e.g. `group`, `source`).
    public var fields: [String: String]
    /// `true` when the file has no title line and `title` is the file's name (so a copy or a
    /// renamed file reused from the run store takes its own name); `nil` otherwise.
    public var titleIsFileName: Bool?
    /// The day of a news dateline that gives no year (`--03-05`, as XML Schema writes a day of no
    /// year), kept when the text gives the article no date; empty otherwise. The year comes from
    /// the file's path (`date`, see `PathDate`) or a sidecar's `year` (`shown("date")`).
    public var monthDay: String = ""
    /// The group of the articles without a value of a field in Cipin's tables; a sidecar cell of
    /// it says there is none.
    public static let noValue = "(none)"
    /// Set while a file is split, for an article dated by a web page's information line (the day
    /// the page was published), which the document's own closing (落款) dates instead; never stored.
    var datedByPage: Bool? = nil

    public init(
        id: String, sourcePath: String, indexInFile: Int, startLine: Int, title: String,
        byline: String = "", author: String = "", position: String = "", region: String = "",
        date: String = "", paragraphs: [String], fields: [String: String] = [:]
    ) {
        self.id = id
        self.sourcePath = sourcePath
        self.indexInFile = indexInFile
        self.startLine = startLine
        self.title = title
        self.byline = byline
        self.author = author
        self.position = position
        self.region = region
        self.date = date
        self.paragraphs = paragraphs
        self.fields = fields
        characterCount = Self.characterCount(of: paragraphs)
    }

    private enum CodingKeys: String, CodingKey {
        case id, sourcePath, indexInFile, startLine, title, byline, author, position, region, date, paragraphs, fields, titleIsFileName
        case monthDay
    }

    public init(from decoder: Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try values.decode(String.self, forKey: .id), sourcePath: try values.decode(String.self, forKey: .sourcePath),
                  indexInFile: try values.decode(Int.self, forKey: .indexInFile), startLine: try values.decode(Int.self, forKey: .startLine),
                  title: try values.decode(String.self, forKey: .title), byline: try values.decode(String.self, forKey: .byline),
                  author: try values.decode(String.self, forKey: .author), position: try values.decode(String.self, forKey: .position),
                  region: try values.decode(String.self, forKey: .region), date: try values.decode(String.self, forKey: .date),
                  paragraphs: try values.decode([String].self, forKey: .paragraphs),
                  fields: try values.decode([String: String].self, forKey: .fields))
        titleIsFileName = try values.decodeIfPresent(Bool.self, forKey: .titleIsFileName)
        monthDay = try values.decodeIfPresent(String.self, forKey: .monthDay) ?? ""
    }

    /// The body text: paragraphs joined by a line feed.
    public var body: String { paragraphs.joined(separator: "\n") }

    /// Number of Unicode scalars in the body that are not white space.
    ///
    /// Counted once, when the paragraphs are set: the overview, the article table, the keyword
    /// rates and the run store all ask for it, and each count is a pass over the whole body.
    public private(set) var characterCount: Int

    static func characterCount(of paragraphs: [String]) -> Int {
        paragraphs.reduce(0) { total, paragraph in
            var paragraph = paragraph
            return total + paragraph.withUTF8 { TextScalar.nonWhitespaceCount(utf8: $0) }
        }
    }

    /// The built-in fields a sidecar column may give instead of the text (see `shown(_:)`).
    public static let sidecarBuiltIns: Set<String> = ["title", "author", "position", "region", "date", "year"]

    /// The columns of `documents.csv` that Cipin counts for each article (`ArticlesSection`, its
    /// other columns being `id`, `file` and the built-in fields): a sidecar column of one of these
    /// names would give the file a second column of the name, so `Sidecar` refuses it.
    public static let computedColumns = ["characters", "paragraphs", "sentences", "tokens", "line"]

    /// The fields `field(_:)` derives from the article whatever a sidecar gives (`month` from the
    /// date, `byline` from the text, `source_path` as `file`): a sidecar column of one of these
    /// names would be shown in `documents.csv` but never read by groups, keyness or `compare --by`,
    /// so `Sidecar` refuses it.
    public static let derivedFields = ["month", "byline", "source_path"]

    /// The value of a metadata field by name: the built-in ones (`id`, `title`, `author`,
    /// `position`, `region`, `date`, `month`, `year`, `file`) or a sidecar field. A sidecar column
    /// named `title`, `author`, `position`, `region` or `date` gives that field (the value read from
    /// the text stays in the property, as ingest found it).
    public func field(_ name: String) -> String? {
        switch name {
        case "id": return id
        case "title", "author", "position", "region", "date": return shown(name)
        case "byline": return byline
        // A date with only a year has no month: it groups with the undated articles, as in trends.
        case "month":
            let date = shown("date")
            return date.count >= 7 ? String(date.prefix(7)) : ""
        case "year": return String(shown("date").prefix(4))
        case "file", "source_path": return sourcePath
        default: return fields[name]
        }
    }

    /// A built-in field as the reports show it: a sidecar's value when it gives one, else the text's.
    public func shown(_ name: String) -> String {
        if let value = fields[name], Self.sidecarBuiltIns.contains(name), name != "year" { return value }
        switch name {
        case "title": return title
        case "author": return author
        case "position": return position
        case "region": return region
        // A sidecar's `year` dates an article whose text gives no date; with a dateline's day
        // without a year, that day of the year, in preference to the year of the file's path (a
        // `(none)` cell, kept as "", leaves no date; a day the year lacks, 29 February, the year).
        case "date":
            if !monthDay.isEmpty, let year = fields["year"] {
                return Int(year).flatMap { PathDate(year: $0).date(of: monthDay) } ?? year
            }
            return date.isEmpty ? fields["year"] ?? "" : date
        default: return fields[name] ?? ""
        }
    }

    /// The sidecar fields that are not built-in ones (the extra columns of `documents.csv`).
    public var extraFields: [String: String] { fields.filter { !Self.sidecarBuiltIns.contains($0.key) } }
}

extension Array where Element == Article {
    /// The indices of the articles without body text, each read in place (see `shown(_:at:)`).
    public func indicesWithoutBody() -> [Int] {
        var found: [Int] = []
        for index in indices where self[index].paragraphs.isEmpty { found.append(index) }
        return found
    }

    /// `self[index].shown(name)`, read in place.
    ///
    /// Design note. A method called on `self[index]` gets a copy of the whole article, its dozen
    /// strings retained and released, and a report reads several fields of every article of a
    /// corpus. An article without sidecar fields (the usual case) shows the fields read from its
    /// text, so only the one asked for is read; any other takes `shown(_:)`.
    public func shown(_ name: String, at index: Int) -> String {
        guard self[index].fields.isEmpty else { return self[index].shown(name) }
        switch name {
        case "title": return self[index].title
        case "author": return self[index].author
        case "position": return self[index].position
        case "region": return self[index].region
        case "date": return self[index].date
        default: return ""
        }
    }
}
