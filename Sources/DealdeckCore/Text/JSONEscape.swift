/// JSON's two-character string escapes (RFC 8259 §7), shared by the client's JSON reader and
/// the emulator's JSON parser and CSV writer so the three read escapes alike.
public enum JSONEscape {
    /// The byte that `\` followed by `letter` stands for; nil for `u` (four hex digits follow)
    /// and for any letter JSON does not allow.
    @inlinable
    public static func byte(escapedBy letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return letter
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }
}
