import Foundation
import Testing

@testable import Segmentation

/// The binary model cache: used when intact and current, rebuilt otherwise, never trusted blindly.
@Suite struct CacheTests {
    static let dictionary = "北京 100\n北 10\n京 10\n大学 50\n北京大学 20\n大 30\n学 20\n"

    /// A tiny model with the HMM of `HMMTests` and caching on, in a fresh directory.
    static func options(in directory: String, dictionary: String = dictionary) throws -> Segmenter.Options {
        var options = try TinyModel(
            directory: directory, dictionary: dictionary, hmm: (HMMTests.start, HMMTests.transition, HMMTests.emission),
            userDictionaries: ["京大 3\n"]
        ).options
        options.usesCache = true
        options.cacheDirectory = directory + "/cache"
        return options
    }

    static func cachePath(of segmenter: Segmenter) -> String? {
        switch segmenter.modelSource {
        case .cache(let path): return path
        case .compiled(let path, _): return path
        }
    }

    @Test func secondLoadReadsTheCacheAndCutsTheSame() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let options = try Self.options(in: directory)
        let first = try Segmenter(options: options)
        guard case .compiled(let path?, nil) = first.modelSource else {
            Issue.record("expected a compiled model saved to the cache, got \(first.modelSource)")
            return
        }
        #expect(path.hasPrefix(directory + "/cache/jieba-") && path.hasSuffix(".model"))
        let second = try Segmenter(options: options)
        #expect(second.modelSource == .cache(path: path))
        for text in ["北京大学", "京大学", "甲乙丙", "丙甲乙北京"] {
            #expect(words(second, text) == words(first, text))
        }
        #expect(second.totalFrequency == first.totalFrequency)
        #expect(second.frequency(of: "京大") == 3)
    }

    /// A model read from the cache reads the file's mapped pages: it keeps cutting the same after
    /// the cache file is replaced (as another run's write does, by a rename) and removed (as pruning
    /// does), and after every other reference to the mapping is gone.
    @Test func mappedCacheOutlivesItsFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let options = try Self.options(in: directory)
        let first = try Segmenter(options: options)
        let path = try #require(Self.cachePath(of: first))
        let texts = ["北京大学", "京大学", "甲乙丙", "丙甲乙北京", "北京大学甲乙丙京大"]
        let expected = texts.map { words(first, $0) }
        var second: Segmenter? = try Segmenter(options: options)
        #expect(second?.modelSource == .cache(path: path))
        // Replaced by a rename, then removed.
        let replacement = path + ".new"
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: replacement))
        #expect(rename(replacement, path) == 0)
        #expect(unlink(path) == 0)
        let copy = second!
        second = nil
        #expect(texts.map { words(copy, $0) } == expected)
        #expect(copy.frequency(of: "京大") == 3 && copy.totalFrequency == first.totalFrequency)
    }

    @Test(arguments: ["flip", "truncate", "version", "magic", "empty", "key"])
    func damagedCacheIsRebuilt(damage: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let options = try Self.options(in: directory)
        let first = try Segmenter(options: options)
        let path = try #require(Self.cachePath(of: first))
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        switch damage {
        case "flip": bytes[bytes.count / 2] ^= 0x40
        case "truncate": bytes.removeLast(bytes.count / 3)
        case "version": bytes[8] &+= 1
        case "magic": bytes[0] = 0x58
        case "empty": bytes = []
        default: bytes[16] ^= 1  // the key of another set of sources
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let second = try Segmenter(options: options)
        #expect(second.modelSource == .compiled(cachePath: path, cacheError: nil))
        #expect(words(second, "北京大学甲乙丙") == words(first, "北京大学甲乙丙"))
        #expect(try Segmenter(options: options).modelSource == .cache(path: path))
    }

    @Test func changedSourceMissesTheOldCache() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let options = try Self.options(in: directory)
        let before = try Segmenter(options: options)
        try write(Self.dictionary.replacingOccurrences(of: "北京大学 20", with: "北京大学 25"), to: "dict.txt", in: directory)
        let after = try Segmenter(options: options)
        guard case .compiled(let newPath?, nil) = after.modelSource else {
            Issue.record("a changed dictionary must be compiled again, got \(after.modelSource)")
            return
        }
        #expect(newPath != Self.cachePath(of: before))
        #expect(words(before, "北京大学") == ["北京", "大学"])
        #expect(words(after, "北京大学") == ["北京大学"])
    }

    @Test func wellFormedButInconsistentCacheIsRefused() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let options = try Self.options(in: directory)
        let segmenter = try Segmenter(options: options)
        let model = segmenter.model
        // A trie whose child ranges point past the end, with a valid header and checksum.
        let firstChild = model.dictionary.firstChild.array.map { $0 == 1 ? 1 : $0 + 5 }
        let broken = SegmentationModel(
            dictionary: CompiledDictionary(
                labels: model.dictionary.labels, firstChild: FlatBuffer(firstChild),
                frequencies: model.dictionary.frequencies, weights: model.dictionary.weights,
                forceSplitNodes: [], total: model.dictionary.total,
                tags: model.dictionary.tags, tagNames: model.dictionary.tagNames),
            hmm: model.hmm, diagnostics: [])
        let bytes = ModelCache.encode(broken, key: 42)
        #expect(bytes.withUnsafeBytes { ModelCache.decode($0, key: 42) } == nil)
        let good = ModelCache.encode(model, key: 42)
        #expect(good.withUnsafeBytes { ModelCache.decode($0, key: 42) } != nil)
        #expect(good.withUnsafeBytes { ModelCache.decode($0, key: 43) } == nil)
    }

    @Test func unwritableCacheDirectoryStillLoads() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        var options = try Self.options(in: directory)
        let blocker = try write("not a directory", to: "blocker", in: directory)
        options.cacheDirectory = blocker + "/cache"
        let segmenter = try Segmenter(options: options)
        guard case .compiled(nil, let error?) = segmenter.modelSource else {
            Issue.record("expected a cache error, got \(segmenter.modelSource)")
            return
        }
        #expect(error.hasPrefix("\(blocker)/cache/jieba-") && error.contains(": cannot write the model cache: "))
        #expect(words(segmenter, "北京大学") == ["北京", "大学"])
    }

    @Test func oldModelsArePrunedWhenANewOneIsWritten() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let options = try Self.options(in: directory)
        let cache = directory + "/cache"
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        for index in 0..<10 {
            let path = try write("old", to: "jieba-old\(index).model", in: cache)
            let date = Date(timeIntervalSinceNow: -Double(1000 - index))
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
        }
        try write("keep", to: "notes.txt", in: cache)
        let segmenter = try Segmenter(options: options)
        let names = try FileManager.default.contentsOfDirectory(atPath: cache).sorted()
        let newest = try #require(Self.cachePath(of: segmenter)).split(separator: "/").last.map(String.init)
        #expect(names.count == ModelLoader.cachedModelLimit + 1)
        #expect(names.contains("notes.txt") && names.contains(newest ?? ""))
        #expect(!names.contains("jieba-old0.model") && names.contains("jieba-old9.model"))
    }

    @Test func defaultCacheDirectoryFollowsXDG() {
        #expect(Segmenter.Options.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"])
            == "/x/cache/cipin")
        #expect(Segmenter.Options.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"])
            == "/home/u/.cache/cipin")
        #expect(Segmenter.Options.defaultCacheDirectory(environment: ["HOME": "/home/u"]) == "/home/u/.cache/cipin")
    }

    @Test func contentHashSeesEveryWordAndTheLength() {
        func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { ContentHash.hash($0) } }
        let base = Array("北京大学 20 nt\n".utf8)
        var seen: Set<UInt64> = [hash(base)]
        for index in base.indices {
            var changed = base
            changed[index] ^= 1
            seen.insert(hash(changed))
        }
        seen.insert(hash(base + [0]))
        seen.insert(hash(Array(base.dropLast())))
        #expect(seen.count == base.count + 3)
        #expect(hash([]) != hash([0]))
    }
}
