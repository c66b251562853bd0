import Foundation

/// Loads a model: from the binary cache when one matches the source files' contents, otherwise
/// by compiling the sources (and then saving the cache for next time).
enum ModelLoader {
    /// How many compiled models to keep in the cache directory (one per combination of sources).
    static let cachedModelLimit = 8

    static func load(_ options: Segmenter.Options) throws(SegmentationError) -> (SegmentationModel, Segmenter.ModelSource) {
        let dictionaryBytes = try readModelFile(options.dictionaryPath, part: .dictionary)
        var hmmBytes: [[UInt8]] = []
        if options.usesHMM {
            for path in [options.hmmStartPath, options.hmmTransitionPath, options.hmmEmissionPath] {
                hmmBytes.append(try readModelFile(path, part: .hmm))
            }
        }
        var userBytes: [[UInt8]] = []
        for path in options.userDictionaryPaths {
            switch FileIO.contents(of: path) {
            case .success(let bytes): userBytes.append(bytes)
            case .failure(.missing): throw .userDictionaryMissing(path: path)
            case .failure(.failed(let reason)): throw .unreadable(path: path, reason: reason)
            }
        }

        var hasher = ContentHash()
        hasher.combine(UInt64(ModelCache.formatVersion))
        hasher.combine(UInt64(dictionaryBytes.count))
        hasher.combine(dictionaryBytes)
        hasher.combine(UInt64(hmmBytes.count))
        for bytes in hmmBytes {
            hasher.combine(UInt64(bytes.count))
            hasher.combine(bytes)
        }
        hasher.combine(UInt64(userBytes.count))
        for (path, bytes) in zip(options.userDictionaryPaths, userBytes) {
            // The path is part of the key because diagnostics name it.
            hasher.combine(path)
            hasher.combine(UInt64(bytes.count))
            hasher.combine(bytes)
        }
        let key = hasher.finalize()

        let cacheDirectory = options.usesCache ? (options.cacheDirectory ?? Segmenter.Options.defaultCacheDirectory()) : nil
        let cachePath = cacheDirectory.map { ModelCache.path(directory: $0, key: key) }
        // The cache is mapped, not read: the model's arrays are the file's pages (the cache is only
        // ever replaced whole, by a rename).
        if let cachePath, case .success(let mapping) = FileIO.mapped(cachePath),
            let model = ModelCache.decode(mapping.bytes, key: key, owner: mapping)
        {
            utimes(cachePath, nil)  // keeps recently used models from being pruned
            return (model, .cache(path: cachePath))
        }

        let model = try compile(
            options: options, dictionaryBytes: dictionaryBytes, hmmBytes: hmmBytes, userBytes: userBytes)
        guard let cachePath, let cacheDirectory else { return (model, .compiled(cachePath: nil, cacheError: nil)) }
        return (model, ModelCache.store(ModelCache.encode(model, key: key), at: cachePath, directory: cacheDirectory,
                                        prefix: "jieba-", limit: cachedModelLimit))
    }

    /// Builds the model from the source files' bytes.
    static func compile(
        options: Segmenter.Options, dictionaryBytes: [UInt8], hmmBytes: [[UInt8]], userBytes: [[UInt8]]
    ) throws(SegmentationError) -> SegmentationModel {
        // jieba's dict.txt: about one trie node per 10 bytes.
        var builder = DictionaryBuilder(expectedNodeCount: dictionaryBytes.count / 10)
        try dictionaryBytes.withUnsafeBufferPointer { (bytes) throws(SegmentationError) in
            try DictionaryFile.loadMainDictionary(bytes, path: options.dictionaryPath, into: &builder)
        }
        guard builder.total > 0 else { throw .emptyDictionary(path: options.dictionaryPath) }
        var hmm: HMMModel?
        if options.usesHMM {
            let paths = [options.hmmStartPath, options.hmmTransitionPath, options.hmmEmissionPath]
            var texts: [String] = []
            for (path, bytes) in zip(paths, hmmBytes) {
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    let (line, column) = UTF8Decoding.positionOfFirstInvalidByte(in: bytes)
                    throw .invalidModelFile(path: path, line: line, column: column, reason: "not valid UTF-8")
                }
                texts.append(text)
            }
            hmm = try HMMLoader.model(
                start: (paths[0], texts[0]), transition: (paths[1], texts[1]), emission: (paths[2], texts[2]))
        }
        var diagnostics: [SegmenterDiagnostic] = []
        for (path, bytes) in zip(options.userDictionaryPaths, userBytes) {
            try bytes.withUnsafeBufferPointer { (buffer) throws(SegmentationError) in
                try DictionaryFile.loadUserDictionary(buffer, path: path, into: &builder, diagnostics: &diagnostics)
            }
        }
        return SegmentationModel(dictionary: builder.compile(), hmm: hmm, diagnostics: diagnostics)
    }

    private static func readModelFile(_ path: String, part: SegmentationError.ModelPart) throws(SegmentationError) -> [UInt8] {
        switch FileIO.contents(of: path) {
        case .success(let bytes): return bytes
        case .failure(.missing): throw .modelFileMissing(path: path, part: part)
        case .failure(.failed(let reason)): throw .unreadable(path: path, reason: reason)
        }
    }
}
