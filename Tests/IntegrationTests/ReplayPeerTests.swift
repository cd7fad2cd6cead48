import ChatClient
import ChatModel
import ChatProtocol
import ChatTestPeers
import ChatTestSupport
import Foundation
import Hummingbird
import Testing

/// A peer whose `POST /backend-api/conversation` answers with captured ChatGPT streams, cut
/// into awkward writes: `ChatGPTClient.send` must rebuild the captured answer from any cut.
@Suite("Replay peer", .enabled(if: Fixtures.available), .timeLimit(.minutes(2)))
struct ReplayPeerTests {
    /// A peer that streams `chunks` to every send, and counts the sends.
    static func replayPeer(
        _ chunks: [[UInt8]], pause: Duration = .zero, drop: Bool = false, gate: Gate? = nil, hits: Hits
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/backend-api/conversation") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            await hits.record("send")
            return sseResponse(chunks, pause: pause, drop: drop, gate: gate)
        }
        return router
    }

    /// Sends once to a replay peer and checks the items against `StreamReplay` of the same bytes.
    static func replay(_ bytes: [UInt8], cut: Cut, answer: String, completion: StreamCompletion) async throws {
        let chunks = try #require(cut.chunks(bytes), "nothing to cut with \(cut)")
        #expect(chunks.joined().elementsEqual(bytes))
        let expected = StreamReplay.run(bytes)
        let hits = Hits()
        let received = try await withPeer(replayPeer(chunks, pause: cut.pause, hits: hits)) { base in
            await receive(makeClient(base).send(nextRequest("Hello")))
        }
        #expect(received.error == nil)
        #expect(received.items.first == .transport("SSE"))
        #expect(received.transcript.answerText == answer)
        #expect(received.events == expected.events)
        #expect(received.completion == expected.completion)
        #expect(received.completion == completion)
        #expect(received.items.filter { if case .finished = $0 { true } else { false } }.count == 1)
        #expect(await hits.count("send") == 1)
    }

    @Test(arguments: ReplayCase.all)
    func captureRebuildsTheAnswer(_ replayCase: ReplayCase) async throws {
        let capture = replayCase.capture
        try await Self.replay(
            try capture.bytes(), cut: replayCase.cut, answer: capture.answer, completion: capture.completion)
    }

    @Test(.enabled(if: SeedStreams.available), arguments: Cut.allCases)
    func seedStreamsRebuildTheAnswer(_ cut: Cut) async throws {
        let streams = try SeedStreams.streams()
        #expect(streams.count == 2)
        #expect(streams.first?.answer.hasPrefix("你好，我是ChatGPT，是一款基于GPT-3.5架构") == true)
        #expect(streams.last?.answer.hasPrefix("当然，很高兴能够向你介绍一下我自己！") == true)
        for stream in streams {
            try await Self.replay(stream.bytes, cut: cut, answer: stream.answer, completion: .complete)
        }
    }

    /// The raw-UTF-8 variant really has characters to split, and means the same as the capture.
    @Test func rawUTF8VariantKeepsTheCapturesMeaning() throws {
        let escaped = try Capture.deltaV1.bytes()
        let raw = try Capture.deltaV1RawUTF8.bytes()
        #expect(raw.count < escaped.count)
        #expect(raw.contains { $0 >= 0x80 })
        #expect(StreamReplay.run(raw).events == StreamReplay.run(escaped).events)
    }

    /// About half the capture: its complete events up to the middle, then part of the next line.
    static func firstHalf(_ bytes: [UInt8]) throws -> [UInt8] {
        let ends = Cut.ranges(of: [0x0A, 0x0A], in: bytes).filter { $0 < bytes.count / 2 }
        return Array(bytes.prefix(try #require(ends.last) + 2 + 9))
    }

    /// The server writes half the capture, waits until the client has yielded every event in it,
    /// then drops the connection: the partial answer arrives, then an incomplete finish, then a
    /// transport error.
    @Test(arguments: [Capture.deltaV1, .legacyCumulative, .devMaster])
    func streamCutInHalfKeepsThePartialAnswer(_ capture: Capture) async throws {
        let half = try Self.firstHalf(try capture.bytes())
        let expected = StreamReplay.run(half)
        #expect(!expected.answerText.isEmpty)
        #expect(expected.answerText != capture.answer)
        let hits = Hits()
        let gate = Gate()
        defer { gate.open() }
        let peer = Self.replayPeer(Pieces.fixed(half, 7), drop: true, gate: gate, hits: hits)
        let received = try await withPeer(peer) { base in
            var received = Received()
            do {
                for try await item in makeClient(base).send(nextRequest("Hello")) {
                    received.items.append(item)
                    if received.events.count == expected.events.count { gate.open() }
                }
            } catch {
                received.error = error
            }
            return received
        }
        #expect(received.items.first == .transport("SSE"))
        #expect(received.events == expected.events)
        let partial = received.transcript.answerText
        #expect(partial == expected.answerText)
        #expect(capture.answer.hasPrefix(partial))
        #expect(received.completion == .incomplete(.noConfirmation))
        guard case .transport(let why)? = received.clientError else {
            Issue.record("expected a transport error, got \(String(describing: received.error))")
            return
        }
        #expect(why.contains("dropped"))
        #expect(await hits.count("send") == 1)
    }

    /// The same drop without waiting for the client. AsyncHTTPClient discards body bytes it has
    /// read but not yet handed over when the connection then fails, so only a prefix of the
    /// partial answer is certain to arrive; the stream still finishes incomplete, then throws.
    @Test(arguments: [Capture.deltaV1, .devMaster])
    func abruptDropStillFinishesIncompleteThenThrows(_ capture: Capture) async throws {
        let half = try Self.firstHalf(try capture.bytes())
        let expected = StreamReplay.run(half)
        let received = try await withPeer(Self.replayPeer(Pieces.fixed(half, 7), drop: true, hits: Hits())) { base in
            await receive(makeClient(base).send(nextRequest("Hello")))
        }
        #expect(received.items.first == .transport("SSE"))
        #expect(expected.answerText.hasPrefix(received.transcript.answerText))
        #expect(received.completion == .incomplete(.noConfirmation))
        #expect(received.items.filter { if case .finished = $0 { true } else { false } }.count == 1)
        guard case .transport? = received.clientError else {
            Issue.record("expected a transport error, got \(String(describing: received.error))")
            return
        }
    }

    /// A peer that checks what the client sends: the headers and the JSON body of PROTOCOL.md §1.5.
    @Test func sendPostsTheWebClientsBody() async throws {
        let bodies = Hits()
        let capture = try Capture.legacyCumulative.bytes()
        let router = Router()
        router.post("/backend-api/conversation") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            await bodies.record("body", note: String(decoding: body.readableBytesView, as: UTF8.self))
            await bodies.record("accept", note: request.headers[.accept] ?? "")
            await bodies.record("auth", note: request.headers[.authorization] ?? "")
            await bodies.record("extra", note: request.headers[.init("X-Extra")!] ?? "")
            return sseResponse([capture])
        }
        let request = ChatRequest(
            action: .next, conversationID: "conv-1", parentMessageID: "parent-1",
            messages: [TextMessage(id: "user-1", text: "你好 there")], model: "gpt-4o",
            websocketRequestID: "ws-1")
        let received = try await withPeer(router) { base in
            await receive(makeClient(base, extraHeaders: [("X-Extra", "yes")]).send(request))
        }
        #expect(received.transcript.answerText == CaptureAnswers.legacyAnswer)
        #expect(await bodies.notes("accept") == ["text/event-stream"])
        #expect(await bodies.notes("auth") == ["Bearer peer-token"])
        #expect(await bodies.notes("extra") == ["yes"])
        let text = try #require(await bodies.notes("body").first)
        let body = try FastJSON.parse(Data(text.utf8))
        #expect(body["action"] == .string("next"))
        #expect(body["conversation_id"] == .string("conv-1"))
        #expect(body["parent_message_id"] == .string("parent-1"))
        #expect(body["model"] == .string("gpt-4o"))
        #expect(body["websocket_request_id"] == .string("ws-1"))
        #expect(body["force_use_sse"] == .bool(false))
        let message = try #require(body["messages"]?.arrayValue?.first)
        #expect(message["id"] == .string("user-1"))
        #expect(message["author"]?["role"] == .string("user"))
        #expect(message["content"]?["content_type"] == .string("text"))
        #expect(message["content"]?["parts"] == .array([.string("你好 there")]))
    }
}
