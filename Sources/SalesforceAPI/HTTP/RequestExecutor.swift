import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Sends requests through a transport with everything every Salesforce call needs: the URL
/// policy (`EndpointSecurity`), gzip, retries with backoff (`RetryPolicy`), the API call count
/// and `Sforce-Limit-Info` (`APIMeter`), and network failures turned into typed errors.
///
/// It returns whatever response came last, error statuses included: what a status means
/// depends on the endpoint (OAuth and REST word their errors differently), so callers map it.
struct RequestExecutor: Sendable {
    let transport: HTTPTransport
    let retry: RetryPolicy
    let meter: APIMeter
    let logger: Logger

    init(transport: HTTPTransport, retry: RetryPolicy, meter: APIMeter = APIMeter(), logger: Logger = Logger(label: "dealdeck.salesforce")) {
        self.transport = transport
        self.retry = retry
        self.meter = meter
        self.logger = logger
    }

    /// Sends `request`; `repeatable` says whether it may be sent again after a network failure
    /// (the server may or may not have acted on it, so a refresh with rotation must not be).
    func perform(_ request: TransportRequest, repeatable: Bool) async throws -> TransportResponse {
        try EndpointSecurity.check(request.url)
        var request = request
        if !request.headers.contains(name: "accept-encoding") { request.headers.add(name: "Accept-Encoding", value: "gzip") }
        if !request.headers.contains(name: "user-agent") { request.headers.add(name: "User-Agent", value: "Dealdeck/0.1") }
        let host = EndpointSecurity.displayHost(request.url)
        let countsAsAPICall = request.url.contains("/services/data/v")
        var attempt = 1
        while true {
            try Task.checkCancellation()
            let started = ContinuousClock.now
            do {
                if countsAsAPICall { meter.recordCall() }
                let response = try await transport.send(request)
                if let header = response.headers.first(name: "sforce-limit-info"), let usage = APIUsage(limitInfoHeader: header) {
                    meter.record(usage: usage)
                }
                logger.debug(
                    "HTTP \(request.method.rawValue) \(host)\(Self.pathOnly(request.url)) → \(response.status) in \(ContinuousClock.now - started)")
                if RetryPolicy.isTransient(status: response.status), attempt < retry.maximumAttempts {
                    logger.info("Salesforce answered HTTP \(response.status) on attempt \(attempt); retrying")
                    try await retry.sleep(retry.delay(afterAttempt: attempt))
                    attempt += 1
                    continue
                }
                return response
            } catch let error as SalesforceAPIError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let reason = Self.describe(networkError: error)
                logger.debug("HTTP \(request.method.rawValue) \(host)\(Self.pathOnly(request.url)) failed: \(reason)")
                guard repeatable, attempt < retry.maximumAttempts, !Task.isCancelled else {
                    throw SalesforceAPIError.network(host: host, reason: reason)
                }
                try await retry.sleep(retry.delay(afterAttempt: attempt))
                attempt += 1
            }
        }
    }

    /// The path of a URL without its query (queries hold SOQL and, on OAuth URLs, codes).
    static func pathOnly(_ url: String) -> String {
        URLComponents(string: url)?.path ?? ""
    }

    /// A network failure in plain words.
    static func describe(networkError error: any Error) -> String {
        let text = String(describing: error)
        let lowered = text.lowercased()
        if lowered.contains("refused") { return "the connection was refused (nothing is listening there)" }
        if lowered.contains("resolve") || lowered.contains("dns") || lowered.contains("unknown host") || lowered.contains("nodename")
            || lowered.contains("name or service not known")
        {
            return "the host name could not be resolved"
        }
        if lowered.contains("connecttimeout") || lowered.contains("connect timeout") { return "the connection timed out" }
        if lowered.contains("timeout") || lowered.contains("deadline") { return "no answer came in time" }
        if lowered.contains("certificate") || lowered.contains("ssl") || lowered.contains("tls") || lowered.contains("handshake") {
            return "the secure connection failed (the server's certificate was not trusted)"
        }
        if lowered.contains("closed") || lowered.contains("lengthmismatch") || lowered.contains("eof") || lowered.contains("reset") {
            return "the connection closed before the response was complete"
        }
        return text
    }
}
