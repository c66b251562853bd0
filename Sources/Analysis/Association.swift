import Foundation

/// Association scores of two words from their 2×2 contingency table.
///
/// Rows: units (or span positions) with word a / without; columns: with word b / without.
/// O11 = `joint`, R1 = `rowTotal` (= `freqA` for co-occurrence in units, the total span size for
/// collocates), C1 = `freqB`, N = `total`; E_ij = R_i·C_j / N. See the README, "Analyses and their measures", for each formula.
///
///     let scores = Association(joint: 8, freqA: 10, freqB: 20, total: 100)
///     scores.expected   // 2.0
///     scores.pmi        // 2.0 = log2(8 / 2)
///
/// Undefined values follow IEEE arithmetic: a pair that never co-occurs has PMI, MI3 and logDice
/// −∞, NPMI −1 (Bouma 2009) and t-score −∞; NaN marks a table with an empty margin.
public struct Association: Sendable, Equatable {
    /// O11: units holding both words (co-occurrences in the span for collocates).
    public let joint: Int
    /// Units holding word a (the keyword's frequency for collocates).
    public let freqA: Int
    /// Units holding word b (the collocate's frequency for collocates).
    public let freqB: Int
    /// N: units (tokens for collocates).
    public let total: Int
    /// R1: the table's first row total; `freqA` except for collocates, where it is the span size.
    public let rowTotal: Int
    /// 14 + log2(Dice) (Rychlý 2008); stored, as tables sort by it.
    public let logDice: Double

    // Design note. Tables of a large corpus hold hundreds of thousands of scored pairs; only the
    // counts (and logDice, the sort key) are stored, every other measure is computed when read,
    // from the same formulas, so a row is small and costs nothing until it is written.

    /// E11 = R1·C1 / N.
    public var expected: Double { Double(rowTotal) * Double(freqB) / Double(total) }
    /// log2(O11 / E11).
    public var pmi: Double { log2(Double(joint) / expected) }
    /// PMI / −log2(O11 / N), in [−1, 1] (Bouma 2009).
    public var npmi: Double {
        if joint == 0 { return -1 }
        // Both words in every unit: the limit of perfect co-occurrence.
        if joint == total { return 1 }
        return pmi / -log2(Double(joint) / Double(total))
    }
    /// log2(O11³ / E11) (Daille 1994; Oakes 1998).
    public var mi3: Double {
        let o11 = Double(joint)
        return log2(o11 * o11 * o11 / expected)
    }
    /// Log-likelihood G² = 2 Σ O_ij ln(O_ij / E_ij) over the four cells, 0·ln 0 = 0 (Dunning 1993).
    public var g2: Double {
        let o11 = Double(joint)
        let r1 = Double(rowTotal)
        let c1 = Double(freqB)
        let n = Double(total)
        let o12 = r1 - o11
        let o21 = c1 - o11
        let o22 = n - r1 - c1 + o11
        let e11 = r1 * c1 / n
        let e12 = r1 * (n - c1) / n
        let e21 = (n - r1) * c1 / n
        let e22 = (n - r1) * (n - c1) / n
        // Rounding can leave −1e-16 for an exactly independent table.
        return max(0, 2 * (Self.xlogx(o11, e11) + Self.xlogx(o12, e12) + Self.xlogx(o21, e21) + Self.xlogx(o22, e22)))
    }
    /// 2·O11 / (R1 + C1): `freqA + freqB` for co-occurrence in units, span size + collocate
    /// frequency for collocates (see `init(joint:rowTotal:freqA:freqB:total:)`); in [0, 1].
    public var dice: Double { 2 * Double(joint) / Double(rowTotal + freqB) }
    /// O11 / (R1 + C1 − O11), in [0, 1].
    public var jaccard: Double { Double(joint) / Double(rowTotal + freqB - joint) }
    /// (O11 − E11) / √O11 (Church et al. 1991).
    public var tScore: Double {
        let o11 = Double(joint)
        return (o11 - expected) / o11.squareRoot()
    }

    /// Scores of co-occurrence in units, where R1 is `freqA`.
    public init(joint: Int, freqA: Int, freqB: Int, total: Int) {
        self.init(joint: joint, rowTotal: freqA, freqA: freqA, freqB: freqB, total: total)
    }

    /// Scores of any 2×2 table with first row total `rowTotal`: every measure, Dice, logDice and
    /// Jaccard too, is of this table.
    ///
    /// Design note. For collocates R1 is the size of the keyword's spans, not its frequency
    /// (`freqA`), in Dice as in the other measures. Rychlý (2008) writes Dice with the frequency
    /// of the node; in a span of ±5 words, though, a keyword token can have its collocate twice,
    /// so O11 may pass the keyword's frequency, and Dice then passes 1, Jaccard 1 and logDice 14
    /// (an audit found 服贸会's collocate 博会 at logDice 14.36, first in its list). With R1, O11 ≤
    /// R1 and O11 ≤ C1 hold by construction, so the bounds hold; KorAP (IDS Mannheim) scores
    /// window collocates the same way, 14 + log2(2·O / (window size · f1 + f2)).
    public init(joint: Int, rowTotal: Int, freqA: Int, freqB: Int, total: Int) {
        self.joint = joint
        self.freqA = freqA
        self.freqB = freqB
        self.total = total
        self.rowTotal = rowTotal
        logDice = 14 + log2(2 * Double(joint) / Double(rowTotal + freqB))
    }

    /// O·ln(O/E), 0 when O = 0.
    static func xlogx(_ observed: Double, _ expected: Double) -> Double {
        observed > 0 ? observed * log(observed / expected) : 0
    }
}
