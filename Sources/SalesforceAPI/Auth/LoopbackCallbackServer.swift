import NIOCore
import NIOHTTP1
import NIOPosix

/// The tiny HTTP server on this machine that receives the browser flow's redirect
/// (`http://localhost:<port>/OauthRedirect?code=…&state=…`), like the Salesforce CLI's.
///
/// It listens on 127.0.0.1 and, when possible, on ::1 (browsers may resolve `localhost` to
/// either), on the configured port (1717 by default; 0 picks a free one, for tests).
final class LoopbackCallbackServer: Sendable {
    let port: Int
    private let channels: [any Channel]
    private let mailbox: CallbackMailbox

    private init(port: Int, channels: [any Channel], mailbox: CallbackMailbox) {
        self.port = port
        self.channels = channels
        self.mailbox = mailbox
    }

    static func start(port: Int, path: String, expectedState: String) async throws -> LoopbackCallbackServer {
        let mailbox = CallbackMailbox()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(CallbackHandler(path: path, expectedState: expectedState, mailbox: mailbox))
                }
            }
        let primary: any Channel
        do {
            primary = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        } catch {
            if port != 0, String(describing: error).lowercased().contains("in use") { throw SalesforceAPIError.callbackPortInUse(port) }
            throw SalesforceAPIError.network(host: "127.0.0.1:\(port)", reason: "the sign-in callback could not listen (\(error))")
        }
        let bound = primary.localAddress?.port ?? port
        var channels = [primary]
        if let secondary = try? await bootstrap.bind(host: "::1", port: bound).get() { channels.append(secondary) }
        return LoopbackCallbackServer(port: bound, channels: channels, mailbox: mailbox)
    }

    /// Waits for the callback's code; throws the error it carried, or `webFlowTimedOut`.
    func waitForCode(timeout: Duration) async throws -> String {
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await self.mailbox.wait() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw SalesforceAPIError.webFlowTimedOut(minutes: max(1, Int(timeout.components.seconds / 60)))
            }
            defer { group.cancelAll() }
            guard let code = try await group.next() else { throw CancellationError() }
            return code
        }
    }

    func close() async {
        for channel in channels { try? await channel.close() }
    }
}
