/// A list ordering: a column and a direction.
public struct OpportunitySort: Equatable, Sendable, Codable {
    public var field: OpportunitySortField
    public var descending: Bool

    public init(field: OpportunitySortField, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }

    /// Close date ascending: what is due next comes first.
    public static let `default` = OpportunitySort(field: .closeDate)

    /// Parses `FIELD` or `FIELD:asc|desc`, e.g. `amount:desc`.
    public init(parsing text: String) throws(OpportunityQueryError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first, let field = OpportunitySortField(userText: name) else {
            throw .unknownSortField(text)
        }
        var descending = false
        if parts.count == 2 {
            switch parts[1].lowercased() {
            case "desc", "descending": descending = true
            case "asc", "ascending": descending = false
            default: throw .unknownSortDirection(text)
            }
        }
        self.init(field: field, descending: descending)
    }

    /// `amount:desc` — the form `--sort` and `:sort` accept.
    public var text: String { field.rawValue + (descending ? ":desc" : "") }
}
