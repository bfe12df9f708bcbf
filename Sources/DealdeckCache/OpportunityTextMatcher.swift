import Foundation
import GRDB

/// Tests one row's searchable text against the filter's free-text words exactly as the
/// full-text index (`opportunity_fts`) would: the same tokenizer (SQLite's own unicode61 with
/// the table's options, so case and diacritics fold identically), each word a prefix phrase
/// (`"initech p"*`: consecutive tokens in one column, the last one a prefix), every positive
/// word present and no negated one.
///
/// Why: the full-text index answers a word by building the set of every row it matches, and
/// for a short prefix over a million rows (`i`, `initech p`) that set costs 30–200 ms however
/// few rows the screen needs. Walking the list's ordering and testing each row here costs
/// only the rows walked, which is few exactly when the word is common.
final class OpportunityTextMatcher {
    /// The searchable columns, in `opportunity_fts`'s order.
    static let columns = ["name", "account_name", "owner_name", "stage_name", "next_step"]
    /// The arguments of `opportunity_fts`'s `tokenize=` option (see the cache-v2-search migration).
    static let tokenizer = FTS5TokenizerDescriptor(components: ["unicode61", "remove_diacritics", "2"])

    private struct Phrase {
        /// Each token's folded UTF-8 bytes; the last is matched as a prefix.
        var tokens: [[UInt8]]
        var negated: Bool
    }

    private let tokenizer: any FTS5Tokenizer
    private let phrases: [Phrase]
    private let collector = TokenCollector()
    private var found: [Bool]
    /// Rows seen by the quick ASCII test, and per word how many of them contained it: how
    /// common each word is, for choosing which words the full-text index should take.
    private var sampled = 0
    private var hits: [Int]

    /// Nil when a word has no tokens at all (punctuation only): the full-text index decides those.
    init?(words: [(word: String, negated: Bool)], in db: Database) throws {
        tokenizer = try db.makeTokenizer(Self.tokenizer)
        var phrases: [Phrase] = []
        for (word, negated) in words {
            let tokens = try tokenizer.tokenize(query: word).map { Array($0.token.utf8) }
            guard !tokens.isEmpty else { return nil }
            phrases.append(Phrase(tokens: tokens, negated: negated))
        }
        self.phrases = phrases
        found = Array(repeating: false, count: phrases.count)
        hits = Array(repeating: 0, count: phrases.count)
    }

    /// The share of the rows tested so far that contain word `index` (an upper bound, from
    /// ASCII rows only); nil before any.
    func share(ofWordAt index: Int) -> Double? {
        sampled == 0 ? nil : Double(hits[index]) / Double(sampled)
    }

    /// Whether the full-text index finds `word` cheaply: its last token is a prefix of at
    /// least two bytes, which the index keeps as one list (`prefix='2'`) or which expands to
    /// few indexed words; a one-letter prefix means merging the lists of thousands.
    func isSelective(_ word: String) -> Bool {
        Self.isSelective(word, tokenizer: tokenizer)
    }

    static func isSelective(_ word: String, tokenizer: any FTS5Tokenizer) -> Bool {
        guard let tokens = try? tokenizer.tokenize(query: word), let last = tokens.last else { return false }
        return last.token.utf8.count >= 2
    }

    /// Whether `row` matches; the columns at `columns` hold the `Self.columns` values.
    func matches(_ row: Row, columns: [Int]) throws -> Bool {
        for index in found.indices { found[index] = false }
        var asciiOnly = true
        for column in columns {
            try row.withUnsafeData(atIndex: column) { data in
                guard let data else { return }
                data.withUnsafeBytes { raw in
                    let text = raw.bindMemory(to: UInt8.self)
                    if asciiOnly && text.contains(where: { $0 >= 0x80 }) { asciiOnly = false }
                    for (index, phrase) in phrases.enumerated() where !found[index] && !phrase.negated {
                        if Self.containsIgnoringASCIICase(text, phrase.tokens[0]) { found[index] = true }
                    }
                }
            }
        }
        // ASCII text can only yield a token that starts with a word if the text contains the
        // word, ignoring case: most rows fail that test and are never tokenized.
        if asciiOnly {
            sampled += 1
            for index in found.indices where found[index] { hits[index] += 1 }
            if phrases.indices.contains(where: { !phrases[$0].negated && !found[$0] }) { return false }
        }
        for index in found.indices { found[index] = false }
        for column in columns {
            let decided = try row.withUnsafeData(atIndex: column) { data -> Bool? in
                guard let data, !data.isEmpty else { return nil }
                return data.withUnsafeBytes { raw -> Bool? in
                    guard tokenize(raw) else { return nil }
                    for (index, phrase) in phrases.enumerated() where !found[index] && collector.contains(phrase.tokens) {
                        if phrase.negated { return false }
                        found[index] = true
                    }
                    return nil
                }
            }
            if let decided { return decided }
        }
        for (index, phrase) in phrases.enumerated() where !phrase.negated && !found[index] { return false }
        return true
    }

    /// The token initials of `row` (see `TokenInitials`); the columns at `columns` hold the
    /// `Self.columns` values.
    func initials(of row: Row, columns: [Int]) throws -> TokenInitials {
        var initials = TokenInitials()
        for column in columns {
            try row.withUnsafeData(atIndex: column) { data in
                guard let data, !data.isEmpty else { return }
                data.withUnsafeBytes { raw in
                    // A text the tokenizer refused is marked as able to hold anything.
                    guard tokenize(raw) else { return initials.insertEverything() }
                    collector.forEachToken { initials.insert(token: $0) }
                }
            }
        }
        return initials
    }

    /// Whether a row with these token initials can match: false means it cannot, true that
    /// `matches` must decide. Negated words never rule a row out.
    func mayMatch(_ initials: TokenInitials) -> Bool {
        phrases.allSatisfy { phrase in phrase.negated || initials.mayHold(tokenStartingWith: phrase.tokens[0]) }
    }

    /// Tokenizes one column's text into `collector`; false when the tokenizer refused it.
    private func tokenize(_ text: UnsafeRawBufferPointer) -> Bool {
        guard let base = text.baseAddress else { return false }
        collector.reset()
        let code = tokenizer.tokenize(
            context: Unmanaged.passUnretained(collector).toOpaque(), tokenization: .document,
            pText: base.assumingMemoryBound(to: CChar.self), nText: CInt(text.count),
            tokenCallback: TokenCollector.callback)
        return code == sqliteOK
    }

    /// Whether `text` contains `word` (folded: lowercase) with ASCII letters compared case-blind.
    private static func containsIgnoringASCIICase(_ text: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        guard let first = word.first, word.count <= text.count else { return false }
        let last = text.count - word.count
        var start = 0
        while start <= last {
            if lowered(text[start]) == first {
                var offset = 1
                while offset < word.count && lowered(text[start + offset]) == word[offset] { offset += 1 }
                if offset == word.count { return true }
            }
            start += 1
        }
        return false
    }

    @inline(__always)
    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }
}

/// SQLite's success code (the C module is GRDB's, not ours to import).
private let sqliteOK: CInt = 0

/// The tokens of one text, flat: bytes in one array, each token's end in another, so
/// tokenizing a row allocates nothing once the arrays have grown.
private final class TokenCollector {
    var bytes: [UInt8] = []
    var ends: [Int] = []

    func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    static let callback: FTS5TokenCallback = { context, _, token, length, _, _ in
        guard let context, let token, length >= 0 else { return sqliteOK }
        let collector = Unmanaged<TokenCollector>.fromOpaque(context).takeUnretainedValue()
        token.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            collector.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(length)))
        }
        collector.ends.append(collector.bytes.count)
        return sqliteOK
    }

    func forEachToken(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for end in ends {
                body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = end
            }
        }
    }

    /// Whether `phrase` occurs as consecutive tokens, the last one as a prefix.
    func contains(_ phrase: [[UInt8]]) -> Bool {
        let count = ends.count
        guard phrase.count <= count else { return false }
        return bytes.withUnsafeBufferPointer { bytes in
            for first in 0...(count - phrase.count) {
                var all = true
                for (offset, wanted) in phrase.enumerated() {
                    let index = first + offset
                    let start = index == 0 ? 0 : ends[index - 1]
                    let token = UnsafeBufferPointer(rebasing: bytes[start..<ends[index]])
                    let isLast = offset == phrase.count - 1
                    if isLast ? !token.starts(with: wanted) : !token.elementsEqual(wanted) {
                        all = false
                        break
                    }
                }
                if all { return true }
            }
            return false
        }
    }
}
