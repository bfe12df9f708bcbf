/// The device flow's first answer: the code the user types, and where.
public struct DeviceCode: Sendable, Equatable {
    /// Secret between Dealdeck and Salesforce; polled with, never shown.
    public var deviceCode: String
    /// The 8-character code the user types at `verificationURI`.
    public var userCode: String
    public var verificationURI: String
    /// Seconds between polls.
    public var interval: Int

    public init(deviceCode: String, userCode: String, verificationURI: String, interval: Int) {
        self.deviceCode = deviceCode
        self.userCode = userCode
        self.verificationURI = verificationURI
        self.interval = interval
    }

    /// The verification page with the code filled in (Salesforce accepts `?user_code=`).
    public var directURI: String {
        verificationURI + (verificationURI.contains("?") ? "&" : "?") + "user_code=" + FormEncoding.component(userCode)
    }
}

extension DeviceCode: CustomStringConvertible {
    public var description: String { "DeviceCode(userCode: \(userCode), verificationURI: \(verificationURI), interval: \(interval))" }
}
