/// One field of an emulated object, with the metadata describe reports and the SOQL engine
/// needs (its type decides how values compare, and which fields can be filtered or sorted).
public struct FieldDefinition: Sendable, Equatable {
    /// The describe `type` values the emulated objects use.
    public enum FieldType: String, Sendable, Equatable {
        case id, string, textarea, picklist, reference, currency, percent, double
        case int, boolean, date, datetime, email, phone, url

        /// The `soapType` describe pairs with the type.
        public var soapType: String {
            switch self {
            case .id, .reference: return "tns:ID"
            case .string, .textarea, .picklist, .email, .phone, .url: return "xsd:string"
            case .currency, .percent, .double: return "xsd:double"
            case .int: return "xsd:int"
            case .boolean: return "xsd:boolean"
            case .date: return "xsd:date"
            case .datetime: return "xsd:dateTime"
            }
        }
    }

    /// One picklist entry as describe lists it.
    public struct PicklistEntry: Sendable, Equatable {
        public var value: String
        public var label: String
        public var isDefault: Bool = false

        public init(_ value: String, label: String? = nil, isDefault: Bool = false) {
            self.value = value
            self.label = label ?? value
            self.isDefault = isDefault
        }
    }

    public var name: String
    public var label: String
    /// Which value of the record holds this field (`SObjectRecord.value(at:)`); describe order
    /// and slots differ once optional fields such as `CurrencyIsoCode` are left out.
    public var slot: Int = 0
    public var type: FieldType
    public var length: Int = 0
    public var precision: Int = 0
    public var scale: Int = 0
    public var digits: Int = 0
    public var nillable: Bool = true
    public var createable: Bool = true
    public var updateable: Bool = true
    public var filterable: Bool = true
    public var sortable: Bool = true
    public var groupable: Bool = true
    public var calculated: Bool = false
    public var defaultedOnCreate: Bool = false
    public var nameField: Bool = false
    public var idLookup: Bool = false
    public var restrictedPicklist: Bool = false
    /// For references: the object types it may point to.
    public var referenceTo: [String] = []
    /// For references: the name of the parent relationship (`Account` for `AccountId`).
    public var relationshipName: String?
    public var picklistValues: [PicklistEntry] = []

    public init(_ name: String, _ label: String, _ type: FieldType) {
        self.name = name
        self.label = label
        self.type = type
        switch type {
        case .id:
            length = 18
            nillable = false
            createable = false
            updateable = false
            defaultedOnCreate = true
            idLookup = true
        case .reference:
            length = 18
        case .currency:
            precision = 18
            scale = 2
            groupable = false
        case .percent, .double:
            precision = 3
            groupable = false
        case .int:
            digits = 9
        case .boolean:
            nillable = false
            defaultedOnCreate = true
        case .textarea:
            sortable = false
            groupable = false
            filterable = false
        default:
            break
        }
    }

    /// A system-maintained field: read-only, never null, filled in by the org.
    func system() -> FieldDefinition {
        var copy = self
        copy.createable = false
        copy.updateable = false
        copy.nillable = false
        copy.defaultedOnCreate = true
        return copy
    }

    /// A field calculated from others (read-only, nillable).
    func calculatedField() -> FieldDefinition {
        var copy = self
        copy.createable = false
        copy.updateable = false
        copy.calculated = true
        return copy
    }

    func with(_ change: (inout FieldDefinition) -> Void) -> FieldDefinition {
        var copy = self
        change(&copy)
        return copy
    }

    /// Whether values of this field are Salesforce IDs.
    public var holdsIDs: Bool { type == .id || type == .reference }
}
