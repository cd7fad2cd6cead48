import ChatModel
import Foundation

/// Serialises `JSONValue`s the way the real service's Python backend does: `", "` and
/// `": "` separators, non-ASCII escaped as `\uXXXX`, and object keys in a stable order
/// that puts the protocol's leading keys first (`p`, `o`, `v`, `c`, `message`, `id`, ...)
/// and the rest alphabetically, so streams read like the captures in `fixtures/`.
public enum WireJSON {
    /// Keys that come first, in this order, in any object that holds them.
    static let leadingKeys: [String] = [
        "p", "o", "v", "c", "type", "message", "input_message", "id", "author", "role", "name", "create_time",
        "update_time", "content", "content_type", "parts", "status", "end_turn", "weight", "metadata", "recipient",
        "channel", "title", "mapping", "parent", "children", "current_node", "conversation_id", "error",
    ]
    static let rank: [String: Int] = Dictionary(
        uniqueKeysWithValues: leadingKeys.enumerated().map { ($0.element, $0.offset) })

    /// The JSON text of `value`.
    public static func string(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    /// The UTF-8 bytes of `value`'s JSON text.
    public static func data(_ value: JSONValue) -> Data {
        Data(string(value).utf8)
    }

    static func orderedKeys(_ object: [String: JSONValue]) -> [String] {
        object.keys.sorted { a, b in
            let ra = rank[a] ?? Int.max
            let rb = rank[b] ?? Int.max
            return ra != rb ? ra < rb : a < b
        }
    }

    static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += number(n)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                write(item, into: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (i, key) in orderedKeys(object).enumerated() {
                if i > 0 { out += ", " }
                writeString(key, into: &out)
                out += ": "
                write(object[key] ?? .null, into: &out)
            }
            out += "}"
        }
    }

    /// Integral values print without a fraction; others in the shortest exact form.
    static func number(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for unit in s.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        out += "\""
    }
}
