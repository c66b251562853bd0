import Foundation
import Ingest
#if canImport(Glibc)
import Glibc
#endif

extension IDFTable {
    /// Reads an IDF file through a binary cache in `cacheDirectory`: the file's table as it was
    /// read before, found by the SHA-256 of its bytes, or read from the text and cached.
    ///
    ///     let idf = try IDFTable(contentsOf: IDFTable.jiebaPath, cacheDirectory: "/root/.cache/cipin")
    ///
    /// The table is the one `init(contentsOf:)` gives (same words, values and median); a cache file
    /// that is damaged or of another layout is not used, and one that cannot be written is simply
    /// not written.
    ///
    /// - Throws: as `init(contentsOf:)`.
    public init(contentsOf path: String, cacheDirectory: String?) throws {
        guard let cacheDirectory else {
            self = try IDFTable(contentsOf: path)
            return
        }
        let source: Data
        do {
            source = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AnalysisError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        let cachePath = IDFCache.path(directory: cacheDirectory, sourceHash: sha256(source))
        if let cached = try? Data(contentsOf: URL(fileURLWithPath: cachePath)), let table = IDFCache.decode(cached) {
            // Used now: the newest, as the pruning of other cache files counts it.
            _ = utimes(cachePath, nil)
            self = table
            return
        }
        guard let text = String(data: source, encoding: .utf8) else {
            throw AnalysisError.unreadable(path: path, reason: "not UTF-8 text; save the file as UTF-8")
        }
        self = try IDFTable(parsing: text, path: path)
        IDFCache.write(IDFCache.encode(self), to: cachePath, directory: cacheDirectory)
    }
}

/// The binary IDF cache: one file per IDF file's content, `idf-<SHA-256>.bin`.
///
/// Design note. jieba's table has 270,000 lines; reading them (splitting, numbers, a hash table
/// of the words) took 0.12 s of CPU on every run, as much as ranking the new articles of a nightly
/// run. The cache holds the table's arrays as they are in memory, so reading it is a copy.
/// Layout (little-endian): `CIPINIDF`, format version (UInt32), 4 reserved bytes, then UInt64s:
/// word count n, arena bytes, slot count, the median's bits; then the arrays: n + 1 word ends
/// (Int32), n hashes (UInt64), the slots (Int32), n values (UInt64 bits), the arena, each padded
/// to 8 bytes; last, the SHA-256 of everything before it (64 hex digits). A file whose magic,
/// version, size, checksum or table structure is off is not used.
enum IDFCache {
    static let magic: [UInt8] = Array("CIPINIDF".utf8)
    /// Bump whenever the layout or the meaning of any value changes, or what the parser accepts
    /// (2: NaN, infinite values and empty files refused, so none cached before is used).
    static let formatVersion: UInt32 = 2
    /// Cache files kept for other IDF files (the newest).
    static let kept = 4

    static func path(directory: String, sourceHash: String) -> String {
        directory + "/idf-" + sourceHash + ".bin"
    }

    static func encode(_ table: IDFTable) -> Data {
        let (words, values) = table.parts
        let (arena, starts, hashes, slots) = words.parts
        var data = Data(magic)
        append(&data, formatVersion)
        append(&data, UInt32(0))
        for value in [UInt64(values.count), UInt64(arena.count), UInt64(slots.count), table.median.bitPattern] { append(&data, value) }
        appendArray(&data, starts)
        appendArray(&data, hashes)
        appendArray(&data, slots)
        appendArray(&data, values.map(\.bitPattern))
        appendArray(&data, arena)
        data.append(contentsOf: Array(sha256(data).utf8))
        return data
    }

    static func decode(_ data: Data) -> IDFTable? {
        guard data.count >= 48 + 64, IDFCache.isLittleEndianHost else { return nil }
        let body = data.prefix(data.count - 64)
        guard String(decoding: data.suffix(64), as: UTF8.self) == sha256(body) else { return nil }
        let bytes = [UInt8](body)
        guard Array(bytes[0..<8]) == magic else { return nil }
        var reader = Reader(bytes: bytes, offset: 8)
        guard let version: UInt32 = reader.scalar(), version == formatVersion, let _: UInt32 = reader.scalar(),
              let count: UInt64 = reader.scalar(), let arenaCount: UInt64 = reader.scalar(), let slotCount: UInt64 = reader.scalar(),
              let medianBits: UInt64 = reader.scalar(), count < 1 << 31, arenaCount < 1 << 31, slotCount < 1 << 32,
              let starts: [Int32] = reader.array(Int(count) + 1), let hashes: [UInt64] = reader.array(Int(count)),
              let slots: [Int32] = reader.array(Int(slotCount)), let valueBits: [UInt64] = reader.array(Int(count)),
              let arena: [UInt8] = reader.array(Int(arenaCount)), reader.offset == bytes.count,
              let words = TokenTable(parts: arena, starts: starts, hashes: hashes, slots: slots) else { return nil }
        return IDFTable(words: words, values: valueBits.map(Double.init(bitPattern:)), median: Double(bitPattern: medianBits))
    }

    /// Writes `data` under a temporary name and renames it into place (a reader never sees half
    /// a file), then removes all but the newest `kept` other cache files. Failures are ignored.
    static func write(_ data: Data, to path: String, directory: String) {
        let manager = FileManager.default
        guard (try? manager.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil else { return }
        let temporary = path + ".tmp-\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        guard (try? data.write(to: URL(fileURLWithPath: temporary))) != nil else {
            _ = unlink(temporary)
            return
        }
        guard rename(temporary, path) == 0 else {
            _ = unlink(temporary)
            return
        }
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return }
        // Temporary files of a writer that was killed, an hour old or more.
        for name in names where name.hasPrefix("idf-") && name.contains(".bin.tmp-") {
            let stale = directory + "/" + name
            if let date = try? manager.attributesOfItem(atPath: stale)[.modificationDate] as? Date, date.timeIntervalSinceNow < -3600 {
                try? manager.removeItem(atPath: stale)
            }
        }
        let others = names.filter { $0.hasPrefix("idf-") && $0.hasSuffix(".bin") && directory + "/" + $0 != path }
        let dated = others.map { name -> (path: String, date: Date) in
            let other = directory + "/" + name
            return (other, (try? manager.attributesOfItem(atPath: other)[.modificationDate] as? Date) ?? .distantPast)
        }
        for old in dated.sorted(by: { $0.date > $1.date }).dropFirst(kept) { try? manager.removeItem(atPath: old.path) }
    }

    static var isLittleEndianHost: Bool { 1.littleEndian == 1 }

    private static func append<T: FixedWidthInteger>(_ data: inout Data, _ value: T) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func appendArray<T>(_ data: inout Data, _ values: [T]) {
        values.withUnsafeBytes { data.append(contentsOf: $0) }
        let padding = (8 - data.count % 8) % 8
        data.append(contentsOf: [UInt8](repeating: 0, count: padding))
    }

    /// Reads scalars and arrays in the order `encode` wrote them, checking every size.
    private struct Reader {
        let bytes: [UInt8]
        var offset: Int

        mutating func scalar<T: FixedWidthInteger>() -> T? {
            guard offset + MemoryLayout<T>.size <= bytes.count else { return nil }
            let value = bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
            offset += MemoryLayout<T>.size
            return value
        }

        mutating func array<T>(_ count: Int) -> [T]? {
            let size = count * MemoryLayout<T>.stride
            guard count >= 0, size <= bytes.count - offset else { return nil }
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + size)]))
                }
                initialized = count
            }
            offset += size
            offset += (8 - offset % 8) % 8
            guard offset <= bytes.count else { return nil }
            return values
        }
    }
}
