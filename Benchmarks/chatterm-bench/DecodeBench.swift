import ChatProtocol
import Foundation

// chatterm-bench decode [--events N]: how fast each service's stream is read, from bytes in
// 4 KB reads through the SSE parser and the service's decoder to stream events. Dify
// `message` events, Coze v3 `conversation.message.delta` and legacy `event:message` frames,
// and OpenAI-compatible chunks, each carrying a few words of mixed ASCII/CJK text.

/// One service's synthetic stream and how to decode it; returns the events produced.
struct DecodeCase {
    var name: String
    var bytes: [UInt8]
    var decode: ([UInt8]) -> Int
}

func decodeCases(events: Int) -> [DecodeCase] {
    let piece = "word 词 "
    func json(_ s: String) -> String { String(decoding: (try? JSONEncoder().encode(s)) ?? Data(), as: UTF8.self) }
    var dify = ""
    var coze = ""
    var legacy = ""
    var openai = ""
    for i in 0..<events {
        let text = json(piece + String(i))
        dify +=
            #"data: {"event": "message", "conversation_id": "c1", "message_id": "m1", "task_id": "t1", "created_at": 1, "answer": \#(text)}"#
            + "\n\n"
        coze +=
            "event:conversation.message.delta\n"
            + #"data:{"id":"m1","conversation_id":"c1","role":"assistant","type":"answer","content":\#(text),"content_type":"text","chat_id":"ch"}"#
            + "\n\n"
        legacy +=
            "event:message\n"
            + #"data:{"message":{"role":"assistant","type":"answer","content":\#(text),"content_type":"text"},"is_finish":false,"index":0,"conversation_id":"c1","seq_id":\#(i)}"#
            + "\n\n"
        openai +=
            #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":\#(text)},"finish_reason":null}]}"#
            + "\n\n"
    }
    dify += #"data: {"event": "message_end", "conversation_id": "c1", "message_id": "m1", "metadata": {}}"# + "\n\n"
    coze += "event:done\ndata:\"[DONE]\"\n\n"
    openai += "data: [DONE]\n\n"
    func chunks(_ bytes: [UInt8], _ each: ([SSEEvent]) -> Int) -> Int {
        var parser = SSEParser()
        var count = 0
        var start = 0
        while start < bytes.count {
            let end = min(start + 4096, bytes.count)
            count += each(parser.feed(bytes[start..<end]))
            start = end
        }
        return count + each(parser.finish())
    }
    return [
        DecodeCase(name: "Dify message", bytes: Array(dify.utf8)) { bytes in
            var decoder = DifyStreamDecoder(parentID: nil)
            return chunks(bytes) { $0.reduce(0) { $0 + decoder.decode($1).count } }
        },
        DecodeCase(name: "Coze v3 delta", bytes: Array(coze.utf8)) { bytes in
            var decoder = CozeStreamDecoder()
            return chunks(bytes) { $0.reduce(0) { $0 + decoder.decode($1).count } }
        },
        DecodeCase(name: "Coze event:message", bytes: Array(legacy.utf8)) { bytes in
            var decoder = CozeStreamDecoder()
            return chunks(bytes) { $0.reduce(0) { $0 + decoder.decode($1).count } }
        },
        DecodeCase(name: "OpenAI chunk", bytes: Array(openai.utf8)) { bytes in
            var decoder = OpenAIStreamDecoder()
            return chunks(bytes) { $0.reduce(0) { $0 + (decoder.decode($1) == nil ? 0 : 1) } }
        },
    ]
}

func runDecodeBench(_ args: [String]) {
    var events = 20_000
    if let i = args.firstIndex(of: "--events"), i + 1 < args.count, let n = Int(args[i + 1]), n > 0 { events = n }
    print("decode: \(events) events a stream, read 4 KB at a time (best of 3)")
    for item in decodeCases(events: events) {
        var best = Double.infinity
        var produced = 0
        for _ in 0..<3 {
            let (count, seconds) = time { item.decode(item.bytes) }
            produced = count
            best = min(best, seconds)
        }
        let megabytes = Double(item.bytes.count) / 1e6
        let name = item.name.padding(toLength: 20, withPad: " ", startingAt: 0)
        print(
            "  " + name
                + String(
                    format: "%6.1f MB  %7.1f ms  %6.1f MB/s  %5.2f µs/event  (%d items out)", megabytes, best * 1000,
                    megabytes / best, best * 1e6 / Double(events), produced))
    }
}
