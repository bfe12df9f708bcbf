/// The OAuth device flow: get a code, show it, poll until the user approves.
///
/// Polls every `interval` seconds as Salesforce asks, waits 5 seconds longer after each
/// `slow_down` (RFC 8628), and gives up after `timeout` with a clear message. Salesforce sends no
/// expiry for the code, so the timeout is Dealdeck's own.
public struct DeviceLogin: Sendable {
    public var scopes: [String]
    public var timeout: Duration
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        scopes: [String] = ConnectionProfile.defaultScopes, timeout: Duration = .seconds(600),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.scopes = scopes
        self.timeout = timeout
        self.sleep = sleep
    }

    /// Runs the flow; `show` is called once with the code to display.
    public func run(_ oauth: OAuthClient, show: @Sendable (DeviceCode) -> Void) async throws -> SalesforceSession {
        let code = try await oauth.requestDeviceCode(scopes: scopes)
        show(code)
        var interval = Duration.seconds(max(1, code.interval))
        var waited = Duration.zero
        while true {
            guard waited < timeout else {
                throw SalesforceAPIError.deviceFlowTimedOut(minutes: max(1, Int(timeout.components.seconds / 60)))
            }
            try await sleep(interval)
            waited += interval
            switch try await oauth.pollDevice(code) {
            case .pending: continue
            case .slowDown: interval += .seconds(5)
            case .granted(let session): return session
            }
        }
    }
}
