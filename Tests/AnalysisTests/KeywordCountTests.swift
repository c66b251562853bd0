import Foundation
import Testing
@testable import Analysis
import Ingest
import TestSupport

@Suite struct KeywordCountTests {
    static func article(_ id: String, _ paragraphs: [String]) -> Article {
        Article(id: id, sourcePath: "/t.txt", indexInFile: 1, startLine: 1, title: "标题人才", paragraphs: paragraphs)
    }

    @Test func countsByHand() {
        let articles = [
            Self.article("a", ["人才人才，人才队伍。", "干部"]),
            Self.article("b", ["基层干部 和 人 才"]),
        ]
        let counts = KeywordCounter.count(["人才", "干部", "基层"], in: articles)
        #expect(counts.counts == [[3, 1, 0], [0, 1, 1]])
        #expect(counts.totals == [3, 2, 1])
        #expect(counts.documentFrequencies == [1, 2, 1])
        // 10 + 2 non-space characters, and 4 + 1 + 1 + 1 (spaces are not characters).
        #expect(counts.characters == [12, 7])
        #expect(KeywordCounts.rate(3, per: 12) == 2500)
        #expect(KeywordCounts.rate(1, per: 0) == 0)
    }

    @Test func occurrencesDoNotOverlap() {
        let counts = KeywordCounter.count(["哈哈", "a"], in: [Self.article("a", ["哈哈哈哈哈", "aaa"])])
        #expect(counts.counts == [[2, 3]])
    }

    @Test func titleIsNotCounted() {
        let counts = KeywordCounter.count(["人才"], in: [Self.article("a", ["正文"])])
        #expect(counts.totals == [0])
    }

    /// Every article of the seed, every keyword, against Python's `str.count` and its own
    /// count of non-space characters.
    @Test func seedCountsEqualPython() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let seed = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus/seed/000_456eef7012d4fdcb.txt")
        let articles = try Ingestor.ingest([seed.path], relativeTo: repository).articles
        let keywords = ["人才", "干部", "基层", "组织", "党"]
        let counts = KeywordCounter.count(keywords, in: articles)
        let bodies = try JSONEncoder().encode(articles.map(\.body))
        let input = Scratch.file("bodies", suffix: ".json")
        try bodies.write(to: input)
        let script = """
            import json, sys
            bodies = json.load(open(sys.argv[1], encoding='utf-8'))
            keywords = sys.argv[2].split(',')
            print(json.dumps([[b.count(k) for k in keywords] + [sum(1 for c in b if not c.isspace())] for b in bodies]))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, input.path, keywords.joined(separator: ",")]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let reference = try JSONDecoder().decode([[Int]].self, from: output)
        #expect(reference.count == 11)
        for (index, row) in reference.enumerated() {
            #expect(Array(row.prefix(keywords.count)) == counts.counts[index])
            #expect(row.last == counts.characters[index])
        }
        #expect(counts.totals[0] == 153)
    }
}
