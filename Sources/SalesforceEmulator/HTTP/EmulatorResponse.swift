/// One HTTP response produced by an endpoint.
public struct EmulatorResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Fault injection: send only this many body bytes, then drop the connection, while
    /// `Content-Length` still announces the whole body (a truncated response).
    public var truncatedAfterBytes: Int?
    /// Fault injection: wait this long before answering (a slow response).
    public var delaySeconds: Double = 0

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// A JSON response with Salesforce's content type.
    public static func json(_ status: Int, _ body: [UInt8]) -> EmulatorResponse {
        EmulatorResponse(status: status, headers: [("Content-Type", "application/json;charset=UTF-8")], body: body)
    }

    /// An HTML page.
    public static func html(_ status: Int, _ page: String) -> EmulatorResponse {
        EmulatorResponse(status: status, headers: [("Content-Type", "text/html;charset=UTF-8")], body: Array(page.utf8))
    }

    /// A redirect to `location`.
    public static func redirect(to location: String) -> EmulatorResponse {
        EmulatorResponse(status: 302, headers: [("Location", location)])
    }
}
