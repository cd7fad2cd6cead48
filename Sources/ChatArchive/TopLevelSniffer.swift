import ChatModel
import ChatProtocol
import Foundation

/// Reads a few top-level members of a JSON object without parsing the rest: the id of a
/// conversation that failed to decode (for the skip report), and the id and update time
/// that let a re-import skip conversations the archive already holds.
///
/// Tracks strings and depth byte by byte, so members nested in `mapping` (node ids) are
/// never mistaken for top-level ones.
enum TopLevelSniffer {
    /// The top-level `id` (else `conversation_id`) string, if one can be read.
    static func id(in data: Data) -> String? {
        let members = self.members(in: data, named: ["id", "conversation_id"])
        return members["id"]?.stringValue ?? members["conversation_id"]?.stringValue
    }

    /// The id and `update_time` of a conversation, read as `ConversationJSON` would.
    static func idAndUpdateTime(in data: Data) -> (id: String, updateTime: Double)? {
        let members = self.members(in: data, named: ["id", "conversation_id", "update_time"])
        guard let id = members["id"]?.stringValue ?? members["conversation_id"]?.stringValue,
            let time = ConversationJSON.time(members["update_time"])
        else { return nil }
        return (id, time)
    }

    /// The values of the named top-level members (the first of each), parsed.
    static func members(in data: Data, named names: Set<String>) -> [String: JSONValue] {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var found: [String: JSONValue] = [:]
            var depth = 0
            var i = 0
            // At depth 1 a string followed by ':' is a member name.
            var wanted: String? = nil
            var valueStart = 0
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x22 {
                    guard let end = stringEnd(bytes, from: i) else { break }
                    if depth == 1, wanted == nil {
                        var j = end
                        while j < bytes.count, isSpace(bytes[j]) { j += 1 }
                        if j < bytes.count, bytes[j] == 0x3A {
                            let name = String(
                                decoding: UnsafeBufferPointer(rebasing: bytes[i + 1..<end - 1]), as: UTF8.self)
                            if names.contains(name), found[name] == nil {
                                wanted = name
                                valueStart = j + 1
                            }
                            i = j + 1
                            continue
                        }
                    }
                    i = end
                    continue
                }
                if b == 0x7B || b == 0x5B {
                    depth += 1
                } else if b == 0x7D || b == 0x5D || (b == 0x2C && depth == 1) {
                    if depth == 1, let name = wanted {
                        // The wanted value ends here: parse just its bytes.
                        let slice = Data(UnsafeBufferPointer(rebasing: bytes[valueStart..<i]))
                        found[name] = try? FastJSON.parse(slice)
                        wanted = nil
                        if found.count == names.count { break }
                    }
                    if b != 0x2C { depth -= 1 }
                }
                i += 1
            }
            return found
        }
    }

    /// The index after the closing quote of the string opening at `start`.
    private static func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start + 1
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x5C {
                i += 2
                continue
            }
            if b == 0x22 { return i + 1 }
            i += 1
        }
        return nil
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
