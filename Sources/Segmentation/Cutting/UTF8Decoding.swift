/// Strict UTF-8 decoding into Unicode scalar values, with the UTF-8 offset of every scalar.
///
/// Strict as Python's `bytes.decode('utf-8')` is: overlong forms, surrogates (U+D800–U+DFFF),
/// values past U+10FFFF and truncated sequences are errors.
enum UTF8Decoding {
    /// The 1-based line and column (in bytes) of the first byte of `bytes` that is not valid
    /// UTF-8, for an error message about a model file (call it when validation failed).
    static func positionOfFirstInvalidByte(in bytes: [UInt8]) -> (line: Int, column: Int) {
        let offset = bytes.withUnsafeBufferPointer { buffer -> Int in
            var scratch = [UInt32](repeating: 0, count: buffer.count)
            if case .failure(let error) = decode(buffer, scalars: &scratch, utf8Offsets: nil) { return error.byteOffset }
            return 0
        }
        let line = bytes[..<offset].count(where: { $0 == 0x0A }) + 1
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return (line, offset - lineStart + 1)
    }

    /// Decodes `bytes` into `scalars` (room for `bytes.count` values) and, when given,
    /// `utf8Offsets` (room for `bytes.count + 1`: each scalar's start, then the end).
    ///
    /// - Returns: the number of scalars, or the byte offset of the first invalid sequence.
    /// - Complexity: O(n) in the number of bytes.
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, scalars: UnsafeMutablePointer<UInt32>,
        utf8Offsets: UnsafeMutablePointer<Int>?
    ) -> Result<Int, InvalidUTF8> {
        guard let base = bytes.baseAddress else {
            utf8Offsets?[0] = 0
            return .success(0)
        }
        let end = bytes.count
        var offset = 0
        var count = 0
        while offset < end {
            let lead = base[offset]
            utf8Offsets?[count] = offset
            if lead < 0x80 {
                scalars[count] = UInt32(lead)
                offset += 1
                count += 1
                continue
            }
            var value: UInt32
            var length: Int
            var minimum: UInt32
            switch lead {
            case 0xC2...0xDF:
                value = UInt32(lead & 0x1F)
                length = 2
                minimum = 0x80
            case 0xE0...0xEF:
                value = UInt32(lead & 0x0F)
                length = 3
                minimum = 0x800
            case 0xF0...0xF4:
                value = UInt32(lead & 0x07)
                length = 4
                minimum = 0x10000
            default:
                return .failure(InvalidUTF8(byteOffset: offset))
            }
            guard offset + length <= end else { return .failure(InvalidUTF8(byteOffset: offset)) }
            for index in 1..<length {
                let continuation = base[offset + index]
                guard continuation & 0xC0 == 0x80 else { return .failure(InvalidUTF8(byteOffset: offset)) }
                value = (value << 6) | UInt32(continuation & 0x3F)
            }
            guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else {
                return .failure(InvalidUTF8(byteOffset: offset))
            }
            scalars[count] = value
            offset += length
            count += 1
        }
        utf8Offsets?[count] = end
        return .success(count)
    }

    /// Decodes a short byte string into an array of scalar values.
    static func scalars(of bytes: UnsafeBufferPointer<UInt8>) -> Result<[UInt32], InvalidUTF8> {
        if bytes.isEmpty { return .success([]) }
        var failure: InvalidUTF8?
        let result = [UInt32](unsafeUninitializedCapacity: bytes.count) { buffer, initializedCount in
            switch decode(bytes, scalars: buffer.baseAddress!, utf8Offsets: nil) {
            case .success(let count): initializedCount = count
            case .failure(let error):
                failure = error
                initializedCount = 0
            }
        }
        if let failure { return .failure(failure) }
        return .success(result)
    }
}

/// Where a byte string stops being UTF-8.
struct InvalidUTF8: Error, Equatable {
    let byteOffset: Int
}
