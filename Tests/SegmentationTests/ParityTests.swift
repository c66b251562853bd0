import Foundation
import Testing

@testable import Segmentation

/// The same words as jieba 0.42.1 itself (run with /usr/bin/python3), line for line.
@Suite(.serialized) struct ParityTests {
    static func seedLines() throws -> [String] {
        try String(contentsOfFile: seedCorpusPath, encoding: .utf8).components(separatedBy: "\n")
    }

    /// Asserts that at least 99.9% of lines agree, and lists the first disagreements.
    static func expectParity(_ result: (compared: Int, differences: [String]), _ name: String) {
        let agreeing = Double(result.compared - result.differences.count) / Double(max(result.compared, 1))
        let sample = result.differences.prefix(5).joined(separator: "\n")
        #expect(agreeing >= 0.999, "\(name): \(result.differences.count) of \(result.compared) lines differ:\n\(sample)")
        #expect(result.differences.isEmpty, "\(name): first difference:\n\(result.differences.first ?? "")")
    }

    @Test func seedCorpusWithHMM() throws {
        let lines = try Self.seedLines()
        #expect(lines.count > 1000)
        Self.expectParity(try parityDifferences(try realSegmenter.get(), lines, hmm: true), "seed, HMM on")
    }

    @Test func seedCorpusWithoutHMM() throws {
        Self.expectParity(
            try parityDifferences(try realSegmenterWithoutHMM.get(), try Self.seedLines(), hmm: false), "seed, HMM off")
    }

    @Test func generatedEdgeCasesWithHMM() throws {
        let lines = edgeCaseLines(count: 2500, seed: 20_211_111)
        Self.expectParity(try parityDifferences(try realSegmenter.get(), lines, hmm: true), "edge cases, HMM on")
    }

    @Test func generatedEdgeCasesWithoutHMM() throws {
        let lines = edgeCaseLines(count: 1500, seed: 42)
        Self.expectParity(
            try parityDifferences(try realSegmenterWithoutHMM.get(), lines, hmm: false), "edge cases, HMM off")
    }

    @Test func seedAndEdgeCasesWithPartyBuildingDictionary() throws {
        let lines = try Self.seedLines() + edgeCaseLines(count: 500, seed: 7)
        let path = packageRoot + "/" + partyBuildingDictionaryPath
        Self.expectParity(
            try parityDifferences(try partyBuildingSegmenter.get(), lines, hmm: true, userDictionaries: [path]),
            "seed and edge cases, party-building dictionary")
    }

    @Test func generatedUserDictionary() throws {
        // Words cut out of seed lines (2 to 5 characters), some without frequency (suggest_freq),
        // some deleted (0), some with tags, with a byte-order mark and CRLF line ends.
        var random = SeededGenerator(state: 99)
        let seed = try Self.seedLines().filter { $0.unicodeScalars.count >= 6 }
        var entries: [String] = []
        for _ in 0..<300 {
            let scalars = Array(seed.randomElement(using: &random)!.unicodeScalars)
            let length = Int.random(in: 2...5, using: &random)
            let start = Int.random(in: 0...(scalars.count - length), using: &random)
            var word = ""
            word.unicodeScalars.append(contentsOf: scalars[start..<(start + length)])
            guard !word.unicodeScalars.contains(where: { Segmenter.isWhitespace($0) }), !word.hasPrefix("#") else { continue }
            switch Int.random(in: 0..<6, using: &random) {
            case 0: entries.append(word)
            case 1: entries.append("\(word) 0")
            case 2: entries.append("\(word) \(Int.random(in: 1...50_000, using: &random)) n")
            case 3: entries.append("\(word) nz")
            default: entries.append("\(word) \(Int.random(in: 1...500, using: &random))")
            }
        }
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = try write("\u{FEFF}" + entries.joined(separator: "\r\n") + "\r\n", to: "user.txt", in: directory)
        let lines = try Self.seedLines() + edgeCaseLines(count: 300, seed: 5)
        for hmm in [true, false] {
            let segmenter = try Segmenter(options: .init(
                userDictionaryPaths: [path], usesHMM: hmm, usesCache: false))
            Self.expectParity(
                try parityDifferences(segmenter, lines, hmm: hmm, userDictionaries: [path]),
                "generated user dictionary, HMM \(hmm ? "on" : "off")")
        }
    }

    @Test func handPickedEdges() throws {
        let lines = [
            "", " ", "\r\n", "a\r\nb", "\r\r\n\n", "　全角空格　", "２０２１年１１月", "ＣＯＶＩＤ－１９疫情",
            "增长3.5%，达到12.8万亿元", "GDP增长6.1%。", "iPhone12和C++、C#、AT&T", "1.2.3.4版本", "x86_64架构",
            "😀表情👍🏽和👨‍👩‍👧", "𠀀𠀁汉字扩展B", "中文English混合Text123", "……——！！！？？？", "《人民日报》（海外版）",
            "e\u{301}和é", "\u{FEFF}开头", "零宽\u{200B}空格", "制表\t符", "a.b.c", ".5%", "100%%", "--版本--",
            "我来到北京清华大学", "他来到了网易杭研大厦", "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
        ]
        Self.expectParity(try parityDifferences(try realSegmenter.get(), lines, hmm: true), "hand-picked, HMM on")
        Self.expectParity(
            try parityDifferences(try realSegmenterWithoutHMM.get(), lines, hmm: false), "hand-picked, HMM off")
    }
}
