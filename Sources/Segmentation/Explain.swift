extension Segmenter {
    /// Tells whether and why `word` is kept whole: its frequency and the dictionary lines that
    /// define it, the best route through the dictionary, the best split, what the HMM did, and the
    /// frequency a user dictionary entry would need.
    ///
    ///     print(segmenter.explain("双招双引"))
    ///     // 双招双引: split as 双 / 招 / 双引 (HMM on)
    ///     //   not in the dictionary (neither the main dictionary nor any user dictionary)
    ///     //   …
    ///
    /// - Parameter word: the word, on its own.
    /// - Returns: the evidence; its `description` is a short report.
    /// - Complexity: reads the dictionary files again to find the defining lines (tens of milliseconds).
    public func explain(_ word: String) -> WordExplanation {
        let scalars = word.unicodeScalars.map(\.value)
        let tokens = cut(word).map(String.init)
        let blocking = word.unicodeScalars.first { !ScalarClass.isBlockScalar($0.value) }
        let dictionary = model.dictionary
        return withExtendedLifetime(model) {
            let view = dictionary.view
            let node = scalars.isEmpty ? 0 : view.node(of: scalars)
            let frequency = node == 0 ? nil : Int(dictionary.frequencies[Int(node)])
            let logProbability = (frequency ?? 0) > 0 ? view.routeWeight(of: node) : nil
            var route: [WordExplanation.RoutePiece] = []
            var bestSplit: [WordExplanation.RoutePiece]?
            if blocking == nil && !scalars.isEmpty {
                (route, bestSplit) = Self.routeAndSplit(scalars, view: view)
            }
            return WordExplanation(
                word: word, tokens: tokens, usesHMM: usesHMM, frequency: frequency, logProbability: logProbability,
                definitions: definitions(of: scalars), route: route,
                bestSplit: (frequency ?? 0) > 0 ? bestSplit : nil,
                suggestedFrequency: scalars.isEmpty ? 1 : Int(view.suggestedFrequency(for: scalars)),
                blockingScalar: blocking)
        }
    }

    /// Whether `scalar` is white space as jieba's `\s` sees it (Python 3's `str.isspace()`).
    /// jieba returns each such character, and `\r\n`, as a word of its own.
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        ScalarClass.isWhitespace(scalar.value)
    }

    /// Whether the word in `utf8` (as returned by the cutting methods) is white space; such words
    /// are left out of SIGHAN-style output.
    ///
    /// - Complexity: O(1): a word is white space exactly when its first scalar is.
    public static func isWhitespaceWord(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        if first < 0x80 { return ScalarClass.isWhitespace(UInt32(first)) }
        // Non-ASCII white space starts with C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000…) or
        // E3 (U+3000); Han characters start with E4–E9 and are ruled out by the first byte.
        switch first {
        case 0xC2:
            return bytes.count >= 2 && (bytes[1] == 0x85 || bytes[1] == 0xA0)
        case 0xE1, 0xE2, 0xE3:
            guard bytes.count >= 3 else { return false }
            let scalar = UInt32(first & 0x0F) << 12 | UInt32(bytes[1] & 0x3F) << 6 | UInt32(bytes[2] & 0x3F)
            return ScalarClass.isWhitespace(scalar)
        default:
            return false
        }
    }

    /// The best route over `scalars` (which are all block scalars) and the best route that does
    /// not take the whole string as one word.
    private static func routeAndSplit(
        _ scalars: [UInt32], view: CompiledDictionaryView
    ) -> ([WordExplanation.RoutePiece], [WordExplanation.RoutePiece]?) {
        let scratch = SegmentationScratch()
        scratch.reserve(scalarCount: scalars.count)
        scratch.scalars.update(from: scalars, count: scalars.count)
        var engine = CutEngine(dictionary: view, hmm: nil, scratch: scratch)
        let count = scalars.count
        engine.computeRoute(0..<count)
        func piece(_ range: Range<Int>) -> WordExplanation.RoutePiece {
            let text = DictionaryFile.string(scalars[range])
            let node = view.node(of: scalars[range])
            let frequency = node == 0 ? 0 : view.frequency(of: node)
            return WordExplanation.RoutePiece(
                text: text, frequency: frequency > 0 ? Int(frequency) : nil,
                logProbability: frequency > 0 ? view.routeWeight(of: node) : view.unknownScalarWeight)
        }
        func follow(from start: Int) -> [WordExplanation.RoutePiece] {
            var pieces: [WordExplanation.RoutePiece] = []
            var position = start
            while position < count {
                let next = scratch.routeEndScalarIndexes[position] + 1
                pieces.append(piece(position..<next))
                position = next
            }
            return pieces
        }
        let route = follow(from: 0)
        guard count > 1 else { return (route, nil) }
        // The best first word other than the whole string, as calc() would score it.
        var best = -Double.infinity
        var bestEnd = -1
        var node: UInt32 = 0
        for index in 0..<(count - 1) {
            node = view.child(of: node, scalar: scalars[index])
            if node == 0 { break }
            if view.frequency(of: node) > 0 {
                let score = view.routeWeight(of: node) + scratch.routeScores[index + 1]
                if score >= best {
                    best = score
                    bestEnd = index
                }
            }
        }
        if bestEnd < 0 {
            // No shorter word starts here; the first character alone counts as unknown only when
            // jieba's DAG would fall back to it, which it does not while the whole word exists.
            return (route, nil)
        }
        return (route, [piece(0..<(bestEnd + 1))] + follow(from: bestEnd + 1))
    }

    /// The lines of the main and user dictionaries that define `scalars`.
    private func definitions(of scalars: [UInt32]) -> [WordExplanation.Definition] {
        guard !scalars.isEmpty else { return [] }
        var found: [WordExplanation.Definition] = []
        let wordBytes = Array(DictionaryFile.string(scalars).utf8)
        if case .success(let bytes) = FileIO.contents(of: options.dictionaryPath) {
            bytes.withUnsafeBufferPointer { buffer in
                var lineNumber = 0
                for line in DictionaryFile.lines(of: buffer) {
                    lineNumber += 1
                    let stripped = DictionaryFile.strippingASCIIWhitespace(line)
                    guard stripped.count > wordBytes.count, stripped[stripped.startIndex + wordBytes.count] == 0x20,
                        stripped.starts(with: wordBytes)
                    else { continue }
                    found.append(.init(
                        path: options.dictionaryPath, line: lineNumber,
                        text: String(decoding: UnsafeBufferPointer(rebasing: stripped), as: UTF8.self)))
                }
            }
        }
        for path in options.userDictionaryPaths {
            guard case .success(let bytes) = FileIO.contents(of: path) else { continue }
            bytes.withUnsafeBufferPointer { buffer in
                var lineNumber = 0
                for line in DictionaryFile.lines(of: buffer) {
                    lineNumber += 1
                    let stripped = DictionaryFile.strippingASCIIWhitespace(line)
                    guard case .success(var text) = UTF8Decoding.scalars(of: UnsafeBufferPointer(rebasing: stripped)) else {
                        continue
                    }
                    text.removeFirst(text.prefix { $0 == 0xFEFF }.count)
                    guard !text.isEmpty, text[0] != 0x23, UserDictionaryEntry(parsing: text).word == scalars else { continue }
                    found.append(.init(path: path, line: lineNumber, text: DictionaryFile.string(text)))
                }
            }
        }
        return found
    }
}
