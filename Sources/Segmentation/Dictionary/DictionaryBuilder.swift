import Foundation

/// A growable trie with jieba's `FREQ`/`total` semantics, used while the model is being built:
/// the main dictionary is read into it (`gen_pfdict`), user dictionaries are added word by word
/// (`add_word`, whose `suggest_freq` needs to cut with the dictionary as it stands at that moment),
/// and it is finally compiled into the compact breadth-first `CompiledDictionary`.
struct DictionaryBuilder: PrefixDictionary {
    private(set) var labels: [UInt32] = [0]
    private(set) var frequencies: [Int64] = [0]
    /// Per node, its part-of-speech tag: an index into `tagNames` plus one, 0 for none.
    private(set) var tags: [UInt16] = [0]
    /// The distinct tags in order of first use (`n`, `v`, …).
    private(set) var tagNames: [String] = []
    private var tagIndex: [String: UInt16] = [:]
    private var firstChildLink: [UInt32] = [0]
    private var nextSibling: [UInt32] = [0]
    private var edges: [UInt64: UInt32] = [:]
    /// jieba's `total`, a Python integer that never overflows: 128 bits hold the sum of 2^64
    /// frequencies of at most 2^63 each.
    private(set) var total: Int128 = 0
    private var logTotal: Double = -.infinity
    private(set) var forceSplitNodes: Set<UInt32> = []

    init(expectedNodeCount: Int = 0) {
        if expectedNodeCount > 0 {
            edges.reserveCapacity(expectedNodeCount)
            labels.reserveCapacity(expectedNodeCount + 1)
            frequencies.reserveCapacity(expectedNodeCount + 1)
            tags.reserveCapacity(expectedNodeCount + 1)
            firstChildLink.reserveCapacity(expectedNodeCount + 1)
            nextSibling.reserveCapacity(expectedNodeCount + 1)
        }
    }

    var nodeCount: Int { labels.count }

    // MARK: PrefixDictionary

    func child(of node: UInt32, scalar: UInt32) -> UInt32 {
        edges[UInt64(node) << 32 | UInt64(scalar)] ?? 0
    }

    func frequency(of node: UInt32) -> Int64 { frequencies[Int(node)] }

    func routeWeight(of node: UInt32) -> Double {
        let frequency = frequencies[Int(node)]
        return frequency > 0 ? log(Double(frequency)) - logTotal : .infinity
    }

    var unknownScalarWeight: Double { 0.0 - logTotal }

    var hasForceSplitWords: Bool { !forceSplitNodes.isEmpty }

    func isForceSplit(_ node: UInt32) -> Bool { forceSplitNodes.contains(node) }

    // MARK: Building

    /// The node of `word`, creating it and every missing prefix with frequency 0.
    mutating func insert<S: Sequence<UInt32>>(_ word: S) -> UInt32 {
        var node: UInt32 = 0
        for scalar in word {
            let key = UInt64(node) << 32 | UInt64(scalar)
            if let existing = edges[key] {
                node = existing
                continue
            }
            let created = UInt32(labels.count)
            labels.append(scalar)
            frequencies.append(0)
            tags.append(0)
            firstChildLink.append(0)
            nextSibling.append(firstChildLink[Int(node)])
            firstChildLink[Int(node)] = created
            edges[key] = created
            node = created
        }
        return node
    }

    /// `FREQ[word] = frequency; total += frequency` (jieba never subtracts a replaced frequency).
    mutating func setFrequency(_ frequency: Int64, of node: UInt32) {
        frequencies[Int(node)] = frequency
        total += Int128(frequency)
        logTotal = log(Double(total))
    }

    /// `word_tag_tab[word] = tag` of `jieba.posseg` (the tag a later line gives replaces an earlier one).
    /// More than 65,535 distinct tags (never in a real dictionary) keep the first ones only.
    mutating func setTag(_ tag: String, of node: UInt32) {
        if let index = tagIndex[tag] {
            tags[Int(node)] = index
        } else if tagNames.count < Int(UInt16.max) {
            tagNames.append(tag)
            let index = UInt16(tagNames.count)
            tagIndex[tag] = index
            tags[Int(node)] = index
        }
    }

    /// `finalseg.add_force_split(word)`.
    mutating func markForceSplit(_ node: UInt32) {
        forceSplitNodes.insert(node)
    }

    /// The compact trie: nodes renumbered breadth-first, children sorted by scalar.
    ///
    /// - Complexity: O(n log k) for n nodes of at most k children.
    func compile() -> CompiledDictionary {
        let count = labels.count
        var order: [UInt32] = [0]
        order.reserveCapacity(count)
        var newID = [UInt32](repeating: 0, count: count)
        var firstChild = [UInt32](repeating: 0, count: count + 1)
        var children: [UInt32] = []
        var head = 0
        while head < order.count {
            let old = order[head]
            firstChild[head] = UInt32(order.count)
            children.removeAll(keepingCapacity: true)
            var child = firstChildLink[Int(old)]
            while child != 0 {
                children.append(child)
                child = nextSibling[Int(child)]
            }
            children.sort { labels[Int($0)] < labels[Int($1)] }
            for child in children {
                newID[Int(child)] = UInt32(order.count)
                order.append(child)
            }
            head += 1
        }
        firstChild[count] = UInt32(count)
        let newLabels = FlatBuffer<UInt32>(count: count) { buffer in
            for (index, old) in order.enumerated() { buffer[index] = labels[Int(old)] }
        }
        let newFrequencies = FlatBuffer<Int64>(count: count) { buffer in
            for (index, old) in order.enumerated() { buffer[index] = frequencies[Int(old)] }
        }
        let newTags = FlatBuffer<UInt16>(count: count) { buffer in
            for (index, old) in order.enumerated() { buffer[index] = tags[Int(old)] }
        }
        return CompiledDictionary(
            labels: newLabels, firstChild: FlatBuffer(firstChild), frequencies: newFrequencies,
            weights: nil, forceSplitNodes: forceSplitNodes.map { newID[Int($0)] }.sorted(), total: total,
            tags: newTags, tagNames: tagNames)
    }
}
