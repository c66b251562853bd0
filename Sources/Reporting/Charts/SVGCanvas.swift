import Foundation

/// Drawing primitives for charts, written as SVG through libxml2's text writer (`XMLTextWriter`).
///
/// Every string passes through the writer's sanitising, so labels holding characters XML forbids still
/// give a well-formed file. Coordinates are written with at most two decimals.
final class SVGCanvas {
    static let namespace = "http://www.w3.org/2000/svg"

    private let writer: XMLTextWriter
    let style: ChartStyle

    /// Starts an SVG document of `width` × `height` pixels with an accessible name and description.
    init(path: String, width: Double, height: Double, title: String, description: String, style: ChartStyle) throws {
        self.style = style
        writer = try XMLTextWriter(path: path)
        try writer.startDocument()
        try writer.startRootElement("svg", namespace: Self.namespace)
        try writer.attribute("width", Self.number(width))
        try writer.attribute("height", Self.number(height))
        try writer.attribute("viewBox", "0 0 \(Self.number(width)) \(Self.number(height))")
        try writer.attribute("role", "img")
        try writer.attribute("aria-labelledby", "chart-title chart-desc")
        try writer.attribute("font-family", ChartStyle.fontFamily)
        try writer.attribute("font-size", Self.number(style.fontSize))
        try writer.attribute("fill", style.textColor)
        try writer.startElement("title")
        try writer.attribute("id", "chart-title")
        try writer.text(title)
        try writer.endElement()
        try writer.startElement("desc")
        try writer.attribute("id", "chart-desc")
        try writer.text(description)
        try writer.endElement()
        try rect(x: 0, y: 0, width: width, height: height, fill: style.background, className: "background")
    }

    /// Closes the document and returns its UTF-8 bytes.
    func finish() throws -> Data {
        try writer.finish()
    }

    /// `value` with at most two decimals and no trailing zeros, e.g. `12`, `12.5`, `-0.25`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == 0 { return "0" }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    func group(className: String, attributes: [(StaticString, String)] = [], _ body: () throws -> Void) throws {
        try writer.startElement("g")
        try writer.attribute("class", className)
        for (name, value) in attributes { try writer.attribute(name, value) }
        try body()
        try writer.endElement()
    }

    /// A rectangle; `tooltip` becomes a `<title>` child, which browsers show on hover and screen readers read.
    func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, className: String? = nil,
        stroke: String? = nil, tooltip: String? = nil, attributes: [(StaticString, String)] = []
    ) throws {
        try writer.startElement("rect")
        if let className { try writer.attribute("class", className) }
        try writer.attribute("x", Self.number(x))
        try writer.attribute("y", Self.number(y))
        try writer.attribute("width", Self.number(max(width, 0)))
        try writer.attribute("height", Self.number(max(height, 0)))
        try writer.attribute("fill", fill)
        if let stroke { try writer.attribute("stroke", stroke) }
        for (name, value) in attributes { try writer.attribute(name, value) }
        try tooltipElement(tooltip)
        try writer.endElement()
    }

    func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
        className: String? = nil, opacity: Double? = nil, tooltip: String? = nil,
        attributes: [(StaticString, String)] = []
    ) throws {
        try writer.startElement("line")
        if let className { try writer.attribute("class", className) }
        try writer.attribute("x1", Self.number(x1))
        try writer.attribute("y1", Self.number(y1))
        try writer.attribute("x2", Self.number(x2))
        try writer.attribute("y2", Self.number(y2))
        try writer.attribute("stroke", stroke)
        try writer.attribute("stroke-width", Self.number(width))
        if let opacity { try writer.attribute("stroke-opacity", Self.number(opacity)) }
        for (name, value) in attributes { try writer.attribute(name, value) }
        try tooltipElement(tooltip)
        try writer.endElement()
    }

    func circle(
        cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 1,
        className: String? = nil, tooltip: String? = nil, attributes: [(StaticString, String)] = []
    ) throws {
        try writer.startElement("circle")
        if let className { try writer.attribute("class", className) }
        try writer.attribute("cx", Self.number(cx))
        try writer.attribute("cy", Self.number(cy))
        try writer.attribute("r", Self.number(r))
        try writer.attribute("fill", fill)
        if let stroke {
            try writer.attribute("stroke", stroke)
            try writer.attribute("stroke-width", Self.number(strokeWidth))
        }
        for (name, value) in attributes { try writer.attribute(name, value) }
        try tooltipElement(tooltip)
        try writer.endElement()
    }

    /// A path from `d`; `fill` `none` for lines.
    func path(
        _ d: String, fill: String, stroke: String? = nil, strokeWidth: Double = 1, dash: String? = nil,
        className: String? = nil, tooltip: String? = nil, attributes: [(StaticString, String)] = []
    ) throws {
        try writer.startElement("path")
        if let className { try writer.attribute("class", className) }
        try writer.attribute("d", d)
        try writer.attribute("fill", fill)
        if let stroke {
            try writer.attribute("stroke", stroke)
            try writer.attribute("stroke-width", Self.number(strokeWidth))
            try writer.attribute("stroke-linejoin", "round")
            try writer.attribute("stroke-linecap", "round")
        }
        if let dash { try writer.attribute("stroke-dasharray", dash) }
        for (name, value) in attributes { try writer.attribute(name, value) }
        try tooltipElement(tooltip)
        try writer.endElement()
    }

    enum Anchor: String {
        case start, middle, end
    }

    /// Text with its baseline at `y`; `rotation` in degrees turns it around its anchor point.
    func text(
        _ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double? = nil,
        bold: Bool = false, fill: String? = nil, className: String? = nil, rotation: Double? = nil,
        halo: Bool = false, tooltip: String? = nil
    ) throws {
        // No indentation inside: it would become part of the text. The content comes before the
        // tooltip so that the text is the element's first child.
        try writer.mixedElement("text") {
            if let className { try writer.attribute("class", className) }
            try writer.attribute("x", Self.number(x))
            try writer.attribute("y", Self.number(y))
            if anchor != .start { try writer.attribute("text-anchor", anchor.rawValue) }
            if let size { try writer.attribute("font-size", Self.number(size)) }
            if bold { try writer.attribute("font-weight", "bold") }
            if let fill { try writer.attribute("fill", fill) }
            if halo {
                // A white outline under the glyphs keeps labels readable where they cross lines.
                try writer.attribute("stroke", style.background)
                try writer.attribute("stroke-width", "3")
                try writer.attribute("stroke-linejoin", "round")
                try writer.attribute("paint-order", "stroke")
            }
            if let rotation {
                try writer.attribute("transform", "rotate(\(Self.number(rotation)) \(Self.number(x)) \(Self.number(y)))")
            }
            try writer.text(content)
            try tooltipElement(tooltip)
        }
    }

    private func tooltipElement(_ tooltip: String?) throws {
        guard let tooltip else { return }
        try writer.element("title", text: tooltip)
    }
}

/// Sizes, colours and the font stack shared by every chart.
struct ChartStyle {
    /// CJK fonts first, so Chinese labels render wherever one of them is installed.
    static let fontFamily =
        "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"

    /// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies; ordered so that
    /// the first few have good contrast on white (yellow comes late).
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]

    var width: Double
    var fontSize = 12.0
    var titleFontSize = 16.0
    var padding = 16.0
    var textColor = "#222222"
    var mutedTextColor = "#555555"
    var gridColor = "#DDDDDD"
    var axisColor = "#444444"
    var background = "#FFFFFF"

    func colour(_ index: Int) -> String {
        Self.palette[index % Self.palette.count]
    }

    /// Beyond the palette's eight colours lines also differ by dashes.
    func dash(_ index: Int) -> String? {
        switch (index / Self.palette.count) % 3 {
        case 0: return nil
        case 1: return "6 3"
        default: return "2 3"
        }
    }

    /// Height of the title band (title text and the gap after it), or 0 without a title.
    func titleHeight(_ title: String?) -> Double {
        title == nil ? 0 : titleFontSize + 10
    }

    func width(of text: String, size: Double? = nil) -> Double {
        TextWidth.estimate(text, fontSize: size ?? fontSize)
    }
}

extension SVGCanvas {
    /// The tick labels of a vertical value axis left of the plot, and its turned axis label.
    func verticalValueAxis(className: String, ticks: [Double], labels: [String], position y: (Double) -> Double,
                           plotLeft: Double, plotTop: Double, plotBottom: Double, axisLabel: String?, style: ChartStyle) throws {
        let fontSize = style.fontSize
        try group(className: className) {
            for (tick, label) in zip(ticks, labels) {
                try text(label, x: plotLeft - 6, y: y(tick) + fontSize * 0.35, anchor: .end, fill: style.mutedTextColor,
                         className: "tick")
            }
            if let axisLabel {
                try text(axisLabel, x: style.padding + fontSize, y: (plotTop + plotBottom) / 2, anchor: .middle,
                         className: "axis-label", rotation: -90)
            }
        }
    }
}
