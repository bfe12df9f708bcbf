/// A query checked against a schema: every name canonical, every literal typed. It holds no
/// closures, so it can be kept with a query cursor and evaluated again page after page.
public struct SOQLResolvedQuery: Sendable, Hashable {
    public let text: String
    /// The queried object's API name in canonical casing.
    public let objectName: String
    public let selection: SOQLResolvedSelection
    public let condition: SOQLResolvedCondition?
    public let ordering: [SOQLResolvedOrdering]
    public let limit: Int?
    public let offset: Int?

    public init(
        text: String, objectName: String, selection: SOQLResolvedSelection, condition: SOQLResolvedCondition?,
        ordering: [SOQLResolvedOrdering], limit: Int?, offset: Int?
    ) {
        self.text = text
        self.objectName = objectName
        self.selection = selection
        self.condition = condition
        self.ordering = ordering
        self.limit = limit
        self.offset = offset
    }

    /// The selected fields in SELECT order; empty for COUNT queries.
    public var selectedFields: [SOQLResolvedField] {
        if case .fields(let fields) = selection { return fields }
        return []
    }

    /// Whether this is `COUNT()` or `COUNT(field)`.
    public var isCount: Bool {
        if case .fields = selection { return false }
        return true
    }

    /// Every distinct field the query mentions, in order of first mention (SELECT, WHERE,
    /// ORDER BY).
    public var referencedFields: [SOQLResolvedField] {
        distinctFields(includingSelection: true)
    }

    /// The fields evaluation reads (WHERE, ORDER BY, `COUNT(field)`); SELECT-only fields are the
    /// renderer's business.
    var evaluatedFields: [SOQLResolvedField] {
        distinctFields(includingSelection: false)
    }

    private func distinctFields(includingSelection: Bool) -> [SOQLResolvedField] {
        var seen: Set<SOQLFieldPath> = []
        var result: [SOQLResolvedField] = []
        func add(_ field: SOQLResolvedField) {
            if seen.insert(field.path).inserted { result.append(field) }
        }
        func walk(_ condition: SOQLResolvedCondition) {
            switch condition {
            case .and(let terms), .or(let terms): terms.forEach(walk)
            case .not(let inner): walk(inner)
            case .predicate(let field, _): add(field)
            }
        }
        switch selection {
        case .fields(let fields) where includingSelection: fields.forEach(add)
        case .countOf(let field): add(field)
        case .fields, .count: break
        }
        if let condition { walk(condition) }
        ordering.forEach { add($0.field) }
        return result
    }
}
