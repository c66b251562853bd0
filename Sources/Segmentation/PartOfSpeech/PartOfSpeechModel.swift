/// jieba.posseg's HMM (the four files of jieba/posseg/).
///
/// jieba.posseg tags the words of `jieba.cut`'s dictionary route with their dictionary tags; the
/// runs of characters the route leaves single (which `jieba.cut` gives to finalseg's four-state HMM)
/// it cuts and tags at once with this model, whose states are (B/M/E/S, tag) pairs. See
/// `Segmenter.tag(_:model:)` and `Segmenter.tagUnknown(_:model:)`.
///
///     let model = try PartOfSpeechModel()
///     segmenter.tag("我爱北京天安门", model: model)   // 我/r 爱/v 北京/ns 天安门/ns
///
/// Loading parses the Python literals once (about 0.2 s in a release build) and saves the compiled
/// tables in the cache directory (`posseg-<key>.model`, 1.3 MB), keyed by the files' contents;
/// later loads map that file (about 6 ms; the 6 MB of source files are still read and hashed to find it).
/// A model is immutable and can be shared between threads.
public final class PartOfSpeechModel: Sendable {
    /// Where Debian's `python3-jieba` installs jieba.posseg.
    public static let jiebaFolder = Segmenter.Options.debianJiebaDirectory + "/posseg"

    /// Whether the tables were read from the cache or compiled from the Python files.
    public let modelSource: Segmenter.ModelSource

    let tables: PartOfSpeechTables
    /// How many 64-bit words a set of states takes.
    let wordsPerSet: Int
    /// For each state, the set of its `trans_P` targets (`wordsPerSet` words per state).
    let targetSets: [UInt64]
    /// For each state, the states with a `trans_P` entry into it (`wordsPerSet` words per state).
    let sourceSets: [UInt64]
    /// `trans_P[y0][y]` at `y0 * stateCount + y`, `-inf` where there is none (as jieba's `get(y, MIN_INF)`).
    let transitionMatrix: [Double]
    /// The states whose `trans_P` row is not empty (jieba's filter on `prev_states`).
    let statesWithTransitions: [UInt64]
    /// Every state (jieba's `all_states`).
    let allStates: [UInt64]
    /// What `__cut` does with each state's letter.
    let stateKinds: [StateKind]

    enum StateKind: UInt8 {
        case begin, end, single, other
    }

    /// Loads jieba.posseg's model from `folder` (`prob_start.py`, `prob_trans.py`, `prob_emit.py`,
    /// `char_state_tab.py`).
    ///
    /// - Parameters:
    ///   - folder: the folder of the four files (default: Debian's python3-jieba).
    ///   - cacheDirectory: where the compiled tables are cached (`nil`: no cache).
    /// - Throws: `SegmentationError.modelFileMissing` (part `.partOfSpeech`) or `.unreadable` for a
    ///   file that cannot be read, `.invalidPartOfSpeechModelFile` naming the file, line and column
    ///   of what is malformed.
    public init(
        folder: String = PartOfSpeechModel.jiebaFolder,
        cacheDirectory: String? = Segmenter.Options.defaultCacheDirectory()
    ) throws(SegmentationError) {
        let (tables, source) = try PartOfSpeechLoader.load(folder: folder, cacheDirectory: cacheDirectory)
        self.tables = tables
        modelSource = source
        let count = tables.stateCount
        let words = (count + 63) / 64
        wordsPerSet = words
        var targets = [UInt64](repeating: 0, count: count * words)
        var sources = [UInt64](repeating: 0, count: count * words)
        var matrix = [Double](repeating: -.infinity, count: count * count)
        var withTransitions = [UInt64](repeating: 0, count: words)
        var all = [UInt64](repeating: 0, count: words)
        for state in 0..<count {
            all[state >> 6] |= 1 << UInt64(state & 63)
            let range = Int(tables.transitionOffsets.base[state])..<Int(tables.transitionOffsets.base[state + 1])
            if !range.isEmpty { withTransitions[state >> 6] |= 1 << UInt64(state & 63) }
            for index in range {
                let target = Int(tables.transitionTargets.base[index])
                targets[state * words + (target >> 6)] |= 1 << UInt64(target & 63)
                sources[target * words + (state >> 6)] |= 1 << UInt64(state & 63)
                matrix[state * count + target] = tables.transitionProbabilities.base[index]
            }
        }
        targetSets = targets
        sourceSets = sources
        transitionMatrix = matrix
        statesWithTransitions = withTransitions
        allStates = all
        stateKinds = tables.stateLetters.map { letter in
            switch letter {
            case "B": return .begin
            case "E": return .end
            case "S": return .single
            default: return .other
            }
        }
    }

    /// How many (position, tag) states the model has (256 in jieba's).
    public var stateCount: Int { tables.stateCount }
}

/// A word and its part-of-speech tag, as `jieba.posseg`'s `pair(word, flag)`.
public struct TaggedWord: Sendable, Hashable, CustomStringConvertible {
    /// The word (white space too, as jieba returns it).
    public var word: String
    /// jieba's tag (`n`, `v`, `ns`, `eng`, `m`, `x`, …).
    public var tag: String

    public init(word: String, tag: String) {
        self.word = word
        self.tag = tag
    }

    /// `word/tag`, as jieba's `pair` prints itself.
    public var description: String { word + "/" + tag }
}
