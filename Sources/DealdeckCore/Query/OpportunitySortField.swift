/// The columns an opportunity list can be sorted by.
public enum OpportunitySortField: String, CaseIterable, Sendable, Codable {
    case name
    case account
    case stage
    case amount
    case closeDate = "close"
    case probability
    case owner
    case modified
    case created

    /// Accepts the canonical names plus common spellings (`close_date`, `closedate`, `prob`).
    public init?(userText: String) {
        let key = userText.lowercased().replacingAll("_", with: "").replacingAll("-", with: "")
        switch key {
        case "name": self = .name
        case "account", "accountname": self = .account
        case "stage", "stagename": self = .stage
        case "amount": self = .amount
        case "close", "closedate": self = .closeDate
        case "probability", "prob": self = .probability
        case "owner", "ownername": self = .owner
        case "modified", "lastmodified", "systemmodstamp", "updated": self = .modified
        case "created", "createddate": self = .created
        default: return nil
        }
    }

    /// The column heading shown in lists.
    public var title: String {
        switch self {
        case .name: return "Name"
        case .account: return "Account"
        case .stage: return "Stage"
        case .amount: return "Amount"
        case .closeDate: return "Close Date"
        case .probability: return "Prob."
        case .owner: return "Owner"
        case .modified: return "Modified"
        case .created: return "Created"
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
