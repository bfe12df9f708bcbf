import DealdeckCore

/// Writes bytes through a raw pointer into memory whose size was bounded beforehand.
///
/// Query pages are the emulator's hot path. Appending to `[UInt8]` checks uniqueness and
/// capacity on every byte; here the page's maximum size is computed first (see
/// `RecordLayout.renderJSON`), one buffer of that size is allocated, and writing is plain
/// stores. Every `write…` method has a matching `maximum…` bound; callers must reserve at
/// least the sum of the bounds of what they write.
public struct RawByteWriter {
    public private(set) var cursor: UnsafeMutablePointer<UInt8>

    public init(_ start: UnsafeMutablePointer<UInt8>) {
        cursor = start
    }

    @inline(__always)
    public mutating func byte(_ value: UInt8) {
        cursor.initialize(to: value)
        cursor += 1
    }

    @inline(__always)
    public mutating func bytes(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress else { return }
        cursor.initialize(from: source, count: buffer.count)
        cursor += buffer.count
    }

    @inline(__always)
    public mutating func bytes(_ array: [UInt8]) {
        array.withUnsafeBufferPointer { bytes($0) }
    }

    /// Text without escaping (IDs, pre-encoded keys): the UTF-8 bytes as they are.
    @inline(__always)
    public mutating func raw(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes($0) }) == nil {
            for unit in text.utf8 { byte(unit) }
        }
    }

    public static let null: [UInt8] = Array("null".utf8)

    @inline(__always)
    public mutating func null() { bytes(Self.null) }

    // MARK: Values

    /// `"text"`, JSON-escaped. Bound: `maximumQuoted(text)`.
    @inline(__always)
    public mutating func quoted(_ text: String) {
        byte(34)
        if text.utf8.withContiguousStorageIfAvailable({ JSONEscaping.writeEscaped($0, to: &self) }) == nil {
            var copy = text
            copy.withUTF8 { JSONEscaping.writeEscaped($0, to: &self) }
        }
        byte(34)
    }

    /// A JSON string, or `null`.
    @inline(__always)
    public mutating func quoted(_ text: String?) {
        if let text { quoted(text) } else { null() }
    }

    /// Every character can grow to `\u00XX` (six bytes), plus the quotes.
    @inline(__always)
    public static func maximumQuoted(_ text: String?) -> Int {
        guard let text else { return 4 }
        return text.utf8.count * 6 + 2
    }

    /// `"<18-character ID>"` or `null`; IDs are alphanumeric, so nothing to escape.
    @inline(__always)
    public mutating func id(_ id: SalesforceID?) {
        guard let id else {
            null()
            return
        }
        byte(34)
        raw(id.rawValue)
        byte(34)
    }

    public static let maximumID = 20

    /// `"2024-01-02T03:04:05.000+0000"`.
    @inline(__always)
    public mutating func timestamp(_ timestamp: SalesforceTimestamp) {
        byte(34)
        timestampDigits(timestamp)
        byte(34)
    }

    public static let maximumTimestamp = 30

    /// `2024-01-02T03:04:05.000+0000` without quotes (two digits at a time from a table).
    @inline(__always)
    public mutating func timestampDigits(_ timestamp: SalesforceTimestamp) {
        let milliseconds = timestamp.millisecondsSinceEpoch
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : -((-milliseconds + 86_399_999) / 86_400_000)
        let ofDay = Int(milliseconds - days * 86_400_000)
        dateDigits(CalendarDate(daysSinceEpoch: Int(days)))
        byte(84)
        two(ofDay / 3_600_000)
        byte(58)
        two(ofDay / 60_000 % 60)
        byte(58)
        two(ofDay / 1000 % 60)
        byte(46)
        let fraction = ofDay % 1000
        byte(UInt8(48 + fraction / 100))
        two(fraction % 100)
        bytes(Self.plusZero)
    }

    /// `yyyy-MM-dd` without quotes.
    @inline(__always)
    public mutating func dateDigits(_ date: CalendarDate) {
        two(date.year / 100 % 100)
        two(date.year % 100)
        byte(45)
        two(date.month)
        byte(45)
        two(date.day)
    }

    private static let plusZero: [UInt8] = Array("+0000".utf8)

    /// "00" … "99".
    private static let twoDigits: [UInt8] = {
        var table: [UInt8] = []
        table.reserveCapacity(200)
        for value in 0..<100 {
            let tens: Int = value / 10
            let units: Int = value % 10
            table.append(UInt8(48 + tens))
            table.append(UInt8(48 + units))
        }
        return table
    }()

    @inline(__always)
    private mutating func two(_ value: Int) {
        Self.twoDigits.withUnsafeBufferPointer { table in
            byte(table[value * 2])
            byte(table[value * 2 + 1])
        }
    }

    /// A decimal integer.
    @inline(__always)
    public mutating func integer(_ value: Int) {
        if value < 0 { byte(45) }
        var magnitude = UInt64(value.magnitude)
        if magnitude < 10 {
            byte(UInt8(48 + magnitude))
            return
        }
        var digits = 0
        var probe = magnitude
        while probe > 0 {
            digits += 1
            probe /= 10
        }
        var position = cursor + digits - 1
        while magnitude > 0 {
            position.initialize(to: UInt8(48 + magnitude % 10))
            position -= 1
            magnitude /= 10
        }
        cursor += digits
    }

    /// Any value, as JSON. Bound: `maximumJSON(value)`.
    public mutating func json(_ value: WireValue) {
        switch value {
        case .null: null()
        case .string(let text): quoted(text)
        case .id(let id): self.id(id)
        case .boolean(let flag): bytes(flag ? Self.trueBytes : Self.falseBytes)
        case .integer(let number): integer(number)
        case .cents(let cents): javaDouble(cents: cents)
        case .wholeNumber(let number): javaDouble(cents: Int64(number) * 100)
        case .date(let date):
            byte(34)
            dateDigits(date)
            byte(34)
        case .dateTime(let timestamp): self.timestamp(timestamp)
        }
    }

    public static func maximumJSON(_ value: WireValue) -> Int {
        switch value {
        case .string(let text): return maximumQuoted(text)
        case .dateTime: return maximumTimestamp
        default: return 32
        }
    }

    public static let trueBytes: [UInt8] = Array("true".utf8)
    public static let falseBytes: [UInt8] = Array("false".utf8)

    /// Java's `Double.toString` of `cents / 100` (see `WireNumberFormat`): `15000.0`, `0.5`,
    /// and scientific from ten million up (`1.5E7`). At most 24 bytes.
    @inline(__always)
    public mutating func javaDouble(cents: Int64) {
        if cents < 0 { byte(45) }
        let magnitude = cents.magnitude
        let whole = magnitude / 100
        let fraction = Int(magnitude % 100)
        if whole < 10_000_000 {
            integer(Int(whole))
            byte(46)
            if fraction == 0 {
                byte(48)
            } else {
                byte(UInt8(48 + fraction / 10))
                if fraction % 10 != 0 { byte(UInt8(48 + fraction % 10)) }
            }
            return
        }
        var scratch: [UInt8] = []
        WireNumberFormat.appendDouble(cents: Int64(magnitude), to: &scratch)
        bytes(scratch)
    }
}
