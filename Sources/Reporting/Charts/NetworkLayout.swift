import Foundation

/// Deterministic node positions for `NetworkChart`, in a unit square centred on the origin.
///
/// Design note. A report is rerun and compared, so the same graph must always give the same
/// picture: no random numbers, no dependence on hashing order.
///
/// `concentric`: hubs are spread evenly on an inner circle (a single hub sits in the centre). Every
/// other node gets an anchor angle, the weighted circular mean of the angles of the hubs it is linked
/// to; the nodes are sorted by anchor and spread evenly on the outer circle (radius 1), the whole ring
/// turned so that nodes sit as near their anchors as the even spacing allows. Even spacing keeps
/// labels apart; sorting by anchor keeps each hub's collocates together.
///
/// `forceDirected`: Fruchterman–Reingold with a linearly cooling temperature, started from the nodes
/// on a circle in input order, nudged by a fixed-seed generator so that symmetric graphs do not stay
/// stuck on a line; then scaled to fill the square.
enum NetworkLayout {
    struct Point: Equatable {
        var x: Double
        var y: Double
    }

    /// Positions in `[-1, 1]²`, one per node, in node order. `usedConcentric` tells the renderer where labels go.
    static func positions(for chart: NetworkChart) -> (points: [Point], concentric: Bool) {
        if chart.layout == .concentric && chart.nodes.contains(where: \.isHub) {
            return (concentric(chart), true)
        }
        return (forceDirected(chart), false)
    }

    static func concentric(_ chart: NetworkChart) -> [Point] {
        let nodes = chart.nodes
        let index = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let hubs = nodes.indices.filter { nodes[$0].isHub }
        let others = nodes.indices.filter { !nodes[$0].isHub }
        var points = Array(repeating: Point(x: 0, y: 0), count: nodes.count)
        let start = -Double.pi / 2
        let innerRadius = others.isEmpty ? 1 : (hubs.count == 1 ? 0 : 0.42)
        var hubAngle: [Int: Double] = [:]
        for (order, hub) in hubs.enumerated() {
            let angle = start + 2 * .pi * Double(order) / Double(hubs.count)
            hubAngle[hub] = angle
            points[hub] = Point(x: innerRadius * cos(angle), y: innerRadius * sin(angle))
        }
        guard !others.isEmpty else { return points }

        // Weighted circular mean of linked hubs' angles; a single central hub gives no direction.
        var sums: [Int: (x: Double, y: Double)] = [:]
        if hubs.count > 1 {
            for edge in chart.edges {
                guard let source = index[edge.source], let target = index[edge.target] else { continue }
                let weight = max(edge.weight, 0) + 1e-9
                for (node, other) in [(source, target), (target, source)] {
                    guard !nodes[node].isHub, let angle = hubAngle[other] else { continue }
                    let sum = sums[node] ?? (0, 0)
                    sums[node] = (sum.x + weight * cos(angle), sum.y + weight * sin(angle))
                }
            }
        }
        func normalised(_ angle: Double) -> Double {
            var value = (angle - start).truncatingRemainder(dividingBy: 2 * .pi)
            if value < 0 { value += 2 * .pi }
            return value
        }
        let anchored: [(node: Int, anchor: Double?)] = others.map { node in
            guard let sum = sums[node], sum.x * sum.x + sum.y * sum.y > 1e-18 else { return (node, nil) }
            return (node, normalised(atan2(sum.y, sum.x)))
        }
        // Anchored nodes by anchor (ties in input order), then the rest in input order.
        let ordered = anchored.enumerated().sorted { left, right in
            switch (left.element.anchor, right.element.anchor) {
            case let (a?, b?): return a != b ? a < b : left.offset < right.offset
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return left.offset < right.offset
            }
        }.map(\.element)
        let count = Double(ordered.count)
        // Turn the ring by the circular mean of (anchor − slot), so nodes sit near their hubs.
        var turnX = 0.0
        var turnY = 0.0
        for (slot, item) in ordered.enumerated() {
            guard let anchor = item.anchor else { continue }
            let difference = anchor - 2 * .pi * Double(slot) / count
            turnX += cos(difference)
            turnY += sin(difference)
        }
        let turn = turnX * turnX + turnY * turnY > 1e-18 ? atan2(turnY, turnX) : 0
        for (slot, item) in ordered.enumerated() {
            let angle = start + turn + 2 * .pi * Double(slot) / count
            points[item.node] = Point(x: cos(angle), y: sin(angle))
        }
        return points
    }

    static func forceDirected(_ chart: NetworkChart) -> [Point] {
        let count = chart.nodes.count
        guard count > 1 else { return Array(repeating: Point(x: 0, y: 0), count: count) }
        let index = Dictionary(chart.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let edges: [(Int, Int, Double)] = chart.edges.compactMap { edge in
            guard let source = index[edge.source], let target = index[edge.target], source != target else { return nil }
            return (source, target, max(edge.weight, 0))
        }
        let maxWeight = edges.map(\.2).max() ?? 0
        var generator = SplitMix64(seed: 0x5EED_C1F1)
        var xs = [Double](repeating: 0, count: count)
        var ys = [Double](repeating: 0, count: count)
        for node in 0..<count {
            let angle = 2 * .pi * Double(node) / Double(count)
            xs[node] = cos(angle) + 0.05 * (generator.nextUnit() - 0.5)
            ys[node] = sin(angle) + 0.05 * (generator.nextUnit() - 0.5)
        }
        let k = (4.0 / Double(count)).squareRoot()
        // Keep the O(n² · iterations) cost bounded for large graphs.
        let iterations = max(50, min(300, 30_000_000 / (count * count)))
        let startTemperature = 0.2
        var dx = [Double](repeating: 0, count: count)
        var dy = [Double](repeating: 0, count: count)
        for iteration in 0..<iterations {
            for node in 0..<count {
                dx[node] = 0
                dy[node] = 0
            }
            for a in 0..<count {
                for b in (a + 1)..<count {
                    let ddx = xs[a] - xs[b]
                    let ddy = ys[a] - ys[b]
                    let distance = max((ddx * ddx + ddy * ddy).squareRoot(), 0.01)
                    let force = k * k / distance
                    dx[a] += ddx / distance * force
                    dy[a] += ddy / distance * force
                    dx[b] -= ddx / distance * force
                    dy[b] -= ddy / distance * force
                }
            }
            for (source, target, weight) in edges {
                let ddx = xs[source] - xs[target]
                let ddy = ys[source] - ys[target]
                let distance = max((ddx * ddx + ddy * ddy).squareRoot(), 0.01)
                let strength = maxWeight > 0 ? 0.5 + weight / maxWeight : 1
                let force = distance * distance / k * strength
                dx[source] -= ddx / distance * force
                dy[source] -= ddy / distance * force
                dx[target] += ddx / distance * force
                dy[target] += ddy / distance * force
            }
            let temperature = startTemperature * (1 - Double(iteration) / Double(iterations)) + 0.001
            for node in 0..<count {
                // Gravity keeps unconnected parts from drifting off.
                dx[node] -= xs[node] * k
                dy[node] -= ys[node] * k
                let length = (dx[node] * dx[node] + dy[node] * dy[node]).squareRoot()
                guard length > 0 else { continue }
                let step = min(length, temperature)
                xs[node] += dx[node] / length * step
                ys[node] += dy[node] / length * step
            }
        }
        let minX = xs.min() ?? 0
        let maxX = xs.max() ?? 0
        let minY = ys.min() ?? 0
        let maxY = ys.max() ?? 0
        let spanX = max(maxX - minX, 1e-9)
        let spanY = max(maxY - minY, 1e-9)
        return (0..<count).map { node in
            Point(x: (xs[node] - minX) / spanX * 2 - 1, y: (ys[node] - minY) / spanY * 2 - 1)
        }
    }
}

/// SplitMix64: a tiny, fixed, portable generator, so layouts do not depend on the platform's random source.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }
}
