/// A parsed, not yet validated, SOQL query.
public struct SOQLQuery: Sendable, Hashable {
    /// The query text, which error messages quote.
    public let text: String
    public let selection: SOQLSelection
    /// The object after FROM, as written.
    public let objectName: String
    /// UTF-8 offset of the object name, where an INVALID_TYPE caret points.
    public let objectOffset: Int
    public let condition: SOQLCondition?
    public let ordering: [SOQLOrderItem]
    public let limit: Int?
    public let offset: Int?

    public init(
        text: String, selection: SOQLSelection, objectName: String, objectOffset: Int,
        condition: SOQLCondition? = nil, ordering: [SOQLOrderItem] = [], limit: Int? = nil, offset: Int? = nil
    ) {
        self.text = text
        self.selection = selection
        self.objectName = objectName
        self.objectOffset = objectOffset
        self.condition = condition
        self.ordering = ordering
        self.limit = limit
        self.offset = offset
    }

    /// Parses `text`, throwing `MALFORMED_QUERY` errors worded as Salesforce words them.
    public init(parsing text: String, options: SOQLParserOptions = SOQLParserOptions()) throws(SOQLError) {
        var parser = SOQLParser(text: text, options: options)
        self = try parser.parseQuery()
    }
}
