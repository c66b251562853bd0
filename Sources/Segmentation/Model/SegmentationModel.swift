/// Everything a segmenter needs, compiled: the prefix dictionary (main plus user dictionaries),
/// the HMM when it is used, and the remarks made while reading user dictionaries.
struct SegmentationModel: Sendable {
    let dictionary: CompiledDictionary
    let hmm: HMMModel?
    let diagnostics: [SegmenterDiagnostic]
}
