import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore
import Synchronization

/// Hummingbird responder that turns requests into `EmulatorRequest`s for the dispatcher.
///
/// The dispatcher needs the bound port (for URLs in responses), which is only known once the
/// server runs, so it is installed after start; until then requests get a 503.
struct EmulatorRouter: HTTPResponder {
    typealias Context = EmulatorRequestContext
    let portBox: PortBox

    /// Bodies above this are refused; the largest legitimate body is a record with a 32 KB description.
    private static let maximumBodyBytes = 16 * 1024 * 1024

    func respond(to request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard let dispatcher = portBox.dispatcher else {
            return Response(status: .serviceUnavailable)
        }
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBodyBytes)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        if let authority = request.head.authority, headers["host"] == nil { headers["host"] = authority }
        let emulated = EmulatorRequest(
            method: request.method.rawValue,
            path: FormURLEncoding.percentDecode(request.uri.path.replacingOccurrences(of: "+", with: "%2B")),
            rawQuery: request.uri.query ?? "",
            headers: headers,
            body: Array(buffer: body),
            remoteAddress: context.remoteAddress?.ipAddress
        )
        let answer = await dispatcher.respond(to: emulated)
        return Self.response(from: answer)
    }

    private static func response(from answer: EmulatorResponse) -> Response {
        var fields = HTTPFields()
        for header in answer.headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        let buffer = ByteBuffer(bytes: answer.body)
        let status = HTTPResponse.Status(code: answer.status)
        let delay = answer.delaySeconds
        if let cut = answer.truncatedAfterBytes {
            fields[.contentLength] = String(buffer.readableBytes)
            let partial = buffer.getSlice(at: 0, length: min(cut, buffer.readableBytes)) ?? ByteBuffer()
            return Response(status: status, headers: fields, body: ResponseBody { writer in
                if delay > 0 { try await Task.sleep(for: .seconds(delay)) }
                try await writer.write(partial)
                throw TruncatedResponse()
            })
        }
        if delay > 0 {
            fields[.contentLength] = String(buffer.readableBytes)
            return Response(status: status, headers: fields, body: ResponseBody { writer in
                try await Task.sleep(for: .seconds(delay))
                try await writer.write(buffer)
                try await writer.finish(nil)
            })
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: buffer))
    }
}

/// The request context: Hummingbird's core storage plus the peer address, which the control
/// surface checks so that only loopback clients can drive the emulator.
struct EmulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// Thrown mid-body so the server drops the connection: the client sees a truncated response.
struct TruncatedResponse: Error {}

/// Holds the dispatcher once the server knows its port.
final class PortBox: Sendable {
    private let slot = Mutex<EmulatorDispatcher?>(nil)
    var dispatcher: EmulatorDispatcher? { slot.withLock { $0 } }
    func install(_ dispatcher: EmulatorDispatcher) { slot.withLock { $0 = dispatcher } }
}
