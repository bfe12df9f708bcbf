/// A compiled LIKE pattern: `%` matches any run of characters, `_` exactly one, `\%` and `\_`
/// themselves; matching ignores case, as Salesforce's does.
public struct SOQLLikePattern: Sendable, Hashable {
    /// Lowercased Unicode scalar values, with the two wildcards as negative codes so a pattern
    /// is a flat array the matcher can walk without enum dispatch.
    private let codes: [Int32]
    private let isASCII: Bool

    private static let anyRun: Int32 = -1
    private static let anyOne: Int32 = -2

    /// Compiles the pattern from a string literal's raw text, where escapes are still visible.
    public init(raw: String) {
        var codes: [Int32] = []
        var scalars = raw.unicodeScalars.makeIterator()
        func appendLowercased(_ scalar: Unicode.Scalar) {
            for lowered in String(scalar).lowercased().unicodeScalars { codes.append(Int32(bitPattern: lowered.value)) }
        }
        while let scalar = scalars.next() {
            switch scalar {
            case "%": codes.append(Self.anyRun)
            case "_": codes.append(Self.anyOne)
            case "\\":
                guard let escaped = scalars.next() else { break }
                switch escaped {
                case "n": appendLowercased("\n")
                case "t": appendLowercased("\t")
                case "r": appendLowercased("\r")
                case "b": appendLowercased("\u{8}")
                case "f": appendLowercased("\u{C}")
                case "u":
                    var hex = ""
                    for _ in 0..<4 { if let digit = scalars.next() { hex.unicodeScalars.append(digit) } }
                    if let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code) { appendLowercased(decoded) }
                default: appendLowercased(escaped)
                }
            default:
                appendLowercased(scalar)
            }
        }
        self.codes = codes
        isASCII = codes.allSatisfy { $0 < 0x80 }
    }

    /// Whether `value` matches the whole pattern.
    public func matches(_ value: String) -> Bool {
        if isASCII, let contiguous = value.utf8.withContiguousStorageIfAvailable({ bytes -> Bool? in
            bytes.allSatisfy { $0 < 0x80 } ? match(bytes) { Int32(SOQLValue.asciiLowercased($0)) } : nil
        }), let asciiResult = contiguous {
            return asciiResult
        }
        let scalars = value.lowercased().unicodeScalars.map { Int32(bitPattern: $0.value) }
        return match(scalars) { $0 }
    }

    /// Wildcard matching with single-star backtracking: linear for the common `%text%` shapes,
    /// and never exponential.
    private func match<Text: RandomAccessCollection>(_ text: Text, code: (Text.Element) -> Int32) -> Bool
    where Text.Index == Int {
        let count = text.count
        let base = text.startIndex
        var patternIndex = 0
        var textIndex = 0
        var starPattern = -1
        var starText = 0
        while textIndex < count {
            if patternIndex < codes.count {
                let wanted = codes[patternIndex]
                if wanted == Self.anyRun {
                    starPattern = patternIndex
                    starText = textIndex
                    patternIndex += 1
                    continue
                }
                if wanted == Self.anyOne || wanted == code(text[base + textIndex]) {
                    patternIndex += 1
                    textIndex += 1
                    continue
                }
            }
            guard starPattern >= 0 else { return false }
            patternIndex = starPattern + 1
            starText += 1
            textIndex = starText
        }
        while patternIndex < codes.count, codes[patternIndex] == Self.anyRun { patternIndex += 1 }
        return patternIndex == codes.count
    }
}
