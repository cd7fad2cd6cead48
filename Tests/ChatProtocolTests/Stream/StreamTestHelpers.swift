import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation

enum StreamTestHelpers {
    /// The bytes cut into random chunks of 1...maxChunk bytes.
    static func randomChunks(_ bytes: [UInt8], seed: UInt64, maxChunk: Int = 64) -> [[UInt8]] {
        var rng = SplitMix64(state: seed)
        var chunks: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            let n = Int.random(in: 1...maxChunk, using: &rng)
            chunks.append(Array(bytes[i..<min(i + n, bytes.count)]))
            i += n
        }
        return chunks
    }

    /// Decodes SSE text (whole) and returns the events with the decoder.
    static func decode(_ text: String) -> (events: [StreamEvent], decoder: ChatGPTStreamDecoder) {
        var parser = SSEParser()
        var decoder = ChatGPTStreamDecoder()
        var events: [StreamEvent] = []
        for sse in parser.feed(Array(text.utf8)) + parser.finish() {
            events += decoder.decode(sse)
        }
        return (events, decoder)
    }

    /// The transcript the events build.
    static func transcript(_ events: [StreamEvent]) -> StreamTranscript {
        var transcript = StreamTranscript()
        for event in events {
            transcript.apply(event)
        }
        return transcript
    }

    /// A legacy/cumulative message frame as the 2023-12 backend sent it.
    static func frame(
        id: String, role: String = "assistant", text: String, status: String? = "in_progress", endTurn: Bool? = nil,
        contentType: String = "text", recipient: String = "all", metadata: String = "{}"
    ) -> String {
        let content =
            contentType == "text" || contentType == "multimodal_text"
            ? "{\"content_type\":\"\(contentType)\",\"parts\":[\(json(text))]}"
            : "{\"content_type\":\"\(contentType)\",\"language\":\"unknown\",\"text\":\(json(text))}"
        let statusField = status.map { ",\"status\":\"\($0)\"" } ?? ""
        let endTurnField = endTurn.map { ",\"end_turn\":\($0)" } ?? ",\"end_turn\":null"
        return "data: {\"message\":{\"id\":\"\(id)\",\"author\":{\"role\":\"\(role)\",\"name\":null,\"metadata\":{}},"
            + "\"content\":\(content)\(statusField)\(endTurnField),\"weight\":1.0,\"metadata\":\(metadata),"
            + "\"recipient\":\"\(recipient)\"},\"conversation_id\":\"conv-1\",\"error\":null}\n\n"
    }

    /// A JSON string literal.
    static func json(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(JSONValue.string(s))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The dev-master-ext `chatResults` frames as an SSE body: one `data:` line per element (each
    /// re-serialized on one line), optionally ended by `data: [DONE]` (the capture has no `[DONE]`).
    static func devMasterSSE(withDone: Bool) throws -> [UInt8]? {
        guard
            let data = Fixtures.data("chatgpt_conversations_list_detail_and_legacy_stream_2023-12_dev-master-ext.js"),
            let source = String(data: data, encoding: .utf8),
            let array = Fixtures.jsLiteral(named: "chatResults", in: source)
        else { return nil }
        guard let frames = try FastJSON.parse(array).arrayValue else { return nil }
        var text = ""
        let encoder = JSONEncoder()
        for frame in frames {
            text += "data: " + String(decoding: try encoder.encode(frame), as: UTF8.self) + "\n\n"
        }
        if withDone { text += "data: [DONE]\n\n" }
        return Array(text.utf8)
    }
}
