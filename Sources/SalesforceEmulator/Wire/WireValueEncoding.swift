import DealdeckCore

/// Appends `WireValue`s to JSON and CSV buffers in Salesforce's formats: datetimes
/// `2024-01-02T03:04:05.000+0000`, dates `2024-03-31`, currency and percent as Java doubles
/// (`15000.0`), ints plain, IDs in their 18-character form.
public enum WireValueEncoding {
    /// Appends the value as a JSON value.
    @inline(__always)
    public static func appendJSON(_ value: WireValue, to bytes: inout [UInt8]) {
        switch value {
        case .null: bytes.append(contentsOf: [110, 117, 108, 108])
        case .string(let text): JSONEscaping.appendQuoted(text, to: &bytes)
        case .id(let id):
            // IDs are alphanumeric: no escaping needed.
            bytes.append(34)
            bytes.append(contentsOf: id.rawValue.utf8)
            bytes.append(34)
        case .boolean(let flag): bytes.append(contentsOf: flag ? [116, 114, 117, 101] : [102, 97, 108, 115, 101])
        case .integer(let number): WireNumberFormat.appendInteger(number, to: &bytes)
        case .cents(let cents): WireNumberFormat.appendDouble(cents: cents, to: &bytes)
        case .wholeNumber(let number): WireNumberFormat.appendDouble(cents: Int64(number) * 100, to: &bytes)
        case .date(let date):
            bytes.append(34)
            appendDate(date, to: &bytes)
            bytes.append(34)
        case .dateTime(let timestamp):
            bytes.append(34)
            timestamp.appendWireForm(to: &bytes)
            bytes.append(34)
        }
    }

    /// Appends the value as one RFC 4180 CSV field. Like Bulk API 2.0 results, every value is
    /// quoted (inner quotes doubled) and null is an empty, unquoted field.
    public static func appendCSV(_ value: WireValue, to bytes: inout [UInt8]) {
        switch value {
        case .null: return
        case .string(let text): appendQuotedCSV(text, to: &bytes)
        default:
            bytes.append(34)
            switch value {
            case .id(let id): bytes.append(contentsOf: id.rawValue.utf8)
            case .boolean(let flag): bytes.append(contentsOf: flag ? [116, 114, 117, 101] : [102, 97, 108, 115, 101])
            case .integer(let number): WireNumberFormat.appendInteger(number, to: &bytes)
            case .cents(let cents): WireNumberFormat.appendDouble(cents: cents, to: &bytes)
            case .wholeNumber(let number): WireNumberFormat.appendDouble(cents: Int64(number) * 100, to: &bytes)
            case .date(let date): appendDate(date, to: &bytes)
            case .dateTime(let timestamp): timestamp.appendWireForm(to: &bytes)
            case .null, .string: break
            }
            bytes.append(34)
        }
    }

    /// Appends text as a CSV field, always quoted, inner quotes doubled.
    public static func appendQuotedCSV(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(34)
        for byte in text.utf8 {
            if byte == 34 { bytes.append(34) }
            bytes.append(byte)
        }
        bytes.append(34)
    }

    /// Appends `yyyy-MM-dd`.
    @inline(__always)
    public static func appendDate(_ date: CalendarDate, to bytes: inout [UInt8]) {
        appendDigits(date.year, 4, to: &bytes)
        bytes.append(45)
        appendDigits(date.month, 2, to: &bytes)
        bytes.append(45)
        appendDigits(date.day, 2, to: &bytes)
    }

    @inline(__always)
    private static func appendDigits(_ value: Int, _ width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            bytes.append(UInt8(48 + (remaining / divisor) % 10))
            remaining %= divisor
            divisor /= 10
        }
    }
}
