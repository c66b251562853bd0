import Foundation
import Ingest
import Reporting

/// Prints the articles of some files with their metadata (`cipin ingest`).
public enum IngestListing {
    /// Output formats of `cipin ingest`.
    public enum Format: String, CaseIterable, Sendable {
        case csv, json
    }

    /// Ingests `paths` and renders the articles as CSV (the columns of `documents.csv`) or JSON.
    ///
    /// - Parameters:
    ///   - paths: files, folders or glob patterns, relative to the current folder.
    ///   - format: `csv` or `json`.
    ///   - encoding: an explicit encoding name, or `nil` to detect.
    ///   - layout: how line breaks are read.
    ///   - extensions: the file types taken from folders (`txt`, `md`), or `nil` for plain text's.
    ///   - includeBody: whether JSON output holds each article's paragraphs.
    ///   - byteOrderMark: whether CSV starts with UTF-8's byte order mark (for a file Excel opens;
    ///     not for a pipe, where it would stick to the first column's name).
    /// - Returns: the rendered bytes, the files skipped and the warnings (lines that read as
    ///   impossible dates, copies of one file).
    /// Checks an encoding name as `render` takes it (`auto`, `utf-8`, `gbk`, any name iconv knows).
    ///
    /// - Throws: `IngestError.unknownEncoding`.
    public static func checkEncoding(_ name: String) throws {
        _ = try TextEncoding.named(name)
    }

    public static func render(paths: [String], format: Format, encoding: String? = nil, layout: LineLayout = .auto,
                              onError: ErrorPolicy = .stop, extensions: [String]? = nil, includeBody: Bool = false,
                              byteOrderMark: Bool = true) throws -> (Data, [SkippedFile], [String]) {
        let options = IngestOptions(encoding: try encoding.flatMap(TextEncoding.named), layout: layout, onError: onError,
                                    extensions: extensions.map(IngestOptions.extensions) ?? IngestOptions.textExtensions)
        let result = try Ingestor.ingest(paths, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), options: options)
        switch format {
        case .csv:
            let sentenceCounts = result.articles.map(PipelineRunner.sentenceCount)
            let table = ArticlesSection.table(result.articles, sentenceCounts: sentenceCounts, tokenCounts: nil)
            return (try CSVWriter.render(table, options: CSVWriter.Options(encoding: byteOrderMark ? .utf8WithBOM : .utf8)), result.skipped,
                    result.warnings)
        case .json:
            struct Entry: Encodable {
                var id, title, byline, author, position, region, date, file: String
                var line, characters: Int
                var fields: [String: String]
                var paragraphs: [String]?
            }
            let entries = result.articles.map { article in
                Entry(id: article.id, title: article.title, byline: article.byline, author: article.author,
                      position: article.position, region: article.region, date: article.date, file: article.sourcePath,
                      line: article.startLine, characters: article.characterCount, fields: article.fields,
                      paragraphs: includeBody ? article.paragraphs : nil)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(entries)
            data.append(0x0A)
            return (data, result.skipped, result.warnings)
        }
    }
}
