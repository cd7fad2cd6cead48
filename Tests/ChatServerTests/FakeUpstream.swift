import ChatModel
import ChatProtocol
import ChatServer
import Foundation
import Hummingbird
import Synchronization

/// What a fake OpenAI-compatible upstream received.
final class UpstreamLog: Sendable {
    struct Call: Sendable, Hashable {
        var model: String
        var stream: Bool
        var messages: [[String: String]]
        var authorization: String?
    }

    private let state = Mutex<(calls: [Call], events: [String])>(([], []))

    func record(_ call: Call) { state.withLock { $0.calls.append(call) } }
    func note(_ event: String) { state.withLock { $0.events.append(event) } }
    var calls: [Call] { state.withLock { $0.calls } }
    var events: [String] { state.withLock { $0.events } }
}

/// A fake `/v1/chat/completions` whose behaviour is picked by the request's `model`:
///
/// - `good`: streams ``answerPieces(messageCount:)`` as chat chunks, the bytes written in
///   awkward pieces (1 to 11 bytes, splitting lines, CRLFs and UTF-8 characters).
/// - `denied`: 401 with an OpenAI error body. `broken`: 500 with a FastAPI `detail` body.
/// - `midway`: two pieces, then an in-stream `{"error": …}`. `cutoff`: two pieces, then EOF.
/// - `hang`: one piece, then `:` comments until the client goes away (noted as `hang ended`).
/// - any model with `stream: false` (titles): a JSON completion with a chatty title.
enum FakeUpstream {
    /// The answer to a request with `messageCount` messages, as it is streamed.
    static func answerPieces(messageCount: Int) -> [String] {
        ["You sent \(messageCount) ", "messages. ", "Forests are made of 树 ", "🌳 and ", "more trees."]
    }

    static func chunk(_ content: String?, finish: String? = nil) -> String {
        let text = content.map { WireJSON.string(.string($0)) } ?? "null"
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return
            #"{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"fake","choices":[{"index":0,"delta":{"content":\#(text)},"finish_reason":\#(reason)}]}"#
    }

    /// The SSE bytes of a stream of `pieces`, lines ending in CRLF and LF alternately.
    static func sse(_ pieces: [String], finish: Bool = true) -> [UInt8] {
        var payloads = [chunk(nil)] + pieces.map { chunk($0) }
        if finish { payloads += [chunk(nil, finish: "stop"), "[DONE]"] }
        let text = payloads.enumerated().map { i, p in i % 2 == 0 ? "data: \(p)\r\n\r\n" : "data:\(p)\n\n" }.joined()
        return Array(text.utf8)
    }

    /// `bytes` cut into pieces of 1, 2, 3, 5, 7, 11, 1, … bytes.
    static func awkwardPieces(_ bytes: [UInt8]) -> [[UInt8]] {
        let sizes = [1, 2, 3, 5, 7, 11]
        var pieces: [[UInt8]] = []
        var i = 0
        var k = 0
        while i < bytes.count {
            let n = sizes[k % sizes.count]
            pieces.append(Array(bytes[i..<min(i + n, bytes.count)]))
            i += n
            k += 1
        }
        return pieces
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func streaming(_ write: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void) -> Response
    {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                try await write(&writer)
                try await writer.finish(nil)
            })
    }

    static func application(log: UpstreamLog) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/chat/completions") { request, _ -> Response in
            let body = try FastJSON.parse(Data(try await request.body.collect(upTo: 1 << 20).readableBytesView))
            let messages = (body["messages"]?.arrayValue ?? []).map { m in
                (m.objectValue ?? [:]).compactMapValues(\.stringValue)
            }
            let model = body["model"]?.stringValue ?? ""
            let stream = body["stream"]?.boolValue ?? false
            log.record(
                .init(
                    model: model, stream: stream, messages: messages,
                    authorization: request.headers[.authorization]))
            if model == "denied" {
                return json(
                    .unauthorized,
                    #"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}"#
                )
            }
            if model == "broken" { return json(.internalServerError, #"{"detail":"CUDA out of memory"}"#) }
            if !stream {
                return json(
                    .ok,
                    #"{"id":"t","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"<think>short</think>\nTitle: \"Forests of Trees.\""},"finish_reason":"stop"}]}"#
                )
            }
            let pieces = answerPieces(messageCount: messages.count)
            switch model {
            case "midway":
                return streaming { writer in
                    try await writer.write(ByteBuffer(bytes: sse(Array(pieces.prefix(2)), finish: false)))
                    try await writer.write(ByteBuffer(string: "data: {\"error\":{\"message\":\"model crashed\"}}\n\n"))
                }
            case "cutoff":
                return streaming { writer in
                    try await writer.write(ByteBuffer(bytes: sse(Array(pieces.prefix(2)), finish: false)))
                }
            case "hang":
                return streaming { writer in
                    try await writer.write(ByteBuffer(bytes: sse(Array(pieces.prefix(1)), finish: false)))
                    do {
                        while true {
                            try await Task.sleep(for: .milliseconds(20))
                            try await writer.write(ByteBuffer(string: ": still thinking\n\n"))
                        }
                    } catch {
                        log.note("hang ended")
                        throw error
                    }
                }
            default:
                return streaming { writer in
                    for piece in awkwardPieces(sse(pieces)) {
                        try await writer.write(ByteBuffer(bytes: piece))
                    }
                }
            }
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}
