import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text encoding that Cipin reads.
public enum TextEncoding: Sendable, Equatable, Hashable, CustomStringConvertible {
    case utf8
    case utf16LittleEndian
    case utf16BigEndian
    /// GB18030, a superset of GBK and GB2312.
    case gb18030
    /// Any other encoding by its iconv name (e.g. `BIG5`).
    case iconv(String)

    public var description: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16LittleEndian: return "UTF-16LE"
        case .utf16BigEndian: return "UTF-16BE"
        case .gb18030: return "GB18030"
        case .iconv(let name): return name.uppercased()
        }
    }

    /// Parses a user's encoding name; `nil` for `auto`.
    ///
    ///     try TextEncoding.named("GBK")   // .gb18030
    ///
    /// - Throws: `IngestError.unknownEncoding` when iconv does not know the name either.
    public static func named(_ name: String) throws -> TextEncoding? {
        let key = name.lowercased().replacingOccurrences(of: "_", with: "-")
        switch key {
        case "auto", "": return nil
        case "utf-8", "utf8": return .utf8
        case "utf-16le", "utf16le": return .utf16LittleEndian
        case "utf-16be", "utf16be": return .utf16BigEndian
        case "utf-16", "utf16": return .utf16LittleEndian  // refined by the BOM when there is one
        // GB18030 decodes GBK and GB2312 text identically and also covers the rest of Unicode.
        case "gb18030", "gbk", "gb2312", "cp936", "euc-cn": return .gb18030
        default:
            let converter = iconv_open("UTF-8", name)
            if converter == iconv_t(bitPattern: -1) { throw IngestError.unknownEncoding(name) }
            iconv_close(converter)
            return .iconv(name)
        }
    }

    var iconvName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16LittleEndian: return "UTF-16LE"
        case .utf16BigEndian: return "UTF-16BE"
        case .gb18030: return "GB18030"
        case .iconv(let name): return name
        }
    }
}

/// Turns a file's bytes into text: detects the encoding, strips a byte-order mark, normalises
/// CRLF and CR line ends to LF, and refuses binary data.
///
/// Detection: a BOM decides (UTF-8, UTF-16LE/BE); otherwise bytes with a NUL are binary, valid
/// UTF-8 is UTF-8 (and UTF-8 with a bad byte or two is damaged UTF-8), and anything else is
/// tried as GB18030 (so GBK and GB2312 too). A GB18030 reading strewn with kana, or mostly
/// outside GB2312, is tried as Big5, then as damaged UTF-8 and Japanese (EUC-JP, Shift-JIS);
/// one spaced as Korean, in EUC-KR's Hangul rows only, is refused as Korean.
public enum Decoding {
    /// Decodes `bytes` read from `path` (the path is only used in errors).
    ///
    ///     let text = try Decoding.decode(Data([0xD6, 0xD0, 0xCE, 0xC4]), path: "a.txt").text  // "中文"
    ///
    /// - Parameters:
    ///   - bytes: the file's content.
    ///   - path: the file, for error messages.
    ///   - encoding: an explicit encoding, or `nil` to detect.
    /// - Returns: the text and the encoding it was read as.
    /// - Throws: `IngestError.binaryFile`, `.undecodable` or `.damagedUTF8` with the byte offset
    ///   of the first bad byte; `.implausibleText` or `.shiftJISText` for Japanese, `.koreanText`.
    public static func decode(_ bytes: Data, path: String, encoding: TextEncoding? = nil) throws -> (text: String, encoding: TextEncoding) {
        let (bomEncoding, bomLength) = byteOrderMark(bytes)
        var chosen = encoding
        if let bomEncoding, encoding == nil || encoding == bomEncoding
            || (bomEncoding != .utf8 && (encoding == .utf16LittleEndian || encoding == .utf16BigEndian)) {
            chosen = bomEncoding
        }
        let body = bomEncoding != nil && chosen == bomEncoding ? bytes.dropFirst(bomLength) : bytes[...]
        var encodingUsed: TextEncoding
        // The bytes are scanned through a buffer pointer: element by element, `Data` pays a
        // run-time exclusivity check per byte (its storage is a class).
        var utf8Text: String?
        if let chosen {
            encodingUsed = chosen
        } else {
            let (nul, decoded) = body.withUnsafeBytes { raw -> (Int?, String?) in
                let buffer = raw.bindMemory(to: UInt8.self)
                if let nul = buffer.firstIndex(of: 0) { return (nul, nil) }
                return (nil, String(validating: buffer, as: UTF8.self))
            }
            if let nul {
                throw IngestError.binaryFile(path: path, byteOffset: (body.startIndex - bytes.startIndex) + nul)
            }
            // UTF-8 text with a bad byte or two (cut short in a character, a stray byte of another
            // encoding) is not GB18030: read so, Chinese UTF-8 mostly decodes without error, as
            // nonsense.
            if decoded == nil, let damage = body.withUnsafeBytes({ damagedUTF8($0.bindMemory(to: UInt8.self)) }) {
                throw IngestError.damagedUTF8(path: path, byteOffset: (body.startIndex - bytes.startIndex) + damage.firstInvalid,
                                              byteCount: bytes.count, cutShort: damage.cutShort)
            }
            encodingUsed = decoded != nil ? .utf8 : .gb18030
            utf8Text = decoded
        }
        var text: String
        if encodingUsed == .utf8 {
            if utf8Text == nil {
                utf8Text = body.withUnsafeBytes { String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }
            }
            guard let decoded = utf8Text else {
                throw IngestError.undecodable(
                    path: path, encoding: "UTF-8",
                    byteOffset: (body.startIndex - bytes.startIndex) + firstInvalidOffset(body, from: "UTF-8"))
            }
            text = decoded
        } else {
            // A short UTF-8 file with a bad byte: too few characters for `damagedUTF8`'s usual bar,
            // yet read as GB18030 it fails or is rare characters, not Chinese.
            func shortDamagedUTF8() -> IngestError? {
                body.withUnsafeBytes { damagedUTF8($0.bindMemory(to: UInt8.self), minimumValid: 5, invalidPerValid: 3) }.map { damage in
                    IngestError.damagedUTF8(path: path, byteOffset: (body.startIndex - bytes.startIndex) + damage.firstInvalid,
                                            byteCount: bytes.count, cutShort: damage.cutShort)
                }
            }
            do {
                text = try convert(body, from: encodingUsed, path: path, leadingOffset: body.startIndex - bytes.startIndex)
            } catch let error as IngestError {
                // Detected, not named: it may not be GB18030 either.
                throw (chosen == nil ? shortDamagedUTF8() : nil) ?? error
            }
            let kana = chosen == nil ? misreadKana(text) : nil
            let pairs = chosen == nil ? body.withUnsafeBytes { GBPairs($0.bindMemory(to: UInt8.self)) } : nil
            // Big5 bytes read as GB18030 decode without error, as nonsense strewn with Japanese kana
            // (GB2312's rows 4 and 5, where Big5 has its commonest characters) or, in a short
            // file, with GBK's rare characters (Big5's second bytes below A1).
            if let pairs, kana != nil || pairs.mostlyOutsideGB2312 {
                // EUC-JP's kana read as GB18030 are kana too: Big5 needs its low second bytes then.
                if body.withUnsafeBytes({ mostlyCommonBig5($0.bindMemory(to: UInt8.self), requireLowSecondBytes: kana != nil) }),
                   case .converted(let output)? = try? iconvConvert(Array(body), from: "BIG5", to: "UTF-8"),
                   case let big5 = String(decoding: output, as: UTF8.self), misreadKana(big5) == nil {
                    text = big5
                    encodingUsed = .iconv("BIG5")
                } else if let kana {
                    throw IngestError.implausibleText(path: path, encoding: encodingUsed.description, kana: kana)
                } else if let damaged = shortDamagedUTF8() {
                    throw damaged
                } else if let kana = pairs.japaneseKana {
                    throw IngestError.shiftJISText(path: path, kana: kana)
                }
                // Otherwise GB18030 it is: Traditional text in GBK is a third GBK's own characters.
            }
            // Korean in EUC-KR reads as GB2312's commonest characters: no kana, nothing rare.
            if let syllables = pairs?.koreanSyllables, encodingUsed == .gb18030 {
                throw IngestError.koreanText(path: path, syllables: syllables)
            }
        }
        if let control = firstForbiddenControl(in: text) {
            // Many C0 controls mean the file is not text, whatever decoded; a few stray ones are
            // kept (the report writers clean what XML cannot hold).
            throw IngestError.binaryFile(path: path, byteOffset: byteOffset(ofScalarIndex: control, in: text, encoding: encodingUsed) + (body.startIndex - bytes.startIndex))
        }
        text = normaliseLineEnds(text)
        return (text, encodingUsed)
    }

    /// The number of Japanese kana in `text` when they are at least 5 and at least one in 50 of its
    /// characters beyond ASCII: no Chinese text has that many (the bench and the seed have none),
    /// Big5 text read as GB18030 has 7–11%.
    static func misreadKana(_ text: String) -> Int? {
        var kana = 0, beyondASCII = 0
        for scalar in text.unicodeScalars where scalar.value >= 0x80 {
            beyondASCII += 1
            if (0x3040...0x30FF).contains(scalar.value) { kana += 1 }
        }
        return kana >= 5 && kana * 50 >= beyondASCII ? kana : nil
    }

    /// Whether Big5 bytes would be mostly common characters (Big5's level 1, lead bytes A4–C6)
    /// rather than rare ones (level 2, C9–F9): at most one of level 2 for ten of level 1. Real
    /// Big5 text has under 5% of level 2 (the bench's Traditional reports encoded so); GB18030
    /// text read as Big5 has over a third.
    ///
    /// With `requireLowSecondBytes`, at least one in ten of its second bytes is below 0x80
    /// (Big5's 40–7E; a line of the bench in Big5 has over a fifth): EUC encodings never use
    /// them, so EUC-JP text, whose kana read as GB18030 are kana, is not taken for Big5. (Not
    /// asked of a short file that shows no kana: ten Big5 characters may all lack them.)
    static func mostlyCommonBig5(_ bytes: UnsafeBufferPointer<UInt8>, requireLowSecondBytes: Bool = true) -> Bool {
        var index = 0, common = 0, rare = 0, pairs = 0, lowTrail = 0
        while index < bytes.count {
            let lead = bytes[index]
            guard lead >= 0x80 else {
                index += 1
                continue
            }
            if (0xA4...0xC6).contains(lead) { common += 1 } else if (0xC9...0xF9).contains(lead) { rare += 1 }
            pairs += 1
            if index + 1 < bytes.count && bytes[index + 1] < 0x80 { lowTrail += 1 }
            index += 2
        }
        return common > 0 && rare * 10 <= common && (!requireLowSecondBytes || lowTrail * 10 >= pairs)
    }

    /// What GB18030 bytes hold, pair by pair (a four-byte sequence counts once), in one pass: the
    /// measures by which a reading as GB18030 is doubted.
    struct GBPairs {
        /// Characters of two or four bytes.
        var characters = 0
        /// Characters outside GB2312: a second byte below A1 (GBK's additions), a first below A1,
        /// or four bytes.
        var outsideGB2312 = 0
        /// Four-byte characters (GB18030's own, never in another encoding).
        var fourByte = 0
        /// Shift-JIS kana: hiragana 82 9F–F1, katakana 83 40–96.
        var shiftJISKana = 0
        /// Characters in EUC-KR's Hangul rows (B0–C8, second byte A1 up), and those from row C9 up.
        var hangulRows = 0
        var fromRowC9 = 0
        /// ASCII spaces.
        var spaces = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                guard lead >= 0x80 else {
                    if lead == 0x20 { spaces += 1 }
                    index += 1
                    continue
                }
                guard index + 1 < bytes.count else { break }
                let trail = bytes[index + 1]
                characters += 1
                if (0x30...0x39).contains(trail) {
                    fourByte += 1
                    outsideGB2312 += 1
                    index += 4
                    continue
                }
                if lead < 0xA1 || trail < 0xA1 { outsideGB2312 += 1 }
                if (lead == 0x82 && (0x9F...0xF1).contains(trail)) || (lead == 0x83 && (0x40...0x96).contains(trail)) { shiftJISKana += 1 }
                if lead >= 0xC9 { fromRowC9 += 1 } else if lead >= 0xB0 && trail >= 0xA1 { hangulRows += 1 }
                index += 2
            }
        }

        /// Whether at least a quarter of the characters, three or more, lie outside GB2312.
        /// Simplified text is 0.4% such characters (the bench and the seed; no line of them
        /// reaches a quarter but Traditional ones); Big5 text read as GB18030 is most of them, as
        /// is UTF-8 text read so.
        var mostlyOutsideGB2312: Bool { outsideGB2312 >= 3 && outsideGB2312 * 4 >= characters }

        /// The Shift-JIS kana when they are at least 5 and one in 5 characters: Japanese in
        /// Shift-JIS, a third kana or more even in news, read as GB18030 is GBK's rare characters,
        /// not kana. Traditional Chinese in GBK has some of those bytes (們 is 82 C7): a line of the
        /// bench at most 6% (the test reads every line).
        var japaneseKana: Int? { shiftJISKana >= 5 && shiftJISKana * 5 >= characters ? shiftJISKana : nil }

        /// The Hangul syllables when the bytes look like Korean in EUC-KR: no four-byte
        /// character, at least 40 characters from row B0 up, at most one in 40 of them from C9 up
        /// (EUC-KR's Hanja), and a space for every ten of them (Korean spaces its words). Read as
        /// GB18030 such bytes are GB2312's commonest characters, plausible and wrong; Chinese text
        /// has about half its characters from C9 up (是 CA C7, 中 D6 D0) and no spaces between them.
        var koreanSyllables: Int? {
            let counted = hangulRows + fromRowC9
            return fourByte == 0 && counted >= 40 && fromRowC9 * 40 <= counted && spaces * 10 >= counted ? hangulRows : nil
        }
    }

    /// Where bytes that are not valid UTF-8 go wrong, when they are UTF-8 all the same: at least
    /// `minimumValid` multi-byte sequences are valid and at most one in `invalidPerValid` is not
    /// (GB18030 copies of the bench texts, read as UTF-8, have about four invalid sequences for
    /// each valid one). `cutShort`: the first bad byte is within the last three, an unfinished
    /// character at the end.
    static func damagedUTF8(_ bytes: UnsafeBufferPointer<UInt8>, minimumValid: Int = 20,
                            invalidPerValid: Int = 50) -> (firstInvalid: Int, cutShort: Bool)? {
        var index = 0, valid = 0, invalid = 0
        var first: Int?
        let count = bytes.count
        while index < count {
            if bytes[index] < 0x80 {
                index += 1
            } else if let length = utf8SequenceLength(bytes, at: index) {
                valid += 1
                index += length
            } else {
                invalid += 1
                if first == nil { first = index }
                index += 1
            }
        }
        guard let first, valid >= minimumValid, invalid * invalidPerValid <= valid else { return nil }
        return (first, first >= count - 3)
    }

    /// The length of the well-formed UTF-8 sequence that starts at `index` (1 for ASCII), or nil
    /// when the bytes there are none: a stray continuation byte, an overlong form, a surrogate, a
    /// code point above U+10FFFF, or a sequence cut short.
    static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let length = switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
        guard length > 0, index + length <= bytes.count else { return nil }
        for k in 1..<length where bytes[index + k] & 0xC0 != 0x80 { return nil }
        let second = bytes[index + 1]
        switch lead {
        case 0xE0: return second >= 0xA0 ? length : nil
        case 0xED: return second <= 0x9F ? length : nil
        case 0xF0: return second >= 0x90 ? length : nil
        case 0xF4: return second <= 0x8F ? length : nil
        default: return length
        }
    }

    /// The offset of the first byte of `data` that is not well-formed UTF-8 (see
    /// `utf8SequenceLength`), or nil when all of it is.
    public static func firstInvalidUTF8Offset(_ data: Data) -> Int? {
        [UInt8](data).withUnsafeBufferPointer(firstInvalidUTF8Offset)
    }

    /// The offset of the first of `bytes` that is not well-formed UTF-8, or nil when all are.
    public static func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < bytes.count {
            guard let length = utf8SequenceLength(bytes, at: index) else { return index }
            index += length
        }
        return nil
    }

    /// Replaces CRLF and lone CR with LF.
    static func normaliseLineEnds(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            // On the raw bytes (iterating `utf8` byte by byte is several times slower).
            guard let base = bytes.baseAddress, memchr(base, 13, bytes.count) != nil else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            var previousWasCR = false
            for byte in bytes {
                if byte == 13 {
                    out.append(10)
                    previousWasCR = true
                } else {
                    if !(byte == 10 && previousWasCR) { out.append(byte) }
                    previousWasCR = false
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    static func byteOrderMark(_ bytes: Data) -> (TextEncoding?, Int) {
        let head = Array(bytes.prefix(3))
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { return (.utf8, 3) }
        if head.count >= 2, head[0] == 0xFF, head[1] == 0xFE { return (.utf16LittleEndian, 2) }
        if head.count >= 2, head[0] == 0xFE, head[1] == 0xFF { return (.utf16BigEndian, 2) }
        return (nil, 0)
    }

    /// The scalar index of the first control character that text files do not hold (C0 controls
    /// other than tab, LF, VT, FF, CR and ESC) when there are more than 8 of them and more than
    /// one in a hundred scalars, or `nil`.
    static func firstForbiddenControl(in text: String) -> Int? {
        // Controls are single UTF-8 bytes, never part of a longer sequence: count them on the bytes.
        var text = text
        let count = text.withUTF8 { bytes in
            var count = 0
            for byte in bytes { count &+= byte < 0x20 && (byte < 0x09 || byte > 0x0D) && byte != 0x1B ? 1 : 0 }
            return count
        }
        guard count > 8 else { return nil }
        var index = 0
        var first: Int?
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if first == nil, value < 0x20, !(0x09...0x0D).contains(value), value != 0x1B { first = index }
            index += 1
        }
        return count * 100 > index ? first : nil
    }

    static func byteOffset(ofScalarIndex scalarIndex: Int, in text: String, encoding: TextEncoding) -> Int {
        let prefix = String(String.UnicodeScalarView(text.unicodeScalars.prefix(scalarIndex)))
        switch encoding {
        case .utf8: return prefix.utf8.count
        case .utf16LittleEndian, .utf16BigEndian: return prefix.utf16.count * 2
        default:
            return (try? encode(prefix, as: encoding).count) ?? prefix.utf8.count
        }
    }

    enum IconvOutcome {
        case converted([UInt8])
        case failed(at: Int)
    }

    /// Runs iconv over `input`: the converted bytes, or the offset of the first input byte it
    /// cannot convert (an incomplete sequence at the end counts as one).
    static func iconvConvert(_ input: [UInt8], from source: String, to target: String) throws -> IconvOutcome {
        let converter = iconv_open(target, source)
        if converter == iconv_t(bitPattern: -1) { throw IngestError.unknownEncoding(source == "UTF-8" ? target : source) }
        defer { iconv_close(converter) }
        var input = input
        var output = [UInt8](repeating: 0, count: max(16, input.count * 4 + 16))
        let (failedAt, written): (Int?, Int) = input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                var inPointer = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inRaw.count
                var outPointer = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outRaw.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                let failure: Int? = (result == -1 || inLeft > 0) ? inRaw.count - inLeft : nil
                return (failure, outRaw.count - outLeft)
            }
        }
        if let failedAt { return .failed(at: failedAt) }
        return .converted(Array(output.prefix(written)))
    }

    /// Decodes with iconv, reporting the offset of the first byte it cannot convert.
    static func convert(_ bytes: Data.SubSequence, from encoding: TextEncoding, path: String, leadingOffset: Int) throws -> String {
        switch try iconvConvert(Array(bytes), from: encoding.iconvName, to: "UTF-8") {
        case .converted(let output): return String(decoding: output, as: UTF8.self)
        case .failed(let offset):
            throw IngestError.undecodable(path: path, encoding: encoding.description, byteOffset: leadingOffset + offset)
        }
    }

    static func firstInvalidOffset(_ bytes: Data.SubSequence, from name: String) -> Int {
        do {
            _ = try convert(bytes, from: .iconv(name), path: "", leadingOffset: 0)
            return 0
        } catch IngestError.undecodable(_, _, let offset) {
            return offset
        } catch {
            return 0
        }
    }

    /// Encodes text with iconv (used by tests and for byte offsets).
    public static func encode(_ text: String, as encoding: TextEncoding) throws -> Data {
        switch encoding {
        case .utf8: return Data(text.utf8)
        case .utf16LittleEndian, .utf16BigEndian:
            var data = Data()
            for unit in text.utf16 {
                let ordered = encoding == .utf16LittleEndian ? unit.littleEndian : unit.bigEndian
                withUnsafeBytes(of: ordered) { data.append(contentsOf: $0) }
            }
            return data
        default:
            switch try iconvConvert(Array(text.utf8), from: "UTF-8", to: encoding.iconvName) {
            case .converted(let output): return Data(output)
            case .failed(let offset): throw IngestError.undecodable(path: "<text>", encoding: encoding.description, byteOffset: offset)
            }
        }
    }
}
