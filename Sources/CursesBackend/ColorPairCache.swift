import CNCursesW

/// Colour pairs, allocated on first use and reused (TermKit allocated a new pair per attribute
/// and ran out). Capped at the terminal's `COLOR_PAIRS`; when full, the least recently used pair
/// is redefined.
struct ColorPairCache {
    struct Key: Hashable {
        var foreground: Int32
        var background: Int32
    }

    private let capacity: Int
    private var pairs: [Key: Int32] = [:]
    private var keysByPair: [Int32: Key] = [:]
    private var lastUse: [Int32: UInt64] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// The pair number for a foreground and background (-1 is the terminal's default);
    /// 0, the default pair, when both are default or no pair can be had.
    mutating func pair(foreground: Int32, background: Int32) -> Int32 {
        if foreground == -1 && background == -1 { return 0 }
        clock += 1
        let key = Key(foreground: foreground, background: background)
        if let existing = pairs[key] {
            lastUse[existing] = clock
            return existing
        }
        guard capacity > 0 else { return 0 }
        let number: Int32
        if pairs.count < capacity {
            number = Int32(pairs.count + 1)
        } else {
            guard let oldest = lastUse.min(by: { $0.value < $1.value })?.key else { return 0 }
            number = oldest
            if let old = keysByPair[oldest] { pairs[old] = nil }
        }
        guard init_extended_pair(number, foreground, background) != dd_err() else { return 0 }
        pairs[key] = number
        keysByPair[number] = key
        lastUse[number] = clock
        return number
    }

    var count: Int { pairs.count }
}
