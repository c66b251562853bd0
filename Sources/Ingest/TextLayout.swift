import Foundation

/// How the line breaks of a file are read.
public enum LineLayout: String, Sendable, Codable, CaseIterable {
    /// Decide per file: `wrapped` when most lines have the same width, else `paragraphs`.
    case auto
    /// Hard-wrapped text, as extracted from a PDF: lines are joined into paragraphs.
    case wrapped
    /// Every non-empty line is a paragraph.
    case paragraphs
}

/// One line of a decoded file, with what the repair rules need to know about it.
struct SourceLine: Equatable {
    /// How a line started before its white space was removed.
    enum Lead: Equatable {
        case none
        /// One to three ASCII spaces: the page-start artefact of PDF extraction, not an indent.
        case pageStart
        /// Full-width spaces or four or more ASCII spaces: a paragraph's first-line indent.
        case indent
    }

    /// 1-based line number in the decoded file.
    var number: Int
    /// The line without leading and trailing white space.
    var text: String
    var lead: Lead
    /// Blank lines between this line and the previous kept line.
    var blankLinesBefore: Int
    /// Printed width in em (Han characters 1, ASCII and curly quotes ½).
    var width: Double

    init(number: Int, raw: Substring, blankLinesBefore: Int) {
        self.number = number
        var leadingASCII = 0
        var leadingWide = 0
        for scalar in raw.unicodeScalars {
            if scalar == " " || scalar == "\t" { leadingASCII += scalar == "\t" ? 4 : 1 }
            else if scalar == "\u{3000}" || scalar == "\u{00A0}" { leadingWide += 1 }
            else { break }
        }
        if leadingWide > 0 || leadingASCII >= 4 { lead = .indent }
        else if leadingASCII > 0 { lead = .pageStart }
        else { lead = .none }
        text = TextScalar.trimmed(raw)
        self.blankLinesBefore = blankLinesBefore
        width = SourceLine.width(of: text)
    }

    static func width(of text: String) -> Double {
        var total = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2018, 0x2019, 0x201C, 0x201D: total += 0.5
            case 0..<0x80: total += 0.5
            default: total += 1
            }
        }
        return total
    }

    /// A line that holds nothing but a page number: `30`, `- 30 -`, `— 30 —`, `第30页`, `30/120`.
    var isPageNumber: Bool {
        text.utf8.count <= 32 && text.unicodeScalars.contains { ("0"..."9").contains($0) || ("０"..."９").contains($0) }
            && text.wholeMatch(of: SourceLine.pageNumberPattern) != nil
    }

    nonisolated(unsafe) static let pageNumberPattern = #/[-—–－\s]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*/\s*[0-9]{1,4})?[-—–－\s]*/#
}

/// What a file's lines look like, measured once per file.
struct LayoutProfile: Equatable {
    /// Whether lines are hard-wrapped and must be joined.
    var wrapped: Bool
    /// The width of a full line, in em (the most common line width).
    var fullWidth: Double
    /// Whether every line is followed by a blank line (double-spaced extraction), so that blank
    /// lines say nothing about paragraphs.
    var doubleSpaced: Bool

    static func measure(_ lines: [SourceLine], layout: LineLayout) -> LayoutProfile {
        var histogram: [Int: Int] = [:]
        for line in lines where line.width >= 8 { histogram[Int(line.width.rounded()), default: 0] += 1 }
        let mode = histogram.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 0
        let fullWidth = Double(mode)
        // Wrapped text: most lines are full or lost a 2-em indent, and most of those end mid-sentence.
        let nearFull = lines.filter { $0.width >= fullWidth - 2.5 && $0.width <= fullWidth + 2 }
        let sentenceEnds = nearFull.filter { line in
            line.text.unicodeScalars.last.map { "。！？!?".unicodeScalars.contains($0) } ?? false
        }.count
        let detected = lines.count >= 6 && fullWidth >= 10 && Double(nearFull.count) >= 0.5 * Double(lines.count)
            && Double(sentenceEnds) < 0.5 * Double(nearFull.count)
        let spaced = lines.dropFirst().filter { $0.blankLinesBefore >= 1 }.count
        let doubleSpaced = lines.count >= 3 && Double(spaced) >= 0.8 * Double(lines.count - 1)
        let wrapped: Bool
        switch layout {
        case .auto: wrapped = detected
        case .wrapped: wrapped = true
        case .paragraphs: wrapped = false
        }
        return LayoutProfile(wrapped: wrapped, fullWidth: fullWidth, doubleSpaced: doubleSpaced)
    }
}

/// Joins the lines of an article body into paragraphs.
///
/// Rules for hard-wrapped text (documented in the README): a line break is a paragraph end when
/// the next line is indented (full-width spaces), when a blank line separates them in a file that
/// is not double-spaced, when the line is clearly short (more than 3 em under the full width),
/// or when the line ends with closing punctuation other than a semicolon and is either short
/// (more than 1¼ em under the full width) or followed by a line about 2 em short (a first line
/// whose indent was lost).
/// Otherwise the lines are one paragraph, joined with no space between Chinese characters and one
/// space between Latin letters or digits; a Latin word hyphenated across the break is joined.
enum ParagraphBuilder {
    static func paragraphs(from lines: [SourceLine], profile: LayoutProfile) -> [String] {
        guard profile.wrapped else {
            return lines.map { collapseSpaces($0.text, removeAroundCJK: false) }.filter { !$0.isEmpty }
        }
        var result: [String] = []
        var current = ""
        for (index, line) in lines.enumerated() {
            let text = collapseSpaces(line.text, removeAroundCJK: true)
            if current.isEmpty {
                current = text
            } else {
                current = join(current, text)
            }
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            if next == nil || endsParagraph(line, next: next!, profile: profile) {
                if !current.isEmpty { result.append(current) }
                current = ""
            }
        }
        return result
    }

    static func endsParagraph(_ line: SourceLine, next: SourceLine, profile: LayoutProfile) -> Bool {
        if next.lead == .indent { return true }
        if !profile.doubleSpaced && next.blankLinesBefore > 0 { return true }
        let full = profile.fullWidth
        if line.width < full - 3 { return true }
        guard endsWithClosingPunctuation(line.text), let last = line.text.unicodeScalars.last,
              last != "；", last != ";" else { return false }
        if line.width < full - 1.25 { return true }
        return next.width >= full - 2.75 && next.width <= full - 1.25
    }

    static let closingPunctuation: Set<Unicode.Scalar> = [
        "。", "！", "？", "!", "?", "…", "；", ";", "：", ":", "”", "’", "」", "』", "）", ")", "】", "》", ".",
    ]

    static func endsWithClosingPunctuation(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return closingPunctuation.contains(last)
    }

    /// Joins two wrapped lines of one paragraph.
    static func join(_ head: String, _ tail: String) -> String {
        guard let last = head.unicodeScalars.last, let first = tail.unicodeScalars.first else { return head + tail }
        if isLatinWordScalar(last) && isLatinWordScalar(first) { return head + " " + tail }
        if last == "-", first.properties.isLowercase {
            let beforeHyphen = head.unicodeScalars.dropLast().last
            if let beforeHyphen, beforeHyphen.properties.isLowercase {
                return String(String.UnicodeScalarView(head.unicodeScalars.dropLast())) + tail
            }
        }
        return head + tail
    }

    static func isLatinWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }

    /// Whether a scalar belongs to Chinese typesetting, where spaces are never written.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF,
             0x2018, 0x2019, 0x201C, 0x201D, 0x2014, 0x2026, 0x00B7:
            return true
        default:
            return false
        }
    }

    /// Folds runs of white space to one space; with `removeAroundCJK`, drops white space next to
    /// a Chinese character or punctuation mark (PDF extraction inserts it at glyph gaps).
    static func collapseSpaces(_ text: String, removeAroundCJK: Bool) -> String {
        // On the UTF-8 bytes: each scalar is copied as it is, a run of white space becomes one
        // space byte or nothing (appending scalar by scalar to a String took most of ingest's time).
        var text = text
        return text.withUTF8 { bytes -> String in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                var written = 0
                var pendingSpace = false
                var previous: Unicode.Scalar?
                var index = 0
                while index < bytes.count {
                    let (scalar, length) = TextScalar.scalar(in: bytes, at: index)
                    defer { index += length }
                    if TextScalar.isWhitespace(scalar) {
                        pendingSpace = true
                        continue
                    }
                    if pendingSpace {
                        // At least one white-space byte was skipped, so the space fits.
                        if let previous, !(removeAroundCJK && (isCJK(scalar) || isCJK(previous))) {
                            out[written] = 0x20
                            written += 1
                        }
                        pendingSpace = false
                    }
                    for offset in 0..<length { out[written + offset] = bytes[index + offset] }
                    written += length
                    previous = scalar
                }
                return written
            }
        }
    }
}

/// Fast character classes for the hot loops of ingest (Unicode property look-ups are slow).
public enum TextScalar {
    /// White space as Unicode defines it (`White_Space`), plus the zero-width no-break space.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// Scalars in UTF-8 `bytes` that are not white space (`isWhitespace`), counted on the bytes:
    /// every white-space scalar is ASCII, C2 85, C2 A0, or a three-byte sequence led by E1, E2, E3
    /// or EF (U+FEFF).
    public static func nonWhitespaceCount(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if !(byte == 0x20 || (0x09...0x0D).contains(byte)) { count += 1 }
                index += 1
            } else if byte < 0xE0 {
                let second = index + 1 < bytes.count ? bytes[index + 1] : 0
                if !(byte == 0xC2 && (second == 0x85 || second == 0xA0)) { count += 1 }
                index += 2
            } else if byte < 0xF0 {
                if byte == 0xE1 || byte == 0xE2 || byte == 0xE3 || byte == 0xEF, index + 2 < bytes.count {
                    let value = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                    if let scalar = Unicode.Scalar(value), isWhitespace(scalar) { index += 3; continue }
                }
                count += 1
                index += 3
            } else {
                count += 1
                index += 4
            }
        }
        return count
    }

    /// The text without leading and trailing white space.
    static func trimmed(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        // A substring of the scalars (not of the Characters, which could round an index down) copied as bytes.
        return String(Substring(scalars[start...last]))
    }

    /// The scalar that starts at `index` of valid UTF-8 `bytes`, and its length in bytes.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let value: UInt32
        let length: Int
        if lead < 0x80 {
            return (Unicode.Scalar(UInt8(lead)), 1)
        } else if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            length = 2
        } else if lead < 0xF0 {
            value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            length = 3
        } else {
            value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
