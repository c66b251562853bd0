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
        if value.isNaN { return notANumber }
        if value.isInfinite { return value < 0 ? negativeInfinity : positiveInfinity }
        let shortest = value.description
        guard let exponentOffset = shortest.utf8.firstIndex(of: UInt8(ascii: "e")),
              let exponentIndex = exponentOffset.samePosition(in: shortest) else {
            return shortest
        }
        var mantissa = Substring(shortest[..<exponentIndex])
        guard let exponent = Int(shortest[shortest.index(after: exponentIndex)...]) else { return shortest }
        var sign = ""
        if mantissa.hasPrefix("-") {
            sign = "-"
            mantissa = mantissa.dropFirst()
        }
        let integerDigitCount = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count
        let digits = Array(mantissa.filter { $0 != "." })
        let pointPosition = integerDigitCount + exponent
        var integerPart: String
        var fractionPart: String
        if pointPosition <= 0 {
            integerPart = "0"
            fractionPart = String(repeating: "0", count: -pointPosition) + String(digits)
        } else if pointPosition >= digits.count {
            integerPart = String(digits) + String(repeating: "0", count: pointPosition - digits.count)
            fractionPart = ""
        } else {
            integerPart = String(digits[..<pointPosition])
            fractionPart = String(digits[pointPosition...])
        }
        while integerPart.count > 1 && integerPart.hasPrefix("0") { integerPart.removeFirst() }
        while fractionPart.hasSuffix("0") { fractionPart.removeLast() }
        if fractionPart.isEmpty { fractionPart = "0" }
        return sign + integerPart + "." + fractionPart
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

    static func integer(_ value: Int) -> String {
        String(value)
    }
}
