/// A Salesforce `dateTime` value: an instant with millisecond precision, always UTC on the wire.
///
/// Responses use `yyyy-MM-ddTHH:mm:ss.SSS+0000`; requests and SOQL accept `Z`, `±hh:mm`,
/// `±hhmm`, with or without milliseconds. Foundation's ISO8601DateFormatter handles neither
/// `+0000` with fractions nor the speed the emulator needs, so this type does its own.
public struct SalesforceTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public init(secondsSinceEpoch: Double) {
        millisecondsSinceEpoch = Int64((secondsSinceEpoch * 1000).rounded(.down))
    }

    /// Parses the Salesforce wire forms; nil when `text` is not a datetime.
    public init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ SalesforceTimestamp(utf8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = parsed
    }

    /// Parses the Salesforce wire forms from UTF-8 bytes; nil when they are not a datetime.
    public init?(utf8 bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 19, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116,
            bytes[13] == 58, bytes[16] == 58,
            let year = TimestampDigits.number(bytes, 0, 4), let month = TimestampDigits.number(bytes, 5, 2),
            let day = TimestampDigits.number(bytes, 8, 2), let hour = TimestampDigits.number(bytes, 11, 2),
            let minute = TimestampDigits.number(bytes, 14, 2), let second = TimestampDigits.number(bytes, 17, 2),
            CalendarDate(year: year, month: month, day: day) != nil, hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var milliseconds = 0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale = 100
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                milliseconds += Int(bytes[index] - 48) * scale
                scale /= 10
                index += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        var offsetMinutes = 0
        if index < bytes.count {
            let sign = bytes[index]
            if sign == 90 || sign == 122 {  // Z
                index += 1
            } else if sign == 43 || sign == 45 {  // + -
                let rest = UnsafeRawBufferPointer(rebasing: bytes[(index + 1)...])
                let hours: Int?
                let minutes: Int?
                if rest.count == 5, rest[2] == 58 {
                    hours = TimestampDigits.number(rest, 0, 2)
                    minutes = TimestampDigits.number(rest, 3, 2)
                } else if rest.count == 4 {
                    hours = TimestampDigits.number(rest, 0, 2)
                    minutes = TimestampDigits.number(rest, 2, 2)
                } else {
                    return nil
                }
                guard let hours, let minutes else { return nil }
                offsetMinutes = (hours * 60 + minutes) * (sign == 45 ? -1 : 1)
                index = bytes.count
            } else {
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        let days = Int64(CivilCalendar.days(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        millisecondsSinceEpoch = seconds * 1000 + Int64(milliseconds)
    }

    /// The UTC calendar date of this instant.
    public var date: CalendarDate {
        CalendarDate(daysSinceEpoch: Int(floorDivide(millisecondsSinceEpoch, 86_400_000)))
    }

    public var secondsSinceEpoch: Double { Double(millisecondsSinceEpoch) / 1000 }

    public func adding(milliseconds: Int64) -> SalesforceTimestamp {
        SalesforceTimestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }

    /// The wire form `2024-01-02T03:04:05.000+0000`.
    public var description: String { String(decoding: wireBytes, as: UTF8.self) }

    /// The SOQL literal form `2024-01-02T03:04:05.000Z` (no `+`, which would need escaping in URLs).
    public var soqlLiteral: String {
        var bytes = wireBytes
        bytes.removeLast(5)
        bytes.append(90)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the wire form to a byte buffer without allocating a String.
    public func appendWireForm(to bytes: inout [UInt8]) {
        let days = Int(floorDivide(millisecondsSinceEpoch, 86_400_000))
        let civil = CivilCalendar.civil(fromDays: days)
        let millisOfDay = Int(millisecondsSinceEpoch - Int64(days) * 86_400_000)
        TimestampDigits.append(civil.year, width: 4, to: &bytes)
        bytes.append(45)
        TimestampDigits.append(civil.month, width: 2, to: &bytes)
        bytes.append(45)
        TimestampDigits.append(civil.day, width: 2, to: &bytes)
        bytes.append(84)
        TimestampDigits.append(millisOfDay / 3_600_000, width: 2, to: &bytes)
        bytes.append(58)
        TimestampDigits.append(millisOfDay / 60_000 % 60, width: 2, to: &bytes)
        bytes.append(58)
        TimestampDigits.append(millisOfDay / 1000 % 60, width: 2, to: &bytes)
        bytes.append(46)
        TimestampDigits.append(millisOfDay % 1000, width: 3, to: &bytes)
        bytes.append(contentsOf: [43, 48, 48, 48, 48])
    }

    private var wireBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(28)
        appendWireForm(to: &bytes)
        return bytes
    }

    public static func < (lhs: SalesforceTimestamp, rhs: SalesforceTimestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}

extension SalesforceTimestamp: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let timestamp = SalesforceTimestamp(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a Salesforce dateTime")
        }
        self = timestamp
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
