/// What a Dealdeck user may do: admins see all opportunities and assign members.
public enum AppRole: String, Codable, Sendable, CaseIterable {
    case admin
    case member
}
