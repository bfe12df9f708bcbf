/// Reads Bulk API 2.0 CSV results (RFC 4180): fields separated by a delimiter, records by LF or
/// CRLF, quoted fields that may hold delimiters, line breaks and doubled quotes (`""`).
///
/// Salesforce writes a null as an empty unquoted field and every text value quoted, so an
/// unquoted empty field reads as `nil` and a quoted empty one as `""`.
enum CSVReader {
    struct Failure: Error, Sendable {
        var line: Int
        var message: String
    }

    /// Every record of `bytes`, the header row included.
    ///
    /// Each field is found by scanning for its end and decoded from the input bytes in one go;
    /// only a quoted field holding doubled quotes is copied byte by byte.
    static func records(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8 = UInt8(ascii: ",")) throws(Failure) -> [[String?]] {
        var records: [[String?]] = []
        var record: [String?] = []
        var index = 0
        var line = 1
        let count = bytes.count
        let quote = UInt8(ascii: "\"")
        let newline: UInt8 = 0x0A
        let carriageReturn: UInt8 = 0x0D

        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        // Invariant at the top of the loop: `index` is at the start of a field.
        while index < count {
            let byte = bytes[index]
            if record.isEmpty && (byte == newline || byte == carriageReturn) {
                // A blank line is no record (a trailing extra newline, for instance).
                index += (byte == carriageReturn && index + 1 < count && bytes[index + 1] == newline) ? 2 : 1
                line += 1
                continue
            }
            if byte == quote {
                // A quoted field: read to the closing quote, turning "" into ".
                let start = index + 1
                index = start
                var escaped: [UInt8]?
                var closed = false
                while index < count {
                    let inner = bytes[index]
                    if inner == quote {
                        if index + 1 < count, bytes[index + 1] == quote {
                            if escaped == nil { escaped = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index])) }
                            escaped?.append(quote)
                            index += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if inner == newline { line += 1 }
                    escaped?.append(inner)
                    index += 1
                }
                guard closed else { throw Failure(line: line, message: "a quoted field is not closed") }
                record.append(escaped.map { String(decoding: $0, as: UTF8.self) } ?? text(start..<index))
                index += 1
                // After the closing quote only a delimiter or a line break may follow.
                if index < count, bytes[index] != delimiter, bytes[index] != newline, bytes[index] != carriageReturn {
                    throw Failure(line: line, message: "text after a closing quote")
                }
            } else {
                let start = index
                while index < count, bytes[index] != delimiter, bytes[index] != newline, bytes[index] != carriageReturn { index += 1 }
                record.append(index > start ? text(start..<index) : nil)
            }
            // The field ends at a delimiter, a line break or the end of the input.
            guard index < count else { break }
            let end = bytes[index]
            if end == delimiter {
                index += 1
                if index == count { record.append(nil) }
            } else {
                records.append(record)
                record = []
                index += (end == carriageReturn && index + 1 < count && bytes[index + 1] == newline) ? 2 : 1
                line += 1
            }
        }
        // A last record without a line break.
        if !record.isEmpty { records.append(record) }
        return records
    }
}
