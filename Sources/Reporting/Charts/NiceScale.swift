import Foundation

/// An axis range and its ticks at round numbers: 1, 2 or 5 times a power of ten.
///
/// Design note. Of the steps 1, 2, 5 × 10^k the smallest is taken whose ticks, from the multiple of
/// the step at or below the minimum to the one at or above the maximum, make at most `maxIntervals`
/// intervals. So 0…153 gets 0, 20, …, 160 (8 intervals) rather than 0, 50, …, 200, and the bars fill
/// most of the plot. Ticks are computed as `k × step` from integers, so rounding never accumulates.
struct NiceScale: Equatable {
    /// The first tick, at or below the data's minimum.
    let lower: Double
    /// The last tick, at or above the data's maximum.
    let upper: Double
    let step: Double
    /// Digits after the decimal point that show every tick exactly, e.g. 1 for a step of 0.2.
    let fractionDigits: Int
    private let lowerMultiple: Int
    private let upperMultiple: Int

    /// A scale covering `minimum…maximum`.
    ///
    /// - Parameters:
    ///   - integersOnly: Steps below 1 are not used (for counts).
    ///   - maxIntervals: At most this many intervals between ticks; at least 1.
    init(minimum: Double, maximum: Double, maxIntervals: Int = 8, integersOnly: Bool = false) {
        // Clamped so that spans and steps stay finite and normal: charts of 1e308 are not a use case.
        var low = minimum.isFinite ? min(max(minimum, -1e300), 1e300) : 0
        var high = maximum.isFinite ? min(max(maximum, -1e300), 1e300) : 0
        if low > high { swap(&low, &high) }
        if high - low < 1e-12 * max(abs(low), abs(high)) || high - low < 1e-250 {
            // One value: give it room, from zero; around zero, show 0…1.
            if abs(high) < 1e-250 {
                low = 0
                high = 1
            } else if high > 0 {
                low = 0
            } else {
                high = 0
            }
        }
        let result = Self.choose(low: low, high: high, intervals: max(maxIntervals, 1), integersOnly: integersOnly)
        step = result.step
        lowerMultiple = result.lowerMultiple
        upperMultiple = max(result.upperMultiple, result.lowerMultiple + 1)
        lower = Double(lowerMultiple) * step
        upper = Double(upperMultiple) * step
        fractionDigits = max(0, -result.exponent)
    }

    private static func choose(low: Double, high: Double, intervals: Int, integersOnly: Bool)
        -> (step: Double, lowerMultiple: Int, upperMultiple: Int, exponent: Int)
    {
        var exponent = Int((log10((high - low) / Double(intervals))).rounded(.down))
        while true {
            for mantissa in [1.0, 2.0, 5.0] {
                let step = mantissa * pow(10, Double(exponent))
                if integersOnly && step < 1 { continue }
                // A small tolerance keeps 1.1 / 0.1 = 11.000000000000002 from becoming 12.
                let lowerMultiple = Int((low / step + 1e-9).rounded(.down))
                let upperMultiple = Int((high / step - 1e-9).rounded(.up))
                if upperMultiple - lowerMultiple <= intervals {
                    return (step, lowerMultiple, upperMultiple, exponent)
                }
            }
            exponent += 1
        }
    }

    /// Every tick from `lower` to `upper`.
    var ticks: [Double] {
        (lowerMultiple...upperMultiple).map { Double($0) * step }
    }

    /// The tick as text, with just the digits the step needs.
    func label(_ tick: Double) -> String {
        NumberText.fixed(tick, fractionDigits: fractionDigits)
    }

    /// Position of `value` between `start` (at `lower`) and `end` (at `upper`).
    func position(of value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }
}
