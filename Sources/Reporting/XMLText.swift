/// Text clean-up applied to every string before it reaches libxml2 or a CSV file.
///
/// XML 1.0 allows only `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
/// libxml2's text writer passes the other characters through as raw bytes (and still reports
/// success), and U+0000 would end the string early when it crosses into C. Each such character is
/// replaced by U+FFFD REPLACEMENT CHARACTER rather than dropped, so a reader sees that something was
/// there and the text around it keeps its length. Tab, LF and CR are kept. Lone surrogates cannot
/// occur: a Swift `String` always holds valid Unicode.
enum XMLText {
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Whether XML 1.0 allows `scalar` in a document.
    @inline(__always)
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00...0x1F: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    /// `text` with every character XML 1.0 forbids replaced by U+FFFD.
    ///
    /// - Complexity: O(n) in the UTF-8 length; no copy when the text is already clean.
    static func sanitized(_ text: String) -> String {
        // Fast path on UTF-8 bytes: forbidden characters are C0 controls (one byte) or U+FFFE/U+FFFF
        // (EF BF BE / EF BF BF); most text has neither.
        var clean = true
        var utf8Iterator = text.utf8.makeIterator()
        var previous2: UInt8 = 0
        var previous1: UInt8 = 0
        while let byte = utf8Iterator.next() {
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                clean = false
                break
            }
            if previous2 == 0xEF && previous1 == 0xBF && (byte == 0xBE || byte == 0xBF) {
                clean = false
                break
            }
            previous2 = previous1
            previous1 = byte
        }
        if clean { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isAllowed(scalar) ? scalar : replacement)
        }
        return String(scalars)
    }

    /// Whether `id` is usable as an `xml:id`: ASCII letters, digits, `-`, `_`, `.`, starting with a letter
    /// or `_`. Stricter than NCName on purpose: the ids also become HTML file names and anchors.
    static func isValidID(_ id: String) -> Bool {
        var bytes = id.utf8.makeIterator()
        guard let first = bytes.next(), isASCIILetter(first) || first == UInt8(ascii: "_") else { return false }
        while let byte = bytes.next() {
            let ok = isASCIILetter(byte) || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            if !ok { return false }
        }
        return true
    }

    @inline(__always)
    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
