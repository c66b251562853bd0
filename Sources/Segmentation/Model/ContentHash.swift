/// A fast 64-bit hash for cache keys and cache checksums.
///
/// This is FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3) applied to 64-bit
/// little-endian words instead of single bytes, followed by the SplitMix64 finaliser. Each step
/// `h = (h ^ word) * prime` is a bijection of `h` for a given word, so changing any single word of the
/// input always changes the result; the byte length is mixed in at the end, so truncation shows
/// too. It is not cryptographic: it guards against stale and damaged files, not against an attacker
/// who can already write to the cache directory.
///
/// - Complexity: O(n), about one multiplication per 8 bytes (several GB/s).
struct ContentHash {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325
    private var length: UInt64 = 0
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    init() {}

    /// Mixes in the bytes of `bytes`.
    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        let count = bytes.count
        var h = state
        while offset + 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            h = (h ^ word) &* Self.prime
            offset += 8
        }
        if offset < count {
            // The tail, padded with a 0x80 marker so "ab" and "ab\0" differ.
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            word |= 0x80 << shift
            h = (h ^ word) &* Self.prime
        }
        state = h
        length &+= UInt64(count)
    }

    /// Mixes in the bytes of `array`.
    mutating func combine(_ array: [UInt8]) {
        array.withUnsafeBytes { combine($0) }
    }

    /// Mixes in one integer (used to separate items, so that ("ab", "c") and ("a", "bc") differ).
    mutating func combine(_ value: UInt64) {
        state = (state ^ value) &* Self.prime
        length &+= 8
    }

    /// Mixes in the UTF-8 bytes of `string`, preceded by their count.
    mutating func combine(_ string: String) {
        var bytes = Array(string.utf8)
        combine(UInt64(bytes.count))
        bytes.withUnsafeMutableBytes { combine(UnsafeRawBufferPointer($0)) }
    }

    /// The hash of everything mixed in so far.
    func finalize() -> UInt64 {
        var z = (state ^ length) &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The hash of `bytes` alone.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = ContentHash()
        hasher.combine(bytes)
        return hasher.finalize()
    }
}
