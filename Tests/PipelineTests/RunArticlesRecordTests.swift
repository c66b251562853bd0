import Analysis
import Foundation
import Testing
@testable import Pipeline

/// A run's articles as one record in the store (`run_articles`): read back as written, and every
/// damage refused rather than read as fewer or other articles.
@Suite struct RunArticlesRecordTests {
    static let rows: [RunRecord.ArticleRow] = [
        .init(id: "f2fce93968eb-01", title: "集聚引领县域跨越发展的精锐之师", author: "张贤永", region: "宿迁市宿豫区", date: "2021-11-11",
              sourcePath: "/corpus/seed.txt", characters: 1515, tokens: 836,
              bodyHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
              fields: ["title": "集聚引领县域跨越发展的精锐之师", "author": "张贤永", "region": "宿迁市宿豫区", "period": "早"]),
        .init(id: "f2fce93968eb-02", title: "精准发力促担当", author: "孙红", region: "建湖县", date: "2021-10-27",
              sourcePath: "/corpus/seed.txt", characters: 1342, tokens: 792, bodyHash: "",
              fields: ["title": "精准发力促担当", "period": "晚", "source": "新华日报"]),
        .init(id: "0a1b2c3d4e5f-01", title: "", author: "", region: "宿迁市宿豫区", date: "",
              sourcePath: "/corpus/二.txt", characters: 0, tokens: 0,
              bodyHash: "00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff", fields: [:]),
    ]

    static func same(_ a: [RunRecord.ArticleRow], _ b: [RunRecord.ArticleRow]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.id == y.id && x.title == y.title && x.author == y.author && x.region == y.region && x.date == y.date
                && x.sourcePath == y.sourcePath && x.characters == y.characters && x.tokens == y.tokens && x.bodyHash == y.bodyHash
                && x.fields == y.fields
        }
    }

    @Test func readsBackWhatWasWritten() throws {
        let record = RunRecord.articlesRecord(Self.rows)
        #expect(Self.same(try RunRecord.articles(stored: record), Self.rows))
        #expect(try RunRecord.articles(stored: RunRecord.articlesRecord([])).isEmpty)
        // Values that repeat are written once: the second file's path is there once, the region of
        // two rows once in the regions and once in the metadata fields' regions.
        let text = String(decoding: record, as: UTF8.self)
        #expect(text.components(separatedBy: "/corpus/seed.txt").count == 2 && text.components(separatedBy: "宿迁市宿豫区").count == 3)
        #expect(text.components(separatedBy: "早").count == 2)
        // A body hash that is not 64 lowercase hex digits is not kept (none is written so).
        var odd = Self.rows
        odd[0].bodyHash = "ABC"
        #expect(try RunRecord.articles(stored: RunRecord.articlesRecord(odd))[0].bodyHash == "")
        // Rows made without fields (none known) read back with none.
        var bare = Self.rows
        for index in bare.indices { bare[index].fields = nil }
        #expect(try RunRecord.articles(stored: RunRecord.articlesRecord(bare)).allSatisfy { $0.fields == [:] })
    }

    @Test func damageIsRefused() throws {
        let record = RunRecord.articlesRecord(Self.rows)
        for length in 0..<record.count {
            #expect(throws: (any Error).self, "cut at \(length)") { try RunRecord.articles(stored: record.prefix(length)) }
        }
        #expect(throws: (any Error).self) { try RunRecord.articles(stored: record + Data([0])) }
        // A changed magic.
        var bytes = [UInt8](record)
        let magic = Array("cipin-run-articles-3".utf8)
        #expect(Array(bytes[1..<(1 + magic.count)]) == magic)
        bytes[1] ^= 0x01
        #expect(throws: (any Error).self) { try RunRecord.articles(stored: Data(bytes)) }
        // Any one bit changed, anywhere: the checksum refuses what would still parse (a date
        // index 4 made 0 was read as a changed date, found by fuzzing).
        for position in 0..<record.count {
            for bit in [0, 3, 7] {
                var changed = [UInt8](record)
                changed[position] ^= UInt8(1 << bit)
                #expect(throws: (any Error).self, "byte \(position) bit \(bit)") { try RunRecord.articles(stored: Data(changed)) }
            }
        }
        // A record of one article written by hand, as earlier Cipins wrote them, without a checksum:
        // `-1` (ending with the hash flags) without `fields`, `-2` with the fields `fields` names,
        // each of value 甲 (its index `fieldIndex`).
        func made(index: Int = 0, flag: Int = 0, fields: [String]? = nil, fieldIndex: Int = 0) -> Data {
            var writer = BinaryWriter()
            writer.compactString(fields == nil ? "cipin-run-articles-1" : "cipin-run-articles-2")
            writer.compactStrings(["a-01"])
            writer.compactStrings(["题"])
            for _ in 0..<4 {
                writer.compactStrings(["值"])
                writer.compactIntegers([index])
            }
            writer.compactIntegers([5])
            writer.compactIntegers([3])
            writer.compactIntegers([flag])
            if let fields {
                writer.compactStrings(fields)
                for _ in fields {
                    writer.compactStrings(["甲"])
                    writer.compactIntegers([fieldIndex])
                }
            }
            return writer.data
        }
        // An index past a field's values, a hash flag other than 0 and 1; the same record with
        // index 0 and flag 0 reads. (A record of an earlier Cipin, `-1`, has no fields: they read as not known.)
        #expect(try RunRecord.articles(stored: made()).map(\.region) == ["值"])
        #expect(try RunRecord.articles(stored: made()).map(\.fields) == [nil])
        #expect(throws: (any Error).self) { try RunRecord.articles(stored: made(index: 1)) }
        #expect(throws: (any Error).self) { try RunRecord.articles(stored: made(flag: 2)) }
        // The fields' names out of order or twice, and a value index past the values, are refused;
        // the same record with names in order reads.
        func withFields(_ names: [String], index: Int = 0) -> Data { made(fields: names, fieldIndex: index) }
        #expect(try RunRecord.articles(stored: withFields(["period", "source"])).map(\.fields) == [["period": "甲", "source": "甲"]])
        #expect(throws: (any Error).self) { try RunRecord.articles(stored: withFields(["source", "period"])) }
        #expect(throws: (any Error).self) { try RunRecord.articles(stored: withFields(["period", "period"])) }
        #expect(throws: (any Error).self) { try RunRecord.articles(stored: withFields(["period"], index: 1)) }
    }

    /// A run's word frequencies (`run_terms`) end with a checksum too; an earlier Cipin's `-1`
    /// record, without one, still reads.
    @Test func termsRecordsAreChecked() throws {
        let table = FrequencyTable(words: ["人才", "的", "干部", "基层"], counts: [5, 0, 2, 1_000_000_000_000], total: 1_000_000_000_007)
        let record = RunRecord.termsRecord(table)
        let (words, counts) = try RunRecord.terms(stored: record)
        #expect(words == ["人才", "干部", "基层"] && counts == [5, 2, 1_000_000_000_000])
        for position in 0..<record.count {
            var changed = [UInt8](record)
            changed[position] ^= 0x10
            #expect(throws: (any Error).self, "byte \(position)") { try RunRecord.terms(stored: Data(changed)) }
        }
        var writer = BinaryWriter()
        writer.string(RunRecord.termsMagicWithoutChecksum)
        writer.strings(["人才", "干部"])
        writer.integer(3)
        writer.integer(1)
        #expect(try RunRecord.terms(stored: writer.data) == (["人才", "干部"], [3, 1]))
        writer.integer(1)
        #expect(throws: (any Error).self) { try RunRecord.terms(stored: writer.data) }
    }
}
