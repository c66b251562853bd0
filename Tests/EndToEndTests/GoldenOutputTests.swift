import Foundation
import Testing

/// Every file a run writes, byte for byte, against the files recorded in `Golden/expected/`: a
/// change anywhere in the pipeline that moves one number, one cell or one element of the report
/// fails here, and a change meant to alter no output (a speed-up) proves that it alters none.
///
/// The corpus (`Golden/corpus/`) is three short essays written for these tests, so the expected
/// files quote no one's text. Paths are written as `@REPOSITORY@` and `@OUTPUT@`, so the files do
/// not depend on where the repository is. To record them again, on purpose, after a change that
/// should alter the outputs: `CIPIN_RECORD_GOLDEN=1 swift test --filter GoldenOutputTests`, then
/// read `git diff Tests/EndToEndTests/Golden/expected/` before committing.
@Suite struct GoldenOutputTests {
    static let folder = CLI.repository.appendingPathComponent("Tests/EndToEndTests/Golden")
    static let expected = folder.appendingPathComponent("expected")

    /// The files of `folder` (not hidden ones), by name, with the repository's and the output's paths replaced.
    static func outputs(in folder: URL, output: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
                .replacingOccurrences(of: output.path, with: "@OUTPUT@")
                .replacingOccurrences(of: CLI.repository.path, with: "@REPOSITORY@")
            files[name] = Data(text.utf8)
        }
        return files
    }

    /// The first line where two files differ, for the failure message.
    static func firstDifference(_ produced: Data, _ expected: Data) -> String {
        // Split on the byte, not on Characters: a CSV's CR LF is one Character.
        func lines(_ data: Data) -> [String] {
            data.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0.last == 0x0D ? $0.dropLast() : $0, as: UTF8.self) }
        }
        let a = lines(produced), b = lines(expected)
        for index in 0..<max(a.count, b.count) where index >= a.count || index >= b.count || a[index] != b[index] {
            return "line \(index + 1): produced \(index < a.count ? a[index] : "(end of file)"), expected \(index < b.count ? b[index] : "(end of file)")"
        }
        return "same lines"
    }

    @Test func runWritesTheRecordedFiles() throws {
        let output = try CLI.temporaryFolder().appendingPathComponent("out")
        let result = try CLI.cipin(["run", Self.folder.appendingPathComponent("golden.yaml").path, "--output", output.path],
                                   environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(result.status == 0, "\(result.stderr)")
        let produced = try Self.outputs(in: output, output: output)
        #expect(produced.count == 17, "\(produced.keys.sorted())")
        if ProcessInfo.processInfo.environment["CIPIN_RECORD_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: Self.expected)
            try FileManager.default.createDirectory(at: Self.expected, withIntermediateDirectories: true)
            for (name, data) in produced { try data.write(to: Self.expected.appendingPathComponent(name)) }
            Issue.record("recorded \(produced.count) files in \(Self.expected.path); run the test again without CIPIN_RECORD_GOLDEN")
            return
        }
        let expected = try Self.outputs(in: Self.expected, output: output)
        #expect(Set(produced.keys) == Set(expected.keys))
        for name in produced.keys.sorted() {
            guard let want = expected[name], let have = produced[name] else { continue }
            #expect(have == want, "\(name) differs from Golden/expected/\(name): \(Self.firstDifference(have, want))")
        }
    }
}
