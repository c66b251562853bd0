import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the user's input list (files, folders, glob patterns) into a sorted list of files.
enum InputResolver {
    /// Resolves inputs relative to `base`.
    ///
    /// Files are taken as named; folders are walked recursively for files whose extension is in
    /// `extensions` (hidden files and folders skipped); a pattern with `*`, `?` or `[` matches
    /// paths (`**` crosses folders). The result is sorted by path and free of duplicates.
    ///
    /// - Throws: `IngestError.inputNotFound` for an input that names or matches nothing.
    static func resolve(_ inputs: [String], base: URL, extensions: Set<String>) throws -> [String] {
        var leftOut: [String] = []
        return try resolve(inputs, base: base, extensions: extensions, leftOut: &leftOut)
    }

    /// `resolve(_:base:extensions:)`, also listing in `leftOut` the files found in walked folders
    /// that were left out for their extension, sorted.
    static func resolve(_ inputs: [String], base: URL, extensions: Set<String>, leftOut: inout [String]) throws -> [String] {
        var datingParts: [String: String] = [:]
        return try resolve(inputs, base: base, extensions: extensions, leftOut: &leftOut, datingParts: &datingParts)
    }

    /// `resolve(_:base:extensions:leftOut:)`, also giving each file the part of its path that may
    /// date it (`PathDate`): the input's root as the user wrote it (a folder, a file's folder, a
    /// pattern's folder without wildcards), then the path below it, as found. The folders above
    /// a relative input (`/home/li/2019备份/`) are not in it.
    static func resolve(_ inputs: [String], base: URL, extensions: Set<String>, leftOut: inout [String],
                        datingParts: inout [String: String]) throws -> [String] {
        var others: [String] = []
        defer { leftOut = others.sorted() }
        var found: [String] = []
        var seen = Set<ByteKey>()
        for input in inputs {
            let expanded = (input as NSString).expandingTildeInPath
            let absolute = expanded.hasPrefix("/") ? expanded : base.appendingPathComponent(expanded).path
            var matches: [String]
            // The input's root as written (`datingParts`) and as the matches' paths begin.
            var written: String, standardRoot: String
            // Paths are standardized as `NSString.standardizingPath` does, which also resolves
            // symbolic links, with system calls per component: for the files found under a folder,
            // once for the folder (see `standardized(_:under:)`).
            // Only what the user wrote can be a pattern (the folder it is taken from may hold
            // `[` in its name), and a name that exists as written is that file or folder (a file
            // named `a[1].txt`).
            if isPattern(expanded) && !FileManager.default.fileExists(atPath: absolute) {
                let (root, files) = try glob(expanded, from: expanded.hasPrefix("/") ? nil : base.path, input: input,
                                             extensions: extensions, leftOut: &others)
                (standardRoot, matches) = standardized(files, under: root)
                written = fixedPrefix(of: expanded)
            } else {
                var isDirectory: ObjCBool = false
                var linkStatus = stat()
                let isDanglingLink = !FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory)
                    && lstat(absolute, &linkStatus) == 0 && linkStatus.st_mode & S_IFMT == S_IFLNK
                guard isDanglingLink || FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                    throw IngestError.inputNotFound(input)
                }
                // A file named by a symbolic link keeps the link's name (its folder standardized),
                // as the user named it: a sidecar's rows name it so.
                (standardRoot, matches) = isDirectory.boolValue
                    ? standardized(walk(absolute, extensions: extensions, leftOut: &others), under: absolute)
                    : standardized([absolute], under: (absolute as NSString).deletingLastPathComponent)
                written = isDirectory.boolValue ? expanded : (expanded as NSString).deletingLastPathComponent
            }
            if matches.isEmpty {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue {
                    // Word, PDF or web pages there, which Cipin does not read, are named: they are why.
                    let inside = absolute.hasSuffix("/") ? absolute : absolute + "/"
                    throw IngestError.noInputFiles(folder: input, extensions: extensions.sorted(),
                                                   documents: Ingestor.leftOutDocuments(others.filter { $0.hasPrefix(inside) }))
                }
                throw IngestError.inputNotFound(input)
            }
            matches.sort()
            while written.count > 1 && written.hasSuffix("/") { written.removeLast() }
            for key in matches where seen.insert(ByteKey(key)).inserted {
                found.append(key)
                let below = key.utf8.dropFirst(standardRoot.utf8.count).drop { $0 == UInt8(ascii: "/") }
                datingParts[key] = written.isEmpty ? String(Substring(below)) : written + "/" + String(Substring(below))
            }
        }
        return found
    }

    /// `files` found by `regularFiles(under: folder)`, each standardized as `NSString.standardizingPath`
    /// would standardize it: the folder's standardized path followed by the file's path below it.
    /// That is the same path when every component below the folder is a real folder or file; a
    /// symbolic link below the folder keeps its own name (the path the user sees in the folder),
    /// where `standardizingPath` would give its target's. No name is `.`, `..` or holds a slash.
    /// - Returns: the folder standardized (what each path begins with) and the paths.
    static func standardized(_ files: [String], under folder: String) -> (root: String, files: [String]) {
        let prefix = folderPrefix(folder)
        let root = (String(prefix.dropLast()) as NSString).standardizingPath
        let standardPrefix = root == "/" ? "/" : root + "/"
        // The prefix is cut by its UTF-8 bytes (it ends in `/`): by characters, each path was
        // walked character by character.
        let prefixLength = prefix.utf8.count
        return (root, files.map { path in
            precondition(path.utf8.starts(with: prefix.utf8), "a file found under the folder")
            return standardPrefix + String(Substring(path.utf8.dropFirst(prefixLength)))
        })
    }

    /// What `regularFiles(under: folder)` puts before the paths below `folder` (ends in `/`).
    static func folderPrefix(_ folder: String) -> String {
        let trimmed = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        return trimmed == "/" ? "/" : trimmed + "/"
    }

    static func walk(_ folder: String, extensions: Set<String>) -> [String] {
        var leftOut: [String] = []
        return walk(folder, extensions: extensions, leftOut: &leftOut)
    }

    /// `walk(_:extensions:)`, adding the files left out for their extension to `leftOut`.
    static func walk(_ folder: String, extensions: Set<String>, leftOut: inout [String]) -> [String] {
        var taken: [String] = []
        for path in regularFiles(under: folder) {
            if extensions.isEmpty || extensions.contains(pathExtension(of: path).lowercased()) { taken.append(path) } else { leftOut.append(path) }
        }
        return taken.sorted()
    }

    /// Whether an input holds a wildcard (`*`, `?`, `[`).
    static func isPattern(_ input: String) -> Bool {
        input.contains { "*?[".contains($0) }
    }

    /// A pattern's folders before its first one with a wildcard (`corpus` of `corpus/**/*.txt`).
    static func fixedPrefix(of pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).prefix { !isPattern(String($0)) }.joined(separator: "/")
    }

    /// Matches a pattern against the files under its longest folder without wildcards; returns
    /// that folder and the matching files. A relative pattern is taken from the folder `base`,
    /// whose name is matched as written, wildcard characters and all. A pattern that ends in `/`
    /// matches folders, which are walked as a folder input is (the files below them with one of
    /// `extensions`).
    ///
    /// - Throws: `IngestError.badPattern` for a bracket expression that makes no set (`[z-a]`).
    static func glob(_ pattern: String, from base: String?, input: String,
                     extensions: Set<String> = []) throws -> (folder: String, files: [String]) {
        var leftOut: [String] = []
        return try glob(pattern, from: base, input: input, extensions: extensions, leftOut: &leftOut)
    }

    /// `glob(_:from:input:extensions:)`, adding the files of matched folders that were left out for
    /// their extension to `leftOut`.
    static func glob(_ pattern: String, from base: String?, input: String,
                     extensions: Set<String> = [], leftOut: inout [String]) throws -> (folder: String, files: [String]) {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let fixed = components.prefix { !isPattern(String($0)) }
        var rest = components.dropFirst(fixed.count).joined(separator: "/")
        let folders = rest.hasSuffix("/")
        while rest.hasSuffix("/") { rest.removeLast() }
        var root = fixedPrefix(of: pattern)
        if let base { root = root.isEmpty ? base : base + "/" + root }
        if root.isEmpty { root = "/" }
        let compiled = try GlobPattern(rest, input: input)
        // Only the paths below the root are matched; the root's own characters are not a pattern.
        let prefix = folderPrefix(root)
        let matching = regularFiles(under: root).filter { path in
            guard path.utf8.starts(with: prefix.utf8) else { return false }
            let below = Substring(path.utf8.dropFirst(prefix.utf8.count))
            return folders ? compiled.matchesFolder(of: below) : compiled.matches(below)
        }
        guard folders else { return (root, matching) }
        var taken: [String] = []
        for path in matching {
            if extensions.isEmpty || extensions.contains(pathExtension(of: path).lowercased()) { taken.append(path) } else { leftOut.append(path) }
        }
        return (root, taken)
    }

    /// The regular files under `folder` (and the named pipes, sockets and devices, which reading
    /// then refuses by name), in no particular order: hidden files and folders (a name
    /// starting with `.`) are skipped, and folders that cannot be read are passed over. A symbolic
    /// link to a file or folder outside `folder` is followed, under the link's own path, and links
    /// found through it are not; one to a file or folder inside it is not (its files are listed
    /// once, under their real paths), nor one to a folder that holds `folder` (a loop), and a file
    /// reached through two links is listed once (under the first link in path order).
    ///
    /// Design note. `FileManager`'s enumerator made a URL and asked its resource values per entry:
    /// 0.05–0.07 s for the 481 files of the bench corpus, on every run (a tenth of a nightly run).
    /// `readdir` gives each entry's type, so a file costs no system call of its own (`lstat` only
    /// where the file system does not say).
    static func regularFiles(under folder: String) -> [String] {
        var files: [String] = []
        var links: [String] = []
        let start = folderPrefix(folder)
        let top = start == "/" ? "/" : String(start.dropLast())
        walk(top, files: &files, links: &links)
        guard !links.isEmpty else { return files }
        // Links are followed only out of the tree, in order of their paths (so what is read, and
        // under which path, does not depend on the disk), one level deep: a file once (by its real
        // path), a folder unless it lies in one already walked or holds the tree.
        let root = realPath(top) ?? top
        func inside(_ path: String, _ folder: String) -> Bool { path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/") }
        var walkedTargets: [String] = []
        var seen = Set<String>()
        for link in links.sorted() {
            var target = stat()
            // A link to nothing is listed, so that reading it says so (as `on_error` says), not
            // passed over as if it were not there.
            guard stat(link, &target) == 0 else { files.append(link); continue }
            guard let resolved = realPath(link), !inside(resolved, root) else { continue }  // inside
            switch target.st_mode & S_IFMT {
            case S_IFREG, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK:
                if seen.insert(resolved).inserted { files.append(link) }
            case S_IFDIR:
                guard !inside(root, resolved), !walkedTargets.contains(where: { inside(resolved, $0) }) else { continue }
                walkedTargets.append(resolved)
                var inner: [String] = []
                var innerLinks: [String] = []
                walk(link, files: &inner, links: &innerLinks)
                for file in inner.sorted() where seen.insert(resolved + file.dropFirst(link.count)).inserted { files.append(file) }
            default: break
            }
        }
        return files
    }

    /// The `d_type`s of what a walk lists as files.
    private static let fileTypes: Set<UInt8> = Set([DT_REG, DT_FIFO, DT_SOCK, DT_CHR, DT_BLK].map { UInt8($0) })

    /// The regular files (pipes, sockets, devices) under `top` and the symbolic links found
    /// there, neither followed.
    private static func walk(_ top: String, files: inout [String], links: inout [String]) {
        var pending = [top]
        while let current = pending.popLast() {
            guard let directory = opendir(current) else { continue }
            defer { closedir(directory) }
            let prefix = current == "/" ? "/" : current + "/"
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
                }
                guard !name.hasPrefix(".") else { continue }
                let path = prefix + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    guard lstat(path, &status) == 0 else { continue }
                    switch status.st_mode & S_IFMT {
                    case S_IFREG: type = UInt8(DT_REG)
                    case S_IFDIR: type = UInt8(DT_DIR)
                    case S_IFLNK: type = UInt8(DT_LNK)
                    case S_IFIFO: type = UInt8(DT_FIFO)
                    case S_IFSOCK: type = UInt8(DT_SOCK)
                    case S_IFCHR: type = UInt8(DT_CHR)
                    case S_IFBLK: type = UInt8(DT_BLK)
                    default: continue
                    }
                }
                if type == UInt8(DT_LNK) {
                    links.append(path)
                } else if type == UInt8(DT_DIR) {
                    pending.append(path)
                } else if Self.fileTypes.contains(type) {
                    // A named pipe, socket or device is listed too (when its name has an input's
                    // extension), so that reading it says what it is, as `on_error` says: passed
                    // over, a `b.txt` that is a pipe was left out of the report without a word.
                    files.append(path)
                }
            }
        }
    }

    /// The path with every link resolved (`realpath(3)`), or `nil`.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The extension of a path's last component, as `NSString.pathExtension` gives it: what
    /// follows its last dot, empty when there is none or the name starts with it.
    static func pathExtension(of path: String) -> String {
        // On the UTF-8 bytes ('/' and '.' are ASCII, never part of another character's encoding):
        // a walk asks this of every file.
        let utf8 = path.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "/") { end = utf8.index(before: end) }
        let name = utf8[..<end]
        let start = name.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        guard let dot = name[start...].lastIndex(of: UInt8(ascii: ".")), dot != start else { return "" }
        return String(Substring(name[utf8.index(after: dot)...]))
    }
}
