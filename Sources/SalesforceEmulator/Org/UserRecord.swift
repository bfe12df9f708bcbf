import DealdeckCore

/// One stored user: the org's API and integration users plus the sales reps who own deals.
///
/// Fields live in shared immutable storage (see `OpportunityRecord`), so copies are one retain.
@dynamicMemberLookup
public struct UserRecord: SObjectRecord, Equatable {
    /// The stored values.
    public struct Fields: RecordFields, Codable, Equatable {
        public var id: SalesforceID
        public var username: String
        public var firstName: String
        public var lastName: String
        public var email: String
        public var alias: String
        public var title: String?
        public var isActive: Bool
        public var createdDate: SalesforceTimestamp
        public var createdById: SalesforceID
        public var lastModifiedDate: SalesforceTimestamp
        public var lastModifiedById: SalesforceID
        public var systemModstamp: SalesforceTimestamp

        /// `FirstName LastName`, as the `Name` field reads.
        public var name: String { firstName.isEmpty ? lastName : firstName + " " + lastName }

        public func value(at slot: Int) -> WireValue {
            guard let field = Field(rawValue: slot) else { return .null }
            switch field {
            case .id: return .id(id)
            case .username: return .string(username)
            case .lastName: return .string(lastName)
            case .firstName: return .string(firstName)
            case .name: return .string(name)
            case .email: return .string(email)
            case .alias: return .string(alias)
            case .title: return title.map(WireValue.string) ?? .null
            case .isActive: return .boolean(isActive)
            case .userType: return .string("Standard")
            case .createdDate: return .dateTime(createdDate)
            case .createdById: return .id(createdById)
            case .lastModifiedDate: return .dateTime(lastModifiedDate)
            case .lastModifiedById: return .id(lastModifiedById)
            case .systemModstamp: return .dateTime(systemModstamp)
            }
        }

        /// Every string escaped at worst, every other field at most 32 bytes.
        var maximumJSONBytes: Int {
            RawByteWriter.maximumQuoted(username) + RawByteWriter.maximumQuoted(firstName) + RawByteWriter.maximumQuoted(lastName) + RawByteWriter.maximumQuoted(name) + RawByteWriter.maximumQuoted(email) + RawByteWriter.maximumQuoted(alias) + RawByteWriter.maximumQuoted(title) + Field.allCases.count * 32
        }
    }

    private var storage: RecordStorage<Fields>

    public init(_ fields: Fields) {
        storage = RecordStorage(fields)
    }

    /// All stored values at once (a write replaces the storage).
    public var fields: Fields {
        get { storage.fields }
        set { storage = RecordStorage(newValue) }
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<Fields, Value>) -> Value {
        storage.fields[keyPath: keyPath]
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<Fields, Value>) -> Value {
        get { storage.fields[keyPath: keyPath] }
        set {
            var copy = storage.fields
            copy[keyPath: keyPath] = newValue
            storage = RecordStorage(copy)
        }
    }

    public var id: SalesforceID { storage.fields.id }
    public var maximumJSONBytes: Int { storage.maximumJSONBytes }
    public var systemModstamp: SalesforceTimestamp {
        get { storage.fields.systemModstamp }
        set { self[dynamicMember: \.systemModstamp] = newValue }
    }

    public func value(at slot: Int) -> WireValue {
        storage.fields.value(at: slot)
    }

    public static func == (lhs: UserRecord, rhs: UserRecord) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    /// Field slots, in describe order.
    public enum Field: Int, CaseIterable {
        case id, username, lastName, firstName, name, email, alias, title, isActive, userType
        case createdDate, createdById, lastModifiedDate, lastModifiedById, systemModstamp
    }

    static func fieldDefinitions() -> [FieldDefinition] {
        typealias F = FieldDefinition
        let definitions: [(Field, FieldDefinition)] = [
            (.id, F("Id", "User ID", .id)),
            (.username, F("Username", "Username", .string).with { $0.length = 80; $0.nillable = false; $0.idLookup = true }),
            (.lastName, F("LastName", "Last Name", .string).with { $0.length = 80; $0.nillable = false }),
            (.firstName, F("FirstName", "First Name", .string).with { $0.length = 40 }),
            (.name, F("Name", "Full Name", .string).calculatedField().with { $0.length = 121; $0.nameField = true; $0.calculated = false }),
            (.email, F("Email", "Email", .email).with { $0.length = 128; $0.nillable = false }),
            (.alias, F("Alias", "Alias", .string).with { $0.length = 8; $0.nillable = false }),
            (.title, F("Title", "Title", .string).with { $0.length = 80 }),
            (.isActive, F("IsActive", "Active", .boolean)),
            (.userType, F("UserType", "User Type", .picklist).with {
                $0.length = 40; $0.createable = false; $0.updateable = false; $0.picklistValues = [.init("Standard")]
            }),
            (.createdDate, F("CreatedDate", "Created Date", .datetime).system()),
            (.createdById, F("CreatedById", "Created By ID", .reference).with { $0.referenceTo = ["User"]; $0.relationshipName = "CreatedBy" }.system()),
            (.lastModifiedDate, F("LastModifiedDate", "Last Modified Date", .datetime).system()),
            (.lastModifiedById, F("LastModifiedById", "Last Modified By ID", .reference).with { $0.referenceTo = ["User"]; $0.relationshipName = "LastModifiedBy" }.system()),
            (.systemModstamp, F("SystemModstamp", "System Modstamp", .datetime).system()),
        ]
        return definitions.map { field, definition in
            var definition = definition
            definition.slot = field.rawValue
            return definition
        }
    }
}

extension UserRecord: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.fields.encode(to: encoder)
    }
}
