import Foundation

/// A path as a key of a dictionary or set, by its bytes.
///
/// Design note. A file system names a file by the bytes of its path, and Swift's `String` compares
/// and hashes by canonical equivalence: each hash of a path with Chinese characters normalizes it
/// (NFC) first, which cost a run over 26,836 such paths several lookups' worth of milliseconds per
/// table. Keyed by bytes, a lookup hashes the UTF-8 as it is, and two paths that differ in their
/// bytes (one composed, one decomposed) are two files, as they are on disk.
public struct PathKey: Hashable, Sendable, CustomStringConvertible {
    public let path: String

    public init(_ path: String) { self.path = path }

    public func hash(into hasher: inout Hasher) {
        var path = path
        path.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public static func == (lhs: PathKey, rhs: PathKey) -> Bool {
        var left = lhs.path, right = rhs.path
        return left.withUTF8 { a in
            right.withUTF8 { b in a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
        }
    }

    public var description: String { path }
}
