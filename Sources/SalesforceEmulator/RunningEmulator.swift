import Foundation
import Logging

/// A started emulator: its addresses and credentials, its org for tests, and `stop()`.
public final class RunningEmulator: Sendable {
    public let services: EmulatorServices
    private let serverTask: Task<Void, any Error>
    private let logger: Logger
    private let autosaver: StateFileAutosaver?

    init(services: EmulatorServices, serverTask: Task<Void, any Error>, logger: Logger, autosaver: StateFileAutosaver? = nil) {
        self.services = services
        self.serverTask = serverTask
        self.logger = logger
        self.autosaver = autosaver
    }

    public var urls: EmulatorURLs { services.urls }
    public var credentials: EmulatorCredentials { services.credentials }

    /// The one JSON line printed on stdout when the emulator is ready.
    public var readyLine: String {
        let fields: [(String, String)] = [
            ("url", urls.url),
            ("loginUrl", urls.loginURL),
            ("myDomainUrl", urls.myDomainURL),
            ("consumerKey", credentials.consumerKey),
            ("consumerSecret", credentials.consumerSecret),
            ("username", credentials.username),
            ("password", credentials.password),
            ("securityToken", credentials.securityToken),
        ]
        var writer = JSONWriter()
        writer.beginObject()
        for (name, value) in fields { writer.key(name); writer.string(value) }
        writer.endObject()
        return writer.string
    }

    /// Saves the org to the state file (when configured) and stops serving.
    public func stop() async {
        autosaver?.cancel()
        if let path = services.configuration.stateFile {
            do {
                try EmulatorStateFile.save(services: services, to: path)
            } catch {
                logger.error("could not save the emulator state to \(path): \(error)")
            }
        }
        serverTask.cancel()
        _ = await serverTask.result
    }
}
