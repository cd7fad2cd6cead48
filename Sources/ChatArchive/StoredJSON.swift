import CZlibBridge
import Foundation

/// How a conversation's JSON is kept in the `raw` column: deflated (zlib, its fastest level)
/// behind a marker, or as it came when deflating would not make it smaller. JSON text never
/// starts with the marker byte (0), so rows written before compression read as they are.
///
/// Layout of a deflated value: the marker, the JSON's length as 4 bytes little-endian, then
/// the zlib stream.
enum StoredJSON {
    static let marker: UInt8 = 0

    /// The value to store for `json`.
    static func encode(_ json: Data) -> Data {
        guard json.count >= 64, json.count <= Int(UInt32.max) else { return json }
        var bound = compressBound(uLong(json.count))
        var out = Data(count: 5 + Int(bound))
        let status = out.withUnsafeMutableBytes { target -> Int32 in
            json.withUnsafeBytes { source in
                let base = target.baseAddress!.assumingMemoryBound(to: Bytef.self)
                base[0] = marker
                var length = UInt32(json.count).littleEndian
                withUnsafeBytes(of: &length) {
                    UnsafeMutableRawPointer(base + 1).copyMemory(from: $0.baseAddress!, byteCount: 4)
                }
                return compress2(
                    base + 5, &bound, source.baseAddress!.assumingMemoryBound(to: Bytef.self), uLong(json.count), 1)
            }
        }
        guard status == Z_OK, 5 + Int(bound) < json.count else { return json }
        out.count = 5 + Int(bound)
        return out
    }

    /// The JSON a stored value holds.
    static func decode(_ stored: Data) throws -> Data {
        guard stored.first == marker else { return stored }
        guard stored.count >= 5 else { throw StoredJSONError() }
        let length = stored.withUnsafeBytes { bytes in
            UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 1, as: UInt32.self))
        }
        guard length > 0 else { throw StoredJSONError() }
        var json = Data(count: Int(length))
        var produced = uLongf(length)
        let status = json.withUnsafeMutableBytes { target in
            stored.withUnsafeBytes { source in
                uncompress(
                    target.baseAddress!.assumingMemoryBound(to: Bytef.self), &produced,
                    source.baseAddress!.assumingMemoryBound(to: Bytef.self) + 5, uLong(stored.count - 5))
            }
        }
        guard status == Z_OK, produced == uLongf(length) else { throw StoredJSONError() }
        return json
    }
}

/// A stored conversation's compressed JSON is damaged.
struct StoredJSONError: Error, CustomStringConvertible {
    var description: String { "the stored copy of this conversation is damaged (it cannot be decompressed)" }
}
