/// The Salesforce field types the SOQL engine understands, named as describe names them.
public enum SOQLFieldType: String, Sendable, Hashable, CaseIterable {
    case id
    case reference
    case string
    case picklist
    case multipicklist
    case textarea
    case boolean
    case currency
    case percent
    case double
    case int
    case date
    case dateTime = "datetime"

    /// Whether the field may appear in WHERE. Long text areas cannot, which is what makes
    /// Salesforce answer "field 'Description' can not be filtered in a query call".
    public var isFilterable: Bool { self != .textarea }

    /// Whether the field may appear in ORDER BY.
    public var isSortable: Bool { self != .textarea && self != .multipicklist }

    /// The kind of literal a filter on this field needs.
    var literalKind: LiteralKind {
        switch self {
        case .id, .reference: return .id
        case .string, .picklist, .multipicklist, .textarea: return .string
        case .boolean: return .boolean
        case .currency, .percent, .double: return .double
        case .int: return .int
        case .date: return .date
        case .dateTime: return .dateTime
        }
    }

    /// Literal families, named as Salesforce names them in "must be of type …" messages.
    enum LiteralKind: String {
        case id
        case string
        case boolean
        case double
        case int
        case date
        case dateTime

        /// Whether literals of this kind are written in quotes.
        var isQuoted: Bool { self == .id || self == .string }
    }
}
