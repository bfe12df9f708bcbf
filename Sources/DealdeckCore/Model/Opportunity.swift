import Foundation

/// A Salesforce opportunity as Dealdeck keeps it.
///
/// Money is `Decimal`, never `Double`: currency fields have precision 18 and scale 2, and
/// binary floating point cannot represent most cents exactly.
public struct Opportunity: Equatable, Hashable, Sendable, Codable, Identifiable {
    public var id: SalesforceID
    public var name: String
    public var accountId: SalesforceID?
    public var accountName: String?
    public var stageName: String
    public var amount: Decimal?
    /// ISO 4217 code; only present on multi-currency orgs.
    public var currencyIsoCode: String?
    public var closeDate: CalendarDate
    /// Percent, 0–100.
    public var probability: Decimal?
    public var type: String?
    public var leadSource: String?
    public var nextStep: String?
    public var description: String?
    public var forecastCategoryName: String?
    public var isClosed: Bool
    public var isWon: Bool
    public var ownerId: SalesforceID
    public var ownerName: String?
    public var ownerEmail: String?
    public var createdDate: SalesforceTimestamp
    public var lastModifiedDate: SalesforceTimestamp
    public var systemModstamp: SalesforceTimestamp

    public init(
        id: SalesforceID, name: String, accountId: SalesforceID? = nil, accountName: String? = nil,
        stageName: String, amount: Decimal? = nil, currencyIsoCode: String? = nil, closeDate: CalendarDate,
        probability: Decimal? = nil, type: String? = nil, leadSource: String? = nil, nextStep: String? = nil,
        description: String? = nil, forecastCategoryName: String? = nil, isClosed: Bool = false, isWon: Bool = false,
        ownerId: SalesforceID, ownerName: String? = nil, ownerEmail: String? = nil,
        createdDate: SalesforceTimestamp, lastModifiedDate: SalesforceTimestamp, systemModstamp: SalesforceTimestamp
    ) {
        self.id = id
        self.name = name
        self.accountId = accountId
        self.accountName = accountName
        self.stageName = stageName
        self.amount = amount
        self.currencyIsoCode = currencyIsoCode
        self.closeDate = closeDate
        self.probability = probability
        self.type = type
        self.leadSource = leadSource
        self.nextStep = nextStep
        self.description = description
        self.forecastCategoryName = forecastCategoryName
        self.isClosed = isClosed
        self.isWon = isWon
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.ownerEmail = ownerEmail
        self.createdDate = createdDate
        self.lastModifiedDate = lastModifiedDate
        self.systemModstamp = systemModstamp
    }
}
