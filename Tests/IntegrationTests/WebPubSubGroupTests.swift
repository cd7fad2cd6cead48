import ChatModel
import ChatProtocol
import ChatTestPeers
import Foundation
import Testing

@testable import ChatClient

/// A send against a service whose answers go to a Web PubSub group (PROTOCOL.md §3a, seed 001):
/// the frames reach only the sockets connected when the message is posted, and a socket that
/// joins later stays open and silent. The client must open its socket first, as the web page
/// does, and must never wait for ever on a silent one.
@Suite("WebSocket answers from a Web PubSub group", .timeLimit(.minutes(2)))
struct WebPubSubGroupTests {
    static func transports(_ received: Received) -> [String] {
        received.items.compactMap { item in
            if case .transport(let how) = item { return how }
            return nil
        }
    }

    @Test func sendOpensItsSocketBeforePostingAndGetsTheWholeAnswer() async throws {
        let hits = Hits()
        let peer = WebPubSubGroupPeer(hits: hits)
        let received = try await peer.run { base in
            try await finished(within: .seconds(30)) {
                await receive(makeClient(base).send(nextRequest("Who hears a group?")))
            }
        }
        let answer = try #require(received, "the send still waited after 30 s")
        #expect(answer.error == nil)
        #expect(answer.transcript.answerText == WebPubSubGroupPeer.answer)
        #expect(answer.completion == .complete)
        #expect(answer.conversationID == WebPubSubGroupPeer.conversationID)
        #expect(Self.transports(answer) == ["WebSocket"])
        // The web page's order: register, connect, then post; nothing was re-read.
        #expect(await hits.notes("order") == ["register", "socket", "send"])
        #expect(await hits.count("detail") == 0)
    }

    @Test func aSilentSocketMakesTheClientReadTheConversationWithinTheTimeout() async throws {
        let hits = Hits()
        let peer = WebPubSubGroupPeer(publishes: false, hits: hits)
        let silence = Duration.milliseconds(600)
        let clock = ContinuousClock()
        let (received, elapsed) = try await peer.run { base in
            let client = ChatGPTClient(
                configuration: ChatGPTConfiguration(
                    baseURL: base, credentials: .accessToken("peer-token"), retryDelay: .milliseconds(1),
                    webSocketSilence: silence))
            let start = clock.now
            let received = try await finished(within: .seconds(30)) {
                await receive(client.send(nextRequest("Is anyone there?")))
            }
            return (received, clock.now - start)
        }
        let answer = try #require(received, "the send still waited on a silent socket after 30 s")
        #expect(answer.error == nil)
        #expect(answer.transcript.answerText == WebPubSubGroupPeer.answer)
        #expect(answer.completion == .complete)
        // The status says, in words, why the answer comes from the conversation.
        let said = Self.transports(answer)
        #expect(said.first == "WebSocket")
        #expect(
            said.last
                == "no answer on the WebSocket for 0.6 s: reading it from the conversation (later answers will use SSE)"
        )
        #expect(await hits.notes("order") == ["register", "socket", "send", "detail"])
        // Read after the silence, well before a person would give up.
        #expect(elapsed >= silence)
        #expect(elapsed < .seconds(6))
    }

    @Test func aFinishedAnswerIsTakenFromTheConversationWhenEveryFrameWasLost() async throws {
        // Today's order (post, then connect) against the group: the sockets join too late.
        let hits = Hits()
        let peer = WebPubSubGroupPeer(hits: hits)
        let received = try await peer.run { base in
            let client = ChatGPTClient(
                configuration: ChatGPTConfiguration(
                    baseURL: base, credentials: .accessToken("peer-token"), retryDelay: .milliseconds(1),
                    webSocketSilence: .milliseconds(400)))
            let data = try await client.raw(.POST, "/backend-api/conversation", body: .object([:]))
            try await Task.sleep(for: .milliseconds(100))  // the answer has gone to nobody
            return try await finished(within: .seconds(30)) {
                let request = nextRequest("Late")
                return await receive(
                    .producing { continuation in
                        try await client.streamHandoff(data, request: request, into: continuation)
                    })
            }
        }
        let answer = try #require(received, "the hand-off still waited after 30 s")
        #expect(answer.error == nil)
        #expect(answer.transcript.answerText == WebPubSubGroupPeer.answer)
        #expect(answer.completion == .complete)
        #expect(await hits.count("detail") == 1)
    }
}
