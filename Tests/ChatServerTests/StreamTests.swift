import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Streaming answers", .timeLimit(.minutes(2)))
struct StreamTests {
    /// Asks two prompts (one in Chinese) in `mode` and checks each stream against the offline
    /// engine's answer.
    static func eachAnswer(
        _ mode: StreamMode, _ check: @Sendable (API, ParsedStream, _ expected: String) async throws -> Void
    ) async throws {
        try await TestServer().test { client in
            let api = API(client: client)
            for prompt in ["Show me some Swift", "用中文回答：什么是树？"] {
                try await check(api, try await api.next(prompt, mode: mode), offlineAnswer(prompt))
            }
        }
    }

    @Test(arguments: StreamMode.sseForms)
    func bothFormsParseAndCarryTheEngineAnswer(mode: StreamMode) async throws {
        try await Self.eachAnswer(mode) { api, stream, expected in
            #expect(stream.form == mode)
            #expect(stream.text == expected)
            #expect(stream.status == "finished_successfully")
            #expect(stream.endTurn == true)
            #expect(stream.finishType == "stop")
            #expect(!stream.conversationID.isEmpty && !stream.assistantID.isEmpty)
            // Stored text equals the streamed text, CJK included.
            let c = try ConversationJSON.decode(
                parse(try await api.get("/backend-api/conversation/\(stream.conversationID)")))
            #expect(c.mapping[stream.assistantID]?.message?.content.displayText == expected)
        }
    }

    /// The client's decoders (the ones checked against real captures) accept both forms
    /// unchanged, see the answer complete, and skip nothing.
    @Test(arguments: StreamMode.sseForms)
    func theCaptureCheckedDecodersAcceptTheServersStreams(mode: StreamMode) async throws {
        try await Self.eachAnswer(mode) { _, stream, expected in
            var decoder = ChatGPTStreamDecoder()
            var appended = ""
            for event in stream.events {
                for streamEvent in decoder.decode(event) {
                    if case .textAppended(_, let suffix) = streamEvent { appended += suffix }
                }
            }
            #expect(decoder.answerText == expected)
            #expect(appended == expected)
            #expect(decoder.completion == .complete)
            #expect(decoder.skippedEvents == 0)
            #expect(decoder.conversationID == stream.conversationID)
        }
    }

    @Test func deltaStreamHasTheCapturedShape() async throws {
        try await TestServer().test { client in
            let stream = try await API(client: client).next("Hi", mode: .delta)
            let events = stream.events
            #expect(events[0] == SSEEvent(event: "delta_encoding", data: "\"v1\""))
            let add = try #require(events.first { $0.event == "delta" })
            let addJSON = try FastJSON.parse(Data(add.data.utf8))
            #expect(addJSON["p"] == .string("") && addJSON["o"] == .string("add") && addJSON["c"] == .number(0))
            #expect(addJSON["v"]?["message"]?["status"] == .string("in_progress"))
            #expect(add.data.hasPrefix("{\"p\": \"\", \"o\": \"add\", \"v\": {\"message\": {\"id\": "))
            let deltas = events.filter { $0.event == "delta" }
            #expect(deltas[1].data.hasPrefix("{\"p\": \"/message/content/parts/0\", \"o\": \"append\", \"v\": "))
            #expect(deltas[2].data.hasPrefix("{\"v\": "))
            #expect(deltas.last?.data.hasPrefix("{\"p\": \"\", \"o\": \"patch\", \"v\": [") == true)
            let tail = events.suffix(2).map(\.data)
            #expect(tail.first?.contains("message_stream_complete") == true)
            #expect(tail.last == "[DONE]")
        }
    }

    @Test func cumulativeStreamEchoesTheUserFirst() async throws {
        try await TestServer(mode: .cumulative).test { client in
            let stream = try await API(client: client).next("Hi")
            #expect(stream.form == .cumulative)
            let roles = try stream.events.dropLast().map {
                try FastJSON.parse(Data($0.data.utf8))["message"]?["author"]?["role"]?.stringValue
            }
            #expect(roles.prefix(3) == ["system", "user", "assistant"])
            #expect(stream.events.allSatisfy { $0.event == nil })
        }
    }

    @Test func stopKeepsThePartialAnswer() async throws {
        let server = try TestServer(engine: HeldEngine())
        try await server.test { client in
            let api = API(client: client)
            let streaming = Task { try await api.next("never ends") }
            // Wait (with a deadline) until the partial answer is in the archive.
            let deadline = ContinuousClock.now + .seconds(20)
            var conversationID: String?
            while conversationID == nil {
                try #require(ContinuousClock.now < deadline, "no partial answer was saved")
                let list = try await api.json("/backend-api/conversations")
                if let id = list["items"]?.arrayValue?.first?["id"]?.stringValue,
                    let c = try server.archive.conversation(id: id),
                    c.mapping.values.contains(where: { $0.message?.content.displayText == "alpha beta " })
                {
                    conversationID = id
                } else {
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            let id = try #require(conversationID)
            let stop = try await api.send(
                .post, "/backend-api/stop_conversation", .object(["conversation_id": .string(id)]))
            #expect(try parse(stop)["status"] == .string("ok"))
            let stream = try await streaming.value
            #expect(stream.text == "alpha beta ")
            #expect(stream.status == "finished_partial_completion")
            #expect(stream.finishType == "interrupted")
            let c = try #require(try server.archive.conversation(id: id))
            let answer = try #require(c.mapping[stream.assistantID]?.message)
            #expect(answer.content.displayText == "alpha beta ")
            #expect(answer.status == "finished_partial_completion")
            #expect(answer.metadata["finish_details"]?["reason"] == .string("client_stopped"))
            #expect(server.server.activeStreams == 0)
        }
    }

    @Test func liveServerStreamsOverASocket() async throws {
        try await TestServer().test(.live) { client in
            #expect(client.port != nil)
            let api = API(client: client)
            #expect(try await api.get("/backend-api/models", headers: [:]).status == .unauthorized)
            let stream = try await api.next("Over the wire", mode: .delta)
            let again = try await api.action(
                "variant", conversation: stream.conversationID, parent: stream.userID!,
                mode: .cumulative)
            #expect(stream.text.contains("Over the wire"))
            #expect(again.text.contains("answer 2"))
        }
    }
}

@Suite("Offline engine")
struct OfflineEngineTests {
    @Test func tokensJoinBackAndAnswersAreDeterministic() async throws {
        let request = EngineRequest(history: [TextMessage(role: .user, text: "你好 world")])
        let text = OfflineEngine.text(for: request)
        #expect(OfflineEngine.tokens(text).joined() == text)
        #expect(OfflineEngine.tokens(text).count > 20)
        var streamed = ""
        for try await chunk in OfflineEngine(pace: .zero).answer(request) { streamed += chunk }
        #expect(streamed == text)
        #expect(text.contains("```") && text.contains("- "))
        #expect(OfflineEngine.text(for: request) == text)
        let english = OfflineEngine.text(for: EngineRequest(history: [TextMessage(role: .user, text: "hi")]))
        #expect(english.contains("stand-in") && english.contains("```swift"))
    }

    @Test func wireTimesAndJSONReadBack() throws {
        let value: JSONValue = .object(["s": .string("é\"\n😀中"), "n": .number(1729089493.91924), "i": .number(3)])
        #expect(try FastJSON.parse(WireJSON.data(value)) == value)
        #expect(WireJSON.string(.object(["v": .string("中")])) == "{\"v\": \"\\u4e2d\"}")
    }
}
