import Analysis
import Dispatch
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif
import Ingest
import Reporting
import Segmentation

/// What a finished run produced.
public struct RunSummary: Sendable, Equatable {
    /// The folder the outputs were written to.
    public var outputFolder: URL
    /// The DocBook report.
    public var reportFile: URL
    /// The HTML page, when the pipeline asks for one (`html: true`).
    public var htmlFile: URL?
    /// Every file written.
    public var files: [URL]
    public var articleCount: Int
    public var skippedFiles: [SkippedFile]
    /// The run's warnings: first those about input files (`inputWarningCount` of them, one per
    /// file and line, e.g. an article in Traditional characters), then those about the pipeline
    /// and the analyses.
    public var warnings: [String]
    /// Wall-clock seconds of each stage, in order.
    public var timings: [StageTiming]
    /// Bytes of body text segmented (UTF-8).
    public var segmentedBytes: Int
    /// Input files read and segmented in this run, and files whose results were reused.
    public var processedFiles: Int = 0
    public var reusedFiles: Int = 0
    /// Reused files that were not even read, their stamps being the recorded ones.
    public var unreadFiles: Int = 0
    /// Whether the co-occurrence counts were the previous run's, updated with the files added and removed.
    public var cooccurrenceCarriedOver = false
    /// Whether the collocate counts were the previous run's, updated with the files added and removed.
    public var collocatesCarriedOver = false
    /// Whether the run was a scheduled one (`history: true`), which reuses stored results.
    public var scheduled = false
    /// Articles a comparison by a field left out, having no value of it (`compare --by`).
    public var articlesLeftOut = 0
    /// How many of `warnings`, at the front, are about input files.
    public var inputWarningCount = 0

    /// How many warnings about input files the command line prints by default.
    public static let printedInputWarnings = 10

    /// The warnings as the command line prints them (without its `cipin: warning: ` prefix): at
    /// most `limit` of those about input files (`nil`: all), then a line that counts the others and
    /// says where they are, then every warning about the pipeline and the analyses.
    ///
    /// Design note. A folder of news articles can hold hundreds of files that each earn a warning
    /// (every article in Traditional characters does), on every scheduled run; a cron mail or a
    /// journal of hundreds of lines each night hides the one warning that matters. The report's
    /// Problems section and the log file keep them all.
    public func printedWarnings(limit: Int? = RunSummary.printedInputWarnings) -> [String] {
        let inputs = warnings.prefix(min(inputWarningCount, warnings.count))
        let others = warnings.dropFirst(inputs.count)
        guard let limit, inputs.count > limit else { return warnings }
        let rest = inputs.count - limit
        return Array(inputs.prefix(limit))
            + ["\(rest) more warning(s) about input files, \(inputs.count) in all: every one is in the Problems section of "
               + "\(reportFile.path) and in the log file (--log-file); --all-warnings prints them here"]
            + others
    }
}

/// How long one stage of a run took.
public struct StageTiming: Sendable, Equatable {
    public var stage: String
    public var seconds: Double
    /// CPU seconds (user and system) the whole process used during the stage, work running in the
    /// background included; `nil` for the analyses' own timings, which overlap.
    public var cpuSeconds: Double?

    public init(stage: String, seconds: Double, cpuSeconds: Double? = nil) {
        self.stage = stage
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
    }

    /// CPU seconds (user and system) the process has used so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// Settings of one run that do not come from the pipeline file.
public struct RunOptions: Sendable {
    /// Overrides the pipeline's `output`.
    public var output: String?
    /// The run's date for the report; defaults to `SOURCE_DATE_EPOCH` when set, else now.
    public var date: Date
    /// Threads that segment articles; default every core.
    public var jobs: Int
    /// Wait for another run of the pipeline to finish instead of failing with `locked`.
    public var waitForLock: Bool
    /// With `history: true`: read and segment every file even when a stored run has its results.
    public var full: Bool
    /// A live progress line, or `nil` for none (not on a terminal).
    public var progress: ProgressMeter?
    /// Where the stages log what they did.
    public var logger: Logger
    /// Leave the run's data in memory when `run` returns instead of freeing it, as a compiler that
    /// exits after its work does (clang's `-disable-free`): freeing the millions of small objects
    /// of a large corpus takes time nobody needs when the process ends next (0.3 s after a run over
    /// 26,836 files). Default false, for a process that goes on (tests, a library user).
    public var keepsMemoryUntilExit = false

    public init(output: String? = nil, date: Date? = nil, jobs: Int? = nil, waitForLock: Bool = false, full: Bool = false,
                progress: ProgressMeter? = nil, logger: Logger = Logger(label: "cipin")) {
        self.output = output
        self.progress = progress
        self.logger = logger
        self.full = full
        self.waitForLock = waitForLock
        self.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        if let date {
            self.date = date
        } else if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            self.date = Date(timeIntervalSince1970: seconds)
        } else {
            self.date = Date()
        }
    }
}

/// Runs a pipeline: ingest, segment, analyse, report.
public enum PipelineRunner {
    /// Runs the pipeline file at `path`.
    ///
    ///     let summary = try PipelineRunner.run(pipelineAt: "Pipelines/seed.yaml")
    ///     print(summary.reportFile.path)
    ///
    /// Everything is computed before the first file is written; the files are then written under
    /// temporary names while the report is validated against the DocBook 5 schema, and replace
    /// their predecessors only when all are written and the report is valid, so a failed run
    /// leaves the previous report.
    ///
    /// - Throws: `PipelineError`, `IngestError` or `ReportingError`.
    public static func run(pipelineAt path: String, options: RunOptions = RunOptions()) throws -> RunSummary {
        var timings: [StageTiming] = []
        func record(_ stage: String, seconds: Double, cpuSeconds: Double? = nil) {
            timings.append(StageTiming(stage: stage, seconds: seconds, cpuSeconds: cpuSeconds))
            options.logger.info("\(stage) done", metadata: ["seconds": "\(String(format: "%.3f", seconds))"])
        }
        func timed<T>(_ stage: String, _ work: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = StageTiming.processCPUSeconds()
            defer {
                record(stage, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
                       cpuSeconds: StageTiming.processCPUSeconds() - cpuStart)
            }
            return try work()
        }
        let config = try PipelineFile.load(path: path)
        let pipelineFolder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let baseFolder = try outputFolder(for: config, pipelineFolder: pipelineFolder, override: options.output)
        // A page asked for needs xsltproc and the stylesheets, and the files the pipeline names must
        // be there: missing, the run fails before its work.
        _ = try htmlOptions(config)
        try checkNamedFiles(config, pipelineAt: path)
        let history = config.history == true
        // A run without history that fails leaves no output folder it made (the lock's included).
        let madeFolders = history ? [] : missingFolders(baseFolder)
        let lock = try RunLock(folder: baseFolder, wait: options.waitForLock)
        defer { withExtendedLifetime(lock) {} }
        // A folder this user cannot write fails now, named for what it is (the lock file of an
        // earlier run opens all the same; the store then failed as a "readonly database").
        if access(baseFolder.path, W_OK) != 0 {
            throw PipelineError.outputFailed(path: baseFolder.path, reason: "the output folder is not writable by this user (\(String(cString: strerror(errno))))"
                                             + (history ? "; the run store, the run folders and `latest` are written there" : "")
                                             + "; make it writable (chown, chmod), or give the pipeline another `output`")
        }
        // The store has a lock of its own beside it (`<store>.lock`), taken after the output's, so
        // runs into two outputs that share one store (`store`) take turns too.
        let storeURL = storeFile(for: config, pipelineFolder: pipelineFolder, output: baseFolder)
        if history, config.store != nil {
            // `<store>.lock` must never be an output's lock (`.cipin.lock`): two runs could take the
            // two in opposite orders, or one run take its own lock twice.
            let resolvedStore = resolvingLinks(storeURL)
            if [".cipin", ".cipin.lock"].contains((resolvedStore as NSString).lastPathComponent) {
                throw PipelineFile.invalidValue(ofKey: "store", inFileAt: path, message: "`store` is \(resolvedStore); `.cipin` and `.cipin.lock` "
                                                + "are the output folder's lock, name the run store otherwise, e.g. cipin.sqlite")
            }
            // Nor may its lock file lead to this output's lock (a link or a hard link to it).
            let storeLock = resolvingLinks(URL(fileURLWithPath: resolvedStore + ".lock"))
            if storeLock == resolvingLinks(URL(fileURLWithPath: lock.path)) || FileStamp.sameFile(storeLock, lock.path) {
                throw PipelineFile.invalidValue(ofKey: "store", inFileAt: path, message: "the lock of `store` (\(resolvedStore).lock) is the "
                                                + "output folder's lock \(lock.path); remove that link, or name the run store otherwise")
            }
            // Run folders are removed (`keep_runs`) and `latest` is switched: a store there would go with them.
            if let folder = folderReplacedByRuns(containing: storeURL, output: baseFolder) {
                throw PipelineFile.invalidValue(ofKey: "store", inFileAt: path, message: "`store` is `\(folder)` of the output folder or inside it, "
                                                + "which runs replace; put it beside them, e.g. \(baseFolder.appendingPathComponent("cipin.sqlite").path)")
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: storeURL.path, isDirectory: &isFolder), isFolder.boolValue {
                throw PipelineFile.invalidValue(ofKey: "store", inFileAt: path, message: "`store` is the folder \(storeURL.path); "
                                                + "name the run store's file, e.g. \(storeURL.appendingPathComponent("cipin.sqlite").path)")
            }
        }
        // (Its lock is never an output's lock, checked above: two locks taken in two orders could
        // wait for each other. It is named after the store's resolved path, so every spelling of one
        // store takes the same lock.)
        let storeLock = history ? try RunLock(file: URL(fileURLWithPath: resolvingLinks(storeURL) + ".lock"), wait: options.waitForLock) : nil
        defer { withExtendedLifetime(storeLock) {} }
        let scope = runScope(for: config, pipelineFolder: pipelineFolder, output: baseFolder)
        // The default store (no scope) is Cipin's own file; one that `store` names is moved aside
        // only if it is an SQLite file.
        let store = history ? try RunStore.openRecovering(path: storeURL.path, owned: scope == nil, warn: { options.logger.warning("\($0)") }) : nil
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!,
                                                formatOptions: [.withYear, .withMonth, .withDay, .withTime, .withTimeZone])
        if history { try checkLatestIsALink(in: baseFolder) }
        var runFolderName: String?
        let started: (id: Int, abandonedFolders: [String], otherPipelines: [String])?
        do {
            started = try store?.begin(pipeline: config.name, pipelineHash: MethodSection.sha256(ofFileAt: path),
                                       output: baseFolder.path, scope: scope, folder: { id in
                let name = claimRunFolder(in: baseFolder.appendingPathComponent("runs"), named: "\(stamp)-\(id)")
                runFolderName = name
                return name
            })
        } catch {
            // The folder was made inside the transaction that failed: the store never recorded it,
            // so no later run would remove it. It is still empty.
            if let runFolderName { rmdir(baseFolder.appendingPathComponent("runs").appendingPathComponent(runFolderName).path) }
            throw error
        }
        let runID = started?.id
        if let others = started?.otherPipelines, !others.isEmpty {
            let names = others.map { "`\($0)`" }.joined(separator: ", ")
            options.logger.warning("""
                the run store \(storeURL.path) also holds runs of \(names); pipelines that share a store (or an output folder) \
                stay correct but undo each other's stored results, so each may read everything again: give each its own `output` or `store` \
                (after a rename, the old name's runs stay listed under it; this is said once)
                """)
        }
        // The partial folders of runs that were killed or failed go now (by the names the store recorded).
        let runsFolder = baseFolder.appendingPathComponent("runs")
        for abandoned in started?.abandonedFolders ?? [] where isPlainFolderName(abandoned) {
            try? FileManager.default.removeItem(at: runsFolder.appendingPathComponent(abandoned))
        }
        // A run killed after making its folder but before `begin`'s transaction recorded it left a
        // folder that no record names. Its id was never stored, so this run has it again: such a
        // folder is `<another stamp>-<this run's id>`, and empty, as a run writes into its folder only
        // once recorded. (`rmdir` removes only empty folders; the store's lock keeps other runs out.
        // Folders of other ids, an older store's among them, are not touched.)
        if let runID, let names = try? FileManager.default.contentsOfDirectory(atPath: runsFolder.path) {
            for name in names where name != runFolderName {
                guard let match = name.wholeMatch(of: Self.runFolderPattern), match.1 == String(runID) else { continue }
                rmdir(runsFolder.appendingPathComponent(name).path)
            }
        }
        if let store {
            repairLatest(in: baseFolder, succeeded: (try? store.runFolders(pipeline: config.name, scope: scope)) ?? [], logger: options.logger)
        }
        var outputFolder = baseFolder
        if let runID {
            outputFolder = baseFolder.appendingPathComponent("runs").appendingPathComponent(runFolderName ?? "\(stamp)-\(runID)")
        } else {
            // Without history a run writes straight into the output folder: temporary files that a
            // killed run left there (SIGKILL gives no chance to remove them) go now; the lock says
            // no other run is writing them.
            for name in (try? FileManager.default.contentsOfDirectory(atPath: baseFolder.path)) ?? [] where isTemporaryOutput(name) {
                try? FileManager.default.removeItem(at: baseFolder.appendingPathComponent(name))
            }
        }
        // On SIGINT/SIGTERM: drop this run's folder (scheduled runs) or the temporary files of
        // half-written outputs, and record the run as failed.
        let interruptedFolder = outputFolder
        let stopped = StopMark()
        let reportInPlace = StopMark()
        let token = Interruption.register { [store] in
            if let store, let runID {
                // A run that had already been stored as succeeded keeps its folder. (The cleanup runs
                // twice; the second time the run is already failed, by this cleanup.)
                if stopped.isSet || store.fail(run: runID) {
                    stopped.set()
                    try? FileManager.default.removeItem(at: interruptedFolder)
                    return nil
                }
                return "the run had finished its report: runs/\(interruptedFolder.lastPathComponent)"
            }
            // Without history the report is put in place as one set (see `AtomicFile.install`), and
            // the stop waited for that: either it is wholly there, or the temporary files go.
            if reportInPlace.isSet { return "the run had already written its report" }
            if let names = try? FileManager.default.contentsOfDirectory(atPath: interruptedFolder.path) {
                for name in names where isTemporaryOutput(name) {
                    try? FileManager.default.removeItem(at: interruptedFolder.appendingPathComponent(name))
                }
            }
            removeMadeFolders(madeFolders, lock: lock)
            return nil
        }
        defer { Interruption.remove(token) }
        do {
            // Read beside the model, the stored results and the ingest, not after them: the IDF
            // table, the DocBook schema and the previous run's statistics (for the comparison).
            // The IDF table is needed only to rank articles not ranked before: in a scheduled run over
            // unchanged files, not at all. With stored results it is read once the ingest shows a
            // new or changed file; otherwise from the start.
            var idf: Prefetch<IDFTable>? = store == nil || options.full ? AnalysisRun.prefetchIDF(config, pipelineFolder: pipelineFolder) : nil
            let validator = Prefetch { try RelaxNGValidator() }
            let previousRun: Prefetch<StoredRunStatistics?>? = store.flatMap { store in runID.map { runID in
                Prefetch { try store.previousRun(pipeline: config.name, scope: scope, before: runID).map { try store.statistics(run: $0.id) } }
            } }
            // The model loads beside the stored results (their key needs only its options).
            let segmenterOptions = self.segmenterOptions(config, pipelineFolder: pipelineFolder)
            let model = Prefetch { try segmenterOptions.map { try Segmenter(options: $0) } }
            // jieba.posseg's HMM, for TextRank, likewise; like the IDF table it serves only to rank
            // articles not ranked before, so with stored results it is read once the ingest shows a
            // new or changed file (or, should stored rankings be missing, when the ranking needs it).
            var partOfSpeechModel = store == nil || options.full
                ? AnalysisRun.prefetchPartOfSpeechModel(config, segmenter: segmenterOptions) : nil
            var cacheKey = ""
            var cache: [String: CachedFile] = [:]
            // Every content hash the store's file entries have (the damaged ones' too), when read.
            var cacheHashes: Set<String>?
            var stamps: [ByteKey: (stamp: FileStamp, contentHash: String)] = [:]
            var concordanceKey = ""
            var keywordKey = ""
            var keywordsPrefetch: Prefetch<RunStore.StoredEntries<CachedArticleKeywords>>?
            var concordancePrefetch: Prefetch<RunStore.StoredEntries<CachedConcordance>>?
            var cooccurrenceKey = ""
            var cooccurrencePrefetch: Prefetch<CachedCooccurrence?>?
            if let store {
                // The model, dictionary and IDF files' hashes key the stored results: those the store
                // recorded are used while the files' stamps are the recorded ones (`--full` reads them).
                if !options.full { MethodSection.remember(try store.fileHashes()) }
                cacheKey = SegmentCache.settingsKey(for: segmenterOptions, config: config)
                concordanceKey = CachedConcordance.settingsKey(segmentKey: cacheKey, keywords: AnalysisRun.keywordSpecs(config),
                                                               contextCharacters: config.analysis?.concordance?.context ?? 30)
                cooccurrenceKey = CachedCooccurrence.settingsKey(segmentKey: cacheKey, keywords: AnalysisRun.keywordSpecs(config),
                                                                 options: AnalysisRun.cooccurrenceOptions(config),
                                                                 collocates: AnalysisRun.collocateOptions(config.analysis ?? AnalysisConfig(),
                                                                                                          filter: TermFilter()))
                keywordKey = CachedArticleKeywords.settingsKey(segmentKey: cacheKey,
                                                               settings: AnalysisRun.articleKeywordSettings(config, pipelineFolder: pipelineFolder,
                                                                                                            segmenter: segmenterOptions))
                if !options.full {
                    // The stored article keywords, concordance lines and co-occurrence counts are read
                    // beside the files' entries and the ingest.
                    keywordsPrefetch = Prefetch { [keywordKey] in try store.cachedArticleKeywords(settingsKey: keywordKey) }
                    concordancePrefetch = Prefetch { [concordanceKey] in try store.cachedConcordance(settingsKey: concordanceKey) }
                    cooccurrencePrefetch = Prefetch { [cooccurrenceKey] in try store.cachedCooccurrence(settingsKey: cooccurrenceKey) }
                    do {
                        let stored = try timed("load stored results") {
                            stamps = try store.fileStamps()
                            return try store.cachedFiles(settingsKey: cacheKey)
                        }
                        cache = stored.entries
                        cacheHashes = stored.hashes
                    } catch {
                        _ = try model.value()  // a model that cannot be loaded is reported first, as before
                        throw error
                    }
                }
            }
            let segmenter = try timed("load model") { try model.value() }
            var reuse: (@Sendable (String, String) -> (articles: [Article], encoding: String, notes: [LineNote])?)?
            if !cache.isEmpty {
                reuse = { [reusable = cache] (_: String, hash: String) -> (articles: [Article], encoding: String, notes: [LineNote])? in
                    reusable[hash].map { ($0.articles, $0.encoding, $0.notes) }
                }
            }
            // With a store, each file's stamp is recorded; a file whose stamp is the recorded one is
            // not read again (its recorded content hash finds its stored entry).
            var knownHash: (@Sendable (String, FileStamp) -> String?)?
            if store != nil {
                let recorded = stamps
                knownHash = { path, stamp in recorded[ByteKey(path)].flatMap { $0.stamp == stamp ? $0.contentHash : nil } }
            }
            let ingest = try timed("ingest") {
                do {
                    return try Ingestor.ingest(config.inputs, relativeTo: pipelineFolder, options: ingestOptions(config), reuse: reuse,
                                               knownHash: knownHash, progress: options.progress)
                } catch {
                    throw locatingInput(error, config: config, pipelineAt: path)
                }
            }
            if idf == nil && ingest.files.contains(where: { !$0.reused }) {
                idf = AnalysisRun.prefetchIDF(config, pipelineFolder: pipelineFolder)
                partOfSpeechModel = AnalysisRun.prefetchPartOfSpeechModel(config, segmenter: segmenterOptions)
            }
            let corpus = timed("segment") { () -> SegmentedCorpus in
                guard ingest.files.contains(where: { $0.reused }) else {
                    return CorpusSegmentation.segment(ingest.articles, with: segmenter, workers: options.jobs, progress: options.progress)
                }
                var freshArticles: [Article] = []
                var index = 0
                for f in ingest.files.indices {
                    if !ingest.files[f].reused { freshArticles += ingest.articles[index..<(index + ingest.files[f].articleCount)] }
                    index += ingest.files[f].articleCount
                }
                let fresh = CorpusSegmentation.segment(freshArticles, with: segmenter, workers: options.jobs, progress: options.progress)
                return SegmentCache.combine(ingest: ingest, fresh: fresh, cache: cache)
            }
            // Article keywords of unchanged files come from the store (scheduled runs); so do their
            // concordance lines and keyword counts, and the previous run's co-occurrence counts, to
            // be updated with what changed. The stored entries themselves are let go once read (the
            // run keeps which files have one): for a folder of many small files they hold as much
            // as the text, three times over with the rows they give.
            var fromStore: ReusedAnalyses? = try timed("reuse stored analyses") {
                let keywordEntries = try keywordsPrefetch?.value()
                keywordsPrefetch = nil
                var storedKeywords = keywordEntries?.entries ?? [:]
                let known = CachedArticleKeywords.known(files: ingest.files, stored: storedKeywords)
                let concordanceEntries = try concordancePrefetch?.value()
                concordancePrefetch = nil
                var storedConcordance = concordanceEntries?.entries ?? [:]
                let knownLines = CachedConcordance.known(files: ingest.files, keywordCount: AnalysisRun.keywordSpecs(config).count,
                                                         stored: storedConcordance)
                let knownCounts = CachedConcordance.knownCounts(files: ingest.files, stored: storedConcordance)
                let cooccurrenceUpdate = try cooccurrencePrefetch?.value().flatMap { stored in
                    CachedCooccurrence.update(from: stored, files: ingest.files, corpus: corpus, fileCache: cache)
                }
                cooccurrencePrefetch = nil
                let analyses = ReusedAnalyses(known: known, knownLines: knownLines, knownCounts: knownCounts,
                                              cooccurrenceUpdate: cooccurrenceUpdate,
                                              keywordFiles: Set(storedKeywords.keys), concordanceFiles: Set(storedConcordance.keys),
                                              keywordRows: keywordEntries?.hashes, concordanceRows: concordanceEntries?.hashes)
                releaseInBackground(&storedKeywords)
                releaseInBackground(&storedConcordance)
                // The files' stored entries too: their articles are the ingest's now, their words the corpus's.
                reuse = nil
                releaseInBackground(&cache)
                return analyses
            }
            let analysis = try timed("analyse") {
                try AnalysisRun.run(corpus, config: config, pipelineFolder: pipelineFolder, segmenter: segmenter,
                                    knownArticleKeywords: fromStore!.known, idf: idf, partOfSpeechModel: partOfSpeechModel,
                                    knownConcordance: fromStore!.knownLines, knownKeywordCounts: fromStore!.knownCounts,
                                    cooccurrenceUpdate: fromStore!.cooccurrenceUpdate, skippedFiles: ingest.skipped.count)
            }
            let (storedKeywordFiles, storedConcordanceFiles) = (fromStore!.keywordFiles, fromStore!.concordanceFiles)
            let (keywordRows, concordanceRows) = (fromStore!.keywordRows, fromStore!.concordanceRows)
            // The rows known from the store are in the analyses' tables now.
            releaseInBackground(&fromStore)
            timings += analysis.timings.map { StageTiming(stage: "analyse: " + $0.0, seconds: $0.1) }
            let runMethod = Self.runMethod(config, pipelineFolder: pipelineFolder)
            // Each article's body hash (scheduled runs): stored with the run, and compared with the
            // previous run's to tell an edited article. An id names the same bytes, so the previous
            // run's hashes serve every article it had.
            // Each article's metadata fields, for the comparison with the previous run and for the
            // store (made once for both).
            let metadata: [[String: String]]? = store == nil ? nil : corpus.articles.indices.map { RunRecord.metadata(corpus.articles, at: $0) }
            let bodyHashes: [String: String] = store == nil ? [:] : {
                var known: [String: String] = [:]
                if let previous = try? previousRun?.value() ?? nil {
                    for article in previous.articles { if let hash = article.bodyHash { known[article.id] = hash } }
                }
                let articles = corpus.articles, reusable = known
                let hashes = concurrentMap(articles.count) { index in reusable[articles[index].id] ?? sha256(Data(articles[index].body.utf8)) }
                var byID: [String: String] = [:]
                for (index, article) in articles.enumerated() { byID[article.id] = hashes[index] }
                return byID
            }()
            // The report's sections and the comparison with the previous run are built side by side;
            // so are the report's files and the run's statistics and caches in the store. The run
            // is marked succeeded only once its report is written.
            let (built, comparison) = try sideBySide({
                measured { buildReport(config: config, ingest: ingest, corpus: corpus, analysis: analysis, date: options.date,
                                       pipelinePath: path, segmenter: segmenter) }
            }, {
                try measured { () -> Section? in
                    guard store != nil, let runID else { return nil }
                    // A previous run whose statistics cannot be read (a damaged record) is not compared
                    // with, and says so; it must not stop every later run.
                    var previous: StoredRunStatistics?
                    var unreadable: String?
                    do {
                        previous = try previousRun?.value() ?? nil
                    } catch {
                        unreadable = (error as? LocalizedError)?.errorDescription ?? "\(error)"
                        options.logger.warning("the previous run is not compared with", metadata: ["reason": "\(unreadable!)"])
                    }
                    return try RunComparisonSection.section(current: corpus, analysis: analysis, runID: runID, previous: previous,
                                                            unreadablePrevious: unreadable,
                                                            config: config, pipelineFolder: pipelineFolder,
                                                            method: runMethod, pipelineHash: MethodSection.sha256(ofFileAt: path),
                                                            bodyHashes: bodyHashes, metadata: metadata,
                                                            skippedPaths: Set(ingest.skipped.map(\.path)))
                }
            })
            var report = built.value.report
            record("build report", seconds: built.seconds)
            if let section = comparison.value {
                report.sections.insert(section, at: 1)
                record("compare with previous run", seconds: comparison.seconds)
            }
            let finishedReport = report
            let (written, stored) = try sideBySide({ [outputFolder] in
                try measured {
                    try writeReport(finishedReport, to: outputFolder, config: config, validator: validator, replacesPrevious: runID == nil,
                                    whenInstalled: { reportInPlace.set() })
                }
            }, { [cacheKey, cacheHashes, keywordKey, storedKeywordFiles, keywordRows, concordanceKey, storedConcordanceFiles, concordanceRows,
                  cooccurrenceKey, recordedStamps = stamps] in
                try measured { () -> RunRecord? in
                    guard store != nil else { return nil }
                    let present = Set(ingest.files.map(\.contentHash))
                    let files = try SegmentCache.storedEntries(of: corpus, files: ingest.files, include: { !$0.reused })
                    let keywords = try RunStore.encode(CachedArticleKeywords.entries(files: ingest.files, keywords: analysis.articleKeywords,
                                                                                     stored: storedKeywordFiles)
                        .map { ($0.contentHash, $0.entry) })
                    let lines = try RunStore.encode(CachedConcordance.entries(files: ingest.files, concordance: analysis.concordance,
                                                                              counts: analysis.keywordCounts, stored: storedConcordanceFiles)
                        .map { ($0.contentHash, $0.entry) })
                    var record = RunRecord(corpus: corpus, keywords: analysis.frequencies, method: runMethod, caches: [
                        .init(table: "file_cache", settingsKey: cacheKey, keep: present, entries: files, stored: cacheHashes),
                        .init(table: "article_keyword_cache", settingsKey: keywordKey, keep: present, entries: keywords, stored: keywordRows),
                        .init(table: "concordance_cache", settingsKey: concordanceKey, keep: present, entries: lines, stored: concordanceRows),
                    ], table: analysis.wholeTable, bodyHashes: bodyHashes, metadata: metadata)
                    // A full run read no stamps, so it records every file's.
                    record.files = options.full ? ingest.files : RunRecord.files(ingest.files, recorded: recordedStamps)
                    let inputs = Set(ingest.files.map { ByteKey($0.path) })
                    record.pathsGone = recordedStamps.keys.filter { !inputs.contains($0) }.map(\.text)
                    record.fileHashes = MethodSection.usedHashes()
                    record.inputFiles = ingest.files.count + ingest.skipped.count
                    record.filesRead = ingest.files.count(where: { !$0.reused })
                    record.filesSkipped = ingest.skipped.count
                    if analysis.cooccurrenceCounts != nil || analysis.collocateCounts != nil {
                        record.cooccurrence = (cooccurrenceKey,
                                               CachedCooccurrence(files: CachedCooccurrence.files(of: ingest.files), counts: analysis.cooccurrenceCounts,
                                                                  collocates: analysis.collocateCounts).stored())
                    }
                    return record
                }
            })
            let (files, reportFile, htmlFile) = written.value
            record("report", seconds: written.seconds)
            var removedPlainReport: String?
            if let store, let runID, var runRecord = stored.value {
                runRecord.outputs = files.map { $0.path.hasPrefix(outputFolder.path + "/") ? String($0.path.dropFirst(outputFolder.path.count + 1)) : $0.path }
                // Stored as succeeded and made `latest` as one step: a stop (SIGINT, SIGTERM) waits
                // for both (see `AtomicFile.commitLock`), so a stored run is always the one `latest` shows.
                AtomicFile.commitLock.lock()
                defer { AtomicFile.commitLock.unlock() }
                try timed("store") { try store.commit(run: runID, record: runRecord) }
                FaultPoint.reach("stored")
                try switchLatest(in: baseFolder, to: outputFolder)
                removedPlainReport = removePlainReport(in: baseFolder, pipeline: config.name, logger: options.logger)
                pruneRunFolders(in: runsFolder, keep: config.keepRuns ?? PipelineConfig.defaultKeptRuns,
                                folders: (try? store.runFolders(pipeline: config.name, scope: scope)) ?? [],
                                current: outputFolder.lastPathComponent, logger: options.logger)
                // Only now that this run is `latest`, so the run the next one compares with keeps its statistics.
                if let keep = config.keepStoredRuns {
                    do {
                        try store.dropStatistics(pipeline: config.name, scope: scope, keep: keep)
                    } catch {
                        options.logger.warning("could not drop old runs' statistics (keep_stored_runs); the next run tries again",
                                               metadata: ["error": "\((error as? LocalizedError)?.errorDescription ?? "\(error)")"])
                    }
                }
            }
            let segmentedBytes = ingest.articles.reduce(0) { total, article in total + article.paragraphs.reduce(0) { $0 + $1.utf8.count } }
            let reused = ingest.files.filter { $0.reused }.count
            options.logger.notice("run finished", metadata: ["articles": "\(ingest.articles.count)", "report": "\(reportFile.path)",
                                                             "files read": "\(ingest.files.count - reused)", "files reused": "\(reused)"])
            for skipped in ingest.skipped {
                options.logger.warning("skipped \(skipped.path)", metadata: Logs.saidOnStandardError.merging(["reason": "\(skipped.reason)"]) { $1 })
            }
            let warnings = built.value.warnings + (removedPlainReport.map { [$0] } ?? [])
            // The command line prints the warnings; the log file gets them too.
            for warning in warnings { options.logger.warning("\(warning)", metadata: Logs.saidOnStandardError) }
            if options.keepsMemoryUntilExit {
                KeptUntilExit.keep([stamps, ingest, corpus, analysis, finishedReport, stored.value as Any])
            }
            return RunSummary(outputFolder: outputFolder, reportFile: reportFile, htmlFile: htmlFile,
                              files: files, articleCount: ingest.articles.count, skippedFiles: ingest.skipped,
                              warnings: warnings,
                              timings: timings, segmentedBytes: segmentedBytes,
                              processedFiles: ingest.files.count - reused, reusedFiles: reused,
                              unreadFiles: ingest.files.count(where: \.unread),
                              cooccurrenceCarriedOver: analysis.cooccurrenceCarriedOver,
                              collocatesCarriedOver: analysis.collocatesCarriedOver, scheduled: history,
                              inputWarningCount: built.value.inputWarningCount)
        } catch {
            if let store, let runID {
                store.fail(run: runID, evenIfSucceeded: true)
                try? FileManager.default.removeItem(at: outputFolder)
            }
            removeMadeFolders(madeFolders, lock: lock)
            // Damage found in the middle of a run (a table the opening check does not read) fails
            // this run; the store is moved aside now, so the next run starts a new one.
            if case PipelineError.storeFailed(_, let reason) = error, RunStore.isDamage(reason), let store,
               config.store == nil || RunStore.isSQLiteFile(store.path),
               let aside = try? RunStore.moveAside(path: store.path, reason: reason) {
                options.logger.warning("the run store \(store.path) is damaged; it was moved to \(aside), and the next run starts a new store")
            }
            // The error itself is the command line's to record, once (`run ended exit=N error=…`).
            options.logger.info("run failed", metadata: Logs.saidOnStandardError)
            throw error
        }
    }

    /// The folders of `folder`'s path, itself included, that do not exist yet: deepest first.
    static func missingFolders(_ folder: URL) -> [URL] {
        var missing: [URL] = []
        var current = folder.standardizedFileURL
        while current.path != "/" && !FileManager.default.fileExists(atPath: current.path) {
            missing.append(current)
            current = current.deletingLastPathComponent()
        }
        return missing
    }

    /// After a failed run: the lock file and the folders the run made (`missingFolders` before it
    /// began), each only if nothing else is in it.
    static func removeMadeFolders(_ folders: [URL], lock: RunLock) {
        guard let output = folders.first else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        guard names.allSatisfy({ $0 == ".cipin.lock" || isTemporaryOutput($0) }) else { return }
        for name in names where isTemporaryOutput(name) { _ = unlink(output.appendingPathComponent(name).path) }
        lock.removeFile()
        for folder in folders where rmdir(folder.path) != 0 { break }
    }

    /// Whether an interrupt's cleanup has failed the run (it runs only on the signal's queue, one call after another).
    private final class StopMark: @unchecked Sendable {
        private(set) var isSet = false
        func set() { isSet = true }
    }

    /// Runs `first` and `second` side by side and returns both results; the first error thrown
    /// (by `first`, then by `second`) is rethrown after both have ended.
    ///
    /// `second` runs on a global queue and `first` on the calling thread, not both in a
    /// `concurrentPerform`: libdispatch divides the threads of a `concurrentPerform` nested in another
    /// by the outer one's width, so on two cores the report's files, rendered side by side inside
    /// `first`, were rendered one after another.
    static func sideBySide<A: Sendable, B: Sendable>(_ first: @Sendable () throws -> A,
                                                      _ second: @Sendable () throws -> B) throws -> (A, B) {
        nonisolated(unsafe) var b: Result<B, Error>?
        let a = withoutActuallyEscaping(second) { second -> Result<A, Error> in
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) { b = Result { try second() } }
            let a = Result { try first() }
            group.wait()
            return a
        }
        return (try a.get(), try b!.get())
    }

    /// `work`'s result and the seconds it took.
    static func measured<T>(_ work: () throws -> T) rethrows -> (value: T, seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try work()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Removes the folders of all but the `keep` newest succeeded runs of the pipeline (`folders`,
    /// newest first, as the store recorded them; the run just finished, which `latest` names, is
    /// never removed). Folders the store does not name are never touched; each removal is logged,
    /// and one that fails is logged and left, the run has succeeded.
    static func pruneRunFolders(in runsFolder: URL, keep: Int, folders: [String], current: String, logger: Logger) {
        for name in folders.dropFirst(max(1, keep)) where name != current && isPlainFolderName(name) {
            let folder = runsFolder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: folder.path) else { continue }
            do {
                try FileManager.default.removeItem(at: folder)
                logger.info("removed an old run folder (keep_runs)", metadata: ["folder": "\(folder.path)"])
            } catch {
                logger.warning("could not remove an old run folder", metadata: ["folder": "\(folder.path)",
                                                                                "error": "\(error.localizedDescription)"])
            }
        }
    }

    /// Whether a file name is one of `AtomicFile`'s temporary files: `.NAME.tmp-PID-HEX`.
    static func isTemporaryOutput(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return false }
        let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy(\.isASCII) && parts[0].allSatisfy(\.isNumber)
            && !parts[1].isEmpty && parts[1].allSatisfy(\.isHexDigit)
    }

    /// A folder name the store recorded that stays inside `runs/`.
    static func isPlainFolderName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/")
    }

    /// Puts `latest` right after a run killed (SIGKILL) in the moment between being stored as
    /// succeeded and being made `latest`: `latest` then still shows an older run of the pipeline, or
    /// nothing, though the store lists the killed run, whose folder holds its whole report (written
    /// before it was stored). `latest` is switched to it, with a warning. A `latest` that shows no run
    /// of this pipeline (another pipeline writing into the same folder ran last) is left alone, and so
    /// is one that is not a link. Temporary links that a switch killed half-way left go too.
    /// - Parameter folders: the folders of the pipeline's succeeded runs, newest first.
    static func repairLatest(in folder: URL, succeeded folders: [String], logger: Logger) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(".latest.tmp-") && name.count > 12 && name.dropFirst(12).allSatisfy({ $0.isASCII && $0.isNumber }) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        guard let newest = folders.first, isPlainFolderName(newest) else { return }
        var info = stat()
        let runFolder = folder.appendingPathComponent("runs").appendingPathComponent(newest)
        guard lstat(runFolder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        let link = folder.appendingPathComponent("latest")
        var shown = "nothing"
        if lstat(link.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFLNK, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link.path),
                  target != "runs/" + newest, target.hasPrefix("runs/"), folders.dropFirst().contains(String(target.dropFirst(5))) else { return }
            shown = target
        }
        do {
            try switchLatest(in: folder, to: runFolder)
            logger.warning("""
                `latest` showed \(shown), but the run of runs/\(newest) had written its report and been stored as succeeded \
                when it was killed; `latest` now shows it
                """)
        } catch {
            logger.warning("could not repair `latest`", metadata: ["error": "\((error as? LocalizedError)?.errorDescription ?? "\(error)")"])
        }
    }

    /// Makes the run's folder `name` in `runs`, or, when a folder or file of that name is there
    /// already, `name-2`, `name-3`, …, and returns the name made. A run's folder is its own: two
    /// pipelines with stores of their own that write into one output folder can give their runs the
    /// same id in the same second, and a clock set back can meet an older run's name; such a folder
    /// was taken over (its files mixed into the run's report) and later removed with the run's.
    /// Runs into one output folder hold its lock, so no other run makes a folder there meanwhile.
    /// When the folder cannot be made at all, `name` (writing the report then says why).
    /// The names `claimRunFolder` gives: `<UTC stamp>-<run id>`, perhaps with `-<attempt>`.
    nonisolated(unsafe) static let runFolderPattern = #/\d{8}T\d{6}Z-(\d+)(?:-\d+)?/#

    static func claimRunFolder(in runs: URL, named name: String) -> String {
        try? FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
        for attempt in 1...1000 {
            let candidate = attempt == 1 ? name : "\(name)-\(attempt)"
            if mkdir(runs.appendingPathComponent(candidate).path, 0o777) == 0 { return candidate }  // the umask applies
            if errno != EEXIST { return name }
        }
        return name
    }

    /// Refuses, before any work, an output folder whose `latest` is a file of the user's rather
    /// than the link Cipin keeps to the newest run: switching the link would replace it without a
    /// word. (A folder there cannot be replaced: the switch fails, the run with it, and the
    /// folder stays.)
    static func checkLatestIsALink(in folder: URL) throws {
        let latest = folder.appendingPathComponent("latest")
        var status = stat()
        guard lstat(latest.path, &status) == 0, (status.st_mode & S_IFMT) != S_IFLNK, (status.st_mode & S_IFMT) != S_IFDIR else { return }
        throw PipelineError.outputFailed(path: latest.path, reason: "it is a file, not the link to the newest run that Cipin keeps there "
                                         + "(`history: true`); move it away, or give the pipeline another `output`")
    }

    /// Removes from a scheduled run's output folder the report a run of the same pipeline without
    /// `history` wrote there (the files its `.cipin-outputs` lists, and the list), which no run
    /// updates any more and which a reader would take for the newest: the reports are in `latest`
    /// now. Only a run's report (not a comparison's, whose files are `compare_…`) whose
    /// `report.xml` names this pipeline is removed: another pipeline may write its plain report into
    /// the same folder. Returns what to say, or `nil` when there was none; a file that cannot be
    /// removed is left, with a warning, and so is the list.
    static func removePlainReport(in folder: URL, pipeline name: String, logger: Logger) -> String? {
        let manifest = folder.appendingPathComponent(ReportWriter.manifestFileName)
        // Plain file names only (a folder there, `latest` or `runs`, is passed over below).
        let listed = ReportWriter.previousOutputs(listedIn: manifest).sorted()
        guard !CompareRunner.runReportFiles(in: folder).isEmpty,
              let report = try? String(contentsOf: folder.appendingPathComponent("report.xml"), encoding: .utf8),
              report.contains("<phrase role=\"label\">Pipeline</phrase>: " + name.replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;") + "</bibliomisc>") else { return nil }
        var removed: [String] = []
        var failed = false
        for name in listed {
            let url = folder.appendingPathComponent(name)
            var status = stat()
            guard lstat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
            do {
                try FileManager.default.removeItem(at: url)
                removed.append(name)
            } catch {
                failed = true
                logger.warning("could not remove \(url.path), a file of the report of an earlier run without history",
                               metadata: ["error": "\(error.localizedDescription)"])
            }
        }
        if !failed { try? FileManager.default.removeItem(at: manifest) }
        guard !removed.isEmpty else { return nil }
        return "\(folder.path) held the report of an earlier run without `history` (\(removed.prefix(3).joined(separator: ", "))"
            + (removed.count > 3 ? " and \(removed.count - 3) more file(s)" : "") + ", as its \(ReportWriter.manifestFileName) listed them), "
            + "which no run updates any more: removed; the newest report is \(folder.appendingPathComponent("latest").path)/report.xml"
    }

    /// Points `<folder>/latest` at a finished run's folder: a new symbolic link under a temporary
    /// name, renamed over the old one, so `latest` is always a whole run.
    static func switchLatest(in folder: URL, to runFolder: URL) throws {
        let temporary = folder.appendingPathComponent(".latest.tmp-\(ProcessInfo.processInfo.processIdentifier)")
        let relative = "runs/" + runFolder.lastPathComponent
        try? FileManager.default.removeItem(at: temporary)
        guard symlink(relative, temporary.path) == 0, FaultPoint.passes("linked"), rename(temporary.path, folder.appendingPathComponent("latest").path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw PipelineError.outputFailed(path: folder.appendingPathComponent("latest").path, reason: "switch the link: \(reason)")
        }
    }

    /// Validates and writes a report, then renders HTML when asked.
    /// - Parameter validator: the DocBook schema, loaded in the background since the run started;
    ///   without it, the schema is loaded here.
    /// The page, when asked for, is rendered from the staged report and put in place with the other
    /// files (see `ReportWriter`), so a missing stylesheet or a stop while it renders leaves the
    /// previous report whole.
    /// - Parameters:
    ///   - replacesPrevious: the folder keeps one report, whose files not written again go (see
    ///     `ReportWriter.Options.replacesPreviousReport`); off for a new run folder.
    ///   - whenInstalled: called once every file is in place (see `AtomicFile.commitLock`).
    static func writeReport(_ report: Report, to outputFolder: URL, config: PipelineConfig,
                            validator: Prefetch<RelaxNGValidator>? = nil, replacesPrevious: Bool = true,
                            whenInstalled: () -> Void = {}) throws -> (files: [URL], report: URL, html: URL?) {
        let files: [URL]
        let html = try htmlOptions(config)
        let options = ReportWriter.Options(docBook: report.language.hasPrefix("en") ? .english : DocBookWriter.Options(),
                                           csv: CSVWriter.Options(encoding: PipelineConfig.csvEncoding(named: config.csvEncoding) ?? .utf8WithBOM),
                                           html: html, replacesPreviousReport: replacesPrevious)
        let rows = config.reportRows ?? PipelineConfig.defaultReportRows
        let chosen = report.keepingCSVFiles(config.wantedCSVFiles)
        let report = rows > 0 ? chosen.limitingRows(to: rows) : chosen
        do {
            files = try ReportWriter.write(report, toFolder: outputFolder, options: options,
                                           validator: try validator?.value() ?? RelaxNGValidator(), whenInstalled: whenInstalled)
        } catch ReportingError.cannotWriteFile(let path, let step, let reason) {
            throw PipelineError.outputFailed(path: path, reason: "\(step): \(reason)")
        }
        let reportFile = outputFolder.appendingPathComponent("report.xml")
        return (files, reportFile, html.map { outputFolder.appendingPathComponent($0.outputFileName) })
    }

    /// What a run's numbers depend on besides its inputs (see `RunMethod`).
    ///
    /// Its settings key covers the reading (encoding, layout), the segmentation (the model and
    /// dictionary files by content, HMM, presegmented) and the term filters (stop words by
    /// content, punctuation, numbers); not Cipin's version, so an upgrade is not taken for a change.
    static func runMethod(_ config: PipelineConfig, pipelineFolder: URL) -> RunMethod {
        let settings = config.analysis ?? AnalysisConfig()
        var segmentation = ["encoding=" + (config.encoding ?? "auto"), "layout=" + (config.layout ?? "auto"),
                            "presegmented=\(config.segmentation?.presegmented ?? false)"]
        if let options = segmenterOptions(config, pipelineFolder: pipelineFolder) {
            let files = [options.dictionaryPath] + (options.usesHMM ? [options.hmmStartPath, options.hmmTransitionPath, options.hmmEmissionPath] : [])
                + options.userDictionaryPaths
            segmentation.append("hmm=\(options.usesHMM)")
            segmentation += files.map { MethodSection.sha256(ofFileAt: $0) }
        }
        let stopWords: String
        if let named = settings.stopwords {
            stopWords = named == "none" ? "none" : MethodSection.sha256(ofFileAt: AnalysisRun.resolve(named, in: pipelineFolder))
        } else {
            stopWords = "default:" + MethodSection.sha256(ofFileAt: pipelineFolder.appendingPathComponent("dicts/stopwords.txt").path)
        }
        let parts = segmentation + ["stopwords=" + stopWords, "punctuation=\(settings.excludePunctuation ?? true)",
                                    "numbers=\(settings.excludeNumbers ?? true)"]
        var keywords: [String: String] = [:]
        // Sorted: the same words in another order count the same.
        for keyword in AnalysisRun.keywordSpecs(config) { keywords[keyword.name] = keyword.words.sorted().joined(separator: "、") }
        return RunMethod(settings: sha256(Data(parts.joined(separator: "\n").utf8)), keywords: keywords,
                         reading: sha256(Data(segmentation.joined(separator: "\n").utf8)))
    }

    /// Checks that the files a pipeline names (dictionaries, stop words, IDF table, sidecars) are
    /// there before any work, each reported at its line in the pipeline file.
    ///
    /// - Throws: `PipelineError.invalidPipeline` naming the first one missing.
    static func checkNamedFiles(_ config: PipelineConfig, pipelineAt path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func check(_ file: String?, _ keyPath: [String], what: String) throws {
            guard let file else { return }
            let resolved = AnalysisRun.resolve(file, in: folder)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder), !isFolder.boolValue else {
                let name = keyPath.filter { Int($0) == nil }.joined(separator: ".")
                throw PipelineFile.invalidValue(at: keyPath, inFileAt: path, message: "`\(name)` names \(resolved), which is "
                                                + (isFolder.boolValue ? "a folder" : "not there") + "; give the path of \(what) "
                                                + "(a relative path is taken from the pipeline file's folder)")
            }
        }
        for (index, file) in (config.segmentation?.userDicts ?? []).enumerated() {
            try check(file, ["segmentation", "user_dicts", "\(index)"], what: "a user dictionary (jieba's format: word [frequency] [tag] a line)")
        }
        if config.segmentation?.presegmented != true {
            try check(config.segmentation?.dict, ["segmentation", "dict"], what: "a main dictionary in jieba's dict.txt format")
        }
        if let stopwords = config.analysis?.stopwords, stopwords != "none" {
            try check(stopwords, ["analysis", "stopwords"], what: "a stop-word list (one word a line), or write `none`")
        }
        try check(config.analysis?.articleKeywords?.idf, ["analysis", "article_keywords", "idf"], what: "an IDF table in jieba's idf.txt format")
        for (index, file) in (config.metadata ?? []).enumerated() {
            try check(file, ["metadata", "\(index)"], what: "a metadata CSV")
        }
    }

    /// An input that matched nothing, at its line in the pipeline file.
    static func locatingInput(_ error: Error, config: PipelineConfig, pipelineAt path: String) -> Error {
        if case IngestError.noInputFiles(let folder, _, _) = error, let index = config.inputs.firstIndex(of: folder),
           let message = (error as? LocalizedError)?.errorDescription {
            return PipelineFile.invalidValue(at: ["inputs", "\(index)"], inFileAt: path, message: message)
        }
        if case IngestError.badPattern(let input, _) = error, let index = config.inputs.firstIndex(of: input),
           let message = (error as? LocalizedError)?.errorDescription {
            return PipelineFile.invalidValue(at: ["inputs", "\(index)"], inFileAt: path, message: message)
        }
        guard case IngestError.inputNotFound(let input) = error, let index = config.inputs.firstIndex(of: input) else { return error }
        return PipelineFile.invalidValue(at: ["inputs", "\(index)"], inFileAt: path,
                                         message: "\(input): no such file, folder or matching pattern; check the path in `inputs` "
                                            + "(a relative path is taken from the pipeline file's folder)")
    }

    /// The stylesheets for the HTML page when the pipeline asks for one (`html: true`), checked:
    /// a run calls this before its work, so a missing tool fails it at once.
    ///
    /// - Throws: `ReportingError.stylesheetNotFound` or `.toolMissing`.
    static func htmlOptions(_ config: PipelineConfig) throws -> HTMLRenderer.Options? {
        guard config.html == true else { return nil }
        let options = HTMLRenderer.Options(stylesheetFolder: try HTMLRenderer.locateStylesheetFolder())
        try HTMLRenderer.checkTools(options)
        return options
    }

    /// A pipeline's inputs read and segmented, ready for analyses or comparisons.
    struct Prepared {
        var path: String
        var config: PipelineConfig
        var folder: URL
        var segmenter: Segmenter?
        var ingest: IngestResult
        var corpus: SegmentedCorpus
    }

    /// - Parameter wordsAs: another pipeline, prepared, whose segmenter (dictionaries, HMM) cuts
    ///   this one's text too, unless either is presegmented: the two corpora of a comparison get
    ///   the same words for the same text. The files are read with this pipeline's own settings.
    static func prepare(pipelineAt path: String, jobs: Int, wordsAs other: Prepared? = nil) throws -> Prepared {
        let config = try PipelineFile.load(path: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try checkNamedFiles(config, pipelineAt: path)
        let segmenter = try segmenterOptions(config, pipelineFolder: folder) == nil ? nil
            : other?.segmenter ?? loadSegmenter(config, pipelineFolder: folder)
        let ingest: IngestResult
        do {
            ingest = try Ingestor.ingest(config.inputs, relativeTo: folder, options: ingestOptions(config))
        } catch {
            throw locatingInput(error, config: config, pipelineAt: path)
        }
        let corpus = CorpusSegmentation.segment(ingest.articles, with: segmenter, workers: jobs)
        return Prepared(path: path, config: config, folder: folder, segmenter: segmenter, ingest: ingest, corpus: corpus)
    }

    /// Which of a run store's runs are a pipeline's (with its name): all, with the default store,
    /// which lies in the output folder wherever that folder moves (`nil`); with a store named by
    /// `store`, which may serve several output folders, those into this one, by its path with
    /// symbolic links resolved.
    /// (A `store` naming the output's own default store is the default store.)
    static func runScope(for config: PipelineConfig, pipelineFolder: URL, output: URL) -> String? {
        guard config.store != nil else { return nil }
        let folder = resolvingLinks(output)
        return resolvingLinks(storeFile(for: config, pipelineFolder: pipelineFolder, output: output)) == folder + "/cipin.sqlite" ? nil : folder
    }

    /// `runs` or `latest` when `file` is that folder of `output` or inside it, as written or with
    /// symbolic links resolved (`latest` links into `runs`).
    static func folderReplacedByRuns(containing file: URL, output: URL) -> String? {
        let files = [file.standardizedFileURL.path, resolvingLinks(file)]
        let outputs = [output.standardizedFileURL.path, resolvingLinks(output)]
        for path in files {
            for base in outputs {
                for folder in ["latest", "runs"] {
                    let replaced = base + "/" + folder
                    if path == replaced || path.hasPrefix(replaced + "/") { return folder }
                }
            }
        }
        return nil
    }

    /// `url`'s absolute path with every symbolic link resolved as the kernel would when a file is
    /// made there, as `realpath` does but for paths that do not exist yet: a missing component is
    /// kept as it is, a link is followed even when its target does not exist yet (a file made
    /// through it would be made there), and `..` is taken after the links before it are followed.
    /// After 40 links (a loop), the rest is appended unresolved.
    static func resolvingLinks(_ url: URL) -> String {
        var resolved: [String] = []
        var pending = ArraySlice(url.path.split(separator: "/").map(String.init))
        var links = 0
        while let component = pending.popFirst() {
            switch component {
            case "", ".": continue
            case "..": _ = resolved.popLast()
            default:
                let path = "/" + (resolved + [component]).joined(separator: "/")
                if links < 40, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                    links += 1
                    if target.hasPrefix("/") { resolved = [] }
                    pending = ArraySlice(target.split(separator: "/").map(String.init) + pending)
                } else {
                    resolved.append(component)
                }
            }
        }
        return "/" + resolved.joined(separator: "/")
    }

    /// The run store's file: `store` (relative to the pipeline file), or `<output>/cipin.sqlite`.
    static func storeFile(for config: PipelineConfig, pipelineFolder: URL, output: URL) -> URL {
        guard let store = config.store else { return output.appendingPathComponent("cipin.sqlite") }
        let expanded = (store as NSString).expandingTildeInPath
        return (expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : pipelineFolder.appendingPathComponent(expanded)).standardizedFileURL
    }

    /// The output folder: `--output`, else `output` (relative to the pipeline file), else
    /// `Reports/<name>` in the working folder. The root folder is refused: a run writes its report,
    /// CSV files, lock and store there, among the system's folders, and `output: /` is a slip.
    static func outputFolder(for config: PipelineConfig, pipelineFolder: URL, override: String?) throws -> URL {
        if let override { return try outputFolder(override: override) }
        if let output = config.output {
            let expanded = (output as NSString).expandingTildeInPath
            return try notRoot((expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded)
                                : pipelineFolder.appendingPathComponent(expanded)).standardizedFileURL,
                               remedy: "`output: Reports/\(config.name)` in the pipeline file, or --output FOLDER")
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("Reports").appendingPathComponent(config.name).standardizedFileURL
    }

    /// The folder `--output` names (relative to the working folder); the root folder refused, as
    /// `outputFolder(for:pipelineFolder:override:)` says. Commands check it before their work.
    static func outputFolder(override: String) throws -> URL {
        try notRoot(URL(fileURLWithPath: (override as NSString).expandingTildeInPath).standardizedFileURL,
                    remedy: "--output FOLDER")
    }

    /// `folder`, unless it is the root folder, however spelt; `remedy` says where to name another.
    private static func notRoot(_ folder: URL, remedy: String) throws -> URL {
        guard resolvingLinks(folder) != "/" else {
            throw PipelineError.outputFailed(path: folder.path, reason: "it is the root folder, where the report, its CSV files and "
                + "the run's lock would lie among the system's folders; give the report a folder of its own (\(remedy))")
        }
        return folder
    }

    /// The segmenter the pipeline asks for, or `nil` for presegmented input.
    static func loadSegmenter(_ config: PipelineConfig, pipelineFolder: URL) throws -> Segmenter? {
        try segmenterOptions(config, pipelineFolder: pipelineFolder).map { try Segmenter(options: $0) }
    }

    /// The segmenter's options the pipeline asks for, or `nil` for presegmented input.
    static func segmenterOptions(_ config: PipelineConfig, pipelineFolder: URL) -> Segmenter.Options? {
        let settings = config.segmentation ?? SegmentationConfig()
        if settings.presegmented == true { return nil }
        func resolve(_ path: String) -> String {
            let expanded = (path as NSString).expandingTildeInPath
            return expanded.hasPrefix("/") ? expanded : pipelineFolder.appendingPathComponent(expanded).standardizedFileURL.path
        }
        var options = Segmenter.Options(userDictionaryPaths: (settings.userDicts ?? []).map(resolve), usesHMM: settings.hmm ?? true)
        if let dict = settings.dict { options.dictionaryPath = resolve(dict) }
        return options
    }

    static func ingestOptions(_ config: PipelineConfig) throws -> IngestOptions {
        // Presegmented text keeps its spaces: each line is a paragraph unless the file says otherwise.
        let presegmented = config.segmentation?.presegmented == true
        var options = IngestOptions(
            encoding: try config.encoding.flatMap(TextEncoding.named),
            layout: config.layout.flatMap(LineLayout.init(rawValue:)) ?? (presegmented ? .paragraphs : .auto),
            onError: config.onError.flatMap(ErrorPolicy.init(rawValue:)) ?? .stop,
            extensions: config.extensions.map(IngestOptions.extensions) ?? IngestOptions.textExtensions,
            sidecars: config.metadata ?? [])
        options.keepsLines = presegmented
        return options
    }

    static func sentenceCount(_ article: Article) -> Int {
        article.paragraphs.reduce(0) { $0 + SentenceSplitter.sentenceEnds($1).count }
    }

    /// Builds the report model from the stages' results, with every warning of the run: the
    /// ingest's, the analyses' and those of CSV files and fields longer than a spreadsheet holds
    /// (the report's Problems section lists them; the command line prints them).
    static func buildReport(config: PipelineConfig, ingest: IngestResult, corpus: SegmentedCorpus, analysis: AnalysisResults,
                            date: Date, pipelinePath: String, segmenter: Segmenter?)
        -> (report: Report, warnings: [String], inputWarningCount: Int) {
        let sentenceCounts = corpus.segments.map { $0.sentenceEnds.count }
        let tokenCounts = corpus.segments.map { $0.tokens.count }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let settings = config.analysis ?? AnalysisConfig()
        let articles = ArticlesSection.section(ingest.articles, sentenceCounts: sentenceCounts, tokenCounts: tokenCounts,
                                               columnOrder: ingest.metadataColumns)
        var sections = [
            OverviewSection.section(ingest),
            articles.section,
            KeywordsSection.section(analysis.frequencies, articles: ingest.articles),
            TrendsSection.section(analysis.trends),
            CooccurrenceSection.section(analysis.cooccurrence, keywords: analysis.keywords, frequencies: analysis.frequencies, windowRadius: settings.cooccurrence?.window ?? 5,
                                        windowBoundary: AnalysisRun.cooccurrenceOptions(config).windowBoundary),
            Section(id: "collocates-section", title: "Collocates", blocks: [
                .paragraph(CollocatesSection.description(AnalysisRun.collocateOptions(settings, filter: TermFilter()),
                                                         top: settings.collocates?.top ?? 20)
                           + CollocatesSection.absent(analysis.collocates, frequencies: analysis.frequencies)),
                .table(CollocatesSection.table(analysis.collocates, top: settings.collocates?.top ?? 20)),
            ]),
            Section(id: "concordance-section", title: "Concordance", blocks: [
                .paragraph(ConcordanceSection.description(all: analysis.concordance, written: analysis.writtenConcordance,
                                                          context: settings.concordance?.context ?? 30,
                                                          sample: settings.concordance?.sample ?? 10)),
                .table(ConcordanceSection.table(analysis.concordance, sample: settings.concordance?.sample ?? 10)),
            ]),
            Section(id: "keyness-section", title: "Keyness", blocks: [
                .paragraph(KeynessSection.description(analysis.keyness, top: settings.keyness?.top ?? 20, note: analysis.keynessNote,
                                                      leftOut: analysis.keynessLeftOut,
                                                      significantOnly: (settings.keyness ?? .init()).writesSignificantOnly)),
                .table(KeynessSection.table(analysis.keyness, top: settings.keyness?.top ?? 20)),
            ]),
            Section(id: "article-keywords-section", title: "Top words of each article", blocks: [
                .paragraph("TF-IDF as jieba.analyse.extract_tags computes it (words of two or more characters, jieba's stop "
                    + "words left out, IDF from jieba's idf.txt, the median IDF for unknown words)"
                    + (settings.articleKeywords?.textrank ?? true
                        ? " and TextRank as jieba.analyse.textrank computes it (window 5, damping 0.85, 10 rounds), over the "
                            + (AnalysisRun.possegFiles(config, segmenter: segmenter?.options).isEmpty
                                ? "words whose part of speech in the segmenter's dictionaries it keeps"
                                : "words of jieba.posseg whose part of speech it keeps")
                            + " (see the Method section)"
                        : "")
                    + ". All ranks and weights are in article_keywords.csv."),
                .table(ArticleKeywordsSection.summary(analysis.articleKeywords, articles: ingest.articles)),
            ]),
            TermsSection.section(analysis.terms, minimumFrequency: settings.minFrequency ?? 2),
            MethodSection.section(config: config, ingest: ingest, analysis: analysis, pipelinePath: pipelinePath, segmenter: segmenter),
        ]
        let attachments = [
            KeywordsSection.perArticleTable(analysis.frequencies), TermsSection.table(analysis.terms), CooccurrenceSection.table(analysis.cooccurrence), CollocatesSection.table(analysis.collocates, top: nil),
            ConcordanceSection.csvTable(analysis.writtenConcordance), KeynessSection.table(analysis.keyness, top: nil, significantOnly: (settings.keyness ?? .init()).writesSignificantOnly),
            ArticleKeywordsSection.table(analysis.articleKeywords),
        ] + [articles.wholeTable].compactMap { $0 }
        var reported = ingest
        // Articles without body text are warned about as input files are, right after them.
        reported.warnings += OverviewSection.emptyArticleWarnings(ingest)
        let inputWarningCount = reported.warnings.count
        // User-dictionary entries that can never take effect (`cipin segment` prints the same).
        reported.warnings += (segmenter?.diagnostics ?? []).map(\.description)
        reported.warnings += analysis.warnings
        var csvFiles = Report(title: "", date: "", sections: sections)
        csvFiles.attachments = attachments
        reported.warnings += SpreadsheetLimits.warnings(csvFiles, keynessSignificantOnly: (settings.keyness ?? .init()).writesSignificantOnly)
            + SpreadsheetLimits.cellWarnings(vocabulary: corpus.vocabulary, articles: ingest.articles)
            + SpreadsheetLimits.gbkWarnings(articles: ingest.articles, encoding: PipelineConfig.csvEncoding(named: config.csvEncoding) ?? .utf8WithBOM)
        if let problems = OverviewSection.problems(reported) { sections.append(problems) }
        var report = Report(
            title: config.title ?? "Cipin report: \(config.name)",
            subtitle: "Keyword frequencies in \(ingest.articles.count) articles",
            date: formatter.string(from: date),
            info: [
                InfoItem(label: "Pipeline", value: config.name),
                InfoItem(label: "Cipin", value: CipinVersion.current),
                InfoItem(label: "Keywords", value: analysis.keywords.map(\.name).joined(separator: "、")),
            ],
            // The report's own words are English: the page's generated text (Table 1, Contents) too.
            sections: sections, language: "en")
        report.attachments = attachments
        return (report, reported.warnings, inputWarningCount)
    }
}

/// The version of this build of Cipin.
public enum CipinVersion {
    public static let current = "0.1.0"
}

/// What a scheduled run takes from the store's analyses of unchanged files.
private struct ReusedAnalyses {
    var known: [Int: StoredKeywordRows]
    var knownLines: [Int: [StoredLines]]
    var knownCounts: [Int: KeywordCountTable.ArticleRow]
    var cooccurrenceUpdate: CooccurrenceUpdate?
    /// The content hashes of the files with stored article keywords, and with stored concordance
    /// lines (entries that decode: a damaged one is stored again).
    var keywordFiles: Set<String>
    var concordanceFiles: Set<String>
    /// Every content hash of the two tables' rows (`RunStore.StoredEntries.hashes`), for the
    /// store to drop those of files gone without reading them again; `nil` when not read.
    var keywordRows: Set<String>?
    var concordanceRows: Set<String>?
}

/// Lets go of `value` (sets it to `nil`) and frees it on another thread: a value of many small
/// parts (a dictionary of tens of thousands of arrays) takes a while to free, and the run does not wait.
func releaseInBackground<T>(_ value: inout T?) {
    guard let held = value else { return }
    value = nil
    let box = ReleaseBox(held)
    DispatchQueue.global(qos: .utility).async { box.value = nil }
}

func releaseInBackground<Key, Element>(_ value: inout [Key: Element]) {
    var held: [Key: Element]? = value
    value = [:]
    releaseInBackground(&held)
}

private final class ReleaseBox<T>: @unchecked Sendable {
    var value: T?
    init(_ value: T) { self.value = value }
}

/// What runs leave in memory for the process's end (`RunOptions.keepsMemoryUntilExit`).
enum KeptUntilExit {
    private nonisolated(unsafe) static var values: [Any] = []
    private static let lock = NSLock()

    static func keep(_ more: [Any]) {
        lock.lock()
        defer { lock.unlock() }
        values += more
    }
}
