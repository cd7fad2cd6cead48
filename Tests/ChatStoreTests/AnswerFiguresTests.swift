import ChatClient
import ChatModel
import ChatProtocol
import Testing

@testable import ChatStore

/// The speed the status line reports, a stop asked before the server named the chat, and
/// the title of a chat whose first title never came.
@Suite(.timeLimit(.minutes(1))) struct AnswerFiguresTests {
    typealias F = AnswerFixtures
    typealias S = AnswerStreamTests

    /// Text `text` for `a1` at `time`: ``AnswerStreamTests/receiveText``, counting the
    /// characters so far from the store.
    static func receive(_ store: TestStore, _ text: String, at time: Double, first: Double) async {
        let total = (store.state.streams["id-2"]?.answerCharacters ?? 0) + text.count
        await S.receiveText(store, text, at: time, total: total, first: first)
    }

    /// A Chinese answer (shaped like seed 001's Coze answer, "当然…") with no usage: each
    /// character about a token, so 19 characters over 2 s read ≈10 tok/s (9.5), not the 2
    /// that four characters a token gave.
    @Test func chineseTextIsEstimatedAtATokenACharacter() async {
        let store = TestStore(F.newChat(draft: "你好"))
        S.sendFirstPrompt(store, "你好")
        await S.answerStarts(store)
        await Self.receive(store, "当然可以，这是一个关于森林的", at: 1.0, first: 1.0)
        await Self.receive(store, "简短回答。", at: 3.0, first: 1.0)
        #expect(store.state.streams["id-2"]?.speed == AnswerSpeed(tokensPerSecond: 9.5, isEstimate: true))
        await store.finishAnswer(
            "a1", stream: "id-2", message: "Answer complete · first text after 1.00 s · ≈10 tok/s")
        store.expectEffects([.generateTitle(conversationID: "c1", messageID: "a1")])
    }

    /// Seed 001's Dify `message_end` reports `completion_tokens: 44`: that count is the speed,
    /// shown without ≈.
    @Test func aReportedUsageIsTheSpeed() async {
        let store = TestStore(F.newChat(draft: "222"))
        S.sendFirstPrompt(store, "222")
        await S.answerStarts(store)
        await Self.receive(store, "Hello! It seems you've typed \"222\".", at: 1.0, first: 1.0)
        await Self.receive(store, " How can I assist you with this?", at: 3.0, first: 1.0)
        var ended = F.emptyAnswer("a1")
        ended.content = .text("Hello! It seems you've typed \"222\". How can I assist you with this?")
        ended.tokenUsage = TokenUsage(
            json: .object([
                "prompt_tokens": .number(1), "completion_tokens": .number(44), "total_tokens": .number(45),
                "total_price": .string("0.0000000"), "currency": .string("USD"), "latency": .number(2.9540078879799694),
            ]))
        store.backend.yield(.event(.messageUpdated(ended)), to: "id-2")
        await store.receive(.stream(id: "id-2", .item(.event(.messageUpdated(ended))))) {
            $0.streams["id-2"]?.reportedTokens = 44
            $0.open?.upsert(ended, parent: nil, follow: false)
        }
        #expect(store.state.streams["id-2"]?.speed == AnswerSpeed(tokensPerSecond: 22))
        await store.finishAnswer("a1", stream: "id-2", message: "Answer complete · first text after 1.00 s · 22 tok/s")
        store.expectEffects([.generateTitle(conversationID: "c1", messageID: "a1")])
    }

    /// A ChatGPT answer that reached `max_tokens` ends finished but without `end_turn` (the
    /// delta-v1 shape of PROTOCOL.md §2b with seed 002's `finish_details`), which the stream
    /// calls incomplete: the status line says it was cut at the length limit, in words, not
    /// "incomplete (the answer stopped as finished_successfully)".
    @Test(
        arguments: [
            ("c", "The answer was cut at the length limit; c continues it"),
            ("Ctrl-G", "The answer was cut at the length limit; Ctrl-G continues it"),
            (nil, "The answer was cut at the length limit"),
        ] as [(String?, String)])
    func anAnswerCutAtTheLengthLimitSaysSo(continueKey: String?, said: String) async {
        var state = F.newChat(draft: "222")
        state.continueKey = continueKey
        let store = TestStore(state)
        S.sendFirstPrompt(store, "222")
        await S.answerStarts(store)
        await Self.receive(store, "A long answer that stops here", at: 1.0, first: 1.0)
        var cut = F.emptyAnswer("a1")
        cut.content = .text("A long answer that stops here")
        cut.status = "finished_successfully"
        cut.endTurn = false
        cut.metadata["finish_details"] = .object(["type": .string("max_tokens")])
        let reason = IncompleteReason.answerNotFinished(status: "finished_successfully", endTurn: false)
        store.backend.yield(.event(.messageUpdated(cut)), .finished(.incomplete(reason)), to: "id-2")
        await store.receive(.stream(id: "id-2", .item(.event(.messageUpdated(cut))))) {
            $0.open?.upsert(cut, parent: nil, follow: false)
        }
        await store.receive(.stream(id: "id-2", .item(.finished(.incomplete(reason))))) {
            $0.streams["id-2"]?.completion = .incomplete(reason)
        }
        store.backend.finish("id-2")
        await store.receive(.stream(id: "id-2", .ended)) {
            $0.streams["id-2"] = nil
            $0.open?.liveAnswerIDs = []
            $0.open?.relayout()
            $0.message = StatusMessage(said, kind: .warning)
        }
        store.expectEffects([.generateTitle(conversationID: "c1", messageID: "a1")])
    }

    /// Esc before the server names a new chat stops locally and remembers it: the id's
    /// arrival sends `stop_conversation` with it.
    @Test func aStopBeforeTheIDIsSentWhenTheIDArrives() async {
        let store = TestStore(F.newChat(draft: "Hello"))
        S.sendFirstPrompt(store, "Hello")
        store.send(.command(.cancel)) {
            $0.streams["id-2"]?.stopping = true
            $0.message = StatusMessage("Stopping the answer…")
        }
        store.expectEffects([.stopStream(id: "id-2", conversationID: nil)])
        store.backend.yield(.event(.conversationID("c1")), to: "id-2")
        await store.receive(.stream(id: "id-2", .item(.event(.conversationID("c1"))))) {
            $0.streams["id-2"]?.acknowledged = true
            $0.streams["id-2"]?.conversationID = "c1"
            $0.streams["id-2"]?.openKey = "c1"
            $0.open?.id = "c1"
        }
        store.expectEffects([
            .stopStream(id: "id-2", conversationID: "c1"), .saveSetting(key: Reducer.lastOpenSetting, value: "c1"),
        ])
        // The server stops; the stream closes with no answer.
        store.backend.finish("id-2")
        await store.receive(.stream(id: "id-2", .ended)) {
            $0.streams["id-2"] = nil
            $0.message = StatusMessage("Stopped; the partial answer is kept")
        }
        store.expectEffects([.fetchConversation(id: "c1")])
    }

    /// Seed 000's list has a chat still titled "New chat": its next answer asks for a title.
    @Test func aChatStillCalledNewChatIsRetitledAfterItsNextAnswer() {
        var state = F.open([("u1", nil, .user, "Hi"), ("a1", "u1", .assistant, "Hello")], leaf: "a1")
        state.open?.title = "New chat"
        state.open?.hasTitle = OpenConversation.isOwnTitle("New chat")
        #expect(state.open?.hasTitle == false)
        #expect(Self.endEffects(state) == [.generateTitle(conversationID: "c1", messageID: "a2")])
        // A title of its own is kept: the server's copy is fetched instead.
        state.open?.hasTitle = OpenConversation.isOwnTitle("ChatGPT问答")
        #expect(Self.endEffects(state) == [.fetchConversation(id: "c1")])
    }

    /// A title set with `R` wins: no title is generated, and a generated one that arrives
    /// anyway does not replace it.
    @Test func aTitleSetWithRenameWins() {
        var state = F.open([("u1", nil, .user, "Hi"), ("a1", "u1", .assistant, "Hello")], leaf: "a1")
        state.open?.hasTitle = false
        _ = Reducer.conversationChanged(&state, "c1", .renamed("New chat"))
        #expect(state.open?.titledByUser == true)
        #expect(Self.endEffects(state) == [.fetchConversation(id: "c1")])
        _ = Reducer.applyGeneratedTitle(&state, "Greetings", to: "c1")
        #expect(state.open?.title == "New chat")
    }

    /// The effects of answer `a2` in `c1` ending, in `state`.
    static func endEffects(_ state: AppState) -> [Effect] {
        var state = state
        let request = ChatRequest(
            action: .next, conversationID: "c1", parentMessageID: "a1", messages: [TextMessage(id: "u2", text: "More")],
            websocketRequestID: "s1")
        var stream = ActiveStream(request: request, openKey: "c1", startedAt: 0)
        stream.answerID = "a2"
        stream.completion = .complete
        state.streams["s1"] = stream
        return Reducer.streamEnded(&state, id: "s1")
    }
}
