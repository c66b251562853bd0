import Foundation
import Ingest
import Segmentation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `cipin segment` is asked to do.
public struct SegmentTextOptions: Sendable, Equatable {
    /// UTF-8 text files, read in order; standard input when empty, and for `-`.
    public var inputPaths: [String]
    /// jieba's main dictionary; `nil` for Debian's `dict.txt`.
    public var dictionaryPath: String?
    /// User dictionaries in jieba's format, applied in order.
    public var userDictionaryPaths: [String]
    /// jieba's `HMM=True` (the default) or `HMM=False`.
    public var usesHMM: Bool
    /// Words to explain instead of segmenting text.
    public var explainWords: [String]
    /// Whether each word is written with its part-of-speech tag, `word/tag`, as `jieba.posseg.cut`
    /// gives them (whose words differ from `jieba.cut`'s in places; see `Segmenter.tag`).
    public var showsTags: Bool

    public init(
        inputPaths: [String] = [], dictionaryPath: String? = nil, userDictionaryPaths: [String] = [],
        usesHMM: Bool = true, explainWords: [String] = [], showsTags: Bool = false
    ) {
        self.inputPaths = inputPaths
        self.dictionaryPath = dictionaryPath
        self.userDictionaryPaths = userDictionaryPaths
        self.usesHMM = usesHMM
        self.explainWords = explainWords
        self.showsTags = showsTags
    }

    /// The segmenter options these stand for.
    public var segmenterOptions: Segmenter.Options {
        var options = Segmenter.Options(userDictionaryPaths: userDictionaryPaths, usesHMM: usesHMM)
        if let dictionaryPath { options.dictionaryPath = dictionaryPath }
        return options
    }
}

/// How much `segmentText` read and wrote.
public struct SegmentTextSummary: Sendable, Equatable {
    /// Input lines (a last line without a line break counts).
    public var lines = 0
    /// Input bytes, byte-order marks included.
    public var bytes = 0
    /// Words written (white space left out).
    public var words = 0
}

/// `cipin segment`: loads the segmenter, then cuts UTF-8 text line by line into the SIGHAN
/// format (one output line per input line, the words separated by two spaces, white space left
/// out), or explains words when `options.explainWords` is not empty. With `options.showsTags`
/// the words are `jieba.posseg.cut`'s, each written `word/tag`.
///
///     // input:  我来到北京清华大学
///     // output: 我  来到  北京  清华大学
///     // tags:   我/r  来到/v  北京/ns  清华大学/nt
///
/// Lines are split at `\n`; trailing `\r` are dropped, as jieba's command line does with
/// `rstrip('\r\n')`; a UTF-8 byte-order mark at the start of a file is skipped. The text is read in
/// chunks and written through a buffer, so memory does not grow with the input; a line longer
/// than a megabyte is cut in pieces at characters where jieba's result cannot change (white space
/// and punctuation, which are always words of their own); only a stretch of more than 4 MB
/// without any such character is cut elsewhere.
///
/// - Parameters:
///   - options: inputs, dictionaries, HMM, words to explain.
///   - output: the file descriptor written to (standard output by default).
///   - diagnostics: where warnings about user dictionaries go (standard error by default).
/// - Returns: what was read and written.
/// - Throws: `SegmentationError` for a model, dictionary or input problem (naming the file and
///   line), `PipelineError.outputFailed` when the output cannot be written.
@discardableResult
public func segmentText(
    _ options: SegmentTextOptions, output: Int32 = STDOUT_FILENO, diagnostics: Int32 = STDERR_FILENO
) throws -> SegmentTextSummary {
    let segmenter = try Segmenter(options: options.segmenterOptions)
    var warnings = segmenter.diagnostics.map { "cipin: warning: \(Logs.oneLine($0.description))\n" }
    if case .compiled(_, let cacheError?) = segmenter.modelSource {
        warnings.append("cipin: warning: \(cacheError)\n")
    }
    var partOfSpeech: PartOfSpeechModel?
    if options.showsTags && options.explainWords.isEmpty {
        let model = try PartOfSpeechModel()
        if case .compiled(_, let cacheError?) = model.modelSource {
            warnings.append("cipin: warning: \(cacheError)\n")
        }
        partOfSpeech = model
    }
    if !warnings.isEmpty {
        var writer = OutputWriter(descriptor: diagnostics, name: "standard error")
        for warning in warnings { try writer.append(warning) }
        try writer.flush()
    }
    var writer = OutputWriter(descriptor: output, name: "standard output")
    var summary = SegmentTextSummary()
    if !options.explainWords.isEmpty {
        for word in options.explainWords {
            try writer.append(segmenter.explain(word).description + "\n")
        }
        try writer.flush()
        return summary
    }
    let scratch = SegmentationScratch()
    let inputs = options.inputPaths.isEmpty ? ["-"] : options.inputPaths
    for path in inputs {
        let descriptor: Int32
        if path == "-" {
            descriptor = STDIN_FILENO
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                let code = errno
                throw SegmentationError.unreadable(
                    path: path, reason: code == ENOENT ? "no such file" : String(cString: strerror(code)))
            }
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var stream = LineSegmenter(
            segmenter: segmenter, scratch: scratch, path: path == "-" ? "<stdin>" : path, partOfSpeech: partOfSpeech)
        do {
            try stream.run(descriptor: descriptor, writer: &writer, summary: &summary)
        } catch SegmentationError.inputNotUTF8(let name, let line, let column) where path != "-" {
            // What the file is, as `cipin run` would read it: a binary file, UTF-8 damaged or cut
            // short, UTF-16 by its byte-order mark, GB18030.
            throw diagnosed(path: path, line: line, column: column) ?? SegmentationError.inputNotUTF8(path: name, line: line, column: column)
        }
    }
    try writer.flush()
    return summary
}

/// Why the file at `path`, not valid UTF-8 at `line` and `column`, is not: `IngestError`'s account
/// of it (a binary file, UTF-8 damaged or cut short, neither UTF-8 nor GB18030), or the encoding it
/// reads in; `nil` when the file cannot be read again or reads as UTF-8 after all. Only its first
/// 4 MB are read (cut after their last line feed): a file of gigabytes is said to be what it is
/// as fast as a small one.
private func diagnosed(path: String, line: Int, column: Int) -> Error? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    let limit = 4 << 20
    guard var data = try? handle.read(upToCount: limit) else { return nil }
    if data.count == limit, (try? handle.read(upToCount: 1))?.isEmpty == false {
        // More follows: end at a line feed, so no character is cut (UTF-16 by its mark needs no decoding).
        if data.starts(with: [0xFF, 0xFE]) { return SegmentationError.inputInOtherEncoding(path: path, line: line, column: column, encoding: "UTF-16LE") }
        if data.starts(with: [0xFE, 0xFF]) { return SegmentationError.inputInOtherEncoding(path: path, line: line, column: column, encoding: "UTF-16BE") }
        guard let lastLineFeed = data.lastIndex(of: 0x0A) else { return nil }
        data = data.prefix(through: lastLineFeed)
    }
    do {
        let (_, encoding) = try Decoding.decode(data, path: path)
        guard encoding != .utf8 else { return nil }
        return SegmentationError.inputInOtherEncoding(path: path, line: line, column: column, encoding: encoding.description)
    } catch IngestError.binaryFile(_, let offset) {
        return SegmentationError.inputNotText(path: path, reason: "not a text file (NUL or control byte at byte offset \(offset)); "
            + "`cipin segment` reads UTF-8 text (UTF-16 without a byte-order mark reads so: convert it with iconv -f UTF-16LE -t UTF-8)")
    } catch IngestError.damagedUTF8(_, let offset, let count, let cutShort) {
        // The file's size, not the part read again.
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? count
        return SegmentationError.inputNotText(path: path, reason: "invalid UTF-8 at byte offset \(offset) of \(size), in UTF-8 text: "
            + (cutShort ? "the file ends in the middle of a character, so it looks cut short (an interrupted copy or download); copy "
                + "or export it again" : "the file is damaged there (a byte of another encoding, or a broken character); mend it or "
                + "export it again"))
    } catch IngestError.undecodable(_, let encoding, let offset) {
        return SegmentationError.inputNotText(path: path, reason: "neither UTF-8 nor \(encoding) (invalid \(encoding) at byte offset \(offset)); "
            + "convert it to UTF-8 from the encoding it is in (e.g. iconv -f BIG5 -t UTF-8 for Traditional Chinese from Taiwan or "
            + "Hong Kong, or -f UTF-16 for UTF-16 without a byte-order mark)")
    } catch {
        return nil
    }
}

/// Reads one input in chunks and writes its lines segmented.
private struct LineSegmenter {
    static let chunkSize = 1 << 20
    /// A line longer than this is cut at a safe character so memory stays bounded.
    static let longLineLimit = 1 << 20
    /// A line that has run this long without any safe character is cut at a character boundary
    /// all the same; only there can the output differ from jieba's (which would need the memory).
    static let forcedCutLimit = 4 << 20

    let segmenter: Segmenter
    let scratch: SegmentationScratch
    let path: String
    /// jieba.posseg's model when the words are written with their tags.
    let partOfSpeech: PartOfSpeechModel?
    var tokenEnds: [Int] = []
    var lineNumber = 1
    /// Bytes of the current line already segmented (pieces of a long line, a byte-order mark), so
    /// that an error names the column in the whole line.
    var lineByteOffset = 0
    /// Whether the current output line already holds a word (then the next needs a separator).
    var lineHasWords = false

    init(segmenter: Segmenter, scratch: SegmentationScratch, path: String, partOfSpeech: PartOfSpeechModel? = nil) {
        self.segmenter = segmenter
        self.scratch = scratch
        self.path = path
        self.partOfSpeech = partOfSpeech
    }

    mutating func run(descriptor: Int32, writer: inout OutputWriter, summary: inout SegmentTextSummary) throws {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        // The first bytes of the input, held until it is clear whether they are a byte-order mark.
        var head: [UInt8] = []
        var headChecked = false
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw SegmentationError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            summary.bytes += got
            if headChecked {
                try consume(chunk[0..<got], pending: &pending, writer: &writer, summary: &summary)
                continue
            }
            head.append(contentsOf: chunk[0..<got])
            if head.count < 3 { continue }
            headChecked = true
            // UTF-16 by its byte-order mark: said at once, as for a file, also on standard input
            // (which cannot be read again to tell what it is).
            if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
                throw SegmentationError.inputInOtherEncoding(path: path, line: 1, column: 1,
                                                             encoding: head[0] == 0xFF ? "UTF-16LE" : "UTF-16BE")
            }
            let body = Self.droppingByteOrderMark(head)
            lineByteOffset = head.count - body.count
            try consume(body, pending: &pending, writer: &writer, summary: &summary)
            head = []
        }
        if !headChecked && !head.isEmpty {
            try consume(head[...], pending: &pending, writer: &writer, summary: &summary)
        }
        if !pending.isEmpty || lineHasWords {
            try finishLine(pending[...], writer: &writer, summary: &summary)
        }
    }

    private static func droppingByteOrderMark(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
    }

    /// Segments every complete line of `pending + bytes`; what follows the last `\n` stays pending.
    private mutating func consume(
        _ bytes: ArraySlice<UInt8>, pending: inout [UInt8], writer: inout OutputWriter, summary: inout SegmentTextSummary
    ) throws {
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while let newline = bytes[index...].firstIndex(of: 0x0A) {
            if pending.isEmpty {
                try finishLine(bytes[lineStart..<newline], writer: &writer, summary: &summary)
            } else {
                pending.append(contentsOf: bytes[lineStart..<newline])
                let line = pending
                pending.removeAll(keepingCapacity: true)
                try finishLine(line[...], writer: &writer, summary: &summary)
            }
            index = newline + 1
            lineStart = index
        }
        pending.append(contentsOf: bytes[lineStart...])
        guard pending.count > Self.longLineLimit else { return }
        var cut = Self.safeCut(pending, searching: 1 << 16)
        if cut == nil && pending.count > Self.forcedCutLimit {
            // Look through all of it, then settle for the start of the last character.
            cut = Self.safeCut(pending, searching: pending.count) ?? pending.lastIndex { $0 & 0xC0 != 0x80 }
        }
        if let cut, cut > 0 {
            try segment(pending[..<cut], writer: &writer, summary: &summary)
            pending.removeFirst(cut)
            lineByteOffset += cut
        }
    }

    /// Segments the end of a line (without its `\n`) and ends the output line.
    private mutating func finishLine(
        _ line: ArraySlice<UInt8>, writer: inout OutputWriter, summary: inout SegmentTextSummary
    ) throws {
        var end = line.endIndex
        while end > line.startIndex && line[end - 1] == 0x0D { end -= 1 }
        try segment(line[line.startIndex..<end], writer: &writer, summary: &summary)
        try writer.append(byte: 0x0A)
        summary.lines += 1
        lineNumber += 1
        lineByteOffset = 0
        lineHasWords = false
    }

    /// Segments part of a line and writes its words.
    private mutating func segment(
        _ text: ArraySlice<UInt8>, writer: inout OutputWriter, summary: inout SegmentTextSummary
    ) throws {
        guard !text.isEmpty else { return }
        if let partOfSpeech {
            try tag(text, model: partOfSpeech, writer: &writer, summary: &summary)
            return
        }
        tokenEnds.removeAll(keepingCapacity: true)
        try text.withUnsafeBufferPointer { bytes in
            do {
                try segmenter.cut(utf8: bytes, utf8TokenEnds: &tokenEnds, scratch: scratch, path: path, line: lineNumber)
            } catch SegmentationError.inputNotUTF8(let path, let line, let column) {
                throw SegmentationError.inputNotUTF8(path: path, line: line, column: column + lineByteOffset)
            }
            var start = 0
            for end in tokenEnds {
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end
                if Segmenter.isWhitespaceWord(utf8: word) { continue }
                if lineHasWords { try writer.appendSeparator() }
                try writer.append(bytes: word)
                lineHasWords = true
                summary.words += 1
            }
        }
    }

    /// Tags part of a line (`jieba.posseg.cut`) and writes its words as `word/tag`, white space
    /// left out.
    private mutating func tag(
        _ text: ArraySlice<UInt8>, model: PartOfSpeechModel, writer: inout OutputWriter, summary: inout SegmentTextSummary
    ) throws {
        guard let line = String(validating: text, as: UTF8.self) else {
            // Not UTF-8: the plain cut names the first bad byte.
            try text.withUnsafeBufferPointer { bytes in
                do {
                    try segmenter.cut(utf8: bytes, utf8TokenEnds: &tokenEnds, scratch: scratch, path: path, line: lineNumber)
                } catch SegmentationError.inputNotUTF8(let path, let line, let column) {
                    throw SegmentationError.inputNotUTF8(path: path, line: line, column: column + lineByteOffset)
                }
            }
            throw SegmentationError.inputNotUTF8(path: path, line: lineNumber, column: lineByteOffset + 1)
        }
        for tagged in segmenter.tag(line, model: model) {
            var word = tagged.word
            if word.withUTF8({ Segmenter.isWhitespaceWord(utf8: $0) }) { continue }
            if lineHasWords { try writer.appendSeparator() }
            try writer.append(word)
            try writer.append(byte: 0x2F)  // "/"
            try writer.append(tagged.tag)
            lineHasWords = true
            summary.words += 1
        }
    }

    /// A byte offset in the last `window` bytes of `bytes` where the line can be cut without
    /// changing jieba's result: just
    /// after an ASCII space or punctuation mark, or after a non-ASCII character that is neither
    /// Han nor a byte of `re_han_default`, such as `，` or `。`. Such characters are always words
    /// of their own and end every dictionary block. `\r` is avoided, which could pair with a `\n`.
    static func safeCut(_ bytes: [UInt8], searching window: Int) -> Int? {
        var index = bytes.count - 1
        let floor = max(0, bytes.count - window)
        while index >= floor {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte != 0x0D && !isBlockByte(byte) { return index + 1 }
            } else if byte & 0xC0 != 0x80 {
                // The lead byte of a non-ASCII character: decode it.
                var iterator = bytes[index...].makeIterator()
                var decoder = UTF8()
                if case .scalarValue(let scalar) = decoder.decode(&iterator),
                    !(0x4E00...0x9FD5).contains(scalar.value)
                {
                    return index + String(scalar).utf8.count
                }
            }
            index -= 1
        }
        return nil
    }

    private static func isBlockByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "+#&._%-".utf8.contains(byte)
        }
    }
}

/// A buffered writer to a file descriptor; its buffer is freed when the last copy goes.
private struct OutputWriter {
    static let capacity = 1 << 18
    let descriptor: Int32
    let name: String
    private let storage = Storage(capacity: OutputWriter.capacity)
    private var count = 0

    private final class Storage {
        let bytes: UnsafeMutablePointer<UInt8>
        init(capacity: Int) { bytes = .allocate(capacity: capacity) }
        deinit { bytes.deallocate() }
    }

    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    mutating func append(bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > Self.capacity {
            try flush()
            if bytes.count > Self.capacity {
                try write(UnsafeRawBufferPointer(bytes))
                return
            }
        }
        (storage.bytes + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// The two spaces between words.
    mutating func appendSeparator() throws {
        if count + 2 > Self.capacity { try flush() }
        storage.bytes[count] = 0x20
        storage.bytes[count + 1] = 0x20
        count += 2
    }

    mutating func append(byte: UInt8) throws {
        if count + 1 > Self.capacity { try flush() }
        storage.bytes[count] = byte
        count += 1
    }

    mutating func append(_ text: String) throws {
        var text = text
        try text.withUTF8 { try append(bytes: $0) }
    }

    mutating func flush() throws {
        let pending = count
        count = 0
        try write(UnsafeRawBufferPointer(start: storage.bytes, count: pending))
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws {
        var written = 0
        while written < bytes.count {
            let result = systemWrite(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                throw PipelineError.outputFailed(path: name, reason: String(cString: strerror(errno)))
            }
            written += result
        }
    }
}

/// POSIX `write`, under a name that the writer's own `write` does not hide.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
