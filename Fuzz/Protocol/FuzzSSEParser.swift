// libFuzzer entry: SSEParser never traps, and the events do not depend on how the bytes are chunked.

enum FuzzSSEParser {
    static func run(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        var whole = SSEParser()
        let expected = whole.feed(bytes) + whole.finish()
        let chunkSize = Int(bytes.first ?? 1) % 17 + 1
        var chunked = SSEParser()
        var events: [SSEEvent] = []
        var i = 0
        while i < bytes.count {
            events += chunked.feed(bytes[i..<min(i + chunkSize, bytes.count)])
            i += chunkSize
        }
        events += chunked.finish()
        if events != expected || chunked.lastEventID != whole.lastEventID || chunked.retry != whole.retry {
            fatalError("chunking changed the events")
        }
        let raw = bytes.withUnsafeBytes { buffer -> [SSEEvent] in
            var parser = SSEParser()
            return parser.feed(buffer) + parser.finish()
        }
        if raw != expected { fatalError("raw-buffer feed differs") }
    }
}
