import Foundation

/// Lays out and draws a `BarChart`.
///
/// Horizontal: category labels right-aligned at the left, bars from the zero line, the value axis
/// with its ticks below the plot. Vertical: the value axis on the left, category labels below, turned
/// by 45° when the widest does not fit its slot. Each bar's length is `|value| / (upper − lower)` of
/// the plot, where `upper` and `lower` are the outer ticks of a `NiceScale` that includes zero.
struct BarChartRenderer {
    let chart: BarChart
    let drawing: Drawing
    private var style: ChartStyle { drawing.style }

    /// Widest a category label may be before it is shortened with `…` (full text in its tooltip).
    private var maxCategoryLabelWidth: Double {
        chart.orientation == .horizontal ? style.width * 0.3 : 140
    }

    init(chart: BarChart, drawing: Drawing) {
        self.chart = chart
        self.drawing = drawing
    }

    func render() throws -> Data {
        let values = chart.series.flatMap { $0.values.compactMap { $0.flatMap(ChartNumber.finite) } }
        guard !chart.categories.isEmpty, let minimum = values.min(), let maximum = values.max() else {
            return try drawing.renderNoData(chartTitle: chart.title)
        }
        let integers = values.allSatisfy { $0 == $0.rounded() }
        let scale = NiceScale(minimum: min(0, minimum), maximum: max(0, maximum), integersOnly: integers)
        let legendItems = chart.series.count > 1
            ? chart.series.enumerated().map { Legend.Item(label: $1.name, colour: style.colour($0), key: .swatch) }
            : []
        let legend = Legend(items: legendItems, style: style)
        switch chart.orientation {
        case .horizontal: return try renderHorizontal(scale: scale, legend: legend)
        case .vertical: return try renderVertical(scale: scale, legend: legend)
        }
    }

    private func value(series: Int, category: Int) -> Double? {
        chart.series[series].values[category].flatMap(ChartNumber.finite)
    }

    private func valueLabel(_ value: Double) -> String {
        ChartNumber.text(value, fractionDigits: chart.valueFractionDigits)
    }

    private func tooltip(series: Int, category: Int, value: Double) -> String {
        let name = chart.series.count > 1 ? "\(chart.categories[category]) · \(chart.series[series].name)"
            : chart.categories[category]
        return "\(name): \(valueLabel(value))"
    }

    /// Width of the widest value label, plus its gap from the bar; 0 when value labels are off.
    private var valueLabelSpace: Double {
        guard chart.showsValueLabels else { return 0 }
        var widest = 0.0
        for series in chart.series.indices {
            for category in chart.categories.indices {
                if let value = value(series: series, category: category) {
                    widest = max(widest, style.width(of: valueLabel(value)))
                }
            }
        }
        return widest + 6
    }

    private func drawHeader(on canvas: SVGCanvas, legend: Legend) throws {
        if let title = chart.title { try drawing.drawTitle(title, on: canvas) }
        try legend.draw(on: canvas, top: style.padding + style.titleHeight(chart.title))
    }

    // MARK: Horizontal

    private func renderHorizontal(scale: NiceScale, legend: Legend) throws -> Data {
        let fontSize = style.fontSize
        let labels = chart.categories.map {
            TextWidth.truncated($0, maxWidth: maxCategoryLabelWidth, fontSize: fontSize)
        }
        let labelWidth = labels.map { style.width(of: $0) }.max() ?? 0
        let tickLabels = scale.ticks.map(scale.label)
        let firstTickHalf = style.width(of: tickLabels.first ?? "") / 2
        let lastTickHalf = style.width(of: tickLabels.last ?? "") / 2
        let valueSpace = valueLabelSpace
        let negativeSpace = scale.lower < 0 ? valueSpace : 0
        let categoryAxisSpace = chart.categoryAxisLabel == nil ? 0 : fontSize + 10

        let plotTop = style.padding + style.titleHeight(chart.title) + legend.height
        let labelRight = style.padding + categoryAxisSpace + labelWidth
        let plotLeft = max(labelRight + 8 + negativeSpace, style.padding + firstTickHalf)
        let plotRight = style.width - style.padding - max(scale.upper > 0 ? valueSpace : 0, lastTickHalf)
        let seriesCount = chart.series.count
        let barThickness = seriesCount == 1 ? 20.0 : 14.0
        let rowHeight = Double(seriesCount) * barThickness + 10
        let plotBottom = plotTop + rowHeight * Double(chart.categories.count)
        let tickBaseline = plotBottom + 6 + fontSize * 0.85
        let axisLabelBaseline = tickBaseline + 8 + fontSize
        let height = (chart.valueAxisLabel == nil ? tickBaseline : axisLabelBaseline) + 4 + style.padding

        func x(_ value: Double) -> Double { scale.position(of: value, from: plotLeft, to: plotRight) }

        let canvas = try drawing.canvas(height: height)
        try drawHeader(on: canvas, legend: legend)
        try canvas.group(className: "grid") {
            for (tick, label) in zip(scale.ticks, tickLabels) where tick != 0 {
                try canvas.line(
                    x1: x(tick), y1: plotTop, x2: x(tick), y2: plotBottom, stroke: style.gridColor,
                    className: "gridline", attributes: [("data-value", label)])
            }
        }
        try canvas.group(className: "axis value-axis") {
            for (tick, label) in zip(scale.ticks, tickLabels) {
                try canvas.text(label, x: x(tick), y: tickBaseline, anchor: .middle, fill: style.mutedTextColor, className: "tick")
            }
            if let axisLabel = chart.valueAxisLabel {
                try canvas.text(axisLabel, x: (plotLeft + plotRight) / 2, y: axisLabelBaseline, anchor: .middle, className: "axis-label")
            }
        }
        try canvas.group(className: "axis category-axis") {
            for (index, label) in labels.enumerated() {
                let middle = plotTop + (Double(index) + 0.5) * rowHeight
                try canvas.text(
                    label, x: labelRight, y: middle + fontSize * 0.35, anchor: .end, className: "category",
                    tooltip: label == chart.categories[index] ? nil : chart.categories[index])
            }
            if let axisLabel = chart.categoryAxisLabel {
                let x = style.padding + fontSize
                try canvas.text(axisLabel, x: x, y: (plotTop + plotBottom) / 2, anchor: .middle, className: "axis-label", rotation: -90)
            }
        }
        for series in chart.series.indices {
            try canvas.group(className: "series", attributes: [("data-series", chart.series[series].name)]) {
                for category in chart.categories.indices {
                    guard let value = value(series: series, category: category) else { continue }
                    let top = plotTop + Double(category) * rowHeight + 5 + Double(series) * barThickness + 1
                    let start = min(x(0), x(value))
                    try canvas.rect(
                        x: start, y: top, width: abs(x(value) - x(0)), height: barThickness - 2,
                        fill: style.colour(series), className: "bar",
                        tooltip: tooltip(series: series, category: category, value: value),
                        attributes: [("data-value", ChartNumber.text(value))])
                }
            }
        }
        // The zero line over the bars' ends, so bars of zero still show where they are.
        try canvas.line(x1: x(0), y1: plotTop, x2: x(0), y2: plotBottom, stroke: style.axisColor, className: "zero-line")
        if chart.showsValueLabels {
            try canvas.group(className: "value-labels") {
                for series in chart.series.indices {
                    for category in chart.categories.indices {
                        guard let value = value(series: series, category: category) else { continue }
                        let middle = plotTop + Double(category) * rowHeight + 5 + (Double(series) + 0.5) * barThickness
                        let end = x(value)
                        try canvas.text(
                            valueLabel(value), x: value < 0 ? end - 4 : end + 4, y: middle + fontSize * 0.35,
                            anchor: value < 0 ? .end : .start, className: "value")
                    }
                }
            }
        }
        return try canvas.finish()
    }

    // MARK: Vertical

    private func renderVertical(scale: NiceScale, legend: Legend) throws -> Data {
        let fontSize = style.fontSize
        let tickLabels = scale.ticks.map(scale.label)
        let tickWidth = tickLabels.map { style.width(of: $0) }.max() ?? 0
        let valueAxisSpace = chart.valueAxisLabel == nil ? 0 : fontSize + 10
        let valueBand = chart.showsValueLabels ? fontSize + 4 : 0

        let plotTop = style.padding + style.titleHeight(chart.title) + legend.height + max(fontSize / 2, valueBand)
        let plotLeft = style.padding + valueAxisSpace + tickWidth + 6
        let plotRight = style.width - style.padding
        let slot = (plotRight - plotLeft) / Double(chart.categories.count)
        let labels = chart.categories.map {
            TextWidth.truncated($0, maxWidth: maxCategoryLabelWidth, fontSize: fontSize)
        }
        let labelWidth = labels.map { style.width(of: $0) }.max() ?? 0
        let turned = labelWidth > slot - 4
        let plotHeight = 280.0
        let plotBottom = plotTop + plotHeight
        let negativeBand = scale.lower < 0 ? valueBand : 0
        let labelTop = plotBottom + negativeBand + 6
        let labelBand = turned ? (labelWidth + fontSize) * 0.7071 + 6 : fontSize + 6
        let axisLabelBaseline = labelTop + labelBand + fontSize + 4
        let height = (chart.categoryAxisLabel == nil ? labelTop + labelBand : axisLabelBaseline + 4) + style.padding

        func y(_ value: Double) -> Double { scale.position(of: value, from: plotBottom, to: plotTop) }
        let seriesCount = Double(chart.series.count)
        let barWidth = min(slot * 0.8 / seriesCount, 60)

        let canvas = try drawing.canvas(height: height)
        try drawHeader(on: canvas, legend: legend)
        try canvas.group(className: "grid") {
            for (tick, label) in zip(scale.ticks, tickLabels) where tick != 0 {
                try canvas.line(
                    x1: plotLeft, y1: y(tick), x2: plotRight, y2: y(tick), stroke: style.gridColor,
                    className: "gridline", attributes: [("data-value", label)])
            }
        }
        try canvas.verticalValueAxis(
            className: "axis value-axis", ticks: scale.ticks, labels: tickLabels, position: y, plotLeft: plotLeft,
            plotTop: plotTop, plotBottom: plotBottom, axisLabel: chart.valueAxisLabel, style: style)
        try canvas.group(className: "axis category-axis") {
            for (index, label) in labels.enumerated() {
                let centre = plotLeft + (Double(index) + 0.5) * slot
                let tooltip = label == chart.categories[index] ? nil : chart.categories[index]
                if turned {
                    try canvas.text(
                        label, x: centre + fontSize * 0.35, y: labelTop + 4, anchor: .end, className: "category",
                        rotation: -45, tooltip: tooltip)
                } else {
                    try canvas.text(
                        label, x: centre, y: labelTop + fontSize * 0.85, anchor: .middle, className: "category", tooltip: tooltip)
                }
            }
            if let axisLabel = chart.categoryAxisLabel {
                try canvas.text(axisLabel, x: (plotLeft + plotRight) / 2, y: axisLabelBaseline, anchor: .middle, className: "axis-label")
            }
        }
        func barLeft(series: Int, category: Int) -> Double {
            plotLeft + (Double(category) + 0.5) * slot - barWidth * seriesCount / 2 + Double(series) * barWidth
        }
        for series in chart.series.indices {
            try canvas.group(className: "series", attributes: [("data-series", chart.series[series].name)]) {
                for category in chart.categories.indices {
                    guard let value = value(series: series, category: category) else { continue }
                    try canvas.rect(
                        x: barLeft(series: series, category: category) + 0.5, y: min(y(0), y(value)),
                        width: barWidth - 1, height: abs(y(value) - y(0)), fill: style.colour(series), className: "bar",
                        tooltip: tooltip(series: series, category: category, value: value),
                        attributes: [("data-value", ChartNumber.text(value))])
                }
            }
        }
        try canvas.line(x1: plotLeft, y1: y(0), x2: plotRight, y2: y(0), stroke: style.axisColor, className: "zero-line")
        if chart.showsValueLabels {
            try canvas.group(className: "value-labels") {
                for series in chart.series.indices {
                    for category in chart.categories.indices {
                        guard let value = value(series: series, category: category) else { continue }
                        let centre = barLeft(series: series, category: category) + barWidth / 2
                        let baseline = value < 0 ? y(value) + fontSize + 2 : y(value) - 4
                        // Labels of narrow bars would overlap their neighbours: smaller type there.
                        let label = valueLabel(value)
                        let size = style.width(of: label) > barWidth + 4 ? max(8, fontSize * (barWidth + 4) / style.width(of: label)) : nil
                        try canvas.text(label, x: centre, y: baseline, anchor: .middle, size: size, className: "value")
                    }
                }
            }
        }
        return try canvas.finish()
    }
}
