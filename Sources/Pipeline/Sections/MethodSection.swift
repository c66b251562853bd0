import Crypto
import Foundation
import Ingest
import Reporting
import Segmentation
import Synchronization

/// What makes the run reproducible: Cipin's version, the segmenter's model and dictionaries with
/// their content hashes, and every setting as used.
enum MethodSection {
    /// The id of the table of settings as used.
    static let settingsTableID = "method-settings"

    /// The SHA-256 of a file's bytes in hex, or `(missing)`.
    ///
    /// A run asks for the hashes of the same model, dictionary and IDF files several times (the
    /// stored results' keys, this section), so a file is read once per process while its stamp
    /// stays as it was: only a settled stamp (the file unchanged for `FileStamp.settlingTime`),
    /// the same before and after the read, is remembered.
    ///
    /// A scheduled run also starts from the hashes its store kept (`remember(_:)`), so the model and
    /// dictionaries (10 MB and more) are not read at all while their stamps stay the same.
    static func sha256(ofFileAt path: String) -> String {
        let stamp = FileStamp.of(path: path)
        if let stamp, let hash = knownHashes.withLock({ known -> String? in
            guard let entry = known[path], entry.stamp == stamp else { return nil }
            known[path]?.used = true
            return entry.hash
        }) {
            return hash
        }
        guard let data = FileManager.default.contents(atPath: path) else { return "(missing)" }
        let hash = SHA256.hash(data: data).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        if let stamp, stamp.isSettled(at: FileStamp.now()), FileStamp.of(path: path) == stamp {
            knownHashes.withLock { $0[path] = (stamp, hash, true) }
        }
        return hash
    }

    /// Hashes recorded earlier (by a run store), used while a file's stamp is the recorded one.
    static func remember(_ hashes: [String: (stamp: FileStamp, hash: String)]) {
        knownHashes.withLock { known in
            for (path, entry) in hashes where known[path] == nil { known[path] = (entry.stamp, entry.hash, false) }
        }
    }

    /// The remembered hashes this process has used, by path, for a run store to keep.
    static func usedHashes() -> [String: (stamp: FileStamp, hash: String)] {
        knownHashes.withLock { known in known.filter(\.value.used).mapValues { ($0.stamp, $0.hash) } }
    }

    private static let knownHashes = Mutex<[String: (stamp: FileStamp, hash: String, used: Bool)]>([:])

    static func section(config: PipelineConfig, ingest: IngestResult, analysis: AnalysisResults, pipelinePath: String,
                        segmenter: Segmenter?) -> Section {
        var files: [(role: String, path: String)] = [("pipeline file", pipelinePath)]
        if let options = segmenter?.options {
            files.append(("segmenter dictionary", options.dictionaryPath))
            if options.usesHMM {
                files += [("HMM start", options.hmmStartPath), ("HMM transitions", options.hmmTransitionPath),
                          ("HMM emissions", options.hmmEmissionPath)]
            }
            files += options.userDictionaryPaths.map { ("user dictionary", $0) }
            files += AnalysisRun.possegFiles(config, segmenter: options).map { ("part-of-speech HMM (TextRank)", $0) }
        }
        // The other files that change the numbers: stop words, the IDF table, sidecar metadata.
        let folder = URL(fileURLWithPath: pipelinePath).deletingLastPathComponent()
        let settings = config.analysis ?? AnalysisConfig()
        if let stopwords = settings.stopwords {
            if stopwords != "none" { files.append(("stop words", AnalysisRun.resolve(stopwords, in: folder))) }
        } else {
            let standard = folder.appendingPathComponent("dicts/stopwords.txt").path
            if FileManager.default.fileExists(atPath: standard) { files.append(("stop words", standard)) }
        }
        files.append(("IDF table (TF-IDF)", AnalysisRun.idfPath(config, pipelineFolder: folder)))
        files += (config.metadata ?? []).map { ("metadata", AnalysisRun.resolve($0, in: folder)) }
        var model = Table(id: "method-files", title: "Model, dictionaries and settings files",
                          columns: [Column("role", label: "Role"), Column("file", label: "File"), Column("sha256", label: "SHA-256")],
                          rows: files.map { [.text($0.role), .text($0.path), .text(sha256(ofFileAt: $0.path))] })
        model.keepsEveryRow = true
        var used: [(String, String)] = [
            ("cipin", CipinVersion.current),
            ("segmentation", segmenter == nil ? "presegmented input, split at white space"
                : "jieba 0.42.1 precise mode, HMM \(segmenter!.usesHMM ? "on" : "off")"),
            ("inputs", config.inputs.joined(separator: ", ")),
            ("encoding", config.encoding ?? "auto"),
            ("layout", config.layout ?? "auto"),
            ("on_error", config.onError ?? "stop"),
            ("extensions", (config.extensions ?? ["txt", "text"]).joined(separator: ", ")),
            ("metadata", (config.metadata ?? []).joined(separator: ", ")),
            ("csv_files", config.csvFiles.map { $0.isEmpty ? "none" : $0.map(PipelineConfig.csvFileName).joined(separator: ", ") } ?? "all"),
            ("csv_encoding", PipelineConfig.csvEncodingName(config.csvEncoding)),
            ("report_rows", config.reportRows.map { $0 == 0 ? "0 (no limit)" : String($0) } ?? String(PipelineConfig.defaultReportRows)),
            ("html", String(config.html ?? false)),
            ("history", String(config.history ?? false)),
        ]
        if config.history == true {
            used += [
                ("keep_runs", String(config.keepRuns ?? PipelineConfig.defaultKeptRuns)),
                ("store", config.store ?? "<output>/cipin.sqlite"),
                ("keep_stored_runs", config.keepStoredRuns.map(String.init) ?? "all"),
            ]
        }
        used += analysis.settings
        var table = Table(id: settingsTableID, title: "Settings as used (defaults filled in)",
                          columns: [Column("setting", label: "Setting"), Column("value", label: "Value")],
                          rows: used.map { [.text($0.0), .text($0.1)] })
        // What repeating the run needs is never cut by `report_rows`.
        table.keepsEveryRow = true
        return Section(id: "method", title: "Method", blocks: [
            .paragraph("Everything needed to repeat this run: the input files and their SHA-256 hashes are in the Overview; "
                + "the model files, dictionaries and every setting are below. The same inputs, files and settings give the same "
                + "numbers."),
            .table(model), .table(table),
        ])
    }
}
