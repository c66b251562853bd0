import Foundation

/// The parts of an article byline: `（宿迁市宿豫区委常委、组织部部长张贤永）`.
public struct Byline: Sendable, Equatable {
    /// The byline as printed, without the parentheses.
    public var text: String
    /// The author's name, or empty when the byline names none.
    public var author: String
    /// The position(s) with their organisation: the byline without the name and without `作者为`.
    public var position: String
    /// The place names that head the position (`宿迁市宿豫区`), or empty.
    public var region: String

    /// Reads a byline's text (without parentheses).
    ///
    ///     Byline.parse("宿迁市委党建办副主任 张行").author                  // "张行"
    ///     Byline.parse("建湖县委常委、组织部部长、开发区党工委书记孙红").author  // "孙红"
    ///     Byline.parse("作者为泰州市委常委、组织部部长").author              // ""
    ///
    /// A name is the last space-separated part when it is a name (two to four Chinese characters,
    /// or a transliterated name with `·`), otherwise the two to four characters glued after the
    /// last title word (部长, 书记, 主任, …). A byline that ends with a title word names nobody.
    public static func parse(_ text: String) -> Byline {
        let cleaned = text.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{3000}")))
        var body = cleaned
        for prefix in ["作者为", "作者系", "作者是", "作者：", "作者:", "作者", "文／", "文/"] where body.hasPrefix(prefix) {
            body = String(body.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        var author = ""
        var position = body
        let parts = body.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" })
        if parts.count >= 2, isName(parts.last!) {
            author = String(parts.last!)
            position = parts.dropLast().joined(separator: " ")
        } else if parts.count == 1, isName(parts[0]), titleSuffixEnd(in: body) == nil {
            author = body
            position = ""
        } else if let end = titleSuffixEnd(in: body) {
            let rest = body[end...]
            if isName(rest) {
                author = String(rest)
                position = String(body[..<end])
            }
        }
        return Byline(text: cleaned, author: author, position: position, region: region(of: position))
    }

    /// A byline printed without brackets on a line of its own, as speeches and reports name their
    /// speaker under the title (`省长 王予波`, `四川省人民政府省长　施小琳`, `自治区主席 艾尔肯·吐尼亚孜`,
    /// `本报记者 张行`): a position that ends with a title word, white space, and a name (`李　强`
    /// is 李强). Returns the byline's text, its parts one space apart, or nil. A greeting
    /// (`各位代表 同志们`) and a subtitle after a dash (`——访泰州市市长 王立新`) are none. A name glued
    /// to its position (`省长王予波`) is no such line: running text reads that way too.
    public static func unbracketed(_ line: String) -> String? {
        guard line.unicodeScalars.count <= 40, !line.unicodeScalars.contains(where: { unbracketedStops.contains($0) }) else { return nil }
        var parts = line.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }).map(String.init)
        // A two-character name spaced out to the width of three (`李　强`).
        if parts.count >= 3, parts[parts.count - 1].count == 1, parts[parts.count - 2].count == 1 {
            parts[parts.count - 2] += parts.removeLast()
        }
        guard parts.count >= 2, isName(parts.last!), !addressees.contains(parts.last!), isPosition(parts.dropLast().joined()),
              let lead = parts.first?.unicodeScalars.first, !"—－-".unicodeScalars.contains(lead), !parts[0].hasPrefix("各位") else { return nil }
        let name = parts.removeLast()
        return parts.joined(separator: " ") + " " + name
    }

    /// Whether `text` is a position and nothing else: it ends with a title word (`国务院总理`), and
    /// is no longer than a byline.
    static func isPosition(_ text: String) -> Bool {
        text.utf8.count <= 120 && titleSuffixes.contains { text.hasSuffix($0) }
    }

    /// Words of address that read as names (`各位代表 同志们`).
    static let addressees: Set<String> = ["同志们", "朋友们", "女士们", "先生们", "代表们", "同学们", "老师们", "大家"]

    /// Punctuation that no unbracketed byline holds (it ends or splits a sentence, or brackets).
    static let unbracketedStops: Set<Unicode.Scalar> = ["，", "。", "；", "：", "！", "？", ",", ";", ":", "!", "?", "（", "）", "(", ")", "“", "”", "《", "》"]

    static func isName<S: StringProtocol>(_ text: S) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let han = scalars.filter { $0.properties.isIdeographic }.count
        if scalars.contains("·") || scalars.contains("•") {
            return han >= 3 && han + scalars.filter { $0 == "·" || $0 == "•" }.count == scalars.count && scalars.count <= 12
        }
        return (2...4).contains(han) && han == scalars.count
    }

    /// The end of the last title word in the text, when it is followed by a possible name or nothing.
    static func titleSuffixEnd(in text: String) -> String.Index? {
        var best: String.Index?
        for suffix in titleSuffixes {
            var searchRange = text.startIndex..<text.endIndex
            while let found = text.range(of: suffix, range: searchRange) {
                if best == nil || found.upperBound > best! { best = found.upperBound }
                searchRange = found.upperBound..<text.endIndex
            }
        }
        return best
    }

    /// Words that end a position in Chinese bylines. Longer forms come first only for clarity;
    /// the search takes the one that ends last.
    static let titleSuffixes = [
        "秘书长", "调研员", "巡视员", "督导员", "指导员", "特派员", "审计长", "检察长", "总经理", "董事长",
        "负责人", "工程师", "研究员", "副教授", "委员", "部长", "书记", "主任", "常委", "主席", "局长", "厅长",
        "处长", "科长", "司长", "院长", "所长", "校长", "馆长", "站长", "队长", "组长", "会长", "社长", "行长",
        "台长", "署长", "省长", "市长", "县长", "区长", "州长", "镇长", "乡长", "村长", "主编", "经理", "总裁",
        "教授", "讲师", "记者", "编辑", "干部", "科员", "专员", "助理", "秘书", "政委", "庭长", "法官", "检察官",
        "干事", "代表", "成员", "理事", "主管", "博士", "学者", "总理",
    ]

    /// Place names at the start of a position: `宿迁市宿豫区委常委` → `宿迁市宿豫区`,
    /// `四川省人民政府省长` → `四川省`, `北京市市长` → `北京市`.
    ///
    /// Design note. A head of government is titled by the unit's own suffix and 长 (省长, 市长, 县长,
    /// 区长, 镇长), and 市委 follows a city's name as 区委 follows a district's: a suffix written
    /// twice (`北京市市长`, `苏州市市委`) ends the name at its first (no place name ends in 市市,
    /// 省省, 县县 or 区区), and 人民政府 or an acting or deputy head's title (代省长, 副市长) is
    /// no place name. `广州市长` keeps 广州市, `湖州市长兴县` and `长阳土家族自治县` stay whole.
    static func region(of position: String) -> String {
        var text = Substring(position)
        for prefix in ["中共", "中国共产党"] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        guard let match = text.prefixMatch(of: regionPattern) else { return "" }
        var region = Substring(match.output)
        if let end = text.firstMatch(of: regionEnd), end.range.lowerBound < region.endIndex {
            region = text[region.startIndex..<end.range.lowerBound]
        }
        // A unit's kind alone (`自治区主席`: 自治 + 区) names no place.
        if genericUnits.contains(String(region)) { return "" }
        let scalars = Array(region.unicodeScalars)
        if let doubled = scalars.indices.dropFirst().first(where: { scalars[$0] == scalars[$0 - 1] && singleSuffixes.contains(scalars[$0]) }) {
            region = Substring(String(String.UnicodeScalarView(scalars[..<doubled])))
        }
        return String(region)
    }

    /// Kinds of units that the place-name pattern matches but that name no place by themselves.
    static let genericUnits: Set<String> = ["自治区", "自治州", "自治县", "自治旗", "特别行政区", "地区", "街道", "辖区", "市区", "城区", "郊区", "社区", "小区", "园区", "新区", "景区", "校区", "全省", "全市", "全县", "全区", "本市", "本县", "本区", "我省", "我市", "我县", "我区"]

    /// The one-character suffixes of place names.
    static let singleSuffixes: Set<Unicode.Scalar> = ["省", "市", "州", "盟", "县", "区", "旗", "镇", "乡"]

    nonisolated(unsafe) static let regionPattern =
        #/(?:(?!委)[\p{Han}--[、〃〆〇々]]{1,7}(?:省|自治区|特别行政区|市|自治州|州|地区|盟|自治县|县|区|旗|镇|乡|街道))+/#

    /// What ends a region inside the run of place names: the government (`人民政府`), and an acting
    /// or deputy head's title (`代省长`, `副市长`).
    nonisolated(unsafe) static let regionEnd = #/人民政府|(?:代|常务副|副)(?:省|市|县|区|州|镇|乡)长/#
}
