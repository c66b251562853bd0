/// Finds articles written in Traditional Chinese characters.
///
/// Design note. jieba's dictionary, its IDF table and a pipeline's keywords are Simplified: in a
/// Traditional text 發展 is not 发展, so a keyword's counts drop to 0, jieba cuts the text into
/// single characters, and keyness between periods is led by the script (我們, 國家, 爲) rather than
/// the words. The bench's 1954 government work report is such a text. Converting it belongs to a
/// tool made for that (OpenCC); the ingest only says which articles need it. The test is a list
/// of common characters whose Simplified form differs (國/国, 們/们, 發/发, …): an article whose
/// text has more of their Traditional forms than Simplified ones, and at least 20, is Traditional.
public enum TraditionalScript {
    /// Traditional characters and their Simplified forms, the commonest first.
    static let pairs: [(traditional: Unicode.Scalar, simplified: Unicode.Scalar)] = Array(zip(
        "國們發經濟產業來這會時說對開關於為與學體點東車長間問題應當現實義黨動進務區級線論設員機電農話從還過後給條幾導處將總邊變軍聯統報爭歷廣陽頭萬億費價質積計劃認識議調權隊種節華衛責觀戰鐵錢鄉縣蘇漢眾傳結構織團準確資購勞".unicodeScalars,
        "国们发经济产业来这会时说对开关于为与学体点东车长间问题应当现实义党动进务区级线论设员机电农话从还过后给条几导处将总边变军联统报争历广阳头万亿费价质积计划认识议调权队种节华卫责观战铁钱乡县苏汉众传结构织团准确资购劳".unicodeScalars))
        // Variants older texts print (the 1954 report has 爲 and 産).
        + [("爲", "为"), ("産", "产"), ("衆", "众")]

    /// The CJK block the list's characters are in (U+4E00–U+9FFF).
    private static let first: UInt32 = 0x4E00, last: UInt32 = 0x9FFF

    /// For each character of the block, +1 for a Traditional form of the list, −1 for a
    /// Simplified one, 0 for the rest (a flat table: every CJK character of every file read is
    /// looked up).
    private static let side: [Int8] = {
        var side = [Int8](repeating: 0, count: Int(last - first + 1))
        for (traditional, simplified) in pairs where traditional != simplified {
            precondition((first...last).contains(traditional.value) && (first...last).contains(simplified.value), "a CJK character")
            side[Int(traditional.value - first)] = 1
            side[Int(simplified.value - first)] = -1
        }
        return side
    }()

    /// The Traditional and Simplified forms of the list's characters in `paragraphs`, and the
    /// three commonest Traditional ones (`國 ×52`).
    public static func count(_ paragraphs: [String]) -> (traditional: Int, simplified: Int, commonest: [String]) {
        var traditional = 0, simplified = 0
        var seen: [UInt32: Int] = [:]
        for paragraph in paragraphs {
            for scalar in paragraph.unicodeScalars where scalar.value >= first && scalar.value <= last {
                let which = side[Int(scalar.value - first)]
                if which == 0 { continue }
                if which > 0 {
                    traditional += 1
                    seen[scalar.value, default: 0] += 1
                } else {
                    simplified += 1
                }
            }
        }
        let commonest = seen.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
            .map { "\(Character(Unicode.Scalar($0.key)!)) ×\($0.value)" }
        return (traditional, simplified, commonest)
    }

    /// A note for an article written in Traditional characters, or `nil`.
    public static func note(for article: Article) -> LineNote? {
        let (traditional, simplified, commonest) = count(article.paragraphs)
        guard traditional >= 20, traditional > simplified else { return nil }
        return LineNote(line: article.startLine, text: "is written in Traditional characters "
            + "(\(commonest.joined(separator: ", ")); \(traditional) of the \(traditional + simplified) characters of a test list): "
            + "the keywords, jieba's dictionary and its IDF are Simplified, so 發展 is not counted as 发展 and the words are cut "
            + "badly; convert the file to Simplified first (e.g. `opencc -c t2s.json`) to count it with the rest", aboutArticle: true)
    }
}
