import Foundation

/// Why an export file could not be split into conversations.
public enum ExportFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input does not start with `[` (after whitespace); `found` describes what it starts with.
    case notAnArray(found: String)
    /// A byte that cannot appear where it was found, at a byte offset of the whole input.
    case unexpectedByte(UInt8, offset: Int64)
    /// The input ended inside the array (an element, a string, or before the closing `]`).
    case truncated(offset: Int64)
    /// Something other than whitespace follows the closing `]`.
    case trailingData(offset: Int64)
    /// The input holds no bytes (or only whitespace).
    case empty

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .notAnArray(let found): "not a JSON array: the input starts with \(found)"
        case .unexpectedByte(let byte, let offset):
            "unexpected \(Self.show(byte)) at byte \(offset) of the JSON array"
        case .truncated(let offset): "the JSON array is truncated: input ends at byte \(offset) before its closing ]"
        case .trailingData(let offset): "unexpected data after the JSON array, at byte \(offset)"
        case .empty: "the input is empty"
        }
    }

    static func show(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}

/// Splits a JSON array into its top-level elements incrementally, so a file of any size
/// streams through in chunks without being loaded whole.
///
/// The scanner tracks strings, escapes and nesting depth at the byte level; it does not
/// validate the elements (the decoder does). Feed chunks split anywhere, even inside a
/// UTF-8 sequence or an escape, then call ``finish()``.
///
/// ```swift
/// var scanner = JSONArrayScanner()
/// for chunk in chunks { for element in try scanner.feed(chunk) { handle(element) } }
/// try scanner.finish()
/// ```
public struct JSONArrayScanner: Sendable {
    private enum Phase: Sendable {
        /// Before the opening `[`.
        case start
        /// Inside the array, expecting an element or `]`.
        case expectValue(afterComma: Bool)
        /// Inside an element.
        case inElement
        /// After an element, expecting `,` or `]`.
        case expectComma
        /// After the closing `]`.
        case done

        var isInElement: Bool {
            if case .inElement = self { return true }
            return false
        }
    }

    private var phase = Phase.start
    /// Nesting depth inside the current element (0 for a scalar element).
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// Whether the current element is a bare scalar (number, literal), ended by a delimiter.
    private var scalar = false
    /// Bytes of the current element carried over from earlier chunks.
    private var pending: [UInt8] = []
    /// Bytes consumed before the current chunk.
    private var consumed: Int64 = 0
    /// Whether a UTF-8 byte order mark may still be skipped.
    private var atVeryStart = true
    private var bomSkipped = 0

    /// Creates a scanner positioned before the opening `[`.
    public init() {}

    /// Whether the closing `]` has been seen.
    public var isComplete: Bool {
        if case .done = phase { return true }
        return false
    }

    /// Whether the opening `[` has been seen.
    public var isStarted: Bool {
        if case .start = phase { return false }
        return true
    }

    /// Bytes fed so far.
    public var bytesConsumed: Int64 { consumed }

    /// Feeds the next chunk and returns the elements it completes, each as its exact bytes.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws -> [Data] {
        var out: [Data] = []
        try feed(bytes) { out.append($0) }
        return out
    }

    /// Feeds the next chunk.
    public mutating func feed(_ data: Data) throws -> [Data] {
        try data.withUnsafeBytes { try feed($0) }
    }

    /// Feeds the next chunk.
    public mutating func feed(_ bytes: [UInt8]) throws -> [Data] {
        try bytes.withUnsafeBytes { try feed($0) }
    }

    /// Feeds the next chunk, handing each completed element to `element` as soon as it ends.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, element: (Data) throws -> Void) throws {
        let buffer = bytes.bindMemory(to: UInt8.self)
        let count = buffer.count
        var i = 0
        var elementStart: Int? = (phase.isInElement) ? 0 : nil
        defer { consumed += Int64(count) }
        while i < count {
            let byte = buffer[i]
            switch phase {
            case .inElement:
                // The hot loop: stay here until the element ends or the chunk runs out.
                var j = i
                var ended = false
                if scalar {
                    while j < count {
                        let b = buffer[j]
                        if b == 0x2C || b == 0x5D || Self.isWhitespace(b) {
                            ended = true
                            break
                        }
                        j += 1
                    }
                } else {
                    while j < count {
                        let b = buffer[j]
                        j += 1
                        if inString {
                            if escaped {
                                escaped = false
                            } else if b == 0x5C {
                                escaped = true
                            } else if b == 0x22 {
                                inString = false
                                if depth == 0 {
                                    ended = true
                                    break
                                }
                            }
                        } else if b == 0x22 {
                            inString = true
                        } else if b == 0x7B || b == 0x5B {
                            depth += 1
                        } else if b == 0x7D || b == 0x5D {
                            depth -= 1
                            if depth == 0 {
                                ended = true
                                break
                            }
                        }
                    }
                }
                if ended {
                    let start = elementStart ?? 0
                    let piece = UnsafeBufferPointer(rebasing: buffer[start..<j])
                    let data: Data
                    if pending.isEmpty {
                        data = Data(buffer: piece)
                    } else {
                        pending.append(contentsOf: piece)
                        data = Data(pending)
                        pending.removeAll(keepingCapacity: false)
                    }
                    try element(data)
                    elementStart = nil
                    phase = .expectComma
                    i = j
                } else {
                    i = count
                }
            case .start:
                if atVeryStart, bomSkipped < 3, byte == [0xEF, 0xBB, 0xBF][bomSkipped] {
                    bomSkipped += 1
                    i += 1
                    continue
                }
                atVeryStart = false
                if Self.isWhitespace(byte) {
                    i += 1
                } else if byte == 0x5B {
                    phase = .expectValue(afterComma: false)
                    i += 1
                } else {
                    throw ExportFormatError.notAnArray(found: Self.describeStart(byte))
                }
            case .expectValue(let afterComma):
                if Self.isWhitespace(byte) {
                    i += 1
                } else if byte == 0x5D, !afterComma {
                    phase = .done
                    i += 1
                } else if byte == 0x5D || byte == 0x2C || byte == 0x7D || byte == 0x3A {
                    throw ExportFormatError.unexpectedByte(byte, offset: consumed + Int64(i))
                } else {
                    elementStart = i
                    phase = .inElement
                    depth = 0
                    inString = false
                    escaped = false
                    scalar = false
                    if byte == 0x7B || byte == 0x5B {
                        depth = 1
                        i += 1
                    } else if byte == 0x22 {
                        inString = true
                        i += 1
                    } else {
                        scalar = true
                    }
                }
            case .expectComma:
                if Self.isWhitespace(byte) {
                    i += 1
                } else if byte == 0x2C {
                    phase = .expectValue(afterComma: true)
                    i += 1
                } else if byte == 0x5D {
                    phase = .done
                    i += 1
                } else {
                    throw ExportFormatError.unexpectedByte(byte, offset: consumed + Int64(i))
                }
            case .done:
                guard Self.isWhitespace(byte) else {
                    throw ExportFormatError.trailingData(offset: consumed + Int64(i))
                }
                i += 1
            }
        }
        if phase.isInElement, let start = elementStart {
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<count]))
        }
    }

    /// Declares the end of input; throws when the array is incomplete or absent.
    public mutating func finish() throws {
        switch phase {
        case .done: return
        case .start: throw ExportFormatError.empty
        default: throw ExportFormatError.truncated(offset: consumed)
        }
    }

    private static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    private static func describeStart(_ byte: UInt8) -> String {
        switch byte {
        case 0x7B: "'{' (an object)"
        case 0x22: "'\"' (a string)"
        default: ExportFormatError.show(byte)
        }
    }
}
