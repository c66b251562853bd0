/// A table of word types keyed by their UTF-8 bytes (exact code points, as Python's dict, not
/// String's canonical equivalence): interning a word costs one hash of its bytes and no
/// allocation. The segmentation workers, `Vocabulary` and `IDFTable` keep their words in one.
///
///     var table = TokenTable()
///     let id = "人才".utf8.withContiguousStorageIfAvailable { table.intern($0) }   // 0
///
/// Open addressing with linear probing over a power-of-two slot array; the bytes of every word
/// live once in `arena`. A value type, so that its arrays are reached without the run-time
/// exclusivity checks a class's stored properties get.
public struct TokenTable: Sendable {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int32] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    public init(capacity: Int = 1 << 14) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    public var count: Int { starts.count - 1 }

    /// The bytes of word `id`.
    public func word(_ id: Int) -> ArraySlice<UInt8> {
        arena[Int(starts[id])..<Int(starts[id + 1])]
    }

    /// The id of the word in `bytes`, or `nil` when the table does not hold it.
    public func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let slot = find(bytes).slot
        return slots[slot] >= 0 ? slots[slot] : nil
    }

    /// The slot holding `bytes`, or the empty slot where they would go, and their hash.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>) -> (slot: Int, hash: UInt64) {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 || (hashes[Int(id)] == hash && equals(Int(id), bytes)) { return (slot, hash) }
            slot = (slot + 1) & mask
        }
    }

    /// The id of the word in `bytes`, adding it when new.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (slot, hash) = find(bytes)
        if slots[slot] >= 0 { return slots[slot] }
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
