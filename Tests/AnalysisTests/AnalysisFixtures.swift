import Foundation
@testable import Analysis
import Ingest
import Segmentation
import TestSupport

/// Corpora and the Python runner shared by the analysis tests.
enum AnalysisFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedFile = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus/seed/000_456eef7012d4fdcb.txt")
    static let stopWordFile = repository.appendingPathComponent("Pipelines/dicts/stopwords.txt")

    /// A corpus from articles given as paragraphs of sentences of tokens; a paragraph's text is its
    /// tokens joined. `metadata[i]` sets article i's fields (`author`, `date`, `region`, others as sidecar fields).
    static func corpus(_ articles: [[[[String]]]], metadata: [[String: String]] = []) -> SegmentedCorpus {
        var vocabulary = Vocabulary()
        var built: [Article] = []
        var segments: [SegmentedArticle] = []
        for (index, paragraphs) in articles.enumerated() {
            var tokens: [Int32] = []
            var sentenceEnds: [Int32] = []
            var paragraphEnds: [Int32] = []
            for paragraph in paragraphs {
                for sentence in paragraph {
                    for token in sentence where TokenClass.of(token) != .whitespace { tokens.append(vocabulary.intern(token)) }
                    sentenceEnds.append(Int32(tokens.count))
                }
                paragraphEnds.append(Int32(tokens.count))
            }
            var fields = index < metadata.count ? metadata[index] : [:]
            let author = fields.removeValue(forKey: "author") ?? ""
            let date = fields.removeValue(forKey: "date") ?? ""
            let region = fields.removeValue(forKey: "region") ?? ""
            built.append(Article(id: "a\(index + 1)", sourcePath: "/t.txt", indexInFile: index + 1, startLine: 1,
                                 title: "标题", author: author, region: region, date: date,
                                 paragraphs: paragraphs.map { $0.map { $0.joined() }.joined() }, fields: fields))
            segments.append(SegmentedArticle(tokens: tokens, sentenceEnds: sentenceEnds, paragraphEnds: paragraphEnds))
        }
        return SegmentedCorpus(articles: built, segments: segments, vocabulary: vocabulary)
    }

    /// The seed articles.
    static func seedArticles() throws -> [Article] {
        try Ingestor.ingest([seedFile.path], relativeTo: repository).articles
    }

    /// The seed corpus segmented as the lead does: paragraphs split by `SentenceSplitter`, each
    /// sentence cut by `jieba.lcut` (Python), white-space tokens left out.
    static let seed: Result<SegmentedCorpus, Error> = Result {
        let articles = try seedArticles()
        let sentences = articles.map { $0.paragraphs.map { SentenceSplitter.split($0[...]).map(String.init) } }
        let script = """
            import json, sys, jieba
            jieba.setLogLevel(60)
            articles = json.load(open(sys.argv[1], encoding='utf-8'))
            print(json.dumps([[[jieba.lcut(s) for s in p] for p in a] for a in articles], ensure_ascii=False))
            """
        let tokens = try python(script, input: sentences, as: [[[[String]]]].self)
        var vocabulary = Vocabulary()
        var segments: [SegmentedArticle] = []
        for article in tokens {
            var ids: [Int32] = []
            var sentenceEnds: [Int32] = []
            var paragraphEnds: [Int32] = []
            for paragraph in article {
                for sentence in paragraph {
                    for token in sentence where TokenClass.of(token) != .whitespace { ids.append(vocabulary.intern(token)) }
                    sentenceEnds.append(Int32(ids.count))
                }
                paragraphEnds.append(Int32(ids.count))
            }
            segments.append(SegmentedArticle(tokens: ids, sentenceEnds: sentenceEnds, paragraphEnds: paragraphEnds))
        }
        return SegmentedCorpus(articles: articles, segments: segments, vocabulary: vocabulary)
    }

    static func seedCorpus() throws -> SegmentedCorpus { try seed.get() }

    /// The seed corpus as JSON for Python: per article, per paragraph, per sentence, the token strings.
    static func tokensForPython(_ corpus: SegmentedCorpus) -> [[[[String]]]] {
        zip(corpus.articles, corpus.segments).map { _, segment in
            var paragraphs: [[[String]]] = []
            var sentence = 0
            var start = 0
            for paragraphEnd in segment.paragraphEnds {
                var sentences: [[String]] = []
                while sentence < segment.sentenceEnds.count, Int(segment.sentenceEnds[sentence]) <= Int(paragraphEnd) {
                    let end = Int(segment.sentenceEnds[sentence])
                    sentences.append(segment.tokens[start..<end].map { corpus.vocabulary.words[Int($0)] })
                    start = end
                    sentence += 1
                }
                paragraphs.append(sentences)
            }
            return paragraphs
        }
    }

    /// Runs `script` with `/usr/bin/python3`, the JSON of `input` in the file named by `sys.argv[1]`,
    /// and decodes its standard output as JSON.
    static func python<Input: Encodable, Output: Decodable>(_ script: String, input: Input, as: Output.Type,
                                                            arguments: [String] = []) throws -> Output {
        let file = Scratch.file("analysis", suffix: ".json")
        try JSONEncoder().encode(input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, file.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PythonFailed(status: process.terminationStatus) }
        return try JSONDecoder().decode(Output.self, from: output)
    }

    struct PythonFailed: Error { var status: Int32 }

    /// `a` and `b` equal to 12 significant digits, or both NaN, or the same infinity.
    static func close(_ a: Double, _ b: Double, relative: Double = 1e-9) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= relative * max(1, abs(a), abs(b))
    }
}

/// Python's JSON writes NaN and ±Infinity bare; this reads them (and numbers) as a Double.
struct PyDouble: Decodable, Equatable {
    var value: Double
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number
        } else {
            let text = try container.decode(String.self)
            switch text {
            case "NaN", "nan": value = .nan
            case "Infinity", "inf": value = .infinity
            case "-Infinity", "-inf": value = -.infinity
            default: throw DecodingError.dataCorruptedError(in: container, debugDescription: text)
            }
        }
    }
}

/// An article as Python reads it: id and paragraphs.
struct PythonArticle: Encodable {
    var id: String
    var paragraphs: [String]
}
