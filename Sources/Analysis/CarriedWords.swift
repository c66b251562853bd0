/// How per-word counts carried over from an earlier corpus, and the counts of the articles removed
/// since, map onto the current corpus's vocabulary: the shared step of `CooccurrenceCounts.updated`
/// and `CollocateCounts.updated`.
///
/// Counts of disjoint sets of articles add up, so the counts of the current corpus are the earlier
/// counts, plus those of the articles added, minus those of the articles removed. The earlier
/// counts and the removed ones are indexed by their own word lists; the added ones by the current
/// vocabulary. A word of the earlier corpus that the current vocabulary lacks (an orphan) must
/// leave with the removed articles: what the earlier counts hold of it is exactly what the removed
/// counts hold.
struct CarriedWords {
    /// `here[i]`: the vocabulary id of the earlier counts' word i, or −1.
    let here: [Int]
    /// `gone[i]`: the vocabulary id of the removed counts' word i, or −1.
    let gone: [Int]
    /// `orphanOf[i]`, for a removed word outside the vocabulary: the index of the same word among
    /// the earlier words, or −1; for other removed words −1.
    let orphanOf: [Int]
    /// Earlier words outside the vocabulary that no removed word takes away.
    let unmatched: [Int]
    /// The size of the vocabulary.
    let size: Int

    /// `nil` when `words` holds a word twice (not counts of one corpus).
    init?(words: [String], removedWords: [String], vocabulary: Vocabulary) {
        size = vocabulary.count
        here = words.map { vocabulary.id(of: $0).map(Int.init) ?? -1 }
        gone = removedWords.map { vocabulary.id(of: $0).map(Int.init) ?? -1 }
        var seen = [Bool](repeating: false, count: size)
        for id in here where id >= 0 {
            guard !seen[id] else { return nil }
            seen[id] = true
        }
        // Keyed by UTF-8 bytes, as the vocabulary is: Swift's String equality would take a
        // compatibility ideograph (U+F900) and its canonical twin (U+8C48) for one word.
        var orphans: [[UInt8]: Int] = [:]
        for (index, id) in here.enumerated() where id < 0 { orphans[Array(words[index].utf8)] = index }
        var orphanOf = [Int](repeating: -1, count: removedWords.count)
        if !orphans.isEmpty {
            for (index, id) in gone.enumerated() where id < 0 {
                if let mine = orphans.removeValue(forKey: Array(removedWords[index].utf8)) { orphanOf[index] = mine }
            }
        }
        self.orphanOf = orphanOf
        unmatched = orphans.values.sorted()
    }

    /// One column of counts, `earlier + added − removed`, by vocabulary id; `nil` when a count
    /// would fall below zero, or an orphan's count does not all go with the removed articles.
    func merge<T: FixedWidthInteger & SignedInteger>(earlier: [T], added: [T], removed: [T]) -> [T]? {
        guard earlier.count == here.count, added.count == size, removed.count == gone.count else { return nil }
        var next = added
        for (index, id) in here.enumerated() where id >= 0 { next[id] &+= earlier[index] }
        for (index, id) in gone.enumerated() {
            if id >= 0 {
                next[id] &-= removed[index]
            } else if removed[index] != (orphanOf[index] >= 0 ? earlier[orphanOf[index]] : 0) {
                return nil
            }
        }
        for index in unmatched where earlier[index] != 0 { return nil }
        guard next.allSatisfy({ $0 >= 0 }) else { return nil }
        return next
    }
}
