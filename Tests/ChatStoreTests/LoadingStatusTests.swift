import ChatArchive
import ChatModel
import ChatProtocol
import ChatTestSupport
import Testing

@testable import ChatStore

/// "Loading from local…" lasts while the backend's copy of the opened conversation is on its way.
@Suite struct LoadingStatusTests {
    static func conversation(_ nodes: [TestJSON.Spec]) throws -> Conversation {
        try ConversationJSON.decode(TestJSON.data(TestJSON.conversation(id: "conv-1", nodes: nodes)))
    }

    static let summary = ConversationSummary(
        id: "conv-1", title: "Title", createTime: 50, updateTime: 100, isArchived: false, source: "local", nodeCount: 1)

    @Test func theLoadingMessageEndsWhenTheConversationArrives() throws {
        var state = AppState(width: 100, height: 30)
        state.backend = BackendInfo(name: "local", sourceName: "local", kind: "local")
        // The cache holds only what the list said (as `mergeRemote` stores it): no messages yet.
        let stub = try ConversationJSON.decode(
            TestJSON.data(["id": "conv-1", "title": "Title", "update_time": 100.0, "mapping": [String: Any]()]))
        let effects = Reducer.reduce(
            &state,
            .loaded(.conversation(stub, summary: Self.summary, memory: BranchMemory(), draft: nil, focusNode: nil)))
        #expect(effects.contains(.fetchConversation(id: "conv-1")))
        #expect(state.message?.text == "Loading from local…")
        let full = try Self.conversation([("u1", nil, "user", "hello"), ("a1", "u1", "assistant", "hi")])
        _ = Reducer.reduce(&state, .backend(.fetched(full)))
        #expect(state.open?.turns.count == 2)
        #expect(state.message == nil)
    }

    @Test func reloadingEndsTheSameWay() throws {
        var state = AppState(width: 100, height: 30)
        state.backend = BackendInfo(name: "local", sourceName: "local", kind: "local")
        let full = try Self.conversation([("u1", nil, "user", "hello"), ("a1", "u1", "assistant", "hi")])
        _ = Reducer.reduce(
            &state,
            .loaded(.conversation(full, summary: Self.summary, memory: BranchMemory(), draft: nil, focusNode: nil))
        )
        _ = Reducer.reduce(&state, .command(.reload))
        #expect(state.message?.text == "Reloading…")
        _ = Reducer.reduce(&state, .backend(.fetched(full)))
        #expect(state.message == nil)
    }
}
