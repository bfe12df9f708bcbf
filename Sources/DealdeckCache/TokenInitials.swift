/// 64 bits summing up how a row's tokens begin: which ASCII letter or digit starts a token,
/// which ASCII two-byte beginnings do (hashed into 27 bits), and whether any token starts with
/// something else. Tokens are the full-text tokenizer's, already folded (lowercase, accents
/// removed), so a clear bit is certain: no token the index would match a word by starts so.
///
/// Why: a remembered word set (`SearchSets`) narrows `pied piper e` to the 50,000 rows with
/// both longer words, but the page's `e` still had to be tested on each of those rows in
/// order, which meant reading some 5,000 rows from disk (30–50 ms) to find 43 matches. The
/// initials, kept beside the set, rule out nearly every row that cannot match without
/// reading it; the few that may are read and tested exactly.
struct TokenInitials: Equatable, Sendable {
    private(set) var bits: UInt64 = 0

    private static let otherBit: UInt64 = 1 << 63
    private static let pairBits = 27

    /// Whether the row may hold a token starting with `prefix` (false: it certainly does not).
    func mayHold(tokenStartingWith prefix: [UInt8]) -> Bool {
        guard let first = prefix.first else { return true }
        guard let slot = Self.slot(of: first) else { return bits & Self.otherBit != 0 }
        guard bits & (1 << UInt64(slot)) != 0 else { return false }
        guard prefix.count >= 2, let pair = Self.pairBit(first, prefix[1]) else { return true }
        return bits & pair != 0
    }

    mutating func insert(token: UnsafeBufferPointer<UInt8>) {
        guard let first = token.first else { return }
        guard let slot = Self.slot(of: first) else {
            bits |= Self.otherBit
            return
        }
        bits |= 1 << UInt64(slot)
        if token.count >= 2, let pair = Self.pairBit(first, token[1]) { bits |= pair }
    }

    /// Marks every bit, for a row whose tokens are unknown.
    mutating func insertEverything() {
        bits = .max
    }

    /// 0–9 for digits, 10–35 for lowercase ASCII letters; nil for anything else.
    private static func slot(of byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x61...0x7A: return Int(byte - 0x61) + 10
        default: return nil
        }
    }

    /// The bit (36–62) of a two-byte beginning whose bytes are both ASCII letters or digits.
    private static func pairBit(_ first: UInt8, _ second: UInt8) -> UInt64? {
        guard let high = slot(of: first), let low = slot(of: second) else { return nil }
        return 1 << UInt64(36 + (high * 36 + low) % pairBits)
    }
}
