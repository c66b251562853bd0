import Foundation
import Testing
@testable import Pipeline
import Reporting
import TestSupport

/// `csv_files`: which CSV files a run writes, and that `PipelineConfig.csvFileNames` names every one Cipin can write.
@Suite(.serialized) struct CSVFilesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seed = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus/seed/000_456eef7012d4fdcb.txt")

    static func temporaryFolder() throws -> URL {
        try Scratch.folder("csv-files")
    }

    static func csvFiles(in folder: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") })
    }

    /// Scheduled runs (the second compares with the first; a binary file is skipped), a comparison
    /// of groups and one of corpora together write every file of the list, and nothing else.
    @Test func theListNamesEveryFileCipinWrites() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x47, 0x49, 0x46, 0x00, 0x01]).write(to: folder.appendingPathComponent("binary.txt"))
        let settings = "keywords: [人才, 干部, 基层]\nanalysis: {stopwords: \(Self.repository.path)/Pipelines/dicts/stopwords.txt}\n"
        let pipeline = folder.appendingPathComponent("p.yaml")
        try Data(("name: t\ninputs: [\(Self.seed.path), binary.txt]\non_error: skip\noutput: out\nhistory: true\n" + settings).utf8)
            .write(to: pipeline)
        _ = try PipelineRunner.run(pipelineAt: pipeline.path)
        let second = try PipelineRunner.run(pipelineAt: pipeline.path)
        var written = try Self.csvFiles(in: second.outputFolder)
        #expect(written.contains("run_rates.csv") && written.contains("skipped.csv"), "\(written.sorted())")
        let runs = try History.compareRuns(pipelineAt: pipeline.path, 1, 2, options: RunOptions(output: folder.appendingPathComponent("runs-compared").path))
        written.formUnion(try Self.csvFiles(in: runs.outputFolder))

        let byAuthor = try CompareRunner.compareGroups(pipelineAt: pipeline.path, by: "author",
                                                       options: RunOptions(output: folder.appendingPathComponent("groups").path))
        written.formUnion(try Self.csvFiles(in: byAuthor.outputFolder))
        let bench = Self.repository.deletingLastPathComponent().appendingPathComponent("shared/bench/provincial_gov_reports_2025")
        let reports = try FileManager.default.contentsOfDirectory(atPath: bench.path).filter { $0.hasSuffix(".txt") }.sorted().prefix(3)
        let other = folder.appendingPathComponent("other.yaml")
        try Data(("name: provinces\ninputs: [\(reports.map { bench.appendingPathComponent($0).path }.joined(separator: ", "))]\n" + settings).utf8)
            .write(to: other)
        let corpora = try CompareRunner.compareCorpora(pipelineAt: Self.seedPipeline(in: folder, settings: settings).path, against: other.path,
                                                       options: RunOptions(output: folder.appendingPathComponent("corpora").path))
        written.formUnion(try Self.csvFiles(in: corpora.outputFolder))
        let listed = Set(PipelineConfig.csvFileNames)
        #expect(written == listed, "written, not listed: \(written.subtracting(listed).sorted()); listed, not written: \(listed.subtracting(written).sorted())")
    }

    static func seedPipeline(in folder: URL, settings: String) throws -> URL {
        let url = folder.appendingPathComponent("seed.yaml")
        try Data(("name: seed\ninputs: [\(Self.seed.path)]\n" + settings).utf8).write(to: url)
        return url
    }

    /// With `csv_files`, only those CSV files are written; the report keeps every table and says which were asked for.
    @Test func onlyTheListedFilesAreWritten() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = folder.appendingPathComponent("p.yaml")
        let yaml = "name: t\ninputs: [\(Self.seed.path)]\nkeywords: [人才, 干部]\noutput: out\nreport_rows: 5\n"
        try Data((yaml + "csv_files: [keywords, Terms.csv]\n").utf8).write(to: pipeline)
        let summary = try PipelineRunner.run(pipelineAt: pipeline.path)
        #expect(try Self.csvFiles(in: summary.outputFolder) == ["keywords.csv", "terms.csv"])
        let report = try String(contentsOf: summary.reportFile, encoding: .utf8)
        #expect(report.contains("<entry>csv_files</entry>\n            <entry>keywords.csv, terms.csv</entry>"))
        // A table whose file is not written is still in the report, cut to report_rows without naming a file.
        #expect(report.contains("<title>Keywords per group (the first 5 of 26 rows)</title>"))
        #expect(report.contains("<title>Articles and their metadata (the first 5 of 11 rows)</title>"))
        #expect(!report.contains("all in documents.csv") && !report.contains("all in keyword_groups.csv"))
        // The terms file is the one a run without the setting writes.
        try Data(yaml.utf8).write(to: pipeline)
        let files = try Self.csvFiles(in: PipelineRunner.run(pipelineAt: pipeline.path, options: RunOptions(output: folder.appendingPathComponent("all").path)).outputFolder)
        #expect(files.count > 8 && files.isSuperset(of: ["keywords.csv", "terms.csv", "concordance.csv", "documents.csv"]))
        let whole = try String(contentsOf: folder.appendingPathComponent("all/report.xml"), encoding: .utf8)
        #expect(whole.contains(#"<title>Keywords per group (the first 5 of 26 rows; all in <link xlink:href="keyword_groups.csv">keyword_groups.csv</link>)</title>"#))
        #expect(whole.contains("<entry>csv_files</entry>\n            <entry>all</entry>"))
        for name in ["keywords.csv", "terms.csv"] {
            #expect(try Data(contentsOf: summary.outputFolder.appendingPathComponent(name))
                    == Data(contentsOf: folder.appendingPathComponent("all").appendingPathComponent(name)), "\(name)")
        }
        #expect(Self.namedFiles(in: whole).unwritten.isEmpty)
        // The files written are links wherever the report names them; those not written never are.
        #expect(report.contains(#"<link xlink:href="keywords.csv">keywords.csv</link>"#))
        #expect(!report.contains(#"xlink:href="cooccurrence.csv""#) && !report.contains(#"xlink:href="keyword_groups.csv""#))
        // Wherever the report names a file the run did not write, it says so; never after one written.
        let named = Self.namedFiles(in: report)
        #expect(named.written.isSuperset(of: ["keywords.csv", "terms.csv"]) && named.written.isSubset(of: ["keywords.csv", "terms.csv"]),
                "\(named.written.sorted())")
        #expect(named.unwritten.isSuperset(of: ["cooccurrence.csv", "collocates.csv", "concordance.csv", "keyness.csv", "article_keywords.csv"]),
                "\(named.unwritten.sorted())")
        let bare = named.bare.subtracting(["keywords.csv", "terms.csv"])
        #expect(bare.isEmpty, "named without the note, yet not written: \(bare.sorted())")
        // None at all: only the report, and every file it names is marked.
        try Data((yaml + "csv_files: []\n").utf8).write(to: pipeline)
        let none = try PipelineRunner.run(pipelineAt: pipeline.path)
        #expect(try Self.csvFiles(in: none.outputFolder).isEmpty)
        let noneNamed = Self.namedFiles(in: try String(contentsOf: none.reportFile, encoding: .utf8))
        #expect(noneNamed.bare.isEmpty && noneNamed.unwritten.contains("keywords.csv"), "\(noneNamed.bare.sorted())")
    }

    /// The CSV file names in `report`'s text: those followed by the note that the file was not
    /// written, and those not (`bare`; a name inside a longer one, `run_new_terms.csv`, is one name).
    static func namedFiles(in report: String) -> (unwritten: Set<String>, bare: Set<String>, written: Set<String>) {
        var unwritten = Set<String>(), bare = Set<String>()
        let pattern = try! NSRegularExpression(pattern: "([A-Za-z0-9_]+\\.csv)(?![A-Za-z0-9_])( \\(not written: `csv_files`\\))?")
        let text = report as NSString
        for match in pattern.matches(in: report, range: NSRange(location: 0, length: text.length)) {
            let name = text.substring(with: match.range(at: 1))
            if match.range(at: 2).location != NSNotFound { unwritten.insert(name) } else { bare.insert(name) }
        }
        // The Method section lists the setting's files by name, bare: those are the ones written.
        return (unwritten, bare, bare.subtracting(unwritten))
    }

    /// The note follows whole names only, each time, and not a name the run wrote.
    @Test func theNoteFollowsWholeNamesOfUnwrittenFiles() {
        let marked = Report.markingUnwritten("terms.csv has them; run_new_terms.csv too; see terms.csv. Also terms.csvx and keywords.csv.",
                                             ["terms.csv"])
        #expect(marked == "terms.csv (not written: `csv_files`) has them; run_new_terms.csv too; see terms.csv (not written: `csv_files`). "
                + "Also terms.csvx and keywords.csv.")
        #expect(Report.markingUnwritten("no file named", ["terms.csv"]) == "no file named")
        #expect(Report.markingUnwritten("/data/terms.csv: 3 rows match no file", ["terms.csv"]) == "/data/terms.csv: 3 rows match no file")
        #expect(Report.markingUnwritten("（见terms.csv）", ["terms.csv"]) == "（见terms.csv (not written: `csv_files`)）")
    }
}
