import Foundation
import Testing
import Analysis
import Ingest
import Segmentation
@testable import Pipeline

@Suite struct CorpusSegmentationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seed = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus/seed/000_456eef7012d4fdcb.txt")

    static func segmenter() throws -> Segmenter {
        try Segmenter(options: .init(cacheDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("cipin-pipeline-tests").path))
    }

    /// The corpus holds, per article, exactly the words `Segmenter.cut` gives for each sentence,
    /// white space left out, and the boundaries fall where the sentences and paragraphs end.
    @Test func tokensAreTheSegmentersWordsWithBoundaries() throws {
        let articles = try Ingestor.ingest([Self.seed.path], relativeTo: Self.repository).articles
        let segmenter = try Self.segmenter()
        let corpus = CorpusSegmentation.segment(articles, with: segmenter, workers: 2)
        for (article, segment) in zip(articles, corpus.segments) {
            var expected: [String] = []
            var sentenceEnds: [Int32] = []
            var paragraphEnds: [Int32] = []
            for paragraph in article.paragraphs {
                for sentence in SentenceSplitter.split(Substring(paragraph)) {
                    expected += segmenter.cut(sentence).filter { !$0.allSatisfy(\.isWhitespace) }.map(String.init)
                    sentenceEnds.append(Int32(expected.count))
                }
                paragraphEnds.append(Int32(expected.count))
            }
            #expect(segment.tokens.map { corpus.vocabulary.words[Int($0)] } == expected)
            #expect(segment.sentenceEnds == sentenceEnds)
            #expect(segment.paragraphEnds == paragraphEnds)
        }
    }

    @Test func idsDoNotDependOnTheNumberOfWorkers() throws {
        let articles = try Ingestor.ingest([Self.seed.path], relativeTo: Self.repository).articles
        let segmenter = try Self.segmenter()
        let one = CorpusSegmentation.segment(articles, with: segmenter, workers: 1)
        let two = CorpusSegmentation.segment(articles, with: segmenter, workers: 2)
        #expect(one == two)
        // Ids are numbered by first occurrence: the first token of the first article is word 0.
        #expect(one.segments[0].tokens.first == 0)
    }

    @Test func presegmentedTextIsSplitAtWhiteSpace() {
        let article = Article(id: "a-01", sourcePath: "/a.txt", indexInFile: 1, startLine: 1, title: "t",
                              paragraphs: ["人才 队伍 建设 。 人才\u{3000}工作", "基层  干部"])
        let corpus = CorpusSegmentation.segment([article], with: nil)
        #expect(corpus.segments[0].tokens.map { corpus.vocabulary.words[Int($0)] } == ["人才", "队伍", "建设", "。", "人才", "工作", "基层", "干部"])
        #expect(corpus.segments[0].sentenceEnds == [4, 6, 8])
        #expect(corpus.segments[0].paragraphEnds == [6, 8])
    }

    @Test func canonicallyEquivalentWordsStayApart() {
        let article = Article(id: "a-01", sourcePath: "/a.txt", indexInFile: 1, startLine: 1, title: "t",
                              paragraphs: ["caf\u{E9} cafe\u{301}"])
        let corpus = CorpusSegmentation.segment([article], with: nil)
        #expect(corpus.vocabulary.count == 2)
    }
}
