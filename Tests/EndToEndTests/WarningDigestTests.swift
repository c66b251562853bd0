import Foundation
import Testing

/// Warnings about input files are printed up to a limit, then counted; the report and the log keep them all.
@Suite struct WarningDigestTests {
    /// `count` files, each one article in Traditional characters (each earns a warning at ingest).
    static func traditionalCorpus(files count: Int) throws -> URL {
        let folder = try CLI.temporaryFolder()
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let body = String(repeating: "國家發展會議們對這個問題進行了討論，黨員幹部學習經濟報告。", count: 3)
        for index in 1...count {
            try Data("第\(index)篇\n\n\(body)\n".utf8).write(to: input.appendingPathComponent(String(format: "%03d.txt", index)))
        }
        _ = try CLI.pipeline("name: t\ninputs: [in]\nkeywords: [人才]\noutput: out\n"
                             + "analysis: {stopwords: \(CLI.repository.path)/Pipelines/dicts/stopwords.txt}\n", in: folder)
        return folder
    }

    /// A warning about an article names it as the run names it: after a rename its title taken from
    /// the file name is the new one, in a scheduled run that reuses the stored file as in a full run;
    /// a copy's warning names the copy's own id (`-dup2`).
    @Test func articleWarningsNameTheArticleAsThisRunNamesIt() throws {
        let folder = try CLI.temporaryFolder()
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        // No title line: the article's title is the file's name.
        let body = String(repeating: "國家發展會議們對這個問題進行了討論，黨員幹部學習經濟報告。", count: 3) + "\n"
        try Data(body.utf8).write(to: input.appendingPathComponent("旧名.txt"))
        try Data(body.utf8).write(to: input.appendingPathComponent("副本.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [in]\nkeywords: [人才]\noutput: out\nhistory: true\nanalysis: {stopwords: none}\n",
                                        in: folder).path
        func warnings(_ arguments: [String]) throws -> [String] {
            let result = try CLI.cipin(["run", pipeline] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            // `PATH:1: article ID (TITLE)`, the rest cut.
            return result.stderr.split(separator: "\n").filter { $0.contains(" is written in Traditional") }
                .map { $0.components(separatedBy: " is written in Traditional")[0] }
        }
        let first = try warnings([])
        #expect(first.count == 2)
        #expect(first.contains { $0.contains("/in/副本.txt:1: article ") && $0.hasSuffix("-01 (副本)") }, "\(first)")
        #expect(first.contains { $0.contains("/in/旧名.txt:1: article ") && $0.hasSuffix("-01-dup2 (旧名)") }, "\(first)")
        Thread.sleep(forTimeInterval: 1.1)
        try FileManager.default.moveItem(at: input.appendingPathComponent("旧名.txt"), to: input.appendingPathComponent("新名.txt"))
        let reused = try warnings([])
        #expect(reused.contains { $0.contains("/in/新名.txt:1: article ") && $0.hasSuffix("-01-dup2 (新名)") }, "\(reused)")
        #expect(reused == (try warnings(["--full"])))
    }

    static func fileWarnings(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("cipin: warning: ") && $0.contains("is written in Traditional characters") }
    }

    @Test func manyFileWarningsAreCountedNotListed() throws {
        let folder = try Self.traditionalCorpus(files: 13)
        let log = folder.appendingPathComponent("cipin.log")
        let result = try CLI.cipin(["run", folder.appendingPathComponent("p.yaml").path, "--log-file", log.path])
        #expect(result.status == 0, "\(result.stderr)")
        let listed = Self.fileWarnings(result.stderr)
        #expect(listed.count == 10)
        // The first ten in input order, then the count and where the others are.
        #expect(listed.first?.contains("/in/001.txt:") == true && listed.last?.contains("/in/010.txt:") == true)
        let count = "cipin: warning: 3 more warning(s) about input files, 13 in all: every one is in the Problems section of "
            + "\(folder.path)/out/report.xml and in the log file (--log-file); --all-warnings prints them here"
        #expect(result.stderr.contains(count + "\n"), "\(result.stderr)")
        // Pipeline warnings still follow (here: the keyword is nowhere).
        #expect(result.stderr.contains("cipin: warning: keyword(s) found nowhere in the corpus: 人才"))
        // The report and the log file have all thirteen.
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(report.components(separatedBy: "is written in Traditional characters").count - 1 == 13)
        let logged = try String(contentsOf: log, encoding: .utf8)
        #expect(logged.components(separatedBy: "is written in Traditional characters").count - 1 == 13)
    }

    @Test func allWarningsPrintsEveryOne() throws {
        let folder = try Self.traditionalCorpus(files: 13)
        let result = try CLI.cipin(["run", folder.appendingPathComponent("p.yaml").path, "--all-warnings"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.fileWarnings(result.stderr).count == 13)
        #expect(!result.stderr.contains("more warning(s) about input files"))
    }

    /// Up to the limit, every warning is printed as before, with no count line.
    @Test func fewWarningsAreAllPrinted() throws {
        let folder = try Self.traditionalCorpus(files: 10)
        let result = try CLI.cipin(["run", folder.appendingPathComponent("p.yaml").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.fileWarnings(result.stderr).count == 10)
        #expect(!result.stderr.contains("more warning(s) about input files"))
    }
}
