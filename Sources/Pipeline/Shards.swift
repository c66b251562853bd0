import Analysis
import Foundation
import Ingest
import Reporting

/// One input of a shard: the file's articles and words, or why it was skipped.
struct ShardItem: Codable, Sendable {
    var path: String
    var file: InputFile?
    var entry: CachedFile?
    var skipped: SkippedFile?
}

/// The partial result of `cipin run --shard I/N`: what `cipin merge` needs to finish the run.
struct ShardResult: Codable, Sendable {
    /// 2 since the input list is recorded; a merge refuses other formats.
    static let currentFormat = 2
    var format = ShardResult.currentFormat
    var pipeline: String
    var shard: Int
    var count: Int
    /// The segmentation settings key: shards segmented with different settings cannot be merged.
    var settingsKey: String
    /// How many inputs the whole sorted list had when the shard ran, and its key
    /// (`Shards.inputsKey`): shards that saw different lists cannot be merged.
    var inputCount: Int
    var inputsKey: String
    /// This shard's inputs, in the order of the sorted input list.
    var items: [ShardItem]
}

/// Sharded runs: `cipin run --shard I/N` reads and segments every N-th input (starting at the
/// I-th) and writes a partial result; `cipin merge` combines the N partial results into the same
/// outputs a single run gives. Shards can run on different machines (a Slurm job array, a
/// Kubernetes indexed Job) that see the same inputs.
public enum Shards {
    /// Runs shard `index` of `count` and writes `shard-<index>-of-<count>.json`.
    ///
    /// - Returns: the partial result file.
    public static func run(pipelineAt path: String, shard index: Int, of count: Int, options: RunOptions = RunOptions()) throws -> URL {
        let config = try PipelineFile.load(path: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let output = try PipelineRunner.outputFolder(for: config, pipelineFolder: folder, override: options.output)
        let segmenter = try PipelineRunner.loadSegmenter(config, pipelineFolder: folder)
        var ingestOptions = try PipelineRunner.ingestOptions(config)
        let inputs = try Ingestor.resolve(config.inputs, relativeTo: folder, options: ingestOptions)
        ingestOptions.shard = (index, count)
        ingestOptions.sidecars = []  // applied once, by the merge
        ingestOptions.onError = .skip  // the merge applies the pipeline's policy to every shard's skipped files
        let ingest = try Ingestor.ingest(config.inputs, relativeTo: folder, options: ingestOptions)
        let corpus = CorpusSegmentation.segment(ingest.articles, with: segmenter, workers: options.jobs)
        let entries = SegmentCache.entries(of: corpus, files: ingest.files)
        var items: [ShardItem] = zip(ingest.files, entries).map { ShardItem(path: $0.0.path, file: $0.0, entry: $0.1.file) }
        items += ingest.skipped.map { ShardItem(path: $0.path, skipped: $0) }
        let order = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) })
        items.sort { (order[$0.path] ?? Int.max) < (order[$1.path] ?? Int.max) }
        let result = ShardResult(pipeline: config.name, shard: index, count: count,
                                 settingsKey: SegmentCache.settingsKey(for: segmenter, config: config),
                                 inputCount: inputs.count, inputsKey: inputsKey(inputs), items: items)
        let url = output.appendingPathComponent("shard-\(index)-of-\(count).json")
        do {
            try Folders.create(output)
            try AtomicFile.write(try JSONEncoder().encode(result), to: url)
        } catch let error as ReportingError {
            throw PipelineError.outputFailed(path: url.path, reason: error.errorDescription ?? "\(error)")
        }
        return url
    }

    /// A decoding error in a line: where in the JSON, and what was wrong, without Swift's internals.
    static func describe(_ error: DecodingError) -> String {
        let (path, what): ([CodingKey], String)
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context): (path, what) = (context.codingPath, "a value of the wrong kind")
        case .keyNotFound(let key, let context): (path, what) = (context.codingPath, "no `\(key.stringValue)`")
        case .dataCorrupted(let context): (path, what) = (context.codingPath, context.debugDescription)
        @unknown default: (path, what) = ([], "\(error)")
        }
        let place = path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return place.isEmpty ? what : "\(what) at \(place.hasPrefix(".") ? String(place.dropFirst()) : place)"
    }

    /// The key of a sorted input list: the SHA-256 of its paths, a line each.
    static func inputsKey(_ paths: [String]) -> String {
        sha256(Data(paths.map { $0 + "\n" }.joined().utf8))
    }

    /// Combines the partial results of all N shards into the pipeline's outputs.
    ///
    /// It takes the output folder's lock as a run does (`RunOptions.waitForLock`), and refuses
    /// shards that saw different input lists, or a list other than the inputs now.
    public static func merge(pipelineAt path: String, parts: [String], options: RunOptions = RunOptions()) throws -> RunSummary {
        let config = try PipelineFile.load(path: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let output = try PipelineRunner.outputFolder(for: config, pipelineFolder: folder, override: options.output)
        if config.history == true {
            // However `--output` spells the folder of the runs (itself, through a link), the merge's one report would
            // stay beside `runs` and `latest` for good.
            let runs = try PipelineRunner.outputFolder(for: config, pipelineFolder: folder, override: nil)
            if options.output == nil || PipelineRunner.resolvingLinks(output) == PipelineRunner.resolvingLinks(runs)
                || FileStamp.sameFile(output.path, runs.path) {
                throw PipelineFile.invalidValue(ofKey: "history", inFileAt: path, message: "`cipin merge` writes one report and keeps no "
                    + "run history, so it would write it beside the runs in \(runs.path); name another folder with --output, "
                    + "or run the pipeline unsharded to keep its history")
            }
        }
        let lock = try RunLock(folder: output, wait: options.waitForLock)
        defer { withExtendedLifetime(lock) {} }
        let segmenter = try PipelineRunner.loadSegmenter(config, pipelineFolder: folder)
        var results: [ShardResult] = []
        for part in parts {
            guard let data = FileManager.default.contents(atPath: part) else {
                throw PipelineError.badShard(path: part, reason: "no such file")
            }
            struct Format: Decodable { var format: Int }
            let format = try? JSONDecoder().decode(Format.self, from: data).format
            if let format, format != ShardResult.currentFormat {
                throw PipelineError.badShard(path: part, reason: "it was made by another version of Cipin (shard format \(format), "
                    + "this one reads \(ShardResult.currentFormat)); run every shard again with this one")
            }
            let result: ShardResult
            do { result = try JSONDecoder().decode(ShardResult.self, from: data) } catch let error as DecodingError {
                throw PipelineError.badShard(path: part, reason: "not a Cipin shard result, or a damaged one (\(Self.describe(error))); "
                                             + "run that shard again")
            } catch {
                throw PipelineError.badShard(path: part, reason: "not a Cipin shard result (\(error.localizedDescription)); run that shard again")
            }
            // A file's article count and its entry's articles agree in a shard Cipin wrote.
            if let item = result.items.first(where: { item in item.file.map { $0.articleCount != item.entry?.articles.count ?? -1 } ?? (item.skipped == nil) }) {
                throw PipelineError.badShard(path: part, reason: "its entry for \(item.path) is inconsistent (damaged?); run that shard again")
            }
            results.append(result)
        }
        let count = results.first?.count ?? 0
        let key = SegmentCache.settingsKey(for: segmenter, config: config)
        for (part, result) in zip(parts, results) {
            // Each mismatch in its own words: a shard of another pipeline, of another split, or of other settings.
            if result.pipeline != config.name {
                throw PipelineError.badShard(path: part, reason: "it is shard \(result.shard)/\(result.count) of the pipeline `\(result.pipeline)`, "
                    + "not of `\(config.name)`; merge the shards of one pipeline")
            }
            if result.count != count {
                throw PipelineError.badShard(path: part, reason: "it is shard \(result.shard) of \(result.count), and \(parts[0]) is shard "
                    + "\(results[0].shard) of \(count): merge the shards of one split (those of `--shard I/N` for one N, I = 1 to N); a "
                    + "folder that held an earlier split keeps its files, so name the parts of the split meant, e.g. shard-*-of-\(result.count).json "
                    + "or shard-*-of-\(count).json")
            }
            if result.settingsKey != key {
                throw PipelineError.badShard(path: part, reason: "it is shard \(result.shard)/\(result.count) of `\(result.pipeline)` with other settings; "
                    + "run every shard of this pipeline with the same Cipin, model and dictionaries")
            }
        }
        guard Set(results.map(\.shard)) == Set(1...max(1, count)), results.count == count else {
            throw PipelineError.badShard(path: parts.joined(separator: ", "),
                                         reason: "need shards 1 to \(count) once each, got \(results.map { String($0.shard) }.sorted().joined(separator: ", "))")
        }
        // Every shard must have cut the same list, and that list must be the inputs now: shards
        // run over a growing folder at different times would merge some files twice and others
        // not at all.
        let ordered = results.sorted { $0.shard < $1.shard }
        if let first = ordered.first, let other = ordered.first(where: { $0.inputsKey != first.inputsKey }) {
            throw PipelineError.badShard(path: parts[results.firstIndex { $0.shard == other.shard } ?? 0],
                                         reason: "shard \(other.shard) saw \(other.inputCount) input file(s) and shard \(first.shard) "
                                            + "\(first.inputCount)\(other.inputCount == first.inputCount ? ", not the same" : ""): the inputs "
                                            + "changed between the shards' runs; run every shard again over the same inputs")
        }
        // Shard i holds the inputs i, i + N, i + 2N, … of the sorted list: interleave them back.
        var items: [ShardItem] = []
        for position in 0..<(ordered.map(\.items.count).max() ?? 0) {
            for result in ordered where position < result.items.count { items.append(result.items[position]) }
        }
        let now = try Ingestor.resolve(config.inputs, relativeTo: folder, options: try PipelineRunner.ingestOptions(config))
        let merged = items.map(\.path)
        if now != merged {
            let added = Set(now).subtracting(merged).sorted(), gone = Set(merged).subtracting(now).sorted()
            func some(_ paths: [String]) -> String {
                paths.prefix(3).joined(separator: ", ") + (paths.count > 3 ? " and \(paths.count - 3) more" : "")
            }
            let change = [added.isEmpty ? nil : "\(added.count) added (\(some(added)))",
                          gone.isEmpty ? nil : "\(gone.count) gone (\(some(gone)))"].compactMap { $0 }.joined(separator: ", ")
            throw PipelineError.badShard(path: parts.joined(separator: ", "), reason: "the input files changed since the shards ran"
                + (change.isEmpty ? "" : ": " + change) + "; run every shard again")
        }
        let policy = config.onError.flatMap(ErrorPolicy.init(rawValue:)) ?? .stop
        if policy == .stop, let skipped = items.compactMap(\.skipped).first {
            throw PipelineError.badShard(path: skipped.path, reason: skipped.reason)
        }
        var ingest = IngestResult(files: [], articles: [], skipped: items.compactMap(\.skipped), warnings: [])
        var cache: [String: CachedFile] = [:]
        for item in items {
            guard var file = item.file, let entry = item.entry else { continue }
            file.reused = true
            ingest.files.append(file)
            ingest.articles += entry.articles
            cache[file.contentHash] = entry
        }
        // Identical files in different shards were told apart in neither: their articles' ids are
        // made again over all the inputs (the copies after the first get `-dupN`), as one run makes them.
        for index in ingest.articles.indices {
            let id = ingest.articles[index].id
            if let dup = id.range(of: "-dup", options: .backwards), id[dup.upperBound...].allSatisfy(\.isNumber),
               !id[dup.upperBound...].isEmpty {
                ingest.articles[index].id = String(id[..<dup.lowerBound])
            }
        }
        let duplicates = Ingestor.disambiguateDuplicates(&ingest.articles, files: ingest.files)
        // The notes on the files' lines, in input order, the copies, then the sidecars' warnings, as a single run gives them.
        ingest.warnings = Ingestor.fileWarnings(ingest.files, articles: ingest.articles) + duplicates
        try Ingestor.applySidecars(config.metadata ?? [], relativeTo: folder, to: &ingest)
        let empty = SegmentedCorpus(articles: [], segments: [], vocabulary: Vocabulary())
        let corpus = SegmentCache.combine(ingest: ingest, fresh: empty, cache: cache)
        let analysis = try AnalysisRun.run(corpus, config: config, pipelineFolder: folder, segmenter: segmenter, skippedFiles: ingest.skipped.count)
        let (report, warnings, inputWarningCount) = PipelineRunner.buildReport(config: config, ingest: ingest, corpus: corpus, analysis: analysis, date: options.date,
                                                pipelinePath: path, segmenter: segmenter)
        let (files, reportFile, htmlFile) = try PipelineRunner.writeReport(report, to: output, config: config)
        return RunSummary(outputFolder: output, reportFile: reportFile, htmlFile: htmlFile, files: files, articleCount: ingest.articles.count,
                          skippedFiles: ingest.skipped, warnings: warnings,
                          timings: [], segmentedBytes: 0, inputWarningCount: inputWarningCount)
    }
}
