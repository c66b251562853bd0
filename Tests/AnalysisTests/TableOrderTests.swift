import Foundation
import Testing
@testable import Analysis

/// `sortedForTable` and `TableKey` against comparisons written out directly.
@Suite struct TableOrderTests {
    @Test func keysKeepTheOrderOfNumbers() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1, -1, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.1, 0.30000000000000004, 0.3]
        for _ in 0..<2_000 { values.append(Double.random(in: -1e6...1e6, using: &generator)) }
        for _ in 0..<200 { values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))) }
        let numbers = values.filter { !$0.isNaN }
        for _ in 0..<20_000 {
            let x = numbers.randomElement(using: &generator)!, y = numbers.randomElement(using: &generator)!
            #expect((TableKey.ascending(x) < TableKey.ascending(y)) == (x < y), "\(x) \(y)")
            #expect((TableKey.ascending(x) == TableKey.ascending(y)) == (x == y), "\(x) \(y)")
            #expect((TableKey.descending(x) < TableKey.descending(y)) == (x > y), "\(x) \(y)")
        }
        // NaN after every number, either way.
        for value in numbers.prefix(100) {
            #expect(TableKey.ascending(value) < TableKey.ascending(Double.nan))
            #expect(TableKey.descending(value) < TableKey.descending(Double.nan))
        }
        let integers = [Int.min, -5, -1, 0, 1, 7, Int.max] + (0..<500).map { _ in Int.random(in: -1_000...1_000, using: &generator) }
        for x in integers {
            for y in integers.prefix(40) {
                #expect((TableKey.ascending(x) < TableKey.ascending(y)) == (x < y))
                #expect((TableKey.descending(x) < TableKey.descending(y)) == (x > y))
            }
        }
    }

    /// Rows with many ties in both keys and words that share their first eight bytes or more
    /// (so the full comparison decides), against a sort by the same rule written as one comparison.
    @Test func sortsAsTheRuleSays() {
        struct Item: Equatable { var word: String; var score: Double; var count: Int }
        var generator = SystemRandomNumberGenerator()
        let stems = ["人才", "人才队伍", "人才队伍建设", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgh\u{F900}", "abcdefgh\u{8C48}", "豈", "\u{F900}"]
        var seen = Set<[UInt8]>()
        var items: [Item] = []
        while items.count < 3_000 {
            let word = stems.randomElement(using: &generator)! + String(Int.random(in: 0..<400, using: &generator))
            guard seen.insert(Array(word.utf8)).inserted else { continue }
            items.append(Item(word: word, score: [0.5, -0.0, 0.0, 2, -3, 7.25].randomElement(using: &generator)!,
                              count: Int.random(in: 0..<4, using: &generator)))
        }
        let sorted = sortedForTable(items, word: \.word) { (TableKey.descending($0.score), TableKey.ascending($0.count)) }
        let expected = items.sorted { x, y in
            if x.score != y.score { return x.score > y.score }
            if x.count != y.count { return x.count < y.count }
            return Array(x.word.unicodeScalars.map(\.value)).lexicographicallyPrecedes(y.word.unicodeScalars.map(\.value))
        }
        // Compared by their bytes: String equality would not tell U+F900 from U+8C48.
        // (Words are distinct by bytes, so the words' order is the whole order.)
        #expect(sorted.map { Array($0.word.utf8) } == expected.map { Array($0.word.utf8) })
    }
}
