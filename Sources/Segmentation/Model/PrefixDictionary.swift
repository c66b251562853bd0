import Foundation

/// What the cutting algorithm needs from a dictionary: jieba's `FREQ` (every word and every prefix
/// of a word, prefixes with frequency 0) and `total`, seen as a trie over Unicode scalars.
///
/// Node 0 is the root (the empty string); a node stands for the string spelled on the way to it. A
/// string is "in `FREQ`" exactly when it has a node, which is why the DAG walk may stop at the first
/// missing child: every prefix of every word has a node.
protocol PrefixDictionary {
    /// The node for the string of `node` followed by `scalar`, or 0 when that string is not in `FREQ`.
    func child(of node: UInt32, scalar: UInt32) -> UInt32
    /// `FREQ[string]` for the string of `node`: 0 for a prefix that is not itself a word.
    func frequency(of node: UInt32) -> Int64
    /// `log(FREQ[string]) - log(total)`, the route weight of a word; `+infinity` when the string is
    /// no word (frequency 0), which is how the hot loop tells words from mere prefixes.
    func routeWeight(of node: UInt32) -> Double
    /// `log(1) - log(total)`: the weight of a lone character that is no word (`FREQ.get(c) or 1`).
    var unknownScalarWeight: Double { get }
    /// jieba's `total`.
    var total: Int128 { get }
    /// Whether any word was added with frequency 0 (jieba's `finalseg.Force_Split_Words`).
    var hasForceSplitWords: Bool { get }
    /// Whether the string of `node` is one of those words, which the HMM must not return whole.
    func isForceSplit(_ node: UInt32) -> Bool
}

extension PrefixDictionary {
    /// The node of `scalars`, or 0 when the string is not in `FREQ`.
    @inline(__always)
    func node<S: Sequence<UInt32>>(of scalars: S) -> UInt32 {
        var node: UInt32 = 0
        for scalar in scalars {
            node = child(of: node, scalar: scalar)
            if node == 0 { return 0 }
        }
        return node
    }

    /// `FREQ.get(string)` truthiness: whether the string is a word with a frequency above 0.
    @inline(__always)
    func isWord(_ scalars: UnsafePointer<UInt32>, _ range: Range<Int>) -> Bool {
        var node: UInt32 = 0
        for index in range {
            node = child(of: node, scalar: scalars[index])
            if node == 0 { return false }
        }
        return routeWeight(of: node) < .infinity
    }

    /// `cut(text, HMM=False)`.
    func cutWithoutHMM(_ text: [UInt32]) -> [ArraySlice<UInt32>] {
        guard !text.isEmpty else { return [] }
        let scratch = SegmentationScratch()
        scratch.reserve(scalarCount: text.count)
        scratch.scalars.update(from: text, count: text.count)
        var engine = CutEngine(dictionary: self, hmm: nil, scratch: scratch)
        engine.cut(scalarCount: text.count)
        var pieces: [ArraySlice<UInt32>] = []
        var start = 0
        for index in 0..<engine.tokenCount {
            let end = scratch.scalarTokenEnds[index]
            pieces.append(text[start..<end])
            start = end
        }
        return pieces
    }

    /// jieba's `suggest_freq(word, tune=False)` for a single word: the frequency that makes the
    /// word outscore the product of the pieces `cut(word, HMM=False)` splits it into, computed
    /// with the dictionary as it stands now.
    func suggestedFrequency(for word: [UInt32]) -> Int64 {
        let totalAsDouble = Double(total)
        var product = 1.0
        for piece in cutWithoutHMM(word) {
            product *= Double(frequency(of: piece, default: 1)) / totalAsDouble
        }
        let scaled = product * Double(total)
        let suggested = scaled < 9.0e18 ? Int64(scaled) + 1 : Int64.max
        return max(suggested, frequency(of: word, default: 1))
    }

    /// `FREQ.get(string, default)`.
    func frequency<S: Sequence<UInt32>>(of scalars: S, default defaultValue: Int64) -> Int64 {
        var node: UInt32 = 0
        var isEmpty = true
        for scalar in scalars {
            isEmpty = false
            node = child(of: node, scalar: scalar)
            if node == 0 { return defaultValue }
        }
        return isEmpty ? defaultValue : frequency(of: node)
    }
}

/// The compiled trie: nodes numbered breadth-first with each node's children in ascending scalar
/// order, so the children of node `n` are exactly the nodes `firstChild[n] ..< firstChild[n + 1]`
/// and a child is found by binary search over `labels` in that range. Children of the root are also
/// reachable through `rootTable`, indexed by scalar for ASCII and the Han range, which is where
/// nearly every walk starts.
struct CompiledDictionary: Sendable {
    /// The scalar on the edge into each node (0 for the root).
    let labels: FlatBuffer<UInt32>
    /// `nodeCount + 1` entries; see the type's summary.
    let firstChild: FlatBuffer<UInt32>
    /// `FREQ` per node.
    let frequencies: FlatBuffer<Int64>
    /// `log(freq) - log(total)` per node, `+infinity` for a prefix with frequency 0.
    let weights: FlatBuffer<Double>
    /// Child of the root per ASCII scalar (entries 0–127) and per Han scalar (entries 128…), 0 if none.
    let rootTable: FlatBuffer<UInt32>
    /// Nodes of words added with frequency 0, ascending.
    let forceSplitNodes: [UInt32]
    /// Per node, what one step of a walk needs, in 16 bytes (derived from the arrays above).
    let nodes: FlatBuffer<NodeRecord>
    /// Open-addressing tables of `label << 32 | child` (0 for an empty slot) for the children of
    /// nodes with more than `ChildTables.fanoutLimit` children.
    let childTables: FlatBuffer<UInt64>
    /// jieba's `total`: the sum of all frequencies read, user dictionaries included (Python's
    /// integer never overflows; `Double(total)` rounds as Python's `float(total)` does).
    let total: Int128
    /// Per node, the word's part-of-speech tag as an index into `tagNames` plus one; 0 for none.
    let tags: FlatBuffer<UInt16>
    /// The tags of the dictionaries (`n`, `v`, `ns`, …).
    let tagNames: [String]

    var nodeCount: Int { labels.count }

    /// Builds the derived tables (weights when not given, the root table) from the stored ones.
    init(
        labels: FlatBuffer<UInt32>, firstChild: FlatBuffer<UInt32>, frequencies: FlatBuffer<Int64>,
        weights: FlatBuffer<Double>?, forceSplitNodes: [UInt32], total: Int128,
        tags: FlatBuffer<UInt16>, tagNames: [String]
    ) {
        self.tags = tags
        self.tagNames = tagNames
        self.labels = labels
        self.firstChild = firstChild
        self.frequencies = frequencies
        self.forceSplitNodes = forceSplitNodes
        self.total = total
        if let weights {
            self.weights = weights
        } else {
            let logTotal = log(Double(total))
            self.weights = FlatBuffer(count: frequencies.count) { weights in
                for node in 0..<frequencies.count {
                    let frequency = frequencies.base[node]
                    weights[node] = frequency > 0 ? log(Double(frequency)) - logTotal : .infinity
                }
            }
        }
        (nodes, childTables) = ChildTables.build(labels: labels, firstChild: firstChild, weights: self.weights)
        let asciiCount = 128
        rootTable = FlatBuffer(count: asciiCount + ScalarClass.hanCount) { table in
            table.initialize(repeating: 0)
            let end = Int(firstChild.base[1])
            for node in Int(firstChild.base[0])..<end {
                let scalar = labels.base[node]
                if scalar < 128 {
                    table[Int(scalar)] = UInt32(node)
                } else if ScalarClass.isHan(scalar) {
                    table[asciiCount + Int(scalar - ScalarClass.hanFirst)] = UInt32(node)
                }
            }
        }
    }

    /// Checks that the arrays describe a well-formed trie, so that the unchecked reads of the
    /// cutting loops stay in bounds whatever a cache file held.
    static func isWellFormed(
        labels: FlatBuffer<UInt32>, firstChild: FlatBuffer<UInt32>, frequencies: FlatBuffer<Int64>,
        weights: FlatBuffer<Double>, forceSplitNodes: [UInt32], total: Int128,
        tags: FlatBuffer<UInt16>, tagCount: Int
    ) -> Bool {
        let nodeCount = labels.count
        guard nodeCount >= 1, nodeCount < Int(UInt32.max), firstChild.count == nodeCount + 1,
            frequencies.count == nodeCount, weights.count == nodeCount, total > 0, tags.count == nodeCount,
            firstChild.base[0] == 1, Int(firstChild.base[nodeCount]) == nodeCount
        else { return false }
        for node in 0..<nodeCount {
            let start = firstChild.base[node]
            let end = firstChild.base[node + 1]
            // Breadth-first numbering: children come after their parent, ranges never go back.
            guard start <= end, start > UInt32(node) || start == end else { return false }
            var previous: UInt32? = nil
            for child in Int(start)..<Int(end) {
                let label = labels.base[child]
                if let previous, label <= previous { return false }
                previous = label
            }
            guard frequencies.base[node] >= 0, Int(tags.base[node]) <= tagCount else { return false }
        }
        for node in forceSplitNodes where Int(node) >= nodeCount || node == 0 {
            return false
        }
        return true
    }

    /// A pointer view for the cutting loops; valid while `self` is alive.
    var view: CompiledDictionaryView {
        CompiledDictionaryView(
            labels: UnsafePointer(labels.base), firstChild: UnsafePointer(firstChild.base),
            frequencies: UnsafePointer(frequencies.base), weights: UnsafePointer(weights.base),
            rootTable: UnsafePointer(rootTable.base), nodes: UnsafePointer(nodes.base),
            childTables: UnsafePointer(childTables.base), forceSplitNodes: forceSplitNodes,
            unknownScalarWeight: 0.0 - log(Double(total)), total: total)
    }
}

/// Raw-pointer access to a `CompiledDictionary` for the hot loops.
struct CompiledDictionaryView: PrefixDictionary {
    let labels: UnsafePointer<UInt32>
    let firstChild: UnsafePointer<UInt32>
    let frequencies: UnsafePointer<Int64>
    let weights: UnsafePointer<Double>
    let rootTable: UnsafePointer<UInt32>
    let nodes: UnsafePointer<NodeRecord>
    let childTables: UnsafePointer<UInt64>
    let forceSplitNodes: [UInt32]
    let unknownScalarWeight: Double
    let total: Int128

    @inline(__always)
    func child(of node: UInt32, scalar: UInt32) -> UInt32 {
        if node == 0 {
            if scalar < 128 { return rootTable[Int(scalar)] }
            if ScalarClass.isHan(scalar) { return rootTable[128 + Int(scalar &- ScalarClass.hanFirst)] }
        }
        let record = nodes[Int(node)]
        let count = Int(record.childCount)
        if count > ChildTables.fanoutLimit {
            // A node with many children (the first characters of common words): hash lookup.
            let bits = ChildTables.tableBits(count)
            let mask = (1 << Int(bits)) - 1
            let table = childTables + Int(record.childStart)
            var slot = ChildTables.slot(scalar, bits: bits)
            while true {
                let entry = table[slot]
                if entry == 0 { return 0 }
                if UInt32(truncatingIfNeeded: entry >> 32) == scalar { return UInt32(truncatingIfNeeded: entry) }
                slot = (slot + 1) & mask
            }
        }
        var child = Int(record.childStart)
        let end = child + count
        while child < end {
            let label = labels[child]
            if label >= scalar { return label == scalar ? UInt32(child) : 0 }
            child += 1
        }
        return 0
    }

    @inline(__always)
    func frequency(of node: UInt32) -> Int64 { frequencies[Int(node)] }

    @inline(__always)
    func routeWeight(of node: UInt32) -> Double { nodes[Int(node)].weight }

    var hasForceSplitWords: Bool { !forceSplitNodes.isEmpty }

    func isForceSplit(_ node: UInt32) -> Bool {
        var low = 0
        var high = forceSplitNodes.count
        while low < high {
            let middle = (low + high) >> 1
            if forceSplitNodes[middle] < node { low = middle + 1 } else { high = middle }
        }
        return low < forceSplitNodes.count && forceSplitNodes[low] == node
    }
}

/// Hash tables for the children of nodes with many children, built when a dictionary is loaded
/// (they are derived data, not stored in the cache). A node with up to `fanoutLimit` children is
/// searched linearly instead: its labels share a cache line or two.
enum ChildTables {
    static let fanoutLimit = 12

    @inline(__always)
    static func slot(_ scalar: UInt32, bits: UInt64) -> Int {
        Int((UInt64(scalar) &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
    }

    /// `log2` of the table size for a node with `fanout` children.
    @inline(__always)
    static func tableBits(_ fanout: Int) -> UInt64 {
        UInt64(64 - (fanout * 2 - 1).leadingZeroBitCount)
    }

    static func build(
        labels: FlatBuffer<UInt32>, firstChild: FlatBuffer<UInt32>, weights: FlatBuffer<Double>
    ) -> (FlatBuffer<NodeRecord>, FlatBuffer<UInt64>) {
        let nodeCount = labels.count
        var slotCount = 0
        for node in 0..<nodeCount {
            let fanout = Int(firstChild.base[node + 1] - firstChild.base[node])
            if fanout > fanoutLimit { slotCount += 1 << Int(tableBits(fanout)) }
        }
        let tables = FlatBuffer<UInt64>(count: max(slotCount, 1), repeating: 0)
        let records = FlatBuffer<NodeRecord>(count: nodeCount) { records in
            var offset = 0
            for node in 0..<nodeCount {
                let start = Int(firstChild.base[node])
                let end = Int(firstChild.base[node + 1])
                let weight = weights.base[node]
                let childCount = UInt32(end - start)
                guard end - start > fanoutLimit else {
                    records[node] = NodeRecord(childStart: UInt32(start), childCount: childCount, weight: weight)
                    continue
                }
                let bits = tableBits(end - start)
                let size = 1 << Int(bits)
                let table = tables.base + offset
                for child in start..<end {
                    let label = labels.base[child]
                    var slot = Self.slot(label, bits: bits)
                    while table[slot] != 0 { slot = (slot + 1) & (size - 1) }
                    table[slot] = UInt64(label) << 32 | UInt64(child)
                }
                records[node] = NodeRecord(childStart: UInt32(offset), childCount: childCount, weight: weight)
                offset += size
            }
        }
        return (records, tables)
    }
}

/// One trie node as the walk reads it, in one 16-byte record: where its children are (an index
/// into `labels`, or into `childTables` when it has more than `ChildTables.fanoutLimit`), how many,
/// and its route weight (`+infinity` for a prefix that is no word).
struct NodeRecord: BitwiseCopyable {
    var childStart: UInt32
    var childCount: UInt32
    var weight: Double
}
