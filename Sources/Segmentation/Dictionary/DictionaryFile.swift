/// Readers for jieba's two dictionary formats.
///
/// Both read lines the way jieba does: the file is split at `\n` only, ASCII white space
/// (`\t \n \v \f \r` and space) is stripped from both ends of each line, and the rest must be
/// UTF-8. Line numbers count from 1.
enum DictionaryFile {
    /// The largest frequency a user dictionary may give a word: 2^53 − 1.
    static let largestUserFrequency: Int64 = (1 << 53) - 1
    /// The longest word a user dictionary may hold, in characters. jieba's own longest is 16
    /// (侵华日军南京大屠杀遇难同胞纪念馆); a longer line is text pasted by mistake. jieba takes any
    /// length, but a word's suggested frequency is a cut of the word whose cost grows with the
    /// square of its length (70,000 characters: many minutes), as does cutting text that repeats it.
    static let longestUserWord = 100

    /// jieba's `gen_pfdict`: each line is `word frequency [anything]`, split at single spaces.
    /// A line of exactly three fields gives the word its part-of-speech tag, as `jieba.posseg`
    /// reads it (`word frequency tag`; a later line's tag replaces an earlier one).
    ///
    /// Same as jieba, a later line for the same word replaces its frequency while `total` keeps
    /// both. Unlike jieba, blank lines are skipped rather than fatal, and a negative frequency is
    /// refused here rather than failing later in `log()`.
    ///
    /// - Throws: `SegmentationError.invalidDictionaryEntry` or `.dictionaryNotUTF8`, naming the line.
    static func loadMainDictionary(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, into builder: inout DictionaryBuilder
    ) throws(SegmentationError) {
        var lineNumber = 0
        var scalars = [UInt32](repeating: 0, count: 64)
        for var line in lines(of: bytes) {
            lineNumber += 1
            line = strippingASCIIWhitespace(line)
            if line.isEmpty { continue }
            if scalars.count < line.count { scalars = [UInt32](repeating: 0, count: line.count) }
            let count: Int
            switch scalars.withUnsafeMutableBufferPointer({
                UTF8Decoding.decode(UnsafeBufferPointer(rebasing: line), scalars: $0.baseAddress!, utf8Offsets: nil)
            }) {
            case .success(let decoded): count = decoded
            case .failure(let error):
                throw .dictionaryNotUTF8(path: path, line: lineNumber, column: error.byteOffset + 1)
            }
            let text = scalars[0..<count]
            guard let space = text.firstIndex(of: 0x20) else {
                throw .invalidDictionaryEntry(
                    path: path, line: lineNumber, text: string(text), reason: "no frequency after the word")
            }
            let afterWord = text[(space + 1)...]
            let field = afterWord[..<(afterWord.firstIndex(of: 0x20) ?? afterWord.endIndex)]
            let frequency: Int64
            switch PythonInteger.parse(field) {
            case .value(let value) where value >= 0:
                frequency = value
            case .value:
                throw .invalidDictionaryEntry(
                    path: path, line: lineNumber, text: string(text), reason: "frequency \"\(string(field))\" is negative")
            case .tooLarge:
                throw .invalidDictionaryEntry(
                    path: path, line: lineNumber, text: string(text), reason: "frequency \"\(string(field))\" is too large")
            case .invalid:
                throw .invalidDictionaryEntry(
                    path: path, line: lineNumber, text: string(text),
                    reason: "frequency \"\(string(field))\" is not a whole number")
            }
            let node = builder.insert(text[..<space])
            builder.setFrequency(frequency, of: node)
            // `jieba.posseg` reads `word, _, tag = line.split(" ")`: the tag of a line of exactly three fields.
            let afterFrequency = afterWord[field.endIndex...].dropFirst()
            if field.endIndex < afterWord.endIndex, !afterFrequency.isEmpty, !afterFrequency.contains(0x20) {
                builder.setTag(string(afterFrequency), of: node)
            }
        }
    }

    /// jieba's `load_userdict` followed by `add_word` for every entry.
    ///
    /// A line is `word [frequency] [tag]` as jieba's `re_userdict` reads it (a tag replaces the
    /// word's part-of-speech tag, as `add_word` does for `jieba.posseg`),
    /// `^(.+?)( [0-9]+)?( [a-z]+)?$`: the word is the shortest start of the line after which
    /// only ` digits`, ` letters` or both remain. A missing frequency becomes
    /// `suggest_freq(word)`, computed with the dictionary as it stands at that line; frequency 0
    /// deletes the word (it is also kept from the HMM, as `add_force_split` does). Leading
    /// U+FEFF (byte-order marks) are dropped from every line and blank lines are skipped, as in jieba.
    ///
    /// Where Cipin differs, on purpose:
    /// - a line starting with `#` is a comment (jieba would add `#…` as a word);
    /// - a line holding a carriage return (lines that end in CR alone, which jieba reads as one
    ///   line) is an error naming it, a comment too;
    /// - a line that jieba would read as one word containing white space because its frequency
    ///   or tag is malformed (`词 1.5`, `词\t10`, `词  10`, `词 10 NR`) is an error naming the line,
    ///   since jieba would silently add a word that can never match;
    /// - entries that are accepted but can never take effect (a word with a space, or with a
    ///   character outside `re_han_default`) are reported in `diagnostics`. jieba accepts them
    ///   too, but its `cut()` splits text at white space and at every character outside
    ///   `re_han_default` before it looks words up, so such a word is never cut out (in jieba only
    ///   by patching `jieba.re_han_default`, which Cipin does not support).
    ///
    /// - Throws: `SegmentationError.invalidUserDictionaryEntry` or `.dictionaryNotUTF8`.
    static func loadUserDictionary(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, into builder: inout DictionaryBuilder,
        diagnostics: inout [SegmenterDiagnostic]
    ) throws(SegmentationError) {
        var lineNumber = 0
        for var line in lines(of: bytes) {
            lineNumber += 1
            line = strippingASCIIWhitespace(line)
            var text: [UInt32]
            switch UTF8Decoding.scalars(of: UnsafeBufferPointer(rebasing: line)) {
            case .success(let scalars): text = scalars
            case .failure(let error):
                throw .dictionaryNotUTF8(path: path, line: lineNumber, column: error.byteOffset + 1)
            }
            let byteOrderMarks = text.prefix { $0 == 0xFEFF }.count
            text.removeFirst(byteOrderMarks)
            // A carriage return inside a stripped line: lines that end in CR alone (classic Mac OS,
            // some exports), which jieba, like Cipin, reads as one line. Checked before comments,
            // as a file that starts with `#` would be one comment. The text up to the CR is shown.
            if let carriageReturn = text.firstIndex(of: 0x0D) {
                throw .invalidUserDictionaryEntry(
                    path: path, line: lineNumber, text: string(text[..<carriageReturn]) + "…",
                    reason: "a carriage return (CR) inside the line: the file's lines end in CR alone (or it holds a stray CR), "
                        + "and jieba reads lines ending in LF, so it would take what follows as part of this line; save the file "
                        + "with LF (or CRLF) line ends, e.g. `sed -i 's/\\r/\\n/g' FILE`")
            }
            if text.isEmpty || text[0] == 0x23 { continue }
            let entry = UserDictionaryEntry(parsing: text)
            if let problem = entry.misreadProblem(line: text) {
                throw .invalidUserDictionaryEntry(path: path, line: lineNumber, text: string(text[...]), reason: problem)
            }
            if entry.word.count > Self.longestUserWord {
                throw .invalidUserDictionaryEntry(
                    path: path, line: lineNumber, text: string(entry.word.prefix(20)) + "…",
                    reason: "a word of \(entry.word.count) characters; a user dictionary's words are at most "
                        + "\(Self.longestUserWord) characters (jieba's longest has 16): is this line text pasted by mistake, "
                        + "or are its fields separated by something other than single spaces?")
            }
            if let warning = entry.ineffectiveWarning() {
                diagnostics.append(SegmenterDiagnostic(path: path, line: lineNumber, message: warning))
            }
            let frequency: Int64
            switch entry.frequency {
            case .none:
                frequency = builder.suggestedFrequency(for: entry.word)
            // At most 2^53 − 1, the largest whole number a Double holds exactly: jieba takes the
            // logarithm of each frequency and of their total, as floating point numbers.
            case .some(.value(let value)) where value <= Self.largestUserFrequency:
                frequency = value
            case .some(_):
                throw .invalidUserDictionaryEntry(
                    path: path, line: lineNumber, text: string(text[...]),
                    reason: "frequency is too large (at most \(Self.largestUserFrequency))")
            }
            let node = builder.insert(entry.word)
            builder.setFrequency(frequency, of: node)
            if frequency == 0 { builder.markForceSplit(node) }
            // `add_word(word, freq, tag)`: `if tag: user_word_tag_tab[word] = tag`, which posseg applies.
            if let tag = entry.tag, !tag.isEmpty { builder.setTag(tag, of: node) }
        }
    }

    /// The lines of `bytes`, split at `\n` (the `\n` itself excluded), as Python iterates a binary file.
    static func lines(of bytes: UnsafeBufferPointer<UInt8>) -> [Slice<UnsafeBufferPointer<UInt8>>] {
        var result: [Slice<UnsafeBufferPointer<UInt8>>] = []
        var start = 0
        for index in 0..<bytes.count where bytes[index] == 0x0A {
            result.append(bytes[start..<index])
            start = index + 1
        }
        if start < bytes.count { result.append(bytes[start..<bytes.count]) }
        return result
    }

    /// Python's `bytes.strip()`: removes `\t \n \v \f \r` and space from both ends.
    static func strippingASCIIWhitespace(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = line.startIndex
        var end = line.endIndex
        while start < end && isSpace(line[start]) { start += 1 }
        while end > start && isSpace(line[end - 1]) { end -= 1 }
        return line[start..<end]
    }

    static func string<C: Collection<UInt32>>(_ scalars: C) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars.compactMap(Unicode.Scalar.init))
        return result
    }
}

/// Python's `int(str)` for the frequency field of `dict.txt`: optional surrounding white space,
/// an optional sign, decimal digits (any Unicode decimal digit, as Python allows), single
/// underscores between digits.
enum PythonInteger: Equatable {
    case value(Int64)
    case tooLarge
    case invalid

    static func parse<C: Collection<UInt32>>(_ field: C) -> PythonInteger {
        var scalars = Array(field)[...].drop { ScalarClass.isWhitespace($0) }
        while let last = scalars.last, ScalarClass.isWhitespace(last) { scalars = scalars.dropLast() }
        var negative = false
        if let first = scalars.first, first == 0x2B || first == 0x2D {
            negative = first == 0x2D
            scalars = scalars.dropFirst()
        }
        guard !scalars.isEmpty else { return .invalid }
        var value: Int64 = 0
        var previousWasDigit = false
        var overflow = false
        for scalar in scalars {
            if scalar == 0x5F {
                guard previousWasDigit else { return .invalid }
                previousWasDigit = false
                continue
            }
            guard let digit = decimalValue(scalar) else { return .invalid }
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowPlus) = times.addingReportingOverflow(Int64(digit))
            overflow = overflow || overflowTimes || overflowPlus
            value = sum
            previousWasDigit = true
        }
        guard previousWasDigit else { return .invalid }
        if overflow { return .tooLarge }
        return .value(negative ? -value : value)
    }

    private static func decimalValue(_ scalar: UInt32) -> Int? {
        if scalar &- 0x30 < 10 { return Int(scalar - 0x30) }
        guard scalar >= 0x80, let unicode = Unicode.Scalar(scalar), unicode.properties.numericType == .decimal,
            let value = unicode.properties.numericValue
        else { return nil }
        return Int(value)
    }
}
