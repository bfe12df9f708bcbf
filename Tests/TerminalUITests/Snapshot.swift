import Foundation
import Testing

/// Compares text with `Snapshots/<name>.txt` next to this file (swift-argument-parser's
/// `expectSnapshot`). With `RECORD_SNAPSHOTS=1`, or when the file does not exist yet, it writes
/// the file and records an issue, so a new baseline is always looked at before it is trusted.
func expectSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
    let text = actual.hasSuffix("\n") ? actual : actual + "\n"
    guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try text.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("Recorded snapshot \(name).txt; check it and run again without RECORD_SNAPSHOTS.", sourceLocation: sourceLocation)
        } catch {
            Issue.record("Could not write snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    if expected != text {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let old = index < expectedLines.count ? String(expectedLines[index]) : "∅"
            let new = index < actualLines.count ? String(actualLines[index]) : "∅"
            if old != new { diff.append("line \(index + 1):\n  expected: \(old)\n  actual:   \(new)") }
        }
        Issue.record(
            Comment(rawValue: "Snapshot \(name).txt differs (RECORD_SNAPSHOTS=1 re-records):\n" + diff.prefix(12).joined(separator: "\n")),
            sourceLocation: sourceLocation)
    }
}
