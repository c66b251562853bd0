import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Making output folders, with errors that say which part of the path is in the way.
public enum Folders {
    /// Makes `url` and any missing folders above it (as `mkdir -p`).
    ///
    ///     try Folders.create(URL(fileURLWithPath: "Reports/seed"))
    ///
    /// - Throws: `ReportingError.cannotWriteFile` with step `create folder`, naming the first part
    ///   of the path that is a file (`… is a file, not a folder`) or that could not be made (the
    ///   system's reason, e.g. `Permission denied`).
    public static func create(_ url: URL) throws {
        let path = url.standardizedFileURL.path
        var status = stat()
        if stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR { return }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if stat(prefix, &status) == 0 {
                guard (status.st_mode & S_IFMT) == S_IFDIR else {
                    throw ReportingError.cannotWriteFile(path: path, step: "create folder",
                                                         reason: "\(prefix) is a file, not a folder")
                }
                continue
            }
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                throw ReportingError.cannotWriteFile(path: path, step: "create folder",
                                                     reason: "\(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }
}
