import Dispatch
import Foundation
import Logging
import Reporting
#if canImport(Glibc)
import Glibc
#endif

/// Clean stops on SIGINT and SIGTERM: the work in progress is abandoned, what it had begun to
/// write is removed, the run store records the run as failed, and the process exits with 130 or
/// 143. Everything already finished (the previous report, `latest`, the store) stays as it was,
/// because every output is written to a temporary name and renamed into place.
///
/// A process has one set of signal handlers, so this is process-wide by nature.
public enum Interruption {
    private static let state = State()

    final class State: @unchecked Sendable {
        let lock = NSLock()
        var cleanups: [Int: @Sendable () -> String?] = [:]
        var next = 0
        var sources: [DispatchSourceSignal] = []
    }

    /// Installs the SIGINT and SIGTERM handlers (once per process).
    public static func install() {
        state.lock.lock()
        defer { state.lock.unlock() }
        guard state.sources.isEmpty else { return }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                // A report being put in place is finished (or rolled back) first, and none begins
                // after this: the lock is never given back, the process ends below.
                AtomicFile.commitLock.lock()
                // And no temporary file is made after the clean-up below has looked for them (a
                // thread still at work that would make one waits until the process ends).
                AtomicFile.creationLock.lock()
                state.lock.lock()
                let cleanups = state.cleanups.values
                state.lock.unlock()
                let said = cleanups.compactMap { $0() }.first
                let name = signalNumber == SIGINT ? "SIGINT" : "SIGTERM"
                let message = "stopped by \(name); \(said ?? "the previous report, if any, is left as it was")"
                FileHandle.standardError.write(Data("cipin: \(message)\n".utf8))
                // And to the log file, which an operator of scheduled runs may read alone.
                Logger(label: "cipin").error("\(message)", metadata: Logs.saidOnStandardError)
                // The run's other threads go on until the process ends, and one may just have made
                // again what the first pass removed (a report folder begun at that moment): a second
                // pass right before the end. (The next run also removes the folders of failed runs.)
                for cleanup in cleanups { _ = cleanup() }
                // At once: `exit` would run exit handlers while those threads go on. Nothing is left
                // to flush (messages and logs are written unbuffered; the store has committed).
                _exit(128 + signalNumber)
            }
            source.resume()
            state.sources.append(source)
        }
    }

    /// Registers work to undo if the run is stopped; returns a token for `remove`. The work returns
    /// what to say instead of "the previous report, if any, is left as it was", or `nil`.
    static func register(_ cleanup: @escaping @Sendable () -> String?) -> Int {
        state.lock.lock()
        defer { state.lock.unlock() }
        state.next += 1
        state.cleanups[state.next] = cleanup
        return state.next
    }

    static func remove(_ token: Int) {
        state.lock.lock()
        state.cleanups[token] = nil
        state.lock.unlock()
    }
}
