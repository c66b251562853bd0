import Foundation
import Testing

@Suite struct ReportAndCompareTests {
    /// Every table that is both in report.xml and in a CSV holds the same cells (the CSV with full
    /// precision, the report rounded to its shown digits).
    @Test func csvFilesEqualTheReportTables() throws {
        let output = try CLI.temporaryFolder()
        let run = try CLI.cipin(["run", "Pipelines/seed.yaml", "--output", output.path], in: CLI.repository)
        #expect(run.status == 0, "\(run.stderr)")
        let script = """
            import csv, sys, xml.etree.ElementTree as ET
            ns = {'d': 'http://docbook.org/ns/docbook'}
            out = sys.argv[1]
            root = ET.parse(out + '/report.xml').getroot()
            checked = 0; bad = 0
            for table_id, name in [('article-table', 'documents.csv'), ('keyword-totals', 'keyword_totals.csv'),
                                   ('trends', 'trends.csv'), ('input-files', 'files.csv')]:
                table = root.find(".//d:table[@{http://www.w3.org/XML/1998/namespace}id='%s']" % table_id, ns)
                rows = [[''.join(e.itertext()) for e in row.findall('d:entry', ns)] for row in table.findall('d:tgroup/d:tbody/d:row', ns)]
                header, *data = list(csv.reader(open(out + '/' + name, encoding='utf-8-sig', newline='')))
                # The report leaves out the set-member column when no keyword is a set (every cell empty).
                if 'member' in header and all(r[header.index('member')] == '' for r in data):
                    data = [r[:header.index('member')] + r[header.index('member') + 1:] for r in data]
                if len(rows) != len(data) or any(len(r) != len(d) for r, d in zip(rows, data)): bad += 1
                for shown, exact in zip(rows, data):
                    for s, e in zip(shown, exact):
                        checked += 1
                        try:
                            if abs(float(s) - float(e)) > 0.006: bad += 1
                        except ValueError:
                            # An author the header does not name: "(not named)" in the report, empty in the CSV.
                            if s != e and not (s == '(not named)' and e == '' and name == 'documents.csv'): bad += 1
            # The report's keyword × article matrix against the keyword rows (no set members) of keywords.csv.
            table = root.find(".//d:table[@{http://www.w3.org/XML/1998/namespace}id='keywords-per-article']", ns)
            # Its columns: article, title, date, characters, then one per keyword.
            names = [''.join(e.itertext()) for e in table.findall('d:tgroup/d:thead/d:row/d:entry', ns)][4:]
            matrix = [[''.join(e.itertext()) for e in row.findall('d:entry', ns)] for row in table.findall('d:tgroup/d:tbody/d:row', ns)]
            shown = {(r[0], k): int(v) for r in matrix for k, v in zip(names, r[4:])}
            documents = {r['id']: r for r in csv.DictReader(open(out + '/documents.csv', encoding='utf-8-sig', newline=''))}
            if any(r[1] != documents[r[0]]['title'] or r[2] != documents[r[0]]['date'] or r[3] != documents[r[0]]['characters'] for r in matrix): bad += 1
            exact = {(r['document'], r['keyword']): int(r['occurrences'])
                     for r in csv.DictReader(open(out + '/keywords.csv', encoding='utf-8-sig', newline='')) if r['member'] == ''}
            checked += len(shown)
            if shown != exact or len(shown) < 30: bad += 1
            # The report's top 10 words of each article against article_keywords.csv.
            table = root.find(".//d:table[@{http://www.w3.org/XML/1998/namespace}id='article-keywords']", ns)
            top = {}
            for r in csv.DictReader(open(out + '/article_keywords.csv', encoding='utf-8-sig', newline='')):
                if int(r['rank']) <= 10: top.setdefault((r['document'], r['method']), []).append((int(r['rank']), r['word']))
            rows = [[''.join(e.itertext()) for e in row.findall('d:entry', ns)] for row in table.findall('d:tgroup/d:tbody/d:row', ns)]
            for row in rows:
                for method, words in zip(['tfidf', 'textrank'], row[2:]):
                    checked += 1
                    if words != '、'.join(w for _, w in sorted(top.get((row[0], method), []))): bad += 1
            if len(rows) != 11 or len(top) != 22: bad += 1
            print(checked > 200, bad)
            """
        let check = try CLI.python(script, [output.path])
        #expect(check.stdout == "True 0\n", "\(check.stderr)")
    }

    /// With `report_rows: 4`, the report's tables of the seed's 11 articles show their first 4 rows,
    /// equal to the first 4 records of their CSV files, which keep all 11; the report stays valid.
    @Test func reportRowsLimitTheReportNotTheCSV() throws {
        let folder = try CLI.temporaryFolder()
        let pipeline = try CLI.pipeline("name: t\ninputs: [\(CLI.seedFolder.path)]\nkeywords: [人才, 干部]\noutput: out\nreport_rows: 4\n",
                                        in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let out = folder.appendingPathComponent("out")
        #expect(try CLI.xmllintErrors(out.appendingPathComponent("report.xml")) == nil)
        let script = """
            import csv, sys, xml.etree.ElementTree as ET
            ns = {'d': 'http://docbook.org/ns/docbook'}
            root = ET.parse(sys.argv[1] + '/report.xml').getroot()
            def table(table_id):
                return root.find(".//d:table[@{http://www.w3.org/XML/1998/namespace}id='%s']" % table_id, ns)
            articles = table('article-table')
            shown = [[''.join(e.itertext()) for e in row.findall('d:entry', ns)] for row in articles.findall('d:tgroup/d:tbody/d:row', ns)]
            data = list(csv.reader(open(sys.argv[1] + '/documents.csv', encoding='utf-8-sig', newline='')))[1:]
            print(len(shown), len(data), [r[0] for r in shown] == [r[0] for r in data[:4]], ''.join(articles.find('d:title', ns).itertext()))
            method = [t.get('{http://www.w3.org/XML/1998/namespace}id') for t in root.iter('{http://docbook.org/ns/docbook}table')
                      if t.get('{http://www.w3.org/XML/1998/namespace}id', '').startswith('method-')]
            print(max(len(t.findall('d:tgroup/d:tbody/d:row', ns)) for t in root.iter('{http://docbook.org/ns/docbook}table')
                      if t.get('{http://www.w3.org/XML/1998/namespace}id') not in method))
            # The Method section's tables, what repeating the run needs, are whole.
            print([len(table(m).findall('d:tgroup/d:tbody/d:row', ns)) > 4 for m in method])
            """
        let check = try CLI.python(script, [out.path])
        #expect(check.stdout == "4 11 True Articles and their metadata (the first 4 of 11 rows; all in documents.csv)\n4\n[True, True]\n", "\(check.stderr)")
    }

    /// An article titled =HYPERLINK(…) is inert in every CSV, while numbers such as -3 stay numbers.
    @Test func formulaTitleIsInertInEveryCSV() throws {
        let folder = try CLI.temporaryFolder()
        try Data("=HYPERLINK(\"http://example.com\",\"人才\")\n（县委书记 王五）\n2021年1月1日\n人才工作，干部队伍，基层组织。人才是第一资源。\n".utf8)
            .write(to: folder.appendingPathComponent("a.txt"))
        try Data("另一篇\n（市委书记 李四）\n2021年2月1日\n人才与干部。基层人才。\n".utf8).write(to: folder.appendingPathComponent("b.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [.]\nkeywords: [人才, 干部]\noutput: out\n", in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let script = """
            import csv, glob, sys
            live = 0; seen = 0
            for path in glob.glob(sys.argv[1] + '/*.csv'):
                for row in csv.reader(open(path, encoding='utf-8-sig', newline='')):
                    for cell in row:
                        if 'HYPERLINK' in cell:
                            seen += 1
                            if cell[:1] in '=+-@\\t\\r': live += 1
            print(seen > 0, live)
            """
        #expect(try CLI.python(script, [folder.appendingPathComponent("out").path]).stdout == "True 0\n")
    }

    @Test func gb18030CSVForOlderExcel() throws {
        let folder = try CLI.temporaryFolder()
        try Data("好文章\n（县委书记 王五）\n2021年1月1日\n人才是第一资源。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [.]\nkeywords: [人才]\noutput: out\ncsv_encoding: gb18030\n", in: folder)
        #expect(try CLI.cipin(["run", pipeline.path]).status == 0)
        let check = try CLI.python("import sys; print(open(sys.argv[1], 'rb').read().decode('gb18030').splitlines()[1].split(',')[1])",
                                   [folder.appendingPathComponent("out/documents.csv").path])
        #expect(check.stdout == "好文章\n")
        // All of it is in GBK: nothing to warn of.
        #expect(try !CLI.cipin(["run", pipeline.path]).stderr.contains("not in GBK"))
        // Characters GBK does not write as GB 18030 does (an extension-B character and an emoji,
        // four bytes in GB 18030; 䶮 and €, two bytes GBK lacks): the run says which, as Python's
        // codecs find them, and the file still reads back whole as GB18030.
        let text = "吉祥文\n\n人才𠮷与䶮的故事😀，还有€。\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("b.txt"))
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let outside = try CLI.python("""
            import sys
            def gbk(c):
                try: return c.encode('gbk')
                except UnicodeEncodeError: return None
            chars = sorted({c for c in sys.argv[1] if ord(c) > 127 and gbk(c) != c.encode('gb18030')}, key=ord)
            print(', '.join('%s (U+%X)' % (c, ord(c)) for c in chars))
            """, [text]).stdout.trimmingCharacters(in: .newlines)
        #expect(outside == "€ (U+20AC), 䶮 (U+4DAE), 😀 (U+1F600), 𠮷 (U+20BB7)")
        #expect(result.stderr.contains("cipin: warning: 4 character(s) in 1 article(s) are not in GBK (\(outside)): "
                                       + "`csv_encoding: gb18030` writes them in bytes that a spreadsheet reading the CSV files as GBK"),
                "\(result.stderr)")
        let xml = try CLI.reportText(folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(xml.contains("are not in GBK (\(outside))"))
        let back = try CLI.python("""
            import sys
            print(any('𠮷与䶮的故事😀，还有€' in line for line in open(sys.argv[1], 'rb').read().decode('gb18030').splitlines()))
            """, [folder.appendingPathComponent("out/concordance.csv").path])
        #expect(back.stdout == "True\n")
    }

    @Test func comparisonOfTheSeedByRegion() throws {
        let output = try CLI.temporaryFolder()
        let result = try CLI.cipin(["compare", "Pipelines/seed.yaml", "--by", "region", "--output", output.path], in: CLI.repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.xmllintErrors(output.appendingPathComponent("report.xml")) == nil)
        let xml = try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains("xml:id=\"compare-keyness\""))
        // 11 regions, each against the rest, 3 keywords.
        let script = """
            import csv, math, sys
            rows = list(csv.DictReader(open(sys.argv[1] + '/compare_rates.csv', encoding='utf-8-sig', newline='')))
            bad = 0
            for r in rows:
                x1, n1, x2, n2 = (int(r[k]) for k in ('count_target', 'tokens_target', 'count_reference', 'tokens_reference'))
                p1, p2 = x1 / n1, x2 / n2
                se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2) * 10000
                d = (p1 - p2) * 10000
                if not (math.isclose(float(r['difference']), d, rel_tol=1e-9, abs_tol=1e-9)
                        and math.isclose(float(r['ci_low']), d - 1.959964 * se, rel_tol=1e-9, abs_tol=1e-9)
                        and math.isclose(float(r['ci_high']), d + 1.959964 * se, rel_tol=1e-9, abs_tol=1e-9)): bad += 1
            print(len(rows), len({r['target'] for r in rows}), bad)
            """
        #expect(try CLI.python(script, [output.path]).stdout == "33 11 0\n")
    }

    /// A folder holds one report: a comparison given a run's output folder is refused (exit 73)
    /// and the run's report is left as it was, where it used to replace it without a word; a
    /// comparison written again over a comparison replaces it.
    @Test func aComparisonIsNotWrittenOverARunsReport() throws {
        let folder = try CLI.temporaryFolder()
        let runOutput = folder.appendingPathComponent("run")
        let run = try CLI.cipin(["run", "Pipelines/seed.yaml", "--output", runOutput.path], in: CLI.repository)
        #expect(run.status == 0, "\(run.stderr)")
        let before = try CLI.snapshot(runOutput)
        #expect(before["keywords.csv"] != nil)
        let refused = try CLI.cipin(["compare", "Pipelines/seed.yaml", "--by", "region", "--output", runOutput.path], in: CLI.repository)
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("the folder holds the report of a run") && refused.stderr.contains("give --output a folder of its own"),
                "\(refused.stderr)")
        #expect(try CLI.snapshot(runOutput) == before)
        let compared = folder.appendingPathComponent("compared")
        for _ in 0..<2 {
            let again = try CLI.cipin(["compare", "Pipelines/seed.yaml", "--by", "month", "--output", compared.path], in: CLI.repository)
            #expect(again.status == 0, "\(again.stderr)")
            // It lists the files it wrote, as a run does.
            #expect(again.stdout.contains("\n  \(compared.path)/compare_rates.csv\n"), "\(again.stdout)")
        }
    }

    /// `cipin compare --by region` of the seed with these keyness settings (every word tested in
    /// compare_keyness.csv): the report's text and the comparison's folder.
    static func compareByRegion(keyness: String) throws -> (xml: String, output: URL) {
        let folder = try CLI.temporaryFolder()
        let pipeline = try CLI.pipeline("""
            name: t
            inputs: [\(CLI.seedFolder.path)]
            keywords: [人才, 干部]
            analysis:
              stopwords: \(CLI.repository.path)/Pipelines/dicts/stopwords.txt
              keyness: {\(keyness)csv_rows: all}
            """, in: folder)
        let output = folder.appendingPathComponent("compare")
        let result = try CLI.cipin(["compare", pipeline.path, "--by", "region", "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        return (try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8), output)
    }

    /// The comparison report describes the keyness test it made: the pipeline's α, no correction,
    /// its k, and per comparison the words tested (the rows of compare_keyness.csv).
    @Test func comparisonReportSaysTheKeynessSettingsUsed() throws {
        let (xml, output) = try Self.compareByRegion(keyness: "alpha: 0.01, bonferroni: false, simple_maths_k: 100, ")
        #expect(xml.contains("simple maths (Kilgarriff 2009, k = 100). A word is significant when p is below α = 0.01 "
                             + "(no correction for the number of words tested)."))
        #expect(!xml.contains("Bonferroni"))
        let check = try CLI.python("""
            import csv, collections, sys
            rows = list(csv.DictReader(open(sys.argv[1] + '/compare_keyness.csv', encoding='utf-8-sig', newline='')))
            bad = sum((r['significant'] == 'yes') != (float(r['p_value']) < 0.01) for r in rows)
            tested = collections.Counter((r['target'], r['reference']) for r in rows)
            print(bad, len(tested))
            for (target, reference), n in sorted(tested.items()): print(f'{target} against {reference}: {n} words tested, p below 0.01.')
            """, [output.path])
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "0 11", "\(check.stderr)")
        for line in lines.dropFirst() { #expect(xml.contains(line), "\(line)") }
    }

    /// With Bonferroni's correction (the default) each comparison's threshold is written as α / words
    /// tested and its value to four significant digits (it was two: 0.05 / 37 showed as 0.0014,
    /// above the threshold), and it is the one the `significant` column used.
    @Test func comparisonReportWritesTheCorrectedThreshold() throws {
        let (xml, output) = try Self.compareByRegion(keyness: "")
        let check = try CLI.python("""
            import csv, collections, sys
            rows = list(csv.DictReader(open(sys.argv[1] + '/compare_keyness.csv', encoding='utf-8-sig', newline='')))
            tested = collections.Counter((r['target'], r['reference']) for r in rows)
            bad = sum((r['significant'] == 'yes') != (float(r['p_value']) < 0.05 / tested[(r['target'], r['reference'])]) for r in rows)
            print(bad, len(tested), sum(n > 1 for n in tested.values()))
            for (target, reference), n in sorted(tested.items()):
                print(f'{target} against {reference}: {n} words tested, p below 0.05 / {n} = {0.05 / n:.4g}.')
            """, [output.path])
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "0 11 11", "\(check.stderr)")
        for line in lines.dropFirst() { #expect(xml.contains(line), "\(line)") }
    }

    /// One pipeline compared with itself: the report and a warning say the sides are the same texts.
    @Test func aCorpusComparedWithItselfIsSaidToBe() throws {
        let output = try CLI.temporaryFolder().appendingPathComponent("compare")
        let result = try CLI.cipin(["compare", "Pipelines/seed.yaml", "Pipelines/seed.yaml", "--output", output.path], in: CLI.repository)
        #expect(result.status == 0, "\(result.stderr)")
        let words = try CLI.python("""
            import csv, sys
            print(sorted({r['tokens'] for r in csv.DictReader(open(sys.argv[1] + '/compare_sides.csv', encoding='utf-8-sig', newline=''))}))
            """, [output.path]).stdout
        let count = Int(words.dropFirst(2).prefix { $0 != "'" })!
        let note = "both sides are the same texts (the same 11 article(s) of the same files, \(count / 1000),\(String(format: "%03d", count % 1000)) words "
            + "each), so every difference is 0; give two pipelines over different inputs"
        #expect(result.stderr.contains("cipin: warning: " + note), "\(result.stderr)")
        let xml = try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains("Both" + note.dropFirst(4) + "."))
    }

    @Test func comparisonOfTheSeedWithAnotherCorpus() throws {
        let folder = try CLI.temporaryFolder()
        try Data("经济工作报告\n\n今年经济发展稳中有进，基层治理不断加强。人才工作取得新进展。\n科技创新和产业升级是经济发展的关键。\n".utf8)
            .write(to: folder.appendingPathComponent("report.txt"))
        let other = try CLI.pipeline("name: economy\ninputs: [report.txt]\nkeywords: [人才]\n", in: folder)
        let output = folder.appendingPathComponent("compare")
        let result = try CLI.cipin(["compare", "Pipelines/seed.yaml", other.path, "--output", output.path], in: CLI.repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("the same texts"), "\(result.stderr)")
        #expect(try CLI.xmllintErrors(output.appendingPathComponent("report.xml")) == nil)
        // The seed pipeline's keyness.csv_rows (by default the significant words) holds for compare_keyness.csv too.
        let keyness = try CLI.python("""
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1] + '/compare_keyness.csv', encoding='utf-8-sig', newline='')))
            print(rows[0]['word'] if rows else None, {(r['target'], r['reference'], r['significant']) for r in rows})
            """, [output.path])
        #expect(keyness.stdout == "经济 {('seed', 'economy', 'yes')}\n", "\(keyness.stderr)")
        let xml = try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains("compare_keyness.csv has every significant word (`keyness.csv_rows: all` writes every word tested)."))
        let only = try String(contentsOf: output.appendingPathComponent("compare_only.csv"), encoding: .utf8)
        #expect(only.contains("seed,economy,seed,人才队伍"))
    }

    /// Each side's collocates (compare_collocates.csv) are those a run over that side alone gives
    /// (its collocates.csv): the seed against six provincial reports, same settings on both.
    @Test func collocatesOfEachSideEqualARunOverItAlone() throws {
        let folder = try CLI.temporaryFolder()
        let reports = try FileManager.default.contentsOfDirectory(atPath: CLI.shared.appendingPathComponent("bench/provincial_gov_reports_2025").path)
            .filter { $0.hasSuffix(".txt") }.sorted().prefix(6)
            .map { CLI.shared.appendingPathComponent("bench/provincial_gov_reports_2025/" + $0).path }
        let settings = """
            keywords: [人才, 干部, 基层]
            segmentation: { user_dicts: [\(CLI.repository.path)/Pipelines/dicts/party-building.txt] }
            analysis: { stopwords: \(CLI.repository.path)/Pipelines/dicts/stopwords.txt, collocates: { min_joint: 2 } }
            """
        let a = try CLI.pipeline("name: seed\ninputs: [\(CLI.seedFolder.path)]\noutput: a\n" + settings, in: folder, name: "a.yaml")
        let b = try CLI.pipeline("name: provinces\ninputs: [\(reports.joined(separator: ", "))]\noutput: b\n" + settings, in: folder, name: "b.yaml")
        for pipeline in [a, b] { #expect(try CLI.cipin(["run", pipeline.path]).status == 0) }
        let output = folder.appendingPathComponent("compare")
        let result = try CLI.cipin(["compare", a.path, b.path, "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.xmllintErrors(output.appendingPathComponent("report.xml")) == nil)
        let check = try CLI.python("""
            import csv, sys
            def rows(path): return list(csv.DictReader(open(path, encoding='utf-8-sig', newline='')))
            alone = [{(r['keyword'], r['collocate']): (r['joint'], r['span_tokens'], r['logdice']) for r in rows(sys.argv[1] + side + '/collocates.csv')}
                     for side in ('/a', '/b')]
            both = rows(sys.argv[1] + '/compare/compare_collocates.csv')
            bad = 0
            for r in both:
                for side, prefix in ((0, 'target'), (1, 'reference')):
                    mine = (r['joint_' + prefix], r['span_tokens_' + prefix], r['logdice_' + prefix])
                    want = alone[side].get((r['keyword'], r['collocate']), ('0', '', ''))
                    if mine != want: bad += 1
            pairs = {(r['keyword'], r['collocate']) for r in both}
            print(len(both), len(pairs) == len(both), pairs == set(alone[0]) | set(alone[1]), bad)
            """, [folder.path])
        let fields = check.stdout.split(separator: " ").map(String.init)
        #expect(fields.count == 4 && Int(fields[0]) ?? 0 > 100, "\(check.stdout)\(check.stderr)")
        #expect(fields.dropFirst() == ["True", "True", "0\n"], "\(check.stdout)\(check.stderr)")
        let xml = try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains("xml:id=\"compare-collocates\""))
    }

    /// Both corpora are cut into words by A's segmenter: a word of A's user dictionary is found in
    /// B, not reported as A's alone. Two groups are compared with each other only.
    @Test func comparedCorporaShareTheFirstOnesWords() throws {
        let folder = try CLI.temporaryFolder()
        try Data("甲文\n\n我们推进双招双引工作。双招双引很重要。抓好双招双引。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("乙文\n\n双招双引是重点。落实双招双引。双招双引见成效。\n".utf8).write(to: folder.appendingPathComponent("b.txt"))
        try Data("双招双引 10 n\n".utf8).write(to: folder.appendingPathComponent("user.txt"))
        let a = try CLI.pipeline("name: a\ninputs: [a.txt]\nkeywords: [双招双引]\nsegmentation: {user_dicts: [user.txt]}\n", in: folder, name: "a.yaml")
        let b = try CLI.pipeline("name: b\ninputs: [b.txt]\nkeywords: [双招双引]\n", in: folder, name: "b.yaml")
        // B alone does not keep the word whole (so the check below can fail).
        let alone = try CLI.cipin(["segment"], input: Data("双招双引是重点。".utf8))
        #expect(!alone.stdout.contains("双招双引  "))
        let output = folder.appendingPathComponent("compare")
        let result = try CLI.cipin(["compare", a.path, b.path, "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let rates = try CLI.python("""
            import csv, sys
            r = next(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
            print(r['keyword'], r['count_target'], r['count_reference'])
            """, [output.appendingPathComponent("compare_rates.csv").path])
        #expect(rates.stdout == "双招双引 3 3\n")
        let only = try String(contentsOf: output.appendingPathComponent("compare_only.csv"), encoding: .utf8)
        #expect(!only.contains("双招双引"))
        let xml = try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains("word segmentation from a"))

        // Two groups (the articles' months): one comparison, the two with each other.
        let both = try CLI.pipeline("name: ab\ninputs: [x.txt]\nkeywords: [人才]\n", in: folder, name: "ab.yaml")
        try Data("一文\n2021年1月1日\n人才工作。人才。\n\n二文\n2021年2月1日\n人才队伍。\n".utf8).write(to: folder.appendingPathComponent("x.txt"))
        let groups = try CLI.cipin(["compare", both.path, "--by", "month", "--output", folder.appendingPathComponent("months").path])
        #expect(groups.status == 0, "\(groups.stderr)")
        let pairs = try CLI.python("""
            import csv, sys
            print(sorted({(r['target'], r['reference']) for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))}))
            """, [folder.appendingPathComponent("months/compare_rates.csv").path])
        #expect(pairs.stdout == "[('2021-01', '2021-02')]\n")
    }

    /// Two pipelines of one name are told apart by their files' paths in every table, so the
    /// sides of compare_sides.csv and the target and reference of compare_rates.csv differ.
    @Test func corporaOfOneNameAreToldApartByTheirPaths() throws {
        let folder = try CLI.temporaryFolder()
        for (year, text) in [("2023", "人才工作。人才。人才。\n"), ("2024", "人才是第一资源。基层工作。\n")] {
            let sub = folder.appendingPathComponent(year)
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try Data("一文\n\n\(text)".utf8).write(to: sub.appendingPathComponent("a.txt"))
            _ = try CLI.pipeline("name: seed\ninputs: [a.txt]\nkeywords: [人才]\nanalysis: {stopwords: none}\n", in: sub, name: "seed.yaml")
        }
        let result = try CLI.cipin(["compare", "2023/seed.yaml", "2024/seed.yaml", "--output", "c"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let check = try CLI.python("""
            import csv, sys
            def rows(name): return list(csv.DictReader(open(sys.argv[1] + '/' + name, encoding='utf-8-sig', newline='')))
            print([(r['side'], r['articles']) for r in rows('compare_sides.csv')])
            print([(r['target'], r['reference'], r['count_target'], r['count_reference']) for r in rows('compare_rates.csv')])
            """, [folder.appendingPathComponent("c").path])
        #expect(check.stdout == """
            [('seed (2023/seed.yaml)', '1'), ('seed (2024/seed.yaml)', '1')]
            [('seed (2023/seed.yaml)', 'seed (2024/seed.yaml)', '3', '1')]

            """, "\(check.stderr)")
        let xml = try CLI.reportText(folder.appendingPathComponent("c/report.xml"), encoding: .utf8)
        #expect(xml.contains("Cipin comparison: seed (2023/seed.yaml) against seed (2024/seed.yaml)"))
        // A pipeline compared with itself: its sides are A and B.
        let itself = try CLI.cipin(["compare", "2023/seed.yaml", "2023/seed.yaml", "--output", "d"], in: folder)
        #expect(itself.status == 0, "\(itself.stderr)")
        let sides = try String(contentsOf: folder.appendingPathComponent("d/compare_sides.csv"), encoding: .utf8)
        #expect(sides.contains("seed (A: 2023/seed.yaml),1,") && sides.contains("seed (B: 2023/seed.yaml),1,"), "\(sides)")
    }

    /// Six files with a sidecar `period`: `e.txt` has an empty one and `f.txt` no row, so neither
    /// has a value (both hold the keywords, which would show if they were counted). The bodies
    /// are returned by file, for counting the keywords independently of Cipin.
    private func periodCorpus(_ periods: [String: String]) throws -> (pipeline: URL, bodies: [String: String]) {
        let folder = try CLI.temporaryFolder()
        let bodies = ["a.txt": "人才工作。人才。干部。", "b.txt": "人才。基层工作。", "c.txt": "干部。干部。人才。",
                      "d.txt": "基层治理。人才。人才。人才。", "e.txt": "人才。人才。人才。人才。干部。", "f.txt": "干部。干部。干部。"]
        for (name, body) in bodies {
            try Data("第\(name.prefix(1))篇\n\n\(body)\n".utf8).write(to: folder.appendingPathComponent(name))
        }
        let rows = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"].map { "\($0),\(periods[$0] ?? "")" }
        try Data(("file,period\n" + rows.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("meta.csv"))
        let pipeline = try CLI.pipeline("""
            name: t
            inputs: [a.txt, b.txt, c.txt, d.txt, e.txt, f.txt]
            keywords: [人才, 干部]
            metadata: [meta.csv]
            analysis: {stopwords: none, keyness: {csv_rows: all}}
            """, in: folder)
        return (pipeline, bodies)
    }

    /// More groups than a chart shows (12): no compare_rates.svg, and the report says why; no
    /// collocate on either side: compare_collocates.csv is written all the same (its header), as
    /// every other table with no rows is, and the report says there is none.
    @Test func comparisonFilesAreWrittenOrSaidMissing() throws {
        let folder = try CLI.temporaryFolder()
        var rows = ["file,group"]
        for index in 1...14 {
            try Data("第\(index)篇\n\n人才工作。干部\(index)。\n".utf8).write(to: folder.appendingPathComponent("f\(index).txt"))
            rows.append("f\(index).txt,组\(index)")
        }
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("meta.csv"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [.]\nkeywords: [不存在词]\nmetadata: [meta.csv]\nanalysis: {stopwords: none}\n",
                                        in: folder)
        let output = folder.appendingPathComponent("c")
        let result = try CLI.cipin(["compare", pipeline.path, "--by", "group", "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("compare_rates.svg").path))
        let collocates = try String(contentsOf: output.appendingPathComponent("compare_collocates.csv"), encoding: .utf8)
        #expect(collocates.split(separator: "\r\n").count == 1, "\(collocates)")
        let xml = try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains("No chart: 14 groups are more than a chart of grouped bars shows (12); the table and compare_rates.csv have every rate."))
        #expect(xml.contains("No keyword has a collocate on either side."))
        #expect(try CLI.xmllintErrors(output.appendingPathComponent("report.xml")) == nil)
    }

    /// Articles without a value of the keyness field are in no comparison: the run says how many
    /// when the field was asked for, and the report's keyness section says so too (a review found
    /// 24 of 31 reports left out without a word). Without `keyness.by` (region by default) no warning.
    @Test func articlesLeftOutOfKeynessAreCounted() throws {
        let folder = try CLI.temporaryFolder()
        let bodies = ["a.txt": "人才工作。人才。干部。人才。", "b.txt": "干部。干部。人才。基层。", "c.txt": "基层治理。人才。基层。干部。",
                      "d.txt": "人才。人才。干部。"]
        for (name, body) in bodies { try Data("第\(name.prefix(1))篇\n\n\(body)\n".utf8).write(to: folder.appendingPathComponent(name)) }
        try Data("file,period\na.txt,early\nb.txt,late\n".utf8).write(to: folder.appendingPathComponent("meta.csv"))
        for by in ["period", nil] {
            let pipeline = try CLI.pipeline("""
                name: t
                inputs: [a.txt, b.txt, c.txt, d.txt]
                keywords: [人才, 干部]
                metadata: [meta.csv]
                analysis: {stopwords: none, keyness: {\(by.map { "by: \($0), " } ?? "")min_frequency: 1}}
                """, in: folder)
            let output = folder.appendingPathComponent("out-\(by ?? "default")")
            let run = try CLI.cipin(["run", pipeline.path, "--output", output.path])
            #expect(run.status == 0, "\(run.stderr)")
            let warned = run.stderr.contains("`analysis.keyness`: 2 of the 4 articles have no value of `period`, so they are in no group and in "
                                             + "no group's rest: the comparisons are among the 2 articles of 2 group(s)")
            #expect(warned == (by != nil), "\(run.stderr)")
            let xml = try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8)
            if by != nil {
                #expect(xml.contains("Articles without a value of the field are in no group and in no group's rest: 2 of the 4 articles have none, "
                                     + "so the comparisons are among the other 2."))
            }
        }
    }

    /// `keyness.csv_rows: significant`, the default, writes the significant rows of every comparison
    /// and nothing else: the rows of the `all` file whose `significant` is yes, in the same order.
    @Test func keynessCSVOfTheSignificantWordsOnly() throws {
        let folder = try CLI.temporaryFolder()
        let early = String(repeating: "人才工作。人才队伍。干部培养。", count: 30), late = String(repeating: "基层治理。基层干部。乡村振兴。", count: 30)
        let bodies = ["a.txt": early, "b.txt": early + "发展。", "c.txt": late, "d.txt": late + "改革。"]
        for (name, body) in bodies { try Data("第\(name.prefix(1))篇\n\n\(body)\n".utf8).write(to: folder.appendingPathComponent(name)) }
        try Data("file,period\na.txt,early\nb.txt,early\nc.txt,late\nd.txt,late\n".utf8).write(to: folder.appendingPathComponent("meta.csv"))
        var files: [String: String] = [:]
        for rows in ["all", "significant", "default"] {
            let pipeline = try CLI.pipeline("""
                name: t
                inputs: [a.txt, b.txt, c.txt, d.txt]
                keywords: [人才, 干部]
                metadata: [meta.csv]
                analysis: {stopwords: none, keyness: {by: period, min_frequency: 1\(rows == "default" ? "" : ", csv_rows: \(rows)")}}
                """, in: folder)
            let output = folder.appendingPathComponent("out-\(rows)")
            let run = try CLI.cipin(["run", pipeline.path, "--output", output.path])
            #expect(run.status == 0, "\(run.stderr)")
            files[rows] = try String(contentsOf: output.appendingPathComponent("keyness.csv"), encoding: .utf8)
            let xml = try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8)
            #expect(xml.contains(rows == "all" ? "keyness.csv has every word tested (`keyness.csv_rows: all`)." : "keyness.csv has every significant word"))
        }
        let check = """
            import csv, io, sys
            def rows(text): return list(csv.DictReader(io.StringIO(text.lstrip('\\ufeff'), newline='')))
            every, significant = rows(open(sys.argv[1], encoding='utf-8').read()), rows(open(sys.argv[2], encoding='utf-8').read())
            print(len(every), len(significant), significant == [r for r in every if r['significant'] == 'yes'])
            """
        try files["all"]!.write(toFile: folder.appendingPathComponent("all.csv").path, atomically: true, encoding: .utf8)
        try files["significant"]!.write(toFile: folder.appendingPathComponent("sig.csv").path, atomically: true, encoding: .utf8)
        #expect(files["default"] == files["significant"])
        let result = try CLI.python(check, [folder.appendingPathComponent("all.csv").path, folder.appendingPathComponent("sig.csv").path])
        let parts = result.stdout.split(separator: " ")
        #expect(parts.count == 3 && parts[2] == "True\n", "\(result.stdout) \(result.stderr)")
        // Some rows are left out, and some are kept.
        #expect(parts.count == 3 && Int(parts[0])! > Int(parts[1])! && Int(parts[1])! > 0, "\(result.stdout)")
    }

    /// A group whose only article is white space has no words, so no rate: keyness tests no word
    /// against it (no row of Infinity and NaN), the run warns and its report says why, and
    /// `cipin compare --by` says so in its notes; the other groups are compared as before.
    @Test func aGroupWithoutWordsIsNotTested() throws {
        let folder = try CLI.temporaryFolder()
        let bodies = ["a.txt": "人才工作。人才。干部。人才。", "b.txt": "干部。干部。人才。基层。", "c.txt": "基层治理。人才。基层。干部。"]
        for (name, body) in bodies { try Data("第\(name.prefix(1))篇\n\n\(body)\n".utf8).write(to: folder.appendingPathComponent(name)) }
        try Data(" \n\u{3000}\n\n".utf8).write(to: folder.appendingPathComponent("e.txt"))
        try Data("file,period\na.txt,early\nb.txt,late\nc.txt,late\ne.txt,void\n".utf8).write(to: folder.appendingPathComponent("meta.csv"))
        let pipeline = try CLI.pipeline("""
            name: t
            inputs: [a.txt, b.txt, c.txt, e.txt]
            keywords: [人才, 干部]
            metadata: [meta.csv]
            analysis: {stopwords: none, keyness: {by: period, min_frequency: 1, csv_rows: all}}
            """, in: folder)
        let output = folder.appendingPathComponent("out")
        let run = try CLI.cipin(["run", pipeline.path, "--output", output.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("`analysis.keyness`: 1 comparison(s) by period have a side without words, its articles empty or only white "
                                    + "space, so no word was tested there and keyness.csv has no rows for them: void against rest (the target has no words)"),
                "\(run.stderr)")
        let check = """
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1] + '/keyness.csv', encoding='utf-8-sig', newline='')))
            print(sorted({r['target'] for r in rows}), [r for r in rows if r['log_ratio'] in ('Infinity', '-Infinity', 'NaN') or 'NaN' in r.values()])
            """
        let groups = try CLI.python(check, [output.path])
        #expect(groups.stdout == "['early', 'late'] []\n", "\(groups.stderr)")
        #expect(try CLI.xmllintErrors(output.appendingPathComponent("report.xml")) == nil)
        let xml = try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains("void 0 over-used, 0 under-used (no words tested: the target has no words, so it has no rates to compare)"), "\(xml)")

        let compared = folder.appendingPathComponent("compared")
        let compare = try CLI.cipin(["compare", pipeline.path, "--by", "period", "--output", compared.path])
        #expect(compare.status == 0, "\(compare.stderr)")
        let comparedRows = try CLI.python(check.replacingOccurrences(of: "keyness.csv", with: "compare_keyness.csv"), [compared.path])
        #expect(comparedRows.stdout == "['early', 'late'] []\n", "\(comparedRows.stderr)")
        let comparedXML = try String(contentsOf: compared.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(comparedXML.contains("The group void of `period` has no words (its articles are empty or only white space): no rate can be "
                                     + "compared there, and keyness tests no word against such a side."), "\(comparedXML)")
        #expect(comparedXML.contains("void against rest: no words tested: the target has no words"), "\(comparedXML)")
    }

    /// Group values named like Cipin's own labels: a sidecar's `(none)` is no value (with the
    /// articles without one in keyword_groups.csv, in no keyness group, no side of `compare`), and a
    /// group named `rest` is compared with the other groups' articles named `(rest)`, so that no row
    /// reads `rest,rest`; the warning counts the groups as compared.
    @Test func groupsNamedLikeCipinsLabels() throws {
        // With two groups a run compares each with the rest, `compare` the two head to head.
        let three = "[('rest', '(rest)'), ('北方', '(rest)'), ('西南', '(rest)')]"
        for (value, groups, pairs, comparedPairs) in [("(none)", 2, "[('北方', 'rest'), ('西南', 'rest')]", "[('北方', '西南')]"),
                                                      ("rest", 3, three, three)] {
            let (pipeline, _) = try periodCorpus(["a.txt": value, "b.txt": value, "c.txt": "北方", "d.txt": "北方", "e.txt": "西南"])
            let yaml = try String(contentsOf: pipeline, encoding: .utf8).replacingOccurrences(
                of: "analysis: {stopwords: none, keyness: {csv_rows: all}}",
                with: "analysis: {stopwords: none, groups: [period], keyness: {by: period, min_frequency: 1, csv_rows: all}}")
            try Data(yaml.utf8).write(to: pipeline)
            let output = pipeline.deletingLastPathComponent().appendingPathComponent("out")
            let run = try CLI.cipin(["run", pipeline.path, "--output", output.path])
            #expect(run.status == 0, "\(run.stderr)")
            let unvalued = value == "(none)" ? 3 : 1
            // With one target against the rest, the rest holds every other group: all are compared.
            let targeted = pipeline.deletingLastPathComponent().appendingPathComponent("t.yaml")
            try Data(yaml.replacingOccurrences(of: "keyness: {by: period,", with: "keyness: {by: period, target: 北方,").utf8).write(to: targeted)
            let one = try CLI.cipin(["run", targeted.path, "--output", output.path + "-t"])
            #expect(one.stderr.contains("the comparisons are among the \(6 - unvalued) articles of \(groups) group(s)"), "\(one.stderr)")
            #expect(run.stderr.contains("\(unvalued) of the 6 articles have no value of `period`, so they are in no group and in no group's "
                                        + "rest: the comparisons are among the \(6 - unvalued) articles of \(groups) group(s)"), "\(run.stderr)")
            let compared = pipeline.deletingLastPathComponent().appendingPathComponent("compared")
            let compare = try CLI.cipin(["compare", pipeline.path, "--by", "period", "--output", compared.path])
            #expect(compare.status == 0, "\(compare.stderr)")
            let check = try CLI.python("""
                import csv, sys
                def rows(path): return list(csv.DictReader(open(path, encoding='utf-8-sig', newline='')))
                groups = {r['group']: r['articles'] for r in rows(sys.argv[1] + '/keyword_groups.csv') if r['field'] == 'period'}
                print(sorted(groups.items()))
                print(sorted({(r['target'], r['reference']) for r in rows(sys.argv[1] + '/keyness.csv')}))
                print(sorted({(r['target'], r['reference']) for r in rows(sys.argv[2] + '/compare_keyness.csv')}))
                print(sorted(r['side'] for r in rows(sys.argv[2] + '/compare_sides.csv')))
                """, [output.path, compared.path])
            let named = value == "(none)" ? "" : "('rest', '2'), "
            let sides = value == "(none)" ? "['北方', '西南']" : "['rest', '北方', '西南']"
            #expect(check.stdout == """
                [('(none)', '\(unvalued)'), \(named)('北方', '2'), ('西南', '1')]
                \(pairs)
                \(comparedPairs)
                \(sides)

                """, "\(value): \(check.stderr)")
        }
    }

    /// Articles without a value of the field are no group and in no group's rest: with two
    /// periods and two files without one, the periods are compared head to head, over their own
    /// articles only; with three, each rest is the other two periods'. The report and the summary
    /// say how many were left out; one period and the files without one cannot be compared.
    @Test func keynessOfOneGroupSaysTheRestAreInNoGroup() throws {
        // One article with a period and one without: one group, so keyness compares nothing, and
        // the report says the article without a value is in no group (it said such articles
        // "count as one group, (none)", which they do not).
        let (folder, pipeline) = try CLI.sidecarCorpus(sidecar: "meta.csv", metadata: "file,period\na.txt,早\n",
                                                       analysis: "keyness: {by: period}")
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let xml = try CLI.reportText(folder.appendingPathComponent("out/report.xml"), encoding: .utf8)
        #expect(xml.contains("Keyness needs at least two groups of period; the articles have 1 value(s) of it, and 1 article(s) none, "
                             + "which are in no group."), "\(xml)")
    }

    @Test func articlesWithoutAValueAreLeftOut() throws {
        let periods = ["a.txt": "before 1978", "b.txt": "before 1978", "c.txt": "1978 and after", "d.txt": "1978 and after"]
        let (pipeline, bodies) = try periodCorpus(periods)
        let output = pipeline.deletingLastPathComponent().appendingPathComponent("c")
        let result = try CLI.cipin(["compare", pipeline.path, "--by", "period", "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("comparison of 4 of 6 articles (2 without a value of `period` left out); report: "), "\(result.stdout)")
        #expect(try CLI.xmllintErrors(output.appendingPathComponent("report.xml")) == nil)
        func count(_ keyword: String, in files: [String]) -> Int {
            files.reduce(0) { $0 + bodies[$1]!.components(separatedBy: keyword).count - 1 }
        }
        let check = """
            import csv, sys
            def rows(name): return list(csv.DictReader(open(sys.argv[1] + '/' + name, encoding='utf-8-sig', newline='')))
            print([(r['side'], r['articles']) for r in rows('compare_sides.csv')])
            print([(r['target'], r['reference'], r['keyword'], r['count_target'], r['count_reference']) for r in rows('compare_rates.csv')])
            print(sorted({(r['target'], r['reference']) for r in rows('compare_cooccurrence.csv') + rows('compare_keyness.csv')}))
            """
        let two = try CLI.python(check, [output.path])
        let (after, before) = (["c.txt", "d.txt"], ["a.txt", "b.txt"])
        #expect(two.stdout == """
            [('1978 and after', '2'), ('before 1978', '2')]
            [('1978 and after', 'before 1978', '人才', '\(count("人才", in: after))', '\(count("人才", in: before))'), \
            ('1978 and after', 'before 1978', '干部', '\(count("干部", in: after))', '\(count("干部", in: before))')]
            [('1978 and after', 'before 1978')]

            """, "\(two.stderr)")
        let xml = try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains("2 of the 6 articles have no value of `period`, so they are left out of the comparison: on neither side; "
                             + "the 4 articles compared are those of the 2 groups."), "\(xml)")
        #expect(!xml.contains("(none)"))

        // Three periods: each against the other two, never the files without a period.
        var three = periods
        three["d.txt"] = "reform"
        let (threePipeline, _) = try periodCorpus(three)
        let threeOutput = threePipeline.deletingLastPathComponent().appendingPathComponent("c")
        let groups = try CLI.cipin(["compare", threePipeline.path, "--by", "period", "--output", threeOutput.path])
        #expect(groups.status == 0, "\(groups.stderr)")
        let rests = try CLI.python(check, [threeOutput.path])
        let members = ["1978 and after": ["c.txt"], "before 1978": ["a.txt", "b.txt"], "reform": ["d.txt"]]
        let expected = members.keys.sorted().flatMap { group in
            ["人才", "干部"].map { keyword in
                let rest = members.filter { $0.key != group }.flatMap(\.value)
                return "('\(group)', 'rest', '\(keyword)', '\(count(keyword, in: members[group]!))', '\(count(keyword, in: rest))')"
            }
        }
        #expect(rests.stdout == """
            [('1978 and after', '1'), ('before 1978', '2'), ('reform', '1')]
            [\(expected.joined(separator: ", "))]
            [('1978 and after', 'rest'), ('before 1978', 'rest'), ('reform', 'rest')]

            """, "\(rests.stderr)")
        let threeXML = try String(contentsOf: threeOutput.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(threeXML.contains("2 of the 6 articles have no value of `period`, so they are left out of the comparison: in no group "
                                  + "and in no group's rest; the 4 articles compared are those of the 3 groups."))

        // One period besides the files without one: nothing to compare.
        let (single, _) = try periodCorpus(["a.txt": "before 1978", "b.txt": "before 1978"])
        let refused = try CLI.cipin(["compare", single.path, "--by", "period", "--output", "/tmp/unused"])
        #expect(refused.status == 65)
        #expect(refused.stderr == "cipin: error: cannot compare by `period`: the articles have 1 value(s) of it (before 1978), and 4 "
                + "article(s) none, which a comparison leaves out; choose a field with two or more values (author, region, month, year, "
                + "or a sidecar field)\n")
    }

    /// With three groups, each against its own rest, compare_rates.svg shows each group's rate and
    /// the rate over all the compared articles (no one group's rest), and its text says the same;
    /// the rates are checked against the keywords counted here and the words of compare_sides.csv.
    @Test func rateChartOfThreeGroupsShowsEachGroupAndAllCompared() throws {
        let (pipeline, bodies) = try periodCorpus(["a.txt": "甲", "b.txt": "甲", "c.txt": "乙", "d.txt": "丙"])
        let output = pipeline.deletingLastPathComponent().appendingPathComponent("c")
        let result = try CLI.cipin(["compare", pipeline.path, "--by", "period", "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let words = try CLI.python("""
            import csv, sys
            print(' '.join(r['side'] + '=' + r['tokens'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))))
            """, [output.appendingPathComponent("compare_sides.csv").path])
        let tokens = Dictionary(uniqueKeysWithValues: words.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: " ").map { pair in
                let parts = pair.split(separator: "=")
                return (String(parts[0]), Int(parts[1])!)
            })
        #expect(tokens.keys.sorted() == ["丙", "乙", "甲"], "\(words.stdout)")
        let members = ["甲": ["a.txt", "b.txt"], "乙": ["c.txt"], "丙": ["d.txt"]]
        func count(_ keyword: String, in files: [String]) -> Int {
            files.reduce(0) { $0 + bodies[$1]!.components(separatedBy: keyword).count - 1 }
        }
        func rate(_ count: Int, _ words: Int) -> String { String(format: "%.1f", Double(count) / Double(words) * 10_000) }
        let allWords = tokens.values.reduce(0, +)
        var expected: [String] = []
        var described: [String] = []
        for series in ["丙", "乙", "甲", "all compared articles"] {
            let files = series == "all compared articles" ? members.values.flatMap { $0 } : members[series]!
            let words = series == "all compared articles" ? allWords : tokens[series]!
            let rates = ["人才", "干部"].map { ($0, rate(count($0, in: files), words)) }
            expected += rates.map { "\($0.0) · \(series): \($0.1)" }
            described.append(series + ": " + rates.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        }
        let svg = try CLI.python("""
            import re, sys
            text = open(sys.argv[1], encoding='utf-8').read()
            print('\\n'.join(t for t in re.findall(r'<title>([^<]*)</title>', text) if ' · ' in t))
            """, [output.appendingPathComponent("compare_rates.svg").path])
        #expect(svg.stdout.split(separator: "\n").map(String.init).sorted() == expected.sorted(), "\(svg.stdout)")
        #expect(!svg.stdout.contains("rest"))
        // The text description, in the report and as the SVG's <desc>, names the same series and rates.
        let description = "Grouped bars: " + described.joined(separator: "; ") + ". Each group is compared with the rest; "
            + "all compared articles are those of all 3 groups."
        let xml = try CLI.reportText(output.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains(description), "\(xml)")
        let svgText = try String(contentsOf: output.appendingPathComponent("compare_rates.svg"), encoding: .utf8)
        #expect(svgText.contains(">" + description + "</desc>"), "\(svgText)")
    }

    @Test func compareNeedsTwoGroups() throws {
        let result = try CLI.cipin(["compare", "Pipelines/seed.yaml", "--by", "year", "--output", "/tmp/unused"], in: CLI.repository)
        #expect(result.status == 65)
        #expect(result.stderr == "cipin: error: cannot compare by `year`: the articles have 1 value(s) of it (2021); choose a field with two or more values (author, region, month, or a sidecar field)\n")
        let misspelt = try CLI.cipin(["compare", "Pipelines/seed.yaml", "--by", "reigon", "--output", "/tmp/unused"], in: CLI.repository)
        #expect(misspelt.status == 65)
        #expect(misspelt.stderr.hasPrefix("cipin: error: cannot compare by `reigon`: no article has that field (did you mean `region`?); "
                                          + "the fields with values: author, region, month, year, date, title, position, byline, file"), "\(misspelt.stderr)")
    }

    /// A known field that no article has a value of (texts without bylines, an empty sidecar
    /// column) is said to be empty, and where its values come from; only an unknown name gets a
    /// "did you mean", never the field itself; the fields are listed once each, a sidecar column
    /// named like a built-in field (`title`, `year`) among them.
    @Test func anEmptyFieldIsSaidToBeEmptyNotMisspelt() throws {
        let (folder, pipeline) = try CLI.sidecarCorpus(
            first: "一文\n2021年3月5日\n人才工作。人才。\n", sidecar: "meta.csv",
            metadata: "file,title,year,source,score\na.txt,甲,,报,\nb.txt,,2022,刊,\n",
            analysis: "groups: [author, sorce], keyness: {by: region}")
        let fields = "the fields with values: month, year, date, title, file, source"
        func compare(_ field: String) throws -> String {
            let result = try CLI.cipin(["compare", pipeline.path, "--by", field, "--output", folder.appendingPathComponent("c").path])
            #expect(result.status == 65, "\(result.stderr)")
            return result.stderr
        }
        #expect(try compare("region") == "cipin: error: cannot compare by `region`: no article has a value of `region` (the texts gave "
                + "no byline with a region, and no sidecar column `region` gave one); \(fields)\n")
        #expect(try compare("position") == "cipin: error: cannot compare by `position`: no article has a value of `position` (the texts "
                + "gave no byline with a position, and no sidecar column `position` gave one); \(fields)\n")
        #expect(try compare("byline") == "cipin: error: cannot compare by `byline`: no article has a value of `byline` (the texts gave "
                + "no byline); \(fields)\n")
        #expect(try compare("score") == "cipin: error: cannot compare by `score`: no article has a value of `score` (the sidecar column "
                + "`score` is empty for every article); \(fields)\n")
        #expect(try compare("sorce") == "cipin: error: cannot compare by `sorce`: no article has that field (did you mean `source`?); \(fields)\n")
        #expect(try compare("colour") == "cipin: error: cannot compare by `colour`: no article has that field; \(fields)\n")
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").map(String.init)
        #expect(warnings.contains("cipin: warning: `analysis.groups` names the field `author`, but no article has a value of `author` "
                                  + "(the texts gave no byline that names an author, and no sidecar column `author` gave one), "
                                  + "so its rows are all (none); \(fields)"), "\(warnings)")
        #expect(warnings.contains("cipin: warning: `analysis.groups` names the field `sorce`, which no article has (did you mean `source`?), "
                                  + "so its rows are all (none); \(fields)"), "\(warnings)")
        #expect(warnings.contains("cipin: warning: `analysis.keyness.by` names the field `region`, but no article has a value of `region` "
                                  + "(the texts gave no byline with a region, and no sidecar column `region` gave one), "
                                  + "so its rows are all (none); \(fields)"), "\(warnings)")
        // Without any date, the date fields say where dates come from.
        try Data("file,source\na.txt,报\n".utf8).write(to: folder.appendingPathComponent("meta.csv"))
        try Data("一文\n\n人才工作。人才。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        let undated = "the fields with values: title, file, source"
        #expect(try compare("year") == "cipin: error: cannot compare by `year`: no article has a value of `year` (the texts gave "
                + "no date line, and no sidecar column `date` or `year` gave one); \(undated)\n")
        #expect(try compare("month") == "cipin: error: cannot compare by `month`: no article has a value of `month` (the texts gave "
                + "no date line with a month, and no sidecar column `date` gave one); \(undated)\n")
    }
}
