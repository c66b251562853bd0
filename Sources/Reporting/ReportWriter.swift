import Foundation

/// Writes a whole report into a folder: the DocBook document, one CSV per table that has a `csvName`
/// and one SVG per figure that has a `chart`.
///
///     let written = try ReportWriter.write(report, toFolder: URL(fileURLWithPath: "Reports/seed"))
///     // [Reports/seed/documents.csv, Reports/seed/keywords.csv, Reports/seed/report.xml]
///
/// Everything is rendered before anything is written, so a model error leaves the folder untouched.
/// Each file is then replaced atomically (see `AtomicFile`), CSV files first, then SVG charts, and
/// `report.xml` last, so a `report.xml` newer than its CSVs and charts never refers to files that were
/// not written. The set of files as a
/// whole is not atomic: a failure part-way leaves earlier files new and later ones old.
public enum ReportWriter {
    public struct Options: Sendable, Equatable {
        /// File name of the DocBook document inside the folder.
        public var reportFileName: String
        public var docBook: DocBookWriter.Options
        public var csv: CSVWriter.Options
        public var chart: SVGChartWriter.Options

        public init(
            reportFileName: String = "report.xml",
            docBook: DocBookWriter.Options = DocBookWriter.Options(),
            csv: CSVWriter.Options = CSVWriter.Options(),
            chart: SVGChartWriter.Options = SVGChartWriter.Options()
        ) {
            self.reportFileName = reportFileName
            self.docBook = docBook
            self.csv = csv
            self.chart = chart
        }
    }

    /// Writes `report` and its CSV tables into `folder`, creating the folder if needed.
    ///
    /// - Parameters:
    ///   - report: The report; every `csvName` must be a plain file name, unique in the report.
    ///   - folder: The output folder.
    ///   - options: File name, DocBook wording and CSV encoding.
    /// - Returns: The files written: CSV files in table order, SVG charts in figure order, then the report.
    /// - Throws: `ReportingError`: `.invalidCSVName`, `.invalidFigureFileName` or `.duplicateFileName`
    ///   naming the folder, or any error of `DocBookWriter`, `CSVWriter`, `SVGChartWriter` and
    ///   `AtomicFile` naming the file.
    /// - Parameter validator: when given, the rendered DocBook is validated before anything is
    ///   written, and `ReportingError.invalidDocument` is thrown with the problems if it fails.
    @discardableResult
    public static func write(_ report: Report, toFolder folder: URL, options: Options = Options(),
                             validator: RelaxNGValidator? = nil) throws -> [URL] {
        var usedNames: Set<String> = [options.reportFileName]
        var outputs: [(url: URL, data: Data)] = []
        for table in report.allTables {
            guard let name = table.csvName else { continue }
            guard isPlainFileName(name) else {
                throw ReportingError.invalidCSVName(path: folder.path, table: table.id, name: name)
            }
            guard usedNames.insert(name).inserted else {
                throw ReportingError.duplicateFileName(path: folder.path, name: name)
            }
            let url = folder.appendingPathComponent(name)
            outputs.append((url, try CSVWriter.render(table, options: options.csv, documentName: url.path)))
        }
        for figure in report.allFigures {
            guard let chart = figure.chart else { continue }
            guard isPlainFileName(figure.fileRef) else {
                throw ReportingError.invalidFigureFileName(path: folder.path, figure: figure.id, name: figure.fileRef)
            }
            guard usedNames.insert(figure.fileRef).inserted else {
                throw ReportingError.duplicateFileName(path: folder.path, name: figure.fileRef)
            }
            let url = folder.appendingPathComponent(figure.fileRef)
            let svg = try SVGChartWriter.render(
                chart, title: figure.title, description: figure.description, options: options.chart,
                documentName: url.path)
            outputs.append((url, svg))
        }
        let reportURL = folder.appendingPathComponent(options.reportFileName)
        let document = try DocBookWriter.render(report, options: options.docBook, documentName: reportURL.path)
        if let validator {
            let issues = try validator.validate(document, documentName: reportURL.path)
            if !issues.isEmpty { throw ReportingError.invalidDocument(path: reportURL.path, issues: issues.map(\.description)) }
        }
        outputs.append((reportURL, document))

        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportingError.cannotWriteFile(
                path: folder.path, step: "create folder", reason: (error as NSError).localizedDescription)
        }
        for output in outputs {
            try AtomicFile.write(output.data, to: output.url)
        }
        return outputs.map(\.url)
    }

    /// A name that stays inside the folder: not empty, no `/`, not `.` or `..`, no NUL.
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.unicodeScalars.contains { $0 == "/" || $0 == "\0" }
    }
}
