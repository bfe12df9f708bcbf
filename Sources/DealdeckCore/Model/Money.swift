import Foundation

/// Exact conversions between `Decimal` amounts and integer minor units.
public enum Money {
    /// The amount in cents, rounded half-up to two places (Salesforce currency scale).
    public static func cents(of amount: Decimal) -> Int64 {
        var value = amount * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    /// The amount for a number of cents, exactly.
    public static func amount(cents: Int64) -> Decimal {
        Decimal(cents) / 100
    }

    /// Parses a plain decimal number such as `15000.5` without locale surprises.
    public static func decimal(_ text: String) -> Decimal? {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
