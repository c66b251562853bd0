import Foundation

/// Writes a whole report into a folder: the DocBook document, one CSV per table that has a `csvName`
/// and one SVG per figure that has a `chart`.
///
///     let written = try ReportWriter.write(report, toFolder: URL(fileURLWithPath: "Reports/seed"))
///     // [Reports/seed/documents.csv, Reports/seed/keywords.csv, Reports/seed/report.xml]
///
/// Every file is rendered and written under a temporary name (side by side, each file as soon as it
/// is rendered), and only when all are written, and the report validated, do they replace their
/// destinations together (see `AtomicFile.install(_:removing:)`): CSV files first, then SVG
/// charts, `report.xml`, and the HTML page when asked for (rendered from the staged report). Any
/// failure leaves every file as it was (and no folder that was not there). The folder's
/// `.cipin-outputs` lists the files written, so the next report written there removes those it
/// does not write again (a chart no longer drawn, `index.html` once HTML is turned off), in the
/// same set: the folder always holds one report's files.
public enum ReportWriter {
    /// The list of the files the last report written into a folder consists of, one name a line.
    public static let manifestFileName = ".cipin-outputs"

    public struct Options: Sendable, Equatable {
        /// File name of the DocBook document inside the folder.
        public var reportFileName: String
        public var docBook: DocBookWriter.Options
        public var csv: CSVWriter.Options
        public var chart: SVGChartWriter.Options
        /// Render the HTML page too (`index.html` and `cipin.css`), with these stylesheets.
        public var html: HTMLRenderer.Options?
        /// Keep `.cipin-outputs` and remove the files of the folder's previous report that this one
        /// does not write. Off for a folder that is new for every report (a scheduled run's).
        public var replacesPreviousReport: Bool

        public init(
            reportFileName: String = "report.xml",
            docBook: DocBookWriter.Options = DocBookWriter.Options(),
            csv: CSVWriter.Options = CSVWriter.Options(),
            chart: SVGChartWriter.Options = SVGChartWriter.Options(),
            html: HTMLRenderer.Options? = nil,
            replacesPreviousReport: Bool = true
        ) {
            self.reportFileName = reportFileName
            self.docBook = docBook
            self.csv = csv
            self.chart = chart
            self.html = html
            self.replacesPreviousReport = replacesPreviousReport
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
    /// - Parameter whenInstalled: called once every file is in place, before a stop (SIGINT,
    ///   SIGTERM) can be handled (see `AtomicFile.commitLock`).
    /// - Parameter validator: when given, the rendered DocBook is validated before anything is
    ///   written, and `ReportingError.invalidDocument` is thrown with the problems if it fails. Each
    ///   table body is validated with one row of each shape (`RelaxNGValidator.collapseRepeatedRows`)
    ///   when the validator's schema is Debian's DocBook 5.0 (the same answer in a fraction of the
    ///   time); against any other schema, whole.
    @discardableResult
    public static func write(_ report: Report, toFolder folder: URL, options: Options = Options(),
                             validator: RelaxNGValidator? = nil, whenInstalled: () -> Void = {}) throws -> [URL] {
        // Names are checked first, in order, so the same report always fails the same way.
        var usedNames: Set<String> = [options.reportFileName, manifestFileName]
        if let html = options.html { usedNames.formUnion([html.outputFileName, HTMLRenderer.cssFileName]) }
        var tables: [(table: Table, url: URL)] = []
        for table in report.allTables {
            guard let name = table.csvName else { continue }
            guard isPlainFileName(name) else {
                throw ReportingError.invalidCSVName(path: folder.path, table: table.id, name: name)
            }
            guard usedNames.insert(name).inserted else {
                throw ReportingError.duplicateFileName(path: folder.path, name: name)
            }
            tables.append((table, folder.appendingPathComponent(name)))
        }
        var figures: [(figure: Figure, chart: Chart, url: URL)] = []
        for figure in report.allFigures {
            guard let chart = figure.chart else { continue }
            guard isPlainFileName(figure.fileRef) else {
                throw ReportingError.invalidFigureFileName(path: folder.path, figure: figure.id, name: figure.fileRef)
            }
            guard usedNames.insert(figure.fileRef).inserted else {
                throw ReportingError.duplicateFileName(path: folder.path, name: figure.fileRef)
            }
            figures.append((figure, chart, folder.appendingPathComponent(figure.fileRef)))
        }
        let reportURL = folder.appendingPathComponent(options.reportFileName)

        // Rendering: each CSV is a job of its own (large tables take most of the time); the SVG
        // charts, the DocBook document and its validation are one job, so libxml2 runs on one thread.
        // Each job writes its files under temporary names as soon as they are rendered (so writing
        // overlaps the rendering of the others); nothing replaces its destination until every job
        // has succeeded, the report validated included.
        let folderExisted = FileManager.default.fileExists(atPath: folder.path)
        try Folders.create(folder)
        let csvOptions = options.csv
        // A job returns each of its files staged, or the error that stopped it; staged files of a
        // failed set are discarded by `install`. CSV parts are written as rendered, never joined, a
        // few at a time (a table of a million rows is never whole in memory).
        var jobs: [@Sendable () throws -> [Result<AtomicFile.Staged, Error>]] = tables.map { item in
            { [Result { try AtomicFile.stage(for: item.url) { write in
                try CSVWriter.render(item.table, options: csvOptions, documentName: item.url.path, to: write)
            } }] }
        }
        let chartOptions = options.chart, docBookOptions = options.docBook
        jobs.append { [figures] in
            var rendered = try figures.map { item in
                (try SVGChartWriter.render(item.chart, title: item.figure.title, description: item.figure.description,
                                           options: chartOptions, documentName: item.url.path), item.url)
            }
            let document = try DocBookWriter.render(report, options: docBookOptions, documentName: reportURL.path)
            if let validator {
                // Rows are collapsed only where that is sound: against Debian's DocBook 5.0 schema.
                let issues = try validator.validate(document, documentName: reportURL.path,
                                                    collapsingRepeatedRows: validator.isDocBook50)
                if !issues.isEmpty { throw ReportingError.invalidDocument(path: reportURL.path, issues: issues.map(\.description)) }
            }
            rendered.append((document, reportURL))
            return rendered.map { data, url in Result { try AtomicFile.stage(data, for: url) } }
        }
        // Longest first, so that no long job starts last: the DocBook job (validation is slow),
        // then the CSVs by rows.
        let allJobs = jobs
        let order = [allJobs.count - 1] + tables.indices.sorted { tables[$0].table.rowCount > tables[$1].table.rowCount }
        let results = concurrentMap(order.count) { position -> [Result<AtomicFile.Staged, Error>] in
            do {
                return try allJobs[order[position]]()
            } catch {
                return [.failure(error)]
            }
        }
        var byJob = [[Result<AtomicFile.Staged, Error>]](repeating: [], count: allJobs.count)
        for (position, job) in order.enumerated() { byJob[job] = results[position] }
        // CSVs in table order, then the charts, then the report: the first failure in that order is thrown.
        var staged = byJob.flatMap { $0 }
        var written = tables.map(\.url) + figures.map(\.url) + [reportURL]
        var stale: [URL] = []
        if let html = options.html, let report = staged.lazy.compactMap({ try? $0.get() }).first(where: { $0.url == reportURL }),
           !staged.contains(where: { if case .failure = $0 { true } else { false } }) {
            do {
                let pages = try HTMLRenderer.stagePage(reportAt: URL(fileURLWithPath: report.temporaryPath), folder: folder, options: html)
                staged += pages.map { .success($0) }
                written += pages.map(\.url)
            } catch {
                staged.append(.failure(error))
            }
        }
        if options.replacesPreviousReport {
            let manifest = folder.appendingPathComponent(manifestFileName)
            let names = Set(written.map(\.lastPathComponent))
            stale = previousOutputs(listedIn: manifest).subtracting(names).sorted().map { folder.appendingPathComponent($0) }
            let listing = written.map { $0.lastPathComponent + "\n" }.joined()
            staged.append(Result { try AtomicFile.stage(Data(listing.utf8), for: manifest) })
        }
        do {
            try AtomicFile.install(staged, removing: stale, whenInstalled: whenInstalled)
        } catch {
            // A folder made for this report goes again: it holds nothing but this report's files.
            if !folderExisted { try? FileManager.default.removeItem(atPath: folder.path) }
            throw error
        }
        return written
    }

    /// The files a previous report listed in `manifest`: plain names only (none leaves the folder),
    /// never the manifest itself; none when there is no list.
    public static func previousOutputs(listedIn manifest: URL) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: manifest.path), let text = String(data: data, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init).filter { isPlainFileName($0) && $0 != manifestFileName && !$0.hasPrefix(".") })
    }

    /// A name that stays inside the folder: not empty, no `/`, not `.` or `..`, no NUL.
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.unicodeScalars.contains { $0 == "/" || $0 == "\0" }
    }
}
