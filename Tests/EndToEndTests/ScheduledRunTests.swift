import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Scheduled runs (`history: true`): run folders, the `latest` link, the run store, the lock, and
/// runs killed at any moment.
@Suite struct ScheduledRunTests {
    static func corpus() throws -> URL {
        let folder = try CLI.temporaryFolder()
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let source = CLI.shared.appendingPathComponent("bench/provincial_gov_reports_2025")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path).filter({ $0.hasSuffix(".txt") }).sorted().prefix(12) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: input.appendingPathComponent(name))
        }
        _ = try CLI.pipeline("name: nightly\ninputs: [in]\nkeywords: [人才, 干部, 基层]\noutput: out\nhistory: true\n", in: folder)
        return folder
    }

    func latestReport(_ folder: URL) -> URL { folder.appendingPathComponent("out/latest/report.xml") }

    /// Adds settings to the end of the pipeline file at `pipeline`.
    static func append(_ yaml: String, toPipeline pipeline: String) throws {
        let text = try String(contentsOfFile: pipeline, encoding: .utf8)
        try (text + yaml).write(toFile: pipeline, atomically: false, encoding: .utf8)
    }

    /// Removes the first input file of `corpus()` (by name).
    static func removeFirstInput(_ folder: URL) throws {
        let removed = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("in").path).sorted()[0]
        try FileManager.default.removeItem(at: folder.appendingPathComponent("in").appendingPathComponent(removed))
    }

    /// Python that reads the store's binary records, written independently of Cipin's reader:
    /// little-endian Int64s, and strings as an Int64 byte count and the UTF-8 bytes.
    static let recordReader = """
        import struct
        class Record:
            def __init__(self, entry):
                self.entry, self.at = entry, 0
            def integer(self):
                self.at += 8
                return struct.unpack_from('<q', self.entry, self.at - 8)[0]
            def string(self):
                n = self.integer()
                self.at += n
                return self.entry[self.at - n:self.at].decode('utf-8')
            def done(self):
                return self.at == len(self.entry)

        """

    /// Python that reads a run's articles record (`run_articles`), with `compactRecord`: the ids,
    /// the titles, four fields as distinct values and indices, characters, words, the body hashes,
    /// then (`-2`, `-3`) the metadata fields' names and each one's values as distinct values and
    /// indices, then (`-3`) the SHA-256 of all before it (an 8-byte length, 64 hex digits).
    static let articlesReader = """
        import hashlib
        def unsealed(entry):
            assert entry[-72:-64] == (64).to_bytes(8, 'little')
            assert entry[-64:].decode() == hashlib.sha256(entry[:-72]).hexdigest()
            return entry[:-72]
        def read_articles(entry):
            magic = Compact(entry).string()
            assert magic in ('cipin-run-articles-1', 'cipin-run-articles-2', 'cipin-run-articles-3')
            record = Compact(unsealed(entry) if magic == 'cipin-run-articles-3' else entry)
            record.string()
            def strings(): return [record.string() for _ in range(record.varint())]
            def integers(): return [record.varint() for _ in range(record.varint())]
            ids, titles = strings(), strings()
            fields = [titles]
            for _ in range(4):
                values = strings()
                fields.append([values[i] for i in integers()])
            characters, tokens, hashed = integers(), integers(), integers()
            hashes = []
            for flag in hashed:
                hashes.append(record.entry[record.at:record.at + 32].hex() if flag else None)
                record.at += 32 if flag else 0
            metadata = [None] * len(ids)
            if magic != 'cipin-run-articles-1':
                metadata = [{} for _ in ids]
                for name in strings():
                    values = strings()
                    for i, v in enumerate(integers()):
                        if values[v]: metadata[i][name] = values[v]
            assert record.done()
            return [dict(id=ids[i], title=fields[0][i], author=fields[1][i], region=fields[2][i], date=fields[3][i], path=fields[4][i],
                         characters=characters[i], tokens=tokens[i], hash=hashes[i], metadata=metadata[i]) for i in range(len(ids))]

        """

    /// Python that reads and writes the cache entries' compact layout, written independently of
    /// Cipin's: integers, counts and lengths as unsigned LEB128 varints, strings as a byte count
    /// and the UTF-8 bytes.
    static let compactRecord = """
        import struct
        class Compact:
            def __init__(self, entry):
                self.entry, self.at = entry, 0
            def varint(self):
                value, shift = 0, 0
                while True:
                    byte = self.entry[self.at]; self.at += 1
                    value |= (byte & 0x7F) << shift; shift += 7
                    if byte < 0x80: return value
            def string(self):
                n = self.varint()
                self.at += n
                return self.entry[self.at - n:self.at].decode('utf-8')
            def fixed64(self):
                self.at += 8
                return struct.unpack_from('<Q', self.entry, self.at - 8)[0]
            def done(self):
                return self.at == len(self.entry)
        def put_varint(out, value):
            while value >= 0x80:
                out.append(value & 0x7F | 0x80); value >>= 7
            out.append(value)
        def put_string(out, text):
            data = text.encode('utf-8')
            put_varint(out, len(data)); out.extend(data)

        """

    @Test func runsAreKeptAndComparedWithThePreviousOne() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let first = try CLI.cipin(["run", pipeline])
        #expect(first.status == 0, "\(first.stderr)")
        try Self.removeFirstInput(folder)
        let second = try CLI.cipin(["run", pipeline])
        #expect(second.status == 0, "\(second.stderr)")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("out/latest").path)
        #expect(link.hasPrefix("runs/") && link.hasSuffix("-2"))
        #expect(try CLI.xmllintErrors(latestReport(folder)) == nil)
        let changes = try String(contentsOf: folder.appendingPathComponent("out/latest/run_articles.csv"), encoding: .utf8)
        #expect(changes.components(separatedBy: ",removed").count - 1 == 1)
        let history = try CLI.cipin(["history", pipeline])
        #expect(history.stdout.split(separator: "\n").count == 3)
        #expect(history.stdout.contains("\n1    succeeded") && history.stdout.contains("\n2    succeeded"))
        // Each run's input files (all read in the first; in the second, one fewer and none read) and
        // the files it wrote, which are its folder's.
        let columns = history.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(columns.map { $0[4...6].joined(separator: " ") } == ["12 12 0", "11 0 0"], "\(history.stdout)")
        let outputs = try CLI.python("""
            import json, sqlite3, sys
            print(json.dumps(sorted(json.loads(sqlite3.connect(sys.argv[1]).execute('SELECT outputs FROM run WHERE id = 2').fetchone()[0]))))
            """, [folder.appendingPathComponent("out/cipin.sqlite").path])
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/latest").path).sorted()
        #expect(written.contains("report.xml") && written.contains("terms.csv"))
        #expect(try JSONDecoder().decode([String].self, from: Data(outputs.stdout.utf8)) == written, "\(outputs.stdout)\(outputs.stderr)")
        let compare = try CLI.cipin(["compare", pipeline, "--runs", "2", "1"])
        #expect(compare.status == 0, "\(compare.stderr)")
        // The store's per-article keyword counts, one record per run (read by Python's struct, apart
        // from Cipin), equal the run's keywords.csv (Python's sqlite3 and csv).
        let check = try CLI.python(Self.recordReader + """
            import csv, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            def varints(record):
                values = []
                for _ in range(record.integer()):
                    value, shift = 0, 0
                    while True:
                        byte = record.entry[record.at]; record.at += 1
                        value |= (byte & 0x7F) << shift; shift += 7
                        if byte < 0x80: break
                    values.append(value)
                return values
            record = Record(db.execute('SELECT entry FROM run_article_keywords WHERE run_id = 2').fetchone()[0])
            assert record.string() == 'cipin-run-article-keywords-1'
            keywords = [record.string() for _ in range(record.integer())]
            articles = [record.string() for _ in range(record.integer())]
            occurrences, tokens = varints(record), varints(record)
            assert record.done() and len(occurrences) == len(tokens) == len(articles) * len(keywords)
            cells = [(a, k) for a in articles for k in keywords]
            stored = dict(zip(cells, zip(occurrences, tokens)))
            assert db.execute('SELECT COUNT(*) FROM run_article_keyword').fetchone()[0] == 0
            rows = [r for r in csv.DictReader(open(sys.argv[2], encoding='utf-8-sig', newline='')) if r['member'] == '']
            print(len(rows), sum(1 for r in rows if stored.get((r['document'], r['keyword'])) != (int(r['occurrences']), int(r['token_count']))))
            """, [folder.appendingPathComponent("out/cipin.sqlite").path, folder.appendingPathComponent("out/latest/keywords.csv").path])
        #expect(check.stdout == "33 0\n", "\(check.stderr)")
    }

    /// Turning `history` on for an output folder that holds a plain run's report: the first
    /// scheduled run removes that report (the files its `.cipin-outputs` lists, which no run
    /// updates any more) and says so; nothing else in the folder is touched.
    @Test func aPlainRunsReportGoesWhenHistoryIsTurnedOn() throws {
        let folder = try Self.corpus()
        let plain = try CLI.pipeline("name: nightly\ninputs: [in]\nkeywords: [人才, 干部, 基层]\noutput: out\n", in: folder, name: "plain.yaml")
        let first = try CLI.cipin(["run", plain.path])
        #expect(first.status == 0, "\(first.stderr)")
        let out = folder.appendingPathComponent("out")
        let plainFiles = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(plainFiles.contains("report.xml") && plainFiles.contains("keywords.csv") && plainFiles.contains(".cipin-outputs"))
        try "mine".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let scheduled = try CLI.cipin(["run", folder.appendingPathComponent("p.yaml").path])
        #expect(scheduled.status == 0, "\(scheduled.stderr)")
        #expect(scheduled.stderr.contains("held the report of an earlier run without `history`") && scheduled.stderr.contains("removed"),
                "\(scheduled.stderr)")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: out.path)).subtracting([".cipin.lock", "cipin.sqlite.lock"])
        #expect(left == ["latest", "runs", "cipin.sqlite", "notes.txt"], "\(left)")
        #expect(FileManager.default.fileExists(atPath: latestReport(folder).path))
        // The next scheduled run has nothing to remove and says nothing of it.
        let next = try CLI.cipin(["run", folder.appendingPathComponent("p.yaml").path])
        #expect(next.status == 0 && !next.stderr.contains("without `history`"), "\(next.stderr)")
        // Another pipeline's plain report in the same folder is its own, current: kept.
        let other = try CLI.pipeline("name: other\ninputs: [in]\nkeywords: [人才]\noutput: out\n", in: folder, name: "other.yaml")
        #expect(try CLI.cipin(["run", other.path]).status == 0)
        let before = try CLI.snapshot(out).filter { !$0.key.hasPrefix("cipin.sqlite") }
        #expect(before["report.xml"] != nil && before["keywords.csv"] != nil && before[".cipin-outputs"] != nil)
        let again = try CLI.cipin(["run", folder.appendingPathComponent("p.yaml").path])
        #expect(again.status == 0 && !again.stderr.contains("without `history`"), "\(again.stderr)")
        #expect(try CLI.snapshot(out).filter { before[$0.key] != nil } == before)
    }

    /// A sidecar edited between two runs changes the groups of articles whose text did not change:
    /// the next run lists them as their metadata changed, with each field then and now (not as
    /// unchanged, which left the group counts' change unexplained), and so does `compare --runs`.
    /// The store's record keeps every article's fields (read by Python apart from Cipin).
    @Test func aChangedSidecarIsListedAsMetadataChanged() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("in").path).sorted()
        func sidecar(_ periods: [String]) throws {
            try ("file,period\n" + zip(names, periods).map { "\($0),\($1)\n" }.joined())
                .write(to: folder.appendingPathComponent("in/meta.csv"), atomically: true, encoding: .utf8)
        }
        let before = names.indices.map { $0 % 2 == 0 ? "早" : "晚" }
        try sidecar(before)
        try Self.append("metadata: [in/meta.csv]\nanalysis: { groups: [period] }\n", toPipeline: pipeline)
        let first = try CLI.cipin(["run", pipeline])
        #expect(first.status == 0, "\(first.stderr)")
        var after = before
        after[1] = "早"
        after[4] = "晚"
        try sidecar(after)
        let second = try CLI.cipin(["run", pipeline])
        #expect(second.status == 0, "\(second.stderr)")
        // run_articles.csv (read by Python's csv): each listed article's file and change.
        func listed(_ csvFile: String) throws -> [[String]] {
            let read = try CLI.python("""
                import csv, json, os, sys
                files = {r['id']: os.path.basename(r['file']) for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))}
                print(json.dumps([[files[r['id']], r['change']] for r in csv.DictReader(open(sys.argv[2], encoding='utf-8-sig', newline=''))],
                                 ensure_ascii=False))
                """, [folder.appendingPathComponent("out/latest/documents.csv").path, folder.appendingPathComponent(csvFile).path])
            return try JSONDecoder().decode([[String]].self, from: Data(read.stdout.utf8))
        }
        let expected = [[names[1], "metadata changed: period 晚 → 早"], [names[4], "metadata changed: period 早 → 晚"]]
        #expect(try listed("out/latest/run_articles.csv") == expected)
        let report = try String(contentsOf: latestReport(folder), encoding: .utf8)
        #expect(report.contains("0 new, 0 changed and 0 removed article(s) (and 2 of the same text whose metadata changed"))
        // The record as Python reads it: every article's period, as the sidecar now gives it.
        let stored = try CLI.python(Self.compactRecord + Self.articlesReader + """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for run in (1, 2):
                articles = read_articles(db.execute('SELECT entry FROM run_articles WHERE run_id = ?', (run,)).fetchone()[0])
                print(json.dumps([a['metadata']['period'] for a in articles], ensure_ascii=False))
            """, [folder.appendingPathComponent("out/cipin.sqlite").path])
        let periods = stored.stdout.split(separator: "\n").map { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
        #expect(periods == [before, after], "\(stored.stdout)\(stored.stderr)")
        let compare = try CLI.cipin(["compare", pipeline, "--runs", "1", "2"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(try listed("out/compare-runs-1-2/compare_articles.csv") == expected)
    }

    /// A renamed file whose articles are titled by the file's name (the text has no title line)
    /// holds the same articles: not listed (it was "metadata changed: title c → d").
    @Test func aRenamedUntitledFileIsNoMetadataChange() throws {
        let folder = try CLI.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("in"), withIntermediateDirectories: true)
        let text = "人才是第一资源，创新是第一动力，我们要坚持人才引领发展的战略地位，全面提高人才自主培养质量。\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("in/c.txt"))
        try Data(("基层治理" + text).utf8).write(to: folder.appendingPathComponent("in/e.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [in]\nkeywords: [人才]\noutput: out\nhistory: true\nanalysis: {stopwords: none}\n", in: folder)
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        let documents = try String(contentsOf: folder.appendingPathComponent("out/latest/documents.csv"), encoding: .utf8)
        #expect(documents.contains(",c,"), "\(documents)")  // titled by the file's name
        try FileManager.default.moveItem(at: folder.appendingPathComponent("in/c.txt"), to: folder.appendingPathComponent("in/d.txt"))
        let second = try CLI.cipin(["run", pipeline.path])
        #expect(second.status == 0, "\(second.stderr)")
        let changes = try Data(contentsOf: folder.appendingPathComponent("out/latest/run_articles.csv"))
        #expect(changes == Data("\u{FEFF}id,title,change\r\n".utf8), "\(String(decoding: changes, as: UTF8.self))")
    }

    /// `compare --runs A B` reads as `git diff A B`: the changes from run A (then) to run B (now).
    /// `--runs 1 2` gives the rows of run 2's own `run_rates.csv` (run 2 against run 1), `--runs 2 1`
    /// the same changes with the opposite sign, and each report says which run is then and which now.
    @Test func compareRunsReadsLikeGitDiff() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        try Self.removeFirstInput(folder)
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let forward = try CLI.cipin(["compare", pipeline, "--runs", "1", "2", "--output", folder.appendingPathComponent("c12").path])
        #expect(forward.status == 0, "\(forward.stderr)")
        #expect(forward.stdout.hasPrefix("comparison of run 2 (now) against run 1 (then); report: "), "\(forward.stdout)")
        let backward = try CLI.cipin(["compare", pipeline, "--runs", "2", "1", "--output", folder.appendingPathComponent("c21").path])
        #expect(backward.status == 0, "\(backward.stderr)")
        let check = try CLI.python("""
            import csv, sys
            def rows(path): return list(csv.DictReader(open(path, encoding='utf-8-sig', newline='')))
            scheduled = rows(sys.argv[1] + '/out/latest/run_rates.csv')
            forward = rows(sys.argv[1] + '/c12/compare_rates.csv')
            backward = {r['keyword']: r for r in rows(sys.argv[1] + '/c21/compare_rates.csv')}
            print(len(scheduled), forward == scheduled, any(float(r['difference']) != 0 for r in forward))
            print(sorted({(r['target'], r['reference']) for r in forward}), sorted({(r['target'], r['reference']) for r in backward.values()}))
            print(all(float(backward[r['keyword']]['difference']) == -float(r['difference']) for r in forward))
            print([r['side'] for r in rows(sys.argv[1] + '/c12/compare_sides.csv')])
            """, [folder.path])
        #expect(check.stdout == """
            3 True True
            [('run 2', 'run 1')] [('run 1', 'run 2')]
            True
            ['run 2', 'run 1']

            """, "\(check.stderr)")
        let forwardXML = try String(contentsOf: folder.appendingPathComponent("c12/report.xml"), encoding: .utf8)
        #expect(forwardXML.contains("run 2 against run 1") && forwardXML.contains("The changes from run 1 (then) to run 2 (now)"))
        #expect(!forwardXML.contains("back in time"))
        let backwardXML = try String(contentsOf: folder.appendingPathComponent("c21/report.xml"), encoding: .utf8)
        #expect(backwardXML.contains("run 1 against run 2")
                && backwardXML.contains("The changes from run 2 (then) to run 1 (now), back in time: run 2 is the later run"))
    }

    static let analysisFiles = ["documents.csv", "files.csv", "keywords.csv", "keyword_totals.csv", "keyword_groups.csv", "terms.csv",
                                "cooccurrence.csv", "collocates.csv", "concordance.csv", "keyness.csv", "article_keywords.csv", "trends.csv",
                                "keywords.svg", "trends.svg", "cooccurrence.svg"]

    func differences(_ a: URL, _ b: URL) throws -> [String] {
        try Self.analysisFiles.filter { name in
            try Data(contentsOf: a.appendingPathComponent(name)) != Data(contentsOf: b.appendingPathComponent(name))
        }
    }

    /// An unchanged corpus is not read or segmented again, and gives the same outputs; after
    /// adding, changing and deleting files the incremental run equals a full run. Copies of one
    /// file (ids numbered `-dup2`, `-dup3` in path order) share one stored entry, and a new copy
    /// that comes first renumbers the others, as in a full run.
    @Test func incrementalRunsEqualFullRuns() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let input = folder.appendingPathComponent("in")
        let names = try FileManager.default.contentsOfDirectory(atPath: input.path).sorted()
        for copy in ["1-copy.txt", "zzz-copy.txt"] {
            try FileManager.default.copyItem(at: input.appendingPathComponent(names[2]), to: input.appendingPathComponent(copy))
        }
        // Without a title line, an article is titled by its file's name, each copy by its own.
        let untitled = Data("人才工作很重要，干部要担当作为，基层要加强。\n基层组织建设要抓实。\n".utf8)
        for copy in ["untitled-a.txt", "untitled-b.txt"] { try untitled.write(to: input.appendingPathComponent(copy)) }
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let firstRun = folder.appendingPathComponent("out/latest").resolvingSymlinksInPath()
        let second = try CLI.cipin(["run", pipeline])
        #expect(second.stdout.contains("0 file(s) read and segmented, 16 unchanged file(s) reused"))
        #expect(try differences(firstRun, folder.appendingPathComponent("out/latest").resolvingSymlinksInPath()) == [])
        #expect(try String(contentsOf: firstRun.appendingPathComponent("documents.csv"), encoding: .utf8).contains("-dup3,"))

        try FileManager.default.removeItem(at: input.appendingPathComponent(names[0]))
        let changed = input.appendingPathComponent(names[1])
        try (Data(contentsOf: changed) + Data("\n人才工作要加强，基层干部要担当。\n".utf8)).write(to: changed)
        try Data("新增文章\n\n人才是第一资源，干部是关键。\n".utf8).write(to: input.appendingPathComponent("zz-new.txt"))
        try FileManager.default.copyItem(at: input.appendingPathComponent(names[2]), to: input.appendingPathComponent("0-copy.txt"))
        try untitled.write(to: input.appendingPathComponent("untitled-0.txt"))
        let third = try CLI.cipin(["run", pipeline])
        #expect(third.stdout.contains("2 file(s) read and segmented, 16 unchanged file(s) reused"))
        // The co-occurrence counts were the second run's, updated; the full run below counts them all.
        #expect(third.stdout.contains("co-occurrence: the previous run's counts, updated with the files added and removed"))
        let documents = try String(contentsOf: folder.appendingPathComponent("out/latest/documents.csv"), encoding: .utf8)
        #expect(documents.contains("-dup4,") && documents.contains(",untitled-0,") && documents.contains(",untitled-b,"))
        let full = folder.appendingPathComponent("full")
        #expect(try CLI.cipin(["run", pipeline, "--full", "--output", full.path]).status == 0)
        #expect(try differences(folder.appendingPathComponent("out/latest").resolvingSymlinksInPath(),
                                full.appendingPathComponent("latest").resolvingSymlinksInPath()) == [])
    }

    /// The stored co-occurrence counts are used only under the settings they were counted with, and
    /// a damaged record is counted afresh; either way the run equals a full run.
    @Test func cooccurrenceCountsAreCarriedOverOnlyWhenTheyFit() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let input = folder.appendingPathComponent("in")
        let carried = "co-occurrence: the previous run's counts, updated with the files added and removed"
        let carriedCollocates = "collocates: the previous run's counts, updated with the files added and removed"
        let first = try CLI.cipin(["run", pipeline])
        #expect(first.status == 0 && !first.stdout.contains(carried) && !first.stdout.contains(carriedCollocates))
        func equalsFullRun(_ label: String) throws {
            let full = folder.appendingPathComponent("full-\(label)")
            #expect(try CLI.cipin(["run", pipeline, "--full", "--output", full.path]).status == 0)
            #expect(try differences(folder.appendingPathComponent("out/latest").resolvingSymlinksInPath(),
                                    full.appendingPathComponent("latest").resolvingSymlinksInPath()) == [], "\(label)")
        }
        // A new file: carried over.
        try Data("新增文章\n\n人才是第一资源，干部是关键，基层是基础。\n".utf8).write(to: input.appendingPathComponent("zz-new.txt"))
        let second = try CLI.cipin(["run", pipeline])
        #expect(second.stdout.contains(carried) && second.stdout.contains(carriedCollocates), "\(second.stdout)")
        try equalsFullRun("added")
        // Another window: the stored counts are of other settings, so everything is counted.
        try Self.append("analysis:\n  cooccurrence:\n    window: 3\n", toPipeline: pipeline)
        let third = try CLI.cipin(["run", pipeline])
        #expect(third.status == 0 && !third.stdout.contains(carried) && !third.stdout.contains(carriedCollocates))
        try equalsFullRun("window")
        // The same for the collocates' span; a threshold only chooses rows, so the counts still fit.
        try Self.append("  collocates:\n    window: 3\n", toPipeline: pipeline)
        let span = try CLI.cipin(["run", pipeline])
        #expect(span.status == 0 && !span.stdout.contains(carried) && !span.stdout.contains(carriedCollocates))
        try equalsFullRun("span")
        try Self.append("    min_joint: 1\n", toPipeline: pipeline)
        try Data("第三篇\n\n人才工作要面向基层，干部队伍要年轻化。\n".utf8).write(to: input.appendingPathComponent("zz-third.txt"))
        let threshold = try CLI.cipin(["run", pipeline])
        #expect(threshold.stdout.contains(carried) && threshold.stdout.contains(carriedCollocates), "\(threshold.stdout)")
        try equalsFullRun("threshold")
        try FileManager.default.removeItem(at: input.appendingPathComponent("zz-third.txt"))
        // A damaged record (its checksum off) is not used, and not an error; the run stores a good one again.
        let store = folder.appendingPathComponent("out/cipin.sqlite").path
        let damage = try CLI.python("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            (entry,) = db.execute('SELECT entry FROM cooccurrence_counts').fetchone()
            # One count changed by one, in the middle of the record: its length and layout stay.
            middle = len(entry) // 2
            while entry[middle] & 0x80 or entry[middle] == 0: middle += 1
            db.execute('UPDATE cooccurrence_counts SET entry = ?', (entry[:middle] + bytes([entry[middle] - 1]) + entry[middle + 1:],))
            db.commit()
            print(db.execute('SELECT COUNT(*) FROM cooccurrence_counts').fetchone()[0])
            """, [store])
        #expect(damage.stdout == "1\n", "\(damage.stderr)")
        try FileManager.default.removeItem(at: input.appendingPathComponent("zz-new.txt"))
        let fourth = try CLI.cipin(["run", pipeline])
        #expect(fourth.status == 0 && !fourth.stdout.contains(carried))
        try equalsFullRun("damaged")
        // That run stored a good record again (the full runs have stores of their own): the next change is carried over.
        try Data("又一篇\n\n基层干部要加强学习。\n".utf8).write(to: input.appendingPathComponent("zz-other.txt"))
        let fifth = try CLI.cipin(["run", pipeline])
        #expect(fifth.stdout.contains(carried) && fifth.stdout.contains(carriedCollocates), "\(fifth.stdout)")
        try equalsFullRun("again")
    }

    /// Each settled input's stamp and hash are recorded (checked against Python's `os.stat` and
    /// `hashlib`); a file rewritten with the same size and its modification time set back is read
    /// again all the same (its status-change time moved), and the run equals a full run; a file
    /// changed a moment ago has no stamp recorded.
    @Test func fileStampsAreRecordedAndAChangedFileIsReadAgain() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let input = folder.appendingPathComponent("in")
        Thread.sleep(forTimeInterval: 2.1)  // the copies settle (FileStamp.settlingTime is 2 s)
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let check = """
            import hashlib, os, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            rows = {p: (d, i, s, m, c, h) for p, d, i, s, m, c, h in db.execute('SELECT * FROM file_stamp')}
            good, stale = [], []
            for name in sorted(os.listdir(sys.argv[2])):
                path = os.path.join(sys.argv[2], name)
                st = os.stat(path)
                want = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, hashlib.sha256(open(path, 'rb').read()).hexdigest())
                if path in rows:
                    (good if rows[path] == want else stale).append(name)
            print(len(rows), len(good), ' '.join(stale))
            """
        let store = folder.appendingPathComponent("out/cipin.sqlite").path
        // Stamps are kept only on local file systems (FileStamp.isLocal); elsewhere every file is read.
        #if os(Linux)
        let type = try CLI.run(URL(fileURLWithPath: "/usr/bin/stat"), ["-f", "-c", "%t", input.path]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let local = ["ef53", "58465342", "9123683e", "1021994", "794c7630", "f2f52010", "2fc12fc1", "ca451a4e"].contains(type)
        #else
        let type = "apfs"   // macOS keeps its temporary files on APFS
        let local = true
        #endif
        let first = try CLI.python(check, [store, input.path])
        #expect(first.stdout == (local ? "12 12 \n" : "0 0 \n"), "file system type \(type): \(first.stderr)")
        // Same size, one character changed (人 and 入 are three bytes each), modification time set back.
        let names = try FileManager.default.contentsOfDirectory(atPath: input.path).sorted()
        let changed = input.appendingPathComponent(names[3])
        let before = try #require(FileStampProbe.stamp(changed.path))
        let text = try String(contentsOf: changed, encoding: .utf8)
        let range = try #require(text.range(of: "人"))
        try Data(text.replacingCharacters(in: range, with: "入").utf8).write(to: changed)
        let seconds = Int(before.modified / 1_000_000_000), nanoseconds = Int(before.modified % 1_000_000_000)
        var times = [timespec(tv_sec: seconds, tv_nsec: nanoseconds), timespec(tv_sec: seconds, tv_nsec: nanoseconds)]
        #expect(utimensat(AT_FDCWD, changed.path, &times, 0) == 0)
        let after = try #require(FileStampProbe.stamp(changed.path))
        #expect(after.size == before.size && after.modified == before.modified && after.changed != before.changed)
        let second = try CLI.cipin(["run", pipeline])
        // The 11 others are not even read: their stamps are the recorded ones.
        #expect(second.stdout.contains("1 file(s) read and segmented, 11 unchanged file(s) reused"
                                       + (local ? " (11 of them not read: stamps unchanged)" : "\n")), "\(second.stdout)")
        let full = folder.appendingPathComponent("full")
        #expect(try CLI.cipin(["run", pipeline, "--full", "--output", full.path]).status == 0)
        #expect(try differences(folder.appendingPathComponent("out/latest").resolvingSymlinksInPath(),
                                full.appendingPathComponent("latest").resolvingSymlinksInPath()) == [])
        // No recorded stamp is stale: the changed file's old one is gone, and it has a new one only if
        // it had settled (2 s) by the time the second run read it (on a slow machine it may have).
        let third = try CLI.python(check, [store, input.path])
        #expect(local ? third.stdout == "11 11 \n" || third.stdout == "12 12 \n" : third.stdout == "0 0 \n",
                "\(third.stdout) \(third.stderr)")
        // A file removed loses its stamp: no row is kept for a path that is no longer an input.
        try FileManager.default.removeItem(at: input.appendingPathComponent(names[0]))
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let fourth = try CLI.python(check, [store, input.path]).stdout.split(separator: " ")
        #expect(fourth.count == 3 && fourth[0] == fourth[1] && (local ? (Int(fourth[0]) ?? 0) >= 10 : fourth[0] == "0"), "\(fourth)")
    }

    /// The store's three cache tables hold the entries of the present files and no others, under
    /// the run's settings only: files removed lose theirs (a damaged entry too, though a run could
    /// not read it), and a change of settings drops the old settings' rows. Read with Python's
    /// `sqlite3` and `hashlib`, apart from Cipin.
    @Test func cacheEntriesOfFilesGoneAreDropped() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let store = folder.appendingPathComponent("out/cipin.sqlite").path
        let input = folder.appendingPathComponent("in")
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let check = """
            import hashlib, os, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            present = sorted(hashlib.sha256(open(os.path.join(sys.argv[2], n), 'rb').read()).hexdigest() for n in os.listdir(sys.argv[2]))
            for table in ['file_cache', 'article_keyword_cache', 'concordance_cache']:
                keys = db.execute('SELECT COUNT(DISTINCT settings_key) FROM ' + table).fetchone()[0]
                hashes = sorted(h for (h,) in db.execute('SELECT content_hash FROM ' + table))
                print(table, keys, len(hashes), hashes == present)
            """
        let all = try CLI.python(check, [store, input.path])
        #expect(all.stdout == "file_cache 1 12 True\narticle_keyword_cache 1 12 True\nconcordance_cache 1 12 True\n", "\(all.stderr)")
        // Damage the concordance entry of the file about to go (a run cannot decode it), then
        // remove two files and change a third.
        let names = try FileManager.default.contentsOfDirectory(atPath: input.path).sorted()
        let damage = try CLI.python("""
            import hashlib, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            gone = hashlib.sha256(open(sys.argv[2], 'rb').read()).hexdigest()
            print(db.execute("UPDATE concordance_cache SET entry = x'00' WHERE content_hash = ?", (gone,)).rowcount)
            db.commit()
            """, [store, input.appendingPathComponent(names[0]).path])
        #expect(damage.stdout == "1\n", "\(damage.stderr)")
        try FileManager.default.removeItem(at: input.appendingPathComponent(names[0]))
        try FileManager.default.removeItem(at: input.appendingPathComponent(names[5]))
        let changed = input.appendingPathComponent(names[7])
        try (try String(contentsOf: changed, encoding: .utf8) + "\n新增段落：人才工作。\n").write(to: changed, atomically: false, encoding: .utf8)
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let after = try CLI.python(check, [store, input.path])
        #expect(after.stdout == "file_cache 1 10 True\narticle_keyword_cache 1 10 True\nconcordance_cache 1 10 True\n", "\(after.stderr)")
        // Other settings (another keyword): the concordance's rows are all of the new settings.
        let text = try String(contentsOfFile: pipeline, encoding: .utf8)
        try text.replacingOccurrences(of: "[人才, 干部, 基层]", with: "[人才, 干部]").write(toFile: pipeline, atomically: false, encoding: .utf8)
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let settings = try CLI.python(check, [store, input.path])
        #expect(settings.stdout == "file_cache 1 10 True\narticle_keyword_cache 1 10 True\nconcordance_cache 1 10 True\n", "\(settings.stderr)")
    }

    /// Article keywords (TF-IDF, TextRank) of unchanged files come from the store, not from ranking
    /// again: a weight altered in the store shows in the next run's CSV; `--full` and a change of the
    /// article keyword settings rank again.
    @Test func articleKeywordsOfUnchangedFilesAreReused() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let store = folder.appendingPathComponent("out/cipin.sqlite").path
        let tamper = try CLI.python(Self.compactRecord + """
            import sqlite3, struct, sys
            db = sqlite3.connect(sys.argv[1])
            rows = db.execute('SELECT settings_key, content_hash, entry FROM article_keyword_cache').fetchall()
            # The entry: magic, then per article its rows as article_keywords.csv's records after
            # the document field (method,rank,word,weight and CRLF): their count, each one's length,
            # the records, then the rows kept beside them (row, method, rank, word, weight's bits).
            def read(entry):
                record = Compact(entry)
                magic = record.string()
                articles = []
                for _ in range(record.varint()):
                    lengths = [record.varint() for _ in range(record.varint())]
                    records = []
                    for length in lengths:
                        records.append(record.entry[record.at:record.at + length]); record.at += length
                    kept = [(record.varint(), record.string(), record.varint(), record.string(), record.fixed64())
                            for _ in range(record.varint())]
                    articles.append((records, kept))
                assert record.done() and magic == 'cipin-article-keywords-4'
                return magic, articles
            def write(magic, articles):
                out = bytearray()
                put_string(out, magic)
                put_varint(out, len(articles))
                for records, kept in articles:
                    put_varint(out, len(records))
                    for one in records: put_varint(out, len(one))
                    for one in records: out.extend(one)
                    put_varint(out, len(kept))
                    for row, method, rank, word, weight in kept:
                        put_varint(out, row); put_string(out, method); put_varint(out, rank); put_string(out, word)
                        out.extend(struct.pack('<Q', weight))
                return bytes(out)
            for key, hash, entry in rows:
                magic, articles = read(entry)
                assert write(magic, articles) == entry
                for records, kept in articles:
                    # The first record's weight, the field after its last comma, made 0.5.
                    first = records[0].decode('utf-8')
                    assert first.endswith('\\r\\n') and first.startswith('tfidf,1,') and not kept
                    records[0] = (first[:first.rindex(',') + 1] + '0.5\\r\\n').encode('utf-8')
                db.execute('UPDATE article_keyword_cache SET entry = ? WHERE settings_key = ? AND content_hash = ?', (write(magic, articles), key, hash))
            db.commit()
            print(len(rows))
            """, [store])
        #expect(tamper.stdout == "12\n", "\(tamper.stderr)")
        func firstWeights(_ run: URL) throws -> [String] {
            let check = try CLI.python("""
                import csv, sys
                print(' '.join(r['weight'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')) if r['rank'] == '1' and r['method'] == 'tfidf'))
                """, [run.appendingPathComponent("article_keywords.csv").path])
            return check.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let reused = try firstWeights(folder.appendingPathComponent("out/latest"))
        #expect(reused.count >= 12 && reused.allSatisfy { $0 == "0.5" }, "\(reused)")
        #expect(try CLI.cipin(["run", pipeline, "--full"]).status == 0)
        let ranked = try firstWeights(folder.appendingPathComponent("out/latest"))
        #expect(ranked.count == reused.count && ranked.allSatisfy { $0 != "0.5" && Double($0)! > 0 }, "\(ranked)")
        // Other settings: the stored rows are not used (top 3 gives three TF-IDF rows per article).
        try Self.append("analysis:\n  article_keywords:\n    top: 3\n", toPipeline: pipeline)
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let csv = try String(contentsOf: folder.appendingPathComponent("out/latest/article_keywords.csv"), encoding: .utf8)
        #expect(csv.contains(",tfidf,3,") && !csv.contains(",tfidf,4,"))
    }

    /// `keep_runs: 2`: after each successful run only the two newest run folders are left (the
    /// one `latest` names among them); folders that are not a stored run's are never touched, and
    /// every run stays in the store, so older runs still compare.
    @Test func oldRunFoldersArePrunedToKeepRuns() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        try Self.append("keep_runs: 2\n", toPipeline: pipeline)
        let runs = folder.appendingPathComponent("out/runs")
        for _ in 0..<3 { #expect(try CLI.cipin(["run", pipeline]).status == 0) }
        try FileManager.default.createDirectory(at: runs.appendingPathComponent("notes-1"), withIntermediateDirectories: true)
        // A run folder of an older store whose run ids were the same: not this store's, never touched.
        try FileManager.default.createDirectory(at: runs.appendingPathComponent("20200101T000000Z-1"), withIntermediateDirectories: true)
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted()
        #expect(left.count == 4 && left.contains("notes-1") && left.contains("20200101T000000Z-1"), "\(left)")
        #expect(left.filter { $0 != "notes-1" && !$0.hasPrefix("2020") }.map { $0.split(separator: "-").last! }.sorted() == ["3", "4"], "\(left)")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("out/latest").path)
        #expect(link.hasSuffix("-4"))
        #expect(try CLI.cipin(["history", pipeline]).stdout.split(separator: "\n").count == 5)
        #expect(try CLI.cipin(["compare", pipeline, "--runs", "4", "1"]).status == 0)
    }

    /// A folder that already has the coming run's name (another pipeline's store gave its run the
    /// same id in the same second, or the clock was set back) is never taken over: the run's folder
    /// gets `-2` after the name, the other folder's files stay out of the report, and pruning
    /// (`keep_runs: 1`) never removes it.
    @Test func aRunNeverTakesOverAFolderOfItsName() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        try Self.append("keep_runs: 1\n", toPipeline: pipeline)
        let runs = folder.appendingPathComponent("out/runs")
        // The first run of a new store is run 1: its name in each of the next 30 seconds is taken.
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        format.timeZone = TimeZone(identifier: "UTC")
        let now = Date()
        var taken: [String] = []
        for second in 0..<30 {
            let name = format.string(from: now.addingTimeInterval(Double(second))) + "-1"
            try FileManager.default.createDirectory(at: runs.appendingPathComponent(name), withIntermediateDirectories: true)
            try Data("mine".utf8).write(to: runs.appendingPathComponent(name).appendingPathComponent("notes.txt"))
            taken.append(name)
        }
        let first = try CLI.cipin(["run", pipeline])
        #expect(first.status == 0, "\(first.stderr)")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("out/latest").path)
        #expect(link.hasPrefix("runs/") && link.hasSuffix("-1-2") && taken.contains(String(link.dropFirst(5).dropLast(2))), "\(link)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/latest/notes.txt").path))
        // Two more runs prune run 1's folder (the store recorded its name), never the folders of its name.
        for _ in 0..<2 { #expect(try CLI.cipin(["run", pipeline]).status == 0) }
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: runs.path))
        #expect(!left.contains(String(link.dropFirst(5))))
        for name in taken { #expect(FileManager.default.fileExists(atPath: runs.appendingPathComponent(name).appendingPathComponent("notes.txt").path), "\(name)") }
    }

    /// An output folder this user cannot write is refused before any work, named for what it is
    /// (it was "SQLite error 8: attempt to write a readonly database", about a store that is
    /// writable). As root, the run is made as `nobody` (root writes anywhere).
    @Test func anOutputFolderThatIsNotWritableIsSaidToBe() throws {
        var folder = try Self.corpus()
        if getuid() == 0 {
            // `nobody` must reach the folder: the tests' own temporary folder may be private (mkdtemp's 0700).
            var template = Array("/tmp/cipin-nobody-XXXXXX".utf8CString)
            let made = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
            #expect(chmod(made, 0o755) == 0)
            let moved = URL(fileURLWithPath: made).appendingPathComponent("corpus")
            try FileManager.default.copyItem(at: folder, to: moved)
            folder = moved
        }
        defer { if getuid() == 0 { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) } }
        func cipin(_ arguments: [String]) throws -> CLI.Result {
            guard getuid() == 0 else { return try CLI.cipin(arguments) }
            return try CLI.run(URL(fileURLWithPath: "/usr/bin/setpriv"),
                               ["--reuid=nobody", "--regid=nogroup", "--clear-groups", CLI.binary.path] + arguments)
        }
        if getuid() == 0 {
            for path in [folder.path] + (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.map { folder.path + "/" + $0 } ?? []) {
                #expect(chown(path, 65534, 65534) == 0, "\(path)")
            }
        }
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let first = try cipin(["run", pipeline])
        #expect(first.status == 0, "\(first.stderr)")
        let output = folder.appendingPathComponent("out")
        #expect(chmod(output.path, 0o555) == 0)
        defer { chmod(output.path, 0o755) }
        let refused = try cipin(["run", pipeline])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("\(output.path): cannot write the output: the output folder is not writable by this user (Permission denied); "
                                        + "the run store, the run folders and `latest` are written there"), "\(refused.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("latest/report.xml").path))
        if getuid() == 0 {
            // A folder another user made (root's cron), its lock file too, is named the same way (it
            // was "open: Permission denied" on the lock file).
            let byRoot = folder.appendingPathComponent("byroot")
            let rootRun = try CLI.cipin(["run", pipeline, "--output", byRoot.path])
            #expect(rootRun.status == 0, "\(rootRun.stderr)")
            let other = try cipin(["run", pipeline, "--output", byRoot.path])
            #expect(other.status == 73)
            #expect(other.stderr.contains("\(byRoot.path): cannot write the output: the output folder is not writable by this user "
                                          + "(Permission denied on .cipin.lock); make it writable (chown, chmod), or give the pipeline "
                                          + "another `output`"), "\(other.stderr)")
        }
    }

    /// A `latest` that is a file of the user's is refused before any work (exit 73), and left as
    /// it was: switching the link replaced it without a word.
    @Test func aLatestThatIsNoLinkIsRefused() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let latest = folder.appendingPathComponent("out/latest")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        try Data("my notes".utf8).write(to: latest)
        let refused = try CLI.cipin(["run", pipeline])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("\(latest.path): cannot write the output: it is a file, not the link to the newest run that Cipin keeps there "
                                        + "(`history: true`); move it away, or give the pipeline another `output`"), "\(refused.stderr)")
        #expect(try String(contentsOf: latest, encoding: .utf8) == "my notes")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/runs").path))
        // A folder cannot be replaced: the switch fails at the end (73), and the folder stays.
        try FileManager.default.removeItem(at: latest)
        try FileManager.default.createDirectory(at: latest, withIntermediateDirectories: true)
        let folderInTheWay = try CLI.cipin(["run", pipeline])
        #expect(folderInTheWay.status == 73 && folderInTheWay.stderr.contains("switch the link"), "\(folderInTheWay.stderr)")
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: latest.path, isDirectory: &isFolder) && isFolder.boolValue)
        try FileManager.default.removeItem(at: latest)
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
    }

    /// `store` puts the run store elsewhere, with a lock beside it that runs into other outputs take
    /// too; `keep_stored_runs` drops the statistics of older runs, which stay listed but cannot be
    /// compared; a store held by another process for a moment is waited for, not failed on.
    @Test func storeElsewhereKeepsTheNewestRunsStatistics() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        try Self.append("store: state/nightly.sqlite\nkeep_stored_runs: 2\n", toPipeline: pipeline)
        for run in 1...3 {
            let result = try CLI.cipin(["run", pipeline])
            #expect(result.status == 0, "run \(run): \(result.stderr)")
        }
        let store = folder.appendingPathComponent("state/nightly.sqlite").path
        #expect(FileManager.default.fileExists(atPath: store) && FileManager.default.fileExists(atPath: store + ".lock"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/cipin.sqlite").path))
        // Run 1's statistics are gone from every table, runs 2 and 3 keep theirs (Python's sqlite3).
        let rows = try CLI.python("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for run in (1, 2, 3):
                counts = [db.execute(f'SELECT COUNT(*) FROM {t} WHERE run_id = ?', (run,)).fetchone()[0]
                          for t in ('run_article', 'run_articles', 'run_article_keywords', 'run_keyword', 'run_terms')]
                dropped = db.execute('SELECT statistics_dropped IS NOT NULL FROM run WHERE id = ?', (run,)).fetchone()[0]
                print(run, counts, dropped)
            """, [store])
        #expect(rows.stdout == "1 [0, 0, 0, 0, 0] 1\n2 [0, 1, 1, 3, 1] 0\n3 [0, 1, 1, 3, 1] 0\n", "\(rows.stdout)\(rows.stderr)")
        let history = try CLI.cipin(["history", pipeline]).stdout.split(separator: "\n")
        #expect(history.count == 4 && history[1].contains(" dropped 20") && history[2].hasSuffix(" kept") && history[3].hasSuffix(" kept"),
                "\(history)")
        let refused = try CLI.cipin(["compare", pipeline, "--runs", "3", "1"])
        #expect(refused.status == 65)
        #expect(refused.stderr.hasPrefix("cipin: error: \(store): the statistics of run 1 were dropped at ")
                && refused.stderr.hasSuffix("(`keep_stored_runs`), so it cannot be compared; `cipin history PIPELINE` lists the runs that keep theirs "
                    + "(with `-o DIR` those made with `cipin run --output DIR`, which `compare --runs-from DIR` compares)\n"),
                "\(refused.stderr)")
        #expect(try CLI.cipin(["compare", pipeline, "--runs", "3", "2"]).status == 0)
        #expect(try String(contentsOf: latestReport(folder), encoding: .utf8).contains("since run 2"))
        // A run into another output shares the store, so it takes the store's lock too.
        let descriptor = open(store + ".lock", O_RDWR)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let locked = try CLI.cipin(["run", pipeline, "--output", folder.appendingPathComponent("other").path])
        flock(descriptor, LOCK_UN)
        close(descriptor)
        #expect(locked.status == 75)
        #expect(locked.stderr == "cipin: error: \(store).lock: another run of this pipeline (or one that shares its run store) is running (it holds this lock); try again later, or pass --wait to wait for it\n")
        // Another process holding the database (an exclusive transaction for a second) is waited for.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute('BEGIN EXCLUSIVE')
            print('held', flush=True)
            time.sleep(1.5)
            db.execute('COMMIT')
            """, store]
        let said = Pipe()
        holder.standardOutput = said
        try holder.run()
        // (The line may come in two reads; its first bytes say the transaction has begun.)
        #expect(String(decoding: said.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("held"))
        let listed = try CLI.cipin(["history", pipeline])
        holder.waitUntilExit()
        #expect(listed.status == 0 && listed.stdout.split(separator: "\n").count == 4, "\(listed.stderr)")
        let next = try CLI.cipin(["run", pipeline])
        #expect(next.status == 0, "\(next.stderr)")
    }

    /// A store that is the run folders or `latest`, or inside them (as written or through a link),
    /// would be removed or replaced with them; a store that is a folder cannot be opened: each is
    /// refused at the key's line, before a run is begun.
    @Test func storeInsideTheRunFoldersIsRefused() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let text = try String(contentsOfFile: pipeline, encoding: .utf8)
        #expect(try CLI.cipin(["run", pipeline]).status == 0)  // `latest` exists: a link into runs/
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("alias").path, withDestinationPath: "out/latest")
        let suggestion = "put it beside them, e.g. \(out.appendingPathComponent("cipin.sqlite").path)"
        // A link whose target does not exist yet: a store made through it would be made in runs/.
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("db.sqlite").path, withDestinationPath: "latest/s.sqlite")
        // ... and one whose `..` comes after a link (the kernel takes it from where the link led).
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("db2.sqlite").path, withDestinationPath: "latest/../s.sqlite")
        for (place, replaced) in [("out/latest/s.sqlite", "latest"), ("./out/runs/s.sqlite", "runs"), ("out/latest", "latest"),
                                  ("out/runs", "runs"), ("alias/s.sqlite", "runs"), ("out/db.sqlite", "runs"), ("out/db2.sqlite", "runs")] {
            try (text + "store: \(place)\n").write(toFile: pipeline, atomically: false, encoding: .utf8)
            let refused = try CLI.cipin(["run", pipeline])
            #expect(refused.status == 65)
            #expect(refused.stderr == "cipin: error: \(pipeline):6:8: `store` is `\(replaced)` of the output folder or inside it, which runs "
                    + "replace; \(suggestion)\n", "\(place): \(refused.stderr)")
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("state"), withIntermediateDirectories: true)
        try (text + "store: state\n").write(toFile: pipeline, atomically: false, encoding: .utf8)
        let isFolder = try CLI.cipin(["run", pipeline])
        #expect(isFolder.status == 65)
        #expect(isFolder.stderr == "cipin: error: \(pipeline):6:8: `store` is the folder \(folder.appendingPathComponent("state").path); "
                + "name the run store's file, e.g. \(folder.appendingPathComponent("state/cipin.sqlite").path)\n", "\(isFolder.stderr)")
        let listed = try CLI.cipin(["history", pipeline])
        #expect(listed.status == 73 && listed.stderr.contains("is a folder; `store` must name the run store's file"), "\(listed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("runs").path).count == 1)
        try text.write(toFile: pipeline, atomically: false, encoding: .utf8)
        #expect(try CLI.cipin(["history", pipeline]).stdout.split(separator: "\n").count == 2)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("runs").appendingPathComponent(
            try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("runs").path)[0]).appendingPathComponent("s.sqlite").path))
        // A store's lock file that is a link to the output's lock is refused, not waited for.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("state2"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("state2/s.sqlite.lock").path,
                                                   withDestinationPath: "../out/.cipin.lock")
        try (text + "store: state2/s.sqlite\n").write(toFile: pipeline, atomically: false, encoding: .utf8)
        let linkedLock = try CLI.cipin(["run", pipeline])
        #expect(linkedLock.status == 65)
        #expect(linkedLock.stderr == "cipin: error: \(pipeline):6:8: the lock of `store` (\(folder.appendingPathComponent("state2/s.sqlite").path).lock) "
                + "is the output folder's lock \(out.path)/.cipin.lock; remove that link, or name the run store otherwise\n", "\(linkedLock.stderr)")
        // `.cipin` would make the store's lock (`<store>.lock`) an output's lock, which two runs could
        // take in two orders.
        try (text + "store: state/.cipin\n").write(toFile: pipeline, atomically: false, encoding: .utf8)
        let lockName = try CLI.cipin(["run", pipeline])
        #expect(lockName.status == 65)
        #expect(lockName.stderr == "cipin: error: \(pipeline):6:8: `store` is \"state/.cipin\"; `.cipin` and `.cipin.lock` are the "
                + "output folder's lock, name the run store otherwise, e.g. cipin.sqlite\n", "\(lockName.stderr)")
        // The same name reached another way is refused when the run resolves it, before any lock is
        // taken twice (`--wait` would otherwise wait for the run itself).
        try (text + "store: out/.cipin/.\n").write(toFile: pipeline, atomically: false, encoding: .utf8)
        let spelled = try CLI.cipin(["run", "--wait", pipeline])
        #expect(spelled.status == 65)
        #expect(spelled.stderr == "cipin: error: \(pipeline):6:8: `store` is \(out.path)/.cipin; `.cipin` and `.cipin.lock` are the "
                + "output folder's lock, name the run store otherwise, e.g. cipin.sqlite\n", "\(spelled.stderr)")
    }

    /// Runs into two outputs that share a store each keep their own run folders, previous run and
    /// statistics; the store's lock is taken with the default store too, so a pipeline that names
    /// another's default store waits for it; `keep_stored_runs: 1` never leaves the next run
    /// without statistics to compare with, even when a run fails after it was stored; another
    /// pipeline's runs in the store are not listed, and a run warns of them.
    @Test func outputsSharingAStoreKeepTheirOwnRuns() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let text = try String(contentsOfFile: pipeline, encoding: .utf8)  // (written again below as another pipeline)
        try Self.append("store: state/s.sqlite\nkeep_runs: 2\nkeep_stored_runs: 1\n", toPipeline: pipeline)
        let a = folder.appendingPathComponent("a").path, b = folder.appendingPathComponent("b").path
        for (run, output) in [a, b, a, b, a].enumerated() {
            let result = try CLI.cipin(["run", pipeline, "--output", output])
            #expect(result.status == 0, "run \(run + 1): \(result.stderr)")
        }
        // Runs 1, 3, 5 went to a; 2, 4 to b: a keeps two folders (3 and 5), b both of its own.
        func folders(_ output: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: output + "/runs").map { String($0.split(separator: "-").last!) }.sorted()
        }
        #expect(try folders(a) == ["3", "5"] && folders(b) == ["2", "4"])
        #expect(try String(contentsOfFile: a + "/latest/report.xml", encoding: .utf8).contains("since run 3"))
        #expect(try String(contentsOfFile: b + "/latest/report.xml", encoding: .utf8).contains("since run 2"))
        let store = folder.appendingPathComponent("state/s.sqlite").path
        let kept = try CLI.python("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            print([r[0] for r in db.execute('SELECT run_id FROM run_terms ORDER BY run_id')])
            """, [store])
        #expect(kept.stdout == "[4, 5]\n", "\(kept.stderr)")
        // A run of a that fails after it was stored (`latest` is in the way) keeps a's last
        // statistics; once `latest` is free again, the next run compares with run 5.
        try FileManager.default.removeItem(atPath: a + "/latest")
        try FileManager.default.createDirectory(atPath: a + "/latest", withIntermediateDirectories: false)
        let failed = try CLI.cipin(["run", pipeline, "--output", a])
        #expect(failed.status != 0)
        try FileManager.default.removeItem(atPath: a + "/latest")
        #expect(try CLI.cipin(["run", pipeline, "--output", a]).status == 0)
        #expect(try String(contentsOfFile: a + "/latest/report.xml", encoding: .utf8).contains("since run 5"))
        let history = try CLI.cipin(["history", pipeline, "--output", a]).stdout.split(separator: "\n")
            .map { $0.split(separator: " ").map(String.init) }
        #expect(history.map { $0[0] } == ["run", "1", "3", "5", "6", "7"] && history[4][1] == "failed" && history[4][4...6] == ["-", "-", "-"],
                "\(history)")
        // `compare --runs` takes only the pipeline's runs into the output it is given.
        // (Run 5 is a's, so it passes; its statistics were dropped, `keep_stored_runs: 1`.)
        let own = try CLI.cipin(["compare", pipeline, "--runs", "7", "5", "--runs-from", a])
        #expect(own.status == 65 && own.stderr.contains("the statistics of run 5 were dropped"), "\(own.stderr)")
        let notOwn = try CLI.cipin(["compare", pipeline, "--runs", "7", "2", "--runs-from", a])
        #expect(notOwn.status == 65)
        #expect(notOwn.stderr == "cipin: error: \(store): run 2 is not a run of `nightly` into \(a); `cipin history PIPELINE` lists its runs "
                + "(with `-o DIR` those made with `cipin run --output DIR`, which `compare --runs-from DIR` compares)\n", "\(notOwn.stderr)")
        // The same output reached through a symbolic link is the same output.
        let link = folder.appendingPathComponent("a-link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "a")
        #expect(try CLI.cipin(["run", pipeline, "--output", link]).status == 0)
        #expect(try String(contentsOfFile: a + "/latest/report.xml", encoding: .utf8).contains("since run 7"))
        #expect(try folders(a) == ["7", "8"])
        // The default store is locked too: a pipeline naming another's default store takes turns with it.
        let other = try CLI.pipeline("name: other\ninputs: [in]\nkeywords: [人才]\noutput: o2\nhistory: true\nstore: out/cipin.sqlite\n",
                                     in: folder, name: "o.yaml")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        let descriptor = open(folder.appendingPathComponent("out/cipin.sqlite.lock").path, O_CREAT | O_RDWR, 0o644)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let defaultStore = folder.appendingPathComponent("default.yaml").path
        try text.write(toFile: defaultStore, atomically: false, encoding: .utf8)
        #expect(try CLI.cipin(["run", defaultStore]).status == 75)
        #expect(try CLI.cipin(["run", other.path]).status == 75)
        // Another spelling of that store (a link) takes the same lock.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("alias.sqlite").path, withDestinationPath: "out/cipin.sqlite")
        let aliased = try CLI.pipeline("name: aliased\ninputs: [in]\nkeywords: [人才]\noutput: o3\nhistory: true\nstore: alias.sqlite\n",
                                       in: folder, name: "r.yaml")
        #expect(try CLI.cipin(["run", aliased.path]).status == 75)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        #expect(try CLI.cipin(["run", defaultStore]).status == 0)
        let second = try CLI.cipin(["run", other.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("also holds runs of `nightly`"), "\(second.stderr)")
        // Said once: no other pipeline has run on the store since.
        let third = try CLI.cipin(["run", other.path])
        #expect(third.status == 0 && !third.stderr.contains("also holds runs"), "\(third.stderr)")
        #expect(try CLI.cipin(["history", other.path]).stdout.split(separator: "\n").count == 3)
        #expect(try CLI.cipin(["history", defaultStore]).stdout.split(separator: "\n").count == 2)
    }

    /// A pipeline of the same name whose `store` is another output's default store: its runs are
    /// not that output's (not its previous run, not among its folders to keep or its history).
    @Test func aNamedStoreThatIsAnotherOutputsDefaultStore() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let other = try CLI.pipeline("name: nightly\ninputs: [in]\nkeywords: [人才]\noutput: o2\nhistory: true\nstore: out/cipin.sqlite\nkeep_runs: 1\n",
                                     in: folder, name: "q.yaml").path
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        for _ in 0..<2 { #expect(try CLI.cipin(["run", other]).status == 0) }
        #expect(try String(contentsOf: folder.appendingPathComponent("o2/latest/report.xml"), encoding: .utf8).contains("since run 2"))
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        #expect(try String(contentsOf: latestReport(folder), encoding: .utf8).contains("since run 1"))
        let history = try CLI.cipin(["history", pipeline]).stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ")[0] }
        #expect(history == ["1", "4"])
        let runs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/runs").path)
        #expect(runs.map { $0.split(separator: "-").last! }.sorted() == ["1", "4"])
        #expect(try CLI.cipin(["history", other]).stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ")[0] } == ["2", "3"])
    }

    /// With the default store, which lies in the output folder, a pipeline's runs follow the folder
    /// when it moves: the next run compares with the last one and old run folders are still pruned.
    /// The files a run skipped count among its input files.
    @Test func defaultStoreRunsFollowAMovedFolder() throws {
        let folder = try Self.corpus()
        let text = try String(contentsOfFile: folder.appendingPathComponent("p.yaml").path, encoding: .utf8)
        try (text + "keep_runs: 2\non_error: skip\n").write(to: folder.appendingPathComponent("p.yaml"), atomically: false, encoding: .utf8)
        #expect(try CLI.cipin(["run", folder.appendingPathComponent("p.yaml").path]).status == 0)
        let moved = folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + "-moved")
        try FileManager.default.moveItem(at: folder, to: moved)
        defer { try? FileManager.default.removeItem(at: moved) }
        // A file that cannot be read as text: skipped, listed in the report.
        try Data([0x00, 0x01, 0x02, 0x00]).write(to: moved.appendingPathComponent("in/zz-binary.txt"))
        let pipeline = moved.appendingPathComponent("p.yaml").path
        #expect(try CLI.cipin(["run", pipeline]).status == 3)  // 3: done, a file skipped
        #expect(try String(contentsOf: moved.appendingPathComponent("out/latest/report.xml"), encoding: .utf8).contains("since run 1"))
        #expect(try CLI.cipin(["run", pipeline]).status == 3)
        let runs = try FileManager.default.contentsOfDirectory(atPath: moved.appendingPathComponent("out/runs").path)
        #expect(runs.map { $0.split(separator: "-").last! }.sorted() == ["2", "3"], "\(runs)")
        let history = try CLI.cipin(["history", pipeline]).stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(history.count == 4 && history[1][4...6] == ["12", "12", "0"] && history[3][4...6] == ["13", "0", "1"], "\(history)")
        // Runs into another output (`--output alt`) are in that folder's store: `history -o` and
        // `compare --runs-from` find them.
        let alt = moved.appendingPathComponent("alt").path
        for _ in 0..<2 { #expect(try CLI.cipin(["run", pipeline, "--output", alt]).status == 3) }
        #expect(try CLI.cipin(["history", pipeline, "-o", alt]).stdout.split(separator: "\n").count == 3)
        #expect(try CLI.cipin(["compare", pipeline, "--runs", "2", "1", "--runs-from", alt]).status == 0)
        #expect(FileManager.default.fileExists(atPath: alt + "/compare-runs-2-1/report.xml"))
        #expect(try CLI.cipin(["compare", pipeline, "--runs-from", alt]).status == 64)
        let missing = try CLI.cipin(["compare", pipeline, "--runs", "2", "1", "--runs-from", moved.appendingPathComponent("nowhere").path])
        #expect(missing.status == 65 && missing.stderr.contains("no runs are stored for \(moved.appendingPathComponent("nowhere").path); "
                                                                 + "give the folder that was given to `cipin run --output`"), "\(missing.stderr)")
        // Naming the output's own default store changes nothing: the same runs.
        let named = try String(contentsOfFile: pipeline, encoding: .utf8) + "store: out/cipin.sqlite\n"
        try named.write(toFile: pipeline, atomically: false, encoding: .utf8)
        #expect(try CLI.cipin(["run", pipeline]).status == 3)
        #expect(try String(contentsOf: moved.appendingPathComponent("out/latest/report.xml"), encoding: .utf8).contains("since run 3"))
        #expect(try CLI.cipin(["history", pipeline]).stdout.split(separator: "\n").count == 5)
    }

    /// The model, dictionary and IDF files' hashes are recorded with their stamps and used while
    /// the stamps match: a hash altered in the store keys the next run (everything is read again,
    /// and the report shows it), a stamp that no longer matches or `--full` hashes the file again.
    @Test func modelFileHashesAreRecordedWithTheirStamps() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let store = folder.appendingPathComponent("out/cipin.sqlite").path
        let dictionary = "/usr/lib/python3/dist-packages/jieba/dict.txt"
        let recorded = try CLI.python("""
            import hashlib, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            rows = db.execute('SELECT path, sha256 FROM file_hash ORDER BY path').fetchall()
            # (The pipeline file is among them once it has settled, which depends on the machine's speed.)
            jieba = '/usr/lib/python3/dist-packages/jieba/'
            model = [path[len(jieba):] for path, _ in rows if path.startswith(jieba)]
            print(len(model), sum(1 for path, hash in rows if hashlib.sha256(open(path, 'rb').read()).hexdigest() == hash) == len(rows),
                  sorted(model))
            """, [store])
        // The dictionary, the IDF table, finalseg's HMM and (for TextRank) jieba.posseg's.
        #expect(recorded.stdout == "9 True ['analyse/idf.txt', 'dict.txt', 'finalseg/prob_emit.py', 'finalseg/prob_start.py', "
                + "'finalseg/prob_trans.py', 'posseg/char_state_tab.py', 'posseg/prob_emit.py', 'posseg/prob_start.py', 'posseg/prob_trans.py']\n",
                "\(recorded.stderr)")
        func alter(_ sql: String) throws {
            let result = try CLI.python("""
                import sqlite3, sys
                db = sqlite3.connect(sys.argv[1])
                db.execute(sys.argv[2], (sys.argv[3],))
                db.commit()
                """, [store, sql, dictionary])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let fake = String(repeating: "0", count: 64)
        try alter("UPDATE file_hash SET sha256 = '\(fake)' WHERE path = ?")
        let keyed = try CLI.cipin(["run", pipeline])
        #expect(keyed.status == 0 && keyed.stdout.contains(", 0 unchanged file(s) reused"), "\(keyed.stdout)")
        #expect(try String(contentsOf: latestReport(folder), encoding: .utf8).contains(fake))
        // The recorded stamp no longer matches: the file is hashed again, and its true hash keys the
        // run as it keyed the first, whose entries are gone, so everything is read again once more;
        // the run after reuses them.
        try alter("UPDATE file_hash SET modified = modified + 1 WHERE path = ?")
        let rehashed = try CLI.cipin(["run", pipeline])
        #expect(try rehashed.status == 0 && rehashed.stdout.contains(", 0 unchanged file(s) reused") && !String(contentsOf: latestReport(folder), encoding: .utf8).contains(fake))
        #expect(try CLI.cipin(["run", pipeline]).stdout.contains("0 file(s) read and segmented, 12 unchanged"))
        // `--full` ignores the recorded hashes.
        try alter("UPDATE file_hash SET sha256 = '\(fake)' WHERE path = ?")
        #expect(try CLI.cipin(["run", "--full", pipeline]).status == 0)
        #expect(try !String(contentsOf: latestReport(folder), encoding: .utf8).contains(fake))
        #expect(try CLI.python("""
            import sqlite3, sys
            print(sqlite3.connect(sys.argv[1]).execute('SELECT sha256 FROM file_hash WHERE path = ?', (sys.argv[2],)).fetchone()[0])
            """, [store, dictionary]).stdout == Self.sha256sum(dictionary) + "\n")
    }

    static func sha256sum(_ path: String) throws -> String {
        String(try CLI.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [path]).stdout.prefix(64))
    }

    /// Concordance lines of unchanged files come from the store, not from searching again: a left
    /// context altered in the store (by Python, which parses the record apart from Cipin's reader)
    /// shows in the next run's concordance.csv; `--full` and another context size search again.
    @Test func concordanceLinesOfUnchangedFilesAreReused() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let tamper = try CLI.python(Self.compactRecord + """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            rows = db.execute('SELECT settings_key, content_hash, entry FROM concordance_cache').fetchall()
            changed = 0
            for key, hash, entry in rows:
                # The record: magic, articles, then per article its keywords, per keyword its lines, each
                # line left, match, right (length-prefixed UTF-8) and four integers, then per article
                # its keyword counts (occurrences and token matches, each a count and the values).
                # Every left context is replaced by one marker, the first keyword's occurrences become
                # 7777; the rest is copied.
                record = Compact(entry)
                new = bytearray()
                def copy_varint():
                    value = record.varint(); put_varint(new, value); return value
                def copy_string():
                    put_string(new, record.string())
                copy_string()
                assert new[1:] == b'cipin-concordance-3'
                articles = copy_varint()
                for _ in range(articles):
                    for _ in range(copy_varint()):
                        for _ in range(copy_varint()):
                            record.string()
                            put_string(new, 'STORED')
                            changed += 1
                            copy_string(); copy_string()
                            for _ in range(4): copy_varint()
                assert copy_varint() == articles
                for _ in range(articles):
                    occurrences = [record.varint() for _ in range(record.varint())]
                    for value in [len(occurrences), 7777] + occurrences[1:]: put_varint(new, value)
                    for _ in range(copy_varint()): copy_varint()
                assert record.done()
                db.execute('UPDATE concordance_cache SET entry = ? WHERE settings_key = ? AND content_hash = ?', (bytes(new), key, hash))
            db.commit()
            print(len(rows), changed > 100)
            """, [folder.appendingPathComponent("out/cipin.sqlite").path])
        #expect(tamper.stdout == "12 True\n", "\(tamper.stderr)")
        func leftContexts() throws -> Set<String> {
            let check = try CLI.python("""
                import csv, sys
                print('\\n'.join(sorted({r['left'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))})))
                """, [folder.appendingPathComponent("out/latest/concordance.csv").path])
            return Set(check.stdout.split(separator: "\n").map(String.init))
        }
        func firstKeywordCounts() throws -> Set<String> {
            let check = try CLI.python("""
                import csv, sys
                print(' '.join(sorted({r['occurrences'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))
                                       if r['keyword'] == '人才' and r['member'] == '' and r['articles'] == '1'})))
                """, [folder.appendingPathComponent("out/latest/keywords.csv").path])
            return Set(check.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        }
        let original = try leftContexts()
        #expect(original.count > 100)
        #expect(try firstKeywordCounts() != ["7777"])
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        #expect(try leftContexts() == ["STORED"])
        // The articles' keyword counts came from the store too.
        #expect(try firstKeywordCounts() == ["7777"])
        #expect(try CLI.cipin(["run", pipeline, "--full"]).status == 0)
        #expect(try leftContexts() == original)
        #expect(try firstKeywordCounts() != ["7777"])
        // Another context size: the stored lines (now the true ones again) are not used.
        try Self.append("analysis:\n  concordance:\n    context: 4\n", toPipeline: pipeline)
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let short = try leftContexts()
        #expect(short.count > 10 && short.allSatisfy { $0.count <= 4 }, "\(short.prefix(5))")
    }

    /// A run's word frequencies are one binary record (read here by Python's struct, apart from
    /// Cipin's reader) that agrees with terms.csv; a run stored by an earlier Cipin, with a row per
    /// word in `run_term`, is compared just the same.
    @Test func runTermsAreOneRecordAndOlderRowsStillCompare() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        try Self.removeFirstInput(folder)
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let comparison = folder.appendingPathComponent("out/compare-runs-2-1")
        func tables() throws -> [String: Data] {
            let names = try FileManager.default.contentsOfDirectory(atPath: comparison.path).filter { $0.hasSuffix(".csv") }
            return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: comparison.appendingPathComponent($0))) })
        }
        let before = try CLI.cipin(["compare", pipeline, "--runs", "2", "1"])
        #expect(before.status == 0, "\(before.stderr)")
        let tablesBefore = try tables()
        #expect(tablesBefore.count >= 2 && tablesBefore.values.allSatisfy { $0.count > 10 }, "\(tablesBefore.keys)")
        let store = folder.appendingPathComponent("out/cipin.sqlite").path
        let check = try CLI.python(Self.recordReader + """
            import csv, hashlib, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            def read(entry):
                # The SHA-256 of all before it ends the record (an 8-byte length, 64 hex digits).
                assert entry[-72:-64] == (64).to_bytes(8, 'little')
                assert entry[-64:].decode() == hashlib.sha256(entry[:-72]).hexdigest()
                record = Record(entry[:-72])
                assert record.string() == 'cipin-run-terms-2'
                words = [record.string() for _ in range(record.integer())]
                counts = [record.integer() for _ in words]
                assert record.done()
                return dict(zip(words, counts))
            terms = {run: read(entry) for run, entry in db.execute('SELECT run_id, entry FROM run_terms')}
            latest = terms[2]
            rows = list(csv.DictReader(open(sys.argv[2], encoding='utf-8-sig', newline='')))
            wrong = sum(1 for r in rows if latest.get(r['term']) != int(r['frequency']))
            tokens = db.execute('SELECT tokens FROM run WHERE id = 2').fetchone()[0]
            print(sorted(terms), len(rows) > 1000, wrong, sum(latest.values()) == tokens, db.execute('SELECT COUNT(*) FROM run_term').fetchone()[0])
            # Run 1 as an earlier Cipin stored it: a row per word.
            db.executemany('INSERT INTO run_term VALUES (1, ?, ?)', sorted(terms[1].items()))
            db.execute('DELETE FROM run_terms WHERE run_id = 1')
            db.commit()
            """, [store, folder.appendingPathComponent("out/latest/terms.csv").path])
        #expect(check.stdout == "[1, 2] True 0 True 0\n", "\(check.stderr)")
        // A run's articles are one record too, that agrees with documents.csv; run 1 then goes
        // back to a row per article, as an earlier Cipin stored it (`run_article`).
        let articles = try CLI.python(Self.compactRecord + Self.articlesReader + """
            import csv, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            records = {run: read_articles(entry) for run, entry in db.execute('SELECT run_id, entry FROM run_articles')}
            rows = list(csv.DictReader(open(sys.argv[2], encoding='utf-8-sig', newline='')))
            latest = records[2]
            same = [a['id'] == r['id'] and a['title'] == r['title'] and a['author'] == r['author'] and a['region'] == r['region']
                    and a['date'] == r['date'] and a['path'] == r['file'] and a['characters'] == int(r['characters'])
                    and a['tokens'] == int(r['tokens']) and a['hash'] is not None and len(a['hash']) == 64 for a, r in zip(latest, rows)]
            print(sorted(records), len(rows), len(latest), all(same), db.execute('SELECT COUNT(*) FROM run_article').fetchone()[0])
            db.executemany('INSERT INTO run_article VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                           [(a['id'], a['title'], a['author'], a['region'], a['date'], a['path'], a['characters'], a['tokens'], a['hash'])
                            for a in records[1]])
            db.execute('DELETE FROM run_articles WHERE run_id = 1')
            db.commit()
            """, [store, folder.appendingPathComponent("out/latest/documents.csv").path])
        #expect(articles.stdout == "[1, 2] 11 11 True 0\n", "\(articles.stderr)")
        let after = try CLI.cipin(["compare", pipeline, "--runs", "2", "1"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try tables() == tablesBefore)
        // A damaged record is refused with the run named, not read as a shorter list: run 2's
        // articles (in a copy of the store), then its word frequencies.
        func cutRecord(in table: String) throws -> CLI.Result {
            try CLI.python("""
                import sqlite3, sys
                db = sqlite3.connect(sys.argv[1])
                db.execute('UPDATE \(table) SET entry = substr(entry, 1, length(entry) - 3) WHERE run_id = 2')
                db.commit()
                """, [store])
        }
        try FileManager.default.copyItem(atPath: store, toPath: store + ".kept")
        let cut = try cutRecord(in: "run_articles")
        #expect(cut.status == 0, "\(cut.stderr)")
        let cutArticles = try CLI.cipin(["compare", pipeline, "--runs", "2", "1"])
        #expect(cutArticles.status != 0 && cutArticles.stderr.contains("the articles of run 2 are damaged"), "\(cutArticles.stderr)")
        try FileManager.default.removeItem(atPath: store)
        try FileManager.default.moveItem(atPath: store + ".kept", toPath: store)
        let damage = try cutRecord(in: "run_terms")
        #expect(damage.status == 0, "\(damage.stderr)")
        let damaged = try CLI.cipin(["compare", pipeline, "--runs", "2", "1"])
        #expect(damaged.status != 0 && damaged.stderr.contains("the word frequencies of run 2 are damaged"), "\(damaged.stderr)")
        // The next scheduled run is not stopped by it: it says it could not compare, and the run after compares again.
        let next = try CLI.cipin(["run", pipeline])
        #expect(next.status == 0, "\(next.stderr)")
        let report = try String(contentsOf: latestReport(folder), encoding: .utf8)
        #expect(report.contains("could not be read from the run store") && report.contains("the word frequencies of run 2 are damaged"))
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        #expect(try String(contentsOf: latestReport(folder), encoding: .utf8).contains("since run 3"))
    }

    /// SIGTERM stops a run cleanly: exit 143, its folder removed, the run recorded as failed,
    /// `latest` untouched; the next run succeeds.
    @Test func sigtermStopsCleanly() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        // Stopped a third of the way into a whole run (`--full`: everything read again), as long
        // as the second run here took, however fast the machine and the build are.
        let start = Date()
        #expect(try CLI.cipin(["run", "--full", pipeline]).status == 0)
        let duration = Date().timeIntervalSince(start)
        let before = try Data(contentsOf: latestReport(folder))
        let process = Process()
        process.executableURL = CLI.binary
        let log = folder.appendingPathComponent("cipin.log")
        process.arguments = ["run", "--full", pipeline, "--log-file", log.path]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        Thread.sleep(forTimeInterval: duration / 3)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 143)
        #expect(message == "cipin: stopped by SIGTERM; the previous report, if any, is left as it was\n")
        // The log file says so too (an operator may read it alone).
        #expect(try String(contentsOf: log, encoding: .utf8).contains("error cipin: stopped by SIGTERM; the previous report, if any, is left as it was"))
        #expect(try Data(contentsOf: latestReport(folder)) == before)
        let runs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/runs").path)
        #expect(runs.count == 2)
        #expect(try CLI.cipin(["history", pipeline]).stdout.contains("\n3    failed"))
        // Should a thread of the stopped run have made its folder again as the process ended, the
        // next run removes it: the folder the store names for the failed run, made here by hand.
        let name = try CLI.python("""
            import sqlite3, sys
            print(sqlite3.connect(sys.argv[1]).execute("SELECT folder FROM run WHERE id = 3 AND status = 'failed'").fetchone()[0])
            """, [folder.appendingPathComponent("out/cipin.sqlite").path]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let leftover = folder.appendingPathComponent("out/runs").appendingPathComponent(name)
        #expect(!name.isEmpty && !FileManager.default.fileExists(atPath: leftover.path))
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: false)
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/runs").path).count == 3)
    }

    /// Three shards merged give the same outputs as one run over all the inputs, copies of one file
    /// in different shards too (ids `-dupN` made over all the inputs; a copy first in order made two
    /// articles of one id and stopped the merge).
    @Test func mergedShardsEqualASingleRun() throws {
        let folder = try Self.corpus()
        let input = folder.appendingPathComponent("in")
        let names = try FileManager.default.contentsOfDirectory(atPath: input.path).sorted()
        // Inputs 0, 13 and 14 of 15 (shards 1, 2, 3) have one content; so do inputs 1 and 2 (shards 2 and 3).
        for (copy, of) in [("0-copy.txt", names[0]), ("zz-a.txt", "0-copy.txt"), ("zz-b.txt", "0-copy.txt"), ("00-copy.txt", names[5])] {
            try FileManager.default.copyItem(at: input.appendingPathComponent(of), to: input.appendingPathComponent(copy))
        }
        let pipeline = try CLI.pipeline("name: sharded\ninputs: [in]\nkeywords: [人才, 干部, 基层]\noutput: single\n", in: folder, name: "s.yaml")
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        var parts: [String] = []
        for index in 1...3 {
            let shard = try CLI.cipin(["run", pipeline.path, "--shard", "\(index)/3", "--output", folder.appendingPathComponent("parts").path])
            #expect(shard.status == 0, "\(shard.stderr)")
            parts.append(folder.appendingPathComponent("parts/shard-\(index)-of-3.json").path)
        }
        let merged = folder.appendingPathComponent("merged")
        let merge = try CLI.cipin(["merge", pipeline.path] + parts.reversed() + ["--output", merged.path])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try differences(folder.appendingPathComponent("single"), merged) == [])
        #expect(merge.stderr.contains("zz-b.txt has the same content as"), "\(merge.stderr)")
        let missing = try CLI.cipin(["merge", pipeline.path, parts[0], parts[1], "--output", merged.path])
        #expect(missing.status == 65)
        #expect(missing.stderr.hasSuffix("cannot merge: need shards 1 to 3 once each, got 1, 2\n"))
        // Shards of another split in the same folder (N changed from 3 to 2): named as such, not as other settings.
        for index in 1...2 {
            #expect(try CLI.cipin(["run", pipeline.path, "--shard", "\(index)/2", "--output", folder.appendingPathComponent("parts").path]).status == 0)
        }
        let halves = (1...2).map { folder.appendingPathComponent("parts/shard-\($0)-of-2.json").path }
        let mixed = try CLI.cipin(["merge", pipeline.path] + halves + [parts[2], "--output", merged.path])
        #expect(mixed.status == 65)
        #expect(mixed.stderr == "cipin: error: \(parts[2]): cannot merge: it is shard 3 of 3, and \(halves[0]) is shard 1 of 2: merge the "
                + "shards of one split (those of `--shard I/N` for one N, I = 1 to N); a folder that held an earlier split keeps its files, "
                + "so name the parts of the split meant, e.g. shard-*-of-3.json or shard-*-of-2.json\n", "\(mixed.stderr)")
        let halvesMerged = try CLI.cipin(["merge", pipeline.path] + halves + ["--output", folder.appendingPathComponent("merged-2").path])
        #expect(halvesMerged.status == 0, "\(halvesMerged.stderr)")
        #expect(try differences(folder.appendingPathComponent("single"), folder.appendingPathComponent("merged-2")) == [])
    }

    /// Shards that cut different input lists (a file added between their runs), or a list that is
    /// not the inputs now, are refused, naming what changed; a merge takes the output's lock as a
    /// run does; a pipeline with history needs --output (a merge keeps no run history).
    @Test func shardsOfOtherInputsAreRefused() throws {
        let folder = try Self.corpus()
        let pipeline = try CLI.pipeline("name: sharded\ninputs: [in]\nkeywords: [人才]\noutput: single\n", in: folder, name: "s.yaml")
        let parts = folder.appendingPathComponent("parts")
        func shard(_ index: Int) throws -> String {
            let result = try CLI.cipin(["run", pipeline.path, "--shard", "\(index)/2", "--output", parts.path])
            #expect(result.status == 0, "\(result.stderr)")
            return parts.appendingPathComponent("shard-\(index)-of-2.json").path
        }
        let first = try shard(1)
        let added = folder.appendingPathComponent("in/0-added.txt")
        try Data("新增\n人才。\n".utf8).write(to: added)
        let second = try shard(2)
        let merged = folder.appendingPathComponent("merged").path
        let differing = try CLI.cipin(["merge", pipeline.path, first, second, "--output", merged])
        #expect(differing.status == 65)
        #expect(differing.stderr == "cipin: error: \(second): cannot merge: shard 2 saw 13 input file(s) and shard 1 12: the inputs "
                + "changed between the shards' runs; run every shard again over the same inputs\n")
        _ = try shard(1)
        try FileManager.default.removeItem(at: added)
        let gone = try CLI.cipin(["merge", pipeline.path, first, second, "--output", merged])
        #expect(gone.status == 65)
        #expect(gone.stderr == "cipin: error: \(first), \(second): cannot merge: the input files changed since the shards ran: "
                + "1 gone (\(added.path)); run every shard again\n")
        try Data("新增\n人才。\n".utf8).write(to: added)

        // The lock: refused while another run holds it, then waited for.
        try FileManager.default.createDirectory(atPath: merged, withIntermediateDirectories: true)
        let descriptor = open(merged + "/.cipin.lock", O_CREAT | O_RDWR, 0o644)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let locked = try CLI.cipin(["merge", pipeline.path, first, second, "--output", merged])
        #expect(locked.status == 75)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { flock(descriptor, LOCK_UN); close(descriptor) }
        let waited = try CLI.cipin(["merge", "--wait", pipeline.path, first, second, "--output", merged])
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(FileManager.default.fileExists(atPath: merged + "/report.xml"))

        // History: the merge would write beside the runs.
        let history = try CLI.pipeline("name: sharded\ninputs: [in]\nkeywords: [人才]\noutput: single\nhistory: true\n", in: folder, name: "h.yaml")
        let refused = try CLI.cipin(["merge", history.path, first, second])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("h.yaml:5:10: `cipin merge` writes one report and keeps no run history"), "\(refused.stderr)")
        // Also when --output names that folder, by its path or through a link to it.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("single"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("alias").path, withDestinationPath: "single")
        for spelling in [folder.appendingPathComponent("single").path, folder.appendingPathComponent("alias").path, folder.path + "/./single/"] {
            let named = try CLI.cipin(["merge", history.path, first, second, "--output", spelling])
            #expect(named.status == 65 && named.stderr.contains("would write it beside the runs"), "\(spelling): \(named.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("single/report.xml").path))

        // A damaged shard is refused, naming it, never trapped on: an article count that is not its
        // entry's, a sentence end past the article's tokens, a file that is no shard at all.
        let original = try Data(contentsOf: URL(fileURLWithPath: first))
        func damaged(_ change: (inout [String: Any]) -> Void) throws -> String {
            var item = try #require(((try JSONSerialization.jsonObject(with: original) as? [String: Any])?["items"] as? [[String: Any]])?.first)
            change(&item)
            var root = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
            var items = try #require(root["items"] as? [[String: Any]])
            items[0] = item
            root["items"] = items
            try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: first))
            let result = try CLI.cipin(["merge", pipeline.path, first, second, "--output", merged])
            #expect(result.status == 65)
            return result.stderr
        }
        let path = try #require((try JSONSerialization.jsonObject(with: original) as? [String: Any]).flatMap { ($0["items"] as? [[String: Any]])?.first?["path"] as? String })
        #expect(try damaged { item in
            var file = item["file"] as! [String: Any]
            file["articleCount"] = (file["articleCount"] as! Int) + 1
            item["file"] = file
        } == "cipin: error: \(first): cannot merge: its entry for \(path) is inconsistent (damaged?); run that shard again\n")
        #expect(try damaged { item in
            var entry = item["entry"] as! [String: Any]
            var ends = entry["sentenceEnds"] as! [String]
            ends[0] = Data([0xFF, 0xFF, 0x00, 0x00]).base64EncodedString()  // 65,535: past the article's tokens
            entry["sentenceEnds"] = ends
            item["entry"] = entry
        } == "cipin: error: \(first): cannot merge: not a Cipin shard result, or a damaged one (inconsistent cache entry at items[0].entry); "
            + "run that shard again\n")
        try Data("[1, 2]".utf8).write(to: URL(fileURLWithPath: first))
        let notShard = try CLI.cipin(["merge", pipeline.path, first, second, "--output", merged])
        #expect(notShard.status == 65)
        #expect(notShard.stderr.hasPrefix("cipin: error: \(first): cannot merge: not a Cipin shard result, or a damaged one ("), "\(notShard.stderr)")
        #expect(!notShard.stderr.contains("Swift.") && !notShard.stderr.contains("CodingKeys"), "\(notShard.stderr)")
    }

    @Test func aSecondRunIsRefusedWhileTheFirstHoldsTheLock() throws {
        let folder = try Self.corpus()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let descriptor = open(out.appendingPathComponent(".cipin.lock").path, O_CREAT | O_RDWR, 0o644)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let refused = try CLI.cipin(["run", folder.appendingPathComponent("p.yaml").path])
        #expect(refused.status == 75)
        #expect(refused.stderr == "cipin: error: \(out.path)/.cipin.lock: another run of this pipeline (or one that shares its run store) is running (it holds this lock); try again later, or pass --wait to wait for it\n")
        // With --wait the run waits for the lock and then succeeds.
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { flock(descriptor, LOCK_UN); close(descriptor) }
        let waited = try CLI.cipin(["run", "--wait", folder.appendingPathComponent("p.yaml").path])
        #expect(waited.status == 0, "\(waited.stderr)")
    }

    /// A run killed with SIGKILL at several moments leaves `latest` on a whole, valid report and
    /// the store consistent; the next run succeeds and the killed one is listed as failed.
    @Test func runKilledAtAnyMomentLeavesLatestIntact() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        // Killed at fractions of how long a whole run (`--full`: everything read again) takes here,
        // so the moments spread over a run however fast the machine and the build are.
        let start = Date()
        #expect(try CLI.cipin(["run", "--full", pipeline]).status == 0)
        let duration = Date().timeIntervalSince(start)
        let before = try Data(contentsOf: latestReport(folder))
        var killed = 0
        for fraction in [0.02, 0.1, 0.25, 0.45, 0.65, 0.85] {
            let delay = fraction * duration
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["run", "--full", pipeline]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            #expect(try CLI.xmllintErrors(latestReport(folder)) == nil)
        }
        #expect(killed >= 3)
        let after = try CLI.cipin(["run", pipeline])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try Data(contentsOf: latestReport(folder)) != before || killed == 6)
        let history = try CLI.cipin(["history", pipeline]).stdout
        #expect(!history.contains(" running "))
        #expect(history.contains("failed"))
        // Only the folders of succeeded runs remain: killed runs' partial folders were removed.
        let folders = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/runs").path)
        let succeeded = history.split(separator: "\n").filter { $0.contains("succeeded") }.count
        #expect(folders.count == succeeded)
    }

    /// SIGKILL between making a run's folder and recording it (inside the store's transaction)
    /// leaves an empty folder that no record names, under the id the next run gets again: that run
    /// removes it. Such a folder with files, folders of other ids and other names stay.
    @Test func anUnrecordedEmptyRunFolderIsRemoved() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let runs = folder.appendingPathComponent("out/runs")
        // The next run is run 2.
        for name in ["20200101T000000Z-2", "20200101T000001Z-2-2", "20200101T000002Z-2", "20200101T000000Z-7", "20200101T000000Z-02", "notes-2"] {
            try FileManager.default.createDirectory(at: runs.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try Data("kept".utf8).write(to: runs.appendingPathComponent("20200101T000002Z-2/mine.txt"))
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: runs.path).filter { $0.hasPrefix("2020") || $0.hasPrefix("notes") }.sorted()
        #expect(left == ["20200101T000000Z-02", "20200101T000000Z-7", "20200101T000002Z-2", "notes-2"])
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("out/latest").path)
        #expect(link.hasSuffix("Z-2"), "\(link)")
    }

    /// SIGKILL in the moments no timing hits: after the run was stored as succeeded but before
    /// `latest` switched, and half-way through a switch (the new link made, not yet renamed).
    /// `latest` stays on the previous whole report; the next run puts `latest` on the run the store
    /// lists as succeeded, saying so, and removes the half-made link.
    @Test func runKilledBetweenStoreAndLatestIsRepaired() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let out = folder.appendingPathComponent("out")
        func latest() throws -> String { try FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent("latest").path) }
        func history() throws -> [Substring] { try CLI.cipin(["history", pipeline]).stdout.split(separator: "\n").dropFirst().map { $0 } }
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let first = try latest()
        try Self.removeFirstInput(folder)
        let killed = try CLI.cipin(["run", pipeline], environment: ["CIPIN_TEST_KILL_AT": "stored"])
        #expect(killed.status == SIGKILL, "\(killed.status) \(killed.stderr)")
        // The store lists run 2 as succeeded; `latest` still shows run 1, whole.
        #expect(try latest() == first)
        #expect(try CLI.xmllintErrors(latestReport(folder)) == nil)
        #expect(try history().map { $0.split(separator: " ")[1] } == ["succeeded", "succeeded"])
        let second = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("runs").path)
            .filter { $0.hasSuffix("-2") }
        #expect(second.count == 1)
        // The next run is killed half-way through switching `latest` to run 2 (its repair, before
        // its own work): the new link is made, not yet renamed over `latest`.
        let halfSwitched = try CLI.cipin(["run", pipeline], environment: ["CIPIN_TEST_KILL_AT": "linked"])
        #expect(halfSwitched.status == SIGKILL, "\(halfSwitched.status) \(halfSwitched.stderr)")
        #expect(try latest() == first)
        #expect(try CLI.xmllintErrors(latestReport(folder)) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".latest.tmp-") }.count == 1)
        // The next run repairs `latest` to run 2, saying so, removes the half-made link, and finishes.
        let after = try CLI.cipin(["run", pipeline])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stderr.contains("cipin: warning: `latest` showed \(first), but the run of runs/\(second.first ?? "?") "
                                      + "had written its report and been stored as succeeded when it was killed; `latest` now shows it"),
                "\(after.stderr)")
        #expect(try latest().hasSuffix("-4"))
        #expect(try CLI.xmllintErrors(latestReport(folder)) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".latest.tmp-") }.isEmpty)
        #expect(try history().map { $0.split(separator: " ")[1] } == ["succeeded", "succeeded", "failed", "succeeded"])
        // Run 4 compared itself with run 2, the one `latest` showed when it began.
        let xml = try CLI.reportText(latestReport(folder), encoding: .utf8)
        #expect(xml.contains("Run 4 against run 2 of"))
        // A run with nothing to repair says nothing of `latest`.
        let quiet = try CLI.cipin(["run", pipeline])
        #expect(quiet.status == 0 && !quiet.stderr.contains("`latest`"), "\(quiet.stderr)")
    }

    /// A store that fails the transaction in which a run begins (here a trigger refuses to record
    /// the run's folder, after the folder was made) fails the run with the store's error and leaves
    /// no folder behind that the store never recorded; the previous report stays whole, and the
    /// next run, the store mended, succeeds.
    @Test func aRunWhoseStoreFailsToBeginLeavesNoFolder() throws {
        let folder = try Self.corpus()
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let runs = folder.appendingPathComponent("out/runs")
        let store = folder.appendingPathComponent("out/cipin.sqlite").path
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let first = try FileManager.default.contentsOfDirectory(atPath: runs.path)
        #expect(first.count == 1)
        func sql(_ statement: String) throws {
            let result = try CLI.python("import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute(sys.argv[2])\nc.commit()", [store, statement])
            #expect(result.status == 0, "\(result.stderr)")
        }
        try sql("CREATE TRIGGER refuse BEFORE UPDATE OF folder ON run BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
        let failed = try CLI.cipin(["run", pipeline])
        #expect(failed.status != 0 && failed.stderr.contains("refused by the test"), "\(failed.status) \(failed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: runs.path) == first)
        #expect(try CLI.xmllintErrors(latestReport(folder)) == nil)
        try sql("DROP TRIGGER refuse")
        let next = try CLI.cipin(["run", pipeline])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: runs.path).count == 2)
    }
}

/// `stat` for the tests (the Ingest module's `FileStamp` is not visible to these tests).
enum FileStampProbe {
    struct Stamp { var size: Int64; var modified: Int64; var changed: Int64 }
    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec, changed = info.st_ctimespec
        #else
        let modified = info.st_mtim, changed = info.st_ctim
        #endif
        return Stamp(size: Int64(info.st_size), modified: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec),
                     changed: Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec))
    }
}
