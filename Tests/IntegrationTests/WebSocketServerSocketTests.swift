import ChatClient
import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import Synchronization
import Testing
import WSClient

/// The server's socket contract, checked with a bare WSClient: authentication, the
/// `connected` frame, sequence ids, and replay from the last acknowledged frame.
@Suite("WebSocket server sockets", .timeLimit(.minutes(2)))
struct WebSocketServerSocketTests {
    /// The frames one socket received before it was closed.
    final class Received: Sendable {
        let frames = Mutex<[WebPubSubFrame]>([])
        var all: [WebPubSubFrame] { frames.withLock { $0 } }
        var messages: [WebPubSubMessage] {
            all.compactMap { if case .message(let m) = $0 { m } else { nil } }
        }
    }

    /// Connects to `url`, reads frames until `stop` says so (or the server closes), sending
    /// `ack(frames)` when it returns one.
    static func read(
        _ url: String, ack: @escaping @Sendable ([WebPubSubMessage]) -> Int? = { _ in nil },
        stop: @escaping @Sendable ([WebPubSubMessage]) -> Bool
    ) async throws -> Received {
        let received = Received()
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: 1 << 24, additionalHeaders: [.init("Sec-WebSocket-Protocol")!: WebPubSubFrame.subprotocol])
        try await WebSocketClient.connect(url: url, configuration: configuration, logger: testLogger) {
            inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: 1 << 24) {
                guard case .text(let text) = message, let frame = WebPubSubFrame.decode(text) else { continue }
                received.frames.withLock { $0.append(frame) }
                let messages = received.messages
                if let id = ack(messages) { try await outbound.write(.text(WebPubSubFrame.sequenceAck(id))) }
                if stop(messages) { return }
            }
        }
        return received
    }

    @Test func theFallbackReplaysFromTheLastAcknowledgedFrame() async throws {
        // Each chunk its own frame, so the answer has frames after the fifth to replay.
        try await TestServer(mode: .websocket) { $0.chunkInterval = .zero }.live { api in
            let handshake = try await api.handshake("Replay after an ack")
            let first = try await Self.read(
                handshake.wssURL, ack: { $0.count == 5 ? $0[2].sequenceID : nil }, stop: { $0.count == 5 })
            guard case .connected(let connectionID, _, let token)? = first.all.first else {
                throw TestFailure("the first frame is not `connected`: \(first.all)")
            }
            #expect(connectionID?.isEmpty == false && token?.isEmpty == false)
            let acked = try #require(first.messages[2].sequenceID)
            let fallback = try #require(handshake.fallbackWSSURL)
            let second = try await Self.read(fallback, stop: { $0.last?.moreBody == false })
            guard case .connected(let sameConnection, _, _)? = second.all.first else {
                throw TestFailure("the fallback's first frame is not `connected`")
            }
            #expect(sameConnection == connectionID)
            let ids = second.messages.compactMap(\.sequenceID)
            #expect(ids.first == acked + 1)
            #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
            #expect(second.messages.allSatisfy { $0.responseID == handshake.responseID })
            #expect(second.messages.allSatisfy { $0.conversationID == handshake.conversationID })
            #expect(second.messages.dropLast().allSatisfy { $0.moreBody })
            // The acknowledged frames plus the replay are the whole answer, once.
            var answer = ReadAnswer()
            for message in first.messages.prefix(3) + second.messages { answer.take(.sseBytes(message.body)) }
            answer.finish()
            #expect(answer.appended == offlineAnswer("Replay after an ack"))
            #expect(answer.decoder.completion == .complete)
        }
    }

    @Test func socketsWithoutAValidTokenAreRefused() async throws {
        try await TestServer(mode: .websocket).live { api in
            let handshake = try await api.handshake("Who are you?")
            let fallback = try #require(handshake.fallbackWSSURL)
            let token = try #require(fallback.split(separator: "access_token=").last.map(String.init))
            let refused = [
                "ws://localhost:\(api.port)/backend-api/ws/primary",
                "ws://localhost:\(api.port)/backend-api/ws/primary?access_token=wst-not-a-token",
                // A fallback token is not valid on the primary path.
                "ws://localhost:\(api.port)/backend-api/ws/primary?access_token=\(token)",
            ]
            for url in refused {
                await #expect(throws: WebSocketClientError.webSocketUpgradeFailed) {
                    _ = try await Self.read(url, stop: { _ in true })
                }
            }
            // The genuine URL works.
            let ok = try await Self.read(handshake.wssURL, stop: { $0.last?.moreBody == false })
            #expect(ok.messages.last?.moreBody == false)
        }
    }

    @Test func expiredTokensAreRefused() async throws {
        let server = try TestServer(mode: .websocket) { $0.webSocketURLLifetime = .zero }
        try await server.live { api in
            let handshake = try await api.handshake("Too late")
            #expect(handshake.isExpired())
            await #expect(throws: WebSocketClientError.webSocketUpgradeFailed) {
                _ = try await Self.read(handshake.wssURL, stop: { _ in true })
            }
        }
    }

    @Test func registerWebSocketAnswersAURLAndAnExpiry() async throws {
        try await TestServer(mode: .websocket).live { api in
            let reply = try await api.request(.POST, "/backend-api/register-websocket")
            #expect(reply.status == 200)
            let json = try reply.json
            #expect(json.objectValue.map { Set($0.keys) } == ["wss_url", "expires_at"])
            let url = try #require(json["wss_url"]?.stringValue)
            #expect(url.hasPrefix("ws://localhost:\(api.port)/backend-api/ws/"))
            let expires = try #require(json["expires_at"]?.stringValue.flatMap(ISOTime.parse))
            #expect(expires > Date().timeIntervalSince1970)
            // The registered socket carries answers started after it connected too.
            let reading = Task {
                try await Self.read(url, stop: { $0.contains { !$0.moreBody } })
            }
            try await Task.sleep(for: .milliseconds(200))
            let handshake = try await api.handshake("For the user socket")
            let received = try await reading.value
            #expect(received.messages.allSatisfy { $0.responseID == handshake.responseID })
            var answer = ReadAnswer()
            for message in received.messages { answer.take(.sseBytes(message.body)) }
            answer.finish()
            #expect(answer.appended == offlineAnswer("For the user socket"))
            let unauthorized = try await api.request(
                .POST, "/backend-api/register-websocket", token: "wrong")
            #expect(unauthorized.status == 401)
        }
    }
}
