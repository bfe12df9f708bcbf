import Foundation
import NIOCore
import NIOHTTP1

/// An HTTP response with its whole body collected (gzip already undone).
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: ByteBuffer

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The media type without parameters, lowercased (`application/json`).
    var mediaType: String {
        let value = headers.first(name: "content-type") ?? ""
        return value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    /// Whether the body is a web page rather than API data: by content type, or by its first
    /// bytes when the type is missing. Salesforce's edge answers a wrong or expired My Domain,
    /// a Lightning host and maintenance windows with HTML.
    var isHTML: Bool {
        if mediaType == "text/html" || mediaType == "application/xhtml+xml" { return true }
        guard mediaType.isEmpty || mediaType == "text/plain" else { return false }
        let start = body.readableBytesView.prefix(64).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return start.starts(with: Array("<!DOCTYPE".utf8)) || start.starts(with: Array("<!doctype".utf8))
            || start.starts(with: Array("<html".utf8)) || start.starts(with: Array("<HTML".utf8))
    }

    /// The body as text (for short bodies such as identity errors; never logged).
    var text: String { String(buffer: body) }
}
