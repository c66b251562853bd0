/// Estimated widths of text in the chart font, to size margins without a font engine.
///
/// Design note. An SVG is drawn by a browser with whatever CJK font it has, so exact metrics are not
/// knowable here. Han characters, kana, hangul and full-width forms are one em wide in every CJK
/// font; Latin letters and digits average a little over half an em. Estimating on the wide side
/// costs a little white space; estimating on the narrow side would clip labels.
enum TextWidth {
    /// Width of `text` at `fontSize` pixels.
    static func estimate(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += emWidth(of: scalar)
        }
        return ems * fontSize
    }

    /// `text`, shortened with `…` so that its estimated width is at most `maxWidth`: cut in the
    /// middle, keeping its start and its end (`新时代人才工作…（第二组：培养）`), so labels that differ
    /// only at the end (numbered parts, sets named 第一组 and 第二组) stay apart; with `keepingEnd`
    /// false, cut at the end.
    static func truncated(_ text: String, maxWidth: Double, fontSize: Double, keepingEnd: Bool = true) -> String {
        if estimate(text, fontSize: fontSize) <= maxWidth { return text }
        let ellipsis = "…"
        let budget = maxWidth - estimate(ellipsis, fontSize: fontSize)
        let characters = Array(text)
        let widths = characters.map { estimate(String($0), fontSize: fontSize) }
        // The end gets about two fifths of the room, the start the rest.
        var tailWidth = 0.0
        var tailStart = characters.count
        if keepingEnd {
            while tailStart > 0, tailWidth + widths[tailStart - 1] <= budget * 0.4 {
                tailStart -= 1
                tailWidth += widths[tailStart]
            }
        }
        var width = 0.0
        var kept = ""
        for index in 0..<tailStart {
            if width + widths[index] > budget - tailWidth { break }
            width += widths[index]
            kept.append(characters[index])
        }
        return kept + ellipsis + String(characters[tailStart...])
    }

    static func emWidth(of scalar: Unicode.Scalar) -> Double {
        let value = scalar.value
        switch value {
        case 0x20...0x7E:
            return 0.55
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F:
            return 0  // combining marks, zero-width characters, variation selectors
        case 0x1100...0x115F, 0x2026, 0x2E80...0x303F, 0x3040...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return 1
        default:
            return 0.6
        }
    }
}
