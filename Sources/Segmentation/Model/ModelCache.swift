import Foundation

/// The binary model cache: one file per combination of source files, named after the hash of
/// their contents, so a changed dictionary simply misses and is rebuilt.
///
/// Layout (little-endian): the magic `CIPINJB\n`, the format version (UInt32), 4 reserved bytes,
/// the source key (UInt64), the payload length (UInt64) and the payload's `ContentHash` (UInt64),
/// then the payload: counts, then each array as raw values, every section padded to 8 bytes. A file
/// whose magic, version, key, length or checksum is off is not used, and its arrays are checked to
/// form a well-formed trie before any unchecked read goes near them.
enum ModelCache {
    static let magic: [UInt8] = Array("CIPINJB\n".utf8)
    /// Bump whenever the payload layout or the meaning of any value changes.
    static let formatVersion: UInt32 = 6  // 2: part-of-speech tags; 3: user dictionaries read by the eleventh session's rules (a model cached before may hold a line they refuse); 4: a 128-bit total; 5: lines with a CR inside refused, a CR-only file starting with `#` among them (cached before as one comment); 6: user-dictionary words over 100 characters refused
    static let headerSize = 40

    /// `jieba-<key in hex>.model` in `directory`.
    static func path(directory: String, key: UInt64) -> String {
        let hex = String(key, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return directory + "/jieba-" + padded + ".model"
    }

    /// Whether the machine stores integers little-endian, as the cache format does.
    static var isLittleEndianHost: Bool { 1.littleEndian == 1 }

    // MARK: Writing

    static func encode(_ model: SegmentationModel, key: UInt64) -> [UInt8] {
        var payload = ByteWriter()
        let dictionary = model.dictionary
        payload.append(UInt64(dictionary.nodeCount))
        payload.append(UInt64(truncatingIfNeeded: dictionary.total))
        payload.append(UInt64(truncatingIfNeeded: dictionary.total >> 64))
        payload.append(UInt64(dictionary.forceSplitNodes.count))
        payload.append(UInt64(model.hmm == nil ? 0 : 1))
        payload.append(UInt64(model.diagnostics.count))
        payload.append(UInt64(dictionary.tagNames.count))
        payload.append(dictionary.labels.buffer)
        payload.append(dictionary.firstChild.buffer)
        payload.append(dictionary.frequencies.buffer)
        payload.append(dictionary.weights.buffer)
        dictionary.forceSplitNodes.withUnsafeBufferPointer { payload.append($0) }
        payload.append(dictionary.tags.buffer)
        for name in dictionary.tagNames { payload.append(name) }
        if let hmm = model.hmm {
            hmm.start.withUnsafeBufferPointer { payload.append($0) }
            hmm.transition.withUnsafeBufferPointer { payload.append($0) }
            payload.append(hmm.emission.buffer)
        }
        for diagnostic in model.diagnostics {
            payload.append(UInt64(diagnostic.line))
            payload.append(diagnostic.path)
            payload.append(diagnostic.message)
        }
        return frame(payload.bytes, magic: magic, formatVersion: formatVersion, key: key)
    }

    /// A cache file (of this cache or another made the same way): `magic`, `formatVersion`, 4
    /// reserved bytes, `key`, the payload's length and `ContentHash`, then the payload.
    static func frame(_ payload: [UInt8], magic: [UInt8], formatVersion: UInt32, key: UInt64) -> [UInt8] {
        var file = ByteWriter()
        file.bytes.append(contentsOf: magic)
        file.append(formatVersion)
        file.append(UInt32(0))
        file.append(key)
        file.append(UInt64(payload.count))
        file.append(payload.withUnsafeBytes { ContentHash.hash($0) })
        file.bytes.append(contentsOf: payload)
        return file.bytes
    }

    /// The payload of a file made by `frame`, or `nil` if its magic, version, key, length or
    /// checksum is off.
    static func payload(of bytes: UnsafeRawBufferPointer, magic: [UInt8], formatVersion: UInt32, key: UInt64) -> UnsafeRawBufferPointer? {
        guard isLittleEndianHost, bytes.count >= headerSize,
            Array(bytes[0..<8]) == magic,
            bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self) == formatVersion,
            bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self) == key,
            bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self) == UInt64(bytes.count - headerSize)
        else { return nil }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[headerSize...])
        guard ContentHash.hash(payload) == bytes.loadUnaligned(fromByteOffset: 32, as: UInt64.self) else { return nil }
        return payload
    }

    /// Writes a freshly compiled cache file atomically, then keeps only the `limit` newest files
    /// named `prefix*.model` in `directory` (always `cachePath`); says how it went, as a model source.
    static func store(_ bytes: [UInt8], at cachePath: String, directory: String, prefix: String, limit: Int) -> Segmenter.ModelSource {
        switch FileIO.writeAtomically(bytes, to: cachePath) {
        case .success:
            prune(directory, prefix: prefix, limit: limit, keeping: cachePath)
            return .compiled(cachePath: cachePath, cacheError: nil)
        case .failure(let failure):
            let reason: String
            switch failure {
            case .missing: reason = "directory missing"
            case .failed(let text): reason = text
            }
            return .compiled(cachePath: nil, cacheError: "\(cachePath): cannot write the model cache: \(reason)")
        }
    }

    /// Removes all but the `limit` most recently written `prefix*.model` files, never `current`.
    private static func prune(_ directory: String, prefix: String, limit: Int, keeping current: String) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return }
        let models = names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".model") }
        guard models.count > limit else { return }
        let dated = models.map { name -> (path: String, date: Date) in
            let path = directory + "/" + name
            let date = (try? manager.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
            return (path, date)
        }
        for entry in dated.sorted(by: { $0.date > $1.date }).dropFirst(limit) where entry.path != current {
            try? manager.removeItem(atPath: entry.path)
        }
    }

    // MARK: Reading

    /// The model in `bytes`, or `nil` if the file is not a complete, intact cache for `key`. With
    /// an `owner` that keeps `bytes` alive and unchanged, the model's large arrays are read where
    /// they are (`owner` is kept as long as they are); otherwise they are copied.
    static func decode(_ bytes: UnsafeRawBufferPointer, key: UInt64, owner: AnyObject? = nil) -> SegmentationModel? {
        guard let payload = payload(of: bytes, magic: magic, formatVersion: formatVersion, key: key) else { return nil }

        var reader = ByteReader(payload, owner: owner)
        guard let nodeCount = reader.readCount(), let totalLow = reader.readUInt64(), let totalHigh = reader.readUInt64(),
            let forceSplitCount = reader.readCount(), let hasHMM = reader.readUInt64(),
            let diagnosticCount = reader.readCount(), let tagCount = reader.readCount(), tagCount <= Int(UInt16.max),
            let labels: FlatBuffer<UInt32> = reader.readArray(count: nodeCount),
            let firstChild: FlatBuffer<UInt32> = reader.readArray(count: nodeCount + 1),
            let frequencies: FlatBuffer<Int64> = reader.readArray(count: nodeCount),
            let weights: FlatBuffer<Double> = reader.readArray(count: nodeCount),
            let forceSplit: FlatBuffer<UInt32> = reader.readArray(count: forceSplitCount),
            let tags: FlatBuffer<UInt16> = reader.readArray(count: nodeCount)
        else { return nil }
        var tagNames: [String] = []
        for _ in 0..<tagCount {
            guard let name = reader.readString() else { return nil }
            tagNames.append(name)
        }
        let total = Int128(Int64(bitPattern: totalHigh)) << 64 | Int128(totalLow)
        guard CompiledDictionary.isWellFormed(
            labels: labels, firstChild: firstChild, frequencies: frequencies, weights: weights,
            forceSplitNodes: forceSplit.array, total: total, tags: tags, tagCount: tagCount)
        else { return nil }

        var hmm: HMMModel?
        if hasHMM == 1 {
            guard let start: FlatBuffer<Double> = reader.readArray(count: 4),
                let transition: FlatBuffer<Double> = reader.readArray(count: 16),
                let emission: FlatBuffer<Double> = reader.readArray(count: ScalarClass.hanCount * 4)
            else { return nil }
            hmm = HMMModel(start: start.array, transition: transition.array, emission: emission)
        } else if hasHMM != 0 {
            return nil
        }
        var diagnostics: [SegmenterDiagnostic] = []
        for _ in 0..<diagnosticCount {
            guard let line = reader.readCount(), let path = reader.readString(), let message = reader.readString() else {
                return nil
            }
            diagnostics.append(SegmenterDiagnostic(path: path, line: line, message: message))
        }
        guard reader.isAtEnd else { return nil }
        let dictionary = CompiledDictionary(
            labels: labels, firstChild: firstChild, frequencies: frequencies, weights: weights,
            forceSplitNodes: forceSplit.array, total: total, tags: tags, tagNames: tagNames)
        return SegmentationModel(dictionary: dictionary, hmm: hmm, diagnostics: diagnostics)
    }
}

/// Appends little-endian values and raw arrays, each section padded to 8 bytes.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append<T: BitwiseCopyable>(_ buffer: UnsafeBufferPointer<T>) {
        bytes.append(contentsOf: UnsafeRawBufferPointer(buffer))
        pad()
    }

    mutating func append(_ string: String) {
        let utf8 = Array(string.utf8)
        append(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
        pad()
    }

    private mutating func pad() {
        while bytes.count % 8 != 0 { bytes.append(0) }
    }
}

/// Reads what `ByteWriter` wrote, refusing anything that would run past the end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    /// What keeps `bytes` alive, when arrays may be read in place.
    let owner: AnyObject?

    init(_ bytes: UnsafeRawBufferPointer, owner: AnyObject? = nil) {
        self.bytes = bytes
        self.owner = owner
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func readUInt64() -> UInt64? {
        guard bytes.count - offset >= 8 else { return nil }
        let value = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset += 8
        return value
    }

    /// A count small enough to allocate for.
    mutating func readCount() -> Int? {
        guard let value = readUInt64(), value < UInt64(UInt32.max) else { return nil }
        return Int(value)
    }

    mutating func readArray<T: BitwiseCopyable>(count: Int) -> FlatBuffer<T>? {
        let size = count * MemoryLayout<T>.stride
        let padded = (size + 7) & ~7
        guard bytes.count - offset >= padded else { return nil }
        let source = bytes.baseAddress! + offset
        offset += padded
        if let owner, Int(bitPattern: source) % MemoryLayout<T>.alignment == 0 {
            return FlatBuffer(borrowing: source, count: count, owner: owner)
        }
        return FlatBuffer(count: count) { destination in
            UnsafeMutableRawBufferPointer(destination).copyMemory(from: UnsafeRawBufferPointer(start: source, count: size))
        }
    }

    mutating func readString() -> String? {
        guard let count = readCount() else { return nil }
        let padded = (count + 7) & ~7
        guard bytes.count - offset >= padded else { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(start: bytes.baseAddress! + offset, count: count), as: UTF8.self)
        offset += padded
        return text
    }
}
