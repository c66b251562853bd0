/// Where two words count as occurring together.
public enum CooccurrenceScope: Sendable, Equatable, Hashable {
    /// Units are the sentences.
    case sentence
    /// Units are the paragraphs.
    case paragraph
    /// Units are the articles.
    case article
    /// Units are windows: every token is the centre of a window of `radius` tokens on each side,
    /// cut at the boundary of `CooccurrenceOptions.windowBoundary`; there are as many windows as tokens.
    case window(radius: Int)

    /// The scope's name in `cooccurrence.csv`: `sentence`, `paragraph`, `article` or `window`.
    public var name: String {
        switch self {
        case .sentence: return "sentence"
        case .paragraph: return "paragraph"
        case .article: return "article"
        case .window: return "window"
        }
    }

    var unit: TextUnit? {
        switch self {
        case .sentence: return .sentence
        case .paragraph: return .paragraph
        case .article: return .article
        case .window: return nil
        }
    }
}

/// Options of `Cooccurrence.compute(_:in:options:)`.
public struct CooccurrenceOptions: Sendable, Equatable {
    /// The scopes to count in; each gives its own rows and matrix.
    public var scopes: [CooccurrenceScope]
    /// Windows of `.window` never reach across this unit (default: the sentence).
    public var windowBoundary: TextUnit
    /// Also pair each keyword with every other word that co-occurs with it.
    public var withEveryWord: Bool
    /// The scopes (by name) that get those rows when `withEveryWord` is set; `nil` for all of them.
    /// The other scopes give keyword pairs only, which is much less work.
    public var everyWordScopes: Set<String>?
    /// Which words may be the partner of a keyword in those rows.
    public var filter: TermFilter
    /// Keyword–word rows need at least this many units holding both (keyword pairs are always listed).
    public var minimumJoint: Int
    /// Counters of keyword–word pairs held at once (keywords × vocabulary); more keywords are counted in batches.
    var pairCounterBudget = 16_000_000

    /// Whether `scope` gets a row for each keyword and every other word.
    public func pairsEveryWord(in scope: CooccurrenceScope) -> Bool {
        withEveryWord && (everyWordScopes?.contains(scope.name) ?? true)
    }

    public init(scopes: [CooccurrenceScope] = [.sentence], windowBoundary: TextUnit = .sentence,
                withEveryWord: Bool = true, everyWordScopes: Set<String>? = nil, filter: TermFilter = TermFilter(),
                minimumJoint: Int = 2) {
        self.scopes = scopes
        self.windowBoundary = windowBoundary
        self.withEveryWord = withEveryWord
        self.everyWordScopes = everyWordScopes
        self.filter = filter
        self.minimumJoint = minimumJoint
    }
}

/// Joint counts and logDice of every pair of keywords in one scope.
public struct CooccurrenceMatrix: Sendable, Equatable {
    public var scope: String
    public var keywords: [String]
    /// Units holding each keyword.
    public var frequencies: [Int]
    /// Units of the scope.
    public var total: Int
    /// `joint[a][b]`: units holding keywords a and b; the diagonal holds `frequencies`.
    public var joint: [[Int]]
    /// `logDice[a][b]` = 14 + log2(2·joint / (freq_a + freq_b)); 14 on the diagonal, −∞ for pairs never together.
    public var logDice: [[Double]]
}

/// Co-occurrence of keywords with each other and with every other word (`cooccurrence.csv`).
public struct CooccurrenceTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var scope: String
        public var wordA: String
        public var wordB: String
        /// Whether `wordB` is a keyword too (a keyword pair) or any other word.
        public var isKeywordPair: Bool
        public var scores: Association
    }

    /// Per scope, in the order of the options: the keyword pairs (in keyword order, a before b),
    /// then for each keyword its partner words by logDice, largest first (ties: more joint units
    /// first, then code-point order).
    public var rows: [Row]
    /// One matrix per scope.
    public var matrices: [CooccurrenceMatrix]

    public static let columnNames = ["scope", "word_a", "word_b", "joint", "freq_a", "freq_b", "total", "expected",
                                     "pmi", "npmi", "mi3", "g2", "dice", "logdice", "jaccard", "t_score"]
}

/// Counts co-occurrence of keywords in sentences, paragraphs, articles or token windows.
public enum Cooccurrence {
    /// Counts, for every scope, the units that hold each keyword, each word and each pair.
    ///
    ///     let table = Cooccurrence.compute([KeywordSpec("人才"), KeywordSpec("干部")], in: corpus,
    ///                                      options: CooccurrenceOptions(scopes: [.sentence, .window(radius: 5)]))
    ///     table.matrices[0].joint[0][1]   // sentences holding both 人才 and 干部
    ///
    /// A keyword set is in a unit when any of its words is (as a whole token). A keyword is never
    /// paired with its own words. White-space tokens are not counted.
    ///
    /// - Parameters:
    ///   - keywords: single words or named sets.
    ///   - corpus: the segmented articles.
    ///   - options: scopes, window boundary, partner filter and threshold.
    /// - Returns: the rows of `cooccurrence.csv` and a keyword matrix per scope.
    /// - Complexity: O(T + Σ_k U_k·D) per scope, for T tokens and, per keyword k, U_k the units
    ///   holding it and D the distinct words in a unit (for windows D ≤ 2·radius + 1).
    ///   - counts: the corpus's `CorpusCounts`, when already made (computed here otherwise).
    public static func compute(_ keywords: [KeywordSpec], in corpus: SegmentedCorpus,
                               options: CooccurrenceOptions = CooccurrenceOptions(),
                               counts given: CorpusCounts? = nil) -> CooccurrenceTable {
        let counts = CorpusCounts.of(corpus, given: given)
        // One batch (the usual case): the table is made from the counts, as for counts carried over
        // from an earlier run, so the two ways give the same table by construction.
        if let whole = Self.counts(keywords, in: corpus, options: options, corpusCounts: counts) {
            return table(from: whole, corpus: corpus, options: options, corpusCounts: counts)
        }
        let resolved = ResolvedKeywords(keywords, vocabulary: corpus.vocabulary)
        let admitted = options.filter.admitted(corpus.vocabulary, classes: counts.classes)
        // Keyword–word counts take one array of vocabulary size per keyword; keywords are counted in
        // batches that keep those arrays under about 64 MB, the keyword pairs in one tally of all.
        // (The scopes are counted at the same time, so the every-word scopes share the budget.)
        let batches = Self.batches(keywordCount: resolved.count, vocabularySize: corpus.vocabulary.count, options: options)
        // The scopes are independent: counted side by side, then joined in the order of the options.
        let perScope = Parallel.each(options.scopes.count) { index -> (matrix: CooccurrenceMatrix, rows: [CooccurrenceTable.Row]) in
            let scope = options.scopes[index]
            let everyWord = options.pairsEveryWord(in: scope)
            func tally(_ keywords: ResolvedKeywords, withEveryWord: Bool) -> CooccurrenceTally {
                var tally = CooccurrenceTally(keywords: keywords, vocabularySize: corpus.vocabulary.count,
                                              withEveryWord: withEveryWord)
                if let unit = scope.unit {
                    tally.countUnits(unit, corpus: corpus, counts: counts)
                } else if case .window(let radius) = scope {
                    tally.countWindows(radius: min(max(0, radius), Int(Int32.max)), boundary: options.windowBoundary, corpus: corpus, counts: counts)
                }
                return tally
            }
            let single = batches.count <= 1
            let pairs = tally(resolved, withEveryWord: everyWord && single)
            defer { pairs.release() }
            var rows = pairs.pairRows(scope: scope.name)
            if everyWord {
                if single {
                    rows += pairs.wordRows(scope: scope.name, vocabulary: corpus.vocabulary, admitted: admitted,
                                           minimumJoint: options.minimumJoint)
                } else {
                    for batch in batches {
                        let batchTally = tally(resolved.subset(batch), withEveryWord: true)
                        rows += batchTally.wordRows(scope: scope.name, vocabulary: corpus.vocabulary, admitted: admitted,
                                                    minimumJoint: options.minimumJoint)
                        batchTally.release()
                    }
                }
            }
            return (pairs.matrix(scope: scope.name), rows)
        }
        var rows: [CooccurrenceTable.Row] = []
        rows.reserveCapacity(perScope.reduce(0) { $0 + $1.rows.count })
        for part in perScope { rows += part.rows }
        let matrices = perScope.map(\.matrix)
        return CooccurrenceTable(rows: rows, matrices: matrices)
    }

    /// The keyword batches whose keyword–word counters fit `options.pairCounterBudget` together.
    static func batches(keywordCount: Int, vocabularySize: Int, options: CooccurrenceOptions) -> [Range<Int>] {
        let everyWordScopeCount = options.scopes.filter(options.pairsEveryWord(in:)).count
        let budget = options.pairCounterBudget / max(1, everyWordScopeCount)
        let batchSize = everyWordScopeCount > 0 ? max(1, budget / max(1, vocabularySize)) : max(1, keywordCount)
        return stride(from: 0, to: keywordCount, by: batchSize).map { $0..<min(keywordCount, $0 + batchSize) }
    }

    /// The counts behind `compute`'s table, of the given articles only (all by default): units,
    /// units holding each keyword, each keyword pair, each word and each keyword with each word,
    /// per scope. `nil` when the keyword–word counters would not fit `pairCounterBudget` at once
    /// (very many keywords), which `compute` then counts in batches.
    ///
    ///     let counts = Cooccurrence.counts(keywords, in: corpus, options: options)!
    ///     Cooccurrence.table(from: counts, corpus: corpus, options: options) == Cooccurrence.compute(keywords, in: corpus, options: options)
    ///
    /// - Parameter articles: indices of `corpus.articles` to count (each once), in any order.
    public static func counts(_ keywords: [KeywordSpec], in corpus: SegmentedCorpus,
                              options: CooccurrenceOptions = CooccurrenceOptions(), articles: [Int]? = nil,
                              corpusCounts given: CorpusCounts? = nil) -> CooccurrenceCounts? {
        let resolved = ResolvedKeywords(keywords, vocabulary: corpus.vocabulary)
        guard batches(keywordCount: resolved.count, vocabularySize: corpus.vocabulary.count, options: options).count <= 1 else {
            return nil
        }
        let classes = given.map { CorpusCounts.of(corpus, given: $0).classes } ?? corpus.vocabulary.words.map { TokenClass.of($0) }
        // The tallies read only the segments (and the token classes): a corpus of the chosen
        // articles, with the whole vocabulary, counts just them.
        let part = articles.map { articles in
            SegmentedCorpus(articles: articles.map { corpus.articles[$0] }, segments: articles.map { corpus.segments[$0] },
                            vocabulary: corpus.vocabulary)
        } ?? corpus
        let counts = CorpusCounts(classes: classes, articleCount: part.segments.count)
        let scopes = Parallel.each(options.scopes.count) { index -> CooccurrenceCounts.Scope in
            let scope = options.scopes[index]
            let everyWord = options.pairsEveryWord(in: scope)
            var tally = CooccurrenceTally(keywords: resolved, vocabularySize: part.vocabulary.count, withEveryWord: everyWord)
            defer { tally.release() }
            if let unit = scope.unit {
                tally.countUnits(unit, corpus: part, counts: counts)
            } else if case .window(let radius) = scope {
                tally.countWindows(radius: min(max(0, radius), Int(Int32.max)), boundary: options.windowBoundary, corpus: part, counts: counts)
            }
            return tally.counts(scope: scope)
        }
        return CooccurrenceCounts(keywords: keywords, words: corpus.vocabulary.words, scopes: scopes)
    }

    /// Whether `counts` (whose words must be `corpus.vocabulary`'s) pass the checks that any
    /// counts of `corpus` pass: units of each scope as many as the corpus has (every token is a
    /// window's centre), no word or keyword in more units than there are, a keyword with a word in
    /// no more units than either alone, each keyword's units on the pair matrix's diagonal, pairs
    /// symmetric. A run checks counts carried over from earlier runs with it, so that damage the
    /// record's checksum did not catch does not stay.
    public static func isConsistent(_ counts: CooccurrenceCounts, with corpus: SegmentedCorpus,
                                    options: CooccurrenceOptions = CooccurrenceOptions(),
                                    corpusCounts given: CorpusCounts? = nil) -> Bool {
        guard counts.isWellFormed, counts.words.count == corpus.vocabulary.count,
              counts.scopes.map(\.scope) == options.scopes else { return false }
        let corpusCounts = given.map { CorpusCounts.of(corpus, given: $0) } ?? CorpusCounts(corpus)
        let classes = corpusCounts.classes
        func unitCount(_ unit: TextUnit) -> Int {
            var count = 0
            for segment in corpus.segments {
                for range in unit.ranges(in: segment) where range.contains(where: { classes[Int(segment.tokens[$0])] != .whitespace }) {
                    count += 1
                }
            }
            return count
        }
        for scope in counts.scopes {
            let total = scope.scope.unit.map(unitCount) ?? corpusCounts.tokenCount
            guard scope.total == total else { return false }
            let k = counts.keywords.count
            for a in 0..<k {
                guard scope.keywordFrequencies[a] <= total, scope.pairJoint[a][a] == scope.keywordFrequencies[a] else { return false }
                for b in 0..<k where scope.pairJoint[a][b] != scope.pairJoint[b][a] || scope.pairJoint[a][b] > scope.keywordFrequencies[b] {
                    return false
                }
            }
            guard scope.units.allSatisfy({ $0 <= total }) else { return false }
            for (a, joint) in scope.joint.enumerated() {
                let frequency = scope.keywordFrequencies[a]
                for id in joint.indices where Int(joint[id]) > min(scope.units[id], frequency) { return false }
            }
        }
        return true
    }

    /// The table of `counts`, whose words must be `corpus.vocabulary`'s (as `counts(_:in:options:)`
    /// and `CooccurrenceCounts.updated` give them); partners are filtered with `options.filter` and
    /// `options.minimumJoint`, which the counts do not depend on.
    public static func table(from counts: CooccurrenceCounts, corpus: SegmentedCorpus,
                             options: CooccurrenceOptions = CooccurrenceOptions(),
                             corpusCounts given: CorpusCounts? = nil) -> CooccurrenceTable {
        precondition(counts.words.count == corpus.vocabulary.count, "counts of another vocabulary")
        precondition(counts.scopes.count == options.scopes.count, "counts of other scopes")
        let classes = given.map { CorpusCounts.of(corpus, given: $0).classes } ?? corpus.vocabulary.words.map { TokenClass.of($0) }
        let resolved = ResolvedKeywords(counts.keywords, vocabulary: corpus.vocabulary)
        let admitted = options.filter.admitted(corpus.vocabulary, classes: classes)
        let perScope = Parallel.each(options.scopes.count) { index -> (matrix: CooccurrenceMatrix, rows: [CooccurrenceTable.Row]) in
            let scope = options.scopes[index]
            let tally = CooccurrenceTally(keywords: resolved, vocabularySize: corpus.vocabulary.count, counts: counts.scopes[index])
            defer { tally.release() }
            var rows = tally.pairRows(scope: scope.name)
            rows += tally.wordRows(scope: scope.name, vocabulary: corpus.vocabulary, admitted: admitted,
                                   minimumJoint: options.minimumJoint)
            return (tally.matrix(scope: scope.name), rows)
        }
        var rows: [CooccurrenceTable.Row] = []
        rows.reserveCapacity(perScope.reduce(0) { $0 + $1.rows.count })
        for part in perScope { rows += part.rows }
        return CooccurrenceTable(rows: rows, matrices: perScope.map(\.matrix))
    }
}

/// A word's counters in a `CooccurrenceTally`.
struct WordCell {
    var units: Int
    var mark: Int
}

/// The counts of one scope.
///
/// Design note. The counters live in buffers of vocabulary size that this value owns (until
/// `release()`), so the hot loops index raw memory: no copy-on-write checks, and, as a struct,
/// no run-time exclusivity checks either. The keyword–word counts are one flat buffer, keyword
/// k's counts at `k · V ..< (k + 1) · V`.
struct CooccurrenceTally {
    let keywords: ResolvedKeywords
    let withEveryWord: Bool
    let vocabularySize: Int
    /// Units of the scope.
    private(set) var total = 0
    /// `cells[id].units`: units holding word `id`; `cells[id].mark`: the last unit (sentence or
    /// paragraph scope) or the last window centre (window scope) that counted it. One 16-byte
    /// cell per word, so counting a word touches one cache line, not one per array.
    let cells: UnsafeMutableBufferPointer<WordCell>
    /// `keywordFrequencies[k]`: units holding keyword k.
    private(set) var keywordFrequencies: [Int]
    /// `pairJoint[a][b]`: units holding keywords a and b.
    private(set) var pairJoint: [[Int]]
    /// `wordJoint[k · V + id]`: units holding keyword k and word `id` (empty unless `withEveryWord`).
    let wordJoint: UnsafeMutableBufferPointer<Int32>
    /// `isAnyMember[id]`: whether word `id` is one of any keyword's words; `keywordsOf[id]` then
    /// lists those keywords (keyword words are few, so this stays small for any number of keywords).
    private let isAnyMember: UnsafeMutableBufferPointer<Bool>
    private let keywordsOf: [Int32: [Int]]

    // Scratch: the number of the current unit (for the cells' marks).
    private var stamp = 0
    private var present: [Int] = []

    init(keywords: ResolvedKeywords, vocabularySize: Int, withEveryWord: Bool) {
        self.keywords = keywords
        self.withEveryWord = withEveryWord
        self.vocabularySize = vocabularySize
        cells = .allocate(capacity: vocabularySize)
        cells.initialize(repeating: WordCell(units: 0, mark: -1))
        keywordFrequencies = [Int](repeating: 0, count: keywords.count)
        pairJoint = [[Int]](repeating: [Int](repeating: 0, count: keywords.count), count: keywords.count)
        wordJoint = .allocate(capacity: withEveryWord ? keywords.count * vocabularySize : 0)
        wordJoint.initialize(repeating: 0)
        var keywordsOf: [Int32: [Int]] = [:]
        for k in 0..<keywords.count {
            for id in keywords.memberIDs[k] where keywordsOf[id]?.last != k { keywordsOf[id, default: []].append(k) }
        }
        self.keywordsOf = keywordsOf
        isAnyMember = .allocate(capacity: vocabularySize)
        _ = isAnyMember.initialize(from: keywords.isAnyMember)
    }

    /// A tally holding `counts` (of a vocabulary of `vocabularySize` words), to make rows from.
    init(keywords: ResolvedKeywords, vocabularySize: Int, counts: CooccurrenceCounts.Scope) {
        self.init(keywords: keywords, vocabularySize: vocabularySize, withEveryWord: !counts.joint.isEmpty)
        total = counts.total
        keywordFrequencies = counts.keywordFrequencies
        pairJoint = counts.pairJoint
        for id in 0..<vocabularySize { cells[id].units = counts.units[id] }
        for (k, joint) in counts.joint.enumerated() {
            joint.withUnsafeBufferPointer { joint in
                _ = UnsafeMutableBufferPointer(rebasing: wordJoint[(k * vocabularySize)..<((k + 1) * vocabularySize)]).initialize(from: joint)
            }
        }
    }

    /// The counts of this tally, for `CooccurrenceCounts`.
    func counts(scope: CooccurrenceScope) -> CooccurrenceCounts.Scope {
        let size = vocabularySize
        return CooccurrenceCounts.Scope(
            scope: scope, total: total, keywordFrequencies: keywordFrequencies, pairJoint: pairJoint,
            units: cells.map(\.units),
            joint: withEveryWord ? (0..<keywords.count).map { Array(wordJoint[($0 * size)..<(($0 + 1) * size)]) } : [])
    }

    /// Frees the buffers; the tally must not be used afterwards.
    func release() {
        cells.deallocate()
        wordJoint.deallocate()
        isAnyMember.deallocate()
    }

    /// Counts a new unit, held in `unit[0..<count]`, for each of its distinct words, which it moves
    /// to the front of `unit` in order of first occurrence (in place: the k-th distinct word never
    /// lies before position k), and returns them.
    private mutating func collect(_ unit: UnsafeMutablePointer<Int32>, count: Int) -> UnsafeBufferPointer<Int32> {
        stamp += 1
        var kept = 0
        for position in 0..<count {
            let id = unit[position]
            let cell = cells.baseAddress! + Int(id)
            if cell.pointee.mark != stamp {
                cell.pointee.mark = stamp
                cell.pointee.units += 1
                unit[kept] = id
                kept += 1
            }
        }
        return UnsafeBufferPointer(start: unit, count: kept)
    }

    /// Adds a unit whose distinct words are `distinct` to the pair and keyword–word counts.
    private mutating func addKeywordPairs(_ distinct: UnsafeBufferPointer<Int32>) {
        present.removeAll(keepingCapacity: true)
        for id in distinct where isAnyMember[Int(id)] { notePresent(id) }
        addPresent(distinct)
    }

    /// Adds the keywords that word `id` belongs to to `present`.
    @inline(__always)
    private mutating func notePresent(_ id: Int32) {
        for k in keywordsOf[id] ?? [] where !present.contains(k) { present.append(k) }
    }

    /// Adds one unit holding the keywords in `present` (and, for every word, the words in `distinct`).
    private mutating func addPresent(_ distinct: UnsafeBufferPointer<Int32> = UnsafeBufferPointer(start: nil, count: 0)) {
        guard !present.isEmpty else { return }
        for a in present {
            keywordFrequencies[a] += 1
            for b in present { pairJoint[a][b] += 1 }
        }
        if withEveryWord {
            let size = vocabularySize
            for k in present {
                let joint = wordJoint.baseAddress! + k * size
                for id in distinct where !isAnyMember[Int(id)] || !(keywordsOf[id]?.contains(k) ?? false) { joint[Int(id)] += 1 }
            }
        }
    }

    /// The non-white-space tokens of `tokens[range]`, copied to the front of `scratch` (which has
    /// room for any article's tokens); without a branch per token and without `Array.append`'s
    /// uniqueness check per token.
    private static func gather(_ tokens: UnsafeBufferPointer<Int32>, _ range: Range<Int>, whitespace: UnsafeBufferPointer<Bool>,
                               into scratch: UnsafeMutablePointer<Int32>) -> UnsafeBufferPointer<Int32> {
        var count = 0
        for position in range {
            let token = tokens[position]
            scratch[count] = token
            count &+= whitespace[Int(token)] ? 0 : 1
        }
        return UnsafeBufferPointer(start: scratch, count: count)
    }

    /// Room for the tokens of the longest article, for `gather`.
    private static func scratch(for corpus: SegmentedCorpus) -> UnsafeMutablePointer<Int32> {
        .allocate(capacity: max(1, corpus.segments.reduce(0) { max($0, $1.tokens.count) }))
    }

    /// Units are sentences, paragraphs or articles.
    mutating func countUnits(_ unit: TextUnit, corpus: SegmentedCorpus, counts: CorpusCounts) {
        let scratch = Self.scratch(for: corpus)
        defer { scratch.deallocate() }
        let whitespace = counts.classes.map { $0 == .whitespace }
        whitespace.withUnsafeBufferPointer { whitespace in
            for segment in corpus.segments {
                segment.tokens.withUnsafeBufferPointer { tokens in
                    for range in unit.ranges(in: segment) {
                        guard withEveryWord else {
                            // Keyword pairs only: which keywords the unit holds is all that counts.
                            present.removeAll(keepingCapacity: true)
                            var holdsWords = false
                            for position in range where !whitespace[Int(tokens[position])] {
                                holdsWords = true
                                if isAnyMember[Int(tokens[position])] { notePresent(tokens[position]) }
                            }
                            if holdsWords {
                                total += 1
                                addPresent()
                            }
                            continue
                        }
                        let buffer = Self.gather(tokens, range, whitespace: whitespace, into: scratch)
                        guard !buffer.isEmpty else { continue }
                        total += 1
                        addKeywordPairs(collect(scratch, count: buffer.count))
                    }
                }
            }
        }
    }

    /// Units are the windows `[c − radius, c + radius]` around every token c, inside one boundary unit.
    ///
    /// Design note. No window is enumerated. The windows holding a word w are the union C_w of
    /// the centre intervals `[p − radius, p + radius]` of its occurrences p; occurrences come in text
    /// order, so one "last centre counted" per word gives the union in O(T). A keyword k's windows
    /// C_k are marked on the centres of its boundary unit, with prefix sums, and every count is the
    /// size of an intersection: windows holding k = |C_k|, holding a and b = |C_a ∩ C_b|, holding k
    /// and w = |C_k ∩ C_w|, the last one a prefix-sum difference per interval of C_w. That is
    /// O(T · K) for K keywords present in a unit, where counting word by word in each window that
    /// holds a keyword took O(T · radius) per keyword occurrence.
    mutating func countWindows(radius: Int, boundary: TextUnit, corpus: SegmentedCorpus, counts: CorpusCounts) {
        let scratch = Self.scratch(for: corpus)
        defer { scratch.deallocate() }
        var base = 0
        // Per keyword present in the unit (its slot): the centres whose window holds it, and their prefix sums.
        var slotOf = [Int](repeating: -1, count: keywords.count)
        var slotKeywords: [Int] = []
        var held: [Bool] = []
        var prefix: [Int] = []
        var heldHere: [Int] = []
        let whitespace = counts.classes.map { $0 == .whitespace }
        whitespace.withUnsafeBufferPointer { whitespace in
            for segment in corpus.segments {
                segment.tokens.withUnsafeBufferPointer { tokens in
                    for range in boundary.ranges(in: segment) {
                        let buffer = Self.gather(tokens, range, whitespace: whitespace, into: scratch)
                        let length = buffer.count
                        guard length > 0 else { continue }
                        total += length
                        // The keywords of the unit and the centres whose window holds each.
                        for k in slotKeywords { slotOf[k] = -1 }
                        slotKeywords.removeAll(keepingCapacity: true)
                        held.removeAll(keepingCapacity: true)
                        for (position, id) in buffer.enumerated() where isAnyMember[Int(id)] {
                            for k in keywordsOf[id] ?? [] {
                                if slotOf[k] < 0 {
                                    slotOf[k] = slotKeywords.count
                                    slotKeywords.append(k)
                                    held.append(contentsOf: repeatElement(false, count: length))
                                }
                                let row = slotOf[k] * length
                                for centre in max(0, position - radius)...min(length - 1, position + radius) { held[row + centre] = true }
                            }
                        }
                        let slots = slotKeywords.count
                        if slots > 0 {
                            prefix.removeAll(keepingCapacity: true)
                            for slot in 0..<slots {
                                var running = 0
                                prefix.append(0)
                                for centre in 0..<length {
                                    if held[slot * length + centre] { running += 1 }
                                    prefix.append(running)
                                }
                            }
                            for (slot, k) in slotKeywords.enumerated() { keywordFrequencies[k] += prefix[slot * (length + 1) + length] }
                            if slots == 1 {
                                pairJoint[slotKeywords[0]][slotKeywords[0]] += prefix[length]
                            } else {
                                // Pairs centre by centre: O(K·L + Σ held²), not O(K²·L), for many keywords in long units.
                                for centre in 0..<length {
                                    heldHere.removeAll(keepingCapacity: true)
                                    for slot in 0..<slots where held[slot * length + centre] { heldHere.append(slotKeywords[slot]) }
                                    for a in heldHere { for b in heldHere { pairJoint[a][b] += 1 } }
                                }
                            }
                        }
                        // Windows holding each word (every-word rows only), and with each keyword of the unit.
                        guard withEveryWord else {
                            base += length
                            continue
                        }
                        let size = vocabularySize
                        for (position, id) in buffer.enumerated() {
                            let low = base + max(0, position - radius)
                            let high = base + min(length - 1, position + radius)
                            // `mark`: the last centre already counted for this word.
                            let cell = cells.baseAddress! + Int(id)
                            let start = max(low, cell.pointee.mark + 1)
                            cell.pointee.mark = max(cell.pointee.mark, high)
                            guard high >= start else { continue }
                            cell.pointee.units += high - start + 1
                            for (slot, k) in slotKeywords.enumerated() {
                                // A keyword is not paired with its own words.
                                if isAnyMember[Int(id)], keywordsOf[id]?.contains(k) ?? false { continue }
                                let row = slot * (length + 1) - base
                                let windows = prefix[row + high + 1] - prefix[row + start]
                                if windows > 0 { wordJoint[k * size + Int(id)] += Int32(windows) }
                            }
                        }
                        base += length
                    }
                }
            }
        }
    }

    func matrix(scope: String) -> CooccurrenceMatrix {
        let k = keywords.count
        var logDice = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for a in 0..<k {
            for b in 0..<k {
                logDice[a][b] = Association(joint: pairJoint[a][b], freqA: keywordFrequencies[a],
                                            freqB: keywordFrequencies[b], total: total).logDice
            }
        }
        return CooccurrenceMatrix(scope: scope, keywords: keywords.specs.map(\.name), frequencies: keywordFrequencies,
                                  total: total, joint: pairJoint, logDice: logDice)
    }

    /// One row per pair of keywords, a before b in keyword order.
    func pairRows(scope: String) -> [CooccurrenceTable.Row] {
        var rows: [CooccurrenceTable.Row] = []
        let names = keywords.specs.map(\.name)
        for a in 0..<keywords.count {
            for b in (a + 1)..<max(a + 1, keywords.count) {
                rows.append(.init(scope: scope, wordA: names[a], wordB: names[b], isKeywordPair: true,
                                  scores: Association(joint: pairJoint[a][b], freqA: keywordFrequencies[a],
                                                      freqB: keywordFrequencies[b], total: total)))
            }
        }
        return rows
    }

    /// Per keyword, its partner words by logDice.
    func wordRows(scope: String, vocabulary: Vocabulary, admitted: [Bool], minimumJoint: Int) -> [CooccurrenceTable.Row] {
        guard withEveryWord else { return [] }
        var rows: [CooccurrenceTable.Row] = []
        let names = keywords.specs.map(\.name)
        // A keyword is no keyword's partner word: the pair has its own row (`keyword_pair` yes).
        var admitted = admitted
        for id in keywords.keywordWordIDs { admitted[Int(id)] = false }
        for k in 0..<keywords.count {
            let joint = UnsafeBufferPointer(rebasing: wordJoint[(k * vocabularySize)..<((k + 1) * vocabularySize)])
            var partners: [(id: Int32, scores: Association)] = []
            for id in joint.indices where joint[id] > 0 && Int(joint[id]) >= minimumJoint && admitted[id] {
                partners.append((Int32(id), Association(joint: Int(joint[id]), freqA: keywordFrequencies[k],
                                                        freqB: cells[id].units, total: total)))
            }
            let sorted = sortedForTable(partners, word: { vocabulary.words[Int($0.id)] }) {
                (TableKey.descending($0.scores.logDice), TableKey.descending($0.scores.joint))
            }
            for partner in sorted {
                rows.append(.init(scope: scope, wordA: names[k], wordB: vocabulary.words[Int(partner.id)],
                                  isKeywordPair: false, scores: partner.scores))
            }
        }
        return rows
    }

}
