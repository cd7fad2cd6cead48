import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import Testing

@testable import ChatClient

/// The `wss_url` answer mode end to end: the real server, AsyncHTTPClient for the POST,
/// ``WebSocketAnswerStream`` for the socket, the capture-checked decoders for the SSE inside.
@Suite("WebSocket answers against the live server", .timeLimit(.minutes(2)))
struct WebSocketAnswerTests {
    @Test(arguments: StreamMode.sseForms)
    func answerArrivesOverTheSocketAndMatchesTheStoredText(form: StreamMode) async throws {
        try await TestServer(mode: .websocket).live { api in
            for prompt in ["Over the socket", "用中文回答：什么是树？"] {
                let handshake = try await api.handshake(
                    prompt, extra: ["websocket_request_id": .string("req-\(form.rawValue)")],
                    headers: [(StreamMode.webSocketFormHeaderName, form.rawValue)])
                #expect(handshake.websocketRequestID == "req-\(form.rawValue)")
                #expect(handshake.wssURL.hasPrefix("ws://localhost:\(api.port)/"))
                #expect(handshake.fallbackWSSURL != nil && handshake.fallbackWSSURL != handshake.wssURL)
                #expect(handshake.isExpired() == false)
                let answer = try await ReadAnswer.read(WebSocketAnswerStream.open(handshake, logger: testLogger))
                #expect(answer.transports == ["WebSocket"])
                #expect(answer.decoder.form == (form == .delta ? .deltaV1 : .cumulative))
                #expect(answer.decoder.completion == .complete)
                #expect(answer.decoder.skippedEvents == 0)
                #expect(answer.decoder.conversationID == handshake.conversationID)
                #expect(answer.appended == offlineAnswer(prompt))
                let id = try #require(handshake.conversationID)
                let messageID = try #require(answer.decoder.answerMessageID)
                let stored = try await api.conversation(id).mapping[messageID]?.message
                #expect(stored?.content.displayText == answer.decoder.answerText)
                #expect(stored?.status == "finished_successfully")
            }
        }
    }

    @Test func aSlowAnswerOverTheSocketOutlivesTheServersTimeouts() async throws {
        // Timeouts far below the answer's length (about 4 s at this pace): a WebSocket is not cut.
        let server = try TestServer(engine: OfflineEngine(pace: .milliseconds(100)), mode: .websocket) {
            $0.requestTimeout = .seconds(1)
            $0.idleTimeout = .seconds(1)
        }
        try await server.live { api in
            let prompt = "A slow answer over the socket"
            let handshake = try await api.handshake(prompt)
            let answer = try await ReadAnswer.read(WebSocketAnswerStream.open(handshake, logger: testLogger))
            #expect(answer.transports == ["WebSocket"])
            #expect(answer.decoder.completion == .complete)
            #expect(answer.appended == offlineAnswer(prompt))
        }
    }

    @Test func failedPrimaryFallsBackAndDeliversTheAnswerOnce() async throws {
        let server = try TestServer(mode: .websocket) { $0.failPrimaryWebSocket = true }
        try await server.live { api in
            let handshake = try await api.handshake("Fallback please")
            let answer = try await ReadAnswer.read(WebSocketAnswerStream.open(handshake, logger: testLogger))
            #expect(answer.transports == ["WebSocket (fallback URL)"])
            #expect(answer.appended == offlineAnswer("Fallback please"))
            #expect(answer.decoder.answerText == offlineAnswer("Fallback please"))
            #expect(answer.decoder.completion == .complete)
        }
    }

    @Test func droppedSocketResumesOnTheFallbackWithoutDuplicates() async throws {
        // Each chunk its own frame, so the first socket drops halfway through the answer.
        try await TestServer(mode: .websocket) { $0.chunkInterval = .zero }.live { api in
            let handshake = try await api.handshake("Drop me halfway")
            var options = WebSocketAnswerStream.Options(ackEvery: 3)
            options.dropFirstSocketAfter = 8
            let answer = try await ReadAnswer.read(
                WebSocketAnswerStream.open(handshake, options: options, logger: testLogger))
            #expect(answer.transports == ["WebSocket", "WebSocket (fallback URL)"])
            #expect(answer.appended == offlineAnswer("Drop me halfway"))
            #expect(answer.decoder.completion == .complete)
            #expect(answer.decoder.skippedEvents == 0)
            let id = try #require(handshake.conversationID)
            let messageID = try #require(answer.decoder.answerMessageID)
            let stored = try await api.conversation(id).mapping[messageID]?.message
            #expect(stored?.content.displayText == answer.appended)
        }
    }

    @Test func expiredURLsAreReplacedByARegisteredSocket() async throws {
        try await TestServer(mode: .websocket).live { api in
            var handshake = try await api.handshake("Late start")
            handshake.expiresAt = Date(timeIntervalSinceNow: -60)
            handshake.wssURL = "ws://localhost:\(api.port)/backend-api/ws/primary?access_token=wst-stale"
            handshake.fallbackWSSURL = nil
            let answer = try await ReadAnswer.read(
                WebSocketAnswerStream.open(
                    handshake, register: { try await api.registerWebSocket() }, logger: testLogger))
            #expect(answer.transports == ["WebSocket (registered URL)"])
            #expect(answer.appended == offlineAnswer("Late start"))
            #expect(answer.decoder.completion == .complete)
        }
    }

    @Test func noWorkingSocketThrowsATransportErrorThatSaysWebSocket() async throws {
        let server = try TestServer(mode: .websocket) { $0.webSocketURLLifetime = .zero }
        try await server.live { api in
            let handshake = try await api.handshake("Nobody can connect")
            let error = await #expect(throws: ClientError.self) {
                _ = try await ReadAnswer.read(WebSocketAnswerStream.open(handshake, logger: testLogger))
            }
            guard case .transport(let why)? = error else {
                Issue.record("expected a transport error, got \(String(describing: error))")
                return
            }
            #expect(why.contains("WebSocket failed"))
            #expect(why.contains("fallback URL"))
        }
    }

    @Test func stopByWebsocketRequestIDKeepsThePartialAnswer() async throws {
        try await TestServer(engine: HeldEngine(), mode: .websocket).live { api in
            let handshake = try await api.handshake(
                "never ends", extra: ["websocket_request_id": .string("req-stop-1")])
            var answer = ReadAnswer()
            var iterator = WebSocketAnswerStream.open(handshake, logger: testLogger).makeAsyncIterator()
            while answer.appended != "alpha beta " {
                guard let chunk = try await iterator.next() else { throw TestFailure("ended before the stop") }
                answer.take(chunk)
            }
            let other = try await api.request(
                .POST, "/backend-api/stop_conversation", .object(["websocket_request_id": .string("req-other")]))
            #expect(try other.json["stopped_streams"] == .number(0))
            let stop = try await api.request(
                .POST, "/backend-api/stop_conversation", .object(["websocket_request_id": .string("req-stop-1")]))
            #expect(try stop.json["status"] == .string("ok"))
            #expect(try stop.json["stopped_streams"] == .number(1))
            while let chunk = try await iterator.next() { answer.take(chunk) }
            answer.finish()
            #expect(answer.decoder.answerText == "alpha beta ")
            #expect(answer.decoder.completion != .complete)
            let id = try #require(handshake.conversationID)
            let messageID = try #require(answer.decoder.answerMessageID)
            let stored = try #require(try await api.conversation(id).mapping[messageID]?.message)
            #expect(stored.content.displayText == "alpha beta ")
            #expect(stored.status == "finished_partial_completion")
            #expect(stored.metadata["finish_details"]?["reason"] == .string("client_stopped"))
        }
    }

    @Test func theAnswerIsSavedWhenNoSocketEverConnects() async throws {
        try await TestServer(mode: .websocket).live { api in
            let handshake = try await api.handshake("Nobody listens")
            let id = try #require(handshake.conversationID)
            var stored: Message?
            while stored?.status != "finished_successfully" {
                try await Task.sleep(for: .milliseconds(20))
                stored = try await api.conversation(id).mapping.values.compactMap(\.message)
                    .first { $0.author.role == .assistant }
            }
            #expect(stored?.content.displayText == offlineAnswer("Nobody listens"))
        }
    }

    @Test func forceUseSSEStillAnswersWithSSE() async throws {
        try await TestServer(mode: .websocket).live { api in
            let reply = try await api.send("Plain SSE", extra: ["force_use_sse": .bool(true)])
            #expect(reply.status == 200)
            #expect(reply.contentType?.hasPrefix("text/event-stream") == true)
            #expect(WebSocketHandshake.parse(reply.body) == nil)
            var answer = ReadAnswer()
            answer.take(.sseBytes(Array(reply.body)))
            answer.finish()
            #expect(answer.appended == offlineAnswer("Plain SSE"))
            #expect(answer.decoder.completion == .complete)
        }
    }
}
