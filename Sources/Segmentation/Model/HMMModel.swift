/// jieba's finalseg model: a four-state hidden Markov model over Han characters.
///
/// States are numbered in the alphabetical order of their letters, B(egin)=0, E(nd)=1,
/// M(iddle)=2, S(ingle)=3, because jieba breaks ties between equal probabilities by comparing the
/// letters: with this numbering "larger letter" is simply "larger number". Every probability is a
/// natural logarithm; a missing entry is jieba's `MIN_FLOAT`, -3.14e100.
struct HMMModel: Sendable {
    static let minFloat = -3.14e100
    static let stateLetters: [Character] = ["B", "E", "M", "S"]

    /// `start_P[state]`.
    let start: [Double]
    /// `trans_P[from][to]` at `from * 4 + to`.
    let transition: [Double]
    /// `emit_P[state][character]` at `(character - 0x4E00) * 4 + state`: one character's four
    /// probabilities share a cache line.
    let emission: FlatBuffer<Double>

    /// A model from the three tables; emission entries outside `\u4E00-\u9FD5` are never looked up
    /// by jieba (finalseg only runs on that range) and are left out.
    init(start: [Double], transition: [Double], emission: FlatBuffer<Double>) {
        precondition(start.count == 4 && transition.count == 16 && emission.count == ScalarClass.hanCount * 4)
        self.start = start
        self.transition = transition
        self.emission = emission
    }

    var view: HMMView {
        HMMView(
            start: (start[0], start[1], start[2], start[3]),
            transition: transition,
            emission: UnsafePointer(emission.base))
    }
}

/// The HMM tables as plain values and a pointer, for the Viterbi loop.
struct HMMView {
    let start: (Double, Double, Double, Double)
    // Transition probabilities used by jieba's `PrevStatus` pairs.
    let eb: Double, sb: Double, mm: Double, bm: Double, ss: Double, es: Double, be: Double, me: Double
    let emission: UnsafePointer<Double>

    init(start: (Double, Double, Double, Double), transition: [Double], emission: UnsafePointer<Double>) {
        self.start = start
        self.emission = emission
        func t(_ from: Int, _ to: Int) -> Double { transition[from * 4 + to] }
        let (b, e, m, s) = (0, 1, 2, 3)
        eb = t(e, b)
        sb = t(s, b)
        mm = t(m, m)
        bm = t(b, m)
        ss = t(s, s)
        es = t(e, s)
        be = t(b, e)
        me = t(m, e)
    }
}
