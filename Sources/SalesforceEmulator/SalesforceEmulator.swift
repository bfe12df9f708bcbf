import DealdeckCore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Salesforce on the wire, on loopback: OAuth, REST, Bulk API 2.0, errors and limits,
/// served from a seeded, deterministic org. Tests, `dealdeck demo` and the benchmarks start it
/// in-process with `start(_:)`; the `salesforce-emulator` executable wraps the same call.
public enum SalesforceEmulator {
    /// Builds the org (or loads it from the state file), binds the port and starts serving.
    public static func start(_ configuration: EmulatorConfiguration, logger: Logger? = nil) async throws -> RunningEmulator {
        let log = logger ?? Logger(label: "salesforce-emulator")
        let stored = try configuration.stateFile.flatMap { try EmulatorStateFile.load(from: $0) }
        let credentials = stored?.credentials ?? EmulatorCredentials.seeded(configuration.seed)
        let identity = OrgIdentity.seeded(configuration.seed, credentials: credentials)
        let clock = EmulatorClock()
        if let stored { clock.offset = stored.clockOffsetMilliseconds }

        let portBox = PortBox()
        let bound = AsyncStream<Int>.makeStream()
        let router = EmulatorRouter(portBox: portBox)
        let application = Application(
            responder: router,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                bound.continuation.yield(channel.localAddress?.port ?? configuration.port)
                bound.continuation.finish()
            },
            logger: log
        )
        // If binding fails, `onServerRunning` never runs; finishing the stream here lets the
        // wait below end and report the failure instead of hanging.
        let serverTask = Task {
            defer { bound.continuation.finish() }
            try await application.run()
        }
        var port: Int?
        for await value in bound.stream { port = value }
        guard let port else {
            serverTask.cancel()
            _ = await serverTask.result
            throw EmulatorStartError.couldNotBind(host: configuration.host, port: configuration.port)
        }
        let urls = EmulatorURLs(host: configuration.host, port: port)
        let org = OrgStore(configuration: configuration, identity: identity, clock: clock, stored: stored?.org)
        let services = EmulatorServices(
            configuration: configuration,
            credentials: credentials,
            identity: identity,
            clock: clock,
            auth: AuthAuthority(
                configuration: configuration, credentials: credentials, identity: identity, clock: clock, urls: urls,
                restoring: stored?.auth
            ),
            org: org,
            usage: APIUsageMeter(dailyLimit: configuration.dailyAPILimit, clock: clock),
            faults: FaultInjector(),
            urls: urls
        )
        var autosaver: StateFileAutosaver?
        if let path = configuration.stateFile {
            let saver = StateFileAutosaver(services: services, path: path, logger: log)
            org.onChange { saver.schedule() }
            autosaver = saver
        }
        portBox.install(EmulatorDispatcher(services: services))
        log.info("salesforce-emulator listening on \(urls.url) with \(configuration.opportunities) opportunities (seed \(configuration.seed))")
        return RunningEmulator(services: services, serverTask: serverTask, logger: log, autosaver: autosaver)
    }
}

/// Why the emulator could not start.
public enum EmulatorStartError: Error, CustomStringConvertible {
    case couldNotBind(host: String, port: Int)

    public var description: String {
        switch self {
        case .couldNotBind(let host, let port):
            return "The emulator could not listen on \(host):\(port). Choose another port with --port, or --port 0 for a free one."
        }
    }
}
