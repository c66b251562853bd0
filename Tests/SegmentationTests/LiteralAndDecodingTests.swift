import Testing

@testable import Segmentation

/// The Python literal reader and the UTF-8 decoder.
@Suite struct LiteralAndDecodingTests {
    @Test func pythonLiteralWithImportsEscapesAndExponents() throws {
        let source = """
            from __future__ import unicode_literals
            # a comment
            P={'B': {'\\u4e00': -3.65, "\\U00020000": 1e-3, u'乙': -3.14e+100,},
             'S': {}}
            """
        let value = try PythonLiteral.assignment(named: "P", in: source)
        #expect(value == .dictionary([
            ("B", .dictionary([("一", .number(-3.65)), ("𠀀", .number(0.001)), ("乙", .number(-3.14e100))])),
            ("S", .dictionary([])),
        ]))
    }

    @Test func pythonLiteralErrorsHaveLineAndColumn() {
        #expect(throws: PythonLiteral.ParseError(line: 2, column: 7, message: "unterminated string")) {
            try PythonLiteral.assignment(named: "P", in: "P = {\n 'B': 'x\n}")
        }
        #expect(throws: PythonLiteral.ParseError(line: 1, column: 1, message: "expected `P = {…}`, found \"Q\"")) {
            try PythonLiteral.assignment(named: "P", in: "Q = 1")
        }
    }

    @Test func strictUTF8() {
        func decode(_ bytes: [UInt8]) -> Result<[UInt32], InvalidUTF8> {
            bytes.withUnsafeBufferPointer { UTF8Decoding.scalars(of: $0) }
        }
        #expect(decode(Array("a中𠀀".utf8)) == .success([0x61, 0x4E2D, 0x20000]))
        #expect(decode([0xC0, 0x80]) == .failure(InvalidUTF8(byteOffset: 0)))  // overlong
        #expect(decode([0x61, 0xED, 0xA0, 0x80]) == .failure(InvalidUTF8(byteOffset: 1)))  // surrogate
        #expect(decode([0xF4, 0x90, 0x80, 0x80]) == .failure(InvalidUTF8(byteOffset: 0)))  // past U+10FFFF
        #expect(decode([0xE4, 0xB8]) == .failure(InvalidUTF8(byteOffset: 0)))  // truncated
        #expect(decode([]) == .success([]))
    }

    @Test func whitespaceIsPythonsStrIsspace() {
        let python: [UInt32] = [0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680]
            + Array(0x2000...0x200A) + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
        let ours = (0...0x10FFFF).filter { ScalarClass.isWhitespace(UInt32($0)) }.map { UInt32($0) }
        #expect(ours == python)
    }

    @Test func whitespaceWordsAreRecognisedFromTheirUTF8() {
        for scalar in (0...0x10FFFF).compactMap(Unicode.Scalar.init) where scalar.value < 0x3100 || scalar.value == 0x4E00 {
            let bytes = Array(String(scalar).utf8)
            let isWhitespace = bytes.withUnsafeBufferPointer { Segmenter.isWhitespaceWord(utf8: $0) }
            #expect(isWhitespace == Segmenter.isWhitespace(scalar), "U+\(String(scalar.value, radix: 16))")
        }
        #expect(Array("\r\n".utf8).withUnsafeBufferPointer { Segmenter.isWhitespaceWord(utf8: $0) })
        #expect(![UInt8]().withUnsafeBufferPointer { Segmenter.isWhitespaceWord(utf8: $0) })
    }

    @Test func blockCharactersAreJiebasReHanDefault() {
        let ascii = (0..<128).filter { ScalarClass.isBlockScalar(UInt32($0)) }.map { Character(UnicodeScalar($0)!) }
        #expect(String(ascii) == "#%&+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
        #expect(ScalarClass.isBlockScalar(0x4E00) && ScalarClass.isBlockScalar(0x9FD5))
        #expect(!ScalarClass.isBlockScalar(0x4DFF) && !ScalarClass.isBlockScalar(0x9FD6))
    }
}
