import Dispatch
import Foundation

/// Runs independent per-article work on several threads.
///
/// Design note. Articles are handed out in small chunks from a shared counter, so a thread that
/// gets long articles does not hold the others up; every result is written to its own index, so
/// the output is in article order whatever thread computed it, and equal to a serial run.
///
/// The threads are threads of their own (`onThreads`), not Dispatch's: the analyses run side by
/// side in a `DispatchQueue.concurrentPerform`, and a `concurrentPerform` inside one of them gets
/// no more threads than the pool has left, none on two cores, so the article keywords (the longest
/// analysis) ran on one core while the other sat idle once the shorter analyses were done (24 MB:
/// the analyses took 0.57 s for 0.98 s of CPU). With threads of their own the cores share all the
/// work until the end.
public enum Parallel {
    /// `[body(0), body(1), …, body(count − 1)]`, computed by up to `workers` threads. `makeBody` is
    /// called once per thread, so each thread's body can own its scratch buffers.
    public static func map<T: Sendable>(_ count: Int, workers: Int, makeBody: @Sendable () -> (Int) -> T) -> [T] {
        let workerCount = max(1, min(workers, count / 8))
        if workerCount == 1 {
            let body = makeBody()
            return (0..<count).map(body)
        }
        var results = [T?](repeating: nil, count: count)
        let next = ChunkCounter()
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            onThreads(workerCount) { _ in
                let body = makeBody()
                while let range = next.take(chunk: 8, below: count) {
                    for index in range { output[index] = body(index) }
                }
            }
        }
        return results.compactMap { $0 }
    }

    /// `[body(0), …, body(count − 1)]` for a few large items, each on a thread of its own (as
    /// many at once as there are cores).
    public static func each<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        let next = ChunkCounter()
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            onThreads(min(count, defaultWorkers)) { _ in
                while let range = next.take(chunk: 1, below: count) {
                    for index in range { output[index] = body(index) }
                }
            }
        }
        return results.map { $0! }
    }

    /// Calls `body(0)` … `body(count − 1)` at once, each on a thread of its own (`body(0)` on the
    /// calling one), and returns when all have returned. A thread the system refuses (a limit on
    /// threads) is not waited for: its body is not called, so callers share their work out from a
    /// common counter (as `map` and `each` do), which the threads that run finish.
    static func onThreads(_ count: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        // Each thread is joined before this returns, so none outlives `body`.
        withoutActuallyEscaping(body) { work in
            var threads: [pthread_t] = []
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            // As large as the main thread's: the work is whatever a caller's body does.
            pthread_attr_setstacksize(&attributes, 8 << 20)
            for index in 1..<count {
                let start = Unmanaged.passRetained(ThreadStart { work(index) })
                var thread = pthread_t()
                let started = pthread_create(&thread, &attributes, { context in
                    Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue().run()
                    return nil
                }, start.toOpaque())
                if started == 0 {
                    threads.append(thread)
                } else {
                    start.release()
                }
            }
            work(0)
            for thread in threads { pthread_join(thread, nil) }
        }
    }

    /// Threads to use by default: the machine's active cores.
    public static var defaultWorkers: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// What a thread of `Parallel.onThreads` runs.
private final class ThreadStart {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// The next chunk of indices to work on, shared by the threads of `Parallel.map`.
final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(chunk: Int, below count: Int) -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        let range = next..<min(count, next + chunk)
        next = range.upperBound
        return range
    }
}
