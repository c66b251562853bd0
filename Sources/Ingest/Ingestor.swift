import Crypto
import Dispatch
import Foundation
import Synchronization

/// What to do with a file that cannot be read as text.
public enum ErrorPolicy: String, Sendable, Codable, CaseIterable {
    /// Stop the run with the file's error.
    case stop
    /// Leave the file out, list it in the report, and go on.
    case skip
}

/// Settings of the ingest stage.
public struct IngestOptions: Sendable, Equatable {
    /// An explicit encoding for every input, or `nil` to detect per file.
    public var encoding: TextEncoding?
    /// How line breaks are read.
    public var layout: LineLayout
    /// What to do with unreadable files.
    public var onError: ErrorPolicy
    /// File extensions taken from folders (lower case, no dot); empty takes every file.
    public var extensions: Set<String>
    /// Sidecar metadata CSV files.
    public var sidecars: [String]
    /// Keep every line of text of one paragraph per line a paragraph, as written (presegmented
    /// text); otherwise a line break inside a sentence joins its lines (see the README).
    public var keepsLines = false
    /// Only this share of the inputs: shard `index` (1-based) of `count`, by position in the sorted
    /// input list (files index, count + index, …); `nil` for every input.
    public var shard: (index: Int, count: Int)?

    public static func == (lhs: IngestOptions, rhs: IngestOptions) -> Bool {
        lhs.encoding == rhs.encoding && lhs.layout == rhs.layout && lhs.onError == rhs.onError && lhs.extensions == rhs.extensions
            && lhs.sidecars == rhs.sidecars && lhs.keepsLines == rhs.keepsLines && lhs.shard?.index == rhs.shard?.index && lhs.shard?.count == rhs.shard?.count
    }

    public init(encoding: TextEncoding? = nil, layout: LineLayout = .auto, onError: ErrorPolicy = .stop,
                extensions: Set<String> = textExtensions, sidecars: [String] = []) {
        self.encoding = encoding
        self.layout = layout
        self.onError = onError
        self.extensions = extensions
        self.sidecars = sidecars
    }

    /// The default `extensions`: plain text.
    public static let textExtensions: Set<String> = ["txt", "text"]

    /// Extensions as a pipeline or the command line write them (`txt`, `.MD`), as `extensions`
    /// holds them: lower case, without the dot.
    public static func extensions(_ written: [String]) -> Set<String> {
        Set(written.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) })
    }
}

/// A file that was left out, and why.
public struct SkippedFile: Sendable, Equatable, Codable {
    public var path: String
    public var reason: String
}

/// What was read from one input file.
public struct InputFile: Sendable, Equatable, Codable {
    public var path: String
    /// Lower-case hex SHA-256 of the file's bytes.
    public var contentHash: String
    public var byteCount: Int
    public var encoding: String
    public var articleCount: Int
    /// Whether the articles were taken from an earlier run's results (the bytes are unchanged).
    public var reused: Bool = false
    /// The file's stamp taken before it was read, when a run keeps stamps (`knownHash`) and the file
    /// had settled (`FileStamp.isSettled(at:)`); a later run that finds the same stamp need not read it.
    public var stamp: FileStamp?
    /// Whether the file was reused without being read, its stamp being the recorded one.
    public var unread: Bool = false
    /// What the user should know about lines of the file (a line that reads as an impossible
    /// date); kept with the file's stored results, so a reused file says it again.
    public var notes: [LineNote] = []

    private enum CodingKeys: String, CodingKey {
        case path, contentHash, byteCount, encoding, articleCount, reused, stamp, unread, notes
    }

    public init(path: String, contentHash: String, byteCount: Int, encoding: String, articleCount: Int, reused: Bool = false,
                stamp: FileStamp? = nil, unread: Bool = false, notes: [LineNote] = []) {
        self.path = path
        self.contentHash = contentHash
        self.byteCount = byteCount
        self.encoding = encoding
        self.articleCount = articleCount
        self.reused = reused
        self.stamp = stamp
        self.unread = unread
        self.notes = notes
    }

    /// Reads what earlier versions wrote too (shards' partial results): later fields may be missing.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(path: try container.decode(String.self, forKey: .path), contentHash: try container.decode(String.self, forKey: .contentHash),
                  byteCount: try container.decode(Int.self, forKey: .byteCount), encoding: try container.decode(String.self, forKey: .encoding),
                  articleCount: try container.decode(Int.self, forKey: .articleCount),
                  reused: try container.decodeIfPresent(Bool.self, forKey: .reused) ?? false,
                  stamp: try container.decodeIfPresent(FileStamp.self, forKey: .stamp),
                  unread: try container.decodeIfPresent(Bool.self, forKey: .unread) ?? false,
                  notes: try container.decodeIfPresent([LineNote].self, forKey: .notes) ?? [])
    }
}

/// A warning about one line of a file, without the file's path (a copy or a renamed file gets its own).
///
/// A note about the article that starts on its line (`aboutArticle`) does not name it either: the
/// article's id and title are those of the run that shows the note (a copy's id ends in `-dupN`;
/// a title taken from the file name changes with a rename), so they are put in when the message is
/// made (`message(path:articles:)`), not stored with the note.
public struct LineNote: Sendable, Equatable, Codable {
    public var line: Int
    public var text: String
    /// The text is about the article that starts on `line`, which the message names first.
    public var aboutArticle: Bool

    public init(line: Int, text: String, aboutArticle: Bool = false) {
        self.line = line
        self.text = text
        self.aboutArticle = aboutArticle
    }

    /// `PATH:LINE: text`.
    public func message(path: String) -> String { "\(path):\(line): \(text)" }

    /// `PATH:LINE: text`, a note about an article beginning `article ID (TITLE)`, of the article of
    /// `articles` (its file's) that starts on the line.
    public func message(path: String, articles: ArraySlice<Article>) -> String {
        guard aboutArticle else { return message(path: path) }
        let name = articles.first { $0.startLine == line }.map { "article \($0.id) (\($0.title))" } ?? "the article here"
        return "\(path):\(line): \(name) \(text)"
    }

    enum CodingKeys: String, CodingKey { case line, text, aboutArticle }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        line = try container.decode(Int.self, forKey: .line)
        text = try container.decode(String.self, forKey: .text)
        aboutArticle = try container.decodeIfPresent(Bool.self, forKey: .aboutArticle) ?? false
    }
}

/// The output of the ingest stage.
public struct IngestResult: Sendable, Equatable {
    public var files: [InputFile]
    public var articles: [Article]
    public var skipped: [SkippedFile]
    /// Things worth telling the user that did not stop the run (e.g. sidecar rows that matched nothing).
    public var warnings: [String]
    /// The sidecars' value columns in the order their files write them (each name once, the
    /// first sidecar's first), for the order of `documents.csv`'s last columns.
    public var metadataColumns: [String]

    public init(files: [InputFile], articles: [Article], skipped: [SkippedFile], warnings: [String], metadataColumns: [String] = []) {
        self.files = files
        self.articles = articles
        self.skipped = skipped
        self.warnings = warnings
        self.metadataColumns = metadataColumns
    }
}

/// Where the ingest stage reports its progress (the command line's progress line).
public protocol IngestProgress: Sendable {
    /// Reading starts: `files` files holding `bytes` bytes in all.
    func ingestStarted(files: Int, bytes: Int)
    /// One file of `bytes` bytes is done (read, or taken from the store).
    func fileDone(bytes: Int)
    /// Every file is done.
    func ingestFinished()
}

/// The ingest stage: inputs in, articles with metadata out.
public enum Ingestor {
    /// Reads every input and splits it into articles.
    ///
    ///     let result = try Ingestor.ingest(["corpus/"], relativeTo: pipelineFolder)
    ///     print(result.articles.map(\.title))
    ///
    /// - Parameters:
    ///   - inputs: files, folders and glob patterns.
    ///   - base: the folder relative inputs are resolved against.
    ///   - options: encoding, layout, error policy, extensions, sidecars.
    /// - Returns: the files read, their articles in input order, skipped files and warnings (lines
    ///   that read as impossible dates, in input order; copies; sidecar rows that matched nothing).
    ///   A file reused from `reuse` is not split again: its warnings are the notes stored with it.
    ///   - reuse: the stored articles and encoding of a file with these bytes (by content hash), if any:
    ///     such a file is not decoded or split again.
    ///   - knownHash: the content hash recorded with this stamp for this path, if any: with `reuse`,
    ///     a file whose stamp is the recorded one is not even read. Passing it (even one that knows
    ///     nothing) also records each file's stamp in `InputFile.stamp` for the next run.
    ///   - progress: told the number and size of the files, then of each file done.
    /// - Throws: `IngestError` for a missing input, a bad sidecar, or (with `onError: .stop`) an unreadable file.
    public static func ingest(_ inputs: [String], relativeTo base: URL, options: IngestOptions = IngestOptions(),
                              reuse: (@Sendable (_ path: String, _ contentHash: String) -> (articles: [Article], encoding: String, notes: [LineNote])?)? = nil,
                              knownHash: (@Sendable (_ path: String, _ stamp: FileStamp) -> String?)? = nil,
                              progress: (any IngestProgress)? = nil) throws -> IngestResult {
        var leftOut: [String] = []
        // With the part of each path that may date a news dateline's day (`PathDate`).
        var datingParts: [String: String] = [:]
        let paths = try resolve(inputs, relativeTo: base, options: options, leftOut: &leftOut, datingParts: &datingParts)
        let parts = datingParts
        let datingPart = { @Sendable (path: String) in parts[path] ?? (path as NSString).lastPathComponent }
        if let progress {
            // `stat` (symbolic links followed, as the files are read), not FileManager's attributes,
            // which look up owner names too.
            let bytes = paths.reduce(0) { total, path in
                var info = stat()
                return total + (stat(path, &info) == 0 ? Int(info.st_size) : 0)
            }
            progress.ingestStarted(files: paths.count, bytes: bytes)
        }
        defer { progress?.ingestFinished() }
        // Files are read and split in parallel; results are taken in path order, so the outcome
        // (and the first error, under `onError: .stop`) does not depend on scheduling.
        var outcomes = [Result<(InputFile, [Article]), IngestError>?](repeating: nil, count: paths.count)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, paths.count))
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while case let index = next.wrappingAdd(1, ordering: .relaxed).oldValue, index < paths.count {
                    let path = paths[index]
                    var doneBytes = 0
                    defer { progress?.fileDone(bytes: doneBytes) }
                    do {
                        // With stamps, a file whose stamp (`stat`, one system call) is the one recorded
                        // with its hash is not even opened. Any other is opened once and stamped again
                        // from the open descriptor before it is read: the stamp recorded for it is never
                        // newer than the bytes read.
                        var opened: OpenedFile?
                        var settledStamp: FileStamp?
                        func openAndStamp() {
                            opened = OpenedFile(path: path)
                            settledStamp = opened?.stamp.flatMap { $0.isSettled(at: FileStamp.now()) ? $0 : nil }
                        }
                        var bytes: Data?
                        // A file whose bytes a previous run read with the same settings is not decoded again;
                        // one whose stamp is the one recorded with its hash is not even read.
                        var known: (hash: String, byteCount: Int, unread: Bool)?
                        if reuse != nil, knownHash != nil, let stamp = FileStamp.stamp(statting: path), let hash = knownHash?(path, stamp) {
                            known = (hash, Int(stamp.size), true)
                            settledStamp = stamp.isSettled(at: FileStamp.now()) ? stamp : nil
                        } else {
                            if knownHash != nil { openAndStamp() }
                            if reuse != nil || opened != nil {
                                // Not opened: read only what `notReadable` passes (a pipe would wait).
                                if opened == nil, let reason = notReadable(path) { throw IngestError.unreadable(path: path, reason: reason) }
                                bytes = try opened?.readAll(path: path) ?? FileManager.default.contents(atPath: path)
                                if reuse != nil, let bytes { known = (sha256(bytes), bytes.count, false) }
                            }
                        }
                        if let reuse, let (hash, byteCount, unread) = known {
                            if let (stored, encoding, notes) = reuse(path, hash) {
                                var articles = stored
                                for article in articles.indices {
                                    articles[article].sourcePath = path
                                    // Stored articles carry the ids (and a title taken from the file name) of
                                    // the copy stored last; copies are numbered again below.
                                    articles[article].id = ArticleSplitter.articleID(contentHash: hash, index: articles[article].indexInFile)
                                    if articles[article].titleIsFileName == true {
                                        articles[article].title = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                                    }
                                }
                                // A dateline's day takes its year from this path, not the stored copy's.
                                PathDate.date(&articles, byPath: datingPart(path))
                                let file = InputFile(path: path, contentHash: hash, byteCount: byteCount, encoding: encoding,
                                                     articleCount: articles.count, reused: true, stamp: settledStamp, unread: unread,
                                                     notes: notes)
                                output[index] = .success((file, articles))
                                doneBytes = byteCount
                                continue
                            }
                            // Known by its stamp but not stored (settings changed, an entry damaged): opened,
                            // stamped and read now (its hash is taken from the bytes read).
                            if unread {
                                openAndStamp()
                                bytes = try opened?.readAll(path: path)
                            }
                        }
                        let document = try bytes.map { try read(data: $0, path: path, encoding: options.encoding) }
                            ?? read(path: path, encoding: options.encoding)
                        var notes: [LineNote] = []
                        var articles = ArticleSplitter.split(document, layout: options.layout, keepsLines: options.keepsLines, notes: &notes)
                        PathDate.date(&articles, byPath: datingPart(path))
                        notes += articles.compactMap(TraditionalScript.note(for:))
                        let file = InputFile(path: path, contentHash: document.contentHash, byteCount: document.byteCount,
                                             encoding: document.encoding.description, articleCount: articles.count,
                                             stamp: settledStamp, notes: notes)
                        output[index] = .success((file, articles))
                        doneBytes = document.byteCount
                    } catch let error as IngestError {
                        output[index] = .failure(error)
                    } catch {
                        output[index] = .failure(.unreadable(path: path, reason: "\(error)"))
                    }
                }
            }
        }
        var result = IngestResult(files: [], articles: [], skipped: [], warnings: [])
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .success(let (file, articles))?:
                result.files.append(file)
                result.articles += articles
            case .failure(let error)?:
                guard options.onError == .skip else { throw error }
                result.skipped.append(SkippedFile(path: paths[index], reason: error.problem))
            case nil:
                break
            }
        }
        let duplicates = disambiguateDuplicates(&result.articles, files: result.files)
        result.warnings += fileWarnings(result.files, articles: result.articles) + duplicates
        if let warning = leftOutWarning(leftOut, extensions: options.extensions) { result.warnings.append(warning) }
        try applySidecars(options.sidecars, relativeTo: base, to: &result)
        return result
    }

    /// The notes on the files' lines as warnings, in input order, each note about an article naming
    /// it by its id and title now (`LineNote.message(path:articles:)`).
    ///
    /// - Parameter articles: the files' articles, in input order (`InputFile.articleCount` each).
    public static func fileWarnings(_ files: [InputFile], articles: [Article]) -> [String] {
        var warnings: [String] = []
        var start = articles.startIndex
        for file in files {
            let end = min(articles.endIndex, start + file.articleCount)
            warnings += file.notes.map { $0.message(path: file.path, articles: articles[start..<end]) }
            start = end
        }
        return warnings
    }

    /// Files with identical bytes give identical article ids; the second and later copies (in input
    /// order) get `-dup2`, `-dup3`, … so every id is unique, and a warning names the copies.
    public static func disambiguateDuplicates(_ articles: inout [Article], files: [InputFile]) -> [String] {
        var seen: [String: Int] = [:]
        for index in articles.indices {
            let id = articles[index].id
            seen[id, default: 0] += 1
            if seen[id]! > 1 { articles[index].id = id + "-dup\(seen[id]!)" }
        }
        var firstPath: [String: String] = [:]
        var warnings: [String] = []
        for f in files.indices {
            if let first = firstPath[files[f].contentHash] {
                warnings.append("\(files[f].path) has the same content as \(first); its articles get ids ending in -dupN")
            } else {
                firstPath[files[f].contentHash] = files[f].path
            }
        }
        if warnings.count > 5 {
            warnings = Array(warnings.prefix(5)) + ["\(warnings.count - 5) more files have the same content as an earlier input file"]
        }
        return warnings
    }

    /// The input files the options select, in the order `ingest` reads them.
    public static func resolve(_ inputs: [String], relativeTo base: URL, options: IngestOptions = IngestOptions()) throws -> [String] {
        var leftOut: [String] = []
        return try resolve(inputs, relativeTo: base, options: options, leftOut: &leftOut)
    }

    /// `resolve(_:relativeTo:options:)`, also giving the documents of other kinds that the input
    /// folders hold (`leftOutDocuments`), which are not read.
    static func resolve(_ inputs: [String], relativeTo base: URL, options: IngestOptions, leftOut: inout [String]) throws -> [String] {
        var datingParts: [String: String] = [:]
        return try resolve(inputs, relativeTo: base, options: options, leftOut: &leftOut, datingParts: &datingParts)
    }

    /// `resolve(_:relativeTo:options:leftOut:)`, also giving each file the part of its path that
    /// may date it (`InputResolver.resolve(_:base:extensions:leftOut:datingParts:)`).
    static func resolve(_ inputs: [String], relativeTo base: URL, options: IngestOptions, leftOut: inout [String],
                        datingParts: inout [String: String]) throws -> [String] {
        var others: [String] = []
        let allPaths = try InputResolver.resolve(inputs, base: base, extensions: options.extensions, leftOut: &others,
                                                 datingParts: &datingParts)
        leftOut = leftOutDocuments(others)
        return options.shard.map { shard in
            allPaths.enumerated().filter { $0.offset % shard.count == shard.index - 1 }.map(\.element)
        } ?? allPaths
    }

    /// Of the files a folder walk left out for their extension, the documents a user may have
    /// expected to be read: Word, PDF, web pages, OFD and the like (`documentExtensions`), not a
    /// sidecar, a pipeline or a report beside the texts.
    static func leftOutDocuments(_ paths: [String]) -> [String] {
        var reportFolders: [String: Bool] = [:]
        return paths.filter { path in
            guard documentExtensions.contains(InputResolver.pathExtension(of: path).lowercased()) else { return false }
            let name = (path as NSString).lastPathComponent
            // An editor's lock file (`~$报告.docx`), no document.
            if name.hasPrefix("~$") || name.hasPrefix(".~lock") { return false }
            // A report's own pages (`index.html` beside `report.xml`, an output folder inside the inputs).
            let folder = (path as NSString).deletingLastPathComponent
            if reportFolders[folder] == nil {
                reportFolders[folder] = FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("report.xml"))
            }
            return reportFolders[folder] != true
        }
    }

    static let documentExtensions: Set<String> = ["doc", "docx", "pdf", "htm", "html", "xhtml", "mht", "mhtml", "rtf", "odt", "wps",
                                                  "md", "markdown", "epub", "ofd", "caj", "ceb"]

    /// How many of `documents` there are of each extension, the commonest first (`2 .docx`, `1 .md`).
    static func documentKinds(_ documents: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for path in documents { counts["." + InputResolver.pathExtension(of: path).lowercased(), default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.value) \($0.key)" }
    }

    /// The warning for documents the input folders hold that are not read, or `nil` for none.
    static func leftOutWarning(_ documents: [String], extensions: Set<String>) -> String? {
        guard let first = documents.first else { return nil }
        let kinds = documentKinds(documents)
        return "\(documents.count) file(s) in the input folders were not read, as Cipin reads plain text (`extensions`: "
            + "\(extensions.sorted().joined(separator: ", "))): \(kinds.joined(separator: ", ")), e.g. \(first); save them as UTF-8 text "
            + "(.txt) to count them (a .md file is text: add md to `extensions`)"
    }

    /// How many unmatched rows, and how many keys of several rows, a sidecar's warnings name.
    static let namedSidecarRows = 10

    /// Adds the fields of sidecar metadata files to the result's articles, and their columns to
    /// its `metadataColumns`.
    ///
    /// Appends warnings for a sidecar's notes (a column with no name and no values), rows that
    /// match no article and keys given by several rows (`namedSidecarRows` of each, then how many more).
    /// - Throws: `IngestError.badSidecar` or `.unreadable`.
    public static func applySidecars(_ sidecars: [String], relativeTo base: URL, to result: inout IngestResult) throws {
        for sidecarPath in sidecars {
            let expanded = (sidecarPath as NSString).expandingTildeInPath
            let absolute = expanded.hasPrefix("/") ? expanded : base.appendingPathComponent(expanded).path
            let sidecar = try Sidecar.load(path: (absolute as NSString).standardizingPath)
            let matched = sidecar.matchingEntries(of: result.articles)
            for index in result.articles.indices where !matched[index].isEmpty {
                result.articles[index].fields.merge(sidecar.fields(ofEntries: matched[index])) { _, new in new }
            }
            let known = Set(result.metadataColumns)
            result.metadataColumns += sidecar.columns.filter { !known.contains($0) }
            result.warnings += sidecar.notes.map { $0.message(path: sidecarPath) }
            // Ten of each kind, then how many more: a sidecar of a whole archive run over one
            // year's folder would otherwise make a warning per row.
            let unmatched = sidecar.unmatchedRows(matched: matched)
            if let only = unmatched.first, unmatched.count == sidecar.entries.count {
                // None matches: one warning for the file, not one a row, with how keys are written.
                let keys = unmatched.prefix(3).map { "\"\($0.key)\"" }.joined(separator: ", ")
                let what = unmatched.count == 1
                    ? "\(sidecarPath):\(only.line): its only row, for \(keys), matches no input file or article"
                    : "\(sidecarPath): none of its \(unmatched.count) rows matches an input file or article (\(keys)"
                        + (unmatched.count > 3 ? ", …" : "") + ")"
                result.warnings.append(what + ": is it the metadata of other files, or are its keys written otherwise? "
                    + "A `file` is a path relative to the metadata file's folder or a bare file name; an `id` is an article id "
                    + "(`cipin ingest` lists them)")
                continue
            }
            for row in unmatched.prefix(namedSidecarRows) {
                result.warnings.append("\(sidecarPath):\(row.line): the row for \"\(row.key)\" matches no input file or article")
            }
            if unmatched.count > namedSidecarRows {
                result.warnings.append("\(sidecarPath): \(unmatched.count - namedSidecarRows) more rows match no input file or article "
                                       + "(\(unmatched.count) in all)")
            }
            let repeated = sidecar.repeatedKeys()
            for (key, lines) in repeated.prefix(namedSidecarRows) {
                let shown = lines.prefix(namedSidecarRows).map(String.init).joined(separator: ", ")
                    + (lines.count > namedSidecarRows ? " and \(lines.count - namedSidecarRows) more" : "")
                result.warnings.append("\(sidecarPath): \"\(key)\" has rows on lines \(shown); the later rows' values win")
            }
            if repeated.count > namedSidecarRows {
                result.warnings.append("\(sidecarPath): \(repeated.count - namedSidecarRows) more keys have rows on several lines "
                                       + "(\(repeated.count) in all); the later rows' values win")
            }
        }
    }

    /// Reads and decodes one file.
    ///
    /// - Throws: `IngestError.unreadable`, `.binaryFile` or `.undecodable`.
    public static func read(path: String, encoding: TextEncoding? = nil) throws -> Document {
        if let reason = notReadable(path) { throw IngestError.unreadable(path: path, reason: reason) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw IngestError.unreadable(path: path, reason: notReadable(path) ?? (error as NSError).localizedDescription)
        }
        return try read(data: data, path: path, encoding: encoding)
    }

    /// What a file of `mode` (`st_mode`) is when it is not a regular file, as the reason it is not
    /// read; `nil` for a regular file. (A pipe would make a read wait, a device such as /dev/zero
    /// never end.)
    static func notARegularFile(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a folder"
        case S_IFIFO: return "it is a named pipe (FIFO), not a file; remove it from the inputs (or from their folder)"
        case S_IFCHR, S_IFBLK: return "it is a device, not a file; remove it from the inputs (or from their folder)"
        case S_IFSOCK: return "it is a socket, not a file; remove it from the inputs (or from their folder)"
        default: return "it is not a regular file"
        }
    }

    /// Why the file at `path` cannot be read as a file, or `nil` when it is a regular file that can
    /// be opened: gone since the inputs were listed, a name that is not UTF-8 (which `readdir`
    /// gave as U+FFFD, so the name found is not the name on disk), not a regular file, or the
    /// system's reason (permissions).
    static func notReadable(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            let reason = String(cString: strerror(code))
            if code == ENOENT, let name = undecodableName(path) {
                guard let gb18030 = name.gb18030 else {
                    return "its name is neither UTF-8 nor GB18030 (\(name.bytes), its bad bytes in hex), so it cannot be named; "
                        + "rename it in UTF-8, e.g. in its folder with bash: mv $'\(name.bytes)' NEW-NAME"
                }
                return "its name is not UTF-8 (read as GB18030 it is \(gb18030)), so it cannot be named; rename it in UTF-8, "
                    + "e.g. `convmv -f gbk -t utf-8 --notest` on the file or its folder"
            }
            var linkStatus = stat()
            if lstat(path, &linkStatus) == 0, linkStatus.st_mode & S_IFMT == S_IFLNK {
                return "it is a symbolic link to nothing that can be read (\(reason.lowercased())); fix or remove the link"
            }
            return code == ENOENT ? "it is no longer there (removed or renamed after the inputs were listed)" : reason
        }
        if let reason = notARegularFile(mode: status.st_mode) { return reason }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        close(descriptor)
        return nil
    }

    /// `bytes` as the inside of bash's `$'…'`: characters of UTF-8 as they are, except the quote,
    /// the backslash and control characters; every other byte as `\xHH`.
    static func shellEscaped(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            var shown = ""
            var index = 0
            while index < buffer.count {
                if let length = Decoding.utf8SequenceLength(buffer, at: index),
                   let scalar = String(decoding: UnsafeBufferPointer(rebasing: buffer[index..<(index + length)]), as: UTF8.self).unicodeScalars.first,
                   scalar.value >= 0x20, scalar.value != 0x7F, scalar != "'", scalar != "\\" {
                    shown.unicodeScalars.append(scalar)
                    index += length
                } else {
                    shown += String(format: "\\x%02X", buffer[index])
                    index += 1
                }
            }
            return shown
        }
    }

    /// The name on disk that `path`'s last component (holding U+FFFD, where `readdir` met bytes
    /// that are not UTF-8) stands for: its GB18030 reading if it has one, and the name as bash's
    /// `$'…'` reads it, its UTF-8 characters as they are and every other byte in hex
    /// (`报告\xFF.txt`); `nil` when there is no such name.
    static func undecodableName(_ path: String) -> (gb18030: String?, bytes: String)? {
        let name = (path as NSString).lastPathComponent
        guard name.contains("\u{FFFD}"), let directory = opendir((path as NSString).deletingLastPathComponent) else { return nil }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard String(decoding: bytes, as: UTF8.self) == name, String(validating: bytes, as: UTF8.self) == nil else { continue }
            return (try? Decoding.decode(Data(bytes), path: name, encoding: .gb18030).text, shellEscaped(bytes))
        }
        return nil
    }

    /// Decodes the bytes of the file at `path`, already read.
    static func read(data: Data, path: String, encoding: TextEncoding? = nil) throws -> Document {
        let decoded = try Decoding.decode(data, path: path, encoding: encoding)
        return Document(path: path, contentHash: sha256(data), byteCount: data.count, encoding: decoded.encoding, text: decoded.text)
    }
}

/// Lower-case hex SHA-256 of some bytes.
public func sha256(_ data: Data) -> String {
    SHA256.hash(data: data).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
    }.joined()
}
