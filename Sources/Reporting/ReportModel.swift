import Foundation

/// One description of a report, rendered to DocBook and to CSV by the writers of this target.
///
/// The same `Table` value feeds the DocBook `table` and its CSV file, so the two cannot disagree.
/// `Reporting` knows nothing of Chinese or statistics: callers build the model, writers render it.
///
///     var report = Report(title: "词频报告", date: "2021-11-25")
///     report.info.append(.init(label: "Pipeline", value: "seed"))
///     report.sections.append(Section(id: "overview", title: "概况", blocks: [.paragraph("11 篇文章")]))
public struct Report: Sendable, Equatable {
    /// The report's title (`info/title`).
    public var title: String
    /// The report's subtitle, if any (`info/subtitle`).
    public var subtitle: String?
    /// ISO 8601 date or date-time of the run (`info/date`).
    public var date: String
    /// Further facts for the `info` block, such as the pipeline name (`info/bibliomisc` entries).
    public var info: [InfoItem]
    /// Top-level sections, in order.
    public var sections: [Section]
    /// Tables written only as CSV files (too long for the report, e.g. a full term list); the
    /// report's sections say where they are.
    public var attachments: [Table] = []
    /// Language of the text as a BCP 47 tag (`article/@xml:lang`); empty for none.
    public var language: String

    public init(
        title: String, subtitle: String? = nil, date: String, info: [InfoItem] = [], sections: [Section] = [],
        language: String = "zh"
    ) {
        self.title = title
        self.subtitle = subtitle
        self.date = date
        self.info = info
        self.sections = sections
        self.language = language
    }

    /// Every table in the report, depth first, in document order, then the attachments.
    public var allTables: [Table] {
        sections.flatMap(\.allTables) + attachments
    }

    /// The CSV files of the report with more records than a spreadsheet's sheet holds
    /// (`CSVWriter.spreadsheetRowLimit`, the header among them), with their record counts, in
    /// document order.
    public var csvFilesBeyondSpreadsheets: [(csvName: String, rows: Int)] {
        allTables.compactMap { table in
            guard let name = table.csvName, table.rowCount + 1 > CSVWriter.spreadsheetRowLimit else { return nil }
            return (name, table.rowCount)
        }
    }

    /// Every figure in the report, depth first, in document order.
    public var allFigures: [Figure] {
        sections.flatMap(\.allFigures)
    }
}

/// A labelled fact about the report, e.g. `Pipeline: seed`.
public struct InfoItem: Sendable, Equatable {
    public var label: String
    public var value: String
    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}

/// A titled section holding blocks and nested sections.
public struct Section: Sendable, Equatable {
    /// An XML id (`xml:id`); must be an NCName, unique in the report.
    public var id: String
    public var title: String
    public var blocks: [Block]
    public var subsections: [Section]

    public init(id: String, title: String, blocks: [Block] = [], subsections: [Section] = []) {
        self.id = id
        self.title = title
        self.blocks = blocks
        self.subsections = subsections
    }

    var allTables: [Table] {
        blocks.compactMap { block -> Table? in
            if case .table(let table) = block { return table }
            return nil
        } + subsections.flatMap(\.allTables)
    }

    var allFigures: [Figure] {
        blocks.compactMap { block -> Figure? in
            if case .figure(let figure) = block { return figure }
            return nil
        } + subsections.flatMap(\.allFigures)
    }
}

/// The content of a section.
public enum Block: Sendable, Equatable {
    case paragraph(String)
    case itemizedList([String])
    case table(Table)
    case figure(Figure)
}

/// A table with typed cells; rendered as a DocBook `table` and, when `csvName` is set, as a CSV file.
///
/// Design note. The CSV tables of a large corpus run to hundreds of thousands of rows; built as
/// `[[Cell]]` they cost an array per row and most of a run's memory. A table can instead be given
/// its row count and a function that writes row i's cells: writers then produce each row when they
/// need it, into one reused buffer, and nothing of the table is held but the caller's own rows.
public struct Table: Sendable, Equatable {
    /// An XML id (`xml:id`), unique in the report.
    public var id: String
    public var title: String
    public var columns: [Column]
    /// File name of the CSV rendering, e.g. `keywords.csv`; `nil` for tables shown only in the report.
    public var csvName: String?
    private var source: RowSource

    private enum RowSource: Sendable {
        case cells([[Cell]])
        case generated(count: Int, row: @Sendable (Int, inout [Cell]) -> Void,
                       records: (@Sendable (Range<Int>, inout [UInt8]) -> Void)?)
    }

    public init(id: String, title: String, columns: [Column], rows: [[Cell]], csvName: String? = nil) {
        self.id = id
        self.title = title
        self.columns = columns
        self.source = .cells(rows)
        self.csvName = csvName
    }

    /// A table of `rowCount` rows whose row i is written by `row(i, &cells)` into an empty array
    /// when a writer needs it; `row` must give the same cells every time.
    ///
    ///     Table(id: "terms", title: "Terms", columns: [Column("term"), Column("frequency")],
    ///           rowCount: terms.count) { index, cells in
    ///         cells.append(.text(terms[index].word))
    ///         cells.append(.integer(terms[index].count))
    ///     }
    public init(id: String, title: String, columns: [Column], rowCount: Int, csvName: String? = nil,
                row: @escaping @Sendable (Int, inout [Cell]) -> Void) {
        self.id = id
        self.title = title
        self.columns = columns
        self.source = .generated(count: rowCount, row: row, records: nil)
        self.csvName = csvName
    }

    /// A generated table that can also write its CSV records itself: `records(range, &bytes)`
    /// appends the records of the rows in `range` (UTF-8, each ending in CRLF) exactly as
    /// `CSVWriter` would write the cells `row` gives, e.g. by copying bytes kept from an earlier
    /// run through `CSVWriter.appendField`. `CSVWriter` then calls it instead of `row` (and does
    /// not check the rows' width); the report and every other reader still use `row`.
    public init(id: String, title: String, columns: [Column], rowCount: Int, csvName: String? = nil,
                row: @escaping @Sendable (Int, inout [Cell]) -> Void,
                records: @escaping @Sendable (Range<Int>, inout [UInt8]) -> Void) {
        self.id = id
        self.title = title
        self.columns = columns
        self.source = .generated(count: rowCount, row: row, records: records)
        self.csvName = csvName
    }

    /// Appends the CSV records of the rows in `range` if the table writes its own (see
    /// `init(id:title:columns:rowCount:csvName:row:records:)`); returns whether it did.
    func appendOwnRecords(in range: Range<Int>, to bytes: inout [UInt8]) -> Bool {
        guard case .generated(_, _, let records?) = source else { return false }
        records(range, &bytes)
        return true
    }

    /// Number of rows.
    public var rowCount: Int {
        switch source {
        case .cells(let rows): return rows.count
        case .generated(let count, _, _): return count
        }
    }

    /// The rows as arrays of cells (made on the spot for a generated table).
    public var rows: [[Cell]] {
        get {
            switch source {
            case .cells(let rows): return rows
            case .generated(let count, let row, _):
                return (0..<count).map { index in
                    var cells: [Cell] = []
                    row(index, &cells)
                    return cells
                }
            }
        }
        set { source = .cells(newValue) }
    }

    /// Calls `body` with the cells of each row in `range`, in order; the array passed is reused
    /// between calls for a generated table.
    public func forEachRow(in range: Range<Int>, _ body: ([Cell]) throws -> Void) rethrows {
        switch source {
        case .cells(let rows):
            for index in range { try body(rows[index]) }
        case .generated(_, let row, _):
            var cells: [Cell] = []
            cells.reserveCapacity(columns.count)
            for index in range {
                cells.removeAll(keepingCapacity: true)
                row(index, &cells)
                try body(cells)
            }
        }
    }

    /// The names of columns left out of the report, written to the CSV file only (e.g. a column
    /// that is empty in every row); the report shows every column when this names them all.
    public var hiddenInReport: Set<String> = []

    /// What the report shows, by column name, in a cell of empty text (e.g. `(not named)` for an
    /// author no header names, where a blank would look like a field not read); the CSV file keeps
    /// the cell empty.
    public var emptyCellText: [String: String] = [:]

    /// Shown whole whatever `Report.limitingRows(to:)` asks (a short table a reader needs whole,
    /// such as the settings that repeat a run).
    public var keepsEveryRow = false

    public static func == (a: Table, b: Table) -> Bool {
        a.id == b.id && a.title == b.title && a.columns == b.columns && a.csvName == b.csvName
            && a.hiddenInReport == b.hiddenInReport && a.emptyCellText == b.emptyCellText && a.rows == b.rows
    }

    /// The first `count` rows (all, if there are fewer) as a table with the same id, title and
    /// columns (and the report's hidden columns and empty-cell texts) and no CSV file; a generated table's rows are
    /// still made only when needed.
    public func prefix(_ count: Int) -> Table {
        let kept = min(max(0, count), rowCount)
        var table: Table
        switch source {
        case .cells(let rows):
            table = Table(id: id, title: title, columns: columns, rows: Array(rows.prefix(kept)))
        case .generated(_, let row, _):
            table = Table(id: id, title: title, columns: columns, rowCount: kept, row: row)
        }
        table.hiddenInReport = hiddenInReport
        table.emptyCellText = emptyCellText
        return table
    }
}

extension Report {
    /// The report with no table of more than `limit` rows in its sections. A longer table shows
    /// its first `limit` rows, its title saying how many of how many; a table with a CSV file is
    /// kept whole among the attachments (as `<id>-all`), so the CSV still holds every row.
    ///
    /// Design note. A corpus of tens of thousands of files or articles makes tables of one row per
    /// file or article that no reader reads in a report, and that would make writing and validating
    /// `report.xml` most of a run's time (38 MB for 27,000 articles); the CSV files are where such
    /// tables are read.
    public func limitingRows(to limit: Int) -> Report {
        var report = self
        var moved: [Table] = []
        func limited(_ section: Section) -> Section {
            var section = section
            section.blocks = section.blocks.map { block in
                guard case .table(let table) = block, table.rowCount > limit, !table.keepsEveryRow else { return block }
                var shown = table.prefix(limit)
                var note = "the first \(shown.rowCount) of \(table.rowCount) rows"
                if let csvName = table.csvName {
                    var whole = table
                    whole.id += "-all"
                    moved.append(whole)
                    note += "; all in \(csvName)"
                }
                // Inside a closing parenthesis the title has: "Strongest collocates (by logDice; the first 4 of 32 rows)".
                shown.title = shown.title.hasSuffix(")") ? shown.title.dropLast() + "; " + note + ")" : shown.title + " (" + note + ")"
                return .table(shown)
            }
            section.subsections = section.subsections.map(limited)
            return section
        }
        report.sections = sections.map(limited)
        report.attachments = moved + attachments
        return report
    }
}

/// A table column: `name` heads the CSV column (stable, ASCII, snake_case); `label` heads the report column.
public struct Column: Sendable, Equatable {
    public var name: String
    public var label: String
    public init(_ name: String, label: String? = nil) {
        self.name = name
        self.label = label ?? name
    }
}

/// A typed table cell.
public enum Cell: Sendable, Equatable {
    case text(String)
    case integer(Int)
    /// A real number; `fractionDigits` is used for the report, CSV always gets full precision.
    case decimal(Double, fractionDigits: Int)
    /// A real number that may be very small (a p-value): the report shows `digits` significant
    /// digits (`0.0123`, `2.1e-15`) where fixed digits would show 0.000000; CSV gets full precision.
    case significant(Double, digits: Int)
    case empty
}

/// A picture stored as a file beside the report, with a text description for readers who cannot see it.
///
/// With a `chart`, `ReportWriter` draws the picture itself as SVG at `fileRef`; without one, the
/// file is the caller's to provide.
///
///     Figure(id: "keywords-chart", title: "关键词频次", fileRef: "keywords.svg",
///            description: "人才 153 次，干部 98 次。",
///            chart: .bar(BarChart(categories: ["人才", "干部"], series: [ChartSeries(name: "次数", values: [153, 98])])))
public struct Figure: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Path of the image relative to the report, e.g. `keywords.svg`; a plain file name when `chart` is set.
    public var fileRef: String
    /// MIME-like format name for DocBook `imagedata/@format`, e.g. `SVG`.
    public var format: String
    /// What the picture shows, in words.
    public var description: String
    /// The chart to draw at `fileRef`; `nil` when the image file comes from elsewhere.
    public var chart: Chart?

    public init(
        id: String, title: String, fileRef: String, format: String = "SVG", description: String, chart: Chart? = nil
    ) {
        self.id = id
        self.title = title
        self.fileRef = fileRef
        self.format = format
        self.description = description
        self.chart = chart
    }
}
