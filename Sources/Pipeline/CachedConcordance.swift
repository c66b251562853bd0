import Analysis
import Foundation
import Ingest

/// The concordance lines of one file's articles, stored so that a later run does not search
/// unchanged articles again: an article's lines depend only on its text (its file's bytes and the
/// tokens' settings), the keywords and the concordance settings, which key them.
struct CachedConcordance: Sendable, Equatable {
    /// Per article of the file, per keyword, its lines in order; their `document` and `keyword` are
    /// empty (they are the current run's: `Concordance.build` fills them in).
    var articles: [[[Concordance.Line]]]

    /// The key of the stored lines: the tokens' settings key (Cipin's version, encoding, layout),
    /// every keyword with its words, and the context size.
    static func settingsKey(segmentKey: String, keywords: [KeywordSpec], contextCharacters: Int) -> String {
        let spelled = keywords.map { ([$0.name] + $0.words).joined(separator: "\u{1F}") }
        return sha256(Data(([segmentKey, "concordance-1", "context=\(contextCharacters)"] + spelled).joined(separator: "\n").utf8))
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

    /// Entries to store for the files that `stored` lacks, from a run's lines.
    static func entries(files: [InputFile], articles: [Article], keywords: [KeywordSpec], concordance: Concordance,
                        stored: [String: CachedConcordance]) -> [(contentHash: String, entry: CachedConcordance)] {
        var needed: [String: Int] = [:]  // article id -> index among the articles of files to store
        var slots: [[[Concordance.Line]]] = []
        var index = 0
        var ranges: [(hash: String, range: Range<Int>)] = []
        var added = Set<String>()
        for file in files {
            defer { index += file.articleCount }
            guard stored[file.contentHash] == nil, added.insert(file.contentHash).inserted else { continue }
            let start = slots.count
            for article in articles[index..<(index + file.articleCount)] {
                needed[article.id] = slots.count
                slots.append([[Concordance.Line]](repeating: [], count: keywords.count))
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
        return ranges.map { ($0.hash, CachedConcordance(articles: Array(slots[$0.range]))) }
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
        return writer.data
    }

    private static let storedMagic = "cipin-concordance-1"
}
