extension RESTEndpoint {
    /// The response an injected fault replaces the real one with; nil for faults that alter
    /// the real response instead (slow, truncated).
    static func failure(for kind: FaultInjector.Kind) -> EmulatorResponse? {
        switch kind {
        case .serverUnavailable: return SalesforceError.serverUnavailable.response
        case .html500: return .html(500, internalErrorPage)
        case .html503: return .html(503, maintenancePage)
        case .invalidSession: return SalesforceError.sessionInvalid.response
        case .requestLimitExceeded: return SalesforceError.totalRequestsExceeded.response
        case .concurrentRequestLimitExceeded: return SalesforceError.concurrentRequestsExceeded.response
        case .queryTimeout: return SalesforceError.queryTimeout.response
        case .apiDisabled: return SalesforceError.apiDisabled.response
        case .slow, .truncated: return nil
        }
    }

    /// What Salesforce's servers show for an unhandled error (HTML, not the JSON error array).
    static let internalErrorPage = """
        <!DOCTYPE html>
        <html><head><title>Error</title></head>
        <body><h1>An internal server error has occurred</h1>
        <p>An error has occurred while processing your request. The salesforce.com support team has been notified of the problem.</p>
        <p>Error ID: 1234567890-12345 (-1234567890)</p></body></html>
        """

    /// The edge's maintenance page, served while an instance is down or "being set up".
    static let maintenancePage = """
        <!DOCTYPE html>
        <html><head><title>Salesforce - Down for Maintenance</title></head>
        <body><h1>Down for Maintenance</h1>
        <p>This instance is temporarily unavailable while we perform scheduled maintenance. Please try again shortly.</p></body></html>
        """
}
