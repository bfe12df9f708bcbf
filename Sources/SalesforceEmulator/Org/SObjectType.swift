/// The objects the emulated org serves. Anything else is `INVALID_TYPE` / `NOT_FOUND`.
public enum SObjectType: String, Sendable, CaseIterable, Codable {
    case opportunity = "Opportunity"
    case account = "Account"
    case user = "User"
    case opportunityStage = "OpportunityStage"

    /// The API name (`Opportunity`).
    public var name: String { rawValue }

    /// The three-character ID prefix Salesforce uses for the object.
    public var keyPrefix: String {
        switch self {
        case .opportunity: return "006"
        case .account: return "001"
        case .user: return "005"
        case .opportunityStage: return "01J"
        }
    }

    public var label: String {
        switch self {
        case .opportunity: return "Opportunity"
        case .account: return "Account"
        case .user: return "User"
        case .opportunityStage: return "Opportunity Stage"
        }
    }

    public var labelPlural: String {
        switch self {
        case .opportunity: return "Opportunities"
        case .account: return "Accounts"
        case .user: return "Users"
        case .opportunityStage: return "Opportunity Stages"
        }
    }

    /// Finds an object by API name, ignoring case as Salesforce does in URLs and SOQL.
    public init?(caseInsensitiveName name: String) {
        let lowered = name.lowercased()
        guard let match = SObjectType.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else { return nil }
        self = match
    }

    /// The object whose IDs start with `prefix`.
    public init?(keyPrefix prefix: String) {
        guard let match = SObjectType.allCases.first(where: { $0.keyPrefix == prefix }) else { return nil }
        self = match
    }
}
