import Foundation

/// Everything that can go wrong in the analysis stage, each naming the file or keyword and what to do.
public enum AnalysisError: LocalizedError, Equatable, Sendable {
    /// A word list or IDF file that could not be read.
    case unreadable(path: String, reason: String)
    /// A line of an IDF file that is not `word idf`.
    case badIDFLine(path: String, line: Int, text: String)
    /// A line of an IDF file whose number is NaN or infinite.
    case nonFiniteIDF(path: String, line: Int, text: String)
    /// An IDF file without a single entry.
    case emptyIDF(path: String)
    /// A keyword set without words, or with an empty word.
    case emptyKeyword(name: String)
    /// Two keyword sets with the same name.
    case duplicateKeyword(name: String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read the file: \(reason)"
        case .badIDFLine(let path, let line, let text):
            return "\(path):\(line): \"\(text)\" is not an IDF entry; each line must be a word, one space and a number, "
                + "as in jieba's analyse/idf.txt (\"人才 5.73\")"
        case .nonFiniteIDF(let path, let line, let text):
            return "\(path):\(line): \"\(text)\" gives no finite IDF (NaN or infinity would make every weight of its word "
                + "and the median of unknown words meaningless); give a number, as in jieba's analyse/idf.txt (\"人才 5.73\")"
        case .emptyIDF(let path):
            return "\(path): the IDF file holds no entry, so no word has an IDF and unknown words no median; give a file of "
                + "`word idf` lines, such as jieba's analyse/idf.txt (\"人才 5.73\")"
        case .emptyKeyword(let name):
            return "keyword \"\(name)\": a keyword needs at least one word and no empty words"
        case .duplicateKeyword(let name):
            return "keyword \"\(name)\" is configured twice; give each keyword or set its own name"
        }
    }
}

extension AnalysisError {
    /// The text of a UTF-8 file (stop word list, IDF table), or an error naming it.
    static func readUTF8(_ path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AnalysisError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AnalysisError.unreadable(path: path, reason: "not UTF-8 text; save the file as UTF-8")
        }
        return text
    }
}
