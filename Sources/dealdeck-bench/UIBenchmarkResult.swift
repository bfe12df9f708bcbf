import Foundation

/// What one cache size measured, and how it reads.
struct UIBenchmarkResult {
    var count: Int
    /// Opening the cache to the first frame with rows.
    var firstPaint = 0.0
    /// Opening the cache to the frame with the list's count.
    var firstCount = 0.0
    var moveDown: [Double] = []
    var pageDown: [Double] = []
    var endAndHome: [Double] = []
    var filterTyping: [Double] = []
    /// More phrases typed a key at a time (a company, an owner with a word, a rare pair).
    var filterPhrases: [Double] = []
    var sort: [Double] = []
    var switchTab: [Double] = []
    /// For keys that changed the query and whose count was not known: key to the frame with
    /// the count (rows show earlier, see the other series).
    var counts: [Double] = []
    var renderOnly = 0.0
    var residentMegabytes = 0.0
    var peakMegabytes = 0.0

    /// Every keystroke, for the worst case.
    var allKeystrokes: [Double] { moveDown + pageDown + endAndHome + filterTyping + filterPhrases + sort + switchTab }

    var meetsTargets: Bool {
        firstPaint <= 150 && (allKeystrokes.max() ?? 0) <= 30 && peakMegabytes <= 100
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    /// "median / max" of a series, in milliseconds.
    static func spread(_ values: [Double]) -> String { "\(format(median(values))) / \(format(values.max() ?? 0))" }

    var summary: String {
        """
        \(count) opportunities: first paint \(Self.format(firstPaint)) ms (count shown at \(Self.format(firstCount)) ms); keystroke → repaint (median / max ms): \
        j \(Self.spread(moveDown)), PgDn \(Self.spread(pageDown)), G/g \(Self.spread(endAndHome)), \
        filter typing \(Self.spread(filterTyping)), more phrases \(Self.spread(filterPhrases)), sort \(Self.spread(sort)), tab \(Self.spread(switchTab)); \
        key → count shown \(Self.spread(counts)); \
        render alone \(Self.format(renderOnly)) ms; memory \(Self.format(residentMegabytes)) MB (peak \(Self.format(peakMegabytes)) MB)
        filter keys (ms, in typing order): \(filterTyping.map(Self.format).joined(separator: " ")) | \(filterPhrases.map(Self.format).joined(separator: " "))
        """
    }

    /// A Markdown table of every size, for the README.
    static func table(_ results: [UIBenchmarkResult]) -> String {
        var lines = [
            "| cached | first paint | j | PgDn | G / g | filter keystroke | more phrases | sort | tab | count shown | peak memory |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for result in results {
            lines.append(
                "| \(result.count) | \(format(result.firstPaint)) ms | \(spread(result.moveDown)) | \(spread(result.pageDown)) | "
                    + "\(spread(result.endAndHome)) | \(spread(result.filterTyping)) | \(spread(result.filterPhrases)) | \(spread(result.sort)) | \(spread(result.switchTab)) | "
                    + "\(spread(result.counts)) | \(format(result.peakMegabytes)) MB |")
        }
        lines.append("")
        lines.append(
            "Keystroke columns: median / max milliseconds from the key to the frame showing its rows; "
                + "count shown: from a key that changed the query to the frame with the new count.")
        return lines.joined(separator: "\n")
    }
}
