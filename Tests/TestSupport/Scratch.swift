import Foundation

/// Folders for the tests' files, all under one root per test process that is removed when the
/// process exits, so that a test run leaves nothing in the temporary folder however its tests end
/// (a failed `#require` skips a test's `defer`s; end-to-end tests leave whole report folders).
/// The root of a run that was killed is removed by the next run.
public enum Scratch {
    /// `$TMPDIR/cipin-tests-<pid>`, created and registered for removal on first use.
    public static let root: URL = {
        let temporary = FileManager.default.temporaryDirectory
        removeRootsOfEndedRuns(in: temporary)
        let root = temporary.appendingPathComponent("\(prefix)\(getpid())")
        try? FileManager.default.removeItem(at: root)   // a root left by an ended process with the same id
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.root) }
        return root
    }()

    /// A new, empty folder under `root`, its name starting with `name`.
    public static func folder(_ name: String) throws -> URL {
        let url = root.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A path under `root` for a new file, its name `name` with a unique part before `suffix`.
    public static func file(_ name: String, suffix: String = "") -> URL {
        root.appendingPathComponent("\(name)-\(UUID().uuidString)\(suffix)")
    }

    static let prefix = "cipin-tests-"

    /// Removes the roots whose process no longer runs (a run killed before it could remove its own).
    static func removeRootsOfEndedRuns(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
