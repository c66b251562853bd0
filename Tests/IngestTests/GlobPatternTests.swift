import Foundation
import Testing
@testable import Ingest

/// The glob automaton against a plain recursive matcher written from the rules, on hand-picked and
/// random patterns and paths.
@Suite struct GlobPatternTests {
    /// The rules as a backtracking matcher: slow on some patterns, but short and plainly right.
    static func reference(_ pattern: [Character], _ text: [Character]) -> Bool {
        func match(_ p: Int, _ t: Int) -> Bool {
            if p == pattern.count { return t == text.count }
            switch pattern[p] {
            case "*":
                if p + 1 < pattern.count, pattern[p + 1] == "*" {
                    if p + 2 < pattern.count, pattern[p + 2] == "/" {
                        // `**/`: nothing, or any characters ending in `/`.
                        if match(p + 3, t) { return true }
                        var end = t
                        while end < text.count {
                            if text[end] == "/", match(p + 3, end + 1) { return true }
                            end += 1
                        }
                        return false
                    }
                    return (t...text.count).contains { match(p + 2, $0) }
                }
                var end = t
                while true {
                    if match(p + 1, end) { return true }
                    guard end < text.count, text[end] != "/" else { return false }
                    end += 1
                }
            case "?":
                return t < text.count && text[t] != "/" && match(p + 1, t + 1)
            case "[":
                // A set closes with `]` (not first) before any `/`.
                var q = p + 1
                var negated = false
                if q < pattern.count, pattern[q] == "!" || pattern[q] == "^" { negated = true; q += 1 }
                let first = q
                var members: [(Character, Character)] = []
                while q < pattern.count, pattern[q] != "/", !(pattern[q] == "]" && q > first) {
                    if q + 2 < pattern.count, pattern[q + 1] == "-", pattern[q + 2] != "]", pattern[q + 2] != "/" {
                        members.append((pattern[q], pattern[q + 2]))
                        q += 3
                    } else {
                        members.append((pattern[q], pattern[q]))
                        q += 1
                    }
                }
                guard q < pattern.count, pattern[q] == "]", q > first else {
                    return t < text.count && text[t] == "[" && match(p + 1, t + 1)
                }
                guard t < text.count else { return false }
                let c = text[t]
                let inSet = members.contains { low, high in
                    low == high ? c == low
                        : c.unicodeScalars.count == 1 && (low.unicodeScalars.first!.value...high.unicodeScalars.first!.value).contains(c.unicodeScalars.first!.value)
                }
                return (negated ? !inSet && c != "/" : inSet) && match(q + 1, t + 1)
            default:
                return t < text.count && text[t] == pattern[p] && match(p + 1, t + 1)
            }
        }
        return match(0, 0)
    }

    @Test func handPickedCases() throws {
        let cases: [(String, String, Bool)] = [
            ("*.txt", "a.txt", true), ("*.txt", "d/a.txt", false), ("**/*.txt", "a.txt", true), ("**/*.txt", "d/e/a.txt", true),
            ("**/*.txt", "da.txt", true), ("d**/a.txt", "d/e/a.txt", true), ("d/**", "d/e/a.txt", true), ("d/**", "d", false),
            ("d/**/a.txt", "d/a.txt", true), ("d/**/a.txt", "d/xa.txt", false), ("d/**/a.txt", "d/x/y/a.txt", true),
            ("?.txt", "子.txt", true), ("?.txt", "/.txt", false), ("[!a].txt", "/.txt", false), ("[a-c]*", "b1", true),
            ("[a-c]*", "d1", false), ("[[]x]", "[x]", true), ("a[", "a[", true), ("[]]", "]", true), ("[!]]", "]", false),
            ("*a*a*a*a*a*a*a*a*a*a*a*a*b", String(repeating: "a", count: 200), false),
            ("*a*a*a*a*a*a*a*a*a*a*a*a*b", String(repeating: "a", count: 200) + "b", true),
            ("**/**/**/**/**/**/x", String(repeating: "a/", count: 100) + "y", false),
        ]
        for (pattern, text, expected) in cases {
            #expect(try GlobPattern(pattern, input: pattern).matches(Array(text)) == expected, "\(pattern) ~ \(text)")
            if text.count < 30 { #expect(Self.reference(Array(pattern), Array(text)) == expected, "reference: \(pattern) ~ \(text)") }
        }
        #expect(try GlobPattern("*", input: "*/").matchesFolder(of: Array("d/a.txt")))
        #expect(try !GlobPattern("*", input: "*/").matchesFolder(of: Array("a.txt")))
        #expect(try !GlobPattern("*", input: "*/").matchesFolder(of: Array("d/")))
        #expect(try GlobPattern("d?", input: "d?/").matchesFolder(of: Array("d1/e/f.txt")))
        #expect(try !GlobPattern("d?", input: "d?/").matchesFolder(of: Array("d12/f.txt")))
    }

    /// Random patterns over a small alphabet against random paths: the automaton and the rules agree.
    @Test func randomPatternsAgreeWithTheRules() throws {
        var generator = SplitMix64(seed: 20261202)  // the same cases on every run
        let patternPieces = ["a", "b", "/", "*", "**", "**/", "?", "[ab]", "[!a]", "[a-b]", "[", "]", "子"]
        let textPieces: [Character] = ["a", "b", "c", "/", "[", "]", "子"]
        var checked = 0
        for _ in 0..<3000 {
            let pattern = (0..<Int.random(in: 0...6, using: &generator)).map { _ in patternPieces.randomElement(using: &generator)! }.joined()
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in textPieces.randomElement(using: &generator)! }
            let compiled = try GlobPattern(pattern, input: pattern)
            let expected = Self.reference(Array(pattern), text)
            #expect(compiled.matches(text) == expected, "\(pattern) ~ \(String(text))")
            // A folder match: some `/` whose prefix matches, with something after it.
            let folderExpected = text.indices.contains { text[$0] == "/" && $0 + 1 < text.count && Self.reference(Array(pattern), Array(text[..<$0])) }
            #expect(compiled.matchesFolder(of: text) == folderExpected, "folder: \(pattern) ~ \(String(text))")
            checked += expected ? 1 : 0
        }
        #expect(checked > 50)  // the random cases include matches, not only misses
    }
}

/// A small seeded generator (SplitMix64), so random cases repeat.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
