/// What describe says about Opportunity for the signed-in user: the fields they can see.
public struct SourceSchema: Equatable, Sendable, Codable {
    /// API names of the visible fields (`Id`, `Name`, `Amount`, …), in describe order.
    public var fields: [String]
    /// Whether the org has multi-currency on (describe lists `CurrencyIsoCode`).
    public var multiCurrency: Bool

    public init(fields: [String], multiCurrency: Bool) {
        self.fields = fields
        self.multiCurrency = multiCurrency
    }
}
