import AsyncHTTPClient
import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A plain HTTP exchange with a live server.
struct Exchange {
    var status: Int
    var contentType: String
    var body: String

    var json: JSONValue { (try? FastJSON.parse(Data(body.utf8))) ?? .null }

    /// The `data:` payloads of an SSE body, in order.
    var dataLines: [String] { splitSSE(body).map(\.data) }

    enum Verb { case get, post }

    static func send(
        port: Int, _ verb: Verb, _ path: String, body: String? = nil, token: String? = TestServer.token
    ) async throws -> Exchange {
        let reply = try await LiveAPI(port: port, host: "127.0.0.1").request(
            verb == .get ? .GET : .POST, path, text: body, token: token)
        return Exchange(status: reply.status, contentType: reply.contentType ?? "", body: reply.text)
    }
}

@Suite("OpenAI-compatible gateway", .timeLimit(.minutes(2)))
struct OpenAIGatewayTests {
    static let script: [EnginePiece] = [
        .text("Hel"), .text(""), .text("lo, 树"), .note(AnswerNote(kind: "reasoning", text: "Greet back.")),
        .followUps(["More?"]), .usage(TokenUsage(promptTokens: 3, completionTokens: 2, latency: 0.5)),
    ]

    static func body(stream: Bool?, includeUsage: Bool = false, messages: String? = nil) -> String {
        var fields = [
            #""model":"anything""#,
            #""messages":"# + (messages ?? #"[{"role":"user","content":"Hi"}]"#),
        ]
        if let stream { fields.append(#""stream":\#(stream)"#) }
        if includeUsage { fields.append(#""stream_options":{"include_usage":true}"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func live<T>(_ engine: some AnswerEngine, _ body: @Sendable (Int, TestServer) async throws -> T)
        async throws -> T
    {
        let server = try TestServer(engine: engine)
        return try await server.test(.live) { client in try await body(try #require(client.port), server) }
    }

    @Test func streamedAnswerIsChatCompletionChunks() async throws {
        let engine = ScriptedEngine(script: Self.script)
        try await Self.live(engine) { port, _ in
            let messages =
                #"[{"role":"developer","content":"Be kind."},{"role":"user","content":[{"type":"text","text":"Hi "},{"type":"text","text":"there"}]},{"role":"assistant","content":null},{"role":"user","content":"Again"}]"#
            let reply = try await Exchange.send(
                port: port, .post, "/v1/chat/completions",
                body: Self.body(stream: true, includeUsage: true, messages: messages))
            #expect(reply.status == 200 && reply.contentType.hasPrefix("text/event-stream"))
            let lines = reply.dataLines
            #expect(lines.last == "[DONE]")
            let chunks = try lines.dropLast().map { try FastJSON.parse(Data($0.utf8)) }
            try #require(chunks.count == 6)
            #expect(chunks.allSatisfy { $0["object"] == .string("chat.completion.chunk") })
            #expect(chunks.allSatisfy { $0["model"] == .string("scripted-model") })
            #expect(Set(chunks.compactMap { $0["id"]?.stringValue }).count == 1)
            #expect(chunks[0]["choices"]?.arrayValue?.first?["delta"]?["role"] == .string("assistant"))
            let deltas = chunks.map { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue ?? "" }
            #expect(deltas.joined() == "Hello, 树")
            #expect(chunks[3]["choices"]?.arrayValue?.first?["delta"]?["reasoning_content"] == .string("Greet back."))
            #expect(chunks[4]["choices"]?.arrayValue?.first?["finish_reason"] == .string("stop"))
            #expect(chunks[5]["choices"] == .array([]))
            #expect(
                chunks[5]["usage"]
                    == .object([
                        "prompt_tokens": .number(3), "completion_tokens": .number(2), "total_tokens": .number(5),
                    ])
            )
            // The project's own decoder reads it back whole.
            var decoder = OpenAIStreamDecoder()
            for line in lines { _ = decoder.decode(data: line) }
            #expect(decoder.text == "Hello, 树" && decoder.reasoning == "Greet back." && decoder.isDone)
            #expect(decoder.usage == TokenUsage(promptTokens: 3, completionTokens: 2))
            #expect(decoder.skippedEvents == 0 && decoder.error == nil)
            // The engine got the request's messages as the history.
            #expect(
                engine.requests.all.first?.history == [
                    TextMessage(role: .system, text: "Be kind."), TextMessage(role: .user, text: "Hi there"),
                    TextMessage(role: .assistant, text: ""), TextMessage(role: .user, text: "Again"),
                ])
        }
    }

    @Test func noUsageChunkUnlessAskedFor() async throws {
        try await Self.live(ScriptedEngine(script: Self.script)) { port, _ in
            let reply = try await Exchange.send(
                port: port, .post, "/v1/chat/completions", body: Self.body(stream: true))
            #expect(reply.dataLines.last == "[DONE]")
            #expect(!reply.body.contains("\"usage\""))
        }
    }

    @Test func unstreamedAnswerIsOneChatCompletion() async throws {
        try await Self.live(ScriptedEngine(script: Self.script)) { port, _ in
            for stream in [false, nil] {
                let reply = try await Exchange.send(
                    port: port, .post, "/v1/chat/completions", body: Self.body(stream: stream))
                #expect(reply.status == 200 && reply.contentType.hasPrefix("application/json"))
                let json = reply.json
                #expect(json["object"] == .string("chat.completion"))
                #expect(json["id"]?.stringValue?.hasPrefix("chatcmpl-") == true)
                #expect(json["model"] == .string("scripted-model"))
                let choice = try #require(json["choices"]?.arrayValue?.first)
                #expect(choice["message"]?["role"] == .string("assistant"))
                #expect(choice["message"]?["content"] == .string("Hello, 树"))
                #expect(choice["message"]?["reasoning_content"] == .string("Greet back."))
                #expect(choice["finish_reason"] == .string("stop"))
                #expect(json["usage"]?["total_tokens"] == .number(5))
            }
        }
    }

    @Test func theOfflineEngineAnswersThroughTheGateway() async throws {
        try await Self.live(OfflineEngine(pace: .zero)) { port, _ in
            let reply = try await Exchange.send(
                port: port, .post, "/v1/chat/completions", body: Self.body(stream: true))
            var decoder = OpenAIStreamDecoder()
            for line in reply.dataLines { _ = decoder.decode(data: line) }
            let expected = offlineAnswer("Hi")
            #expect(decoder.text == expected && decoder.isDone)
            let models = try await Exchange.send(port: port, .get, "/v1/models")
            #expect(models.status == 200)
            #expect(models.json["object"] == .string("list"))
            let model = try #require(models.json["data"]?.arrayValue?.first)
            #expect(model["id"] == .string("chatterm-offline") && model["object"] == .string("model"))
            #expect(model["owned_by"] == .string("chatterm"))
        }
    }

    @Test func withoutTheTokenIs401InOpenAIShape() async throws {
        try await Self.live(ScriptedEngine(script: Self.script)) { port, _ in
            for token in [nil, "wrong"] as [String?] {
                for (verb, path) in [(Exchange.Verb.get, "/v1/models"), (.post, "/v1/chat/completions")] {
                    let reply = try await Exchange.send(
                        port: port, verb, path, body: verb == .post ? Self.body(stream: true) : nil, token: token)
                    #expect(reply.status == 401)
                    #expect(reply.json["error"]?["message"]?.stringValue?.isEmpty == false)
                    #expect(reply.json["error"]?["type"] == .string("invalid_request_error"))
                    #expect(reply.json["error"]?["code"] == .string("invalid_api_key"))
                }
            }
            // The backend-api keeps its own shape.
            let backend = try await Exchange.send(port: port, .get, "/backend-api/conversations", token: nil)
            #expect(backend.status == 401 && backend.json["detail"] != nil && backend.json["error"] == nil)
        }
    }

    @Test(arguments: [
        ("", "invalid_json"),
        ("[1]", "invalid_json"),
        (#"{"model":"m"}"#, "invalid_messages"),
        (#"{"model":"m","messages":[]}"#, "empty_messages"),
        (#"{"messages":[{"role":"robot","content":"x"}]}"#, "invalid_messages"),
        (#"{"messages":[{"role":"user","content":7}]}"#, "invalid_messages"),
        (#"{"messages":[{"role":"user","content":[{"type":"image_url"}]}]}"#, "unsupported_content"),
        (#"{"messages":[{"role":"user","content":"x"}],"stream":"yes"}"#, "invalid_stream"),
    ])
    func badBodiesAre400InOpenAIShape(body: String, code: String) async throws {
        let engine = ScriptedEngine(script: Self.script)
        try await Self.live(engine) { port, _ in
            let reply = try await Exchange.send(port: port, .post, "/v1/chat/completions", body: body)
            #expect(reply.status == 400)
            #expect(reply.json["error"]?["code"] == .string(code))
            #expect(reply.json["error"]?["type"] == .string("invalid_request_error"))
            #expect(reply.json["error"]?["message"]?.stringValue?.isEmpty == false)
            #expect(engine.requests.all.isEmpty)
        }
    }

    @Test func engineFailuresAreOpenAIErrors() async throws {
        let engine = ScriptedEngine(script: [.text("partial ")], failure: "the model fell over")
        try await Self.live(engine) { port, _ in
            let streamed = try await Exchange.send(
                port: port, .post, "/v1/chat/completions", body: Self.body(stream: true))
            #expect(streamed.status == 200)
            #expect(streamed.dataLines.last != "[DONE]")
            var decoder = OpenAIStreamDecoder()
            for line in streamed.dataLines { _ = decoder.decode(data: line) }
            #expect(decoder.text == "partial ")
            #expect(decoder.error == "The engine failed: the model fell over")
            let whole = try await Exchange.send(
                port: port, .post, "/v1/chat/completions", body: Self.body(stream: false))
            #expect(whole.status == 500)
            #expect(whole.json["error"]?["message"] == .string("The engine failed: the model fell over"))
            #expect(whole.json["error"]?["type"] == .string("server_error"))
            #expect(whole.json["error"]?["code"] == .string("engine_error"))
        }
    }

    @Test func aClientLeavingMidStreamCancelsTheEngine() async throws {
        let engine = HeldEngine.ticking
        try await Self.live(engine) { port, _ in
            let request = LiveAPI(port: port, host: "127.0.0.1").httpRequest(
                .POST, "/v1/chat/completions", text: Self.body(stream: true))
            let (ticks, sink) = AsyncStream<String>.makeStream()
            let reader = Task {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                var parser = SSEParser()
                var decoder = OpenAIStreamDecoder()
                for try await buffer in response.body {
                    for event in parser.feed(buffer.readableBytesView) {
                        if case .chunk(let chunk)? = decoder.decode(event), !chunk.content.isEmpty {
                            sink.yield(chunk.content)
                        }
                    }
                }
            }
            var iterator = ticks.makeAsyncIterator()
            #expect(await iterator.next() == "tick ")
            reader.cancel()  // drops the connection mid-stream
            _ = try? await reader.value
            let deadline = ContinuousClock.now + .seconds(20)
            while !engine.wasCancelled {
                try #require(ContinuousClock.now < deadline, "the engine kept answering a client that left")
                try await Task.sleep(for: .milliseconds(10))
            }
        }
    }
}
