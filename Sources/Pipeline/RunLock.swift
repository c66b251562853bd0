import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of a pipeline at a time: an exclusive `flock` on `<output>/.cipin.lock`, and with
/// `history: true` on `<store>.lock` beside the run store, which runs into other outputs may share.
///
/// The kernel releases the lock when the process ends, however it ends (SIGKILL included), so a
/// killed run never leaves a stale lock behind.
final class RunLock {
    private let descriptor: Int32
    let path: String

    /// Takes the lock, waiting for it when `wait` is set.
    ///
    /// - Throws: `PipelineError.locked` when another run holds it and `wait` is not set;
    ///   `PipelineError.outputFailed` when the lock file cannot be made.
    convenience init(folder: URL, wait: Bool) throws {
        try self.init(file: folder.appendingPathComponent(".cipin.lock"), wait: wait)
    }

    /// Takes the lock on `file` (made, with its folder, when missing).
    init(file: URL, wait: Bool) throws {
        path = file.path
        let folder = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.outputFailed(path: folder.path, reason: "create folder: \((error as NSError).localizedDescription)")
        }
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PipelineError.outputFailed(path: path, reason: "open: " + String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            let failure = errno
            close(descriptor)
            if failure == EWOULDBLOCK { throw PipelineError.locked(path: path) }
            throw PipelineError.outputFailed(path: path, reason: "flock: " + String(cString: strerror(failure)))
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
