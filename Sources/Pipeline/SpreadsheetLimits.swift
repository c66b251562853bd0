#if canImport(Glibc)
import Glibc
#endif
import Analysis
import Ingest
import Reporting

/// Warnings for CSV files longer than a spreadsheet's sheet.
///
/// Design note. Cipin's CSV files keep every row, and on a large corpus `concordance.csv` passes a
/// million lines (1.2 million on 380 MB of the bench's texts). Excel, WPS and LibreOffice Calc
/// hold 1,048,576 rows in a sheet and open such a file only so far: Excel and Calc say so in a
/// dialogue, which a user may click away, and WPS need not say it. The rows are not cut here
/// (scripts read the files whole, and a cut would be a loss of its own); the run says which file
/// passes the limit, by how much, and which setting makes it shorter.
enum SpreadsheetLimits {
    /// One warning per CSV file of `report` longer than a sheet.
    /// - Parameter keynessSignificantOnly: whether the keyness files hold only the significant
    ///   words already (`keyness.csv_rows`), so that the hint does not suggest it.
    static func warnings(_ report: Report, keynessSignificantOnly: Bool = true) -> [String] {
        report.csvFilesBeyondSpreadsheets.map { name, rows in
            let shown = CSVWriter.spreadsheetRowLimit - 1
            return "\(name) has \(grouped(rows)) rows, more than a sheet of Excel, WPS or LibreOffice Calc holds "
                + "(\(grouped(CSVWriter.spreadsheetRowLimit)) rows with the header): they open only its first \(grouped(shown)) "
                + "rows and leave out the last \(grouped(rows - shown)). Read it whole with a tool that has no such limit "
                + "(Python's csv module or pandas, R, a database)\(shorter(name, keynessSignificantOnly: keynessSignificantOnly))"
        } + report.allTables.compactMap { table in
            guard let name = table.csvName, table.columns.count > columnLimit else { return nil }
            return "\(name) has \(grouped(table.columns.count)) columns, more than a sheet of Excel, WPS or LibreOffice Calc holds "
                + "(\(grouped(columnLimit))): they open only its first \(grouped(columnLimit)) columns and leave out the last "
                + "\(grouped(table.columns.count - columnLimit)). Give the metadata files fewer columns, or read it with a tool "
                + "that has no such limit (Python's csv module or pandas, R, a database)"
        }
    }

    /// The most columns a sheet of Excel (since 2007), WPS or LibreOffice Calc (since 7.4) holds.
    static let columnLimit = 16_384

    /// The most characters (UTF-16 code units) a cell of Excel holds; it cuts a longer field of a
    /// CSV file there.
    static let cellLimit = 32_767

    /// Warnings for words and article fields longer than a spreadsheet's cell: a word (an unbroken
    /// run of letters and digits, such as base64 in scraped text) is a cell of `terms.csv` and the
    /// other word tables; a title, byline or sidecar value a cell of `documents.csv`.
    static func cellWarnings(vocabulary: Vocabulary, articles: [Article]) -> [String] {
        // A text of more UTF-16 code units than a cell holds has more UTF-8 bytes too, and a native
        // string knows its UTF-8 length without a pass: the few texts of more bytes are counted.
        func isLong(_ text: String) -> Bool { text.utf8.count > cellLimit && text.utf16.count > cellLimit }
        var warnings: [String] = []
        let long = vocabulary.words.filter(isLong)
        if let longest = long.max(by: { $0.utf16.count < $1.utf16.count }) {
            warnings.append("\(long.count) word(s) of the corpus are longer than a spreadsheet cell holds (\(grouped(cellLimit)) characters), "
                + "the longest \(grouped(longest.utf16.count)) characters, beginning \(longest.prefix(20))…: Excel cuts such a cell in "
                + "terms.csv and the other word tables. Such a word is an unbroken run of letters and digits (encoded data in scraped "
                + "text, say); remove it from the input, or read the CSV files with a tool that has no such limit")
        }
        var fields: [String: (count: Int, example: String)] = [:]
        for index in articles.indices {
            // Read in place, and named only when some field is long (copies would retain every
            // article's strings).
            guard isLong(articles[index].title) || isLong(articles[index].byline) || isLong(articles[index].author)
                || isLong(articles[index].position) || isLong(articles[index].region) || isLong(articles[index].date)
                || articles[index].fields.values.contains(where: isLong) else { continue }
            let article = articles[index]
            var named = [("title", article.title), ("byline", article.byline), ("author", article.author),
                         ("position", article.position), ("region", article.region), ("date", article.date)]
            named += article.fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            for (name, value) in named where isLong(value) {
                fields[name, default: (0, article.id)].count += 1
            }
        }
        for name in fields.keys.sorted() {
            let (count, example) = fields[name]!
            warnings.append("the \(name) of \(count) article(s) (the first: \(example)) is longer than a spreadsheet cell holds "
                + "(\(grouped(cellLimit)) characters): Excel cuts it in documents.csv")
        }
        return warnings
    }

    /// A warning when the CSV files are written in GB 18030 (`csv_encoding: gb18030`) and the texts
    /// hold characters that GBK does not write as GB 18030 does: characters outside GBK (rare CJK
    /// characters of extension A and beyond, some symbols, emoji, a no-break space), which GB 18030
    /// writes in four bytes, and the few that GB 18030 writes in two bytes GBK lacks (€, 䶮). A
    /// spreadsheet that reads the file as GBK (code page 936, as older Chinese installs of Excel
    /// and WPS do) shows them as other characters. The texts are the articles' paragraphs (the
    /// words and the concordance come from them), their metadata and their files' paths. A
    /// character is tested by its bytes in both: GB 18030 as the CSV writer makes them, GBK as
    /// iconv makes them.
    static func gbkWarnings(articles: [Article], encoding: CSVWriter.Options.Encoding) -> [String] {
        guard encoding == .gb18030 else { return [] }
        let converter = iconv_open("GBK", "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { return [] }
        defer { iconv_close(converter) }
        func gbkBytes(_ scalar: Unicode.Scalar) -> [UInt8]? {
            var input = Array(String(Character(scalar)).utf8)
            var output = [UInt8](repeating: 0, count: 16)
            var inLeft = input.count, outLeft = output.count
            let converted = input.withUnsafeMutableBytes { inBuffer in
                output.withUnsafeMutableBytes { outBuffer -> Bool in
                    var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                    _ = iconv(converter, nil, nil, nil, nil)
                    return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 && inLeft == 0
                }
            }
            return converted ? Array(output.prefix(output.count - outLeft)) : nil
        }
        func isOutsideGBK(_ scalar: Unicode.Scalar) -> Bool {
            let text = String(Character(scalar))
            return gbkBytes(scalar) != CSVWriter.gb18030Bytes(text)
        }
        // Every character of GBK's common CJK block (U+4E00–U+9FA5) and ASCII is in GBK; the rest
        // are tested once each.
        func others(_ text: String, into set: inout Set<Unicode.Scalar>) {
            for scalar in text.unicodeScalars where scalar.value >= 0x80 && !(0x4E00...0x9FA5).contains(scalar.value) { set.insert(scalar) }
        }
        func texts(_ index: Int) -> [String] {
            [articles[index].title, articles[index].byline, articles[index].author, articles[index].position, articles[index].region,
             articles[index].sourcePath] + articles[index].fields.keys + articles[index].fields.values
        }
        var outside = Set<Unicode.Scalar>()
        var articleCount = 0
        var tested: [Unicode.Scalar: Bool] = [:]
        for index in articles.indices {
            var seen = Set<Unicode.Scalar>()
            for paragraph in articles[index].paragraphs { others(paragraph, into: &seen) }
            for text in texts(index) { others(text, into: &seen) }
            var found = false
            for scalar in seen {
                let isOutside = tested[scalar] ?? isOutsideGBK(scalar)
                tested[scalar] = isOutside
                if isOutside { outside.insert(scalar); found = true }
            }
            if found { articleCount += 1 }
        }
        guard !outside.isEmpty else { return [] }
        let examples = outside.sorted { $0.value < $1.value }.prefix(8)
            .map { "\(Character($0)) (U+\(String($0.value, radix: 16, uppercase: true)))" }.joined(separator: ", ")
        return ["\(outside.count) character(s) in \(articleCount) article(s) are not in GBK (\(examples)\(outside.count > 8 ? ", …" : "")): "
                + "`csv_encoding: gb18030` writes them in bytes that a spreadsheet reading the CSV files as GBK (code page 936, "
                + "as older Chinese installs of Excel and WPS do) shows as other characters; where the spreadsheets can open it, "
                + "write UTF-8 with a byte order mark (`csv_encoding: utf-8-bom`, the default)"]
    }

    /// The settings that make a file shorter, as the end of a sentence.
    private static func shorter(_ name: String, keynessSignificantOnly: Bool) -> String {
        switch name {
        case "concordance.csv": return ", or set `analysis.concordance.max_lines` to write a random sample of each keyword's lines"
        case "terms.csv": return ", or raise `analysis.min_frequency`"
        case "cooccurrence.csv": return ", or raise `analysis.cooccurrence.min_joint` or limit `with_every_word` to fewer scopes"
        case "collocates.csv": return ", or raise `analysis.collocates.min_joint` or `min_frequency`"
        case "article_keywords.csv": return ", or lower `analysis.article_keywords.top`"
        case "keywords.csv": return ", or count fewer keywords (it has a row per article and keyword)"
        case "compare_keyness.csv", "keyness.csv":
            // The significant words only, unless the files hold only those already; a run's groups
            // can be fewer (`cipin compare` has its two sides).
            let significant = keynessSignificantOnly ? "" : ", or write the significant words only (`analysis.keyness.csv_rows: significant`, the default)"
            let oneGroup = keynessSignificantOnly && name == "keyness.csv" ? ", or compare one group (`analysis.keyness.target`)" : ""
            return significant + ", or raise `analysis.keyness.min_frequency`" + oneGroup
        default: return ""
        }
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }
}
