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
        // Nothing but the warnings (the 1954 report is in Traditional characters): no progress
        // line, no carriage return or terminal control.
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("cipin: warning: ") }, "\(result.stderr)")
        #expect(result.stderr.contains("1954") && !result.stderr.contains("\r") && !result.stderr.contains("\u{1B}"))
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

    /// The run's warnings reach the log file as well as standard error (once there).
    @Test func logFileGetsTheWarnings() throws {
        let folder = try CLI.temporaryFolder()
        let pipeline = try CLI.pipeline("name: t\ninputs: [\(CLI.seedFolder.path)]\nkeywords: [人才, 无此词]\noutput: out\n", in: folder)
        let log = folder.appendingPathComponent("cipin.log")
        let result = try CLI.cipin(["run", pipeline.path, "--log-file", log.path])
        #expect(result.status == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        for warning in ["no stop-word list: ", "keyword(s) found nowhere in the corpus: 无此词"] {
            #expect(text.contains("warning cipin: " + warning), "\(warning)")
            #expect(result.stderr.components(separatedBy: warning).count == 2, "\(warning): \(result.stderr)")
        }
    }

    /// The schedule files as shipped, their paths pointed at a test folder: the crontab line (run
    /// by `sh` from another folder, as cron runs it) and the service's command (with its
    /// environment and working folder) each make a run whose report is in the pipeline's output
    /// and whose messages are where the files say; a second crontab run while a run holds the
    /// lock exits with 75 and logs why.
    @Test func scheduleFilesRunThePipeline() throws {
        let folder = try CLI.temporaryFolder()
        _ = try CLI.pipeline("name: nightly\nhistory: true\ninputs: [\(CLI.seedFolder.path)]\nkeywords: [人才]\noutput: out\n"
                             + "analysis: {stopwords: none}\n", in: folder, name: "nightly.yaml")
        func sited(_ text: String) -> String {
            text.replacingOccurrences(of: "/opt/cipin/.build/release/cipin", with: CLI.binary.path)
                .replacingOccurrences(of: "/srv/cipin", with: folder.path)
        }
        let crontab = try String(contentsOf: CLI.repository.appendingPathComponent("Scripts/schedule/crontab"), encoding: .utf8)
        let entries = crontab.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(entries.count == 1)
        let fields = try #require(entries.first).split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        #expect(fields.prefix(5).joined(separator: " ") == "30 2 * * *")
        let command = sited(String(try #require(fields.last)))
        let elsewhere = FileManager.default.temporaryDirectory
        let cron = try CLI.run(URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: elsewhere)
        #expect(cron.status == 0, "\(cron.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/latest/report.xml").path))
        let log = try String(contentsOf: folder.appendingPathComponent("cipin.log"), encoding: .utf8)
        // Dated lines: the run's end with its report.
        let finished = try #require(log.split(separator: "\n").first { $0.contains(" notice cipin: run finished ") }, "\(log)")
        #expect(finished.contains("articles=11") && finished.contains("report=\(folder.path)/out/runs/"), "\(finished)")
        #expect(finished.prefix(4).allSatisfy(\.isNumber) && finished.dropFirst(4).hasPrefix("-"), "\(finished)")

        // The service: ExecStart with the unit's environment, from its working folder.
        let unit = try String(contentsOf: CLI.repository.appendingPathComponent("Scripts/schedule/cipin-pipeline.service"), encoding: .utf8)
        var environment: [String: String] = [:]
        var execStart = "", workingFolder = ""
        for line in unit.split(separator: "\n").map(String.init) {
            if line.hasPrefix("Environment="), let equals = line.dropFirst(12).firstIndex(of: "=") {
                let assignment = line.dropFirst(12)
                environment[String(assignment[..<equals])] = sited(String(assignment[assignment.index(after: equals)...]))
            }
            if line.hasPrefix("ExecStart=") { execStart = String(line.dropFirst(10)) }
            if line.hasPrefix("WorkingDirectory=") { workingFolder = sited(String(line.dropFirst(17)).replacingOccurrences(of: "-/", with: "/")) }
        }
        #expect(environment["CIPIN"] == CLI.binary.path && environment["PIPELINE"] == folder.path + "/nightly.yaml")
        #expect(workingFolder == folder.path)
        let arguments = execStart.split(separator: " ", maxSplits: 2).map(String.init)
        #expect(arguments.prefix(2) == ["/bin/sh", "-c"])
        let script = try #require(arguments.last).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        environment["XDG_CACHE_HOME"] = nil  // the unit's /var/cache is systemd's to make
        let service = try CLI.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: URL(fileURLWithPath: workingFolder),
                                  environment: environment)
        #expect(service.status == 0, "\(service.stderr)")
        #expect(try CLI.cipin(["history", folder.path + "/nightly.yaml"], in: elsewhere).stdout.contains("\n2    succeeded"))

        // A crontab run while another run holds the output's lock: 75, and the log says why.
        // Held here, as another run would hold it (a lock of this process's own open file).
        let holder = open(folder.appendingPathComponent("out/.cipin.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        #expect(flock(holder, LOCK_EX | LOCK_NB) == 0)
        defer { close(holder) }
        let locked = try CLI.run(URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: elsewhere)
        #expect(locked.status == 75)
        let after = try String(contentsOf: folder.appendingPathComponent("cipin.log"), encoding: .utf8)
        let ended = try #require(after.split(separator: "\n").last { $0.contains(" error cipin: run ended ") }, "\(after.suffix(300))")
        #expect(ended.contains("run ended exit=75 error=") && ended.contains("another run"), "\(ended)")
        // The error is recorded once, not also as `run failed`.
        #expect(after.components(separatedBy: "another run").count == 2, "\(after.suffix(600))")
    }
}
