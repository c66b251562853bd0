import Foundation
import Testing
@testable import TestSupport

/// The tests' scratch folders (`TestSupport`): a test run leaves nothing behind.
@Suite struct ScratchTests {
    /// Folders are made under the process's root; the roots of ended processes are removed, those
    /// of running ones (here the test process's parent) are not, nor anything else.
    @Test func rootsOfEndedRunsAreRemoved() throws {
        let made = try Scratch.folder("scratch")
        #expect(made.deletingLastPathComponent().path == Scratch.root.path)
        #expect(Scratch.root.lastPathComponent == "cipin-tests-\(getpid())")

        let folder = try Scratch.folder("roots")
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let names = ["cipin-tests-\(ended.processIdentifier)", "cipin-tests-\(getppid())", "cipin-tests-x", "other-1"]
        for name in names {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name).appendingPathComponent("a"),
                                                    withIntermediateDirectories: true)
        }
        Scratch.removeRootsOfEndedRuns(in: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == names.dropFirst().sorted())
    }
}
