import Foundation

/// Finds a conversation's id in bytes that failed to decode, for the skip report.
///
/// Reads the top-level members of the object without a full parse (tracking strings and
/// depth), returning the value of `id`, else of `conversation_id`. Node ids nested in
/// `mapping` are never mistaken for it.
enum ConversationIDSniffer {
    /// The top-level `id` (or `conversation_id`) string of a JSON object, if one can be read.
    static func id(in data: Data) -> String? {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var depth = 0
            var i = 0
            var found: [String: String] = [:]
            // The last string read at depth 1 and whether a ':' followed it (a member name).
            var lastKey: String? = nil
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x22 {
                    guard let (s, end) = readString(bytes, from: i) else { break }
                    i = end
                    if depth == 1 {
                        var j = i
                        while j < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[j]) { j += 1 }
                        if j < bytes.count, bytes[j] == 0x3A {
                            lastKey = s
                            i = j + 1
                            continue
                        } else if let key = lastKey {
                            if key == "id" || key == "conversation_id", found[key] == nil { found[key] = s }
                            lastKey = nil
                        }
                    }
                    continue
                }
                if b == 0x7B || b == 0x5B {
                    depth += 1
                } else if b == 0x7D || b == 0x5D {
                    depth -= 1
                }
                if depth == 1, b != 0x20, b != 0x0A, b != 0x0D, b != 0x09, b != 0x7B {
                    lastKey = nil
                }
                i += 1
            }
            return found["id"] ?? found["conversation_id"]
        }
    }

    /// A string starting at the quote at `start`, escapes kept raw except `\"` and `\\`;
    /// and the index after its closing quote.
    private static func readString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int)? {
        var out: [UInt8] = []
        var i = start + 1
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 { return (String(decoding: out, as: UTF8.self), i + 1) }
            if b == 0x5C, i + 1 < bytes.count {
                let e = bytes[i + 1]
                out.append(e == 0x22 || e == 0x5C ? e : b)
                if e != 0x22, e != 0x5C { out.append(e) }
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
        return nil
    }
}
