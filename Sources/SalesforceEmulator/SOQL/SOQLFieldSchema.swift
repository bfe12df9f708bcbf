/// One field of an object: its API name, in the casing describe reports, and its type.
public struct SOQLFieldSchema: Sendable, Hashable {
    public let name: String
    public let type: SOQLFieldType

    public init(name: String, type: SOQLFieldType) {
        self.name = name
        self.type = type
    }
}
