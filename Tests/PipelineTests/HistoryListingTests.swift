import Testing
@testable import Pipeline

/// `cipin history`'s listing: a column per field, `-` where a run has no value (a failed run, or
/// a run stored before the store recorded its files), the statistics' state last.
@Suite struct HistoryListingTests {
    @Test func columnsAndMissingValues() {
        let old = StoredRun(id: 1, pipeline: "p", pipelineHash: "h", cipinVersion: "0.1", started: "2026-01-01T00:00:00.000Z",
                            finished: "2026-01-01T00:00:05.000Z", status: "succeeded", output: "/o", articles: 11, tokens: 30146,
                            statisticsDropped: "2026-02-01T00:00:00.000Z")
        var new = old
        new.id = 2
        new.statisticsDropped = nil
        new.inputFiles = 1904
        new.filesRead = 19
        new.filesSkipped = 2
        var failed = old
        failed.id = 3
        failed.status = "failed"
        failed.finished = nil
        failed.articles = 0
        failed.tokens = 0
        let lines = History.listing([old, new, failed]).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.count == 4)
        #expect(lines[0] == ["run", "status", "started", "finished", "files", "read", "skipped", "articles", "words", "statistics"])
        #expect(lines[1] == ["1", "succeeded", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:05.000Z", "-", "-", "-", "11", "30146",
                             "dropped", "2026-02-01T00:00:00.000Z"])
        #expect(lines[2] == ["2", "succeeded", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:05.000Z", "1904", "19", "2", "11", "30146", "kept"])
        // A failed run counted nothing: its articles and words are not known, not 0.
        #expect(lines[3] == ["3", "failed", "2026-01-01T00:00:00.000Z", "-", "-", "-", "-", "-", "-", "-"])
    }
}
