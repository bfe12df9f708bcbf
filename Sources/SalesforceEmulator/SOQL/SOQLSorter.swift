/// Puts row positions in ORDER BY order.
///
/// The first key is encoded once per row as a `UInt64` whose unsigned order is the wanted
/// order (direction and null placement included), so the bulk of the work is sorting plain
/// `(code, position)` pairs with an inlined comparison. Only rows whose codes tie, because
/// they share the first key or because a text code holds just a prefix, are then ordered
/// with the full, slower comparison over all keys. For the sync query (`ORDER BY
/// SystemModstamp, Id`) that is a handful of rows, so Ids are never even read for the rest.
struct SOQLSorter {
    /// One ORDER BY key and how to read it for the row at a position.
    struct Key {
        let ordering: SOQLResolvedOrdering
        let value: (Int) -> SOQLValue
    }

    private struct Entry {
        let code: UInt64
        let position: Int
    }

    let keys: [Key]

    /// Positions `0..<count` in order; ties on every key keep position order. With a limit only
    /// the first `limit` positions are returned, and only candidates for them are fully sorted.
    func order(count: Int, limit: Int?) -> [Int] {
        guard let first = keys.first else { return Array(0..<min(count, limit ?? count)) }
        guard let primary = Self.primaryCodes(count: count, ordering: first.ordering, value: first.value) else {
            return comparisonOrder(Array(0..<count), limit: limit)
        }
        let codes = primary.codes
        var entries: [Entry] = []
        if let limit, limit < count / 8 {
            // Keep every row that could make the page: all codes up to the limit-th smallest.
            let best = SOQLTopSelection.smallest(limit, of: count) { codes[$0] != codes[$1] ? codes[$0] < codes[$1] : $0 < $1 }
            guard let threshold = best.last.map({ codes[$0] }) else { return [] }
            for (position, code) in codes.enumerated() where code <= threshold {
                entries.append(Entry(code: code, position: position))
            }
        } else {
            entries.reserveCapacity(count)
            for (position, code) in codes.enumerated() { entries.append(Entry(code: code, position: position)) }
        }
        entries.sort { $0.code != $1.code ? $0.code < $1.code : $0.position < $1.position }
        var positions = entries.map(\.position)
        if !primary.isExact || keys.count > 1 { refineTies(&positions, entries: entries) }
        if let limit, positions.count > limit { positions.removeSubrange(limit...) }
        return positions
    }

    /// Re-sorts each run of equal codes with the full comparison over every key.
    private func refineTies(_ positions: inout [Int], entries: [Entry]) {
        var runs: [Range<Int>] = []
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].code == entries[start].code { end += 1 }
            if end - start > 1 { runs.append(start..<end) }
            start = end
        }
        guard !runs.isEmpty else { return }
        // Compare only the tied rows: keys are read for them alone, by local index.
        var tied: [Int] = []
        for run in runs { tied.append(contentsOf: positions[run]) }
        let precedes = comparison(count: tied.count) { local, key in key.value(tied[local]) }
        var local = 0
        for run in runs {
            // Within a run positions ascend, so local indices order ties by position too.
            let sorted = (local..<(local + run.count)).sorted(by: precedes)
            for (offset, index) in sorted.enumerated() { positions[run.lowerBound + offset] = tied[index] }
            local += run.count
        }
    }

    /// The general path, for keys that cannot be encoded (a record holding an unexpected kind).
    private func comparisonOrder(_ positions: [Int], limit: Int?) -> [Int] {
        let precedes = comparison(count: positions.count) { local, key in key.value(positions[local]) }
        if let limit, limit < positions.count / 8 {
            return SOQLTopSelection.smallest(limit, of: positions.count, by: precedes).map { positions[$0] }
        }
        var order = Array(positions.indices)
        order.sort(by: precedes)
        if let limit, order.count > limit { order.removeSubrange(limit...) }
        return order.map { positions[$0] }
    }

    /// A strict order over local indices `0..<count` by every key, ties by index.
    private func comparison(count: Int, value: (Int, Key) -> SOQLValue) -> (Int, Int) -> Bool {
        // Chained rather than kept in an array of closures, so each step is a direct call.
        var precedes: (Int, Int) -> Bool = { $0 < $1 }
        for key in keys.reversed() {
            let compare = SOQLSortColumn(count: count, ordering: key.ordering) { value($0, key) }.compare
            let next = precedes
            precedes = { left, right in
                let result = compare(left, right)
                return result != 0 ? result < 0 : next(left, right)
            }
        }
        return precedes
    }
}
