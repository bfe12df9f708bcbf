import DealdeckCore

/// Appends `WireValue`s to JSON and CSV byte arrays in Salesforce's formats: datetimes
/// `2024-01-02T03:04:05.000+0000`, dates `2024-03-31`, currency and percent as Java doubles
/// (`15000.0`), ints plain, IDs in their 18-character form. These are the cold paths; query
/// pages write through `RawByteWriter` directly.
public enum WireValueEncoding {
    /// Appends the value as a JSON value.
    public static func appendJSON(_ value: WireValue, to bytes: inout [UInt8]) {
        append(upTo: RawByteWriter.maximumJSON(value), to: &bytes) { $0.json(value) }
    }

    /// Appends the value as one RFC 4180 CSV field. Like Bulk API 2.0 results, every value is
    /// quoted (inner quotes doubled) and null is an empty, unquoted field.
    public static func appendCSV(_ value: WireValue, to bytes: inout [UInt8]) {
        switch value {
        case .null: return
        case .string(let text): appendQuotedCSV(text, to: &bytes)
        case .id(let id): appendQuotedCSV(id.rawValue, to: &bytes)
        case .dateTime(let timestamp):
            bytes.append(34)
            append(upTo: RawByteWriter.maximumTimestamp, to: &bytes) { $0.timestampDigits(timestamp) }
            bytes.append(34)
        case .date(let date):
            bytes.append(34)
            append(upTo: 12, to: &bytes) { $0.dateDigits(date) }
            bytes.append(34)
        case .boolean, .integer, .cents, .wholeNumber:
            // The JSON spelling of these never contains a quote.
            bytes.append(34)
            appendJSON(value, to: &bytes)
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

    /// Runs `write` on a raw writer over at most `bound` bytes and appends what it wrote.
    private static func append(upTo bound: Int, to bytes: inout [UInt8], _ write: (inout RawByteWriter) -> Void) {
        let piece = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            var writer = RawByteWriter(start)
            write(&writer)
            count = writer.cursor - start
        }
        bytes.append(contentsOf: piece)
    }
}
