import CZstd
import Foundation
import Synchronization

/// How a conversation's JSON is kept in the `raw` column: compressed (Zstandard, level 1)
/// behind a marker byte, or as it came when compressing would not make it smaller. JSON text
/// never starts with the marker byte (0), so rows written before compression read as they are.
///
/// Layout of a compressed value: the marker, then one Zstandard frame, which records the
/// JSON's length.
enum StoredJSON {
    static let marker: UInt8 = 0
    /// Zstandard's level: its fastest standard one (DECISIONS.md, 2026-12-06).
    static let level: Int32 = 1
    /// The level for a message's text: one of Zstandard's faster-than-standard levels, since
    /// every message of an import is packed (DECISIONS.md, 2026-12-06, search text).
    static let messageLevel: Int32 = -3

    /// Compression contexts, kept: making one for each value costs more than compressing a
    /// short message (`ZSTD_compress` does), and the search index packs every message. One for
    /// conversations (packed on the writing thread) and one for message texts (packed where
    /// conversations are decoded), so the two threads of an import never wait for each other.
    private static let conversationContext = Mutex(ZstdContext())
    private static let messageContext = Mutex(ZstdContext())

    /// What is packed: a conversation's JSON, or a message's text.
    enum Kind {
        case conversation, message
    }

    /// The value to store for `json`, compressed with the context kept for `kind`.
    static func encode(_ json: Data, kind: Kind = .conversation) -> Data {
        guard json.count >= 64 else { return json }
        let bound = ZSTD_compressBound(json.count)
        var out = Data(count: 1 + bound)
        let written: Int
        switch kind {
        case .conversation:
            written = conversationContext.withLock { compress(json, into: &out, bound: bound, level: level, $0) }
        case .message:
            written = messageContext.withLock { compress(json, into: &out, bound: bound, level: messageLevel, $0) }
        }
        guard ZSTD_isError(written) == 0, 1 + written < json.count else { return json }
        out.count = 1 + written
        return out
    }

    /// Compresses `json` into `out` after the marker; returns the frame's size or an error code.
    private static func compress(
        _ json: Data, into out: inout Data, bound: Int, level: Int32, _ context: ZstdContext
    ) -> Int {
        out.withUnsafeMutableBytes { target -> Int in
            json.withUnsafeBytes { source in
                target[0] = marker
                return ZSTD_compressCCtx(
                    context.pointer, target.baseAddress! + 1, bound, source.baseAddress!, json.count, level)
            }
        }
    }

    /// The JSON a stored value holds.
    static func decode(_ stored: Data) throws -> Data {
        guard stored.first == marker else { return stored }
        return try stored.withUnsafeBytes { source -> Data in
            let frame = source.baseAddress! + 1
            let size = ZSTD_getFrameContentSize(frame, source.count - 1)
            guard size != ZSTD_CONTENTSIZE_ERROR, size != ZSTD_CONTENTSIZE_UNKNOWN, size > 0, size <= UInt64(Int32.max)
            else { throw StoredJSONError() }
            var json = Data(count: Int(size))
            let produced = json.withUnsafeMutableBytes { target in
                ZSTD_decompress(target.baseAddress!, Int(size), frame, source.count - 1)
            }
            guard ZSTD_isError(produced) == 0, produced == Int(size) else { throw StoredJSONError() }
            return json
        }
    }
}

/// A stored conversation's compressed JSON is damaged.
struct StoredJSONError: Error, CustomStringConvertible {
    var description: String { "the stored copy of this conversation is damaged (it cannot be decompressed)" }
}

/// A Zstandard compression context, freed with its owner.
final class ZstdContext: @unchecked Sendable {
    /// The context (used under the owner's lock only).
    let pointer: OpaquePointer

    init() { pointer = ZSTD_createCCtx() }

    deinit { ZSTD_freeCCtx(pointer) }
}
