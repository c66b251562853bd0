#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes with POSIX calls, so that failures carry `errno`'s text.
enum FileIO {
    enum ReadFailure: Error, Equatable {
        case missing
        case failed(reason: String)
    }

    /// `path` opened for reading, with its status; the caller closes the descriptor.
    private static func openForReading(_ path: String) -> Result<(descriptor: Int32, status: stat), ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            return .failure(code == ENOENT || code == ENOTDIR ? .missing : .failed(reason: describe(code)))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            return .failure(.failed(reason: describe(code)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            return .failure(.failed(reason: "it is a directory"))
        }
        return .success((descriptor, status))
    }

    /// The bytes of the file at `path`.
    static func contents(of path: String) -> Result<[UInt8], ReadFailure> {
        let descriptor: Int32, status: stat
        switch openForReading(path) {
        case .success(let opened): (descriptor, status) = opened
        case .failure(let failure): return .failure(failure)
        }
        defer { close(descriptor) }
        // Read straight into uninitialised storage of the file's size (one byte more, so that
        // reaching the end needs no second read into a full buffer); a file that grows meanwhile,
        // or a pipe, continues in chunks.
        let size = max(Int(status.st_size), 0) + 1
        var failure: Int32?
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let got = read(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { return }
                count += got
            }
        }
        if let failure { return .failure(.failed(reason: describe(failure))) }
        if bytes.count == size {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if got < 0 {
                    if errno == EINTR { continue }
                    return .failure(.failed(reason: describe(errno)))
                }
                if got == 0 { break }
                bytes.append(contentsOf: chunk[0..<got])
            }
        }
        return .success(bytes)
    }

    /// A file's bytes mapped read-only into memory, unmapped when the last reference goes.
    final class Mapping: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
        /// Whether the bytes are a private copy (`copied(_:)`), freed rather than unmapped.
        private let isCopy: Bool

        fileprivate init(bytes: UnsafeRawBufferPointer, isCopy: Bool = false) {
            self.bytes = bytes
            self.isCopy = isCopy
        }

        deinit {
            guard let base = bytes.baseAddress else { return }
            if isCopy {
                base.deallocate()
            } else {
                munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
            }
        }
    }

    /// The file at `path` read into memory of its own, page-aligned as a mapping is: for a file
    /// whose contents are used as indexes after one check, which a mapping would let another
    /// program change under the reader (a write in place, `cp` over it, `rsync --inplace`).
    static func copied(_ path: String) -> Result<Mapping, ReadFailure> {
        // A regular file only, as `mapped` takes: a pipe at the path would wait, a device never end.
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG { return .failure(.failed(reason: "not a regular file")) }
        switch contents(of: path) {
        case .failure(let failure): return .failure(failure)
        case .success(let bytes):
            guard !bytes.isEmpty else { return .success(Mapping(bytes: UnsafeRawBufferPointer(start: nil, count: 0))) }
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 4096)
            bytes.withUnsafeBytes { copy.copyMemory(from: $0) }
            return .success(Mapping(bytes: UnsafeRawBufferPointer(copy), isCopy: true))
        }
    }

    /// The file at `path` mapped read-only (private), for a file that is only ever replaced whole
    /// (renamed over), never changed in place: a file truncated while mapped would fault its
    /// readers. Its pages come straight from the page cache, with nothing copied.
    static func mapped(_ path: String) -> Result<Mapping, ReadFailure> {
        let descriptor: Int32, status: stat
        switch openForReading(path) {
        case .success(let opened): (descriptor, status) = opened
        case .failure(let failure): return .failure(failure)
        }
        defer { close(descriptor) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .failure(.failed(reason: "not a regular file")) }
        let size = Int(status.st_size)
        guard size > 0 else { return .success(Mapping(bytes: UnsafeRawBufferPointer(start: nil, count: 0))) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            return .failure(.failed(reason: describe(errno)))
        }
        return .success(Mapping(bytes: UnsafeRawBufferPointer(start: base, count: size)))
    }

    /// Whether a file (or directory) exists at `path`.
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Writes `bytes` to a new temporary file beside `path`, then renames it over `path`, so that a
    /// reader sees either the old file or the whole new one.
    static func writeAtomically(_ bytes: [UInt8], to path: String) -> Result<Void, ReadFailure> {
        let directory = parentDirectory(of: path)
        guard makeDirectories(directory) else { return .failure(.failed(reason: describe(errno))) }
        var template = Array("\(path).XXXXXX.tmp".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard descriptor >= 0 else { return .failure(.failed(reason: describe(errno))) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = 0
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let result = write(descriptor, raw.baseAddress! + written, raw.count - written)
                if result <= 0 { return false }
                written += result
            }
            return true
        }
        let writeError = errno
        fchmod(descriptor, 0o644)
        close(descriptor)
        guard ok, rename(temporary, path) == 0 else {
            let code = ok ? errno : writeError
            unlink(temporary)
            return .failure(.failed(reason: describe(code)))
        }
        return .success(())
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `mkdir -p`.
    static func makeDirectories(_ path: String) -> Bool {
        if path.isEmpty || exists(path) { return true }
        let parent = parentDirectory(of: path)
        if parent != path && !makeDirectories(parent) { return false }
        return mkdir(path, 0o755) == 0 || errno == EEXIST
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

