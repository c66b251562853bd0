/// A worker's table of word types, keyed by UTF-8 bytes: interning a token costs one hash of its
/// bytes and no allocation, which keeps the pipeline close to the segmenter's own speed.
///
/// Open addressing with linear probing over a power-of-two slot array; the bytes of every word
/// live once in `arena`.
/// A value type, so that its arrays are reached without the run-time exclusivity checks a class's
/// stored properties get: each worker owns one table as a local variable.
struct TokenTable: Sendable {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int32] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1 << 14) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { starts.count - 1 }

    /// The bytes of word `id`.
    func word(_ id: Int) -> ArraySlice<UInt8> {
        arena[Int(starts[id])..<Int(starts[id + 1])]
    }

    /// The id of the word in `bytes`, adding it when new.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && equals(Int(id), bytes) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        slots[slot] = id
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        starts.append(Int32(arena.count))
        if count * 2 > slots.count { grow() }
        return id
    }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[id])
        let end = Int(starts[id + 1])
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            for offset in 0..<bytes.count where stored[start + offset] != bytes[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// FNV-1a over the bytes, then a final mix so that the low bits used for slots are spread.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
