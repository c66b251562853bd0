import Foundation
import Testing
@testable import Ingest

@Suite struct IngestorTests {
    func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A file whose stamp is the one recorded is not read: its recorded hash finds the stored
    /// articles, whatever the file holds now. Without a recorded stamp the file is read and hashed,
    /// and a file changed just now gets no stamp to record (it has not settled).
    @Test func aFileWithItsRecordedStampIsNotRead() throws {
        let folder = try Fixtures.temporaryFolder()
        let file = folder.appendingPathComponent("a.txt")
        try write("现在的标题\n现在的正文。\n", to: file)
        guard let stamp = FileStamp.of(path: file.path) else {
            // Not a local file system: no stamp, and the file is read every time.
            let descriptor = open(file.path, O_RDONLY)
            defer { close(descriptor) }
            #expect(descriptor >= 0 && !FileStamp.isLocal(descriptor))
            let read = try Ingestor.ingest([file.path], relativeTo: folder, reuse: { _, _ in nil }, knownHash: { _, _ in "x" })
            #expect(read.files.map(\.unread) == [false] && read.files[0].stamp == nil)
            return
        }
        var stored = try Ingestor.ingest([file.path], relativeTo: folder).articles
        stored[0].title = "存下的标题"
        let articles = stored
        let reuse: @Sendable (String, String) -> (articles: [Article], encoding: String, notes: [LineNote])? = { _, hash in
            hash == "recorded" ? (articles, "UTF-8", [LineNote(line: 3, text: "a stored note")]) : nil
        }
        let path = file.path
        let known = try Ingestor.ingest([file.path], relativeTo: folder, reuse: reuse, knownHash: { seenPath, seen in
            seenPath == path && seen == stamp ? "recorded" : nil
        })
        #expect(known.files.map(\.contentHash) == ["recorded"] && known.files[0].reused)
        #expect(known.files[0].byteCount == Int(stamp.size))
        #expect(known.articles.map(\.title) == ["存下的标题"])
        #expect(known.files[0].unread)
        // A reused file's stored notes are its warnings again, under its path now.
        #expect(known.warnings == ["\(path):3: a stored note"] && known.files[0].notes == [LineNote(line: 3, text: "a stored note")])
        // Without a recorded stamp: read. Written a moment ago, it has no stamp to keep (unless this
        // machine took the whole settling time to get here).
        let before = FileStamp.now()
        let unknown = try Ingestor.ingest([file.path], relativeTo: folder, reuse: reuse, knownHash: { _, _ in nil })
        #expect(unknown.files.map(\.contentHash) == [sha256(try Data(contentsOf: file))])
        #expect(unknown.articles.map(\.title) == ["现在的标题"])
        #expect(!unknown.files[0].unread)
        if !stamp.isSettled(at: before) { #expect(unknown.files[0].stamp == nil || stamp.isSettled(at: FileStamp.now())) }
        #expect(!stamp.isSettled(at: stamp.changed + FileStamp.settlingTime - 1))
        #expect(stamp.isSettled(at: stamp.changed + FileStamp.settlingTime))
        #expect(FileStamp.of(path: folder.path) == nil)   // folders have no stamp
    }

    /// A stamp by `stat` (an unchanged file is known without being opened) is the stamp the open
    /// file gives, through a symbolic link too; a folder, a FIFO and a missing path have none. A
    /// file known by its stamp whose stored entry is gone is opened and read after all, and gets
    /// the hash of its bytes.
    @Test func aStampByStatIsTheOpenFilesStamp() throws {
        let folder = try Fixtures.temporaryFolder()
        let file = folder.appendingPathComponent("a.txt")
        try write("标题\n正文。\n", to: file)
        guard let stamp = FileStamp.of(path: file.path) else { return }   // not a local file system: no stamps at all
        #expect(FileStamp.stamp(statting: file.path) == stamp)
        let link = folder.appendingPathComponent("link.txt")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        #expect(FileStamp.stamp(statting: link.path) == stamp)
        #expect(FileStamp.stamp(statting: folder.path) == nil)
        #expect(FileStamp.stamp(statting: folder.appendingPathComponent("missing.txt").path) == nil)
        let fifo = folder.appendingPathComponent("pipe.txt")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(FileStamp.stamp(statting: fifo.path) == nil)
        try FileManager.default.removeItem(at: fifo)
        try FileManager.default.removeItem(at: link)
        // Known by its stamp, but nothing stored under that hash: read and hashed.
        let path = file.path
        let read = try Ingestor.ingest([file.path], relativeTo: folder, reuse: { _, _ in nil },
                                       knownHash: { seenPath, seen in seenPath == path && seen == stamp ? "recorded" : nil })
        #expect(read.files.map(\.contentHash) == [sha256(try Data(contentsOf: file))])
        #expect(!read.files[0].unread && !read.files[0].reused && read.articles.map(\.title) == ["标题"])
    }

    /// Paths as keys by their bytes: a composed and a decomposed name are two keys (two files on
    /// disk), though Swift's strings call them equal; equal bytes are one key.
    @Test func pathKeysCompareBytes() {
        let composed = "/语料/caf\u{E9}.txt", decomposed = "/语料/cafe\u{301}.txt"
        #expect(composed == decomposed)
        #expect(ByteKey(composed) != ByteKey(decomposed))
        #expect(Set([ByteKey(composed), ByteKey(decomposed), ByteKey(String(composed))]).count == 2)
        #expect(ByteKey("/语料/a.txt") == ByteKey("/语料/" + "a.txt") && ByteKey("") == ByteKey(""))
        var table: [ByteKey: Int] = [:]
        for (index, path) in ["/a", "/语料/甲.txt", composed, decomposed].enumerated() { table[ByteKey(path)] = index }
        #expect(table.count == 4 && table[ByteKey(decomposed)] == 3 && table[ByteKey("/语料/甲.txt")] == 1)
    }

    /// `OpenedFile.readAll` gives every byte from the start: an empty file, a file that grew after it
    /// was opened (past the size its stamp gave), one that shrank, one larger than the first buffer.
    @Test func openedFileReadsEveryByte() throws {
        let folder = try Fixtures.temporaryFolder()
        let file = folder.appendingPathComponent("f.bin")
        try Data().write(to: file)
        let empty = try #require(OpenedFile(path: file.path))
        #expect(try empty.readAll(path: file.path) == Data())
        let first = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try first.write(to: file)
        let growing = try #require(OpenedFile(path: file.path))
        let more = Data(repeating: 0x41, count: 70_000)
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: more)
        try handle.close()
        #expect(try growing.readAll(path: file.path) == first + more)
        let shrinking = try #require(OpenedFile(path: file.path))
        #expect(truncate(file.path, 123) == 0)
        #expect(try shrinking.readAll(path: file.path) == first.prefix(123))
        #expect(OpenedFile(path: folder.appendingPathComponent("missing").path) == nil)
    }

    @Test func foldersAreWalkedRecursivelyInSortedOrder() throws {
        let folder = try Fixtures.temporaryFolder()
        try write("乙\n正文。\n", to: folder.appendingPathComponent("b.txt"))
        try write("甲\n正文。\n", to: folder.appendingPathComponent("a/z.txt"))
        try write("丙\n正文。\n", to: folder.appendingPathComponent("a/y.txt"))
        try write("{}", to: folder.appendingPathComponent("metadata.jsonl"))
        try write("隐\n正文。\n", to: folder.appendingPathComponent(".hidden.txt"))
        let result = try Ingestor.ingest([folder.path], relativeTo: folder)
        #expect(result.files.map { ($0.path as NSString).lastPathComponent } == ["y.txt", "z.txt", "b.txt"])
        #expect(result.articles.map(\.title) == ["丙", "甲", "乙"])
    }

    /// Documents of other kinds in an input folder (a Word file, a PDF) are not read, and a warning
    /// says so; a sidecar or a file a pattern did not name is no such document (a review found a
    /// `.docx` passed over without a word).
    @Test func documentsOfOtherKindsAreNamedInAWarning() throws {
        let folder = try Fixtures.temporaryFolder()
        try write("甲\n正文。\n", to: folder.appendingPathComponent("in/a.TXT"))
        for name in ["in/b.docx", "in/sub/c.pdf", "in/sub/d.docx", "in/e.md", "in/metadata.csv", "in/notes.json", "in/.hidden.doc"] {
            try write("x", to: folder.appendingPathComponent(name))
        }
        let result = try Ingestor.ingest(["in"], relativeTo: folder)
        #expect(result.files.count == 1)
        let warnings = result.warnings.filter { $0.contains("were not read") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("4 file(s) in the input folders were not read, as Cipin reads plain text (`extensions`: text, txt): "
            + "2 .docx, 1 .md, 1 .pdf, e.g. \(folder.path)/in/b.docx;") == true)
        // Read as text once their extension is listed; a folder pattern walks its folders alike.
        var options = IngestOptions()
        options.extensions = ["txt", "md"]
        let withMarkdown = try Ingestor.ingest(["in"], relativeTo: folder, options: options)
        #expect(withMarkdown.files.count == 2 && withMarkdown.warnings.contains { $0.hasPrefix("3 file(s) in the input folders were not read") })
        let pattern = try Ingestor.ingest(["i*/"], relativeTo: folder)
        #expect(pattern.warnings.contains { $0.hasPrefix("4 file(s) in the input folders were not read") })
        // An editor's lock file, and a report's own pages (an output folder inside the inputs), are no such documents.
        try write("x", to: folder.appendingPathComponent("in/~$b.docx"))
        try write("<article/>", to: folder.appendingPathComponent("in/out/report.xml"))
        try write("<html/>", to: folder.appendingPathComponent("in/out/index.html"))
        let withOutput = try Ingestor.ingest(["in"], relativeTo: folder)
        #expect(withOutput.warnings.contains { $0.hasPrefix("4 file(s) in the input folders were not read") })
        // Files a pattern does not name are no concern of the warning.
        let named = try Ingestor.ingest(["in/*.TXT"], relativeTo: folder)
        #expect(!named.warnings.contains { $0.contains("were not read") })
    }

    /// The folder walk lists what Foundation's enumerator (skipping hidden files, regular files
    /// only) lists: hidden files and folders, symbolic links and other extensions left out,
    /// extensions matched whatever their case, Chinese names and spaces kept; and a FIFO, which
    /// reading then reports (it is no regular file to the enumerator).
    @Test func folderWalkListsWhatFoundationsEnumeratorLists() throws {
        let folder = try Fixtures.temporaryFolder()
        for name in ["a.txt", "B.TXT", "c.Text", "d.md", "noext", ".hidden.txt", ".folder/e.txt", "子 目录/报告 一.txt",
                     "sub/deeper/f.txt", "sub/.g.txt", "other/h.txt", "dot./i.txt"] {
            try write("题\n正文。\n", to: folder.appendingPathComponent(name))
        }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.txt").path, withDestinationPath: "a.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("linked").path, withDestinationPath: "other")
        #expect(mkfifo(folder.appendingPathComponent("pipe.txt").path, 0o600) == 0)
        var expected: [String] = []
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                                     options: [.skipsHiddenFiles]))
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            if ["txt", "text"].contains(url.pathExtension.lowercased()) { expected.append(url.path) }
        }
        // A link to a folder above (a loop) is passed over; a link to nothing is listed, so that
        // reading it says so.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sub/deeper/up").path, withDestinationPath: "../..")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("gone.txt").path, withDestinationPath: "nowhere.txt")
        let walked = InputResolver.walk(folder.path, extensions: ["txt", "text"])
        // Links inside the tree are not followed (their files are listed once, under their real
        // paths): what Foundation's enumerator lists.
        #expect(walked == (expected + ["gone.txt", "pipe.txt"].map { folder.appendingPathComponent($0).path }).sorted())
        #expect(walked.map { String($0.dropFirst(folder.path.count + 1)) }
            == ["B.TXT", "a.txt", "c.Text", "dot./i.txt", "gone.txt", "other/h.txt", "pipe.txt", "sub/deeper/f.txt", "子 目录/报告 一.txt"])
        // Links out of the tree are followed, under their own paths; a second link to a folder
        // already walked, and a link to a folder holding the tree, are not.
        let outside = try Fixtures.temporaryFolder()
        try write("外\n正文。\n", to: outside.appendingPathComponent("far/x.txt"))
        try write("外二\n正文。\n", to: outside.appendingPathComponent("y.txt"))
        for (name, target) in [("out-file.txt", outside.appendingPathComponent("y.txt").path), ("out-a", outside.appendingPathComponent("far").path),
                               ("out-b", outside.appendingPathComponent("far").path), ("root", "/")] {
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(name).path, withDestinationPath: target)
        }
        #expect(InputResolver.walk(folder.path, extensions: ["txt"]).map { String($0.dropFirst(folder.path.count + 1)) }
            == ["B.TXT", "a.txt", "dot./i.txt", "gone.txt", "other/h.txt", "out-a/x.txt", "out-file.txt", "pipe.txt", "sub/deeper/f.txt",
                "子 目录/报告 一.txt"])
        // Overlapping links: a folder and a folder inside it, in either order of names, and a file
        // inside one of them: each file once, under the first link in path order.
        try write("深\n正文。\n", to: outside.appendingPathComponent("far/sub/z.txt"))
        for (name, target) in [("aa-sub", outside.appendingPathComponent("far/sub").path), ("zz-far", outside.appendingPathComponent("far").path),
                               ("zz-file.txt", outside.appendingPathComponent("far/sub/z.txt").path)] {
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(name).path, withDestinationPath: target)
        }
        let overlapping = InputResolver.walk(folder.path, extensions: ["txt"]).map { String($0.dropFirst(folder.path.count + 1)) }
        #expect(overlapping.filter { $0.contains("z.txt") || $0.contains("x.txt") } == ["aa-sub/z.txt", "out-a/x.txt"])
        #expect(InputResolver.walk(folder.path + "/", extensions: ["md"]) == [folder.appendingPathComponent("d.md").path])
    }

    @Test func globPatternsAndDuplicates() throws {
        let folder = try Fixtures.temporaryFolder()
        try write("一\n正文。\n", to: folder.appendingPathComponent("2021/a.txt"))
        try write("二\n正文。\n", to: folder.appendingPathComponent("2022/deep/b.txt"))
        try write("三\n正文。\n", to: folder.appendingPathComponent("2022/c.md"))
        let result = try Ingestor.ingest(["20*/**/*.txt", "2021/a.txt"], relativeTo: folder)
        #expect(result.files.map { ($0.path as NSString).lastPathComponent } == ["a.txt", "b.txt"])
    }

    /// Wildcards are only those the user wrote (the pipeline's folder may hold `[` in its name); a
    /// name that exists as written is that file; bracket sets are taken as POSIX shells take them,
    /// their characters meaning nothing more; a range that runs backwards is an error naming the input.
    @Test func patternsAreTheUsersAlone() throws {
        let top = try Fixtures.temporaryFolder()
        let project = top.appendingPathComponent("proj[2021]")
        for name in ["a.txt", "b.txt", "a[1].txt", "[x].txt", "&.txt"] {
            try write("题\n正文。\n", to: project.appendingPathComponent("in/" + name))
        }
        // What `proj[2021]` would match as a pattern.
        try write("题\n正文。\n", to: top.appendingPathComponent("proj2/in/other.txt"))
        func names(_ input: String, base: URL? = nil) throws -> [String] {
            try InputResolver.resolve([input], base: base ?? project, extensions: ["txt"]).map { ($0 as NSString).lastPathComponent }
        }
        try write("题\n正文。\n", to: project.appendingPathComponent("in/子/c.txt"))
        try write("题\n正文。\n", to: project.appendingPathComponent("in/子/d.md"))
        let all = ["&.txt", "[x].txt", "a.txt", "a[1].txt", "b.txt"]
        #expect(try names("in/*.txt") == all)
        #expect(try names("in//*.txt") == all)
        #expect(try names("in") == all + ["c.txt"])
        // A pattern ending in `/` names folders, walked as folders are.
        #expect(try names("in/*/") == ["c.txt"])
        #expect(try names("i?/子//") == ["c.txt"])
        #expect(try names("in/a[1].txt") == ["a[1].txt"])
        #expect(try names("in/[ab].txt") == ["a.txt", "b.txt"])
        #expect(try names("in/[!a&].txt") == ["b.txt"])
        #expect(try names("in/[^a&].txt") == ["b.txt"])
        #expect(try names("in/[[]*") == ["[x].txt"])
        #expect(try names("in/[]&[]*") == ["&.txt", "[x].txt"])
        #expect(try names("in/[&&]*") == ["&.txt"])
        #expect(try names("in/[a-b].txt") == ["a.txt", "b.txt"])
        #expect(try names("in/a[[]1].txt") == ["a[1].txt"])
        // Written by the user, the folder's brackets are a set; `[[]` escapes one.
        #expect(try names(top.path + "/proj[2021]/in/*.txt", base: top) == ["other.txt"])
        #expect(try names(top.path + "/proj[[]2021]/in/b*.txt", base: top) == ["b.txt"])
        #expect(throws: IngestError.badPattern(input: "in/[z-a].txt", reason: "the range z-a runs backwards; write it a-z")) {
            try names("in/[z-a].txt")
        }
        // A `[` that closes no set (not within its folder name) is itself.
        #expect(throws: IngestError.inputNotFound("in/[x/*.txt")) { try names("in/[x/*.txt") }
    }

    /// Inputs through a symbolic link to the folder, with `.`, `..`, doubled and trailing slashes,
    /// as a folder and as patterns: every path is what `NSString.standardizingPath` makes of it
    /// (which resolves the link), as when each path was standardized on its own.
    @Test func pathsAreStandardizedAsFoundationStandardizesThem() throws {
        let top = try Fixtures.temporaryFolder()
        let real = top.appendingPathComponent("real")
        for name in ["a.txt", "子 目录/报告 一.txt", "sub/deeper/f.txt", "other/h.txt"] {
            try write("题\n正文。\n", to: real.appendingPathComponent(name))
        }
        // A relative link and an absolute one (which `standardizingPath` resolves).
        try FileManager.default.createSymbolicLink(atPath: top.appendingPathComponent("via").path, withDestinationPath: "real")
        try FileManager.default.createSymbolicLink(atPath: top.appendingPathComponent("abs").path, withDestinationPath: real.path)
        var resolvedThroughAbsolute: [String] = []
        for link in ["via", "abs"] {
            let inputs = [link, link + "/", "./" + link + "//sub/../", link + "/*/*.txt", link + "/**/*.txt", link + "/sub/deeper",
                          "real/other/../a.txt", top.path + "/" + link + "/子 目录"]
            for input in inputs {
                let resolved = try InputResolver.resolve([input], base: top, extensions: ["txt"])
                let absolute = input.hasPrefix("/") ? input : top.path + "/" + input
                let raw: [String]
                if input.contains("*") {
                    raw = try InputResolver.glob(absolute, from: nil, input: input).files
                } else if input.hasSuffix(".txt") {
                    raw = [absolute]
                } else {
                    raw = InputResolver.walk(absolute, extensions: ["txt"])
                }
                let expected = Array(Set(raw.map { ($0 as NSString).standardizingPath })).sorted()
                #expect(!resolved.isEmpty && resolved == expected, "\(input)")
                if link == "abs" { resolvedThroughAbsolute += resolved }
            }
        }
        #expect(try InputResolver.resolve(["via"], base: top, extensions: ["txt"]).count == 4)
        // The absolute link resolved: every path lies in the real folder.
        #expect(resolvedThroughAbsolute.allSatisfy { $0.hasPrefix(real.path + "/") })
    }

    /// A file named through a symbolic link keeps the link's name, as the user named it (a
    /// sidecar's rows name it so), in every spelling once; links in the folders above it resolve.
    @Test func aFileNamedByALinkKeepsTheLinksName() throws {
        let top = try Fixtures.temporaryFolder()
        try write("题\n正文。\n", to: top.appendingPathComponent("data/sh.txt"))
        try FileManager.default.createSymbolicLink(atPath: top.appendingPathComponent("上海.txt").path, withDestinationPath: "data/sh.txt")
        try FileManager.default.createSymbolicLink(atPath: top.appendingPathComponent("via").path, withDestinationPath: top.path)
        let resolved = try InputResolver.resolve(["上海.txt", "./上海.txt", "via/上海.txt", top.path + "/data/../上海.txt"], base: top,
                                                 extensions: ["txt"])
        let real = (top.path as NSString).resolvingSymlinksInPath
        #expect(resolved == [real + "/上海.txt"])
        #expect(try Ingestor.ingest(["上海.txt"], relativeTo: top).articles.map(\.sourcePath) == [real + "/上海.txt"])
    }

    /// The extension a walk filters by is `NSString.pathExtension`'s.
    @Test func pathExtensionIsFoundations() {
        let paths = ["a/b.txt", "a/b.TXT", "a/.hidden", "a/b.", "a/b", "a/b.tar.gz", "dot./i.txt", "dot./i", "a/b.txt/", "a//b.md//",
                     "/", "", ".txt", "x.", "子 目录/报告 一.txt", "a.b/c", "/tmp/报告.文本", "a/b..c", "./a", "../b.c"]
        for path in paths {
            #expect(InputResolver.pathExtension(of: path) == (path as NSString).pathExtension, "\(path)")
        }
    }

    @Test func missingInputIsAnError() throws {
        let folder = try Fixtures.temporaryFolder()
        #expect(throws: IngestError.inputNotFound("nowhere/*.txt")) {
            try Ingestor.ingest(["nowhere/*.txt"], relativeTo: folder)
        }
        #expect(IngestError.inputNotFound("nowhere/*.txt").errorDescription == "nowhere/*.txt: no such file, folder or matching pattern; check the path")
    }

    @Test func binaryFileStopsTheRunByDefault() throws {
        let folder = try Fixtures.temporaryFolder()
        try write("正常\n正文。\n", to: folder.appendingPathComponent("a.txt"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A]).write(to: folder.appendingPathComponent("b.txt"))
        let binary = folder.appendingPathComponent("b.txt").path
        #expect(throws: IngestError.binaryFile(path: binary, byteOffset: 4)) {
            try Ingestor.ingest([folder.path], relativeTo: folder)
        }
        let result = try Ingestor.ingest([folder.path], relativeTo: folder, options: IngestOptions(onError: .skip))
        #expect(result.articles.count == 1)
        #expect(result.skipped == [SkippedFile(path: binary, reason: "\(binary): not a text file (NUL or control byte at byte offset 4)")])
        #expect(IngestError.binaryFile(path: binary, byteOffset: 4).problem == result.skipped[0].reason)
    }

    /// A file whose name is not UTF-8 (GBK, as Windows zips make them) is named by its GB18030
    /// reading and how to rename it; a named pipe is not a file. Both can be skipped.
    @Test func unreadableFilesSayWhy() throws {
        let folder = try Fixtures.temporaryFolder()
        try write("正常\n正文。\n", to: folder.appendingPathComponent("a.txt"))
        _ = try Fixtures.python("import sys, os; open(os.path.join(sys.argv[1].encode(), '人才.txt'.encode('gbk')), 'w').write('标题\\n人才')",
                                arguments: [folder.path])
        // 人才 in GBK, C8CB B2C5, as `readdir`'s name is decoded (CB B2 is valid UTF-8: U+02F2).
        let lossy = folder.path + "/" + String(decoding: [0xC8, 0xCB, 0xB2, 0xC5], as: UTF8.self) + ".txt"
        let reason = "its name is not UTF-8 (read as GB18030 it is 人才.txt), so it cannot be named; rename it in UTF-8, "
            + "e.g. `convmv -f gbk -t utf-8 --notest` on the file or its folder"
        #expect(throws: IngestError.unreadable(path: lossy, reason: reason)) {
            try Ingestor.ingest([folder.path], relativeTo: folder)
        }
        let skipped = try Ingestor.ingest([folder.path], relativeTo: folder, options: IngestOptions(onError: .skip)).skipped
        #expect(skipped.map(\.path) == [lossy] && skipped[0].reason.contains("read as GB18030 it is 人才.txt"))
        // A name that is not GB18030 either (0xFF is no lead byte of it) is shown by its bytes; it
        // was called "no longer there" (found by fuzzing).
        let neither = try Fixtures.temporaryFolder()
        _ = try Fixtures.python("import sys, os; open(os.path.join(sys.argv[1].encode(), '报告'.encode() + b'\\xff.txt'), 'w').write('标题\\n人才')",
                                arguments: [neither.path])
        let otherLossy = neither.path + "/报告\u{FFFD}.txt"
        let otherReason = "its name is neither UTF-8 nor GB18030 (报告\\xFF.txt, its bad bytes in hex), so it cannot be named; "
            + "rename it in UTF-8, e.g. in its folder with bash: mv $'报告\\xFF.txt' NEW-NAME"
        // The name as bash's $'…' takes it: UTF-8 as it is, the rest, quotes and backslashes in hex;
        // bash itself reads it back to the same bytes.
        let odd: [UInt8] = Array("a'b\\c 人".utf8) + [0xE4, 0xBA, 0x0A, 0x80, 0xFF] + Array("才.txt".utf8)
        let escaped = Ingestor.shellEscaped(odd)
        #expect(escaped == "a\\x27b\\x5Cc 人\\xE4\\xBA\\x0A\\x80\\xFF才.txt")
        let echoed = try Fixtures.python("import subprocess, sys; sys.stdout.write(subprocess.run(['bash', '-c', \"printf %s $'\" + sys.argv[1] + \"' | od -An -tx1\"], capture_output=True, text=True).stdout)",
                                         arguments: [escaped])
        #expect(echoed.split(whereSeparator: \.isWhitespace).map { UInt8($0, radix: 16) } == odd.map { Optional($0) })
        #expect(throws: IngestError.unreadable(path: otherLossy, reason: otherReason)) {
            try Ingestor.ingest([neither.path], relativeTo: neither)
        }

        let pipe = folder.appendingPathComponent("pipe.txt").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let pipeReason = "it is a named pipe (FIFO), not a file; remove it from the inputs (or from their folder)"
        #expect(throws: IngestError.unreadable(path: pipe, reason: pipeReason)) {
            try Ingestor.ingest([pipe], relativeTo: folder)
        }
        // In a walked folder, matched by a pattern, or reached by a link from outside, the pipe is
        // reported likewise: never passed over without a word (nor opened, which would wait).
        let other = try Fixtures.temporaryFolder()
        try write("正常\n正文。\n", to: other.appendingPathComponent("in/a.txt"))
        let inner = other.appendingPathComponent("in/b.txt").path
        #expect(mkfifo(inner, 0o644) == 0)
        let outside = other.appendingPathComponent("out/c.txt").path
        try FileManager.default.createDirectory(atPath: other.appendingPathComponent("out").path, withIntermediateDirectories: true)
        #expect(mkfifo(outside, 0o644) == 0)
        #expect(symlink(outside, other.appendingPathComponent("in/link.txt").path) == 0)
        for input in ["in", "in/*.txt"] {
            #expect(throws: IngestError.self, "\(input)") { try Ingestor.ingest([input], relativeTo: other) }
            let result = try Ingestor.ingest([input], relativeTo: other, options: IngestOptions(onError: .skip))
            #expect(result.articles.count == 1, "\(input)")
            #expect(Set(result.skipped.map(\.path)) == [inner, other.appendingPathComponent("in/link.txt").path], "\(input)")
            #expect(result.skipped.allSatisfy { $0.reason.hasSuffix(pipeReason) }, "\(result.skipped)")
        }
        #expect(Ingestor.notReadable(folder.appendingPathComponent("a.txt").path) == nil)
        #expect(Ingestor.notReadable(folder.appendingPathComponent("gone.txt").path)
                == "it is no longer there (removed or renamed after the inputs were listed)")
    }

    /// A symbolic link to nothing, in a folder, matched by a pattern or named, is an input that
    /// cannot be read and says why (as `on_error` says), not passed over as if it were not there.
    @Test func linksToNothingAreReportedNotPassedOver() throws {
        let folder = try Fixtures.temporaryFolder()
        try write("甲文\n正文。\n", to: folder.appendingPathComponent("dl/ok.txt"))
        let link = folder.appendingPathComponent("dl/bad.txt").path
        #expect(symlink(folder.appendingPathComponent("nowhere/zz.txt").path, link) == 0)
        let reason = "it is a symbolic link to nothing that can be read (no such file or directory); fix or remove the link"
        for input in ["dl", "dl/*.txt", "dl/bad.txt"] {
            #expect(throws: IngestError.unreadable(path: link, reason: reason), "\(input)") {
                try Ingestor.ingest([input], relativeTo: folder)
            }
            let result = try Ingestor.ingest([input], relativeTo: folder, options: IngestOptions(onError: .skip))
            #expect(result.skipped.map(\.path) == [link] && result.skipped.first?.reason.hasSuffix(reason) == true,
                    "\(input): \(result.skipped)")
        }
        // A link with another extension is not an input of the folder.
        try FileManager.default.removeItem(atPath: link)
        #expect(symlink(folder.appendingPathComponent("nowhere/zz.jpg").path, folder.appendingPathComponent("dl/bad.jpg").path) == 0)
        #expect(try Ingestor.ingest(["dl"], relativeTo: folder).skipped.isEmpty)
    }

    @Test func sidecarAddsFieldsByFileAndById() throws {
        let folder = try Fixtures.temporaryFolder()
        try write("甲文\n（市委书记 王五）\n2020年1月2日\n正文。\n", to: folder.appendingPathComponent("texts/a.txt"))
        try write("乙文\n正文。\n", to: folder.appendingPathComponent("texts/b.txt"))
        try write("\u{FEFF}file,group,source\r\ntexts/a.txt,苏南,\"新华日报, 江苏\"\r\nb.txt,苏北,人民网\r\nmissing.txt,苏中,x\r\n",
                  to: folder.appendingPathComponent("meta.csv"))
        let result = try Ingestor.ingest(["texts"], relativeTo: folder, options: IngestOptions(sidecars: ["meta.csv"]))
        #expect(result.articles[0].fields == ["group": "苏南", "source": "新华日报, 江苏"])
        #expect(result.articles[1].fields == ["group": "苏北", "source": "人民网"])
        #expect(result.articles[0].field("group") == "苏南")
        #expect(result.articles[0].field("month") == "2020-01")
        #expect(result.articles[1].field("month") == "")
        var yearOnly = result.articles[0]
        yearOnly.date = "2020"
        #expect(yearOnly.field("month") == "")
        #expect(yearOnly.field("year") == "2020")
        #expect(result.warnings == ["meta.csv:4: the row for \"missing.txt\" matches no input file or article"])
    }

    /// A sidecar column named after a built-in field gives that field (what grouping by `date`,
    /// `month` or `year` uses); the date read from the text stays in the property, as ingest found
    /// it, and an empty cell leaves it.
    @Test func aSidecarDateColumnGivesTheDate() throws {
        let folder = try Fixtures.temporaryFolder()
        try write("甲标题\n——2022年3月5日在第十三届全国人民代表大会第五次会议上\n正文。\n", to: folder.appendingPathComponent("a.txt"))
        try write("乙标题\n正文。\n", to: folder.appendingPathComponent("b.txt"))
        try write("丙标题\n2021年1月1日\n正文。\n", to: folder.appendingPathComponent("c.txt"))
        try write("file,date\na.txt,2019\nb.txt,2020年1月2日\nc.txt,\n", to: folder.appendingPathComponent("meta.csv"))
        let result = try Ingestor.ingest(["a.txt", "b.txt", "c.txt"], relativeTo: folder, options: IngestOptions(sidecars: ["meta.csv"]))
        #expect(result.articles.map(\.date) == ["2022-03-05", "", "2021-01-01"])
        #expect(result.articles.map { $0.field("date") } == ["2019", "2020-01-02", "2021-01-01"])
        #expect(result.articles.map { $0.field("year") } == ["2019", "2020", "2021"])
        #expect(result.articles.map { $0.field("month") } == ["", "2020-01", "2021-01"])
        #expect(result.articles.map { $0.extraFields.isEmpty } == [true, true, true])
    }

    /// A JSON Lines sidecar (as the bench ships its `metadata.jsonl`): keyed by `path`, its `year`
    /// dates the reports whose text gives no date, and a date read from the text stays.
    @Test func jsonLinesSidecarWithYears() throws {
        let bench = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/bench/gov_work_reports")
        let metadata = bench.appendingPathComponent("metadata.jsonl").path
        let result = try Ingestor.ingest([bench.path], relativeTo: bench, options: IngestOptions(sidecars: [metadata]))
        #expect(result.articles.count == 72)
        func date(_ prefix: String) -> String? { result.articles.first { ($0.sourcePath as NSString).lastPathComponent.hasPrefix(prefix) }?.field("date") }
        #expect(date("2019_") == "2019")       // no date in the text: the year
        #expect(date("2017_") == "2017-03-05") // the text's date stays
        #expect(date("1957_") == "1957-06-26")
        #expect(result.articles.first?.extraFields["source"]?.isEmpty == false)
        #expect(result.articles.allSatisfy { $0.extraFields["year"] == nil && $0.extraFields["chars"] != nil })
        // Every report with a year in the metadata has a date.
        let years = try String(contentsOfFile: metadata, encoding: .utf8).split(separator: "\n").filter { $0.contains("\"year\": \"") }.count
        #expect(result.articles.filter { !($0.field("date") ?? "").isEmpty }.count >= years)

        let folder = try Fixtures.temporaryFolder()
        try write("题\n正文。\n", to: folder.appendingPathComponent("a.txt"))
        let bad = folder.appendingPathComponent("m.jsonl").path
        try write("{\"file\": \"a.txt\", \"group\": 1}\n\n[1, 2]\n", to: URL(fileURLWithPath: bad))
        #expect(throws: IngestError.badSidecar(path: bad, line: 3, reason: "not a JSON object: `[` at character 1 where `{` should open it; "
                                                  + "a .jsonl sidecar holds one object a line, e.g. {\"file\": \"a.txt\", \"group\": \"苏南\"}")) {
            try Ingestor.ingest(["a.txt"], relativeTo: folder, options: IngestOptions(sidecars: ["m.jsonl"]))
        }
        try write("{\"group\": \"x\"}\n", to: URL(fileURLWithPath: bad))
        #expect(throws: IngestError.badSidecar(path: bad, line: 1, reason: "no key; give each object a `file` (or `path`) or an `id`")) {
            try Ingestor.ingest(["a.txt"], relativeTo: folder, options: IngestOptions(sidecars: ["m.jsonl"]))
        }
        try write("{\"file\": \"a.txt\", \"group\": 1, \"ok\": true, \"none\": null}\n", to: URL(fileURLWithPath: bad))
        let good = try Ingestor.ingest(["a.txt"], relativeTo: folder, options: IngestOptions(sidecars: ["m.jsonl"]))
        #expect(good.articles[0].fields == ["group": "1", "ok": "true"])
    }

    @Test func sidecarErrorsNameTheLine() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = folder.appendingPathComponent("meta.csv").path
        try write("file,group\na.txt,苏南,多余\n", to: URL(fileURLWithPath: path))
        #expect(throws: IngestError.badSidecar(path: path, line: 2, reason: "3 fields where the header has 2")) {
            try Sidecar.load(path: path)
        }
        try write("name,group\na.txt,苏南\n", to: URL(fileURLWithPath: path))
        #expect(throws: IngestError.badSidecar(path: path, line: 1, reason: "no key column; name one column `file` or `id` (found: name, group)")) {
            try Sidecar.load(path: path)
        }
    }

    @Test func gb18030AndUTF16FilesInOneRun() throws {
        let folder = try Fixtures.temporaryFolder()
        let text = "人才工作\n（县委书记 赵六）\n2021年5月4日\n人才是第一资源。\n"
        try Decoding.encode(text, as: .gb18030).write(to: folder.appendingPathComponent("gbk.txt"))
        try (Data([0xFF, 0xFE]) + Decoding.encode(text.replacingOccurrences(of: "\n", with: "\r\n"), as: .utf16LittleEndian))
            .write(to: folder.appendingPathComponent("utf16.txt"))
        let result = try Ingestor.ingest([folder.path], relativeTo: folder)
        #expect(result.files.map(\.encoding) == ["GB18030", "UTF-16LE"])
        #expect(result.articles.map(\.paragraphs) == [["人才是第一资源。"], ["人才是第一资源。"]])
        #expect(result.articles.map(\.author) == ["赵六", "赵六"])
    }
}

@Suite struct DuplicateFileTests {
    @Test func identicalFilesGetDistinctIds() throws {
        let folder = try Fixtures.temporaryFolder()
        let text = Data("同一篇\n正文。\n".utf8)
        try text.write(to: folder.appendingPathComponent("a.txt"))
        try text.write(to: folder.appendingPathComponent("b.txt"))
        let result = try Ingestor.ingest([folder.path], relativeTo: folder)
        #expect(result.articles.count == 2)
        #expect(result.articles[1].id == result.articles[0].id + "-dup2")
        #expect(result.warnings == ["\(folder.path)/b.txt has the same content as \(folder.path)/a.txt; its articles get ids ending in -dupN"])
    }
}

@Suite struct IngestWarningTests {
    /// Lines that read as impossible dates reach the result's warnings (which `cipin run` prints
    /// and the report lists), in input order, each naming its file and line.
    @Test func impossibleDatesAreWarnings() throws {
        let folder = try Fixtures.temporaryFolder()
        try Data("甲标题\n2021年13月45日\n正文。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("乙标题\n2021年11月11日\n正文。\n".utf8).write(to: folder.appendingPathComponent("b.txt"))
        try Data("丙标题\n正文。\n\n二〇二一年二月三十日\n".utf8).write(to: folder.appendingPathComponent("c.txt"))
        let result = try Ingestor.ingest([folder.path], relativeTo: folder)
        #expect(result.articles.map(\.date) == ["", "2021-11-11", ""])
        #expect(result.warnings.count == 2)
        #expect(result.warnings[0].hasPrefix(folder.appendingPathComponent("a.txt").path + ":2: \"2021年13月45日\" reads as a date, but there is no month 13"))
        #expect(result.warnings[1].hasPrefix(folder.appendingPathComponent("c.txt").path + ":4: \"二〇二一年二月三十日\" reads as a date, but month 2 of 2021 has no day 30"))
    }
}
