/// Exact decimal parsing for money: `"15000.105"` becomes 1500011 cents (half up), with no
/// binary floating point in between unless the text uses an exponent.
enum DecimalText {
    static func cents(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.contains(where: { $0 == 101 || $0 == 69 }) {
            guard let value = Double(text), value.isFinite, abs(value) < 1e16 else { return nil }
            return Int64((value * 100).rounded(.toNearestOrAwayFromZero))
        }
        var negative = false
        if bytes[0] == 45 || bytes[0] == 43 {
            negative = bytes[0] == 45
            bytes.removeFirst()
        }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var roundUp = false
        var seenPoint = false
        var digits = 0
        for byte in bytes {
            if byte == 46 {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= 48 && byte <= 57 else { return nil }
            digits += 1
            let digit = Int64(byte - 48)
            if !seenPoint {
                guard whole < 100_000_000_000_000_000 / 10 else { return nil }
                whole = whole * 10 + digit
            } else if fractionDigits < 2 {
                fraction = fraction * 10 + digit
                fractionDigits += 1
            } else if fractionDigits == 2 {
                roundUp = digit >= 5
                fractionDigits += 1
            }
        }
        guard digits > 0 else { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        var cents = whole * 100 + fraction + (roundUp ? 1 : 0)
        if negative { cents = -cents }
        return cents
    }
}
