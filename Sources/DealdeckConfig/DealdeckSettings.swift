/// Dealdeck's settings, as kept in `config.toml`. No secret is ever stored here: tokens and the
/// consumer secret live sealed in the secrets file (see `SecretStore`).
public struct DealdeckSettings: Equatable, Sendable, Codable {
    public var salesforce = SalesforceSection()
    public var cache = CacheSection()
    public var ui = UISection()
    public var sync = SyncSection()
    public var security = SecuritySection()
    /// Key binding overrides: command name → key (e.g. `sync = "F5"`).
    public var keys: [String: String] = [:]
    /// The Dealdeck user this profile acts as when `--user` is not given.
    public var user: String?

    public init() {}

    public struct SalesforceSection: Equatable, Sendable, Codable {
        /// Production `https://login.salesforce.com`, sandbox `https://test.salesforce.com`,
        /// or a My Domain URL (`https://acme.my.salesforce.com`).
        public var loginURL: String?
        public var authMethod: String?
        public var consumerKey: String?
        public var username: String?
        public var scopes: String?
        public var prompt: String?
        public var callbackPort: Int?
        public var apiVersion: String?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case loginURL = "login_url", authMethod = "auth_method", consumerKey = "consumer_key", username, scopes, prompt
            case callbackPort = "callback_port", apiVersion = "api_version"
        }
    }

    public struct CacheSection: Equatable, Sendable, Codable {
        /// "Cache data locally": when false, opportunity data is kept in memory only.
        public var enabled: Bool = true

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        }
    }

    public struct UISection: Equatable, Sendable, Codable {
        public var theme: String?
        public var mouse: Bool?
        /// Minutes between automatic background syncs; 0 or absent turns it off.
        public var autoSyncMinutes: Int?

        public init() {}

        enum CodingKeys: String, CodingKey { case theme, mouse, autoSyncMinutes = "auto_sync_minutes" }
    }

    public struct SyncSection: Equatable, Sendable, Codable {
        /// Stop when this share of the org's daily API limit is used (0–1).
        public var maxAPIShare: Double?
        /// Initial loads above this many records use a Bulk API 2.0 query job.
        public var bulkThreshold: Int?

        public init() {}

        enum CodingKeys: String, CodingKey { case maxAPIShare = "max_api_share", bulkThreshold = "bulk_threshold" }
    }

    public struct SecuritySection: Equatable, Sendable, Codable {
        /// A command whose output is the secrets key (e.g. `pass show dealdeck`), instead of the key file.
        public var keyCommand: String?
        /// A command whose output is the password + security token, run when a password session expires.
        public var passwordCommand: String?

        public init() {}

        enum CodingKeys: String, CodingKey { case keyCommand = "key_command", passwordCommand = "password_command" }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        salesforce = try container.decodeIfPresent(SalesforceSection.self, forKey: .salesforce) ?? SalesforceSection()
        cache = try container.decodeIfPresent(CacheSection.self, forKey: .cache) ?? CacheSection()
        ui = try container.decodeIfPresent(UISection.self, forKey: .ui) ?? UISection()
        sync = try container.decodeIfPresent(SyncSection.self, forKey: .sync) ?? SyncSection()
        security = try container.decodeIfPresent(SecuritySection.self, forKey: .security) ?? SecuritySection()
        keys = try container.decodeIfPresent([String: String].self, forKey: .keys) ?? [:]
        user = try container.decodeIfPresent(String.self, forKey: .user)
    }

    enum CodingKeys: String, CodingKey { case salesforce, cache, ui, sync, security, keys, user }
}
