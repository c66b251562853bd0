import Foundation

/// Draws a `Chart` as a standalone SVG file: axes with round-number ticks, gridlines, legend, labels.
///
///     let chart = Chart.bar(BarChart(categories: ["人才", "干部"], series: [ChartSeries(name: "次数", values: [153, 98])]))
///     try SVGChartWriter.write(chart, to: URL(fileURLWithPath: "out/keywords.svg"),
///                              title: "关键词频次", description: "人才 153 次，干部 98 次。")
///
/// The SVG carries `<title>` and `<desc>` (named by `aria-labelledby`) for screen readers, a `<title>`
/// tooltip on every bar, point, node and edge, and the font stack of `ChartStyle`, CJK fonts first.
/// Colours come from the Okabe–Ito palette; line series also differ by marker shape. A chart without
/// data is still a valid SVG, saying `Options.noDataText`.
///
/// Values that are `nil`, NaN or infinite are missing: no bar, a gap in the line. Negative node and
/// edge weights count as 0.
public enum SVGChartWriter {
    public struct Options: Sendable, Equatable {
        /// Width of the SVG in pixels; the height follows from the data.
        public var width: Double
        /// The sentence a chart without data shows.
        public var noDataText: String

        public init(width: Double = 720, noDataText: String = "没有数据 (no data)") {
            self.width = width
            self.noDataText = noDataText
        }
    }

    /// Writes `chart` as SVG to `url`, atomically (temporary file, then rename).
    ///
    /// - Parameters:
    ///   - title: The accessible name (`<title>`), e.g. the figure's title.
    ///   - description: What the chart shows, in words (`<desc>`); empty for a summary made from the data.
    /// - Throws: `ReportingError` naming `url.path`: data that does not fit the chart, a libxml2 failure
    ///   or a file-system error.
    public static func write(
        _ chart: Chart, to url: URL, title: String, description: String = "", options: Options = Options()
    ) throws {
        let data = try render(chart, title: title, description: description, options: options, documentName: url.path)
        try AtomicFile.write(data, to: url)
    }

    /// The SVG document for `chart` as UTF-8 bytes.
    ///
    ///     let svg = try SVGChartWriter.render(chart, title: "关键词频次")
    ///
    /// - Parameters:
    ///   - documentName: The name errors give for the document.
    /// - Throws: `ReportingError.chartDataMismatch` when a series has not one value per category,
    ///   `.duplicateNetworkNode` or `.unknownNetworkNode` for a malformed network, `.xmlWriterFailed`.
    /// - Complexity: O(n) in the data for bars and lines; O(n² · 300) in the nodes for a force-directed network.
    public static func render(
        _ chart: Chart, title: String, description: String = "", options: Options = Options(),
        documentName: String = "chart.svg"
    ) throws -> Data {
        try check(chart, path: documentName)
        let style = ChartStyle(width: max(options.width, 240))
        let summary = description.isEmpty ? Self.summary(of: chart) : description
        let drawing = Drawing(path: documentName, title: title, description: summary, style: style,
                              noDataText: options.noDataText)
        switch chart {
        case .bar(let bars):
            return try BarChartRenderer(chart: bars, drawing: drawing).render()
        case .line(let lines):
            return try LineChartRenderer(chart: lines, drawing: drawing).render()
        case .network(let network):
            return try NetworkRenderer(chart: network, drawing: drawing).render()
        }
    }

    static func check(_ chart: Chart, path: String) throws {
        func checkSeries(_ series: [ChartSeries], categoryCount: Int) throws {
            for item in series where item.values.count != categoryCount {
                throw ReportingError.chartDataMismatch(
                    path: path, series: item.name, valueCount: item.values.count, categoryCount: categoryCount)
            }
        }
        switch chart {
        case .bar(let bars):
            try checkSeries(bars.series, categoryCount: bars.categories.count)
        case .line(let lines):
            try checkSeries(lines.series, categoryCount: lines.categories.count)
        case .network(let network):
            var ids = Set<String>()
            for node in network.nodes where !ids.insert(node.id).inserted {
                throw ReportingError.duplicateNetworkNode(path: path, node: node.id)
            }
            for edge in network.edges {
                for end in [edge.source, edge.target] where !ids.contains(end) {
                    throw ReportingError.unknownNetworkNode(path: path, node: end)
                }
            }
        }
    }

    /// A plain-text account of the data, for `<desc>` when the caller gives none.
    static func summary(of chart: Chart) -> String {
        func seriesSummary(_ categories: [String], _ series: [ChartSeries]) -> String {
            series.map { item in
                let points = zip(categories, item.values).prefix(50).map { category, value in
                    "\(category) \(value.flatMap(ChartNumber.finite).map { ChartNumber.text($0) } ?? "–")"
                }
                return "\(item.name): " + points.joined(separator: ", ")
            }.joined(separator: "; ")
        }
        switch chart {
        case .bar(let bars):
            return "Bar chart. " + seriesSummary(bars.categories, bars.series)
        case .line(let lines):
            return "Line chart. " + seriesSummary(lines.categories, lines.series)
        case .network(let network):
            let labels = Dictionary(network.nodes.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
            let strongest = network.edges.sorted { $0.weight > $1.weight }.prefix(20).map { edge in
                "\(labels[edge.source] ?? edge.source) – \(labels[edge.target] ?? edge.target) \(ChartNumber.text(edge.weight))"
            }
            return "Network of \(network.nodes.count) nodes and \(network.edges.count) edges. "
                + strongest.joined(separator: ", ")
        }
    }
}

/// What every renderer needs to start a drawing.
struct Drawing {
    let path: String
    let title: String
    let description: String
    let style: ChartStyle
    let noDataText: String

    func canvas(height: Double) throws -> SVGCanvas {
        try SVGCanvas(path: path, width: style.width, height: height, title: title, description: description, style: style)
    }

    /// A small chart with the title and `noDataText` in the middle of a framed box.
    func renderNoData(chartTitle: String?) throws -> Data {
        let height = 160 + style.titleHeight(chartTitle)
        let canvas = try canvas(height: height)
        var top = style.padding
        if let chartTitle {
            try drawTitle(chartTitle, on: canvas)
            top += style.titleHeight(chartTitle)
        }
        try canvas.rect(
            x: style.padding, y: top, width: style.width - 2 * style.padding, height: height - top - style.padding,
            fill: "none", className: "no-data-frame", stroke: style.gridColor)
        try canvas.text(
            noDataText, x: style.width / 2, y: (top + height - style.padding) / 2 + style.fontSize * 0.35,
            anchor: .middle, size: style.fontSize + 2, fill: style.mutedTextColor, className: "no-data")
        return try canvas.finish()
    }

    func drawTitle(_ title: String, on canvas: SVGCanvas) throws {
        let maxWidth = style.width - 2 * style.padding
        let shown = TextWidth.truncated(title, maxWidth: maxWidth, fontSize: style.titleFontSize, keepingEnd: false)
        try canvas.text(
            shown, x: style.padding, y: style.padding + style.titleFontSize, size: style.titleFontSize, bold: true,
            className: "chart-title", tooltip: shown == title ? nil : title)
    }
}

/// Numbers as chart text.
enum ChartNumber {
    /// `value` if finite, else `nil` (a missing value).
    static func finite(_ value: Double) -> Double? {
        value.isFinite ? value : nil
    }

    /// With `fractionDigits`, fixed; otherwise whole numbers without a point and others to at most 3 decimals.
    static func text(_ value: Double, fractionDigits: Int? = nil) -> String {
        if let fractionDigits { return NumberText.fixed(value, fractionDigits: fractionDigits) }
        if value == value.rounded() && abs(value) < 1e15 { return NumberText.fixed(value, fractionDigits: 0) }
        var text = NumberText.fixed(value, fractionDigits: 3)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
