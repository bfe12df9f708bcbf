import DealdeckCore
import Foundation

/// The stable JSON form of an opportunity (documented in README): Salesforce field names in
/// lowerCamelCase, every key present (null when empty), amounts and probabilities as JSON
/// numbers, dates as `yyyy-MM-dd`, timestamps as `2024-01-02T03:04:05.000+0000`.
struct OpportunityJSON: Encodable {
    let opportunity: Opportunity
    var members: [MembershipJSON]?
    var link: String?
    var deleted: Bool?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let o = opportunity
        try container.encode(o.id.rawValue, forKey: .id)
        try container.encode(o.name, forKey: .name)
        try container.encode(o.accountId?.rawValue, forKey: .accountId)
        try container.encode(o.accountName, forKey: .accountName)
        try container.encode(o.stageName, forKey: .stageName)
        try container.encode(o.amount, forKey: .amount)
        try container.encode(o.currencyIsoCode, forKey: .currencyIsoCode)
        try container.encode(o.closeDate.description, forKey: .closeDate)
        try container.encode(o.probability, forKey: .probability)
        try container.encode(o.type, forKey: .type)
        try container.encode(o.leadSource, forKey: .leadSource)
        try container.encode(o.nextStep, forKey: .nextStep)
        try container.encode(o.description, forKey: .description)
        try container.encode(o.forecastCategoryName, forKey: .forecastCategoryName)
        try container.encode(o.isClosed, forKey: .isClosed)
        try container.encode(o.isWon, forKey: .isWon)
        try container.encode(o.ownerId.rawValue, forKey: .ownerId)
        try container.encode(o.ownerName, forKey: .ownerName)
        try container.encode(o.ownerEmail, forKey: .ownerEmail)
        try container.encode(o.createdDate.description, forKey: .createdDate)
        try container.encode(o.lastModifiedDate.description, forKey: .lastModifiedDate)
        try container.encode(o.systemModstamp.description, forKey: .systemModstamp)
        if let members { try container.encode(members, forKey: .members) }
        if let deleted { try container.encode(deleted, forKey: .deleted) }
        if let link { try container.encode(link, forKey: .link) }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, accountId, accountName, stageName, amount, currencyIsoCode, closeDate, probability, type
        case leadSource, nextStep, description, forecastCategoryName, isClosed, isWon, ownerId, ownerName, ownerEmail
        case createdDate, lastModifiedDate, systemModstamp, members, deleted, link
    }
}

/// A member in `dealdeck show --json`.
struct MembershipJSON: Encodable {
    var login: String
    var source: String
    var assignedBy: String?
    var assignedAt: String

    init(_ membership: Membership) {
        login = membership.userLoginName
        source = membership.source.rawValue
        assignedBy = membership.assignedBy
        assignedAt = SalesforceTimestamp(secondsSinceEpoch: membership.assignedAt.timeIntervalSince1970).description
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(login, forKey: .login)
        try container.encode(source, forKey: .source)
        try container.encode(assignedBy, forKey: .assignedBy)
        try container.encode(assignedAt, forKey: .assignedAt)
    }

    enum CodingKeys: String, CodingKey { case login, source, assignedBy, assignedAt }
}
