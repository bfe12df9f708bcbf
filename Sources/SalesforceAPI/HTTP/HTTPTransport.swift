/// Sends one HTTP request and collects the response: the only way the API module touches the
/// network. The live transport is AsyncHTTPClient (`HTTPTransport.live`); tests wrap it to inject
/// faults, or replace it outright.
///
/// A transport does no retries, no authentication and no URL policy: `RequestExecutor` adds
/// those on top, so they hold whatever transport is plugged in.
public struct HTTPTransport: Sendable {
    public var send: @Sendable (TransportRequest) async throws -> TransportResponse

    public init(send: @escaping @Sendable (TransportRequest) async throws -> TransportResponse) {
        self.send = send
    }
}
