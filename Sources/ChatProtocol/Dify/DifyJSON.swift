import ChatModel
import Foundation

/// Lenient JSON reading for Dify payloads (PROTOCOL.md §8 item 15): Dify's own doc samples
/// carry a trailing comma before `}` and run `data:` lines together without the blank line
/// that ends an SSE event, so several objects can arrive in one `data` field.
public enum DifyJSON {
    /// Parses one JSON value; when strict parsing fails, parses it again with trailing commas
    /// (a `,` before `}` or `]`, outside strings) removed. Throws the strict parser's error
    /// when neither reading works.
    public static func parse(_ data: Data) throws -> JSONValue {
        do {
            return try FastJSON.parse(data)
        } catch {
            let repaired = withoutTrailingCommas(Array(data))
            guard repaired.count != data.count, let value = try? FastJSON.parse(Data(repaired)) else { throw error }
            return value
        }
    }

    /// Every top-level object or array in `text`, in order, each read with ``parse(_:)``.
    /// Text between values (newlines, stray commas, garbage) is skipped; `skipped` counts the
    /// values that could not be read and the runs of garbage.
    public static func values(in text: String) -> (values: [JSONValue], skipped: Int) {
        let bytes = Array(text.utf8)
        var values: [JSONValue] = []
        var skipped = 0
        var garbage = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") else {
                if !isSeparator(byte) { garbage = true }
                i += 1
                continue
            }
            if garbage {
                skipped += 1
                garbage = false
            }
            guard let end = matchingEnd(bytes, from: i) else {
                skipped += 1
                return (values, skipped)
            }
            if let value = try? parse(Data(bytes[i...end])) {
                values.append(value)
            } else {
                skipped += 1
            }
            i = end + 1
        }
        if garbage { skipped += 1 }
        return (values, skipped)
    }

    /// Whether a byte may sit between two values without being garbage.
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == UInt8(ascii: ",")
    }

    /// The index of the bracket closing the object or array that opens at `start`, or nil when
    /// the input ends first. Strings and escapes are respected.
    static func matchingEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var strings = StringTracker()
        for i in start..<bytes.count {
            let byte = bytes[i]
            if strings.take(byte) { continue }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
        }
        return nil
    }

    /// The bytes with every comma that is followed (after whitespace) by `}` or `]` removed,
    /// strings left alone.
    static func withoutTrailingCommas(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var strings = StringTracker()
        var pendingComma: Int?
        for byte in bytes {
            if strings.take(byte) {
                pendingComma = nil
                out.append(byte)
                continue
            }
            switch byte {
            case 0x20, 0x0A, 0x0D, 0x09:
                out.append(byte)
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let comma = pendingComma { out.remove(at: comma) }
            default:
                break
            }
            pendingComma = byte == UInt8(ascii: ",") ? out.count : nil
            out.append(byte)
        }
        return out
    }

    /// Follows JSON text byte by byte and tells which bytes belong to a string.
    struct StringTracker {
        private var inString = false
        private var escaped = false

        /// Takes the next byte; true when it is part of a string, its quotes included.
        mutating func take(_ byte: UInt8) -> Bool {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                return true
            }
            if byte == UInt8(ascii: "\"") {
                inString = true
                return true
            }
            return false
        }
    }
}
