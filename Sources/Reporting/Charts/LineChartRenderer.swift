import Foundation

/// Lays out and draws a `LineChart`.
///
/// Categories sit at the centres of equal slots along the x axis; when their labels would overlap,
/// only every k-th is written (k the smallest that fits). A missing value breaks the line; a point
/// with no neighbour is still drawn as a dot. Series differ by colour and by marker shape; markers
/// of different series that would cover each other (equal or nearly equal values in one category)
/// are set side by side, centred on the point, so each stays visible, each line running through
/// its own.
struct LineChartRenderer {
    let chart: LineChart
    let drawing: Drawing
    private var style: ChartStyle { drawing.style }

    func render() throws -> Data {
        let values = chart.series.flatMap { $0.values.compactMap { $0.flatMap(ChartNumber.finite) } }
        guard !chart.categories.isEmpty, let minimum = values.min(), let maximum = values.max() else {
            return try drawing.renderNoData(chartTitle: chart.title)
        }
        let integers = values.allSatisfy { $0 == $0.rounded() }
        let scale = chart.yStartsAtZero
            ? NiceScale(minimum: min(0, minimum), maximum: max(0, maximum), integersOnly: integers)
            : NiceScale(minimum: minimum, maximum: maximum, integersOnly: integers)
        let legend = Legend(
            items: chart.series.count > 1
                ? chart.series.enumerated().map { index, series in
                    Legend.Item(
                        label: series.name, colour: style.colour(index),
                        key: .line(marker: chart.showsMarkers ? MarkerShape.forSeries(index) : nil, dash: style.dash(index)))
                }
                : [],
            style: style)

        let fontSize = style.fontSize
        let tickLabels = scale.ticks.map(scale.label)
        let tickWidth = tickLabels.map { style.width(of: $0) }.max() ?? 0
        let yAxisSpace = chart.yAxisLabel == nil ? 0 : fontSize + 10
        let plotTop = style.padding + style.titleHeight(chart.title) + legend.height + fontSize / 2
        let plotLeft = style.padding + yAxisSpace + tickWidth + 6
        let plotRight = style.width - style.padding
        let slot = (plotRight - plotLeft) / Double(chart.categories.count)
        let labels = chart.categories.map { TextWidth.truncated($0, maxWidth: 140, fontSize: fontSize) }
        let labelWidth = labels.map { style.width(of: $0) }.max() ?? 0
        let labelEvery = max(1, Int(((labelWidth + 8) / slot).rounded(.up)))
        let plotBottom = plotTop + 280
        let labelBaseline = plotBottom + 6 + fontSize * 0.85
        let axisLabelBaseline = labelBaseline + 8 + fontSize
        let height = (chart.xAxisLabel == nil ? labelBaseline : axisLabelBaseline) + 4 + style.padding

        func x(_ index: Int) -> Double { plotLeft + (Double(index) + 0.5) * slot }
        func y(_ value: Double) -> Double { scale.position(of: value, from: plotBottom, to: plotTop) }

        let canvas = try drawing.canvas(height: height)
        if let title = chart.title { try drawing.drawTitle(title, on: canvas) }
        try legend.draw(on: canvas, top: style.padding + style.titleHeight(chart.title))
        try canvas.group(className: "grid") {
            for (tick, label) in zip(scale.ticks, tickLabels) {
                try canvas.line(
                    x1: plotLeft, y1: y(tick), x2: plotRight, y2: y(tick),
                    stroke: tick == scale.lower ? style.axisColor : style.gridColor,
                    className: tick == scale.lower ? "axis-line" : "gridline", attributes: [("data-value", label)])
            }
        }
        try canvas.verticalValueAxis(
            className: "axis y-axis", ticks: scale.ticks, labels: tickLabels, position: y, plotLeft: plotLeft,
            plotTop: plotTop, plotBottom: plotBottom, axisLabel: chart.yAxisLabel, style: style)
        try canvas.group(className: "axis x-axis") {
            for (index, label) in labels.enumerated() {
                try canvas.line(
                    x1: x(index), y1: plotBottom, x2: x(index), y2: plotBottom + 4, stroke: style.axisColor, className: "tick-mark")
                guard index % labelEvery == 0 else { continue }
                try canvas.text(
                    label, x: x(index), y: labelBaseline, anchor: .middle, className: "category",
                    tooltip: label == chart.categories[index] ? nil : chart.categories[index])
            }
            if let axisLabel = chart.xAxisLabel {
                try canvas.text(axisLabel, x: (plotLeft + plotRight) / 2, y: axisLabelBaseline, anchor: .middle, className: "axis-label")
            }
        }
        let dodge = chart.showsMarkers ? Self.markerOffsets(chart.series.map { series in
            series.values.map { $0.flatMap(ChartNumber.finite).map(y) }
        }, slot: chart.categories.count > 1 ? x(1) - x(0) : plotRight - plotLeft) : [:]
        for (seriesIndex, series) in chart.series.enumerated() {
            let colour = style.colour(seriesIndex)
            try canvas.group(className: "series", attributes: [("data-series", series.name)]) {
                var segments: [[(index: Int, value: Double)]] = []
                var current: [(index: Int, value: Double)] = []
                for (index, value) in series.values.enumerated() {
                    if let value = value.flatMap(ChartNumber.finite) {
                        current.append((index, value))
                    } else if !current.isEmpty {
                        segments.append(current)
                        current = []
                    }
                }
                if !current.isEmpty { segments.append(current) }
                // A line runs through its own markers, set aside where they would cover others'.
                func pointX(_ index: Int) -> Double { x(index) + (dodge[MarkerKey(series: seriesIndex, category: index)] ?? 0) }
                for segment in segments where segment.count > 1 {
                    let d = segment.enumerated().map { offset, point in
                        (offset == 0 ? "M" : "L") + "\(SVGCanvas.number(pointX(point.index))) \(SVGCanvas.number(y(point.value)))"
                    }.joined()
                    try canvas.path(
                        d, fill: "none", stroke: colour, strokeWidth: 2, dash: style.dash(seriesIndex), className: "line")
                }
                for segment in segments {
                    for point in segment {
                        let tooltip = (chart.series.count > 1 ? "\(series.name) · " : "")
                            + "\(chart.categories[point.index]): \(ChartNumber.text(point.value))"
                        if chart.showsMarkers {
                            try MarkerShape.forSeries(seriesIndex).draw(
                                on: canvas, x: pointX(point.index), y: y(point.value), colour: colour, tooltip: tooltip)
                        } else {
                            // Without markers an isolated point would be invisible; a transparent dot keeps the tooltip.
                            try canvas.circle(
                                cx: x(point.index), cy: y(point.value), r: segment.count == 1 ? 3 : 2,
                                fill: segment.count == 1 ? colour : "transparent", className: "point", tooltip: tooltip)
                        }
                    }
                }
            }
        }
        return try canvas.finish()
    }

    struct MarkerKey: Hashable {
        var series: Int
        var category: Int
    }

    /// Markers closer than this vertically (in pixels) would cover each other; they are drawn this far apart horizontally.
    static let markerSpacing = 9.0

    /// The horizontal offsets of the markers that would cover each other: per category, the
    /// markers (`positions[series][category]`, the y in pixels, `nil` for no point) are chained
    /// while each is within `markerSpacing` of the one above it, and each chain of k > 1 markers is
    /// spread `markerSpacing` apart, centred on the category, in series order, but never over more
    /// than 80% of a category's width `slot` (so never onto a neighbour's, nor past the plot's
    /// ends), and not at all where that leaves them under 2 px apart. Markers alone get no entry.
    static func markerOffsets(_ positions: [[Double?]], slot: Double) -> [MarkerKey: Double] {
        var offsets: [MarkerKey: Double] = [:]
        let categories = positions.map(\.count).max() ?? 0
        for category in 0..<categories {
            let points = positions.indices.compactMap { series -> (series: Int, y: Double)? in
                guard category < positions[series].count, let y = positions[series][category] else { return nil }
                return (series, y)
            }.sorted { $0.y != $1.y ? $0.y < $1.y : $0.series < $1.series }
            var start = 0
            while start < points.count {
                var end = start + 1
                while end < points.count && points[end].y - points[end - 1].y < markerSpacing { end += 1 }
                let spacing = min(markerSpacing, 0.8 * slot / Double(max(1, end - start - 1)))
                if end - start > 1 && spacing >= 2 {
                    let chain = points[start..<end].map(\.series).sorted()
                    for (place, series) in chain.enumerated() {
                        offsets[MarkerKey(series: series, category: category)] = (Double(place) - Double(chain.count - 1) / 2) * spacing
                    }
                }
                start = end
            }
        }
        return offsets
    }
}
