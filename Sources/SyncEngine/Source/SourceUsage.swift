/// API usage as Salesforce last reported it (`Sforce-Limit-Info: api-usage=used/max`), over a
/// rolling 24 hours.
public struct SourceUsage: Equatable, Sendable {
    public var used: Int
    public var max: Int

    public init(used: Int, max: Int) {
        self.used = used
        self.max = max
    }
}

/// The org the source reads from.
public struct SourceOrganization: Equatable, Sendable {
    /// `00D…`, when known.
    public var orgId: String?
    /// `https://acme.my.salesforce.com`: record links start here.
    public var instanceURL: String?

    public init(orgId: String?, instanceURL: String?) {
        self.orgId = orgId
        self.instanceURL = instanceURL
    }
}
