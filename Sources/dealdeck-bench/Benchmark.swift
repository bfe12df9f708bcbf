/// One benchmark that `dealdeck-bench` can run by name.
///
/// A value with a closure rather than a protocol with static requirements: calling a static
/// `async` requirement through `any P.Type` crashes the Swift 6.3 compiler.
struct Benchmark: Sendable {
    /// The subcommand name (`serve`).
    let name: String
    /// One line for the usage text.
    let summary: String
    /// Option lines for the usage text.
    let options: [String]
    /// Runs with the arguments after the name; returns the process exit code.
    let run: @Sendable (BenchmarkArguments) async throws -> Int32
}
