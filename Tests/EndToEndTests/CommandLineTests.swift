import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test func versionAndHelp() throws {
        let version = try CLI.cipin(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
        for command in [[], ["run"], ["ingest"]] {
            let help = try CLI.cipin(command + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: cipin"))
        }
        let runHelp = try CLI.cipin(["run", "--help"]).stdout
        #expect(runHelp.contains("-o, --output <output>"))
    }

    @Test func usageErrorExits64() throws {
        let result = try CLI.cipin(["run"])
        #expect(result.status == 64)
        // As every error reads, then the usage.
        #expect(result.stderr.hasPrefix("cipin: error: Missing expected argument '<pipeline>'\n"))
        #expect(result.stderr.contains("Usage: cipin run <pipeline>"))
        let encoding = try CLI.cipin(["ingest", "--encoding", "nonsense", CLI.seedFolder.path])
        #expect(encoding.status == 64)
        #expect(encoding.stderr.hasPrefix("cipin: error: unknown encoding \"nonsense\"; use auto, utf-8"))
        let twice = try CLI.cipin(["compare", "Pipelines/seed.yaml", "--runs", "1", "1"], in: CLI.repository)
        #expect(twice.status == 64 && twice.stderr.hasPrefix("cipin: error: --runs 1 1 names one run twice"))
        let both = try CLI.cipin(["compare", "Pipelines/seed.yaml", "--runs", "1", "2", "--by", "region"], in: CLI.repository)
        #expect(both.status == 64 && both.stderr.hasPrefix("cipin: error: --by region compares the groups of one corpus; it does not go with --runs"))
    }

    @Test func ingestPrintsJSONWithMetadata() throws {
        let result = try CLI.cipin(["ingest", "--format", "json", CLI.seedFolder.path])
        #expect(result.status == 0, "\(result.stderr)")
        struct Entry: Decodable { var title, author, region, date: String; var characters: Int }
        let entries = try JSONDecoder().decode([Entry].self, from: result.stdoutData)
        #expect(entries.count == 11)
        #expect(entries.map(\.author).last == "")
        #expect(entries[1].title == "精准发力促担当")
        #expect(entries[1].region == "建湖县")
        #expect(entries[1].date == "2021-10-27")
    }

    @Test func ingestPrintsCSVThatPythonReads() throws {
        let folder = try CLI.temporaryFolder()
        try Data("=HYPERLINK(\"http://example.com\")\n正文。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        let result = try CLI.cipin(["ingest", folder.path])
        #expect(result.status == 0)
        let file = folder.appendingPathComponent("out.csv")
        try result.stdoutData.write(to: file)
        let check = try CLI.python("import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))); print(r[0]['title'])", [file.path])
        #expect(check.stdout == "'=HYPERLINK(\"http://example.com\")\n")
    }

    @Test func ingestOfAMissingPathExits65() throws {
        let result = try CLI.cipin(["ingest", "/nonexistent/folder"])
        #expect(result.status == 65)
        #expect(result.stderr == "cipin: error: /nonexistent/folder: no such file, folder or matching pattern; check the path\n")
    }

    /// `cipin ingest`'s errors name its options, not the pipeline's settings (a review found
    /// `encoding:` and `on_error: skip` suggested to a command that takes `--encoding` and `--on-error`);
    /// `cipin run`'s name the settings.
    @Test func ingestErrorsNameTheOptions() throws {
        let folder = try CLI.temporaryFolder()
        let file = folder.appendingPathComponent("u16.txt")
        try Data("人才工作\n正文。\n".data(using: .utf16LittleEndian)!).write(to: file)
        let result = try CLI.cipin(["ingest", file.path])
        #expect(result.status == 65)
        #expect(result.stderr == "cipin: error: \(file.path): not a text file (NUL or control byte at byte offset 9); remove it from the "
                + "inputs, use `--encoding` if it is UTF-16 without a byte-order mark, or use `--on-error skip` to go on without it\n")
        let read = try CLI.cipin(["ingest", "--encoding", "utf-16le", file.path])
        #expect(read.status == 0 && read.stdout.contains("人才工作"), "\(read.stderr)")
        // So do the reasons of the files it skips.
        let bad = folder.appendingPathComponent("bad.txt")
        try Data([0xE4, 0xBA, 0xBA, 0xFF, 0x0A]).write(to: bad)
        let skipped = try CLI.cipin(["ingest", "--encoding", "utf-8", "--on-error", "skip", bad.path])
        #expect(skipped.status == 3)
        #expect(skipped.stderr == "cipin: warning: skipped \(bad.path): invalid UTF-8 at byte offset 3; if the file is text, name its "
                + "encoding with `--encoding`\n", "\(skipped.stderr)")
        let pipeline = try CLI.pipeline("name: t\ninputs: [u16.txt]\nkeywords: [人才]\n", in: folder)
        let run = try CLI.cipin(["run", pipeline.path, "--output", folder.appendingPathComponent("out").path])
        #expect(run.status == 65 && run.stderr.contains("set `encoding:` if it is UTF-16"), "\(run.stderr)")
    }

    /// `cipin ingest --extensions` takes other file types from folders, as a pipeline's `extensions`
    /// does; its warning about documents left out names the option, not the setting (a review
    /// found `add md to \`extensions\`` told to a command that had no such option).
    @Test func ingestExtensionsTakesOtherFileTypes() throws {
        let folder = try CLI.temporaryFolder()
        try Data("人才工作\n正文。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("基层治理\n正文。\n".utf8).write(to: folder.appendingPathComponent("b.md"))
        let plain = try CLI.cipin(["ingest", folder.path])
        #expect(plain.status == 0 && plain.stdout.contains("人才工作") && !plain.stdout.contains("基层治理"), "\(plain.stdout)")
        #expect(plain.stderr == "cipin: warning: 1 file(s) in the input folders were not read, as Cipin reads plain text (`--extensions`: "
                + "text, txt): 1 .md, e.g. \(folder.path)/b.md; save them as UTF-8 text (.txt) to count them (a .md file is text: add md "
                + "to `--extensions`)\n")
        let both = try CLI.cipin(["ingest", "--extensions", "txt, .MD", folder.path])
        #expect(both.status == 0 && both.stderr.isEmpty, "\(both.stderr)")
        #expect(both.stdout.contains("人才工作") && both.stdout.contains("基层治理"), "\(both.stdout)")
        let onlyMarkdown = try CLI.cipin(["ingest", "--extensions", "md", folder.path])
        #expect(onlyMarkdown.status == 0 && !onlyMarkdown.stdout.contains("人才工作") && onlyMarkdown.stdout.contains("基层治理"))
        for empty in [",", ".", "..", " , . "] {
            let none = try CLI.cipin(["ingest", "--extensions", empty, folder.path])
            #expect(none.status == 64 && none.stderr.contains("--extensions names no file type"), "\(empty): \(none.stderr)")
        }
        let empty = try CLI.cipin(["ingest", "--extensions", "docx", folder.path])
        #expect(empty.status == 65 && empty.stderr.hasSuffix("(a .md file is text: add md to `--extensions`)\n"), "\(empty.stderr)")
    }

    /// CSV to a pipe has no byte order mark (it would stick to the first column's name); CSV
    /// redirected to a file has it, for Excel; `--body` asks for JSON.
    @Test func ingestCSVHasAByteOrderMarkOnlyInAFile() throws {
        let piped = try CLI.cipin(["ingest", CLI.seedFolder.path])
        #expect(piped.status == 0 && piped.stdout.hasPrefix("id,title,"))
        let folder = try CLI.temporaryFolder()
        let file = folder.appendingPathComponent("articles.csv")
        let redirected = try CLI.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" ingest \"$1\" > \"$2\"", CLI.binary.path, CLI.seedFolder.path, file.path])
        #expect(redirected.status == 0)
        #expect(try Data(contentsOf: file).prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(try Data(contentsOf: file).dropFirst(3) == piped.stdoutData)
        let body = try CLI.cipin(["ingest", "--body", CLI.seedFolder.path])
        #expect(body.status == 64 && body.stderr.contains("--body needs --format json"))
    }
}
