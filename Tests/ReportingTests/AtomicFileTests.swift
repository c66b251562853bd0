import Foundation
import Testing

@testable import Reporting

@Suite("Atomic file")
struct AtomicFileTests {
    @Test func writesAndReplacesWithoutLeavingTemporaryFiles() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("关键词.csv")
        try AtomicFile.write(Data("旧".utf8), to: url)
        try AtomicFile.write(Data("新".utf8), to: url, durable: false)
        #expect(try Data(contentsOf: url) == Data("新".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["关键词.csv"])
        try AtomicFile.write(Data(), to: url)
        #expect(try Data(contentsOf: url).isEmpty)
    }

    @Test func renameOntoAFolderFailsAndLeavesEverythingAsItWas() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.xml")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("旧".utf8).write(to: target.appendingPathComponent("inside.txt"))
        #expect(throws: ReportingError.cannotWriteFile(path: target.path, step: "rename", reason: "Is a directory")) {
            try AtomicFile.write(Data("新".utf8), to: target)
        }
        #expect(
            ReportingError.cannotWriteFile(path: "/out/report.xml", step: "rename", reason: "Is a directory")
                .localizedDescription
                == "/out/report.xml: cannot write the file (rename: Is a directory); "
                + "check that the folder exists, is writable and that no folder has this name.")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.xml"])
        #expect(try Data(contentsOf: target.appendingPathComponent("inside.txt")) == Data("旧".utf8))
    }

    /// Several files: when one cannot be written, none is replaced and no temporary file stays.
    @Test func severalFilesAreWrittenAllOrNone() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("terms.csv")
        let second = folder.appendingPathComponent("report.xml")
        try AtomicFile.write([(Data("旧1".utf8), first), (Data("旧2".utf8), second)])
        #expect(try Data(contentsOf: first) == Data("旧1".utf8) && Data(contentsOf: second) == Data("旧2".utf8))
        let missing = folder.appendingPathComponent("没有/chart.svg")
        #expect(throws: ReportingError.cannotWriteFile(path: missing.path, step: "open temporary file", reason: "No such file or directory")) {
            try AtomicFile.write([(Data("新1".utf8), first), (Data("新3".utf8), missing), (Data("新2".utf8), second)])
        }
        #expect(try Data(contentsOf: first) == Data("旧1".utf8) && Data(contentsOf: second) == Data("旧2".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["report.xml", "terms.csv"])
        // Two failures: the first in order is the one reported.
        let alsoMissing = folder.appendingPathComponent("也没有/chart.svg")
        #expect(throws: ReportingError.cannotWriteFile(path: alsoMissing.path, step: "open temporary file", reason: "No such file or directory")) {
            try AtomicFile.write([(Data("新1".utf8), first), (Data("x".utf8), alsoMissing), (Data("y".utf8), missing)])
        }
        try AtomicFile.write([(Data("新1".utf8), first), (Data("新2".utf8), second)])
        #expect(try Data(contentsOf: first) == Data("新1".utf8) && Data(contentsOf: second) == Data("新2".utf8))
        // A folder in the way of a rename: found before any rename, so no file is replaced and no temporary file stays.
        let blocked = folder.appendingPathComponent("blocked.csv")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
        #expect(throws: ReportingError.cannotWriteFile(path: blocked.path, step: "rename", reason: "Is a directory")) {
            try AtomicFile.write([(Data("新新1".utf8), first), (Data("z".utf8), blocked), (Data("新新2".utf8), second)])
        }
        #expect(try Data(contentsOf: first) == Data("新1".utf8) && Data(contentsOf: second) == Data("新2".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["blocked.csv", "report.xml", "terms.csv"])
    }

    @Test func aRenameThatFailsPutsTheWholeSetBack() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["terms.csv", "new.svg", "report.xml", "index.html"]
        let urls = names.map { folder.appendingPathComponent($0) }
        try AtomicFile.write([(Data("旧1".utf8), urls[0]), (Data("旧3".utf8), urls[2]), (Data("旧4".utf8), urls[3])])
        let stale = folder.appendingPathComponent("stale.svg")
        try Data("旧图".utf8).write(to: stale)
        let old = names.map { try? Data(contentsOf: folder.appendingPathComponent($0)) }
        // With hard links for the backups, and as on a file system without them (old files renamed aside).
        for (failing, hardLinks) in urls.indices.flatMap({ index in [(index, true), (index, false)] }) {
            let staged: [Result<AtomicFile.Staged, Error>] = try urls.enumerated().map { index, url in
                .success(try AtomicFile.stage(Data("新\(index)".utf8), for: url))
            }
            #expect(throws: ReportingError.cannotWriteFile(path: urls[failing].path, step: "rename", reason: "failed for a test")) {
                try AtomicFile.install(staged, removing: [stale], failingRename: { $0 == failing }, hardLinks: hardLinks)
            }
            // Every destination as before (new.svg, which did not exist, still does not), the stale file kept, nothing else left.
            #expect(names.map { try? Data(contentsOf: folder.appendingPathComponent($0)) } == old)
            #expect(FileManager.default.fileExists(atPath: stale.path))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["index.html", "report.xml", "stale.svg", "terms.csv"])
        }
        // Without a failure every file is new, the stale one gone, and no backup stays.
        let staged: [Result<AtomicFile.Staged, Error>] = try urls.enumerated().map { index, url in
                .success(try AtomicFile.stage(Data("新\(index)".utf8), for: url))
            }
        try AtomicFile.install(staged, removing: [stale, folder.appendingPathComponent("never-there.csv")])
        #expect(try urls.map { try Data(contentsOf: $0) } == urls.indices.map { Data("新\($0)".utf8) })
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == names.sorted())
    }

    @Test func missingFolderIsReported() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("没有/report.xml")
        #expect(throws: ReportingError.cannotWriteFile(
            path: url.path, step: "open temporary file", reason: "No such file or directory")) {
            try AtomicFile.write(Data("x".utf8), to: url)
        }
    }

    /// Root ignores permission bits, so as root the folder is made immutable with chattr(1) instead.
    @Test func unwritableFolderLeavesThePreviousFileIntact() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("keywords.csv")
        try AtomicFile.write(Data("旧内容".utf8), to: url)
        guard try makeReadOnly(folder) else {
            withKnownIssue("cannot make a folder read-only here (root without chattr)") { Issue.record("skipped") }
            return
        }
        defer { _ = try? makeWritable(folder) }
        #expect(throws: ReportingError.self) {
            try AtomicFile.write(Data("新内容".utf8), to: url)
        }
        do {
            try AtomicFile.write(Data("新内容".utf8), to: url)
        } catch let ReportingError.cannotWriteFile(path, step, _) {
            #expect(path == url.path)
            #expect(step == "open temporary file")
        }
        #expect(try Data(contentsOf: url) == Data("旧内容".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keywords.csv"])
    }

    private func makeReadOnly(_ folder: URL) throws -> Bool {
        if getuid() != 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
            return true
        }
        return try run("/usr/bin/chattr", ["+i", folder.path])
    }

    private func makeWritable(_ folder: URL) throws -> Bool {
        if getuid() != 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            return true
        }
        return try run("/usr/bin/chattr", ["-i", folder.path])
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
