import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `fstat` says about an open file: enough to tell, without reading it, that a file is the
/// one a previous run read (the quick check of `git status`, `make` and `rsync`).
///
/// On a local file system any write to a file sets its status-change time (`ctime`) from the
/// kernel's clock, which no unprivileged program can set back, and a file saved by renaming a new copy over it
/// gets a new inode. So a file whose device, inode, size, modification time and status-change time
/// are all those recorded holds the bytes it held then, with two exceptions that the stamp rules
/// out: a write within the same clock tick as the recording (`isSettled(at:)` trusts only stamps
/// whose status-change time lies well before the read), and file systems whose `ctime` is not the
/// local kernel's or can be set (network and FUSE mounts, FAT): there `stamp(of:)` gives none, and
/// the file is always read. (As with git, a write through a shared memory map that the kernel has
/// not yet noted is not seen.)
public struct FileStamp: Sendable, Equatable, Codable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    /// Modification time, nanoseconds since 1970.
    public var modified: Int64
    /// Status-change time, nanoseconds since 1970.
    public var changed: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }

    /// The stamp of the regular file open as `descriptor`, or `nil` when it is no regular file or
    /// lies on a file system whose times cannot be trusted (see the type's summary).
    static func stamp(of descriptor: Int32) -> FileStamp? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, isLocal(descriptor) else { return nil }
        return FileStamp(info)
    }

    /// The stamp of the regular file at `path` (symbolic links followed) from `stat`, without opening
    /// it, or `nil` as `stamp(of:)` gives it. A run's unchanged files are known by this one system
    /// call; whether a device's file system is local is asked once per device (`localDevices`).
    static func stamp(statting path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let device = UInt64(UInt32(bitPattern: info.st_dev))
        #else
        let device = UInt64(info.st_dev)
        #endif
        let isLocal = localDevices.withLock { known -> Bool? in known[device] } ?? {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            let local = Self.isLocal(descriptor)
            localDevices.withLock { $0[device] = local }
            return local
        }()
        return isLocal ? FileStamp(info) : nil
    }

    /// Whether each device seen has a local file system (`isLocal`): a device number names one
    /// mounted file system while it is mounted.
    private static let localDevices = Mutex<[UInt64: Bool]>([:])

    private init(_ info: stat) {
        #if canImport(Darwin)
        let modified = info.st_mtimespec, changed = info.st_ctimespec
        let device = UInt64(UInt32(bitPattern: info.st_dev))
        #else
        let modified = info.st_mtim, changed = info.st_ctim
        let device = UInt64(info.st_dev)
        #endif
        self.init(device: device, inode: UInt64(info.st_ino), size: Int64(info.st_size),
                  modified: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec),
                  changed: Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec))
    }

    /// The stamp of the regular file at `path` (symbolic links followed), or `nil`; the file is
    /// opened (without blocking, should it be a FIFO) to be stamped as `Ingestor` stamps it.
    public static func of(path: String) -> FileStamp? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return stamp(of: descriptor)
    }

    /// Whether both paths name one existing file (the same device and inode: links, hard links).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// Local disk and memory file systems, whose times come from this kernel's clock.
    static func isLocal(_ descriptor: Int32) -> Bool {
        #if canImport(Darwin)
        var info = statfs()
        guard fstatfs(descriptor, &info) == 0 else { return false }
        let name = withUnsafeBytes(of: info.f_fstypename) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return ["apfs", "hfs"].contains(name)
        #else
        // Glibc's module map leaves out <sys/vfs.h>: `fstatfs` is looked up by name. Its struct
        // starts with `f_type` (a C long); 256 bytes hold the whole struct (120 on 64-bit Linux).
        // (Called for every input file: the buffer is on the stack and the types a constant, not
        // an array and a set made and freed per file.)
        guard let fstatfs = linuxFstatfs else { return false }
        return withUnsafeTemporaryAllocation(byteCount: 256, alignment: MemoryLayout<Int>.alignment) { buffer in
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            guard fstatfs(descriptor, buffer.baseAddress!) == 0 else { return false }
            return localTypes.contains(UInt32(truncatingIfNeeded: buffer.load(as: Int.self)))
        }
        #endif
    }

    #if !canImport(Darwin)
    /// ext2/3/4, XFS, Btrfs, tmpfs, overlayfs (containers), F2FS, ZFS, bcachefs.
    private static let localTypes: [UInt32] = [0xEF53, 0x5846_5342, 0x9123_683E, 0x0102_1994, 0x794C_7630, 0xF2F5_2010, 0x2FC1_2FC1, 0xCA45_1A4E]
    #endif

    #if !canImport(Darwin)
    private typealias Fstatfs = @convention(c) (Int32, UnsafeMutableRawPointer) -> Int32
    private static let linuxFstatfs: Fstatfs? = dlsym(nil, "fstatfs").map { unsafeBitCast($0, to: Fstatfs.self) }
    #endif

    /// How long before the read a file's last change must lie for its stamp to be trusted later.
    public static let settlingTime: Int64 = 2_000_000_000

    /// Whether the file had last changed at least `settlingTime` before `time` (nanoseconds since
    /// 1970, the moment it was read), so that no later write can leave the stamp as it is.
    public func isSettled(at time: Int64) -> Bool {
        changed <= time - Self.settlingTime && modified <= time
    }

    /// The current time in nanoseconds since 1970, on the clock file times are taken from.
    public static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

/// An input file opened once: its stamp comes from the open descriptor, so the stamp and the bytes
/// read are the same file's (a rename between a `stat` and an `open` cannot mix them up, and on NFS
/// the open revalidates the attributes).
final class OpenedFile {
    let descriptor: Int32
    let stamp: FileStamp?

    /// What the opened file is when it is no regular file (`Ingestor.notARegularFile`): it is then
    /// never read, as a pipe would give an error of its own and a device might never end.
    let irregular: String?

    /// Opens `path`; `nil` when it cannot be opened (the caller reads it the usual way, which
    /// reports the error).
    init?(path: String) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        irregular = fstat(descriptor, &info) == 0 ? Ingestor.notARegularFile(mode: info.st_mode) : nil
        stamp = FileStamp.stamp(of: descriptor)
    }

    /// Every byte of the file, from its start.
    /// - Throws: `IngestError.unreadable` for a file that is no regular file, or a failed read.
    func readAll(path: String) throws -> Data {
        if let irregular { throw IngestError.unreadable(path: path, reason: irregular) }
        var data = Data(count: Int(max(0, stamp?.size ?? 0)) + 1)
        var length = 0
        while true {
            if length == data.count { data.count = max(4096, data.count * 2) }
            let count = data.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + length, buffer.count - length, off_t(length))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            length += count
        }
        data.count = length
        return data
    }

    deinit { close(descriptor) }
}
