import Foundation

/// That a user is assigned to an opportunity, and how.
public struct Membership: Equatable, Hashable, Sendable, Codable {
    public var opportunityId: SalesforceID
    /// The member's login name.
    public var userLoginName: String
    public var source: MembershipSource
    /// Login name of the admin who assigned it; nil for automatic owner assignments.
    public var assignedBy: String?
    public var assignedAt: Date

    public init(opportunityId: SalesforceID, userLoginName: String, source: MembershipSource, assignedBy: String?, assignedAt: Date) {
        self.opportunityId = opportunityId
        self.userLoginName = userLoginName
        self.source = source
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
    }
}

/// How a membership came about.
public enum MembershipSource: String, Codable, Sendable, CaseIterable {
    /// An admin assigned the user in the Members tab.
    case manual
    /// The user is the opportunity's Salesforce owner (linked by Salesforce user id).
    case owner
}
