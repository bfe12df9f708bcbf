import Synchronization

/// Describe documents per object and version: they never change while the emulator runs,
/// and clients fetch them on every start.
final class DescribeCache: Sendable {
    private let documents = Mutex<[String: [UInt8]]>([:])

    func document(_ key: String, build: () -> [UInt8]) -> [UInt8] {
        if let cached = documents.withLock({ $0[key] }) { return cached }
        let built = build()
        documents.withLock { $0[key] = built }
        return built
    }
}
