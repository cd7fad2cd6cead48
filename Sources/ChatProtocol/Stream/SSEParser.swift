/// One server-sent event: the `event:` name, the joined `data:` lines and the `id:` field.
public struct SSEEvent: Sendable, Hashable {
    /// The `event:` field, or nil when the block had none (the SSE default type "message").
    public var event: String?
    /// The `data:` lines of the block joined with `\n` (one leading space after each colon removed).
    public var data: String
    /// The `id:` field given in this block, or nil when the block had none
    /// (the persistent last event id is ``SSEParser/lastEventID``).
    public var id: String?

    /// Creates an event.
    public init(event: String? = nil, data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }
}

/// An incremental `text/event-stream` parser working on bytes, so a UTF-8 character, a line or
/// a CR/LF pair split across network chunks is put back together before it is decoded.
///
/// Follows the WHATWG event-stream rules: lines end with CR, LF or CRLF; a line starting with
/// `:` is a comment; `field:value` drops one space after the colon (`data:{…}` without the space
/// works too); a line without a colon is a field with an empty value; a blank line dispatches
/// the block when it had at least one `data` line; a byte-order mark at the very start is
/// skipped; unknown fields are ignored. UTF-8 is decoded only on whole lines (invalid bytes
/// become U+FFFD). No I/O: feed it whatever chunks arrive.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var afterCR = false
    private var atStart = true
    private var dataLines: [String] = []
    private var hasData = false
    private var eventName: String?
    private var blockID: String?

    /// The last `id:` seen in the stream (it persists across events, as in `EventSource`).
    public private(set) var lastEventID: String?
    /// The last valid `retry:` value in milliseconds, if the server sent one.
    public private(set) var retry: Int?

    /// Creates a parser at the start of a stream.
    public init() {}

    /// Consumes a chunk and returns the events it completed, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [SSEEvent] {
        var out: [SSEEvent] = []
        let contiguous: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            consume(buffer, into: &out)
        }
        if contiguous == nil {
            for byte in bytes {
                consume(byte, into: &out)
            }
        }
        return out
    }

    /// Consumes a chunk held in raw memory (e.g. a `ByteBuffer` view) and returns the events it completed.
    public mutating func feed(_ buffer: UnsafeRawBufferPointer) -> [SSEEvent] {
        var out: [SSEEvent] = []
        consume(buffer.assumingMemoryBound(to: UInt8.self), into: &out)
        return out
    }

    /// Ends the stream: a last line without its line break is processed, and a last block that
    /// has data but no closing blank line is dispatched (servers often omit the final blank line).
    public mutating func finish() -> [SSEEvent] {
        var out: [SSEEvent] = []
        if !line.isEmpty {
            processLine()
        }
        afterCR = false
        dispatch(into: &out)
        return out
    }

    /// The fast path: copies each line's bytes in one go.
    private mutating func consume(_ buffer: UnsafeBufferPointer<UInt8>, into out: inout [SSEEvent]) {
        var i = 0
        let n = buffer.count
        while i < n {
            if afterCR, buffer[i] == 0x0A {
                afterCR = false
                i += 1
                continue
            }
            afterCR = false
            var j = i
            while j < n, buffer[j] != 0x0A, buffer[j] != 0x0D {
                j += 1
            }
            if j > i {
                line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<j]))
            }
            if j == n { return }
            afterCR = buffer[j] == 0x0D
            endLine(into: &out)
            i = j + 1
        }
    }

    private mutating func consume(_ byte: UInt8, into out: inout [SSEEvent]) {
        switch byte {
        case 0x0A:
            if afterCR {
                afterCR = false
                return
            }
            endLine(into: &out)
        case 0x0D:
            afterCR = true
            endLine(into: &out)
        default:
            afterCR = false
            line.append(byte)
        }
    }

    private mutating func endLine(into out: inout [SSEEvent]) {
        if line.isEmpty {
            atStart = false
            dispatch(into: &out)
            return
        }
        processLine()
    }

    private mutating func processLine() {
        defer { line.removeAll(keepingCapacity: true) }
        var start = 0
        if atStart {
            atStart = false
            if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
                start = 3
            }
        }
        guard start < line.count else { return }
        if line[start] == 0x3A { return }  // ':' comment
        var colon = start
        while colon < line.count, line[colon] != 0x3A {
            colon += 1
        }
        var valueStart = colon < line.count ? colon + 1 : line.count
        if valueStart < line.count, line[valueStart] == 0x20 {
            valueStart += 1
        }
        let name = line[start..<colon]
        let value = line[valueStart..<line.count]
        switch Field(name) {
        case .data:
            dataLines.append(String(decoding: value, as: UTF8.self))
            hasData = true
        case .event:
            eventName = String(decoding: value, as: UTF8.self)
        case .id:
            if !value.contains(0) {
                let id = String(decoding: value, as: UTF8.self)
                blockID = id
                lastEventID = id
            }
        case .retry:
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), value.count <= 9 {
                retry = Int(String(decoding: value, as: UTF8.self))
            }
        case .other:
            break
        }
    }

    private mutating func dispatch(into out: inout [SSEEvent]) {
        if hasData {
            let name = eventName.flatMap { $0.isEmpty ? nil : $0 }
            out.append(SSEEvent(event: name, data: dataLines.joined(separator: "\n"), id: blockID))
        }
        dataLines.removeAll(keepingCapacity: true)
        hasData = false
        eventName = nil
        blockID = nil
    }

    private enum Field {
        case data, event, id, retry, other

        init(_ name: ArraySlice<UInt8>) {
            if name.elementsEqual("data".utf8) {
                self = .data
            } else if name.elementsEqual("event".utf8) {
                self = .event
            } else if name.elementsEqual("id".utf8) {
                self = .id
            } else if name.elementsEqual("retry".utf8) {
                self = .retry
            } else {
                self = .other
            }
        }
    }
}
