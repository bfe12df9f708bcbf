/// A query's text plus what error messages need from it: rows, columns and the quoted line.
struct SOQLSource: Sendable {
    let text: String
    /// The UTF-8 bytes the lexer walks; token offsets index into them.
    let bytes: [UInt8]

    init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
    }

    /// Where a byte offset sits, the way Salesforce reports it: 1-based row, 1-based column
    /// counted in UTF-16 units (Salesforce runs on Java), and the text of that row.
    func position(ofByte offset: Int) -> (row: Int, column: Int, line: String) {
        let clamped = min(max(offset, 0), bytes.count)
        var row = 1
        var lineStart = 0
        for index in 0..<clamped where bytes[index] == 10 {
            row += 1
            lineStart = index + 1
        }
        var lineEnd = clamped
        while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
        let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        let prefix = String(decoding: bytes[lineStart..<clamped], as: UTF8.self)
        let trimmedLine = line.hasSuffix("\r") ? String(line.dropLast()) : line
        return (row, prefix.utf16.count + 1, trimmedLine)
    }
}
