/// A keyword: one word, or a named set of words counted together.
///
///     KeywordSpec("人才")                                      // a set of one, named 人才
///     KeywordSpec(name: "talent", words: ["人才", "英才", "人才队伍"])
///
/// A set occurs wherever one of its words occurs. Each table reports the set under its `name`.
public struct KeywordSpec: Sendable, Equatable, Hashable, Codable {
    public var name: String
    public var words: [String]

    public init(name: String, words: [String]) {
        self.name = name
        self.words = words
    }

    /// A single keyword, a set of one named by itself.
    public init(_ word: String) {
        self.init(name: word, words: [word])
    }

    /// The words without empty strings and repeats, in their given order.
    public var distinctWords: [String] {
        var seen = Set<String>()
        return words.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Checks a keyword configuration: every set has a word, no word is empty, no name repeats.
    ///
    ///     try KeywordSpec.validate([KeywordSpec("人才"), KeywordSpec(name: "空", words: [])])
    ///     // throws AnalysisError.emptyKeyword(name: "空")
    ///
    /// The analyses themselves accept any specs: empty words never match and a set without words
    /// gets zero counts; call this where the configuration is read, to tell the user.
    ///
    /// - Throws: `AnalysisError.emptyKeyword` or `.duplicateKeyword`.
    public static func validate(_ specs: [KeywordSpec]) throws {
        var names = Set<String>()
        for spec in specs {
            if spec.words.isEmpty || spec.words.contains(where: \.isEmpty) || spec.name.isEmpty {
                throw AnalysisError.emptyKeyword(name: spec.name)
            }
            if !names.insert(spec.name).inserted { throw AnalysisError.duplicateKeyword(name: spec.name) }
        }
    }
}

/// Keywords turned into word ids of one vocabulary, for the token-based analyses.
///
/// A keyword word that is not a word type of the corpus (the segmenter never produced it as one
/// token) has no id and never matches a token; its exact occurrences in the text are still found
/// by `KeywordFrequencies` and `Concordance`.
struct ResolvedKeywords {
    var specs: [KeywordSpec]
    /// `memberIDs[k]`: the ids of keyword `k`'s words that are in the vocabulary, without repeats.
    var memberIDs: [[Int32]]
    /// `isMember[k][id]`: whether word `id` is one of keyword `k`'s words.
    var isMember: [[Bool]]
    /// `isAnyMember[id]`: whether word `id` belongs to any keyword.
    var isAnyMember: [Bool]
    /// The ids of the words that are keywords of their own (a single word named by itself), of
    /// every keyword given, also in a `subset`: a keyword pair's row names them, so no keyword's
    /// list of partner words does.
    let keywordWordIDs: [Int32]

    init(_ specs: [KeywordSpec], vocabulary: Vocabulary) {
        self.specs = specs
        keywordWordIDs = specs.compactMap { spec in
            spec.words.count == 1 && spec.words[0] == spec.name ? vocabulary.id(of: spec.name) : nil
        }
        memberIDs = specs.map { spec in spec.distinctWords.compactMap { vocabulary.id(of: $0) } }
        isMember = memberIDs.map { ids in
            var mask = [Bool](repeating: false, count: vocabulary.count)
            for id in ids { mask[Int(id)] = true }
            return mask
        }
        isAnyMember = [Bool](repeating: false, count: vocabulary.count)
        for ids in memberIDs { for id in ids { isAnyMember[Int(id)] = true } }
    }

    var count: Int { specs.count }

    /// The keywords at `range` only.
    func subset(_ range: Range<Int>) -> ResolvedKeywords {
        var subset = self
        subset.specs = Array(specs[range])
        subset.memberIDs = Array(memberIDs[range])
        subset.isMember = Array(isMember[range])
        subset.isAnyMember = [Bool](repeating: false, count: isAnyMember.count)
        for ids in subset.memberIDs { for id in ids { subset.isAnyMember[Int(id)] = true } }
        return subset
    }
}

/// Exact occurrences of several keywords' words in text, found in one pass over its UTF-8 bytes.
///
/// Each column is a list of words scanned on its own, leftmost-longest without overlaps: at each
/// position the longest word of the column that starts there is taken and the column's scan
/// resumes after it; where none starts, it moves one byte on. For a column of one word this is
/// exactly Python's `str.count`; for 人才 and 人才队伍 in one column, the text 人才队伍 counts once.
///
/// Design note. All columns advance together: a table indexed by a position's first two bytes
/// lists the words that can start there, ordered by column and longest first, and each column
/// remembers the first byte it may match again. A position costs one table look-up, so the scan
/// is O(bytes) whatever the number of keywords. UTF-8 is self-synchronising, so a byte match of
/// a whole encoded word is a match of whole characters.
struct MultiMatcher {
    /// The words as UTF-8; `patternColumn[i]` is the column of `patterns[i]`, `patternWord[i]` its
    /// index in that column's word list.
    private let patterns: [[UInt8]]
    private let patternColumn: [Int]
    private let patternWord: [Int]
    /// `entries[starts[key]..<starts[key + 1]]`: patterns whose first two bytes are `key`.
    private let starts: [Int32]
    private let entries: [Int32]
    /// Bit `key` set when `starts[key] < starts[key + 1]`: 8 KB that stay in the first-level cache,
    /// where the 256 KB `starts` would not, so most positions cost one bit test.
    private let candidates: [UInt64]
    let columnCount: Int

    /// - Parameter columns: per column, its words (empty words are ignored).
    init(columns: [[String]]) {
        var patterns: [[UInt8]] = []
        var patternColumn: [Int] = []
        var patternWord: [Int] = []
        for (column, words) in columns.enumerated() {
            for (index, word) in words.enumerated() where !word.isEmpty {
                patterns.append(Array(word.utf8))
                patternColumn.append(column)
                patternWord.append(index)
            }
        }
        var buckets = [[Int32]](repeating: [], count: 65_536)
        for (index, pattern) in patterns.enumerated() {
            let high = Int(pattern[0]) << 8
            if pattern.count == 1 {
                for low in 0..<256 { buckets[high | low].append(Int32(index)) }
            } else {
                buckets[high | Int(pattern[1])].append(Int32(index))
            }
        }
        var starts = [Int32](repeating: 0, count: 65_537)
        var entries: [Int32] = []
        for key in 0..<65_536 {
            starts[key] = Int32(entries.count)
            // Per column, longest first; equal lengths keep the given order.
            entries += buckets[key].sorted { a, b in
                let (a, b) = (Int(a), Int(b))
                if patternColumn[a] != patternColumn[b] { return patternColumn[a] < patternColumn[b] }
                if patterns[a].count != patterns[b].count { return patterns[a].count > patterns[b].count }
                return a < b
            }
        }
        starts[65_536] = Int32(entries.count)
        var candidates = [UInt64](repeating: 0, count: 1_024)
        for key in 0..<65_536 where starts[key] < starts[key + 1] { candidates[key >> 6] |= 1 << UInt64(key & 63) }
        self.candidates = candidates
        self.patterns = patterns
        self.patternColumn = patternColumn
        self.patternWord = patternWord
        self.starts = starts
        self.entries = entries
        columnCount = columns.count
    }

    /// Calls `body(column, byteOffset, byteLength, wordIndex)` for every match in `text`, in order of `byteOffset`.
    func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int, Int) -> Void) {
        guard !patterns.isEmpty, !text.isEmpty else { return }
        var nextFree = [Int](repeating: 0, count: columnCount)
        let count = text.count
        starts.withUnsafeBufferPointer { starts in
            entries.withUnsafeBufferPointer { entries in
                candidates.withUnsafeBufferPointer { candidates in
                // Matches start where characters start: the scan steps from one to the next (a
                // Chinese character is three bytes), by the length its lead byte gives.
                var next = 0
                while next < count {
                    let index = next
                    let lead = text[index]
                    next += lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                    let key = Int(lead) << 8 | (index + 1 < count ? Int(text[index + 1]) : 0)
                    guard candidates[key >> 6] & (1 << UInt64(key & 63)) != 0 else { continue }
                    let first = Int(starts[key])
                    let end = Int(starts[key + 1])
                    guard first < end else { continue }
                    for entry in first..<end {
                        let p = Int(entries[entry])
                        let column = patternColumn[p]
                        guard index >= nextFree[column] else { continue }
                        let pattern = patterns[p]
                        guard pattern.count <= count - index else { continue }
                        var equal = true
                        var offset = 1
                        while offset < pattern.count {
                            if text[index + offset] != pattern[offset] { equal = false; break }
                            offset += 1
                        }
                        if equal {
                            body(column, index, pattern.count, patternWord[p])
                            nextFree[column] = index + pattern.count
                        }
                    }
                }
                }
            }
        }
    }
}
