import ChatClient
import ChatModel
import Testing

@testable import ChatStore

/// Regenerating an answer makes a sibling of it, and the sibling keys move between the
/// versions (`‹2/3›`), through ``TestStore``.
@Suite(.timeLimit(.minutes(1))) struct BranchTests {
    typealias F = AnswerFixtures

    static let versions: [(String, String?, Role, String)] = [
        ("u1", nil, .user, "Name a tree"),
        ("a1", "u1", .assistant, "Oak"),
        ("a2", "u1", .assistant, "Pine"),
        ("a3", "u1", .assistant, "Birch"),
    ]

    /// The open conversation's branch memory once `leaf` is visited too (a switch saves it).
    static func memory(_ store: TestStore, visiting leaf: String) -> BranchMemory {
        var memory = store.state.open?.memory ?? BranchMemory()
        memory.visit(leaf)
        return memory
    }

    /// The place a version switch leaves, recorded in the jump list.
    static func recordJump(_ state: inout AppState) {
        if let place = state.open?.jumpPosition { state.jumps.record(place) }
    }

    /// The sibling marker the pane shows on the answer.
    static func marker(_ state: AppState) -> String? {
        state.open?.layout.lines.last { $0.kind == .header }?.marker
    }

    @Test func regeneratingStreamsANewVersionBesideTheAnswer() async {
        let store = TestStore(F.open(Array(Self.versions.prefix(2)), leaf: "a1"))
        let request = ChatRequest(
            action: .variant, conversationID: "c1", parentMessageID: "u1", messages: [], websocketRequestID: "id-1")
        store.send(.command(.regenerate)) {
            $0.streams["id-1"] = ActiveStream(request: request, openKey: "c1", startedAt: 0)
            $0.message = StatusMessage("Regenerating…")
        }
        store.expectEffects([.startStream(request)])
        store.backend.yield(F.answerStarted("a2", parent: "u1"), to: "id-1")
        await store.receive(.stream(id: "id-1", .item(F.answerStarted("a2", parent: "u1")))) {
            $0.streams["id-1"]?.acknowledged = true
            $0.streams["id-1"]?.answerID = "a2"
            $0.open?.liveAnswerIDs.insert("a2")
            // The new version is the open branch at once; blank, it is not shown yet.
            $0.open?.upsert(F.emptyAnswer("a2"), parent: "u1", follow: true)
            $0.open?.selected = 0
        }
        store.now = 1
        store.backend.yield(F.text("Pine", to: "a2"), to: "id-1")
        await store.receive(.stream(id: "id-1", .item(F.text("Pine", to: "a2")))) {
            $0.streams["id-1"]?.answerCharacters = 4
            $0.streams["id-1"]?.estimatedTokens = 1
            $0.streams["id-1"]?.firstTextAt = 1
            $0.streams["id-1"]?.lastTextAt = 1
            $0.open?.append("Pine", to: "a2")
            $0.open?.selected = 1
        }
        #expect(Self.marker(store.state) == "‹2/2›")
        await store.finishAnswer("a2", stream: "id-1", message: "Answer complete · first text after 1.00 s")
        // The conversation has a title: the server's copy replaces the streamed tree.
        store.expectEffects([.fetchConversation(id: "c1")])
        #expect(store.state.open?.turns.map(\.text) == ["Name a tree", "Pine"])
        // The first answer is still there, one version back.
        let memory = Self.memory(store, visiting: "a1")
        store.send(.command(.siblingPrev)) {
            Self.recordJump(&$0)
            $0.open?.show(leaf: "a1")
            $0.message = nil
        }
        store.expectEffects([.saveBranchMemory(conversationID: "c1", memory: memory)])
        #expect(store.state.open?.turns.map(\.text) == ["Name a tree", "Oak"])
        #expect(Self.marker(store.state) == "‹1/2›")
    }

    @Test func siblingKeysMoveBetweenVersionsAndStopAtTheEnds() {
        let store = TestStore(F.open(Self.versions, leaf: "a3"))
        #expect(Self.marker(store.state) == "‹3/3›")
        let memory1 = Self.memory(store, visiting: "a2")
        store.send(.command(.siblingPrev)) {
            Self.recordJump(&$0)
            $0.open?.show(leaf: "a2")
        }
        store.expectEffects([.saveBranchMemory(conversationID: "c1", memory: memory1)])
        #expect(Self.marker(store.state) == "‹2/3›")
        #expect(store.state.open?.turns.last?.text == "Pine")
        let memory2 = Self.memory(store, visiting: "a1")
        store.send(.command(.siblingPrev)) {
            Self.recordJump(&$0)
            $0.open?.show(leaf: "a1")
        }
        store.expectEffects([.saveBranchMemory(conversationID: "c1", memory: memory2)])
        #expect(Self.marker(store.state) == "‹1/3›")
        // Nothing before the first version: the key says so and changes nothing else.
        store.send(.command(.siblingPrev)) {
            $0.message = StatusMessage("This is the first version of this message", kind: .warning)
        }
        store.expectEffects([])
        let memory3 = Self.memory(store, visiting: "a2")
        store.send(.command(.siblingNext)) {
            Self.recordJump(&$0)
            $0.open?.show(leaf: "a2")
            $0.message = nil
        }
        store.expectEffects([.saveBranchMemory(conversationID: "c1", memory: memory3)])
        #expect(Self.marker(store.state) == "‹2/3›")
        // The prompt has no other version.
        store.send(.command(.selectPrev)) {
            $0.open?.selected = 0
        }
        store.send(.command(.siblingNext)) {
            $0.message = StatusMessage("This message has no other versions", kind: .warning)
        }
        store.expectEffects([])
    }
}
