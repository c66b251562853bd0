import Testing

@testable import Reporting

@Suite("File mentions")
struct FileMentionsTests {
    /// Whole names only: not the end of a longer name or of a path, not the start of a longer one.
    @Test func wholeNamesAreFound() {
        let text = "terms.csv has them; run_new_terms.csv, /data/terms.csv, terms.csvx and a-terms.csv do not; see keywords.csv."
        let found = FileMentions.ranges(in: text, of: ["terms.csv", "keywords.csv"]).map { String(text[$0]) }
        #expect(found == ["terms.csv", "keywords.csv"])
        #expect(FileMentions.ranges(in: text, of: []).isEmpty)
        #expect(FileMentions.ranges(in: "no files here", of: ["terms.csv"]).isEmpty)
        // Names of other extensions, in text order whatever the extension.
        let mixed = "trends.svg, then terms.csv"
        #expect(FileMentions.ranges(in: mixed, of: ["terms.csv", "trends.svg"]).map { String(mixed[$0]) } == ["trends.svg", "terms.csv"])
        // Beside Chinese text and punctuation.
        let chinese = "见terms.csv（全部）"
        #expect(FileMentions.ranges(in: chinese, of: ["terms.csv"]).map { String(chinese[$0]) } == ["terms.csv"])
    }
}
