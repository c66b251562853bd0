import Foundation
import Logging

/// Sets up swift-log for the command line: lines to standard error and, when asked, appended to
/// a log file, at the level asked for (default `warning`, so scheduled runs stay quiet).
public enum Logs {
    /// Bootstraps the logging system once per process.
    ///
    /// - Throws: `PipelineError.outputFailed` when the log file cannot be opened.
    public static func bootstrap(level: Logger.Level, file: String?) throws {
        var fileHandle: FileHandle?
        if let file {
            if !FileManager.default.fileExists(atPath: file) {
                _ = FileManager.default.createFile(atPath: file, contents: nil)
            }
            guard let handle = FileHandle(forWritingAtPath: file) else {
                throw PipelineError.outputFailed(path: file, reason: "cannot open the log file for appending")
            }
            handle.seekToEndOfFile()
            fileHandle = handle
        }
        let shared = fileHandle.map(LogFile.init)
        hasFile = shared != nil
        LoggingSystem.bootstrap { label in
            var handlers: [LogHandler] = [SaidElsewhereFilter(StreamLogHandler.standardError(label: label))]
            if let shared { handlers.append(LogFileHandler(label: label, file: shared)) }
            var handler = MultiplexLogHandler(handlers)
            handler.logLevel = level
            return handler
        }
    }
}

extension Logs {
    /// Whether `bootstrap` opened a log file.
    nonisolated(unsafe) private(set) static var hasFile = false

    /// Records in the log file, dated, how a run ended when it did not succeed cleanly: the exit
    /// status and the error (`run ended exit=75 error=…`), which standard error says undated. A
    /// scheduled run's log then dates every night that failed, was locked out or skipped files.
    public static func recordExit(_ status: Int32, error: String) {
        guard hasFile else { return }
        // A warning for a run that finished with files skipped (3), an error otherwise: logged at the default level.
        Logger(label: "cipin").log(level: status == 3 ? .warning : .error, "run ended", metadata: saidOnStandardError.merging(
            ["exit": "\(status)", "error": "\(oneLine(error))"]) { $1 })
    }

    /// Metadata of an event that the command line also prints in its own words (`cipin: error: …`,
    /// `cipin: warning: skipped …`): it goes to the log file, not a second time to standard error.
    public static let saidOnStandardError: Logger.Metadata = ["said": "on standard error"]
}

/// Standard error's handler without the events the command line prints itself. Warnings and
/// errors read as the command line's own (`cipin: warning: …`, their details after `;`), not in
/// the log's format; the lower levels (`--log-level info`) keep it, with its time stamps.
struct SaidElsewhereFilter: LogHandler {
    var inner: LogHandler

    init(_ inner: LogHandler) { self.inner = inner }

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.metadata?["said"] == nil else { return }
        guard event.level >= .warning else { return inner.log(event: event) }
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let details = all.sorted { $0.key < $1.key }.map { "; \($0.key): \($0.value)" }.joined()
        let kind = event.level == .warning ? "warning" : "error"
        FileHandle.standardError.write(Data("cipin: \(kind): \(Logs.oneLine("\(event.message)\(details)"))\n".utf8))
    }
}

/// An open log file shared by the handlers of every logger.
final class LogFile: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    init(_ handle: FileHandle) { self.handle = handle }

    func append(_ line: String) {
        lock.lock()
        handle.write(Data(line.utf8))
        lock.unlock()
    }
}

/// Writes `time level label: message metadata` lines to a `LogFile`.
struct LogFileHandler: LogHandler {
    let label: String
    let file: LogFile
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let (level, message) = (event.level, event.message)
        var all = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
        all["said"] = nil
        // In name order, but a run's exit status first (`run ended exit=65 error=…`), where a script looks for it.
        let details = all.isEmpty ? "" : " " + all.sorted { $0.key == "exit" || ($1.key != "exit" && $0.key < $1.key) }
            .map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let formatter = ISO8601DateFormatter()
        self.file.append("\(formatter.string(from: Date())) \(level) \(label): \(Logs.oneLine("\(message)\(details)"))\n")
    }
}

extension Logs {
    /// `text` on one line, for standard error and the log file, where each message is one line
    /// (cron mails them, scripts grep them): a control character, such as a newline in a file's
    /// name, is written as its Swift escape (`\n`, `\r`, `\u{1B}`), so a name can neither split a
    /// message nor send a terminal escape sequence. Tabs and everything printable are kept.
    public static func oneLine(_ text: String) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else { result.append(scalar); continue }
            switch scalar {
            case "\n": result.append(contentsOf: "\\n".unicodeScalars)
            case "\r": result.append(contentsOf: "\\r".unicodeScalars)
            default: result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(result)
    }
}
