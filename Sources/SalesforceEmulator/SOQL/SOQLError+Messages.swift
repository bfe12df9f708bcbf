/// The specific refusals, worded as Salesforce words them.
extension SOQLError {
    static func unexpectedToken(_ token: SOQLToken, in source: SOQLSource) -> SOQLError {
        .located(malformedQuery, in: source, at: token.offset, "unexpected token: " + token.quoted)
    }

    static func expectingRightParenthesis(found token: SOQLToken, in source: SOQLSource) -> SOQLError {
        let found = token.kind == .end ? "'<EOF>'" : token.quoted
        return .located(malformedQuery, in: source, at: token.offset, "expecting a right parentheses, found " + found)
    }

    static func invalidEscape(_ sequence: String, literal: String, at offset: Int, in source: SOQLSource) -> SOQLError {
        .located(
            malformedQuery, in: source, at: offset,
            "Invalid string literal '\(literal)'. Illegal character sequence '\(sequence)' in string literal."
        )
    }

    static func unsupportedObject(_ name: String, at offset: Int, in source: SOQLSource) -> SOQLError {
        .located(
            invalidType, in: source, at: offset,
            "sObject type '\(name)' is not supported. If you are attempting to use a custom object, be sure to append "
                + "the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."
        )
    }

    static func noSuchColumn(_ name: String, entity: String, at offset: Int, in source: SOQLSource) -> SOQLError {
        .located(
            invalidField, in: source, at: offset,
            "No such column '\(name)' on entity '\(entity)'. If you are attempting to use a custom field, be sure to "
                + "append the '__c' after the custom field name. Please reference your WSDL or the describe call for the "
                + "appropriate names."
        )
    }

    static func unknownRelationship(_ name: String, at offset: Int, in source: SOQLSource) -> SOQLError {
        .located(
            invalidField, in: source, at: offset,
            "Didn't understand relationship '\(name)' in field path. If you are attempting to use a custom relationship, "
                + "be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the "
                + "describe call for the appropriate names."
        )
    }

    static func duplicateField(_ name: String, at offset: Int, in source: SOQLSource) -> SOQLError {
        .located(invalidField, in: source, at: offset, "duplicate field selected: \(name)")
    }

    static func notFilterable(_ field: String, at offset: Int, in source: SOQLSource) -> SOQLError {
        .located(invalidField, in: source, at: offset, "field '\(field)' can not be filtered in a query call")
    }

    static func notSortable(_ field: String, at offset: Int, in source: SOQLSource) -> SOQLError {
        .located(invalidField, in: source, at: offset, "field '\(field)' can not be sorted in a query call")
    }

    static func wrongFilterValue(
        _ field: String, expected kind: SOQLFieldType.LiteralKind, at offset: Int, in source: SOQLSource
    ) -> SOQLError {
        let quotes = kind.isQuoted ? "should be enclosed in quotes" : "should not be enclosed in quotes"
        return .located(
            invalidField, in: source, at: offset,
            "value of filter criterion for field '\(field)' must be of type \(kind.rawValue) and \(quotes)"
        )
    }

    static func invalidID(_ value: String, at offset: Int, in source: SOQLSource) -> SOQLError {
        .located(invalidQueryFilterOperator, in: source, at: offset, "invalid ID field: \(value)")
    }

    static func invalidOperatorOnID(at offset: Int, in source: SOQLSource) -> SOQLError {
        .located(invalidQueryFilterOperator, in: source, at: offset, "invalid operator on id field")
    }

    static func includesNeedsMultipicklist(at offset: Int, in source: SOQLSource) -> SOQLError {
        .located(
            invalidQueryFilterOperator, in: source, at: offset, "includes or excludes operator only valid on multipicklist field"
        )
    }

    static func offsetTooLarge(object: String) -> SOQLError {
        SOQLError(errorCode: numberOutsideValidRange, message: "Maximum SOQL offset allowed for apiName \(object) is 2000")
    }
}
