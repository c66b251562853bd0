/// Splits a paragraph into sentences.
///
/// A sentence ends at `。！？!?…` (a run of them counts once, `……` included) and at `.` when a
/// space, line end or closing mark follows it (so `3.5` and `U.S.` inside a word stay whole);
/// `；` ends a sentence only when `splitAtSemicolon` is set. Closing quotes and brackets right
/// after the end mark stay with their sentence:
///
///     SentenceSplitter.split("他说：“好。”我们走吧！")   // ["他说：“好。”", "我们走吧！"]
public enum SentenceSplitter {
    /// Splits `paragraph` into sentences, dropping white space between them.
    ///
    /// - Parameters:
    ///   - paragraph: one paragraph of text.
    ///   - splitAtSemicolon: also end sentences at `；` and `;`.
    /// - Returns: the sentences as substrings of `paragraph`, none empty.
    /// - Complexity: O(n) in the length of the paragraph.
    public static func split(_ paragraph: Substring, splitAtSemicolon: Bool = false) -> [Substring] {
        let scalars = paragraph.unicodeScalars
        var sentences: [Substring] = []
        var start = scalars.startIndex
        var index = scalars.startIndex
        func emit(upTo end: String.UnicodeScalarView.Index) {
            let sentence = Substring(scalars[start..<end])
            let trimmed = sentence.drop(while: \.isWhitespace)
            var trimmedEnd = trimmed.endIndex
            while trimmedEnd > trimmed.startIndex, trimmed[trimmed.index(before: trimmedEnd)].isWhitespace {
                trimmedEnd = trimmed.index(before: trimmedEnd)
            }
            let result = trimmed[trimmed.startIndex..<trimmedEnd]
            if !result.isEmpty { sentences.append(result) }
            start = end
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            var isEnd = isStrongEnd(scalar) || (splitAtSemicolon && (scalar == "；" || scalar == ";"))
            if scalar == "." {
                let next = scalars.index(after: index)
                isEnd = next == scalars.endIndex || scalars[next].properties.isWhitespace || isCloser(scalars[next])
                    || scalars[next] == "."
            }
            guard isEnd else {
                index = scalars.index(after: index)
                continue
            }
            // Take the whole run of end marks and the closing quotes or brackets after it.
            var end = scalars.index(after: index)
            while end < scalars.endIndex, isStrongEnd(scalars[end]) || scalars[end] == "." || isCloser(scalars[end]) {
                end = scalars.index(after: end)
            }
            emit(upTo: end)
            index = end
        }
        emit(upTo: scalars.endIndex)
        return sentences
    }

    /// Where each sentence of `paragraph` ends, as UTF-8 byte offsets: the `endIndex` of each
    /// substring `split(_:splitAtSemicolon:)` returns, measured from the start of `utf8`, which
    /// is a string's bytes: other bytes are never read beyond `utf8`'s end, but where they are not
    /// UTF-8 the offsets are those of the text with each bad byte read as U+FFFD (three bytes), so
    /// they may pass `utf8`'s end.
    ///
    ///     SentenceSplitter.sentenceEnds(utf8: "好。 走吧！") // [6, 16] (。 ends at byte 6)
    ///
    /// Design note. Segmentation and the concordance need only these offsets, for every paragraph
    /// of the corpus, and `split` walks Unicode scalar views and Characters (whose trimming asks
    /// for grapheme boundaries). This walks the bytes once and decides most scalars by their
    /// range; the result is the same because only white space is trimmed, and a paragraph with
    /// any scalar that could join white space into a larger Character (a combining or spacing
    /// mark, ZWJ, a prepended sign) is handed to `split` itself.
    public static func sentenceEnds(utf8 bytes: UnsafeBufferPointer<UInt8>, splitAtSemicolon: Bool = false) -> [Int] {
        if let ends = fastSentenceEnds(bytes, splitAtSemicolon: splitAtSemicolon) { return ends }
        let text = String(decoding: bytes, as: UTF8.self)
        return split(text[...], splitAtSemicolon: splitAtSemicolon).map { text.utf8.distance(from: text.startIndex, to: $0.endIndex) }
    }

    /// `sentenceEnds` for a paragraph given as a string.
    public static func sentenceEnds(_ paragraph: String, splitAtSemicolon: Bool = false) -> [Int] {
        var paragraph = paragraph
        return paragraph.withUTF8 { sentenceEnds(utf8: $0, splitAtSemicolon: splitAtSemicolon) }
    }

    /// How a scalar takes part in splitting: white space, an ordinary scalar, or one that needs `split`.
    private enum Kind { case space, other, complex }

    private static func kind(_ value: UInt32) -> Kind {
        switch value {
        case 0x09...0x0D, 0x20: return .space
        case 0..<0x80: return .other
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xFF01...0xFF5E, 0x2010...0x2027, 0x3001...0x3029, 0x3030...0x3096:
            return .other
        case 0x3000: return .space
        default:
            guard let scalar = Unicode.Scalar(value) else { return .complex }
            let properties = scalar.properties
            if properties.isWhitespace { return .space }
            // Grapheme_Extend, emoji modifiers, spacing marks (and Thai and Lao AM), ZWJ, and the
            // blocks that hold the prepended signs: what can make white space part of a larger Character.
            if properties.isGraphemeExtend || properties.generalCategory == .spacingMark || value == 0x200D
                || (0x1F3FB...0x1F3FF).contains(value) || value == 0x0E33 || value == 0x0EB3
                || (0x0600...0x08FF).contains(value) || value == 0x0D4E || (0x11000...0x11FFF).contains(value) {
                return .complex
            }
            return .other
        }
    }

    /// The scalar value and byte length of the UTF-8 sequence at `index`; `nil` for a sequence cut
    /// off at the end or a stray continuation byte (bytes that are not UTF-8, which the caller
    /// hands to `split`, where each is a U+FFFD), so no byte beyond the end is read.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> (value: UInt32, length: Int)? {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let needed = lead < 0xC0 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        if needed == 0 || needed > bytes.count - index { return nil }
        if lead < 0xE0 { return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return (UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return (UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                    | UInt32(bytes[index + 3] & 0x3F), 4)
    }

    private static func fastSentenceEnds(_ bytes: UnsafeBufferPointer<UInt8>, splitAtSemicolon: Bool) -> [Int]? {
        var ends: [Int] = []
        var sentenceStart = 0
        var lastWord = -1  // byte end of the last scalar that is not white space in this sentence, −1 for none
        var index = 0
        func emit(upTo end: Int) {
            if lastWord > sentenceStart { ends.append(lastWord) }
            sentenceStart = end
            lastWord = -1
        }
        func scalar(_ value: UInt32) -> Unicode.Scalar { Unicode.Scalar(value) ?? "\u{FFFD}" }
        while index < bytes.count {
            // Most scalars of Chinese text are ideographs (three bytes, E4–E9 lead): words, never ends.
            let lead = bytes[index]
            if lead >= 0xE4 && lead <= 0xE9 && index + 2 < bytes.count {
                index += 3
                lastWord = index
                continue
            }
            guard let (value, length) = decode(bytes, index) else { return nil }
            switch kind(value) {
            case .complex: return nil
            case .space: break
            case .other: lastWord = index + length
            }
            let current = scalar(value)
            var isEnd = isStrongEnd(current) || (splitAtSemicolon && (value == 0xFF1B || value == 0x3B))
            if value == 0x2E {
                let next = index + length
                if next == bytes.count {
                    isEnd = true
                } else {
                    guard let (nextValue, _) = decode(bytes, next) else { return nil }
                    let nextKind = kind(nextValue)
                    if nextKind == .complex { return nil }
                    isEnd = nextKind == .space || isCloser(scalar(nextValue)) || nextValue == 0x2E
                }
            }
            guard isEnd else {
                index += length
                continue
            }
            // Take the whole run of end marks and the closing quotes or brackets after it.
            var end = index + length
            while end < bytes.count {
                guard let (nextValue, nextLength) = decode(bytes, end) else { return nil }
                let next = scalar(nextValue)
                guard isStrongEnd(next) || nextValue == 0x2E || isCloser(next) else { break }
                end += nextLength
                lastWord = end
            }
            emit(upTo: end)
            index = end
        }
        emit(upTo: bytes.count)
        return ends
    }

    /// A switch, not a `Set`: hashing every scalar of every paragraph was a measurable cost.
    static func isStrongEnd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "。", "！", "？", "!", "?", "…", "｡", "︒": return true
        default: return false
        }
    }

    static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "”", "’", "」", "』", "）", ")", "】", "》", "〉", "\"", "'", "］", "]", "｝", "}": return true
        default: return false
        }
    }
}
