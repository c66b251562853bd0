/// A chart drawn by Cipin as an SVG file: bars, lines or a network.
///
/// Charts are generic: categories, series and nodes are plain labelled numbers. The caller decides
/// what they mean (keywords, months, collocates); `SVGChartWriter` only draws them.
///
///     let chart = Chart.bar(BarChart(
///         categories: ["人才", "干部", "基层"],
///         series: [ChartSeries(name: "次数", values: [153, 98, 41])],
///         valueAxisLabel: "次数"))
///     let figure = Figure(id: "keywords-chart", title: "关键词频次", fileRef: "keywords.svg",
///                         description: "人才 153 次，干部 98 次，基层 41 次。", chart: chart)
public enum Chart: Sendable, Equatable {
    case bar(BarChart)
    case line(LineChart)
    case network(NetworkChart)

    /// The visible title drawn at the top of the chart, if any.
    public var title: String? {
        switch self {
        case .bar(let chart): return chart.title
        case .line(let chart): return chart.title
        case .network(let chart): return chart.title
        }
    }
}

/// One named row of values, parallel to a chart's categories; `nil` (or a non-finite number) is a missing value.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double?]

    public init(name: String, values: [Double?]) {
        self.name = name
        self.values = values
    }
}

/// Grouped bars: one group per category, one bar per series in each group.
///
///     BarChart(categories: ["人才", "干部"], series: [ChartSeries(name: "2021", values: [153, 98])])
public struct BarChart: Sendable, Equatable {
    public enum Orientation: Sendable, Equatable {
        /// Categories down the left, bars growing rightwards: best for long (Chinese) labels.
        case horizontal
        /// Categories along the bottom, bars growing upwards; labels are turned when they do not fit.
        case vertical
    }

    public var title: String?
    /// Category labels, in drawing order (top to bottom, or left to right).
    public var categories: [String]
    /// One or more series; each has one value per category.
    public var series: [ChartSeries]
    public var orientation: Orientation
    /// Label of the value axis, e.g. `次数`.
    public var valueAxisLabel: String?
    /// Label of the category axis, e.g. `关键词`.
    public var categoryAxisLabel: String?
    /// Whether each bar carries its value as text at its end.
    public var showsValueLabels: Bool
    /// Digits after the decimal point in value labels.
    public var valueFractionDigits: Int

    public init(
        title: String? = nil, categories: [String], series: [ChartSeries], orientation: Orientation = .horizontal,
        valueAxisLabel: String? = nil, categoryAxisLabel: String? = nil, showsValueLabels: Bool = true,
        valueFractionDigits: Int = 0
    ) {
        self.title = title
        self.categories = categories
        self.series = series
        self.orientation = orientation
        self.valueAxisLabel = valueAxisLabel
        self.categoryAxisLabel = categoryAxisLabel
        self.showsValueLabels = showsValueLabels
        self.valueFractionDigits = valueFractionDigits
    }
}

/// Lines over ordered categories (months, years), one line per series, with markers and a legend.
///
///     LineChart(categories: ["2021-10", "2021-11"], series: [ChartSeries(name: "人才", values: [12, 30])])
public struct LineChart: Sendable, Equatable {
    public var title: String?
    /// The x positions, in order, evenly spaced.
    public var categories: [String]
    /// One line per series; a missing value breaks the line.
    public var series: [ChartSeries]
    public var xAxisLabel: String?
    public var yAxisLabel: String?
    /// Whether each point is marked (a different shape per series, so lines differ without colour).
    public var showsMarkers: Bool
    /// Whether the y axis starts at zero even when every value is far above it.
    public var yStartsAtZero: Bool

    public init(
        title: String? = nil, categories: [String], series: [ChartSeries], xAxisLabel: String? = nil,
        yAxisLabel: String? = nil, showsMarkers: Bool = true, yStartsAtZero: Bool = true
    ) {
        self.title = title
        self.categories = categories
        self.series = series
        self.xAxisLabel = xAxisLabel
        self.yAxisLabel = yAxisLabel
        self.showsMarkers = showsMarkers
        self.yStartsAtZero = yStartsAtZero
    }
}

/// A weighted graph: node size shows a node's weight, edge width an edge's weight, colour a node's group.
///
///     NetworkChart(
///         nodes: [NetworkNode(id: "k1", label: "人才", weight: 153, group: "关键词", isHub: true),
///                 NetworkNode(id: "c1", label: "引进", weight: 40, group: "搭配词")],
///         edges: [NetworkEdge(source: "k1", target: "c1", weight: 12.5)])
public struct NetworkChart: Sendable, Equatable {
    public enum Layout: Sendable, Equatable {
        /// Hubs on an inner circle (one hub: in the centre), the other nodes on an outer circle next to
        /// the hubs they are linked to. Falls back to `.forceDirected` when no node is a hub.
        case concentric
        /// A force-directed layout (Fruchterman–Reingold) started from a fixed arrangement: the same
        /// graph always gets the same picture.
        case forceDirected
    }

    public var title: String?
    public var nodes: [NetworkNode]
    public var edges: [NetworkEdge]
    public var layout: Layout

    public init(title: String? = nil, nodes: [NetworkNode], edges: [NetworkEdge], layout: Layout = .concentric) {
        self.title = title
        self.nodes = nodes
        self.edges = edges
        self.layout = layout
    }
}

public struct NetworkNode: Sendable, Equatable {
    /// Unique within the chart; edges refer to it.
    public var id: String
    public var label: String
    /// Drawn as the circle's area; must be 0 or more.
    public var weight: Double
    /// Nodes of one group share a colour and a legend entry; empty for no legend entry.
    public var group: String
    /// Hubs go on the inner circle of a `.concentric` layout and get bold labels.
    public var isHub: Bool

    public init(id: String, label: String, weight: Double, group: String = "", isHub: Bool = false) {
        self.id = id
        self.label = label
        self.weight = weight
        self.group = group
        self.isHub = isHub
    }
}

public struct NetworkEdge: Sendable, Equatable {
    /// Node ids.
    public var source: String
    public var target: String
    /// Drawn as the line's width; must be 0 or more.
    public var weight: Double

    public init(source: String, target: String, weight: Double) {
        self.source = source
        self.target = target
        self.weight = weight
    }
}
