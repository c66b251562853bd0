import Foundation

/// jieba 0.42.1's precise mode in Swift: the same words as `jieba.cut(text, HMM=True)` (or
/// `HMM=False`), from jieba's own dictionary and HMM tables.
///
/// A segmenter is a loaded model plus its settings: a plain value, cheap to copy and safe to share
/// between threads (give each thread its own `SegmentationScratch` for the fast path).
///
///     let segmenter = try Segmenter()
///     segmenter.cut("我来到北京清华大学")    // ["我", "来到", "北京", "清华大学"]
///
/// Loading reads jieba's files from Debian's `python3-jieba` by default. The first load compiles
/// them into a binary cache under `$XDG_CACHE_HOME/cipin` (else `~/.cache/cipin`), keyed by the
/// files' contents; later loads read the cache.
public struct Segmenter: Sendable {
    /// Where the model comes from and how it is used.
    public struct Options: Sendable, Equatable {
        /// Where Debian's `python3-jieba` installs jieba.
        public static let debianJiebaDirectory = "/usr/lib/python3/dist-packages/jieba"

        /// jieba's main dictionary, lines of `word frequency tag` (default: Debian's `dict.txt`).
        public var dictionaryPath: String
        /// finalseg's `prob_start.py`.
        public var hmmStartPath: String
        /// finalseg's `prob_trans.py`.
        public var hmmTransitionPath: String
        /// finalseg's `prob_emit.py`.
        public var hmmEmissionPath: String
        /// User dictionaries in jieba's `word [frequency] [tag]` format, applied in order.
        public var userDictionaryPaths: [String]
        /// Whether runs of characters the dictionary leaves single are re-cut by the HMM (jieba's
        /// `HMM=True`, the default). Without it the HMM files are not read.
        public var usesHMM: Bool
        /// Where compiled models are cached; `nil` means `defaultCacheDirectory()`.
        public var cacheDirectory: String?
        /// Whether to read and write the model cache at all.
        public var usesCache: Bool

        /// Options for jieba's own model, as installed by Debian, with the HMM on.
        public init(
            dictionaryPath: String = Options.debianJiebaDirectory + "/dict.txt",
            hmmStartPath: String = Options.debianJiebaDirectory + "/finalseg/prob_start.py",
            hmmTransitionPath: String = Options.debianJiebaDirectory + "/finalseg/prob_trans.py",
            hmmEmissionPath: String = Options.debianJiebaDirectory + "/finalseg/prob_emit.py",
            userDictionaryPaths: [String] = [],
            usesHMM: Bool = true,
            cacheDirectory: String? = nil,
            usesCache: Bool = true
        ) {
            self.dictionaryPath = dictionaryPath
            self.hmmStartPath = hmmStartPath
            self.hmmTransitionPath = hmmTransitionPath
            self.hmmEmissionPath = hmmEmissionPath
            self.userDictionaryPaths = userDictionaryPaths
            self.usesHMM = usesHMM
            self.cacheDirectory = cacheDirectory
            self.usesCache = usesCache
        }

        /// `$XDG_CACHE_HOME/cipin` when that variable holds an absolute path, else `$HOME/.cache/cipin`.
        public static func defaultCacheDirectory(
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) -> String {
            if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
                return xdg + "/cipin"
            }
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            return home + "/.cache/cipin"
        }
    }

    /// Where a loaded model came from.
    public enum ModelSource: Sendable, Equatable {
        /// Read from the binary cache at `path`.
        case cache(path: String)
        /// Compiled from the source files, then saved at `cachePath`; when it could not be saved,
        /// `cachePath` is `nil` and `cacheError` says why (`nil` too when caching is off).
        case compiled(cachePath: String?, cacheError: String?)
    }

    /// The options the model was loaded with.
    public let options: Options
    /// Remarks about user dictionary entries that were accepted but will not take effect.
    public let diagnostics: [SegmenterDiagnostic]
    /// Whether the model was read from the cache or compiled.
    public let modelSource: ModelSource
    let model: SegmentationModel

    /// Loads jieba's model (and the user dictionaries) as `options` says.
    ///
    ///     let segmenter = try Segmenter(options: .init(userDictionaryPaths: ["Pipelines/dicts/party-building.txt"]))
    ///     segmenter.cut("深化双招双引工作")    // ["深化", "双招双引", "工作"]
    ///
    /// - Parameter options: model paths, user dictionaries, HMM and cache settings.
    /// - Throws: `SegmentationError` for a missing or unreadable file, or a malformed line (named
    ///   with its file and line number).
    /// - Complexity: with a warm cache, reading and hashing the source files and the cache (about
    ///   20 MB, tens of milliseconds); otherwise compiling them (about a second in a release build).
    public init(options: Options = Options()) throws(SegmentationError) {
        let (model, source) = try ModelLoader.load(options)
        self.options = options
        self.model = model
        self.modelSource = source
        self.diagnostics = model.diagnostics
    }

    /// Whether the HMM re-cuts what the dictionary leaves in single characters.
    public var usesHMM: Bool { model.hmm != nil }

    /// jieba's `total`: the sum of all dictionary frequencies, user dictionaries included.
    public var totalFrequency: Int128 { model.dictionary.total }

    /// jieba's `FREQ.get(word)`: the word's frequency, 0 for a string that is only the start of
    /// longer words (or a word deleted with frequency 0), `nil` for a string the dictionary lacks.
    ///
    ///     segmenter.frequency(of: "清华大学")   // 922
    public func frequency(of word: String) -> Int? {
        let scalars = word.unicodeScalars.map(\.value)
        guard !scalars.isEmpty else { return nil }
        let view = model.dictionary.view
        let node = withExtendedLifetime(model) { view.node(of: scalars) }
        return node == 0 ? nil : Int(model.dictionary.frequencies[Int(node)])
    }

    /// The word's part-of-speech tag in the dictionaries, as `jieba.posseg` gives a dictionary
    /// word (`word_tag_tab.get(word)`): the tag of its last line in the main dictionary that has
    /// one, replaced by a user dictionary's tag; `nil` for a word without a tag or not in a dictionary.
    ///
    ///     segmenter.partOfSpeech(of: "人才")   // "n"
    ///     segmenter.partOfSpeech(of: "我们")   // "r"
    public func partOfSpeech(of word: String) -> String? {
        guard !word.isEmpty else { return nil }
        let dictionary = model.dictionary
        let node = withExtendedLifetime(model) { dictionary.view.node(of: word.unicodeScalars.lazy.map(\.value)) }
        guard node != 0 else { return nil }
        let tag = Int(dictionary.tags.base[Int(node)])
        return tag == 0 ? nil : dictionary.tagNames[tag - 1]
    }

    // MARK: Cutting

    /// Cuts `text` into words, exactly as `jieba.cut(text, HMM=usesHMM)` does.
    ///
    /// The words cover the text without gaps, in order; white space comes back as words of its
    /// own (`"\r\n"` as one), as in jieba.
    ///
    ///     segmenter.cut("他来到了网易杭研大厦")   // ["他", "来到", "了", "网易", "杭研", "大厦"]
    ///
    /// - Parameter text: any text; a line at a time is the usual unit.
    /// - Returns: the words, as substrings of `text`.
    /// - Complexity: O(n·L) for n scalars and the longest dictionary word L (16).
    public func cut(_ text: String) -> [Substring] {
        cut(text[...])
    }

    /// Cuts `text` into words; see `cut(_:)` for strings.
    public func cut(_ text: Substring) -> [Substring] {
        var ends: [Int] = []
        let scratch = SegmentationScratch()
        cut(text, utf8TokenEnds: &ends, scratch: scratch)
        var words: [Substring] = []
        words.reserveCapacity(ends.count)
        let utf8 = text.utf8
        var start = utf8.startIndex
        var startOffset = 0
        for end in ends {
            let endIndex = utf8.index(start, offsetBy: end - startOffset)
            words.append(text[start..<endIndex])
            start = endIndex
            startOffset = end
        }
        return words
    }

    /// The fast path for a whole string; see `cut(_:utf8TokenEnds:scratch:)` for substrings.
    public func cut(_ text: String, utf8TokenEnds: inout [Int], scratch: SegmentationScratch) {
        cut(text[...], utf8TokenEnds: &utf8TokenEnds, scratch: scratch)
    }

    /// The fast path: cuts `text` and appends the UTF-8 offset (from the start of `text`) where
    /// each word ends to `utf8TokenEnds`; word `i` spans from the previous end (or 0) to `ends[i]`.
    ///
    ///     var ends: [Int] = []
    ///     segmenter.cut("我爱北京", utf8TokenEnds: &ends, scratch: scratch)   // ends == [3, 6, 12]
    ///
    /// - Parameters:
    ///   - text: the text to cut.
    ///   - utf8TokenEnds: receives one offset per word; existing elements are kept.
    ///   - scratch: working memory, reused across calls; not shared between threads.
    /// - Complexity: O(n·L); no allocation once the scratch and the array have grown.
    public func cut(_ text: Substring, utf8TokenEnds: inout [Int], scratch: SegmentationScratch) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            // A Swift string is always valid UTF-8.
            try? cut(utf8: bytes, utf8TokenEnds: &utf8TokenEnds, scratch: scratch)
        }
        if done == nil {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                try? cut(utf8: buffer, utf8TokenEnds: &utf8TokenEnds, scratch: scratch)
            }
        }
    }

    /// The fast path on raw UTF-8 bytes; see `cut(_:utf8TokenEnds:scratch:)`.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 text.
    ///   - utf8TokenEnds: receives the byte offset where each word ends.
    ///   - scratch: working memory, reused across calls.
    ///   - path: the file named in the error when `bytes` are not UTF-8.
    ///   - line: the line number named in that error.
    /// - Throws: `SegmentationError.inputNotUTF8` at the first invalid byte; nothing is appended then.
    ///
    /// Afterwards `scratch.possegRuns` says which of this call's words `jieba.posseg` cuts otherwise.
    public func cut(
        utf8 bytes: UnsafeBufferPointer<UInt8>, utf8TokenEnds: inout [Int], scratch: SegmentationScratch,
        path: String = "-", line: Int = 1
    ) throws(SegmentationError) {
        scratch.reserve(scalarCount: bytes.count)
        let scalarCount: Int
        switch UTF8Decoding.decode(bytes, scalars: scratch.scalars, utf8Offsets: scratch.utf8Offsets) {
        case .success(let count): scalarCount = count
        case .failure(let error): throw .inputNotUTF8(path: path, line: line, column: error.byteOffset + 1)
        }
        scratch.possegRuns.removeAll(keepingCapacity: true)
        let tokenCount = cutScalars(count: scalarCount, scratch: scratch)
        let offsets = scratch.utf8Offsets
        let ends = scratch.scalarTokenEnds
        for index in 0..<tokenCount {
            utf8TokenEnds.append(offsets[ends[index]])
        }
    }

    /// Cuts the `count` scalars in `scratch.scalars`, leaving token ends (scalar indexes) in
    /// `scratch.scalarTokenEnds`; returns how many.
    func cutScalars(count: Int, scratch: SegmentationScratch) -> Int {
        withExtendedLifetime(model) {
            var engine = CutEngine(dictionary: model.dictionary.view, hmm: model.hmm?.view, scratch: scratch)
            engine.cut(scalarCount: count)
            return engine.tokenCount
        }
    }
}
