import Foundation
import Testing

@testable import Reporting
import TestSupport

/// The DocBook 5 validator, loaded once for the whole suite (loading costs ~45 ms).
enum Shared {
    static let validator = Result<RelaxNGValidator, any Error> { try RelaxNGValidator() }

    static func docBookValidator() throws -> RelaxNGValidator {
        try validator.get()
    }
}

/// A report with every kind of block, nested sections, info items and every kind of cell.
func everyBlockReport() -> Report {
    let keywords = Table(
        id: "keywords",
        title: "关键词频次",
        columns: [
            Column("keyword", label: "关键词"), Column("occurrences", label: "次数"),
            Column("per_10k_chars", label: "每万字"), Column("note", label: "备注"),
        ],
        rows: [
            [.text("人才"), .integer(153), .decimal(12.3456, fractionDigits: 2), .empty],
            [.text("干部"), .integer(98), .decimal(7.0, fractionDigits: 2), .text("含“干部队伍”")],
            [.text("基层"), .integer(0), .decimal(0, fractionDigits: 2), .text("=HYPERLINK(\"http://x\")")],
        ],
        csvName: "keywords.csv")
    let documents = Table(
        id: "documents", title: "文章", columns: [Column("id"), Column("title", label: "标题")],
        rows: [[.text("a1"), .text("在新时代人才工作中担当作为")]], csvName: "documents.csv")
    let figure = Figure(
        id: "keywords-chart", title: "关键词频次图", fileRef: "keywords.svg",
        description: "柱状图：人才 153 次，干部 98 次，基层 0 次。")
    return Report(
        title: "词频报告",
        subtitle: "种子语料",
        date: "2021-11-25",
        info: [InfoItem(label: "Pipeline", value: "seed"), InfoItem(label: "版本", value: "0.1.0")],
        sections: [
            Section(
                id: "overview", title: "概况",
                blocks: [.paragraph("共 11 篇文章。"), .itemizedList(["宿迁", "泰州"]), .table(documents)],
                subsections: [
                    Section(id: "overview-empty", title: "空小节"),
                    Section(id: "overview-empty-list", title: "空列表", blocks: [.itemizedList([])]),
                ]),
            Section(id: "keywords-section", title: "关键词", blocks: [.table(keywords), .figure(figure)]),
            Section(id: "only-subsections", title: "只有小节", subsections: [
                Section(id: "leaf", title: "叶", blocks: [.paragraph("内容")]),
            ]),
        ])
}

/// A fresh empty folder under the system temporary folder.
func makeTemporaryFolder(_ function: String = #function) throws -> URL {
    try Scratch.folder("reporting-\(function.prefix(while: { $0 != "(" }))")
}

/// Runs `/usr/bin/python3 -c script arguments…` and returns its standard output.
func runPython(_ script: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", script] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["PYTHONIOENCODING"] = "utf-8"
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw PythonFailure(message: String(decoding: errorData, as: UTF8.self))
    }
    return String(decoding: outputData, as: UTF8.self)
}

struct PythonFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { "python3 failed: \(message)" }
}

/// Bytes as space-separated hex, for readable byte-for-byte failures.
func hex(_ data: Data) -> String {
    data.map { String(format: "%02X", $0) }.joined(separator: " ")
}
