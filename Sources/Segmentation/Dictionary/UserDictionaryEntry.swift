import Foundation

/// One line of a user dictionary, read as jieba's `re_userdict` reads it:
/// `^(.+?)( [0-9]+)?( [a-z]+)?$`.
struct UserDictionaryEntry: Equatable {
    /// The word, as Unicode scalar values.
    let word: [UInt32]
    /// The frequency field, when there is one (ASCII digits only, so never `.invalid`).
    let frequency: PythonInteger?
    /// The tag field, when there is one.
    let tag: String?

    /// Parses a line that is already stripped and has no byte-order mark.
    ///
    /// The lazy word group takes the shortest start of the line after which the rest is exactly
    /// one of "", " digits", " letters" or " digits letters"; at worst the whole line.
    init(parsing line: [UInt32]) {
        for wordEnd in 1..<max(line.count, 1) {
            guard line[wordEnd] == 0x20, let (frequency, tag) = Self.matchFields(line, from: wordEnd) else { continue }
            self.init(
                word: Array(line[..<wordEnd]),
                frequency: frequency.map { PythonInteger.parse(line[$0]) },
                tag: tag.map { DictionaryFile.string(line[$0]) })
            return
        }
        self.init(word: line, frequency: nil, tag: nil)
    }

    init(word: [UInt32], frequency: PythonInteger?, tag: String?) {
        self.word = word
        self.frequency = frequency
        self.tag = tag
    }

    /// `( [0-9]+)?( [a-z]+)?$` at `start`: the ranges of the digits and the letters.
    private static func matchFields(_ line: [UInt32], from start: Int) -> (Range<Int>?, Range<Int>?)? {
        let end = line.count
        func isLower(_ scalar: UInt32) -> Bool { scalar &- 0x61 < 26 }
        func tag(from position: Int) -> Range<Int>?? {
            if position == end { return .some(nil) }
            guard line[position] == 0x20, position + 1 < end else { return nil }
            var letterEnd = position + 1
            while letterEnd < end && isLower(line[letterEnd]) { letterEnd += 1 }
            guard letterEnd > position + 1, letterEnd == end else { return nil }
            return .some((position + 1)..<end)
        }
        if line[start] == 0x20, start + 1 < end, ScalarClass.isASCIIDigit(line[start + 1]) {
            var digitEnd = start + 1
            while digitEnd < end && ScalarClass.isASCIIDigit(line[digitEnd]) { digitEnd += 1 }
            if let tagRange = tag(from: digitEnd) { return ((start + 1)..<digitEnd, tagRange) }
        }
        if let tagRange = tag(from: start) { return (nil, tagRange) }
        return nil
    }

    /// Why jieba would misread the line, when its word holds white space because a frequency or
    /// tag field is malformed; `nil` when the line means what it seems to.
    ///
    /// Only an ASCII space or a tab in the word can come from a misread field: jieba's line pattern
    /// separates the fields by one ASCII space. Other white space in a word (U+3000, U+00A0) is
    /// the word's own, on a line read as it means (`ineffectiveWarning` says that it never takes effect).
    func misreadProblem(line: [UInt32]) -> String? {
        guard word.contains(0x20) || word.contains(0x09) else { return nil }
        let consequence = "; jieba would take \"\(DictionaryFile.string(word))\", white space included, as the word, "
            + "which can never match because jieba splits text at white space"
        let format = "a line is `word [frequency] [tag]` separated by single spaces, "
            + "the frequency a whole number, the tag lowercase letters"
        if word.contains(0x09) {
            return "a tab separates the fields; \(format)\(consequence)"
        }
        let fields = line.split(separator: 0x20, omittingEmptySubsequences: false)
        let rest = fields.dropFirst().filter { !$0.isEmpty }
        guard let first = rest.first, let lead = first.first,
            ScalarClass.isASCIIDigit(lead) || lead == 0x2B || lead == 0x2D || lead == 0x2E
        else { return nil }
        if !first.allSatisfy(ScalarClass.isASCIIDigit) {
            return "frequency \"\(DictionaryFile.string(first))\" is not a whole number; \(format)\(consequence)"
        }
        if fields.contains(where: { $0.isEmpty }) {
            return "more than one space between fields; \(format)\(consequence)"
        }
        if rest.count > 2 {
            return "too many fields; \(format)\(consequence)"
        }
        guard rest.count == 2 else { return nil }
        return "tag \"\(DictionaryFile.string(rest[rest.startIndex + 1]))\" is not lowercase letters a-z; \(format)\(consequence)"
    }

    /// A warning for an entry jieba accepts but that can never be cut out of any text.
    func ineffectiveWarning() -> String? {
        let shown = DictionaryFile.string(word)
        if let space = word.first(where: { ScalarClass.isWhitespace($0) }) {
            let name = space == 0x20 ? "a space" : String(format: "white space U+%04X", space)
            return "\"\(shown)\" contains \(name); jieba splits text at white space before looking words up, "
                + "so this entry never takes effect"
        }
        if let other = word.first(where: { !ScalarClass.isBlockScalar($0) }) {
            return "\"\(shown)\" contains \"\(DictionaryFile.string([other]))\", which jieba's precise mode never joins "
                + "into a word (only Han \\u4E00-\\u9FD5, ASCII letters and digits and + # & . _ % - are), "
                + "so this entry never takes effect"
        }
        return nil
    }
}

/// The part-of-speech tags a jieba dictionary file gives its words, each line read as the
/// segmenter reads a user dictionary's (`re_userdict`: `word [frequency] [tag]`); none for a file
/// that cannot be read, and a line that is not UTF-8 gives none (the segmenter reports it).
public enum DictionaryTags {
    public static func tags(inFileAt path: String) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var tags: Set<String> = []
        data.withUnsafeBytes { raw in
            for line in DictionaryFile.lines(of: raw.bindMemory(to: UInt8.self)) {
                let stripped = DictionaryFile.strippingASCIIWhitespace(line)
                guard case .success(var text) = UTF8Decoding.scalars(of: UnsafeBufferPointer(rebasing: stripped)) else { continue }
                text.removeFirst(text.prefix { $0 == 0xFEFF }.count)
                if text.isEmpty || text[0] == 0x23 { continue }
                if let tag = UserDictionaryEntry(parsing: text).tag, !tag.isEmpty { tags.insert(tag) }
            }
        }
        return tags
    }
}
