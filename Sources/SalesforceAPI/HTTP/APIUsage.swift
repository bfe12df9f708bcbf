/// The org's daily API usage as Salesforce reported it last, from `Sforce-Limit-Info`.
public struct APIUsage: Sendable, Equatable {
    public var used: Int
    public var limit: Int

    public init(used: Int, limit: Int) {
        self.used = used
        self.limit = limit
    }

    /// Used share, 0…1 (0 when the limit is unknown).
    public var fraction: Double { limit > 0 ? Double(used) / Double(limit) : 0 }

    /// Reads `api-usage=N/M` anywhere in the header, leniently: orgs add `; per-app-api-usage=…`
    /// or `api-bursts=…` parts, in any order. `per-app-api-usage` is another counter and is
    /// skipped (the character before `api-usage` must not be a letter or `-`).
    public init?(limitInfoHeader header: String) {
        let bytes = Array(header.utf8)
        let needle = Array("api-usage=".utf8)
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) {
                let before: UInt8? = index > 0 ? bytes[index - 1] : nil
                let standalone = before.map { !($0 == 45 || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95) } ?? true
                if standalone, let (used, limit) = Self.pair(bytes, from: index + needle.count) {
                    self.init(used: used, limit: limit)
                    return
                }
            }
            index += 1
        }
        return nil
    }

    private static func pair(_ bytes: [UInt8], from start: Int) -> (Int, Int)? {
        var index = start
        func number() -> Int? {
            var value = 0
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, digits < 18 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        guard let used = number(), index < bytes.count, bytes[index] == 47 else { return nil }
        index += 1
        guard let limit = number() else { return nil }
        return (used, limit)
    }
}
