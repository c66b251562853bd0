import Foundation
import Testing
import Ingest
@testable import Pipeline
import TestSupport

/// `MethodSection.sha256(ofFileAt:)` remembers a settled file's hash for the process, and never
/// gives an old hash for a file that changed.
@Suite struct FileHashTests {
    /// The hash `sha256sum` gives, apart from Cipin's code.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }

    @Test func hashesAreSha256sumsAndFollowChanges() throws {
        let dictionary = "/usr/lib/python3/dist-packages/jieba/dict.txt"
        let expected = try Self.sha256sum(dictionary)
        #expect(expected.count == 64)
        #expect(MethodSection.sha256(ofFileAt: dictionary) == expected)
        #expect(MethodSection.sha256(ofFileAt: dictionary) == expected)  // remembered: the same
        #expect(MethodSection.sha256(ofFileAt: "/nonexistent/cipin/file") == "(missing)")

        let folder = try Scratch.folder("hash")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("user.txt").path
        try Data("人才 10 n\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try MethodSection.sha256(ofFileAt: file) == Self.sha256sum(file))
        // Changed at once, to the same size: a file changed this recently is never remembered.
        try Data("干部 10 n\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try MethodSection.sha256(ofFileAt: file) == Self.sha256sum(file))
        #expect(MethodSection.usedHashes()[file] == nil)
        // Settled, so remembered (with the stamp it was read at); then changed again to the same
        // size: its new stamp is not the remembered one, so it is read again.
        Thread.sleep(forTimeInterval: Double(Ingest.FileStamp.settlingTime) / 1e9 + 0.1)
        let settled = MethodSection.sha256(ofFileAt: file)
        #expect(try settled == Self.sha256sum(file))
        #expect(MethodSection.usedHashes()[file]?.hash == settled && MethodSection.usedHashes()[file]?.stamp == Ingest.FileStamp.of(path: file))
        try Data("基层 10 n\n".utf8).write(to: URL(fileURLWithPath: file))
        let changed = MethodSection.sha256(ofFileAt: file)
        #expect(try changed != settled && changed == Self.sha256sum(file))
    }
}
