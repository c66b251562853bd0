import Foundation
import Testing

@Suite struct SegmentCommandTests {
    /// `cipin segment` on standard input gives the SIGHAN lines jieba's own `cut` gives.
    @Test func standardInputMatchesJieba() throws {
        let lines = ["我来到北京清华大学", "他来到了网易杭研大厦", "", "  人才工作  GDP增长3.5%。", "小明硕士毕业于中国科学院计算所，后在日本京都大学深造"]
        let input = Data((lines.joined(separator: "\n") + "\n").utf8)
        let result = try CLI.cipin(["segment"], input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let script = """
            import sys, jieba
            jieba.setLogLevel(60)
            for line in sys.stdin.read().split('\\n')[:-1]:
                print('  '.join(w for w in jieba.cut(line) if not w.isspace()))
            """
        let reference = try CLI.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script], input: input)
        #expect(result.stdout == reference.stdout)
        #expect(result.stdout.hasPrefix("我  来到  北京  清华大学\n"))
    }

    /// `cipin segment --tags` writes `word/tag` as jieba.posseg.cut gives them, white space left
    /// out, with the HMM on and off and with a user dictionary (whose tags count).
    @Test func tagsMatchJiebaPosseg() throws {
        let lines = [
            "我来到北京清华大学", "他来到了网易杭研大厦", "", "  人才工作  GDP增长3.5%。", "\t制表符\u{3000}全角 x86_64架构",
            "深化双招双引工作，发放英才卡", "小明硕士毕业于中国科学院计算所，后在日本京都大学深造", "丄丅丆丌学习C++和e-mail",
        ]
        let input = Data((lines.joined(separator: "\n") + "\n").utf8)
        let dictionary = CLI.repository.appendingPathComponent("Pipelines/dicts/party-building.txt").path
        let script = """
            import sys, jieba, jieba.posseg
            jieba.setLogLevel(60)
            hmm = sys.argv[1] == '1'
            for path in sys.argv[2:]:
                jieba.load_userdict(path)
            for line in sys.stdin.read().split('\\n')[:-1]:
                print('  '.join(f'{w}/{t}' for w, t in jieba.posseg.cut(line, HMM=hmm) if not w.isspace()))
            """
        for (options, hmm, dictionaries) in [([String](), true, [String]()), (["--no-hmm"], false, []), (["--user-dict", dictionary], true, [dictionary])] {
            let result = try CLI.cipin(["segment", "--tags"] + options, input: input)
            #expect(result.status == 0, "\(result.stderr)")
            let reference = try CLI.run(
                URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, hmm ? "1" : "0"] + dictionaries, input: input)
            #expect(reference.status == 0, "\(reference.stderr)")
            #expect(result.stdout == reference.stdout, "options \(options)")
        }
        let tagged = try CLI.cipin(["segment", "--tags", "--user-dict", dictionary], input: Data("深化双招双引工作\n".utf8))
        #expect(tagged.stdout == "深化/j  双招双引/nz  工作/vn\n")
        let conflict = try CLI.cipin(["segment", "--tags", "--explain", "双招双引"])
        #expect(conflict.status != 0)
        #expect(conflict.stderr.contains("leave out --tags"))
    }

    @Test func userDictionaryKeepsAWordWhole() throws {
        let dictionary = CLI.repository.appendingPathComponent("Pipelines/dicts/party-building.txt").path
        let input = Data("深化双招双引工作\n".utf8)
        #expect(try CLI.cipin(["segment"], input: input).stdout == "深化  双招  双引  工作\n")
        #expect(try CLI.cipin(["segment", "--user-dict", dictionary], input: input).stdout == "深化  双招双引  工作\n")
    }

    @Test func explainSaysWhyAWordIsSplit() throws {
        let result = try CLI.cipin(["segment", "--explain", "双招双引"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("双招双引: split as 双招 / 双引 (HMM on)\n  not in the dictionary"))
    }

    /// A file that is not UTF-8 is said to be what it is, as `cipin run` reads it: UTF-16 by its
    /// byte-order mark, GB18030, a binary file, UTF-8 cut short in a character; each with exit 65.
    /// (Every one used to get the GB18030 hint.)
    @Test func aFileNotInUTF8IsSaidToBeWhatItIs() throws {
        let folder = try CLI.temporaryFolder()
        func file(_ name: String, _ bytes: [UInt8]) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url.path
        }
        let text = "人才是第一资源，创新是第一动力。\n"
        let utf16 = try file("utf16.txt", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let gbk = try file("gbk.txt", [0xC8, 0xCB, 0xB2, 0xC5, 0xCA, 0xC7, 0xB5, 0xDA, 0xD2, 0xBB, 0xD7, 0xCA, 0xD4, 0xB4, 0x0A])  // 人才是第一资源
        let binary = try file("binary.txt", Array(0..<255))
        let cut = try file("cut.txt", Array(String(repeating: text, count: 20).utf8.dropLast(2)))
        func error(_ path: String) throws -> String {
            let result = try CLI.cipin(["segment", path])
            #expect(result.status == 65, "\(path): \(result.stderr)")
            return result.stderr
        }
        #expect(try error(utf16).hasPrefix("cipin: error: \(utf16):1:1: not valid UTF-8: the file is UTF-16LE (its byte-order mark says so); "
                                          + "`cipin segment` reads UTF-8, as jieba does: convert it first (iconv -f UTF-16 -t UTF-8 \(utf16))"))
        #expect(try error(gbk).hasPrefix("cipin: error: \(gbk):1:1: not valid UTF-8: the file is GB18030; `cipin segment` reads UTF-8"))
        // UTF-16 on standard input, big-endian too, is said to be so (it got the GB18030 hint).
        let big = Data([0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        for (input, name) in [(try Data(contentsOf: URL(fileURLWithPath: utf16)), "UTF-16LE"), (big, "UTF-16BE")] {
            let piped = try CLI.cipin(["segment"], input: input)
            #expect(piped.status == 65)
            #expect(piped.stderr.hasPrefix("cipin: error: <stdin>:1:1: not valid UTF-8: the input is \(name) (its byte-order mark says so); "
                                           + "`cipin segment` reads UTF-8, as jieba does: convert it first (pipe it through iconv -f UTF-16 -t UTF-8)"),
                    "\(piped.stderr)")
        }
        #expect(try error(binary).contains("not a text file"))
        #expect(try error(cut).contains("cut short"))
        // Latin-1 is neither UTF-8 nor GB18030 (it got the GB18030 hint).
        let latin = try file("latin1.txt", Array("Caf".utf8) + [0xE9, 0x20] + Array("au lait, cr".utf8) + [0xE8, 0x6D, 0x65, 0x0A])
        #expect(try error(latin).contains("\(latin): neither UTF-8 nor GB18030 (invalid GB18030 at byte offset"))
    }

    @Test func missingUserDictionaryExits65() throws {
        let result = try CLI.cipin(["segment", "--user-dict", "/nonexistent/dict.txt"], input: Data("人才\n".utf8))
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("cipin: error: /nonexistent/dict.txt:"))
    }

    @Test func presegmentedPipelineTakesWordsAsTheyAre() throws {
        let folder = try CLI.temporaryFolder()
        try Data("标题\n\n人才 队伍 建设 是 人才 工作 的 基础 。\n人才队伍 也 要 建设 。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        let pipeline = try CLI.pipeline("name: t\ninputs: [a.txt]\nkeywords: [人才, 人才队伍]\noutput: out\nsegmentation:\n  presegmented: true\n", in: folder)
        let result = try CLI.cipin(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let check = try CLI.python("""
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
            print(';'.join(r['keyword'] + '=' + r['occurrences'] + '/' + r['token_count'] + '/' + r['tokens'] for r in rows))
            """, [folder.appendingPathComponent("out/keywords.csv").path])
        #expect(check.stdout == "人才=3/2/14;人才队伍=1/1/14\n")
    }
}
