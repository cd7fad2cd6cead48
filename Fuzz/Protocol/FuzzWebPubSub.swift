// libFuzzer entry: each input line is a Web PubSub text frame; the receiver's SSE bytes go
// through the parser and the stream decoder. Nothing may trap.

enum FuzzWebPubSub {
    static func run(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        var receiver = WebPubSubReceiver(responseID: "r-1", ackEvery: 3)
        var parser = SSEParser()
        var decoder = ChatGPTStreamDecoder()
        for line in bytes.split(separator: 0x0A) {
            let out = receiver.receive(String(decoding: line, as: UTF8.self))
            for event in parser.feed(out.sseBytes) {
                _ = decoder.decode(event)
            }
        }
        for event in parser.finish() {
            _ = decoder.decode(event)
        }
        _ = decoder.completion
        _ = receiver.currentAck
    }
}
