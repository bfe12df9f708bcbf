#if canImport(Glibc)
import Glibc
#endif

/// Receives the fields of CSV input as `CSVReader.scan` finds them.
public protocol CSVVisitor {
    /// One field: its bytes with quoting undone (valid only during the call), and whether it
    /// was quoted (Salesforce writes a null as an empty unquoted field, every text quoted).
    mutating func field(_ bytes: UnsafeRawBufferPointer, quoted: Bool) throws
    /// The end of a record (never called for a blank line).
    mutating func endRecord() throws
}

/// Reads Bulk API 2.0 CSV results (RFC 4180): fields separated by a delimiter, records by LF or
/// CRLF, quoted fields that may hold delimiters, line breaks and doubled quotes (`""`).
///
/// Salesforce writes a null as an empty unquoted field and every text value quoted, so an
/// unquoted empty field reads as `nil` and a quoted empty one as `""`.
public enum CSVReader {
    public struct Failure: Error, Sendable {
        public var line: Int
        public var message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// Every record of `bytes`, the header row included.
    static func records(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8 = UInt8(ascii: ",")) throws(Failure) -> [[String?]] {
        var collector = Collector()
        do {
            try scan(bytes, delimiter: delimiter, into: &collector)
        } catch let failure as Failure {
            throw failure
        } catch {
            // The collector itself never throws.
            throw Failure(line: 0, message: String(describing: error))
        }
        return collector.records
    }

    /// Hands every field and record end of `bytes` to `visitor`, in order. Each field is found
    /// by scanning for its end and passed as a view of the input; only a quoted field holding
    /// doubled quotes is copied, to undo them.
    ///
    /// - Throws: `Failure` for input that is not CSV, or what the visitor throws.
    @inlinable
    public static func scan<Visitor: CSVVisitor>(
        _ bytes: UnsafeRawBufferPointer, delimiter: UInt8 = UInt8(ascii: ","), into visitor: inout Visitor
    ) throws {
        var index = 0
        var fieldsInRecord = 0
        let count = bytes.count
        let quote = UInt8(ascii: "\"")
        let newline: UInt8 = 0x0A
        let carriageReturn: UInt8 = 0x0D
        var unescaped: [UInt8] = []
        guard let base = bytes.baseAddress else { return }

        // Invariant at the top of the loop: `index` is at the start of a field.
        while index < count {
            let byte = bytes[index]
            if fieldsInRecord == 0 && (byte == newline || byte == carriageReturn) {
                // A blank line is no record (a trailing extra newline, for instance).
                index += (byte == carriageReturn && index + 1 < count && bytes[index + 1] == newline) ? 2 : 1
                continue
            }
            if byte == quote {
                // A quoted field: jump from quote to quote (memchr: long texts are most of the
                // input), turning "" into ".
                let start = index + 1
                index = start
                var escaped = false
                var closed = false
                while index < count {
                    guard let found = memchr(base + index, Int32(quote), count - index) else { break }
                    let at = base.distance(to: UnsafeRawPointer(found))
                    if at + 1 < count, bytes[at + 1] == quote {
                        // Before the first doubled quote `index` is still `start`.
                        if !escaped {
                            escaped = true
                            unescaped.removeAll(keepingCapacity: true)
                        }
                        unescaped.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<at]).assumingMemoryBound(to: UInt8.self))
                        unescaped.append(quote)
                        index = at + 2
                        continue
                    }
                    if escaped { unescaped.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<at]).assumingMemoryBound(to: UInt8.self)) }
                    index = at
                    closed = true
                    break
                }
                guard closed else { throw Failure(line: line(of: count, in: bytes), message: "a quoted field is not closed") }
                if escaped {
                    try unescaped.withUnsafeBytes { try visitor.field($0, quoted: true) }
                } else {
                    try visitor.field(UnsafeRawBufferPointer(rebasing: bytes[start..<index]), quoted: true)
                }
                fieldsInRecord += 1
                index += 1
                // After the closing quote only a delimiter or a line break may follow.
                if index < count, bytes[index] != delimiter, bytes[index] != newline, bytes[index] != carriageReturn {
                    throw Failure(line: line(of: index, in: bytes), message: "text after a closing quote")
                }
            } else {
                let start = index
                while index < count, bytes[index] != delimiter, bytes[index] != newline, bytes[index] != carriageReturn { index += 1 }
                try visitor.field(UnsafeRawBufferPointer(rebasing: bytes[start..<index]), quoted: false)
                fieldsInRecord += 1
            }
            // The field ends at a delimiter, a line break or the end of the input.
            guard index < count else { break }
            let end = bytes[index]
            if end == delimiter {
                index += 1
                if index == count {
                    try visitor.field(UnsafeRawBufferPointer(rebasing: bytes[count..<count]), quoted: false)
                    fieldsInRecord += 1
                }
            } else {
                try visitor.endRecord()
                fieldsInRecord = 0
                index += (end == carriageReturn && index + 1 < count && bytes[index + 1] == newline) ? 2 : 1
            }
        }
        // A last record without a line break.
        if fieldsInRecord > 0 { try visitor.endRecord() }
    }

    /// The line number of the byte at `offset` (counted only for an error message): line breaks
    /// before it, LF, CRLF or a lone CR each counting once.
    @usableFromInline
    static func line(of offset: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var line = 1
        for index in 0..<min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) { line += 1 }
        }
        return line
    }

    /// Collects records as optional strings (nil for an unquoted empty field).
    private struct Collector: CSVVisitor {
        var records: [[String?]] = []
        var record: [String?] = []

        mutating func field(_ bytes: UnsafeRawBufferPointer, quoted: Bool) {
            record.append(quoted || !bytes.isEmpty ? String(decoding: bytes, as: UTF8.self) : nil)
        }

        mutating func endRecord() {
            records.append(record)
            record = []
        }
    }
}
