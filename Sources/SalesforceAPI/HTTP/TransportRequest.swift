import NIOHTTP1

/// One HTTP request as the transport sends it: already complete (URL, headers, body), so a
/// transport is a plain function and a test can replace or wrap it.
public struct TransportRequest: Sendable {
    public var method: HTTPMethod
    public var url: String
    public var headers: HTTPHeaders
    public var body: [UInt8]?
    /// The whole exchange must finish within this time.
    public var timeout: Duration

    public init(method: HTTPMethod, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8]? = nil, timeout: Duration = .seconds(60)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
