import Foundation

/// `dealdeck-bench <benchmark> [options]`: Dealdeck's performance benchmarks. Each benchmark
/// is one `BenchmarkCommand`; add new ones (sync, UI) to `BenchmarkRegistry.all`.
let arguments = Array(CommandLine.arguments.dropFirst())
let exitCode = await BenchmarkRegistry.run(arguments)
exit(exitCode)
