import Foundation
import Testing
@testable import Segmentation

@Suite struct SentenceSplitterTests {
    @Test func chineseSentenceEnds() {
        #expect(SentenceSplitter.split("人才是第一资源。干部要担当！基层呢？") == ["人才是第一资源。", "干部要担当！", "基层呢？"])
    }

    @Test func closingQuoteStaysWithItsSentence() {
        #expect(SentenceSplitter.split("他说：“好。”我们走吧！") == ["他说：“好。”", "我们走吧！"])
        #expect(SentenceSplitter.split("（见附件。）下一句。") == ["（见附件。）", "下一句。"])
    }

    @Test func runsOfEndMarksCountOnce() {
        #expect(SentenceSplitter.split("真的吗？！是的……好。") == ["真的吗？！", "是的……", "好。"])
    }

    @Test func latinSentencesAndDecimals() {
        #expect(SentenceSplitter.split("GDP grew 3.5 percent. Then it fell.") == ["GDP grew 3.5 percent.", "Then it fell."])
        #expect(SentenceSplitter.split("增长3.5%。") == ["增长3.5%。"])
    }

    @Test func semicolonsOnlyWhenAsked() {
        #expect(SentenceSplitter.split("一是抓党建；二是抓发展。") == ["一是抓党建；二是抓发展。"])
        #expect(SentenceSplitter.split("一是抓党建；二是抓发展。", splitAtSemicolon: true) == ["一是抓党建；", "二是抓发展。"])
    }

    @Test func textWithoutEndMarkIsOneSentence() {
        #expect(SentenceSplitter.split("  标题没有句号  ") == ["标题没有句号"])
        #expect(SentenceSplitter.split("") == [])
    }

    /// The ends `split` gives, as byte offsets: what `sentenceEnds` must equal.
    static func splitEnds(_ text: String, semicolon: Bool) -> [Int] {
        SentenceSplitter.split(text[...], splitAtSemicolon: semicolon).map { text.utf8.distance(from: text.startIndex, to: $0.endIndex) }
    }

    @Test func sentenceEndsAreSplitsEnds() {
        #expect(SentenceSplitter.sentenceEnds("好。 走吧！") == [6, 16])
        #expect(SentenceSplitter.sentenceEnds("  标题没有句号  ") == [20])
        #expect(SentenceSplitter.sentenceEnds("") == [])
        #expect(SentenceSplitter.sentenceEnds("一是；二是。", splitAtSemicolon: true) == [9, 18])
    }

    /// Bytes that are not UTF-8 (cut off in a character, a stray continuation byte) are never read
    /// beyond their end (this build checks every read of the buffer); each is one U+FFFD to `split`.
    @Test func bytesCutOffInACharacterAreNotReadBeyond() {
        for bytes: [UInt8] in [[0xE4], [0xF0, 0x9F], [0x80], [0xC3], Array("好。".utf8) + [0xE4, 0xBA], Array("好".utf8) + [0xF0]] {
            let ends = bytes.withUnsafeBufferPointer { SentenceSplitter.sentenceEnds(utf8: $0) }
            #expect(ends == Self.splitEnds(String(decoding: bytes, as: UTF8.self), semicolon: false), "\(bytes)")
        }
    }

    /// Random text from an alphabet with every case the byte walk decides itself and every kind
    /// of scalar it hands to `split` (combining and spacing marks, ZWJ, emoji modifiers, prepended signs).
    @Test func sentenceEndsAgreeWithSplitOnRandomText() {
        let alphabet = ["人", "才", "。", "！", "？", "!", ".", "…", "”", "）", "」", " ", "\u{3000}", "\t", "\r\n", "\n", "\r", "a", "3",
                        "；", ";", "\u{301}", "\u{200D}", "🏻", "\u{0600}", "\u{0E33}", "\u{85}", "\u{A0}", "\u{1C}", "，", "\u{2028}",
                        "ก", "👍", "\u{FE0F}", "\u{302A}", "\u{3099}", "\u{200B}", "\u{1100}", "\u{1161}", "🇨", "🇳", "﹒", "\u{20}\u{301}"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let semicolon = round % 2 == 0
            let ends = SentenceSplitter.sentenceEnds(text, splitAtSemicolon: semicolon)
            let expected = Self.splitEnds(text, semicolon: semicolon)
            #expect(ends == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if ends != expected { return }
        }
    }

    /// Every line of the seed and of the bench documents, split both ways.
    @Test func sentenceEndsAgreeWithSplitOnRealText() throws {
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
        var files = [shared.appendingPathComponent("corpus/seed/000_456eef7012d4fdcb.txt")]
        let bench = shared.appendingPathComponent("bench")
        for folder in try FileManager.default.contentsOfDirectory(atPath: bench.path).sorted() {
            let path = bench.appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path.path) else { continue }
            files += names.filter { $0.hasSuffix(".txt") }.sorted().map { path.appendingPathComponent($0) }
        }
        var lines = 0
        for file in files {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
                let text = String(line)
                lines += 1
                let ends = SentenceSplitter.sentenceEnds(text)
                guard ends == Self.splitEnds(text, semicolon: false), SentenceSplitter.sentenceEnds(text, splitAtSemicolon: true) == Self.splitEnds(text, semicolon: true) else {
                    Issue.record("\(file.lastPathComponent): \(text)")
                    return
                }
            }
        }
        #expect(files.count > 50 && lines > 10_000)
    }
}
