import Foundation

/// Errors of the pipeline: its file, its run, its outputs.
public enum PipelineError: LocalizedError, Equatable, Sendable {
    /// A mistake in a pipeline file, at a line and column.
    case invalidPipeline(path: String, line: Int, column: Int, message: String)
    /// A pipeline file that cannot be read.
    case unreadablePipeline(path: String, reason: String)
    /// A shard's partial result that cannot be merged.
    case badShard(path: String, reason: String)
    /// Another run of the same pipeline holds the output folder's lock.
    case locked(path: String)
    /// A stored run that does not exist.
    case unknownRun(store: String, run: Int)
    /// A stored run that is not one of the pipeline's (into its output folder).
    case notOwnRun(store: String, run: Int, pipeline: String, output: String)
    /// A stored run whose statistics `keep_stored_runs` dropped.
    case statisticsDropped(store: String, run: Int, when: String)
    /// The run store cannot be opened or written.
    case storeFailed(path: String, reason: String)
    /// No run store where one was asked for (`history`, `compare --runs`): nothing was stored.
    case noStoredRuns(path: String, reason: String)
    /// A comparison by a field that has fewer than two groups; with no group at all, `missing`
    /// says why no article has a value of it (`AnalysisRun.MissingField.clause`) and `known`
    /// lists the fields that have values; `unvalued` counts the articles without a value, which
    /// a comparison leaves out (they are no group).
    case notComparable(field: String, groups: [String], known: [String] = [], missing: String = "", unvalued: Int = 0)
    /// An output that could not be written; the previous report is intact.
    case outputFailed(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .invalidPipeline(let path, let line, let column, let message):
            return "\(path):\(line):\(column): \(message)"
        case .unreadablePipeline(let path, let reason):
            return "\(path): cannot read the pipeline file: \(reason)"
        case .badShard(let path, let reason):
            return "\(path): cannot merge: \(reason)"
        case .locked(let path):
            return "\(path): another run of this pipeline (or one that shares its run store) is running (it holds this lock); try again later, or pass --wait to wait for it"
        case .unknownRun(let store, let run):
            return "\(store): there is no succeeded run \(run); `cipin history PIPELINE` lists the runs and their status"
        case .notOwnRun(let store, let run, let pipeline, let output):
            return "\(store): run \(run) is not a run of `\(pipeline)` into \(output); `cipin history PIPELINE` lists its runs "
                + "(with `-o DIR` those made with `cipin run --output DIR`, which `compare --runs-from DIR` compares)"
        case .statisticsDropped(let store, let run, let when):
            return "\(store): the statistics of run \(run) were dropped at \(when) (`keep_stored_runs`), so it cannot be compared; "
                + "`cipin history PIPELINE` lists the runs that keep theirs (with `-o DIR` those made with `cipin run --output DIR`, "
                + "which `compare --runs-from DIR` compares)"
        case .storeFailed(let path, let reason):
            return "\(path): the run store failed: \(reason)"
                + (RunStore.isDamage(reason) ? "; the store is damaged: `cipin run` moves it aside (to <store>.damaged-<time>) "
                   + "and starts a new one (its run history then starts again), or restore it from a backup" : "")
        case .noStoredRuns(let path, let reason):
            return "\(path): \(reason)"
        case .notComparable(let field, let groups, let known, let missing, let unvalued):
            if groups.isEmpty {
                return "cannot compare by `\(field)`: \(missing); the fields with values: "
                    + (known.isEmpty ? "none" : known.joined(separator: ", "))
            }
            return "cannot compare by `\(field)`: the articles have \(groups.count) value(s) of it (\(groups.joined(separator: ", ")))"
                + (unvalued > 0 ? ", and \(unvalued) article(s) none, which a comparison leaves out" : "") + "; "
                + "choose a field with two or more values ("
                + (["author", "region", "month", "year"].filter { $0 != field } + ["or a sidecar field"]).joined(separator: ", ") + ")"
        case .outputFailed(let path, let reason):
            return "\(path): cannot write the output: \(reason); the previous report, if any, is left as it was"
        }
    }
}
