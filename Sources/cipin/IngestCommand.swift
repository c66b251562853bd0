import ArgumentParser
import Foundation
import Ingest
import Pipeline

extension IngestListing.Format: ExpressibleByArgument {}
extension LineLayout: ExpressibleByArgument {}
extension ErrorPolicy: ExpressibleByArgument {}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the articles found in files, with their metadata.")

    @Argument(help: "Files, folders or glob patterns.")
    var paths: [String]

    @Option(help: "Output format: csv or json.")
    var format: IngestListing.Format = .csv

    @Option(help: "Encoding of the inputs (auto, utf-8, utf-16le, utf-16be, gb18030, …).")
    var encoding: String = "auto"

    @Option(help: "How line breaks are read: auto, wrapped or paragraphs.")
    var layout: LineLayout = .auto

    @Option(name: .customLong("on-error"), help: "stop or skip unreadable files.")
    var onError: ErrorPolicy = .stop

    @Option(help: ArgumentHelp("File types taken from folders, separated by commas (default: txt,text).", valueName: "list"))
    var extensions: String?

    /// `--extensions` as a list (`txt, .MD` → txt, md), without empty items (`,`, `.`, `..`).
    var extensionList: [String]? {
        extensions.map { IngestOptions.extensions($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }).filter { !$0.isEmpty }.sorted() }
    }

    @Flag(help: "Include each article's paragraphs in JSON output (with --format json).")
    var body = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file, folder or pattern") }
        if body && format != .json { throw ValidationError("--body needs --format json (CSV has one row of metadata per article)") }
        if let extensionList, extensionList.isEmpty {
            throw ValidationError("--extensions names no file type, so no file of a folder would be read; list them, e.g. --extensions txt,md")
        }
        do { try IngestListing.checkEncoding(encoding) } catch {
            throw ValidationError((error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }

    /// CSV redirected to a file gets the byte order mark Excel needs; on a terminal or in a pipe it
    /// would only stick to the first column's name.
    static var standardOutputIsAFile: Bool {
        var status = stat()
        return fstat(STDOUT_FILENO, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    func run() throws {
        do {
            let (data, skipped, warnings) = try IngestListing.render(paths: paths, format: format, encoding: encoding,
                                                           layout: layout, onError: onError, extensions: extensionList, includeBody: body,
                                                           byteOrderMark: Self.standardOutputIsAFile)
            FileHandle.standardOutput.write(data)
            for warning in warnings { FileHandle.standardError.write(Data("cipin: warning: \(Logs.oneLine(inOptionWords(warning)))\n".utf8)) }
            for file in skipped { FileHandle.standardError.write(Data("cipin: warning: skipped \(Logs.oneLine(inOptionWords(file.reason)))\n".utf8)) }
            if !skipped.isEmpty { throw ExitStatus.skippedFiles }
        } catch let code as ExitCode {
            throw code
        } catch {
            throw report(error, options: true)
        }
    }
}
