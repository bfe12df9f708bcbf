import Foundation
import NIOCore
import NIOHTTP1

/// Answers the browser on the loopback callback: checks `state`, passes the code (or the error
/// Salesforce sent) to the mailbox, and shows a short page saying what happened. Requests for
/// other paths (a browser's favicon) get 404 and change nothing.
final class CallbackHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let path: String
    private let expectedState: String
    private let mailbox: CallbackMailbox
    private var uri: String?

    init(path: String, expectedState: String, mailbox: CallbackMailbox) {
        self.path = path
        self.expectedState = expectedState
        self.mailbox = mailbox
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): uri = head.uri
        case .body: break
        case .end:
            let (status, page) = answer(uri ?? "/")
            uri = nil
            respond(context: context, status: status, page: page)
        }
    }

    private func answer(_ uri: String) -> (HTTPResponseStatus, String) {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.first.map(String.init) == path else { return (.notFound, Self.page("Not found", "This address is only for Dealdeck's sign-in.")) }
        let parameters = Dictionary(FormEncoding.decode(parts.count > 1 ? String(parts[1]) : ""), uniquingKeysWith: { first, _ in first })
        guard parameters["state"] == expectedState else {
            mailbox.deliver(.failure(.stateMismatch))
            return (
                .badRequest, Self.page("Sign-in refused", "This callback does not belong to the sign-in Dealdeck started. Run dealdeck login again.")
            )
        }
        if let error = parameters["error"] {
            let description = parameters["error_description"] ?? ""
            mailbox.deliver(.failure(.webFlowFailed(error: error, description: description)))
            return (.ok, Self.page("Sign-in failed", "Salesforce said: \(description.isEmpty ? error : description). Return to the terminal."))
        }
        guard let code = parameters["code"], !code.isEmpty else {
            return (.badRequest, Self.page("Sign-in incomplete", "The callback carried no code. Run dealdeck login again."))
        }
        mailbox.deliver(.success(code))
        return (.ok, Self.page("Signed in", "Dealdeck is signed in to Salesforce. You can close this tab and return to the terminal."))
    }

    private func respond(context: ChannelHandlerContext, status: HTTPResponseStatus, page: String) {
        var buffer = context.channel.allocator.buffer(capacity: page.utf8.count)
        buffer.writeString(page)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/html; charset=utf-8")
        headers.add(name: "Content-Length", value: String(buffer.readableBytes))
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "Connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        // Close once the page is out; the context may only be touched on its event loop.
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in bound.value.close(promise: nil) }
    }

    private static func page(_ title: String, _ text: String) -> String {
        func escape(_ value: String) -> String {
            value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Dealdeck: \(escape(title))</title></head>"
            + "<body><h1>\(escape(title))</h1><p>\(escape(text))</p></body></html>"
    }
}
