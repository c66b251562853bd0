import Dispatch
import Foundation
import Ingest
import Synchronization

/// A live progress line on a terminal: files read (ingest), then articles segmented, each with MB
/// done, MB/s and time left.
///
/// Workers only add to atomic counters; a timer redraws the line five times a second, so the
/// meter costs the work nothing measurable. The command line makes one only when standard error
/// is a terminal, so scheduled runs print no progress.
public final class ProgressMeter: Sendable {
    private let done = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let state = Mutex<(stage: String, unit: String, total: Int, totalBytes: Int, start: UInt64)>(("", "", 0, 0, 0))
    private let timer = TimerSlot()
    /// The timer's handler runs here, so `finish()` can wait for a handler already running.
    private let queue = DispatchQueue(label: "cipin.progress")
    private let write: @Sendable (String) -> Void

    /// - Parameter write: where the line goes; standard error by default.
    public init(write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.write = write
    }

    /// Starts a stage of `total` items (`unit`: "files", "articles") holding `totalBytes` bytes.
    func start(_ stage: String, total: Int, totalBytes: Int, unit: String = "articles") {
        done.store(0, ordering: .relaxed)
        bytes.store(0, ordering: .relaxed)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + 0.2, repeating: 0.2)
        timer.setEventHandler { [weak self] in self?.draw() }
        state.withLock { $0 = (stage, unit, total, totalBytes, DispatchTime.now().uptimeNanoseconds) }
        self.timer.replace(with: timer)
        timer.resume()
    }

    /// One item of `byteCount` bytes is done.
    func advance(bytes byteCount: Int) {
        done.wrappingAdd(1, ordering: .relaxed)
        bytes.wrappingAdd(byteCount, ordering: .relaxed)
    }

    /// Ends the stage: shows its final count once, then clears the line. A redraw already under way
    /// finishes first (on the timer's queue), so no stale line follows the cleared one.
    func finish() {
        timer.replace(with: nil)
        queue.sync {
            draw()
            write("\r\u{1B}[K")
        }
    }

    func draw() {
        let (stage, unit, total, totalBytes, start) = state.withLock { ($0.stage, $0.unit, $0.total, $0.totalBytes, $0.start) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let doneBytes = bytes.load(ordering: .relaxed)
        let rate = seconds > 0 ? Double(doneBytes) / 1e6 / seconds : 0
        let left = rate > 0 ? Double(totalBytes - doneBytes) / 1e6 / rate : 0
        write(String(format: "\r\u{1B}[K%@: %d/%d %@, %.1f/%.1f MB, %.1f MB/s, %.0f s left",
                     stage, done.load(ordering: .relaxed), total, unit, Double(doneBytes) / 1e6, Double(totalBytes) / 1e6, rate, left))
    }
}

/// The ingest stage's progress: files read.
extension ProgressMeter: IngestProgress {
    public func ingestStarted(files: Int, bytes: Int) { start("ingest", total: files, totalBytes: bytes, unit: "files") }
    public func fileDone(bytes: Int) { advance(bytes: bytes) }
    public func ingestFinished() { finish() }
}

/// The meter's timer, replaced and cancelled under a lock.
private final class TimerSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?

    func replace(with new: DispatchSourceTimer?) {
        lock.lock()
        let old = timer
        timer = new
        lock.unlock()
        old?.cancel()
    }
}
