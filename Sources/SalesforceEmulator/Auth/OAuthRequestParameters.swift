import Foundation

/// The parameters of an OAuth request, wherever the client put them: the form body
/// (`application/x-www-form-urlencoded` or `multipart/form-data`), then the query string,
/// which Salesforce also reads on POSTs (Postman's Salesforce collection relies on it).
struct OAuthRequestParameters: Sendable {
    private var values: [String: String]

    init(values: [String: String]) { self.values = values }

    init(request: EmulatorRequest) {
        var merged = request.queryParameters
        var seenInBody = Set<String>()
        // The body wins over the query; within the body the first occurrence wins, as in the query.
        for (name, value) in Self.bodyFields(of: request) where seenInBody.insert(name).inserted {
            merged[name] = value
        }
        values = merged
    }

    /// A parameter's value; blank counts as absent, as Salesforce treats `client_secret=`.
    subscript(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// The client's credentials: `client_id`/`client_secret` from the parameters, else from
    /// `Authorization: Basic`. The Basic pair is taken literally (not form-decoded): simple-salesforce
    /// sends it raw, and consumer keys and secrets contain no characters that would need encoding.
    func clientAuthentication(authorization: String?) -> OAuthClientAuthentication {
        if let id = self["client_id"] { return OAuthClientAuthentication(id: id, secret: self["client_secret"]) }
        guard let authorization else { return OAuthClientAuthentication(id: nil, secret: self["client_secret"]) }
        let parts = authorization.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8)
        else { return OAuthClientAuthentication(id: nil, secret: self["client_secret"]) }
        let pair = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        return OAuthClientAuthentication(id: pair[0], secret: pair.count > 1 ? pair[1] : nil)
    }

    /// The body's fields, by content type. A body without a content type is read as a form,
    /// as curl and many scripts send it that way.
    private static func bodyFields(of request: EmulatorRequest) -> [(name: String, value: String)] {
        guard !request.body.isEmpty else { return [] }
        let contentType = request.header("content-type") ?? ""
        if let boundary = MultipartFormData.boundary(fromContentType: contentType) {
            return MultipartFormData.fields(of: request.body, boundary: boundary)
        }
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaType.isEmpty || mediaType == "application/x-www-form-urlencoded" else { return [] }
        let text = String(decoding: request.body, as: UTF8.self)
        return FormURLEncoding.decodePairs(text).filter { !$0.name.isEmpty }
    }
}
