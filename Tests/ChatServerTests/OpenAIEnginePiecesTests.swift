import ChatModel
import ChatProtocol
import ChatServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// The request bodies a ``ReportingUpstream`` received, as parsed JSON.
final class BodyLog: Sendable {
    private let bodies = Mutex<[JSONValue]>([])
    func record(_ body: JSONValue) { bodies.withLock { $0.append(body) } }
    var all: [JSONValue] { bodies.withLock { $0 } }
}

/// A fake `/v1/chat/completions` that reports more than text, picked by `model`:
///
/// - `usage`: a role chunk, two reasoning chunks (`reasoning_content`, then `reasoning`),
///   ``answer`` in two content chunks, a finish chunk, and (only when the request asked
///   with `stream_options.include_usage`) a usage chunk with `choices: []`, then `[DONE]`.
/// - `timings`: the same text, then a llama.cpp-style finish chunk with `timings` and no `usage`.
/// - `plain`: the same text and nothing else.
enum ReportingUpstream {
    static let answer = "Forests are trees. 🌳"
    static let reasoning = "The user asks about forests. Keep it short."

    static func chunk(_ delta: String, finish: String? = nil, extra: String = "") -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return
            #"data: {"id":"chatcmpl-r","object":"chat.completion.chunk","model":"fake","choices":[{"index":0,"delta":\#(delta),"finish_reason":\#(reason)}]\#(extra)}"#
            + "\n\n"
    }

    static func stream(model: String, includeUsage: Bool) -> String {
        var out = chunk(#"{"role":"assistant","content":null}"#)
        if model == "usage" {
            out += chunk(#"{"reasoning_content":"The user asks about forests. "}"#)
            out += chunk(#"{"reasoning":"Keep it short."}"#)
        }
        out += chunk(#"{"content":"Forests are "}"#) + chunk(#"{"content":"trees. 🌳"}"#)
        switch model {
        case "timings":
            out += chunk(
                "{}", finish: "stop", extra: #","timings":{"prompt_n":11,"predicted_n":6,"predicted_ms":40.5}"#)
        default:
            out += chunk("{}", finish: "stop")
        }
        if model == "usage" && includeUsage {
            out +=
                #"data: {"id":"chatcmpl-r","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":14,"completion_tokens":7,"total_tokens":21}}"#
                + "\n\n"
        }
        return out + "data: [DONE]\n\n"
    }

    static func application(log: BodyLog) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/chat/completions") { request, _ -> Response in
            let body = try FastJSON.parse(Data(try await request.body.collect(upTo: 1 << 20).readableBytesView))
            log.record(body)
            let includeUsage = body["stream_options"]?["include_usage"]?.boolValue == true
            let text = stream(model: body["model"]?.stringValue ?? "", includeUsage: includeUsage)
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}

/// Runs `body` with an engine for `model` against a live ``ReportingUpstream``.
func withReportingUpstream(
    model: String, includeUsage: Bool = true,
    _ body: @Sendable (OpenAICompatibleEngine, BodyLog) async throws -> Void
) async throws {
    let log = BodyLog()
    try await ReportingUpstream.application(log: log).test(.live) { upstream in
        let port = try #require(upstream.port)
        let engine = try OpenAICompatibleEngine(
            upstream: "http://127.0.0.1:\(port)/v1", model: model, apiKey: nil, includeUsage: includeUsage)
        try await body(engine, log)
    }
}

/// Every piece an engine reports for one question.
func collectPieces(_ engine: some AnswerEngine, _ prompt: String = "What is a forest?") async throws -> [EnginePiece] {
    var pieces: [EnginePiece] = []
    for try await piece in engine.pieces(EngineRequest(history: [TextMessage(role: .user, text: prompt)])) {
        pieces.append(piece)
    }
    return pieces
}

@Suite("OpenAI-compatible engine pieces", .timeLimit(.minutes(2)))
struct OpenAIEnginePiecesTests {
    static func text(_ pieces: [EnginePiece]) -> String {
        pieces.map { piece in
            if case .text(let text) = piece { return text }
            return ""
        }.joined()
    }

    @Test func textThenTheReasoningNoteThenUsageWithLatency() async throws {
        try await withReportingUpstream(model: "usage") { engine, log in
            let pieces = try await collectPieces(engine)
            #expect(Self.text(pieces) == ReportingUpstream.answer)
            let tail = Array(pieces.suffix(2))
            try #require(tail.count == 2)
            #expect(tail[0] == .note(AnswerNote(kind: "reasoning", text: ReportingUpstream.reasoning)))
            guard case .usage(let usage) = tail[1] else {
                Issue.record("the last piece is not usage: \(tail[1])")
                return
            }
            #expect(usage.promptTokens == 14 && usage.completionTokens == 7 && usage.totalTokens == 21)
            #expect((usage.latency ?? -1) >= 0)
            // Only text before the tail.
            #expect(pieces.dropLast(2).allSatisfy { if case .text = $0 { true } else { false } })
            let body = try #require(log.all.first)
            #expect(body["stream_options"] == .object(["include_usage": .bool(true)]))
            #expect(body["stream"] == .bool(true))
        }
    }

    @Test func withoutUsageTheLatencyIsStillMeasured() async throws {
        try await withReportingUpstream(model: "plain") { engine, _ in
            let pieces = try await collectPieces(engine)
            #expect(Self.text(pieces) == ReportingUpstream.answer)
            guard case .usage(let usage)? = pieces.last else {
                Issue.record("no usage piece")
                return
            }
            #expect(usage.promptTokens == nil && usage.completionTokens == nil && usage.totalTokens == nil)
            #expect(usage.latency != nil)
            #expect(!pieces.contains { if case .note = $0 { true } else { false } })
        }
    }

    @Test func llamaCppTimingsStandInForUsage() async throws {
        try await withReportingUpstream(model: "timings") { engine, _ in
            let pieces = try await collectPieces(engine)
            guard case .usage(let usage)? = pieces.last else {
                Issue.record("no usage piece")
                return
            }
            #expect(usage.promptTokens == 11 && usage.completionTokens == 6 && usage.totalTokens == 17)
            #expect(usage.latency != nil)
        }
    }

    @Test func askingForUsageCanBeTurnedOff() async throws {
        try await withReportingUpstream(model: "usage", includeUsage: false) { engine, log in
            let pieces = try await collectPieces(engine)
            #expect(Self.text(pieces) == ReportingUpstream.answer)
            #expect(try #require(log.all.first)["stream_options"] == nil)
            guard case .usage(let usage)? = pieces.last else {
                Issue.record("no usage piece")
                return
            }
            // The upstream sent no usage chunk: only the measured latency.
            #expect(usage.totalTokens == nil && usage.latency != nil)
        }
    }

    @Test func answerStillGivesTextOnly() async throws {
        try await withReportingUpstream(model: "usage") { engine, _ in
            var text = ""
            for try await chunk in engine.answer(EngineRequest(history: [TextMessage(role: .user, text: "Hi")])) {
                text += chunk
            }
            #expect(text == ReportingUpstream.answer)
        }
    }

    @Test func theServerKeepsUsageAndReasoningInTheAnswerMetadata() async throws {
        try await withReportingUpstream(model: "usage") { engine, _ in
            let server = try TestServer(engine: engine)
            try await server.test { client in
                let api = API(client: client)
                let stream = try await api.next("What is a forest?")
                #expect(stream.text == ReportingUpstream.answer)
                #expect(stream.status == "finished_successfully")
                let c = try ConversationJSON.decode(
                    parse(try await api.get("/backend-api/conversation/\(stream.conversationID)")))
                let answer = try #require(c.mapping[stream.assistantID]?.message)
                #expect(answer.content.displayText == ReportingUpstream.answer)
                #expect(answer.tokenUsage?.totalTokens == 21 && answer.tokenUsage?.latency != nil)
                #expect(answer.notes == [AnswerNote(kind: "reasoning", text: ReportingUpstream.reasoning)])
            }
        }
    }
}
