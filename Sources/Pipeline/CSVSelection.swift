import Reporting

extension Report {
    /// The report with only the CSV files named in `wanted` (file names, e.g. `terms.csv`): the
    /// other tables keep their place in the report but write no file, and attachments (tables
    /// written only as CSV) not wanted are dropped. `nil` keeps every file.
    ///
    /// Design note. `csv_files` is applied to the finished report, not to the analyses: the report
    /// shows the same tables either way, and one place decides which files a run writes, for runs,
    /// comparisons and merged shards alike.
    func keepingCSVFiles(_ wanted: Set<String>?) -> Report {
        guard let wanted else { return self }
        func keep(_ table: Table) -> Table {
            var table = table
            if let name = table.csvName, !wanted.contains(name) { table.csvName = nil }
            return table
        }
        func keep(_ section: Section) -> Section {
            var section = section
            section.blocks = section.blocks.map { block in
                guard case .table(let table) = block else { return block }
                return .table(keep(table))
            }
            section.subsections = section.subsections.map(keep)
            return section
        }
        var report = self
        report.sections = sections.map(keep)
        report.attachments = attachments.filter { $0.csvName.map(wanted.contains) ?? false }
        return report
    }
}
