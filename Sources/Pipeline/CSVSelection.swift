import Reporting

extension Report {
    /// The report with only the CSV files named in `wanted` (file names, e.g. `terms.csv`): the
    /// other tables keep their place in the report but write no file, attachments (tables written
    /// only as CSV) not wanted are dropped, and wherever the report's text names a file left out
    /// (`cooccurrence.csv has every pair`) it says so after the name. `nil` keeps every file.
    ///
    /// Design note. `csv_files` is applied to the finished report, not to the analyses: the report
    /// shows the same tables either way, and one place decides which files a run writes, for runs,
    /// comparisons and merged shards alike. The sections name their files in some fifty sentences
    /// and titles; marking the names here keeps every one of them true without each section
    /// knowing the setting.
    func keepingCSVFiles(_ wanted: Set<String>?) -> Report {
        guard let wanted else { return self }
        let unwritten = Set(allTables.compactMap(\.csvName)).subtracting(wanted)
        func mark(_ text: String) -> String { Self.markingUnwritten(text, unwritten) }
        func keep(_ table: Table) -> Table {
            var table = table
            if let name = table.csvName, !wanted.contains(name) { table.csvName = nil }
            table.title = mark(table.title)
            // The Method section's settings say where the rest of a table is ("collocates.csv has every one").
            if table.id == MethodSection.settingsTableID {
                table.rows = table.rows.map { $0.map { cell in
                    if case .text(let text) = cell { return .text(mark(text)) }
                    return cell
                } }
            }
            return table
        }
        func keep(_ section: Section) -> Section {
            var section = section
            section.title = mark(section.title)
            section.blocks = section.blocks.map { block in
                switch block {
                case .table(let table): return .table(keep(table))
                case .paragraph(let text): return .paragraph(mark(text))
                case .itemizedList(let items): return .itemizedList(items.map(mark))
                case .figure(var figure):
                    figure.title = mark(figure.title)
                    figure.description = mark(figure.description)
                    return .figure(figure)
                }
            }
            section.subsections = section.subsections.map(keep)
            return section
        }
        var report = self
        report.sections = sections.map(keep)
        report.attachments = attachments.filter { $0.csvName.map(wanted.contains) ?? false }
        return report
    }

    /// What follows the name of a CSV file the run did not write, wherever the report names it.
    static let unwrittenNote = " (not written: `csv_files`)"

    /// `text` with `unwrittenNote` after each whole name of `unwritten` (`terms.csv`, but not the
    /// end of `run_new_terms.csv`).
    static func markingUnwritten(_ text: String, _ unwritten: Set<String>) -> String {
        let names = FileMentions.ranges(in: text, of: unwritten)
        guard !names.isEmpty else { return text }
        var result = ""
        var from = text.startIndex
        for name in names {
            result += text[from..<name.upperBound] + unwrittenNote
            from = name.upperBound
        }
        return result + text[from...]
    }
}
