import ChatClient
import ChatModel
import Testing

@testable import ChatStore

/// A key whose command cannot act says why in the status line and changes nothing else,
/// through ``TestStore`` (which fails on any change not stated).
@Suite(.timeLimit(.minutes(1))) struct DisabledCommandTests {
    typealias F = AnswerFixtures

    static let versions: [(String, String?, Role, String)] = [
        ("u1", nil, .user, "Name a tree"),
        ("a1", "u1", .assistant, "Oak"),
    ]

    /// The prompt and its answer, the prompt selected, with no chat backend.
    static func offlineOnThePrompt() -> AppState {
        var state = F.open(Self.versions, leaf: "a1")
        state.backend = nil
        state.open?.selected = 0
        return state
    }

    @Test func editWithoutABackendSaysTheArchiveIsReadOnlyAndLeavesTheInputBoxEmpty() {
        let store = TestStore(Self.offlineOnThePrompt())
        #expect(store.state.open?.turns[0].author.role == .user)
        store.send(.command(.editPrompt)) {
            $0.message = StatusMessage("No chat backend is configured: this archive is read-only", kind: .warning)
        }
        store.expectEffects([])
        #expect(store.state.input.isEmpty)
        #expect(store.state.editingPrompt == nil)
        #expect(store.state.focus == .messages)
    }

    @Test func upInAnEmptyInputBoxWithoutABackendDoesNotFillItWithThePrompt() {
        var state = Self.offlineOnThePrompt()
        state.focus = .input
        let store = TestStore(state)
        // Up only moves the cursor here, and an empty box has nowhere to move it.
        store.send(.command(.inputUp))
        store.expectEffects([])
        #expect(store.state.input.isEmpty)
        // With a backend the same key edits the last prompt.
        var online = state
        online.backend = F.backend
        let editing = TestStore(online)
        editing.send(.command(.inputUp)) {
            $0.editingPrompt = "u1"
            $0.input = TextEditor("Name a tree")
            $0.message = StatusMessage("Editing your message: Enter sends it as a new branch, Esc cancels")
        }
        editing.expectEffects([.saveDraft(key: "c1", draft: TextEditor("Name a tree"))])
    }

    @Test func regenerateOnAnImportSaysItIsReadOnlyAndSendsNothing() {
        var state = F.open(Self.versions, leaf: "a1")
        state.open?.source = "chatgpt-export"
        #expect(state.open?.turns[state.open?.selected ?? 0].author.role == .assistant)
        let store = TestStore(state)
        store.send(.command(.regenerate)) {
            $0.message = StatusMessage("This conversation is read-only: it came from an import", kind: .warning)
        }
        store.expectEffects([])
        #expect(store.state.streams.isEmpty)
        #expect(store.backend.requests.isEmpty)
    }

    @Test func aSiblingKeyOnAMessageWithoutSiblingsSaysSo() {
        let store = TestStore(F.open(Self.versions, leaf: "a1"))
        #expect(store.state.open?.turns.last?.siblingCount == 1)
        store.send(.command(.siblingNext)) {
            $0.message = StatusMessage("This message has no other versions", kind: .warning)
        }
        store.expectEffects([])
        // Said once: the same key again leaves the same single message.
        store.send(.command(.siblingPrev))
        store.expectEffects([])
        #expect(store.state.message == StatusMessage("This message has no other versions", kind: .warning))
    }
}
