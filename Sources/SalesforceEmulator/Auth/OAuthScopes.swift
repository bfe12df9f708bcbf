/// The scopes the emulated Connected App offers, and how requests for them are granted.
enum OAuthScopes {
    /// Every scope the emulated Connected App has selected. Salesforce answers a request for a
    /// scope outside the app's selection with `invalid_scope`, so unknown names are refused.
    static let offered: Set<String> = [
        "api", "web", "full", "refresh_token", "offline_access", "openid", "id", "profile", "email",
        "address", "phone", "chatter_api", "custom_permissions", "visualforce", "content", "lightning",
        "wave_api", "eclair_api", "pardot_api", "cdp_api", "cdp_query_api", "cdp_profile_api",
        "cdp_ingest_api", "sfap_api", "einstein_gpt_api",
    ]

    /// What a user flow grants when the request names no scope (Salesforce grants the app's
    /// selection; this app's default selection is the two a sync client needs).
    static let userDefault = ["api", "refresh_token"]

    /// Scopes the client-credentials flow never grants (simple-salesforce PR #662).
    static let notForClientCredentials: Set<String> = ["refresh_token", "full", "web", "offline_access"]

    /// Scopes that let a session call the REST API.
    static let restScopes: Set<String> = ["api", "full"]

    /// Scopes that earn a refresh token in the code and device flows.
    static let refreshScopes: Set<String> = ["refresh_token", "offline_access"]

    /// Parses a space-separated (or `+`/comma-separated, as some clients send) scope list,
    /// keeping the requested order without repeats. Nil or blank means "the default".
    static func parse(_ text: String?) -> [String]? {
        guard let text else { return nil }
        var seen = Set<String>()
        var result: [String] = []
        for name in text.split(whereSeparator: { $0 == " " || $0 == "+" || $0 == "," }).map(String.init)
        where seen.insert(name).inserted {
            result.append(name)
        }
        return result.isEmpty ? nil : result
    }

    /// The scopes a user flow grants for `requested`, or `invalidScope`.
    static func grantForUser(_ requested: String?) throws(OAuthError) -> [String] {
        guard let names = parse(requested) else { return userDefault }
        guard names.allSatisfy(offered.contains) else { throw .invalidScope }
        return names
    }

    /// The scopes the client-credentials flow grants: the app's selection without the
    /// interactive and refresh scopes, whatever was requested (Salesforce ignores `scope` there).
    static var clientCredentials: [String] {
        userDefault.filter { !notForClientCredentials.contains($0) }
    }
}
