import Ingest
import Reporting

/// The corpus at a glance, the input files and anything that went wrong.
enum OverviewSection {
    static func section(_ ingest: IngestResult) -> Section {
        let articles = ingest.articles
        // One pass over the articles, each read in place (`shown(_:at:)`: a copy of an article
        // retains its dozen strings): the first and last date as sorting would give them, without sorting.
        var characters = 0
        var datedCount = 0, firstDate = "", lastDate = ""
        // News datelines that give the day without the year: dated by the path's or a sidecar's year, or not.
        var daysDated = 0, daysUndated = 0
        var authors = Set<String>(), regions = Set<String>()
        for index in articles.indices {
            characters += articles[index].characterCount
            let date = articles.shown("date", at: index)
            if !date.isEmpty {
                if datedCount == 0 || date < firstDate { firstDate = date }
                if datedCount == 0 || !(date < lastDate) { lastDate = date }
                datedCount += 1
            }
            // Dated by the day (`2023-03-05` for `--03-05`), not by a sidecar's date or to the year only.
            let monthDay = articles[index].monthDay
            if !monthDay.isEmpty {
                if date.isEmpty {
                    daysUndated += 1
                } else if articles[index].fields["date"] == nil, date.utf8.count == 10, date.hasSuffix(monthDay.dropFirst()) {
                    daysDated += 1
                }
            }
            let author = articles.shown("author", at: index), region = articles.shown("region", at: index)
            // Joint authors (`张三、李四`, a news report's reporters) are each one person.
            for name in author.split(separator: "、") where !name.isEmpty { authors.insert(String(name)) }
            if !region.isEmpty { regions.insert(region) }
        }
        var facts = [
            "\(ingest.files.count) input file(s), \(articles.count) article(s), \(characters) characters of body text.",
        ]
        if datedCount > 0 {
            facts.append("Dates from \(firstDate) to \(lastDate); \(articles.count - datedCount) article(s) without a date.")
        }
        if daysDated > 0 {
            facts.append("\(daysDated) news report(s) dated by their dateline's day (3月5日) in the year of their file's path or of a "
                + "sidecar's year column.")
        }
        if daysUndated > 0 {
            facts.append("\(daysUndated) news report(s) have a dateline's day but no year, so no date: a date or year in the file's "
                + "path (2023/03/06/, 2023年) or a sidecar's year column would date them.")
        }
        facts.append("\(authors.count) named author(s) and \(regions.count) region(s).")
        if !ingest.skipped.isEmpty { facts.append("\(ingest.skipped.count) file(s) skipped: see Problems.") }
        return Section(id: "overview", title: "Overview", blocks: [.itemizedList(facts), .table(filesTable(ingest.files))])
    }

    /// The input files (`files.csv`): a row per file, generated, its CSV records written from the
    /// files' fields (a corpus of one article per file has as many files as articles).
    static func filesTable(_ files: [InputFile]) -> Table {
        Table(id: "input-files", title: "Input files", columns: [
            Column("file", label: "File"), Column("sha256", label: "SHA-256"), Column("bytes", label: "Bytes"),
            Column("encoding", label: "Encoding"), Column("articles", label: "Articles"),
        ], rowCount: files.count, csvName: "files.csv",
        row: { index, cells in
            cells.append(.text(files[index].path))
            cells.append(.text(files[index].contentHash))
            cells.append(.integer(files[index].byteCount))
            cells.append(.text(files[index].encoding))
            cells.append(.integer(files[index].articleCount))
        },
        records: { range, bytes in
            CSVWriter.appendRecords(range, to: &bytes) { index, fields in
                fields.text(files[index].path)
                fields.text(files[index].contentHash)
                fields.integer(files[index].byteCount)
                fields.text(files[index].encoding)
                fields.integer(files[index].articleCount)
            }
        })
    }

    /// A warning for each article without body text, at its file and line: an empty file (said
    /// so), or a title with no text under it.
    static func emptyArticleWarnings(_ ingest: IngestResult) -> [String] {
        let articles = ingest.articles
        let empty = articles.indicesWithoutBody()
        guard !empty.isEmpty else { return [] }
        var bytes: [String: Int] = [:]
        for file in ingest.files { bytes[file.path] = file.byteCount }
        return empty.map { index in
            let article = articles[index]
            let what = bytes[article.sourcePath] == 0 ? "the file is empty (0 bytes)"
                : article.titleIsFileName == true ? "the file holds no text" : "a title with no text under it"
            return "\(article.sourcePath):\(article.startLine): article \(article.id) (\(article.shown("title"))) has no body text "
                + "(\(what)): nothing is counted from it"
        }
    }

    /// Skipped files and warnings; `nil` when there are none.
    static func problems(_ ingest: IngestResult) -> Section? {
        guard !ingest.skipped.isEmpty || !ingest.warnings.isEmpty else { return nil }
        var blocks: [Block] = []
        if !ingest.skipped.isEmpty {
            blocks.append(.table(Table(id: "skipped-files", title: "Skipped files", columns: [
                Column("file", label: "File"), Column("reason", label: "Reason"),
            ], rows: ingest.skipped.map { skipped in
                // The reason without the path its message starts with: the path is the first column.
                let prefix = skipped.path + ": "
                return [.text(skipped.path), .text(skipped.reason.hasPrefix(prefix) ? String(skipped.reason.dropFirst(prefix.count)) : skipped.reason)]
            }, csvName: "skipped.csv")))
        }
        if !ingest.warnings.isEmpty { blocks.append(.itemizedList(ingest.warnings)) }
        return Section(id: "problems", title: "Problems", blocks: blocks)
    }
}
