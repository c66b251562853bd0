import Foundation

/// The binary cache of jieba.posseg's compiled tables, beside the segmentation model's cache and
/// made the same way (see `ModelCache`): one file per content of the four source files, named
/// `posseg-<key>.model`, written atomically, checked (magic, version, key, length, checksum, then
/// every offset and state id) before it is used, rebuilt when anything is off.
///
/// Layout (little-endian): the magic `CIPINPS\n`, the format version (UInt32), 4 reserved bytes,
/// the source key (UInt64), the payload length (UInt64) and the payload's `ContentHash` (UInt64),
/// then the payload: the counts, the states' letters and tags, then each array as raw values,
/// every section padded to 8 bytes.
enum PartOfSpeechCache {
    static let magic: [UInt8] = Array("CIPINPS\n".utf8)
    /// Bump whenever the payload layout or the meaning of any value changes.
    static let formatVersion: UInt32 = 1
    static let headerSize = 40
    /// How many compiled posseg models to keep in the cache directory.
    static let cachedModelLimit = 4

    /// `posseg-<key in hex>.model` in `directory`.
    static func path(directory: String, key: UInt64) -> String {
        let hex = String(key, radix: 16)
        return directory + "/posseg-" + String(repeating: "0", count: 16 - hex.count) + hex + ".model"
    }

    static func encode(_ tables: PartOfSpeechTables, key: UInt64) -> [UInt8] {
        var payload = ByteWriter()
        payload.append(UInt64(tables.stateCount))
        payload.append(UInt64(tables.transitionTargets.count))
        payload.append(UInt64(tables.emissionStates.count))
        payload.append(UInt64(tables.characterStates.count))
        for index in 0..<tables.stateCount {
            payload.append(tables.stateLetters[index])
            payload.append(tables.stateTags[index])
        }
        tables.start.withUnsafeBufferPointer { payload.append($0) }
        payload.append(tables.transitionOffsets.buffer)
        payload.append(tables.transitionTargets.buffer)
        payload.append(tables.transitionProbabilities.buffer)
        payload.append(tables.emissionOffsets.buffer)
        payload.append(tables.emissionStates.buffer)
        payload.append(tables.emissionProbabilities.buffer)
        payload.append(tables.characterStateOffsets.buffer)
        payload.append(tables.characterStates.buffer)
        payload.append(tables.characterIsListed.buffer)
        return ModelCache.frame(payload.bytes, magic: magic, formatVersion: formatVersion, key: key)
    }

    /// The tables in `bytes`, or `nil` if the file is not a complete, intact cache for `key`. With
    /// an `owner` keeping `bytes` alive and unchanged, the arrays are read in place.
    static func decode(_ bytes: UnsafeRawBufferPointer, key: UInt64, owner: AnyObject? = nil) -> PartOfSpeechTables? {
        guard let payload = ModelCache.payload(of: bytes, magic: magic, formatVersion: formatVersion, key: key) else { return nil }

        var reader = ByteReader(payload, owner: owner)
        guard let stateCount = reader.readCount(), stateCount <= PartOfSpeechTables.maximumStateCount,
            let transitionCount = reader.readCount(), let emissionCount = reader.readCount(),
            let characterStateCount = reader.readCount()
        else { return nil }
        var letters: [String] = []
        var tags: [String] = []
        for _ in 0..<stateCount {
            guard let letter = reader.readString(), let tag = reader.readString() else { return nil }
            letters.append(letter)
            tags.append(tag)
        }
        let han = ScalarClass.hanCount
        guard let start: FlatBuffer<Double> = reader.readArray(count: stateCount),
            let transitionOffsets: FlatBuffer<UInt32> = reader.readArray(count: stateCount + 1),
            let transitionTargets: FlatBuffer<UInt16> = reader.readArray(count: transitionCount),
            let transitionProbabilities: FlatBuffer<Double> = reader.readArray(count: transitionCount),
            let emissionOffsets: FlatBuffer<UInt32> = reader.readArray(count: han + 1),
            let emissionStates: FlatBuffer<UInt16> = reader.readArray(count: emissionCount),
            let emissionProbabilities: FlatBuffer<Double> = reader.readArray(count: emissionCount),
            let characterStateOffsets: FlatBuffer<UInt32> = reader.readArray(count: han + 1),
            let characterStates: FlatBuffer<UInt16> = reader.readArray(count: characterStateCount),
            let characterIsListed: FlatBuffer<UInt8> = reader.readArray(count: han),
            reader.isAtEnd
        else { return nil }
        let tables = PartOfSpeechTables(
            stateLetters: letters, stateTags: tags, start: start.array,
            transitionOffsets: transitionOffsets, transitionTargets: transitionTargets,
            transitionProbabilities: transitionProbabilities,
            emissionOffsets: emissionOffsets, emissionStates: emissionStates, emissionProbabilities: emissionProbabilities,
            characterStateOffsets: characterStateOffsets, characterStates: characterStates,
            characterIsListed: characterIsListed)
        return tables.isWellFormed() ? tables : nil
    }
}

/// Reads the four files of `jieba/posseg/` (from the cache when it matches their contents).
enum PartOfSpeechLoader {
    static let fileNames = (start: "prob_start.py", transition: "prob_trans.py", emission: "prob_emit.py",
                            characterStates: "char_state_tab.py")

    static func load(folder: String, cacheDirectory: String?) throws(SegmentationError)
        -> (PartOfSpeechTables, Segmenter.ModelSource)
    {
        let names = fileNames
        let paths = [names.start, names.transition, names.emission, names.characterStates].map { folder + "/" + $0 }
        var contents: [[UInt8]] = []
        for path in paths {
            switch FileIO.contents(of: path) {
            case .success(let bytes): contents.append(bytes)
            case .failure(.missing): throw .modelFileMissing(path: path, part: .partOfSpeech)
            case .failure(.failed(let reason)): throw .unreadable(path: path, reason: reason)
            }
        }
        var hasher = ContentHash()
        hasher.combine(UInt64(PartOfSpeechCache.formatVersion))
        for bytes in contents {
            hasher.combine(UInt64(bytes.count))
            hasher.combine(bytes)
        }
        let key = hasher.finalize()
        let cachePath = cacheDirectory.map { PartOfSpeechCache.path(directory: $0, key: key) }
        // Read, not mapped: the tagger indexes its tables with values from this file, checked
        // once here, which a file changed in place under a mapping would escape.
        if let cachePath, case .success(let mapping) = FileIO.copied(cachePath),
            let tables = PartOfSpeechCache.decode(mapping.bytes, key: key, owner: mapping)
        {
            utimes(cachePath, nil)  // keeps recently used models from being pruned
            return (tables, .cache(path: cachePath))
        }

        var sources: [PartOfSpeechTablesReader.Source] = []
        for (path, bytes) in zip(paths, contents) {
            sources.append(.init(path: path, text: try text(of: bytes, path: path)))
        }
        let tables = try PartOfSpeechTablesReader.tables(
            start: sources[0], transition: sources[1], emission: sources[2], characterStates: sources[3])
        guard let cachePath, let cacheDirectory else { return (tables, .compiled(cachePath: nil, cacheError: nil)) }
        return (tables, ModelCache.store(PartOfSpeechCache.encode(tables, key: key), at: cachePath, directory: cacheDirectory,
                                         prefix: "posseg-", limit: PartOfSpeechCache.cachedModelLimit))
    }

    /// The file's text; invalid UTF-8 is an error naming the line and column (in bytes).
    private static func text(of bytes: [UInt8], path: String) throws(SegmentationError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let (line, column) = UTF8Decoding.positionOfFirstInvalidByte(in: bytes)
        throw .invalidPartOfSpeechModelFile(path: path, line: line, column: column, reason: "not valid UTF-8")
    }
}
