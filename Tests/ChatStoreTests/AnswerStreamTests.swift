import ChatClient
import ChatModel
import Testing

@testable import ChatStore

/// Sending a prompt and its answer streaming in, stopped or failing, through ``TestStore``:
/// every state change and every effect is stated, and the fake backend's answer is fed item
/// by item.
@Suite(.timeLimit(.minutes(1))) struct AnswerStreamTests {
    typealias F = AnswerFixtures

    /// The request a new chat's first prompt makes (ids `id-1` for the message, `id-2` for the request).
    static func firstRequest(_ text: String) -> ChatRequest {
        ChatRequest(
            action: .next, conversationID: nil, parentMessageID: F.root,
            messages: [TextMessage(id: "id-1", text: text)],
            websocketRequestID: "id-2")
    }

    /// Sends `text` from an empty new chat.
    static func sendFirstPrompt(_ store: TestStore, _ text: String) {
        let request = firstRequest(text)
        store.send(.command(.send)) {
            $0.open = .newChat(
                key: "pending:id-2", source: "fake", createTime: TestStore.date, width: $0.geometry.paneColumns,
                showReasoning: false, continueKey: $0.continueKey)
            $0.open?.upsert(F.prompt("id-1", text), parent: F.root, follow: true)
            $0.input = TextEditor()
            var stream = ActiveStream(request: request, openKey: "pending:id-2", startedAt: 0)
            stream.userMessage = TextMessage(id: "id-1", text: text)
            $0.streams["id-2"] = stream
            $0.message = StatusMessage("Sending…")
        }
        store.expectEffects([.startStream(request), .saveDraft(key: "", draft: TextEditor())])
    }

    /// The server names the conversation `c1` and starts answer `a1`.
    static func answerStarts(_ store: TestStore) async {
        store.backend.yield(.event(.conversationID("c1")), F.answerStarted("a1", parent: "id-1"), to: "id-2")
        await store.receive(.stream(id: "id-2", .item(.event(.conversationID("c1"))))) {
            $0.streams["id-2"]?.acknowledged = true
            $0.streams["id-2"]?.conversationID = "c1"
            $0.streams["id-2"]?.openKey = "c1"
            $0.open?.id = "c1"
        }
        store.expectEffects([.saveSetting(key: Reducer.lastOpenSetting, value: "c1")])
        await store.receive(.stream(id: "id-2", .item(F.answerStarted("a1", parent: "id-1")))) {
            $0.streams["id-2"]?.answerID = "a1"
            $0.open?.liveAnswerIDs.insert("a1")
            // Blank, the answer is not shown yet.
            $0.open?.upsert(F.emptyAnswer("a1"), parent: "id-1", follow: true)
        }
    }

    /// Text for `a1` arrives at `time`; `total` characters of it so far.
    static func receiveText(_ store: TestStore, _ text: String, at time: Double, total: Int, first: Double) async {
        store.now = time
        let before = store.state.streams["id-2"]?.estimatedTokens ?? 0
        store.backend.yield(F.text(text), to: "id-2")
        await store.receive(.stream(id: "id-2", .item(F.text(text)))) {
            $0.streams["id-2"]?.answerCharacters = total
            $0.streams["id-2"]?.estimatedTokens = TokenEstimate.tokens(in: text) + before
            $0.streams["id-2"]?.firstTextAt = first
            $0.streams["id-2"]?.lastTextAt = time
            $0.open?.append(text, to: "a1")
            // Shown from its first text, and followed.
            $0.open?.selected = 1
        }
    }

    @Test func sendingAPromptShowsItAtOnceAndAsksForTheAnswer() async {
        let store = TestStore(F.newChat(draft: "Hello"))
        Self.sendFirstPrompt(store, "Hello")
        #expect(store.state.open?.turns.map(\.text) == ["Hello"])
        #expect(store.backend.requests == [Self.firstRequest("Hello")])
        // The server closes the stream without a word: nothing more happens.
        store.backend.finish("id-2")
        await store.receive(.stream(id: "id-2", .ended)) {
            $0.streams["id-2"] = nil
        }
    }

    @Test func deltasGrowTheAnswerAndTheEndReportsItsFigures() async {
        let store = TestStore(F.newChat(draft: "Hello"))
        Self.sendFirstPrompt(store, "Hello")
        await Self.answerStarts(store)
        await Self.receiveText(store, "Hel", at: 1.0, total: 3, first: 1.0)
        await Self.receiveText(store, "lo, ", at: 1.5, total: 7, first: 1.0)
        await Self.receiveText(store, "world", at: 2.0, total: 12, first: 1.0)
        #expect(store.state.open?.turns.last?.text == "Hello, world")
        // 12 characters are about 3 tokens (an estimate: ≈), over the second between the first and last text.
        await store.finishAnswer("a1", stream: "id-2", message: "Answer complete · first text after 1.00 s · ≈3 tok/s")
        // A new chat's title comes first, then the server's copy.
        store.expectEffects([.generateTitle(conversationID: "c1", messageID: "a1")])
    }

    @Test func escStopsTheAnswerAndKeepsWhatStreamed() async {
        let store = TestStore(F.newChat(draft: "Hello"))
        Self.sendFirstPrompt(store, "Hello")
        await Self.answerStarts(store)
        await Self.receiveText(store, "Partial", at: 1.0, total: 7, first: 1.0)
        store.send(.command(.cancel)) {
            $0.streams["id-2"]?.stopping = true
            $0.message = StatusMessage("Stopping the answer…")
        }
        store.expectEffects([.stopStream(id: "id-2", conversationID: "c1")])
        // The server stops: the stream closes without finishing the answer.
        store.backend.finish("id-2")
        await store.receive(.stream(id: "id-2", .ended)) {
            $0.streams["id-2"] = nil
            $0.open?.liveAnswerIDs = []
            $0.open?.relayout()
            $0.message = StatusMessage("Stopped; the partial answer is kept")
        }
        store.expectEffects([.generateTitle(conversationID: "c1", messageID: "a1")])
        #expect(store.state.open?.turns.map(\.text) == ["Hello", "Partial"])
    }

    @Test func aDroppedStreamKeepsThePartialAnswerAndTheNewDraft() async {
        let store = TestStore(F.newChat(draft: "Hello"))
        Self.sendFirstPrompt(store, "Hello")
        await Self.answerStarts(store)
        await Self.receiveText(store, "Partial", at: 1.0, total: 7, first: 1.0)
        // The next question is typed while the answer streams.
        store.send(.user(.type("And then?"))) {
            $0.input = TextEditor("And then?")
        }
        store.expectEffects([.saveDraft(key: "c1", draft: TextEditor("And then?"))])
        store.backend.finish("id-2", throwing: DroppedConnection())
        await store.receive(.stream(id: "id-2", .failed("the connection dropped"))) {
            $0.streams["id-2"]?.failure = "the connection dropped"
            $0.message = StatusMessage(
                "the connection dropped — the partial answer is kept; Ctrl-R reloads the conversation", kind: .error)
        }
        await store.receive(.stream(id: "id-2", .ended)) {
            $0.streams["id-2"] = nil
            $0.open?.liveAnswerIDs = []
            $0.open?.relayout()
        }
        store.expectEffects([.generateTitle(conversationID: "c1", messageID: "a1")])
        #expect(store.state.open?.turns.map(\.text) == ["Hello", "Partial"])
        #expect(store.state.input.text == "And then?")
    }

    @Test func aRequestThatFailsBeforeAnyAnswerPutsThePromptBackInTheInputBox() async {
        let store = TestStore(F.newChat(draft: "Hello"))
        Self.sendFirstPrompt(store, "Hello")
        store.backend.finish("id-2", throwing: DroppedConnection())
        await store.receive(.stream(id: "id-2", .failed("the connection dropped"))) {
            // The server never had the message: the new chat goes, and the prompt is the draft again.
            $0.open = nil
            $0.input = TextEditor("Hello")
            $0.streams["id-2"]?.failure = "the connection dropped"
            $0.message = StatusMessage("the connection dropped", kind: .error)
        }
        store.expectEffects([.saveDraft(key: "", draft: TextEditor("Hello"))])
        await store.receive(.stream(id: "id-2", .ended)) {
            $0.streams["id-2"] = nil
        }
    }
}
