import Foundation
import Testing

@Suite struct RunCommandTests {
    @Test func seedPipelineWritesAValidReportAndCSVs() throws {
        let output = try CLI.temporaryFolder()
        let result = try CLI.cipin(["run", "Pipelines/seed.yaml", "--output", output.path], in: CLI.repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("11 articles; report: \(output.path)/report.xml"))
        let report = output.appendingPathComponent("report.xml")
        #expect(try CLI.xmllintErrors(report) == nil)
        // The seed pipeline asks for HTML too.
        #expect(result.stdout.hasSuffix("HTML: \(output.path)/index.html\n"))
        let html = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("集聚引领县域跨越发展的精锐之师"))
        let xml = try CLI.reportText(report, encoding: .utf8)
        #expect(xml.contains("<article xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"5.0\" xml:lang=\"en\" xmlns=\"http://docbook.org/ns/docbook\">"))
        // The page's generated text is in the report's language: English, as its own words.
        #expect(html.contains("Table\u{A0}1") || html.contains("Table 1"))
        #expect(!html.contains("表 1") && !html.contains("表\u{A0}1") && !html.contains("目录"))
        // cipin.css sets the concordance's left context flush right by the page's shape: the
        // table's anchor, then its title, then the table, in one block.
        #expect(html.contains("<a name=\"concordance\"></a><p class=\"title\"><b>Table"))
        #expect(html.range(of: #"<a name="concordance"></a><p class="title">[^<]*<b>[^<]*</b></p><div class="table-contents"><table"#,
                           options: .regularExpression) != nil)
        #expect(try String(contentsOf: output.appendingPathComponent("cipin.css"), encoding: .utf8)
            .contains(#"a[name="concordance"] ~ .table-contents td:nth-child(3) { text-align: right; }"#))
        #expect(xml.contains("集聚引领县域跨越发展的精锐之师"))

        for name in ["documents.csv", "keywords.csv", "keyword_totals.csv"] {
            let bytes = try Data(contentsOf: output.appendingPathComponent(name))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(name) starts with a UTF-8 BOM")
        }
        // Python's csv module reads the files back; the totals are recomputed from the per-article rows.
        let script = """
            import csv, sys, collections
            folder = sys.argv[1]
            docs = list(csv.DictReader(open(folder + '/documents.csv', encoding='utf-8-sig', newline='')))
            rows = list(csv.DictReader(open(folder + '/keywords.csv', encoding='utf-8-sig', newline='')))
            totals = list(csv.DictReader(open(folder + '/keyword_totals.csv', encoding='utf-8-sig', newline='')))
            sums = collections.Counter()
            for r in rows: sums[r['keyword']] += int(r['occurrences'])
            chars = {d['id']: int(d['characters']) for d in docs}
            rates_ok = all(abs(float(r['per_10k_chars']) - int(r['occurrences']) * 10000 / chars[r['document']]) < 1e-9 for r in rows)
            print(len(docs), len(rows), docs[10]['author'] == '', docs[0]['author'], sums['人才'], sums['干部'], sums['基层'],
                  all(int(t['occurrences']) == sums[t['keyword']] for t in totals), rates_ok, ','.join(docs[0].keys()))
            """
        let check = try CLI.python(script, [output.path])
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == "11 33 True 张贤永 153 63 31 True True id,title,author,position,region,date,characters,paragraphs,sentences,tokens,file,line")
    }

    /// Whole-word counts equal jieba's own: the test cuts each repaired paragraph with Python jieba
    /// (with the pipeline's user dictionaries) and counts the tokens equal to each keyword.
    @Test func tokenCountsEqualJiebaOnTheSeed() throws {
        let output = try CLI.temporaryFolder()
        let run = try CLI.cipin(["run", "Pipelines/seed.yaml", "--output", output.path], in: CLI.repository)
        #expect(run.status == 0, "\(run.stderr)")
        let listing = try CLI.cipin(["ingest", "--format", "json", "--body", CLI.seedFolder.path])
        let bodies = output.appendingPathComponent("bodies.json")
        try listing.stdoutData.write(to: bodies)
        let script = """
            import csv, json, sys, collections, glob, os
            import jieba
            jieba.setLogLevel(60)
            for path in sorted(glob.glob(os.path.join(sys.argv[3], 'Pipelines/dicts/*.txt'))):
                if 'stopwords' not in path: jieba.load_userdict(path)
            articles = json.load(open(sys.argv[1], encoding='utf-8'))
            rows = list(csv.DictReader(open(sys.argv[2] + '/keywords.csv', encoding='utf-8-sig', newline='')))
            mismatches = 0
            for article in articles:
                counts = collections.Counter(w for p in article['paragraphs'] for w in jieba.cut(p))
                for r in rows:
                    if r['document'] == article['id'] and int(r['token_count']) != counts[r['keyword']]:
                        mismatches += 1
            print(len(rows), mismatches)
            """
        let check = try CLI.python(script, [bodies.path, output.path, CLI.repository.path])
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "33 0", "\(check.stderr)")
    }

    @Test func badPipelineFileExits65WithFileLineAndColumn() throws {
        let folder = try CLI.temporaryFolder()
        let pipeline = try CLI.pipeline("name: t\ninputs: [a.txt]\nkeywords: [人才]\nouptut: x\n", in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 65)
        #expect(result.stderr == "cipin: error: \(pipeline.path):4:1: unknown key `ouptut`; did you mean `output`? (known keys: version, name, title, inputs, keywords, output, encoding, layout, on_error, extensions, metadata, segmentation, html, keyword_sets, analysis, csv_encoding, history, keep_runs, store, keep_stored_runs, report_rows, csv_files)\n")
    }

    /// A pipeline in a folder whose name holds `[` reads its own inputs (a pattern is only what the
    /// pipeline file says); a pattern that cannot be matched is an input error at its line.
    @Test func patternsInAFolderWithBracketsAndBadPatterns() throws {
        let top = try CLI.temporaryFolder()
        let project = top.appendingPathComponent("proj[2021]")
        try FileManager.default.createDirectory(at: project.appendingPathComponent("in"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: top.appendingPathComponent("proj2/in"), withIntermediateDirectories: true)
        try Data("好文章\n人才是第一资源。\n".utf8).write(to: project.appendingPathComponent("in/a.txt"))
        try Data("别的\n干部。\n".utf8).write(to: top.appendingPathComponent("proj2/in/other.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [\"in/*.txt\"]\nkeywords: [人才]\noutput: out\nanalysis: {stopwords: none}\n", in: project)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try String(contentsOf: project.appendingPathComponent("out/files.csv"), encoding: .utf8)
        #expect(files.contains("/proj[2021]/in/a.txt") && !files.contains("other.txt"), "\(files)")

        let bad = try CLI.pipeline("name: t\ninputs: [in/a.txt, \"in/[z-a].txt\"]\nkeywords: [人才]\noutput: out\n", in: project, name: "bad.yaml")
        let refused = try CLI.cipin(["run", bad.path])
        #expect(refused.status == 65)
        #expect(refused.stderr == "cipin: error: \(bad.path):2:20: in/[z-a].txt: not a pattern Cipin can match: the range z-a runs backwards; "
                + "write it a-z (`*` any characters, `?` one, `[abc]`, `[a-z]` or `[!abc]` one of a set, `**` any folders)\n")
    }

    /// A missing or malformed IDF table is the user's input: exit 65 naming the file (and line).
    @Test func badIDFTableExits65() throws {
        let folder = try CLI.temporaryFolder()
        try Data("好文章\n（县委书记 王五）\n2021年1月1日\n人才是第一资源。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        let missing = try CLI.pipeline("name: t\ninputs: [a.txt]\nkeywords: [人才]\noutput: out\nanalysis:\n  article_keywords: { idf: nope.txt }\n", in: folder)
        let result = try CLI.cipin(["run", missing.path])
        #expect(result.status == 65)
        #expect(result.stderr == "cipin: error: \(missing.path):6:28: `analysis.article_keywords.idf` names \(folder.path)/nope.txt, which is not there; "
                + "give the path of an IDF table in jieba's idf.txt format (a relative path is taken from the pipeline file's folder)\n")
        try Data("人才 5.5\n干部 五\n".utf8).write(to: folder.appendingPathComponent("idf.txt"))
        let bad = try CLI.pipeline("name: t\ninputs: [a.txt]\nkeywords: [人才]\noutput: out\nanalysis:\n  article_keywords: { idf: idf.txt }\n", in: folder)
        let malformed = try CLI.cipin(["run", bad.path])
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains("\(folder.path)/idf.txt:2: \"干部 五\" is not an IDF entry"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/report.xml").path))
    }

    @Test func failedRunLeavesThePreviousReportIntact() throws {
        let folder = try CLI.temporaryFolder()
        try Data("好文章\n（县委书记 王五）\n2021年1月1日\n人才是第一资源。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [.]\nkeywords: [人才]\noutput: out\n", in: folder)
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        let report = folder.appendingPathComponent("out/report.xml")
        let before = try Data(contentsOf: report)
        try Data([0x47, 0x49, 0x46, 0x00, 0x01]).write(to: folder.appendingPathComponent("b.txt"))
        let failed = try CLI.cipin(["run", pipeline.path])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("b.txt: not a text file (NUL or control byte at byte offset 3)"))
        #expect(try Data(contentsOf: report) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
        // (No co-occurrence network: in one sentence no word goes with 人才 more often than chance.)
        #expect(leftovers.sorted() == [".cipin-outputs", ".cipin.lock", "article_keywords.csv", "collocates.csv", "concordance.csv", "cooccurrence.csv",
                                       "documents.csv", "files.csv", "keyness.csv", "keyword_groups.csv", "keyword_groups.svg",
                                       "keyword_totals.csv", "keywords.csv", "keywords.svg", "report.xml", "terms.csv", "trends.csv",
                                       "trends.svg"])
        // Temporary files a killed run left (SIGKILL) go with the next run; a user's hidden files stay.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("b.txt"))
        let out = folder.appendingPathComponent("out")
        for name in [".terms.csv.tmp-99999-1a2b3c", ".report.xml.tmp-12-ff", ".notes.tmp-x", ".draft.tmp-12"] {
            try Data("x".utf8).write(to: out.appendingPathComponent(name))
        }
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }.sorted()
        #expect(hidden == [".cipin-outputs", ".cipin.lock", ".draft.tmp-12", ".notes.tmp-x"])
    }

    @Test func skippedFileExits3AndIsListedInTheReport() throws {
        let folder = try CLI.temporaryFolder()
        try Data("好文章\n人才是第一资源。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data([0x47, 0x49, 0x46, 0x00, 0x01]).write(to: folder.appendingPathComponent("b.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [.]\nkeywords: [人才, 创新]\noutput: out\non_error: skip\n", in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 3)
        #expect(result.stderr.contains("cipin: warning: skipped \(folder.path)/b.txt: not a text file"))
        // A keyword found nowhere may be in the file skipped: the warning says so, not only "spelling".
        #expect(result.stderr.contains("keyword(s) found nowhere in the corpus: 创新; check their spelling, or whether they are in the 1 "
                                       + "file(s) skipped (skipped.csv), which were not read"), "\(result.stderr)")
        let report = folder.appendingPathComponent("out/report.xml")
        #expect(try CLI.xmllintErrors(report) == nil)
        let xml = try CLI.reportText(report, encoding: .utf8)
        #expect(xml.contains("Skipped files"))
        #expect(xml.contains("\(folder.path)/b.txt"))
        // skipped.csv: the file, then the reason without the path again.
        let skipped = try Data(contentsOf: folder.appendingPathComponent("out/skipped.csv"))
        #expect(skipped == Data("\u{FEFF}file,reason\r\n\(folder.path)/b.txt,not a text file (NUL or control byte at byte offset 3)\r\n".utf8),
                "\(String(decoding: skipped, as: UTF8.self))")
    }

    /// A named pipe and a device in the input folder (the device through a link from outside it)
    /// are skipped with what they are, with the run store as without it: never read (a pipe gave
    /// "Illegal seek", /dev/zero would have filled the memory) nor waited on.
    @Test func pipesAndDevicesAreSkippedWithAndWithoutAStore() throws {
        for history in [false, true] {
            let folder = try CLI.temporaryFolder()
            try Data("好文章\n人才是第一资源。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
            #expect(mkfifo(folder.appendingPathComponent("p.txt").path, 0o644) == 0)
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("z.txt").path, withDestinationPath: "/dev/zero")
            let pipeline = try CLI.pipeline("name: t\ninputs: [.]\nkeywords: [人才]\noutput: out\non_error: skip\nhistory: \(history)\n",
                                            in: folder)
            let result = try CLI.cipin(["run", pipeline.path])
            #expect(result.status == 3, "\(history): \(result.stderr)")
            #expect(result.stderr.contains("cipin: warning: skipped \(folder.path)/p.txt: cannot read the file: it is a named pipe (FIFO), not a file; "
                                           + "remove it from the inputs (or from their folder)"), "\(history): \(result.stderr)")
            #expect(result.stderr.contains("cipin: warning: skipped \(folder.path)/z.txt: cannot read the file: it is a device, not a file"),
                    "\(history): \(result.stderr)")
            #expect(result.stdout.contains("1 articles"), "\(result.stdout)")
        }
    }

    /// A user-dictionary entry that can never take effect is warned of by `cipin run` too, on
    /// standard error and in the report's Problems section, as `cipin segment` warns of it.
    @Test func userDictionaryEntriesThatNeverTakeEffectAreWarnedOf() throws {
        let folder = try CLI.temporaryFolder()
        try Data("好文章\n人才是第一资源。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        let dictionary = folder.appendingPathComponent("u.txt")
        try Data("马克·吐温 10 nr\n人才工作 5 n\n".utf8).write(to: dictionary)
        let pipeline = try CLI.pipeline("name: t\ninputs: [a.txt]\nkeywords: [人才]\noutput: out\nsegmentation: {user_dicts: [u.txt]}\n", in: folder)
        let expected = "\(dictionary.path):1: \"马克·吐温\" contains \"·\""
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("cipin: warning: " + expected), "\(result.stderr)")
        let xml = try CLI.reportText(folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(xml.contains(expected.replacingOccurrences(of: "\"", with: "&quot;")))
        let segmented = try CLI.cipin(["segment", "--user-dict", dictionary.path], input: Data("人才\n".utf8))
        #expect(segmented.stderr.hasPrefix("cipin: warning: " + expected), "\(segmented.stderr)")
    }

    /// A control character in a file's name (a newline, an escape) is written escaped in every
    /// message, on standard error and in the log file: each message stays one line.
    @Test func controlCharactersInNamesKeepMessagesOnOneLine() throws {
        let folder = try CLI.temporaryFolder()
        let text = Data("好文章\n人才是第一资源。\n".utf8)
        try text.write(to: folder.appendingPathComponent("a.txt"))
        try text.write(to: folder.appendingPathComponent("b\nc\u{1B}[31m.txt"))
        try Data([0x47, 0x49, 0x46, 0x00, 0x01]).write(to: folder.appendingPathComponent("d\r.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [.]\nkeywords: [人才]\noutput: out\non_error: skip\n", in: folder)
        let log = folder.appendingPathComponent("run.log")
        let result = try CLI.cipin(["run", "--log-file", log.path, pipeline.path])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("cipin: warning: \(folder.path)/b\\nc\\u{1B}[31m.txt has the same content as \(folder.path)/a.txt"),
                "\(result.stderr)")
        #expect(result.stderr.contains("cipin: warning: skipped \(folder.path)/d\\r.txt: not a text file"), "\(result.stderr)")
        for line in result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            #expect(line.hasPrefix("cipin: "), "\(line)")
        }
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\r"))
        let logged = try String(contentsOf: log, encoding: .utf8)
        #expect(logged.contains("b\\nc\\u{1B}[31m.txt has the same content as"), "\(logged)")
        #expect(!logged.contains("\u{1B}") && !logged.contains("\r"))
        // The CSVs keep the newline (in a quoted cell) and, as for every character XML forbids, put
        // U+FFFD for the escape.
        let documents = try String(contentsOf: folder.appendingPathComponent("out/documents.csv"), encoding: .utf8)
        #expect(documents.contains("\"\(folder.path)/b\nc\u{FFFD}[31m.txt\""))
    }

    @Test func charactersXMLForbidsStillGiveAValidReport() throws {
        let folder = try CLI.temporaryFolder()
        let text = "标题\u{1}含\u{FFFF}控制符\n（县委书记 王\u{B}五）\n2021年1月1日\n人才\u{FFFE}是第一资源。\u{7}\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("a.txt"))
        let utf16 = "另一篇\n人才\u{0}工作。\n"
        var bytes = Data([0xFF, 0xFE])
        for unit in utf16.utf16 { withUnsafeBytes(of: unit.littleEndian) { bytes.append(contentsOf: $0) } }
        try bytes.write(to: folder.appendingPathComponent("b.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [.]\nkeywords: [人才]\noutput: out\n", in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.xmllintErrors(folder.appendingPathComponent("out/report.xml")) == nil)
        let xml = try CLI.reportText(folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(xml.contains("另一篇"))
        #expect(xml.contains("控制符"))
    }

    @Test func unwritableOutputExits73() throws {
        let folder = try CLI.temporaryFolder()
        try Data("好文章\n人才。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        // A file where the output folder should be.
        try Data().write(to: folder.appendingPathComponent("out"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [a.txt]\nkeywords: [人才]\noutput: out\n", in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 73)
        #expect(result.stderr.hasPrefix("cipin: error: \(folder.path)/out: cannot write the output"))
    }
}
