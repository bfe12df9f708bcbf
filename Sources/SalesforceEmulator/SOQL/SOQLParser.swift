/// A recursive-descent parser for the SOQL subset the emulator serves.
///
/// Grammar:
/// ```
/// query      := SELECT selection FROM name [WHERE condition] [ORDER BY order (, order)*]
///               [LIMIT integer] [OFFSET integer]
/// selection  := COUNT ( [path] ) | path (, path)*
/// condition  := unary ((AND unary)* | (OR unary)*)      -- Salesforce: no mixing without parentheses
/// unary      := NOT unary | ( condition ) | path operator operand
/// operator   := = | != | <> | < | <= | > | >= | LIKE | IN | NOT IN | INCLUDES | EXCLUDES
/// order      := path [ASC | DESC] [NULLS (FIRST | LAST)]
/// ```
struct SOQLParser {
    private let source: SOQLSource
    private let options: SOQLParserOptions
    private var tokens: [SOQLToken] = []
    private var position = 0

    /// Words that end or structure a clause, so they can never be read as a field name.
    private static let reservedWords: Set<String> = [
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "LIKE", "IN", "INCLUDES", "EXCLUDES", "NULL", "TRUE",
        "FALSE", "ORDER", "GROUP", "HAVING", "LIMIT", "OFFSET", "WITH", "ASC", "DESC", "NULLS", "USING", "FOR",
    ]

    init(text: String, options: SOQLParserOptions) {
        source = SOQLSource(text)
        self.options = options
    }

    mutating func parseQuery() throws(SOQLError) -> SOQLQuery {
        tokens = try SOQLLexer.tokenize(source)
        position = 0
        try expectKeyword("SELECT")
        let selection = try parseSelection()
        try expectKeyword("FROM")
        let objectToken = current
        guard objectToken.kind == .identifier, !isReserved(objectToken) else { throw unexpected(objectToken) }
        advance()
        var condition: SOQLCondition?
        if current.isKeyword("WHERE") {
            advance()
            condition = try parseCondition()
        }
        var ordering: [SOQLOrderItem] = []
        if current.isKeyword("ORDER") {
            advance()
            try expectKeyword("BY")
            ordering = try parseOrdering()
        }
        var limit: Int?
        if current.isKeyword("LIMIT") {
            advance()
            limit = try parseRowCount()
        }
        var offset: Int?
        if current.isKeyword("OFFSET") {
            advance()
            offset = try parseRowCount()
        }
        guard current.kind == .end else { throw unexpected(current) }
        return SOQLQuery(
            text: source.text, selection: selection, objectName: objectToken.text, objectOffset: objectToken.offset,
            condition: condition, ordering: ordering, limit: limit, offset: offset
        )
    }

    // MARK: Clauses

    private mutating func parseSelection() throws(SOQLError) -> SOQLSelection {
        if current.isKeyword("COUNT"), peek(1).kind == .leftParenthesis {
            advance()
            advance()
            if current.kind == .rightParenthesis {
                advance()
                return .count(nil)
            }
            let field = try parseFieldExpression()
            guard current.kind == .rightParenthesis else { throw SOQLError.expectingRightParenthesis(found: current, in: source) }
            advance()
            return .count(field)
        }
        var fields = [try parseFieldExpression()]
        while current.kind == .comma {
            advance()
            fields.append(try parseFieldExpression())
        }
        return .fields(fields)
    }

    private mutating func parseOrdering() throws(SOQLError) -> [SOQLOrderItem] {
        var items: [SOQLOrderItem] = []
        while true {
            let field = try parseFieldExpression()
            var descending = false
            if current.isKeyword("ASC") {
                advance()
            } else if current.isKeyword("DESC") {
                descending = true
                advance()
            }
            var nullsFirst: Bool?
            if current.isKeyword("NULLS") {
                advance()
                if current.isKeyword("FIRST") {
                    nullsFirst = true
                } else if current.isKeyword("LAST") {
                    nullsFirst = false
                } else {
                    throw unexpected(current)
                }
                advance()
            }
            items.append(SOQLOrderItem(field: field, descending: descending, nullsFirst: nullsFirst))
            guard current.kind == .comma else { return items }
            advance()
        }
    }

    /// The non-negative integer after LIMIT or OFFSET.
    private mutating func parseRowCount() throws(SOQLError) -> Int {
        let token = current
        guard case .number(let value, isInteger: true) = token.kind, value >= 0, value <= Double(Int32.max),
            let first = token.text.utf8.first, first != UInt8(ascii: "+"), first != UInt8(ascii: "-")
        else { throw unexpected(token) }
        advance()
        return Int(value)
    }

    // MARK: WHERE

    private mutating func parseCondition() throws(SOQLError) -> SOQLCondition {
        if !options.requiresParenthesesForMixedLogic { return try parseDisjunction() }
        let first = try parseUnary()
        let isAnd = current.isKeyword("AND")
        guard isAnd || current.isKeyword("OR") else { return first }
        let joiner = isAnd ? "AND" : "OR"
        var terms = [first]
        while current.isKeyword(joiner) {
            advance()
            terms.append(try parseUnary())
        }
        // Salesforce will not guess how `a AND b OR c` groups; it stops at the second operator.
        if current.isKeyword(isAnd ? "OR" : "AND") { throw unexpected(current) }
        return isAnd ? .and(terms) : .or(terms)
    }

    private mutating func parseDisjunction() throws(SOQLError) -> SOQLCondition {
        var terms = [try parseConjunction()]
        while current.isKeyword("OR") {
            advance()
            terms.append(try parseConjunction())
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func parseConjunction() throws(SOQLError) -> SOQLCondition {
        var terms = [try parseUnary()]
        while current.isKeyword("AND") {
            advance()
            terms.append(try parseUnary())
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    private mutating func parseUnary() throws(SOQLError) -> SOQLCondition {
        if current.isKeyword("NOT") {
            advance()
            return .not(try parseUnary())
        }
        if current.kind == .leftParenthesis {
            advance()
            let condition = try parseCondition()
            guard current.kind == .rightParenthesis else { throw SOQLError.expectingRightParenthesis(found: current, in: source) }
            advance()
            return condition
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(SOQLError) -> SOQLCondition {
        let field = try parseFieldExpression()
        let comparisonOperator = try parseOperator()
        switch comparisonOperator {
        case .in, .notIn, .includes, .excludes:
            guard current.kind == .leftParenthesis else { throw unexpected(current) }
            advance()
            var items = [try parseLiteral(allowingRelativeDates: false)]
            while current.kind == .comma {
                advance()
                items.append(try parseLiteral(allowingRelativeDates: false))
            }
            guard current.kind == .rightParenthesis else { throw SOQLError.expectingRightParenthesis(found: current, in: source) }
            advance()
            return .comparison(field: field, operator: comparisonOperator, operand: .list(items))
        case .comparison, .like:
            let literal = try parseLiteral(allowingRelativeDates: true)
            return .comparison(field: field, operator: comparisonOperator, operand: .literal(literal))
        }
    }

    private mutating func parseOperator() throws(SOQLError) -> SOQLOperator {
        let token = current
        if case .comparison(let comparison) = token.kind {
            advance()
            return .comparison(comparison)
        }
        let result: SOQLOperator
        if token.isKeyword("LIKE") {
            result = .like
        } else if token.isKeyword("IN") {
            result = .in
        } else if token.isKeyword("INCLUDES") {
            result = .includes
        } else if token.isKeyword("EXCLUDES") {
            result = .excludes
        } else if token.isKeyword("NOT"), peek(1).isKeyword("IN") {
            advance()
            result = .notIn
        } else {
            throw unexpected(token)
        }
        advance()
        return result
    }

    private mutating func parseLiteral(allowingRelativeDates: Bool) throws(SOQLError) -> SOQLLiteral {
        let token = current
        switch token.kind {
        case .string(let literal):
            advance()
            return .string(literal)
        case .number(let value, _):
            advance()
            return .number(value, text: token.text)
        case .date(let date):
            advance()
            return .date(date)
        case .dateTime(let timestamp):
            advance()
            return .dateTime(timestamp)
        case .identifier:
            let word = token.upperText
            switch word {
            case "NULL":
                advance()
                return .null
            case "TRUE", "FALSE":
                advance()
                return .boolean(word == "TRUE")
            default:
                break
            }
            guard allowingRelativeDates else { throw unexpected(token) }
            if let relative = SOQLRelativeDate.keywords[word] {
                advance()
                return .relativeDate(relative)
            }
            guard SOQLRelativeDate.isParameterized(word) else { throw unexpected(token) }
            advance()
            guard current.kind == .colon else { throw unexpected(current) }
            advance()
            let count = try parseRowCount()
            return .relativeDate(SOQLRelativeDate.parameterized(word, count))
        default:
            throw unexpected(token)
        }
    }

    // MARK: Tokens

    private mutating func parseFieldExpression() throws(SOQLError) -> SOQLFieldExpression {
        let token = current
        guard token.kind == .identifier, !isReserved(token) else { throw unexpected(token) }
        advance()
        let components = token.text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        return SOQLFieldExpression(components: components, offset: token.offset)
    }

    private var current: SOQLToken { tokens[position] }

    private func peek(_ distance: Int) -> SOQLToken { tokens[min(position + distance, tokens.count - 1)] }

    private mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    private mutating func expectKeyword(_ keyword: String) throws(SOQLError) {
        guard current.isKeyword(keyword) else { throw unexpected(current) }
        advance()
    }

    private func isReserved(_ token: SOQLToken) -> Bool {
        token.kind == .identifier && Self.reservedWords.contains(token.upperText)
    }

    private func unexpected(_ token: SOQLToken) -> SOQLError { SOQLError.unexpectedToken(token, in: source) }
}
