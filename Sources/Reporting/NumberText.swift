import Foundation

/// How numbers become text: full precision without exponent for CSV, fixed digits for the report.
///
/// Design note. Swift's `Double.description` already gives the shortest decimal that reads back as
/// the same `Double`, but switches to exponent notation (`1e-05`, `1.2345e+20`) outside
/// 2^-4 … 2^53. Spreadsheets read those, yet some treat them as text or reformat the column, so
/// `plain` moves the decimal point instead: the digits stay exactly those of `description` (same
/// round-trip guarantee), only the notation changes. No thousands separators, `.` as the point,
/// at least one fractional digit so a real number never looks like an integer.
enum NumberText {
    /// Text for non-finite values in CSV: what Python's `float()`, JavaScript's `Number()` and Java read back.
    static let notANumber = "NaN"
    static let positiveInfinity = "Infinity"
    static let negativeInfinity = "-Infinity"

    /// `value` in plain decimal notation with the shortest digits that round-trip, e.g. `0.00001`, `-3.5`, `5.0`.
    static func plain(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendPlain(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `plain(value)`'s bytes, without making strings (CSV tables hold hundreds of
    /// thousands of numbers): `Double`'s shortest digits are written straight into `bytes`, and an
    /// exponent form is rewritten on the way (see `PlainSink`).
    static func appendPlain(_ value: Double, to bytes: inout [UInt8]) {
        if value.isNaN { return bytes.append(contentsOf: notANumber.utf8) }
        if value.isInfinite { return bytes.append(contentsOf: (value < 0 ? negativeInfinity : positiveInfinity).utf8) }
        var sink = PlainSink()
        swap(&sink.bytes, &bytes)
        value.write(to: &sink)  // the digits of `description`
        swap(&sink.bytes, &bytes)
    }

    /// A text stream into bytes that writes a number's text in plain notation. `Double.write(to:)`
    /// hands its ASCII digits to `_writeASCII`, the standard library's hook for this, whole and in
    /// one call, so no `String` is made per number; the digits are looked at there, before they
    /// join `bytes`.
    private struct PlainSink: TextOutputStream {
        var bytes: [UInt8] = []

        mutating func write(_ string: String) {
            var string = string
            string.withUTF8 { _writeASCII($0) }
        }

        mutating func _writeASCII(_ text: UnsafeBufferPointer<UInt8>) {
            guard let e = text.firstIndex(of: UInt8(ascii: "e")) else { return bytes.append(contentsOf: text) }
            appendMovingThePoint(mantissa: UnsafeBufferPointer(rebasing: text[..<e]),
                                 exponent: UnsafeBufferPointer(rebasing: text[(e + 1)...]))
        }

        /// `1.25e-05` (mantissa `1.25`, exponent `-05`) as `0.0000125`.
        private mutating func appendMovingThePoint(mantissa: UnsafeBufferPointer<UInt8>, exponent exponentText: UnsafeBufferPointer<UInt8>) {
            // sign, mantissa digits (the point dropped), where the point was, then the exponent.
            var exponent = 0
            var negativeExponent = false
            for byte in exponentText {
                switch byte {
                case UInt8(ascii: "-"): negativeExponent = true
                case UInt8(ascii: "+"): break
                default: exponent = exponent * 10 + Int(byte &- UInt8(ascii: "0"))
                }
            }
            if negativeExponent { exponent = -exponent }
            var negative = false
            var digits: [UInt8] = []
            var integerDigitCount: Int?
            for byte in mantissa {
                switch byte {
                case UInt8(ascii: "-"): negative = true
                case UInt8(ascii: "."): integerDigitCount = digits.count
                default: digits.append(byte)
                }
            }
            let point = (integerDigitCount ?? digits.count) + exponent
            let zero = UInt8(ascii: "0")
            // Integer part without leading zeros (at least one digit), fraction without trailing zeros (at least one).
            var integerPart: ArraySlice<UInt8>
            var fraction: [UInt8]
            if point <= 0 {
                integerPart = [zero]
                fraction = [UInt8](repeating: zero, count: -point) + digits
            } else if point >= digits.count {
                integerPart = ArraySlice(digits + [UInt8](repeating: zero, count: point - digits.count))
                fraction = []
            } else {
                integerPart = digits[..<point]
                fraction = Array(digits[point...])
            }
            while integerPart.count > 1 && integerPart.first == zero { integerPart.removeFirst() }
            while fraction.last == zero { fraction.removeLast() }
            if fraction.isEmpty { fraction = [zero] }
            if negative { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: integerPart)
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: fraction)
        }
    }

    /// `value` rounded to `fractionDigits` (clamped to 0…17) for readers, e.g. `12.35`; `NaN`, `∞`, `-∞` otherwise.
    static func fixed(_ value: Double, fractionDigits: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-∞" : "∞" }
        let digits = min(max(fractionDigits, 0), 17)
        // String(format:) without a locale always uses "." and no grouping.
        let text = String(format: "%.\(digits)f", value)
        // -0.001 to two digits would read "-0.00": a sign on zero only confuses readers.
        if text.hasPrefix("-") && text.allSatisfy({ $0 == "-" || $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// `value` to `digits` significant digits for readers: fixed notation from 0.0001 up
    /// (`0.0123`, `0.5`), an exponent below it (`2.1e-15`), `0` for zero.
    static func significant(_ value: Double, digits: Int) -> String {
        if value.isNaN || value.isInfinite { return fixed(value, fractionDigits: 0) }
        if value == 0 { return "0" }
        let digits = min(max(digits, 1), 17)
        let magnitude = abs(value)
        if magnitude >= 1e-4 && magnitude < 1e15 {
            let exponent = Int(floor(log10(magnitude)))
            return fixed(value, fractionDigits: max(0, digits - 1 - exponent))
        }
        return String(format: "%.\(digits - 1)e", value)
    }

    static func integer(_ value: Int) -> String {
        String(value)
    }
}
