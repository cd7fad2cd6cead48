import ChatClient
import ChatModel
import ChatServer
import ChatStore
import Foundation
import Testing

/// An engine that reports everything besides text: usage, follow-ups and a hidden note.
struct ExtrasEngine: AnswerEngine {
    var model: EngineModel {
        EngineModel(slug: "extras", title: "Extras", description: "", tags: [], maxTokens: 100)
    }

    func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
        AsyncThrowingStream {
            $0.yield("draft"); $0.finish()
        }
    }

    func pieces(_ request: EngineRequest) -> AsyncThrowingStream<EnginePiece, any Error> {
        AsyncThrowingStream { c in
            c.yield(.note(AnswerNote(kind: "verbose", label: "generate_answer_finish", text: "{}")))
            c.yield(.text("Paris is "))
            c.yield(.text("the capital"))
            c.yield(.replaceText("Paris is the capital of France."))
            c.yield(.followUps(["What about Lyon?", "\u{1B}[31mRed\u{1B}[0m question"]))
            c.yield(.usage(TokenUsage(promptTokens: 12, completionTokens: 7, latency: 0.5)))
            c.finish()
        }
    }

    func title(for prompt: String) async throws -> String { "Extras" }
}

/// Switching profile in the store, and an engine's extras reaching the pane, over real HTTP.
@Suite(.timeLimit(.minutes(2))) struct ProfileSwitchStoreTests {
    static func startServer(engine: any AnswerEngine, mode: StreamMode) async throws -> (
        ChatGPTClient, Task<Void, Never>
    ) {
        let server = BackendServer(
            configuration: ServerConfiguration(token: "t", defaultStreamMode: mode, saveInterval: .zero),
            archive: try Archive.inMemory(), engine: engine)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            try? await server.runEmbedded { port in continuation.yield(port) }
            continuation.finish()
        }
        var port = 0
        for await p in ports {
            port = p
            break
        }
        let client = ChatGPTClient(
            configuration: ChatGPTConfiguration(
                baseURL: "http://127.0.0.1:\(port)", credentials: .accessToken("t"), sourceName: "extras",
                retryDelay: .milliseconds(10)))
        return (client, task)
    }

    static func waitUntil(_ store: Store, _ what: String, _ condition: @Sendable (AppState) -> Bool) async -> AppState {
        for _ in 0..<2000 {
            let state = await store.state
            if condition(state) { return state }
            try? await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("timed out waiting for \(what)")
        return await store.state
    }

    @Test(arguments: [StreamMode.delta, .cumulative])
    func extrasReachTheAnswerAndTheFollowUpFillsTheInput(mode: StreamMode) async throws {
        let (client, task) = try await Self.startServer(engine: ExtrasEngine(), mode: mode)
        defer { task.cancel() }
        var state = AppState(width: 100, height: 30)
        state.backend = BackendInfo(name: "extras", sourceName: "extras")
        let store = Store(state: state, environment: StoreEnvironment(archive: try Archive.inMemory(), backend: client))
        await store.send(.started(width: 100, height: 30))
        await store.send(.newChat)
        await store.send(.focus(.input))
        await store.send(.edit(.insert("Capital of France?")))
        await store.send(.submit)
        let done = await Self.waitUntil(store, "the answer with its follow-ups") {
            $0.streams.isEmpty && $0.open?.turns.last?.followUps.count == 2
        }
        let turn = try #require(done.open?.turns.last)
        #expect(turn.text == "Paris is the capital of France.")
        #expect(turn.usage == TokenUsage(promptTokens: 12, completionTokens: 7, latency: 0.5))
        #expect(turn.notes == [AnswerNote(kind: "verbose", label: "generate_answer_finish", text: "{}")])
        let lines = try #require(done.open?.layout.lines)
        #expect(lines.contains { $0.kind == .followUp(index: 1) && $0.text.contains("alt+1 → What about Lyon?") })
        #expect(lines.contains { $0.kind == .followUp(index: 2) && !$0.text.contains("\u{1B}") })
        #expect(!lines.contains { $0.kind == .note }, "notes stay hidden until z")
        let shown = await store.send(.toggleReasoning)
        #expect(shown.open?.layout.lines.contains { $0.kind == .note && $0.text.contains("verbose") } == true)
        let picked = await store.send(.pickFollowUp(1))
        #expect(picked.input.text == "What about Lyon?")
        #expect(picked.focus == .input)
        #expect(await store.send(.pickFollowUp(3)).input.text == "What about Lyon?", "no third follow-up")
    }

    @Test func switchingProfileSwapsTheBackendAndListsItsConversations() async throws {
        let (first, firstTask) = try await Self.startServer(engine: OfflineEngine(pace: .zero), mode: .delta)
        let (second, secondTask) = try await Self.startServer(engine: ExtrasEngine(), mode: .delta)
        defer {
            firstTask.cancel()
            secondTask.cancel()
        }
        var state = AppState(width: 100, height: 30)
        state.backend = BackendInfo(name: "one", sourceName: "extras", kind: "local")
        state.profiles = [
            BackendInfo(name: "one", sourceName: "extras", kind: "local"),
            BackendInfo(name: "two", sourceName: "extras", model: "extras", kind: "openai"),
            BackendInfo(name: "broken", sourceName: "broken", kind: "dify"),
        ]
        var environment = StoreEnvironment(archive: try Archive.inMemory(), backend: first)
        environment.connectProfile = { name in
            guard name == "two" else { throw ClientError.unauthorized(detail: "no token for \(name)") }
            return (second, BackendInfo(name: "two", sourceName: "extras", model: "extras", kind: "openai"))
        }
        let store = Store(state: state, environment: environment)
        await store.send(.started(width: 100, height: 30))
        var now = await store.send(.pickProfile)
        guard case .profiles(let selected) = now.overlay else {
            Issue.record("no picker: \(String(describing: now.overlay))")
            return
        }
        #expect(selected == 0)
        await store.send(.move(1))
        now = await store.send(.openSelected)
        #expect(now.overlay == nil)
        #expect(now.switchingTo == "two")
        now = await Self.waitUntil(store, "the switch") { $0.backend?.name == "two" }
        #expect(now.switchingTo == nil)
        #expect(now.message?.text.contains("Profile two (openai)") == true)
        // The new backend answers the next message.
        await store.send(.newChat)
        await store.send(.focus(.input))
        await store.send(.edit(.insert("hi")))
        await store.send(.submit)
        let answered = await Self.waitUntil(store, "an answer from the second profile") {
            $0.streams.isEmpty && $0.open?.turns.last?.text == "Paris is the capital of France."
        }
        #expect(answered.open?.turns.last?.usage?.completionTokens == 7)
        // A profile that fails to connect leaves the current one in place.
        await store.send(.pickProfile)
        await store.send(.move(1))
        await store.send(.openSelected)
        now = await Self.waitUntil(store, "the failure") { $0.switchingTo == nil && $0.message?.kind == .error }
        #expect(now.backend?.name == "two")
        #expect(now.message?.text.contains("Could not switch to broken") == true)
    }
}
