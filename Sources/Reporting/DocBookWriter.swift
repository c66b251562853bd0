import Foundation

/// Renders a `Report` as a DocBook 5.0 `article`, valid against the DocBook 5 RELAX NG schema.
///
///     let report = Report(title: "词频报告", date: "2021-11-25", sections: [
///         Section(id: "overview", title: "概况", blocks: [.paragraph("共 11 篇文章。")]),
///     ])
///     try DocBookWriter.write(report, to: URL(fileURLWithPath: "out/report.xml"))
///
/// The document looks like this (every element shown is emitted only when the model has it):
///
///     <article xmlns="http://docbook.org/ns/docbook" version="5.0" xml:lang="zh">
///       (with xmlns:xlink="http://www.w3.org/1999/xlink" when tables are written to files)
///       <info>
///         <title/> <subtitle/> <date/>
///         <bibliomisc role="info-item"><phrase role="label">Pipeline</phrase>: seed</bibliomisc>
///       </info>
///       <section xml:id="overview">
///         <title/>
///         <para/>
///         <itemizedlist><listitem><para/></listitem></itemizedlist>
///         (a file the report writes, named in a title or paragraph:
///          <link xlink:href="terms.csv">terms.csv</link>)
///         <table xml:id="t"><title/><tgroup cols="2">
///           <colspec colname="c1"/><colspec colname="c2" align="right"/>
///           <thead><row><entry/>…</row></thead>
///           <tbody><row><entry/><entry align="right">3</entry></row></tbody>
///         </tgroup></table>
///         <figure xml:id="f"><title/><mediaobject>
///           <imageobject><imagedata fileref="keywords.svg" format="SVG"/></imageobject>
///           (a figure with a chart adds width="100%" scalefit="1" contentdepth="100%")
///           <textobject><phrase>…</phrase></textobject>
///         </mediaobject></figure>
///         <section>…</section>
///       </section>
///     </article>
///
/// DocBook forbids some empty containers, so emptiness is written as a sentence from `Options`:
/// an article or section without content gets a `para`, an empty list becomes a `para`, and a table
/// without rows gets one body row whose single entry spans all columns.
///
/// Characters XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF) are
/// replaced by U+FFFD in every title, paragraph, cell and attribute; tab, LF and CR are kept.
public enum DocBookWriter {
    /// The DocBook 5 namespace.
    public static let namespace = "http://docbook.org/ns/docbook"
    /// The XLink namespace, of a link's `xlink:href`.
    public static let xlinkNamespace = "http://www.w3.org/1999/xlink"

    /// Wording for content DocBook does not allow to be empty.
    public struct Options: Sendable, Equatable {
        /// The paragraph of a report without sections.
        public var emptyReportText: String
        /// The paragraph of a section without blocks or subsections.
        public var emptySectionText: String
        /// The single spanning entry of a table without rows.
        public var emptyTableText: String
        /// The paragraph that stands for an itemized list without items.
        public var emptyListText: String
        /// The language of a table cell whose text holds Han characters (`entry/@xml:lang`), in a
        /// report of another language; `nil` to mark none. A screen reader then reads 人才 with
        /// a Chinese voice, not an English one.
        public var hanCellLanguage: String?

        public init(
            emptyReportText: String = "本报告没有内容。",
            emptySectionText: String = "本节没有内容。",
            emptyTableText: String = "没有数据。",
            emptyListText: String = "（无）",
            hanCellLanguage: String? = nil
        ) {
            self.emptyReportText = emptyReportText
            self.emptySectionText = emptySectionText
            self.emptyTableText = emptyTableText
            self.emptyListText = emptyListText
            self.hanCellLanguage = hanCellLanguage
        }

        /// The same texts in English, for a report whose own words are English (`language: "en"`),
        /// its cells of Chinese text marked `zh`.
        public static let english = Options(emptyReportText: "This report has no content.", emptySectionText: "This section has no content.",
                                            emptyTableText: "No data.", emptyListText: "(none)", hanCellLanguage: "zh")
    }

    /// Writes `report` as DocBook to `url`, atomically (temporary file, then rename).
    ///
    ///     try DocBookWriter.write(Report(title: "词频报告", date: "2021-11-25"), to: url)
    ///
    /// - Parameters:
    ///   - report: The report; ids must be unique ASCII XML names and every row must have one cell per column.
    ///   - url: Destination file; an existing file is replaced only when the new one is complete.
    ///   - options: Wording for empty content.
    /// - Throws: `ReportingError` naming `url.path`: a bad id, a malformed table, a libxml2 failure or a
    ///   file-system error. Nothing is written when the model is rejected.
    public static func write(_ report: Report, to url: URL, options: Options = Options()) throws {
        let data = try render(report, options: options, documentName: url.path)
        try AtomicFile.write(data, to: url)
    }

    /// The DocBook document for `report` as UTF-8 bytes, indented with two spaces.
    ///
    ///     let xml = try DocBookWriter.render(Report(title: "词频报告", date: "2021-11-25"))
    ///
    /// - Parameters:
    ///   - documentName: The name errors give for the document.
    /// - Throws: `ReportingError` as for `write(_:to:options:)`, except file-system errors.
    /// - Complexity: O(n) in the size of the report.
    public static func render(
        _ report: Report, options: Options = Options(), documentName: String = "report.xml"
    ) throws -> Data {
        try ReportChecks.check(report, path: documentName)
        let writer = try XMLTextWriter(path: documentName)
        try writer.startDocument()
        try writer.startRootElement("article", namespace: namespace)
        // The files written with the report, which its text links to wherever it names them.
        let files = Set(report.allTables.compactMap(\.csvName))
        if !files.isEmpty { try writer.attribute("xmlns:xlink", xlinkNamespace) }
        try writer.attribute("version", "5.0")
        if !report.language.isEmpty { try writer.attribute("xml:lang", report.language) }
        try writeInfo(report, to: writer)
        if report.sections.isEmpty {
            try writer.element("para", text: options.emptyReportText)
        }
        for section in report.sections {
            try write(section, to: writer, options: options, files: files)
        }
        try writer.endElement()
        return try writer.finish()
    }

    private static func writeInfo(_ report: Report, to writer: XMLTextWriter) throws {
        try writer.startElement("info")
        try writer.element("title", text: report.title)
        if let subtitle = report.subtitle { try writer.element("subtitle", text: subtitle) }
        try writer.element("date", text: report.date)
        for item in report.info {
            try writer.mixedElement("bibliomisc") {
                try writer.attribute("role", "info-item")
                try writer.startElement("phrase")
                try writer.attribute("role", "label")
                try writer.text(item.label)
                try writer.endElement()
                try writer.text(": " + item.value)
            }
        }
        try writer.endElement()
    }

    private static func write(_ section: Section, to writer: XMLTextWriter, options: Options, files: Set<String>) throws {
        try writer.startElement("section")
        try writer.attribute("xml:id", section.id)
        try linkedElement("title", text: section.title, files: files, to: writer)
        if section.blocks.isEmpty && section.subsections.isEmpty {
            try writer.element("para", text: options.emptySectionText)
        }
        for block in section.blocks {
            switch block {
            case .paragraph(let text):
                try linkedElement("para", text: text, files: files, to: writer)
            case .itemizedList(let items):
                try writeList(items, to: writer, options: options, files: files)
            case .table(let table):
                try write(table, to: writer, options: options, files: files)
            case .figure(let figure):
                try write(figure, to: writer)
            }
        }
        for subsection in section.subsections {
            try write(subsection, to: writer, options: options, files: files)
        }
        try writer.endElement()
    }

    /// Writes `<name>` holding `text`, each whole name of a file of `files` in it a link to that
    /// file (`<link xlink:href="terms.csv">terms.csv</link>`, relative: the files are beside the
    /// report), which the HTML stylesheets render as a link.
    private static func linkedElement(_ name: StaticString, text: String, files: Set<String>, to writer: XMLTextWriter) throws {
        let mentions = FileMentions.ranges(in: text, of: files)
        guard !mentions.isEmpty else {
            try writer.element(name, text: text)
            return
        }
        try writer.mixedElement(name) {
            var from = text.startIndex
            for mention in mentions {
                try writer.text(String(text[from..<mention.lowerBound]))
                try writer.startElement("link")
                try writer.attribute("xlink:href", String(text[mention]))
                try writer.text(String(text[mention]))
                try writer.endElement()
                from = mention.upperBound
            }
            try writer.text(String(text[from...]))
        }
    }

    private static func writeList(_ items: [String], to writer: XMLTextWriter, options: Options, files: Set<String>) throws {
        guard !items.isEmpty else {
            try writer.element("para", text: options.emptyListText)
            return
        }
        try writer.startElement("itemizedlist")
        for item in items {
            try writer.startElement("listitem")
            try linkedElement("para", text: item, files: files, to: writer)
            try writer.endElement()
        }
        try writer.endElement()
    }

    private static func write(_ table: Table, to writer: XMLTextWriter, options: Options, files: Set<String>) throws {
        let rows = table.rows  // once: a generated table makes its rows on each access
        try writer.startElement("table")
        try writer.attribute("xml:id", table.id)
        // A table written whole to a file says which (unless its title names it already), inside a
        // closing parenthesis it has: "Terms new to the corpus (at least 3 now; run_new_terms.csv)".
        let title = table.csvName.map { name in
            guard FileMentions.ranges(in: table.title, of: [name]).isEmpty else { return table.title }
            return table.title.hasSuffix(")") ? table.title.dropLast() + "; \(name))" : table.title + " (\(name))"
        }
        try linkedElement("title", text: title ?? table.title, files: files, to: writer)
        // The columns shown: all but those the table leaves to its CSV file (never all of them).
        let hidden = table.columns.indices.filter { table.hiddenInReport.contains(table.columns[$0].name) }
        let shown = hidden.count == table.columns.count ? Array(table.columns.indices) : table.columns.indices.filter { !hidden.contains($0) }
        try writer.startElement("tgroup")
        try writer.attribute("cols", String(shown.count))
        for (position, columnIndex) in shown.enumerated() {
            try writer.startElement("colspec")
            try writer.attribute("colname", columnName(position))
            if isNumericColumn(columnIndex, of: rows) { try writer.attribute("align", "right") }
            try writer.endElement()
        }
        try writer.startElement("thead")
        try writer.startElement("row")
        for columnIndex in shown {
            try writer.element("entry", text: table.columns[columnIndex].label)
        }
        try writer.endElement()
        try writer.endElement()
        try writer.startElement("tbody")
        if rows.isEmpty {
            try writer.startElement("row")
            try writer.startElement("entry")
            if shown.count > 1 {
                try writer.attribute("namest", columnName(0))
                try writer.attribute("nameend", columnName(shown.count - 1))
            }
            try writer.text(options.emptyTableText)
            try writer.endElement()
            try writer.endElement()
        }
        for row in rows {
            try writer.startElement("row")
            for columnIndex in shown {
                let cell = row[columnIndex]
                try writer.startElement("entry")
                switch cell {
                case .text(let cellText):
                    let text = cellText.isEmpty ? table.emptyCellText[table.columns[columnIndex].name] ?? "" : cellText
                    if let language = options.hanCellLanguage, text.unicodeScalars.contains(where: { $0.properties.isIdeographic }) {
                        try writer.attribute("xml:lang", language)
                    }
                    try writer.text(text)
                case .integer(let value):
                    try writer.attribute("align", "right")
                    try writer.text(NumberText.integer(value))
                case .decimal(let value, let fractionDigits):
                    try writer.attribute("align", "right")
                    try writer.text(NumberText.fixed(value, fractionDigits: fractionDigits))
                case .significant(let value, let digits):
                    try writer.attribute("align", "right")
                    try writer.text(NumberText.significant(value, digits: digits))
                case .empty:
                    break
                }
                try writer.endElement()
            }
            try writer.endElement()
        }
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
    }

    private static func write(_ figure: Figure, to writer: XMLTextWriter) throws {
        try writer.startElement("figure")
        try writer.attribute("xml:id", figure.id)
        try writer.element("title", text: figure.title)
        try writer.startElement("mediaobject")
        try writer.startElement("imageobject")
        try writer.startElement("imagedata")
        try writer.attribute("fileref", figure.fileRef)
        if !figure.format.isEmpty { try writer.attribute("format", figure.format) }
        if figure.chart != nil {
            // Charts are drawn 720 px wide, wider than a printed page: let print stylesheets scale them
            // down to the column (HTML leaves sizing to CSS).
            try writer.attribute("width", "100%")
            try writer.attribute("scalefit", "1")
            try writer.attribute("contentdepth", "100%")
        }
        try writer.endElement()
        try writer.endElement()
        try writer.startElement("textobject")
        try writer.element("phrase", text: figure.description)
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
    }

    private static func columnName(_ columnIndex: Int) -> String {
        "c\(columnIndex + 1)"
    }

    /// A column is right-aligned as a whole (header included) when it holds numbers and nothing but blanks besides.
    private static func isNumericColumn(_ columnIndex: Int, of rows: [[Cell]]) -> Bool {
        var sawNumber = false
        for row in rows {
            switch row[columnIndex] {
            case .integer, .decimal, .significant: sawNumber = true
            case .empty: continue
            case .text: return false
            }
        }
        return sawNumber
    }
}

/// Checks of the model that neither libxml2 nor the schema would catch in time.
enum ReportChecks {
    /// Throws unless every id is a valid, unique `xml:id` and every table is rectangular with at least one column.
    static func check(_ report: Report, path: String) throws {
        var seenIDs = Set<String>()
        func checkID(_ id: String) throws {
            guard XMLText.isValidID(id) else { throw ReportingError.invalidXMLID(path: path, id: id) }
            guard seenIDs.insert(id).inserted else { throw ReportingError.duplicateXMLID(path: path, id: id) }
        }
        func checkSection(_ section: Section) throws {
            try checkID(section.id)
            for block in section.blocks {
                switch block {
                case .table(let table):
                    try checkID(table.id)
                    try checkShape(of: table, path: path)
                case .figure(let figure):
                    try checkID(figure.id)
                case .paragraph, .itemizedList:
                    break
                }
            }
            for subsection in section.subsections { try checkSection(subsection) }
        }
        for section in report.sections { try checkSection(section) }
    }

    static func checkShape(of table: Table, path: String) throws {
        guard !table.columns.isEmpty else { throw ReportingError.tableWithoutColumns(path: path, table: table.id) }
        var rowIndex = 0
        try table.forEachRow(in: 0..<table.rowCount) { row in
            rowIndex += 1
            guard row.count == table.columns.count else {
                throw ReportingError.rowWidthMismatch(
                    path: path, table: table.id, row: rowIndex, cellCount: row.count, columnCount: table.columns.count)
            }
        }
    }
}
