import Dispatch
import Foundation

/// Runs independent per-article work on several threads.
///
/// Design note. Articles are handed out in small chunks from a shared counter, so a thread that
/// gets long articles does not hold the others up; every result is written to its own index, so
/// the output is in article order whatever thread computed it, and equal to a serial run.
enum Parallel {
    /// `[body(0), body(1), …, body(count − 1)]`, computed by up to `workers` threads. `makeBody` is
    /// called once per thread, so each thread's body can own its scratch buffers.
    static func map<T: Sendable>(_ count: Int, workers: Int, makeBody: @Sendable () -> (Int) -> T) -> [T] {
        let workerCount = max(1, min(workers, count / 8))
        if workerCount == 1 {
            let body = makeBody()
            return (0..<count).map(body)
        }
        var results = [T?](repeating: nil, count: count)
        let next = ChunkCounter()
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
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
    static func each<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: count) { output[$0] = body($0) }
        }
        return results.map { $0! }
    }

    /// Threads to use by default: the machine's active cores.
    static var defaultWorkers: Int { ProcessInfo.processInfo.activeProcessorCount }
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
