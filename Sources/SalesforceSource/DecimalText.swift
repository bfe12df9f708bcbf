import Foundation

/// Parses the decimal numbers Salesforce sends (`15000.0`, `75`, `-1234.56`) into `Decimal`
/// exactly and quickly: Foundation's `Decimal(string:)` is a locale-aware scanner, several
/// times slower, and a sync maps two numbers per record at tens of thousands of records a
/// second. Anything unusual (an exponent, more than 18 digits) falls back to it.
enum DecimalText {
    /// What `scan` found.
    enum Scan {
        /// `-`?, digits with at most one `.`, at most 18 significant digits: the value is
        /// `significand × 10^-scale` (trailing zeros after the point kept in both).
        case plain(significand: UInt64, scale: Int, negative: Bool)
        /// No digit at all (`""`, `-`, `.`): no number.
        case noDigits
        /// Any other shape, for `Decimal(string:)`.
        case other
    }

    static func scan(_ bytes: UnsafeRawBufferPointer) -> Scan {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var significand: UInt64 = 0
        var digits = 0
        var scale = 0
        var sawPoint = false
        var sawDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 48 && byte <= 57 {
                sawDigit = true
                if digits > 0 || byte != 48 { digits += 1 }
                guard digits <= 18 else { return .other }
                significand = significand * 10 + UInt64(byte - 48)
                if sawPoint { scale += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                return .other
            }
            index += 1
        }
        return sawDigit ? .plain(significand: significand, scale: scale, negative: negative) : .noDigits
    }

    static func parse(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { bytes -> Decimal? in
            switch scan(UnsafeRawBufferPointer(bytes)) {
            case .noDigits:
                return nil
            case .other:
                return Decimal(string: String(decoding: bytes, as: UTF8.self), locale: Locale(identifier: "en_US_POSIX"))
            case .plain(var significand, var scale, let negative):
                // Trailing zeros after the point (`15000.0`) say nothing: drop them for a canonical value.
                while scale > 0 && significand % 10 == 0 && significand > 0 {
                    significand /= 10
                    scale -= 1
                }
                if significand == 0 { return Decimal(0) }
                return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(significand))
            }
        }
    }
}
