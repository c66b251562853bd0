/// Options of `TextRank.keywords(_:eligible:options:)`.
public struct TextRankOptions: Sendable, Equatable {
    /// How many words to return; `nil` or 0 for all.
    public var topK: Int?
    /// Words left out after lower-casing (jieba's own English list by default).
    public var stopWords: StopWords
    /// Leave out tokens of punctuation and symbols only, as jieba's part-of-speech filter does.
    public var excludePunctuation: Bool
    /// Leave out tokens written with digits, as jieba's part-of-speech filter does.
    public var excludeNumbers: Bool
    /// Tokens j with i < j < i + span are linked to token i (jieba: 5).
    public var span: Int
    /// Damping factor d (jieba: 0.85).
    public var damping: Double
    /// Rounds of updates (jieba: 10).
    public var iterations: Int
    /// When the words' part-of-speech tags are known, the tags a node may have (jieba's `allowPOS`:
    /// nouns, place names, verbs and verbal nouns); `nil` or empty for no filter by tag.
    public var partsOfSpeech: Set<String>?

    /// jieba's default `allowPOS`.
    public static let jiebaPartsOfSpeech: Set<String> = ["ns", "n", "vn", "v"]

    public init(topK: Int? = 20, stopWords: StopWords = .jieba, excludePunctuation: Bool = true,
                excludeNumbers: Bool = true, span: Int = 5, damping: Double = 0.85, iterations: Int = 10,
                partsOfSpeech: Set<String>? = TextRankOptions.jiebaPartsOfSpeech) {
        self.partsOfSpeech = partsOfSpeech
        self.topK = topK
        self.stopWords = stopWords
        self.excludePunctuation = excludePunctuation
        self.excludeNumbers = excludeNumbers
        self.span = span
        self.damping = damping
        self.iterations = iterations
    }
}

/// The keywords of one text by TextRank (Mihalcea & Tarau 2004), with the graph and ranking of
/// `jieba.analyse.textrank`.
///
/// Design note. jieba links every pair of eligible tokens less than `span` positions apart (the
/// positions of ineligible tokens count), weights an edge by how often the ordered pair occurs,
/// runs 10 in-place rounds of WS(n) = (1 − d) + d · Σ w(n,m)/out(m) · WS(m) over the nodes in
/// code-point order, scales by (w − min/10)/(max − min/10) and sorts stably by score. A token is
/// eligible when it has at least two characters and is not a stop word, and, with part-of-speech
/// tags, when its tag is allowed (jieba's default: nouns, place names and verbs, `ns n vn v`);
/// without tags, when it is neither punctuation nor a number (by default). Pass `eligible` to
/// choose per token (e.g. from `jieba.posseg`'s tags) and get jieba's ranking exactly.
public enum TextRank {
    /// Ranks the words of a text given as its tokens.
    ///
    ///     TextRank.keywords(["人才", "是", "第一", "资源"])   // 人才, 第一 and 资源 ranked; 是 is too short
    ///
    /// - Parameters:
    ///   - tokens: the text's tokens in order.
    ///   - eligible: per token, whether it may be a node; `nil` for the rule above.
    ///   - options: span, damping, rounds, filter and how many words.
    /// - Returns: the top words with their scaled scores (the best is 1).
    /// - Complexity: O(n·span + rounds·edges + m log m) for n tokens and m nodes.
    public static func keywords(_ tokens: [String], eligible: [Bool]? = nil,
                                options: TextRankOptions = TextRankOptions()) -> [WeightedWord] {
        var vocabulary = Vocabulary()
        let ids = tokens.map { vocabulary.intern($0) }
        let mask = eligible ?? ids.map { Ranker.isEligible(vocabulary.words[Int($0)], options: options) }
        var localOf = [Int32](repeating: -1, count: vocabulary.count)
        return Ranker.keywords(ids, eligible: mask, words: vocabulary.words, rank: Ranker.codePointRanks(vocabulary.words),
                               options: options, localOf: &localOf)
    }

    /// Ranks the words of a text given as its tokens and their part-of-speech tags (`nil` for a
    /// token without one), keeping the tags of `options.partsOfSpeech`, as `jieba.analyse.textrank`
    /// does with the tags of `jieba.posseg`.
    ///
    ///     TextRank.keywords(["我们", "培养", "人才"], partsOfSpeech: ["r", "v", "n"])   // 培养 and 人才; 我们 is a pronoun
    public static func keywords(_ tokens: [String], partsOfSpeech: [String?],
                                options: TextRankOptions = TextRankOptions()) -> [WeightedWord] {
        precondition(tokens.count == partsOfSpeech.count, "one part of speech per token")
        let eligible = zip(tokens, partsOfSpeech).map { Ranker.isEligible($0, tag: $1, options: options) }
        return keywords(tokens, eligible: eligible, options: options)
    }

    enum Ranker {
        /// jieba's `pairfilter`: an allowed tag (`wp.flag in pos_filt`), at least two characters
        /// after stripping, not a stop word. Without a tag filter (`partsOfSpeech` empty or `nil`),
        /// the rule without tags below.
        static func isEligible(_ word: String, tag: String?, options: TextRankOptions) -> Bool {
            guard let allowed = options.partsOfSpeech, !allowed.isEmpty else { return isEligible(word, options: options) }
            guard let tag, allowed.contains(tag) else { return false }
            return TFIDF.Scorer.isLongEnough(word) && !options.stopWords.containsLowercased(word)
        }

        /// Without tags: at least two characters, not a stop word, and (by default) neither punctuation nor a number.
        static func isEligible(_ word: String, options: TextRankOptions) -> Bool {
            guard TFIDF.Scorer.isLongEnough(word), !options.stopWords.containsLowercased(word) else { return false }
            switch TokenClass.of(word) {
            case .whitespace: return false
            case .punctuation: return !options.excludePunctuation
            case .number: return !options.excludeNumbers
            case .word: return true
            }
        }

        /// `rank[id]`: the position of `words[id]` in code-point order, for sorting nodes without strings;
        /// with `only`, among those words (the others get 0: only the order within a text matters).
        static func codePointRanks(_ words: [String], only needed: [Bool]? = nil) -> [Int32] {
            var rank = [Int32](repeating: 0, count: words.count)
            let ids = needed.map { needed in words.indices.filter { needed[$0] } } ?? Array(words.indices)
            for (position, id) in sortedForTable(ids, word: { words[$0] }, keys: { _ in (0, 0) }).enumerated() {
                rank[id] = Int32(position)
            }
            return rank
        }

        /// Ranks `tokens` (ids into `words`); `localOf` is a scratch buffer of `words.count` −1s, left
        /// as found; `rank` is `codePointRanks(words)`.
        static func keywords(_ tokens: [Int32], eligible: [Bool], words: [String], rank: [Int32], options: TextRankOptions,
                             localOf: inout [Int32]) -> [WeightedWord] {
            // Local ids for the eligible words of this text, so the work is in small flat arrays.
            var localWords: [Int32] = []
            var locals = [Int32](repeating: -1, count: tokens.count)
            for i in tokens.indices where eligible[i] {
                let id = Int(tokens[i])
                if localOf[id] < 0 {
                    localOf[id] = Int32(localWords.count)
                    localWords.append(tokens[i])
                }
                locals[i] = localOf[id]
            }
            for id in localWords { localOf[Int(id)] = -1 }
            // Ordered pair counts in order of first appearance (Python's dict order), found through
            // an open-addressing table keyed by the two local ids (frequent words have hundreds of
            // partners). A slot holds key and count together, so a pair seen again costs one cache
            // line; `pairSlots` keeps the order of first appearance.
            let pairs = countPairs(locals, wordCount: localWords.count, span: options.span)
            // The undirected graph: each pair adds an edge list entry at both ends, nodes in order of
            // creation. Edge lists are kept flat (CSR), in the order jieba appends them, since that
            // order fixes the order of the floating-point sums.
            var nodeOfLocal = [Int32](repeating: -1, count: localWords.count)
            var nodeWords: [Int32] = []
            var pairStarts = [Int32](repeating: 0, count: pairs.counts.count)
            var pairEnds = [Int32](repeating: 0, count: pairs.counts.count)
            nodeOfLocal.withUnsafeMutableBufferPointer { nodeOfLocal in
                for index in 0..<pairs.counts.count {
                    let a = Int(pairs.a[index]), b = Int(pairs.b[index])
                    if nodeOfLocal[a] < 0 {
                        nodeOfLocal[a] = Int32(nodeWords.count)
                        nodeWords.append(localWords[a])
                    }
                    if nodeOfLocal[b] < 0 {
                        nodeOfLocal[b] = Int32(nodeWords.count)
                        nodeWords.append(localWords[b])
                    }
                    pairStarts[index] = nodeOfLocal[a]
                    pairEnds[index] = nodeOfLocal[b]
                }
            }
            let count = nodeWords.count
            guard count > 0 else { return [] }
            // Nodes in code-point order of their words (ranks are distinct): sorted as packed integers.
            // The graph is laid out in that order (`position[node]`), which is the order of every
            // update round, so each round reads the edge arrays front to back.
            var packed = (0..<count).map { UInt64(UInt32(bitPattern: rank[Int(nodeWords[$0])])) << 32 | UInt64($0) }
            sortByHighWord(&packed)
            var position = [Int32](repeating: 0, count: count)
            for (index, key) in packed.enumerated() { position[Int(truncatingIfNeeded: key & 0xFFFF_FFFF)] = Int32(index) }
            let pairCount = pairs.counts.count
            var edgeStart = [Int](repeating: 0, count: count + 1)
            var edgeTo = [Int32]()
            var edgeShare = [Double]()
            position.withUnsafeBufferPointer { position in
                for index in 0..<pairCount {
                    edgeStart[Int(position[Int(pairStarts[index])]) + 1] += 1
                    edgeStart[Int(position[Int(pairEnds[index])]) + 1] += 1
                }
                for n in 0..<count { edgeStart[n + 1] += edgeStart[n] }
                let edgeCount = edgeStart[count]
                var fill = Array(edgeStart.prefix(count))
                edgeTo = [Int32](repeating: 0, count: edgeCount)
                var edgeWeight = [Double](repeating: 0, count: edgeCount)
                fill.withUnsafeMutableBufferPointer { fill in
                    edgeTo.withUnsafeMutableBufferPointer { edgeTo in
                        edgeWeight.withUnsafeMutableBufferPointer { edgeWeight in
                            // Each node's edges in the order jieba appends them: that order fixes the
                            // order of the floating-point sums.
                            for index in 0..<pairCount {
                                let start = Int(position[Int(pairStarts[index])]), end = Int(position[Int(pairEnds[index])])
                                let weight = Double(pairs.counts[index])
                                edgeTo[fill[start]] = Int32(end)
                                edgeWeight[fill[start]] = weight
                                fill[start] += 1
                                edgeTo[fill[end]] = Int32(start)
                                edgeWeight[fill[end]] = weight
                                fill[end] += 1
                            }
                        }
                    }
                }
                var outSums = [Double](repeating: 0, count: count)
                for n in 0..<count {
                    var sum = 0.0
                    for edge in edgeStart[n]..<edgeStart[n + 1] { sum += edgeWeight[edge] }
                    outSums[n] = sum
                }
                // w / out(m) is the first operation of jieba's `e[2] / outSum[e[1]] * ws[e[1]]`: the same value precomputed.
                edgeShare = edgeWeight
                edgeShare.withUnsafeMutableBufferPointer { share in
                    edgeTo.withUnsafeBufferPointer { to in
                        outSums.withUnsafeBufferPointer { outSums in
                            for edge in 0..<edgeCount { share[edge] = share[edge] / outSums[Int(to[edge])] }
                        }
                    }
                }
            }
            var sortedScores = [Double](repeating: 1.0 / Double(count), count: count)
            let d = options.damping
            sortedScores.withUnsafeMutableBufferPointer { scores in
                edgeShare.withUnsafeBufferPointer { share in
                    edgeTo.withUnsafeBufferPointer { to in
                        edgeStart.withUnsafeBufferPointer { edgeStart in
                            for _ in 0..<max(0, options.iterations) {
                                var edge = 0
                                for n in 0..<count {
                                    let end = edgeStart[n + 1]
                                    var sum = 0.0
                                    while edge < end {
                                        sum += share[edge] * scores[Int(to[edge])]
                                        edge += 1
                                    }
                                    scores[n] = (1 - d) + d * sum
                                }
                            }
                        }
                    }
                }
            }
            // Back to the order of creation, which breaks ties in the ranking below.
            var scores = [Double](repeating: 0, count: count)
            for n in 0..<count { scores[n] = sortedScores[Int(position[n])] }
            // jieba starts from sys.float_info.max and .min (the smallest normal double).
            var minRank = Double.greatestFiniteMagnitude
            var maxRank = Double.leastNormalMagnitude
            for score in scores {
                if score < minRank { minRank = score }
                if score > maxRank { maxRank = score }
            }
            for n in 0..<count { scores[n] = (scores[n] - minRank / 10.0) / (maxRank - minRank / 10.0) }
            // Python's stable sort by score, descending, then the first topK.
            let ranked = topRanked(count, limit: options.topK) { x, y in scores[x] != scores[y] ? scores[x] > scores[y] : x < y }
            return ranked.map { WeightedWord(word: words[Int(nodeWords[$0])], weight: scores[$0]) }
        }

        /// Sorts `keys` whose upper 32 bits are distinct into ascending order: a radix sort of the
        /// upper halves, 11 bits a pass (as many passes as the largest needs), for all but short lists.
        static func sortByHighWord(_ keys: inout [UInt64]) {
            guard keys.count > 256 else {
                keys.sort()
                return
            }
            var largest: UInt64 = 0
            for key in keys where key >> 32 > largest { largest = key >> 32 }
            var buffer = [UInt64](repeating: 0, count: keys.count)
            var counts = [Int](repeating: 0, count: 2048)
            var shift: UInt64 = 32
            while shift < 64 && largest >> (shift - 32) > 0 {
                for index in counts.indices { counts[index] = 0 }
                for key in keys { counts[Int(truncatingIfNeeded: key >> shift) & 2047] += 1 }
                var offset = 0
                for index in counts.indices {
                    let count = counts[index]
                    counts[index] = offset
                    offset += count
                }
                for key in keys {
                    let digit = Int(truncatingIfNeeded: key >> shift) & 2047
                    buffer[counts[digit]] = key
                    counts[digit] += 1
                }
                swap(&keys, &buffer)
                shift += 11
            }
        }

        /// The ordered pairs (a, b) of eligible tokens less than `span` positions apart, with how
        /// often each occurs, in order of first occurrence; `locals[i]` is token i's local id or −1.
        ///
        /// Design note. With fewer than 65,536 local ids (any real article) a slot is one UInt64:
        /// the key (a·2^16 + b + 1) in the upper half, the count in the lower, so the table is half
        /// the size and a probe reads one word; larger texts take two words per slot.
        static func countPairs(_ locals: [Int32], wordCount: Int, span: Int)
            -> (a: [Int32], b: [Int32], counts: [Int]) {
            var eligibleCount = 0
            for local in locals where local >= 0 { eligibleCount += 1 }
            let events = eligibleCount * max(1, span - 1)
            var capacity = 16
            while capacity < events + events / 4 { capacity <<= 1 }
            let mask = capacity - 1
            let shift = UInt64(64 - capacity.trailingZeroBitCount)  // the product's top bits pick the slot
            var slotsInOrder: [Int32] = []
            var result: (a: [Int32], b: [Int32], counts: [Int]) = ([], [], [])
            locals.withUnsafeBufferPointer { locals in
                if wordCount < 1 << 16 {
                    var table = [UInt64](repeating: 0, count: capacity)
                    table.withUnsafeMutableBufferPointer { table in
                        for i in 0..<locals.count where locals[i] >= 0 {
                            let a = UInt64(UInt32(bitPattern: locals[i])) << 16
                            var j = i + 1
                            while j < i + span, j < locals.count {
                                let b = locals[j]
                                if b >= 0 {
                                    let key = (a | UInt64(UInt32(bitPattern: b))) + 1
                                    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
                                    while table[slot] != 0 && table[slot] >> 32 != key { slot = (slot + 1) & mask }
                                    if table[slot] == 0 {
                                        table[slot] = key << 32 | 1
                                        slotsInOrder.append(Int32(slot))
                                    } else {
                                        table[slot] += 1
                                    }
                                }
                                j += 1
                            }
                        }
                    }
                    result.a.reserveCapacity(slotsInOrder.count)
                    result.b.reserveCapacity(slotsInOrder.count)
                    result.counts.reserveCapacity(slotsInOrder.count)
                    for slot in slotsInOrder {
                        let key = (table[Int(slot)] >> 32) - 1
                        result.a.append(Int32(truncatingIfNeeded: key >> 16))
                        result.b.append(Int32(truncatingIfNeeded: key & 0xFFFF))
                        result.counts.append(Int(table[Int(slot)] & 0xFFFF_FFFF))
                    }
                } else {
                    let empty = UInt64.max
                    var table = [UInt64](repeating: empty, count: 2 * capacity)  // key, count
                    table.withUnsafeMutableBufferPointer { table in
                        for i in 0..<locals.count where locals[i] >= 0 {
                            let a = UInt64(UInt32(bitPattern: locals[i]))
                            var j = i + 1
                            while j < i + span, j < locals.count {
                                let b = locals[j]
                                if b >= 0 {
                                    let key = a << 32 | UInt64(UInt32(bitPattern: b))
                                    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
                                    while table[2 * slot] != empty && table[2 * slot] != key { slot = (slot + 1) & mask }
                                    if table[2 * slot] == key {
                                        table[2 * slot + 1] += 1
                                    } else {
                                        table[2 * slot] = key
                                        table[2 * slot + 1] = 1
                                        slotsInOrder.append(Int32(slot))
                                    }
                                }
                                j += 1
                            }
                        }
                    }
                    for slot in slotsInOrder {
                        result.a.append(Int32(truncatingIfNeeded: table[2 * Int(slot)] >> 32))
                        result.b.append(Int32(truncatingIfNeeded: table[2 * Int(slot)] & 0xFFFF_FFFF))
                        result.counts.append(Int(table[2 * Int(slot) + 1]))
                    }
                }
            }
            return result
        }
    }
}
