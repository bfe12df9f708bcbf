import DealdeckApp
import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation
import TerminalUI

/// `ui`: how the terminal UI performs over a large cache, rendering into the screen buffer (no
/// curses, so terminal speed does not count): time to first paint, keystroke-to-repaint for
/// scrolling and for typing a filter, and memory, with 10,000, 100,000 and 1,000,000 cached
/// opportunities. A keystroke is timed from the key reaching the app to the frame that shows
/// its result (every cache read done, the buffer rendered and presented).
///
/// Targets at 1,000,000: first paint ≤ 150 ms, keystroke to repaint ≤ 30 ms, memory ≤ 100 MB.
enum UIBenchmark {
    static let benchmark = Benchmark(
        name: "ui",
        summary: "terminal UI over 10k, 100k and 1M cached opportunities: first paint, keystroke to repaint, memory",
        options: [
            "--opportunities N  one cache size (default: 10000, 100000 then 1000000)",
            "--width W --height H  screen size (default: 160×48)",
            "(seeded caches are kept between runs in $DEALDECK_UI_BENCH_DIR, default $TMPDIR/dealdeck-ui-bench)",
        ],
        run: { try await run($0) }
    )

    static func run(_ arguments: BenchmarkArguments) async throws -> Int32 {
        let unknown = arguments.unknown(["opportunities", "width", "height"])
        guard unknown.isEmpty else { throw BenchmarkArguments.Problem(message: "unknown option --\(unknown[0])") }
        let given = arguments.unknown([])
        let sizes = given.contains("opportunities") ? [try arguments.integer("opportunities", default: 10_000)] : [10_000, 100_000, 1_000_000]
        let size = Size(width: try arguments.integer("width", default: 160), height: try arguments.integer("height", default: 48))
        let directory = ProcessInfo.processInfo.environment["DEALDECK_UI_BENCH_DIR"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-ui-bench").path
        var results: [UIBenchmarkResult] = []
        for count in sizes {
            let cache = try UIBenchmarkCache.prepare(count: count, in: directory + "/\(count)")
            let result = try await UIBenchmarkRun.measure(cache: cache, size: size)
            results.append(result)
            print(result.summary)
        }
        print("")
        print(UIBenchmarkResult.table(results))
        return results.allSatisfy { $0.meetsTargets || $0.count < 1_000_000 } ? 0 : 1
    }
}
