import Foundation
import GRDB

/// How the text of each message the search index covers is kept: in `message_text`, compressed
/// like a conversation's JSON (``StoredJSON``: Zstandard behind a marker byte, or as it came
/// when that would not be smaller). The full-text index reads it through the view
/// `message_text_view`, which unpacks it with the SQL function ``unpackFunction``, so the index
/// holds no copy of its own (FTS5 external content).
enum SearchText {
    /// The SQL function that unpacks a stored text: `chatterm_text(body)`.
    static let unpackFunction = DatabaseFunction("chatterm_text", argumentCount: 1, pure: true) { values in
        guard let data = Data.fromDatabaseValue(values[0]) else { return String?.none }
        return String(decoding: (try? decode(data)) ?? Data(), as: UTF8.self)
    }

    /// The SQL function that packs a text: `chatterm_pack_text(text)` (for the migration).
    static let packFunction = DatabaseFunction("chatterm_pack_text", argumentCount: 1, pure: true) { values in
        encode(String.fromDatabaseValue(values[0]) ?? "")
    }

    /// The value to store for `text`.
    static func encode(_ text: String) -> Data {
        let bytes = Data(text.utf8)
        let stored = StoredJSON.encode(bytes, kind: .message)
        // Text kept as it came must not start like a packed value (0: compressed, 1: marked).
        if stored == bytes, let first = bytes.first, first <= 1 { return Data([1]) + bytes }
        return stored
    }

    /// The text a stored value holds.
    static func decode(_ stored: Data) throws -> Data {
        if stored.first == 1 { return stored.dropFirst() }
        return try StoredJSON.decode(stored)
    }
}
