/// JSON string escaping straight into a byte buffer, for the query-page hot path.
///
/// Like Salesforce (Jackson), control characters become `\uXXXX` (or `\n`, `\t`…) and
/// everything else, including non-ASCII, bidi controls and C1 controls, is sent as UTF-8.
public enum JSONEscaping {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `"text"`, escaped.
    @inline(__always)
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(34)
        var text = text
        text.withUTF8 { buffer in appendEscaped(buffer, to: &bytes) }
        bytes.append(34)
    }

    /// Appends already-UTF-8 text, escaped, without quotes. Clean runs are copied in bulk.
    public static func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var runStart = 0
        var index = 0
        let count = buffer.count
        while index < count {
            let byte = buffer[index]
            if byte >= 32 && byte != 34 && byte != 92 {
                index += 1
                continue
            }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index])) }
            switch byte {
            case 34: bytes.append(92); bytes.append(34)
            case 92: bytes.append(92); bytes.append(92)
            case 10: bytes.append(92); bytes.append(110)
            case 13: bytes.append(92); bytes.append(114)
            case 9: bytes.append(92); bytes.append(116)
            case 8: bytes.append(92); bytes.append(98)
            case 12: bytes.append(92); bytes.append(102)
            default:
                bytes.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
            index += 1
            runStart = index
        }
        if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<count])) }
    }
}
