/// `--name value` options after the benchmark name, read with plain parsing.
struct BenchmarkArguments: Sendable {
    struct Problem: Error {
        let message: String
    }

    private var values: [String: String] = [:]

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else { throw Problem(message: "unexpected argument '\(argument)'") }
            let name = String(argument.dropFirst(2))
            guard index + 1 < arguments.count else { throw Problem(message: "\(argument) needs a value") }
            values[name] = arguments[index + 1]
            index += 2
        }
    }

    /// An integer option, or `fallback` when absent.
    func integer(_ name: String, default fallback: Int) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text), value > 0 else { throw Problem(message: "--\(name) must be a positive integer, not '\(text)'") }
        return value
    }

    /// Names given that `known` does not list.
    func unknown(_ known: [String]) -> [String] {
        values.keys.filter { !known.contains($0) }.sorted()
    }
}
