import Foundation

/// Where a report's text names one of its files (`keywords.csv has every count`).
public enum FileMentions {
    /// The ranges in `text` of each whole name of `names`, in order: `terms.csv`, but not the end of
    /// `run_new_terms.csv`, nor of `/data/terms.csv` (a sidecar's path, not the run's file), nor the
    /// start of `terms.csvx`. Names are ASCII file names ending in an extension such as `.csv`.
    ///
    ///     FileMentions.ranges(in: "all in terms.csv; run_new_terms.csv too", of: ["terms.csv"])   // one range
    public static func ranges(in text: String, of names: Set<String>) -> [Range<String.Index>] {
        let extensions = Set(names.compactMap { name in name.lastIndex(of: ".").map { String(name[$0...]) } })
        guard !names.isEmpty, extensions.contains(where: { text.contains($0) }) else { return [] }
        func isNamePart(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
        // Before the name, path characters too.
        func isPathPart(_ c: Character) -> Bool { isNamePart(c) || c == "/" || c == "." || c == "-" }
        var found: [Range<String.Index>] = []
        for suffix in extensions {
            var searchFrom = text.startIndex
            while let range = text.range(of: suffix, range: searchFrom..<text.endIndex) {
                var start = range.lowerBound
                while start > text.startIndex, isPathPart(text[text.index(before: start)]) { start = text.index(before: start) }
                let followed = range.upperBound < text.endIndex && isNamePart(text[range.upperBound])
                if !followed, names.contains(String(text[start..<range.upperBound])) { found.append(start..<range.upperBound) }
                searchFrom = range.upperBound
            }
        }
        return found.sorted { $0.lowerBound < $1.lowerBound }
    }
}
