import DealdeckCore
import SalesforceEmulator
import Testing

@Suite struct SOQLValidationTests {
    private let customField =
        "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. "
        + "Please reference your WSDL or the describe call for the appropriate names."

    private func predicate(_ whereClause: String) throws -> SOQLResolvedPredicate? {
        let query = try SOQLFixtures.resolve("SELECT Id FROM Opportunity WHERE " + whereClause)
        guard case .predicate(_, let predicate) = query.condition else { return nil }
        return predicate
    }

    private func error(_ text: String) throws -> SOQLError {
        try #require(SOQLFixtures.error(text))
    }

    // MARK: Resolution

    @Test func resolvesNamesToCanonicalCasing() throws {
        let query = try SOQLFixtures.resolve("select id, NAME, account.name, OWNER.email from OPPORTUNITY")
        #expect(query.objectName == "Opportunity")
        #expect(query.selectedFields.map(\.path.components) == [["Id"], ["Name"], ["Account", "Name"], ["Owner", "Email"]])
        #expect(query.selectedFields.map(\.path.description) == ["Id", "Name", "Account.Name", "Owner.Email"])
        let email = query.selectedFields[3]
        #expect(email.type == .string)
        #expect(email.relationshipTargets == ["User"])
        #expect(email.objectName == "User")
        #expect(query.selectedFields[0].type == .id)
        #expect(query.selectedFields[0].objectName == "Opportunity")
        #expect(!query.isCount)
    }

    @Test func followsRelationshipsSeveralLevelsDeep() throws {
        let field = try #require(try SOQLFixtures.resolve("SELECT account.owner.NAME FROM Opportunity").selectedFields.first)
        #expect(field.path.components == ["Account", "Owner", "Name"])
        #expect(field.path.relationships == ["Account", "Owner"])
        #expect(field.path.fieldName == "Name")
        #expect(field.relationshipTargets == ["Account", "User"])
    }

    @Test func acceptsTheObjectNameAsAQualifier() throws {
        let query = try SOQLFixtures.resolve("SELECT Opportunity.Name FROM Opportunity ORDER BY opportunity.Id")
        #expect(query.selectedFields.map(\.path) == [SOQLFieldPath(["Name"])])
        #expect(query.ordering.map(\.field.path) == [SOQLFieldPath(["Id"])])
    }

    @Test func resolvesCountQueries() throws {
        #expect(try SOQLFixtures.resolve("SELECT COUNT() FROM Opportunity").selection == .count)
        let countOf = try SOQLFixtures.resolve("SELECT count(id) FROM Opportunity")
        guard case .countOf(let field) = countOf.selection else {
            Issue.record("expected COUNT(field)")
            return
        }
        #expect(field.path == SOQLFieldPath(["Id"]))
        #expect(countOf.isCount)
        #expect(countOf.selectedFields.isEmpty)
    }

    @Test func listsEveryReferencedFieldOnce() throws {
        let query = try SOQLFixtures.resolve(
            "SELECT Name, Amount FROM Opportunity WHERE amount > 5 AND (IsDeleted = false OR Account.Name = 'x') ORDER BY Name, CloseDate"
        )
        #expect(query.referencedFields.map(\.path.description) == ["Name", "Amount", "IsDeleted", "Account.Name", "CloseDate"])
    }

    @Test func appliesSalesforceNullOrderingDefaults() throws {
        let query = try SOQLFixtures.resolve(
            "SELECT Id FROM Opportunity ORDER BY Amount, Name DESC, CloseDate ASC NULLS LAST, StageName DESC NULLS FIRST"
        )
        #expect(query.ordering.map(\.descending) == [false, true, false, true])
        #expect(query.ordering.map(\.nullsFirst) == [true, false, false, true])
    }

    @Test func keepsLimitAndOffset() throws {
        let query = try SOQLFixtures.resolve("SELECT Id FROM Opportunity LIMIT 10 OFFSET 2000")
        #expect(query.limit == 10)
        #expect(query.offset == 2000)
    }

    // MARK: Literals

    @Test func convertsLiteralsToTheFieldType() throws {
        #expect(try predicate("IsDeleted = true") == .comparison(.equal, .boolean(true)))
        #expect(try predicate("Amount > 5") == .comparison(.greaterThan, .number(5)))
        #expect(try predicate("FiscalYear = 2024") == .comparison(.equal, .number(2024)))
        #expect(try predicate("Name = 'Acme'") == .comparison(.equal, .string("Acme")))
        #expect(try predicate("Name = null") == .comparison(.equal, .null))
        #expect(try predicate("CloseDate <= 2024-01-31") == .comparison(.lessThanOrEqual, .date(SOQLFixtures.date("2024-01-31"))))
        #expect(
            try predicate("SystemModstamp >= 2024-01-02T03:04:05.000+0000")
                == .comparison(.greaterThanOrEqual, .dateTime(SOQLFixtures.timestamp("2024-01-02T03:04:05Z")))
        )
        #expect(try predicate("CloseDate = LAST_N_DAYS:7") == .relativeDate(.equal, .lastNDays(7)))
        #expect(try predicate("CreatedDate > TODAY") == .relativeDate(.greaterThan, .today))
        #expect(try predicate("StageName IN ('A', null)") == .in([.string("A"), .null]))
        #expect(try predicate("Competitors__c INCLUDES ('a ; b', 'c')") == .includes([["a", "b"], ["c"]]))
        #expect(try predicate("Name LIKE 'A\\%%'") == .like(SOQLLikePattern(raw: "A\\%%")))
    }

    @Test func aNullCheckboxIsFalse() throws {
        #expect(try predicate("IsDeleted = null") == .comparison(.equal, .boolean(false)))
        #expect(try predicate("IsDeleted != NULL") == .comparison(.notEqual, .boolean(false)))
    }

    @Test func normalizesIdLiteralsToEighteenCharacters() throws {
        let id = SOQLFixtures.id(7)
        let fifteen = String(id.prefix(15))
        #expect(try predicate("Id = '\(fifteen)'") == .comparison(.equal, .string(id)))
        #expect(try predicate("AccountId IN ('\(id.lowercased())')") == .in([.string(id)]))
        #expect(try predicate("AccountId = ''") == .comparison(.equal, .null))
    }

    // MARK: Errors

    @Test func rejectsAnUnknownObject() throws {
        let error = try error("SELECT Id FROM Foo")
        #expect(error.errorCode == "INVALID_TYPE")
        #expect(
            error.message
                == "\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\nsObject type 'Foo' is not supported. "
                + "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. "
                + "Please reference your WSDL or the describe call for the appropriate names."
        )
        #expect(error.row == 1)
        #expect(error.column == 16)
    }

    @Test func rejectsAnUnknownField() throws {
        let error = try error("SELECT Foo FROM Opportunity")
        #expect(error.errorCode == "INVALID_FIELD")
        #expect(
            error.message
                == "\nSELECT Foo FROM Opportunity\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Opportunity'. "
                + customField
        )
    }

    @Test func namesTheParentEntityForAnUnknownParentField() throws {
        let error = try error("SELECT Id, account.foo FROM opportunity")
        #expect(error.errorCode == "INVALID_FIELD")
        #expect(error.column == 12)
        #expect(error.message.hasSuffix("\nNo such column 'foo' on entity 'Account'. " + customField))
    }

    @Test func rejectsAnUnknownRelationship() throws {
        let error = try error("SELECT Foo.Name FROM Opportunity")
        #expect(error.errorCode == "INVALID_FIELD")
        #expect(
            error.message
                == "\nSELECT Foo.Name FROM Opportunity\n       ^\nERROR at Row:1:Column:8\nDidn't understand relationship 'Foo' "
                + "in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the "
                + "custom relationship name. Please reference your WSDL or the describe call for the appropriate names."
        )
        // A relationship name alone is not a field.
        #expect(try self.error("SELECT Account FROM Opportunity").message.hasSuffix("No such column 'Account' on entity 'Opportunity'. " + customField))
    }

    @Test func rejectsUnknownFieldsInEveryClause() throws {
        #expect(try error("SELECT Id FROM Opportunity WHERE Foo = 1").column == 34)
        #expect(try error("SELECT Id FROM Opportunity ORDER BY Foo").column == 37)
        #expect(try error("SELECT COUNT(Foo) FROM Opportunity").column == 14)
    }

    @Test func countsRowsInMultiLineQueries() throws {
        let error = try error("SELECT Id\nFROM Opportunity\nWHERE Foo = 1")
        #expect(
            error.message
                == "\nWHERE Foo = 1\n      ^\nERROR at Row:3:Column:7\nNo such column 'Foo' on entity 'Opportunity'. " + customField
        )
        #expect(error.row == 3)
    }

    @Test func rejectsADuplicateField() throws {
        let error = try error("SELECT Id, Name, id FROM Opportunity")
        #expect(error.errorCode == "INVALID_FIELD")
        #expect(error.message == "\nSELECT Id, Name, id FROM Opportunity\n                 ^\nERROR at Row:1:Column:18\nduplicate field selected: id")
    }

    @Test func rejectsFilteringOnATextArea() throws {
        let error = try error("SELECT Id FROM Opportunity WHERE Description = 'x'")
        #expect(error.errorCode == "INVALID_FIELD")
        #expect(
            error.message
                == "\nSELECT Id FROM Opportunity WHERE Description = 'x'\n" + String(repeating: " ", count: 33)
                + "^\nERROR at Row:1:Column:34\nfield 'Description' can not be filtered in a query call"
        )
        #expect(try self.error("SELECT Id FROM Opportunity WHERE description != null").message.hasSuffix("field 'Description' can not be filtered in a query call"))
    }

    @Test func rejectsSortingOnATextArea() throws {
        let error = try error("SELECT Id FROM Opportunity ORDER BY Description")
        #expect(error.errorCode == "INVALID_FIELD")
        #expect(error.column == 37)
        #expect(error.message.hasSuffix("\nfield 'Description' can not be sorted in a query call"))
    }

    @Test func rejectsLiteralsOfTheWrongType() throws {
        let cases: [(String, String)] = [
            ("Amount = 'abc'", "value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes"),
            ("Amount = true", "value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes"),
            ("FiscalYear = 'x'", "value of filter criterion for field 'FiscalYear' must be of type int and should not be enclosed in quotes"),
            ("CloseDate > 2024-01-01T00:00:00Z", "value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes"),
            ("CloseDate = '2024-01-01'", "value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes"),
            ("CreatedDate = 2024-01-01", "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"),
            ("SystemModstamp >= '2024-01-01T00:00:00Z'", "value of filter criterion for field 'SystemModstamp' must be of type dateTime and should not be enclosed in quotes"),
            ("Name = 5", "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"),
            ("StageName = TODAY", "value of filter criterion for field 'StageName' must be of type string and should be enclosed in quotes"),
            ("IsDeleted = 'true'", "value of filter criterion for field 'IsDeleted' must be of type boolean and should not be enclosed in quotes"),
            ("AccountId = 5", "value of filter criterion for field 'AccountId' must be of type id and should be enclosed in quotes"),
            ("Amount IN (1, 'x')", "value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes"),
            ("Amount LIKE '5%'", "value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes"),
            ("Name LIKE 5", "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"),
        ]
        for (clause, reason) in cases {
            let error = try error("SELECT Id FROM Opportunity WHERE " + clause)
            #expect(error.errorCode == "INVALID_FIELD", "\(clause)")
            #expect(error.column == 34, "\(clause)")
            #expect(error.message.hasSuffix("ERROR at Row:1:Column:34\n" + reason), "\(clause): \(error.message)")
        }
    }

    @Test func rejectsAMalformedId() throws {
        let error = try error("SELECT Id FROM Opportunity WHERE Id = 'abc'")
        #expect(error.errorCode == "INVALID_QUERY_FILTER_OPERATOR")
        #expect(error.message == "\nSELECT Id FROM Opportunity WHERE Id = 'abc'\n" + String(repeating: " ", count: 33) + "^\nERROR at Row:1:Column:34\ninvalid ID field: abc")
    }

    @Test func rejectsOperatorsTheFieldCannotTake() throws {
        let like = try error("SELECT Id FROM Opportunity WHERE Id LIKE '006%'")
        #expect(like.errorCode == "INVALID_QUERY_FILTER_OPERATOR")
        #expect(like.message.hasSuffix("Column:34\ninvalid operator on id field"))
        let includes = try error("SELECT Id FROM Opportunity WHERE StageName INCLUDES ('a')")
        #expect(includes.errorCode == "INVALID_QUERY_FILTER_OPERATOR")
        #expect(includes.message.hasSuffix("Column:34\nincludes or excludes operator only valid on multipicklist field"))
    }

    @Test func rejectsAnOffsetOverTwoThousand() throws {
        let error = try error("SELECT Id FROM opportunity OFFSET 2001")
        #expect(error.errorCode == "NUMBER_OUTSIDE_VALID_RANGE")
        #expect(error.message == "Maximum SOQL offset allowed for apiName Opportunity is 2000")
        #expect(error.row == nil)
        #expect(SOQLFixtures.error("SELECT Id FROM Opportunity OFFSET 2000") == nil)
    }

    @Test func syntaxErrorsComeBeforeSchemaErrors() throws {
        #expect(try error("SELECT Foo FROM Bar WHERE").errorCode == "MALFORMED_QUERY")
    }
}
