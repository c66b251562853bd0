import Foundation
import Testing
import Ingest
@testable import Analysis
import TestSupport

/// The binary IDF cache gives the table the text gives (jieba's, compared entry by entry with
/// the table read from the text, which `everyIDFEntryEqualsJiebas` compares with jieba's loader);
/// a damaged cache or a changed IDF file is read from the text again.
@Suite struct IDFCacheTests {
    static func folder() throws -> String {
        try Scratch.folder("idf-cache").path
    }

    func cacheFiles(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("idf-") }.sorted()
    }

    @Test func jiebasTableComesBackWholeFromTheCache() throws {
        let cache = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let text = try ArticleKeywordTests.idf.get()
        let first = try IDFTable(contentsOf: IDFTable.jiebaPath, cacheDirectory: cache)
        let files = try cacheFiles(cache)
        #expect(files.count == 1 && files[0].hasSuffix(".bin"))
        let second = try IDFTable(contentsOf: IDFTable.jiebaPath, cacheDirectory: cache)
        #expect(first == text && second == text)
        #expect(second.count > 250_000 && second.median.bitPattern == text.median.bitPattern)
        #expect(second.idf(of: "人才") == text.idf(of: "人才") && second.idf(of: "没有这个词语") == text.median)
        // The cache is what was read: decoding it gives the table.
        let data = try Data(contentsOf: URL(fileURLWithPath: cache + "/" + files[0]))
        #expect(IDFCache.decode(data) == text)
    }

    @Test func damagedCacheFilesAreNotUsed() throws {
        let cache = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let source = cache + "/idf.txt"
        try Data("人才 10.5\n干部 3.25\n基层 7\n".utf8).write(to: URL(fileURLWithPath: source))
        let table = try IDFTable(contentsOf: source, cacheDirectory: cache)
        let file = cache + "/" + (try cacheFiles(cache)[0])
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(IDFCache.decode(data) == table)
        for length in [0, 8, 47, 48, data.count / 2, data.count - 64, data.count - 1] {
            #expect(IDFCache.decode(data.prefix(length)) == nil, "\(length)")
        }
        for offset in [0, 9, 20, 60, data.count / 2, data.count - 70, data.count - 1] {
            var flipped = data
            flipped[offset] ^= 0x01
            #expect(IDFCache.decode(flipped) == nil, "\(offset)")
        }
        // A cache file made valid again around wrong parts (checksum recomputed): the structure check refuses it.
        var body = [UInt8](data.prefix(data.count - 64))
        body[48] = 0x05  // the first word end: no longer 0
        #expect(IDFCache.decode(Data(body) + Data(sha256(Data(body)).utf8)) == nil)
        // A damaged file in place is passed over and the text read again.
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: file))
        #expect(try IDFTable(contentsOf: source, cacheDirectory: cache) == table)
        // Another content is another cache file; the table is the new one.
        try Data("人才 1\n".utf8).write(to: URL(fileURLWithPath: source))
        let changed = try IDFTable(contentsOf: source, cacheDirectory: cache)
        #expect(changed == IDFTable(values: ["人才": 1]))
        #expect(try cacheFiles(cache).count == 2)
        // Errors are those of the text.
        try Data("人才 五\n".utf8).write(to: URL(fileURLWithPath: source))
        #expect(throws: AnalysisError.badIDFLine(path: source, line: 1, text: "人才 五")) {
            try IDFTable(contentsOf: source, cacheDirectory: cache)
        }
        #expect(throws: AnalysisError.self) { try IDFTable(contentsOf: cache + "/missing.txt", cacheDirectory: cache) }
    }
}
