import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

extension HTTPTransport {
    /// AsyncHTTPClient with Dealdeck's settings: TLS certificates always verified, redirects not
    /// followed (an http→https redirect silently turns an OAuth POST into a GET and loses its
    /// body), gzip accepted, connect and read timeouts.
    public static let live = HTTPTransport(client: LiveHTTPClient.shared)

    /// A transport on a caller-owned client (the caller shuts it down).
    public init(client: HTTPClient, maximumBodyBytes: Int = LiveHTTPClient.maximumBodyBytes) {
        self.init { request in
            var outgoing = HTTPClientRequest(url: request.url)
            outgoing.method = request.method
            outgoing.headers = request.headers
            if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
            let nanoseconds = request.timeout.components.seconds * 1_000_000_000 + request.timeout.components.attoseconds / 1_000_000_000
            let response = try await client.execute(outgoing, timeout: .nanoseconds(nanoseconds))
            let body = try await response.body.collect(upTo: maximumBodyBytes)
            return TransportResponse(status: Int(response.status.code), headers: response.headers, body: body)
        }
    }
}

/// The process-wide AsyncHTTPClient. It lives as long as the process (a `static let` is never
/// deinitialised), so nothing has to remember to shut it down.
public enum LiveHTTPClient {
    /// Bulk API result chunks are the largest bodies (50,000 rows by default); this leaves room.
    public static let maximumBodyBytes = 512 * 1024 * 1024

    public static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        // `tlsConfiguration` stays nil: AsyncHTTPClient then uses NIOSSL's default client
        // configuration, whose certificate verification is `.fullVerification`. Nothing in
        // Dealdeck ever turns that off.
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .enabled(limit: .ratio(200))
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(15), read: .seconds(120))
        // AsyncHTTPClient would otherwise retry a refused connection until the connect timeout,
        // per attempt; `RetryPolicy` already retries with backoff, and a closed port should be
        // reported in seconds, not minutes.
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
