import Foundation

/// How the line breaks of a file are read.
public enum LineLayout: String, Sendable, Codable, CaseIterable {
    /// Decide per file: `wrapped` when most lines have the same width, else `paragraphs`.
    case auto
    /// Hard-wrapped text, as extracted from a PDF: lines are joined into paragraphs.
    case wrapped
    /// Every non-empty line is a paragraph, but a line break inside a sentence joins its lines (`ParagraphBuilder.goesOn`).
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
    /// Printed width in em (Han characters 1, ASCII and curly quotes ½), without the indent.
    var width: Double
    /// The width of the first-line indent in em (full-width spaces 1, ASCII spaces ½), when `lead` is `.indent`.
    var indentWidth: Double = 0
    /// How many curly quotation marks (`“”‘’`) the line holds: `width` counts each as ½ em, as PDF
    /// extraction sets them; a file that sets them full-width adds ½ em each (`LayoutProfile.measure`).
    var curlyQuotes: Int = 0
    /// Set when the line holds nothing but a page number or a bare number.
    var pageMarker: PageMarker?
    /// The line read as a date line, when it is one (`DateLine.read`).
    var dateLine: DateLine.Reading?
    /// Whether the line holds a digit, ASCII or full-width.
    var hasDigit = false
    /// A form feed (a page break, as `pdftotext` writes between pages) came before the line's text,
    /// in it or since the line before.
    var pageBreakBefore = false

    init(number: Int, raw: Substring, blankLinesBefore: Int) {
        self.number = number
        var leadingASCII = 0
        var leadingWide = 0
        for scalar in raw.unicodeScalars {
            if scalar == " " || scalar == "\t" { leadingASCII += scalar == "\t" ? 4 : 1 }
            else if scalar == "\u{0C}" { continue }   // a page break before the line's indent
            else if scalar == "\u{3000}" || scalar == "\u{00A0}" { leadingWide += 1 }
            else if !TextScalar.isInvisible(scalar) { break }
        }
        if leadingWide > 0 || leadingASCII >= 4 {
            lead = .indent
            indentWidth = Double(leadingWide) + Double(leadingASCII) / 2
        }
        else if leadingASCII > 0 { lead = .pageStart }
        else { lead = .none }
        text = TextScalar.trimmed(raw)
        self.blankLinesBefore = blankLinesBefore
        let (width, invisible, digit, quotes) = SourceLine.measure(text)
        hasDigit = digit
        curlyQuotes = quotes
        if invisible {
            // Rare: rebuilt only for the lines that hold invisible characters between others.
            text = TextScalar.removing(text, where: TextScalar.isInvisible)
        }
        self.width = width
        pageMarker = SourceLine.pageMarker(of: text)
        dateLine = DateLine.read(text)
    }

    /// The printed width of a text, whether it holds invisible characters (`TextScalar.isInvisible`),
    /// which have no width, and whether it holds a digit (ASCII or full-width).
    static func measure(_ text: String) -> (width: Double, invisible: Bool, digit: Bool, curlyQuotes: Int) {
        var total = 0.0
        var invisible = false
        var digit = false
        var quotes = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            // Chinese characters and punctuation first: most of the text.
            if value >= 0x2100 && value != 0xFEFF {
                total += 1
                if value &- 0xFF10 < 10 { digit = true }
            } else if value < 0x80 {
                total += 0.5
                if value &- 0x30 < 10 { digit = true }
            } else if value == 0x2018 || value == 0x2019 || value == 0x201C || value == 0x201D {
                total += 0.5
                quotes += 1
            } else if TextScalar.isInvisible(scalar) {
                invisible = true
            } else {
                total += 1
            }
        }
        return (total, invisible, digit, quotes)
    }

    /// What a line that holds only a (page) number looks like, or `nil`.
    enum PageMarker: Equatable {
        /// A bare number of one to four digits (`30`, `３０`): a page number only in hard-wrapped
        /// text, and only where `PageNumbers` finds it is one.
        case bare(Int)
        /// A decorated page number (`- 30 -`, `— 7 —`, `第 3 页`, `3/120`): dropped in every layout.
        case decorated
    }

    /// What the line holds when it holds nothing but a page number or a bare number.
    static func pageMarker(of text: String) -> PageMarker? {
        guard text.utf8.count <= 32, text.unicodeScalars.contains(where: { ("0"..."9").contains($0) || ("０"..."９").contains($0) }),
              let match = pageNumber(in: text) else { return nil }
        if let total = match.2, let page = Int(DateLine.normaliseDigits(String(match.1))),
           let count = Int(DateLine.normaliseDigits(String(total))), page > count {
            return nil   // 30/12 is not page 30 of 12
        }
        if text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("０"..."９").contains($0) }) {
            return Int(DateLine.normaliseDigits(text)).map { .bare($0) }
        }
        return .decorated
    }

    /// `- 30 -`, `— 7 —`, `·1·`, `第 3 页`, `3/120`, `第1页 共20页`, `第 1 页，共 20 页`: the whole
    /// text matched as `pageNumberPattern` matches it, with its page and its total.
    ///
    /// Design note. Written out by hand, Character by Character as the pattern reads (its optional
    /// parts never need to give back what they took): the pattern, run on every short line with a
    /// digit, was a third of the ingest of many small files. `pageNumberPattern` stays as the
    /// definition, which the tests check this against.
    static func pageNumber(in text: String) -> (Substring, Substring, Substring?)? {
        var at = text.startIndex
        func skip(_ accepts: (Character) -> Bool) {
            while at < text.endIndex && accepts(text[at]) { at = text.index(after: at) }
        }
        func take(_ character: Character) -> Bool {
            guard at < text.endIndex && text[at] == character else { return false }
            at = text.index(after: at)
            return true
        }
        func digits() -> Range<String.Index>? {
            let start = at
            var count = 0
            while at < text.endIndex && isPageDigit(text[at]) {
                at = text.index(after: at)
                count += 1
            }
            return (1...4).contains(count) ? start..<at : nil
        }
        // [-—–－·•・\s]* (?:第\s*)? ([0-9０-９]{1,4}) (?:\s*页)?
        skip(isPageDecoration)
        if take("第") { skip(\.isWhitespace) }
        guard let page = digits() else { return nil }
        let afterPage = at
        skip(\.isWhitespace)
        if !take("页") { at = afterPage }
        // (?:\s*(?:/\s*共?|[，,、]?\s*共)\s*([0-9０-９]{1,4})(?:\s*页)?)? — tried; on failure nothing taken.
        let beforeTotal = at
        var total: Range<String.Index>?
        skip(\.isWhitespace)
        var joined = false
        if take("/") {
            skip(\.isWhitespace)
            _ = take("共")
            joined = true
        } else {
            _ = take("，") || take(",") || take("、")
            skip(\.isWhitespace)
            joined = take("共")
        }
        if joined {
            skip(\.isWhitespace)
            total = digits()
            if total != nil {
                let afterTotal = at
                skip(\.isWhitespace)
                if !take("页") { at = afterTotal }
            }
        }
        if total == nil { at = beforeTotal }
        // [-—–－·•・\s]* to the end.
        skip(isPageDecoration)
        guard at == text.endIndex else { return nil }
        return (text[...], text[page], total.map { text[$0] })
    }

    private static func isPageDigit(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else { return false }
        return ("0"..."9").contains(scalar) || ("０"..."９").contains(scalar)
    }

    private static func isPageDecoration(_ character: Character) -> Bool {
        character.isWhitespace || "-—–－·•・".contains(character)
    }

    /// The definition of a page number line (`pageNumber(in:)` matches it by hand).
    nonisolated(unsafe) static let pageNumberPattern =
        #/[-—–－·•・\s]*(?:第\s*)?([0-9０-９]{1,4})(?:\s*页)?(?:\s*(?:/\s*共?|[，,、]?\s*共)\s*([0-9０-９]{1,4})(?:\s*页)?)?[-—–－·•・\s]*/#
}

/// Tells page numbers from numbers that belong to the text, among the lines of a hard-wrapped file
/// that hold only a number.
///
/// A bare number continues the text when the line before it ends in a Latin letter, a digit or an
/// opening bracket, or the line after it starts with a closing bracket or a percent sign (a
/// subscript put on its own line, `M` / `2`, `PM` / `10`, or a note mark, `[` / `1` / `]`); it is
/// a page number all the same when it is exactly the one missing between the page numbers before
/// and after it. Of the other bare numbers, those that make up the file's page numbering are page
/// numbers: a number is in the numbering when it is 1 to 3 more than the page number before it, or
/// when one of the next two bare numbers is 1 to 3 more than it (a numbering starts or restarts).
/// A file with no such numbering (one bare number, or numbers that never follow each other) has
/// those below 1000 taken as page numbers, as extraction leaves them; a lone `2021` is a year (a
/// heading, a table's cell), kept. In a file with form feeds (`pdftotext`'s page breaks) none of
/// this is needed: a bare number is a page number when it is one of the two lines on either side of
/// a page break, and text otherwise.
enum PageNumbers {
    /// The indices of the bare-number lines of `lines` that are text and must be kept.
    static func keptBareNumbers(in lines: [SourceLine], wrapped: Bool) -> Set<Int> {
        var kept: Set<Int> = []
        var candidates: [(index: Int, value: Int)] = []
        var continuing: [(index: Int, value: Int)] = []
        // With form feeds, the page breaks are known: a page number is next to one.
        let formFed = wrapped && lines.contains { $0.pageBreakBefore }
        for (index, line) in lines.enumerated() {
            guard case .bare(let value)? = line.pageMarker else { continue }
            if !wrapped {
                kept.insert(index)
            } else if formFed {
                let near = max(0, index - 1)...min(lines.count - 1, index + 2)
                if !near.contains(where: { lines[$0].pageBreakBefore }) { kept.insert(index) }
            } else if continuesText(at: index, in: lines) {
                continuing.append((index, value))
            } else {
                candidates.append((index, value))
            }
        }
        guard wrapped else { return kept }
        let isPage = numbering(candidates.map(\.value))
        var pages: [(index: Int, value: Int)] = []
        for (position, candidate) in candidates.enumerated() {
            if isPage[position] { pages.append(candidate) } else { kept.insert(candidate.index) }
        }
        for number in continuing {
            let before = pages.last { $0.index < number.index }, after = pages.first { $0.index > number.index }
            if let before, let after, before.value + 1 == number.value, number.value + 1 == after.value { continue }
            kept.insert(number.index)
        }
        return kept
    }

    /// Which of a file's bare numbers, in file order, are its page numbers (see the type's comment).
    static func numbering(_ values: [Int]) -> [Bool] {
        var isPage = [Bool](repeating: false, count: values.count)
        var last: Int?
        for (position, value) in values.enumerated() {
            if let last, value > last, value <= last + 3 {
                isPage[position] = true
            } else if values[(position + 1)..<min(values.count, position + 3)].contains(where: { $0 > value && $0 <= value + 3 }) {
                isPage[position] = true
            } else {
                continue
            }
            last = value
        }
        return isPage.contains(true) ? isPage : values.map { $0 < 1000 }
    }

    static let opening: Set<Unicode.Scalar> = ["[", "［", "(", "（", "【", "〔", "{", "｛"]
    static let closing: Set<Unicode.Scalar> = ["]", "］", ")", "）", "】", "〕", "}", "｝", "%", "％", "‰"]

    /// Whether the bare number at `index` continues the line before it or the line after it.
    static func continuesText(at index: Int, in lines: [SourceLine]) -> Bool {
        if let previous = lines[..<index].last(where: { $0.pageMarker == nil }), let last = previous.text.unicodeScalars.last,
           (last.isASCII && (last.properties.isAlphabetic || ("0"..."9").contains(last))) || opening.contains(last) {
            return true
        }
        if let next = lines[(index + 1)...].first(where: { $0.pageMarker == nil }), let first = next.text.unicodeScalars.first,
           closing.contains(first) {
            return true
        }
        return false
    }
}

/// Finds running heads and feet: the lines a printed page repeats at its top or bottom (a journal's
/// name and issue, a section's or an article's title, a footer around the page number), which
/// extraction leaves in the text at every page break.
///
/// Page breaks are the form feeds `pdftotext` writes between pages and the page numbers dropped.
/// - A line whose numbers change from one time to the next, always up, while the rest stays the
///   same (`江苏组工 2021年第10期 · 30 ·`, then `· 32 ·`) is a running foot wherever it is, when it
///   comes three times or more, holds at least two letters besides its numbers, mostly comes a page
///   (`pageLines`) after the one before and mostly cuts a sentence. Where it was is a page break too.
/// - Of the other lines, the line right after or before a page break (or the next one out, under a
///   head) is a running head when the same line (numbers and all, white space aside), narrower than
///   a full line by 2 em or more, is there at three page breaks or more and at a quarter of them at
///   least, and is found away from the page breaks at most a quarter as often; or, in files of
///   three page breaks or more, when it is the title of the article it is in, on the same terms.
///
/// Never the file's first line, a line that ends a sentence, a byline or a date line, nor a line
/// followed by one (or by a `——` subtitle and then one): that is an article's title, which a
/// journal also prints at its page tops.
enum RunningHeads {
    /// Lines on each side of a page break that count as near it (a head seen elsewhere is no head).
    static let zone = 2
    /// The longest running head, in characters.
    static let longest = 60
    /// The fewest lines between two places of a running foot: the shortest page.
    static let pageLines = 8

    /// Letters and Chinese characters, the common ones without a look-up of Unicode properties.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x20000...0x3FFFF: return true
        case 0..<0x80, 0x3000...0x303F, 0xFF00...0xFF20: return false
        default: return scalar.properties.isAlphabetic
        }
    }

    /// A line with its numbers taken out: `key` the rest with `#` for each run of digits, without
    /// white space; `numbers` the numbers in order; `letters` the letters and Chinese characters.
    struct Shape: Hashable {
        var key: [UInt32]
        var numbers: [Int]
        var letters: Int
    }

    static func shape(of text: String) -> Shape? {
        var key: [UInt32] = []
        key.reserveCapacity(text.utf8.count)
        var numbers: [Int] = []
        var letters = 0
        var number: Int?
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if count > longest { return nil }
            let value = scalar.value
            let digit = value &- 0x30 < 10 ? Int(value &- 0x30) : value &- 0xFF10 < 10 ? Int(value &- 0xFF10) : nil
            if let digit {
                number = min((number ?? 0) * 10 + digit, 1_000_000_000)
                continue
            }
            if let value = number {
                numbers.append(value)
                key.append(0x23)
                number = nil
            }
            if TextScalar.isWhitespace(scalar) { continue }
            if isLetter(scalar) { letters += 1 }
            key.append(scalar.value)
        }
        if let value = number {
            numbers.append(value)
            key.append(0x23)
        }
        guard letters >= 2, let last = key.last, ![0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F].contains(last) else { return nil }
        return Shape(key: key, numbers: numbers, letters: letters)
    }

    /// The indices of `lines` that are running heads or feet. `pageNumber` marks the lines dropped
    /// as page numbers; `startsArticle` tells whether a line makes the line above it an article's title.
    /// - Parameters:
    ///   - pageBreaks: whether the file has page breaks (form feeds or page numbers); without, only
    ///     running feet are looked for, and only on lines with digits.
    ///   - pageBreakAtEnd: whether a form feed follows the last line (`pdftotext` ends with one).
    ///   - fullWidth: the width of a full line of the file (`LayoutProfile.fullWidth`).
    static func find(in lines: [SourceLine], pageNumber: [Bool], pageBreaks: Bool, pageBreakAtEnd: Bool = false, fullWidth: Double,
                     startsArticle: (SourceLine) -> Bool) -> Set<Int> {
        let kept = lines.indices.filter { !pageNumber[$0] }
        guard kept.count >= 6 else { return [] }
        // The shapes of the lines that may be running feet (lines with digits; the first line is
        // none); others are added when needed.
        var shapes = [Shape?](repeating: nil, count: kept.count)
        // Whether each line is a byline or a date line, asked once per line.
        var starts = [Bool?](repeating: nil, count: kept.count)
        func startsAt(_ position: Int) -> Bool {
            if let known = starts[position] { return known }
            let answer = startsArticle(lines[kept[position]])
            starts[position] = answer
            return answer
        }
        // Bylines and date lines are none (a date goes up from article to article).
        var computed = [Bool](repeating: false, count: kept.count)
        func shapeAt(_ position: Int) -> Shape? {
            if !computed[position] {
                computed[position] = true
                let line = lines[kept[position]]
                if line.text.utf8.count <= 3 * longest, !startsAt(position) { shapes[position] = shape(of: line.text) }
            }
            return shapes[position]
        }
        for position in kept.indices.dropFirst() where lines[kept[position]].hasDigit { _ = shapeAt(position) }
        func endsSentence(_ position: Int) -> Bool {
            lines[kept[position]].text.unicodeScalars.last.map { sentenceEnds.contains($0) } ?? true
        }
        // A title: a byline or a date line follows, or a subtitle after a dash (`——在…上的讲话`) and
        // then one. `following` are the positions after it, in order.
        func isTitle<S: Sequence>(followedBy following: S) -> Bool where S.Element == Int {
            var iterator = following.makeIterator()
            guard let next = iterator.next() else { return false }
            if startsAt(next) { return true }
            guard let first = lines[kept[next]].text.unicodeScalars.first, "—－-".unicodeScalars.contains(first),
                  let after = iterator.next() else { return false }
            return startsAt(after)
        }

        // Running feet: the same line with numbers that go up, most of them a page apart or more,
        // and most cutting a sentence (a heading follows a sentence's end).
        var numbered: [[UInt32]: [Int]] = [:]
        for (position, shape) in shapes.enumerated() where shape.map({ !$0.numbers.isEmpty && $0.letters >= 2 }) == true {
            numbered[shape!.key, default: []].append(position)
        }
        var removed: Set<Int> = []
        for positions in numbered.values where positions.count >= 3 && goesUp(positions.map { shapes[$0]!.numbers }) {
            let spacings = zip(positions, positions.dropFirst()).map { $1 - $0 }.sorted()
            let feet = positions.filter { !isTitle(followedBy: ($0 + 1)..<kept.count) }
            let cutting = feet.filter { !endsSentence($0 - 1) }.count
            if spacings[spacings.count / 2] >= pageLines, feet.count >= 3, 2 * cutting >= feet.count { removed.formUnion(feet) }
        }
        guard pageBreaks || !removed.isEmpty else { return [] }

        // Page breaks, as places in `rest` (the positions in `kept` of the lines left): a break comes
        // before `rest[gap]`; one after the last line is `rest.count`.
        var rest: [Int] = []
        var gaps: [Int] = []
        var broken = false
        var previous = -1
        for (position, index) in kept.enumerated() {
            broken = broken || ((previous + 1)...index).contains { lines[$0].pageBreakBefore || pageNumber[$0] }
            previous = index
            if removed.contains(position) {
                broken = true
                continue
            }
            if broken && !rest.isEmpty { gaps.append(rest.count) }
            broken = false
            rest.append(position)
        }
        if broken || pageBreakAtEnd || (previous + 1..<lines.count).contains(where: { pageNumber[$0] }) { gaps.append(rest.count) }
        guard !gaps.isEmpty else { return Set(removed.map { kept[$0] }) }
        func title(at place: Int) -> Bool { isTitle(followedBy: rest[(place + 1)...]) }

        // Running heads: the same line, narrower than a full line, as the line next to many page
        // breaks (or next to a head there: heads of two lines), and seldom anywhere else.
        func narrow(_ place: Int) -> Bool { fullWidth < 10 || lines[kept[rest[place]]].width <= fullWidth - 2 }
        var inZones: Set<Int> = []
        for gap in gaps { inZones.formUnion(max(0, gap - zone)..<min(rest.count, gap + zone)) }
        func heads(at places: (Int) -> [Int]) -> Set<Shape> {
            var found: [Shape: Int] = [:]
            for gap in gaps {
                var here: Set<Shape> = []
                for place in places(gap) where place >= 0 && place < rest.count && narrow(place) {
                    if let shape = shapeAt(rest[place]) { here.insert(shape) }
                }
                for shape in here { found[shape, default: 0] += 1 }
            }
            return seldomElsewhere(found.filter { $0.value >= 3 && $0.value * 4 >= gaps.count })
        }
        // Those of `candidates` (with how often each is next to a page break) that are found away
        // from the page breaks at most a quarter as often: a head almost never is. `skipping`: places
        // not to count (a title's own line).
        func seldomElsewhere(_ candidates: [Shape: Int], skipping: Set<Int> = []) -> Set<Shape> {
            guard !candidates.isEmpty else { return [] }
            let widths = Set(candidates.keys.compactMap { shape in
                (0..<rest.count).first { shapes[rest[$0]] == shape }.map { lines[kept[rest[$0]]].width }
            })
            var elsewhere: [Shape: Int] = [:]
            for place in rest.indices where !inZones.contains(place) && !skipping.contains(place) && widths.contains(lines[kept[rest[place]]].width) {
                if let shape = shapeAt(rest[place]), candidates[shape] != nil { elsewhere[shape, default: 0] += 1 }
            }
            return Set(candidates.filter { 4 * (elsewhere[$0.key] ?? 0) <= $0.value }.keys)
        }
        var running = heads { [$0 - 1, $0] }
        running.formUnion(heads { gap in
            [gap < rest.count && shapeAt(rest[gap]).map(running.contains) == true ? gap + 1 : -1,
             gap > 0 && shapeAt(rest[gap - 1]).map(running.contains) == true ? gap - 2 : -1]
        })

        // An article's title as a head, on the article's later pages: in files of three page
        // breaks or more, the line next to a page break that is the title of the article it is in.
        var articleTitle: [Shape?] = []
        if gaps.count >= 3 {
            var current: Shape?
            var inHeader = false
            var titlePlaces: Set<Int> = []
            for place in rest.indices {
                // The header's first line is the title (a subtitle or the byline may follow it).
                if title(at: place) {
                    if !inHeader {
                        current = shapeAt(rest[place])
                        titlePlaces.insert(place)
                    }
                    inHeader = true
                } else {
                    inHeader = false
                }
                articleTitle.append(current)
            }
            // A title that the text repeats away from the page breaks (a poem's refrain) is no head.
            var atBreaks: [Shape: Int] = [:]
            for gap in gaps {
                for place in [gap - 1, gap] where place >= 0 && place < rest.count && !titlePlaces.contains(place) {
                    if let shape = articleTitle[place], shapeAt(rest[place]) == shape { atBreaks[shape, default: 0] += 1 }
                }
            }
            let titleHeads = seldomElsewhere(atBreaks, skipping: titlePlaces)
            articleTitle = articleTitle.map { $0.flatMap { titleHeads.contains($0) ? $0 : nil } }
        }
        func isHead(_ place: Int) -> Bool {
            guard place >= 0, place < rest.count, rest[place] > 0, !removed.contains(rest[place]), let shape = shapeAt(rest[place]),
                  running.contains(shape) || (!articleTitle.isEmpty && articleTitle[place] == shape),
                  !title(at: place) else { return false }
            return true
        }
        for gap in gaps {
            if isHead(gap) {
                removed.insert(rest[gap])
                if isHead(gap + 1) { removed.insert(rest[gap + 1]) }
            }
            if isHead(gap - 1) {
                removed.insert(rest[gap - 1])
                if isHead(gap - 2) { removed.insert(rest[gap - 2]) }
            }
        }
        return Set(removed.map { kept[$0] })
    }

    /// What ends a sentence, for the purposes of running heads.
    static let sentenceEnds: Set<Unicode.Scalar> = ["。", "！", "？", "!", "?", "；", ";", "：", ":", "…", "”", "」"]

    /// Whether each place of the numbers either stays the same or goes up every time, and one goes up.
    static func goesUp(_ numbers: [[Int]]) -> Bool {
        guard let first = numbers.first, numbers.allSatisfy({ $0.count == first.count }) else { return false }
        var rises = false
        for place in first.indices {
            let column = numbers.map { $0[place] }
            if column.allSatisfy({ $0 == first[place] }) { continue }
            guard zip(column, column.dropFirst()).allSatisfy({ $0 < $1 }) else { return false }
            rises = true
        }
        return rises
    }
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
    /// In text of one paragraph per line, whether a line break inside a sentence joins its lines
    /// (`ParagraphBuilder.goesOn`); off for presegmented text, whose lines are kept as written.
    var joinsBrokenSentences = true
    /// Whether blank lines separate most lines: in text that is not hard-wrapped, a line that does
    /// not end a sentence then goes on in the next line of its block (a web page's inline links and
    /// subscripts cut into lines of their own, as in Wikisource's texts).
    var blankSeparated = false
    /// Whether the file sets curly quotation marks full-width, so its lines' widths count them 1 em
    /// (`quotesAreFullWidth`).
    var quotesFullWidth = false

    /// Whether the file sets curly quotation marks full-width (1 em, as text typed with a Chinese
    /// input method shows them) rather than half-width (½ em, as PDF extraction gives them): lines
    /// with two or more of them that fill the full width `fullWidth` exactly when counted one way
    /// or the other vote, and full width needs a clear majority.
    static func quotesAreFullWidth(_ lines: [SourceLine], fullWidth: Double) -> Bool {
        var half = 0, full = 0
        for line in lines where line.curlyQuotes >= 2 {
            let extra = Double(line.curlyQuotes) / 2
            if abs(line.width - fullWidth) <= 0.25 { half += 1 }
            else if abs(line.width + extra - fullWidth) <= 0.25 { full += 1 }
        }
        return full >= 2 && full > 2 * half
    }

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
        var profile = LayoutProfile(wrapped: wrapped, fullWidth: fullWidth, doubleSpaced: doubleSpaced)
        profile.blankSeparated = lines.count >= 3 && Double(spaced) >= 0.5 * Double(lines.count - 1)
        return profile
    }
}

/// Joins the lines of an article body into paragraphs.
///
/// Rules for hard-wrapped text (documented in the README): a line break is a paragraph end when
/// the next line is indented (full-width spaces), when a blank line separates them in a file that
/// is not double-spaced, when the line is clearly short and not a number kept as text (more than 3 em under the full width,
/// its indent counted),
/// or when the line ends with closing punctuation other than a semicolon and is either short
/// (more than 1¼ em under the full width) or followed by a line about 2 em short (a first line
/// whose indent was lost).
/// Otherwise the lines are one paragraph, joined with no space between Chinese characters and one
/// space between Latin letters or digits; a Latin word hyphenated across the break is joined.
enum ParagraphBuilder {
    static func paragraphs(from lines: [SourceLine], profile: LayoutProfile) -> [String] {
        guard profile.wrapped else {
            var result: [String] = []
            for line in lines {
                let text = collapseSpaces(line.text, removeAroundCJK: false)
                guard !text.isEmpty else { continue }
                if profile.joinsBrokenSentences, let head = result.last,
                   goesOn(head, into: text) || (profile.blankSeparated && line.blankLinesBefore == 0 && !endsSentence(head)
                                                && !startsItem(head) && !startsItem(text)) {
                    append(text, to: &result[result.count - 1])
                } else {
                    result.append(text)
                }
            }
            return result
        }
        var result: [String] = []
        var current = ""
        for (index, line) in lines.enumerated() {
            let text = collapseSpaces(line.text, removeAroundCJK: true)
            if current.isEmpty {
                current = text
            } else {
                append(text, to: &current)
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
        // No paragraph opens with a comma, a full stop or a closing bracket or quotation mark: a
        // wrap that left one at a line's start (`…建强引才载体` / `、打造留才磁极`) goes on.
        if let first = next.text.unicodeScalars.first, closingAfterBreak.contains(first) { return false }
        if next.lead == .indent { return true }
        if !profile.doubleSpaced && next.blankLinesBefore > 0 { return true }
        // A heading or list item after a sentence's end starts a paragraph, also when the
        // extraction lost its indent (`…可持续性。` / `三、对今年政府工作的建议`).
        // (Only the marks of headings: `第五，` and `1.` also count within a paragraph.)
        if endsSentence(line.text), next.text.prefixMatch(of: headingMark) != nil { return true }
        // A number kept as text (a subscript, a note mark) is short but runs on into the next line.
        if line.pageMarker != nil { return false }
        let full = profile.fullWidth
        // A line is short by its printed width, indent included: an indented first line that
        // fills the line and ends a sentence goes on in the next line (it ended the paragraph).
        // (At most a first-line indent's 4 em: a right-aligned signature or a centred heading is short.)
        let printed = line.width + min(line.indentWidth, 4)
        // A line that ends inside a sentence is short only when it is short with its curly quotes
        // full-width too (text typed with a Chinese input method sets them so, PDF text half-width).
        // (Not a heading, `（二）打造“双招双引”品牌`, which is short; nor once the file's quotes count 1 em.)
        let quoted = !profile.quotesFullWidth && !endsWithClosingPunctuation(line.text) && !startsItem(line.text)
        if printed + (quoted ? Double(line.curlyQuotes) / 2 : 0) < full - 3 { return true }
        guard endsWithClosingPunctuation(line.text), let last = line.text.unicodeScalars.last,
              last != "；", last != ";" else { return false }
        if printed < full - 1.25 { return true }
        return next.width >= full - 2.75 && next.width <= full - 1.25
    }

    /// Whether a line break between `head` and `tail` falls inside a sentence, in text of one
    /// paragraph per line: no paragraph ends in an opening bracket or quotation mark, a comma or an
    /// enumeration comma (`马克思、恩格斯在《` / `共产党宣言`, `一、` / `我国人民…`), and none starts
    /// with closing punctuation (`政府工作报告` / `。会议充分肯定…`), as web pages with links cut into
    /// lines of their own leave them. A heading (`（六）加快推进农业农村现代化`) ends in none of these.
    static func goesOn(_ head: String, into tail: String) -> Bool {
        if let last = head.unicodeScalars.last, openingBeforeBreak.contains(last) { return true }
        if let first = tail.unicodeScalars.first, closingAfterBreak.contains(first) { return true }
        return false
    }

    /// Whether `head` ends a sentence (`。！？…；：`, also before closing quotation marks and
    /// brackets): in a block of lines between blank lines, the next line then starts a paragraph
    /// of its own (a bold lead sentence cannot be told from a one-line paragraph).
    static func endsSentence(_ head: String) -> Bool {
        for scalar in head.unicodeScalars.reversed() where !"”’」』）)》】\"'".unicodeScalars.contains(scalar) {
            return "。！？!?…；;：:.".unicodeScalars.contains(scalar)
        }
        return false
    }

    /// Whether a line starts with the mark of a heading or list item (`一、`, `（一）`, `1.`, `2、`,
    /// `第一，`): such a line is a paragraph of its own in a block, and so is the line before it.
    static func startsItem(_ text: String) -> Bool {
        text.prefixMatch(of: headingMark) != nil || text.prefixMatch(of: listMark) != nil
    }

    /// The marks of a heading (`三、`, `（九）`), which start a paragraph in hard-wrapped text too.
    nonisolated(unsafe) static let headingMark = #/(?:[（(][一二三四五六七八九十百]+[）)]|[一二三四五六七八九十百]+、)/#

    /// The other marks of a list item (`（1）`, `1.`, `2、`, `第一，`, `附件`), which also occur inside a paragraph.
    nonisolated(unsafe) static let listMark = #/(?:[（(][0-9０-９]+[）)]|[0-9０-９]+[、.．]|第[一二三四五六七八九十百]+[，、,]|附件)/#

    static let openingBeforeBreak: Set<Unicode.Scalar> = ["“", "‘", "「", "『", "（", "《", "〈", "【", "〔", "［", "，", "、"]
    static let closingAfterBreak: Set<Unicode.Scalar> = ["。", "，", "、", "；", "：", "？", "！", "）", "》", "〉", "」", "』", "”", "’", "】", "〕", "］"]

    static let closingPunctuation: Set<Unicode.Scalar> = [
        "。", "！", "？", "!", "?", "…", "；", ";", "：", ":", "”", "’", "」", "』", "）", ")", "】", "》", ".",
    ]

    static func endsWithClosingPunctuation(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return closingPunctuation.contains(last)
    }

    /// Joins two wrapped lines of one paragraph.
    static func join(_ head: String, _ tail: String) -> String {
        var joined = head
        append(tail, to: &joined)
        return joined
    }

    /// Appends a wrapped line to the paragraph so far, in place: a paragraph of many lines costs
    /// the length of its text, not its square (a new string per line copied all that came before).
    static func append(_ tail: String, to head: inout String) {
        guard let last = head.unicodeScalars.last, let first = tail.unicodeScalars.first else {
            head += tail
            return
        }
        if isLatinWordScalar(last) && isLatinWordScalar(first) {
            head += " "
        } else if last == "-", first.properties.isLowercase, let beforeHyphen = scalarBeforeLast(of: head),
                  beforeHyphen.properties.isLowercase {
            head.unicodeScalars.removeLast()
        }
        head += tail
    }

    /// The scalar before the last one of `text`, found from its end in constant time (the
    /// generic `dropLast()` counted the whole paragraph: 50,000 lines of `inter-` took 20 s).
    static func scalarBeforeLast(of text: String) -> Unicode.Scalar? {
        let scalars = text.unicodeScalars
        guard scalars.startIndex < scalars.endIndex else { return nil }
        let last = scalars.index(before: scalars.endIndex)
        guard scalars.startIndex < last else { return nil }
        return scalars[scalars.index(before: last)]
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

    /// Characters that have no visible form and no use in Chinese text: the zero-width space
    /// (U+200B), non-joiner and joiner (U+200C, U+200D), the word joiner (U+2060) and the zero-width
    /// no-break space or byte-order mark (U+FEFF). Lines are read without them.
    @inline(__always)
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF: return true
        default: return isBidiControl(scalar)
        }
    }

    /// `text` without the scalars `remove` picks (the same string when it has none).
    static func removing(_ text: String, where remove: (Unicode.Scalar) -> Bool) -> String {
        guard text.unicodeScalars.contains(where: remove) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !remove($0) }))
    }

    /// The marks and controls of bidirectional text (U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069): invisible, of no use in Chinese text, and, left in, an unclosed override
    /// (U+202E) turned the rest of a report's sentence around it backwards.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The text without leading and trailing white space and invisible characters (`isInvisible`).
    static func trimmed(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isWhitespace($0) && !isInvisible($0) }),
              let last = scalars.lastIndex(where: { !isWhitespace($0) && !isInvisible($0) }) else { return "" }
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
