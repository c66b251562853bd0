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
        LoggingSystem.bootstrap { label in
            var handlers: [LogHandler] = [StreamLogHandler.standardError(label: label)]
            if let shared { handlers.append(LogFileHandler(label: label, file: shared)) }
            var handler = MultiplexLogHandler(handlers)
            handler.logLevel = level
            return handler
        }
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
        let all = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
        let details = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let formatter = ISO8601DateFormatter()
        self.file.append("\(formatter.string(from: Date())) \(level) \(label): \(message)\(details)\n")
    }
}
