/// JSON string escaping straight into a byte buffer, for the query-page hot path.
///
/// Like Salesforce (Jackson), control characters become `\uXXXX` (or `\n`, `\t`…) and
/// everything else, including non-ASCII, bidi controls and C1 controls, is sent as UTF-8.
public enum JSONEscaping {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `"text"`, escaped.
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        let piece = [UInt8](unsafeUninitializedCapacity: RawByteWriter.maximumQuoted(text)) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            var writer = RawByteWriter(start)
            writer.quoted(text)
            count = writer.cursor - start
        }
        bytes.append(contentsOf: piece)
    }

    /// Writes already-UTF-8 text, escaped, without quotes. Clean runs are copied in bulk, and
    /// the scan tests eight bytes at a time (SWAR) since most text, descriptions of several
    /// kilobytes included, needs no escaping at all. The caller reserves six bytes per input byte.
    @inline(__always)
    static func writeEscaped(_ buffer: UnsafeBufferPointer<UInt8>, to writer: inout RawByteWriter) {
        guard let base = buffer.baseAddress else { return }
        let count = buffer.count
        var runStart = 0
        var index = 0
        while index < count {
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !needsEscape(word) {
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            if byte >= 32 && byte != 34 && byte != 92 {
                index += 1
                continue
            }
            if runStart < index { writer.bytes(UnsafeBufferPointer(start: base + runStart, count: index - runStart)) }
            writer.byte(92)
            switch byte {
            case 34: writer.byte(34)
            case 92: writer.byte(92)
            case 10: writer.byte(110)
            case 13: writer.byte(114)
            case 9: writer.byte(116)
            case 8: writer.byte(98)
            case 12: writer.byte(102)
            default:
                writer.byte(117)
                writer.byte(48)
                writer.byte(48)
                writer.byte(hex[Int(byte >> 4)])
                writer.byte(hex[Int(byte & 15)])
            }
            index += 1
            runStart = index
        }
        if runStart < count { writer.bytes(UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes is a control character, `"` or `\`.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        return (control | hasQuote | hasBackslash) != 0
    }
}
