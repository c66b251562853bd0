import Foundation
import TestSupport

/// Paths and helpers shared by the ingest tests.
enum Fixtures {
    /// The repository root (three levels above this file).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The seed corpus, read in place from `../shared`.
    static let seedFile = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus/seed/000_456eef7012d4fdcb.txt")

    /// A fresh temporary folder for one test.
    static func temporaryFolder() throws -> URL {
        try Scratch.folder("ingest")
    }

    /// Runs `/usr/bin/python3` with a script and returns its standard output.
    static func python(_ script: String, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
