/// The objects a SOQL query may name, as the emulator's org describes them.
public struct SOQLSchema: Sendable {
    public let objects: [SOQLObjectSchema]
    private let objectsByKey: [String: SOQLObjectSchema]

    public init(objects: [SOQLObjectSchema]) {
        self.objects = objects
        var objectsByKey: [String: SOQLObjectSchema] = [:]
        for object in objects { objectsByKey[object.name.lowercased()] = objectsByKey[object.name.lowercased()] ?? object }
        self.objectsByKey = objectsByKey
    }

    /// The object called `name` in any casing.
    public func object(named name: String) -> SOQLObjectSchema? { objectsByKey[name.lowercased()] }

    /// Parses and validates `text` in one step.
    public func resolve(_ text: String, options: SOQLParserOptions = SOQLParserOptions()) throws(SOQLError) -> SOQLResolvedQuery {
        try validate(SOQLQuery(parsing: text, options: options))
    }

    /// Checks a parsed query against this schema and resolves every name to its canonical form.
    public func validate(_ query: SOQLQuery) throws(SOQLError) -> SOQLResolvedQuery {
        try SOQLValidator(schema: self, query: query).resolve()
    }
}
