/// Every field value of one record as JSON, encoded once when the record is stored.
///
/// Query pages are the emulator's hot path, and most of a page's time went into encoding
/// the same values again on every query: escaping strings, formatting timestamps and
/// amounts, and chasing each string's own heap storage. Records are immutable (a write makes
/// a new storage), so their values can be encoded when they are made; a page then copies
/// each selected value from one contiguous buffer per record. The price is memory, about the
/// size of the record's JSON once more.
public struct EncodedJSONValues: Sendable {
    /// `slots + 1` offsets (UInt32, native byte order, from the start of the storage: the
    /// first is the header's size), then the values back to back; empty for a record type
    /// that does not pre-encode.
    private let storage: [UInt8]

    static let none = EncodedJSONValues(storage: [])

    private init(storage: [UInt8]) {
        self.storage = storage
    }

    /// Encodes `slots` values with `write`, which must write at most `bound` bytes in all.
    ///
    /// The values are written into scratch memory of the bound and then copied into storage
    /// of their exact size: the bound allows six bytes for every character of every string,
    /// and keeping it would have tripled the org's memory.
    init(slots: Int, bound: Int, write: (Int, inout RawByteWriter) -> Void) {
        let header = (slots + 1) * MemoryLayout<UInt32>.size
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: header + bound, alignment: MemoryLayout<UInt32>.alignment)
        defer { scratch.deallocate() }
        let start = scratch.bindMemory(to: UInt8.self, capacity: header + bound)
        var writer = RawByteWriter(start + header)
        for slot in 0..<slots {
            scratch.storeBytes(of: UInt32(writer.cursor - start), toByteOffset: slot * 4, as: UInt32.self)
            write(slot, &writer)
        }
        scratch.storeBytes(of: UInt32(writer.cursor - start), toByteOffset: slots * 4, as: UInt32.self)
        storage = Array(UnsafeBufferPointer(start: start, count: writer.cursor - start))
    }

    var isEmpty: Bool { storage.isEmpty }

    /// The size of all values together (the exact JSON size of every field of the record).
    var valueBytes: Int {
        storage.withUnsafeBytes { raw in
            guard !raw.isEmpty else { return 0 }
            let header = Int(raw.loadUnaligned(as: UInt32.self))
            return Int(raw.loadUnaligned(fromByteOffset: header - 4, as: UInt32.self)) - header
        }
    }

    /// Runs `body` with the encoded values (nil when the record type does not pre-encode).
    @inline(__always)
    func withValues<Result>(_ body: (View?) -> Result) -> Result {
        storage.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, !raw.isEmpty else { return body(nil) }
            return body(View(base: base))
        }
    }

    /// A borrowed look at the encoded values.
    public struct View {
        let base: UnsafeRawPointer

        /// The value in `slot` as JSON bytes; nil for a slot the record does not have.
        @inline(__always)
        public func value(at slot: Int) -> UnsafeBufferPointer<UInt8>? {
            let header = Int(base.loadUnaligned(as: UInt32.self))
            guard slot >= 0, (slot + 1) * 4 < header else { return nil }
            let start = Int(base.loadUnaligned(fromByteOffset: slot * 4, as: UInt32.self))
            let end = Int(base.loadUnaligned(fromByteOffset: slot * 4 + 4, as: UInt32.self))
            return UnsafeBufferPointer(start: (base + start).assumingMemoryBound(to: UInt8.self), count: end - start)
        }

        /// Writes the value in `slot`, or `null` for a slot the record does not have.
        @inline(__always)
        public func write(slot: Int, to writer: inout RawByteWriter) {
            if let value = value(at: slot) { writer.bytes(value) } else { writer.null() }
        }
    }
}
