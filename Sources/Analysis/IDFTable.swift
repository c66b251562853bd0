import Foundation

/// Inverse document frequencies of words, as jieba's `analyse/idf.txt` gives them.
///
/// A word that the table does not hold gets the median IDF, as `jieba.analyse.extract_tags` does:
/// the value at index ⌊n/2⌋ of the n values sorted in ascending order.
///
///     let idf = try IDFTable(contentsOf: IDFTable.jiebaPath)
///     idf.idf(of: "人才")   // the file's value for 人才
public struct IDFTable: Sendable, Equatable {
    /// The file of Debian's `python3-jieba`.
    public static let jiebaPath = "/usr/lib/python3/dist-packages/jieba/analyse/idf.txt"

    public var values: [String: Double]
    public var median: Double

    public init(values: [String: Double]) {
        self.values = values
        let sorted = values.values.sorted()
        median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// Reads an IDF file: `word idf` per line, UTF-8, a later line for the same word wins.
    ///
    /// - Throws: `AnalysisError.unreadable`, or `.badIDFLine` naming the line that is not `word idf`.
    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AnalysisError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AnalysisError.unreadable(path: path, reason: "not UTF-8 text")
        }
        try self.init(parsing: text, path: path)
    }

    /// Reads IDF entries from text in the file format; `path` names the source in errors.
    public init(parsing text: String, path: String) throws {
        var values: [String: Double] = [:]
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            // Python's line.strip().split(' '): exactly two fields around one space.
            let scalars = line.unicodeScalars
            guard let first = scalars.firstIndex(where: { !TokenClass.isWhitespace($0) }),
                  let last = scalars.lastIndex(where: { !TokenClass.isWhitespace($0) }) else { continue }
            let content = Substring(scalars[first...last])
            let fields = content.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, let value = Double(fields[1]) else {
                throw AnalysisError.badIDFLine(path: path, line: lineNumber, text: String(line))
            }
            values[String(fields[0])] = value
        }
        self.init(values: values)
    }

    /// The word's IDF, or the median for a word the table does not hold.
    public func idf(of word: String) -> Double { values[word] ?? median }
}
