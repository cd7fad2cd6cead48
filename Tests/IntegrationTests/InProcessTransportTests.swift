import ChatClient
import ChatModel
import ChatServer
import ChatTestPeers
import Foundation
import Logging
import Testing

/// `ChatGPTClient` reaching the project's `BackendServer` through `InProcessTransport`: the same
/// requests and answers as over a socket (chatterm-bench's `stream --in-process` figures rest
/// on this), and a reader that stops still leaves the server a partial answer.
@Suite(.timeLimit(.minutes(1)))
struct InProcessTransportTests {
    static func client(_ backend: TestServer) -> ChatGPTClient {
        ChatGPTClient(
            configuration: ChatGPTConfiguration(
                baseURL: "http://in-process", credentials: .accessToken(TestServer.token),
                retryDelay: .milliseconds(1)),
            http: InProcessTransport(backend.server, logger: Logger(label: "test")))
    }

    @Test func anAnswerStreamsAndIsStoredAsOverASocket() async throws {
        let backend = try TestServer()
        let client = Self.client(backend)
        let prompt = "Show me a list and some Swift"
        let received = await receive(client.send(nextRequest(prompt)))
        #expect(received.error == nil)
        #expect(received.completion == .complete)
        #expect(received.transcript.answerText == LocalServerClientTests.engineText(prompt))
        let id = try #require(received.conversationID)
        let fetched = try await client.conversation(id: id)
        let answerID = try #require(received.transcript.answerID)
        #expect(fetched.conversation.mapping[answerID]?.message?.content.streamedText == received.transcript.answerText)
        let page = try await client.listConversations(offset: 0, limit: 10, archived: false)
        #expect(page.items.map(\.id) == [id])
    }

    @Test func aWrongTokenIsRefusedAsOverASocket() async throws {
        let backend = try TestServer()
        let client = ChatGPTClient(
            configuration: ChatGPTConfiguration(baseURL: "http://in-process", credentials: .accessToken("wrong")),
            http: InProcessTransport(backend.server, logger: Logger(label: "test")))
        do {
            _ = try await client.listConversations(offset: 0, limit: 10, archived: false)
            Issue.record("a wrong token was accepted")
        } catch let error as ClientError {
            // The router's refusal arrives as the 401 response a socket would carry, not as a thrown error.
            guard case .unauthorized = error else {
                Issue.record("expected unauthorized, got \(error)")
                return
            }
        }
    }

    @Test func aReaderThatStopsLeavesThePartialAnswerStored() async throws {
        let backend = try TestServer(engine: OfflineEngine(pace: LocalServerClientTests.slowPace))
        let client = Self.client(backend)
        let id = try await abandonAfterTwoDeltas(client)
        let answer = try await closedAnswer(client, conversationID: id)
        #expect(answer?.status == "finished_partial_completion", "the server saw the reader go and kept what it had")
        #expect(answer?.metadata["finish_details"]?["reason"] == .string("client_disconnected"))
        #expect(backend.server.activeStreams == 0)
    }
}
