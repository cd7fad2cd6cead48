import ChatModel
import Foundation

/// A byte-level JSON parser straight into `JSONValue`, for the import hot path.
///
/// Measured on the 95 MB synthetic export (release, 2 cores): this parser 2.3 s,
/// `JSONSerialization` alone 3.7 s (before any conversion to `JSONValue`), `JSONDecoder`
/// into `JSONValue` 13 s (it probes each value with failing `try?` decodes). It reads each
/// byte once. It is strict about syntax
/// (RFC 8259), lenient about invalid UTF-8 inside strings (replaced with U+FFFD), and
/// independent of the C locale (chatterm calls `setlocale`).
public enum FastJSON {
    /// The deepest nesting accepted, so hostile input cannot exhaust the stack.
    static let maxDepth = 512

    /// Parses one JSON value (surrounded by optional whitespace).
    public static func parse(_ data: Data) throws -> JSONValue {
        try data.withUnsafeBytes { raw in
            var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
            return try parser.parseDocument()
        }
    }

    /// Parses one conversation object with ``parse(_:)`` and `ConversationJSON.decode`.
    public static func decodeConversation(_ data: Data, fallbackID: String? = nil) throws -> Conversation {
        try ConversationJSON.decode(parse(data), fallbackID: fallbackID)
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var depth = 0
        var scratch: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func parseDocument() throws -> JSONValue {
            skipWhitespace()
            let value = try parseValue()
            skipWhitespace()
            if i != bytes.count { throw fail("unexpected data after the value") }
            return value
        }

        func fail(_ why: String) -> ConversationDecodingError {
            .malformedJSON("\(why) at byte \(i)")
        }

        mutating func skipWhitespace() {
            while i < bytes.count {
                let b = bytes[i]
                guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
                i += 1
            }
        }

        mutating func parseValue() throws -> JSONValue {
            guard i < bytes.count else { throw fail("unexpected end of input") }
            switch bytes[i] {
            case 0x7B: return try parseObject()
            case 0x5B: return try parseArray()
            case 0x22: return .string(try parseString())
            case 0x74: try literal("true"); return .bool(true)
            case 0x66: try literal("false"); return .bool(false)
            case 0x6E: try literal("null"); return .null
            default: return .number(try parseNumber())
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { throw fail("unexpected end of input") }
            let p = word.utf8Start
            for k in 0..<n where bytes[i + k] != p[k] {
                throw fail("invalid literal")
            }
            i += n
        }

        mutating func parseObject() throws -> JSONValue {
            depth += 1
            if depth > FastJSON.maxDepth { throw fail("nesting too deep") }
            defer { depth -= 1 }
            i += 1
            var object: [String: JSONValue] = [:]
            skipWhitespace()
            if i < bytes.count, bytes[i] == 0x7D {
                i += 1
                return .object(object)
            }
            while true {
                skipWhitespace()
                guard i < bytes.count, bytes[i] == 0x22 else { throw fail("expected a member name") }
                let key = try parseString()
                skipWhitespace()
                guard i < bytes.count, bytes[i] == 0x3A else { throw fail("expected ':'") }
                i += 1
                skipWhitespace()
                object[key] = try parseValue()
                skipWhitespace()
                guard i < bytes.count else { throw fail("unexpected end of input") }
                if bytes[i] == 0x2C {
                    i += 1
                } else if bytes[i] == 0x7D {
                    i += 1
                    return .object(object)
                } else {
                    throw fail("expected ',' or '}'")
                }
            }
        }

        mutating func parseArray() throws -> JSONValue {
            depth += 1
            if depth > FastJSON.maxDepth { throw fail("nesting too deep") }
            defer { depth -= 1 }
            i += 1
            var array: [JSONValue] = []
            skipWhitespace()
            if i < bytes.count, bytes[i] == 0x5D {
                i += 1
                return .array(array)
            }
            while true {
                skipWhitespace()
                array.append(try parseValue())
                skipWhitespace()
                guard i < bytes.count else { throw fail("unexpected end of input") }
                if bytes[i] == 0x2C {
                    i += 1
                } else if bytes[i] == 0x5D {
                    i += 1
                    return .array(array)
                } else {
                    throw fail("expected ',' or ']'")
                }
            }
        }

        /// Reads a string starting at its opening quote.
        mutating func parseString() throws -> String {
            i += 1
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x22 {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    i += 1
                    return s
                }
                if b == 0x5C { return try parseEscapedString(from: start) }
                if b < 0x20 { throw fail("control character in a string") }
                i += 1
            }
            throw fail("unterminated string")
        }

        /// Finishes a string holding escapes, from its first byte.
        mutating func parseEscapedString(from start: Int) throws -> String {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            while i < bytes.count {
                // Copy the run up to the next quote or backslash in one go.
                let runStart = i
                while i < bytes.count, bytes[i] != 0x22, bytes[i] != 0x5C, bytes[i] >= 0x20 { i += 1 }
                if i > runStart { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                guard i < bytes.count else { break }
                let b = bytes[i]
                if b == 0x22 {
                    i += 1
                    return String(decoding: scratch, as: UTF8.self)
                }
                if b < 0x20 { throw fail("control character in a string") }
                guard i + 1 < bytes.count else { break }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case 0x22, 0x5C, 0x2F: scratch.append(e)
                case 0x62: scratch.append(0x08)
                case 0x66: scratch.append(0x0C)
                case 0x6E: scratch.append(0x0A)
                case 0x72: scratch.append(0x0D)
                case 0x74: scratch.append(0x09)
                case 0x75: try appendUnicodeEscape()
                default: throw fail("invalid escape")
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail("truncated \\u escape") }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = bytes[i + k]
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x41 + 10
                case 0x61...0x66: d = c - 0x61 + 10
                default: throw fail("invalid \\u escape")
                }
                v = v << 4 | UInt32(d)
            }
            i += 4
            return v
        }

        mutating func appendUnicodeEscape() throws {
            var code = try hex4()
            if code >= 0xD800, code < 0xDC00 {
                // A high surrogate: pair it with a following \uDC00-\uDFFF, else replace it.
                if i + 6 <= bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                    let save = i
                    i += 2
                    let low = try hex4()
                    if low >= 0xDC00, low < 0xE000 {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        i = save
                        code = 0xFFFD
                    }
                } else {
                    code = 0xFFFD
                }
            } else if code >= 0xDC00, code < 0xE000 {
                code = 0xFFFD
            }
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            scratch.append(contentsOf: UTF8.encode(scalar)!)
        }

        mutating func parseNumber() throws -> Double {
            let start = i
            var negative = false
            if i < bytes.count, bytes[i] == 0x2D {
                negative = true
                i += 1
            }
            var mantissa: UInt64 = 0
            var digits = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                if digits < 18 { mantissa = mantissa * 10 + UInt64(bytes[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { throw fail("invalid value") }
            var simple = digits <= 18 && !(digits > 1 && bytes[start + (negative ? 1 : 0)] == 0x30)
            if i < bytes.count, bytes[i] == 0x2E {
                simple = false
                i += 1
                let fractionStart = i
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
                if i == fractionStart { throw fail("invalid number") }
            }
            if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
                simple = false
                i += 1
                if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
                let exponentStart = i
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
                if i == exponentStart { throw fail("invalid number") }
            }
            if simple {
                let value = Double(mantissa)
                return negative ? -value : value
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            guard let value = Double(text) else { throw fail("invalid number") }
            return value
        }
    }
}
