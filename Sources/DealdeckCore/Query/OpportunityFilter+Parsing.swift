import Foundation

extension OpportunityFilter {
    /// Parses the filter syntax. Double quotes group words: `account:"Acme Corp"`.
    public init(parsing text: String) throws(OpportunityQueryError) {
        var terms: [Term] = []
        for token in Self.tokenize(text) {
            terms.append(try Self.parseTerm(token))
        }
        self.init(terms: terms)
    }

    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
            } else if character.isWhitespace && !quoted {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func parseTerm(_ token: String) throws(OpportunityQueryError) -> Term {
        var body = Substring(token)
        var negated = false
        if body.hasPrefix("-"), body.count > 1 {
            negated = true
            body = body.dropFirst()
        }
        if let comparison = comparisonSplit(body) {
            return Term(try parseComparison(key: comparison.key, op: comparison.op, value: comparison.value, term: token), negated: negated)
        }
        if let colon = body.firstIndex(of: ":") {
            let key = body[..<colon].lowercased()
            let value = String(body[body.index(after: colon)...])
            if let field = textField(for: key) {
                guard !value.isEmpty else { throw .emptyValue(term: token) }
                return Term(.contains(field, value), negated: negated)
            }
            if key == "status" || key == "is" {
                guard let status = Status(rawValue: value.lowercased()) else { throw .badStatus(term: token) }
                return Term(.status(status), negated: negated)
            }
            if ["amount", "prob", "probability", "close"].contains(key) {
                return Term(try parseComparison(key: key, op: .equal, value: value, term: token), negated: negated)
            }
            throw .unknownFilterKey(token)
        }
        return Term(.text(String(body)), negated: negated)
    }

    private static func textField(for key: String) -> TextField? {
        switch key {
        case "stage": return .stage
        case "owner": return .owner
        case "account", "acct": return .account
        case "name": return .name
        case "type": return .type
        case "source", "leadsource", "lead": return .leadSource
        case "next", "nextstep": return .nextStep
        default: return nil
        }
    }

    private static func comparisonSplit(_ body: Substring) -> (key: String, op: Comparison, value: String)? {
        guard let index = body.firstIndex(where: { $0 == "<" || $0 == ">" || $0 == "=" }) else { return nil }
        let key = body[..<index].lowercased()
        guard ["amount", "prob", "probability", "close", "closedate"].contains(key) else { return nil }
        let rest = body[index...]
        for op in [Comparison.lessOrEqual, .greaterOrEqual, .less, .greater, .equal] where rest.hasPrefix(op.rawValue) {
            return (key, op, String(rest.dropFirst(op.rawValue.count)))
        }
        return nil
    }

    private static func parseComparison(key: String, op: Comparison, value: String, term: String) throws(OpportunityQueryError) -> Condition {
        switch key {
        case "amount":
            guard let number = parseNumber(value) else { throw .badNumber(term: term) }
            return .amount(op, number)
        case "prob", "probability":
            let trimmed = value.hasSuffix("%") ? String(value.dropLast()) : value
            guard let number = parseNumber(trimmed) else { throw .badNumber(term: term) }
            return .probability(op, number)
        default:
            guard let operand = parseDateOperand(value) else { throw .badDate(term: term) }
            return .closeDate(op, operand)
        }
    }

    /// Accepts `50000`, `50,000`, `50k`, `1.5m`.
    static func parseNumber(_ text: String) -> Decimal? {
        var cleaned = text.lowercased().filter { $0 != "," && $0 != "_" && $0 != "$" }
        var multiplier: Decimal = 1
        if cleaned.hasSuffix("k") { multiplier = 1000; cleaned.removeLast() }
        else if cleaned.hasSuffix("m") { multiplier = 1_000_000; cleaned.removeLast() }
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }),
            let number = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        return number * multiplier
    }

    static func parseDateOperand(_ text: String) -> DateOperand? {
        let lowered = text.lowercased()
        if lowered == "today" { return .daysFromToday(0) }
        if let date = CalendarDate(text) { return .absolute(date) }
        for (suffix, factor) in [("d", 1), ("w", 7)] where lowered.hasSuffix(suffix) {
            if let days = Int(lowered.dropLast()) { return .daysFromToday(days * factor) }
        }
        return nil
    }
}
