/// How a request identified its Connected App: `client_id`/`client_secret` in the body, or
/// `Authorization: Basic base64(id:secret)`. Blank values count as absent, because clients
/// configured without a secret (the sf CLI's public app) send `client_secret=`.
struct OAuthClientAuthentication: Sendable, Equatable {
    var id: String?
    var secret: String?

    init(id: String?, secret: String?) {
        self.id = id.flatMap { $0.isEmpty ? nil : $0 }
        self.secret = secret.flatMap { $0.isEmpty ? nil : $0 }
    }
}
