/// How transient failures are retried: capped exponential backoff with jitter.
///
/// Retried: 5xx, 406 and 420 (Salesforce's edge answers those with "we are setting things up"
/// pages), 429, and network failures of requests that are safe to repeat. The sleep and the
/// random source are injected so tests run instantly and deterministically.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maximumAttempts: Int
    public var baseDelay: Duration
    public var maximumDelay: Duration
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A number in 0..<1; the delay is drawn from the upper half of its backoff step, so
    /// retries spread out without ever collapsing to zero.
    public var random: @Sendable () -> Double

    public init(
        maximumAttempts: Int = 4, baseDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(8),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.sleep = sleep
        self.random = random
    }

    public static let standard = RetryPolicy()

    /// No retries (the doctor uses this so a broken host is reported at once).
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// The wait before attempt `attempt + 1` (attempt counts from 1).
    func delay(afterAttempt attempt: Int) -> Duration {
        var step = baseDelay
        for _ in 1..<max(1, attempt) {
            step = step * 2
            if step >= maximumDelay { break }
        }
        step = min(step, maximumDelay)
        return step * (0.5 + 0.5 * random())
    }

    /// Statuses worth another attempt.
    static func isTransient(status: Int) -> Bool {
        status >= 500 || status == 406 || status == 420 || status == 429
    }
}
