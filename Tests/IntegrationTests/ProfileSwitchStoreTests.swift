import ChatArchive
import ChatClient
import ChatModel
import ChatServer
import ChatStore
import ChatTestPeers
import Foundation
import Testing

/// An engine that reports everything besides text: usage, follow-ups and a hidden note.
let extrasEngine = ScriptedEngine(
    script: [
        .note(AnswerNote(kind: "verbose", label: "generate_answer_finish", text: "{}")), .text("Paris is "),
        .text("the capital"), .replaceText("Paris is the capital of France."),
        .followUps(["What about Lyon?", "\u{1B}[31mRed\u{1B}[0m question"]),
        .usage(TokenUsage(promptTokens: 12, completionTokens: 7, latency: 0.5)),
    ],
    model: ModelInfo(slug: "extras", title: "Extras", description: "", tags: [], maxTokens: 100))

/// Switching profile in the store, and an engine's extras reaching the pane, over real HTTP.
@Suite(.timeLimit(.minutes(2))) struct ProfileSwitchStoreTests {
    /// A store on `client` with `profiles` (the first is the current one; without any, the
    /// client's source), and the profile connector when given.
    static func store(
        _ client: ChatGPTClient, profiles: [BackendInfo] = [],
        connect: (@Sendable (String) async throws -> (any ChatBackend, BackendInfo))? = nil
    ) throws -> Store {
        var state = AppState(width: 100, height: 30)
        state.backend = profiles.first ?? BackendInfo(name: "extras", sourceName: client.sourceName)
        state.profiles = profiles
        var environment = StoreEnvironment(archive: try Archive.inMemory(), backend: client)
        if let connect { environment.connectProfile = connect }
        return Store(state: state, environment: environment)
    }

    @Test(arguments: [StreamMode.delta, .cumulative])
    func extrasReachTheAnswerAndTheFollowUpFillsTheInput(mode: StreamMode) async throws {
        let server = try await TestServer(engine: extrasEngine).start()
        defer { server.task.cancel() }
        let store = try Self.store(server.client(mode: mode))
        await store.send(.terminal(.started(width: 100, height: 30)))
        await store.ask("Capital of France?")
        let done = await store.waitUntil("the answer with its follow-ups") {
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
        let shown = await store.send(.command(.toggleReasoning))
        #expect(shown.open?.layout.lines.contains { $0.kind == .note && $0.text.contains("verbose") } == true)
        let picked = await store.send(.user(.pickFollowUp(1)))
        #expect(picked.input.text == "What about Lyon?")
        #expect(picked.focus == .input)
        #expect(await store.send(.user(.pickFollowUp(3))).input.text == "What about Lyon?", "no third follow-up")
    }

    @Test func switchingProfileSwapsTheBackendAndListsItsConversations() async throws {
        let first = try await TestServer().start()
        let second = try await TestServer(engine: extrasEngine).start()
        defer {
            first.task.cancel()
            second.task.cancel()
        }
        try await Self.switchProfiles(first: first.client(), second: second.client())
    }

    /// Starts on `first`, switches to the profile `two` (connected to `second`), which answers
    /// the next message, then fails to switch to `broken` and stays on `two`.
    static func switchProfiles(first: ChatGPTClient, second: ChatGPTClient) async throws {
        let source = first.sourceName
        let two = BackendInfo(name: "two", sourceName: source, model: "extras", kind: "openai")
        let store = try Self.store(
            first,
            profiles: [
                BackendInfo(name: "one", sourceName: source, kind: "local"), two,
                BackendInfo(name: "broken", sourceName: "broken", kind: "dify"),
            ],
            connect: { name in
                guard name == "two" else { throw ClientError.unauthorized(detail: "no token for \(name)") }
                return (second, two)
            })
        await store.send(.terminal(.started(width: 100, height: 30)))
        var now = await store.send(.command(.pickProfile))
        guard case .profiles(let selected) = now.overlay else {
            Issue.record("no picker: \(String(describing: now.overlay))")
            return
        }
        #expect(selected == 0)
        await store.send(.command(.selectNext))
        now = await store.send(.command(.open))
        #expect(now.overlay == nil)
        #expect(now.switchingTo == "two")
        now = await store.waitUntil("the switch") { $0.backend?.name == "two" }
        #expect(now.switchingTo == nil)
        #expect(now.message?.text.contains("Profile two (openai)") == true)
        // The new backend answers the next message.
        await store.ask("hi")
        let answered = await store.waitUntil("an answer from the second profile") {
            $0.streams.isEmpty && $0.open?.turns.last?.text == "Paris is the capital of France."
        }
        #expect(answered.open?.turns.last?.usage?.completionTokens == 7)
        // A profile that fails to connect leaves the current one in place.
        await store.send(.command(.pickProfile))
        await store.send(.command(.selectNext))
        await store.send(.command(.open))
        now = await store.waitUntil("the failure") { $0.switchingTo == nil && $0.message?.kind == .error }
        #expect(now.backend?.name == "two")
        #expect(now.message?.text.contains("Could not switch to broken") == true)
    }
}
