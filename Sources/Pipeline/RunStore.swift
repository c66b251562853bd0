import Analysis
import Foundation
import GRDB
import Ingest

/// One stored run, as `cipin history` lists it.
public struct StoredRun: Sendable, Equatable {
    public var id: Int
    public var pipeline: String
    public var pipelineHash: String
    public var cipinVersion: String
    public var started: String
    public var finished: String?
    /// `running`, `succeeded` or `failed` (a run that never finished: killed or crashed).
    public var status: String
    public var output: String
    public var articles: Int
    public var tokens: Int
    /// When a succeeded run's statistics were dropped (`keep_stored_runs`); it can no longer be compared.
    public var statisticsDropped: String?
    /// For a succeeded run (stored since schema v13): its input files, those read and segmented
    /// (new or changed; the others' results were reused) and those skipped (`on_error: skip`).
    public var inputFiles: Int?
    public var filesRead: Int?
    public var filesSkipped: Int?
    /// The files the run wrote into its folder, by name (since schema v13).
    public var outputs: [String]?
    /// What the run's numbers depend on besides its inputs (since schema v15), to tell a change of
    /// settings from a change of the corpus.
    public var method: RunMethod? = nil
}

/// The settings a run's numbers depend on, besides its inputs: recorded with the run, so the next
/// run can say which of its changes come from settings rather than from the corpus.
public struct RunMethod: Sendable, Equatable, Codable {
    /// A key of the segmentation (model, dictionaries and their contents, HMM, layout) and the
    /// term filters (stop words by content, punctuation, numbers).
    public var settings: String
    /// Each keyword's definition: its words, joined with "、".
    public var keywords: [String: String]
    /// A key of the reading and the segmentation alone (stored since the seventeenth session; nil
    /// in runs stored before). A comparison filters both runs' words with today's term filters, so
    /// a change of the filters alone changes nothing it compares; this key tells the changes that do.
    public var reading: String?

    public init(settings: String, keywords: [String: String], reading: String? = nil) {
        self.settings = settings
        self.keywords = keywords
        self.reading = reading
    }
}

/// The statistics of a stored run that comparisons need.
struct StoredRunStatistics: Sendable {
    var run: StoredRun
    /// Article id → title.
    /// Each article: its id, title, file, and characters and words (to tell an edited article).
    var articles: [(id: String, title: String, sourcePath: String, characters: Int, tokens: Int, bodyHash: String?,
                    fields: [String: String]?)]
    /// Keyword → (whole-word token count, occurrences).
    var keywords: [String: (tokenCount: Int, occurrences: Int)]
    /// Every word's frequency in the run's corpus.
    var terms: FrequencyTable
}

/// The run store: an SQLite database (through GRDB) of every run of a pipeline, its articles,
/// keyword counts and word frequencies. Each run is recorded as `running` when it starts and
/// turned `succeeded` in one transaction at its end, so a run killed at any moment leaves the
/// store consistent; the next run marks it `failed`.
final class RunStore: @unchecked Sendable {
    let path: String
    private let database: DatabaseQueue

    init(path: String) throws {
        self.path = path
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // Another process (`cipin history`, or a run into another output that shares the store)
            // may hold the database for a moment: wait for it rather than fail.
            var configuration = Configuration()
            configuration.busyMode = .timeout(Self.busyTimeout)
            database = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw PipelineError.storeFailed(path: path, reason: "\(error)")
        }
    }

    /// Opens the store for a run; a store SQLite finds damaged (not a database, malformed) is moved
    /// aside, to `<store>.damaged-<time>`, and a new one started, so an unattended nightly run is
    /// not stopped by it for good. The new store knows no earlier run: the run reads every file
    /// and has no previous run to compare with. `warn` is told where the damaged store went.
    /// - Parameter owned: the store is Cipin's own file (`<output>/cipin.sqlite`), moved aside
    ///   even when its header is gone; a store that `store` names is moved only with SQLite's header.
    static func openRecovering(path: String, owned: Bool = false, warn: (String) -> Void) throws -> RunStore {
        do {
            let store = try RunStore(path: path)
            try store.checkReadable()
            return store
        } catch PipelineError.storeFailed(_, let reason) where isDamage(reason) {
            // Only a file SQLite wrote (its header says so) is moved: a `store` that names some
            // other file by mistake is refused, never moved.
            guard owned || isSQLiteFile(path) else {
                throw PipelineError.storeFailed(path: path, reason: "the file is not a run store (not an SQLite database); "
                                                + "check `store` in the pipeline: it must name a file of its own, e.g. cipin.sqlite")
            }
            let aside = try moveAside(path: path, reason: reason)
            warn("the run store \(path) is damaged (\(reason)); it was moved to \(aside) and a new store started: "
                 + "this run reads every file and is compared with no earlier run")
            return try RunStore(path: path)
        }
    }

    /// Whether the file starts with SQLite's header, `SQLite format 3` and a NUL.
    static func isSQLiteFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
    }

    /// Renames a damaged store (and its journal files) to `<store>.damaged-<UTC time>`; returns that path.
    static func moveAside(path: String, reason: String) throws -> String {
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!,
                                                formatOptions: [.withYear, .withMonth, .withDay, .withTime])
        let aside = path + ".damaged-" + stamp
        for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: path + suffix) {
            guard rename(path + suffix, aside + suffix) == 0 else {
                throw PipelineError.storeFailed(path: path, reason: "\(reason); it could not be moved aside (\(String(cString: strerror(errno)))): "
                                                + "move or remove it, and the next run starts a new store")
            }
        }
        return aside
    }

    /// Whether SQLite's message says the file is damaged rather than busy or unwritable.
    static func isDamage(_ reason: String) -> Bool {
        ["malformed", "not a database", "SQLITE_CORRUPT", "SQLITE_NOTADB"].contains { reason.contains($0) }
    }

    /// Reads the tables a run starts from, so damage there is found before the run's work.
    func checkReadable() throws {
        do {
            try database.read { db in
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run")
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM file_stamp")
            }
        } catch {
            throw PipelineError.storeFailed(path: path, reason: "\(error)")
        }
    }

    /// Seconds to wait for another connection's lock on the database before failing.
    static let busyTimeout: TimeInterval = 60

    /// Schema versions, from the first on; a later Cipin adds migrations, never edits these.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("pipeline", .text).notNull()
                t.column("pipeline_hash", .text).notNull()
                t.column("cipin_version", .text).notNull()
                t.column("started", .text).notNull()
                t.column("finished", .text)
                t.column("status", .text).notNull()
                t.column("output", .text).notNull()
                t.column("articles", .integer).notNull().defaults(to: 0)
                t.column("tokens", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "run_article") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("article_id", .text).notNull()
                t.column("title", .text).notNull()
                t.column("author", .text).notNull()
                t.column("region", .text).notNull()
                t.column("date", .text).notNull()
                t.column("source_path", .text).notNull()
                t.column("characters", .integer).notNull()
                t.column("tokens", .integer).notNull()
                t.primaryKey(["run_id", "article_id"])
            }
            try db.create(table: "run_keyword") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("keyword", .text).notNull()
                t.column("occurrences", .integer).notNull()
                t.column("token_count", .integer).notNull()
                t.primaryKey(["run_id", "keyword"])
            }
            try db.create(table: "run_term") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("term", .text).notNull()
                t.column("frequency", .integer).notNull()
                t.primaryKey(["run_id", "term"])
            }
        }
        migrator.registerMigration("v2: file cache") { db in
            try db.create(table: "file_cache") { t in
                t.column("settings_key", .text).notNull()
                t.column("content_hash", .text).notNull()
                t.column("entry", .blob).notNull()
                t.primaryKey(["settings_key", "content_hash"])
            }
        }
        migrator.registerMigration("v3: per-article keyword counts") { db in
            try db.create(table: "run_article_keyword") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("article_id", .text).notNull()
                t.column("keyword", .text).notNull()
                t.column("occurrences", .integer).notNull()
                t.column("token_count", .integer).notNull()
                t.primaryKey(["run_id", "article_id", "keyword"])
            }
        }
        migrator.registerMigration("v4: article keyword cache") { db in
            try db.create(table: "article_keyword_cache") { t in
                t.column("settings_key", .text).notNull()
                t.column("content_hash", .text).notNull()
                t.column("entry", .blob).notNull()
                t.primaryKey(["settings_key", "content_hash"])
            }
        }
        migrator.registerMigration("v5: run terms as one record") { db in
            // A run's word frequencies were a row per word (tens of thousands a run, a third of a
            // nightly run's store time); now one binary record per run. Runs stored before keep their rows.
            try db.create(table: "run_terms") { t in
                t.primaryKey("run_id", .integer).references("run", onDelete: .cascade)
                t.column("entry", .blob).notNull()
            }
        }
        migrator.registerMigration("v6: concordance cache") { db in
            try db.create(table: "concordance_cache") { t in
                t.column("settings_key", .text).notNull()
                t.column("content_hash", .text).notNull()
                t.column("entry", .blob).notNull()
                t.primaryKey(["settings_key", "content_hash"])
            }
        }
        migrator.registerMigration("v7: run folders") { db in
            // The name of each run's folder under `runs/`, so that pruning and the clean-up of killed
            // runs remove exactly the folders of this store's runs (not a folder of an older store
            // whose run ids were the same, nor one of another pipeline sharing the output).
            try db.alter(table: "run") { t in t.add(column: "folder", .text) }
        }
        migrator.registerMigration("v8: file stamps") { db in
            // Per input path, the stamp (`FileStamp`) it had when a run read it and its content hash
            // then: a later run that finds the same stamp takes the hash without reading the file.
            try db.create(table: "file_stamp") { t in
                t.primaryKey("path", .text)
                t.column("device", .integer).notNull()
                t.column("inode", .integer).notNull()
                t.column("size", .integer).notNull()
                t.column("modified", .integer).notNull()
                t.column("changed", .integer).notNull()
                t.column("content_hash", .text).notNull()
            }
        }
        migrator.registerMigration("v9: co-occurrence counts") { db in
            // The co-occurrence counts of the last run's corpus, with the files they cover
            // (`CachedCooccurrence`): the next run updates them with what changed.
            try db.create(table: "cooccurrence_counts") { t in
                t.primaryKey("settings_key", .text)
                t.column("entry", .blob).notNull()
            }
        }
        migrator.registerMigration("v10: run article keyword counts as one record") { db in
            // A row per article and keyword (130,000 a run over 27,000 articles) was half of a
            // nightly run's store time; now one record per run (`RunRecord.articleKeywords`). Runs
            // stored before keep their `run_article_keyword` rows.
            try db.create(table: "run_article_keywords") { t in
                t.primaryKey("run_id", .integer).references("run", onDelete: .cascade)
                t.column("entry", .blob).notNull()
            }
        }
        migrator.registerMigration("v11: dropped statistics") { db in
            // When `keep_stored_runs` dropped a succeeded run's statistics (NULL: kept).
            try db.alter(table: "run") { t in t.add(column: "statistics_dropped", .text) }
        }
        migrator.registerMigration("v12: file hashes") { db in
            // The SHA-256 of the model, dictionary and IDF files by their settled stamps (as
            // `file_stamp` does for inputs), so a run does not read them to key its stored results.
            try db.create(table: "file_hash") { t in
                t.primaryKey("path", .text)
                t.column("device", .integer).notNull()
                t.column("inode", .integer).notNull()
                t.column("size", .integer).notNull()
                t.column("modified", .integer).notNull()
                t.column("changed", .integer).notNull()
                t.column("sha256", .text).notNull()
            }
        }
        migrator.registerMigration("v13: run inputs and outputs") { db in
            // How many input files a run had, read and skipped, and the files it wrote (a JSON list
            // of names in its folder); NULL for runs stored before.
            try db.alter(table: "run") { t in
                t.add(column: "input_files", .integer)
                t.add(column: "files_read", .integer)
                t.add(column: "files_skipped", .integer)
                t.add(column: "outputs", .text)
            }
        }
        migrator.registerMigration("v14: run output keys") { db in
            // For a run into a store named by `store`: its output folder's path with links resolved,
            // which tells apart the outputs that share the store; NULL for a run with the default
            // store (inside its output folder), whose runs are all that folder's.
            try db.alter(table: "run") { t in t.add(column: "output_key", .text) }
        }
        migrator.registerMigration("v15: run method") { db in
            // The run's `RunMethod` as JSON: NULL for runs made before.
            try db.alter(table: "run") { t in t.add(column: "method", .text) }
        }
        migrator.registerMigration("v16: article body hashes") { db in
            // Each article's body's SHA-256: an article of a changed file is edited or not. NULL before.
            try db.alter(table: "run_article") { t in t.add(column: "body_sha256", .text) }
        }
        migrator.registerMigration("v17: run articles as one record") { db in
            // A row per article (27,000 a run over a folder of news) was a third of a nightly
            // run's store time; now one record per run (`RunRecord.articlesRecord`), about as
            // large as the rows with their index. Runs stored before keep their rows.
            try db.create(table: "run_articles") { t in
                t.primaryKey("run_id", .integer).references("run", onDelete: .cascade)
                t.column("entry", .blob).notNull()
            }
        }
        return migrator
    }

    /// The recorded hashes of model, dictionary and IDF files, with the stamps they were taken at.
    func fileHashes() throws -> [String: (stamp: FileStamp, hash: String)] {
        Dictionary(try stampedHashes(sql: "SELECT path, device, inode, size, modified, changed, sha256 FROM file_hash")
            .map { ($0.key.text, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The tables of a run's statistics (the older layouts' among them).
    static let statisticsTables = ["run_article", "run_articles", "run_article_keyword", "run_article_keywords", "run_keyword", "run_term",
                                   "run_terms"]

    /// The stored co-occurrence counts for a settings key; `nil` when there are none or they do not decode.
    func cachedCooccurrence(settingsKey: String) throws -> CachedCooccurrence? {
        let data = try read { db in
            try Data.fetchOne(db, sql: "SELECT entry FROM cooccurrence_counts WHERE settings_key = ?", arguments: [settingsKey])
        }
        return data.flatMap { try? CachedCooccurrence(stored: $0) }
    }

    /// The recorded stamp and content hash of every input path.
    func fileStamps() throws -> [ByteKey: (stamp: FileStamp, contentHash: String)] {
        try stampedHashes(sql: "SELECT path, device, inode, size, modified, changed, content_hash FROM file_stamp")
            .mapValues { ($0.stamp, $0.hash) }
    }

    /// Path → (stamp, hash) from `sql`, which selects a path, the five stamp fields and a hash.
    private func stampedHashes(sql: String) throws -> [ByteKey: (stamp: FileStamp, hash: String)] {
        try read { db in
            var stamps: [ByteKey: (stamp: FileStamp, hash: String)] = [:]
            // Columns by position (a lookup by name lowercases the name, per row and column).
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                // SQLite integers are signed 64-bit: device and inode numbers are stored by bit pattern.
                let stamp = FileStamp(device: UInt64(bitPattern: row[1]), inode: UInt64(bitPattern: row[2]),
                                      size: row[3], modified: row[4], changed: row[5])
                stamps[ByteKey(row[0])] = (stamp, row[6])
            }
            return stamps
        }
    }

    /// The stored entries of files (by content hash) for a settings key.
    func cachedFiles(settingsKey: String) throws -> StoredEntries<CachedFile> {
        try cachedEntries(in: "file_cache", settingsKey: settingsKey)
    }

    /// The stored article keywords of files (by content hash) for a settings key.
    func cachedArticleKeywords(settingsKey: String) throws -> StoredEntries<CachedArticleKeywords> {
        try cachedEntries(in: "article_keyword_cache", settingsKey: settingsKey)
    }

    /// The stored concordance lines of files (by content hash) for a settings key.
    func cachedConcordance(settingsKey: String) throws -> StoredEntries<CachedConcordance> {
        try cachedEntries(in: "concordance_cache", settingsKey: settingsKey)
    }

    /// The entries of a cache table for one settings key, and the content hash of every row that
    /// was read: an entry that does not decode (damaged) is not among `entries`, and its file gets
    /// a new one, but its row is there until then.
    struct StoredEntries<Entry: Sendable>: Sendable {
        var entries: [String: Entry]
        var hashes: Set<String>
    }

    /// The entries of a cache table (`settings_key`, `content_hash`, `entry`) for a settings key.
    ///
    /// Design note. The table is read in the order of its rows, not through its primary key's
    /// index: the index is in content-hash order, so a lookup per entry visited the table's pages
    /// in no order (a page once per entry on it, through SQLite's small page cache), and a scan
    /// read the bench corpus's three tables two to three times as fast. A table holds the entries
    /// of one settings key after every run (`replaceEntries`), so the scan passes over few others.
    private func cachedEntries<Entry: StoredEntry>(in table: String, settingsKey: String) throws -> StoredEntries<Entry> {
        // Each entry's bytes copied once, straight from SQLite's buffer (tens of thousands of entries
        // for a folder of small files: rows and `Data` copies cost more than the copy).
        let rows = try read { db in
            var rows: [(hash: String, entry: [UInt8])] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT content_hash, entry FROM \(table) NOT INDEXED WHERE settings_key = ?",
                                             arguments: [settingsKey])
            while let row = try cursor.next() {
                rows.append((row[0], try row.withUnsafeData(atIndex: 1) { data in data.map { [UInt8]($0) } ?? [] }))
            }
            return rows
        }
        var result: [String: Entry] = [:]
        result.reserveCapacity(rows.count)
        // An entry that does not decode (damaged) is simply not reused. Entries decode side by side.
        let decoded = concurrentMap(rows.count) { try? Entry(storedBytes: rows[$0].entry) }
        for (row, entry) in zip(rows, decoded) { if let entry { result[row.hash] = entry } }
        return StoredEntries(entries: result, hashes: Set(rows.map(\.hash)))
    }

    /// Cache entries as the store keeps them.
    static func encode<Entry: StoredEntry>(_ entries: [(String, Entry)]) throws -> [(String, Data)] {
        try entries.map { ($0.0, try $0.1.stored()) }
    }

    /// Keeps the entries of `table` for the files in `contentHashes` under `settingsKey` (dropping
    /// those of other settings and of files gone) and adds `entries`. `stored`, when given, is
    /// every content hash the table holds under `settingsKey` (as this run read it, under the
    /// store's lock); without it the table's hashes are read here.
    private static func replaceEntries(_ db: Database, in table: String, settingsKey: String, keep contentHashes: Set<String>,
                                       stored: Set<String>?, add entries: [(String, Data)]) throws {
        // As two ranges of the primary key: `!=` scanned the whole table, entries and all.
        try db.execute(sql: "DELETE FROM \(table) WHERE settings_key < ? OR settings_key > ?", arguments: [settingsKey, settingsKey])
        // By the whole primary key: a delete by content hash alone scanned the table, once per file
        // gone (15 s for 268 of 27,000 files in three tables).
        let delete = try db.cachedStatement(sql: "DELETE FROM \(table) WHERE settings_key = ? AND content_hash = ?")
        let held = try stored ?? Set(String.fetchAll(db, sql: "SELECT content_hash FROM \(table)"))
        for hash in held where !contentHashes.contains(hash) {
            try delete.execute(arguments: [settingsKey, hash])
        }
        // In content-hash order, the primary key's: each insert then adds to the index's last page
        // instead of one anywhere in it (a fifth less time for a table of 27,000 new entries).
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO \(table) VALUES (?, ?, ?)")
        for (hash, data) in entries.sorted(by: { $0.0 < $1.0 }) { try insert.execute(arguments: [settingsKey, hash, data]) }
    }

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// Records a new run as `running`, with its folder's name (made from its id), and marks the
    /// pipeline's runs that never finished (killed) as failed.
    ///
    /// - Returns: the new run's id and the folder names of the pipeline's runs that never finished
    ///   or failed, whose partial folders are to be removed: a failed or stopped run removes its own,
    ///   but a thread of a stopped run may have made it again as the process ended.
    ///   and the other pipelines that ran on the store since this pipeline last did.
    ///
    /// A pipeline's runs are those of its name (`scope` nil: the default store, inside the output
    /// folder, whose runs are all that folder's, wherever it has moved) or of its name into one
    /// output folder (`scope`: its path with links resolved, for a store named by `store`, which may
    /// serve runs into several, `--output`, each with its own run folders, previous run and kept
    /// statistics); the scope is recorded as the run's `output_key`, `output` as the run's output
    /// folder. (The store's lock makes every run of the pipeline still marked running a dead one.)
    func begin(pipeline: String, pipelineHash: String, output: String, scope: String?,
               folder: (Int) -> String) throws -> (id: Int, abandonedFolders: [String], otherPipelines: [String]) {
        try write { db in
            // Runs into a named store made before schema v14 recorded no output key: those of this
            // output folder become its runs.
            if let scope {
                try db.execute(sql: "UPDATE run SET output_key = ? WHERE pipeline = ? AND output_key IS NULL AND output IN (?, ?)",
                               arguments: [scope, pipeline, scope, output])
            }
            let abandoned = try String.fetchAll(
                db, sql: "SELECT folder FROM run WHERE pipeline = ? AND status IN ('running', 'failed') AND folder IS NOT NULL" + Self.scopeFilter(scope),
                arguments: Self.arguments([pipeline], scope))
            let others = try String.fetchAll(db, sql: """
                SELECT DISTINCT pipeline FROM run WHERE pipeline != ? AND id > COALESCE((SELECT MAX(id) FROM run WHERE pipeline = ?), 0)
                ORDER BY pipeline
                """, arguments: [pipeline, pipeline])
            try db.execute(sql: "UPDATE run SET status = 'failed' WHERE pipeline = ? AND status = 'running'", arguments: [pipeline])
            try db.execute(sql: """
                INSERT INTO run (pipeline, pipeline_hash, cipin_version, started, status, output, output_key) VALUES (?, ?, ?, ?, 'running', ?, ?)
                """, arguments: [pipeline, pipelineHash, CipinVersion.current, Self.now(), output, scope])
            let id = Int(db.lastInsertedRowID)
            try db.execute(sql: "UPDATE run SET folder = ? WHERE id = ?", arguments: [folder(id), id])
            return (id, abandoned, others)
        }
    }

    /// The folders of a pipeline's succeeded runs (in `scope`, see `begin`), newest run first (runs
    /// stored before schema v7 have no recorded folder and are not listed).
    func runFolders(pipeline: String, scope: String?) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT folder FROM run WHERE pipeline = ? AND status = 'succeeded' AND folder IS NOT NULL"
                                    + Self.scopeFilter(scope) + " ORDER BY id DESC",
                                arguments: Self.arguments([pipeline], scope))
        }
    }

    /// The runs of a scope (see `begin`): `AND output_key = ?` for a named store's output folder,
    /// `AND output_key IS NULL` for the default store (runs into a named store that happens to be
    /// another output's default one are not that output's).
    static func scopeFilter(_ scope: String?) -> String { scope == nil ? " AND output_key IS NULL" : " AND output_key = ?" }

    /// `values`, then the scope when there is one, then `after`.
    static func arguments(_ values: [any DatabaseValueConvertible], _ scope: String?, _ after: [any DatabaseValueConvertible] = []) -> StatementArguments {
        StatementArguments(values + (scope.map { [$0] } ?? []) + after)
    }

    /// Stores a finished run's statistics and the cache entries of its files and marks it
    /// succeeded, in one transaction, so a run killed at any moment leaves the store as it was.
    /// (`record` is prepared while the report is written; this is only the database's part.)
    ///
    /// - Throws: `PipelineError.storeFailed` when the run is no longer `running` (an interrupt
    ///   marked it failed meanwhile), or the database fails.
    func commit(run: Int, record: RunRecord) throws {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run WHERE id = ? AND status = 'running'", arguments: [run]) == 1 else {
                throw PipelineError.storeFailed(path: path, reason: "run \(run) is no longer running (interrupted)")
            }
            try db.execute(sql: "INSERT INTO run_articles VALUES (?, ?)", arguments: [run, RunRecord.articlesRecord(record.articles)])
            try db.execute(sql: "INSERT INTO run_article_keywords VALUES (?, ?)", arguments: [run, record.articleKeywords])
            let keyword = try db.cachedStatement(sql: "INSERT INTO run_keyword VALUES (?, ?, ?, ?)")
            for row in record.keywords {
                try keyword.execute(arguments: [run, row.keyword, row.occurrences, row.tokenCount])
            }
            try db.execute(sql: "INSERT INTO run_terms VALUES (?, ?)", arguments: [run, record.terms])
            // Only the latest counts are kept (a run without them leaves none behind).
            try db.execute(sql: "DELETE FROM cooccurrence_counts")
            if let counts = record.cooccurrence {
                try db.execute(sql: "INSERT INTO cooccurrence_counts VALUES (?, ?)", arguments: [counts.settingsKey, counts.entry])
            }
            for cache in record.caches {
                try Self.replaceEntries(db, in: cache.table, settingsKey: cache.settingsKey, keep: cache.keep, stored: cache.stored,
                                        add: cache.entries)
            }
            // A path read without a settled stamp loses its old one: the next run reads it again.
            // (`files` holds only the paths whose stamp or content changed.)
            let stamp = try db.cachedStatement(sql: "INSERT OR REPLACE INTO file_stamp VALUES (?, ?, ?, ?, ?, ?, ?)")
            let unstamp = try db.cachedStatement(sql: "DELETE FROM file_stamp WHERE path = ?")
            for path in record.pathsGone { try unstamp.execute(arguments: [path]) }
            let hash = try db.cachedStatement(sql: "INSERT OR REPLACE INTO file_hash VALUES (?, ?, ?, ?, ?, ?, ?)")
            for (path, entry) in record.fileHashes {
                try hash.execute(arguments: [path, Int64(bitPattern: entry.stamp.device), Int64(bitPattern: entry.stamp.inode),
                                             entry.stamp.size, entry.stamp.modified, entry.stamp.changed, entry.hash])
            }
            for file in record.files {
                if let value = file.stamp {
                    try stamp.execute(arguments: [file.path, Int64(bitPattern: value.device), Int64(bitPattern: value.inode),
                                                  value.size, value.modified, value.changed, file.contentHash])
                } else {
                    try unstamp.execute(arguments: [file.path])
                }
            }
            let outputs = String(decoding: try JSONEncoder().encode(record.outputs), as: UTF8.self)
            let method = try record.method.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try db.execute(sql: """
                UPDATE run SET status = 'succeeded', finished = ?, articles = ?, tokens = ?,
                               input_files = ?, files_read = ?, files_skipped = ?, outputs = ?, method = ? WHERE id = ?
                """, arguments: [Self.now(), record.articles.count, record.tokenCount,
                                  record.inputFiles, record.filesRead, record.filesSkipped, outputs, method, run])
        }
    }

    /// Drops the statistics of a pipeline's succeeded runs (in `scope`) but the newest `keep`, and
    /// marks those runs (`statistics_dropped`), in one transaction. Called once a run has become
    /// `latest`, so the run a next run compares with always keeps them; a run killed before drops
    /// nothing, and the next successful run drops what is due. (Each table's rows are found by
    /// the first column of its primary key, `run_id`.)
    func dropStatistics(pipeline: String, scope: String?, keep: Int) throws {
        precondition(keep >= 1, "the newest run keeps its statistics")
        try write { db in
            let older = try Int.fetchAll(db, sql: "SELECT id FROM run WHERE pipeline = ? AND status = 'succeeded' AND statistics_dropped IS NULL"
                                             + Self.scopeFilter(scope) + " ORDER BY id DESC LIMIT -1 OFFSET ?",
                                         arguments: Self.arguments([pipeline], scope, [keep]))
            let now = Self.now()
            for id in older {
                for table in Self.statisticsTables {
                    try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [id])
                }
                try db.execute(sql: "UPDATE run SET statistics_dropped = ? WHERE id = ?", arguments: [now, id])
            }
        }
    }

    /// Marks a run that is still running as failed; false if it had already ended. With
    /// `evenIfSucceeded` (a run whose report was stored but could not be made `latest`), a
    /// succeeded run is failed too and its statistics dropped.
    @discardableResult
    func fail(run: Int, evenIfSucceeded: Bool = false) -> Bool {
        (try? write { db in
            // A failed run has no statistics and no recorded inputs or outputs.
            try db.execute(sql: """
                UPDATE run SET status = 'failed', finished = ?, input_files = NULL, files_read = NULL, files_skipped = NULL, outputs = NULL
                WHERE id = ? AND (status = 'running' OR ?)
                """, arguments: [Self.now(), run, evenIfSucceeded])
            guard db.changesCount == 1 else { return false }
            for table in Self.statisticsTables {
                try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [run])
            }
            return true
        }) ?? false
    }

    /// A pipeline's runs (in `scope`, see `begin`), oldest first.
    func runs(pipeline: String, scope: String?) throws -> [StoredRun] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run WHERE pipeline = ?" + Self.scopeFilter(scope) + " ORDER BY id",
                             arguments: Self.arguments([pipeline], scope)).map(Self.storedRun)
        }
    }

    /// The last succeeded run of `pipeline` (in `scope`) before run `id`.
    func previousRun(pipeline: String, scope: String?, before id: Int) throws -> StoredRun? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM run WHERE pipeline = ? AND status = 'succeeded' AND id < ?" + Self.scopeFilter(scope)
                                 + " ORDER BY id DESC LIMIT 1",
                             arguments: Self.arguments([pipeline, id], scope)).map(Self.storedRun)
        }
    }

    func statistics(run id: Int) throws -> StoredRunStatistics {
        try read { db in
            // Only succeeded runs have statistics to compare.
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ? AND status = 'succeeded'", arguments: [id]) else {
                throw PipelineError.unknownRun(store: path, run: id)
            }
            if let dropped = row["statistics_dropped"] as String? {
                throw PipelineError.statisticsDropped(store: path, run: id, when: dropped)
            }
            let articles: [(id: String, title: String, sourcePath: String, characters: Int, tokens: Int, bodyHash: String?,
                            fields: [String: String]?)]
            if let entry = try Data.fetchOne(db, sql: "SELECT entry FROM run_articles WHERE run_id = ?", arguments: [id]) {
                guard let rows = try? RunRecord.articles(stored: entry) else {
                    throw PipelineError.storeFailed(path: path, reason: "the articles of run \(id) are damaged; "
                                                    + "compare other runs, or start a new store")
                }
                articles = rows.map { ($0.id, $0.title, $0.sourcePath, $0.characters, $0.tokens, $0.bodyHash.isEmpty ? nil : $0.bodyHash, $0.fields) }
            } else {
                // A run stored by an earlier Cipin: a row per article.
                articles = try Row.fetchAll(db, sql: "SELECT article_id, title, source_path, characters, tokens, body_sha256 FROM run_article "
                                                + "WHERE run_id = ? ORDER BY rowid", arguments: [id])
                    .map { (id: $0["article_id"] as String, title: $0["title"] as String, sourcePath: $0["source_path"] as String,
                            characters: $0["characters"] as Int, tokens: $0["tokens"] as Int, bodyHash: $0["body_sha256"] as String?,
                            fields: nil) }
            }
            var keywords: [String: (tokenCount: Int, occurrences: Int)] = [:]
            for keyword in try Row.fetchAll(db, sql: "SELECT * FROM run_keyword WHERE run_id = ?", arguments: [id]) {
                keywords[keyword["keyword"]] = (keyword["token_count"], keyword["occurrences"])
            }
            var words: [String] = []
            var counts: [Int] = []
            if let entry = try Data.fetchOne(db, sql: "SELECT entry FROM run_terms WHERE run_id = ?", arguments: [id]) {
                guard let terms = try? RunRecord.terms(stored: entry) else {
                    throw PipelineError.storeFailed(path: path, reason: "the word frequencies of run \(id) are damaged; "
                                                    + "compare other runs, or start a new store")
                }
                (words, counts) = terms
            } else {
                // A run stored by an earlier Cipin: a row per word, read by column position through a cursor.
                let terms = try Row.fetchCursor(db, sql: "SELECT term, frequency FROM run_term WHERE run_id = ? ORDER BY rowid", arguments: [id])
                while let term = try terms.next() {
                    words.append(term[0])
                    counts.append(term[1])
                }
            }
            let run = Self.storedRun(row)
            return StoredRunStatistics(run: run, articles: articles, keywords: keywords,
                                       terms: FrequencyTable(words: words, counts: counts, total: run.tokens))
        }
    }

    static func storedRun(_ row: Row) -> StoredRun {
        StoredRun(id: row["id"], pipeline: row["pipeline"], pipelineHash: row["pipeline_hash"], cipinVersion: row["cipin_version"],
                  started: row["started"], finished: row["finished"], status: row["status"], output: row["output"],
                  articles: row["articles"], tokens: row["tokens"], statisticsDropped: row["statistics_dropped"],
                  inputFiles: row["input_files"], filesRead: row["files_read"], filesSkipped: row["files_skipped"],
                  outputs: (row["outputs"] as String?).flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) },
                  method: row.hasColumn("method") ? (row["method"] as String?).flatMap { try? JSONDecoder().decode(RunMethod.self, from: Data($0.utf8)) } : nil)
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.write(body) } catch let error as PipelineError { throw error } catch {
            throw PipelineError.storeFailed(path: path, reason: "\(error)")
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.read(body) } catch let error as PipelineError { throw error } catch {
            throw PipelineError.storeFailed(path: path, reason: "\(error)")
        }
    }
}

/// What a finished run stores: its statistics and the cache entries of its new files, made
/// (counted and encoded) while the report is written, then committed in one transaction.
struct RunRecord: Sendable {
    struct ArticleRow: Sendable {
        var id, title, author, region, date, sourcePath: String
        var characters, tokens: Int
        /// The SHA-256 of the article's body (schema v16), to tell an edited article in the next run.
        var bodyHash: String = ""
        /// Every metadata field with a value (`metadata(_:at:)`), to tell an article whose metadata
        /// changed while its file did not (a sidecar edited); `nil` in a record of an earlier Cipin.
        var fields: [String: String]? = nil
    }
    struct CacheUpdate: Sendable {
        var table: String
        var settingsKey: String
        var keep: Set<String>
        var entries: [(String, Data)]
        /// Every content hash the table holds under `settingsKey`, when the run read them
        /// (`RunStore.StoredEntries.hashes`); `nil` to have them read when the run is stored.
        var stored: Set<String>? = nil
    }

    var articles: [ArticleRow]
    /// The run's input files whose stamps are to be recorded (or, without a stamp, forgotten):
    /// those whose stamp or content hash is not the recorded one (`files(_:recorded:)`).
    var files: [InputFile] = []
    /// Recorded paths that are no longer inputs, whose stamps are dropped.
    var pathsGone: [String] = []
    /// The run's input files (skipped ones among them), those read and segmented, and those skipped.
    var inputFiles = 0, filesRead = 0, filesSkipped = 0
    /// The names of the files the run wrote into its folder.
    var outputs: [String] = []
    /// What the run's numbers depend on besides its inputs.
    var method: RunMethod?
    /// The model, dictionary and IDF files' hashes this run used (settled stamps only), to record.
    var fileHashes: [String: (stamp: FileStamp, hash: String)] = [:]
    /// Each article's keyword counts (keywords without their set members), as one record:
    /// `cipin-run-article-keywords-1`, the keywords and the article ids (string lists), then the
    /// occurrences and the token matches, article by article, keyword by keyword (LEB128 varint lists).
    var articleKeywords: Data
    var keywords: [(keyword: String, occurrences: Int, tokenCount: Int)]
    /// Every word's frequency (words with none left out), as one record (`terms(stored:)` reads it).
    var terms: Data
    var tokenCount: Int
    var caches: [CacheUpdate]
    /// The run's co-occurrence counts (`CachedCooccurrence.stored()`), for the next run.
    var cooccurrence: (settingsKey: String, entry: Data)?

    /// The statistics of `corpus` and its keyword counts, and the cache tables' updates.
    /// `table`: the corpus's word frequencies, when already made.
    /// - Parameter bodyHashes: each article's body's SHA-256, by article id (see `ArticleRow.bodyHash`).
    /// - Parameter metadata: each article's `metadata(_:at:)`, when already made.
    init(corpus: SegmentedCorpus, keywords: KeywordFrequencies, method: RunMethod? = nil, caches: [CacheUpdate], table given: FrequencyTable? = nil,
         bodyHashes: [String: String] = [:], metadata: [[String: String]]? = nil) {
        self.method = method
        // Each article, segment and keyword row read in place (one copied out of its array retains
        // its arrays and strings; zipped, every article and segment was copied): `shown(_:at:)`.
        let items = corpus.articles, segments = corpus.segments
        articles = items.indices.map { index in
            ArticleRow(id: items[index].id, title: items.shown("title", at: index), author: items.shown("author", at: index),
                       region: items.shown("region", at: index), date: items.shown("date", at: index), sourcePath: items[index].sourcePath,
                       characters: items[index].characterCount, tokens: segments[index].tokens.count,
                       bodyHash: bodyHashes[items[index].id] ?? "", fields: metadata?[index] ?? Self.metadata(items, at: index))
        }
        let perArticle = keywords.perArticle
        articleKeywords = Self.articleKeywords(perArticle, rows: perArticle.indices.filter { perArticle[$0].member.isEmpty })
        self.keywords = keywords.totals.filter(\.member.isEmpty).map { ($0.keyword, $0.occurrences, $0.tokenMatches) }
        terms = Self.termsRecord(given ?? FrequencyTable(corpus: corpus))
        tokenCount = corpus.tokenCount
        self.caches = caches
    }

    /// The metadata fields of `articles[index]` that have a value: title, author, position, region
    /// and date as the report shows them (a sidecar's value first), and the sidecar's other fields.
    /// A title that is the file's name is left out: a renamed file is the same article.
    /// (The article is read in place: a copy retains its dozen strings.)
    static func metadata(_ articles: [Article], at index: Int) -> [String: String] {
        articles.withUnsafeBufferPointer { buffer in
            var fields: [String: String] = [:]
            for name in ["title", "author", "position", "region", "date"] where !(name == "title" && buffer[index].titleIsFileName == true) {
                let value = buffer[index].shown(name)
                if !value.isEmpty { fields[name] = value }
            }
            for (name, value) in buffer[index].fields where !value.isEmpty && !Article.sidecarBuiltIns.contains(name) { fields[name] = value }
            return fields
        }
    }

    /// The `terms` record of `table`'s words that occur: see `terms(stored:)`.
    static func termsRecord(_ table: FrequencyTable) -> Data {
        var writer = BinaryWriter()
        writer.string(Self.termsMagic)
        let present = table.counts.indices.filter { table.counts[$0] > 0 }
        writer.strings(present.map { table.words[$0] })
        for index in present { writer.integer(table.counts[index]) }
        RecordChecksum.append(to: &writer)
        return writer.data
    }

    /// The words and frequencies of a `terms` record (`cipin-run-terms-2`: the words, a string
    /// list, then their counts, then a checksum; an earlier Cipin's `-1` has no checksum); throws
    /// `BinaryReader.Damaged` if it is not one.
    static func terms(stored data: Data) throws -> (words: [String], counts: [Int]) {
        var reader = BinaryReader(data)
        let magic = try reader.string()
        if magic == termsMagic {
            reader = BinaryReader(try RecordChecksum.verified(data))
            _ = try reader.string()
        } else {
            guard magic == termsMagicWithoutChecksum else { throw BinaryReader.Damaged() }
        }
        let words = try reader.strings()
        let counts = try words.indices.map { _ in try reader.integer() }
        guard reader.isAtEnd, counts.allSatisfy({ $0 > 0 }) else { throw BinaryReader.Damaged() }
        return (words, counts)
    }

    private static let termsMagic = "cipin-run-terms-2"
    /// The record of an earlier Cipin, without a checksum.
    static let termsMagicWithoutChecksum = "cipin-run-terms-1"

    /// The run's articles as one record, in the compact layout of the cache entries (LEB128
    /// varints for counts, lengths and numbers): `cipin-run-articles-3`; the ids and the titles
    /// (string lists); the authors, regions, dates and source paths, each as its distinct values
    /// (a string list, in order of first use) and each article's index into them (an integer
    /// list); the characters and the words (integer lists); whether each article has a body hash
    /// (an integer list of 0 and 1), then each such hash's 32 bytes; last the names of the
    /// metadata fields (`ArticleRow.fields`, a string list in Swift's string order), then for each
    /// name its values as the authors' ("" for none); last a checksum (`RecordChecksum`: one
    /// changed byte could otherwise still parse, and report a change that never was). Records of
    /// an earlier Cipin read too: `cipin-run-articles-2` is this without the checksum;
    /// `cipin-run-articles-1` also ends with the hashes and reads with `fields` nil. An earlier
    /// Cipin takes a newer record for damaged and does not compare with that run.
    static func articlesRecord(_ rows: [ArticleRow]) -> Data {
        var writer = BinaryWriter()
        writer.compactString(articlesMagic)
        writer.compactStrings(rows.indices.map { rows[$0].id })
        writer.compactStrings(rows.indices.map { rows[$0].title })
        // Fields that repeat (a region, a date, the file of several articles): each value once.
        // (Values keyed by their bytes, each row read in place: see `ByteKey`.)
        func interned(_ value: (borrowing ArticleRow) -> String) {
            var values: [String] = []
            var index: [ByteKey: Int] = [:]
            var indices: [Int] = []
            indices.reserveCapacity(rows.count)
            for row in rows.indices {
                let text = ByteKey(value(rows[row]))
                if let known = index[text] {
                    indices.append(known)
                } else {
                    index[text] = values.count
                    indices.append(values.count)
                    values.append(text.text)
                }
            }
            writer.compactStrings(values)
            writer.compactIntegers(indices)
        }
        interned { $0.author }
        interned { $0.region }
        interned { $0.date }
        interned { $0.sourcePath }
        writer.compactIntegers(rows.indices.map { rows[$0].characters })
        writer.compactIntegers(rows.indices.map { rows[$0].tokens })
        let hashes = rows.indices.map { hashBytes(rows[$0].bodyHash) }
        writer.compactIntegers(hashes.map { $0 == nil ? 0 : 1 })
        for hash in hashes { if let hash { writer.bytes(hash[...]) } }
        let names = Set(rows.indices.flatMap { rows[$0].fields?.keys.map { $0 } ?? [] }).sorted()
        writer.compactStrings(names)
        for name in names { interned { $0.fields?[name] ?? "" } }
        RecordChecksum.append(to: &writer)
        return writer.data
    }

    /// The rows of an `articlesRecord` (a missing body hash as ""); throws `BinaryReader.Damaged`
    /// if it is not one.
    static func articles(stored data: Data) throws -> [ArticleRow] {
        var reader = BinaryReader(data)
        let magic = try reader.compactString()
        if magic == articlesMagic {
            reader = BinaryReader(try RecordChecksum.verified(data))
            _ = try reader.compactString()
        } else {
            guard magic == Self.articlesMagicWithoutChecksum || magic == Self.articlesMagicWithoutFields else { throw BinaryReader.Damaged() }
        }
        let ids = try reader.compactStrings()
        var fields = [try reader.compactStrings()]
        guard fields[0].count == ids.count else { throw BinaryReader.Damaged() }
        for _ in 0..<4 {
            let values = try reader.compactStrings()
            let indices = try reader.compactIntegers(Int.self)
            guard indices.count == ids.count, indices.allSatisfy({ values.indices.contains($0) }) else { throw BinaryReader.Damaged() }
            fields.append(indices.map { values[$0] })
        }
        let characters = try reader.compactIntegers(Int.self), tokens = try reader.compactIntegers(Int.self)
        let hashed = try reader.compactIntegers(Int.self)
        guard characters.count == ids.count, tokens.count == ids.count, hashed.count == ids.count,
              (characters + tokens).allSatisfy({ $0 >= 0 }), hashed.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw BinaryReader.Damaged() }
        var rows: [ArticleRow] = []
        rows.reserveCapacity(ids.count)
        for index in ids.indices {
            let hash = hashed[index] == 1 ? hex(try reader.bytes(32)) : ""
            rows.append(ArticleRow(id: ids[index], title: fields[0][index], author: fields[1][index], region: fields[2][index],
                                   date: fields[3][index], sourcePath: fields[4][index], characters: characters[index],
                                   tokens: tokens[index], bodyHash: hash))
        }
        if magic != Self.articlesMagicWithoutFields {
            let names = try reader.compactStrings()
            guard names == names.sorted(), Set(names).count == names.count else { throw BinaryReader.Damaged() }
            for index in rows.indices { rows[index].fields = [:] }
            for name in names {
                let values = try reader.compactStrings()
                let indices = try reader.compactIntegers(Int.self)
                guard indices.count == ids.count, indices.allSatisfy({ values.indices.contains($0) }) else { throw BinaryReader.Damaged() }
                for (row, value) in indices.enumerated() where !values[value].isEmpty { rows[row].fields![name] = values[value] }
            }
        }
        guard reader.isAtEnd else { throw BinaryReader.Damaged() }
        return rows
    }

    /// Bytes as lowercase hex digits.
    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var at = 0
            for byte in bytes {
                out[at] = digits[Int(byte >> 4)]
                out[at + 1] = digits[Int(byte & 0x0F)]
                at += 2
            }
            return at
        }
    }

    /// The 32 bytes of a SHA-256 written as 64 lowercase hex digits; `nil` for anything else.
    private static func hashBytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        for pair in stride(from: 0, to: 64, by: 2) {
            guard let high = value(digits[pair]), let low = value(digits[pair + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static let articlesMagic = "cipin-run-articles-3"
    /// The record of an earlier Cipin, without the checksum.
    static let articlesMagicWithoutChecksum = "cipin-run-articles-2"
    /// The record of an earlier Cipin, without the metadata fields.
    static let articlesMagicWithoutFields = "cipin-run-articles-1"

    /// The `articleKeywords` record of the rows of `KeywordFrequencies.perArticle` (one per article
    /// and keyword, articles in order, each with every keyword).
    /// (`rows`: the indexes in `all` of the rows to keep, the keywords' and not their sets' words.)
    static func articleKeywords(_ all: [KeywordFrequencies.Row], rows: [Int]) -> Data {
        // The first article's rows name the keywords (two keywords may share a name).
        let keywords = rows.prefix { all[$0].unit == all[rows[0]].unit }.map { all[$0].keyword }
        precondition(keywords.isEmpty || rows.count % keywords.count == 0, "every article with every keyword")
        var writer = BinaryWriter()
        writer.string(articleKeywordsMagic)
        writer.strings(keywords)
        writer.strings(stride(from: 0, to: rows.count, by: max(1, keywords.count)).map { all[rows[$0]].unit })
        writer.varints(rows.map { all[$0].occurrences })
        writer.varints(rows.map { all[$0].tokenMatches })
        return writer.data
    }

    private static let articleKeywordsMagic = "cipin-run-article-keywords-1"

    /// The input files whose recorded stamp is to change: a new stamp, another content hash, or no
    /// stamp where one was recorded (`recorded`: the store's stamps when the run began).
    static func files(_ files: [InputFile], recorded: [ByteKey: (stamp: FileStamp, contentHash: String)]) -> [InputFile] {
        files.filter { file in
            guard let old = recorded[ByteKey(file.path)] else { return file.stamp != nil }
            return file.stamp != old.stamp || file.contentHash != old.contentHash
        }
    }
}

