import Foundation

/// Formats money and percentages the same way everywhere (CLI tables, TUI, detail pane).
public enum AmountFormatting {
    private static let symbols: [String: String] = [
        "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹", "KRW": "₩", "BRL": "R$",
        "AUD": "A$", "CAD": "CA$", "CHF": "CHF ", "SEK": "SEK ", "NOK": "NOK ", "DKK": "DKK ", "MXN": "MX$",
    ]
    private static let zeroDecimalCurrencies: Set<String> = ["JPY", "KRW"]

    /// `$15,000.00`, `€1,250.50`, `¥1,000,000`; no currency means the org's single currency,
    /// shown without a symbol: `15,000.00`.
    public static func amount(_ value: Decimal?, currency: String?) -> String {
        guard let value else { return "—" }
        let decimals = currency.map { zeroDecimalCurrencies.contains($0) } == true ? 0 : 2
        let number = grouped(value, decimals: decimals)
        guard let currency else { return number }
        if let symbol = symbols[currency] {
            return number.hasPrefix("-") ? "-" + symbol + number.dropFirst() : symbol + number
        }
        return number + " " + currency
    }

    /// `75%`, `12.5%`.
    public static func percent(_ value: Decimal?) -> String {
        guard let value else { return "—" }
        return "\(value)%"
    }

    /// A decimal with thousands separators and a fixed number of decimals, independent of locale.
    public static func grouped(_ value: Decimal, decimals: Int) -> String {
        var rounded = Decimal()
        var source = value
        NSDecimalRound(&rounded, &source, decimals, .plain)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        let text = "\(magnitude)"
        let parts = text.split(separator: ".", maxSplits: 1)
        let integer = String(parts.first ?? "0")
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.count < decimals { fraction += "0" }
        var groupedInteger = ""
        for (index, character) in integer.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { groupedInteger.append(",") }
            groupedInteger.append(character)
        }
        let result = String(groupedInteger.reversed()) + (decimals > 0 ? "." + fraction : "")
        return negative ? "-" + result : result
    }
}
