/// Encoding the first ORDER BY key as order-preserving 64-bit codes.
extension SOQLSorter {
    /// Codes for every row, and whether equal codes mean equal keys (true for numbers, dates,
    /// dateTimes and booleans; false for text, where a code holds only eight bytes). Nil when a
    /// row holds a kind the field type does not predict.
    static func primaryCodes(
        count: Int, ordering: SOQLResolvedOrdering, value: (Int) -> SOQLValue
    ) -> (codes: [UInt64], isExact: Bool)? {
        let type = ordering.field.type
        // Real values never encode to 0 or UInt64.max (see `orderPreserving`), which leaves
        // those two for nulls.
        let nullCode: UInt64 = ordering.nullsFirst ? 0 : .max
        if let extract = SOQLSortColumn.numericKey(for: type),
            let column = SOQLSortColumn.numbers(count: count, value: value, extract: extract)
        {
            var codes = column.keys.map { orderPreserving($0) }
            if ordering.descending { codes = codes.map { ~$0 } }
            if let nulls = column.nulls {
                for (position, isNull) in nulls.enumerated() where isNull { codes[position] = nullCode }
            }
            return (codes, true)
        }
        guard SOQLSortColumn.isText(type),
            let column = SOQLSortColumn.text(count: count, value: value, foldingCase: SOQLSortColumn.foldsCase(type))
        else { return nil }
        let skip = commonPrefixLength(column.bytes, column.offsets, nulls: column.nulls)
        var codes: [UInt64] = []
        codes.reserveCapacity(count)
        for position in 0..<count {
            if column.nulls?[position] == true {
                codes.append(nullCode)
                continue
            }
            var code: UInt64 = 0
            let start = column.offsets[position] + skip
            let end = column.offsets[position + 1]
            for index in 0..<8 {
                code <<= 8
                if start + index < end { code |= UInt64(column.bytes[start + index]) }
            }
            codes.append(ordering.descending ? ~code : code)
        }
        return (codes, false)
    }

    /// Maps a Double to a UInt64 with the same order: flip all bits of negatives, only the
    /// sign bit of the rest. -0 is folded into 0 and NaNs into one NaN, so no finite value
    /// or infinity lands on 0 or UInt64.max.
    static func orderPreserving(_ number: Double) -> UInt64 {
        let normalized = number.isNaN ? Double.nan : (number == 0 ? 0 : number)
        let bits = normalized.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The length of the prefix all non-null texts share (Ids all start `0065e00000`), which
    /// the codes skip so their eight bytes land where rows differ.
    private static func commonPrefixLength(_ bytes: [UInt8], _ offsets: [Int], nulls: [Bool]?) -> Int {
        var reference: Range<Int>?
        var length = Int.max
        for position in 0..<(offsets.count - 1) where nulls?[position] != true {
            let range = offsets[position]..<offsets[position + 1]
            guard let first = reference else {
                reference = range
                length = range.count
                continue
            }
            var shared = 0
            let limit = min(length, range.count)
            while shared < limit, bytes[first.lowerBound + shared] == bytes[range.lowerBound + shared] { shared += 1 }
            length = shared
            if length == 0 { return 0 }
        }
        return length == .max ? 0 : length
    }
}
