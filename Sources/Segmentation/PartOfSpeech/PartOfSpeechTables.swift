/// jieba.posseg's HMM compiled into flat arrays: the states, `start_P`, `trans_P`, `emit_P` and
/// `char_state_tab_P` of `jieba/posseg/*.py`.
///
/// A state is a pair `(letter, tag)` such as `('B', 'n')`. States are numbered in the order of
/// Python's tuple comparison (the letter's code points, then the tag's), because jieba's
/// `max((prob, state))` breaks ties between equal probabilities by comparing the state tuples:
/// with this numbering "larger tuple" is simply "larger number". The states are `trans_P`'s keys
/// (jieba's `all_states`).
///
/// Probabilities are natural logarithms, the very doubles of the Python files. Only Han
/// characters (`\u4E00`–`\u9FD5`) are kept for emissions and character states: posseg's Viterbi
/// only ever sees runs of `re_han_detail`.
struct PartOfSpeechTables: Sendable {
    /// The largest number of states the tables can hold (ids are `UInt16`).
    static let maximumStateCount = Int(UInt16.max)

    /// Each state's first element (`'B'`, `'E'`, `'M'`, `'S'`), by id.
    let stateLetters: [String]
    /// Each state's second element, the tag (`'n'`, `'v'`, …), by id.
    let stateTags: [String]
    /// `start_P[state]`, by id.
    let start: [Double]
    /// `trans_P[state]` as sorted rows: the targets of state `s` are
    /// `transitionTargets[transitionOffsets[s] ..< transitionOffsets[s + 1]]`, with their
    /// probabilities at the same indexes in `transitionProbabilities`.
    let transitionOffsets: FlatBuffer<UInt32>
    let transitionTargets: FlatBuffer<UInt16>
    let transitionProbabilities: FlatBuffer<Double>
    /// `emit_P[state][character]`, grouped by character: the entries of Han character `c` are at
    /// `emissionOffsets[c - 0x4E00] ..< emissionOffsets[c - 0x4E00 + 1]` (state, probability).
    let emissionOffsets: FlatBuffer<UInt32>
    let emissionStates: FlatBuffer<UInt16>
    let emissionProbabilities: FlatBuffer<Double>
    /// `char_state_tab_P[character]`, the states a character may take (sorted, distinct), grouped
    /// like the emissions; `characterIsListed[c - 0x4E00]` is 1 when the character is a key at all
    /// (jieba uses every state for a character that is not).
    let characterStateOffsets: FlatBuffer<UInt32>
    let characterStates: FlatBuffer<UInt16>
    let characterIsListed: FlatBuffer<UInt8>

    var stateCount: Int { stateLetters.count }

    /// Whether the arrays are consistent (offsets ascending and in bounds, state ids in range), so
    /// that the Viterbi loop can read them without checks. Used on tables read from the cache.
    func isWellFormed() -> Bool {
        let count = stateCount
        guard count > 0, count <= Self.maximumStateCount, stateTags.count == count, start.count == count,
            transitionOffsets.count == count + 1, emissionOffsets.count == ScalarClass.hanCount + 1,
            characterStateOffsets.count == ScalarClass.hanCount + 1, characterIsListed.count == ScalarClass.hanCount,
            transitionTargets.count == transitionProbabilities.count,
            emissionStates.count == emissionProbabilities.count,
            Self.ascending(transitionOffsets, total: transitionTargets.count),
            Self.ascending(emissionOffsets, total: emissionStates.count),
            Self.ascending(characterStateOffsets, total: characterStates.count)
        else { return false }
        for buffer in [transitionTargets, emissionStates, characterStates] {
            for index in 0..<buffer.count where Int(buffer.base[index]) >= count { return false }
        }
        return true
    }

    private static func ascending(_ offsets: FlatBuffer<UInt32>, total: Int) -> Bool {
        guard offsets.base[0] == 0, Int(offsets.base[offsets.count - 1]) == total else { return false }
        for index in 1..<offsets.count where offsets.base[index] < offsets.base[index - 1] { return false }
        return true
    }
}

// MARK: - Reading the Python files

/// Builds `PartOfSpeechTables` from the four files' texts, checking everything jieba's Viterbi
/// would trip over later (a state that has no start or emission row, a state that is not a
/// `trans_P` key, a value that is not a number), so that a bad file fails at load, naming its line.
enum PartOfSpeechTablesReader {
    struct Source {
        let path: String
        let text: String
    }

    private typealias State = (letter: String, tag: String)

    static func tables(start: Source, transition: Source, emission: Source, characterStates: Source)
        throws(SegmentationError) -> PartOfSpeechTables
    {
        // trans_P first: its keys are jieba's all_states.
        let transitionTable = try table(transition)
        var stateKeys: [[String]: Int] = [:]
        var keyed: [(state: State, entry: PythonLiteral.TableEntry)] = []
        for entry in transitionTable {
            let state = try self.state(entry.key, transition, entry)
            keyed.append((state, entry))
            stateKeys[[state.letter, state.tag]] = 0
        }
        guard !stateKeys.isEmpty else {
            throw .invalidPartOfSpeechModelFile(path: transition.path, line: 1, column: 1, reason: "P has no state")
        }
        guard stateKeys.count <= PartOfSpeechTables.maximumStateCount else {
            throw .invalidPartOfSpeechModelFile(
                path: transition.path, line: 1, column: 1,
                reason: "P has \(stateKeys.count) states, more than the \(PartOfSpeechTables.maximumStateCount) Cipin can hold")
        }
        // Python's tuple order: the letters' code points, then the tags'.
        let ordered = stateKeys.keys.sorted { a, b in
            if a[0] != b[0] { return a[0].unicodeScalars.lexicographicallyPrecedes(b[0].unicodeScalars) }
            return a[1].unicodeScalars.lexicographicallyPrecedes(b[1].unicodeScalars)
        }
        for (id, key) in ordered.enumerated() { stateKeys[key] = id }
        let count = ordered.count

        func id(of state: State, _ source: Source, _ entry: PythonLiteral.TableEntry, role: String) throws(SegmentationError) -> Int {
            guard let id = stateKeys[[state.letter, state.tag]] else {
                throw .invalidPartOfSpeechModelFile(
                    path: source.path, line: entry.line, column: entry.column,
                    reason: "\(role) \(describe(state)) is not a state of prob_trans.py (jieba would fail on it)")
            }
            return id
        }

        // trans_P rows; a repeated key keeps its last row, as a Python dict does.
        var rows = [[Int: Double]](repeating: [:], count: count)
        for (state, entry) in keyed {
            let from = stateKeys[[state.letter, state.tag]]!
            var row: [Int: Double] = [:]
            for target in try table(entry.value, transition, entry, what: "the transitions of \(describe(state))") {
                let to = try id(of: try self.state(target.key, transition, target), transition, target, role: "the target")
                row[to] = try number(target.value, transition, target)
            }
            rows[from] = row
        }
        var transitionOffsets: [UInt32] = [0]
        var transitionTargets: [UInt16] = []
        var transitionProbabilities: [Double] = []
        for row in rows {
            for to in row.keys.sorted() {
                transitionTargets.append(UInt16(to))
                transitionProbabilities.append(row[to]!)
            }
            transitionOffsets.append(UInt32(transitionTargets.count))
        }

        // start_P: every state needs one (jieba reads start_P[y] for the first character).
        var startValues = [Double?](repeating: nil, count: count)
        for entry in try table(start) {
            let state = try self.state(entry.key, start, entry)
            guard let id = stateKeys[[state.letter, state.tag]] else { continue }  // never read by jieba
            startValues[id] = try number(entry.value, start, entry)
        }
        if let missing = startValues.firstIndex(where: { $0 == nil }) {
            throw .invalidPartOfSpeechModelFile(
                path: start.path, line: 1, column: 1,
                reason: "no start probability for state \(describe((ordered[missing][0], ordered[missing][1])))")
        }

        // emit_P: every state needs a row (jieba reads emit_P[y]); keys other than one Han
        // character are never looked up and are left out.
        var emissionRows = [[UInt32: Double]?](repeating: nil, count: count)
        for entry in try table(emission) {
            let state = try self.state(entry.key, emission, entry)
            guard let id = stateKeys[[state.letter, state.tag]] else { continue }
            var row: [UInt32: Double] = [:]
            for item in try table(entry.value, emission, entry, what: "the emissions of \(describe(state))") {
                let probability = try number(item.value, emission, item)
                if let scalar = hanScalar(item.key) { row[scalar] = probability }
            }
            emissionRows[id] = row
        }
        if let missing = emissionRows.firstIndex(where: { $0 == nil }) {
            throw .invalidPartOfSpeechModelFile(
                path: emission.path, line: 1, column: 1,
                reason: "no emission table for state \(describe((ordered[missing][0], ordered[missing][1])))")
        }
        var emissionByCharacter = [[(UInt16, Double)]](repeating: [], count: ScalarClass.hanCount)
        for (id, row) in emissionRows.enumerated() {
            for (scalar, probability) in row! {
                emissionByCharacter[Int(scalar - ScalarClass.hanFirst)].append((UInt16(id), probability))
            }
        }
        var emissionOffsets: [UInt32] = [0]
        var emissionStates: [UInt16] = []
        var emissionProbabilities: [Double] = []
        for entries in emissionByCharacter {
            for (state, probability) in entries.sorted(by: { $0.0 < $1.0 }) {
                emissionStates.append(state)
                emissionProbabilities.append(probability)
            }
            emissionOffsets.append(UInt32(emissionStates.count))
        }

        // char_state_tab_P: a tuple of states per character; a repeated key keeps its last tuple;
        // keys other than one Han character are never looked up and are left out.
        var statesByCharacter = [[UInt16]?](repeating: nil, count: ScalarClass.hanCount)
        for entry in try table(characterStates) {
            guard case .tuple(let elements) = entry.value else {
                throw .invalidPartOfSpeechModelFile(
                    path: characterStates.path, line: entry.line, column: entry.column,
                    reason: "the value of \(describeKey(entry.key)) is not a tuple of states")
            }
            var ids = Set<UInt16>()
            for element in elements {
                let state = try self.state(element, characterStates, entry)
                ids.insert(UInt16(try id(of: state, characterStates, entry, role: "the state")))
            }
            if let scalar = hanScalar(entry.key) {
                statesByCharacter[Int(scalar - ScalarClass.hanFirst)] = ids.sorted()
            }
        }
        var characterStateOffsets: [UInt32] = [0]
        var characterStateIDs: [UInt16] = []
        var listed: [UInt8] = []
        for states in statesByCharacter {
            characterStateIDs.append(contentsOf: states ?? [])
            characterStateOffsets.append(UInt32(characterStateIDs.count))
            listed.append(states == nil ? 0 : 1)
        }

        return PartOfSpeechTables(
            stateLetters: ordered.map { $0[0] }, stateTags: ordered.map { $0[1] },
            start: startValues.map { $0! },
            transitionOffsets: FlatBuffer(transitionOffsets), transitionTargets: FlatBuffer(transitionTargets),
            transitionProbabilities: FlatBuffer(transitionProbabilities),
            emissionOffsets: FlatBuffer(emissionOffsets), emissionStates: FlatBuffer(emissionStates),
            emissionProbabilities: FlatBuffer(emissionProbabilities),
            characterStateOffsets: FlatBuffer(characterStateOffsets), characterStates: FlatBuffer(characterStateIDs),
            characterIsListed: FlatBuffer(listed))
    }

    // MARK: Pieces

    /// The entries of the `P = {…}` of a file.
    private static func table(_ source: Source) throws(SegmentationError) -> [PythonLiteral.TableEntry] {
        let value: PythonLiteral
        do {
            value = try PythonLiteral.tableAssignment(named: "P", in: source.text)
        } catch {
            throw .invalidPartOfSpeechModelFile(path: source.path, line: error.line, column: error.column, reason: error.message)
        }
        guard case .table(let entries, _, _) = value else {
            throw .invalidPartOfSpeechModelFile(path: source.path, line: 1, column: 1, reason: "P is not a dict")
        }
        return entries
    }

    /// The entries of a dict nested in `entry`.
    private static func table(
        _ value: PythonLiteral, _ source: Source, _ entry: PythonLiteral.TableEntry, what: String
    ) throws(SegmentationError) -> [PythonLiteral.TableEntry] {
        guard case .table(let entries, _, _) = value else {
            throw .invalidPartOfSpeechModelFile(
                path: source.path, line: entry.line, column: entry.column, reason: "\(what) is not a dict")
        }
        return entries
    }

    /// A `('B', 'n')` key.
    private static func state(
        _ value: PythonLiteral, _ source: Source, _ entry: PythonLiteral.TableEntry
    ) throws(SegmentationError) -> State {
        guard case .tuple(let elements) = value, elements.count == 2,
            case .string(let letter) = elements[0], case .string(let tag) = elements[1]
        else {
            throw .invalidPartOfSpeechModelFile(
                path: source.path, line: entry.line, column: entry.column,
                reason: "\(describeKey(value)) is not a state, a pair of strings such as ('B', 'n')")
        }
        return (letter, tag)
    }

    /// A probability: any number but +infinity (a literal such as `1e999`), which would make
    /// jieba's sums NaN.
    private static func number(
        _ value: PythonLiteral, _ source: Source, _ entry: PythonLiteral.TableEntry
    ) throws(SegmentationError) -> Double {
        guard case .number(let number) = value else {
            throw .invalidPartOfSpeechModelFile(
                path: source.path, line: entry.line, column: entry.column,
                reason: "the value of \(describeKey(entry.key)) is not a number")
        }
        guard number != .infinity else {
            throw .invalidPartOfSpeechModelFile(
                path: source.path, line: entry.line, column: entry.column,
                reason: "the value of \(describeKey(entry.key)) is +infinity, not a log probability")
        }
        return number
    }

    /// The scalar of a one-character string in `\u4E00`–`\u9FD5`, else nil.
    private static func hanScalar(_ key: PythonLiteral) -> UInt32? {
        guard case .string(let text) = key else { return nil }
        let scalars = text.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first, ScalarClass.isHan(scalar.value) else { return nil }
        return scalar.value
    }

    private static func describe(_ state: State) -> String {
        "('\(state.letter)', '\(state.tag)')"
    }

    private static func describeKey(_ value: PythonLiteral) -> String {
        switch value {
        case .string(let text): return "'\(text)'"
        case .number(let number): return "\(number)"
        case .tuple(let elements): return "(" + elements.map(describeKey).joined(separator: ", ") + (elements.count == 1 ? ",)" : ")")
        case .dictionary, .table: return "a dict"
        }
    }
}
