import Foundation
import Testing
@testable import TerminalUI

/// The README's key table is generated from the keymap; this fails when it is stale and, with
/// `RECORD_SNAPSHOTS=1`, rewrites the section between the markers.
@Suite struct ReadmeKeyTableTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md").path
    static let begin = "<!-- keys:begin -->"
    static let end = "<!-- keys:end -->"

    @Test func theReadmeKeyTableMatchesTheKeymap() throws {
        let text = try String(contentsOfFile: Self.readme, encoding: .utf8)
        guard let start = text.range(of: Self.begin), let stop = text.range(of: Self.end), start.upperBound <= stop.lowerBound else {
            Issue.record("README.md has no \(Self.begin) … \(Self.end) section")
            return
        }
        let expected = "\n" + KeyTable.markdown() + "\n"
        let current = String(text[start.upperBound..<stop.lowerBound])
        guard current != expected else { return }
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try (String(text[..<start.upperBound]) + expected + String(text[stop.lowerBound...])).write(toFile: Self.readme, atomically: true, encoding: .utf8)
            Issue.record("Rewrote the README key table; check it and run again.")
        } else {
            Issue.record("The README key table is stale; run RECORD_SNAPSHOTS=1 swift test --filter ReadmeKeyTableTests.")
        }
    }
}
