/// A reader for the small part of Python that jieba's `finalseg/prob_*.py` files use: an
/// assignment `P = <literal>` where the literal is built from dicts, strings and numbers, plus
/// `from … import …` lines and comments. It never runs anything.
///
/// `tableAssignment(named:in:)` also reads what `posseg/*.py` use: tuples (`('B', 'a')`, tuples of
/// tuples) and dicts keyed by any value, each entry with its position for error messages.
///
/// Numbers are converted with `Double(_:)`, which rounds correctly like Python's `float()`, so the
/// probabilities are the very doubles jieba uses.
enum PythonLiteral: Equatable {
    case number(Double)
    case string(String)
    case dictionary([(key: String, value: PythonLiteral)])
    /// A tuple; only `tableAssignment(named:in:)` reads them.
    case tuple([PythonLiteral])
    /// A dict as `tableAssignment(named:in:)` reads it: any keys, every entry in source order
    /// (a repeated key is kept twice; Python keeps the last), and where the dict starts.
    case table([TableEntry], line: Int, column: Int)

    /// One `key: value` of a `.table`, with the 1-based line and column where its key starts.
    struct TableEntry: Equatable {
        let key: PythonLiteral
        let value: PythonLiteral
        let line: Int
        let column: Int
    }

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.dictionary(let a), .dictionary(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.tuple(let a), .tuple(let b)): return a == b
        case (.table(let a, let aLine, let aColumn), .table(let b, let bLine, let bColumn)):
            return a == b && aLine == bLine && aColumn == bColumn
        default: return false
        }
    }

    /// A parse failure at a 1-based line and column (in Unicode scalars).
    struct ParseError: Error, Equatable {
        let line: Int
        let column: Int
        let message: String
    }

    /// The value assigned to `name` at the top level of `source`.
    static func assignment(named name: String, in source: String) throws(ParseError) -> PythonLiteral {
        var parser = Parser(source)
        return try parser.assignment(named: name)
    }

    /// The value assigned to `name` at the top level of `source`, read with tuples (`(a, b)`,
    /// `(a,)`, `()`; `(a)` is `a`, as in Python) and with every dict as a `.table`, whose keys may
    /// be any value and whose entries carry their line and column.
    static func tableAssignment(named name: String, in source: String) throws(ParseError) -> PythonLiteral {
        var parser = Parser(source, readsTables: true)
        return try parser.assignment(named: name)
    }
}

private struct Parser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// Whether tuples are read and dicts become `.table`s (else: string keys, `.dictionary`).
    private let readsTables: Bool

    init(_ source: String, readsTables: Bool = false) {
        scalars = Array(source.unicodeScalars)
        self.readsTables = readsTables
    }

    private func error(_ message: String) -> PythonLiteral.ParseError {
        PythonLiteral.ParseError(line: line, column: index - lineStart + 1, message: message)
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    /// Skips spaces, newlines, backslash continuations and comments.
    private mutating func skipTrivia() {
        while let scalar = current {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" {
                advance()
            } else if scalar == "\\", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                advance()
                advance()
            } else if scalar == "#" {
                while let next = current, next != "\n" { advance() }
            } else {
                return
            }
        }
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar.value < 128 && scalar.properties.isAlphabetic)
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || ("0"..."9").contains(scalar)
    }

    private mutating func identifier() -> String {
        var name = ""
        while let scalar = current, Self.isIdentifierPart(scalar) {
            name.unicodeScalars.append(scalar)
            advance()
        }
        return name
    }

    mutating func assignment(named name: String) throws(PythonLiteral.ParseError) -> PythonLiteral {
        // Statements before the assignment may only be imports; their words are skipped.
        while true {
            skipTrivia()
            guard let scalar = current else {
                throw error("no assignment to \(name) found")
            }
            guard Self.isIdentifierStart(scalar) else {
                throw error("expected `\(name) = {…}`, found \"\(scalar)\"")
            }
            let wordLine = line
            let wordColumn = index - lineStart + 1
            let word = identifier()
            if word == "from" || word == "import" {
                while let next = current, next != "\n", next != ";" { advance() }
                continue
            }
            guard word == name else {
                throw PythonLiteral.ParseError(
                    line: wordLine, column: wordColumn, message: "expected `\(name) = {…}`, found \"\(word)\"")
            }
            skipTrivia()
            guard current == "=" else { throw error("expected \"=\" after \(name)") }
            advance()
            let value = try self.value()
            skipTrivia()
            if let extra = current {
                throw error("unexpected \"\(extra)\" after the value of \(name)")
            }
            return value
        }
    }

    private mutating func value() throws(PythonLiteral.ParseError) -> PythonLiteral {
        skipTrivia()
        guard let scalar = current else { throw error("unexpected end of file, expected a value") }
        switch scalar {
        case "{" where readsTables:
            return try table()
        case "(" where readsTables:
            return try tuple()
        case "{":
            return try dictionary()
        case "'", "\"":
            return .string(try string())
        case "u", "U":
            if index + 1 < scalars.count, scalars[index + 1] == "'" || scalars[index + 1] == "\"" {
                advance()
                return .string(try string())
            }
            throw error("expected a value, found \"\(scalar)\"")
        case "-", "+", ".", "0"..."9":
            return .number(try number())
        default:
            throw error("expected a dict, string or number, found \"\(scalar)\"")
        }
    }

    private mutating func dictionary() throws(PythonLiteral.ParseError) -> PythonLiteral {
        advance()  // {
        var entries: [(key: String, value: PythonLiteral)] = []
        while true {
            skipTrivia()
            if current == "}" {
                advance()
                return .dictionary(entries)
            }
            let key: String
            switch try value() {
            case .string(let text): key = text
            default: throw error("expected a string key")
            }
            skipTrivia()
            guard current == ":" else { throw error("expected \":\" after a dict key") }
            advance()
            let entry = try value()
            entries.append((key, entry))
            skipTrivia()
            if current == "," {
                advance()
            } else if current != "}" {
                throw error("expected \",\" or \"}\" in a dict")
            }
        }
    }

    /// A dict of any keys, read by `tableAssignment`.
    private mutating func table() throws(PythonLiteral.ParseError) -> PythonLiteral {
        let (startLine, startColumn) = (line, index - lineStart + 1)
        advance()  // {
        var entries: [PythonLiteral.TableEntry] = []
        while true {
            skipTrivia()
            if current == "}" {
                advance()
                return .table(entries, line: startLine, column: startColumn)
            }
            let (keyLine, keyColumn) = (line, index - lineStart + 1)
            let key = try value()
            if case .table = key {
                throw PythonLiteral.ParseError(line: keyLine, column: keyColumn, message: "a dict cannot be a dict key")
            }
            skipTrivia()
            guard current == ":" else { throw error("expected \":\" after a dict key") }
            advance()
            let entry = try value()
            entries.append(PythonLiteral.TableEntry(key: key, value: entry, line: keyLine, column: keyColumn))
            skipTrivia()
            if current == "," {
                advance()
            } else if current != "}" {
                throw error("expected \",\" or \"}\" in a dict")
            }
        }
    }

    /// `(a, b)`, `(a,)`, `()`; `(a)` is just `a`.
    private mutating func tuple() throws(PythonLiteral.ParseError) -> PythonLiteral {
        advance()  // (
        var elements: [PythonLiteral] = []
        var sawComma = false
        while true {
            skipTrivia()
            if current == ")" {
                advance()
                return elements.count == 1 && !sawComma ? elements[0] : .tuple(elements)
            }
            elements.append(try value())
            skipTrivia()
            if current == "," {
                sawComma = true
                advance()
            } else if current != ")" {
                throw error("expected \",\" or \")\" in a tuple")
            }
        }
    }

    private mutating func number() throws(PythonLiteral.ParseError) -> Double {
        let startLine = line
        let startColumn = index - lineStart + 1
        var negative = false
        while current == "-" || current == "+" {
            if current == "-" { negative.toggle() }
            advance()
            skipTrivia()
        }
        var text = ""
        while let scalar = current,
            ("0"..."9").contains(scalar) || scalar == "." || scalar == "e" || scalar == "E"
                || ((scalar == "-" || scalar == "+") && (text.hasSuffix("e") || text.hasSuffix("E")))
        {
            text.unicodeScalars.append(scalar)
            advance()
        }
        guard !text.isEmpty, text.first != "e", text.first != "E", let magnitude = Double(text) else {
            throw PythonLiteral.ParseError(
                line: startLine, column: startColumn, message: "\"\(text)\" is not a number")
        }
        return negative ? -magnitude : magnitude
    }

    private mutating func string() throws(PythonLiteral.ParseError) -> String {
        guard let quote = current else { throw error("expected a string") }
        let unterminated = error("unterminated string")
        advance()
        var text = ""
        while true {
            guard let scalar = current, scalar != "\n" else { throw unterminated }
            advance()
            if scalar == quote { return text }
            guard scalar == "\\" else {
                text.unicodeScalars.append(scalar)
                continue
            }
            guard let escape = current else { throw unterminated }
            advance()
            switch escape {
            case "\\", "'", "\"": text.unicodeScalars.append(escape)
            case "n": text.unicodeScalars.append("\n")
            case "t": text.unicodeScalars.append("\t")
            case "r": text.unicodeScalars.append("\r")
            case "0": text.unicodeScalars.append("\0")
            case "\n": break
            case "x": text.unicodeScalars.append(try hexScalar(digits: 2))
            case "u": text.unicodeScalars.append(try hexScalar(digits: 4))
            case "U": text.unicodeScalars.append(try hexScalar(digits: 8))
            default: throw error("unsupported escape \"\\\(escape)\"")
            }
        }
    }

    private mutating func hexScalar(digits: Int) throws(PythonLiteral.ParseError) -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let scalar = current, let digit = hexValue(scalar) else { throw error("expected \(digits) hexadecimal digits in an escape") }
            value = value * 16 + digit
            advance()
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("escape names no Unicode scalar") }
        return scalar
    }

    private func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 0x30
        case "a"..."f": return scalar.value - 0x61 + 10
        case "A"..."F": return scalar.value - 0x41 + 10
        default: return nil
        }
    }
}
