import Foundation
import Testing

@testable import Reporting

/// One element of an SVG as Python's ElementTree reads it: an independent parser, not libxml2.
struct SVGElement: Decodable, Equatable {
    /// Local name, e.g. `rect`.
    var tag: String
    var attributes: [String: String]
    /// The element's own text (not its children's).
    var text: String
    /// Text of a `<title>` child, the tooltip.
    var tooltip: String?

    func number(_ name: String) -> Double? {
        attributes[name].flatMap(Double.init)
    }

    var classes: [String] {
        (attributes["class"] ?? "").split(separator: " ").map(String.init)
    }
}

/// Every element of `svg` in document order, read by Python's `xml.etree.ElementTree`.
///
/// Also checks, in Python, that the root is `{http://www.w3.org/2000/svg}svg` with a `viewBox`.
func parseSVG(_ svg: Data) throws -> [SVGElement] {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("chart.svg")
    try svg.write(to: file)
    let script = """
        import json, sys
        import xml.etree.ElementTree as ET
        root = ET.parse(sys.argv[1]).getroot()
        assert root.tag == '{http://www.w3.org/2000/svg}svg', root.tag
        assert 'viewBox' in root.attrib
        def local(tag): return tag.split('}', 1)[-1]
        out = []
        for element in root.iter():
            title = next((child.text or '' for child in element if local(child.tag) == 'title'), None)
            out.append({'tag': local(element.tag), 'attributes': {local(k): v for k, v in element.attrib.items()},
                        'text': element.text or '', 'tooltip': title})
        print(json.dumps(out, ensure_ascii=False))
        """
    let json = try runPython(script, [file.path])
    return try JSONDecoder().decode([SVGElement].self, from: Data(json.utf8))
}

extension Array where Element == SVGElement {
    func withClass(_ name: String) -> [SVGElement] {
        filter { $0.classes.contains(name) }
    }

    /// Texts of `text` elements, in order.
    var texts: [String] {
        filter { $0.tag == "text" }.map(\.text)
    }
}

/// The repository root, from this file's path (Tests/ReportingTests/ChartSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A report with one figure of every chart kind, a table and info items, as a pipeline would make it.
func chartReport() -> Report {
    let keywords = Table(
        id: "keyword-totals", title: "关键词总频次",
        columns: [Column("keyword", label: "关键词"), Column("occurrences", label: "次数"),
                  Column("per_10k_chars", label: "每万字")],
        rows: [
            [.text("人才"), .integer(153), .decimal(113.05, fractionDigits: 2)],
            [.text("干部"), .integer(98), .decimal(72.41, fractionDigits: 2)],
            [.text("基层"), .integer(41), .decimal(30.29, fractionDigits: 2)],
            [.text("高质量发展"), .integer(17), .decimal(12.56, fractionDigits: 2)],
        ],
        csvName: "keyword_totals.csv")
    let bar = Figure(
        id: "keywords-bar", title: "关键词频次", fileRef: "keywords.svg",
        description: "横向柱状图：人才 153 次，干部 98 次，基层 41 次，高质量发展 17 次。",
        chart: .bar(BarChart(
            title: "关键词频次", categories: ["人才", "干部", "基层", "高质量发展"],
            series: [ChartSeries(name: "次数", values: [153, 98, 41, 17])],
            valueAxisLabel: "次数", categoryAxisLabel: "关键词")))
    let regions = Figure(
        id: "regions-bar", title: "各地区关键词频次", fileRef: "regions.svg",
        description: "分组柱状图：宿迁市宿豫区、泰州市姜堰区、南京市江北新区三地的人才与干部频次。",
        chart: .bar(BarChart(
            title: "各地区关键词频次", categories: ["宿迁市宿豫区", "泰州市姜堰区", "南京市江北新区"],
            series: [ChartSeries(name: "人才", values: [30, 12, 25]), ChartSeries(name: "干部", values: [18, 22, nil])],
            orientation: .vertical, valueAxisLabel: "次数")))
    let trend = Figure(
        id: "trend-line", title: "关键词月度趋势", fileRef: "trend.svg",
        description: "折线图：2021 年 7 月至 11 月人才、干部、基层的月频次。",
        chart: .line(LineChart(
            title: "关键词月度趋势", categories: ["2021-07", "2021-08", "2021-09", "2021-10", "2021-11"],
            series: [
                ChartSeries(name: "人才", values: [12, 30, 25, 41, 45]),
                ChartSeries(name: "干部", values: [8, 11, nil, 20, 27]),
                ChartSeries(name: "基层", values: [3, 5, 9, 7, 17]),
            ],
            xAxisLabel: "月份", yAxisLabel: "次数")))
    let network = Figure(
        id: "collocation-network", title: "关键词与搭配词网络", fileRef: "network.svg",
        description: "网络图：人才、干部、基层三个关键词及其最强的搭配词。",
        chart: .network(collocationNetwork()))
    return Report(
        title: "词频报告：种子语料", subtitle: "11 篇文章中的关键词", date: "2021-11-25",
        info: [InfoItem(label: "Pipeline", value: "seed"), InfoItem(label: "关键词", value: "人才、干部、基层")],
        sections: [
            Section(id: "keywords", title: "关键词", blocks: [
                .paragraph("关键词在全部文章中的频次。"), .table(keywords), .figure(bar), .figure(regions),
            ]),
            Section(id: "trends", title: "趋势", blocks: [.figure(trend)]),
            Section(id: "cooccurrence", title: "共现", blocks: [.figure(network)]),
        ])
}

/// Three keywords (hubs) and their collocates; 引进 and 培养 go with two keywords each.
func collocationNetwork(layout: NetworkChart.Layout = .concentric) -> NetworkChart {
    let hubs = [("人才", 153.0), ("干部", 98.0), ("基层", 41.0)].map {
        NetworkNode(id: $0.0, label: $0.0, weight: $0.1, group: "关键词", isHub: true)
    }
    let collocates = [("引进", 40.0), ("培养", 35.0), ("队伍", 30.0), ("组织部", 22.0), ("治理", 20.0),
                      ("服务", 15.0), ("乡村振兴", 12.0), ("创新", 10.0), ("考核", 9.0)]
        .map { NetworkNode(id: $0.0, label: $0.0, weight: $0.1, group: "搭配词") }
    let edges = [
        ("人才", "引进", 9.5), ("人才", "培养", 8.0), ("人才", "创新", 4.1), ("干部", "培养", 6.2),
        ("干部", "队伍", 7.7), ("干部", "考核", 3.3), ("干部", "组织部", 5.0), ("基层", "治理", 6.6),
        ("基层", "服务", 4.4), ("基层", "乡村振兴", 5.5), ("人才", "乡村振兴", 2.0), ("人才", "干部", 3.0),
    ].map { NetworkEdge(source: $0.0, target: $0.1, weight: $0.2) }
    return NetworkChart(title: "关键词与搭配词", nodes: hubs + collocates, edges: edges, layout: layout)
}
