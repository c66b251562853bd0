import Foundation

/// Turns a DocBook report into one HTML page with `xsltproc` and Cipin's stylesheet layer.
///
///     let folder = try HTMLRenderer.locateStylesheetFolder()
///     let page = try HTMLRenderer.render(
///         reportAt: URL(fileURLWithPath: "Reports/seed/report.xml"),
///         options: .init(stylesheetFolder: folder))
///     // Reports/seed/index.html, with cipin.css beside it
///
/// Steps: the report is parsed first (not well-formed, or not DocBook: an error naming the file and
/// line), its `imagedata/@fileref`s are collected and must exist beside it; then
/// `xsltproc --nonet cipin-html.xsl report.xml` runs, and only when it succeeds are the files written,
/// each atomically: the images (when the output folder is not the report's), `cipin.css`, and
/// `index.html` last. The DocBook XSL-NS stylesheets are found through the XML catalog, never the
/// network (Debian: `apt-get install xsltproc docbook-xsl-ns`).
public enum HTMLRenderer {
    public static let stylesheetFileName = "cipin-html.xsl"
    public static let cssFileName = "cipin.css"
    /// The environment variable naming the folder that holds `cipin-html.xsl` and `cipin.css`.
    public static let stylesheetEnvironmentVariable = "CIPIN_STYLESHEETS"
    public static let installHint = "install xsltproc and the DocBook XSL-NS stylesheets (Debian: apt-get install xsltproc docbook-xsl-ns)"

    public struct Options: Sendable, Equatable {
        /// The folder holding `cipin-html.xsl` and `cipin.css` (see `locateStylesheetFolder`).
        public var stylesheetFolder: URL
        /// Where `index.html` goes; `nil` for the report's own folder.
        public var outputFolder: URL?
        /// File name of the page inside the output folder.
        public var outputFileName: String
        public var xsltproc: URL

        public init(
            stylesheetFolder: URL, outputFolder: URL? = nil, outputFileName: String = "index.html",
            xsltproc: URL = URL(fileURLWithPath: "/usr/bin/xsltproc")
        ) {
            self.stylesheetFolder = stylesheetFolder
            self.outputFolder = outputFolder
            self.outputFileName = outputFileName
            self.xsltproc = xsltproc
        }
    }

    /// Renders the report at `report` to HTML.
    ///
    /// - Returns: The HTML page written.
    /// - Throws: `ReportingError`: `.toolMissing` (no xsltproc), `.stylesheetNotFound`,
    ///   `.cannotReadDocument` (missing or malformed report, with line and column), `.notDocBook`,
    ///   `.missingImage`, `.transformFailed` (with xsltproc's messages), `.cannotWriteFile`.
    public static func render(reportAt report: URL, options: Options) throws -> URL {
        try checkTools(options)
        let stylesheet = options.stylesheetFolder.appendingPathComponent(stylesheetFileName)
        let css = options.stylesheetFolder.appendingPathComponent(cssFileName)

        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: report.path, isDirectory: &isFolder) else {
            throw ReportingError.cannotReadDocument(
                path: report.path, line: 0, column: 0, message: "no such file; give the report.xml that 'cipin run' wrote")
        }
        let type = (try? FileManager.default.attributesOfItem(atPath: report.path))?[.type] as? FileAttributeType
        guard type == .typeRegular else {
            throw ReportingError.cannotReadDocument(
                path: report.path, line: 0, column: 0,
                message: "it is \(isFolder.boolValue ? "a folder" : "not a regular file"); give the report.xml that 'cipin run' wrote")
        }
        let document = try ParsedXML(contentsOf: report)
        // xsltproc expands entities, --nonet or not: a document type declaring one could copy any
        // file this user can read into the page. Cipin's reports declare none.
        guard !document.hasDocumentType else {
            throw ReportingError.cannotReadDocument(
                path: report.path, line: 0, column: 0,
                message: "it has a document type declaration (<!DOCTYPE …>), which Cipin's reports never have and through which "
                    + "the stylesheets could read other files; give the report.xml that 'cipin run' wrote")
        }
        guard let root = document.rootElement, root.namespace == DocBookWriter.namespace else {
            let root = document.rootElement
            let name = root.map { $0.namespace.isEmpty ? $0.name : "{\($0.namespace)}\($0.name)" } ?? ""
            throw ReportingError.notDocBook(path: report.path, root: name)
        }
        let reportFolder = report.deletingLastPathComponent()
        let images = localImages(
            document.attributeValues(element: "imagedata", namespace: DocBookWriter.namespace, attribute: "fileref"))
        for image in images where !FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent(image).path) {
            throw ReportingError.missingImage(path: report.path, image: image)
        }

        let outputFolder = options.outputFolder ?? reportFolder
        // The report's files (its CSVs) stay beside it: a page elsewhere links to them there.
        let fileBase = isSameFolder(outputFolder, reportFolder) ? "" : relativePath(from: outputFolder, to: reportFolder)
        let html = try transform(report: report, stylesheet: stylesheet, xsltproc: options.xsltproc, fileBase: fileBase)

        let page = outputFolder.appendingPathComponent(options.outputFileName)
        try Folders.create(outputFolder)
        if !isSameFolder(outputFolder, reportFolder) {
            for image in images {
                let destination = outputFolder.appendingPathComponent(image)
                try Folders.create(destination.deletingLastPathComponent())
                try AtomicFile.write(try read(reportFolder.appendingPathComponent(image)), to: destination)
            }
        }
        if !isSameFolder(outputFolder, options.stylesheetFolder) {
            try AtomicFile.write(try read(css), to: outputFolder.appendingPathComponent(cssFileName))
        }
        try AtomicFile.write(html, to: page)
        return page
    }

    /// Checks that xsltproc and the stylesheets are there, so a run can fail before its work.
    ///
    /// - Throws: `ReportingError.toolMissing` or `.stylesheetNotFound`.
    public static func checkTools(_ options: Options) throws {
        guard FileManager.default.isExecutableFile(atPath: options.xsltproc.path) else {
            throw ReportingError.toolMissing(path: options.xsltproc.path, install: installHint)
        }
        for name in [stylesheetFileName, cssFileName]
        where !FileManager.default.isReadableFile(atPath: options.stylesheetFolder.appendingPathComponent(name).path) {
            throw ReportingError.stylesheetNotFound(searched: [options.stylesheetFolder.path])
        }
    }

    /// Renders the page of a report that is not in place yet (`ReportWriter` stages its files and
    /// puts them in place together): `staged` is the report's temporary file in `folder`, whose
    /// images are staged beside it. Returns `cipin.css` (unless `folder` is the stylesheets' own)
    /// and the page, staged for `folder`; the caller installs or discards them with the rest.
    ///
    /// - Throws: as `render(reportAt:options:)`.
    public static func stagePage(reportAt staged: URL, folder: URL, options: Options) throws -> [AtomicFile.Staged] {
        try checkTools(options)
        let html = try transform(report: staged, stylesheet: options.stylesheetFolder.appendingPathComponent(stylesheetFileName),
                                 xsltproc: options.xsltproc, messagesIn: folder)
        var pages: [AtomicFile.Staged] = []
        do {
            if !isSameFolder(folder, options.stylesheetFolder) {
                pages.append(try AtomicFile.stage(try read(options.stylesheetFolder.appendingPathComponent(cssFileName)),
                                                  for: folder.appendingPathComponent(cssFileName)))
            }
            pages.append(try AtomicFile.stage(html, for: folder.appendingPathComponent(options.outputFileName)))
        } catch {
            AtomicFile.discard(pages.map { .success($0) })
            throw error
        }
        return pages
    }

    /// The folders searched for `cipin-html.xsl`, in order.
    ///
    /// 1. `$CIPIN_STYLESHEETS`, when set and not empty; then it is the only place searched, so a
    ///    wrong setting is reported rather than silently bypassed.
    /// 2. `<bin>/../share/cipin`: an installed `cipin` (`/usr/local/bin/cipin` reads `/usr/local/share/cipin`).
    /// 3. `<bin>/../../../Reports`: a build in a checkout (`.build/<triple>/<config>/cipin`).
    /// 4. `<bin>/../../Reports`: the same through the `.build/<config>` link.
    ///
    /// `<bin>` is the folder of the running executable with links resolved.
    public static func stylesheetSearchFolders(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: URL? = currentExecutable()
    ) -> [URL] {
        if let folder = environment[stylesheetEnvironmentVariable], !folder.isEmpty {
            return [URL(fileURLWithPath: folder, isDirectory: true)]
        }
        guard let executable else { return [] }
        let bin = executable.deletingLastPathComponent()
        var folders: [URL] = []
        for relative in ["../share/cipin", "../../../Reports", "../../Reports"] {
            let folder = bin.appendingPathComponent(relative, isDirectory: true).standardizedFileURL
            if !folders.contains(folder) { folders.append(folder) }
        }
        // The checkout the binary was built from, wherever the binary was copied since.
        if !folders.contains(builtFrom) { folders.append(builtFrom) }
        return folders
    }

    /// `Reports/` of the checkout this file was compiled in (`Sources/Reporting/` is two levels below the top).
    static let builtFrom = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Reports", isDirectory: true).standardizedFileURL

    /// The first folder of `stylesheetSearchFolders` that holds `cipin-html.xsl`.
    ///
    /// - Throws: `ReportingError.stylesheetNotFound` listing the folders searched.
    public static func locateStylesheetFolder(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: URL? = currentExecutable()
    ) throws -> URL {
        let folders = stylesheetSearchFolders(environment: environment, executable: executable)
        for folder in folders
        where FileManager.default.isReadableFile(atPath: folder.appendingPathComponent(stylesheetFileName).path) {
            return folder
        }
        throw ReportingError.stylesheetNotFound(searched: folders.map(\.path))
    }

    /// The running executable with links resolved (`/proc/self/exe` on Linux).
    public static func currentExecutable() -> URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }

    /// Image references that name files beside the report: relative, without `..`, not URLs.
    static func localImages(_ references: [String]) -> [String] {
        var seen = Set<String>()
        return references.filter { reference in
            guard !reference.isEmpty, !reference.hasPrefix("/"), !reference.contains(":") else { return false }
            let components = reference.split(separator: "/", omittingEmptySubsequences: false)
            guard !components.contains(where: { $0 == ".." || $0.isEmpty }) else { return false }
            return seen.insert(reference).inserted
        }
    }

    private static func isSameFolder(_ left: URL, _ right: URL) -> Bool {
        left.standardizedFileURL.resolvingSymlinksInPath().path == right.standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ReportingError.cannotReadDocument(
                path: url.path, line: 0, column: 0, message: (error as NSError).localizedDescription)
        }
    }

    /// The relative path from `folder` to `target` (both folders), ending in `/`: `../out/` from
    /// `/data/html` to `/data/out`.
    static func relativePath(from folder: URL, to target: URL) -> String {
        let from = folder.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let to = target.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var shared = 0
        while shared < from.count && shared < to.count && from[shared] == to[shared] { shared += 1 }
        let path = Array(repeating: "..", count: from.count - shared) + to[shared...]
        return path.isEmpty ? "" : path.joined(separator: "/") + "/"
    }

    /// Runs `xsltproc --nonet STYLESHEET REPORT` (with `cipin.file.base` set to `fileBase`, the
    /// path from the page to the report's folder, when it is not empty) and returns its standard
    /// output. Its messages go to a temporary file in `messagesIn` (in the output folder, when
    /// given, as one of `AtomicFile`'s temporary files, which the next run removes should this
    /// process be killed), or else in the system's temporary folder.
    private static func transform(report: URL, stylesheet: URL, xsltproc: URL, fileBase: String = "",
                                  messagesIn folder: URL? = nil) throws -> Data {
        let process = Process()
        process.executableURL = xsltproc
        process.arguments = ["--nonet"] + (fileBase.isEmpty ? [] : ["--stringparam", "cipin.file.base", fileBase])
            + [stylesheet.path, report.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        // Messages go to a file, not a pipe: a pipe left unread while stdout is drained could fill and block.
        // (Created with `open`, not `FileManager.createFile`, which writes an empty file atomically
        // through a temporary name of its own that a stop's clean-up would not know.)
        let created = try AtomicFile.createTemporary(
            for: (folder ?? FileManager.default.temporaryDirectory).appendingPathComponent(folder == nil ? "cipin-xsltproc.log" : "xsltproc.log"))
        let messagesURL = URL(fileURLWithPath: created.path)
        let messages = FileHandle(fileDescriptor: created.descriptor, closeOnDealloc: false)
        defer {
            try? messages.close()
            try? FileManager.default.removeItem(at: messagesURL)
        }
        process.standardError = messages
        do {
            try process.run()
        } catch {
            throw ReportingError.toolMissing(path: xsltproc.path, install: installHint)
        }
        let html = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let status = process.terminationStatus
        if status != 0 || html.isEmpty {
            let text = (try? String(contentsOf: messagesURL, encoding: .utf8)) ?? ""
            var lines = text.split(whereSeparator: \.isNewline).prefix(5).map(String.init)
            if text.contains("network") || text.contains("failed to load external entity") {
                lines.append("is docbook-xsl-ns installed? the stylesheet imports it through the XML catalog")
            }
            throw ReportingError.transformFailed(
                path: report.path, status: status, message: lines.isEmpty ? "no output" : lines.joined(separator: "; "))
        }
        return html
    }
}
