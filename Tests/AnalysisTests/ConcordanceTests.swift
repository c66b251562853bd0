import Foundation
import Testing
@testable import Analysis
import Ingest
import Segmentation

@Suite struct ConcordanceTests {
    static let article = Article(id: "x-01", sourcePath: "/t.txt", indexInFile: 1, startLine: 1, title: "人才",
                                 paragraphs: ["人才是第一资源。要培养人才队伍！", "干部和人才"])

    /// The characters starting in a byte range, counted eight bytes at a time, are those a byte by
    /// byte count finds, for any range of text of one- to four-byte characters.
    @Test func scalarStartsCountsEveryCharacter() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "7", " ", "é", "ß", "人", "才", "，", "😀", "𠀋", "\u{7F}", "\u{80}", "\u{FFFF}"]
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0...60, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                let from = Int.random(in: 0...bytes.count, using: &generator), to = Int.random(in: from...bytes.count, using: &generator)
                let expected = bytes[from..<to].filter { $0 & 0xC0 != 0x80 }.count
                #expect(Concordance.scalarStarts(buffer, from: from, to: to) == expected, "\(text) \(from)..<\(to)")
            }
            #expect(bytes.withUnsafeBufferPointer { Concordance.scalarStarts($0, from: 0, to: bytes.count) } == text.unicodeScalars.count)
        }
    }

    @Test func linesByHand() {
        let lines = Concordance.build([KeywordSpec("人才"), KeywordSpec(name: "队伍类", words: ["队伍", "人才队伍"])],
                                      in: [Self.article], options: ConcordanceOptions(contextCharacters: 3)).lines
        // Paragraph 1 has 16 scalars: 人才 at 0 (sentence 1) and 11 (sentence 2, which starts at 8);
        // paragraph 2 starts at 16 + 1 (the line feed), its 人才 at 3 → body offset 20, sentence 3.
        #expect(lines.map(\.keyword) == ["人才", "人才", "人才", "队伍类"])
        #expect(lines.map(\.scalarOffset) == [0, 11, 20, 11])
        #expect(lines.map(\.paragraph) == [1, 1, 2, 1])
        #expect(lines.map(\.sentence) == [1, 2, 3, 2])
        #expect(lines.map(\.left) == ["", "要培养", "干部和", "要培养"])
        #expect(lines.map(\.right) == ["是第一", "队伍！", "", "！"])
        // The set takes its longest word where two start at the same place.
        #expect(lines.map(\.match) == ["人才", "人才", "人才", "人才队伍"])
        #expect(lines.map(\.paragraphScalarOffset) == [0, 11, 3, 11])
        #expect(lines.allSatisfy { $0.document == "x-01" })
    }

    @Test func limitPerKeyword() {
        let lines = Concordance.build([KeywordSpec("人才")], in: [Self.article],
                                      options: ConcordanceOptions(maximumPerKeyword: 2)).lines
        #expect(lines.map(\.scalarOffset) == [0, 11])
    }

    /// Every occurrence on the seed against `str.find` in Python; each line's sentence holds its match.
    @Test func seedEqualsPython() throws {
        let articles = try AnalysisFixtures.seedArticles()
        let keywords = ["人才", "干部", "组织部", "“"]
        let lines = Concordance.build(keywords.map { KeywordSpec($0) }, in: articles).lines
        let script = """
            import json, sys
            articles = json.load(open(sys.argv[1], encoding='utf-8'))
            out = []
            for k in sys.argv[2].split(','):
                for a in articles:
                    base = 0
                    for number, p in enumerate(a['paragraphs'], 1):
                        i = p.find(k)
                        while i >= 0:
                            out.append([a['id'], k, p[max(0, i - 30):i], p[i + len(k):i + len(k) + 30], number, base + i])
                            i = p.find(k, i + len(k))
                        base += len(p) + 1
            print(json.dumps(out, ensure_ascii=False))
            """
        struct Line: Decodable, Equatable {
            var document: String, keyword: String, left: String, right: String, paragraph: Int, offset: Int
            init(from decoder: Decoder) throws {
                var c = try decoder.unkeyedContainer()
                document = try c.decode(String.self); keyword = try c.decode(String.self); left = try c.decode(String.self)
                right = try c.decode(String.self); paragraph = try c.decode(Int.self); offset = try c.decode(Int.self)
            }
        }
        let reference = try AnalysisFixtures.python(script, input: articles.map { PythonArticle(id: $0.id, paragraphs: $0.paragraphs) },
                                                    as: [Line].self, arguments: [keywords.joined(separator: ",")])
        #expect(lines.count == reference.count)
        #expect(lines.count > 150)
        for (line, want) in zip(lines, reference) {
            #expect([line.document, line.keyword, line.match, line.left, line.right] == [want.document, want.keyword, want.keyword, want.left, want.right])
            #expect(line.paragraph == want.paragraph && line.scalarOffset == want.offset)
        }
        // Sentence numbers: the numbered sentence of the article lies in the line's paragraph and holds the match.
        for line in lines {
            let article = try #require(articles.first { $0.id == line.document })
            var sentences: [(paragraph: Int, text: Substring)] = []
            for (index, paragraph) in article.paragraphs.enumerated() {
                sentences += SentenceSplitter.split(paragraph[...]).map { (index + 1, $0) }
            }
            let sentence = sentences[line.sentence - 1]
            #expect(sentence.paragraph == line.paragraph)
            #expect(sentence.text.contains(line.match))
        }
    }

    /// Each seed article as one paragraph, and the whole seed as one (text extracted without line
    /// ends): a line's sentence is the one whose characters hold its match's first character,
    /// found here from the splitter's substrings by scalar offsets.
    @Test func sentencesOfLongParagraphs() throws {
        let seed = try AnalysisFixtures.seedArticles()
        var articles = seed.map { article in
            var article = article
            article.paragraphs = [article.paragraphs.joined()]
            return article
        }
        articles.append(Article(id: "all-01", sourcePath: "/all.txt", indexInFile: 1, startLine: 1, title: "all",
                                paragraphs: [seed.flatMap(\.paragraphs).joined()]))
        let lines = Concordance.build(["人才", "干部", "基层", "组织部"].map { KeywordSpec($0) }, in: articles).lines
        #expect(lines.count == 2 * lines.filter { $0.document == "all-01" }.count)
        var sentenceCounts: [Int] = []
        for article in articles {
            let paragraph = article.paragraphs[0]
            let sentences = SentenceSplitter.split(paragraph[...])
            sentenceCounts.append(sentences.count)
            let ends = sentences.map { paragraph.unicodeScalars.distance(from: paragraph.startIndex, to: $0.endIndex) }
            let starts = sentences.map { paragraph.unicodeScalars.distance(from: paragraph.startIndex, to: $0.startIndex) }
            for line in lines where line.document == article.id {
                let index = try #require(ends.firstIndex { $0 > line.paragraphScalarOffset })
                #expect(starts[index] <= line.paragraphScalarOffset)
                #expect(line.sentence == index + 1, "\(line.document) at \(line.paragraphScalarOffset)")
                #expect(line.paragraph == 1)
            }
        }
        #expect(sentenceCounts.max()! > 200)
    }
}
