import AsyncHTTPClient
import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Faults", .timeLimit(.minutes(2)))
struct DisconnectTests {
    /// A client that reads the stream until the first text delta and then goes away.
    /// Returns the conversation id the stream announced.
    static func sendAndDisconnect(port: Int) async throws -> String {
        let request = LiveAPI(port: port, host: "127.0.0.1").httpRequest(
            .POST, "/backend-api/conversation", text: WireJSON.string(.object(nextMessageBody("Count", model: nil))))
        let (found, sink) = AsyncStream<String>.makeStream()
        let reader = Task {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            var parser = SSEParser()
            var conversationID: String?
            for try await buffer in response.body {
                for event in parser.feed(buffer.readableBytesView) {
                    let json = try? FastJSON.parse(Data(event.data.utf8))
                    if let id = json?["v"]?["conversation_id"]?.stringValue { conversationID = id }
                    if json?["o"]?.stringValue == "append", let conversationID { sink.yield(conversationID) }
                }
            }
        }
        var iterator = found.makeAsyncIterator()
        let id = await iterator.next()
        reader.cancel()  // drops the connection mid-stream
        _ = try? await reader.value
        return try #require(id, "the stream ended before any text")
    }

    @Test func aClientDisconnectingMidStreamKeepsThePartialAndFreesTheStream() async throws {
        let server = try TestServer(engine: HeldEngine.ticking, mode: .delta)
        try await server.test(.live) { client in
            let id = try await Self.sendAndDisconnect(port: try #require(client.port))
            let deadline = ContinuousClock.now + .seconds(20)
            while server.server.activeStreams > 0 {
                try #require(ContinuousClock.now < deadline, "the stream was never freed")
                try await Task.sleep(for: .milliseconds(10))
            }
            let c = try ConversationJSON.decode(
                parse(try await API(client: client).get("/backend-api/conversation/\(id)")))
            let answer = try #require(c.mapping.values.compactMap(\.message).first { $0.author.role == .assistant })
            #expect(answer.content.displayText.hasPrefix("tick "))
            #expect(answer.status != "finished_successfully")
            #expect(answer.metadata["finish_details"]?["reason"] == .string("client_disconnected"))
        }
    }
}
