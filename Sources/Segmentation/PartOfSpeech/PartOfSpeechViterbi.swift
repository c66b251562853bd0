/// Working memory of posseg's Viterbi, reused from one run to the next (one per thread); the
/// back pointers grow with the longest run. Raw memory, so that the inner loops pay no
/// copy-on-write or exclusivity checks.
final class PartOfSpeechScratch {
    let stateCount: Int
    let words: Int
    /// `V[t - 1]` and `V[t]`, by state id (only the entries of the step's states are meaningful).
    var previous: UnsafeMutablePointer<Double>
    var current: UnsafeMutablePointer<Double>
    /// `emit_P[y].get(character, MIN_FLOAT)` for the character of the step, by state id.
    let emission: UnsafeMutablePointer<Double>
    /// `mem_path[t][y]` at `t * stateCount + y`, and the decoded states.
    private(set) var back: UnsafeMutablePointer<UInt16>
    private(set) var path: UnsafeMutablePointer<UInt16>
    private var capacity = 0
    /// Sets of state ids, `words` words each.
    var previousSet: UnsafeMutablePointer<UInt64>
    var currentSet: UnsafeMutablePointer<UInt64>
    let previousStates: UnsafeMutablePointer<UInt64>
    let expected: UnsafeMutablePointer<UInt64>

    init(_ model: PartOfSpeechModel) {
        stateCount = model.tables.stateCount
        words = model.wordsPerSet
        previous = .allocate(capacity: stateCount)
        current = .allocate(capacity: stateCount)
        emission = .allocate(capacity: stateCount)
        emission.initialize(repeating: PartOfSpeechModel.minFloat, count: stateCount)
        back = .allocate(capacity: 1)
        path = .allocate(capacity: 1)
        previousSet = .allocate(capacity: words)
        currentSet = .allocate(capacity: words)
        previousStates = .allocate(capacity: words)
        expected = .allocate(capacity: words)
        for set in [previousSet, currentSet, previousStates, expected] { set.initialize(repeating: 0, count: words) }
    }

    deinit {
        for pointer in [previous, current, emission] { pointer.deallocate() }
        back.deallocate()
        path.deallocate()
        for set in [previousSet, currentSet, previousStates, expected] { set.deallocate() }
    }

    /// Room for a run of `count` characters.
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        capacity = max(count, capacity * 2)
        back.deallocate()
        path.deallocate()
        back = .allocate(capacity: capacity * stateCount)
        path = .allocate(capacity: capacity)
    }
}

extension PartOfSpeechModel {
    /// jieba's `MIN_FLOAT`, the emission of a character a state never emits.
    static let minFloat = -3.14e100

    static let numberTag = "m"
    static let latinTag = "eng"
    static let otherTag = "x"

    /// posseg's `__cut_detail` over `scalars[range]`: runs of `re_han_detail` (`[\u4E00-\u9FD5]+`)
    /// are cut and tagged by the HMM (`__cut`); in the rest, `re_skip_detail`
    /// (`[\.0-9]+|[a-zA-Z0-9]+`) matches are words tagged `m` (a match of `[\.0-9]+`, i.e. starting
    /// with a digit or a dot) or `eng`, and each stretch between them is a word tagged `x`.
    ///
    /// - Parameter emit: receives each word as a range of scalar indexes, and its tag.
    func cutDetail(
        _ scalars: UnsafePointer<UInt32>, _ range: Range<Int>, scratch: PartOfSpeechScratch,
        emit: (Range<Int>, String) -> Void
    ) {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            if ScalarClass.isHan(scalars[index]) {
                var runEnd = index + 1
                while runEnd < end && ScalarClass.isHan(scalars[runEnd]) { runEnd += 1 }
                cutHan(scalars, index..<runEnd, scratch: scratch, emit: emit)
                index = runEnd
                continue
            }
            var runEnd = index + 1
            while runEnd < end && !ScalarClass.isHan(scalars[runEnd]) { runEnd += 1 }
            var position = index
            var gapStart = index
            while position < runEnd {
                let scalar = scalars[position]
                let tag: String
                var matchEnd = position + 1
                if Self.isNumberScalar(scalar) {
                    // `[\.0-9]+`, the first alternative, wins wherever it matches.
                    while matchEnd < runEnd && Self.isNumberScalar(scalars[matchEnd]) { matchEnd += 1 }
                    tag = Self.numberTag
                } else if ScalarClass.isASCIIAlphanumeric(scalar) {
                    // `[a-zA-Z0-9]+` from a letter: `re_num` cannot match it, `re_eng` does.
                    while matchEnd < runEnd && ScalarClass.isASCIIAlphanumeric(scalars[matchEnd]) { matchEnd += 1 }
                    tag = Self.latinTag
                } else {
                    position += 1
                    continue
                }
                if gapStart < position { emit(gapStart..<position, Self.otherTag) }
                emit(position..<matchEnd, tag)
                position = matchEnd
                gapStart = matchEnd
            }
            if gapStart < runEnd { emit(gapStart..<runEnd, Self.otherTag) }
            index = runEnd
        }
    }

    /// `[\.0-9]`: `re_num`'s class.
    @inline(__always)
    static func isNumberScalar(_ scalar: UInt32) -> Bool {
        scalar == 0x2E || ScalarClass.isASCIIDigit(scalar)
    }

    /// posseg's `__cut` over a run of Han scalars: the Viterbi path's B opens a word, E closes it
    /// (from the last B, with E's tag), S is a word; whatever follows the last E or S is one word
    /// with the tag of its first state. (A path such as B B E or S M E, which jieba's tables never
    /// give, is turned into words just as jieba does it.)
    func cutHan(
        _ scalars: UnsafePointer<UInt32>, _ run: Range<Int>, scratch: PartOfSpeechScratch,
        emit: (Range<Int>, String) -> Void
    ) {
        viterbi(scalars, run, scratch: scratch)
        let start = run.lowerBound
        var begin = 0
        var next = 0
        for index in 0..<run.count {
            let state = Int(scratch.path[index])
            switch stateKinds[state] {
            case .begin:
                begin = index
            case .end:
                emit((start + begin)..<(start + index + 1), tables.stateTags[state])
                next = index + 1
            case .single:
                emit((start + index)..<(start + index + 1), tables.stateTags[state])
                next = index + 1
            case .other:
                break
            }
        }
        if next < run.count {
            emit((start + next)..<run.upperBound, tables.stateTags[Int(scratch.path[next])])
        }
    }

    /// posseg's `viterbi(obs, char_state_tab_P, start_P, trans_P, emit_P)` over a non-empty run of
    /// Han scalars; leaves the best path's state ids in `scratch.path[0..<run.count]`.
    ///
    /// As in jieba: the first character takes its `char_state_tab_P` states (every state when it
    /// is not listed), `V = start + emit`. At each later character, `prev_states` are the states
    /// of the step before that have transitions; the character's states are those listed for it
    /// (every state when it is not listed) that some previous state can go to, or, when none is,
    /// every state the previous states can go to; each takes `max((V[t-1][y0] + trans + emit, y0))`
    /// over `prev_states`, a missing transition being `-inf` and a missing emission `MIN_FLOAT`,
    /// the sums in Python's order. Ties go to the larger state, as Python compares the tuples; the
    /// ids are in that order. The path ends in the best state of the last step, by the same rule.
    ///
    /// The one deviation: where jieba would raise `ValueError` because no state of the step before
    /// has a transition (`prev_states` is empty), or because the first character's entry is an
    /// empty tuple, which jieba's own tables never lead to, the path starts afresh at that
    /// character as at the first one (with every state when it lists none), coming from the best
    /// state of the step before.
    func viterbi(_ scalars: UnsafePointer<UInt32>, _ run: Range<Int>, scratch s: PartOfSpeechScratch) {
        let stateCount = tables.stateCount
        let words = wordsPerSet
        let count = run.count
        precondition(count > 0, "posseg's viterbi needs at least one character")
        s.reserve(count)
        let back = s.back, path = s.path
        let emission = s.emission
        let previousStates = s.previousStates, expected = s.expected
        var previous = s.previous, current = s.current
        var previousSet = s.previousSet, currentSet = s.currentSet
        defer {
            s.previous = previous
            s.current = current
            s.previousSet = previousSet
            s.currentSet = currentSet
        }

        let start = tables.start

        // t = 0
        var scalar = scalars[run.lowerBound]
        listedStates(of: scalar, into: currentSet)
        if Self.isEmpty(currentSet, words) { allStates.withUnsafeBufferPointer { Self.copy($0.baseAddress!, into: currentSet, words) } }
        loadEmission(of: scalar, into: emission)
        Self.forEach(currentSet, words) { y in current[y] = start[y] + emission[y] }
        unloadEmission(of: scalar, from: emission)

        // The model's tables as raw pointers for the loop.
        withTables { targetSets, sourceSets, matrix, withTransitions in
            var t = 1
            while t < count {
                swap(&previous, &current)
                swap(&previousSet, &currentSet)
                scalar = scalars[run.lowerBound + t]
                loadEmission(of: scalar, into: emission)
                let backBase = t * stateCount
                var hasPrevious = false
                for w in 0..<words {
                    previousStates[w] = previousSet[w] & withTransitions[w]
                    expected[w] = 0
                    if previousStates[w] != 0 { hasPrevious = true }
                }
                if hasPrevious {
                    var highestPrevious = 0
                    Self.forEach(previousStates, words) { y0 in
                        for w in 0..<words { expected[w] |= targetSets[y0 * words + w] }
                        highestPrevious = y0
                    }
                    // obs_states: the listed states that can follow, else all that can follow.
                    listedStates(of: scalar, into: currentSet)
                    var any = false
                    for w in 0..<words {
                        currentSet[w] &= expected[w]
                        if currentSet[w] != 0 { any = true }
                    }
                    if !any { Self.copy(expected, into: currentSet, words) }
                    // Each state of the step from every previous state with a transition into
                    // it (the others give -inf), in ascending order so that `>=` gives ties to
                    // the larger one, as Python's max over (prob, state) tuples does.
                    Self.forEach(currentSet, words) { y in
                        let sources = sourceSets + y * words
                        let emit = emission[y]
                        var found = false
                        var bestValue = -Double.infinity
                        var from = 0
                        for w in 0..<words {
                            var bits = sources[w] & previousStates[w]
                            while bits != 0 {
                                let y0 = w << 6 | bits.trailingZeroBitCount
                                bits &= bits &- 1
                                let candidate = previous[y0] + matrix[y0 * stateCount + y] + emit
                                if !found || candidate >= bestValue {
                                    bestValue = candidate
                                    from = y0
                                    found = true
                                }
                            }
                        }
                        if found && bestValue != -.infinity {
                            current[y] = bestValue
                            back[backBase + y] = UInt16(from)
                        } else {
                            // Every candidate is -inf (a missing transition is -inf): the tie goes
                            // to the largest previous state.
                            current[y] = -.infinity
                            back[backBase + y] = UInt16(highestPrevious)
                        }
                    }
                } else {
                    // The deviation: jieba raises ValueError here (max() of nothing).
                    let from = UInt16(Self.bestState(previousSet, previous, words))
                    listedStates(of: scalar, into: currentSet)
                    if Self.isEmpty(currentSet, words) {
                        allStates.withUnsafeBufferPointer { Self.copy($0.baseAddress!, into: currentSet, words) }
                    }
                    Self.forEach(currentSet, words) { y in
                        current[y] = start[y] + emission[y]
                        back[backBase + y] = from
                    }
                }
                unloadEmission(of: scalar, from: emission)
                t += 1
            }
        }

        var state = Self.bestState(currentSet, current, words)
        var t = count - 1
        while t >= 0 {
            path[t] = UInt16(state)
            if t > 0 { state = Int(back[t * stateCount + state]) }
            t -= 1
        }
    }

    /// Calls `body` with the model's transition tables as raw pointers: `targetSets`,
    /// `sourceSets`, `transitionMatrix` and `statesWithTransitions`.
    private func withTables(_ body: (UnsafePointer<UInt64>, UnsafePointer<UInt64>, UnsafePointer<Double>, UnsafePointer<UInt64>) -> Void) {
        targetSets.withUnsafeBufferPointer { targets in
            sourceSets.withUnsafeBufferPointer { sources in
                transitionMatrix.withUnsafeBufferPointer { matrix in
                    statesWithTransitions.withUnsafeBufferPointer { withTransitions in
                        body(targets.baseAddress!, sources.baseAddress!, matrix.baseAddress!, withTransitions.baseAddress!)
                    }
                }
            }
        }
    }

    /// `states.get(character, all_states)` as a set.
    private func listedStates(of scalar: UInt32, into set: UnsafeMutablePointer<UInt64>) {
        let index = Int(scalar &- ScalarClass.hanFirst)
        guard tables.characterIsListed.base[index] != 0 else {
            allStates.withUnsafeBufferPointer { Self.copy($0.baseAddress!, into: set, wordsPerSet) }
            return
        }
        for w in 0..<wordsPerSet { set[w] = 0 }
        for position in Int(tables.characterStateOffsets.base[index])..<Int(tables.characterStateOffsets.base[index + 1]) {
            let state = Int(tables.characterStates.base[position])
            set[state >> 6] |= 1 << UInt64(state & 63)
        }
    }

    private func loadEmission(of scalar: UInt32, into emission: UnsafeMutablePointer<Double>) {
        let index = Int(scalar &- ScalarClass.hanFirst)
        for position in Int(tables.emissionOffsets.base[index])..<Int(tables.emissionOffsets.base[index + 1]) {
            emission[Int(tables.emissionStates.base[position])] = tables.emissionProbabilities.base[position]
        }
    }

    private func unloadEmission(of scalar: UInt32, from emission: UnsafeMutablePointer<Double>) {
        let index = Int(scalar &- ScalarClass.hanFirst)
        for position in Int(tables.emissionOffsets.base[index])..<Int(tables.emissionOffsets.base[index + 1]) {
            emission[Int(tables.emissionStates.base[position])] = Self.minFloat
        }
    }

    /// `max((V[y], y) for y in set)`: the larger value, the larger state on a tie.
    private static func bestState(_ set: UnsafeMutablePointer<UInt64>, _ values: UnsafeMutablePointer<Double>, _ words: Int) -> Int {
        var best = -Double.infinity
        var state = 0
        forEach(set, words) { y in
            if values[y] >= best {
                best = values[y]
                state = y
            }
        }
        return state
    }

    @inline(__always)
    private static func copy(_ source: UnsafePointer<UInt64>, into set: UnsafeMutablePointer<UInt64>, _ words: Int) {
        for w in 0..<words { set[w] = source[w] }
    }

    @inline(__always)
    private static func copy(_ source: UnsafeMutablePointer<UInt64>, into set: UnsafeMutablePointer<UInt64>, _ words: Int) {
        for w in 0..<words { set[w] = source[w] }
    }

    private static func isEmpty(_ set: UnsafeMutablePointer<UInt64>, _ words: Int) -> Bool {
        for w in 0..<words where set[w] != 0 { return false }
        return true
    }

    /// Calls `body` with each member of `set`, in ascending order.
    @inline(__always)
    private static func forEach(_ set: UnsafeMutablePointer<UInt64>, _ words: Int, _ body: (Int) -> Void) {
        for w in 0..<words {
            var bits = set[w]
            while bits != 0 {
                body(w << 6 | bits.trailingZeroBitCount)
                bits &= bits &- 1
            }
        }
    }
}
