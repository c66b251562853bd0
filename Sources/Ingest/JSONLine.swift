/// One line of a JSON Lines sidecar: a JSON object whose values are scalars, its keys in order.
///
///     let pairs = try JSONLine.parse(#"{"file": "南京.txt", "n": 1e3, "ok": true}"#)
///     // [("file", .string("南京.txt")), ("n", .number("1e3")), ("ok", .boolean("true"))]
///
/// Design note. `JSONDecoder` gives a number as an `Int` or a `Double`, never as it was written:
/// `12345678901234567890` came back as `1.2345678901234567e+19` and `1e3` as `1000`, where the
/// README promises a sidecar's values as written. It also loses the keys' order, and takes a
/// repeated key without a word. So a line is read here, strictly by RFC 8259 for the one shape a
/// sidecar line may take: an object of strings, numbers, `true`, `false` and `null`. An array or
/// an object as a value is refused by its key, since no cell of `documents.csv` could show it as
/// one value.
enum JSONLine {
    /// A value as a field takes it: a string decoded, a number or a boolean as its literal text.
    enum Value: Equatable {
        case string(String)
        case number(String)
        case boolean(String)
        case null

        /// The field's text; `nil` for `null`, which gives no value.
        var text: String? {
            switch self {
            case .string(let text), .number(let text), .boolean(let text): return text
            case .null: return nil
            }
        }
    }

    /// Why a line is not one object of scalars, e.g. "`tru`, which is no JSON value, at character 18".
    struct Problem: Error, Equatable {
        var reason: String
    }

    /// The key–value pairs of a line, in the order written.
    ///
    /// - Throws: `Problem` for anything but one object whose values are scalars (a value that is
    ///   an array or an object names its key), for a key given twice, or for text after the object.
    /// - Complexity: O(n) in the line's length.
    static func parse(_ line: Substring) throws(Problem) -> [(key: String, value: Value)] {
        var reader = Reader(scalars: Array(line.unicodeScalars))
        return try reader.object()
    }

    /// A cursor over a line's Unicode scalars; positions in messages are 1-based scalar indexes.
    private struct Reader {
        let scalars: [Unicode.Scalar]
        var scalarIndex = 0

        /// What a key or a value must be, for messages.
        static let valueForms = "a string in double quotes, a number, true, false or null"
        static let example = #"{"file": "a.txt", "group": "苏南"}"#

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var current: Unicode.Scalar? { scalarIndex < scalars.count ? scalars[scalarIndex] : nil }

        /// The scalar at the cursor as a message shows it.
        var found: String {
            guard let current else { return "the end of the line" }
            return "`\(Character(current))`"
        }

        var position: String { current == nil ? "" : " at character \(scalarIndex + 1)" }

        /// A line that is no object of scalars: what is wrong, and what a line must be.
        func notAnObject(_ detail: String) -> Problem {
            Problem(reason: "not a JSON object: \(detail); a .jsonl sidecar holds one object a line, e.g. \(Self.example)")
        }

        mutating func skipSpace() {
            // JSON's white space: space, tab, CR and LF (the line has no LF).
            while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" { scalarIndex += 1 }
        }

        mutating func object() throws(Problem) -> [(key: String, value: Value)] {
            skipSpace()
            guard current == "{" else { throw notAnObject("\(found)\(position) where `{` should open it") }
            scalarIndex += 1
            var pairs: [(key: String, value: Value)] = []
            var keyPositions: [String: Int] = [:]
            skipSpace()
            if current == "}" {
                scalarIndex += 1
            } else {
                while true {
                    skipSpace()
                    guard current == "\"" else { throw notAnObject("\(found)\(position) where a key in double quotes should be") }
                    let keyPosition = scalarIndex + 1
                    let key = try string()
                    if let first = keyPositions[key] {
                        throw Problem(reason: "the key `\(key)` is given twice (at characters \(first) and \(keyPosition)); give each key once")
                    }
                    keyPositions[key] = keyPosition
                    skipSpace()
                    guard current == ":" else { throw notAnObject("\(found)\(position) where `:` should follow the key `\(key)`") }
                    scalarIndex += 1
                    skipSpace()
                    pairs.append((key, try value(of: key)))
                    skipSpace()
                    if current == "," { scalarIndex += 1; continue }
                    if current == "}" { scalarIndex += 1; break }
                    throw notAnObject("\(found)\(position) where `,` or `}` should follow the value of `\(key)`")
                }
            }
            skipSpace()
            guard current == nil else { throw notAnObject("text after the object's closing `}`, \(found)\(position)") }
            return pairs
        }

        /// The value of `key`: a scalar, or a `Problem` naming the key for an array or an object.
        mutating func value(of key: String) throws(Problem) -> Value {
            switch current {
            case "\""?:
                return .string(try string())
            case "["?, "{"?:
                // The example key for an object's fields takes its first field's name when it has one.
                var peek = self
                peek.scalarIndex += 1
                peek.skipSpace()
                let field = peek.current == "\"" ? (try? peek.string()).map { "`\(key)_\($0)`" } ?? "`\(key)_name`" : "`\(key)_name`"
                let (what, remedy) = current == "["
                    ? ("an array", "join its items into one string (\"a; b\")")
                    : ("an object", "give each of its fields a key of its own on the line (\(field))")
                throw Problem(reason: "the value of `\(key)` is \(what)\(position); a .jsonl sidecar's values must be "
                              + "strings, numbers, true, false or null, one cell each in documents.csv: \(remedy), or leave `\(key)` out")
            case let scalar? where scalar == "-" || Self.isDigit(scalar):
                return .number(try number(of: key))
            default:
                for literal in ["true", "false", "null"] where matches(literal) {
                    scalarIndex += literal.unicodeScalars.count
                    return literal == "null" ? .null : .boolean(literal)
                }
                throw notAnObject("\(found)\(position) where the value of `\(key)` should be (\(Self.valueForms))")
            }
        }

        /// Whether `literal` is written at the cursor (what follows it is checked as after any value).
        func matches(_ literal: String) -> Bool {
            let literalScalars = Array(literal.unicodeScalars)
            return scalarIndex + literalScalars.count <= scalars.count
                && Array(scalars[scalarIndex..<scalarIndex + literalScalars.count]) == literalScalars
        }

        /// An ASCII digit: JSON's digits are those, not the full-width ones (`１`).
        static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

        /// A number's literal text: `-`, an integer part without leading zeros, then an optional
        /// fraction and exponent, as RFC 8259 writes numbers.
        mutating func number(of key: String) throws(Problem) -> String {
            let start = scalarIndex
            func digits(_ reader: inout Reader) -> Int {
                var count = 0
                while let scalar = reader.current, Reader.isDigit(scalar) { reader.scalarIndex += 1; count += 1 }
                return count
            }
            func bad(_ reader: Reader) -> Problem {
                var end = reader.scalarIndex
                while end < reader.scalars.count, !" ,}\t".unicodeScalars.contains(reader.scalars[end]) { end += 1 }
                let written = String(String.UnicodeScalarView(reader.scalars[start..<end]))
                return Problem(reason: "the value of `\(key)`, `\(written)` at character \(start + 1), is no JSON number; "
                               + "write a number as 12, -3.5 or 1e3 (no leading zeros, + sign or bare point), or as a string in double quotes")
            }
            if current == "-" { scalarIndex += 1 }
            if current == "0" {
                scalarIndex += 1
                if let scalar = current, Self.isDigit(scalar) { throw bad(self) }
            } else if digits(&self) == 0 {
                throw bad(self)
            }
            if current == "." {
                scalarIndex += 1
                if digits(&self) == 0 { throw bad(self) }
            }
            if current == "e" || current == "E" {
                scalarIndex += 1
                if current == "+" || current == "-" { scalarIndex += 1 }
                if digits(&self) == 0 { throw bad(self) }
            }
            if let scalar = current, !(scalar == "," || scalar == "}" || scalar == " " || scalar == "\t" || scalar == "\r") { throw bad(self) }
            return String(String.UnicodeScalarView(scalars[start..<scalarIndex]))
        }

        /// A string at the cursor (on its opening quote), its escapes decoded.
        mutating func string() throws(Problem) -> String {
            let start = scalarIndex
            scalarIndex += 1
            var text = String.UnicodeScalarView()
            while let scalar = current {
                switch scalar {
                case "\"":
                    scalarIndex += 1
                    return String(text)
                case "\\":
                    text.append(try escape())
                case let control where control.value < 0x20:
                    throw notAnObject("a control character (U+\(hex(control.value))) inside a string at character \(scalarIndex + 1); "
                                      + "write it escaped (\\t, \\n or \\u\(hex(control.value)))")
                default:
                    text.append(scalar)
                    scalarIndex += 1
                }
            }
            throw notAnObject("the string that starts at character \(start + 1) is not closed; close it with \"")
        }

        /// The character an escape at the cursor (on its backslash) stands for; a `\u` escape of a
        /// UTF-16 high surrogate must be followed by one of a low surrogate, as JSON writes
        /// characters beyond the Basic Multilingual Plane (`\ud83d\ude00`).
        mutating func escape() throws(Problem) -> Unicode.Scalar {
            let start = scalarIndex
            scalarIndex += 1
            guard let letter = current else { throw notAnObject("the line ends inside the escape at character \(start + 1)") }
            scalarIndex += 1
            switch letter {
            case "\"": return "\""
            case "\\": return "\\"
            case "/": return "/"
            case "b": return "\u{08}"
            case "f": return "\u{0C}"
            case "n": return "\n"
            case "r": return "\r"
            case "t": return "\t"
            case "u":
                let unit = try hexUnit(escapeStart: start)
                switch unit {
                case 0xD800...0xDBFF:
                    let lowStart = scalarIndex
                    guard current == "\\", scalarIndex + 1 < scalars.count, scalars[scalarIndex + 1] == "u" else {
                        throw notAnObject("`\\u\(hex(unit))` at character \(start + 1) is the first half of a surrogate pair "
                                          + "without its second half (\\udc00 to \\udfff)")
                    }
                    scalarIndex += 2
                    let low = try hexUnit(escapeStart: lowStart)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw notAnObject("`\\u\(hex(unit))` at character \(start + 1) is the first half of a surrogate pair "
                                          + "without its second half (\\udc00 to \\udfff)")
                    }
                    // (high − 0xD800) × 0x400 + (low − 0xDC00) + 0x10000 is always a valid scalar.
                    return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
                case 0xDC00...0xDFFF:
                    throw notAnObject("`\\u\(hex(unit))` at character \(start + 1) is the second half of a surrogate pair without its first")
                default:
                    return Unicode.Scalar(unit) ?? "\u{FFFD}"
                }
            default:
                throw notAnObject("`\\\(Character(letter))` at character \(start + 1) is no JSON escape "
                                  + "(\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hex digits)")
            }
        }

        /// The four hex digits after `\u`.
        mutating func hexUnit(escapeStart: Int) throws(Problem) -> UInt32 {
            var unit: UInt32 = 0
            for _ in 0..<4 {
                // ASCII hex digits only: `Character.hexDigitValue` also takes the full-width ones.
                guard let scalar = current, scalar.isASCII, let digit = Character(scalar).hexDigitValue else {
                    throw notAnObject("the escape at character \(escapeStart + 1) needs four hex digits after \\u")
                }
                unit = (unit << 4) + UInt32(digit)
                scalarIndex += 1
            }
            return unit
        }

        func hex(_ value: UInt32) -> String {
            let digits = String(value, radix: 16, uppercase: false)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
    }
}
