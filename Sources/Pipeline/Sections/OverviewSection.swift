import Ingest
import Reporting

/// The corpus at a glance, the input files and anything that went wrong.
enum OverviewSection {
    static func section(_ ingest: IngestResult) -> Section {
        let articles = ingest.articles
        let characters = articles.reduce(0) { $0 + $1.characterCount }
        let dates = articles.map { $0.shown("date") }.filter { !$0.isEmpty }.sorted()
        var facts = [
            "\(ingest.files.count) input file(s), \(articles.count) article(s), \(characters) characters of body text.",
        ]
        if let first = dates.first, let last = dates.last {
            facts.append("Dates from \(first) to \(last); \(articles.count - dates.count) article(s) without a date.")
        }
        let authors = Set(articles.map { $0.shown("author") }.filter { !$0.isEmpty })
        let regions = Set(articles.map { $0.shown("region") }.filter { !$0.isEmpty })
        facts.append("\(authors.count) named author(s) and \(regions.count) region(s).")
        if !ingest.skipped.isEmpty { facts.append("\(ingest.skipped.count) file(s) skipped: see Problems.") }
        let files = Table(id: "input-files", title: "Input files", columns: [
            Column("file", label: "File"), Column("sha256", label: "SHA-256"), Column("bytes", label: "Bytes"),
            Column("encoding", label: "Encoding"), Column("articles", label: "Articles"),
        ], rows: ingest.files.map { [.text($0.path), .text($0.contentHash), .integer($0.byteCount), .text($0.encoding), .integer($0.articleCount)] },
        csvName: "files.csv")
        return Section(id: "overview", title: "Overview", blocks: [.itemizedList(facts), .table(files)])
    }

    /// Skipped files and warnings; `nil` when there are none.
    static func problems(_ ingest: IngestResult) -> Section? {
        let empty = ingest.articles.filter { $0.paragraphs.isEmpty }.map { "Article \($0.id) (\($0.shown("title"))) has no body text." }
        guard !ingest.skipped.isEmpty || !ingest.warnings.isEmpty || !empty.isEmpty else { return nil }
        var blocks: [Block] = []
        if !ingest.skipped.isEmpty {
            blocks.append(.table(Table(id: "skipped-files", title: "Skipped files", columns: [
                Column("file", label: "File"), Column("reason", label: "Reason"),
            ], rows: ingest.skipped.map { [.text($0.path), .text($0.reason)] }, csvName: "skipped.csv")))
        }
        if !ingest.warnings.isEmpty { blocks.append(.itemizedList(ingest.warnings)) }
        if !empty.isEmpty { blocks.append(.itemizedList(empty)) }
        return Section(id: "problems", title: "Problems", blocks: blocks)
    }
}
