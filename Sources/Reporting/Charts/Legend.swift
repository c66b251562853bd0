/// A legend laid out in rows that wrap at the chart's width.
struct Legend {
    enum Key {
        /// A filled square, for bars and network groups.
        case swatch
        /// A short line with the series' marker, for line charts.
        case line(marker: MarkerShape?, dash: String?)
    }

    struct Item {
        var label: String
        var colour: String
        var key: Key
    }

    let items: [Item]
    private let positions: [(x: Double, row: Int)]
    private let style: ChartStyle
    static let keyWidth = 22.0
    static let rowHeight = 18.0

    init(items: [Item], style: ChartStyle) {
        self.items = items
        self.style = style
        let available = style.width - 2 * style.padding
        var positions: [(x: Double, row: Int)] = []
        var x = 0.0
        var row = 0
        for item in items {
            let label = TextWidth.truncated(item.label, maxWidth: available / 2, fontSize: style.fontSize)
            let itemWidth = Self.keyWidth + 4 + style.width(of: label) + 16
            if x > 0 && x + itemWidth > available {
                x = 0
                row += 1
            }
            positions.append((x, row))
            x += itemWidth
        }
        self.positions = positions
    }

    /// Height of the legend band, including the gap below it; 0 without items.
    var height: Double {
        guard let last = positions.last else { return 0 }
        return Double(last.row + 1) * Self.rowHeight + 8
    }

    func draw(on canvas: SVGCanvas, top: Double) throws {
        guard !items.isEmpty else { return }
        try canvas.group(className: "legend") {
            for (item, position) in zip(items, positions) {
                let x = style.padding + position.x
                let middle = top + Double(position.row) * Self.rowHeight + Self.rowHeight / 2
                switch item.key {
                case .swatch:
                    try canvas.rect(x: x + 5, y: middle - 6, width: 12, height: 12, fill: item.colour, className: "legend-key")
                case .line(let marker, let dash):
                    try canvas.path(
                        "M\(SVGCanvas.number(x)) \(SVGCanvas.number(middle))h\(SVGCanvas.number(Self.keyWidth))",
                        fill: "none", stroke: item.colour, strokeWidth: 2, dash: dash, className: "legend-key")
                    if let marker {
                        try marker.draw(on: canvas, x: x + Self.keyWidth / 2, y: middle, colour: item.colour, className: "legend-marker")
                    }
                }
                let available = style.width - 2 * style.padding
                let label = TextWidth.truncated(item.label, maxWidth: available / 2, fontSize: style.fontSize)
                try canvas.text(
                    label, x: x + Self.keyWidth + 4, y: middle + style.fontSize * 0.35, className: "legend-label",
                    tooltip: label == item.label ? nil : item.label)
            }
        }
    }
}

/// Point markers of line charts: a different shape per series, so lines can be told apart without colour.
enum MarkerShape: CaseIterable {
    case circle, square, triangle, diamond, triangleDown, cross

    static func forSeries(_ index: Int) -> MarkerShape {
        allCases[index % allCases.count]
    }

    /// Draws the marker centred on `x`, `y`, about 8 px across.
    func draw(
        on canvas: SVGCanvas, x: Double, y: Double, colour: String, className: String = "marker", tooltip: String? = nil
    ) throws {
        let n = SVGCanvas.number
        switch self {
        case .circle:
            try canvas.circle(cx: x, cy: y, r: 4, fill: colour, stroke: "#FFFFFF", className: className, tooltip: tooltip)
        case .square:
            try canvas.rect(
                x: x - 3.5, y: y - 3.5, width: 7, height: 7, fill: colour, className: className, stroke: "#FFFFFF",
                tooltip: tooltip)
        case .triangle:
            try canvas.path(
                "M\(n(x)) \(n(y - 4.5))L\(n(x + 4.5)) \(n(y + 3.5))L\(n(x - 4.5)) \(n(y + 3.5))Z", fill: colour,
                stroke: "#FFFFFF", className: className, tooltip: tooltip)
        case .diamond:
            try canvas.path(
                "M\(n(x)) \(n(y - 5))L\(n(x + 5)) \(n(y))L\(n(x)) \(n(y + 5))L\(n(x - 5)) \(n(y))Z", fill: colour,
                stroke: "#FFFFFF", className: className, tooltip: tooltip)
        case .triangleDown:
            try canvas.path(
                "M\(n(x)) \(n(y + 4.5))L\(n(x + 4.5)) \(n(y - 3.5))L\(n(x - 4.5)) \(n(y - 3.5))Z", fill: colour,
                stroke: "#FFFFFF", className: className, tooltip: tooltip)
        case .cross:
            try canvas.path(
                "M\(n(x - 4)) \(n(y - 4))L\(n(x + 4)) \(n(y + 4))M\(n(x + 4)) \(n(y - 4))L\(n(x - 4)) \(n(y + 4))",
                fill: "none", stroke: colour, strokeWidth: 2, className: className, tooltip: tooltip)
        }
    }
}
