/// The first `limit` of `0..<count` in the order `better` gives, as a stable sort would list
/// them (`better` must break ties itself, e.g. by position), without sorting everything.
///
///     topRanked(5, limit: 2) { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
///
/// `limit` nil, 0 or at least `count` sorts all `count`.
/// - Complexity: O(count · limit) at worst, about O(count) when few items enter the top; O(count log count) to sort all.
func topRanked(_ count: Int, limit: Int?, by better: (Int, Int) -> Bool) -> [Int] {
    let limit = limit.flatMap { $0 > 0 ? min($0, count) : nil } ?? count
    guard limit < count else { return (0..<count).sorted(by: better) }
    var ranked: [Int] = []
    ranked.reserveCapacity(limit + 1)
    for item in 0..<count {
        if ranked.count == limit, let last = ranked.last, !better(item, last) { continue }
        var position = ranked.count
        while position > 0 && better(item, ranked[position - 1]) { position -= 1 }
        ranked.insert(item, at: position)
        if ranked.count > limit { ranked.removeLast() }
    }
    return ranked
}
