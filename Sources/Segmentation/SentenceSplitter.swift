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
