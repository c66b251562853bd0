import Foundation
import Testing
import TestSupport
@testable import Ingest

/// Sidecar files as users write them: JSON Lines values as written, and columns that would
/// collide with the ones Cipin writes or derives itself.
@Suite struct SidecarTests {
    /// A folder holding `a.txt` and `b.txt` (one article each) and the sidecar `name` holding `text`.
    static func folder(sidecar name: String, _ text: String) throws -> (folder: URL, sidecar: String) {
        let folder = try Scratch.folder("sidecar")
        try Data("甲文\n正文。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("乙文\n正文。\n".utf8).write(to: folder.appendingPathComponent("b.txt"))
        let path = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: path)
        return (folder, path.path)
    }

    static func ingest(_ folder: URL, sidecar name: String) throws -> IngestResult {
        try Ingestor.ingest(["a.txt", "b.txt"], relativeTo: folder, options: IngestOptions(sidecars: [name]))
    }

    /// Numbers keep their literal text (JSONDecoder gave `1.2345678901234567e+19` and `1000`),
    /// strings are decoded (escapes and surrogate pairs included), booleans are as written and
    /// `null` gives no value; the columns keep the file's order, new keys appended.
    @Test func jsonLinesValuesAreKeptAsWritten() throws {
        let (folder, path) = try Self.folder(sidecar: "m.jsonl", #"""
            {"file":"a.txt","n":12345678901234567890,"e":1e3,"x":-0.50E+2,"zero":0,"s":"\u4e2d\ud83d\ude00 \"q\" \\ \/ \t|","ok":true,"no":false,"none":null}
              { "file" : "b.txt" , "tag" : "乙" , "n" : -7 }

            """#)
        let result = try Self.ingest(folder, sidecar: "m.jsonl")
        #expect(result.articles[0].fields == ["n": "12345678901234567890", "e": "1e3", "x": "-0.50E+2", "zero": "0",
                                              "s": "中😀 \"q\" \\ / \t|", "ok": "true", "no": "false"])
        #expect(result.articles[1].fields == ["tag": "乙", "n": "-7"])
        #expect(try Sidecar.load(path: path).columns == ["n", "e", "x", "zero", "s", "ok", "no", "none", "tag"])
        #expect(result.metadataColumns == ["n", "e", "x", "zero", "s", "ok", "no", "none", "tag"])
        #expect(result.warnings.isEmpty)
    }

    /// Dates as spreadsheets and databases write them, with a time after the day, date their
    /// articles; a column of bad dates is one error naming every line (a review found `2024/3/4 0:00`,
    /// Excel's date cell with a time, refused, and one bad row told per run).
    @Test func datesWithTheirTimeAndEveryBadLine() throws {
        for (written, iso) in [("2024/3/4 0:00", "2024-03-04"), ("2024-03-04 00:00:00", "2024-03-04"), ("2024-03-04T08:30:00Z", "2024-03-04"),
                               ("2024-03-04T08:30:00+08:00", "2024-03-04"), ("2024年3月4日 8:30", "2024-03-04"), ("2024-03-04", "2024-03-04")] {
            let (folder, _) = try Self.folder(sidecar: "m.csv", "file,date\na.txt,\(written)\n")
            #expect(try Self.ingest(folder, sidecar: "m.csv").articles[0].shown("date") == iso, "\(written)")
        }
        #expect(Sidecar.withoutTime("2024-03-04 上午") == "2024-03-04 上午")
        let rows = (1...13).map { "f\($0).txt,2024-13-0\($0 % 9 + 1)" }.joined(separator: "\n")
        let (_, path) = try Self.folder(sidecar: "bad.csv", "file,date\na.txt,2024-03-04 0:00\n" + rows + "\nb.txt,1921\n")
        #expect(throws: IngestError.badSidecar(path: path, line: 3, reason: "`date` is \"2024-13-02\", which is not a date; write it as 2021-11-11, "
                                                  + "2021-11, 2021 or 2021年11月11日; also lines 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 and 2 more")) {
            try Sidecar.load(path: path)
        }
    }

    /// Bidirectional controls (an unclosed U+202E, isolates, marks) go from sidecar values and
    /// column names, as from the inputs' lines; right-to-left letters stay.
    @Test func bidirectionalControlsAreNotMetadata() throws {
        let (folder, _) = try Self.folder(sidecar: "m.csv", "file,\u{202E}来源,שלום\na.txt,\u{202E}苏南日报,\u{2067}א\u{2069}\u{200F}\nb.txt,苏北日报,ב\n")
        let result = try Self.ingest(folder, sidecar: "m.csv")
        #expect(result.metadataColumns == ["来源", "שלום"])
        #expect(result.articles[0].fields == ["来源": "苏南日报", "שלום": "א"])
        // A key is kept as written: it matches an input whose name holds such a control.
        let (named, _) = try Self.folder(sidecar: "n.csv", "file,来源\n\u{200F}a.txt,甲\n")
        try FileManager.default.moveItem(at: named.appendingPathComponent("a.txt"), to: named.appendingPathComponent("\u{200F}a.txt"))
        let matched = try Ingestor.ingest(["\u{200F}a.txt"], relativeTo: named, options: IngestOptions(sidecars: ["n.csv"]))
        #expect(matched.articles.first?.fields == ["来源": "甲"], "\(matched.warnings)")
        let lines = ArticleSplitter.split(LayoutTests.document("标题\n\n人才\u{202E}工作\u{2066}很重要\u{2069}。\n"))
        #expect(lines.first?.paragraphs == ["人才工作很重要。"])
    }

    /// An array or an object as a value is refused by its key, with what to do: no cell of
    /// `documents.csv` could hold it (it was dropped without a word).
    @Test func jsonLinesRefuseArraysAndObjects() throws {
        let (_, path) = try Self.folder(sidecar: "m.jsonl", """
            {"file": "a.txt", "group": "x"}
            {"file": "b.txt", "tags": ["a", "b"]}
            """)
        #expect(throws: IngestError.badSidecar(path: path, line: 2, reason: "the value of `tags` is an array at character 27; a .jsonl "
                                                  + "sidecar's values must be strings, numbers, true, false or null, one cell each in "
                                                  + "documents.csv: join its items into one string (\"a; b\"), or leave `tags` out")) {
            try Sidecar.load(path: path)
        }
        try Data(#"{"id": "x-01", "meta": {"source": "报"}}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: IngestError.badSidecar(path: path, line: 1, reason: "the value of `meta` is an object at character 24; a .jsonl "
                                                  + "sidecar's values must be strings, numbers, true, false or null, one cell each in "
                                                  + "documents.csv: give each of its fields a key of its own on the line (`meta_source`), "
                                                  + "or leave `meta` out")) {
            try Sidecar.load(path: path)
        }
    }

    /// Each way a line can fail to be one object of scalars, with the line, the place and the fix.
    @Test func jsonLinesRefuseWhatIsNotOneObjectOfScalars() throws {
        let (_, path) = try Self.folder(sidecar: "m.jsonl", "")
        let object = "; a .jsonl sidecar holds one object a line, e.g. {\"file\": \"a.txt\", \"group\": \"苏南\"}"
        let cases: [(line: String, reason: String)] = [
            (#"[1, 2]"#, "not a JSON object: `[` at character 1 where `{` should open it" + object),
            (#"{"file": "a.txt"} {"file": "b.txt"}"#, "not a JSON object: text after the object's closing `}`, `{` at character 19" + object),
            (#"{"file": "a.txt", "g": 1, "g": 2}"#, "the key `g` is given twice (at characters 19 and 27); give each key once"),
            (#"{"file": "a.txt", "g": "x}"#, "not a JSON object: the string that starts at character 24 is not closed; close it with \"" + object),
            (#"{"file": "a.txt", "g": "\x"}"#, #"not a JSON object: `\x` at character 25 is no JSON escape "#
                + #"(\", \\, \/, \b, \f, \n, \r, \t or \u and four hex digits)"# + object),
            (#"{"file": "a.txt", "g": "\ud83d"}"#, #"not a JSON object: `\ud83d` at character 25 is the first half of a surrogate pair "#
                + #"without its second half (\udc00 to \udfff)"# + object),
            (#"{"file": "a.txt", "g": "\ude00"}"#, #"not a JSON object: `\ude00` at character 25 is the second half of a surrogate pair without its first"# + object),
            (#"{"file": "a.txt", "g": "\u00g1"}"#, #"not a JSON object: the escape at character 25 needs four hex digits after \u"# + object),
            ("{\"file\": \"a.txt\", \"g\": \"a\tb\"}", #"not a JSON object: a control character (U+0009) inside a string at character 26; "#
                + #"write it escaped (\t, \n or \u0009)"# + object),
            (#"{"file": "a.txt", "g": 01}"#, "the value of `g`, `01` at character 24, is no JSON number; write a number as 12, -3.5 or 1e3 "
                + "(no leading zeros, + sign or bare point), or as a string in double quotes"),
            (#"{"file": "a.txt", "g": 1.}"#, "the value of `g`, `1.` at character 24, is no JSON number; write a number as 12, -3.5 or 1e3 "
                + "(no leading zeros, + sign or bare point), or as a string in double quotes"),
            (#"{"file": "a.txt", "g": 2021年}"#, "the value of `g`, `2021年` at character 24, is no JSON number; write a number as 12, -3.5 or 1e3 "
                + "(no leading zeros, + sign or bare point), or as a string in double quotes"),
            (#"{"file": "a.txt", "g": +1}"#, "not a JSON object: `+` at character 24 where the value of `g` should be "
                + "(a string in double quotes, a number, true, false or null)" + object),
            (#"{"file": "a.txt", "g": tru}"#, "not a JSON object: `t` at character 24 where the value of `g` should be "
                + "(a string in double quotes, a number, true, false or null)" + object),
            (#"{"file": "a.txt", "g": truex}"#, "not a JSON object: `x` at character 28 where `,` or `}` should follow the value of `g`" + object),
            (#"{"file": "a.txt", "g" 1}"#, "not a JSON object: `1` at character 23 where `:` should follow the key `g`" + object),
            (#"{"file": "a.txt",}"#, "not a JSON object: `}` at character 18 where a key in double quotes should be" + object),
            (#"{'file': 'a.txt'}"#, "not a JSON object: `'` at character 2 where a key in double quotes should be" + object),
            (#"{"file": "a.txt""#, "not a JSON object: the end of the line where `,` or `}` should follow the value of `file`" + object),
            (#"{"file": "a.txt", "": 1}"#, "a key is empty (\"\"); name the value, or leave it out"),
            (#"{"file": null, "g": 1}"#, "the `file` value is empty; give the file the line is for"),
        ]
        for (line, reason) in cases {
            try Data("{\"file\": \"a.txt\"}\n\n\(line)\n".utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: IngestError.badSidecar(path: path, line: 3, reason: reason), "\(line)") {
                try Sidecar.load(path: path)
            }
        }
    }

    /// The reviewer's header: three columns `documents.csv` computes (they appeared twice there)
    /// and `month`, which groups took from the date instead; all are named in one error at line 1.
    @Test func columnsCipinWritesOrDerivesAreRefused() throws {
        let (folder, path) = try Self.folder(sidecar: "meta.csv", "file,tokens,characters,line,month\na.txt,1,2,3,2021-01\n")
        let reason = "the columns `tokens`, `characters` and `line` are ones Cipin computes for documents.csv; rename them, "
            + "e.g. `tokens` to `tokens_given`; the column `month` is one Cipin takes from each article's date, for groups "
            + "and trends; give the date in a `date` column (2021-11 dates an article to its month), or rename it, e.g. to `month_given`"
        #expect(throws: IngestError.badSidecar(path: path, line: 1, reason: reason)) {
            try Self.ingest(folder, sidecar: "meta.csv")
        }
        let cases: [(header: String, reason: String)] = [
            ("file,tokens", "the column `tokens` is one Cipin computes for documents.csv; rename it, e.g. to `tokens_given`"),
            ("file,paragraphs", "the column `paragraphs` is one Cipin computes for documents.csv; rename it, e.g. to `paragraphs_given`"),
            ("file,id", "`file` and `id` are both key columns, which match a row to a file or article; keep one and rename the other, "
                + "e.g. `id` to `id_given`"),
            ("id,file", "`id` and `file` are both key columns, which match a row to a file or article; keep one and rename the other, "
                + "e.g. `id` to `id_given`"),
            ("path,file", "`path` and `file` are both key columns, which match a row to a file or article; keep one and rename the other, "
                + "e.g. `file` to `file_given`"),
            ("file,byline", "the column `byline` is one Cipin reads from each article's text; give `author`, `position` or `region` "
                + "columns in its place, or rename it, e.g. to `byline_given`"),
            ("file,source_path", "the column `source_path` is one Cipin gives each article (its file); rename it, e.g. to `source_path_given`"),
        ]
        for (header, reason) in cases {
            try Data("\(header)\na.txt,x\n".utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: IngestError.badSidecar(path: path, line: 1, reason: reason), "\(header)") {
                try Sidecar.load(path: path)
            }
        }
        // The built-in fields stay allowed: they give the article's field.
        try Data("file,title,author,position,region,date,year,group\na.txt,题,张三,书记,南京市,2021-03,2021,甲\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let result = try Self.ingest(folder, sidecar: "meta.csv")
        #expect(result.articles[0].fields == ["title": "题", "author": "张三", "position": "书记", "region": "南京市", "date": "2021-03",
                                              "year": "2021", "group": "甲"])
        #expect(result.articles[0].field("month") == "2021-03")
        #expect(result.metadataColumns == ["title", "author", "position", "region", "date", "year", "group"])
    }

    /// A JSON Lines file is refused at the line where the colliding key first appears.
    @Test func jsonLinesKeysCipinWritesOrDerivesAreRefusedAtTheirLine() throws {
        let (_, path) = try Self.folder(sidecar: "m.jsonl", """
            {"path": "a.txt", "chars": 10}
            {"path": "b.txt", "chars": 11, "tokens": 5, "id": "x"}
            """)
        #expect(throws: IngestError.badSidecar(path: path, line: 2, reason: "`path` and `id` are both key names, which match a line to a "
                                                  + "file or article; keep one and rename the other, e.g. `id` to `id_given`; the key `tokens` is "
                                                  + "one Cipin computes for documents.csv; rename it, e.g. to `tokens_given`")) {
            try Sidecar.load(path: path)
        }
    }

    /// A column with no name: refused when a row gives it a value (it was dropped without a word),
    /// left out with a warning at line 1 when it is empty throughout (a spreadsheet's trailing comma).
    @Test func unnamedColumns() throws {
        let (folder, path) = try Self.folder(sidecar: "meta.csv", "file,,group\na.txt,,甲\nb.txt,苏北,乙\n")
        #expect(throws: IngestError.badSidecar(path: path, line: 1, reason: "column 2 has no name, yet line 3 gives it a value (\"苏北\"); "
                                                  + "name the column in the first row, or delete it")) {
            try Self.ingest(folder, sidecar: "meta.csv")
        }
        try Data("file,group,\na.txt,甲,\nb.txt,乙, \n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try Self.ingest(folder, sidecar: "meta.csv")
        #expect(result.articles.map(\.fields) == [["group": "甲"], ["group": "乙"]])
        #expect(result.metadataColumns == ["group"])
        #expect(result.warnings == ["meta.csv:1: column 3 has no name and no values, so it is left out; delete it, or name it in the first row"])
    }

    /// `documents.csv`'s own columns, as `Sidecar` refuses them, are those `ArticlesSection` writes
    /// (checked against its header in the pipeline tests): here, that the lists do not overlap
    /// the built-in fields a sidecar may give.
    @Test func refusedNamesAreNoBuiltInField() {
        let refused = Set(Article.computedColumns + Article.derivedFields)
        #expect(refused.isDisjoint(with: Article.sidecarBuiltIns))
        #expect(refused.isDisjoint(with: Sidecar.keyNames))
    }

    /// A metadata file that is not text says so in a metadata file's terms: not the inputs' advice
    /// (`encoding:`, `on_error: skip`), which does not apply to it.
    @Test func undecodableMetadataFilesAreToldAsSuch() throws {
        let (folder, _) = try Self.folder(sidecar: "m.csv", "file,group\na.txt,甲\n")
        // Enough UTF-8 Chinese for one bad sequence in it to be damage, not another encoding.
        let long = "file,group,note\na.txt,苏南," + String(repeating: "江苏省委组织部关于人才工作的调研报告", count: 8) + "\nb.txt,苏北,"
        let cases: [(bytes: [UInt8], reason: String)] = [
            (Array("file,group\na.txt,甲\u{0}\n".utf8), "it is not text (a NUL or control byte at byte offset 20); a metadata file is "
                + "CSV or JSON Lines text: remove that byte, or check that `metadata` names the file meant"),
            (Array(long.utf8) + [0xE7, 0x94], "invalid UTF-8 at byte offset \(long.utf8.count) (cut short); copy or export it again, "
                + "or save it as UTF-8 (a metadata file is read as UTF-8, GB18030, or UTF-16 with a byte-order mark)"),
        ]
        for (bytes, reason) in cases {
            let path = folder.appendingPathComponent("m.csv").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(throws: IngestError.unreadable(path: path, reason: reason)) { try Self.ingest(folder, sidecar: "m.csv") }
            do {
                _ = try Self.ingest(folder, sidecar: "m.csv")
            } catch {
                let description = (error as? IngestError)?.errorDescription ?? ""
                #expect(!description.contains("on_error") && !description.contains("encoding:"), "\(description)")
            }
        }
    }

    /// The rows found for each article through dictionaries of their keys are those the plain rule
    /// (`matches`, every row against every article) finds, in file order: ids, bare file names,
    /// absolute paths, several articles to a file, several rows to a key, rows matching nothing.
    @Test func rowsFoundByKeyAreThoseThePlainRuleMatches() {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let articles = (0..<60).map { index in
            Article(id: "a\(index)", sourcePath: "/d/x/f\(index % 20).txt", indexInFile: index / 20, startLine: 1, title: "t", paragraphs: ["p"])
        } + [Article(id: "z", sourcePath: "/e/z.txt", indexInFile: 0, startLine: 1, title: "t", paragraphs: ["p"])]
        var sidecar = Sidecar(path: "/d/m.csv")
        for line in 0..<500 {
            let number = next(30)
            let key: Sidecar.Key = switch next(4) {
            case 0: .articleID("a\(next(80))")
            case 1: .file("f\(number).txt")
            case 2: .file("/d/x/f\(number).txt")
            default: .file("x/f\(number).txt")
            }
            sidecar.entries.append((key: key, fields: ["v": "\(line)", "k\(next(3))": "\(line)"], line: line + 2))
        }
        let plain: [[Int]] = articles.map { article in sidecar.entries.indices.filter { sidecar.matches(sidecar.entries[$0].key, article) } }
        let found: [[Int]] = sidecar.matchingEntries(of: articles)
        #expect(found == plain)
        #expect(found.contains { $0.count > 1 } && found.contains { $0.isEmpty })
        for index in [0, 7, 59, 60] {
            var expected: [String: String] = [:]
            for entry in plain[index] { expected.merge(sidecar.entries[entry].fields) { _, new in new } }
            #expect(sidecar.fields(for: articles[index]) == expected)
        }
        let unmatched: [String] = sidecar.entries.filter { entry in !articles.contains { sidecar.matches(entry.key, $0) } }.map { entry in
            switch entry.key {
            case .file(let name): name
            case .articleID(let id): id
            }
        }
        #expect(!unmatched.isEmpty && sidecar.unmatchedKeys(in: articles) == unmatched)
    }

    /// A sidecar of many rows that match nothing, or of many keys given on several lines, warns
    /// about ten of each and then says how many more: not a line per row.
    @Test func warningsAboutManyRowsNameTen() throws {
        let rows: [String] = Array(repeating: "a.txt,甲", count: 13) + (0..<25).map { "n\($0).txt,乙" }
            + (0..<12).flatMap { ["r\($0).txt,丙", "r\($0).txt,丁"] }
        let (folder, _) = try Self.folder(sidecar: "m.csv", "file,group\n" + rows.joined(separator: "\n") + "\n")
        let result = try Self.ingest(folder, sidecar: "m.csv")
        #expect(result.articles[0].fields == ["group": "甲"])
        let unmatched: [String] = (0..<10).map { "m.csv:\(15 + $0): the row for \"n\($0).txt\" matches no input file or article" }
            + ["m.csv: 39 more rows match no input file or article (49 in all)"]
        let repeated: [String] = ["m.csv: \"a.txt\" has rows on lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 3 more; the later rows' values win"]
            + (0..<9).map { "m.csv: \"r\($0).txt\" has rows on lines \(40 + 2 * $0), \(41 + 2 * $0); the later rows' values win" }
            + ["m.csv: 3 more keys have rows on several lines (13 in all); the later rows' values win"]
        #expect(result.warnings == unmatched + repeated)
    }

    /// A sidecar none of whose rows matches (another corpus's, or keys written otherwise) is one
    /// warning that says so, not one a row.
    @Test func aSidecarThatMatchesNothingIsOneWarning() throws {
        let (folder, _) = try Self.folder(sidecar: "m.csv", "file,group\n" + (0..<9).map { "f\($0).txt,甲" }.joined(separator: "\n") + "\n")
        let result = try Self.ingest(folder, sidecar: "m.csv")
        #expect(result.articles.allSatisfy { $0.fields.isEmpty })
        #expect(result.warnings == ["m.csv: none of its 9 rows matches an input file or article (\"f0.txt\", \"f1.txt\", \"f2.txt\", …): "
            + "is it the metadata of other files, or are its keys written otherwise? A `file` is a path relative to the metadata file's "
            + "folder or a bare file name; an `id` is an article id (`cipin ingest` lists them)"])
    }

    /// A sidecar of one row that matches nothing (the README's example, run over other files) gets
    /// the same advice, at the row's line; a path is shown as it was looked for, from the sidecar's folder.
    @Test func aSidecarOfOneRowThatMatchesNothingSaysHowKeysAreWritten() throws {
        let (folder, _) = try Self.folder(sidecar: "m.csv", "file,group\n2021/nanjing.txt,苏南\n")
        let result = try Self.ingest(folder, sidecar: "m.csv")
        #expect(result.articles.allSatisfy { $0.fields.isEmpty })
        #expect(result.warnings == ["m.csv:2: its only row, for \"\(folder.path)/2021/nanjing.txt\", matches no input file or article: "
            + "is it the metadata of other files, or are its keys written otherwise? A `file` is a path relative to the metadata file's "
            + "folder or a bare file name; an `id` is an article id (`cipin ingest` lists them)"])
    }
}
