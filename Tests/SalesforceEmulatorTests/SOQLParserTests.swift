import DealdeckCore
import SalesforceEmulator
import Testing

@Suite struct SOQLParserTests {
    private func parse(_ text: String, options: SOQLParserOptions = SOQLParserOptions()) throws(SOQLError) -> SOQLQuery {
        try SOQLQuery(parsing: text, options: options)
    }

    private func condition(_ whereClause: String, options: SOQLParserOptions = SOQLParserOptions()) throws -> SOQLCondition? {
        try parse("SELECT Id FROM Opportunity WHERE " + whereClause, options: options).condition
    }

    private func parseError(_ text: String) -> SOQLError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    private func field(_ path: String, _ offset: Int) -> SOQLFieldExpression {
        SOQLFieldExpression(components: path.split(separator: ".").map(String.init), offset: offset)
    }

    /// A comparison whose field offset is not under test.
    private func leaf(_ condition: SOQLCondition?) -> (String, SOQLOperator, SOQLOperand)? {
        guard case .comparison(let field, let comparisonOperator, let operand) = condition else { return nil }
        return (field.text, comparisonOperator, operand)
    }

    @Test func parsesTheSyncQuery() throws {
        let query = try parse(
            "SELECT Id, Name, Account.Name, Owner.Email FROM Opportunity WHERE SystemModstamp >= 2024-01-01T00:00:00Z "
                + "ORDER BY SystemModstamp, Id LIMIT 200 OFFSET 10"
        )
        #expect(query.selection == .fields([field("Id", 7), field("Name", 11), field("Account.Name", 17), field("Owner.Email", 31)]))
        #expect(query.objectName == "Opportunity")
        #expect(query.objectOffset == 48)
        #expect(
            query.condition
                == .comparison(
                    field: field("SystemModstamp", 66), operator: .comparison(.greaterThanOrEqual),
                    operand: .literal(.dateTime(SOQLFixtures.timestamp("2024-01-01T00:00:00Z")))
                )
        )
        #expect(query.ordering == [SOQLOrderItem(field: field("SystemModstamp", 114)), SOQLOrderItem(field: field("Id", 130))])
        #expect(query.limit == 200)
        #expect(query.offset == 10)
    }

    @Test func keywordsIgnoreCaseAndWhitespaceIsFree() throws {
        let query = try parse("  select\n\tid ,name\r\nfrom   opportunity\nwhere name like 'A%'\norder by name desc nulls first limit 5  ")
        #expect(query.selection == .fields([field("id", 10), field("name", 14)]))
        #expect(query.objectName == "opportunity")
        #expect(query.ordering == [SOQLOrderItem(field: field("name", 69), descending: true, nullsFirst: true)])
        #expect(query.limit == 5)
        guard case .comparison(_, .like, .literal(.string(let pattern))) = query.condition else {
            Issue.record("expected LIKE")
            return
        }
        #expect(pattern.value == "A%")
    }

    @Test func parsesCount() throws {
        #expect(try parse("SELECT COUNT() FROM Opportunity").selection == .count(nil))
        #expect(try parse("select count ( ) from Opportunity").selection == .count(nil))
        #expect(try parse("SELECT COUNT(Id) FROM Opportunity").selection == .count(field("Id", 13)))
        // COUNT without parentheses is just a field name.
        #expect(try parse("SELECT Count FROM Opportunity").selection == .fields([field("Count", 7)]))
    }

    @Test func parsesEveryOperatorAndLiteral() throws {
        #expect(leaf(try condition("Amount = 5"))?.1 == .comparison(.equal))
        #expect(leaf(try condition("Amount != 5"))?.1 == .comparison(.notEqual))
        #expect(leaf(try condition("Amount <> 5"))?.1 == .comparison(.notEqual))
        #expect(leaf(try condition("Amount < 5"))?.1 == .comparison(.lessThan))
        #expect(leaf(try condition("Amount <= 5"))?.1 == .comparison(.lessThanOrEqual))
        #expect(leaf(try condition("Amount > 5"))?.1 == .comparison(.greaterThan))
        #expect(leaf(try condition("Amount >= 5"))?.1 == .comparison(.greaterThanOrEqual))
        #expect(leaf(try condition("Amount = -12.5"))?.2 == .literal(.number(-12.5, text: "-12.5")))
        #expect(leaf(try condition("IsDeleted = TRUE"))?.2 == .literal(.boolean(true)))
        #expect(leaf(try condition("IsDeleted = false"))?.2 == .literal(.boolean(false)))
        #expect(leaf(try condition("Amount = NULL"))?.2 == .literal(.null))
        #expect(leaf(try condition("CloseDate = 2024-01-31"))?.2 == .literal(.date(SOQLFixtures.date("2024-01-31"))))
        #expect(leaf(try condition("CloseDate = today"))?.2 == .literal(.relativeDate(.today)))
        #expect(leaf(try condition("CloseDate = YESTERDAY"))?.2 == .literal(.relativeDate(.yesterday)))
        #expect(leaf(try condition("CloseDate = TOMORROW"))?.2 == .literal(.relativeDate(.tomorrow)))
        #expect(leaf(try condition("CloseDate = LAST_N_DAYS:30"))?.2 == .literal(.relativeDate(.lastNDays(30))))
        #expect(leaf(try condition("CloseDate = next_n_days : 7"))?.2 == .literal(.relativeDate(.nextNDays(7))))
        #expect(leaf(try condition("CloseDate = LAST_90_DAYS"))?.2 == .literal(.relativeDate(.lastNDays(90))))
        #expect(leaf(try condition("CloseDate = THIS_MONTH"))?.2 == .literal(.relativeDate(.thisMonth)))
        let list = try #require(leaf(try condition("StageName IN ('A', 'B')")))
        #expect(list.1 == .in)
        #expect(list.2 == .list([.string(SOQLStringLiteral(value: "A", raw: "A")), .string(SOQLStringLiteral(value: "B", raw: "B"))]))
        #expect(leaf(try condition("StageName NOT IN ('A')"))?.1 == .notIn)
        #expect(leaf(try condition("Competitors__c INCLUDES ('a;b', 'c')"))?.1 == .includes)
        #expect(leaf(try condition("Competitors__c excludes ('a')"))?.1 == .excludes)
    }

    @Test func requiresParenthesesToMixAndWithOr() throws {
        let error = try #require(parseError("SELECT Id FROM Opportunity WHERE Amount > 1 AND Amount < 5 OR Name = 'x'"))
        #expect(error.errorCode == "MALFORMED_QUERY")
        #expect(
            error.message
                == "\nSELECT Id FROM Opportunity WHERE Amount > 1 AND Amount < 5 OR Name = 'x'\n"
                + String(repeating: " ", count: 59) + "^\nERROR at Row:1:Column:60\nunexpected token: 'OR'"
        )
        #expect(parseError("SELECT Id FROM Opportunity WHERE a = 1 or b = 2 AND c = 3")?.column == 49)
        let grouped = try condition("(a = 1 AND b = 2) OR c = 3")
        guard case .or(let terms) = grouped, terms.count == 2, case .and(let inner) = terms[0] else {
            Issue.record("expected (a AND b) OR c, got \(String(describing: grouped))")
            return
        }
        #expect(inner.count == 2)
    }

    @Test func chainsOfOneOperatorNeedNoParentheses() throws {
        guard case .and(let terms) = try condition("a = 1 AND b = 2 AND c = 3") else {
            Issue.record("expected AND")
            return
        }
        #expect(terms.map { leaf($0)?.0 } == ["a", "b", "c"])
        guard case .or(let alternatives) = try condition("a = 1 OR b = 2 OR c = 3") else {
            Issue.record("expected OR")
            return
        }
        #expect(alternatives.count == 3)
    }

    @Test func leniencyAppliesNotThenAndThenOr() throws {
        let lenient = SOQLParserOptions(requiresParenthesesForMixedLogic: false)
        // a OR b AND NOT c  ==  a OR (b AND (NOT c))
        let parsed = try condition("a = 1 OR b = 2 AND NOT c = 3", options: lenient)
        guard case .or(let terms) = parsed, terms.count == 2, leaf(terms[0])?.0 == "a",
            case .and(let conjunction) = terms[1], conjunction.count == 2, leaf(conjunction[0])?.0 == "b",
            case .not(let negated) = conjunction[1], leaf(negated)?.0 == "c"
        else {
            Issue.record("wrong precedence: \(String(describing: parsed))")
            return
        }
        // a AND b OR c  ==  (a AND b) OR c
        let other = try condition("a = 1 AND b = 2 OR c = 3", options: lenient)
        guard case .or(let alternatives) = other, case .and = alternatives[0], leaf(alternatives[1])?.0 == "c" else {
            Issue.record("wrong precedence: \(String(describing: other))")
            return
        }
    }

    @Test func notBindsToTheNextTerm() throws {
        guard case .and(let terms) = try condition("NOT a = 1 AND b = 2"), case .not(let negated) = terms[0] else {
            Issue.record("expected (NOT a) AND b")
            return
        }
        #expect(leaf(negated)?.0 == "a")
        guard case .not(.or(let inner)) = try condition("NOT (a = 1 OR b = 2)") else {
            Issue.record("expected NOT (a OR b)")
            return
        }
        #expect(inner.count == 2)
    }

    @Test func parsesOrderingOptions() throws {
        let query = try parse("SELECT Id FROM Opportunity ORDER BY Amount DESC NULLS LAST, Name ASC NULLS FIRST, CloseDate")
        #expect(query.ordering == [
            SOQLOrderItem(field: field("Amount", 36), descending: true, nullsFirst: false),
            SOQLOrderItem(field: field("Name", 60), descending: false, nullsFirst: true),
            SOQLOrderItem(field: field("CloseDate", 82)),
        ])
    }

    @Test func reportsSyntaxErrorsLikeSalesforce() throws {
        let atEnd = try #require(parseError("SELECT Id FROM Opportunity WHERE"))
        #expect(atEnd.errorCode == "MALFORMED_QUERY")
        #expect(
            atEnd.message
                == "\nSELECT Id FROM Opportunity WHERE\n" + String(repeating: " ", count: 32)
                + "^\nERROR at Row:1:Column:33\nunexpected token: <EOF>"
        )
        let star = try #require(parseError("SELECT * FROM Opportunity"))
        #expect(star.message == "\nSELECT * FROM Opportunity\n       ^\nERROR at Row:1:Column:8\nunexpected token: '*'")
        let from = try #require(parseError("SELECT Id From"))
        #expect(from.message == "\nSELECT Id From\n              ^\nERROR at Row:1:Column:15\nunexpected token: <EOF>")
        #expect(parseError("SELECT FROM Opportunity")?.message.hasSuffix("Column:8\nunexpected token: 'FROM'") == true)
        #expect(parseError("SELECT Id Name FROM Opportunity")?.message.hasSuffix("Column:11\nunexpected token: 'Name'") == true)
        #expect(parseError("SELECT Id, FROM Opportunity")?.message.hasSuffix("unexpected token: 'FROM'") == true)
        #expect(parseError("SELECT Id FROM Opportunity LIMIT 'x'")?.message.hasSuffix("unexpected token: ''x''") == true)
        #expect(parseError("SELECT Id FROM Opportunity LIMIT -1")?.message.hasSuffix("unexpected token: '-1'") == true)
        #expect(parseError("SELECT Id FROM Opportunity LIMIT 1.5")?.message.hasSuffix("unexpected token: '1.5'") == true)
        #expect(parseError("SELECT Id FROM Opportunity LIMIT 5 garbage")?.message.hasSuffix("unexpected token: 'garbage'") == true)
        #expect(parseError("SELECT Id FROM Opportunity OFFSET 5 LIMIT 1")?.message.hasSuffix("unexpected token: 'LIMIT'") == true)
        #expect(parseError("SELECT Id FROM Opportunity ORDER Name")?.message.hasSuffix("unexpected token: 'Name'") == true)
        #expect(parseError("SELECT Id FROM Opportunity ORDER BY Name NULLS")?.message.hasSuffix("unexpected token: <EOF>") == true)
        #expect(parseError("SELECT Id FROM Opportunity WHERE Name")?.message.hasSuffix("unexpected token: <EOF>") == true)
        #expect(parseError("SELECT Id FROM Opportunity WHERE Name = ")?.message.hasSuffix("unexpected token: <EOF>") == true)
        #expect(parseError("SELECT Id FROM Opportunity WHERE Name IN ()")?.message.hasSuffix("unexpected token: ')'") == true)
        #expect(parseError("SELECT Id FROM Opportunity WHERE Name IN (TODAY)")?.message.hasSuffix("unexpected token: 'TODAY'") == true)
        #expect(parseError("SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_DAYS")?.message.hasSuffix("unexpected token: <EOF>") == true)
        #expect(parseError("SELECT Id FROM Opportunity WHERE CloseDate = SOMEDAY")?.message.hasSuffix("unexpected token: 'SOMEDAY'") == true)
        #expect(parseError("SELECT COUNT(), Id FROM Opportunity")?.message.hasSuffix("unexpected token: ','") == true)
        #expect(parseError("")?.message == "\n\n^\nERROR at Row:1:Column:1\nunexpected token: <EOF>")
    }

    @Test func reportsAMissingRightParenthesis() throws {
        let error = try #require(parseError("SELECT Id FROM Opportunity WHERE (Amount > 5"))
        #expect(error.message.hasSuffix("Column:45\nexpecting a right parentheses, found '<EOF>'"))
        let other = try #require(parseError("SELECT Id FROM Opportunity WHERE (Amount > 5 LIMIT 5"))
        #expect(other.message.hasSuffix("Column:46\nexpecting a right parentheses, found 'LIMIT'"))
    }

    @Test func reportsAnIllegalEscape() throws {
        let error = try #require(parseError(#"SELECT Id FROM Opportunity WHERE Name = 'a\qb'"#))
        #expect(error.errorCode == "MALFORMED_QUERY")
        #expect(error.message.hasSuffix(#"Column:41"# + "\n" + #"Invalid string literal 'a\qb'. Illegal character sequence '\q' in string literal."#))
    }

    @Test func anUnterminatedStringRunsToTheEnd() throws {
        let error = try #require(parseError("SELECT Id FROM Opportunity WHERE Name = 'abc"))
        #expect(error.message.hasSuffix("Column:45\nunexpected token: <EOF>"))
    }

    @Test func countsRowsAndColumnsAcrossLines() throws {
        let error = try #require(parseError("SELECT Id\nFROM Opportunity\nWHERE Amount >> 5"))
        #expect(error.row == 3)
        #expect(error.column == 15)
        #expect(error.message == "\nWHERE Amount >> 5\n              ^\nERROR at Row:3:Column:15\nunexpected token: '>'")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let error = try #require(parseError("SELECT Id FROM Opportunity WHERE Name = 'été' garbage"))
        #expect(error.column == 47)
    }
}
