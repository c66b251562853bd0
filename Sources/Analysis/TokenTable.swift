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

    /// The table's parts, as `init(parts:)` takes them back (for a binary cache).
    var parts: (arena: [UInt8], starts: [Int32], hashes: [UInt64], slots: [Int32]) { (arena, starts, hashes, slots) }

    /// A table from the parts of another (read from a cache); `nil` unless they form one: ends
    /// that rise from 0 to the arena's size, each word's hash, a power-of-two slot table at most
    /// half full that holds every id once, each in its probe sequence.
    init?(parts arena: [UInt8], starts: [Int32], hashes: [UInt64], slots: [Int32]) {
        let count = starts.count - 1
        guard count >= 0, starts.first == 0, Int(starts.last ?? -1) == arena.count, hashes.count == count,
              slots.count >= 16, slots.count & (slots.count - 1) == 0, count * 2 <= slots.count,
              zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        let mask = slots.count - 1
        var slotOf = [Int](repeating: -1, count: count)
        for (slot, id) in slots.enumerated() where id != -1 {
            guard id >= 0, Int(id) < count, slotOf[Int(id)] < 0 else { return nil }
            slotOf[Int(id)] = slot
        }
        let valid = arena.withUnsafeBufferPointer { arena in
            (0..<count).allSatisfy { id in
                let word = UnsafeBufferPointer(rebasing: arena[Int(starts[id])..<Int(starts[id + 1])])
                guard slotOf[id] >= 0, Self.hash(word) == hashes[id] else { return false }
                // No empty slot between the word's home slot and its slot (else lookups miss it).
                var slot = Int(truncatingIfNeeded: hashes[id]) & mask
                while slot != slotOf[id] {
                    if slots[slot] < 0 { return false }
                    slot = (slot + 1) & mask
                }
                return true
            }
        }
        guard valid else { return nil }
        self.arena = arena
        self.starts = starts
        self.hashes = hashes
        self.slots = slots
        self.mask = mask
    }

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
