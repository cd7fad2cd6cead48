import ChatModel
import Testing

@testable import ChatStore

/// `jump_back` and `jump_forward` through ``TestStore``: what records a place, and going back
/// and forth between branches and conversations.
@Suite(.timeLimit(.minutes(1))) struct JumpReducerTests {
    typealias F = AnswerFixtures

    static let versions: [(String, String?, Role, String)] = [
        ("u1", nil, .user, "Name a tree"),
        ("a1", "u1", .assistant, "Oak"),
        ("a2", "u1", .assistant, "Pine"),
        ("u2", "a2", .user, "Another"),
        ("a4", "u2", .assistant, "Birch"),
    ]

    static func place(_ leaf: String, _ node: String, in conversation: String = "c1") -> JumpPosition {
        JumpPosition(conversationID: conversation, leaf: leaf, nodeID: node)
    }

    @Test func aSiblingSwitchIsAPlaceToGoBackAndForthTo() {
        let store = TestStore(F.open(Self.versions, leaf: "a4"))
        store.send(.command(.selectPrev)) { $0.open?.selected = 2 }
        store.send(.command(.selectPrev)) { $0.open?.selected = 1 }
        // On "Pine" (a2, ‹2/2›): the switch to Oak leaves a4's branch at a2.
        store.send(.command(.siblingPrev)) {
            $0.jumps.record(Self.place("a4", "a2"))
            $0.open?.show(leaf: "a1")
            $0.open?.selected = 1
        }
        #expect(store.state.open?.turns.map(\.text) == ["Name a tree", "Oak"])
        store.expectEffects([.saveBranchMemory(conversationID: "c1", memory: store.state.open!.memory)])
        store.send(.command(.jumpBack)) {
            _ = $0.jumps.back(from: Self.place("a1", "a1"))
            $0.open?.show(leaf: "a4")
            $0.open?.selected = 1
        }
        store.expectEffects([.saveBranchMemory(conversationID: "c1", memory: store.state.open!.memory)])
        #expect(store.state.open?.turns.map(\.text) == ["Name a tree", "Pine", "Another", "Birch"])
        #expect(store.state.open?.selected == 1)
        // Forward returns to Oak.
        store.send(.command(.jumpForward)) {
            _ = $0.jumps.forward()
            $0.open?.show(leaf: "a1")
        }
        store.expectEffects([.saveBranchMemory(conversationID: "c1", memory: store.state.open!.memory)])
        #expect(store.state.open?.turns.map(\.text) == ["Name a tree", "Oak"])
        // Nothing after it: the key says so and changes nothing else.
        store.send(.command(.jumpForward)) {
            $0.message = StatusMessage("There is no later place to go forward to", kind: .warning)
        }
        store.expectEffects([])
    }

    @Test func aBranchPointJumpIsRecordedAndBackSelectsTheMessageLeft() {
        let store = TestStore(F.open(Self.versions, leaf: "a4"))
        #expect(store.state.open?.selected == 3)
        store.send(.command(.branchPointPrev)) {
            $0.jumps.record(Self.place("a4", "a4"))
            $0.open?.selected = 1
        }
        store.expectEffects([])
        store.send(.command(.jumpBack)) {
            _ = $0.jumps.back(from: Self.place("a4", "a2"))
            $0.open?.selected = 3
        }
        store.expectEffects([.saveBranchMemory(conversationID: "c1", memory: store.state.open!.memory)])
        #expect(store.state.jumps.entries == [Self.place("a4", "a4"), Self.place("a4", "a2")])
    }

    @Test func backToAnotherConversationOpensItAtTheMessageLeft() {
        var state = F.open(Self.versions, leaf: "a4")
        state.jumps.record(Self.place("z9", "z3", in: "c0"))
        let store = TestStore(state)
        store.send(.command(.jumpBack)) {
            _ = $0.jumps.back(from: Self.place("a4", "a4"))
        }
        store.expectEffects([.loadConversation(id: "c0", focusNode: "z3")])
        #expect(store.state.jumps.canGoForward)
    }

    @Test func backReopensTheConversationLeftAtItsBranchAndForwardReturns() async throws {
        let (store, _) = try ReducerTests().makeStore()
        await store.send(.terminal(.started(width: 100, height: 30)), .command(.open))
        // On the second answer of conv-0 (‹2/2›), back to the first: a jump.
        var state = await store.send(.command(.selectPrev), .command(.selectPrev), .command(.siblingPrev))
        #expect(state.open?.leaf == "a1")
        // Opening conv-1 from the sidebar is a jump too.
        state = await store.send(.user(.focus(.sidebar)), .command(.selectNext), .command(.open))
        #expect(state.open?.id == "conv-1")
        state = await store.send(.command(.jumpBack))
        #expect(state.open?.id == "conv-0")
        #expect(state.open?.leaf == "a1")
        #expect(state.open.map { $0.turns[$0.selected].id } == "a1")
        #expect(state.focus == .messages)
        state = await store.send(.command(.jumpBack))
        #expect(state.open?.leaf == "a3")
        #expect(state.open.map { $0.turns[$0.selected].id } == "a2")
        state = await store.send(.command(.jumpBack))
        #expect(state.message?.text == "There is no earlier place to go back to")
        state = await store.send(.command(.jumpForward), .command(.jumpForward))
        #expect(state.open?.id == "conv-1")
    }

    @Test func withNothingRecordedBackSaysSo() {
        let store = TestStore(F.open(Self.versions, leaf: "a4"))
        store.send(.command(.jumpBack)) {
            $0.message = StatusMessage("There is no earlier place to go back to", kind: .warning)
        }
        store.expectEffects([])
    }
}
