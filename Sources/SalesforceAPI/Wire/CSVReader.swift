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
    static func records(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8 = UInt8(ascii: ",")) throws(Failure) -> [[String?]] {
        var records: [[String?]] = []
        var record: [String?] = []
        var field: [UInt8] = []
        var index = 0
        var line = 1
        let count = bytes.count
        let quote = UInt8(ascii: "\"")
        var atFieldStart = true
        var quoted = false

        func finishField() {
            if quoted || !field.isEmpty {
                record.append(String(decoding: field, as: UTF8.self))
            } else {
                record.append(nil)
            }
            field.removeAll(keepingCapacity: true)
            quoted = false
            atFieldStart = true
        }

        while index < count {
            let byte = bytes[index]
            if atFieldStart && byte == quote {
                // A quoted field: read to the closing quote, turning "" into ".
                quoted = true
                atFieldStart = false
                index += 1
                var closed = false
                while index < count {
                    let inner = bytes[index]
                    if inner == quote {
                        if index + 1 < count, bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if inner == 0x0A { line += 1 }
                    field.append(inner)
                    index += 1
                }
                guard closed else { throw Failure(line: line, message: "a quoted field is not closed") }
                // After the closing quote only a delimiter or a line break may follow.
                if index < count, bytes[index] != delimiter, bytes[index] != 0x0A, bytes[index] != 0x0D {
                    throw Failure(line: line, message: "text after a closing quote")
                }
                continue
            }
            if atFieldStart && record.isEmpty && (byte == 0x0A || byte == 0x0D) {
                // A blank line is no record (a trailing extra newline, for instance).
                index += (byte == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A) ? 2 : 1
                line += 1
                continue
            }
            atFieldStart = false
            if byte == delimiter {
                finishField()
                index += 1
            } else if byte == 0x0A || byte == 0x0D {
                finishField()
                records.append(record)
                record = []
                index += (byte == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A) ? 2 : 1
                line += 1
            } else {
                field.append(byte)
                index += 1
            }
        }
        // A last record without a line break.
        if !atFieldStart || !record.isEmpty {
            finishField()
            records.append(record)
        }
        return records
    }
}
