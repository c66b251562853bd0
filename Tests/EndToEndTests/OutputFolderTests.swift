import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A run without history writes into its output folder: the folder holds one whole report, the
/// previous one or the new one, whatever fails or stops the run.
@Suite("Output folder")
struct OutputFolderTests {
    /// The stylesheets of the checkout, and a fixed report date, so two runs give the same bytes.
    static let stylesheets = ["CIPIN_STYLESHEETS": CLI.repository.appendingPathComponent("Reports").path, "SOURCE_DATE_EPOCH": "1700000000"]

    /// Two small articles and a pipeline over them.
    static func corpus(_ extra: String = "", keywords: String = "[人才, 干部]") throws -> (folder: URL, pipeline: String) {
        let folder = try CLI.temporaryFolder()
        try Data("好文章\n（县委书记 王五）\n2021年1月1日\n人才是第一资源，干部要培养人才。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("另一篇\n（市长 李四）\n2021年2月1日\n基层干部和人才队伍建设。\n".utf8).write(to: folder.appendingPathComponent("b.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [a.txt, b.txt]\nkeywords: \(keywords)\noutput: out\n" + extra, in: folder)
        return (folder, pipeline.path)
    }

    static func setKeywords(_ keywords: String, html: Bool, in pipeline: String) throws {
        try Data("name: t\ninputs: [a.txt, b.txt]\nkeywords: \(keywords)\noutput: out\nhtml: \(html)\n".utf8).write(to: URL(fileURLWithPath: pipeline))
    }

    /// A missing stylesheet fails the run before any work (exit 69), and nothing in the folder changes.
    @Test func aMissingStylesheetFailsBeforeAnythingIsWritten() throws {
        let (folder, pipeline) = try Self.corpus("html: true\n")
        #expect(try CLI.cipin(["run", pipeline], environment: Self.stylesheets).status == 0)
        let out = folder.appendingPathComponent("out")
        let before = try CLI.snapshot(out)
        #expect(before["index.html"] != nil && before["cipin.css"] != nil)
        try Self.setKeywords("[人才, 基层]", html: true, in: pipeline)
        let failed = try CLI.cipin(["run", pipeline], environment: ["CIPIN_STYLESHEETS": folder.appendingPathComponent("none").path])
        #expect(failed.status == 69, "\(failed.stderr)")
        #expect(failed.stderr.contains("cannot find the HTML stylesheet"))
        #expect(try CLI.snapshot(out) == before)
    }

    /// Files the previous report had and this one does not (the page after `html: false`,
    /// `skipped.csv` after a run that skipped nothing) go; other files in the folder stay.
    @Test func filesOfThePreviousReportThatAreNotWrittenAgainGo() throws {
        let (folder, pipeline) = try Self.corpus("html: true\non_error: skip\n")
        let out = folder.appendingPathComponent("out")
        try Data([0x47, 0x49, 0x46, 0x00, 0x01]).write(to: folder.appendingPathComponent("c.txt"))
        try Data("name: t\ninputs: [a.txt, b.txt, c.txt]\nkeywords: [人才]\noutput: out\nhtml: true\non_error: skip\n".utf8)
            .write(to: URL(fileURLWithPath: pipeline))
        #expect(try CLI.cipin(["run", pipeline], environment: Self.stylesheets).status == 3)
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let first = try CLI.snapshot(out)
        #expect(first["skipped.csv"] != nil && first["index.html"] != nil && first["cipin.css"] != nil)
        // The manifest lists exactly the report's files.
        let listed = Set(String(decoding: first[".cipin-outputs"] ?? Data(), as: UTF8.self).split(separator: "\n").map(String.init))
        #expect(listed == Set(first.keys).subtracting([".cipin-outputs", "notes.txt"]))

        try FileManager.default.removeItem(at: folder.appendingPathComponent("c.txt"))
        try Self.setKeywords("[人才]", html: false, in: pipeline)
        let result = try CLI.cipin(["run", pipeline])
        #expect(result.status == 0, "\(result.stderr)")
        let second = try CLI.snapshot(out)
        #expect(second["skipped.csv"] == nil && second["index.html"] == nil && second["cipin.css"] == nil)
        #expect(second["notes.txt"] == Data("mine".utf8))
        #expect(Set(second.keys) == Set(first.keys).subtracting(["skipped.csv", "index.html", "cipin.css"]))
        #expect(!String(decoding: second[".cipin-outputs"]!, as: UTF8.self).contains("index.html"))
    }

    /// A folder where an output should go fails the run before any file is replaced.
    @Test func aFolderInTheWayChangesNothing() throws {
        let (folder, pipeline) = try Self.corpus()
        #expect(try CLI.cipin(["run", pipeline]).status == 0)
        let out = folder.appendingPathComponent("out")
        try FileManager.default.removeItem(at: out.appendingPathComponent("trends.csv"))
        try FileManager.default.createDirectory(at: out.appendingPathComponent("trends.csv"), withIntermediateDirectories: false)
        let before = try CLI.snapshot(out)
        try Self.setKeywords("[人才, 基层]", html: false, in: pipeline)
        let failed = try CLI.cipin(["run", pipeline], environment: Self.stylesheets)
        #expect(failed.status == 73, "\(failed.stderr)")
        #expect(failed.stderr.contains("trends.csv: cannot write the output: rename: Is a directory"))
        #expect(try CLI.snapshot(out) == before)
    }

    /// A failed run leaves no folder it made, its lock included; a file in the output's path is named.
    @Test func aFailedFirstRunLeavesNoFolder() throws {
        let (folder, _) = try Self.corpus()
        try Data([0x47, 0x49, 0x46, 0x00, 0x01]).write(to: folder.appendingPathComponent("c.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [a.txt, c.txt]\nkeywords: [人才]\noutput: new/deeper/out\n", in: folder)
        let failed = try CLI.cipin(["run", pipeline.path])
        #expect(failed.status == 65, "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new").path))
        // An output folder under a file: the file is named, not a system error number.
        try Data().write(to: folder.appendingPathComponent("afile"))
        let blocked = try CLI.cipin(["run", pipeline.path, "--output", folder.appendingPathComponent("afile/out").path])
        #expect(blocked.status == 73)
        #expect(blocked.stderr.contains("\(folder.path)/afile is a file, not a folder"), "\(blocked.stderr)")
        // The root folder, however spelt, is no output folder: nothing is written there.
        let link = folder.appendingPathComponent("toroot")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/")
        for output in ["/", folder.path + "/../../../../../../../..", link.path] {
            let root = try CLI.cipin(["run", pipeline.path, "--output", output])
            #expect(root.status == 73, "\(output): \(root.stderr)")
            #expect(root.stderr.contains("it is the root folder"), "\(root.stderr)")
        }
        let good = try CLI.pipeline("name: t\ninputs: [a.txt]\nkeywords: [人才]\n", in: folder, name: "good.yaml")
        let compared = try CLI.cipin(["compare", good.path, good.path, "--output", "/"])
        #expect(compared.status == 73 && compared.stderr.contains("it is the root folder"), "\(compared.status) \(compared.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/report.xml") && !FileManager.default.fileExists(atPath: "/.cipin.lock"))
        let jobs = try CLI.cipin(["compare", good.path, good.path, "--jobs", "0"])
        #expect(jobs.status == 64 && jobs.stderr.contains("--jobs must be 1 or more, got 0"), "\(jobs.stderr)")
        // A negative count is refused as such, not taken for a missing value and an option `-2`.
        for command in ["run", "compare"] {
            let negative = try CLI.cipin([command, good.path] + (command == "compare" ? [good.path] : []) + ["--jobs", "-2"])
            #expect(negative.status == 64 && negative.stderr.hasPrefix("cipin: error: --jobs must be 1 or more, got -2"), "\(negative.stderr)")
        }
    }

    /// Slips on the command line are said for what they are: help for a command there is not (it
    /// printed the main help and exited 0), `compare` with one pipeline and nothing else (the
    /// message named --by only).
    @Test func commandLineSlipsAreNamed() throws {
        let help = try CLI.cipin(["help", "frob"])
        #expect(help.status == 64)
        #expect(help.stderr.hasPrefix("cipin: error: unknown command 'frob'; the commands are run, ingest, segment, compare, history, merge, render"),
                "\(help.stderr)")
        let known = try CLI.cipin(["help", "run"])
        #expect(known.status == 0 && known.stdout.contains("USAGE: cipin run"))
        let compare = try CLI.cipin(["compare", "p.yaml"])
        #expect(compare.status == 64)
        #expect(compare.stderr.hasPrefix("cipin: error: name two pipelines to compare, or one with --by FIELD (its groups) or with --runs A B "
                                         + "(two of its stored runs)"), "\(compare.stderr)")
    }

    /// SIGTERM at any moment of a run with an HTML page leaves the old report or the new one, whole,
    /// and says which.
    @Test func aStopLeavesOneWholeReport() throws {
        let (folder, pipeline) = try Self.corpus("html: true\n")
        let out = folder.appendingPathComponent("out")
        // The new report, made apart (the same pipeline file, so the same bytes).
        try Self.setKeywords("[人才, 基层]", html: true, in: pipeline)
        #expect(try CLI.cipin(["run", pipeline], environment: Self.stylesheets).status == 0)
        let new = try CLI.snapshot(out)
        try Self.setKeywords("[人才, 干部]", html: true, in: pipeline)
        let start = Date()
        #expect(try CLI.cipin(["run", pipeline], environment: Self.stylesheets).status == 0)
        let duration = Date().timeIntervalSince(start)
        let old = try CLI.snapshot(out)
        #expect(old != new)
        try Self.setKeywords("[人才, 基层]", html: true, in: pipeline)
        var outcomes: Set<String> = []
        for step in 1...8 {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["run", pipeline]
            process.environment = ProcessInfo.processInfo.environment.merging(Self.stylesheets) { $1 }
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            Thread.sleep(forTimeInterval: duration * Double(step) / 8)
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let now = try CLI.snapshot(out)
            if process.terminationStatus == 143 && now == old {
                #expect(message == "cipin: stopped by SIGTERM; the previous report, if any, is left as it was\n")
                outcomes.insert("old")
            } else if now == new {
                #expect(process.terminationStatus == 0 || message == "cipin: stopped by SIGTERM; the run had already written its report\n",
                        "\(message)")
                outcomes.insert("new")
            } else {
                let differing = Set(now.keys).union(old.keys).filter { now[$0] != old[$0] }.sorted()
                Issue.record("step \(step): a mixed folder (status \(process.terminationStatus), \(message)); not as before: \(differing)")
            }
            // Back to the old report for the next step.
            for (name, data) in old { try data.write(to: out.appendingPathComponent(name)) }
            for name in Set(now.keys).subtracting(old.keys) { try FileManager.default.removeItem(at: out.appendingPathComponent(name)) }
        }
        #expect(outcomes.contains("old"))
    }
}

/// Settings that name something missing or absent are said at their line, or as warnings.
@Suite("Pipeline settings at run time")
struct RunTimeSettingTests {
    @Test func missingFilesAndInputsAreNamedAtTheirLine() throws {
        let (folder, _) = try OutputFolderTests.corpus()
        let dict = try CLI.pipeline("name: t\ninputs: [a.txt]\nkeywords: [人才]\nsegmentation:\n  user_dicts: [user.txt, missing.txt]\n", in: folder)
        try Data("双招双引 10 n\n".utf8).write(to: folder.appendingPathComponent("user.txt"))
        let result = try CLI.cipin(["run", dict.path])
        #expect(result.status == 65)
        #expect(result.stderr == "cipin: error: \(dict.path):5:26: `segmentation.user_dicts` names \(folder.path)/missing.txt, which is not there; "
                + "give the path of a user dictionary (jieba's format: word [frequency] [tag] a line) (a relative path is taken from the pipeline file's folder)\n")
        let stop = try CLI.pipeline("name: t\ninputs: [a.txt]\nkeywords: [人才]\nanalysis: {stopwords: stop.txt}\n", in: folder)
        #expect(try CLI.cipin(["run", stop.path]).stderr.hasPrefix("cipin: error: \(stop.path):4:23: `analysis.stopwords` names \(folder.path)/stop.txt, which is not there"))
        let input = try CLI.pipeline("name: t\ninputs:\n  - a.txt\n  - nothere/\nkeywords: [人才]\n", in: folder)
        let missing = try CLI.cipin(["run", input.path])
        #expect(missing.status == 65)
        #expect(missing.stderr == "cipin: error: \(input.path):4:5: nothere/: no such file, folder or matching pattern; check the path in `inputs` "
                + "(a relative path is taken from the pipeline file's folder)\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        // A folder that is there but holds no input file says so, at its line, and names the
        // documents there that Cipin does not read (they were named only beside a .txt file).
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("empty/notes.md"))
        try Data("PK".utf8).write(to: folder.appendingPathComponent("empty/report.docx"))
        try Data("x".utf8).write(to: folder.appendingPathComponent("empty/list.csv"))
        let empty = try CLI.pipeline("name: t\ninputs: [empty]\nkeywords: [人才]\n", in: folder)
        let none = try CLI.cipin(["run", empty.path])
        #expect(none.status == 65)
        #expect(none.stderr == "cipin: error: \(empty.path):2:10: empty: the folder holds no file ending in .text, .txt (hidden files left out), "
                + "but 1 .docx, 1 .md, e.g. \(folder.path)/empty/notes.md, which Cipin does not read as it reads plain text: save them as "
                + "UTF-8 text (.txt) to count them (a .md file is text: add md to `extensions`)\n", "\(none.stderr)")
        // Without such documents, the error says to add files.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("empty/notes.md"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("empty/report.docx"))
        let bare = try CLI.cipin(["run", empty.path])
        #expect(bare.stderr == "cipin: error: \(empty.path):2:10: empty: the folder holds no file ending in .text, .txt (hidden files left out); "
                + "add files, or list their extensions in `extensions`\n", "\(bare.stderr)")
    }

    /// An article without body text is a warning at its file and line, on standard error and in
    /// the report's Problems, saying whether the file is empty (it was an entry of the report
    /// only, by the article's id).
    @Test func anEmptyFileIsAWarningAtItsPath() throws {
        let folder = try CLI.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("in"), withIntermediateDirectories: true)
        try Data("好文章\n\n人才是第一资源。\n".utf8).write(to: folder.appendingPathComponent("in/a.txt"))
        try Data().write(to: folder.appendingPathComponent("in/empty.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [in]\nkeywords: [人才]\noutput: out\nanalysis: {stopwords: none}\n", in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let warning = "\(folder.path)/in/empty.txt:1: article e3b0c44298fc-01 (empty) has no body text (the file is empty (0 bytes)): "
            + "nothing is counted from it"
        #expect(result.stderr.contains("cipin: warning: " + warning), "\(result.stderr)")
        let report = try CLI.reportText(folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(report.contains(warning))
        #expect(!result.stderr.contains("a.txt:"), "\(result.stderr)")
        // Many empty files are warned about as other input files are: ten, then how many more.
        for index in 0..<12 { try Data(String(repeating: "\n", count: index + 1).utf8).write(to: folder.appendingPathComponent("in/e\(index).txt")) }
        let many = try CLI.cipin(["run", pipeline.path])
        #expect(many.stderr.components(separatedBy: "has no body text").count - 1 == 10, "\(many.stderr)")
        #expect(many.stderr.contains("3 more warning(s) about input files, 13 in all"), "\(many.stderr)")
        // A file of blank lines holds no text (its title is the file's name), said so.
        #expect(many.stderr.contains("/in/e0.txt:1: article ") && many.stderr.contains("(e0) has no body text (the file holds no text)"),
                "\(many.stderr)")
    }

    /// A warning about a file's line (an impossible date) is said again by a scheduled run that
    /// reuses the file's stored results, under the file's path, so its report equals a full run's.
    @Test func lineWarningsOfReusedFilesAreSaidAgain() throws {
        let folder = try CLI.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("in"), withIntermediateDirectories: true)
        try Data("好文章\n2021年13月45日\n人才是第一资源。\n".utf8).write(to: folder.appendingPathComponent("in/a.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [in]\nkeywords: [人才]\noutput: out\nhistory: true\nanalysis: {stopwords: none}\n", in: folder)
        let warning = "cipin: warning: \(folder.path)/in/a.txt:2: \"2021年13月45日\" reads as a date, but there is no month 13"
        let first = try CLI.cipin(["run", pipeline.path])
        #expect(first.status == 0 && first.stderr.hasPrefix(warning), "\(first.stderr)")
        let second = try CLI.cipin(["run", pipeline.path])
        #expect(second.status == 0 && second.stderr.hasPrefix(warning), "\(second.stderr)")
        #expect(second.stdout.contains("1 unchanged file(s) reused"), "\(second.stdout)")
        // Renamed, the stored note speaks of the new path.
        try FileManager.default.moveItem(at: folder.appendingPathComponent("in/a.txt"), to: folder.appendingPathComponent("in/b.txt"))
        let renamed = try CLI.cipin(["run", pipeline.path])
        #expect(renamed.stderr.hasPrefix("cipin: warning: \(folder.path)/in/b.txt:2: "), "\(renamed.stderr)")
        let full = try CLI.cipin(["run", "--full", pipeline.path, "--output", folder.appendingPathComponent("full").path])
        #expect(full.status == 0)
        func problems(_ report: URL) throws -> String {
            let xml = try CLI.reportText(report, encoding: .utf8)
            return xml.components(separatedBy: "reads as a date").count > 1 ? "warned" : "silent"
        }
        #expect(try problems(folder.appendingPathComponent("out/latest/report.xml")) == "warned")
        #expect(try problems(folder.appendingPathComponent("full/latest/report.xml")) == "warned")
    }

    /// News reports whose dateline gives the day without the year are dated by the year of their
    /// folders (documents.csv, trends, the overview says how many); a file moved into a dated
    /// folder, reused from the run store, is dated by its new path.
    @Test func newsDatelinesAreDatedByTheirFolders() throws {
        let folder = try CLI.temporaryFolder()
        let reports = "全省春耕生产有序推进\n\n本报南京3月6日电 记者 赵六 连日来，全省人才工作扎实推进，基层干部深入田间。\n"
        let other = "浙江推进县域人才工作\n\n本报杭州2月28日电（记者 钱七）浙江各地深化人才发展体制机制改革，基层人才队伍不断壮大。\n"
        for (path, text) in [("in/2023/03/07/要闻.txt", reports), ("in/misc/综述.txt", other)] {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let pipeline = try CLI.pipeline("""
            name: t
            inputs: [in]
            keywords: [人才, 基层]
            output: out
            history: true
            """, in: folder)
        func dates() throws -> [String: String] {
            let csv = try String(contentsOf: folder.appendingPathComponent("out/latest/documents.csv"), encoding: .utf8)
            var byTitle: [String: String] = [:]
            for line in csv.split(separator: "\r\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                byTitle[fields[1]] = fields[5]
            }
            return byTitle
        }
        let first = try CLI.cipin(["run", pipeline.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try dates() == ["全省春耕生产有序推进": "2023-03-06", "浙江推进县域人才工作": ""])
        let xml = try CLI.reportText(folder.appendingPathComponent("out/latest/report.xml"), encoding: .utf8)
        #expect(xml.contains("1 news report(s) dated by their dateline's day (3月5日) in the year of their file's path"))
        #expect(xml.contains("1 news report(s) have a dateline's day but no year, so no date"))
        // Moved into a dated folder: reused from the store (not read again), dated by its new path.
        let moved = folder.appendingPathComponent("in/2023/03/07/综述.txt")
        try FileManager.default.moveItem(at: folder.appendingPathComponent("in/misc/综述.txt"), to: moved)
        let second = try CLI.cipin(["run", pipeline.path])
        #expect(second.status == 0 && second.stdout.contains("2 unchanged file(s) reused"), "\(second.stdout)")
        #expect(try dates() == ["全省春耕生产有序推进": "2023-03-06", "浙江推进县域人才工作": "2023-02-28"])
        let trends = try String(contentsOf: folder.appendingPathComponent("out/latest/trends.csv"), encoding: .utf8)
        #expect(trends.contains("\r\n2023-02,人才,") && trends.contains("\r\n2023-03,人才,") && !trends.contains("(none)"))
    }

    /// Keywords found nowhere, or never as a whole word, are said (every word-based table shows 0 for them).
    @Test func keywordsThatAreNoWordAreWarned() throws {
        let folder = try CLI.temporaryFolder()
        let pipeline = try CLI.pipeline("""
            name: t
            inputs: [\(CLI.seedFolder.path)]
            keywords: [人才, 新质生产力]
            keyword_sets: {引才: [双招双引, 人才]}
            output: out
            analysis: {stopwords: none}
            """, in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "cipin: warning: keyword(s) found nowhere in the corpus: 新质生产力; check their spelling")
        #expect(lines.contains { $0.hasPrefix("cipin: warning: keyword 双招双引 (of the keyword set 引才) occurs 3 time(s) but never as a whole word") })
        #expect(!lines.contains { $0.contains("keyword 人才 ") })
        // 人才 and the set 引才 share 人才: every sentence with 人才 holds both, as the report says.
        let xml = try CLI.reportText(folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(xml.contains("so their pair's joint count includes every unit holding one: 人才 and 引才 share 人才."))
        // 新质生产力 is in no unit: the co-occurrence section says so and why (found nowhere, not "never a
        // whole word", which it said until the twenty-sixth session), lest its 0 and −∞ read as avoidance.
        #expect(xml.contains(" 新质生产力 is found nowhere in the corpus, so it is in no unit: its rows "
                             + "show 0 and measures that are undefined (NaN), −∞, or the values of no co-occurrence at all (NPMI −1, G² 0, "
                             + "Dice 0), which say nothing of how the words go together."))
        // The collocates section says why a keyword has no rows; the keywords section why a keyword's word counts are 0.
        #expect(xml.contains("collocates.csv has them all, those found less often too. 新质生产力 is found nowhere in the corpus.</para>"))
        #expect(!xml.contains("occur in the text but never as a whole word") && !xml.contains("occurs in the text but never as a whole word"))
        #expect(!xml.contains("人才 is found nowhere") && !xml.contains("引才 is found nowhere") && !xml.contains("is never a whole word"))
        let pair = try CLI.python("""
            import csv, sys
            for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')):
                if r['scope'] == 'sentence' and (r['word_a'], r['word_b'], r['keyword_pair']) == ('人才', '引才', 'yes'): print(r['joint'] == r['freq_a'], int(r['joint']) > 0)
            """, [folder.appendingPathComponent("out/cooccurrence.csv").path])
        #expect(pair.stdout == "True True\n", "\(pair.stderr)")
        // With the domain dictionary, 双招双引 is a word: no warning about it.
        let withDictionary = try CLI.pipeline("""
            name: t
            inputs: [\(CLI.seedFolder.path)]
            keywords: [人才]
            keyword_sets: {引才: [双招双引, 人才]}
            output: out
            segmentation: {user_dicts: [\(CLI.repository.path)/Pipelines/dicts/party-building.txt]}
            analysis: {stopwords: none}
            """, in: folder, name: "d.yaml")
        let clean = try CLI.cipin(["run", withDictionary.path])
        #expect(clean.status == 0 && clean.stderr == "", "\(clean.stderr)")
        // A keyword spelt like a set's name (the set meant) is told apart from a misspelt word.
        let likeSet = try CLI.pipeline("""
            name: t
            inputs: [\(CLI.seedFolder.path)]
            keywords: [人才, 引材工作, 引材]
            keyword_sets: {引才工作: [双招双引, 人才], 引才: [双招双引]}
            output: out
            segmentation: {user_dicts: [\(CLI.repository.path)/Pipelines/dicts/party-building.txt]}
            analysis: {stopwords: none}
            """, in: folder, name: "s.yaml")
        let said = try CLI.cipin(["run", likeSet.path])
        // (Names of three characters or more: two-character words one character apart, 引材 and 引才, are mostly other words.)
        #expect(said.stderr.hasPrefix("cipin: warning: keyword(s) found nowhere in the corpus: 引材工作、引材; check their spelling (引材工作 is "
                                      + "spelt like the keyword set 引才工作: a set is counted under its own name, from `keyword_sets`, and is "
                                      + "not listed in `keywords`)"), "\(said.stderr)")
    }

    /// Inputs without a word: said so, not "keyword found nowhere; check their spelling".
    @Test func inputsWithoutTextAreSaidSo() throws {
        let folder = try CLI.temporaryFolder()
        try Data().write(to: folder.appendingPathComponent("a.txt"))
        try Data(" \n\u{3000}\n".utf8).write(to: folder.appendingPathComponent("b.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [a.txt, b.txt]\nkeywords: [人才]\noutput: out\nanalysis: {stopwords: none}\n", in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("cipin: warning: the inputs hold no text: the 2 article(s) read are empty or only white space, "
                                       + "so nothing was counted; check that `inputs` names the files meant\n"), "\(result.stderr)")
        #expect(!result.stderr.contains("found nowhere"))
    }

    @Test func settingsTheCorpusDoesNotFitAreWarnings() throws {
        let (folder, _) = try OutputFolderTests.corpus()
        let pipeline = try CLI.pipeline("""
            name: t
            inputs: [a.txt, b.txt]
            keywords: [人才]
            output: out
            analysis:
              groups: [reigon]
              keyness: {by: author, target: 王六}
            """, in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").map(String.init)
        #expect(warnings.contains("cipin: warning: `analysis.groups` names the field `reigon`, which no article has (did you mean `region`?), "
                                  + "so its rows are all (none); the fields with values: author, month, year, date, title, position, byline, file"))
        #expect(warnings.contains("cipin: warning: `analysis.keyness.target` is 王六, which no article has as its author (did you mean 王五?); "
                                  + "the author values: 李四, 王五"))
        #expect(warnings.contains { $0.hasPrefix("cipin: warning: no stop-word list: \(folder.path)/dicts/stopwords.txt is not there") })
        let xml = try CLI.reportText(folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(xml.contains("Keyness compared nothing: <literal>analysis.keyness.target</literal> is 王六") || xml.contains("Keyness compared nothing: `analysis.keyness.target` is 王六"))
        #expect(xml.contains("did you mean `region`?") || xml.contains("did you mean <literal>region</literal>?"))
        // A slip of `rest`, the reference of every other group, is guessed too.
        let rest = try CLI.pipeline("name: t\ninputs: [a.txt, b.txt]\nkeywords: [人才]\noutput: out\n"
            + "analysis:\n  keyness: {by: author, target: 王五, reference: rset}\n", in: folder, name: "rest.yaml")
        let restResult = try CLI.cipin(["run", rest.path])
        #expect(restResult.stderr.contains("cipin: warning: `analysis.keyness.reference` is rset, which no article has as its author "
                                           + "(did you mean rest?)"), "\(restResult.stderr)")
    }
}

/// The analysis options the README documents reach the analyses.
@Suite("Analysis options")
struct AnalysisOptionTests {
    @Test func documentedOptionsChangeWhatTheyShould() throws {
        let folder = try CLI.temporaryFolder()
        try Data("一文\n2021年1月1日\n人才工作很重要。人才培养要加强。\n\n二文\n2021年3月1日\n干部队伍和人才队伍。人才是第一资源。\n".utf8)
            .write(to: folder.appendingPathComponent("x.txt"))
        let pipeline = try CLI.pipeline("""
            name: t
            inputs: [\(CLI.seedFolder.path), x.txt]
            keywords: [人才, 干部]
            output: out
            analysis:
              stopwords: \(CLI.repository.path)/Pipelines/dicts/stopwords.txt
              cooccurrence: {boundary: article}
              collocates: {left: 3, right: 0, boundary: paragraph, min_joint: 2, min_frequency: 4}
              keyness: {by: region, bonferroni: false, simple_maths_k: 10, alpha: 0.01, csv_rows: all}
              trends: {fill_gaps: true}
              concordance: {sample: 3}
            report_rows: 40
            """, in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let out = folder.appendingPathComponent("out").path
        let check = try CLI.python("""
            import csv, sys
            def rows(name): return list(csv.DictReader(open(sys.argv[1] + '/' + name, encoding='utf-8-sig', newline='')))
            col = rows('collocates.csv')
            print('collocates', len(col) > 0, all(r['right'] == '0' for r in col), all(int(r['freq_collocate']) >= 4 for r in col),
                  all(int(r['joint']) >= 2 for r in col))
            key = rows('keyness.csv')
            bad = 0
            for r in key:
                a, b, c, d = int(r['freq_target']), int(r['freq_reference']), int(r['size_target']), int(r['size_reference'])
                sm = (a / c * 1e6 + 10) / (b / d * 1e6 + 10)
                if abs(float(r['simple_maths']) - sm) > 1e-9 * sm: bad += 1
                if (r['significant'] == 'yes') != (float(r['p_value']) < 0.01): bad += 1
            print('keyness', len(key) > 0, bad)
            months = sorted({r['bucket'] for r in rows('trends.csv')} - {'(none)'})
            print('trends', months[:4])
            """, [out])
        #expect(check.stdout == "collocates True True True True\nkeyness True 0\ntrends ['2021-01', '2021-02', '2021-03', '2021-04']\n", "\(check.stderr)")
        let xml = try CLI.reportText(folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(xml.contains("±5 tokens, within an article"))
        #expect(xml.contains("L3–R0 tokens, within a paragraph"))
        #expect(xml.contains("without Bonferroni correction, simple maths k = 10.0"))
        // The sections' own descriptions say the same settings.
        #expect(xml.contains("Words within 3 words to the left and 0 to the right of each keyword (L3–R0) in its paragraph,"))
        #expect(xml.contains("or a window of ±5 words around every word, within its article)"))
        #expect(xml.contains("simple maths (Kilgarriff 2009, k = 10). A word is significant when p is below α = 0.01 "
                             + "(no correction for the number of words tested)."))
        #expect(!xml.contains("divided by the number of words tested"))
        #expect(xml.contains("words tested, p below 0.01)"))
        // The Method section lists every setting as used, those only the report reads too.
        for (setting, value) in [("analysis.trends.fill_gaps", "true: empty buckets"), ("analysis.concordance.sample", "3 lines per keyword"),
                                 ("report_rows", "40"), ("csv_encoding", "utf-8-bom"), ("analysis.keyness.top", "20 words each way")] {
            #expect(xml.contains("<entry>\(setting)</entry>\n            <entry>\(value)"), "\(setting)")
        }
    }
}

/// A scheduled run's comparison with the previous run tells changes of settings from changes of the corpus.
@Suite("Run against run, settings changed")
struct RunComparisonSettingsTests {
    @Test func keywordsNotCountedOrRedefinedThenAreNotCompared() throws {
        let folder = try CLI.temporaryFolder()
        let url = folder.appendingPathComponent("p.yaml")
        func write(_ keywords: String, _ extra: String = "") throws {
            try Data("name: t\ninputs: [\(CLI.seedFolder.path)]\nkeywords: \(keywords)\noutput: out\nhistory: true\n\(extra)".utf8).write(to: url)
        }
        func rates() throws -> String {
            try CLI.python("""
                import csv, sys
                print(sorted(r['keyword'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))))
                """, [folder.appendingPathComponent("out/latest/run_rates.csv").path]).stdout
        }
        func report() throws -> String { try String(contentsOf: folder.appendingPathComponent("out/latest/report.xml"), encoding: .utf8) }
        try write("[人才]", "keyword_sets: {科技类: [科技]}\n")
        #expect(try CLI.cipin(["run", url.path]).status == 0)
        // A keyword added, the corpus unchanged: 创新 is not compared (it would read 0 → 32 per 10,000).
        try write("[人才, 创新]", "keyword_sets: {科技类: [科技]}\n")
        #expect(try CLI.cipin(["run", url.path]).status == 0)
        #expect(try rates() == "['人才', '科技类']\n")
        #expect(try report().contains("Not counted in run 1, so not compared: 创新."))
        // A set given other words: not compared, and said with both definitions.
        try write("[人才, 创新]", "keyword_sets: {科技类: [科技, 创新]}\n")
        #expect(try CLI.cipin(["run", url.path]).status == 0)
        #expect(try rates() == "['人才', '创新']\n")
        #expect(try report().contains("Counted with other words in run 2, so not compared: 科技类 (then 科技, now 创新、科技)."))
        #expect(try !report().contains("the segmentation or the term filters changed"))
        // Stop words off: the same keywords compared, and no note: both runs' words are filtered
        // with today's stop words, so nothing compared changes with them.
        try write("[人才, 创新]", "keyword_sets: {科技类: [科技, 创新]}\nanalysis: {stopwords: none}\n")
        #expect(try CLI.cipin(["run", url.path]).status == 0)
        #expect(try rates() == "['人才', '创新', '科技类']\n")
        #expect(try !report().contains("changed since run 3"))
        // compare --runs leaves out what one of the two runs did not count.
        let compared = try CLI.cipin(["compare", url.path, "--runs", "4", "1", "--output", folder.appendingPathComponent("c").path])
        #expect(compared.status == 0, "\(compared.stderr)")
        let pairs = try CLI.python("""
            import csv, sys
            print(sorted(r['keyword'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))))
            """, [folder.appendingPathComponent("c/compare_rates.csv").path])
        #expect(pairs.stdout == "['人才']\n")
        let comparedXML = try String(contentsOf: folder.appendingPathComponent("c/report.xml"), encoding: .utf8)
        #expect(comparedXML.contains("not compared, as a run did not count them or counted them with other words: 创新、科技类"))
        // The runs' own keywords are compared, not only those the pipeline lists now: runs 3 and 4
        // counted all three; a keyword listed now that neither counted is named as not compared.
        try write("[人才, 基层]")
        let older = try CLI.cipin(["compare", url.path, "--runs", "3", "4", "--output", folder.appendingPathComponent("c2").path])
        #expect(older.status == 0, "\(older.stderr)")
        let both = try CLI.python("""
            import csv, sys
            print([r['keyword'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))])
            """, [folder.appendingPathComponent("c2/compare_rates.csv").path])
        #expect(both.stdout == "['人才', '创新', '科技类']\n")
        let olderXML = try String(contentsOf: folder.appendingPathComponent("c2/report.xml"), encoding: .utf8)
        #expect(olderXML.contains("not compared, as a run did not count them or counted them with other words: 基层"))
        #expect(!olderXML.contains("their settings differ"))
        // A user dictionary added: the segmentation changed, and the next run says so.
        try Data("人才工作 10 n\n".utf8).write(to: folder.appendingPathComponent("u.txt"))
        try write("[人才, 创新]", "keyword_sets: {科技类: [科技, 创新]}\nanalysis: {stopwords: none}\nsegmentation: {user_dicts: [u.txt]}\n")
        #expect(try CLI.cipin(["run", url.path]).status == 0)
        #expect(try report().contains("The reading or the segmentation changed since run 4 (the encoding or layout, the model, or a "
                                      + "dictionary or its content)"))
        // Runs stored before the reading's own key (the seventeenth session) have only the key that
        // covers the filters too: their stop-word change is said to mix, to be safe.
        let store = folder.appendingPathComponent("out/cipin.sqlite").path
        let stripped = try CLI.python("""
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for run, method in db.execute('SELECT id, method FROM run WHERE id IN (3, 4)').fetchall():
                m = json.loads(method); del m['reading']
                db.execute('UPDATE run SET method = ? WHERE id = ?', (json.dumps(m), run))
            db.commit()
            """, [store])
        #expect(stripped.status == 0, "\(stripped.stderr)")
        let old = try CLI.cipin(["compare", url.path, "--runs", "3", "4", "--output", folder.appendingPathComponent("c3").path])
        #expect(old.status == 0, "\(old.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("c3/report.xml"), encoding: .utf8).contains("their settings differ"))
    }
}

/// Sidecar columns named like the built-in fields give those fields.
@Suite("Sidecar built-in fields")
struct SidecarBuiltInFieldTests {
    @Test func regionDateAndAuthorFromASidecar() throws {
        let (folder, pipeline) = try CLI.sidecarCorpus(
            sidecar: "meta.csv",
            metadata: "file,region,date,author,source\na.txt,南京市,2021-03-05,张三,报\nb.txt,苏州市,2021年4月1日,李四,刊\nb.txt,苏州市,2021-04,李四,刊\n",
            analysis: "groups: [region, month, author]")
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("meta.csv: \"b.txt\" has rows on lines 3, 4; the later rows' values win"))
        let check = try CLI.python("""
            import csv, sys
            def rows(name): return list(csv.reader(open(sys.argv[1] + '/' + name, encoding='utf-8-sig', newline='')))
            docs = rows('documents.csv')
            head = docs[0]
            print(head.count('region'), head.count('date'), 'source' in head)
            print(sorted((r[head.index('region')], r[head.index('date')], r[head.index('author')]) for r in docs[1:]))
            groups = rows('keyword_groups.csv')
            print(sorted({(r[0], r[1]) for r in groups[1:] if r[3] == ''}))
            print(sorted({r[0] for r in rows('trends.csv')[1:]}))
            """, [folder.appendingPathComponent("out").path])
        #expect(check.stdout == """
            1 1 True
            [('南京市', '2021-03-05', '张三'), ('苏州市', '2021-04', '李四')]
            [('author', '张三'), ('author', '李四'), ('month', '2021-03'), ('month', '2021-04'), ('region', '南京市'), ('region', '苏州市')]
            ['2021-03', '2021-04']

            """, "\(check.stderr)")
        // The report's Articles table sets the sidecar's own column apart; documents.csv keeps its name.
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(report.contains("<entry>source (metadata file)</entry>"))
        #expect(report.contains("The last column, source, comes from the pipeline's metadata files (`metadata`), not from the articles' text."))
        let compare = try CLI.cipin(["compare", pipeline.path, "--by", "region", "--output", folder.appendingPathComponent("c").path])
        #expect(compare.status == 0, "\(compare.stderr)")
        // A date that is none, or a column named twice, is refused at its line.
        try Data("file,date\na.txt,2021-13-01\n".utf8).write(to: folder.appendingPathComponent("meta.csv"))
        let bad = try CLI.cipin(["run", pipeline.path])
        #expect(bad.status == 65 && bad.stderr.contains("meta.csv:2: `date` is \"2021-13-01\", which is not a date"), "\(bad.stderr)")
        try Data("file,group,group\na.txt,x,y\n".utf8).write(to: folder.appendingPathComponent("meta.csv"))
        let twice = try CLI.cipin(["run", pipeline.path])
        #expect(twice.status == 65 && twice.stderr.contains("meta.csv:1: the column `group` is named twice"), "\(twice.stderr)")
    }

    /// A sidecar's negative numbers reach documents.csv and keyword_groups.csv as numbers, not as
    /// text behind a formula guard; a sidecar value that is a formula is still guarded.
    @Test func negativeSidecarNumbersStayNumbers() throws {
        let (folder, pipeline) = try CLI.sidecarCorpus(sidecar: "meta.jsonl", metadata: #"""
            {"file":"a.txt","score":-5.5,"lon":-122.4,"note":"=1+1"}
            {"file":"b.txt","score":3,"lon":116.4,"note":"-A1"}

            """#, analysis: "groups: [score]")
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let check = try CLI.python("""
            import csv, sys
            def rows(name): return list(csv.DictReader(open(sys.argv[1] + '/' + name, encoding='utf-8-sig', newline='')))
            docs = sorted(rows('documents.csv'), key=lambda r: r['file'])
            print([(r['score'], r['lon'], r['note']) for r in docs])
            print([float(r['lon']) for r in docs])
            print(sorted({r['group'] for r in rows('keyword_groups.csv') if r['field'] == 'score'}))
            """, [folder.appendingPathComponent("out").path])
        #expect(check.stdout == """
            [('-5.5', '-122.4', "'=1+1"), ('3', '116.4', "'-A1")]
            [-122.4, 116.4]
            ['-5.5', '3']

            """, "\(check.stderr)")
    }

    /// A JSON Lines sidecar's numbers reach documents.csv as written (JSONDecoder gave
    /// `1.2345678901234567e+19` and `1000`), its columns in the file's order, not sorted.
    @Test func jsonLinesValuesReachDocumentsCSVAsWritten() throws {
        let (folder, pipeline) = try CLI.sidecarCorpus(sidecar: "meta.jsonl", metadata: #"""
            {"file":"a.txt","n":12345678901234567890,"e":1e3,"kind":null,"source":"报","flag":true}
            {"file":"b.txt","n":1.50,"e":null,"source":"\u520a","extra":"x"}

            """#, analysis: "groups: [n]")
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let check = try CLI.python("""
            import csv, sys
            docs = list(csv.reader(open(sys.argv[1] + '/documents.csv', encoding='utf-8-sig', newline='')))
            print(docs[0][-6:])
            for row in sorted(docs[1:], key=lambda r: r[docs[0].index('file')]): print(row[-6:])
            groups = list(csv.DictReader(open(sys.argv[1] + '/keyword_groups.csv', encoding='utf-8-sig', newline='')))
            print(sorted({r['group'] for r in groups if r['field'] == 'n'}))
            """, [folder.appendingPathComponent("out").path])
        // `kind` is null on every line: its column is there all the same, empty, as a CSV sidecar's
        // empty column is.
        #expect(check.stdout == """
            ['n', 'e', 'kind', 'source', 'flag', 'extra']
            ['12345678901234567890', '1e3', '', '报', 'true', '']
            ['1.50', '', '', '刊', '', 'x']
            ['1.50', '12345678901234567890']

            """, "\(check.stderr)")
    }

    /// A sidecar column named like one documents.csv computes (which it then showed twice) or
    /// like `month` (which groups took from the date instead) stops the run, naming them all at
    /// the sidecar's line 1 with the way out.
    @Test func collidingColumnsStopTheRun() throws {
        let (folder, pipeline) = try CLI.sidecarCorpus(sidecar: "meta.csv", metadata: "file,tokens,characters,line,month\na.txt,1,2,3,2021-01\n",
                                                       analysis: "groups: [month]")
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 65)
        #expect(result.stderr == "cipin: error: \(folder.appendingPathComponent("meta.csv").path):1: the columns `tokens`, `characters` "
                + "and `line` are ones Cipin computes for documents.csv; rename them, e.g. `tokens` to `tokens_given`; the column `month` "
                + "is one Cipin takes from each article's date, for groups and trends; give the date in a `date` column (2021-11 dates "
                + "an article to its month), or rename it, e.g. to `month_given`\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/documents.csv").path))
    }
}

/// An article of a file that changed is "changed" (or "same text") in the run comparison, not new and removed.
@Suite("Run against run, articles")
struct RunComparisonArticleTests {
    @Test func articlesOfAChangedFileAreMatchedByFileAndTitle() throws {
        let folder = try CLI.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("in"), withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("in/a.txt")
        func write(_ second: String) throws {
            try Data("第一篇\n（县委书记 王五）\n2021年1月1日\n人才是第一资源。\n\n第二篇\n（市长 李四）\n2021年2月1日\n\(second)\n".utf8).write(to: file)
        }
        try write("基层干部队伍建设。")
        try Data("另一篇\n\n人才工作。\n".utf8).write(to: folder.appendingPathComponent("in/b.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [in]\nkeywords: [人才]\noutput: out\nhistory: true\nanalysis: {stopwords: none}\n", in: folder)
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        try write("基层干部队伍建设和人才工作都很重要。")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("in/b.txt"))
        try Data("新文\n\n人才。\n".utf8).write(to: folder.appendingPathComponent("in/c.txt"))
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        let changes = try CLI.python("""
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
            print(sorted((r['title'], r['change'].split(' (was')[0]) for r in rows))
            """, [folder.appendingPathComponent("out/latest/run_articles.csv").path])
        #expect(changes.stdout == "[('另一篇', 'removed'), ('新文', 'new'), ('第一篇', 'unchanged, its file changed'), ('第二篇', 'changed')]\n",
                "\(changes.stderr)")
        let xml = try CLI.reportText(folder.appendingPathComponent("out/latest/report.xml"), encoding: .utf8)
        #expect(xml.contains("1 new, 1 changed and 1 removed article(s) (and 1 unchanged in changed files)"))
        // `compare --runs 1 2` lists the same changes as run 2's section, and says that stored runs
        // keep no co-occurrence counts instead of showing an empty table.
        let compared = try CLI.cipin(["compare", pipeline.path, "--runs", "1", "2", "--output", folder.appendingPathComponent("c").path])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("c/compare_articles.csv"))
                == Data(contentsOf: folder.appendingPathComponent("out/latest/run_articles.csv")))
        let comparedXML = try String(contentsOf: folder.appendingPathComponent("c/report.xml"), encoding: .utf8)
        #expect(comparedXML.contains("From run 1 to run 2: 1 new, 1 changed and 1 removed article(s) (and 1 unchanged in changed files)."))
        #expect(comparedXML.contains("Not compared: the run store keeps each run's word and keyword counts, not its co-occurrence"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("c/compare_cooccurrence.csv").path))
        #expect(try CLI.xmllintErrors(folder.appendingPathComponent("c/report.xml")) == nil)
        // An edit that keeps the length (活力 → 动力 style): still changed, by its body's hash.
        try write("基层干部队伍建设和人才工作都很必要。")
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        let again = try CLI.python("""
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
            print(sorted((r['title'], r['change'].split(' (was')[0]) for r in rows))
            """, [folder.appendingPathComponent("out/latest/run_articles.csv").path])
        #expect(again.stdout == "[('第一篇', 'unchanged, its file changed'), ('第二篇', 'changed')]\n", "\(again.stderr)")
    }
}

extension RunComparisonArticleTests {
    /// A file skipped this run (`on_error: skip`) has its articles "not read", not "removed".
    @Test func articlesOfASkippedFileAreNotRemoved() throws {
        let folder = try CLI.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("in"), withIntermediateDirectories: true)
        try Data("一文\n\n人才工作。\n".utf8).write(to: folder.appendingPathComponent("in/a.txt"))
        try Data("二文\n\n人才队伍。\n".utf8).write(to: folder.appendingPathComponent("in/b.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [in]\nkeywords: [人才]\noutput: out\nhistory: true\non_error: skip\nanalysis: {stopwords: none}\n",
                                        in: folder)
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        try Data([0x47, 0x49, 0x46, 0x00, 0x01]).write(to: folder.appendingPathComponent("in/b.txt"))
        #expect(try CLI.cipin(["run", pipeline.path]).status == 3)
        let rows = try CLI.python("""
            import csv, sys
            print([(r['title'], r['change']) for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))])
            """, [folder.appendingPathComponent("out/latest/run_articles.csv").path])
        #expect(rows.stdout == "[('二文', 'not read: its file was skipped this run')]\n", "\(rows.stderr)")
        let xml = try CLI.reportText(folder.appendingPathComponent("out/latest/report.xml"), encoding: .utf8)
        #expect(xml.contains("0 new, 0 changed and 0 removed article(s) (and 1 not read, their files skipped this run)"))
        #expect(xml.contains("This run skipped 1 file(s) (skipped.csv). Their articles are listed as not read, and this run's rates, terms "
                             + "and keyness count without them: a change there may be the skipped files' words, not the corpus's."))
    }

    /// Copies of one file number their articles `-dup2`, … in file order. When the first copy
    /// changes, its article is changed (was the plain id) and the other copy's article takes the
    /// plain id: renumbered, not one article new and another removed. A copy that goes is removed;
    /// a copy renamed is unchanged.
    @Test func copiesThatChangeAreMatchedNotNewAndRemoved() throws {
        let folder = try CLI.temporaryFolder()
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let text = "一文\n\n人才工作。\n"
        for name in ["a.txt", "b.txt", "c.txt"] { try Data(text.utf8).write(to: input.appendingPathComponent(name)) }
        try Data("二文\n\n干部队伍。\n".utf8).write(to: input.appendingPathComponent("d.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [in]\nkeywords: [人才]\noutput: out\nhistory: true\nanalysis: {stopwords: none}\n",
                                        in: folder)
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        func changes() throws -> String {
            try CLI.python("""
                import csv, sys
                print([(r['id'], r['change']) for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))])
                """, [folder.appendingPathComponent("out/latest/run_articles.csv").path]).stdout
        }
        func ids() throws -> [String: String] {
            let rows = try CLI.python("""
                import csv, sys
                for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')): print(r['file'].rsplit('/', 1)[1], r['id'])
                """, [folder.appendingPathComponent("out/latest/documents.csv").path]).stdout
            return Dictionary(uniqueKeysWithValues: rows.split(separator: "\n").map { line in
                let parts = line.split(separator: " ")
                return (String(parts[0]), String(parts[1]))
            })
        }
        let first = try ids()
        #expect(first["b.txt"] == first["a.txt"].map { $0 + "-dup2" } && first["c.txt"] == first["a.txt"].map { $0 + "-dup3" })
        // a.txt changes: b.txt's article becomes the plain id, c.txt's -dup2.
        try Data("一文\n\n人才工作很重要。\n".utf8).write(to: input.appendingPathComponent("a.txt"))
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        let second = try ids()
        let plain = first["a.txt"] ?? "?"
        #expect(second["b.txt"] == plain && second["c.txt"] == plain + "-dup2")
        #expect(try changes() == "[('\(second["a.txt"] ?? "?")', 'changed (was \(plain))'), "
                + "('\(plain)', 'unchanged, renumbered among copies of its file (was \(plain)-dup2)'), "
                + "('\(plain)-dup2', 'unchanged, renumbered among copies of its file (was \(plain)-dup3)')]\n")
        let xml = try CLI.reportText(folder.appendingPathComponent("out/latest/report.xml"), encoding: .utf8)
        #expect(xml.contains("0 new, 1 changed and 0 removed article(s) (and 2 unchanged but renumbered, as a copy of their file came or went)"))
        // b.txt goes (its article had the plain id; c.txt's takes it) and d.txt is renamed.
        try FileManager.default.removeItem(at: input.appendingPathComponent("b.txt"))
        try FileManager.default.moveItem(at: input.appendingPathComponent("d.txt"), to: input.appendingPathComponent("e.txt"))
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        #expect(try ids()["c.txt"] == plain)
        #expect(try changes() == "[('\(plain)', 'unchanged, renumbered among copies of its file (was \(plain)-dup2)'), "
                + "('\(plain)', 'removed')]\n")
    }
}

/// An unattended run is not stopped for good by a damaged run store.
@Suite("Damaged run store")
struct DamagedStoreTests {
    @Test func aDamagedStoreIsMovedAsideAndANewOneStarted() throws {
        let (folder, _) = try OutputFolderTests.corpus()
        let pipeline = try CLI.pipeline("name: t\ninputs: [a.txt, b.txt]\nkeywords: [人才]\noutput: out\nhistory: true\nanalysis: {stopwords: none}\n",
                                        in: folder)
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        let store = folder.appendingPathComponent("out/cipin.sqlite")
        let bytes = try Data(contentsOf: store)
        for damage in [bytes.prefix(bytes.count / 2), Data(repeating: 0x41, count: 8192)] {
            try damage.write(to: store)
            // `history` says what is wrong and what to do; it moves nothing.
            let history = try CLI.cipin(["history", pipeline.path])
            #expect(history.status == 73 && history.stderr.contains("the store is damaged: `cipin run` moves it aside"),
                    "\(history.stderr)")
            let run = try CLI.cipin(["run", pipeline.path])
            #expect(run.status == 0, "\(run.stderr)")
            // Said as the command line's warnings are, not in the log's format.
            #expect(run.stderr.hasPrefix("cipin: warning: the run store \(store.path) is damaged (")
                    && run.stderr.contains("it was moved to \(store.path).damaged-"), "\(run.stderr)")
            #expect(run.stdout.contains("2 file(s) read"), "\(run.stdout)")
            let aside = try FileManager.default.contentsOfDirectory(atPath: store.deletingLastPathComponent().path)
                .filter { $0.hasPrefix("cipin.sqlite.damaged-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
            #expect(!aside.isEmpty)
            for name in aside { try FileManager.default.removeItem(at: store.deletingLastPathComponent().appendingPathComponent(name)) }
            // The new store has this run; the next run compares with it.
            #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
            #expect(try String(contentsOf: folder.appendingPathComponent("out/latest/report.xml"), encoding: .utf8).contains("since run 1"))
        }
    }

    /// Damage in a table the opening check does not read fails that run; the store is then moved
    /// aside, so the next run goes on.
    @Test func damageFoundMidRunIsRecoveredByTheNextRun() throws {
        let (folder, _) = try OutputFolderTests.corpus()
        let pipeline = try CLI.pipeline("name: t\ninputs: [a.txt, b.txt]\nkeywords: [人才]\noutput: out\nhistory: true\nanalysis: {stopwords: none}\n",
                                        in: folder)
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        let store = folder.appendingPathComponent("out/cipin.sqlite").path
        let damage = try CLI.python("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            page = db.execute("PRAGMA page_size").fetchone()[0]
            root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'file_cache'").fetchone()[0]
            db.close()
            with open(sys.argv[1], 'r+b') as f:
                f.seek((root - 1) * page); f.write(b'\\xff' * page)
            """, [store])
        #expect(damage.status == 0, "\(damage.stderr)")
        try Data("丙文\n\n人才。\n".utf8).write(to: folder.appendingPathComponent("c.txt"))
        try Data("name: t\ninputs: [a.txt, b.txt, c.txt]\nkeywords: [人才]\noutput: out\nhistory: true\nanalysis: {stopwords: none}\n".utf8)
            .write(to: pipeline)
        let failed = try CLI.cipin(["run", pipeline.path])
        #expect(failed.status == 73 && failed.stderr.contains("damaged"), "\(failed.stderr)")
        let next = try CLI.cipin(["run", pipeline.path])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("3 file(s) read and segmented"))
    }

    /// A `store` that names a file that is no run store is refused, and the file left alone.
    @Test func aStoreThatIsSomeOtherFileIsNeverMoved() throws {
        let (folder, _) = try OutputFolderTests.corpus()
        let notes = folder.appendingPathComponent("notes.txt")
        try Data("my notes\n".utf8).write(to: notes)
        let pipeline = try CLI.pipeline("name: t\ninputs: [a.txt]\nkeywords: [人才]\noutput: out\nhistory: true\nstore: notes.txt\n", in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 73 && result.stderr.contains("the file is not a run store"), "\(result.stderr)")
        #expect(try Data(contentsOf: notes) == Data("my notes\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("damaged") }.isEmpty)
    }
}
