/// A glob pattern below a folder, matched without backtracking.
///
/// `*` any characters but `/`, `**` any characters (`**/` none or more folders), `?` one character
/// but `/`, `[…]` one character of a set as POSIX shells take it (`!` or `^` first negates it, `]`
/// first is a member, `a-z` is a range of code points; a negated set does not match `/` either), a
/// `[` that closes no set within its path component matches itself (`[[]` matches `[`). Every
/// other character matches itself.
///
///     let pattern = try GlobPattern("2021-*/**/*.txt", input: "in/2021-*/**/*.txt")
///     pattern.matches("2021-10/a/b.txt")   // true
///
/// Design note. The pattern was a regular expression, and Swift's engine backtracks: a name
/// matched against `*a*a*a*a*a*b` took time exponential in the stars. Here the pattern is a small
/// automaton whose states are all followed at once (Thompson's construction), so a match costs at
/// most the pattern's length times the path's, whatever the pattern.
struct GlobPattern: Sendable {
    /// One step of the automaton.
    enum Node: Sendable {
        /// Consumes a character that is this one.
        case character(Character)
        /// Consumes any character but `/`.
        case anyButSlash
        /// Consumes a character of the set (`negated`: one not in it, never `/`).
        case set(members: [ClosedRange<UInt32>], singles: Set<Character>, negated: Bool)
        /// `*`: loops on characters but `/`; may be left without consuming.
        case star
        /// `**` not followed by `/`: loops on any character; may be left without consuming.
        case anything
        /// `**/`: may be left without consuming; or loops on any characters and is left by a `/`.
        case folders
    }

    let nodes: [Node]

    /// - Throws: `IngestError.badPattern` for a range that runs backwards (`[z-a]`).
    init(_ pattern: String, input: String) throws {
        var nodes: [Node] = []
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    let followedBySlash = index + 2 < characters.count && characters[index + 2] == "/"
                    nodes.append(followedBySlash ? .folders : .anything)
                    index += followedBySlash ? 3 : 2
                    continue
                }
                // `**` is the same automaton as `*`; two stars in a row would only add states.
                if case .star = nodes.last {} else { nodes.append(.star) }
            case "?": nodes.append(.anyButSlash)
            case "[":
                if let (set, next) = try Self.bracketSet(characters, at: index, input: input) {
                    nodes.append(set)
                    index = next
                    continue
                }
                nodes.append(.character("["))
            default:
                nodes.append(.character(character))
            }
            index += 1
        }
        self.nodes = nodes
    }

    /// The set of the bracket expression opening at `start`, and the index after it; `nil` when
    /// no `]` closes it within the path component.
    private static func bracketSet(_ characters: [Character], at start: Int, input: String) throws -> (Node, Int)? {
        var index = start + 1
        var negated = false
        if index < characters.count, characters[index] == "!" || characters[index] == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var singles: Set<Character> = []
        let first = index
        while index < characters.count, characters[index] != "/" {
            let character = characters[index]
            if character == "]" && index > first {
                return (.set(members: ranges, singles: singles, negated: negated), index + 1)
            }
            if index + 2 < characters.count, characters[index + 1] == "-", characters[index + 2] != "]", characters[index + 2] != "/" {
                let low = characters[index], high = characters[index + 2]
                guard let lowScalar = low.unicodeScalars.first, let highScalar = high.unicodeScalars.first,
                      lowScalar.value <= highScalar.value else {
                    throw IngestError.badPattern(input: input, reason: "the range \(low)-\(high) runs backwards; write it \(high)-\(low)")
                }
                ranges.append(lowScalar.value...highScalar.value)
                index += 3
            } else {
                singles.insert(character)
                index += 1
            }
        }
        return nil
    }

    /// Whether the whole of `text` matches.
    func matches<S: Sequence>(_ text: S) -> Bool where S.Element == Character {
        run(text, folder: false)
    }

    /// Whether `text` is a folder the pattern matches, then `/`, then at least one character: the
    /// files below a matched folder (a pattern that ends in `/`).
    func matchesFolder<S: Sequence>(of text: S) -> Bool where S.Element == Character {
        run(text, folder: true)
    }

    /// Follows every state at once over `text`: whether it all matches, or (`folder`) whether a
    /// `/` that follows a match is followed by a character.
    private func run<S: Sequence>(_ text: S, folder: Bool) -> Bool where S.Element == Character {
        // State i: about to match node i; state `nodes.count`: matched. `folders` has a second
        // state, inside its folders (index `count + 1 + i`).
        let count = nodes.count
        var current = [Bool](repeating: false, count: 2 * count + 1)
        var next = current
        func add(_ state: Int, to states: inout [Bool]) {
            var state = state
            while state < count, !states[state] {
                states[state] = true
                switch nodes[state] {
                case .star, .anything: state += 1
                case .folders:
                    states[count + 1 + state] = true
                    state += 1
                default: return
                }
            }
            if state == count { states[count] = true }
        }
        add(0, to: &current)
        var folderMatched = false
        for character in text {
            if folderMatched { return true }
            if folder, current[count], character == "/" { folderMatched = true }
            for index in next.indices { next[index] = false }
            var any = false
            for state in 0..<count {
                if current[state] {
                    switch nodes[state] {
                    case .character(let expected):
                        if character == expected { add(state + 1, to: &next); any = true }
                    case .anyButSlash:
                        if character != "/" { add(state + 1, to: &next); any = true }
                    case .set(let ranges, let singles, let negated):
                        let value = character.unicodeScalars.count == 1 ? character.unicodeScalars.first!.value : nil
                        let member = singles.contains(character) || (value.map { v in ranges.contains { $0.contains(v) } } ?? false)
                        if negated ? (!member && character != "/") : member { add(state + 1, to: &next); any = true }
                    case .star:
                        if character != "/" { add(state, to: &next); any = true }
                    case .anything:
                        add(state, to: &next)
                        any = true
                    case .folders:
                        break  // its inner state consumes
                    }
                }
                if case .folders = nodes[state], current[count + 1 + state] {
                    next[count + 1 + state] = true
                    any = true
                    if character == "/" { add(state + 1, to: &next) }
                }
            }
            swap(&current, &next)
            // No state left: nothing longer matches (a matched folder only needs one more character).
            if !any && !folderMatched { return false }
        }
        return folder ? false : current[count]
    }
}
