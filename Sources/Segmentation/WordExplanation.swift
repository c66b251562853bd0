import Foundation

/// Why a word is or is not kept whole: what `Segmenter.explain(_:)` returns.
///
/// jieba keeps a string whole when it is a dictionary word whose log probability beats every way of
/// splitting it, or when the HMM joins characters the dictionary leaves single. This gathers the
/// evidence for one word standing alone.
public struct WordExplanation: Sendable, Equatable, CustomStringConvertible {
    /// One piece of the dictionary route, with its score.
    public struct RoutePiece: Sendable, Equatable {
        /// The piece.
        public let text: String
        /// Its frequency, `nil` when it is no dictionary word (it then scores as frequency 1).
        public let frequency: Int?
        /// `log(frequency or 1) - log(total)`.
        public let logProbability: Double
    }

    /// A dictionary line that defines the word.
    public struct Definition: Sendable, Equatable {
        /// The dictionary file.
        public let path: String
        /// The 1-based line number.
        public let line: Int
        /// The line as written (stripped).
        public let text: String
    }

    /// The word asked about.
    public let word: String
    /// What the segmenter makes of the word on its own.
    public let tokens: [String]
    /// Whether `tokens` is the word itself.
    public var isKeptWhole: Bool { tokens == [word] }
    /// Whether the HMM was on.
    public let usesHMM: Bool
    /// `FREQ.get(word)`: `nil` if absent, 0 for a mere prefix of longer words or a deleted word.
    public let frequency: Int?
    /// `log(frequency) - log(total)` when the frequency is above 0.
    public let logProbability: Double?
    /// Every dictionary line (main, then user dictionaries in order) that defines the word.
    public let definitions: [Definition]
    /// The best route through the dictionary (before any HMM), piece by piece.
    public let route: [RoutePiece]
    /// The best way to split the word (a route that does not take the whole word), when the word is
    /// a dictionary word and such a split exists.
    public let bestSplit: [RoutePiece]?
    /// What jieba's `suggest_freq(word)` gives now: the frequency a user dictionary line without
    /// a frequency would receive.
    public let suggestedFrequency: Int
    /// A scalar that keeps the word from ever being one token (white space, or outside
    /// `re_han_default`), if there is one.
    public let blockingScalar: Unicode.Scalar?

    /// The explanation in a few lines of English.
    public var description: String {
        var lines: [String] = []
        let shownTokens = tokens.joined(separator: " / ")
        let mode = usesHMM ? "HMM on" : "HMM off"
        lines.append(
            isKeptWhole
                ? "\(word): kept whole (\(mode))"
                : "\(word): split as \(shownTokens) (\(mode))")
        if let blockingScalar {
            let name = String(format: "U+%04X", blockingScalar.value)
            let kind = Segmenter.isWhitespace(blockingScalar) ? "white space" : "a character outside jieba's word characters"
            lines.append(
                "  it contains \(name) \"\(blockingScalar)\", \(kind): jieba cuts text apart there before looking words up "
                    + "(word characters are Han \\u4E00-\\u9FD5, ASCII letters and digits and + # & . _ % -), "
                    + "so no dictionary entry can keep it whole")
            return lines.joined(separator: "\n")
        }
        switch frequency {
        case .none:
            lines.append("  not in the dictionary (neither the main dictionary nor any user dictionary)")
        case .some(0):
            if definitions.isEmpty {
                lines.append("  not a dictionary word: only the start of longer words (frequency 0)")
            } else {
                lines.append("  deleted: its frequency is 0")
            }
        case .some(let value):
            lines.append("  dictionary word, frequency \(value), log P = \(Self.format(logProbability ?? .nan))")
        }
        for definition in definitions {
            lines.append("  defined at \(definition.path):\(definition.line): \(definition.text)")
        }
        let routeScore = route.reduce(0.0) { $0 + $1.logProbability }
        lines.append("  best dictionary route: \(Self.describe(route)) = \(Self.format(routeScore))")
        if let bestSplit {
            let splitScore = bestSplit.reduce(0.0) { $0 + $1.logProbability }
            lines.append("  best split: \(Self.describe(bestSplit)) = \(Self.format(splitScore))")
        } else if let frequency, frequency > 0, route.count == 1 {
            lines.append("  no other dictionary word starts where it starts, so the route cannot split it")
        }
        let routeTexts = route.map(\.text)
        if usesHMM && routeTexts != tokens {
            lines.append(
                "  the HMM re-cut the single characters the route left (a run that is no dictionary word), "
                    + "giving \(shownTokens)")
        }
        if !isKeptWhole {
            if let frequency, frequency > 0 {
                lines.append(
                    "  to keep it whole, raise its frequency in a user dictionary, e.g. \"\(word) \(suggestedFrequency)\" "
                        + "(jieba's suggest_freq)")
            } else if frequency == 0, let deleting = definitions.last {
                // Deleted by a dictionary line of frequency 0 (the last definition wins): that line is the cause.
                lines.append(
                    "  to keep it whole, remove the line that deletes it (\(deleting.path):\(deleting.line): \(deleting.text)), "
                        + "or give it a frequency there, e.g. \"\(word) \(suggestedFrequency)\" (jieba's suggest_freq)")
            } else {
                lines.append(
                    "  to keep it whole, add the line \"\(word)\" to a user dictionary "
                        + "(jieba then gives it frequency \(suggestedFrequency), its suggest_freq)")
            }
        }
        lines.append(
            "  in running text the neighbouring characters take part in the route too, "
                + "so the result there can differ")
        return lines.joined(separator: "\n")
    }

    private static func describe(_ pieces: [RoutePiece]) -> String {
        pieces.map { piece in
            let frequency = piece.frequency.map { "freq \($0)" } ?? "not a word"
            return "\(piece.text) (\(frequency), \(format(piece.logProbability)))"
        }.joined(separator: " + ")
    }

    static func format(_ value: Double) -> String {
        value.isNaN ? "?" : String(format: "%.2f", value)
    }
}
