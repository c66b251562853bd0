import Foundation
import Testing
@testable import Analysis

@Suite struct TokenFilterTests {
    @Test func tokenClasses() {
        for word in ["，", "。", "“", "……", "——", "%", "+", "《", "》", "、", "(", "・"] {
            #expect(TokenClass.of(word) == .punctuation, "\(word)")
        }
        for word in ["2021", "３", "3.5", "12.5%", "１０％", "-2", "0.5‰", "２０２１"] {
            #expect(TokenClass.of(word) == .number, "\(word)")
        }
        // Chinese numerals, ordinals, mixed tokens and malformed numbers are words.
        for word in ["三", "二十", "第一", "2021年", "U.S.", "3.", ".5", "3..5", "人才", "GDP", "5G"] {
            #expect(TokenClass.of(word) == .word, "\(word)")
        }
        for word in [" ", "\u{3000}", "\n", "\t "] {
            #expect(TokenClass.of(word) == .whitespace, "\(word.unicodeScalars.map(\.value))")
        }
    }

    @Test func stopWordFileFormat() {
        let list = StopWords(parsing: "\u{FEFF}# comment\n的\n  了  \n\n在 # inline comment\r\n是\n")
        #expect(list.words == ["的", "了", "在", "是"])
    }

    @Test func shippedListLoads() throws {
        let list = try StopWords(contentsOf: AnalysisFixtures.stopWordFile.path)
        #expect(list.words.count > 200 && list.words.count < 400)
        for word in ["的", "了", "在", "是", "和", "与", "及", "等", "把", "对", "中", "为", "以"] {
            #expect(list.contains(word), "\(word)")
        }
        // Content words of the corpus are never stop words.
        for word in ["人才", "发展", "工作", "建设", "干部", "推进"] {
            #expect(!list.contains(word), "\(word)")
        }
        #expect(!list.words.contains { $0.contains("#") || $0.contains(" ") })
    }

    @Test func missingListIsNamed() {
        #expect(throws: AnalysisError.self) { try StopWords(contentsOf: "/nonexistent/stopwords.txt") }
        do {
            _ = try StopWords(contentsOf: "/nonexistent/stopwords.txt")
        } catch {
            #expect((error as? AnalysisError)?.errorDescription?.hasPrefix("/nonexistent/stopwords.txt: cannot read the file: ") == true)
        }
    }

    @Test func filterLeavesOutClassesAndStopWords() {
        let filter = TermFilter(stopWords: StopWords(["的"]), excludePunctuation: true, excludeNumbers: true)
        #expect(!filter.admits("的", class: .word))
        #expect(!filter.admits("，", class: .punctuation))
        #expect(!filter.admits("2021", class: .number))
        #expect(!filter.admits(" ", class: .whitespace))
        #expect(filter.admits("人才", class: .word))
        #expect(TermFilter.none.admits("，", class: .punctuation))
        #expect(!TermFilter.none.admits(" ", class: .whitespace))
    }
}
