import Foundation
import Reporting
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
final class RunLock: Sendable {
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
    ///
    /// A run whose output folder did not exist before removes the lock file and the folder when it
    /// fails (`removeFile()`), so a run that was waiting for the lock may hold it on a file no longer
    /// there; it then takes the lock again on the file now at `path`, as a run starting then would.
    init(file: URL, wait: Bool) throws {
        path = file.path
        let folder = file.deletingLastPathComponent()
        var attempts = 0
        while true {
            do {
                try Folders.create(folder)
            } catch ReportingError.cannotWriteFile(_, let step, let reason) {
                throw PipelineError.outputFailed(path: folder.path, reason: "\(step): \(reason)")
            }
            let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                // The folder was just removed by a run that failed after making it: make it again.
                if errno == ENOENT { attempts += 1; if attempts < 100 { continue } }
                let failure = errno
                // The usual cause: a folder (and lock) made by another user, such as root's cron.
                if failure == EACCES || failure == EPERM || failure == EROFS {
                    let what = file.lastPathComponent == ".cipin.lock" ? "the output folder" : "the folder of the run store's lock file"
                    throw PipelineError.outputFailed(path: folder.path, reason: "\(what) is not writable by this user "
                        + "(\(String(cString: strerror(failure))) on \(file.lastPathComponent)); make it writable (chown, chmod), "
                        + (file.lastPathComponent == ".cipin.lock" ? "or give the pipeline another `output`" : "or name another `store`"))
                }
                throw PipelineError.outputFailed(path: path, reason: "open: " + String(cString: strerror(failure)))
            }
            while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
                if errno == EINTR { continue }
                let failure = errno
                close(descriptor)
                if failure == EWOULDBLOCK { throw PipelineError.locked(path: path) }
                throw PipelineError.outputFailed(path: path, reason: "flock: " + String(cString: strerror(failure)))
            }
            var held = stat(), named = stat()
            guard fstat(descriptor, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino else {
                close(descriptor)
                continue
            }
            self.descriptor = descriptor
            break
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Removes the lock file while the lock is held (see `init(file:wait:)`).
    func removeFile() {
        _ = unlink(path)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
