/// The schema of every object in one emulated org.
public struct OrgSchema: Sendable {
    public let multiCurrency: Bool
    public let opportunity: SObjectSchema
    public let account: SObjectSchema
    public let user: SObjectSchema
    public let opportunityStage: SObjectSchema

    public init(multiCurrency: Bool) {
        self.multiCurrency = multiCurrency
        opportunity = SObjectSchema(type: .opportunity, fields: OpportunityRecord.fieldDefinitions(multiCurrency: multiCurrency))
        account = SObjectSchema(type: .account, fields: AccountRecord.fieldDefinitions(multiCurrency: multiCurrency))
        user = SObjectSchema(type: .user, fields: UserRecord.fieldDefinitions())
        opportunityStage = SObjectSchema(type: .opportunityStage, fields: OpportunityStageRecord.fieldDefinitions())
    }

    public subscript(type: SObjectType) -> SObjectSchema {
        switch type {
        case .opportunity: return opportunity
        case .account: return account
        case .user: return user
        case .opportunityStage: return opportunityStage
        }
    }

    /// The ISO codes a multi-currency org has active (the first is the corporate currency).
    public static let currencyCodes = ["USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF"]
}
