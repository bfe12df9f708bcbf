import DealdeckCore

/// One device-flow request, from `response_type=device_code` until its tokens are collected.
struct DeviceAuthorization: Sendable {
    /// How long the user has to approve. Salesforce does not say (it sends no `expires_in`);
    /// ten minutes matches what clients wait before giving up on their own.
    static let lifetimeMilliseconds: Int64 = 10 * 60 * 1000
    /// The `interval` sent to the client, in seconds.
    static let intervalSeconds = 5
    /// Polls this much earlier than the interval still count as on time, so a client that
    /// sleeps exactly `interval` is not punished for timer jitter.
    static let pollToleranceMilliseconds: Int64 = 500

    enum Status: Sendable, Equatable {
        case pending
        case approved(SalesforceID)
        case denied
    }

    var deviceCode: String
    var userCode: String
    var clientId: String
    var scopes: [String]
    var issuedAt: SalesforceTimestamp
    var lastPolledAt: SalesforceTimestamp?
    var status: Status = .pending

    func isExpired(at now: SalesforceTimestamp) -> Bool {
        now.millisecondsSinceEpoch - issuedAt.millisecondsSinceEpoch >= Self.lifetimeMilliseconds
    }
}
