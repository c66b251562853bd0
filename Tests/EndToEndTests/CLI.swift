import Foundation
import TestSupport

/// Runs the built `cipin` binary and other programs for the end-to-end tests.
enum CLI {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
    static let seedFolder = shared.appendingPathComponent("corpus/seed")

    /// The `cipin` executable SwiftPM built next to the test bundle (or `CIPIN_BINARY`).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["CIPIN_BINARY"] { return URL(fileURLWithPath: path) }
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("cipin")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/cipin")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
    }

    /// Runs a program and waits for it, capturing both outputs.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL? = nil, input: Data? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    }

    static func cipin(_ arguments: [String], in folder: URL? = nil, input: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        try run(binary, arguments, in: folder, input: input, environment: environment)
    }

    /// Every file of `folder` (not in subfolders) with its bytes, but the lock (which holds the last run's process id).
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name != ".cipin.lock" {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[name] = try Data(contentsOf: url)
            }
        }
        return files
    }

    /// A report's XML with its links to files left out (`<link xlink:href="terms.csv">terms.csv</link>`
    /// read as `terms.csv`), for tests of its wording.
    static func reportText(_ url: URL, encoding: String.Encoding) throws -> String {
        try String(contentsOf: url, encoding: encoding)
            .replacingOccurrences(of: #"<link xlink:href="[^"<>]*">"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "</link>", with: "")
    }

    static func python(_ script: String, _ arguments: [String]) throws -> Result {
        try run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script] + arguments)
    }

    /// Validates with xmllint, independently of Cipin's own validator; returns xmllint's messages.
    static func xmllintErrors(_ file: URL) throws -> String? {
        let result = try run(URL(fileURLWithPath: "/usr/bin/xmllint"),
                             ["--noout", "--relaxng", "/usr/share/xml/docbook/schema/rng/5.0/docbook.rng", file.path])
        return result.status == 0 ? nil : result.stderr
    }

    static func temporaryFolder() throws -> URL {
        try Scratch.folder("e2e")
    }

    /// Writes a pipeline file into `folder`.
    static func pipeline(_ yaml: String, in folder: URL, name: String = "p.yaml") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(yaml.utf8).write(to: url)
        return url
    }

    /// A new folder with two short articles, `a.txt` (`first`) and `b.txt` (`second`), the sidecar
    /// `sidecar` holding `metadata`, and the pipeline `p.yaml` over them (keyword 人才, output `out`,
    /// no stop words, then `analysis`'s other settings): the corpus of the sidecar tests.
    static func sidecarCorpus(first: String = "一文\n\n人才工作。人才。\n", second: String = "二文\n\n人才队伍。\n",
                              sidecar: String, metadata: String, analysis: String) throws -> (folder: URL, pipeline: URL) {
        let folder = try temporaryFolder()
        try Data(first.utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data(second.utf8).write(to: folder.appendingPathComponent("b.txt"))
        try Data(metadata.utf8).write(to: folder.appendingPathComponent(sidecar))
        let pipeline = try CLI.pipeline("""
            name: t
            inputs: [a.txt, b.txt]
            keywords: [人才]
            output: out
            metadata: [\(sidecar)]
            analysis: {stopwords: none, \(analysis)}
            """, in: folder)
        return (folder, pipeline)
    }
}
