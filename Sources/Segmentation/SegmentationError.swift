import Foundation

/// Everything that can go wrong while loading a segmentation model or reading text to segment,
/// each naming the file (and line) and saying what to do.
public enum SegmentationError: LocalizedError, Equatable, Sendable {
    /// Which part of the jieba model a missing file is.
    public enum ModelPart: Sendable, Equatable {
        /// `dict.txt`, the main dictionary.
        case dictionary
        /// One of `finalseg/prob_start.py`, `prob_trans.py`, `prob_emit.py`.
        case hmm
        /// One of `posseg/prob_start.py`, `prob_trans.py`, `prob_emit.py`, `char_state_tab.py`.
        case partOfSpeech
    }

    /// A model file that does not exist.
    case modelFileMissing(path: String, part: ModelPart)
    /// A user dictionary that does not exist.
    case userDictionaryMissing(path: String)
    /// A file that exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// A dictionary line (main or user) that is not UTF-8; `column` counts bytes from 1.
    case dictionaryNotUTF8(path: String, line: Int, column: Int)
    /// A line of the main dictionary that is not `word frequency [tag]`.
    case invalidDictionaryEntry(path: String, line: Int, text: String, reason: String)
    /// A dictionary whose frequencies add up to nothing, so no word can be scored.
    case emptyDictionary(path: String)
    /// A user dictionary line that jieba would misread (see `reason`).
    case invalidUserDictionaryEntry(path: String, line: Int, text: String, reason: String)
    /// An HMM probability file that is not the Python literal jieba ships.
    case invalidModelFile(path: String, line: Int, column: Int, reason: String)
    /// Text to segment that is not UTF-8; `column` counts bytes from 1.
    case inputNotUTF8(path: String, line: Int, column: Int)
    /// Not UTF-8, but the file reads whole in `encoding` (UTF-16 by its byte-order mark, GB18030).
    case inputInOtherEncoding(path: String, line: Int, column: Int, encoding: String)
    /// Not text (a binary file), or UTF-8 cut short or damaged: `reason` says which, and where.
    case inputNotText(path: String, reason: String)
    /// A file of jieba.posseg's model that is not the Python literal jieba ships (see `reason`).
    case invalidPartOfSpeechModelFile(path: String, line: Int, column: Int, reason: String)

    public var errorDescription: String? {
        switch self {
        case .modelFileMissing(let path, .dictionary):
            return "\(path): jieba dictionary not found; install it with `apt-get install python3-jieba` "
                + "or pass another dictionary with --dict FILE"
        case .modelFileMissing(let path, .hmm):
            return "\(path): jieba HMM model file not found; install it with `apt-get install python3-jieba` "
                + "or turn the HMM off with --no-hmm"
        case .modelFileMissing(let path, .partOfSpeech):
            return "\(path): jieba.posseg model file not found (parts of speech need jieba/posseg/); "
                + "install it with `apt-get install python3-jieba`"
        case .userDictionaryMissing(let path):
            return "\(path): user dictionary not found; check the path given with --user-dict"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the file: \(reason)"
        case .dictionaryNotUTF8(let path, let line, let column):
            return "\(path):\(line):\(column): not valid UTF-8; save the dictionary as UTF-8 (jieba reads nothing else)"
        case .invalidDictionaryEntry(let path, let line, let text, let reason):
            return "\(path):\(line): invalid dictionary entry \"\(text)\": \(reason); "
                + "each line must be `word frequency [tag]`, separated by single spaces"
        case .emptyDictionary(let path):
            return "\(path): the dictionary holds no word with a frequency above 0; pass a jieba dict.txt with --dict FILE"
        case .invalidUserDictionaryEntry(let path, let line, let text, let reason):
            return "\(path):\(line): invalid user dictionary entry \"\(text)\": \(reason)"
        case .invalidModelFile(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): \(reason); expected jieba's `P = {…}` probability table "
                + "(reinstall python3-jieba or turn the HMM off with --no-hmm)"
        case .invalidPartOfSpeechModelFile(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): \(reason); expected jieba.posseg's `P = {…}` table "
                + "(reinstall it with `apt-get install --reinstall python3-jieba`)"
        case .inputNotUTF8(let path, let line, let column):
            return "\(path):\(line):\(column): not valid UTF-8; convert the file to UTF-8 first (e.g. iconv -f GB18030 -t UTF-8)"
        case .inputInOtherEncoding(let path, let line, let column, let encoding):
            let name = encoding.hasPrefix("UTF-16") ? "UTF-16" : encoding
            let isStandardInput = path == "<stdin>"
            return "\(path):\(line):\(column): not valid UTF-8: \(isStandardInput ? "the input" : "the file") is \(encoding)"
                + (encoding.hasPrefix("UTF-16") ? " (its byte-order mark says so)" : "")
                + "; `cipin segment` reads UTF-8, as jieba does: convert it first ("
                + (isStandardInput ? "pipe it through iconv -f \(name) -t UTF-8)"
                    : "iconv -f \(name) -t UTF-8 \(path)), or count it with `cipin run`, which reads it as it is")
        case .inputNotText(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}

/// A remark about a user dictionary entry that is accepted, as jieba accepts it, but will not do
/// what its author probably wants.
public struct SegmenterDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The user dictionary.
    public let path: String
    /// The 1-based line number in it.
    public let line: Int
    /// What is wrong and what to do.
    public let message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message` (the command line puts `cipin: warning: ` before it).
    public var description: String { "\(path):\(line): \(message)" }
}
