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
    var format = 1
    var pipeline: String
    var shard: Int
    var count: Int
    /// The segmentation settings key: shards segmented with different settings cannot be merged.
    var settingsKey: String
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
        let output = PipelineRunner.outputFolder(for: config, pipelineFolder: folder, override: options.output)
        let segmenter = try PipelineRunner.loadSegmenter(config, pipelineFolder: folder)
        var ingestOptions = try PipelineRunner.ingestOptions(config)
        ingestOptions.shard = (index, count)
        ingestOptions.sidecars = []  // applied once, by the merge
        ingestOptions.onError = .skip  // the merge applies the pipeline's policy to every shard's skipped files
        let ingest = try Ingestor.ingest(config.inputs, relativeTo: folder, options: ingestOptions)
        let corpus = CorpusSegmentation.segment(ingest.articles, with: segmenter, workers: options.jobs)
        let entries = SegmentCache.entries(of: corpus, files: ingest.files)
        var items: [ShardItem] = zip(ingest.files, entries).map { ShardItem(path: $0.0.path, file: $0.0, entry: $0.1.file) }
        items += ingest.skipped.map { ShardItem(path: $0.path, skipped: $0) }
        let order = Dictionary(uniqueKeysWithValues: try shardPaths(config, folder: folder, index: index, count: count).enumerated().map { ($1, $0) })
        items.sort { (order[$0.path] ?? Int.max) < (order[$1.path] ?? Int.max) }
        let result = ShardResult(pipeline: config.name, shard: index, count: count,
                                 settingsKey: SegmentCache.settingsKey(for: segmenter, config: config), items: items)
        let url = output.appendingPathComponent("shard-\(index)-of-\(count).json")
        do {
            try Folders.create(output)
            try AtomicFile.write(try JSONEncoder().encode(result), to: url)
        } catch let error as ReportingError {
            throw PipelineError.outputFailed(path: url.path, reason: error.errorDescription ?? "\(error)")
        }
        return url
    }

    static func shardPaths(_ config: PipelineConfig, folder: URL, index: Int, count: Int) throws -> [String] {
        var options = try PipelineRunner.ingestOptions(config)
        options.shard = (index, count)
        return try Ingestor.resolve(config.inputs, relativeTo: folder, options: options)
    }

    /// Combines the partial results of all N shards into the pipeline's outputs.
    public static func merge(pipelineAt path: String, parts: [String], options: RunOptions = RunOptions()) throws -> RunSummary {
        let config = try PipelineFile.load(path: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let segmenter = try PipelineRunner.loadSegmenter(config, pipelineFolder: folder)
        var results: [ShardResult] = []
        for part in parts {
            guard let data = FileManager.default.contents(atPath: part) else {
                throw PipelineError.badShard(path: part, reason: "no such file")
            }
            do { results.append(try JSONDecoder().decode(ShardResult.self, from: data)) } catch {
                throw PipelineError.badShard(path: part, reason: "not a Cipin shard result (\(error))")
            }
        }
        let count = results.first?.count ?? 0
        let key = SegmentCache.settingsKey(for: segmenter, config: config)
        for (part, result) in zip(parts, results) {
            guard result.pipeline == config.name, result.count == count, result.settingsKey == key else {
                throw PipelineError.badShard(path: part, reason: "it is shard \(result.shard)/\(result.count) of `\(result.pipeline)` with other settings; "
                    + "run every shard of this pipeline with the same Cipin, model and dictionaries")
            }
        }
        guard Set(results.map(\.shard)) == Set(1...max(1, count)), results.count == count else {
            throw PipelineError.badShard(path: parts.joined(separator: ", "),
                                         reason: "need shards 1 to \(count) once each, got \(results.map { String($0.shard) }.sorted().joined(separator: ", "))")
        }
        // Shard i holds the inputs i, i + N, i + 2N, … of the sorted list: interleave them back.
        let ordered = results.sorted { $0.shard < $1.shard }
        var items: [ShardItem] = []
        for position in 0..<(ordered.map(\.items.count).max() ?? 0) {
            for result in ordered where position < result.items.count { items.append(result.items[position]) }
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
        // The notes on the files' lines, in input order, then the sidecars' warnings, as a single run gives them.
        ingest.warnings = ingest.files.flatMap { file in file.notes.map { $0.message(path: file.path) } }
        try Ingestor.applySidecars(config.metadata ?? [], relativeTo: folder, to: &ingest)
        let empty = SegmentedCorpus(articles: [], segments: [], vocabulary: Vocabulary())
        let corpus = SegmentCache.combine(ingest: ingest, fresh: empty, cache: cache)
        let analysis = try AnalysisRun.run(corpus, config: config, pipelineFolder: folder, segmenter: segmenter)
        let (report, warnings) = PipelineRunner.buildReport(config: config, ingest: ingest, corpus: corpus, analysis: analysis, date: options.date,
                                                pipelinePath: path, segmenter: segmenter)
        let output = PipelineRunner.outputFolder(for: config, pipelineFolder: folder, override: options.output)
        let (files, reportFile, htmlFile) = try PipelineRunner.writeReport(report, to: output, config: config)
        return RunSummary(outputFolder: output, reportFile: reportFile, htmlFile: htmlFile, files: files, articleCount: ingest.articles.count,
                          skippedFiles: ingest.skipped, warnings: warnings,
                          timings: [], segmentedBytes: 0)
    }
}
