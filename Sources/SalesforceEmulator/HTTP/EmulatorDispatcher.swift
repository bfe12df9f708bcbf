/// Sends each request to the endpoint that owns its path.
struct EmulatorDispatcher: Sendable {
    let endpoints: [any EmulatorEndpoint]

    init(services: EmulatorServices) {
        endpoints = [
            ControlEndpoint(services: services),
            OAuthEndpoint(services: services),
            CompositeBatchEndpoint(rest: RESTEndpoint(services: services), services: services),
        ]
    }

    func respond(to request: EmulatorRequest) async -> EmulatorResponse {
        for endpoint in endpoints {
            if var response = await endpoint.respond(to: request) {
                if request.method == "HEAD" { response.body = [] }
                return response
            }
        }
        return .html(404, NotFoundPage.html(path: request.path))
    }
}

/// The page Salesforce's edge serves for a path it does not know.
enum NotFoundPage {
    static func html(path: String) -> String {
        """
        <!DOCTYPE html>
        <html><head><title>Page Not Found</title></head>
        <body><h1>URL No Longer Exists</h1>
        <p>You have attempted to reach a URL that no longer exists on salesforce.com.</p></body></html>
        """
    }
}
