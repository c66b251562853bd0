/// A fixed-size, immutable-after-construction buffer of plain values with a stable address.
///
/// The cutting loops read the model through raw pointers (no bounds checks, no reference
/// counting per access); this class is what keeps those pointers valid. It is only written while it
/// is being built, before it is shared, which is why it may be `Sendable`. It either owns its
/// memory or reads memory that `owner` keeps alive (a memory-mapped model cache), never written.
final class FlatBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int
    /// What keeps borrowed memory alive; `nil` when the buffer owns its memory.
    private let owner: AnyObject?

    /// A buffer reading `count` elements at `start`, which `owner` keeps valid and unchanged for
    /// as long as it lives (the buffer keeps `owner`). `start` must be aligned for `Element`.
    init(borrowing start: UnsafeRawPointer, count: Int, owner: AnyObject) {
        precondition(Int(bitPattern: start) % MemoryLayout<Element>.alignment == 0, "aligned elements")
        self.count = count
        self.owner = owner
        base = UnsafeMutablePointer(mutating: start.bindMemory(to: Element.self, capacity: count))
    }

    /// A buffer of `count` copies of `value`.
    init(count: Int, repeating value: Element) {
        self.count = count
        owner = nil
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    /// A buffer holding the elements of `array`.
    convenience init(_ array: [Element]) {
        self.init(count: array.count) { destination in
            array.withUnsafeBufferPointer { source in
                if let address = source.baseAddress {
                    destination.baseAddress!.update(from: address, count: source.count)
                }
            }
        }
    }

    /// A buffer of `count` elements, all written by `fill` before the buffer is shared.
    init(count: Int, fill: (UnsafeMutableBufferPointer<Element>) throws -> Void) rethrows {
        self.count = count
        owner = nil
        base = .allocate(capacity: max(count, 1))
        let buffer = UnsafeMutableBufferPointer(start: base, count: count)
        do {
            try fill(buffer)
        } catch {
            base.deallocate()
            throw error
        }
    }

    deinit {
        if owner == nil { base.deallocate() }
    }

    var buffer: UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base, count: count)
    }

    subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "FlatBuffer index out of range")
        return base[index]
    }

    var array: [Element] {
        Array(buffer)
    }
}
