import DealdeckCore
import Foundation

/// The benchmarks and the dispatch from the command line to them.
enum BenchmarkRegistry {
    static let all: [Benchmark] = [ServeBenchmark.benchmark, SyncBenchmark.benchmark, UIBenchmark.benchmark]

    static func run(_ arguments: [String]) async -> Int32 {
        guard let name = arguments.first, !["-h", "--help", "help"].contains(name) else {
            print(usage)
            return arguments.isEmpty ? 64 : 0
        }
        guard let command = all.first(where: { $0.name == name }) else {
            StandardStream.error.write("dealdeck-bench: unknown benchmark '\(name)'. Available: \(all.map(\.name).joined(separator: ", ")).\n")
            return 64
        }
        do {
            return try await command.run(BenchmarkArguments(Array(arguments.dropFirst())))
        } catch let error as BenchmarkArguments.Problem {
            StandardStream.error.write("dealdeck-bench \(name): \(error.message)\n")
            return 64
        } catch {
            StandardStream.error.write("dealdeck-bench \(name): \(error)\n")
            return 1
        }
    }

    static var usage: String {
        var lines = ["usage: dealdeck-bench <benchmark> [options]", "", "benchmarks:"]
        for command in all {
            lines.append("  \(command.name)  \(command.summary)")
            for option in command.options { lines.append("      \(option)") }
        }
        lines.append("")
        lines.append("Build in release mode for meaningful numbers: swift build -c release --product dealdeck-bench")
        return lines.joined(separator: "\n")
    }
}
