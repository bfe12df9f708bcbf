import DealdeckCore

/// Checks a parsed query against a schema, resolving names to their canonical casing and
/// literals to typed values, and refusing what Salesforce refuses with Salesforce's wording.
struct SOQLValidator {
    private let schema: SOQLSchema
    private let query: SOQLQuery
    private let source: SOQLSource

    /// Salesforce refuses larger offsets with NUMBER_OUTSIDE_VALID_RANGE.
    static let maximumOffset = 2000

    init(schema: SOQLSchema, query: SOQLQuery) {
        self.schema = schema
        self.query = query
        source = SOQLSource(query.text)
    }

    func resolve() throws(SOQLError) -> SOQLResolvedQuery {
        guard let object = schema.object(named: query.objectName) else {
            throw SOQLError.unsupportedObject(query.objectName, at: query.objectOffset, in: source)
        }
        let selection = try resolveSelection(on: object)
        let condition = try query.condition.map { (condition) throws(SOQLError) in try resolveCondition(condition, on: object) }
        var ordering: [SOQLResolvedOrdering] = []
        for item in query.ordering {
            let field = try resolveField(item.field, on: object)
            guard field.type.isSortable else { throw SOQLError.notSortable(field.path.fieldName, at: item.field.offset, in: source) }
            ordering.append(
                SOQLResolvedOrdering(field: field, descending: item.descending, nullsFirst: item.nullsFirst ?? !item.descending)
            )
        }
        if let offset = query.offset, offset > Self.maximumOffset { throw SOQLError.offsetTooLarge(object: object.name) }
        return SOQLResolvedQuery(
            text: query.text, objectName: object.name, selection: selection, condition: condition, ordering: ordering,
            limit: query.limit, offset: query.offset
        )
    }

    // MARK: Names

    private func resolveSelection(on object: SOQLObjectSchema) throws(SOQLError) -> SOQLResolvedSelection {
        switch query.selection {
        case .count(nil):
            return .count
        case .count(let expression?):
            return .countOf(try resolveField(expression, on: object))
        case .fields(let expressions):
            var fields: [SOQLResolvedField] = []
            var seen: Set<SOQLFieldPath> = []
            for expression in expressions {
                let field = try resolveField(expression, on: object)
                guard seen.insert(field.path).inserted else {
                    throw SOQLError.duplicateField(expression.text, at: expression.offset, in: source)
                }
                fields.append(field)
            }
            return .fields(fields)
        }
    }

    private func resolveField(_ expression: SOQLFieldExpression, on root: SOQLObjectSchema) throws(SOQLError) -> SOQLResolvedField {
        var names = expression.components[...]
        // Salesforce accepts the queried object's own name as a qualifier: `Opportunity.Name`.
        if names.count > 1, let first = names.first, root.relationship(named: first) == nil,
            first.lowercased() == root.name.lowercased()
        {
            names = names.dropFirst()
        }
        guard let fieldName = names.last else {
            throw SOQLError.noSuchColumn(expression.text, entity: root.name, at: expression.offset, in: source)
        }
        var object = root
        var canonical: [String] = []
        var targets: [String] = []
        for name in names.dropLast() {
            guard let relationship = object.relationship(named: name), let target = schema.object(named: relationship.targetObject)
            else { throw SOQLError.unknownRelationship(name, at: expression.offset, in: source) }
            canonical.append(relationship.name)
            targets.append(target.name)
            object = target
        }
        guard let field = object.field(named: fieldName) else {
            throw SOQLError.noSuchColumn(fieldName, entity: object.name, at: expression.offset, in: source)
        }
        canonical.append(field.name)
        return SOQLResolvedField(
            path: SOQLFieldPath(canonical), type: field.type, relationshipTargets: targets, objectName: object.name
        )
    }

    // MARK: WHERE

    private func resolveCondition(_ condition: SOQLCondition, on object: SOQLObjectSchema) throws(SOQLError) -> SOQLResolvedCondition {
        switch condition {
        case .and(let terms):
            return .and(try resolveTerms(terms, on: object))
        case .or(let terms):
            return .or(try resolveTerms(terms, on: object))
        case .not(let inner):
            return .not(try resolveCondition(inner, on: object))
        case .comparison(let expression, let comparisonOperator, let operand):
            let field = try resolveField(expression, on: object)
            guard field.type.isFilterable else {
                throw SOQLError.notFilterable(field.path.fieldName, at: expression.offset, in: source)
            }
            let predicate = try resolvePredicate(comparisonOperator, operand, field: field, at: expression.offset)
            return .predicate(field, predicate)
        }
    }

    private func resolveTerms(_ terms: [SOQLCondition], on object: SOQLObjectSchema) throws(SOQLError) -> [SOQLResolvedCondition] {
        var resolved: [SOQLResolvedCondition] = []
        for term in terms { resolved.append(try resolveCondition(term, on: object)) }
        return resolved
    }

    private func resolvePredicate(
        _ comparisonOperator: SOQLOperator, _ operand: SOQLOperand, field: SOQLResolvedField, at offset: Int
    ) throws(SOQLError) -> SOQLResolvedPredicate {
        let kind = field.type.literalKind
        switch (comparisonOperator, operand) {
        case (.comparison(let comparison), .literal(.relativeDate(let relative))):
            guard kind == .date || kind == .dateTime else { throw mismatch(field, at: offset) }
            return .relativeDate(comparison, relative)
        case (.comparison(let comparison), .literal(let literal)):
            return .comparison(comparison, try value(of: literal, for: field, at: offset))
        case (.like, .literal(let literal)):
            if kind == .id { throw SOQLError.invalidOperatorOnID(at: offset, in: source) }
            guard kind == .string else { throw mismatch(field, at: offset) }
            switch literal {
            case .string(let string): return .like(SOQLLikePattern(raw: string.raw))
            case .null: return .comparison(.equal, .null)
            default: throw mismatch(field, at: offset)
            }
        case (.in, .list(let literals)), (.notIn, .list(let literals)):
            var values: [SOQLValue] = []
            for literal in literals { values.append(try value(of: literal, for: field, at: offset)) }
            return comparisonOperator == .in ? .in(values) : .notIn(values)
        case (.includes, .list(let literals)), (.excludes, .list(let literals)):
            guard field.type == .multipicklist else { throw SOQLError.includesNeedsMultipicklist(at: offset, in: source) }
            var terms: [[String]] = []
            for literal in literals {
                guard case .string(let string) = literal else { throw mismatch(field, at: offset) }
                terms.append(SOQLValidator.picklistValues(string.value))
            }
            return comparisonOperator == .includes ? .includes(terms) : .excludes(terms)
        default:
            // The parser pairs list operators with lists and the rest with single literals.
            throw SOQLError.located(SOQLError.malformedQuery, in: source, at: offset, "unexpected token: '\(field.path)'")
        }
    }

    /// The literal as a value of the field's type, or the error Salesforce gives for the mismatch.
    private func value(of literal: SOQLLiteral, for field: SOQLResolvedField, at offset: Int) throws(SOQLError) -> SOQLValue {
        let kind = field.type.literalKind
        switch literal {
        case .null:
            // Salesforce booleans are never null: `= null` on a checkbox means false.
            return kind == .boolean ? .boolean(false) : .null
        case .boolean(let flag) where kind == .boolean:
            return .boolean(flag)
        case .number(let number, _) where kind == .double || kind == .int:
            return .number(number)
        case .string(let string) where kind == .string:
            return .string(string.value)
        case .string(let string) where kind == .id:
            // An empty ID matches an empty lookup, as in Salesforce.
            if string.value.isEmpty { return .null }
            guard let id = SalesforceID(string.value) else { throw SOQLError.invalidID(string.value, at: offset, in: source) }
            return .string(id.rawValue)
        case .date(let date) where kind == .date:
            return .date(date)
        case .dateTime(let timestamp) where kind == .dateTime:
            return .dateTime(timestamp)
        default:
            throw mismatch(field, at: offset)
        }
    }

    private func mismatch(_ field: SOQLResolvedField, at offset: Int) -> SOQLError {
        SOQLError.wrongFilterValue(field.path.fieldName, expected: field.type.literalKind, at: offset, in: source)
    }

    /// The values of a multi-select picklist literal `'a;b'`, trimmed as Salesforce trims them.
    static func picklistValues(_ text: String) -> [String] {
        text.split(separator: ";").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
