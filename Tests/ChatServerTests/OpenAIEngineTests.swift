import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import ChatTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The in-stream error frame's text, if the stream has one.
func streamError(_ stream: ParsedStream) -> String? {
    stream.events.lazy.compactMap { event in
        (try? FastJSON.parse(Data(event.data.utf8)))?["error"]?.stringValue
    }.first
}

@Suite("OpenAI-compatible engine", .timeLimit(.minutes(2)))
struct OpenAIEngineTests {
    static func user(_ text: String) -> [String: String] { ["role": "user", "content": text] }
    static func assistant(_ text: String) -> [String: String] { ["role": "assistant", "content": text] }

    @Test func forwardsTheRootToParentPathAndStoresTheDeltas() async throws {
        try await OpenAIPeer.withEngine(model: "good", upstreamPath: "") { engine, log in
            let server = try TestServer(engine: engine)
            try await server.test { client in
                let api = API(client: client)
                let first = try await api.next("What is a forest?")
                let answer1 = OpenAIPeer.answerPieces(messageCount: 1).joined()
                #expect(first.text == answer1)
                #expect(first.status == "finished_successfully")
                let second = try await api.next(
                    "And a tree?", conversation: first.conversationID, parent: first.assistantID)
                // An edit of the second question: a sibling branch under the first answer.
                let edited = try await api.next(
                    "And a grove?", conversation: first.conversationID, parent: first.assistantID)
                let variant = try await api.action(
                    "variant", conversation: first.conversationID, parent: try #require(edited.userID))
                let more = try await api.action(
                    "continue", conversation: first.conversationID, parent: second.assistantID)

                let answer3 = OpenAIPeer.answerPieces(messageCount: 3).joined()
                let calls = log.calls
                #expect(
                    calls.map(\.messages) == [
                        [Self.user("What is a forest?")],
                        [Self.user("What is a forest?"), Self.assistant(answer1), Self.user("And a tree?")],
                        [Self.user("What is a forest?"), Self.assistant(answer1), Self.user("And a grove?")],
                        [Self.user("What is a forest?"), Self.assistant(answer1), Self.user("And a grove?")],
                        [
                            ["role": "system", "content": OpenAICompatibleEngine.continueInstruction],
                            Self.user("What is a forest?"), Self.assistant(answer1), Self.user("And a tree?"),
                            Self.assistant(answer3),
                        ],
                    ])
                #expect(calls.allSatisfy { $0.model == "good" && $0.stream })
                #expect(calls.allSatisfy { $0.authorization == "Bearer sk-test-secret" })
                #expect([second.text, edited.text, variant.text] == [answer3, answer3, answer3])
                #expect(more.text == OpenAIPeer.answerPieces(messageCount: 5).joined())

                // The stored answers equal the concatenated deltas.
                let c = try ConversationJSON.decode(
                    parse(try await api.get("/backend-api/conversation/\(first.conversationID)")))
                for stream in [first, second, edited, variant, more] {
                    #expect(c.mapping[stream.assistantID]?.message?.content.displayText == stream.text)
                    #expect(c.mapping[stream.assistantID]?.message?.status == "finished_successfully")
                }
                #expect(server.server.activeStreams == 0)
            }
        }
    }

    @Test(arguments: [
        ("denied", "the upstream answered 401 Unauthorized: Incorrect API key provided", ""),
        ("broken", "the upstream answered 500 Internal Server Error: CUDA out of memory", ""),
        ("midway", "the upstream reported an error: model crashed", "You sent 1 messages. "),
        ("cutoff", "the upstream closed the stream before [DONE]", "You sent 1 messages. "),
    ])
    func upstreamFailuresBecomeInStreamErrorsAndKeepThePartial(model: String, error: String, partial: String)
        async throws
    {
        try await OpenAIPeer.withEngine(model: model, upstreamPath: "") { engine, _ in
            let server = try TestServer(engine: engine)
            try await server.test { client in
                let api = API(client: client)
                let stream = try await api.next("Hi")
                #expect(streamError(stream) == "The engine failed: \(error)")
                #expect(stream.text == partial)
                #expect(stream.status == "finished_partial_completion")
                let c = try ConversationJSON.decode(
                    parse(try await api.get("/backend-api/conversation/\(stream.conversationID)")))
                let stored = try #require(c.mapping[stream.assistantID]?.message)
                #expect(stored.content.displayText == partial)
                #expect(stored.status == "finished_partial_completion")
                #expect(stored.metadata["finish_details"]?["reason"] == .string("engine_error"))
                #expect(!(streamError(stream) ?? "").contains("sk-test-secret"))
                #expect(server.server.activeStreams == 0)
            }
        }
    }

    @Test func titlesComeFromTheUpstreamAndFallBackToThePrompt() async throws {
        try await OpenAIPeer.withEngine(model: "good", upstreamPath: "") { engine, log in
            #expect(try await engine.title(for: "What is a forest?") == "Forests of Trees")
            let call = try #require(log.calls.last)
            #expect(!call.stream && call.messages.last == Self.user("What is a forest?"))
            #expect(call.messages.first?["role"] == "system")
        }
        try await OpenAIPeer.withEngine(model: "denied", upstreamPath: "") { engine, _ in
            let title = try await engine.title(for: "Tell me all about forests and trees please")
            #expect(title == "Tell me all about forests and")
        }
        try await OpenAIPeer.withEngine(model: "good", upstreamPath: "") { engine, _ in
            try await TestServer(engine: engine).test { client in
                let api = API(client: client)
                let stream = try await api.next("What is a forest?")
                let response = try await api.send(
                    .post, "/backend-api/conversation/gen_title/\(stream.conversationID)", .object([:]))
                #expect(try parse(response)["title"] == .string("Forests of Trees"))
            }
        }
    }

    @Test func cancellingTheConsumerStopsTheUpstreamRequest() async throws {
        try await OpenAIPeer.withEngine(model: "hang", upstreamPath: "") { engine, log in
            let (chunks, sink) = AsyncStream<String>.makeStream()
            let consumer = Task {
                for try await chunk in engine.answer(EngineRequest(history: [TextMessage(role: .user, text: "Hi")])) {
                    sink.yield(chunk)
                }
            }
            var iterator = chunks.makeAsyncIterator()
            #expect(await iterator.next() == "You sent 1 ")
            consumer.cancel()
            _ = try? await consumer.value
            let deadline = ContinuousClock.now + .seconds(20)
            while !log.events.contains("hang ended") {
                try #require(ContinuousClock.now < deadline, "the upstream kept streaming after the cancel")
                try await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    @Test func anUnreachableUpstreamIsOneLine() async throws {
        let engine = try OpenAICompatibleEngine(upstream: "http://127.0.0.1:1/v1", model: "m", apiKey: "sk-secret")
        do {
            for try await _ in engine.answer(EngineRequest(history: [TextMessage(role: .user, text: "Hi")])) {}
            Issue.record("no error")
        } catch let error as EngineError {
            #expect(error.description.hasPrefix("cannot reach the upstream http://127.0.0.1:1/v1/chat/completions: "))
            #expect(!error.description.contains("\n") && !error.description.contains("sk-secret"))
        }
        #expect(!everyDescription(of: engine).contains("sk-secret"))
    }

    @Test func badConfigurationIsRejected() {
        #expect(throws: EngineError("the upstream \"localhost:11434\" is not an http:// or https:// URL")) {
            try OpenAICompatibleEngine(upstream: "localhost:11434", model: "m", apiKey: nil)
        }
        #expect(throws: EngineError("the upstream model slug is empty")) {
            try OpenAICompatibleEngine(upstream: "http://localhost:11434", model: " ", apiKey: nil)
        }
    }

    @Test func messagesKeepTheConversationRolesOnly() {
        let history = [
            TextMessage(role: .system, text: ""), TextMessage(role: .system, text: "Be brief."),
            TextMessage(role: .user, text: "Q"), TextMessage(role: .tool, text: "tool output"),
            TextMessage(role: .assistant, text: "A partial"),
        ]
        #expect(
            OpenAICompatibleEngine.messages(for: EngineRequest(history: history)).map(\.role) == [
                "system", "user", "assistant",
            ])
        let more = OpenAICompatibleEngine.messages(for: EngineRequest(history: history, action: .continue))
        #expect(more.first?.content == "Be brief.\n\n" + OpenAICompatibleEngine.continueInstruction)
        #expect(more.last == .init(role: "assistant", content: "A partial"))
    }

    @Test(arguments: [
        ("Title: \"Forests of Trees.\"", "Forests of Trees"),
        (
            "<think>hmm\nlong</think>\n\n**Why Trees Grow Tall and Strong Every Single Year**",
            "Why Trees Grow Tall and Strong"
        ),
        ("「森林与树木的故事以及更多内容」", "森林与树木的故事以及更多"),
        ("  \n", nil),
        ("<think>never closed", nil),
    ])
    func titlesAreCleaned(answer: String, title: String?) {
        #expect(OpenAICompatibleEngine.cleanTitle(answer) == title)
    }
}
