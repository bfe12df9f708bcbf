import DealdeckCore

/// A streaming JSON writer into a byte array.
///
/// The emulator must serve well over 250,000 records a second; building `[String: Any]`
/// trees for JSONSerialization costs several times that budget, so responses are written
/// directly as bytes. Commas are inserted automatically.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// One entry per open container: whether the next value needs a leading comma.
    private var needsComma: [Bool] = [false]
    /// Set after a key, so the value that follows takes no comma.
    private var afterKey = false

    public init(reservingCapacity capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() { prepareValue(); bytes.append(123); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(125) }
    public mutating func beginArray() { prepareValue(); bytes.append(91); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(93) }

    public mutating func key(_ name: String) {
        prepareValue()
        appendQuoted(name)
        bytes.append(58)
        afterKey = true
    }

    public mutating func string(_ value: String) { prepareValue(); appendQuoted(value) }
    public mutating func null() { prepareValue(); bytes.append(contentsOf: [110, 117, 108, 108]) }
    public mutating func bool(_ value: Bool) {
        prepareValue()
        bytes.append(contentsOf: value ? [116, 114, 117, 101] : [102, 97, 108, 115, 101])
    }
    public mutating func int(_ value: Int) { prepareValue(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func int64(_ value: Int64) { prepareValue(); bytes.append(contentsOf: String(value).utf8) }

    /// A number already formatted as JSON (e.g. `15000.0`).
    public mutating func rawNumber(_ text: String) { prepareValue(); bytes.append(contentsOf: text.utf8) }

    /// A Salesforce dateTime string (`2024-01-02T03:04:05.000+0000`).
    public mutating func timestamp(_ value: SalesforceTimestamp) {
        prepareValue()
        bytes.append(34)
        value.appendWireForm(to: &bytes)
        bytes.append(34)
    }

    /// `"key": value` shorthands.
    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }
    public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    public mutating func field(_ name: String, _ value: Int) { key(name); int(value) }

    /// Splices in an already-serialized JSON value.
    public mutating func raw(_ json: [UInt8]) { prepareValue(); bytes.append(contentsOf: json) }

    private mutating func prepareValue() {
        if afterKey {
            afterKey = false
            return
        }
        let last = needsComma.count - 1
        if needsComma[last] { bytes.append(44) } else { needsComma[last] = true }
    }

    private mutating func appendQuoted(_ text: String) {
        bytes.append(34)
        var utf8 = text.utf8
        // Fast path: most values need no escaping.
        let clean = utf8.withContiguousStorageIfAvailable { buffer in
            buffer.allSatisfy { $0 >= 32 && $0 != 34 && $0 != 92 }
        }
        if clean == true {
            bytes.append(contentsOf: utf8)
        } else {
            if clean == nil {
                var copy = text
                copy.makeContiguousUTF8()
                utf8 = copy.utf8
            }
            for byte in utf8 {
                switch byte {
                case 34: bytes.append(contentsOf: [92, 34])
                case 92: bytes.append(contentsOf: [92, 92])
                case 10: bytes.append(contentsOf: [92, 110])
                case 13: bytes.append(contentsOf: [92, 114])
                case 9: bytes.append(contentsOf: [92, 116])
                case 0..<32:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(34)
    }
}
