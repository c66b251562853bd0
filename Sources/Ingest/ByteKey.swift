import Foundation

/// A string as a key of a dictionary or set by its UTF-8 bytes: a path, or a value a record
/// stores once.
///
/// Design note. A file system names a file by the bytes of its path, and Swift's `String` compares
/// and hashes by canonical equivalence: each hash of a path with Chinese characters normalizes it
/// (NFC) first, which cost a run over 26,836 such paths several lookups' worth of milliseconds per
/// table. Keyed by bytes, a lookup hashes the UTF-8 as it is, and two paths that differ in their
/// bytes (one composed, one decomposed) are two files, as they are on disk; a record that stores
/// each distinct value once keeps both spellings as they were.
public struct ByteKey: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = text }

    public func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public static func == (lhs: ByteKey, rhs: ByteKey) -> Bool {
        var left = lhs.text, right = rhs.text
        return left.withUTF8 { a in
            right.withUTF8 { b in a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
        }
    }

    public var description: String { text }
}
