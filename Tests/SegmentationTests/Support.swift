import Foundation
import Testing

@testable import Segmentation
import TestSupport

/// Where Debian's python3-jieba keeps the model the tests read.
let jiebaDirectory = Segmenter.Options.debianJiebaDirectory
let partyBuildingDictionaryPath = "Pipelines/dicts/party-building.txt"

/// The package root (tests run from there under `swift test`, but do not rely on it).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A cache directory shared by the tests of one machine: the cache is keyed by content, so
/// reusing it between runs is safe and keeps the suite fast.
/// The seed corpus in `shared/`, beside the package.
let seedCorpusPath = packageRoot + "/../shared/corpus/seed/000_456eef7012d4fdcb.txt"

let sharedCacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("cipin-segmentation-tests").path

/// One segmenter per configuration for the whole test run.
let realSegmenter = Result { () throws(SegmentationError) in
    try Segmenter(options: .init(cacheDirectory: sharedCacheDirectory))
}
let realSegmenterWithoutHMM = Result { () throws(SegmentationError) in
    try Segmenter(options: .init(usesHMM: false, cacheDirectory: sharedCacheDirectory))
}
let partyBuildingSegmenter = Result { () throws(SegmentationError) in
    try Segmenter(options: .init(
        userDictionaryPaths: [packageRoot + "/" + partyBuildingDictionaryPath], cacheDirectory: sharedCacheDirectory))
}

/// A fresh temporary directory, removed by the caller with `removeTemporaryDirectory`.
func makeTemporaryDirectory() throws -> String {
    try Scratch.folder("segmentation").path
}

func removeTemporaryDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// Writes `bytes` to `directory/name` and returns the path.
@discardableResult
func write(_ bytes: [UInt8], to name: String, in directory: String) throws -> String {
    let path = directory + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

@discardableResult
func write(_ text: String, to name: String, in directory: String) throws -> String {
    try write(Array(text.utf8), to: name, in: directory)
}

/// A tiny model in `directory`: a dictionary from `dictionary` lines and, when given, HMM tables.
struct TinyModel {
    let directory: String
    let options: Segmenter.Options

    init(directory: String, dictionary: String, hmm: (start: String, transition: String, emission: String)? = nil,
         userDictionaries: [String] = []) throws {
        self.directory = directory
        let dictionaryPath = try write(dictionary, to: "dict.txt", in: directory)
        var options = Segmenter.Options(
            dictionaryPath: dictionaryPath, usesHMM: hmm != nil, cacheDirectory: directory + "/cache", usesCache: false)
        if let hmm {
            options.hmmStartPath = try write(hmm.start, to: "prob_start.py", in: directory)
            options.hmmTransitionPath = try write(hmm.transition, to: "prob_trans.py", in: directory)
            options.hmmEmissionPath = try write(hmm.emission, to: "prob_emit.py", in: directory)
        }
        for (index, text) in userDictionaries.enumerated() {
            options.userDictionaryPaths.append(try write(text, to: "user\(index).txt", in: directory))
        }
        self.options = options
    }

    func segmenter() throws -> Segmenter {
        try Segmenter(options: options)
    }
}

/// Words of `text` as plain strings.
func words(_ segmenter: Segmenter, _ text: String) -> [String] {
    segmenter.cut(text).map(String.init)
}

// MARK: - jieba itself

/// Runs jieba 0.42.1 (`/usr/bin/python3`) on `lines` and returns `list(jieba.cut(line, HMM=hmm))`
/// for each, after loading `userDictionaries`.
func jiebaCut(_ lines: [String], hmm: Bool, userDictionaries: [String] = []) throws -> [[String]] {
    let script = """
        import sys, json, logging, jieba
        jieba.setLogLevel(60)
        lines = json.load(open(sys.argv[1], encoding='utf-8'))
        for path in sys.argv[3:]:
            jieba.load_userdict(path)
        hmm = sys.argv[2] == '1'
        json.dump([list(jieba.cut(line, HMM=hmm)) for line in lines], open(sys.argv[1] + '.out', 'w'))
        """
    let result = try runJieba(script, input: lines, arguments: [hmm ? "1" : "0"] + userDictionaries, as: [[String]].self)
    guard result.count == lines.count else {
        throw JiebaFailure(message: "returned \(result.count) results for \(lines.count) lines")
    }
    return result
}

/// Runs `script` with `/usr/bin/python3`: the JSON of `input` is in the file named by
/// `sys.argv[1]`, `arguments` follow; the script writes its JSON result to `sys.argv[1] + '.out'`.
func runJieba<Input: Encodable, Output: Decodable>(_ script: String, input: Input, arguments: [String] = [],
                                                   as: Output.Type) throws -> Output {
    let directory = try makeTemporaryDirectory()
    defer { removeTemporaryDirectory(directory) }
    let inputPath = directory + "/input.json"
    try JSONEncoder().encode(input).write(to: URL(fileURLWithPath: inputPath))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", script, inputPath] + arguments
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw JiebaFailure(message: String(decoding: errorData, as: UTF8.self))
    }
    return try JSONDecoder().decode(Output.self, from: Data(contentsOf: URL(fileURLWithPath: inputPath + ".out")))
}

struct JiebaFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { "jieba (/usr/bin/python3 with python3-jieba) failed: \(message)" }
}

/// Compares the segmenter with jieba on `lines`; returns the differing lines, described.
func parityDifferences(
    _ segmenter: Segmenter, _ lines: [String], hmm: Bool, userDictionaries: [String] = []
) throws -> (compared: Int, differences: [String]) {
    let expected = try jiebaCut(lines, hmm: hmm, userDictionaries: userDictionaries)
    var differences: [String] = []
    for (line, reference) in zip(lines, expected) {
        let ours = words(segmenter, line)
        // Compare scalar by scalar: String's == would take "e\u{301}" for "é".
        if ours.map({ Array($0.unicodeScalars) }) != reference.map({ Array($0.unicodeScalars) }) {
            differences.append("\(line.debugDescription)\n  jieba: \(reference.joined(separator: " / "))\n  cipin: \(ours.joined(separator: " / "))")
        }
    }
    return (lines.count, differences)
}

// MARK: - Generated text

/// SplitMix64: a small seeded generator so generated text is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Lines that cover the edges of jieba's splitting: Latin words, digits and decimals, percentages,
/// full-width letters and digits, mixed scripts, punctuation runs, emoji and other characters
/// outside the BMP, white space of every kind (`\r\n` included), very long lines, empty lines.
func edgeCaseLines(count: Int, seed: UInt64) -> [String] {
    var random = SeededGenerator(state: seed)
    let common = Array("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研")
        .map(String.init)
    let pools: [[String]] = [
        (0x4E00...0x9FD5).map { String(UnicodeScalar($0)!) },
        ["\u{9FD6}", "\u{9FEA}", "\u{9FFF}", "\u{3400}", "\u{4DB5}", "\u{3007}", "\u{F900}", "\u{20000}", "\u{2A6D6}", "\u{2F800}"],
        Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ").map(String.init),
        Array("0123456789").map(String.init),
        Array("+#&._%-").map(String.init),
        Array("ＡＢＣａｂｃ０１２３４５６７８９％＋－．").map(String.init),
        Array("，。！？、；：“”‘’（）《》【】…—·～,.;:!?()[]{}<>/\\|@$^*='\"`").map(String.init),
        [" ", "\t", "\u{3000}", "\u{A0}", "\u{2009}", "\u{0B}", "\u{0C}", "\u{1C}", "\u{85}", "\u{2028}", "\r", "\n", "\r\n",
         "\u{200B}", "\u{FEFF}"],
        ["😀", "👍🏽", "👨‍👩‍👧", "🇨🇳", "\u{301}", "é", "e\u{301}", "\u{0}", "\u{7F}", "ß", "Ω", "я", "あ", "ア", "한", "𠀀"],
    ]
    let fragments = ["3.14", "45%", "12.5%", "1.2.3", "C++", "c#", "AT&T", "COVID-19", "a.b", "2021年", "11月", "5G",
                     "iPhone12", "GDP", "...", "--", "%%", ".5", "5.", "100.00%", "x86_64", "e-mail", "Wi-Fi", "1,000",
                     "３．１４", "双招双引", "英才卡", "揭榜挂帅", "卡脖子", "丄丅", "3.5%的", "第1.5版", "abc123.45%xyz"]
    func piece() -> String {
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 35 { return (0..<Int.random(in: 1...12, using: &random)).map { _ in common.randomElement(using: &random)! }.joined() }
        if roll < 55 { return fragments.randomElement(using: &random)! }
        let pool = pools.randomElement(using: &random)!
        return (0..<Int.random(in: 1...5, using: &random)).map { _ in pool.randomElement(using: &random)! }.joined()
    }
    var lines = (0..<count).map { _ in (0..<Int.random(in: 0...12, using: &random)).map { _ in piece() }.joined() }
    lines.append("")
    lines.append((0..<2000).map { _ in piece() }.joined())
    lines.append((0..<4000).map { _ in common.randomElement(using: &random)! }.joined())
    return lines
}
