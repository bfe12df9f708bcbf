import Synchronization

/// Makes chosen `/services/data` requests fail on purpose, so clients can be tested against
/// outages, limits, expired sessions and broken connections.
///
/// A rule says "let the next `after` matching requests through, then fail the following
/// `count`", optionally only for paths containing some text. Rules are checked in the order
/// they were queued; at most one fires per request, and a rule is dropped once spent.
public final class FaultInjector: Sendable {
    /// What a failing request gets.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// 503 `SERVER_UNAVAILABLE` (JSON).
        case serverUnavailable
        /// 500 with an HTML error page instead of JSON.
        case html500
        /// 503 with an HTML maintenance page instead of JSON.
        case html503
        /// 401 `INVALID_SESSION_ID` (the session itself stays valid).
        case invalidSession
        /// 403 `REQUEST_LIMIT_EXCEEDED` `TotalRequests Limit exceeded.`
        case requestLimitExceeded
        /// 403 `REQUEST_LIMIT_EXCEEDED` `ConcurrentRequests (Concurrent API Requests) Limit exceeded.`
        case concurrentRequestLimitExceeded
        /// 400 `QUERY_TIMEOUT` `Your query request was running for too long.`
        case queryTimeout
        /// 403 `API_DISABLED_FOR_ORG`.
        case apiDisabled
        /// The normal response, after `delaySeconds`.
        case slow
        /// The normal response cut after `truncateAfterBytes` body bytes, connection dropped.
        case truncated
    }

    /// One queued fault.
    public struct Rule: Sendable, Equatable {
        public var id: Int
        public var kind: Kind
        /// Requests still to fail.
        public var count: Int
        /// Matching requests still to let through before failing.
        public var after: Int
        /// Only requests whose path contains this text match (nil: every request).
        public var pathContains: String?
        /// For `slow`.
        public var delaySeconds: Double
        /// For `truncated`.
        public var truncateAfterBytes: Int

        public init(kind: Kind, count: Int = 1, after: Int = 0, pathContains: String? = nil, delaySeconds: Double = 2, truncateAfterBytes: Int = 64) {
            self.id = 0
            self.kind = kind
            self.count = count
            self.after = after
            self.pathContains = pathContains
            self.delaySeconds = delaySeconds
            self.truncateAfterBytes = truncateAfterBytes
        }
    }

    private struct State {
        var rules: [Rule] = []
        var nextID = 1
    }

    private let state = Mutex(State())

    public init() {}

    /// Queues a rule; returns its id.
    @discardableResult
    public func add(_ rule: Rule) -> Int {
        state.withLock { state in
            var rule = rule
            rule.id = state.nextID
            state.nextID += 1
            if rule.count > 0 { state.rules.append(rule) }
            return rule.id
        }
    }

    /// Rules still queued.
    public var pending: [Rule] { state.withLock { $0.rules } }

    /// Drops every queued rule.
    public func clear() {
        state.withLock { $0.rules.removeAll() }
    }

    /// Decides the fate of one request: the rule that fires for it, if any.
    public func check(path: String) -> Rule? {
        state.withLock { state in
            var fired: Rule?
            for index in state.rules.indices {
                let rule = state.rules[index]
                if let text = rule.pathContains, !path.contains(text) { continue }
                if rule.after > 0 {
                    state.rules[index].after -= 1
                    continue
                }
                if fired == nil {
                    fired = rule
                    state.rules[index].count -= 1
                }
            }
            state.rules.removeAll { $0.count <= 0 }
            return fired
        }
    }
}
