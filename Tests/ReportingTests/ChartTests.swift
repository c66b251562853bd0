import Foundation
import Testing

@testable import Reporting

@Suite("Nice scales and text widths")
struct NiceScaleTests {
    @Test func ticksAreRoundNumbersCoveringTheData() {
        // (minimum, maximum, integersOnly) -> expected ticks, worked out by hand:
        // 0…153: steps 1, 2, 5, 10 need more than 8 intervals, 20 needs 8 (0…160).
        #expect(NiceScale(minimum: 0, maximum: 153).ticks == [0, 20, 40, 60, 80, 100, 120, 140, 160])
        // Counts up to 3 get whole steps only, not 0.5.
        #expect(NiceScale(minimum: 0, maximum: 3, integersOnly: true).ticks == [0, 1, 2, 3])
        #expect(NiceScale(minimum: 0, maximum: 3).ticks == [0, 0.5, 1, 1.5, 2, 2.5, 3])
        // 0…1.1: 0.1 would need 11 intervals, 0.2 needs 6; 1.1 / 0.1 = 11.000000000000002 must not give 12.
        #expect(NiceScale(minimum: 0, maximum: 1.1).ticks.count == 7)  // 0, 0.2, …, 1.2
        #expect(NiceScale(minimum: 0, maximum: 1.0).upper == 1.0)
        // Negative values: −37…120 with step 20 is −40…120, 8 intervals.
        let mixed = NiceScale(minimum: -37, maximum: 120)
        #expect((mixed.lower, mixed.upper, mixed.step) == (-40, 120, 20))
        // All zero (or no spread) still gives an axis.
        #expect(NiceScale(minimum: 0, maximum: 0).ticks == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(NiceScale(minimum: 7, maximum: 7).lower == 0)
        #expect(NiceScale(minimum: -7, maximum: -7).upper == 0)
        // Labels carry just the digits the step needs.
        let small = NiceScale(minimum: 0, maximum: 0.73)
        #expect(small.ticks.map(small.label) == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8"])
        #expect(NiceScale(minimum: 0, maximum: 0).ticks.map(NiceScale(minimum: 0, maximum: 0).label)
            == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        // Non-finite and huge inputs do not trap.
        #expect(NiceScale(minimum: -.infinity, maximum: .nan).ticks.count >= 2)
        #expect(NiceScale(minimum: -1e308, maximum: 1e308).ticks.count >= 2)
        #expect(NiceScale(minimum: 0, maximum: .leastNonzeroMagnitude).ticks.count >= 2)
    }

    @Test func everyStepIsOneTwoOrFiveTimesAPowerOfTen() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            let exponent = Double(Int(generator.next() % 13)) - 6
            let a = (generator.nextUnit() * 2 - 0.5) * pow(10, exponent)
            let b = (generator.nextUnit() * 2 - 0.5) * pow(10, exponent)
            let scale = NiceScale(minimum: min(a, b), maximum: max(a, b))
            let mantissa = scale.step / pow(10, (log10(scale.step)).rounded(.down))
            #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 }, "step \(scale.step) for \(a)…\(b)")
            #expect(scale.lower <= min(a, b) + 1e-12 && scale.upper >= max(a, b) - 1e-12)
            #expect(scale.ticks.count - 1 <= 8 && scale.ticks.count >= 2)
            #expect(abs(scale.lower / scale.step - (scale.lower / scale.step).rounded()) < 1e-6)
        }
    }

    @Test func textWidthCountsCJKAsOneEmAndASCIIAsAboutHalf() {
        #expect(TextWidth.estimate("人才", fontSize: 12) == 24)
        #expect(abs(TextWidth.estimate("2021-11", fontSize: 10) - 38.5) < 1e-9)
        #expect(TextWidth.estimate("，。（）", fontSize: 10) == 40)
        #expect(TextWidth.truncated("人才工作", maxWidth: 100, fontSize: 12) == "人才工作")
        // Three em fit: two characters and the ellipsis.
        #expect(TextWidth.truncated("新时代人才工作", maxWidth: 36, fontSize: 12) == "新时…")
        // Longer: cut in the middle, the end kept, so names that differ only there stay apart.
        let first = TextWidth.truncated("新时代人才工作相关核心词汇集合（第一组：引进）", maxWidth: 16 * 12, fontSize: 12)
        let second = TextWidth.truncated("新时代人才工作相关核心词汇集合（第二组：培养）", maxWidth: 16 * 12, fontSize: 12)
        #expect(first == "新时代人才工作相关…一组：引进）" && second == "新时代人才工作相关…二组：培养）", "\(first) \(second)")
        #expect(TextWidth.estimate(first, fontSize: 12) <= 16 * 12)
        let parts = ["0", "1", "2"].map { TextWidth.truncated(String(repeating: "很长的组名", count: 30) + $0, maxWidth: 200, fontSize: 12) }
        #expect(Set(parts).count == 3, "\(parts)")
        // A title keeps its start.
        #expect(TextWidth.truncated("新时代人才工作相关核心词汇集合", maxWidth: 6 * 12, fontSize: 12, keepingEnd: false) == "新时代人才…")
    }
}

@Suite("SVG charts")
struct ChartTests {
    /// Renders, checks well-formedness with libxml2 too, and returns the elements as Python reads them.
    func draw(_ chart: Chart, title: String = "图", description: String = "说明", width: Double = 720)
        throws -> [SVGElement]
    {
        let data = try SVGChartWriter.render(
            chart, title: title, description: description, options: .init(width: width), documentName: "chart.svg")
        _ = try ParsedXML(data: data, name: "chart.svg")
        return try parseSVG(data)
    }

    @Test func horizontalBarLengthsAreProportionalToTheValues() throws {
        let elements = try draw(.bar(BarChart(
            categories: ["人才", "干部", "基层"], series: [ChartSeries(name: "次数", values: [153, 98, 41])])))
        // Layout by hand (font 12 px, padding 16, width 720):
        //   plot left  = 16 + width("人才") 24 + gap 8                         = 48
        //   plot right = 720 − 16 − (width("153") 3 × 0.55 × 12 = 19.8 + 6)   = 678.2
        //   axis 0…160, so a bar is value / 160 × 630.2 px long.
        let bars = elements.withClass("bar")
        #expect(bars.map { $0.number("x") } == [48, 48, 48])
        #expect(bars.map { $0.number("width") } == [602.63, 386, 161.49])  // 602.62875, 385.9975, 161.48875 rounded
        #expect(bars.map { $0.number("y") } == [22, 52, 82])
        #expect(bars.map(\.tooltip) == ["人才: 153", "干部: 98", "基层: 41"])
        let gridline160 = try #require(elements.withClass("gridline").first { $0.attributes["data-value"] == "160" })
        #expect(gridline160.number("x1") == 678.2)
        #expect(elements.withClass("tick").map(\.text) == ["0", "20", "40", "60", "80", "100", "120", "140", "160"])
        #expect(elements.withClass("category").map(\.text) == ["人才", "干部", "基层"])
        #expect(elements.withClass("value").map(\.text) == ["153", "98", "41"])
        // Accessible name and description, and the CJK font stack.
        let root = try #require(elements.first)
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "chart-title chart-desc")
        #expect(root.attributes["font-family"]?.hasPrefix("Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei") == true)
        #expect(elements.first { $0.tag == "title" }?.text == "图")
        #expect(elements.first { $0.tag == "desc" }?.text == "说明")
    }

    @Test func groupedVerticalBarsShareOneScaleAndHaveALegend() throws {
        let elements = try draw(.bar(BarChart(
            title: "各地区", categories: ["宿迁市宿豫区", "泰州市姜堰区", "南京市江北新区"],
            series: [ChartSeries(name: "人才", values: [30, 12, 25]), ChartSeries(name: "干部", values: [18, 22, nil])],
            orientation: .vertical, valueAxisLabel: "次数")))
        // Axis 0…30 in steps of 5 (steps 1 and 2 need more than 8 intervals); the plot is 280 px high,
        // so a bar is value / 30 × 280 px: 280, 112, 233.33 and 168, 205.33; the missing value has no bar.
        let bars = elements.withClass("bar")
        #expect(bars.map { $0.number("height") } == [280, 112, 233.33, 168, 205.33])
        #expect(bars.map(\.tooltip) == [
            "宿迁市宿豫区 · 人才: 30", "泰州市姜堰区 · 人才: 12", "南京市江北新区 · 人才: 25",
            "宿迁市宿豫区 · 干部: 18", "泰州市姜堰区 · 干部: 22",
        ])
        // Bars stand on the zero line.
        let zero = try #require(elements.withClass("zero-line").first?.number("y1"))
        for bar in bars {
            #expect(abs((bar.number("y") ?? 0) + (bar.number("height") ?? 0) - zero) < 0.02)
        }
        #expect(elements.withClass("tick").map(\.text) == ["0", "5", "10", "15", "20", "25", "30"])
        #expect(elements.withClass("legend-label").map(\.text) == ["人才", "干部"])
        #expect(elements.withClass("chart-title").map(\.text) == ["各地区"])
        #expect(elements.withClass("axis-label").map(\.text) == ["次数"])
        // Two series get two palette colours.
        #expect(Set(bars.compactMap { $0.attributes["fill"] }) == ["#0072B2", "#E69F00"])
    }

    @Test func longCategoryLabelsAreTurnedOrShortened() throws {
        let long = "在新时代人才工作中担当作为的基层组织部门与干部队伍建设"
        let vertical = try draw(.bar(BarChart(
            categories: (1...12).map { "第\($0)个地区" } + [long],
            series: [ChartSeries(name: "n", values: Array(repeating: 1, count: 13))], orientation: .vertical)))
        #expect(vertical.withClass("category").allSatisfy { $0.attributes["transform"]?.hasPrefix("rotate(-45 ") == true })
        let shortened = try #require(vertical.withClass("category").last)
        #expect(shortened.text.contains("…") && shortened.text.hasSuffix("建设") && shortened.tooltip == long)
        let horizontal = try draw(.bar(BarChart(categories: [long], series: [ChartSeries(name: "n", values: [1])])))
        let label = try #require(horizontal.withClass("category").first)
        // At most 30 % of the width: 216 px, i.e. 17 characters and the ellipsis at 12 px: its start
        // and its end (two fifths of the room), cut in the middle.
        #expect(label.text == String(long.prefix(11)) + "…" + String(long.suffix(6)))
        #expect(label.tooltip == long)
    }

    @Test func negativeBarsGrowLeftFromZero() throws {
        let elements = try draw(.bar(BarChart(
            categories: ["增", "减"], series: [ChartSeries(name: "变化", values: [30, -10])], valueFractionDigits: 1)))
        let bars = elements.withClass("bar")
        let zero = try #require(elements.withClass("zero-line").first?.number("x1"))
        #expect(bars[0].number("x") == zero)
        #expect(abs((bars[1].number("x") ?? 0) + (bars[1].number("width") ?? 0) - zero) < 0.02)
        // −10…30 with step 5: the negative bar is a third as long as the positive one.
        #expect(abs((bars[0].number("width") ?? 0) / (bars[1].number("width") ?? 1) - 3) < 0.01)
        #expect(elements.withClass("value").map(\.text) == ["30.0", "-10.0"])
    }

    @Test func lineChartPointsFollowTheValuesAndMissingValuesBreakTheLine() throws {
        let elements = try draw(.line(LineChart(
            categories: ["2021-07", "2021-08", "2021-09", "2021-10", "2021-11"],
            series: [
                ChartSeries(name: "人才", values: [12, 30, 25, 41, 45]),
                ChartSeries(name: "干部", values: [8, 11, nil, 20, 27]),
                ChartSeries(name: "基层", values: [3, 5, 9, 7, 17]),
            ],
            xAxisLabel: "月份", yAxisLabel: "次数")))
        // Axis 0…50 in tens (45 / 8 rounds up to steps of 10); 280 px high, so 5.6 px per unit.
        #expect(elements.withClass("tick").map(\.text) == ["0", "10", "20", "30", "40", "50"])
        let lines = elements.withClass("line")
        #expect(lines.count == 4)  // 人才, 干部 in two pieces, 基层
        let points = try #require(lines.first?.attributes["d"]).split(whereSeparator: { $0 == "M" || $0 == "L" })
            .map { $0.split(separator: " ").compactMap { Double($0) } }
        #expect(points.count == 5)
        let plotBottom = try #require(elements.withClass("axis-line").first?.number("y1"))
        for (point, value) in zip(points, [12.0, 30, 25, 41, 45]) {
            #expect(abs(plotBottom - point[1] - value * 5.6) < 0.02, "\(value)")
        }
        // Equal steps along x.
        let steps = zip(points.dropFirst(), points).map { $0[0] - $1[0] }
        #expect(steps.allSatisfy { abs($0 - steps[0]) < 0.02 })
        // One marker per value, a different shape per series, each with its value as a tooltip.
        let markers = elements.withClass("marker")
        #expect(markers.count == 14)
        #expect(markers.first?.tag == "circle" && markers[5].tag == "rect" && markers[9].tag == "path")
        #expect(markers.first?.tooltip == "人才 · 2021-07: 12")
        #expect(elements.withClass("legend-label").map(\.text) == ["人才", "干部", "基层"])
        #expect(elements.withClass("category").map(\.text) == ["2021-07", "2021-08", "2021-09", "2021-10", "2021-11"])
    }

    /// Markers of equal (or nearly equal) values in one category are set side by side, centred on
    /// the point, in series order, each line running to its own; markers apart stay put.
    @Test func coincidingMarkersAreSetSideBySide() throws {
        let elements = try draw(.line(LineChart(
            categories: ["2021-10", "2021-11"],
            series: [
                ChartSeries(name: "人才", values: [10, 40]),
                ChartSeries(name: "干部", values: [20, 30.755]),
                ChartSeries(name: "基层", values: [30, 30.755]),
            ])))
        let markers = elements.withClass("marker")
        #expect(markers.count == 6)
        // Marker centres: circle cx; square x + 3.5; triangle the first point of its path.
        func centreX(_ marker: SVGElement) -> Double? {
            switch marker.tag {
            case "circle": return marker.number("cx")
            case "rect": return marker.number("x").map { $0 + 3.5 }
            default: return marker.attributes["d"].flatMap { Double($0.dropFirst().split(separator: " ")[0]) }
            }
        }
        let lines = elements.withClass("line").map { line in
            (line.attributes["d"] ?? "").split(whereSeparator: { $0 == "M" || $0 == "L" }).map { $0.split(separator: " ").compactMap { Double($0) } }
        }
        let x2021_10 = lines[0][0][0], x2021_11 = lines[0][1][0]
        // 2021-10: all apart, on their points.
        for index in [0, 2, 4] { #expect(abs((centreX(markers[index]) ?? 0) - x2021_10) < 0.02) }
        // 2021-11: 人才 alone; 干部 and 基层 share 30.755, so they sit 9 px apart around the point.
        #expect(abs((centreX(markers[1]) ?? 0) - x2021_11) < 0.02)
        #expect(abs((centreX(markers[3]) ?? 0) - (x2021_11 - 4.5)) < 0.02)
        #expect(abs((centreX(markers[5]) ?? 0) - (x2021_11 + 4.5)) < 0.02)
        // Each line ends at its own marker, at the value's height.
        #expect(abs(lines[1][1][0] - (x2021_11 - 4.5)) < 0.02 && abs(lines[2][1][0] - (x2021_11 + 4.5)) < 0.02)
        #expect(abs(lines[1][1][1] - lines[2][1][1]) < 0.02 && abs(lines[0][1][0] - x2021_11) < 0.02)
    }

    @Test func markerOffsetsChainNearValues() {
        // Per category: 100, 104, 120 px and a missing value; 100 and 104 chain, 120 is 16 px away.
        let offsets = LineChartRenderer.markerOffsets([[100], [104], [120], [nil]], slot: 100)
        #expect(offsets == [.init(series: 0, category: 0): -4.5, .init(series: 1, category: 0): 4.5])
        // Three in a chain (each within 9 px of the next): −9, 0, 9 in series order.
        let three = LineChartRenderer.markerOffsets([[50, 0], [42, 100], [58, 200]], slot: 100)
        #expect(three == [.init(series: 0, category: 0): -9, .init(series: 1, category: 0): 0, .init(series: 2, category: 0): 9])
        // In narrow categories the chain keeps within 80% of one: eight equal values in 18 px
        // slots are 2.06 px apart; in 10 px slots they would be 1.1 px apart, so they stay put.
        let eight = LineChartRenderer.markerOffsets(Array(repeating: [280], count: 8), slot: 18)
        #expect(eight.count == 8 && abs(eight[.init(series: 7, category: 0)]! - 7.2) < 1e-9 && abs(eight[.init(series: 0, category: 0)]! + 7.2) < 1e-9)
        #expect(LineChartRenderer.markerOffsets(Array(repeating: [280], count: 8), slot: 10).isEmpty)
    }

    @Test func crowdedLineLabelsAreThinned() throws {
        let months = (0..<36).map { String(format: "%04d-%02d", 2019 + $0 / 12, $0 % 12 + 1) }
        let elements = try draw(.line(LineChart(
            categories: months, series: [ChartSeries(name: "人才", values: months.indices.map { Double($0) })])))
        let shown = elements.withClass("category").map(\.text)
        // 36 slots of (720 − 16 − 16 − 6 − 19.8·0 …) ≈ 18.6 px; a label is 46.2 px + 8, so every 3rd is written.
        #expect(shown.first == "2019-01" && shown.count == 12)
        #expect(elements.withClass("tick-mark").count == 36)
    }

    @Test func concentricNetworkPutsHubsInsideAndCollocatesOnOneRing() throws {
        let network = collocationNetwork()
        let elements = try draw(.network(network))
        let circles = elements.filter { $0.tag == "circle" && $0.classes.contains("node") }
        #expect(circles.count == 12)
        func centre(_ element: SVGElement) -> (Double, Double) { (element.number("cx") ?? 0, element.number("cy") ?? 0) }
        let hubs = circles.filter { $0.classes.contains("hub") }.map(centre)
        let others = circles.filter { !$0.classes.contains("hub") }.map(centre)
        #expect(hubs.count == 3)
        // Three hubs make an equilateral triangle around the centre; the collocates lie on a circle around it.
        let middle = (hubs.map(\.0).reduce(0, +) / 3, hubs.map(\.1).reduce(0, +) / 3)
        #expect(abs(middle.0 - 360) < 0.02)
        func distance(_ point: (Double, Double)) -> Double { hypot(point.0 - middle.0, point.1 - middle.1) }
        let ring = others.map(distance)
        #expect(ring.allSatisfy { abs($0 - ring[0]) < 0.05 })
        #expect(hubs.map(distance).allSatisfy { abs($0 - 0.42 * ring[0]) < 0.05 })
        // Labels, weights and edges are all there.
        #expect(Set(elements.withClass("label").map(\.text)) == Set(network.nodes.map(\.label)))
        #expect(elements.withClass("hub-label").map(\.text).sorted() == ["人才", "基层", "干部"].sorted())
        let edges = elements.withClass("edge")
        #expect(edges.count == 12)
        // Widest edge is the strongest (人才 – 引进, 9.5), drawn last: 0.8 + 4.2 px.
        #expect(edges.last?.tooltip == "人才 – 引进: 9.5" && edges.last?.number("stroke-width") == 5)
        // Widths span the weights shown: the weakest edge is the thinnest, 0.8 px, however close the weights.
        let weakest = network.edges.map(\.weight).min()!
        #expect(edges.first?.number("stroke-width") == 0.8 && edges.first?.tooltip?.hasSuffix(": \(ChartNumber.text(weakest))") == true,
                "\(String(describing: edges.first?.tooltip))")
        #expect(circles.first { $0.tooltip == "人才: 153" }?.number("r") == 16)
        #expect(elements.withClass("legend-label").map(\.text) == ["关键词", "搭配词"])
        // The same graph always gives the same picture.
        #expect(try SVGChartWriter.render(.network(network), title: "图") == SVGChartWriter.render(.network(network), title: "图"))
    }

    @Test func oneHubSitsInTheCentre() throws {
        let nodes = [NetworkNode(id: "k", label: "人才", weight: 10, isHub: true)]
            + ["引进", "培养", "队伍", "创新"].map { NetworkNode(id: $0, label: $0, weight: 2) }
        let edges = ["引进", "培养", "队伍", "创新"].map { NetworkEdge(source: "k", target: $0, weight: 1) }
        let elements = try draw(.network(NetworkChart(nodes: nodes, edges: edges)))
        let circles = elements.filter { $0.tag == "circle" }
        let hub = try #require(circles.first { $0.classes.contains("hub") })
        let others = circles.filter { !$0.classes.contains("hub") }
        let meanX = others.compactMap { $0.number("cx") }.reduce(0, +) / 4
        let meanY = others.compactMap { $0.number("cy") }.reduce(0, +) / 4
        #expect(abs(meanX - (hub.number("cx") ?? 0)) < 0.05 && abs(meanY - (hub.number("cy") ?? 0)) < 0.05)
    }

    @Test func forceDirectedNetworkIsDeterministicAndInsideTheDrawing() throws {
        let network = collocationNetwork(layout: .forceDirected)
        let data = try SVGChartWriter.render(.network(network), title: "图")
        #expect(try SVGChartWriter.render(.network(network), title: "图") == data)
        let elements = try parseSVG(data)
        let root = try #require(elements.first)
        let width = try #require(root.number("width"))
        let height = try #require(root.number("height"))
        let circles = elements.filter { $0.tag == "circle" }
        #expect(circles.count == 12)
        for circle in circles {
            let (x, y, r) = (circle.number("cx") ?? -1, circle.number("cy") ?? -1, circle.number("r") ?? 0)
            #expect(x - r >= 0 && x + r <= width && y - r >= 0 && y + r <= height)
        }
        // No two nodes on one spot.
        let spots = Set(circles.map { "\($0.attributes["cx"] ?? ""),\($0.attributes["cy"] ?? "")" })
        #expect(spots.count == 12)
    }

    @Test func emptyDataGivesAValidChartSayingSo() throws {
        let empties: [Chart] = [
            .bar(BarChart(title: "空", categories: [], series: [])),
            .bar(BarChart(categories: ["人才"], series: [ChartSeries(name: "n", values: [nil])])),
            .bar(BarChart(categories: ["人才"], series: [ChartSeries(name: "n", values: [.nan])])),
            .line(LineChart(categories: ["2021-01"], series: [])),
            .network(NetworkChart(nodes: [], edges: [])),
        ]
        for chart in empties {
            let elements = try draw(chart, title: "没有数据的图")
            #expect(elements.withClass("no-data").map(\.text) == ["没有数据 (no data)"])
            #expect(elements.first { $0.tag == "title" }?.text == "没有数据的图")
        }
        let custom = try SVGChartWriter.render(
            .bar(BarChart(categories: [], series: [])), title: "t", options: .init(noDataText: "本期无数据"))
        #expect(try parseSVG(custom).withClass("no-data").map(\.text) == ["本期无数据"])
        // Zero values are data: an axis 0…1 and bars of no length.
        let zeros = try draw(.bar(BarChart(categories: ["人才", "干部"], series: [ChartSeries(name: "n", values: [0, 0])])))
        #expect(zeros.withClass("bar").map { $0.number("width") } == [0, 0])
        #expect(zeros.withClass("tick").map(\.text).last == "1")
    }

    @Test func forbiddenCharactersInLabelsAreReplaced() throws {
        let elements = try draw(
            .bar(BarChart(categories: ["人\u{0}才", "干\u{1}部"], series: [ChartSeries(name: "次\u{FFFE}数", values: [1, 2])])),
            title: "标题\u{B}", description: "说明\u{C}")
        #expect(elements.withClass("category").map(\.text) == ["人\u{FFFD}才", "干\u{FFFD}部"])
        #expect(elements.first { $0.tag == "title" }?.text == "标题\u{FFFD}")
        #expect(elements.first { $0.tag == "desc" }?.text == "说明\u{FFFD}")
    }

    @Test func summaryDescribesTheDataWhenNoDescriptionIsGiven() throws {
        let elements = try draw(
            .bar(BarChart(categories: ["人才", "干部"], series: [ChartSeries(name: "次数", values: [153, nil])])),
            description: "")
        #expect(elements.first { $0.tag == "desc" }?.text == "Bar chart. 次数: 人才 153, 干部 –")
    }

    @Test func malformedDataIsAnErrorNamingTheFile() throws {
        #expect(throws: ReportingError.chartDataMismatch(path: "out/图.svg", series: "次数", valueCount: 1, categoryCount: 2)) {
            try SVGChartWriter.render(
                .bar(BarChart(categories: ["人才", "干部"], series: [ChartSeries(name: "次数", values: [1])])),
                title: "t", documentName: "out/图.svg")
        }
        #expect(ReportingError.chartDataMismatch(path: "out/图.svg", series: "次数", valueCount: 1, categoryCount: 2)
            .localizedDescription == "out/图.svg: chart series '次数' has 1 values but the chart has 2 categories; "
            + "give every series one value per category (nil for a missing one).")
        let node = NetworkNode(id: "人才", label: "人才", weight: 1)
        #expect(throws: ReportingError.duplicateNetworkNode(path: "n.svg", node: "人才")) {
            try SVGChartWriter.render(.network(NetworkChart(nodes: [node, node], edges: [])), title: "t", documentName: "n.svg")
        }
        #expect(ReportingError.duplicateNetworkNode(path: "n.svg", node: "人才").localizedDescription
            == "n.svg: the network node id '人才' is used more than once; give every node its own id.")
        #expect(throws: ReportingError.unknownNetworkNode(path: "n.svg", node: "干部")) {
            try SVGChartWriter.render(
                .network(NetworkChart(nodes: [node], edges: [NetworkEdge(source: "人才", target: "干部", weight: 1)])),
                title: "t", documentName: "n.svg")
        }
        #expect(ReportingError.unknownNetworkNode(path: "n.svg", node: "干部").localizedDescription
            == "n.svg: a network edge refers to the node '干部', which is not among the nodes; add the node or drop the edge.")
    }

    @Test func writeReplacesTheFileAtomically() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("关键词.svg")
        let chart = Chart.bar(BarChart(categories: ["人才"], series: [ChartSeries(name: "n", values: [1])]))
        try SVGChartWriter.write(chart, to: url, title: "关键词")
        #expect(try Data(contentsOf: url) == SVGChartWriter.render(chart, title: "关键词", documentName: url.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["关键词.svg"])
    }
}
