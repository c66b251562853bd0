import Dispatch

/// `[body(0), …, body(count − 1)]`, the items computed side by side (as many at once as there are
/// cores); each result goes to its own index, so the order is that of a serial run.
///
/// Called inside another `concurrentPerform` it runs on fewer threads (libdispatch divides them by
/// the outer one's width; none more on two cores): use it at the top of a stage, not inside the
/// analyses' `concurrentPerform`, where `Parallel.map` (threads of its own) shares work out.
func concurrentMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let output = buffer
        DispatchQueue.concurrentPerform(iterations: count) { output[$0] = body($0) }
    }
    return results.map { $0! }
}
