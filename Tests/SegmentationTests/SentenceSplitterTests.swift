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
}
