/// A query Salesforce would refuse, carrying the `errorCode` and `message` of its REST error body.
public struct SOQLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `MALFORMED_QUERY`, `INVALID_FIELD`, `INVALID_TYPE`, `INVALID_QUERY_FILTER_OPERATOR`
    /// or `NUMBER_OUTSIDE_VALID_RANGE`.
    public let errorCode: String
    /// The message exactly as Salesforce words it, including the leading newline, quoted query
    /// line and caret when the error points at a place in the query.
    public let message: String
    /// The 1-based row the caret points at, when there is one.
    public let row: Int?
    /// The 1-based column the caret points at, when there is one.
    public let column: Int?

    public init(errorCode: String, message: String, row: Int? = nil, column: Int? = nil) {
        self.errorCode = errorCode
        self.message = message
        self.row = row
        self.column = column
    }

    public var description: String { errorCode + ": " + message }

    public static let malformedQuery = "MALFORMED_QUERY"
    public static let invalidField = "INVALID_FIELD"
    public static let invalidType = "INVALID_TYPE"
    public static let invalidQueryFilterOperator = "INVALID_QUERY_FILTER_OPERATOR"
    public static let numberOutsideValidRange = "NUMBER_OUTSIDE_VALID_RANGE"

    /// An error in Salesforce's caret layout:
    /// `\n<query line>\n<spaces>^\nERROR at Row:R:Column:C\n<reason>`.
    ///
    /// Salesforce sometimes quotes only part of a long line; quoting the whole row keeps the
    /// caret honest and clients only parse the row and column anyway.
    static func located(_ errorCode: String, in source: SOQLSource, at offset: Int, _ reason: String) -> SOQLError {
        let position = source.position(ofByte: offset)
        let caret = String(repeating: " ", count: position.column - 1) + "^"
        let message = "\n" + position.line + "\n" + caret + "\nERROR at Row:\(position.row):Column:\(position.column)\n" + reason
        return SOQLError(errorCode: errorCode, message: message, row: position.row, column: position.column)
    }
}
