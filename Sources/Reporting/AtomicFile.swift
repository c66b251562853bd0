import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old content or the complete new one, never a part.
///
///     try AtomicFile.write(Data("词,次数\r\n".utf8), to: URL(fileURLWithPath: "out/keywords.csv"))
///
/// The bytes go to a new file `.NAME.tmp-PID-RANDOM` in the destination's folder (same file system,
/// so `rename(2)` is atomic), are flushed with `fsync(2)`, and the file is renamed over `NAME`; the
/// folder is then synced so the rename itself survives a crash. On any error the temporary file is
/// removed and an existing `NAME` is left as it was. The new file gets mode 0666 minus the umask;
/// the mode of a replaced file is not carried over.
public enum AtomicFile {
    /// Replaces (or creates) the file at `url` with `data`.
    ///
    /// - Parameters:
    ///   - data: The complete new content.
    ///   - url: A file URL; its folder must exist.
    ///   - durable: Whether to `fsync` the file and its folder; turn off only for scratch output.
    /// - Throws: `ReportingError.cannotWriteFile` naming `url.path` and the failing step, e.g.
    ///   `rename: Is a directory` when a folder has the destination's name.
    public static func write(_ data: Data, to url: URL, durable: Bool = true) throws {
        let temporary = try writeTemporary([data], for: url, durable: durable)
        try install(temporary, at: url)
        if durable { syncFolder(url.deletingLastPathComponent().path) }
    }

    /// Replaces (or creates) several files, all or none as far as the file system allows: every
    /// file is first written and flushed under its temporary name (side by side), and only when
    /// all of them are does each replace its destination, in order; each folder is synced once.
    ///
    ///     try AtomicFile.write([(csv, folder.appendingPathComponent("terms.csv")), (xml, reportURL)])
    ///
    /// A failure while writing leaves every destination as it was; a failure while renaming (a
    /// folder in the way) leaves the files before it replaced. (Writing them one by one, a full disk
    /// could leave half a report new and half old.)
    ///
    /// - Throws: `ReportingError.cannotWriteFile` naming the first file (in order) that failed.
    public static func write(_ files: [(data: Data, url: URL)]) throws {
        let staged = concurrentMap(files.count) { index in Result { try stage(files[index].data, for: files[index].url) } }
        try install(staged)
    }

    /// A file written and flushed under a temporary name beside its destination, not yet in place
    /// (see `stage(_:for:)` and `install(_:)`).
    public struct Staged: Sendable {
        /// The temporary file's path.
        public var temporaryPath: String
        /// Where it goes.
        public var url: URL
    }

    /// Writes `data` under a new temporary name beside `url` and flushes it; `install(_:)` then puts
    /// it in place (with the others of its set), or removes it if any of them failed.
    ///
    /// - Throws: `ReportingError.cannotWriteFile` naming `url.path` and the failing step.
    public static func stage(_ data: Data, for url: URL) throws -> Staged {
        Staged(temporaryPath: try writeTemporary([data], for: url, durable: true), url: url)
    }

    /// `stage(_:for:)` for a file whose bytes `produce` hands, part by part, to the function it is
    /// given, each written as it comes; an error `produce` throws leaves no temporary file.
    static func stage(for url: URL, producing produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws -> Staged {
        Staged(temporaryPath: try writeTemporary(for: url, durable: true) { write in
            try withoutActuallyEscaping(write) { write in try produce { part in try part.withUnsafeBytes { try write($0) } } }
        }, url: url)
    }

    /// Held while a set of staged files is being put in place, so that a stop (SIGINT, SIGTERM)
    /// handled on another thread waits until the set is wholly in place or wholly rolled back, and
    /// an install that has not begun never begins once a stop holds it.
    public static let commitLock = NSLock()

    /// Held while a temporary file is being created, and taken for good by a stop (SIGINT,
    /// SIGTERM), so that once the stop lists a folder to remove the temporary files in it, no
    /// thread still at work makes one it would miss: such a thread waits here until the process ends.
    public static let creationLock = NSLock()

    /// Puts staged files in place, all or none: if any item is a failure, every staged file is
    /// removed and the first failure (in order) is thrown; otherwise each file replaces its
    /// destination in order, the files of `removing` are deleted, and each folder is synced once.
    ///
    /// Before anything is renamed, every destination is checked (a folder in the way fails the
    /// set) and each existing one gets a hard link under a temporary name, its backup. If a rename
    /// still fails, the destinations already replaced get their old files back (or are removed when
    /// they were new), so the set is as it was; on success the backups go. (On a file system
    /// without hard links the old file is renamed to its backup name right before its
    /// replacement takes its place, so for that moment it is missing.) A process killed
    /// in the middle (SIGKILL) can leave a set half replaced; the renames take microseconds.
    ///
    /// - Parameters:
    ///   - removing: files that belong to the set's previous version but not to this one
    ///   (a chart no longer drawn); deleted only when every file is in place, missing ones ignored.
    ///   - whenInstalled: called with every file in place, before `commitLock` is given back.
    public static func install(_ items: [Result<Staged, Error>], removing: [URL] = [], whenInstalled: () -> Void = {}) throws {
        try install(items, removing: removing, whenInstalled: whenInstalled, failingRename: { _ in false })
    }

    /// `install(_:removing:whenInstalled:)` with renames that `failingRename(index)` makes fail (for tests of the roll-back).
    static func install(_ items: [Result<Staged, Error>], removing: [URL], whenInstalled: () -> Void = {},
                        failingRename: (Int) -> Bool, hardLinks: Bool = true) throws {
        if let failure = items.first(where: { if case .failure = $0 { return true } else { return false } }) {
            discard(items)
            _ = try failure.get()
        }
        let staged = items.compactMap { try? $0.get() }
        commitLock.lock()
        defer { commitLock.unlock() }
        // A folder (or anything but a file or a link) in a destination's place fails the set before any rename.
        for (index, file) in staged.enumerated() {
            var status = stat()
            if lstat(file.url.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
                for other in staged[index...] { _ = unlink(other.temporaryPath) }
                for other in staged[..<index] { _ = unlink(other.temporaryPath) }
                throw ReportingError.cannotWriteFile(path: file.url.path, step: "rename", reason: String(cString: strerror(EISDIR)))
            }
        }
        // Backups: a hard link to each destination that exists, so a failed set can be put back.
        var backups = [String?](repeating: nil, count: staged.count)
        var existed = [Bool](repeating: false, count: staged.count)
        var movedAside: Set<Int> = []
        for (index, file) in staged.enumerated() {
            var status = stat()
            guard lstat(file.url.path, &status) == 0 else { continue }
            existed[index] = true
            for _ in 0..<16 {
                let candidate = temporaryPath(for: file.url)
                if hardLinks && link(file.url.path, candidate) == 0 {
                    backups[index] = candidate
                    break
                }
                if !hardLinks || errno != EEXIST { break }
            }
            // No hard links on this file system (FAT, some network mounts): the old file is
            // renamed to its backup name right before the new one takes its place (see below).
            if backups[index] == nil { movedAside.insert(index) }
        }
        var installed = 0
        var folders: [String] = []
        defer {
            for file in staged[..<installed] where !folders.contains(file.url.deletingLastPathComponent().path) {
                folders.append(file.url.deletingLastPathComponent().path)
            }
            for folder in folders { syncFolder(folder) }
        }
        for (index, file) in staged.enumerated() {
            do {
                if failingRename(index) {
                    _ = unlink(file.temporaryPath)
                    throw ReportingError.cannotWriteFile(path: file.url.path, step: "rename", reason: "failed for a test")
                }
                if movedAside.contains(index) {
                    let candidate = temporaryPath(for: file.url)
                    if rename(file.url.path, candidate) == 0 { backups[index] = candidate }
                }
                try install(file.temporaryPath, at: file.url)
                installed += 1
            } catch {
                for later in staged[(index + 1)...] { _ = unlink(later.temporaryPath) }
                // Put the set back: the old files over the new ones, new files away.
                // This file's old content, when it was renamed aside for want of a hard link, goes back first.
                if movedAside.contains(index), let backup = backups[index], rename(backup, file.url.path) == 0 { backups[index] = nil }
                for earlier in (0..<index).reversed() {
                    if let backup = backups[earlier] {
                        if rename(backup, staged[earlier].url.path) == 0 { backups[earlier] = nil }
                    } else if !existed[earlier] {
                        _ = unlink(staged[earlier].url.path)
                    }
                }
                // A backup that could not be put back is the only copy of its old file: it stays.
                for (position, backup) in backups.enumerated() {
                    guard let backup else { continue }
                    if !(movedAside.contains(position) && position <= index) { _ = unlink(backup) }
                }
                installed = index
                throw error
            }
        }
        for case let backup? in backups { _ = unlink(backup) }
        for url in removing {
            if unlink(url.path) == 0, !folders.contains(url.deletingLastPathComponent().path) {
                folders.append(url.deletingLastPathComponent().path)
            }
        }
        whenInstalled()
    }

    /// A new temporary name beside `url`: `.NAME.tmp-PID-HEX`, the form the pipeline's clean-up
    /// of killed runs recognises.
    static func temporaryPath(for url: URL) -> String {
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-\(getpid())-" + suffix
    }

    /// Creates a new, empty temporary file beside `url` (see `temporaryPath(for:)`) under
    /// `creationLock`, and returns its path and a descriptor open for writing.
    ///
    /// - Throws: `ReportingError.cannotWriteFile` naming `url.path`.
    static func createTemporary(for url: URL) throws -> (path: String, descriptor: Int32) {
        creationLock.lock()
        defer { creationLock.unlock() }
        var path = ""
        var descriptor: Int32 = -1
        for _ in 0..<16 {
            path = temporaryPath(for: url)
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else {
            throw ReportingError.cannotWriteFile(path: url.path, step: "open temporary file", reason: String(cString: strerror(errno)))
        }
        return (path, descriptor)
    }

    /// Removes the temporary files of the staged items.
    public static func discard(_ items: [Result<Staged, Error>]) {
        for case .success(let staged) in items { _ = unlink(staged.temporaryPath) }
    }

    /// Writes `data` to a new temporary file beside `url` (flushed if `durable`) and returns its path.
    private static func writeTemporary<Part: ContiguousBytes>(_ parts: [Part], for url: URL, durable: Bool) throws -> String {
        try writeTemporary(for: url, durable: durable) { write in
            for part in parts { try part.withUnsafeBytes { try write($0) } }
        }
    }

    /// Writes the bytes `produce` hands on to a new temporary file beside `url` (flushed if
    /// `durable`) and returns its path.
    private static func writeTemporary(for url: URL, durable: Bool,
                                       producing produce: (_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> String {
        let path = url.path
        func failure(_ step: String, _ code: Int32) -> ReportingError {
            .cannotWriteFile(path: path, step: step, reason: String(cString: strerror(code)))
        }

        let (temporaryPath, descriptor) = try createTemporary(for: url)

        var closed = false
        var kept = false
        defer {
            if !closed { _ = close(descriptor) }
            if !kept { _ = unlink(temporaryPath) }
        }

        try produce { (bytes: UnsafeRawBufferPointer) in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("write", errno)
                }
                offset += written
            }
        }
        if durable && fsync(descriptor) != 0 { throw failure("fsync", errno) }
        closed = true
        if close(descriptor) != 0 { throw failure("close", errno) }
        kept = true
        return temporaryPath
    }

    /// Renames a written temporary file over `url`; on failure the temporary file is removed.
    private static func install(_ temporary: String, at url: URL) throws {
        guard rename(temporary, url.path) == 0 else {
            let code = errno
            _ = unlink(temporary)
            throw ReportingError.cannotWriteFile(path: url.path, step: "rename", reason: String(cString: strerror(code)))
        }
    }

    /// Best effort: some file systems refuse `fsync` on folders, and the file itself is already safe.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }
}

/// `write(2)`, named apart from `AtomicFile.write` which would otherwise shadow it.
@inline(__always)
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, buffer, count)
    #else
    return Darwin.write(descriptor, buffer, count)
    #endif
}
