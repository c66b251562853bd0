import Foundation
import Testing
@testable import Ingest

@Suite struct DecodingTests {
    let sample = "人才强国，干部先行。\n第二行 English words\n"

    @Test func utf8WithoutBOM() throws {
        let (text, encoding) = try Decoding.decode(Data(sample.utf8), path: "a.txt")
        #expect(text == sample)
        #expect(encoding == .utf8)
    }

    @Test func utf8WithBOMDropsTheMark() throws {
        let (text, encoding) = try Decoding.decode(Data([0xEF, 0xBB, 0xBF]) + Data(sample.utf8), path: "a.txt")
        #expect(text == sample)
        #expect(encoding == .utf8)
    }

    @Test func utf16LittleEndianWithBOM() throws {
        let bytes = Data([0xFF, 0xFE]) + (try Decoding.encode(sample, as: .utf16LittleEndian))
        let (text, encoding) = try Decoding.decode(bytes, path: "a.txt")
        #expect(text == sample)
        #expect(encoding == .utf16LittleEndian)
    }

    @Test func utf16BigEndianWithBOMAndCRLF() throws {
        let crlf = sample.replacingOccurrences(of: "\n", with: "\r\n")
        let bytes = Data([0xFE, 0xFF]) + (try Decoding.encode(crlf, as: .utf16BigEndian))
        let (text, encoding) = try Decoding.decode(bytes, path: "a.txt")
        #expect(text == sample)
        #expect(encoding == .utf16BigEndian)
    }

    @Test func gb18030FileWithoutBOM() throws {
        // 人才 in GBK is C8 CB B2 C5: bytes that are not valid UTF-8.
        let bytes = try Decoding.encode(sample, as: .gb18030)
        #expect(Array(bytes.prefix(4)) == [0xC8, 0xCB, 0xB2, 0xC5])
        let (text, encoding) = try Decoding.decode(bytes, path: "a.txt")
        #expect(text == sample)
        #expect(encoding == .gb18030)
    }

    @Test func gb18030FourByteCharacters() throws {
        // 𠀀 (U+20000) and € need GB18030's four-byte sequences; GBK cannot hold the first.
        let text = "生僻字𠀀与符号€"
        let bytes = try Decoding.encode(text, as: .gb18030)
        #expect(try Decoding.decode(bytes, path: "a.txt").text == text)
    }

    @Test func explicitEncodingOverridesDetection() throws {
        // These Big5 bytes are also valid GB18030, so only the explicit name reads them right.
        let big5 = try Decoding.encode("人才", as: .iconv("BIG5"))
        let (text, _) = try Decoding.decode(big5, path: "a.txt", encoding: try TextEncoding.named("big5"))
        #expect(text == "人才")
        #expect(try Decoding.decode(big5, path: "a.txt").text != "人才")
    }

    @Test func crAndCRLFLineEndsBecomeLF() throws {
        let (text, _) = try Decoding.decode(Data("一\r\n二\r三\n四".utf8), path: "a.txt")
        #expect(text == "一\n二\n三\n四")
    }

    @Test func binaryFileNamesTheByteOffset() throws {
        let bytes = Data("人才".utf8) + Data([0x00, 0x01, 0x02])
        #expect(throws: IngestError.binaryFile(path: "data/picture.png", byteOffset: 6)) {
            try Decoding.decode(bytes, path: "data/picture.png")
        }
        let message = IngestError.binaryFile(path: "data/picture.png", byteOffset: 6).errorDescription
        #expect(message == "data/picture.png: not a text file (NUL or control byte at byte offset 6); remove it from the inputs, set `encoding:` if it is UTF-16 without a byte-order mark, or set `on_error: skip` to go on without it")
    }

    @Test func strayControlCharactersAreKeptForTheWritersToClean() throws {
        let text = "标题\u{1}\n正文\u{B}含有\u{FFFE}与\u{FFFF}。\n"
        #expect(try Decoding.decode(Data(text.utf8), path: "a.txt").text == text)
    }

    @Test func utf16FullOfControlCharactersIsBinary() throws {
        let junk = String(repeating: "\u{0}\u{3}\u{7}A", count: 20)
        let bytes = Data([0xFF, 0xFE]) + (try Decoding.encode(junk, as: .utf16LittleEndian))
        #expect(throws: IngestError.binaryFile(path: "x.bin", byteOffset: 2)) {
            try Decoding.decode(bytes, path: "x.bin")
        }
    }

    @Test func invalidBytesInExplicitUTF8NameTheOffset() throws {
        let bytes = Data("人才".utf8) + Data([0xC8, 0x20])
        #expect(throws: IngestError.undecodable(path: "a.txt", encoding: "UTF-8", byteOffset: 6)) {
            try Decoding.decode(bytes, path: "a.txt", encoding: .utf8)
        }
    }

    /// UTF-8 text cut in the middle of a character, or with a stray byte of another encoding, is
    /// damaged UTF-8 at the first bad byte (as Python's decoder finds it), not GB18030 (as which
    /// the cut seed decodes into nonsense or fails at a wrong offset); GB18030 text, the seed and
    /// the bench's provincial reports encoded so, is still GB18030.
    @Test func damagedUTF8IsNotReadAsGB18030() throws {
        let seed = try Data(contentsOf: Fixtures.seedFile)
        let cut = seed.prefix(1500)
        let stray = seed.prefix(3000) + Data([0xE9]) + seed.dropFirst(3000)   // é in Latin-1
        let reference = try Fixtures.python("""
            import sys
            for path in sys.argv[1:]:
                data = open(path, 'rb').read()
                try: data.decode('utf-8'); print('valid')
                except UnicodeDecodeError as e: print(e.start, len(data))
            """, arguments: try [cut, stray].map { data in
                let url = try Fixtures.temporaryFolder().appendingPathComponent("x.txt")
                try data.write(to: url)
                return url.path
            })
        #expect(reference == "1498 1500\n3000 \(seed.count + 1)\n")
        #expect(throws: IngestError.damagedUTF8(path: "cut.txt", byteOffset: 1498, byteCount: 1500, cutShort: true)) {
            try Decoding.decode(cut, path: "cut.txt")
        }
        #expect(throws: IngestError.damagedUTF8(path: "s.txt", byteOffset: 3000, byteCount: seed.count + 1, cutShort: false)) {
            try Decoding.decode(stray, path: "s.txt")
        }
        #expect(IngestError.damagedUTF8(path: "cut.txt", byteOffset: 1498, byteCount: 1500, cutShort: true).errorDescription
                == "cut.txt: invalid UTF-8 at byte offset 1498 of 1500, in UTF-8 text: the file ends in the middle of a character, "
                + "so it looks cut short (an interrupted copy or download); copy or export it again, name its encoding with "
                + "`encoding:` if it is not UTF-8, or set `on_error: skip`")
        // Named as UTF-8 on purpose, the error is the plain one.
        #expect(throws: IngestError.undecodable(path: "cut.txt", encoding: "UTF-8", byteOffset: 1498)) {
            try Decoding.decode(cut, path: "cut.txt", encoding: .utf8)
        }
        let folder = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/bench/provincial_gov_reports_2025")
        let texts = try [String(decoding: seed, as: UTF8.self)] + FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".txt") }.sorted().map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        #expect(texts.count == 32)
        for text in texts {
            let gb = try Decoding.encode(text, as: .gb18030)
            #expect(try Decoding.decode(gb, path: "gb.txt").encoding == .gb18030)
        }
    }

    /// Big5 text decodes as GB18030 without error, as nonsense strewn with kana: it is read as Big5
    /// (Python's `big5` codec gives the same text; files with Cyrillic are left out, which Big5's
    /// variants place differently). Chinese GB18030 text with many kana in it (not
    /// Big5 either: read so it would be a third rare characters) is an error that says so; named,
    /// it is read.
    @Test func big5IsNotReadAsGB18030() throws {
        let bench = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/bench")
        let files = ["gov_work_reports/1954_071_1954年中华人民共和国国务院政府工作报告.txt",
                     "cpc_congress_reports/1_000_北京共产主义组织的报告_(一大).txt"].map { bench.appendingPathComponent($0) }
        let folder = try Fixtures.temporaryFolder()
        let reference = try Fixtures.python("""
            import sys, json
            out = []
            for i, path in enumerate(sys.argv[2:]):
                data = open(path, encoding='utf-8').read().encode('big5', errors='ignore')
                open(sys.argv[1] + f'/{i}.txt', 'wb').write(data)
                out.append(data.decode('big5'))
            print(json.dumps(out))
            """, arguments: [folder.path] + files.map(\.path))
        let expected = try JSONDecoder().decode([String].self, from: Data(reference.utf8))
        #expect(expected.count == 2)
        for (index, text) in expected.enumerated() {
            let bytes = try Data(contentsOf: folder.appendingPathComponent("\(index).txt"))
            #expect((try? Decoding.decode(bytes, path: "x", encoding: .gb18030)) != nil)  // decodes, as nonsense
            let decoded = try Decoding.decode(bytes, path: "\(index).txt")
            #expect(decoded.encoding == .iconv("BIG5"))
            #expect(decoded.text == text)
        }
        // Chinese text quoting Japanese: 36 kana in 1,000 characters.
        let seed = try String(contentsOf: Fixtures.seedFile, encoding: .utf8)
        let kana = String(seed.prefix(1000)) + String(repeating: "ひらがなとカタカナ", count: 4) + "\n"
        let bytes = try Decoding.encode(kana, as: .gb18030)
        #expect(throws: IngestError.implausibleText(path: "k.txt", encoding: "GB18030", kana: 36)) {
            try Decoding.decode(bytes, path: "k.txt")
        }
        #expect(try Decoding.decode(bytes, path: "k.txt", encoding: .gb18030).text == kana)
    }

    /// A short file gives little to go on: Big5 read as GB18030 may show no kana, and UTF-8 with a
    /// bad byte too few characters for the usual bar of damage. Read as GB18030, both are mostly
    /// characters outside GB2312, which Chinese text is not: then Big5 is tried, and damaged UTF-8
    /// found with a lower bar. Every line of the bench and the seed, in GB18030, is still read as
    /// GB18030 (the 1954 report's Traditional lines among them, a third GBK's own characters), and
    /// nine in ten of their lines that Big5 can encode are read as Big5, as Python reads them.
    @Test func shortBig5AndDamagedUTF8AreNotReadAsGB18030() throws {
        let bench = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/bench")
        var paths = [Fixtures.seedFile.path]
        for folder in try FileManager.default.contentsOfDirectory(atPath: bench.path).sorted() {
            let url = bench.appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }
            paths += names.filter { $0.hasSuffix(".txt") }.sorted().map { url.appendingPathComponent($0).path }
        }
        #expect(paths.count > 100)
        var lines = 0, validUTF8 = 0
        for path in paths {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for line in text.split(separator: "\n") where line.unicodeScalars.contains(where: { $0.value >= 0x80 }) {
                let gb = try Decoding.encode(String(line), as: .gb18030)
                // A line of a character or two can be valid UTF-8 too (通知, CD A8 D6 AA): UTF-8 it is.
                if String(data: gb, encoding: .utf8) != nil {
                    validUTF8 += 1
                    continue
                }
                let decoded = try Decoding.decode(gb, path: "line.txt")
                #expect(decoded.encoding == .gb18030 && decoded.text == String(line), "\(path): \(line.prefix(30))")
                lines += 1
            }
        }
        #expect(lines > 13_000 && validUTF8 < 10, "\(lines) \(validUTF8)")

        let reference = try Fixtures.python("""
            import sys, json
            out = []
            for path in sys.argv[1:]:
                for line in open(path, encoding='utf-8').read().split('\\n'):
                    try: data = line.encode('big5')
                    except UnicodeEncodeError: continue
                    # Big5's variants differ in C6A1-C8FE (circled numbers, kana, Cyrillic); glibc's is read.
                    pairs, i = [], 0
                    while i < len(data):
                        if data[i] < 0x80: i += 1
                        else: pairs.append((data[i], data[i + 1])); i += 2
                    if any((lead == 0xC6 and trail >= 0xA1) or lead in (0xC7, 0xC8) for lead, trail in pairs): continue
                    if sum(1 for ch in line if ord(ch) >= 0x80) >= 8: out.append([data.hex(), line])
            print(json.dumps(out))
            """, arguments: paths)
        let big5Lines = try JSONDecoder().decode([[String]].self, from: Data(reference.utf8))
        #expect(big5Lines.count > 80)
        var readAsBig5 = 0
        for pair in big5Lines {
            let bytes = Data(pair[0].hexBytes)
            guard let decoded = try? Decoding.decode(bytes, path: "b.txt"), decoded.encoding == .iconv("BIG5") else { continue }
            #expect(decoded.text == pair[1])
            readAsBig5 += 1
        }
        // 82 of 90; the rest are a dozen characters or fewer, with a kana or a rare character too few.
        #expect(readAsBig5 * 10 >= big5Lines.count * 9, "\(readAsBig5) of \(big5Lines.count)")
        // 人才工作發展國家 three times in Big5: no kana read as GB18030, seven of eight characters rare.
        let short = Data([0xA4, 0x48, 0xA4, 0x7E, 0xA4, 0x75, 0xA7, 0x40, 0xB5, 0x6F, 0xAE, 0x69, 0xB0, 0xEA, 0xAE, 0x61])
        let triple = short + short + short + Data([0xA1, 0x43, 0x0A])
        #expect(try Decoding.decode(triple, path: "s.txt") == ("人才工作發展國家人才工作發展國家人才工作發展國家。\n", .iconv("BIG5")))

        // Japanese in EUC-JP: its kana read as GB18030 are kana (GB2312 took JIS's rows), its second
        // bytes all A1 or above, which Big5 text never is: an error, not Big5 nonsense.
        let japanese = String(repeating: "日本語のテキストです。人材育成について議論します。", count: 3)
        let eucJP = try Data(Fixtures.python("import sys; sys.stdout.buffer.write(sys.argv[1].encode('euc_jp').hex().encode())",
                                             arguments: [japanese]).hexBytes)
        // In Shift-JIS its kana read as GB18030 are GBK's rare characters (82 9F…): an error too.
        let shiftJIS = try Data(Fixtures.python("import sys; sys.stdout.buffer.write(sys.argv[1].encode('shift_jis').hex().encode())",
                                                arguments: [japanese]).hexBytes)
        let kanaCount = japanese.unicodeScalars.filter { (0x3040...0x30FF).contains($0.value) }.count
        #expect(kanaCount == 42)
        #expect(throws: IngestError.implausibleText(path: "j.txt", encoding: "GB18030", kana: kanaCount)) {
            try Decoding.decode(eucJP, path: "j.txt")
        }
        #expect(throws: IngestError.shiftJISText(path: "j.txt", kana: kanaCount)) { try Decoding.decode(shiftJIS, path: "j.txt") }
        #expect(IngestError.shiftJISText(path: "j.txt", kana: 42).errorDescription == "j.txt: the bytes hold 42 Japanese kana in "
                + "Shift-JIS (read as GB18030 they are rare characters, not Chinese text); name its encoding with `encoding: shift_jis` "
                + "if it is meant, remove it from the inputs, or set `on_error: skip`")
        // Named, it is read.
        #expect(try Decoding.decode(shiftJIS, path: "j.txt", encoding: try TextEncoding.named("shift_jis")).text == japanese)
        // Korean in EUC-KR reads as common Chinese characters; its spacing and its rows give it away.
        let korean = "한국어 텍스트입니다. 인재 육성과 지역 발전에 대해 논의합니다. 정부는 오늘 새로운 경제 대책을 발표했다."
        let eucKR = try Data(Fixtures.python("import sys; sys.stdout.buffer.write(sys.argv[1].encode('euc_kr').hex().encode())",
                                             arguments: [korean]).hexBytes)
        let hangul = korean.unicodeScalars.filter { (0xAC00...0xD7A3).contains($0.value) }.count
        #expect(hangul == 43)
        #expect(throws: IngestError.koreanText(path: "k.txt", syllables: hangul)) { try Decoding.decode(eucKR, path: "k.txt") }
        #expect(try Decoding.decode(eucKR, path: "k.txt", encoding: try TextEncoding.named("euc-kr")).text == korean)

        // Katakana in UTF-8 cut short: damaged UTF-8 (its bytes pair up as Shift-JIS kana would).
        let katakana = Data("カタカナのテキスト".utf8) + Data([0xE3, 0x83])
        #expect(throws: IngestError.damagedUTF8(path: "k.txt", byteOffset: katakana.count - 2, byteCount: katakana.count, cutShort: true)) {
            try Decoding.decode(katakana, path: "k.txt")
        }

        // Six characters of UTF-8 and an unfinished seventh: damaged UTF-8, not six rare characters.
        let cut = Data("人才工作发展".utf8) + Data([0xE7, 0x94])
        #expect(throws: IngestError.damagedUTF8(path: "c.txt", byteOffset: 18, byteCount: 20, cutShort: true)) {
            try Decoding.decode(cut, path: "c.txt")
        }
    }

    @Test func undecodableGB18030NamesTheOffset() throws {
        // 0x81 0x20 is a GB18030 lead byte with an invalid trail byte.
        let bytes = Data([0xC8, 0xCB, 0x81, 0x20, 0x41])
        #expect(throws: IngestError.undecodable(path: "b.txt", encoding: "GB18030", byteOffset: 2)) {
            try Decoding.decode(bytes, path: "b.txt")
        }
    }

    @Test func unknownEncodingName() {
        #expect(throws: IngestError.unknownEncoding("klingon-8")) { try TextEncoding.named("klingon-8") }
        #expect(IngestError.unknownEncoding("klingon-8").errorDescription == "unknown encoding \"klingon-8\"; use auto, utf-8, utf-16, utf-16le, utf-16be, gb18030, gbk, gb2312, big5 or another name that iconv knows")
    }

    @Test func encodingAliases() throws {
        #expect(try TextEncoding.named("GBK") == .gb18030)
        #expect(try TextEncoding.named("gb2312") == .gb18030)
        #expect(try TextEncoding.named("UTF_8") == .utf8)
        #expect(try TextEncoding.named("auto") == nil)
    }
}

extension String {
    /// The bytes that these hexadecimal digits spell, two to a byte.
    var hexBytes: [UInt8] {
        var bytes: [UInt8] = []
        var rest = self[...]
        while rest.count >= 2, let byte = UInt8(rest.prefix(2), radix: 16) {
            bytes.append(byte)
            rest = rest.dropFirst(2)
        }
        return bytes
    }
}
