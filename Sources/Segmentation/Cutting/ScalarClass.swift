/// The character classes of jieba's regular expressions, as predicates on Unicode scalar values.
///
/// jieba works on Python `str`, whose indexes are Unicode scalars, so everything here takes a
/// scalar value (`UInt32`) rather than a `Character`. ASCII classes are bit masks so the hot loop
/// touches no table.
enum ScalarClass {
    /// The first Han scalar in `re_han_default` and finalseg's `re_han` (`\u4E00`).
    static let hanFirst: UInt32 = 0x4E00
    /// The last Han scalar in those patterns (`\u9FD5`); later CJK additions are not Han to jieba.
    static let hanLast: UInt32 = 0x9FD5
    /// How many scalars the Han range holds.
    static let hanCount = Int(hanLast - hanFirst + 1)

    // `#%&+-.` and `0-9` (scalars 0–63), then `A-Z`, `_` and `a-z` (scalars 64–127).
    private static let blockMaskLow: UInt64 =
        (1 << 0x23) | (1 << 0x25) | (1 << 0x26) | (1 << 0x2B) | (1 << 0x2D) | (1 << 0x2E) | (0x3FF << 0x30)
    private static let blockMaskHigh: UInt64 = (0x3FF_FFFF << 1) | (1 << 31) | (0x3FF_FFFF << 33)
    private static let alphanumericMaskLow: UInt64 = 0x3FF << 0x30
    private static let alphanumericMaskHigh: UInt64 = (0x3FF_FFFF << 1) | (0x3FF_FFFF << 33)
    // `\t \n \v \f \r`, the four information separators 0x1C–0x1F, and the space.
    private static let whitespaceMask: UInt64 = (0x1F << 0x09) | (0x1F << 0x1C)

    /// `[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]`: a scalar that belongs to a block jieba cuts with its dictionary.
    @inline(__always)
    static func isBlockScalar(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return (blockMaskLow >> UInt64(scalar)) & 1 != 0 }
        if scalar < 128 { return (blockMaskHigh >> UInt64(scalar - 64)) & 1 != 0 }
        return scalar &- hanFirst <= hanLast &- hanFirst
    }

    /// `[\u4E00-\u9FD5]`: finalseg's `re_han`, the scalars its HMM segments.
    @inline(__always)
    static func isHan(_ scalar: UInt32) -> Bool {
        scalar &- hanFirst <= hanLast &- hanFirst
    }

    /// `[a-zA-Z0-9]`: jieba's `re_eng` and the body of finalseg's `re_skip`.
    @inline(__always)
    static func isASCIIAlphanumeric(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return (alphanumericMaskLow >> UInt64(scalar)) & 1 != 0 }
        if scalar < 128 { return (alphanumericMaskHigh >> UInt64(scalar - 64)) & 1 != 0 }
        return false
    }

    /// `[0-9]`; finalseg's `\d` only ever sees ASCII, since its input comes from a jieba block.
    @inline(__always)
    static func isASCIIDigit(_ scalar: UInt32) -> Bool {
        scalar &- 0x30 < 10
    }

    /// Python's `\s` on `str` (the same set as `str.isspace()` in Python 3.11, Unicode 14).
    @inline(__always)
    static func isWhitespace(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return (whitespaceMask >> UInt64(scalar)) & 1 != 0 }
        if scalar < 0x85 { return false }
        switch scalar {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
