import Foundation
import Testing

@testable import Segmentation
import TestSupport

/// `explain`: whether and why a word is kept whole.
@Suite struct ExplainTests {
    @Test func wordThatJiebaSplits() throws {
        let segmenter = try realSegmenter.get()
        let explanation = segmenter.explain("双招双引")
        #expect(!explanation.isKeptWhole)
        #expect(explanation.tokens == ["双招", "双引"])
        #expect(explanation.frequency == nil)
        #expect(explanation.definitions.isEmpty)
        #expect(explanation.route.map(\.text) == ["双", "招", "双", "引"])
        #expect(explanation.description.hasPrefix("双招双引: split as 双招 / 双引 (HMM on)\n"
            + "  not in the dictionary (neither the main dictionary nor any user dictionary)\n"))
        #expect(explanation.description.contains("the HMM re-cut the single characters"))
        #expect(explanation.description.contains("add the line \"双招双引\" to a user dictionary"))
    }

    @Test func dictionaryWordKeptWhole() throws {
        let segmenter = try realSegmenter.get()
        let explanation = segmenter.explain("清华大学")
        #expect(explanation.isKeptWhole)
        #expect(explanation.frequency == 922)
        #expect(explanation.definitions == [.init(
            path: jiebaDirectory + "/dict.txt", line: 209_121, text: "清华大学 922 nt")])
        #expect(explanation.route.map(\.text) == ["清华大学"])
        #expect(explanation.bestSplit?.map(\.text) == ["清华", "大学"])
    }

    @Test func userDictionaryWordShowsItsLine() throws {
        let segmenter = try partyBuildingSegmenter.get()
        let explanation = segmenter.explain("英才卡")
        #expect(explanation.isKeptWhole)
        #expect(explanation.definitions.count == 1)
        #expect(explanation.definitions.first?.path.hasSuffix(partyBuildingDictionaryPath) == true)
        #expect(explanation.definitions.first?.line == 2)
        #expect(explanation.definitions.first?.text == "英才卡 nz")
    }

    /// A word deleted by a user dictionary (frequency 0): the advice is to remove that line.
    @Test func deletedWordPointsAtTheLineThatDeletesIt() throws {
        let folder = try Scratch.folder("explain")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dictionary = folder.appendingPathComponent("delete.txt")
        try Data("# 删去\n人才 0\n".utf8).write(to: dictionary)
        let segmenter = try Segmenter(options: .init(userDictionaryPaths: [dictionary.path], cacheDirectory: sharedCacheDirectory))
        let text = segmenter.explain("人才").description
        #expect(text.contains("deleted: its frequency is 0"))
        #expect(text.contains("to keep it whole, remove the line that deletes it (\(dictionary.path):2: 人才 0)"), "\(text)")
        #expect(!text.contains("add the line"))
    }

    @Test func wordWithASpaceCanNeverBeWhole() throws {
        let explanation = try realSegmenter.get().explain("New York")
        #expect(explanation.blockingScalar == " ")
        #expect(explanation.description == """
            New York: split as New /   / York (HMM on)
              it contains U+0020 " ", white space: jieba cuts text apart there before looking words up \
            (word characters are Han \\u4E00-\\u9FD5, ASCII letters and digits and + # & . _ % -), \
            so no dictionary entry can keep it whole
            """)
    }
}
