/// The REST API versions the emulator serves (31.0 through 66.0) and their release labels.
enum APIVersion {
    static let oldest = 31
    static let newest = 66

    /// `vNN.0` (or `latest`) from a URL path component; nil for versions not served.
    static func resolve(_ component: String) -> String? {
        if component == "latest" { return "v\(newest).0" }
        guard component.hasPrefix("v"), component.hasSuffix(".0") else { return nil }
        guard let number = Int(component.dropFirst().dropLast(2)), (oldest...newest).contains(number) else { return nil }
        return "v\(number).0"
    }

    /// `Winter '25` for 62: three releases a year since Winter '11 (v20.0).
    static func label(_ number: Int) -> String {
        let seasons = ["Winter", "Spring", "Summer"]
        let index = number - 20
        let year = 11 + index / 3
        return "\(seasons[index % 3]) '\(year < 10 ? "0" : "")\(year)"
    }

    /// The version number of `vNN.0`.
    static func number(_ version: String) -> Int {
        Int(version.dropFirst().dropLast(2)) ?? newest
    }
}
