/// What kind of token a word type is, for the filters that leave out punctuation and numbers.
///
/// Design note. The classes are decided once per word type (vocabulary id), never per token, so a
/// filter in a hot loop is one array look-up.
enum TokenClass: UInt8, Sendable {
    /// Letters, Chinese characters, or anything mixed: an ordinary word.
    case word
    /// Only punctuation and symbols (Unicode general categories P* and S*), e.g. `，` `“` `……` `%` `+`.
    case punctuation
    /// A number written with decimal digits: `2021`, `３`, `3.5`, `-2`, `12.5%`, `１０％`.
    /// Chinese numerals (`三`, `二十`, `第一`) are words.
    case number
    /// Only white space (never counted anywhere).
    case whitespace

    /// The class of `word`.
    ///
    ///     TokenClass.of("，")      // .punctuation
    ///     TokenClass.of("3.5%")   // .number
    ///     TokenClass.of("三")      // .word
    static func of<S: StringProtocol>(_ word: S) -> TokenClass {
        // Fast path: a token that starts with a CJK ideograph is neither a number nor punctuation.
        if let first = word.unicodeScalars.first, (0x3400...0x9FFF).contains(first.value) { return .word }
        let scalars = Array(word.unicodeScalars)
        if scalars.isEmpty || scalars.allSatisfy(isWhitespace) { return .whitespace }
        if isNumber(scalars) { return .number }
        if scalars.allSatisfy({ isPunctuationOrSymbol($0) || isWhitespace($0) }) { return .punctuation }
        return .word
    }

    /// White space as Python's `str.isspace` sees it: Unicode White_Space plus the information
    /// separators U+001C…U+001F, so `strip()` in jieba and here agree.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        isUnicodeWhitespace(scalar.value) || (0x1C...0x1F).contains(scalar.value)
    }

    /// Unicode's White_Space property (what `Unicode.Scalar.Properties.isWhitespace` uses), written
    /// out because the property look-up is slow in hot loops.
    @inline(__always)
    static func isUnicodeWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func isPunctuationOrSymbol(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .decimalNumber
    }

    /// `[sign] digits ([.,] digits)* [percent]`, where digits are any decimal digits (ASCII and
    /// full-width alike), the sign one of `+ - ＋ － −`, the separators `. ． , ，` and the
    /// percent sign one of `% ％ ‰`.
    static func isNumber(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        if index < scalars.count, "+-＋－−".unicodeScalars.contains(scalars[index]) { index += 1 }
        func digits() -> Bool {
            let start = index
            while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            return index > start
        }
        guard digits() else { return false }
        while index < scalars.count, ".．,，".unicodeScalars.contains(scalars[index]) {
            index += 1
            guard digits() else { return false }
        }
        if index < scalars.count, "%％‰".unicodeScalars.contains(scalars[index]) { index += 1 }
        return index == scalars.count
    }
}
