import ChatModel
import ChatProtocol
import ChatServer
import Foundation
import Hummingbird

/// A fake OpenAI-compatible `/v1/chat/completions` on a real socket, whose behaviour is picked
/// by the request's `model`:
///
/// - `good`: streams ``answerPieces(messageCount:)`` as chat chunks, the bytes written in
///   awkward pieces (1 to 11 bytes, splitting lines, CRLFs and UTF-8 characters).
/// - `denied`: 401 with an OpenAI error body. `broken`: 500 with a FastAPI `detail` body.
/// - `midway`: two pieces, then an in-stream `{"error": …}`. `cutoff`: two pieces, then EOF.
/// - `hang`: one piece, then `:` comments until the client goes away (noted as `hang ended`).
/// - `usage`: a role chunk, two reasoning chunks (`reasoning_content`, then `reasoning`),
///   ``reportedAnswer`` in two content chunks, a finish chunk, and (only when the request asked
///   with `stream_options.include_usage`) a usage chunk with `choices: []`, then `[DONE]`.
/// - `timings`: the same text, then a llama.cpp-style finish chunk with `timings` and no `usage`.
/// - `plain`: the same text and nothing else.
/// - `length`: the same text, then a finish chunk with `finish_reason: "length"` (the answer
///   reached `max_tokens`, as the fixture `openai_compat_stream_llamacpp_v1_completions` ends).
/// - `filtered`: the same text, then a finish chunk with `finish_reason: "content_filter"`
///   (OpenAI's filter cut the answer).
/// - `numbered`: ``numberedAnswer(_:_:)`` word by word, then a usage chunk (prompt: 10 per
///   message, completion: one per word) when asked for one.
/// - any other model with `stream: false` (titles): a JSON completion with a chatty title.
public enum OpenAIPeer {
    /// The answer of `good` to a request with `messageCount` messages, as it is streamed.
    public static func answerPieces(messageCount: Int) -> [String] {
        ["You sent \(messageCount) ", "messages. ", "Forests are made of 树 ", "🌳 and ", "more trees."]
    }

    /// The answer of `usage`, `timings` and `plain`.
    public static let reportedAnswer = "Forests are trees. 🌳"
    /// The reasoning of `usage`.
    public static let reasoning = "The user asks about forests. Keep it short."

    /// The answer of `numbered` to call `number` with `messages`.
    public static func numberedAnswer(_ number: Int, _ messages: [[String: String]]) -> String {
        let question = messages.last { $0["role"] == "user" }?["content"] ?? ""
        return "Peer answer \(number) to \(question) after \(messages.count) messages."
    }

    /// A chat chunk with `delta` (JSON text), its finish reason and extra top-level fields.
    static func chunk(_ delta: String, finish: String? = nil, extra: String = "") -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return
            #"{"id":"chatcmpl-peer","object":"chat.completion.chunk","model":"fake","choices":[{"index":0,"delta":\#(delta),"finish_reason":\#(reason)}]\#(extra)}"#
    }

    /// A chunk whose delta is `content` (null when nil).
    static func content(_ content: String?, finish: String? = nil) -> String {
        chunk(#"{"content":\#(content.map { WireJSON.string(.string($0)) } ?? "null")}"#, finish: finish)
    }

    /// A chunk with no choices and the given usage.
    static func usage(prompt: Int, completion: Int) -> String {
        #"{"id":"chatcmpl-peer","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion),"total_tokens":\#(prompt + completion)}}"#
    }

    /// The SSE bytes of `pieces`, lines ending in CRLF and LF alternately.
    static func sse(_ pieces: [String], finish: Bool = true) -> [UInt8] {
        var payloads = [content(nil)] + pieces.map { content($0) }
        if finish { payloads += [content(nil, finish: "stop"), "[DONE]"] }
        let text = payloads.enumerated().map { i, p in i % 2 == 0 ? "data: \(p)\r\n\r\n" : "data:\(p)\n\n" }.joined()
        return Array(text.utf8)
    }

    /// `data: <payload>` events, LF-ended.
    static func events(_ payloads: [String]) -> [UInt8] {
        Array(payloads.map { "data: \($0)\n\n" }.joined().utf8)
    }

    /// The stream of `usage`, `timings`, `plain`, `length` or `filtered`.
    static func reported(model: String, includeUsage: Bool) -> [UInt8] {
        var payloads = [chunk(#"{"role":"assistant","content":null}"#)]
        if model == "usage" {
            payloads.append(chunk(#"{"reasoning_content":"The user asks about forests. "}"#))
            payloads.append(chunk(#"{"reasoning":"Keep it short."}"#))
        }
        payloads += [chunk(#"{"content":"Forests are "}"#), chunk(#"{"content":"trees. 🌳"}"#)]
        let timings = #","timings":{"prompt_n":11,"predicted_n":6,"predicted_ms":40.5}"#
        payloads.append(
            chunk(
                "{}", finish: ["length": "length", "filtered": "content_filter"][model] ?? "stop",
                extra: model == "timings" ? timings : ""))
        if model == "usage" && includeUsage { payloads.append(usage(prompt: 14, completion: 7)) }
        return events(payloads + ["[DONE]"])
    }

    /// The stream of `numbered` for call `number`, one write per event.
    static func numbered(_ number: Int, _ call: OpenAICall) -> [[UInt8]] {
        let words = numberedAnswer(number, call.messages).split(separator: " ").map(String.init)
        var payloads = [chunk(#"{"role":"assistant","content":null}"#)]
        for (i, word) in words.enumerated() {
            payloads.append(chunk(#"{"content":\#(WireJSON.string(.string(i == 0 ? word : " " + word)))}"#))
        }
        payloads.append(chunk("{}", finish: "stop"))
        if call.includeUsage { payloads.append(usage(prompt: 10 * call.messages.count, completion: words.count)) }
        return (payloads + ["[DONE]"]).map { events([$0]) }
    }

    /// The routes, recording into `log`.
    public static func router(log: OpenAIPeerLog) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/chat/completions") { request, _ -> Response in
            let body = try FastJSON.parse(Data(try await request.body.collect(upTo: 1 << 20).readableBytesView))
            let call = OpenAICall(
                model: body["model"]?.stringValue ?? "", stream: body["stream"]?.boolValue ?? false,
                includeUsage: body["stream_options"]?["include_usage"]?.boolValue == true,
                messages: (body["messages"]?.arrayValue ?? []).map {
                    ($0.objectValue ?? [:]).compactMapValues(\.stringValue)
                },
                authorization: request.headers[.authorization], body: body)
            let number = log.record(call)
            return answer(call, number: number, log: log)
        }
        return router
    }

    /// The answer to call `number`.
    static func answer(_ call: OpenAICall, number: Int, log: OpenAIPeerLog) -> Response {
        let pieces = answerPieces(messageCount: call.messages.count)
        switch call.model {
        case "denied":
            return jsonResponse(
                401,
                #"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}"#
            )
        case "broken": return jsonResponse(500, #"{"detail":"CUDA out of memory"}"#)
        case _ where !call.stream:
            return jsonResponse(
                200,
                #"{"id":"t","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"<think>short</think>\nTitle: \"Forests of Trees.\""},"finish_reason":"stop"}]}"#
            )
        case "midway":
            let error = Array("data: {\"error\":{\"message\":\"model crashed\"}}\n\n".utf8)
            return sseResponse([sse(Array(pieces.prefix(2)), finish: false), error])
        case "cutoff": return sseResponse([sse(Array(pieces.prefix(2)), finish: false)])
        case "hang": return hanging(sse(Array(pieces.prefix(1)), finish: false), log: log)
        case "usage", "timings", "plain", "length", "filtered":
            return sseResponse([reported(model: call.model, includeUsage: call.includeUsage)])
        case "numbered": return sseResponse(numbered(number, call))
        default: return sseResponse(Pieces.awkward(sse(pieces)))
        }
    }

    /// Writes `head`, then a `:` comment every 20 ms until the client goes away.
    static func hanging(_ head: [UInt8], log: OpenAIPeerLog) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: head))
                do {
                    while true {
                        try await Task.sleep(for: .milliseconds(20))
                        try await writer.write(ByteBuffer(string: ": still thinking\n\n"))
                    }
                } catch {
                    log.note("hang ended")
                    throw error
                }
            })
    }

    /// Runs `body` with an ``OpenAICompatibleEngine`` for `model` (its `upstream` the peer's
    /// base URL and `upstreamPath`) against a live peer.
    public static func withEngine(
        model: String, apiKey: String? = "sk-test-secret", includeUsage: Bool = true, upstreamPath: String = "/v1",
        _ body: (OpenAICompatibleEngine, OpenAIPeerLog) async throws -> Void
    ) async throws {
        let log = OpenAIPeerLog()
        try await withPeer(router(log: log)) { base in
            let engine = try OpenAICompatibleEngine(
                upstream: base + upstreamPath, model: model, apiKey: apiKey, includeUsage: includeUsage)
            try await body(engine, log)
        }
    }
}
