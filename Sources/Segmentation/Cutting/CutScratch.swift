/// Working memory for cutting, owned by the caller and reused from one call to the next so that
/// a long run of lines costs no allocation per line.
///
/// A scratch is not `Sendable`: give each thread its own.
///
///     let scratch = SegmentationScratch()
///     var ends: [Int] = []
///     for line in lines {
///         ends.removeAll(keepingCapacity: true)
///         segmenter.cut(line, utf8TokenEnds: &ends, scratch: scratch)
///     }
public final class SegmentationScratch {
    /// The text as Unicode scalar values.
    var scalars: UnsafeMutablePointer<UInt32>
    /// UTF-8 offset of each scalar, plus one entry for the end of the text.
    var utf8Offsets: UnsafeMutablePointer<Int>
    /// Best route score from each position of a block to its end.
    var routeScores: UnsafeMutablePointer<Double>
    /// Last scalar index of the word the best route takes at each position.
    var routeEndScalarIndexes: UnsafeMutablePointer<Int>
    /// Viterbi back pointers, four per character, then the decoded states.
    var states: UnsafeMutablePointer<UInt8>
    /// Scalar index where each token ends.
    var scalarTokenEnds: UnsafeMutablePointer<Int>
    /// How many scalars every buffer can take.
    private(set) var scalarCapacity: Int = 0
    /// Where `jieba.posseg` (and so jieba's TextRank) cuts the last cut's text otherwise, as
    /// triples `start, end, kind` of word indexes into that cut's words (end excluded):
    /// - kind 0, `SegmentationScratch.hmmBuffer`: the words jieba's HMM (`finalseg`) made of one
    ///   buffer, a run of two or more characters that the dictionary's route leaves single and
    ///   that is not itself a word; posseg cuts and tags it with an HMM of its own
    ///   (`Segmenter.tagUnknown`);
    /// - kind 1, `SegmentationScratch.splitBlock`: the words of a whole block (a run of
    ///   `[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]`) holding `%` or `-`, at which posseg, whose blocks
    ///   leave those two out, splits it (`Segmenter.tag` of the block's text); the block's HMM
    ///   buffers are not listed apart.
    public internal(set) var possegRuns: [Int] = []
    /// The kinds of `possegRuns`.
    public static let hmmBuffer = 0, splitBlock = 1

    /// Empty working memory; it grows to the longest text cut with it.
    public init() {
        scalars = .allocate(capacity: 1)
        utf8Offsets = .allocate(capacity: 2)
        routeScores = .allocate(capacity: 2)
        routeEndScalarIndexes = .allocate(capacity: 2)
        states = .allocate(capacity: 5)
        scalarTokenEnds = .allocate(capacity: 1)
        scalarCapacity = 1
    }

    deinit {
        scalars.deallocate()
        utf8Offsets.deallocate()
        routeScores.deallocate()
        routeEndScalarIndexes.deallocate()
        states.deallocate()
        scalarTokenEnds.deallocate()
    }

    /// Makes every buffer large enough for `count` scalars (contents are not kept).
    func reserve(scalarCount count: Int) {
        guard count > scalarCapacity else { return }
        let capacity = max(count, scalarCapacity * 2)
        scalars.deallocate()
        utf8Offsets.deallocate()
        routeScores.deallocate()
        routeEndScalarIndexes.deallocate()
        states.deallocate()
        scalarTokenEnds.deallocate()
        scalars = .allocate(capacity: capacity)
        utf8Offsets = .allocate(capacity: capacity + 1)
        routeScores = .allocate(capacity: capacity + 1)
        routeEndScalarIndexes = .allocate(capacity: capacity + 1)
        states = .allocate(capacity: capacity * 5)
        scalarTokenEnds = .allocate(capacity: capacity)
        scalarCapacity = capacity
    }
}
