import Foundation
import Testing
import TestSupport

/// The analysis CSVs of the seed pipeline against independent computations in Python (jieba
/// itself for the words, plain arithmetic for the measures).
@Suite(.serialized) struct AnalysisOutputTests {
    static let output: URL = {
        let folder = Scratch.file("analysis")
        _ = try? CLI.cipin(["run", "Pipelines/seed.yaml", "--output", folder.path], in: CLI.repository)
        let listing = try? CLI.cipin(["ingest", "--format", "json", "--body", CLI.seedFolder.path])
        try? listing?.stdoutData.write(to: folder.appendingPathComponent("bodies.json"))
        return folder
    }()

    /// The seed pipeline as it is, but with `keyness.csv_rows: all` (every word tested rather than
    /// the significant ones only), for the tests that recompute every keyness row.
    static let everyWord: URL = {
        let repository = CLI.repository.path, folder = (try? Scratch.folder("analysis-all")) ?? Scratch.file("analysis-all")
        let seed = (try? String(contentsOf: CLI.repository.appendingPathComponent("Pipelines/seed.yaml"), encoding: .utf8)) ?? ""
        let yaml = seed.replacingOccurrences(of: "../../shared/corpus/seed/", with: CLI.seedFolder.path + "/")
            .replacingOccurrences(of: "dicts/party-building.txt", with: repository + "/Pipelines/dicts/party-building.txt")
            .replacingOccurrences(of: "html: true", with: "html: false")
            + "analysis:\n  stopwords: \(repository)/Pipelines/dicts/stopwords.txt\n  keyness: {csv_rows: all}\n"
        let output = folder.appendingPathComponent("out")
        if let pipeline = try? CLI.pipeline(yaml, in: folder) { _ = try? CLI.cipin(["run", pipeline.path, "--output", output.path]) }
        try? FileManager.default.copyItem(at: Self.output.appendingPathComponent("bodies.json"), to: output.appendingPathComponent("bodies.json"))
        return output
    }()

    static let prelude = """
        import csv, json, sys, math, collections
        import jieba, jieba.analyse
        jieba.setLogLevel(60)
        jieba.load_userdict(sys.argv[2] + '/Pipelines/dicts/party-building.txt')
        out = sys.argv[1]
        def rows(name): return list(csv.DictReader(open(out + '/' + name, encoding='utf-8-sig', newline='')))
        articles = json.load(open(out + '/bodies.json', encoding='utf-8'))
        """

    func python(_ body: String, extra: [String] = [], everyWord: Bool = false) throws -> String {
        let result = try CLI.python(Self.prelude + "\n" + body, [(everyWord ? Self.everyWord : Self.output).path, CLI.repository.path] + extra)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + result.stderr
    }

    /// Article-scope joint counts are the number of articles whose words hold both keywords.
    @Test func articleCooccurrenceCountsArticlesWithBothWords() throws {
        let result = try python("""
            words = [set(w for p in a['paragraphs'] for w in jieba.cut(p)) for a in articles]
            pairs = [r for r in rows('cooccurrence.csv') if r['scope'] == 'article' and r['keyword_pair'] == 'yes']
            bad = [r for r in pairs if int(r['joint']) != sum(1 for s in words if r['word_a'] in s and r['word_b'] in s)
                   or int(r['freq_a']) != sum(1 for s in words if r['word_a'] in s) or int(r['total']) != len(articles)]
            print(len(pairs), len(bad))
            """)
        #expect(result == "3 0")
    }

    /// Every measure of every co-occurrence row recomputed from its four counts.
    @Test func cooccurrenceMeasuresFromTheirCounts() throws {
        let result = try python("""
            bad = 0
            data = rows('cooccurrence.csv')
            for r in data:
                a, fa, fb, n = (int(r[k]) for k in ('joint', 'freq_a', 'freq_b', 'total'))
                e = fa * fb / n
                cells = [(a, e), (fa - a, fa * (n - fb) / n), (fb - a, (n - fa) * fb / n), (n - fa - fb + a, (n - fa) * (n - fb) / n)]
                g2 = 2 * sum(o * math.log(o / x) for o, x in cells if o > 0)
                expect = {'expected': e, 'pmi': math.log2(a / e), 'npmi': math.log2(a / e) / -math.log2(a / n) if a < n else 1.0,
                          'mi3': math.log2(a ** 3 / e), 'g2': g2, 'dice': 2 * a / (fa + fb), 'logdice': 14 + math.log2(2 * a / (fa + fb)),
                          'jaccard': a / (fa + fb - a), 't_score': (a - e) / math.sqrt(a)}
                for k, v in expect.items():
                    if not math.isclose(float(r[k]), v, rel_tol=1e-9, abs_tol=1e-9): bad += 1
            print(len(data) > 100, bad)
            """)
        #expect(result == "True 0")
    }

    /// TF-IDF keywords equal jieba.analyse.extract_tags on each article body: same top 20, same order.
    @Test func tfidfEqualsJiebaExtractTags() throws {
        let result = try python("""
            ours = collections.defaultdict(list)
            for r in rows('article_keywords.csv'):
                if r['method'] == 'tfidf': ours[r['document']].append(r['word'])
            same = sum(1 for a in articles if ours[a['id']] == jieba.analyse.extract_tags('\\n'.join(a['paragraphs']), topK=20))
            print(len(articles), same)
            """)
        #expect(result == "11 11")
    }

    /// TextRank keywords equal jieba.analyse.textrank on each article body (jieba.posseg's words
    /// and tags, the user dictionary loaded): same top 20, same order, the same weights to the bit.
    @Test func textRankEqualsJiebaAnalyseTextrank() throws {
        let result = try python("""
            ours = collections.defaultdict(list)
            for r in rows('article_keywords.csv'):
                if r['method'] == 'textrank': ours[r['document']].append((r['word'], float(r['weight'])))
            same, words = 0, 0
            for a in articles:
                theirs = jieba.analyse.textrank('\\n'.join(a['paragraphs']), topK=20, withWeight=True)
                words += len(theirs)
                mine = ours[a['id']]
                if [w for w, _ in mine] == [w for w, _ in theirs] and [x for _, x in mine] == [y for _, y in theirs]:
                    same += 1
                else:
                    print(a['id'], mine[:5], theirs[:5])
            print(len(articles), same, words)
            """)
        #expect(result == "11 11 220")
    }

    /// `textrank_tagging: dictionary`: jieba's TextRank fed `jieba.cut`'s words tagged from the
    /// dictionaries (no posseg), and not in the Method table's files.
    @Test func textRankWithDictionaryTagging() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = try CLI.pipeline("""
            name: seed
            inputs: [\(CLI.seedFolder.path)]
            keywords: [人才, 干部, 基层]
            output: out
            segmentation: { user_dicts: [\(CLI.repository.path)/Pipelines/dicts/party-building.txt] }
            analysis: { article_keywords: { textrank_tagging: dictionary } }
            """, in: folder)
        let run = try CLI.cipin(["run", pipeline.path])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try python("""
            import jieba.posseg
            jieba.posseg.dt.makesure_userdict_loaded()  # the user dictionary's tags into word_tag_tab, as posseg.cut does
            class TaggingTokenizer:
                def cut(self, text):
                    return [jieba.posseg.pair(w, jieba.posseg.dt.word_tag_tab.get(w, 'x')) for w in jieba.cut(text)]
            dict_tags = jieba.analyse.TextRank()
            dict_tags.tokenizer = TaggingTokenizer()
            mine = collections.defaultdict(list)
            for r in csv.DictReader(open(sys.argv[3] + '/article_keywords.csv', encoding='utf-8-sig', newline='')):
                if r['method'] == 'textrank': mine[r['document']].append(r['word'])
            same = sum(1 for a in articles if mine[a['id']] == [w for w in dict_tags.textrank('\\n'.join(a['paragraphs']), topK=20)])
            method = open(sys.argv[3] + '/report.xml', encoding='utf-8').read()
            print(len(articles), same, 'posseg/prob_emit.py' in method, 'dictionary: the segmenter' in method)
            """, extra: [folder.appendingPathComponent("out").path])
        #expect(result == "11 11 False True")
    }

    /// The same on texts where posseg cuts otherwise than jieba.cut: many words the dictionary
    /// lacks (the 1954 report, in Traditional characters), `%` in numbers (a 2025 provincial
    /// report), and a user dictionary word with `-` (posseg's blocks leave out `%` and `-`).
    @Test func textRankEqualsJiebaWherePossegCutsOtherwise() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bench = CLI.shared.appendingPathComponent("bench")
        let inputs = [bench.appendingPathComponent("gov_work_reports/1954_071_1954年中华人民共和国国务院政府工作报告.txt").path,
                      bench.appendingPathComponent("provincial_gov_reports_2025/2025年河南省政府工作报告.txt").path,
                      folder.appendingPathComponent("covid.txt").path]
        try Data(("新冠疫苗研发\n\n加强COVID-19疫苗研发人才队伍建设，研发投入增长5.1%，COVID-19疫苗研发人才增长12%。"
                  + "5G-A网络覆盖全部县城，培养5G-A网络人才，建设人才队伍。\n").utf8).write(to: folder.appendingPathComponent("covid.txt"))
        try Data("COVID-19疫苗 5 n\n".utf8).write(to: folder.appendingPathComponent("user.txt"))
        let pipeline = try CLI.pipeline("""
            name: t
            inputs: [\(inputs.joined(separator: ", "))]
            keywords: [人才]
            output: out
            segmentation: { user_dicts: [user.txt] }
            analysis: { stopwords: none }
            """, in: folder)
        let run = try CLI.cipin(["run", pipeline.path])
        #expect(run.status == 0, "\(run.stderr)")
        let bodies = try CLI.cipin(["ingest", "--format", "json", "--body"] + inputs)
        try bodies.stdoutData.write(to: folder.appendingPathComponent("bodies.json"))
        let result = try CLI.python("""
            import csv, json, sys, collections
            import jieba, jieba.analyse
            jieba.setLogLevel(60)
            jieba.load_userdict(sys.argv[1] + '/user.txt')
            ours, tfidf = collections.defaultdict(list), collections.defaultdict(list)
            for r in csv.DictReader(open(sys.argv[1] + '/out/article_keywords.csv', encoding='utf-8-sig', newline='')):
                if r['method'] == 'textrank': ours[r['document']].append((r['word'], float(r['weight'])))
                else: tfidf[r['document']].append(r['word'])
            articles = json.load(open(sys.argv[1] + '/bodies.json', encoding='utf-8'))
            same = sum(1 for a in articles if ours[a['id']] == jieba.analyse.textrank('\\n'.join(a['paragraphs']), topK=20, withWeight=True))
            covid = articles[2]['id']
            # jieba.cut keeps the user's word whole (TF-IDF ranks it); posseg splits it at the '-'.
            print(len(articles), same, 'COVID-19疫苗' in tfidf[covid], any('COVID' in w for w, _ in ours[covid]))
            """, [folder.path])
        #expect(result.stdout == "3 3 True False\n", "\(result.stderr)")
    }

    /// Keyness rows: G², p, log ratio and %DIFF recomputed from the frequencies; target
    /// frequencies recounted from jieba's words of the target group's articles.
    @Test func keynessFromTheFrequencies() throws {
        let result = try python("""
            docs = {d['id']: d for d in rows('documents.csv')}
            data = rows('keyness.csv')
            bad = 0
            for r in data:
                a, b, c, d = (int(r[k]) for k in ('freq_target', 'freq_reference', 'size_target', 'size_reference'))
                e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
                g2 = 2 * ((a * math.log(a / e1) if a else 0) + (b * math.log(b / e2) if b else 0))
                lr = math.log2(((a or 0.5) / c) / ((b or 0.5) / d))
                p = math.erfc(math.sqrt(g2 / 2))
                if not (math.isclose(float(r['g2']), g2, rel_tol=1e-9, abs_tol=1e-9) and math.isclose(float(r['log_ratio']), lr, rel_tol=1e-9)
                        and math.isclose(float(r['p_value']), p, rel_tol=1e-6, abs_tol=1e-12)):
                    bad += 1
                if b and not math.isclose(float(r['pct_diff']), (a / c - b / d) / (b / d) * 100, rel_tol=1e-9): bad += 1
            target = data[0]['target']
            counts = collections.Counter(w for a in articles if a['region'] == target for p in a['paragraphs'] for w in jieba.cut(p) if not w.isspace())
            recount = all(int(r['freq_target']) == counts[r['word']] for r in data if r['target'] == target)
            print(len(data) > 100, bad, recount, sum(counts.values()) == int(data[0]['size_target']))
            """, everyWord: true)
        #expect(result == "True 0 True True")
    }

    /// The seed pipeline's `keyness.csv` (by default the significant words) is the rows of every
    /// word tested whose `significant` is yes, in the same order; the report says which it holds.
    @Test func seedKeynessHoldsTheSignificantWords() throws {
        let result = try python("""
            every = list(csv.DictReader(open(sys.argv[3] + '/keyness.csv', encoding='utf-8-sig', newline='')))
            significant = rows('keyness.csv')
            print(len(every) > len(significant) > 10, significant == [r for r in every if r['significant'] == 'yes'])
            """, extra: [Self.everyWord.path])
        #expect(result == "True True")
        let xml = try CLI.reportText(Self.output.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains("keyness.csv has every significant word (`keyness.csv_rows: all` writes every word tested)."))
    }

    /// The term list's frequencies and document frequencies are jieba's word counts over the seed.
    @Test func termFrequenciesEqualJiebaCounts() throws {
        let result = try python("""
            per_article = [collections.Counter(w for p in a['paragraphs'] for w in jieba.cut(p) if not w.isspace()) for a in articles]
            total = sum(per_article, collections.Counter())
            data = rows('terms.csv')
            bad = sum(1 for r in data if int(r['frequency']) != total[r['term']] or int(r['documents']) != sum(1 for c in per_article if r['term'] in c))
            n = sum(total.values())
            rate_bad = sum(1 for r in data if not math.isclose(float(r['per_10k_tokens']), total[r['term']] * 10000 / n, rel_tol=1e-9))
            print(len(data) > 100, bad, rate_bad)
            """)
        #expect(result == "True 0 0")
    }

    /// `concordance: { max_lines: N }`: concordance.csv holds, per keyword, the N lines of the full
    /// concordance with the smallest sampling key (FNV-1a 64, then SplitMix64's finaliser, of
    /// "document␟keyword␟number of the line among the keyword's lines in the article"), in corpus
    /// order; computed here from the full run's concordance.csv.
    @Test func concordanceSampleIsTheLinesOfSmallestKey() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = try CLI.pipeline("""
            version: 1
            name: sample
            inputs: [\(CLI.seedFolder.path)]
            keywords: [人才, 干部, 基层]
            output: out
            segmentation: { user_dicts: [\(CLI.repository.path)/Pipelines/dicts/party-building.txt] }
            analysis:
              stopwords: \(CLI.repository.path)/Pipelines/dicts/stopwords.txt
              concordance: { max_lines: 25 }
            """, in: folder)
        let run = try CLI.cipin(["run", pipeline.path])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try python(Self.sampleScript + """
            full = rows('concordance.csv')
            expected = smallest(full, 25)
            sample = list(csv.DictReader(open(sys.argv[3], encoding='utf-8-sig', newline='')))
            print(len(full), len(sample), sample == expected)
            """, extra: [folder.appendingPathComponent("out/concordance.csv").path])
        #expect(result == "247 75 True")
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(report.contains("人才 25 of 153, 干部 25 of 63, 基层 25 of 31; 75 of 247 in all"))
        #expect(report.contains("a random sample of at most 25 lines per keyword"))
        // The report's lines: of the 25 each keyword has in the sample, the 10 of smallest key,
        // which are the 10 of smallest key of the full concordance (`Self.output`'s); they come
        // from all 11 articles (the first 10 lines of 人才 come from one, of 干部 and 基层 from two).
        let shown = try python(Self.sampleScript + """
            import xml.etree.ElementTree as ET
            ns = {'d': 'http://docbook.org/ns/docbook'}
            def table(path):
                t = ET.parse(path).getroot().find(".//d:table[@{http://www.w3.org/XML/1998/namespace}id='concordance']", ns)
                return [[''.join(e.itertext()) for e in r.findall('d:entry', ns)] for r in t.findall('d:tgroup/d:tbody/d:row', ns)]
            cells = lambda r: [r[k] for k in ('document', 'keyword', 'left', 'match', 'right', 'paragraph', 'sentence', 'offset')]
            expected = [cells(r) for r in smallest(rows('concordance.csv'), 10)]
            print(len(expected), table(out + '/report.xml') == expected, table(sys.argv[3]) == expected,
                  len(set(r[0] for r in expected)))
            """, extra: [folder.appendingPathComponent("out/report.xml").path])
        #expect(shown == "30 True True 11", "\(shown)")
    }

    /// Python's `smallest(lines, k)`: the `k` lines of each keyword with the smallest sampling key
    /// (`RunConcordance.sampleKey`), in their order.
    static let sampleScript = """
        def fnv1a64(b):
            h = 0xcbf29ce484222325
            for x in b: h = ((h ^ x) * 0x100000001b3) % 2**64
            return h
        def mix(z):
            z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) % 2**64
            z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) % 2**64
            return z ^ (z >> 31)
        def smallest(lines, k):
            number = collections.Counter()
            keyed = []
            for position, r in enumerate(lines):
                n = number[(r['document'], r['keyword'])]
                number[(r['document'], r['keyword'])] += 1
                keyed.append((r['keyword'], mix(fnv1a64((r['document'] + '\\x1f' + r['keyword'] + '\\x1f' + str(n)).encode())), position))
            chosen = set()
            for keyword in set(x[0] for x in keyed):
                chosen |= set(p for _, _, p in sorted(x for x in keyed if x[0] == keyword)[:k])
            return [lines[p] for p in sorted(chosen)]

        """

    /// The report's keyness table holds, per group, the first 20 significant over-used and the
    /// first 20 significant under-used words of keyness.csv; its collocates table only words found
    /// in the spans more often than expected, the first 20 of each keyword by logDice.
    @Test func reportTablesShowBothSidesAndOnlyAttraction() throws {
        let result = try python("""
            import xml.etree.ElementTree as ET
            ns = {'d': 'http://docbook.org/ns/docbook'}
            root = ET.parse(out + '/report.xml').getroot()
            def table(ident):
                t = root.find(".//d:table[@{http://www.w3.org/XML/1998/namespace}id='%s']" % ident, ns)
                return [[''.join(e.itertext()) for e in r.findall('d:entry', ns)] for r in t.findall('d:tgroup/d:tbody/d:row', ns)]
            key = table('keyness')
            want = []
            for group in dict.fromkeys(r['target'] for r in rows('keyness.csv')):
                sig = [r for r in rows('keyness.csv') if r['target'] == group and r['significant'] == 'yes']
                want += [(r['word'], r['sign'], group) for r in [x for x in sig if x['sign'] == '1'][:20] + [x for x in sig if x['sign'] == '-1'][:20]]
            got = [(r[0], r[9].replace('−', '-'), r[15]) for r in key]
            under = sum(1 for w in want if w[1] == '-1')
            col = table('collocates')
            attracted = [r for r in rows('collocates.csv') if float(r['joint']) > float(r['expected'])]
            want_col = []
            for k in dict.fromkeys(r['keyword'] for r in attracted):
                want_col += [(r['keyword'], r['collocate']) for r in attracted if r['keyword'] == k][:20]
            repelled = sum(1 for r in rows('collocates.csv') if float(r['joint']) <= float(r['expected']))
            print(got == want, under > 0, [(r[0], r[1]) for r in col] == want_col, repelled > 0)
            """)
        #expect(result == "True True True True")
    }

    /// Trends by year with `fill_gaps` over the government reports: a year without text has empty
    /// rates (not 0), and the chart has a place for every year from the first to the last.
    @Test func trendsOfEmptyYearsAreBlank() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bench = CLI.shared.appendingPathComponent("bench/gov_work_reports").path
        let pipeline = try CLI.pipeline("""
            name: t
            inputs: [\(bench)]
            metadata: [\(bench)/metadata.jsonl]
            keywords: [改革]
            output: out
            analysis: { stopwords: none, trends: { bucket: year, fill_gaps: true } }
            """, in: folder)
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        let result = try python("""
            import re
            data = list(csv.DictReader(open(sys.argv[3] + '/trends.csv', encoding='utf-8-sig', newline='')))
            years = [r['bucket'] for r in data if r['bucket'] != '(none)']
            empty = [r for r in data if r['characters'] == '0']
            blank = all(r['per_10k_chars'] == '' and r['per_10k_tokens'] == '' for r in empty)
            full = all(r['per_10k_chars'] != '' for r in data if r['characters'] != '0')
            svg = open(sys.argv[3] + '/trends.svg', encoding='utf-8').read()
            ticks = len(re.findall(r'class="tick-mark"', svg))
            span = int(years[-1]) - int(years[0]) + 1
            print(len(empty) > 5, blank, full, ticks == span, len(years) == span)
            """, extra: [folder.appendingPathComponent("out").path])
        #expect(result == "True True True True True")
    }

    /// The default groups (region, month) that no article has a value of are left out: no table
    /// rows or chart of one "(none)" group; the Method section says which were used. A field the
    /// pipeline names stays (with its warning).
    @Test func emptyDefaultGroupsAreLeftOut() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("题目\n正文人才很多。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("题目二\n2021年5月1日\n人才和干部。\n".utf8).write(to: folder.appendingPathComponent("b.txt"))
        let pipeline = try CLI.pipeline("name: g\ninputs: [a.txt, b.txt]\nkeywords: [人才]\noutput: out\nanalysis: {stopwords: none}\n", in: folder)
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        let groups = try String(contentsOf: folder.appendingPathComponent("out/keyword_groups.csv"), encoding: .utf8)
        let fields = Set(groups.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" })
        #expect(fields == ["month"])
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(report.contains("month (of the default region, month: the fields some article has a value of)"))
        let named = try CLI.pipeline("name: g\ninputs: [a.txt, b.txt]\nkeywords: [人才]\noutput: out2\nanalysis: {stopwords: none, groups: [region]}\n",
                                     in: folder, name: "q.yaml")
        let run = try CLI.cipin(["run", named.path])
        #expect(run.status == 0 && run.stderr.contains("`analysis.groups` names the field `region`"))
        #expect(try String(contentsOf: folder.appendingPathComponent("out2/keyword_groups.csv"), encoding: .utf8).contains("region,(none),人才"))
    }
}
