import ChatTestPeers
import ChatTestSupport
import Foundation
import Hummingbird
import Testing

/// Every way `chatterm send` can fail, run as a script would against in-test peers, through one
/// check (``PlainSentences``): each error one sentence in words, said once; no Swift
/// description, no type name, no `?` for an id the server never gave.
@Suite(
    "send's errors in words", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: SyncCLI.binary != nil && Fixtures.available, "needs a built .build/debug/chatterm and ../shared"))
struct SendErrorWordsTests {
    /// The error Dify passed on in seed 001 ("看看 qwen": a message's `error`), sent here as the
    /// stream's `error` event (PROTOCOL.md §5).
    static let difyError =
        "[openai_api_compatible] Server Unavailable Error, HTTPConnectionPool(host='211.71.15.49', port=8000): "
        + "Max retries exceeded with url: /v1/chat/completions (Caused by NewConnectionError('<urllib3.connection."
        + "HTTPConnection object at 0x7f4621ecb2e0>: Failed to establish a new connection: [Errno 111] Connection refused'))"

    /// A cumulative frame (PROTOCOL.md §2a) of an answer still in progress.
    static let inProgressFrame =
        #"data: {"message": {"id": "m1", "author": {"role": "assistant"}, "content": {"content_type": "text", "#
        + #""parts": ["Half an ans"]}, "status": "in_progress", "end_turn": null, "metadata": {}, "recipient": "all"}, "#
        + #""conversation_id": "c1", "error": null}"# + "\n\n"

    /// A peer whose send answers `response`.
    static func chatGPTPeer(_ response: @escaping @Sendable () -> Response) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/backend-api/conversation") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            return response()
        }
        return router
    }

    /// Sends "Hi" with `args` and checks what stderr says; returns it for more checks.
    @discardableResult
    static func send(
        _ args: [String], token: String, quoting: [String] = [], _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let home = try BackendCLITests.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await BackendCLITests.run(["send"] + args + ["Hi"], home: home, token: token)
        #expect(result.status != 0, "\(label): \(result.stderr)", sourceLocation: sourceLocation)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("chatterm:") }
        #expect(!errors.isEmpty, "\(label) says nothing: \(result.stderr)", sourceLocation: sourceLocation)
        let problems = PlainSentences.problems(in: result.stderr, quoting: quoting)
        #expect(problems.isEmpty, "\(label): \(problems)\n\(result.stderr)", sourceLocation: sourceLocation)
        return result.stderr
    }

    @Test func chatGPTStatusesDropsAndMalformedAnswers() async throws {
        let expired = "Your authentication token has expired. Please try signing in again."
        let cases: [(String, [String], @Sendable () -> Response)] = [
            (
                "401", [expired],
                {
                    jsonResponse(
                        401, #"{"detail": {"message": "\#(expired)", "code": "token_expired"}}"#)
                }
            ),
            ("403", [], { ErrorStatusTests.htmlResponse(403, ErrorStatusTests.challengePage) }),
            (
                "429", ["Too many requests in 1 hour. Try again later."],
                {
                    jsonResponse(
                        429, #"{"detail": "Too many requests in 1 hour. Try again later."}"#,
                        headers: [.retryAfter: "30"])
                }
            ),
            ("502", [], { jsonResponse(502, #"{"detail": "Bad gateway"}"#) }),
            ("dropped", [], { sseResponse([Array(Self.inProgressFrame.utf8)], drop: true) }),
            ("malformed SSE", [], { sseResponse([Array("data: {\"message\": {\"id\": \n\ndata: [DONE]\n\n".utf8)]) }),
            ("malformed JSON", [], { jsonResponse(200, "{\"wss_url\": ") }),
            (
                "in-stream error", ["Something went wrong, please try reloading the conversation."],
                {
                    sseResponse([
                        Array(
                            (#"data: {"message": null, "conversation_id": "c1", "error": "Something went wrong, "#
                                + #"please try reloading the conversation."}"# + "\n\ndata: [DONE]\n\n").utf8)
                    ])
                }
            ),
        ]
        for (label, quoting, response) in cases {
            try await withPeer(Self.chatGPTPeer(response)) { base in
                try await Self.send(
                    ["--backend", "chatgpt", "--base-url", base], token: "peer-token", quoting: quoting, label)
            }
        }
    }

    @Test func difyErrorEventIsSaidOnce() async throws {
        func event(_ fields: String) -> String {
            #"data: {"conversation_id": "c-q", "message_id": "m-q", "task_id": "t-q", "created_at": 1716340511, \#(fields)}"#
                + "\n\n"
        }
        let stream =
            event(#""event": "message", "id": "m-q", "answer": "Par""#)
            + event(
                #""event": "error", "status": 500, "code": "completion_request_error", "message": "\#(Self.difyError)""#
            )
        // The decoder shortens a long error: what reads like code (Python's) is in its first part.
        let shown = String(Self.difyError[..<Self.difyError.range(of: "NewConnectionError('")!.upperBound])
        try await withPeer(DifyPeer.router(DifyPeerBook(), stream: Array(stream.utf8))) { base in
            let said = try await Self.send(
                ["--backend", "dify", "--base-url", base + "/v1"], token: DifyPeerBook.key, quoting: [shown],
                "Dify error event")
            #expect(said.contains(shown))
            #expect(said.components(separatedBy: "Server Unavailable Error").count == 2, "said once")
            #expect(said.contains("conversation: c-q"))
        }
    }

    @Test func cozeFailuresAndRefusals() async throws {
        try await withPeer(CozePeer.router(calls: CozeCalls())) { base in
            let coze = ["--backend", "coze", "--base-url", base]
            for bot in ["failed", "error", "cutoff", "json", "broken"] {
                try await Self.send(coze + ["--bot-id", bot], token: CozePeer.token, "Coze \(bot)")
            }
            try await Self.send(coze + ["--bot-id", "text"], token: "pat_wrong", "Coze 401")
        }
    }

    /// The check itself finds what it is for.
    @Test func theCheckFindsDebugShapes() {
        let before = """
            chatterm: the server reported: [qwen] Server Unavailable Error
            chatterm: the answer is incomplete (serverError("[qwen] Server Unavailable Error"))
            conversation: ?
            """
        let problems = PlainSentences.problems(in: before, quoting: ["[qwen] Server Unavailable Error"])
        #expect(problems.contains { $0.contains("said 2 times") })
        #expect(problems.contains { $0.contains("serverError") })
        #expect(problems.contains { $0.contains("? for a value") })
        #expect(
            PlainSentences.problems(in: "chatterm: Connection failed: HTTPClientError.remoteConnectionClosed")
                .contains { $0.contains("Type.case") })
        #expect(PlainSentences.problems(in: "chatterm: Rate limited (429): slow down; try again in 30 s").isEmpty)
    }
}
