import ChatClient
import ChatModel
import ChatProtocol
import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// The captures of ReplayPeerTests again, handed off to a WebSocket: the peer's POST answers
/// seed 001's JSON, and its socket carries the SSE bytes cut into awkward chunks, one
/// base64 Web PubSub `message` per chunk, with a frame of another response and redelivered
/// sequence ids mixed in. `ChatGPTClient.send` must rebuild the captured answer exactly once.
@Suite("WebSocket replay peer", .enabled(if: Fixtures.available), .timeLimit(.minutes(2)))
struct WebSocketReplayPeerTests {
    /// Sends once to a peer serving `bytes` cut by `cut`, with the `wss_url` behaving as
    /// `primary`, and checks the items against `StreamReplay` of the same bytes. Returns the
    /// transports the stream announced.
    @discardableResult static func replay(
        _ bytes: [UInt8], cut: Cut, answer: String, completion: StreamCompletion, primary: SocketBehavior = .serve
    ) async throws -> [String] {
        let chunks = try #require(cut.chunks(bytes), "nothing to cut with \(cut)")
        #expect(chunks.joined().elementsEqual(bytes))
        let expected = StreamReplay.run(bytes)
        let frames = WebSocketReplayPeer.frames(chunks)
        try checkDecoys(frames, bytes: bytes, expected: expected)
        let hits = Hits()
        let peer = WebSocketReplayPeer(frames: frames, primary: primary, hits: hits)
        let received = try await peer.run { base in
            await receive(makeClient(base).send(nextRequest("Hello")))
        }
        #expect(received.error == nil)
        #expect(received.items.first == .event(.conversationID(WebSocketReplayPeer.conversationID)))
        #expect(received.transcript.answerText == answer)
        #expect(received.events == [.conversationID(WebSocketReplayPeer.conversationID)] + expected.events)
        #expect(received.completion == expected.completion)
        #expect(received.completion == completion)
        #expect(received.items.filter { if case .finished = $0 { true } else { false } }.count == 1)
        #expect(await hits.count("send") == 1)
        #expect(await hits.count("primary") == 1)
        #expect(await hits.count("fallback") == (primary == .serve ? 0 : 1))
        // Asked once before the post (the web page's order); refused, so the hand-off's URLs serve.
        #expect(await hits.count("register") == 1)
        return received.items.compactMap { item in
            if case .transport(let how) = item { return how }
            return nil
        }
    }

    /// The decoys are really there, and each one alone would change what the client decodes:
    /// keeping the other response's frame, or a redelivered frame, gives other events.
    static func checkDecoys(_ frames: [String], bytes: [UInt8], expected: StreamReplay.Result) throws {
        let messages = frames.compactMap { frame -> WebPubSubMessage? in
            if case .message(let message)? = WebPubSubFrame.decode(frame) { return message }
            return nil
        }
        #expect(messages.count == frames.count)
        let ours = messages.filter { $0.responseID == WebSocketReplayPeer.responseID }
        #expect(messages.count - ours.count == 1, "one frame of another response")
        let ids = ours.compactMap(\.sequenceID)
        #expect(ids.count == ours.count)
        #expect(Set(ids).count < ids.count, "some sequence ids are redelivered")
        #expect(ours.last?.moreBody == false)
        #expect(ours.dropLast().allSatisfy { $0.moreBody })
        #expect(Array(bodies(messages, filter: true, dedupe: true).joined()) == bytes)
        for (filter, dedupe) in [(false, true), (true, false)] {
            let naive = StreamReplay.run(chunks: bodies(messages, filter: filter, dedupe: dedupe))
            #expect(
                naive.events != expected.events || naive.completion != expected.completion,
                "a client that \(filter ? "kept redelivered frames" : "kept the other response") gets the same answer")
        }
    }

    /// The bodies a receiver would feed its parser: with or without the `response_id` filter
    /// and the drop of sequence ids already seen, up to the first accepted `more_body: false`.
    static func bodies(_ messages: [WebPubSubMessage], filter: Bool, dedupe: Bool) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var last = 0
        for message in messages {
            if dedupe, let id = message.sequenceID {
                if id <= last { continue }
                last = id
            }
            if filter, message.responseID != WebSocketReplayPeer.responseID { continue }
            out.append(message.body)
            if !message.moreBody { break }
        }
        return out
    }

    @Test(arguments: ReplayCase.all)
    func captureRebuildsTheAnswer(_ replayCase: ReplayCase) async throws {
        let capture = replayCase.capture
        let transports = try await Self.replay(
            try capture.bytes(), cut: replayCase.cut, answer: capture.answer, completion: capture.completion)
        #expect(transports == ["WebSocket"])
    }

    @Test(.enabled(if: SeedStreams.available), arguments: Cut.allCases)
    func seedStreamsRebuildTheAnswer(_ cut: Cut) async throws {
        let streams = try SeedStreams.streams()
        #expect(streams.count == 2)
        for stream in streams {
            let transports = try await Self.replay(
                stream.bytes, cut: cut, answer: stream.answer, completion: .complete)
            #expect(transports == ["WebSocket"])
        }
    }

    /// The `wss_url` refuses the upgrade, or closes before the answer starts: the fallback URL
    /// serves the frames, and the answer arrives whole, once.
    @Test(arguments: [SocketBehavior.refuse, .closeAtOnce, .connectedThenClose])
    func failedPrimaryFallsBackToTheSecondURL(_ primary: SocketBehavior) async throws {
        let capture = Capture.deltaV1RawUTF8
        let transports = try await Self.replay(
            try capture.bytes(), cut: .sevenBytes, answer: capture.answer, completion: .complete, primary: primary)
        // A socket is announced when it delivers its first frame. The primary's `connected`
        // can be lost when its close overtakes it during the upgrade (swift-nio); the client's
        // pings then find the dead socket, and the fallback still delivers.
        let fallback = ["WebSocket (fallback URL)"]
        if primary == .connectedThenClose {
            #expect(transports == ["WebSocket"] + fallback || transports == fallback)
        } else {
            #expect(transports == fallback)
        }
    }

    /// A socket that upgrades, says `connected`, then goes silent (answering no ping) is left
    /// for the fallback URL once a ping goes unanswered, instead of holding the answer forever.
    @Test func silentSocketIsLeftWhenItAnswersNoPing() async throws {
        let bytes = try Capture.legacyCumulative.bytes()
        let expected = StreamReplay.run(bytes)
        let hits = Hits()
        let chunks = try #require(Cut.midLine.chunks(bytes))
        let peer = WebSocketReplayPeer(frames: WebSocketReplayPeer.frames(chunks), primary: .silent, hits: hits)
        let answer = try await peer.run { base in
            let handoff = WebSocketReplayPeer.handoff(
                authority: String(base.dropFirst("http://".count)), websocketRequestID: "ws-silent")
            let handshake = try #require(WebSocketHandshake.parse(Data(handoff.utf8)))
            // A pong waits behind the frames before it: the interval leaves room for a busy machine.
            let options = WebSocketAnswerStream.Options(pingInterval: .seconds(1))
            return try await withDeadline(60) {
                try await ReadAnswer.read(WebSocketAnswerStream.open(handshake, options: options, logger: testLogger))
            }
        }
        #expect(answer.transports == ["WebSocket", "WebSocket (fallback URL)"])
        #expect(answer.decoder.answerText == CaptureAnswers.legacyAnswer)
        #expect(answer.decoder.completion == expected.completion)
        #expect(await hits.count("primary") == 1)
        #expect(await hits.count("fallback") == 1)
    }

    /// The hand-off the peer answers parses as seed 001's shape, with URLs that have not expired.
    @Test func handoffHasSeedOnesShape() throws {
        let text = WebSocketReplayPeer.handoff(authority: "127.0.0.1:4242", websocketRequestID: "ws-request-1")
        let handshake = try #require(WebSocketHandshake.parse(Data(text.utf8)))
        let primary = "ws://127.0.0.1:4242/primary/client/hubs/conversations?access_token=replay-primary-token"
        #expect(handshake.wssURL == primary)
        #expect(handshake.fallbackWSSURL?.hasPrefix("ws://127.0.0.1:4242/fallback/") == true)
        #expect(handshake.expiresAt.map { $0 > Date() } == true)
        #expect(handshake.conversationID == WebSocketReplayPeer.conversationID)
        #expect(handshake.responseID == WebSocketReplayPeer.responseID)
        #expect(handshake.websocketRequestID == "ws-request-1")
        let keys = try FastJSON.parse(Data(text.utf8)).objectValue?.keys.sorted()
        #expect(
            keys == [
                "conversation_id", "expires_at", "fallback_wss_url", "response_id", "websocket_request_id", "wss_url",
            ])
    }
}
