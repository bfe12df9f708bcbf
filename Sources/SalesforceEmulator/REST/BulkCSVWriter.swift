import DealdeckCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renders a Bulk API query job's rows as one CSV chunk.
///
/// The Bulk results are a large sync's whole download, and rendering every value afresh
/// (a `WireValue` per field, a byte at a time) cost the emulator a second of CPU per 100,000
/// rows, time taken from the client it serves on the same machine. Here a record's own fields
/// are copied from the JSON it encoded when it was stored: a JSON string without escapes is
/// already a quoted CSV field (it holds no quote), and other scalars only need quotes. Parent
/// fields (`Account.Name`) are rendered once per parent and chunk. Values whose JSON spelling
/// differs (escapes: quotes, control characters) take `WireValueEncoding.appendCSV`, the
/// reference rendering, which a test compares with this one on a whole generated org.
struct BulkCSVWriter {
    /// A column: the reference slots to walk (none for the record's own fields), then the slot to read.
    typealias Column = (hops: [(slot: Int, target: SObjectType)], slot: Int)

    private let columns: [Column]
    /// Per column, what `append` reads for every row, apart so that no row copies a `Column`
    /// (retaining its hops): the record's own slot, or nil for a parent field, and then the
    /// slot of its first reference.
    private let ownSlots: [Int?]
    private let firstHopSlots: [Int]
    private let delimiter: UInt8
    private let newline: [UInt8]
    private let parents: OrgTables
    /// The CSV field of each (column, first-hop parent) seen, as a range of `parentBytes` (the
    /// job's parents are a snapshot). Keyed by the parent ID's bytes, not a `SalesforceID`: a
    /// `String` per lookup (three per row) was a fifth of the emulator's time in retains.
    private var parentFields: [ParentKey: Range<Int>] = [:]
    private var parentBytes: [UInt8] = []
    private(set) var bytes: [UInt8] = []

    init(columns: [Column], delimiter: UInt8, newline: [UInt8], parents: OrgTables, expectedRows: Int) {
        self.columns = columns
        ownSlots = columns.map { $0.hops.isEmpty ? $0.slot : nil }
        firstHopSlots = columns.map { $0.hops.first?.slot ?? -1 }
        self.delimiter = delimiter
        self.newline = newline
        self.parents = parents
        bytes.reserveCapacity(256 + expectedRows * 300)
    }

    /// The columns for field paths (`["Account", "Name"]`) of an object; a path the schema
    /// lacks reads as null.
    static func columns(_ paths: [[String]], of object: String, schema: OrgSchema) -> [Column] {
        guard let rootType = SObjectType(caseInsensitiveName: object) else { return [] }
        return paths.map { path in
            var type = rootType
            var hops: [(slot: Int, target: SObjectType)] = []
            for name in path.dropLast() {
                guard let relationship = schema[type].relationship(named: name) else { break }
                hops.append((relationship.fieldSlot, relationship.target))
                type = relationship.target
            }
            return (hops, schema[type].field(named: path.last ?? "")?.slot ?? -1)
        }
    }

    mutating func appendHeader(_ names: [String]) {
        for (index, name) in names.enumerated() {
            if index > 0 { bytes.append(delimiter) }
            WireValueEncoding.appendQuotedCSV(name, to: &bytes)
        }
        bytes.append(contentsOf: newline)
    }

    mutating func append<Record: SObjectRecord>(_ record: Record) {
        record.withEncodedJSONValues { values in
            for index in ownSlots.indices {
                if index > 0 { bytes.append(delimiter) }
                guard let slot = ownSlots[index] else {
                    appendParentField(of: record, values: values, column: index)
                    continue
                }
                if let json = values?.value(at: slot), Self.appendCSV(json: json, to: &bytes) { continue }
                WireValueEncoding.appendCSV(slot >= 0 ? record.value(at: slot) : .null, to: &bytes)
            }
        }
        bytes.append(contentsOf: newline)
    }

    private mutating func appendParentField(of record: some SObjectRecord, values: EncodedJSONValues.View?, column index: Int) {
        let slot = firstHopSlots[index]
        let id: PackedID
        if let json = values?.value(at: slot), json.count == PackedID.length + 2, json.first == UInt8(ascii: "\""),
            let packed = PackedID(UnsafeBufferPointer(rebasing: json.dropFirst().dropLast()))
        {
            id = packed
        } else {
            // Not encoded, or null (no parent: an empty field).
            guard case .id(let parentID) = record.value(at: slot) else { return }
            var text = parentID.rawValue
            guard let packed = text.withUTF8(PackedID.init) else { return }
            id = packed
        }
        let key = ParentKey(column: index, id: id)
        let range: Range<Int>
        if let known = parentFields[key] {
            range = known
        } else {
            let start = parentBytes.count
            WireValueEncoding.appendCSV(Self.read(columns[index], from: record, parents: parents), to: &parentBytes)
            range = start..<parentBytes.count
            parentFields[key] = range
        }
        parentBytes.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// An 18-character ID's bytes in three integers.
    struct PackedID: Hashable {
        static let length = 18
        let head: UInt64
        let middle: UInt64
        let tail: UInt16

        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count == Self.length, let base = bytes.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            head = raw.loadUnaligned(as: UInt64.self)
            middle = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            tail = raw.loadUnaligned(fromByteOffset: 16, as: UInt16.self)
        }
    }

    struct ParentKey: Hashable {
        let column: Int
        let id: PackedID
    }

    /// The value a column reads from `record`, walking its references (null where one is empty).
    static func read(_ column: Column, from record: any SObjectRecord, parents: OrgTables) -> WireValue {
        var current = record
        for hop in column.hops {
            guard case .id(let parentID) = current.value(at: hop.slot), let parent = parents.record(of: hop.target, id: parentID) else {
                return .null
            }
            current = parent
        }
        return column.slot >= 0 ? current.value(at: column.slot) : .null
    }

    /// Appends a value's CSV field from its JSON when the two spell it alike: `null` is an
    /// empty field, a string is copied (its escapes undone, see `appendUnescaped`), a number or
    /// boolean is quoted. Returns false, having appended nothing, for anything else.
    static func appendCSV(json: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) -> Bool {
        guard let base = json.baseAddress, let first = json.first else { return false }
        switch first {
        case UInt8(ascii: "\""):
            guard memchr(base, Int32(UInt8(ascii: "\\")), json.count) == nil else { return appendUnescaped(json, to: &bytes) }
            bytes.append(contentsOf: json)
        case UInt8(ascii: "n"):
            return json.count == 4
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            bytes.append(34)
            bytes.append(contentsOf: json)
            bytes.append(34)
        default:
            return false
        }
        return true
    }

    /// A JSON string with escapes as a quoted CSV field: runs between escapes are copied, an
    /// escaped quote becomes two quotes, the other escapes their character. Descriptions with
    /// line breaks are common, and going through a `WireValue` for each (a `String` walked a
    /// byte at a time) was some 7 % of the emulator's time serving a Bulk job. Returns false,
    /// having appended nothing, for a malformed string or an escaped surrogate (the reference
    /// rendering takes those).
    static func appendUnescaped(_ json: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) -> Bool {
        let end = json.count - 1
        guard end >= 1, json[end] == UInt8(ascii: "\"") else { return false }
        let mark = bytes.count
        func refuse() -> Bool {
            bytes.removeSubrange(mark...)
            return false
        }
        bytes.append(34)
        var index = 1
        while index < end {
            var run = index
            while run < end, json[run] != UInt8(ascii: "\\") { run += 1 }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: json[index..<run]))
            guard run < end else { break }
            guard run + 1 < end else { return refuse() }
            index = run + 2
            let letter = json[run + 1]
            if letter == UInt8(ascii: "\"") {
                bytes.append(contentsOf: [34, 34])
            } else if let byte = JSONEscape.byte(escapedBy: letter) {
                bytes.append(byte)
            } else if letter == UInt8(ascii: "u") {
                guard run + 6 <= end, let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: json[(run + 2)..<(run + 6)]), as: UTF8.self), radix: 16),
                    let scalar = Unicode.Scalar(code), let encoded = Unicode.UTF8.encode(scalar)
                else { return refuse() }
                bytes.append(contentsOf: encoded)
                index = run + 6
            } else {
                return refuse()
            }
        }
        bytes.append(34)
        return true
    }
}
