import Ingest

/// Exact occurrence counts of keywords in article bodies.
///
/// `counts[a][k]` is the number of times keyword `k` occurs in article `a`'s body (title and
/// byline excluded), counted left to right without overlaps, as Python's `str.count` does.
public struct KeywordCounts: Sendable, Equatable {
    public var keywords: [String]
    public var articleIDs: [String]
    /// Non-white-space characters in each article's body.
    public var characters: [Int]
    /// `counts[article][keyword]`.
    public var counts: [[Int]]

    /// Occurrences of each keyword in the whole corpus.
    public var totals: [Int] {
        keywords.indices.map { keyword in counts.reduce(0) { $0 + $1[keyword] } }
    }

    /// Number of articles in which each keyword occurs at least once.
    public var documentFrequencies: [Int] {
        keywords.indices.map { keyword in counts.reduce(0) { $0 + ($1[keyword] > 0 ? 1 : 0) } }
    }

    /// Characters in the whole corpus.
    public var totalCharacters: Int { characters.reduce(0, +) }

    /// Occurrences per 10,000 characters (or tokens); 0 for an empty text.
    public static func rate(_ count: Int, per characters: Int) -> Double {
        characters == 0 ? 0 : Double(count) * 10_000 / Double(characters)
    }
}

/// Counts keyword occurrences in articles.
public enum KeywordCounter {
    /// Counts every keyword in every article body.
    ///
    ///     let counts = KeywordCounter.count(["人才", "干部"], in: articles)
    ///     counts.totals   // [153, …] on the seed corpus
    ///
    /// - Complexity: O(n·k) byte comparisons for n body bytes and k keywords.
    public static func count(_ keywords: [String], in articles: [Article]) -> KeywordCounts {
        let patterns = keywords.map { Array($0.utf8) }
        var counts: [[Int]] = []
        counts.reserveCapacity(articles.count)
        for article in articles {
            var row = [Int](repeating: 0, count: keywords.count)
            for paragraph in article.paragraphs {
                var text = paragraph
                text.withUTF8 { bytes in
                    for (index, pattern) in patterns.enumerated() {
                        row[index] += occurrences(of: pattern, in: bytes)
                    }
                }
            }
            counts.append(row)
        }
        return KeywordCounts(keywords: keywords, articleIDs: articles.map(\.id),
                             characters: articles.map(\.characterCount), counts: counts)
    }

    /// Non-overlapping occurrences of `pattern` in `text`, both UTF-8. UTF-8 is self-synchronising,
    /// so a byte match of a whole encoded string is always a match of whole characters.
    static func occurrences(of pattern: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = pattern.first, pattern.count <= text.count else { return 0 }
        var count = 0
        var index = 0
        let last = text.count - pattern.count
        while index <= last {
            if text[index] == first {
                var matched = true
                for offset in 1..<pattern.count where text[index + offset] != pattern[offset] {
                    matched = false
                    break
                }
                if matched {
                    count += 1
                    index += pattern.count
                    continue
                }
            }
            index += 1
        }
        return count
    }
}
