import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `stat` says about a file: enough to tell, without reading it, that a file is the one a
/// previous run read (the quick check of `git status`, `make` and `rsync`).
///
/// Any write to a file sets its status-change time (`ctime`) to the kernel's clock, which no
/// user call can set back; a file saved by renaming a new copy over it gets a new inode. So a file
/// whose device, inode, size, modification time and status-change time are all those recorded
/// holds the bytes it held then, with one exception: a write within the same clock tick as the
/// recording. `isSettled(at:)` excludes that case by trusting only stamps whose status-change
/// time lies well before the moment the file was read.
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

    /// The stamp of the regular file at `path` (symbolic links followed), or `nil`.
    public static func of(path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                         modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                         changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
    }

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
