import Foundation

/// Everything that can go wrong while reading inputs, each naming the file and what to do.
public enum IngestError: LocalizedError, Equatable, Sendable {
    /// An input path, folder or pattern that matched nothing.
    case inputNotFound(String)
    /// An input pattern that cannot be matched as written (a range that runs backwards).
    case badPattern(input: String, reason: String)
    /// An input folder that holds no file with one of the extensions read.
    /// `documents`: the files there of kinds Cipin does not read (Word, PDF, web pages, …).
    case noInputFiles(folder: String, extensions: [String], documents: [String] = [])
    /// A file that could not be read at all.
    case unreadable(path: String, reason: String)
    /// A file holding NUL bytes or control characters: not text.
    case binaryFile(path: String, byteOffset: Int)
    /// Bytes that are not valid in the detected or requested encoding.
    case undecodable(path: String, encoding: String, byteOffset: Int)
    /// UTF-8 text with bytes that are not UTF-8 (detected, not named by `encoding`).
    case damagedUTF8(path: String, byteOffset: Int, byteCount: Int, cutShort: Bool)
    /// Text that decoded in the detected encoding but cannot be Chinese text in it (Japanese kana
    /// strewn through it), nor in Big5.
    case implausibleText(path: String, encoding: String, kana: Int)
    /// Bytes that hold Shift-JIS kana (Japanese), which read as GB18030 are rare characters.
    case shiftJISText(path: String, kana: Int)
    /// Bytes that look like Korean in EUC-KR, whose Hangul read as GB18030 are Chinese characters.
    case koreanText(path: String, syllables: Int)
    /// An `encoding` name that Cipin does not know.
    case unknownEncoding(String)
    /// A sidecar metadata CSV that cannot be used.
    case badSidecar(path: String, line: Int, reason: String)

    /// What is wrong, without what to do about it: the reason a skipped file (`on_error: skip`) is
    /// listed with, where "set `on_error: skip`" would be no help.
    public var problem: String {
        switch self {
        case .binaryFile(let path, let offset):
            return "\(path): not a text file (NUL or control byte at byte offset \(offset))"
        case .undecodable(let path, let encoding, let offset):
            return "\(path): invalid \(encoding) at byte offset \(offset); if the file is text, name its encoding with `encoding:`"
        case .implausibleText(let path, let encoding, let kana):
            return "\(path): read as \(encoding), the text holds \(kana) Japanese kana: probably another encoding"
        case .damagedUTF8(let path, let offset, _, let cutShort):
            return "\(path): invalid UTF-8 at byte offset \(offset), in UTF-8 text (\(cutShort ? "cut short" : "damaged"))"
        case .shiftJISText(let path, let kana):
            return "\(path): the bytes hold \(kana) Japanese kana in Shift-JIS: not Chinese text in GB18030"
        case .koreanText(let path, let syllables):
            return "\(path): the bytes look like \(syllables) Korean syllables in EUC-KR: not Chinese text in GB18030"
        default:
            return errorDescription ?? "\(self)"
        }
    }

    public var errorDescription: String? {
        switch self {
        case .inputNotFound(let input):
            return "\(input): no such file, folder or matching pattern; check the path"
        case .badPattern(let input, let reason):
            return "\(input): not a pattern Cipin can match: \(reason) (`*` any characters, `?` one, `[abc]`, `[a-z]` or `[!abc]` "
                + "one of a set, `**` any folders)"
        case .noInputFiles(let folder, let extensions, let documents):
            let none = "\(folder): the folder holds no file ending in " + extensions.map { "." + $0 }.joined(separator: ", ")
                + " (hidden files left out)"
            guard let first = documents.first else { return none + "; add files, or list their extensions in `extensions`" }
            return none + ", but \(Ingestor.documentKinds(documents).joined(separator: ", ")), e.g. \(first), which Cipin does not read "
                + "as it reads plain text: save them as UTF-8 text (.txt) to count them (a .md file is text: add md to `extensions`)"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the file: \(reason)"
        case .binaryFile(let path, let offset):
            return "\(path): not a text file (NUL or control byte at byte offset \(offset)); "
                + "remove it from the inputs, set `encoding:` if it is UTF-16 without a byte-order mark, "
                + "or set `on_error: skip` to go on without it"
        case .undecodable(let path, let encoding, let offset):
            return "\(path): invalid \(encoding) at byte offset \(offset); "
                + "name the file's real encoding with `encoding:` (utf-8, utf-16le, utf-16be, gb18030, big5, …) "
                + "or set `on_error: skip`"
        case .damagedUTF8(let path, let offset, let count, let cutShort):
            return "\(path): invalid UTF-8 at byte offset \(offset) of \(count), in UTF-8 text: "
                + (cutShort ? "the file ends in the middle of a character, so it looks cut short (an interrupted copy or download); "
                    : "the file is damaged there (a byte of another encoding, or a corrupted copy); ")
                + "copy or export it again, name its encoding with `encoding:` if it is not UTF-8, or set `on_error: skip`"
        case .implausibleText(let path, let encoding, let kana):
            return "\(path): read as \(encoding), the text holds \(kana) Japanese kana among its Chinese characters, so it is "
                + "probably in another encoding (it is not Big5 either); name the file's encoding with `encoding:` "
                + "(`encoding: \(encoding.lowercased())` if the kana are meant), or set `on_error: skip`"
        case .shiftJISText(let path, let kana):
            return "\(path): the bytes hold \(kana) Japanese kana in Shift-JIS (read as GB18030 they are rare characters, "
                + "not Chinese text); name its encoding with `encoding: shift_jis` if it is meant, remove it from the inputs, "
                + "or set `on_error: skip`"
        case .koreanText(let path, let syllables):
            return "\(path): the bytes look like Korean in EUC-KR (\(syllables) Hangul syllables, spaced as Korean is; read as "
                + "GB18030 they would be common Chinese characters in no sensible order); name its encoding with `encoding: euc-kr` "
                + "if it is meant, remove it from the inputs, or set `on_error: skip`"
        case .unknownEncoding(let name):
            return "unknown encoding \"\(name)\"; use auto, utf-8, utf-16, utf-16le, utf-16be, gb18030, gbk, gb2312, big5 "
                + "or another name that iconv knows"
        case .badSidecar(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        }
    }
}
