import Foundation
import Testing
@testable import Pipeline
import Segmentation
import Ingest

@Suite struct PipelineFileTests {
    @Test func seedPipelineParses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Pipelines/seed.yaml").path
        let config = try PipelineFile.load(path: path)
        #expect(config.name == "seed")
        #expect(config.keywords == ["人才", "干部", "基层"])
        #expect(config.inputs == ["../../shared/corpus/seed/"])
    }

    /// The README's pipeline examples are valid pipeline files as written: the full one (every
    /// top-level key), and the analysis settings with a name, inputs and keywords added.
    @Test func readmeExamplesParse() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] + "\n" }
        let full = try #require(blocks.first { $0.hasPrefix("version: 1 ") && $0.contains("\nname: seed ") })
        let config = try PipelineFile.parse(full, path: "README.md")
        #expect(config.history == true && config.keepRuns == 30 && config.store != nil && config.keepStoredRuns == 90)
        let analysis = try #require(blocks.first { $0.hasPrefix("keyword_sets:") })
        let withAnalysis = try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才, 干部]\n" + analysis, path: "README.md")
        #expect(withAnalysis.analysis?.keyness?.by == "region")
    }

    @Test func unknownKeyNamesLineColumnAndSuggestion() {
        let yaml = "name: t\ninputs: [a]\nkeywords: [人才]\nkeyword: [干部]\n"
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 4, column: 1,
            message: "unknown key `keyword`; did you mean `keywords`? (known keys: version, name, title, inputs, keywords, output, encoding, layout, on_error, extensions, metadata, segmentation, html, keyword_sets, analysis, csv_encoding, history, keep_runs, store, keep_stored_runs, report_rows, csv_files)")) {
            try PipelineFile.parse(yaml, path: "p.yaml")
        }
    }

    /// `csv_files` takes names with or without `.csv`; an unknown one is refused at its line, with the nearest name.
    @Test func csvFilesAreCheckedByName() throws {
        let config = try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\ncsv_files: [terms, keywords.csv, Collocates]\n", path: "p.yaml")
        #expect(config.wantedCSVFiles == ["terms.csv", "keywords.csv", "collocates.csv"] as Set)
        #expect(try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\ncsv_files: []\n", path: "p.yaml").wantedCSVFiles == [])
        #expect(try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\n", path: "p.yaml").wantedCSVFiles == nil)
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 5, column: 5,
            message: "`csv_files` lists \"colocates\", which is not a CSV file Cipin writes (did you mean collocates?); use some of: "
                + PipelineConfig.csvFileNames.map { String($0.dropLast(4)) }.joined(separator: ", "))) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\ncsv_files:\n  - colocates\n", path: "p.yaml")
        }
    }

    @Test func wrongTypeNamesTheKeyPath() {
        let yaml = "name: t\ninputs: corpus/\nkeywords: [人才]\n"
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 2, column: 9,
            message: "`inputs`: expected a list of strings, found \"corpus/\"")) {
            try PipelineFile.parse(yaml, path: "p.yaml")
        }
        let nested = "name: t\ninputs: [a]\nkeywords:\n  - 人才\n  - [干部, 基层]\n"
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 5, column: 5,
            message: "`keywords[2]`: expected a string, found a list")) {
            try PipelineFile.parse(nested, path: "p.yaml")
        }
    }

    /// `textrank_pos` is read as a list of tags, keys the stored article keywords (as JSON, so
    /// `["n,v"]` is not `[n, v]`), and is left out of the key when TextRank is off.
    @Test func textRankPartsOfSpeechSettingAndKey() throws {
        func config(_ articleKeywords: String) throws -> PipelineConfig {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nanalysis:\n  article_keywords: \(articleKeywords)\n", path: "p.yaml")
        }
        let folder = URL(fileURLWithPath: "/nonexistent")
        func key(_ articleKeywords: String) throws -> [String] {
            try AnalysisRun.articleKeywordSettings(config(articleKeywords), pipelineFolder: folder, segmenter: nil)
        }
        #expect(try config("{textrank_pos: [v, n, v]}").analysis?.articleKeywords?.textrankPos == ["v", "n", "v"])
        #expect(AnalysisRun.textRankPartsOfSpeech(try config("{textrank_pos: [v, n, v]}")) == ["n", "v"])
        #expect(AnalysisRun.textRankPartsOfSpeech(try config("{top: 5}")) == ["n", "ns", "v", "vn"])
        #expect(try key("{top: 20}").contains("textrank_pos=[\"n\",\"ns\",\"v\",\"vn\"]"))
        #expect(try key("{textrank_pos: [n, v]}") != key("{textrank_pos: [n]}"))
        #expect(try key("{textrank_pos: []}").contains("textrank_pos=[]"))
        // posseg's model files key the rows while TextRank uses posseg (the default, with the HMM);
        // `dictionary` or the HMM off leave them out.
        let hmm = Segmenter.Options(cacheDirectory: nil)
        func withSegmenter(_ articleKeywords: String, _ options: Segmenter.Options = hmm) throws -> [String] {
            try AnalysisRun.articleKeywordSettings(config(articleKeywords), pipelineFolder: folder, segmenter: options)
        }
        #expect(try withSegmenter("{top: 20}").filter { $0.hasPrefix("posseg=") }.count == 4)
        #expect(try withSegmenter("{top: 20}").contains("textrank_tagging=posseg"))
        #expect(try withSegmenter("{textrank_tagging: dictionary}").contains("textrank_tagging=dictionary"))
        #expect(try !withSegmenter("{textrank_tagging: dictionary}").contains { $0.hasPrefix("posseg=") })
        var noHMM = hmm
        noHMM.usesHMM = false
        #expect(try !withSegmenter("{top: 20}", noHMM).contains { $0.hasPrefix("posseg=") })
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 5, column: 40,
            message: "`analysis.article_keywords.textrank_tagging` is \"jieba\"; use posseg (jieba.analyse.textrank's words and tags) "
                + "or dictionary (the segmenter's words with their dictionary tags, faster)")) {
            try config("{textrank_tagging: jieba}")
        }
        #expect(try !key("{textrank: false, textrank_pos: [n]}").contains { $0.hasPrefix("textrank_pos") })
        #expect(try key("{textrank: false, textrank_pos: [n]}") == key("{textrank: false}"))
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 5, column: 36,
            message: "`analysis.article_keywords.textrank_pos`: expected a list of strings, found \"n\"")) {
            try config("{textrank_pos: n}")
        }
        // A tag no dictionary gives (a slip, a list written as one string) is refused at its item,
        // with the nearest of jieba's tags; one a user dictionary gives is taken.
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 5, column: 37,
            message: "`analysis.article_keywords.textrank_pos` holds \"nss\", which is no part-of-speech tag of jieba's dictionary, "
                + "of posseg's model or of the pipeline's dictionaries, so no word would have it (did you mean ns?); jieba's TextRank "
                + "ranks ns, n, vn and v (place names, nouns, verbal nouns and verbs)")) {
            try config("{textrank_pos: [nss, n]}")
        }
        #expect(throws: PipelineError.self) { try config("{textrank_pos: [\"n,v\"]}") }
        let own = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                              appropriateFor: URL(fileURLWithPath: NSTemporaryDirectory()), create: true)
        try FileManager.default.createDirectory(at: own.appendingPathComponent("dicts"), withIntermediateDirectories: true)
        try "组工 5 zg\n新质生产力 3 nzx\n".write(to: own.appendingPathComponent("dicts/u.txt"), atomically: true, encoding: .utf8)
        let withOwnTag = "name: t\ninputs: [a]\nkeywords: [人才]\nsegmentation: {user_dicts: [dicts/u.txt]}\n"
            + "analysis:\n  article_keywords: {textrank_pos: [nzx, n]}\n"
        #expect(try PipelineFile.parse(withOwnTag, path: own.appendingPathComponent("p.yaml").path)
            .analysis?.articleKeywords?.textrankPos == ["nzx", "n"])
    }

    /// A whole number too large for a setting is said to be too large (it read as "expected a
    /// whole number"), and keyword sets without `keywords` say how to count the sets alone.
    @Test func numbersTooLargeAndSetsWithoutKeywords() throws {
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 4, column: 14,
            message: "`report_rows`: 99999999999999999999999 is too large a whole number (-9223372036854775808 to 9223372036854775807)")) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nreport_rows: 99999999999999999999999\n", path: "p.yaml")
        }
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 4, column: 14,
            message: "`report_rows`: expected a whole number, found \"12x\"")) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nreport_rows: 12x\n", path: "p.yaml")
        }
        // A number in quotes is a string, not a number too large.
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 4, column: 14,
            message: "`report_rows`: expected a whole number, found \"12\"")) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nreport_rows: \"12\"\n", path: "p.yaml")
        }
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 1, column: 1,
            message: "missing key `keywords` (`keywords: []` when the keyword sets are all you count)")) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeyword_sets: {talent: [人才, 英才]}\n", path: "p.yaml")
        }
        #expect(try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: []\nkeyword_sets: {talent: [人才, 英才]}\n", path: "p.yaml")
            .keywordSets?["talent"] == ["人才", "英才"])
    }

    /// `csv_encoding`'s other spellings are taken, and the Method section names the encoding
    /// written; an encoding Cipin does not write is refused with every spelling it takes.
    @Test func csvEncodingNames() throws {
        #expect(PipelineConfig.csvEncodingName("GBK") == "gb18030")
        #expect(PipelineConfig.csvEncodingName("utf8") == "utf-8")
        #expect(PipelineConfig.csvEncodingName("UTF8-BOM") == "utf-8-bom")
        #expect(PipelineConfig.csvEncodingName(nil) == "utf-8-bom")
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 4, column: 15,
            message: "`csv_encoding` is \"gb2312\"; use utf-8-bom, utf-8 or gb18030 (utf8-bom, utf8 and gbk, in any case, are taken "
                + "for them; GB18030 holds GBK and GB2312)")) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\ncsv_encoding: gb2312\n", path: "p.yaml")
        }
    }

    /// The tags a pipeline's `textrank_pos` may name are those of Debian's jieba: every tag of
    /// `dict.txt` and of posseg's model (read here by Python), and posseg's `eng`.
    @Test func jiebaTagsAreThoseOfItsFiles() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", """
            import json
            import jieba.posseg.prob_start as start
            tags = {t for (_, t) in start.P}
            for line in open('/usr/lib/python3/dist-packages/jieba/dict.txt', encoding='utf-8'):
                tags.add(line.split()[2])
            print(json.dumps(sorted(tags)))
            """]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let tags = try JSONDecoder().decode([String].self, from: data)
        #expect(tags.count > 60)
        #expect(Set(tags + ["eng"]) == PipelineConfig.jiebaTags)
    }

    @Test func missingInputsKey() {
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 1, column: 1, message: "missing key `inputs`")) {
            try PipelineFile.parse("name: t\nkeywords: [人才]\n", path: "p.yaml")
        }
    }

    @Test func yamlSyntaxError() {
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 3, column: 9,
            message: "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 2, column 9)")) {
            try PipelineFile.parse("name: t\ninputs: [a\nkeywords: [人才]\n", path: "p.yaml")
        }
    }

    /// A key given twice is refused at its second line, naming the first; nested keys too, and a
    /// flow mapping's (where only the first is known) at the first.
    @Test func duplicateKeyAtItsSecondLine() {
        func error(_ yaml: String) -> PipelineError? {
            do { _ = try PipelineFile.parse(yaml, path: "p.yaml"); return nil } catch let error as PipelineError { return error } catch { return nil }
        }
        #expect(error("name: x\ninputs: [in/]\nkeywords: [人才]\noutput: o1\nhtml: true\n\n# again\noutput: o2\n")
            == .invalidPipeline(path: "p.yaml", line: 8, column: 1, message: "duplicate key `output`, given first at line 4; give each key once "
                                + "(keep the value you mean and remove the other)"))
        #expect(error("name: x\ninputs: [in/]\nanalysis:\n  min_frequency: 2\n  stopwords: none\n  \"min_frequency\": 3\nkeywords: [人才]\n")
            == .invalidPipeline(path: "p.yaml", line: 6, column: 3, message: "duplicate key `min_frequency`, given first at line 4; give each key "
                                + "once (keep the value you mean and remove the other)"))
        // Windows line ends (a "\r\n" is one Character): the same line, no crash.
        #expect(error("name: x\r\ninputs: [in/]\r\nkeywords: [人才]\r\noutput: o1\r\noutput: o2\r\n")
            == .invalidPipeline(path: "p.yaml", line: 5, column: 1, message: "duplicate key `output`, given first at line 4; give each key once "
                                + "(keep the value you mean and remove the other)"))
        #expect(error("name: x\ninputs: [in/]\nkeywords: [人才]\nanalysis: {min_frequency: 2, min_frequency: 3}\n")
            == .invalidPipeline(path: "p.yaml", line: 4, column: 12, message: "duplicate key `min_frequency`; give each key once"))
    }

    /// Values of the right type that cannot mean anything are refused at their line.
    @Test func meaninglessValues() throws {
        func message(_ yaml: String) -> String? {
            do {
                _ = try PipelineFile.parse("name: t\ninputs: [a]\n" + yaml, path: "p.yaml")
                return nil
            } catch PipelineError.invalidPipeline(_, let line, _, let message) {
                return "\(line): \(message)"
            } catch {
                return "\(error)"
            }
        }
        #expect(message("keywords: [人才, 干部, 人才]\n") == "3: keyword 人才 is listed twice; list it once")
        #expect(message("keywords: []\n") == "3: `keywords` is empty; name at least one keyword (or a keyword set in `keyword_sets`)")
        #expect(message("keywords: []\nkeyword_sets: {人才类: [人才]}\n") == nil)
        #expect(message("keywords: [人才]\nkeyword_sets:\n  干部: [干部]\n  人才: [人才, 英才]\n")
            == "6: keyword set 人才 has the name of a keyword, so two rows of tables would be 人才; rename the set (e.g. 人才类)")
        #expect(message("keywords: [人才]\nanalysis:\n  keyness: {alpha: 2}\n")
            == "5: `analysis.keyness.alpha` is 2.0; use a significance level between 0 and 1, e.g. 0.05")
        #expect(message("keywords: [人才]\nanalysis:\n  keyness: {alpha: 0}\n") != nil)
        #expect(message("keywords: [人才]\nanalysis:\n  concordance: {context: -1}\n")
            == "5: `analysis.concordance.context` is -1; use 0 or more (characters each side)")
        #expect(message("keywords: [人才]\nanalysis:\n  collocates: {min_joint: 0}\n") == "5: `analysis.collocates.min_joint` is 0; use 1 or more")
        #expect(message("keywords: [人才]\nanalysis:\n  min_frequency: 0\n") == "5: `analysis.min_frequency` is 0; use 1 or more")
        #expect(message("keywords: [人才]\nanalysis:\n  concordance: {max_lines: 0}\n") == "5: `analysis.concordance.max_lines` is 0; use 1 or more")
        #expect(message("keywords: [人才]\nanalysis:\n  concordance: {context: 16384}\n")
            == "5: `analysis.concordance.context` is 16384; use at most 16383 (characters each side; a spreadsheet cell holds 32,767)")
        #expect(message("keywords: [人才]\nanalysis:\n  concordance: {context: 16383}\n") == nil)
        #expect(message("keywords: [人才]\nanalysis:\n  concordance: {max_lines: many}\n")?.contains("a whole number") == true)
        #expect(message("keywords: [人才]\nextensions: []\n")
            == "4: `extensions` is empty, so no file of a folder would be read; list them, e.g. [txt], or leave the key out")
        for key in ["keep_runs: 5", "store: s.sqlite", "keep_stored_runs: 3"] {
            let name = String(key.prefix { $0 != ":" })
            #expect(message("keywords: [人才]\n\(key)\n") == "4: `\(name)` applies to scheduled runs only; add `history: true`, or leave `\(name)` out")
            #expect(message("keywords: [人才]\nhistory: true\n\(key)\n") == nil)
        }
        #expect(message("keywords: [人才]\nanalysis:\n  keyness: {alpha: 0.01, min_frequency: 3}\n  concordance: {context: 0}\n") == nil)
    }

    /// Values found by fuzzing that crashed, hung or did nothing useful: each is refused at its line.
    @Test func outOfRangeAndSlipValuesAreRefused() throws {
        func message(_ yaml: String, name: String = "t") -> String? {
            do {
                _ = try PipelineFile.parse("name: \(name)\ninputs: [a]\n" + yaml, path: "p.yaml")
                return nil
            } catch PipelineError.invalidPipeline(_, let line, _, let message) {
                return "\(line): \(message)"
            } catch {
                return "\(error)"
            }
        }
        let analysis = "keywords: [人才]\nanalysis:\n"
        #expect(message(analysis + "  cooccurrence: {window: 99999999999}\n") == "5: `analysis.cooccurrence.window` is 99999999999; use 1 to 1000 (tokens each side)")
        #expect(message(analysis + "  cooccurrence: {window: 1000}\n") == nil)
        #expect(message(analysis + "  collocates: {right: 9223372036854775807}\n") == "5: `analysis.collocates.right` is 9223372036854775807; use 0 to 1000 (tokens to the right)")
        #expect(message(analysis + "  collocates: {left: 0, right: 1000}\n") == nil)
        #expect(message(analysis + "  collocates: {top: 0}\n") == "5: `analysis.collocates.top` is 0; use 1 to 100000 (collocates per keyword in the report)")
        #expect(message(analysis + "  keyness: {top: -5}\n") == "5: `analysis.keyness.top` is -5; use 1 to 100000 (words each way per comparison in the report)")
        #expect(message(analysis + "  concordance: {sample: -1}\n") == "5: `analysis.concordance.sample` is -1; use 0 to 100000 (lines per keyword in the report; 0 shows none)")
        #expect(message(analysis + "  concordance: {sample: 0}\n") == nil)
        #expect(message(analysis + "  article_keywords: {top: 9223372036854775807}\n")?.hasPrefix("5: `analysis.article_keywords.top` is 9223372036854775807; use 1 to 100000") == true)
        #expect(message(analysis + "  cooccurrence: {scopes: [sentence, window, sentence]}\n") == "5: `analysis.cooccurrence.scopes` lists sentence twice; list it once")
        #expect(message(analysis + "  keyness: {by: region, target: 泰州市, reference: 泰州市}\n")
            == "5: `analysis.keyness.reference` is 泰州市, the target itself; name another group, or `rest` for every group but the target")
        #expect(message(analysis + "  keyness: {simple_maths_k: .inf}\n")?.hasPrefix("5: `analysis.keyness.simple_maths_k` is inf; use a number above 0") == true)
        #expect(message(analysis + "  keyness: {simple_maths_k: .nan}\n") != nil)
        #expect(message(analysis + "  keyness: {csv_rows: some}\n")
            == "5: `analysis.keyness.csv_rows` is \"some\"; use significant (the significant words only, the default) or all (every word tested)")
        #expect(message(analysis + "  keyness: {csv_rows: significant}\n") == nil)
        #expect(message("keywords: [人才]\nanalysis:\n") == "4: `analysis` is a mapping of keys (groups, stopwords, exclude_punctuation, exclude_numbers, min_frequency, cooccurrence, collocates, concordance, keyness, article_keywords, trends), not nothing")
        // Keywords and keyword sets.
        #expect(message("keywords: [人才, \"干部\\u200B\"]\n") == "3: keyword 2 holds the invisible character U+200B, which no word holds; delete it")
        #expect(message("keywords: [\"\\n\"]\n") == "3: keyword 1 is empty")
        #expect(message("keywords: [\"人\\n才\"]\n") == "3: keyword 1 holds the invisible character U+A, which no word holds; delete it")
        #expect(message("keywords: [人才]\nkeyword_sets: {s: null}\n") == "4: `keyword_sets.s`: expected a list of words, found nothing")
        #expect(message("keywords: [人才]\nkeyword_sets: {'': [a]}\n") == "4: a keyword set's name is empty; name it, e.g. `talent: [人才, 英才]`")
        #expect(message("keywords: [人才]\nkeyword_sets: {[a]: [b]}\n") == "4: a keyword set's name is a word, not a list; write e.g. `talent: [人才, 英才]`")
        #expect(message("keywords: [人才]\nkeyword_sets:\n  s: [a, '']\n") == "5: word 2 of keyword set s is empty")
        #expect(message("keywords: [人才]\nkeyword_sets:\n  s: [a, \"b\\t\"]\n")?.hasPrefix("5: word 2 of keyword set s holds the invisible character U+9") == true)
        // Slips in writing the list (a user review found them counting nothing, with exit 0): a
        // separator typed with a Chinese input method, spaces inside quotes.
        #expect(message("keywords: [人才，干部]\n") == "3: keyword 1 (\"人才，干部\") holds a full-width comma (，), so it is one keyword that no word "
            + "matches; list each keyword on its own, separated by ASCII commas: [人才, 干部]")
        #expect(message("keywords: [人才、干部、基层]\n")?.contains("holds an enumeration comma (、)") == true)
        #expect(message("keywords: [人才、干部、基层]\n")?.hasSuffix("[人才, 干部, 基层]") == true)
        #expect(message("keywords: [人才, \"干部,基层\"]\n")?.hasPrefix("3: keyword 2 (\"干部,基层\") holds a comma") == true)
        #expect(message("keywords: [人才, \" 基层 \"]\n") == "3: keyword 2 (\" 基层 \") has white space around it, which no word has; remove it")
        #expect(message("keywords: [人才]\nkeyword_sets:\n  s: [英才, \"人才；干部\"]\n")?.hasPrefix("5: word 2 of keyword set s (\"人才；干部\") holds a full-width semicolon") == true)
        // A space between Latin words is no slip: exact occurrences may find it.
        #expect(message("keywords: [人才, \"Made in China\"]\n") == nil)
        // The name is a folder under Reports/.
        for name in ["..", "../x", "a/b", "."] {
            #expect(message("keywords: [人才]\n", name: "\"\(name)\"")
                == "1: `name` is \"\(name)\"; use a plain name without / that is not . or .. (the default report folder is Reports/<name>), e.g. nightly")
        }
        #expect(message("keywords: [人才]\n", name: "\"a\\nb\"") == "1: `name` holds the invisible character U+A; delete it")
        #expect(message("keywords: [人才]\n", name: "江苏.2021") == nil)
    }

    /// A folder, a device or an empty file named as the pipeline says what it is.
    @Test func pipelinePathThatIsNoPipelineFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cipin-pf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.yaml").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        for (path, reason) in [(folder.path, "it is a folder, not a pipeline file; name the YAML file, e.g. Pipelines/seed.yaml"),
                               ("/dev/null", "it is empty; a pipeline file names at least its `name`, `inputs` and `keywords` (see Pipelines/seed.yaml)"),
                               (empty, "it is empty; a pipeline file names at least its `name`, `inputs` and `keywords` (see Pipelines/seed.yaml)"),
                               (folder.appendingPathComponent("none.yaml").path, "no such file")] {
            #expect(throws: PipelineError.unreadablePipeline(path: path, reason: reason)) { try PipelineFile.load(path: path) }
        }
    }

    /// A pipeline file saved as GBK is named as such, with where its first byte that is not UTF-8
    /// is and the command that converts it.
    @Test func pipelineFileThatIsNoUTF8() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cipin-pf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gbk.yaml").path
        // name: x / inputs: [in/] / keywords: [人才] in GB18030 (人 = C8 CB, 才 = B2 C5).
        let bytes = Array("name: x\ninputs: [in/]\nkeywords: [".utf8) + [0xC8, 0xCB, 0xB2, 0xC5] + Array("]\n".utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        #expect(throws: PipelineError.unreadablePipeline(path: path, reason: "not UTF-8 text: the byte at line 3, column 12 (0xC8) is not UTF-8; "
                + "the file reads as GB18030; save it as UTF-8 (pipeline files are UTF-8), e.g. `iconv -f GB18030 -t UTF-8 old.yaml > new.yaml`")) {
            try PipelineFile.load(path: path)
        }
        // A UTF-8 file with a GBK word pasted in (干部 = B8 C9 B2 BF): the column counts characters, and
        // no conversion of the whole file is suggested, which would garble its UTF-8.
        let mixed = Array("name: x\ninputs: [in/]\nkeywords: [人才, ".utf8) + [0xB8, 0xC9, 0xB2, 0xBF] + Array("]\n".utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(mixed)))
        #expect(throws: PipelineError.unreadablePipeline(path: path, reason: "not UTF-8 text: the byte at line 3, column 16 (0xB8) is not UTF-8; "
                + "the text before it is UTF-8 with Chinese, so retype or paste again what is there, in an editor that saves UTF-8 "
                + "(converting the whole file from another encoding would garble the rest)")) {
            try PipelineFile.load(path: path)
        }
        // Surrogates and overlong forms are no UTF-8 either, found where they are.
        for bad: [UInt8] in [[0xED, 0xA0, 0x80], [0xE0, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE4, 0xBA]] {
            #expect(Decoding.firstInvalidUTF8Offset(Data(Array("ab".utf8) + bad + Array("c".utf8))) == 2, "\(bad)")
        }
        #expect(Decoding.firstInvalidUTF8Offset(Data("人才 ok 𠀀".utf8)) == nil)
    }

    @Test func tabIndentationIsNamed() {
        do {
            _ = try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nanalysis:\n\tmin_frequency: 3\n", path: "p.yaml")
            Issue.record("a tab-indented file was accepted")
        } catch PipelineError.invalidPipeline(_, let line, _, let message) {
            #expect(line == 5)
            #expect(message.hasSuffix("; YAML does not allow tabs for indentation, indent with spaces"), "\(message)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func badEnumValuesAndVersion() throws {
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 4, column: 11, message: "`on_error` is \"ignore\"; use stop or skip")) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\non_error: ignore\n", path: "p.yaml")
        }
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 4, column: 12,
            message: "`keep_runs` is 0; use 1 or more (the run folders to keep)")) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nkeep_runs: 0\n", path: "p.yaml")
        }
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 4, column: 14,
            message: "`report_rows` is -1; use 0 (no limit) or more (the rows a report table shows)")) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nreport_rows: -1\n", path: "p.yaml")
        }
        #expect(try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nreport_rows: 0\n", path: "p.yaml").reportRows == 0)
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 4, column: 19,
            message: "`keep_stored_runs` is 0; use 1 or more (the newest runs whose statistics the store keeps), or leave it out to keep every run's")) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nkeep_stored_runs: 0\n", path: "p.yaml")
        }
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 4, column: 8,
            message: "`store` is \"state/\"; name the run store's file, e.g. /var/lib/cipin/nightly.sqlite")) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nstore: state/\n", path: "p.yaml")
        }
        let kept = try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nhistory: true\nstore: ~/s.sqlite\nkeep_stored_runs: 7\n", path: "p.yaml")
        #expect(kept.keepStoredRuns == 7)
        #expect(PipelineRunner.storeFile(for: kept, pipelineFolder: URL(fileURLWithPath: "/p"), output: URL(fileURLWithPath: "/o")).path
                == NSHomeDirectory() + "/s.sqlite")
        var relative = kept
        relative.store = "../state/s.sqlite"
        #expect(PipelineRunner.storeFile(for: relative, pipelineFolder: URL(fileURLWithPath: "/p/q"), output: URL(fileURLWithPath: "/o")).path
                == "/p/state/s.sqlite")
        relative.store = nil
        #expect(PipelineRunner.storeFile(for: relative, pipelineFolder: URL(fileURLWithPath: "/p/q"), output: URL(fileURLWithPath: "/o")).path
                == "/o/cipin.sqlite")
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 4, column: 12,
            message: "`keep_runs`: expected a whole number, found \"all\"")) {
            try PipelineFile.parse("name: t\ninputs: [a]\nkeywords: [人才]\nkeep_runs: all\n", path: "p.yaml")
        }
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 1, column: 10, message: "`version` is 2; this Cipin reads version 1")) {
            try PipelineFile.parse("version: 2\nname: t\ninputs: [a]\nkeywords: [人才]\n", path: "p.yaml")
        }
    }

    @Test func errorMessageFormat() {
        let error = PipelineError.invalidPipeline(path: "Pipelines/x.yaml", line: 3, column: 7, message: "missing key `inputs`")
        #expect(error.errorDescription == "Pipelines/x.yaml:3:7: missing key `inputs`")
    }
}

@Suite struct NestedPipelineKeyTests {
    @Test func unknownNestedKeyNamesItsPath() {
        let yaml = "name: t\ninputs: [a]\nkeywords: [人才]\nsegmentation:\n  user_dict: [a.txt]\n"
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 5, column: 3,
            message: "unknown key `segmentation.user_dict`; did you mean `segmentation.user_dicts`? (known keys: dict, user_dicts, hmm, presegmented)")) {
            try PipelineFile.parse(yaml, path: "p.yaml")
        }
    }

    @Test func nestedWrongType() {
        let yaml = "name: t\ninputs: [a]\nkeywords: [人才]\nsegmentation:\n  hmm: perhaps\n"
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 5, column: 8,
            message: "`segmentation.hmm`: expected true or false, found \"perhaps\"")) {
            try PipelineFile.parse(yaml, path: "p.yaml")
        }
    }

    @Test func segmentationSettingsAreRead() throws {
        let yaml = "name: t\ninputs: [a]\nkeywords: [人才]\nsegmentation:\n  user_dicts: [dicts/a.txt, dicts/b.txt]\n  hmm: false\n"
        let config = try PipelineFile.parse(yaml, path: "p.yaml")
        #expect(config.segmentation == SegmentationConfig(userDicts: ["dicts/a.txt", "dicts/b.txt"], hmm: false))
    }
}

@Suite struct AnalysisPipelineKeyTests {
    @Test func unknownKeyTwoLevelsDown() {
        let yaml = "name: t\ninputs: [a]\nkeywords: [人才]\nanalysis:\n  cooccurrence:\n    windw: 4\n"
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 6, column: 5,
            message: "unknown key `analysis.cooccurrence.windw`; did you mean `analysis.cooccurrence.window`? (known keys: scopes, window, with_every_word, min_joint, boundary)")) {
            try PipelineFile.parse(yaml, path: "p.yaml")
        }
    }

    @Test func badScopeName() {
        let yaml = "name: t\ninputs: [a]\nkeywords: [人才]\nanalysis:\n  cooccurrence:\n    scopes: [sentence, chapter]\n"
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 6, column: 13,
            message: "`analysis.cooccurrence.scopes` holds \"chapter\"; use sentence, paragraph, article or window")) {
            try PipelineFile.parse(yaml, path: "p.yaml")
        }
    }

    @Test func withEveryWordTakesAFlagOrScopes() throws {
        func setting(_ value: String) throws -> AnalysisConfig.EveryWordSetting? {
            let yaml = "name: t\ninputs: [a]\nkeywords: [人才]\nanalysis:\n  cooccurrence:\n    with_every_word: \(value)\n"
            return try PipelineFile.parse(yaml, path: "p.yaml").analysis?.cooccurrence?.withEveryWord
        }
        #expect(try setting("true") == .all(true))
        #expect(try setting("false") == .all(false))
        #expect(try setting("[sentence, article]") == .scopes(["sentence", "article"]))
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 6, column: 22,
            message: "`analysis.cooccurrence.with_every_word` holds \"chapter\"; use true, false or a list of sentence, paragraph, article, window")) {
            try setting("[sentence, chapter]")
        }
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 6, column: 22,
            message: "`analysis.cooccurrence.with_every_word`: expected true, false or a list of scopes, found \"often\"")) {
            try setting("often")
        }
        let narrow = "name: t\ninputs: [a]\nkeywords: [人才]\nanalysis:\n  cooccurrence:\n    scopes: [sentence]\n    with_every_word: [window]\n"
        #expect(throws: PipelineError.invalidPipeline(path: "p.yaml", line: 7, column: 22,
            message: "`analysis.cooccurrence.with_every_word` holds \"window\", which `scopes` does not count; add it to `scopes` or leave it out here")) {
            try PipelineFile.parse(narrow, path: "p.yaml")
        }
    }

    @Test func keywordSetsAndAnalysisSettingsAreRead() throws {
        let yaml = """
            name: t
            inputs: [a]
            keywords: [人才]
            keyword_sets:
              人才类: [人才, 英才, 人才队伍]
            analysis:
              groups: [author]
              keyness: { by: author, min_frequency: 3 }
              trends: { bucket: year }
            """
        let config = try PipelineFile.parse(yaml, path: "p.yaml")
        #expect(config.keywordSets == ["人才类": ["人才", "英才", "人才队伍"]])
        #expect(config.analysis?.groups == ["author"])
        #expect(config.analysis?.keyness?.minFrequency == 3)
        #expect(config.analysis?.trends?.bucket == "year")
        #expect(AnalysisRun.keywordSpecs(config).map(\.name) == ["人才", "人才类"])
    }
}

@Suite struct ReportSampleTests {
    /// The first `limit` rows of each keyword, in order, whether the rows come grouped by keyword or not.
    @Test func firstRowsPerKeyword() {
        let rows = ["人才", "人才", "干部", "人才", "干部", "干部", "基层", "人才", "干部"].enumerated().map { ($0.offset, $0.element) }
        let kept = firstRows(rows, perKeyword: 2, keyword: \.1).map(\.0)
        #expect(kept == [0, 1, 2, 4, 6])
        #expect(firstRows(rows, perKeyword: 0, keyword: \.1).isEmpty)
        #expect(firstRows(rows, perKeyword: 9, keyword: \.1).map(\.0) == Array(0..<9))
    }
}
