import Analysis
import Foundation
import Ingest
import Segmentation
import Yams

/// Reads pipeline files and reports their mistakes with file, line and column.
public enum PipelineFile {
    /// The widest co-occurrence window or collocate span, in tokens each side.
    static let maximumWindow = 1000
    /// What is wrong with a keyword that is a slip in writing the list: spaces around it (no word
    /// has them), or a separator inside it (`人才，干部`, typed with a Chinese input method, is one
    /// keyword that occurs nowhere); `nil` when it is none.
    static func listingSlip(_ keyword: String) -> String? {
        if keyword.unicodeScalars.first.map(\.properties.isWhitespace) == true || keyword.unicodeScalars.last.map(\.properties.isWhitespace) == true {
            return "has white space around it, which no word has; remove it"
        }
        let separators: [(Character, String)] = [("，", "a full-width comma (，)"), ("、", "an enumeration comma (、)"), ("；", "a full-width semicolon (；)"),
                                                 (",", "a comma"), (";", "a semicolon"), ("\u{3000}", "a full-width space")]
        for (separator, name) in separators where keyword.contains(separator) {
            let parts = keyword.split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return "holds \(name), so it is one keyword that no word matches; list each keyword on its own, separated by ASCII commas: "
                + "[\(parts.joined(separator: ", "))]"
        }
        return nil
    }

    /// The most rows per keyword, comparison or article that a `top` or `sample` setting asks for.
    static let maximumTop = 100_000
    /// Loads and checks a pipeline file.
    ///
    ///     let config = try PipelineFile.load(path: "Pipelines/seed.yaml")
    ///
    /// - Throws: `PipelineError.invalidPipeline` for YAML syntax errors, unknown keys, values of
    ///   the wrong type, missing keys and values out of range; `.unreadablePipeline` when the file
    ///   cannot be read.
    public static func load(path: String) throws -> PipelineConfig {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw PipelineError.unreadablePipeline(path: path, reason: "no such file")
        }
        guard !isFolder.boolValue else {
            throw PipelineError.unreadablePipeline(path: path, reason: "it is a folder, not a pipeline file; name the YAML file, e.g. Pipelines/seed.yaml")
        }
        // Through a file handle, so that /dev/stdin or a pipe can hold the pipeline too.
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data() else {
            throw PipelineError.unreadablePipeline(path: path, reason: "it is not readable (check its permissions)")
        }
        guard !data.isEmpty else {
            throw PipelineError.unreadablePipeline(path: path, reason: "it is empty; a pipeline file names at least its `name`, `inputs` and "
                                                   + "`keywords` (see Pipelines/seed.yaml)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineError.unreadablePipeline(path: path, reason: notUTF8(data))
        }
        return try parse(text, path: path)
    }

    /// Why `data` is no UTF-8 text, and what to do: where its first byte that is not UTF-8 is, and
    /// which encoding it reads as (a file saved as GBK by a Chinese editor reads as GB18030).
    static func notUTF8(_ data: Data) -> String {
        let bytes = [UInt8](data)
        let offset = bytes.withUnsafeBufferPointer(Decoding.firstInvalidUTF8Offset) ?? bytes.count
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = 1 + bytes[..<offset].count { $0 == 0x0A }
        // In characters, as the other messages' columns are.
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        let byte = offset < bytes.count ? String(format: "0x%02X", bytes[offset]) : "the end"
        let place = "not UTF-8 text: the byte at line \(line), column \(column) (\(byte)) is not UTF-8"
        // Text before it in UTF-8 beyond ASCII: a UTF-8 file with stray bytes (a word pasted from a GBK
        // file, a cut character), which converting the whole file from GB18030 would garble.
        if bytes[..<offset].contains(where: { $0 >= 0x80 }) {
            return place + "; the text before it is UTF-8 with Chinese, so retype or paste again what is there, in an editor "
                + "that saves UTF-8 (converting the whole file from another encoding would garble the rest)"
        }
        guard let encoding = (try? Decoding.decode(data, path: "")).map(\.encoding), encoding != .utf8 else {
            return place + "; save it as UTF-8 (pipeline files are UTF-8)"
        }
        return place + "; the file reads as \(encoding); save it as UTF-8 (pipeline files are UTF-8), e.g. "
            + "`iconv -f \(encoding) -t UTF-8 old.yaml > new.yaml`"
    }

    /// The error for a top-level key's value found wrong only at run time (it depends on the output
    /// folder, which `--output` may change), at the value's line and column.
    static func invalidValue(ofKey key: String, inFileAt path: String, message: String) -> PipelineError {
        let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let mark = (try? Yams.compose(yaml: text))?.flatMap { $0.mapping?[key]?.mark }
        return .invalidPipeline(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
    }

    /// The error for a value found wrong only when the run uses it (a file that is not there), at
    /// the line and column of the value at `keyPath` (keys, then for a list the item's index), or
    /// of the nearest key above it that the file has.
    ///
    ///     PipelineFile.invalidValue(at: ["segmentation", "user_dicts", "1"], inFileAt: path, message: "…")
    static func invalidValue(at keyPath: [String], inFileAt path: String, message: String) -> PipelineError {
        let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        var node = (try? Yams.compose(yaml: text)) ?? nil
        var mark = node?.mark
        for key in keyPath {
            if let mapping = node?.mapping {
                node = mapping[key]
            } else if let sequence = node?.sequence, let index = Int(key), sequence.indices.contains(index) {
                node = sequence[index]
            } else {
                node = nil
            }
            guard let found = node else { break }
            mark = found.mark
        }
        return .invalidPipeline(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
    }

    /// Parses pipeline YAML; `path` is only used in messages.
    public static func parse(_ text: String, path: String) throws -> PipelineConfig {
        func fail(_ mark: Mark?, _ message: String) -> PipelineError {
            .invalidPipeline(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw fail(nil, "the file is empty; a pipeline needs at least `name`, `inputs` and `keywords`") }
            root = node
        } catch let error as YamlError {
            throw yamlSyntaxError(error, path: path, text: text)
        }
        guard case .mapping(let mapping) = root else {
            throw fail(root.mark, "a pipeline file is a mapping of keys (`name:`, `inputs:`, …), not \(describe(root))")
        }
        try checkKeys(of: mapping, schema: PipelineConfig.schema, path: "", fail: fail)
        if let sets = mapping["keyword_sets"]?.mapping {
            for (key, _) in sets {
                guard let name = key.scalar?.string, key.tag.rawValue != Tag.Name.null.rawValue else {
                    throw fail(key.mark, "a keyword set's name is a word, not \(describe(key)); write e.g. `talent: [人才, 英才]`")
                }
                if name.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw fail(key.mark, "a keyword set's name is empty; name it, e.g. `talent: [人才, 英才]`")
                }
            }
        }
        for required in ["name", "inputs", "keywords"] where mapping[required] == nil {
            // Keyword sets alone are counted with an empty `keywords` list.
            let sets = required == "keywords" && mapping["keyword_sets"] != nil ? " (`keywords: []` when the keyword sets are all you count)" : ""
            throw fail(root.mark, "missing key `\(required)`\(sets)")
        }
        let config: PipelineConfig
        do {
            var withVersion = mapping
            if withVersion["version"] == nil { withVersion["version"] = Node("1", Tag(.int)) }
            config = try YAMLDecoder().decode(PipelineConfig.self, from: .mapping(withVersion))
        } catch let error as DecodingError {
            throw decodingError(error, root: root, path: path)
        }
        func mark(_ key: String) -> Mark? { mapping[key]?.mark }
        guard config.version == 1 else { throw fail(mark("version"), "`version` is \(config.version); this Cipin reads version 1") }
        guard !config.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(mark("name"), "`name` is empty") }
        guard !config.inputs.isEmpty else { throw fail(mark("inputs"), "`inputs` is empty; name at least one file, folder or pattern") }
        guard !config.keywords.isEmpty || !(config.keywordSets ?? [:]).isEmpty else {
            throw fail(mark("keywords"), "`keywords` is empty; name at least one keyword (or a keyword set in `keyword_sets`)")
        }
        if let empty = config.keywords.firstIndex(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            throw fail(mapping["keywords"]?.sequence?[empty].mark ?? mark("keywords"), "keyword \(empty + 1) is empty")
        }
        // A control or invisible formatting character (a line break, a zero-width space) in a keyword
        // is a copying slip: no token holds one, so the keyword would silently count nothing.
        func hidden(_ word: String) -> Unicode.Scalar? {
            word.unicodeScalars.first { [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) }
        }
        for (index, keyword) in config.keywords.enumerated() {
            if let scalar = hidden(keyword) {
                throw fail(mapping["keywords"]?.sequence?[index].mark ?? mark("keywords"),
                           "keyword \(index + 1) holds the invisible character U+\(String(scalar.value, radix: 16, uppercase: true)), which no word holds; delete it")
            }
            if let problem = Self.listingSlip(keyword) {
                throw fail(mapping["keywords"]?.sequence?[index].mark ?? mark("keywords"), "keyword \(index + 1) (\(keyword.debugDescription)) \(problem)")
            }
        }
        for (name, words) in (config.keywordSets ?? [:]).sorted(by: { $0.key < $1.key }) {
            let setNode = mapping["keyword_sets"]?.mapping?.first { $0.key.string == name }
            for (index, word) in words.enumerated() {
                let where_ = setNode?.value.sequence?[index].mark ?? setNode?.key.mark ?? mark("keyword_sets")
                if word.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    throw fail(where_, "word \(index + 1) of keyword set \(name) is empty")
                }
                if let scalar = hidden(word) {
                    throw fail(where_, "word \(index + 1) of keyword set \(name) holds the invisible character U+\(String(scalar.value, radix: 16, uppercase: true)), which no word holds; delete it")
                }
                if let problem = Self.listingSlip(word) {
                    throw fail(where_, "word \(index + 1) of keyword set \(name) (\(word.debugDescription)) \(problem)")
                }
            }
            if let scalar = hidden(name) {
                throw fail(setNode?.key.mark ?? mark("keyword_sets"),
                           "keyword set name \(name.debugDescription) holds the invisible character U+\(String(scalar.value, radix: 16, uppercase: true)); delete it")
            }
        }
        // The name is the report's folder under Reports/ when `output` is not given, and a run's
        // key in the run store: one plain folder name.
        if let scalar = hidden(config.name) {
            throw fail(mark("name"), "`name` holds the invisible character U+\(String(scalar.value, radix: 16, uppercase: true)); delete it")
        }
        guard !config.name.contains("/") && config.name != "." && config.name != ".." else {
            throw fail(mark("name"), "`name` is \(config.name.debugDescription); use a plain name without / that is not . or .. "
                       + "(the default report folder is Reports/<name>), e.g. nightly")
        }
        if let layout = config.layout, LineLayout(rawValue: layout) == nil {
            throw fail(mark("layout"), "`layout` is \"\(layout)\"; use auto, wrapped or paragraphs")
        }
        if let policy = config.onError, ErrorPolicy(rawValue: policy) == nil {
            throw fail(mark("on_error"), "`on_error` is \"\(policy)\"; use stop or skip")
        }
        let analysisNode = mapping["analysis"]?.mapping
        func analysisMark(_ section: String, _ key: String) -> Mark? {
            analysisNode?[section]?.mapping?[key]?.mark ?? analysisNode?[section]?.mark ?? mark("analysis")
        }
        if let scopes = config.analysis?.cooccurrence?.scopes {
            for scope in scopes where !["sentence", "paragraph", "article", "window"].contains(scope) {
                throw fail(analysisMark("cooccurrence", "scopes"), "`analysis.cooccurrence.scopes` holds \"\(scope)\"; use sentence, paragraph, article or window")
            }
        }
        if case .scopes(let scopes) = config.analysis?.cooccurrence?.withEveryWord {
            for scope in scopes where !["sentence", "paragraph", "article", "window"].contains(scope) {
                throw fail(analysisMark("cooccurrence", "with_every_word"),
                           "`analysis.cooccurrence.with_every_word` holds \"\(scope)\"; use true, false or a list of sentence, paragraph, article, window")
            }
            let counted = config.analysis?.cooccurrence?.scopes ?? ["sentence", "paragraph", "article", "window"]
            for scope in scopes where !counted.contains(scope) {
                throw fail(analysisMark("cooccurrence", "with_every_word"),
                           "`analysis.cooccurrence.with_every_word` holds \"\(scope)\", which `scopes` does not count; add it to `scopes` or leave it out here")
            }
        }
        if let keep = config.keepRuns, keep < 1 {
            throw fail(mark("keep_runs"), "`keep_runs` is \(keep); use 1 or more (the run folders to keep)")
        }
        if let keep = config.keepStoredRuns, keep < 1 {
            throw fail(mark("keep_stored_runs"), "`keep_stored_runs` is \(keep); use 1 or more (the newest runs whose statistics the store keeps), or leave it out to keep every run's")
        }
        if let store = config.store, store.trimmingCharacters(in: .whitespaces).isEmpty || store.hasSuffix("/") {
            throw fail(mark("store"), "`store` is \"\(store)\"; name the run store's file, e.g. /var/lib/cipin/nightly.sqlite")
        }
        if let store = config.store, [".cipin", ".cipin.lock"].contains((store as NSString).lastPathComponent) {
            // `.cipin.lock` is an output folder's lock file, and the store's lock is `<store>.lock`.
            throw fail(mark("store"), "`store` is \"\(store)\"; `.cipin` and `.cipin.lock` are the output folder's lock, "
                       + "name the run store otherwise, e.g. cipin.sqlite")
        }
        if config.history != true {
            for key in ["keep_runs", "store", "keep_stored_runs"] where mapping[key] != nil {
                throw fail(mark(key), "`\(key)` applies to scheduled runs only; add `history: true`, or leave `\(key)` out")
            }
        }
        if let extensions = config.extensions, extensions.isEmpty {
            throw fail(mark("extensions"), "`extensions` is empty, so no file of a folder would be read; list them, e.g. [txt], or leave the key out")
        }
        // A keyword twice, or a keyword set named like a keyword, would give two rows of one name in every table.
        var names: Set<String> = []
        for (index, keyword) in config.keywords.enumerated() where !names.insert(keyword).inserted {
            throw fail(mapping["keywords"]?.sequence?[index].mark ?? mark("keywords"), "keyword \(keyword) is listed twice; list it once")
        }
        for name in (config.keywordSets ?? [:]).keys.sorted() where names.contains(name) {
            let key = mapping["keyword_sets"]?.mapping?.first { $0.key.string == name }?.key
            throw fail(key?.mark ?? mark("keyword_sets"), "keyword set \(name) has the name of a keyword, so two rows of tables would be \(name); "
                       + "rename the set (e.g. \(name)类)")
        }
        if let alpha = config.analysis?.keyness?.alpha, !(alpha > 0 && alpha < 1) {
            throw fail(analysisMark("keyness", "alpha"), "`analysis.keyness.alpha` is \(alpha); use a significance level between 0 and 1, e.g. 0.05")
        }
        if let context = config.analysis?.concordance?.context, context < 0 || context > 16_383 {
            throw fail(analysisMark("concordance", "context"), context < 0
                ? "`analysis.concordance.context` is \(context); use 0 or more (characters each side)"
                : "`analysis.concordance.context` is \(context); use at most 16383 (characters each side; a spreadsheet cell holds 32,767)")
        }
        let minimums: [(name: String, mark: Mark?, value: Int?)] = [
            ("min_frequency", analysisNode?["min_frequency"]?.mark, config.analysis?.minFrequency),
            ("cooccurrence.min_joint", analysisMark("cooccurrence", "min_joint"), config.analysis?.cooccurrence?.minJoint),
            ("collocates.min_joint", analysisMark("collocates", "min_joint"), config.analysis?.collocates?.minJoint),
            ("collocates.min_frequency", analysisMark("collocates", "min_frequency"), config.analysis?.collocates?.minFrequency),
            ("keyness.min_frequency", analysisMark("keyness", "min_frequency"), config.analysis?.keyness?.minFrequency),
            ("concordance.max_lines", analysisMark("concordance", "max_lines"), config.analysis?.concordance?.maxLines),
        ]
        for minimum in minimums {
            if let value = minimum.value, value < 1 {
                throw fail(minimum.mark ?? mark("analysis"), "`analysis.\(minimum.name)` is \(value); use 1 or more")
            }
        }
        if let rows = config.reportRows, rows < 0 {
            throw fail(mark("report_rows"), "`report_rows` is \(rows); use 0 (no limit) or more (the rows a report table shows)")
        }
        for section in ["cooccurrence", "collocates"] {
            let boundary = section == "cooccurrence" ? config.analysis?.cooccurrence?.boundary : config.analysis?.collocates?.boundary
            if let boundary, TextUnit(rawValue: boundary) == nil {
                throw fail(analysisMark(section, "boundary"), "`analysis.\(section).boundary` is \"\(boundary)\"; use sentence, paragraph or article")
            }
        }
        if let k = config.analysis?.keyness?.simpleMathsK, !(k > 0 && k.isFinite) {
            throw fail(analysisMark("keyness", "simple_maths_k"), "`analysis.keyness.simple_maths_k` is \(k); use a number above 0 (Kilgarriff suggests 1, 10, 100 or 1000)")
        }
        if let rows = config.analysis?.keyness?.csvRows, !["all", "significant"].contains(rows) {
            throw fail(analysisMark("keyness", "csv_rows"), "`analysis.keyness.csv_rows` is \"\(rows)\"; use significant (the significant words only, the default) "
                       + "or all (every word tested)")
        }
        if let tagging = config.analysis?.articleKeywords?.textrankTagging, !["posseg", "dictionary"].contains(tagging) {
            throw fail(analysisMark("article_keywords", "textrank_tagging"),
                       "`analysis.article_keywords.textrank_tagging` is \"\(tagging)\"; use posseg (jieba.analyse.textrank's words and tags) "
                       + "or dictionary (the segmenter's words with their dictionary tags, faster)")
        }
        if let tags = config.analysis?.articleKeywords?.textrankPos, let unknown = tags.firstIndex(where: { !PipelineConfig.jiebaTags.contains($0) }) {
            // A user dictionary (or a main dictionary of one's own) may give tags of its own: read only when a tag is not jieba's.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            let dictionaries = (config.segmentation?.userDicts ?? []) + (config.segmentation?.dict.map { [$0] } ?? [])
            let known = PipelineConfig.jiebaTags.union(dictionaries.flatMap { DictionaryTags.tags(inFileAt: AnalysisRun.resolve($0, in: folder)) })
            for index in tags.indices[unknown...] where !known.contains(tags[index]) {
                let suggestion = closest(tags[index], in: PipelineConfig.jiebaTags.sorted()).map { " (did you mean \($0)?)" } ?? ""
                throw fail(analysisNode?["article_keywords"]?.mapping?["textrank_pos"]?.sequence?[index].mark
                               ?? analysisMark("article_keywords", "textrank_pos"),
                           "`analysis.article_keywords.textrank_pos` holds \"\(tags[index])\", which is no part-of-speech tag of jieba's "
                           + "dictionary, of posseg's model or of the pipeline's dictionaries, so no word would have it\(suggestion); "
                           + "jieba's TextRank ranks ns, n, vn and v (place names, nouns, verbal nouns and verbs)")
            }
        }
        if let bucket = config.analysis?.trends?.bucket, !["year", "month", "day"].contains(bucket) {
            throw fail(analysisMark("trends", "bucket"), "`analysis.trends.bucket` is \"\(bucket)\"; use year, month or day")
        }
        // Bounds: a window wider than any sentence or paragraph is read is an article scope, and a
        // larger number is a typing slip that would only cost time and memory.
        let bounded: [(section: String, key: String, value: Int?, least: Int, most: Int, unit: String)] = [
            ("cooccurrence", "window", config.analysis?.cooccurrence?.window, 1, Self.maximumWindow, "tokens each side"),
            ("collocates", "window", config.analysis?.collocates?.window, 1, Self.maximumWindow, "tokens each side"),
            ("collocates", "left", config.analysis?.collocates?.left, 0, Self.maximumWindow, "tokens to the left"),
            ("collocates", "right", config.analysis?.collocates?.right, 0, Self.maximumWindow, "tokens to the right"),
            ("collocates", "top", config.analysis?.collocates?.top, 1, Self.maximumTop, "collocates per keyword in the report"),
            ("keyness", "top", config.analysis?.keyness?.top, 1, Self.maximumTop, "words each way per comparison in the report"),
            ("concordance", "sample", config.analysis?.concordance?.sample, 0, Self.maximumTop, "lines per keyword in the report; 0 shows none"),
            ("article_keywords", "top", config.analysis?.articleKeywords?.top, 1, Self.maximumTop, "terms per article and method"),
        ]
        for item in bounded {
            guard let value = item.value, value < item.least || value > item.most else { continue }
            throw fail(analysisMark(item.section, item.key),
                       "`analysis.\(item.section).\(item.key)` is \(value); use \(item.least) to \(item.most) (\(item.unit))")
        }
        if let scopes = config.analysis?.cooccurrence?.scopes {
            var seen: Set<String> = []
            for scope in scopes where !seen.insert(scope).inserted {
                throw fail(analysisMark("cooccurrence", "scopes"), "`analysis.cooccurrence.scopes` lists \(scope) twice; list it once")
            }
        }
        if let keyness = config.analysis?.keyness, let target = keyness.target, target == keyness.reference {
            throw fail(analysisMark("keyness", "reference"),
                       "`analysis.keyness.reference` is \(target), the target itself; name another group, or `rest` for every group but the target")
        }
        for (name, words) in config.keywordSets ?? [:] where words.isEmpty || name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw fail(mapping["keyword_sets"]?.mark, "keyword set \"\(name)\" needs a name and at least one word")
        }
        for (index, entry) in (config.csvFiles ?? []).enumerated()
        where !PipelineConfig.csvFileNames.contains(PipelineConfig.csvFileName(entry)) {
            let known = PipelineConfig.csvFileNames.map { String($0.dropLast(4)) }
            let suggestion = closest(String(PipelineConfig.csvFileName(entry).dropLast(4)), in: known).map { " (did you mean \($0)?)" } ?? ""
            throw fail(mapping["csv_files"]?.sequence?[index].mark ?? mark("csv_files"),
                       "`csv_files` lists \"\(entry)\", which is not a CSV file Cipin writes\(suggestion); use some of: \(known.joined(separator: ", "))")
        }
        if PipelineConfig.csvEncoding(named: config.csvEncoding) == nil {
            throw fail(mark("csv_encoding"), "`csv_encoding` is \"\(config.csvEncoding ?? "")\"; use utf-8-bom, utf-8 or gb18030 "
                       + "(utf8-bom, utf8 and gbk, in any case, are taken for them; GB18030 holds GBK and GB2312)")
        }
        if let encoding = config.encoding {
            do { _ = try TextEncoding.named(encoding) } catch let error as IngestError {
                throw fail(mark("encoding"), error.errorDescription ?? "unknown encoding")
            }
        }
        return config
    }

    /// Checks every key of `mapping` against `schema`, recursing into nested mappings.
    static func checkKeys(of mapping: Node.Mapping, schema: KeySchema, path: String,
                          fail: (Mark?, String) -> PipelineError) throws {
        guard case .mapping(let children) = schema else { return }
        let known = PipelineConfig.orderedKeys[path] ?? children.keys.sorted()
        let prefix = path.isEmpty ? "" : path + "."
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard let child = children[name] else {
                let suggestion = closest(name, in: known).map { "; did you mean `\(prefix)\($0)`?" } ?? ""
                throw fail(key.mark, "unknown key `\(prefix)\(name)`\(suggestion) (known keys: \(known.joined(separator: ", ")))")
            }
            if case .mapping = child {
                guard case .mapping(let nested) = value else {
                    throw fail(value.mark, "`\(prefix)\(name)` is a mapping of keys (\((PipelineConfig.orderedKeys[prefix + name] ?? []).joined(separator: ", "))), not \(describe(value))")
                }
                try checkKeys(of: nested, schema: child, path: prefix + name, fail: fail)
            }
        }
    }

    static func yamlSyntaxError(_ error: YamlError, path: String, text: String = "") -> PipelineError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text) that starts at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            // A tab where YAML wants indentation is the usual cause of "cannot start any token".
            let line = mark.line >= 1 ? text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(mark.line - 1).first : nil
            let tab = problem.contains("cannot start any token") && line?.contains("\t") == true
                ? "; YAML does not allow tabs for indentation, indent with spaces" : ""
            return .invalidPipeline(path: path, line: mark.line, column: mark.column, message: "YAML syntax error: \(problem)\(detail)\(tab)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first of the keys; the error goes where the second one is, naming both lines.
            let first = duplicates.first ?? ""
            guard let second = secondKey(first, after: context.mark, in: text) else {
                return .invalidPipeline(path: path, line: context.mark.line, column: context.mark.column,
                                        message: "duplicate key `\(duplicates.joined(separator: "`, `"))`; give each key once")
            }
            let others = duplicates.dropFirst()
            return .invalidPipeline(path: path, line: second.line, column: second.column,
                                    message: "duplicate key `\(first)`, given first at line \(context.mark.line); give each key once (keep the "
                                        + "value you mean and remove the other)"
                                        + (others.isEmpty ? "" : "; also given more than once: `\(others.joined(separator: "`, `"))`"))
        default:
            return .invalidPipeline(path: path, line: 1, column: 1, message: "YAML error: \(error)")
        }
    }

    /// Where `key`, whose first occurrence Yams marked at `first`, is given again in the same
    /// block mapping: the next line of the same indentation that starts with it, before the mapping
    /// ends (a line indented less). Nil for a flow mapping (`{a: 1, a: 2}`) or a key not found.
    static func secondKey(_ key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        guard !key.isEmpty, first.line >= 1, first.column >= 1 else { return nil }
        let indent = first.column - 1
        // Any line end: "\r\n" is one Character, which a split at "\n" would not split at.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard first.line < lines.count else { return nil }
        for index in first.line..<lines.count {
            let line = lines[index]
            let content = line.drop { $0 == " " }
            if content.isEmpty || content.hasPrefix("#") { continue }
            let depth = line.count - content.count
            if depth < indent { return nil }
            guard depth == indent else { continue }
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where content.hasPrefix(spelling) {
                if content.dropFirst(spelling.count).drop(while: { $0 == " " }).hasPrefix(":") { return (index + 1, indent + 1) }
            }
        }
        return nil
    }

    static func decodingError(_ error: DecodingError, root: Node, path: String) -> PipelineError {
        let (codingPath, message): ([CodingKey], String)
        switch error {
        case .typeMismatch(_, let context):
            codingPath = context.codingPath
            message = "expected \(expected(at: codingPath))"
        case .valueNotFound(_, let context):
            codingPath = context.codingPath
            message = "expected \(expected(at: codingPath)), found nothing"
        case .keyNotFound(let key, let context):
            codingPath = context.codingPath
            message = "missing key `\(key.stringValue)`"
        case .dataCorrupted(let context):
            codingPath = context.codingPath
            message = context.debugDescription
        @unknown default:
            codingPath = []
            message = "\(error)"
        }
        var node = root
        var keyPath: [String] = []
        for key in codingPath {
            if let index = key.intValue, let sequence = node.sequence, index < sequence.count {
                node = sequence[index]
                keyPath.append("[\(index + 1)]")
            } else if let child = node.mapping?[key.stringValue] {
                node = child
                keyPath.append(key.stringValue)
            } else {
                break
            }
        }
        let name = keyPath.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        // A whole number too large for the setting reads as no whole number at all: say which it is.
        if message == "expected a whole number", let digits = node.scalar?.string,
           let first = digits.unicodeScalars.first, digits.unicodeScalars.dropFirst(first == "-" || first == "+" ? 1 : 0)
            .allSatisfy({ ("0"..."9").contains($0) }), digits.count > 1 || first != "-", Int(digits) == nil,
           node.scalar?.style == .plain {
            return .invalidPipeline(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1,
                                    message: "`\(name)`: \(digits) is too " + (first == "-" ? "small" : "large")
                                        + " a whole number (\(Int.min) to \(Int.max))")
        }
        return .invalidPipeline(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1,
                                message: "`\(name)`: \(message), found \(describe(node))")
    }

    /// What the value at a key path must be, in words.
    static func expected(at codingPath: [CodingKey]) -> String {
        guard let last = codingPath.last else { return "a mapping" }
        if last.intValue != nil { return "a string" }
        switch last.stringValue {
        case "inputs", "keywords", "extensions", "metadata", "user_dicts", "groups", "scopes", "textrank_pos", "csv_files": return "a list of strings"
        case "keyword_sets": return "a mapping of set names to lists of words"
        case _ where codingPath.count == 2 && codingPath[0].stringValue == "keyword_sets": return "a list of words"
        case "version", "min_frequency", "window", "min_joint", "top", "context", "sample", "max_lines", "keep_runs", "keep_stored_runs", "report_rows",
             "left", "right": return "a whole number"
        case "alpha", "simple_maths_k": return "a number"
        case "with_every_word": return "true, false or a list of scopes"
        case "hmm", "presegmented", "html", "history", "exclude_punctuation", "exclude_numbers", "textrank", "bonferroni", "fill_gaps": return "true or false"
        default: return "a string"
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar) where scalar.tag.rawValue == Tag.Name.null.rawValue || (scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)):
            return "nothing"
        case .scalar(let scalar): return "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The known key (or value) nearest to a misspelt one, if any is within `maxDistance` edits.
    static func closest(_ word: String, in candidates: [String], maxDistance: Int = 2) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            for (i, ca) in a.enumerated() {
                var current = [i + 1]
                for (j, cb) in b.enumerated() {
                    current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
                }
                previous = current
            }
            return previous[b.count]
        }
        let scored = candidates.map { ($0, distance(Array(word), Array($0))) }.filter { $0.1 <= maxDistance }
        return scored.min { $0.1 < $1.1 }?.0
    }
}
