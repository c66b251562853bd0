import Analysis
import Foundation
import Ingest

/// The concordance lines and keyword counts of one file's articles, stored so that a later run
/// does not search unchanged articles again: both depend only on the article's text and tokens
/// (its file's bytes and the tokens' settings), the keywords and the concordance settings, which
/// key them.
struct CachedConcordance: Sendable, Equatable {
    /// Per article of the file, per keyword, its lines in order; their `document` and `keyword` are
    /// empty (they are the current run's: `Concordance.build` fills them in).
    var articles: [[[Concordance.Line]]]
    /// Per article of the file, its keyword counts (`KeywordCountTable`, with set members).
    var counts: [KeywordCountTable.ArticleRow]

    /// The key of the stored lines: the tokens' settings key (Cipin's version, encoding, layout),
    /// every keyword with its words, and the context size.
    static func settingsKey(segmentKey: String, keywords: [KeywordSpec], contextCharacters: Int) -> String {
        let spelled = keywords.map { ([$0.name] + $0.words).joined(separator: "\u{1F}") }
        return sha256(Data(([segmentKey, "concordance-2", "context=\(contextCharacters)"] + spelled).joined(separator: "\n").utf8))
    }

    /// The lines known for the articles of reused files (by article index), from `stored`.
    static func known(files: [InputFile], keywordCount: Int, stored: [String: CachedConcordance]) -> [Int: [[Concordance.Line]]] {
        var known: [Int: [[Concordance.Line]]] = [:]
        var index = 0
        for file in files {
            defer { index += file.articleCount }
            guard file.reused, let entry = stored[file.contentHash], entry.articles.count == file.articleCount,
                  entry.articles.allSatisfy({ $0.count == keywordCount }) else { continue }
            for (offset, perKeyword) in entry.articles.enumerated() { known[index + offset] = perKeyword }
        }
        return known
    }

    /// The keyword counts known for the articles of reused files (by article index), from `stored`.
    static func knownCounts(files: [InputFile], stored: [String: CachedConcordance]) -> [Int: KeywordCountTable.ArticleRow] {
        var known: [Int: KeywordCountTable.ArticleRow] = [:]
        var index = 0
        for file in files {
            defer { index += file.articleCount }
            guard file.reused, let entry = stored[file.contentHash], entry.counts.count == file.articleCount else { continue }
            for (offset, row) in entry.counts.enumerated() { known[index + offset] = row }
        }
        return known
    }

    /// Entries to store for the files that `stored` lacks, from a run's lines and keyword counts.
    static func entries(files: [InputFile], articles: [Article], keywords: [KeywordSpec], concordance: Concordance,
                        counts: KeywordCountTable, stored: [String: CachedConcordance]) -> [(contentHash: String, entry: CachedConcordance)] {
        var needed: [String: Int] = [:]  // article id -> index among the articles of files to store
        var slots: [[[Concordance.Line]]] = []
        var index = 0
        var ranges: [(hash: String, range: Range<Int>)] = []
        var rows: [KeywordCountTable.ArticleRow] = []
        var added = Set<String>()
        for file in files {
            defer { index += file.articleCount }
            guard stored[file.contentHash] == nil, added.insert(file.contentHash).inserted else { continue }
            let start = slots.count
            for (offset, article) in articles[index..<(index + file.articleCount)].enumerated() {
                needed[article.id] = slots.count
                slots.append([[Concordance.Line]](repeating: [], count: keywords.count))
                rows.append(counts.row(article: index + offset))
            }
            ranges.append((file.contentHash, start..<slots.count))
        }
        // Lines name their keyword: with two keywords of one name they could not be told apart.
        guard !ranges.isEmpty, Set(keywords.map(\.name)).count == keywords.count else { return [] }
        var keywordIndex: [String: Int] = [:]
        for (k, keyword) in keywords.enumerated() { keywordIndex[keyword.name] = k }
        for line in concordance.lines {
            guard let slot = needed[line.document], let k = keywordIndex[line.keyword] else { continue }
            var stored = line
            stored.document = ""
            stored.keyword = ""
            slots[slot][k].append(stored)
        }
        return ranges.map { ($0.hash, CachedConcordance(articles: Array(slots[$0.range]), counts: Array(rows[$0.range]))) }
    }
}

extension CachedConcordance: StoredEntry {
    init(stored data: Data) throws {
        var reader = BinaryReader(data)
        guard try reader.string() == Self.storedMagic else { throw BinaryReader.Damaged() }
        let articleCount = try reader.count()
        articles = []
        for _ in 0..<articleCount {
            let keywordCount = try reader.count()
            var perKeyword: [[Concordance.Line]] = []
            for _ in 0..<keywordCount {
                let lineCount = try reader.count()
                var items: [Concordance.Line] = []
                items.reserveCapacity(lineCount)
                for _ in 0..<lineCount {
                    items.append(Concordance.Line(document: "", keyword: "", left: try reader.string(), match: try reader.string(),
                                                  right: try reader.string(), paragraph: try reader.integer(), sentence: try reader.integer(),
                                                  scalarOffset: try reader.integer(), paragraphScalarOffset: try reader.integer()))
                }
                perKeyword.append(items)
            }
            articles.append(perKeyword)
        }
        // Then each article's keyword counts.
        guard try reader.count() == articleCount else { throw BinaryReader.Damaged() }
        counts = []
        for _ in 0..<articleCount {
            counts.append(KeywordCountTable.ArticleRow(occurrences: try reader.varints(), tokenMatches: try reader.varints()))
        }
        guard reader.isAtEnd else { throw BinaryReader.Damaged() }
    }

    func stored() throws -> Data {
        var writer = BinaryWriter()
        writer.string(Self.storedMagic)
        writer.integer(articles.count)
        for perKeyword in articles {
            writer.integer(perKeyword.count)
            for items in perKeyword {
                writer.integer(items.count)
                for item in items {
                    writer.string(item.left)
                    writer.string(item.match)
                    writer.string(item.right)
                    for value in [item.paragraph, item.sentence, item.scalarOffset, item.paragraphScalarOffset] { writer.integer(value) }
                }
            }
        }
        writer.integer(counts.count)
        for row in counts {
            writer.varints(row.occurrences)
            writer.varints(row.tokenMatches)
        }
        return writer.data
    }

    private static let storedMagic = "cipin-concordance-2"
}
