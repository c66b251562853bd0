/// jieba's precise mode (`Tokenizer.cut(sentence, cut_all=False, HMM=...)`) over a text already
/// decoded into Unicode scalars.
///
/// Tokens always cover the text without gaps or overlaps, in order, so a cut is recorded as the
/// scalar index where each token ends (`scalarTokenEnds`). The engine is generic over the dictionary so
/// that the same code cuts with the compiled trie and, while user dictionaries are being loaded,
/// with the mutable trie that jieba's `suggest_freq` needs.
struct CutEngine<Dictionary: PrefixDictionary> {
    let dictionary: Dictionary
    let hmm: HMMView?
    let scalars: UnsafeMutablePointer<UInt32>
    let routeScores: UnsafeMutablePointer<Double>
    let routeEndScalarIndexes: UnsafeMutablePointer<Int>
    let states: UnsafeMutablePointer<UInt8>
    let scalarTokenEnds: UnsafeMutablePointer<Int>
    /// Receives the runs posseg cuts otherwise (`SegmentationScratch.possegRuns`).
    let scratch: SegmentationScratch
    /// Whether the block being cut holds `%` or `-` (its buffers are then not listed apart).
    private var inSplitBlock = false
    private(set) var tokenCount = 0

    /// An engine writing into `scratch`, which must hold the scalars to cut and room for them.
    init(dictionary: Dictionary, hmm: HMMView?, scratch: SegmentationScratch) {
        self.dictionary = dictionary
        self.hmm = hmm
        scalars = scratch.scalars
        routeScores = scratch.routeScores
        routeEndScalarIndexes = scratch.routeEndScalarIndexes
        states = scratch.states
        scalarTokenEnds = scratch.scalarTokenEnds
        self.scratch = scratch
    }

    @inline(__always)
    private mutating func emit(endingAt end: Int) {
        scalarTokenEnds[tokenCount] = end
        tokenCount += 1
    }

    /// `cut()`: splits the text into blocks of `re_han_default` and the rest. A block goes to the
    /// DAG; outside blocks, `\r\n` and each other whitespace scalar are tokens (`re_skip_default`)
    /// and every other scalar is a token of its own.
    ///
    /// - Complexity: O(n·L) for n scalars and the longest dictionary word L, plus O(n) for the HMM.
    mutating func cut(scalarCount count: Int) {
        var index = 0
        while index < count {
            let scalar = scalars[index]
            if ScalarClass.isBlockScalar(scalar) {
                var end = index + 1
                var splits = scalar == 0x25 || scalar == 0x2D
                while end < count && ScalarClass.isBlockScalar(scalars[end]) {
                    splits = splits || scalars[end] == 0x25 || scalars[end] == 0x2D
                    end += 1
                }
                let first = tokenCount
                inSplitBlock = splits
                if hmm != nil {
                    cutBlockWithHMM(index..<end)
                } else {
                    cutBlockWithoutHMM(index..<end)
                }
                if splits {
                    scratch.possegRuns.append(first)
                    scratch.possegRuns.append(tokenCount)
                    scratch.possegRuns.append(SegmentationScratch.splitBlock)
                }
                index = end
            } else if scalar == 0x0D && index + 1 < count && scalars[index + 1] == 0x0A {
                index += 2
                emit(endingAt: index)
            } else {
                index += 1
                emit(endingAt: index)
            }
        }
    }

    /// `calc()` fused with `get_DAG()`: walks the trie from every position of the block, right to
    /// left, and keeps the best `(score, end)` pair. Ties go to the larger end, as Python's tuple
    /// `max` does; the addition order is jieba's, `(log(freq) - logtotal) + route[x + 1]`, so the
    /// scores are bit-for-bit those of jieba.
    ///
    /// `routeEndScalarIndexes[i - block.lowerBound]` is the last scalar of the word the best route takes at `i`.
    mutating func computeRoute(_ block: Range<Int>) {
        let start = block.lowerBound
        let count = block.count
        routeScores[count] = 0
        var position = count - 1
        while position >= 0 {
            var node: UInt32 = 0
            var best = -Double.infinity
            var bestEnd = -1
            var index = position
            while index < count {
                node = dictionary.child(of: node, scalar: scalars[start + index])
                if node == 0 { break }
                let weight = dictionary.routeWeight(of: node)
                if weight < .infinity {
                    let score = weight + routeScores[index + 1]
                    if score >= best {
                        best = score
                        bestEnd = index
                    }
                }
                index += 1
            }
            if bestEnd < 0 {
                best = dictionary.unknownScalarWeight + routeScores[position + 1]
                bestEnd = position
            }
            routeScores[position] = best
            routeEndScalarIndexes[position] = bestEnd
            position -= 1
        }
    }

    /// `__cut_DAG_NO_HMM`: follows the route; runs of single ASCII letters and digits are glued.
    mutating func cutBlockWithoutHMM(_ block: Range<Int>) {
        computeRoute(block)
        let start = block.lowerBound
        let count = block.count
        var position = 0
        var inLatinRun = false
        while position < count {
            let next = routeEndScalarIndexes[position] + 1
            if next - position == 1 && ScalarClass.isASCIIAlphanumeric(scalars[start + position]) {
                inLatinRun = true
            } else {
                if inLatinRun {
                    emit(endingAt: start + position)
                    inLatinRun = false
                }
                emit(endingAt: start + next)
            }
            position = next
        }
        if inLatinRun { emit(endingAt: block.upperBound) }
    }

    /// `__cut_DAG`: follows the route, gathering runs of single-scalar words into a buffer; a
    /// buffer of two or more scalars that is not itself a dictionary word goes to the HMM.
    mutating func cutBlockWithHMM(_ block: Range<Int>) {
        computeRoute(block)
        let start = block.lowerBound
        let count = block.count
        var position = 0
        var bufferStart = -1
        while position < count {
            let next = routeEndScalarIndexes[position] + 1
            if next - position == 1 {
                if bufferStart < 0 { bufferStart = position }
            } else {
                if bufferStart >= 0 {
                    flushBuffer((start + bufferStart)..<(start + position))
                    bufferStart = -1
                }
                emit(endingAt: start + next)
            }
            position = next
        }
        if bufferStart >= 0 { flushBuffer((start + bufferStart)..<block.upperBound) }
    }

    private mutating func flushBuffer(_ buffer: Range<Int>) {
        if buffer.count == 1 {
            emit(endingAt: buffer.upperBound)
        } else if !dictionary.isWord(scalars, buffer) {
            let first = tokenCount
            cutWithFinalseg(buffer)
            if !inSplitBlock {
                scratch.possegRuns.append(first)
                scratch.possegRuns.append(tokenCount)
                scratch.possegRuns.append(SegmentationScratch.hmmBuffer)
            }
        } else {
            for index in buffer { emit(endingAt: index + 1) }
        }
    }

    /// `finalseg.cut`: runs of `[\u4E00-\u9FD5]` go to the Viterbi decoder; in what is left,
    /// `re_skip` (`[a-zA-Z0-9]+(?:\.\d+)?%?`) matches are tokens and so is each stretch between them.
    mutating func cutWithFinalseg(_ range: Range<Int>) {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            if ScalarClass.isHan(scalars[index]) {
                var runEnd = index + 1
                while runEnd < end && ScalarClass.isHan(scalars[runEnd]) { runEnd += 1 }
                cutWithViterbi(index..<runEnd)
                index = runEnd
                continue
            }
            var runEnd = index + 1
            while runEnd < end && !ScalarClass.isHan(scalars[runEnd]) { runEnd += 1 }
            var position = index
            var gapStart = index
            while position < runEnd {
                guard ScalarClass.isASCIIAlphanumeric(scalars[position]) else {
                    position += 1
                    continue
                }
                var matchEnd = position + 1
                while matchEnd < runEnd && ScalarClass.isASCIIAlphanumeric(scalars[matchEnd]) { matchEnd += 1 }
                if matchEnd + 1 < runEnd && scalars[matchEnd] == 0x2E && ScalarClass.isASCIIDigit(scalars[matchEnd + 1]) {
                    matchEnd += 2
                    while matchEnd < runEnd && ScalarClass.isASCIIDigit(scalars[matchEnd]) { matchEnd += 1 }
                }
                if matchEnd < runEnd && scalars[matchEnd] == 0x25 { matchEnd += 1 }
                if gapStart < position { emit(endingAt: position) }
                emit(endingAt: matchEnd)
                position = matchEnd
                gapStart = matchEnd
            }
            if gapStart < runEnd { emit(endingAt: runEnd) }
            index = runEnd
        }
    }

    /// finalseg's `viterbi` and `__cut` over a run of Han scalars.
    ///
    /// For each state jieba takes `max((V[t-1][y0] + trans_P[y0][y] + emit, y0) for y0 in
    /// PrevStatus[y])`: the larger probability, and on a tie the larger state letter. The final state
    /// is the better of E and S, S on a tie.
    mutating func cutWithViterbi(_ run: Range<Int>) {
        guard let hmm else { return }
        let (b, e, m, s): (UInt8, UInt8, UInt8, UInt8) = (0, 1, 2, 3)
        let count = run.count
        let first = scalars[run.lowerBound]
        var emission = hmm.emission + Int(first &- ScalarClass.hanFirst) * 4
        var vB = hmm.start.0 + emission[0]
        var vE = hmm.start.1 + emission[1]
        var vM = hmm.start.2 + emission[2]
        var vS = hmm.start.3 + emission[3]
        // Back pointers: states[t * 4 + y] is the state before y at step t.
        var t = 1
        while t < count {
            emission = hmm.emission + Int(scalars[run.lowerBound + t] &- ScalarClass.hanFirst) * 4
            let emitB = emission[0], emitE = emission[1], emitM = emission[2], emitS = emission[3]
            let back = states + t * 4
            // B from E or S (S on a tie).
            let bFromE = vE + hmm.eb + emitB
            let bFromS = vS + hmm.sb + emitB
            let newB: Double
            if bFromE > bFromS { newB = bFromE; back[0] = e } else { newB = bFromS; back[0] = s }
            // M from M or B (M on a tie).
            let mFromM = vM + hmm.mm + emitM
            let mFromB = vB + hmm.bm + emitM
            let newM: Double
            if mFromB > mFromM { newM = mFromB; back[2] = b } else { newM = mFromM; back[2] = m }
            // S from S or E (S on a tie).
            let sFromS = vS + hmm.ss + emitS
            let sFromE = vE + hmm.es + emitS
            let newS: Double
            if sFromE > sFromS { newS = sFromE; back[3] = e } else { newS = sFromS; back[3] = s }
            // E from B or M (M on a tie).
            let eFromB = vB + hmm.be + emitE
            let eFromM = vM + hmm.me + emitE
            let newE: Double
            if eFromB > eFromM { newE = eFromB; back[1] = b } else { newE = eFromM; back[1] = m }
            vB = newB
            vE = newE
            vM = newM
            vS = newS
            t += 1
        }
        // Decode the path backwards into states[t * 4] (the back pointers of step t are no longer
        // needed once step t has been decoded).
        var state = vE > vS ? e : s
        t = count - 1
        while t >= 0 {
            let previous = t > 0 ? states[t * 4 + Int(state)] : 0
            states[t * 4] = state
            state = previous
            t -= 1
        }
        // __cut: B opens a word, E closes it, S is a word; whatever is open at the end is a word.
        var begin = 0
        var next = 0
        for t in 0..<count {
            switch states[t * 4] {
            case b:
                begin = t
            case e:
                emitHMMWord((run.lowerBound + begin)..<(run.lowerBound + t + 1))
                next = t + 1
            case s:
                emit(endingAt: run.lowerBound + t + 1)
                next = t + 1
            default:
                break
            }
        }
        if next < count { emitHMMWord((run.lowerBound + next)..<run.upperBound) }
    }

    @inline(__always)
    private mutating func emitHMMWord(_ word: Range<Int>) {
        if word.count > 1 && dictionary.hasForceSplitWords {
            let node = dictionary.node(of: UnsafeBufferPointer(start: scalars + word.lowerBound, count: word.count))
            if node != 0 && dictionary.isForceSplit(node) {
                for index in word { emit(endingAt: index + 1) }
                return
            }
        }
        emit(endingAt: word.upperBound)
    }
}
