import DealdeckCore
import Foundation

/// Plain terminal output for the CLI commands.
enum Terminal {
    /// Whether stdout is a terminal (progress bars and colours only then).
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func printError(_ message: String) {
        StandardStream.error.write("dealdeck: " + message + "\n")
    }

    static func printNote(_ message: String) {
        StandardStream.error.write(message + "\n")
    }

    /// Prints rows as aligned columns; every cell is sanitized, widths are display widths.
    static func printTable(headers: [String], rows: [[String]], rightAligned: Set<Int> = []) {
        let safeRows = rows.map { $0.map { TerminalText.sanitize($0) } }
        var widths = headers.map(TerminalText.width)
        for row in safeRows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], TerminalText.width(cell)) }
        }
        // Keep very long values (descriptions, hostile names) from making the table unreadable.
        widths = widths.map { min($0, 48) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                TerminalText.fit(cell, toWidth: widths[index], alignRight: rightAligned.contains(index))
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var output = line(headers) + "\n"
        for row in safeRows { output += line(row) + "\n" }
        StandardStream.output.write(output)
    }

    /// Prints JSON (stable key order, no ANSI codes) followed by a newline.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        StandardStream.output.write(data)
    }
}
