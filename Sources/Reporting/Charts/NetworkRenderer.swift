import Foundation

/// Draws a `NetworkChart` from the positions of `NetworkLayout`.
///
/// A node's circle area grows with its weight (radius 4 to 16 px), an edge's width with its weight
/// from the weakest edge drawn to the strongest (0.8 to 5 px, weakest drawn first: logDice of the
/// partners shown spans a point or two, which widths from zero would not tell apart), a node's
/// colour shows its group. Labels stay horizontal (turned
/// CJK text reads badly): in the concentric layout the outer labels sit outside their circle along
/// the spoke, hubs are labelled in bold under their circle.
struct NetworkRenderer {
    let chart: NetworkChart
    let drawing: Drawing
    private var style: ChartStyle { drawing.style }
    private let minimumRadius = 4.0
    private let maximumRadius = 16.0

    func render() throws -> Data {
        guard !chart.nodes.isEmpty else { return try drawing.renderNoData(chartTitle: chart.title) }
        let fontSize = style.fontSize
        var groupIndex: [String: Int] = [:]
        var groups: [String] = []
        for node in chart.nodes where groupIndex[node.group] == nil {
            groupIndex[node.group] = groupIndex.count
            if !node.group.isEmpty { groups.append(node.group) }
        }
        let legend = Legend(
            items: groups.map { Legend.Item(label: $0, colour: style.colour(groupIndex[$0] ?? 0), key: .swatch) },
            style: style)
        let maxNodeWeight = chart.nodes.map { max($0.weight, 0) }.max() ?? 0
        func radius(_ node: NetworkNode) -> Double {
            guard maxNodeWeight > 0, node.weight.isFinite else { return 6 }
            return minimumRadius + (maximumRadius - minimumRadius) * (max(node.weight, 0) / maxNodeWeight).squareRoot()
        }
        let labels = chart.nodes.map {
            TextWidth.truncated($0.label, maxWidth: $0.isHub ? 140 : 110, fontSize: fontSize)
        }
        let (points, concentric) = NetworkLayout.positions(for: chart)
        let top = style.padding + style.titleHeight(chart.title) + legend.height

        var positions: [NetworkLayout.Point]
        let height: Double
        var centre = NetworkLayout.Point(x: 0, y: 0)
        if concentric {
            let outerLabelWidth = chart.nodes.indices.filter { !chart.nodes[$0].isHub }
                .map { style.width(of: labels[$0]) }.max() ?? 0
            let labelSpace = outerLabelWidth + 6
            let ringRadius = max((style.width - 2 * style.padding) / 2 - labelSpace - maximumRadius, 60)
            centre = NetworkLayout.Point(x: style.width / 2, y: top + labelSpace + maximumRadius + ringRadius)
            height = centre.y + ringRadius + maximumRadius + labelSpace + style.padding
            positions = points.map { NetworkLayout.Point(x: centre.x + ringRadius * $0.x, y: centre.y + ringRadius * $0.y) }
        } else {
            let labelSpace = (labels.map { style.width(of: $0) }.max() ?? 0) + 4
            let left = style.padding + maximumRadius
            let right = max(style.width - style.padding - maximumRadius - labelSpace, left + 60)
            let plotTop = top + maximumRadius
            let plotHeight = (right - left) * 0.65
            height = plotTop + plotHeight + maximumRadius + fontSize + style.padding
            positions = points.map {
                NetworkLayout.Point(x: left + ($0.x + 1) / 2 * (right - left), y: plotTop + ($0.y + 1) / 2 * plotHeight)
            }
        }

        let index = Dictionary(chart.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let edgeWeights = chart.edges.map(\.weight).filter(\.isFinite)
        let (minEdgeWeight, maxEdgeWeight) = (edgeWeights.min() ?? 0, edgeWeights.max() ?? 0)
        let canvas = try drawing.canvas(height: height)
        if let title = chart.title { try drawing.drawTitle(title, on: canvas) }
        try legend.draw(on: canvas, top: style.padding + style.titleHeight(chart.title))
        try canvas.group(className: "edges") {
            let ordered = chart.edges.enumerated().sorted { left, right in
                left.element.weight != right.element.weight
                    ? left.element.weight < right.element.weight : left.offset < right.offset
            }.map(\.element)
            for edge in ordered {
                guard let source = index[edge.source], let target = index[edge.target], source != target else { continue }
                let share = !edge.weight.isFinite ? 0.5 : maxEdgeWeight > minEdgeWeight
                    ? (edge.weight - minEdgeWeight) / (maxEdgeWeight - minEdgeWeight) : 1
                try canvas.line(
                    x1: positions[source].x, y1: positions[source].y, x2: positions[target].x, y2: positions[target].y,
                    stroke: "#888888", width: 0.8 + 4.2 * share, className: "edge", opacity: 0.55,
                    tooltip: "\(chart.nodes[source].label) – \(chart.nodes[target].label): \(ChartNumber.text(edge.weight))",
                    attributes: [("data-weight", ChartNumber.text(edge.weight))])
            }
        }
        let drawingOrder = chart.nodes.indices.filter { !chart.nodes[$0].isHub } + chart.nodes.indices.filter { chart.nodes[$0].isHub }
        try canvas.group(className: "nodes") {
            for node in drawingOrder {
                let item = chart.nodes[node]
                try canvas.circle(
                    cx: positions[node].x, cy: positions[node].y, r: radius(item),
                    fill: style.colour(groupIndex[item.group] ?? 0), stroke: style.background, strokeWidth: 1.5,
                    className: item.isHub ? "node hub" : "node", tooltip: "\(item.label): \(ChartNumber.text(item.weight))",
                    attributes: [("data-weight", ChartNumber.text(item.weight))])
            }
        }
        try canvas.group(className: "node-labels") {
            for node in drawingOrder {
                let item = chart.nodes[node]
                let point = positions[node]
                let tooltip = labels[node] == item.label ? nil : item.label
                if item.isHub {
                    try canvas.text(
                        labels[node], x: point.x, y: point.y + radius(item) + fontSize, anchor: .middle, bold: true,
                        className: "label hub-label", halo: true, tooltip: tooltip)
                } else if concentric {
                    // Horizontal (CJK reads badly turned), just outside the circle along the spoke:
                    // to the right on the right side, to the left on the left, centred at top and bottom.
                    let angle = atan2(point.y - centre.y, point.x - centre.x)
                    let (cosine, sine) = (cos(angle), sin(angle))
                    let distance = radius(item) + 4
                    let anchor: SVGCanvas.Anchor = cosine > 0.35 ? .start : (cosine < -0.35 ? .end : .middle)
                    let x = point.x + cosine * distance
                    let y = anchor == .middle
                        ? (sine > 0 ? point.y + distance + fontSize * 0.8 : point.y - distance - 2)
                        : point.y + sine * distance + fontSize * 0.35
                    try canvas.text(
                        labels[node], x: x, y: y, anchor: anchor, className: "label", halo: true, tooltip: tooltip)
                } else {
                    try canvas.text(
                        labels[node], x: point.x + radius(item) + 3, y: point.y + fontSize * 0.35, className: "label",
                        halo: true, tooltip: tooltip)
                }
            }
        }
        return try canvas.finish()
    }
}
