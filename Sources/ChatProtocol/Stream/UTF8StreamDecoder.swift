/// Decodes UTF-8 text that arrives in chunks (a pipe, a socket), holding back a character
/// split across two chunks until its last byte arrives, so no chunk boundary ever turns
/// into U+FFFD. Bytes that are invalid whatever follows still become U+FFFD.
///
/// ```swift
/// var decoder = UTF8StreamDecoder()
/// decoder.decode([0xE4, 0xBD])   // ""
/// decoder.decode([0xA0])         // "你"
/// ```
public struct UTF8StreamDecoder: Sendable {
    private var pending: [UInt8] = []

    /// Creates a decoder at the start of a stream.
    public init() {}

    /// Whether bytes of an unfinished character are held back.
    public var hasPendingBytes: Bool { !pending.isEmpty }

    /// The text of `bytes` (after any held-back bytes), up to the last complete character.
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> String {
        pending.append(contentsOf: bytes)
        let cut = Self.completePrefixLength(pending)
        let text = String(decoding: pending[..<cut], as: UTF8.self)
        pending.removeFirst(cut)
        return text
    }

    /// Ends the stream: the held-back bytes of a character that never completed, as U+FFFD
    /// ("" when none).
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// How many leading bytes of `bytes` end on a character boundary: everything but a
    /// trailing lead byte whose continuation bytes have not all arrived.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        let end = bytes.count
        var i = end - 1
        // A character is at most 4 bytes, so its lead byte is among the last 4.
        while i >= 0, i >= end - 4 {
            let byte = bytes[i]
            if byte & 0xC0 == 0x80 {  // continuation byte: keep looking for the lead
                i -= 1
                continue
            }
            let length =
                switch byte {
                case 0xC2...0xDF: 2
                case 0xE0...0xEF: 3
                case 0xF0...0xF4: 4
                default: 1  // ASCII or a byte that is never valid as a lead
                }
            return end - i < length ? i : end
        }
        return end
    }
}
