import Foundation

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
        var found: [String] = []
        var seen = Set<String>()
        for input in inputs {
            let expanded = (input as NSString).expandingTildeInPath
            let absolute = expanded.hasPrefix("/") ? expanded : base.appendingPathComponent(expanded).path
            var matches: [String]
            if absolute.contains(where: { "*?[".contains($0) }) {
                matches = try glob(absolute)
            } else {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                    throw IngestError.inputNotFound(input)
                }
                matches = isDirectory.boolValue ? walk(absolute, extensions: extensions) : [absolute]
            }
            if matches.isEmpty { throw IngestError.inputNotFound(input) }
            matches.sort()
            for path in matches {
                let key = (path as NSString).standardizingPath
                if seen.insert(key).inserted { found.append(key) }
            }
        }
        return found
    }

    static func walk(_ folder: String, extensions: Set<String>) -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: folder), includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator {
            let isFile = (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) ?? false
            if isFile && (extensions.isEmpty || extensions.contains(url.pathExtension.lowercased())) {
                files.append(url.path)
            }
        }
        return files.sorted()
    }

    /// Matches a pattern against the files under its longest folder without wildcards.
    static func glob(_ pattern: String) throws -> [String] {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let fixed = components.prefix { !$0.contains(where: { "*?[".contains($0) }) }
        let root = fixed.joined(separator: "/")
        let regex = try Regex("^" + translate(pattern) + "$")
        guard let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: root.isEmpty ? "/" : root), includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator {
            let isFile = (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) ?? false
            if isFile, url.path.wholeMatch(of: regex) != nil { files.append(url.path) }
        }
        return files
    }

    static func translate(_ pattern: String) -> String {
        var out = ""
        var characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    let followedBySlash = index + 2 < characters.count && characters[index + 2] == "/"
                    out += followedBySlash ? "(?:.*/)?" : ".*"
                    index += followedBySlash ? 3 : 2
                    continue
                }
                out += "[^/]*"
            case "?": out += "[^/]"
            case "[":
                if let close = characters[(index + 1)...].firstIndex(of: "]") {
                    var set = String(characters[(index + 1)..<close])
                    if set.hasPrefix("!") { set = "^" + set.dropFirst() }
                    out += "[" + set.replacingOccurrences(of: "\\", with: "\\\\") + "]"
                    index = close + 1
                    continue
                }
                out += "\\["
            default:
                out += NSRegularExpression.escapedPattern(for: String(character))
            }
            index += 1
        }
        characters.removeAll()
        return out
    }
}
