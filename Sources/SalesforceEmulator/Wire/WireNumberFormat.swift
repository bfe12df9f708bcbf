/// Formats numbers the way Salesforce's REST layer does: `xsd:double` values (currency,
/// percent, double) go through Java's `Double.toString`, so they always carry a fraction
/// (`15000.0`) and switch to computerized scientific notation from ten million up
/// (`1.5E7`). Working from integer cents keeps the digits exact.
public enum WireNumberFormat {
    /// `cents` hundredths formatted as Java's `Double.toString(cents / 100.0)` would.
    public static func double(cents: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendDouble(cents: cents, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the Java `Double.toString` form of `cents / 100` without allocating a String.
    public static func appendDouble(cents: Int64, to bytes: inout [UInt8]) {
        if cents < 0 { bytes.append(45) }
        let magnitude = cents.magnitude
        let whole = magnitude / 100
        let fraction = Int(magnitude % 100)
        if whole < 10_000_000 {
            appendDecimal(whole, to: &bytes)
            bytes.append(46)
            if fraction == 0 {
                bytes.append(48)
            } else {
                bytes.append(UInt8(48 + fraction / 10))
                if fraction % 10 != 0 { bytes.append(UInt8(48 + fraction % 10)) }
            }
            return
        }
        // Scientific: all significant digits of the cents value, point after the first digit.
        var digits: [UInt8] = []
        var remaining = magnitude
        while remaining > 0 {
            digits.append(UInt8(48 + remaining % 10))
            remaining /= 10
        }
        digits.reverse()
        let exponent = digits.count - 3  // two digits are cents
        while digits.count > 2, digits[digits.count - 1] == 48 { digits.removeLast() }
        bytes.append(digits[0])
        bytes.append(46)
        if digits.count == 1 { bytes.append(48) } else { bytes.append(contentsOf: digits[1...]) }
        bytes.append(69)
        appendDecimal(UInt64(exponent), to: &bytes)
    }

    /// Appends a non-negative integer in decimal.
    public static func appendDecimal(_ value: UInt64, to bytes: inout [UInt8]) {
        if value < 10 {
            bytes.append(UInt8(48 + value))
            return
        }
        var buffer: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &buffer) { raw in
            while remaining > 0 {
                raw[19 - count] = UInt8(48 + remaining % 10)
                remaining /= 10
                count += 1
            }
            bytes.append(contentsOf: raw[(20 - count)...])
        }
    }

    /// Appends a signed integer in decimal.
    public static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(45) }
        appendDecimal(UInt64(value.magnitude), to: &bytes)
    }
}
