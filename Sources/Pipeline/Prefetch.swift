import Dispatch

/// A value computed in the background from the moment it is asked for, and waited for where it is
/// used: inputs that a later stage needs and that depend on nothing before it (jieba's IDF table)
/// are read while the run's first, partly serial stages (loading stored results, combining them)
/// leave a core idle.
final class Prefetch<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<Value, Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async(group: group) { [self] in result = Result { try work() } }
    }

    /// The value, once computed; rethrows the work's error.
    func value() throws -> Value {
        group.wait()
        return try result!.get()
    }
}
