/// Reads finalseg's `prob_start.py`, `prob_trans.py` and `prob_emit.py` as text.
enum HMMLoader {
    private static let stateKeys = ["B", "E", "M", "S"]

    /// The model in the three files' contents.
    ///
    /// - Throws: `SegmentationError.invalidModelFile` naming the file, line and column.
    static func model(
        start: (path: String, text: String), transition: (path: String, text: String),
        emission: (path: String, text: String)
    ) throws(SegmentationError) -> HMMModel {
        let startTable = try table(start.path, start.text)
        var startValues: [Double] = []
        for key in stateKeys {
            guard case .number(let value)? = startTable.last(where: { $0.key == key })?.value else {
                throw .invalidModelFile(path: start.path, line: 1, column: 1, reason: "no number for state \"\(key)\"")
            }
            startValues.append(value)
        }

        let transitionTable = try table(transition.path, transition.text)
        var transitionValues = [Double](repeating: HMMModel.minFloat, count: 16)
        for (fromIndex, from) in stateKeys.enumerated() {
            guard case .dictionary(let row)? = transitionTable.last(where: { $0.key == from })?.value else {
                throw .invalidModelFile(path: transition.path, line: 1, column: 1, reason: "no table for state \"\(from)\"")
            }
            for (toIndex, to) in stateKeys.enumerated() {
                // jieba reads these with `.get(y, MIN_FLOAT)`; the last entry of a repeated key wins.
                if case .number(let value)? = row.last(where: { $0.key == to })?.value {
                    transitionValues[fromIndex * 4 + toIndex] = value
                }
            }
        }

        let emissionTable = try table(emission.path, emission.text)
        let emissionValues = FlatBuffer<Double>(count: ScalarClass.hanCount * 4, repeating: HMMModel.minFloat)
        for (stateIndex, state) in stateKeys.enumerated() {
            guard case .dictionary(let row)? = emissionTable.last(where: { $0.key == state })?.value else {
                throw .invalidModelFile(path: emission.path, line: 1, column: 1, reason: "no table for state \"\(state)\"")
            }
            for (key, value) in row {
                guard case .number(let probability) = value else {
                    throw .invalidModelFile(
                        path: emission.path, line: 1, column: 1, reason: "the entry for \"\(key)\" is not a number")
                }
                let scalars = key.unicodeScalars
                guard scalars.count == 1, let scalar = scalars.first, ScalarClass.isHan(scalar.value) else { continue }
                emissionValues.base[Int(scalar.value - ScalarClass.hanFirst) * 4 + stateIndex] = probability
            }
        }
        return HMMModel(start: startValues, transition: transitionValues, emission: emissionValues)
    }

    private static func table(_ path: String, _ text: String) throws(SegmentationError) -> [(key: String, value: PythonLiteral)] {
        let value: PythonLiteral
        do {
            value = try PythonLiteral.assignment(named: "P", in: text)
        } catch {
            throw .invalidModelFile(path: path, line: error.line, column: error.column, reason: error.message)
        }
        guard case .dictionary(let entries) = value else {
            throw .invalidModelFile(path: path, line: 1, column: 1, reason: "P is not a dict")
        }
        return entries
    }
}
