/// How an interactive sign-in talks to the person: the CLI prints to stderr, tests read the
/// code or URL and play the browser.
public struct SignInPresenter: Sendable {
    /// Shows the device flow's code and where to enter it.
    public var showDeviceCode: @Sendable (DeviceCode) -> Void
    /// Shows (and may open) the browser flow's authorize URL.
    public var showWebLogin: @Sendable (WebLogin.Prompt) -> Void

    public init(showDeviceCode: @escaping @Sendable (DeviceCode) -> Void, showWebLogin: @escaping @Sendable (WebLogin.Prompt) -> Void) {
        self.showDeviceCode = showDeviceCode
        self.showWebLogin = showWebLogin
    }

    public static let silent = SignInPresenter(showDeviceCode: { _ in }, showWebLogin: { _ in })
}
