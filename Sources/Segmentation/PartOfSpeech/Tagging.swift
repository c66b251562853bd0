extension ScalarClass {
    // `#&+.` and `0-9` (scalars 0–63), then `A-Z`, `_` and `a-z` (scalars 64–127).
    private static let possegBlockMaskLow: UInt64 =
        (1 << 0x23) | (1 << 0x26) | (1 << 0x2B) | (1 << 0x2E) | (0x3FF << 0x30)
    private static let possegBlockMaskHigh: UInt64 = (0x3FF_FFFF << 1) | (1 << 31) | (0x3FF_FFFF << 33)

    /// `[\u4E00-\u9FD5a-zA-Z0-9+#&\._]`: posseg's `re_han_internal`, which unlike `jieba.cut`'s
    /// `re_han_default` leaves out `%` and `-`.
    @inline(__always)
    static func isPossegBlockScalar(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return (possegBlockMaskLow >> UInt64(scalar)) & 1 != 0 }
        if scalar < 128 { return (possegBlockMaskHigh >> UInt64(scalar - 64)) & 1 != 0 }
        return isHan(scalar)
    }
}

extension Segmenter {
    /// jieba.posseg.cut(text, HMM=usesHMM): every word with its tag, white space included.
    ///
    /// The words are those of the dictionary route, as in `cut(_:)`, each with its dictionary tag
    /// (`x` for a word without one); but each run of characters the route leaves single (two or
    /// more, not itself a dictionary word) is cut and tagged by posseg's own HMM (see
    /// `tagUnknown(_:model:)`) instead of finalseg's. Text is split into blocks of posseg's
    /// `[\u4E00-\u9FD5a-zA-Z0-9+#&\._]` (without `jieba.cut`'s `%` and `-`, so `3.5%` gives
    /// `3.5/m %/x`); outside them `\r\n` and each other white-space character is a word tagged `x`,
    /// and so is every other character. With the HMM off (`__cut_DAG_NO_HMM`) the route's words are
    /// kept, runs of single ASCII letters and digits glued into one word tagged `eng`.
    ///
    ///     segmenter.tag("我爱北京天安门", model: model)
    ///     // [我/r, 爱/v, 北京/ns, 天安门/ns]
    ///
    /// - Parameters:
    ///   - text: any text; a line at a time is the usual unit.
    ///   - model: jieba.posseg's HMM (not read when the HMM is off).
    /// - Returns: the words in order; they cover the text, as jieba's do.
    /// - Complexity: O(n·L) for the route, plus O(k·S·T) for k characters given to the HMM, S
    ///   states a character may take and T transitions per state.
    public func tag(_ text: String, model partOfSpeech: PartOfSpeechModel) -> [TaggedWord] {
        tag(text, model: partOfSpeech, detailScratch: nil)
    }

    /// `tag(_:model:)` with the HMM's working memory given (see `PartOfSpeechTagger`).
    func tag(_ text: String, model partOfSpeech: PartOfSpeechModel, detailScratch given: PartOfSpeechScratch?) -> [TaggedWord] {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return [] }
        let scratch = SegmentationScratch()
        scratch.reserve(scalarCount: bytes.count)
        let count: Int
        switch bytes.withUnsafeBufferPointer({
            UTF8Decoding.decode($0, scalars: scratch.scalars, utf8Offsets: scratch.utf8Offsets)
        }) {
        case .success(let decoded): count = decoded
        case .failure: return []  // a Swift string is always valid UTF-8
        }
        let scalars = UnsafePointer(scratch.scalars)
        let offsets = scratch.utf8Offsets
        var result: [TaggedWord] = []
        func emit(_ range: Range<Int>, _ tag: String) {
            let word = String(decoding: bytes[offsets[range.lowerBound]..<offsets[range.upperBound]], as: UTF8.self)
            result.append(TaggedWord(word: word, tag: tag))
        }
        withExtendedLifetime(model) {
            let dictionary = model.dictionary
            let view = dictionary.view
            var engine = CutEngine(dictionary: view, hmm: nil, scratch: scratch)
            var detailScratch = given
            /// `word_tag_tab.get(word, 'x')`.
            func dictionaryTag(_ range: Range<Int>) -> String {
                let node = view.node(of: UnsafeBufferPointer(start: scalars + range.lowerBound, count: range.count))
                guard node != 0 else { return PartOfSpeechModel.otherTag }
                let tag = Int(dictionary.tags.base[Int(node)])
                return tag == 0 ? PartOfSpeechModel.otherTag : dictionary.tagNames[tag - 1]
            }
            /// The buffer's part of `__cut_DAG`.
            func flush(_ buffer: Range<Int>) {
                if buffer.count == 1 {
                    emit(buffer, dictionaryTag(buffer))
                } else if !view.isWord(scalars, buffer) {
                    if detailScratch == nil { detailScratch = PartOfSpeechScratch(partOfSpeech) }
                    partOfSpeech.cutDetail(scalars, buffer, scratch: detailScratch!, emit: emit)
                } else {
                    for index in buffer { emit(index..<(index + 1), dictionaryTag(index..<(index + 1))) }
                }
            }
            let routeEnds = engine.routeEndScalarIndexes
            var index = 0
            while index < count {
                let scalar = scalars[index]
                if ScalarClass.isPossegBlockScalar(scalar) {
                    var end = index + 1
                    while end < count && ScalarClass.isPossegBlockScalar(scalars[end]) { end += 1 }
                    engine.computeRoute(index..<end)
                    var position = index
                    if usesHMM {
                        // __cut_DAG
                        var bufferStart = -1
                        while position < end {
                            let next = index + routeEnds[position - index] + 1
                            if next - position == 1 {
                                if bufferStart < 0 { bufferStart = position }
                            } else {
                                if bufferStart >= 0 {
                                    flush(bufferStart..<position)
                                    bufferStart = -1
                                }
                                emit(position..<next, dictionaryTag(position..<next))
                            }
                            position = next
                        }
                        if bufferStart >= 0 { flush(bufferStart..<end) }
                    } else {
                        // __cut_DAG_NO_HMM
                        var latinStart = -1
                        while position < end {
                            let next = index + routeEnds[position - index] + 1
                            if next - position == 1 && ScalarClass.isASCIIAlphanumeric(scalars[position]) {
                                if latinStart < 0 { latinStart = position }
                            } else {
                                if latinStart >= 0 {
                                    emit(latinStart..<position, PartOfSpeechModel.latinTag)
                                    latinStart = -1
                                }
                                emit(position..<next, dictionaryTag(position..<next))
                            }
                            position = next
                        }
                        if latinStart >= 0 { emit(latinStart..<end, PartOfSpeechModel.latinTag) }
                    }
                    index = end
                } else if scalar == 0x0D && index + 1 < count && scalars[index + 1] == 0x0A {
                    emit(index..<(index + 2), PartOfSpeechModel.otherTag)
                    index += 2
                } else if ScalarClass.isWhitespace(scalar) {
                    emit(index..<(index + 1), PartOfSpeechModel.otherTag)
                    index += 1
                } else {
                    // A piece between white space, outside blocks: each character alone, `m` if it
                    // matches `re_num`, else `eng` if the PIECE matches `re_eng` (jieba tests `x`,
                    // not `xx`), else `x`. (Neither can match outside a block; kept as jieba has it.)
                    var end = index + 1
                    while end < count && !ScalarClass.isPossegBlockScalar(scalars[end]) && !ScalarClass.isWhitespace(scalars[end]) {
                        end += 1
                    }
                    let pieceIsLatin = ScalarClass.isASCIIAlphanumeric(scalar)
                    for position in index..<end {
                        let tag = PartOfSpeechModel.isNumberScalar(scalars[position])
                            ? PartOfSpeechModel.numberTag : pieceIsLatin ? PartOfSpeechModel.latinTag : PartOfSpeechModel.otherTag
                        emit(position..<(position + 1), tag)
                    }
                    index = end
                }
            }
        }
        return result
    }

    /// posseg's `__cut_detail` of one buffer: the characters that jieba.cut gave to its HMM (finalseg).
    ///
    /// Runs of Han characters are cut and tagged at once by posseg's Viterbi over (B/M/E/S, tag)
    /// states; in between, digits and dots are words tagged `m`, runs of ASCII letters and digits
    /// starting with a letter `eng`, anything else `x`.
    ///
    ///     segmenter.tagUnknown("杭研", model: model)     // [杭/j, 研/vn]
    ///     segmenter.tagUnknown("英才卡", model: model)   // [英才卡/nr]
    ///
    /// Cheap and safe to call from several threads at once: the model is only read, the working
    /// memory is the call's own.
    ///
    /// - Parameters:
    ///   - buffer: the characters (any text; the dictionary is not consulted).
    ///   - model: jieba.posseg's HMM.
    /// - Returns: the words in order, covering the buffer.
    public func tagUnknown(_ buffer: String, model partOfSpeech: PartOfSpeechModel) -> [TaggedWord] {
        PartOfSpeechTagger(segmenter: self, model: partOfSpeech).tagUnknown(buffer)
    }
}

/// `Segmenter.tag` and `Segmenter.tagUnknown` for one thread, which keeps the HMM's working
/// memory from one call to the next (a call of those two sets it up afresh): for many short texts,
/// such as the runs a corpus's TextRank has tagged again.
///
///     let tagger = PartOfSpeechTagger(segmenter: segmenter, model: model)
///     for buffer in buffers { words += tagger.tagUnknown(buffer) }
///
/// Not for several threads at once: give each its own.
public final class PartOfSpeechTagger {
    public let segmenter: Segmenter
    public let model: PartOfSpeechModel
    private let scratch: PartOfSpeechScratch
    private var scalars: [UInt32] = []
    private var offsets: [Int] = []

    public init(segmenter: Segmenter, model: PartOfSpeechModel) {
        self.segmenter = segmenter
        self.model = model
        scratch = PartOfSpeechScratch(model)
    }

    /// `Segmenter.tag(_:model:)`.
    public func tag(_ text: String) -> [TaggedWord] {
        segmenter.tag(text, model: model, detailScratch: scratch)
    }

    /// `Segmenter.tagUnknown(_:model:)`.
    public func tagUnknown(_ buffer: String) -> [TaggedWord] {
        scalars.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        var offset = 0
        for scalar in buffer.unicodeScalars {
            scalars.append(scalar.value)
            offset += UTF8.width(scalar)
            offsets.append(offset)
        }
        guard !scalars.isEmpty else { return [] }
        var result: [TaggedWord] = []
        let offsets = self.offsets
        let scratch = self.scratch
        let model = self.model
        buffer.utf8.withContiguousStorageIfAvailable { bytes in
            scalars.withUnsafeBufferPointer { pointer in
                model.cutDetail(pointer.baseAddress!, 0..<pointer.count, scratch: scratch) { range, tag in
                    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[offsets[range.lowerBound]..<offsets[range.upperBound]]),
                                      as: UTF8.self)
                    result.append(TaggedWord(word: word, tag: tag))
                }
            }
        } ?? {
            let bytes = Array(buffer.utf8)
            scalars.withUnsafeBufferPointer { pointer in
                model.cutDetail(pointer.baseAddress!, 0..<pointer.count, scratch: scratch) { range, tag in
                    result.append(TaggedWord(word: String(decoding: bytes[offsets[range.lowerBound]..<offsets[range.upperBound]], as: UTF8.self),
                                             tag: tag))
                }
            }
        }()
        return result
    }
}
