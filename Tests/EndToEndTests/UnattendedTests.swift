import Foundation
import Testing

@Suite struct UnattendedTests {
    static func bigPipeline() throws -> URL {
        let folder = try CLI.temporaryFolder()
        _ = try CLI.pipeline("name: t\ninputs: [\(CLI.shared.path)/bench/gov_work_reports/]\nkeywords: [人才]\noutput: out\n"
                             + "analysis: {stopwords: \(CLI.repository.path)/Pipelines/dicts/stopwords.txt}\n", in: folder)
        return folder.appendingPathComponent("p.yaml")
    }

    /// No progress line when standard error is not a terminal (cron, systemd, pipes).
    @Test func noProgressWithoutATerminal() throws {
        let result = try CLI.cipin(["run", try Self.bigPipeline().path])
        #expect(result.status == 0)
        #expect(result.stderr == "")
    }

    /// A live progress line on a terminal (`script` gives the run a pseudo-terminal).
    @Test func progressLineOnATerminal() throws {
        let pipeline = try Self.bigPipeline()
        let result = try CLI.run(URL(fileURLWithPath: "/usr/bin/script"),
                                 ["-qec", "\(CLI.binary.path) run \(pipeline.path)", "/dev/null"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("segment: "))
        #expect(result.stdout.contains(" articles, "))
        #expect(result.stdout.contains(" MB/s, "))
        // Files read first: each stage shows its final count once before its line is cleared.
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.shared.path + "/bench/gov_work_reports")
            .filter { $0.hasSuffix(".txt") }.count
        #expect(result.stdout.contains("ingest: \(files)/\(files) files, "), "\(result.stdout.suffix(400))")
        let ingest = try #require(result.stdout.range(of: "ingest: ")), segment = try #require(result.stdout.range(of: "segment: "))
        #expect(ingest.lowerBound < segment.lowerBound)
    }

    @Test func logFileGetsTheStages() throws {
        let pipeline = try Self.bigPipeline()
        let log = pipeline.deletingLastPathComponent().appendingPathComponent("cipin.log")
        let result = try CLI.cipin(["run", pipeline.path, "--log-level", "info", "--log-file", log.path])
        #expect(result.status == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        for stage in ["load model done", "ingest done", "segment done", "analyse done", "report done", "notice cipin: run finished"] {
            #expect(text.contains(stage), "\(stage)")
        }
        #expect(result.stderr.contains("info cipin: seconds="))
    }
}
