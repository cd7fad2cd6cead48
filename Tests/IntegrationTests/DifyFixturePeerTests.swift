import ChatClient
import ChatModel
import ChatProtocol
import ChatTestPeers
import ChatTestSupport
import Foundation
import Hummingbird
import Testing

/// The Dify fixtures in ../shared/fixtures, served by the fake peer over real HTTP in 7-byte
/// writes: the client rebuilds the captured answers and histories.
@Suite("Dify fixtures over HTTP", .enabled(if: Fixtures.available), .timeLimit(.minutes(2)))
struct DifyFixturePeerTests {
    static let docName = "dify_service_api_doc_samples_template_chat_en.txt"
    static let realName = "dify_console_chat_stream_and_messages_2025-03_v0.15.3_real.txt"

    /// The lines after the line starting with `start`, up to the next line starting with `end`.
    static func section(_ name: String, from start: String, to end: String?) throws -> String {
        let text = String(decoding: try #require(Fixtures.data(name), "fixture \(name) is missing"), as: UTF8.self)
        let lines = text.components(separatedBy: "\n")
        let first = try #require(lines.firstIndex { $0.hasPrefix(start) })
        let last = end.flatMap { end in lines[(first + 1)...].firstIndex { $0.hasPrefix(end) } } ?? lines.endIndex
        return lines[(first + 1)..<last].joined(separator: "\n")
    }

    /// The doc's stream as printed: `data:` lines without blank lines between them.
    static func docStream() throws -> [UInt8] {
        let section = try section(Self.docName, from: "### POST /chat-messages", to: "# NOTE (doc)")
        return Array(
            (section.components(separatedBy: "\n").filter { $0.hasPrefix("data:") }.joined(separator: "\n") + "\n").utf8
        )
    }

    @Test func docStreamWithoutBlankLinesArrivesWhole() async throws {
        let book = DifyPeerBook()
        let received = try await withPeer(DifyPeer.router(book, stream: try Self.docStream())) { base in
            await receive(makeDifyClient(base).send(nextRequest("iphone 13 pro")))
        }
        #expect(received.error == nil)
        #expect(received.transcript.answerText == " I'm glad to meet you")
        #expect(received.conversationID == "45701982-8118-4bc5-8e9b-64562b4555f2")
        #expect(received.transcript.answerID == "5ad4cb98-f0c7-4085-b384-88c403be6290")
        #expect(received.completion == .complete)
    }

    @Test func realCaptureStreams() async throws {
        let stream = try Self.section(Self.realName, from: "### (1) SSE", to: "### (2) JSON")
        let received = try await withPeer(DifyPeer.router(DifyPeerBook(), stream: Array(stream.utf8))) { base in
            await receive(makeDifyClient(base).send(nextRequest("asdasdsad", userID: "u-real")))
        }
        #expect(received.error == nil)
        #expect(received.transcript.answerText == "It")
        #expect(received.answerParentID == "u-real")
        #expect(received.conversationID == "0524ffca-4a81-41b9-ac1e-9c529200bf33")
        #expect(received.completion == .complete)
        let usage = received.events.compactMap { event -> TokenUsage? in
            if case .messageUpdated(let message) = event { return message.tokenUsage }
            return nil
        }
        #expect(usage.last?.totalTokens == 125)
    }

    @Test(arguments: [
        ("### GET /messages?user", "# NOTE: the doc sample above", "a076a87f-31e5-48dc-b452-0061adbbc922"),
        ("### GET /messages  (Agent", "### GET /conversations", "d35e006c-7c4d-458f-9142-be4930abdf94"),
    ])
    func docHistoriesAreRead(start: String, end: String, messageID: String) async throws {
        let body = try Self.section(Self.docName, from: start, to: end)
        let fetched = try await withPeer(DifyPeer.router(DifyPeerBook(), messagesBody: body)) { base in
            try await makeDifyClient(base).conversation(id: "doc")
        }
        let c = fetched.conversation
        #expect(c.mapping.count == 3)
        #expect(c.currentNode == messageID)
        #expect(c.mapping[DifyHistory.queryNodeID(messageID)]?.parent == DifyHistory.rootID)
        #expect(try FastJSON.decodeConversation(fetched.raw) == c)
    }

    @Test func realConsoleHistoryKeepsItsUsage() async throws {
        let body = try Self.section(Self.realName, from: "### (2) JSON", to: nil)
        let fetched = try await withPeer(DifyPeer.router(DifyPeerBook(), messagesBody: body)) { base in
            try await makeDifyClient(base).conversation(id: "0524ffca-4a81-41b9-ac1e-9c529200bf33")
        }
        let answer = fetched.conversation.mapping["6ab5e1cc-8bf5-48c5-8a1f-4c5567fe16a7"]?.message
        #expect(answer?.tokenUsage == TokenUsage(promptTokens: 80, completionTokens: 45, latency: 0.9878950329994041))
    }
}
