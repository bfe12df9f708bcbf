/// A Salesforce record ID in its canonical 18-character form.
///
/// Salesforce shows 15-character, case-sensitive IDs in the UI and returns 18-character,
/// case-insensitive IDs from the API. The last three characters encode which of the first
/// fifteen are upper case, so an 18-character ID survives a trip through a case-folding
/// system. Dealdeck stores and compares IDs only in the 18-character form.
public struct SalesforceID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 18-character form, with the case of the first fifteen characters restored.
    public let rawValue: String

    private static let checksumAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")

    /// Parses a 15- or 18-character ID. Returns nil when the text is not a valid ID.
    public init?(_ text: String) {
        guard let id = try? SalesforceID(validating: text) else { return nil }
        self = id
    }

    /// Parses a 15- or 18-character ID, explaining what is wrong when it is not valid.
    public init(validating text: String) throws(SalesforceIDError) {
        let trimmed = text.trimmingWhitespace()
        let characters = Array(trimmed.utf8)
        guard characters.allSatisfy(Self.isAlphanumeric) else {
            throw .invalidCharacters(trimmed)
        }
        switch characters.count {
        case 15:
            rawValue = trimmed + Self.checksum(ofFifteen: characters)
        case 18:
            rawValue = try Self.restoringCase(of: characters, original: trimmed)
        default:
            throw .wrongLength(trimmed, characters.count)
        }
    }

    /// Builds the ID of the `number`-th record with the given key prefix (e.g. "006") and
    /// two-character pod code. Used by the emulator to mint realistic, checksummed IDs.
    public init(keyPrefix: String, pod: String, number: Int) {
        let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let bodyLength = 15 - keyPrefix.utf8.count - pod.utf8.count
        var digits: [Character] = []
        var remaining = max(0, number)
        for _ in 0..<bodyLength {
            digits.append(base62[remaining % 62])
            remaining /= 62
        }
        let fifteen = keyPrefix + pod + String(digits.reversed())
        rawValue = fifteen + Self.checksum(ofFifteen: Array(fifteen.utf8))
    }

    /// The case-sensitive 15-character form shown in Salesforce UI URLs.
    public var fifteenCharacterForm: String { String(rawValue.prefix(15)) }

    /// The three-character key prefix that names the object type ("006" is Opportunity).
    public var keyPrefix: String { String(rawValue.prefix(3)) }

    public var description: String { rawValue }

    public static func < (lhs: SalesforceID, rhs: SalesforceID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The three checksum characters for a 15-character ID.
    public static func checksum(ofFifteen characters: [UInt8]) -> String {
        var suffix = ""
        for chunk in 0..<3 {
            var bits = 0
            for position in 0..<5 where isUppercase(characters[chunk * 5 + position]) {
                bits |= 1 << position
            }
            suffix.append(checksumAlphabet[bits])
        }
        return suffix
    }

    private static func restoringCase(of characters: [UInt8], original: String) throws(SalesforceIDError) -> String {
        var restored = characters
        let valid = restored.withUnsafeMutableBufferPointer { restoreCase($0) }
        guard valid else { throw .checksumMismatch(original) }
        return String(decoding: restored, as: UTF8.self)
    }

    /// Calls `body` with the canonical form of `text` when it is an 18-character ID exactly (no
    /// surrounding space), and returns whether it was: the allocation-free path for IDs
    /// arriving by the thousand in Bulk API results. Anything else, including a valid
    /// 15-character ID, returns false; `init(validating:)` reads those.
    public static func withCanonicalForm(ofEighteen text: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        guard text.count == 18, text.allSatisfy(isAlphanumeric) else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 18) { buffer in
            _ = buffer.initialize(from: text)
            guard restoreCase(buffer) else { return false }
            body(UnsafeRawBufferPointer(buffer))
            return true
        }
    }

    /// Restores the case of the first fifteen characters of an 18-character alphanumeric ID
    /// from its checksum, and upper-cases the checksum, in place; false when they disagree.
    private static func restoreCase(_ characters: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        for chunk in 0..<3 {
            let code = characters[15 + chunk]
            guard let bits = checksumValue(of: code) else { return false }
            for position in 0..<5 {
                let index = chunk * 5 + position
                let wantsUpper = bits & (1 << position) != 0
                let character = characters[index]
                if isLetter(character) {
                    characters[index] = wantsUpper ? uppercased(character) : lowercased(character)
                } else if wantsUpper {
                    return false
                }
            }
            characters[15 + chunk] = uppercased(code)
        }
        return true
    }

    /// The position of a checksum character in `checksumAlphabet` (A–Z, then 0–5), either case.
    private static func checksumValue(of code: UInt8) -> Int? {
        let upper = uppercased(code)
        if isUppercase(upper) { return Int(upper - 65) }
        if upper >= 48 && upper <= 53 { return 26 + Int(upper - 48) }
        return nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 48 && byte <= 57)
    }
    private static func isLetter(_ byte: UInt8) -> Bool { isUppercase(byte) || (byte >= 97 && byte <= 122) }
    private static func isUppercase(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
    private static func uppercased(_ byte: UInt8) -> UInt8 { (byte >= 97 && byte <= 122) ? byte - 32 : byte }
    private static func lowercased(_ byte: UInt8) -> UInt8 { isUppercase(byte) ? byte + 32 : byte }
}

extension SalesforceID: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try SalesforceID(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
