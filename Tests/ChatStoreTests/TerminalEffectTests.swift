import ChatArchive
import Foundation
import Testing

@testable import ChatStore

/// The clipboard, the browser and the editor are effects the store runs through
/// ``TerminalServices``; `send` returns once they are done.
@Suite struct TerminalEffectTests {
    /// Records what the store asked of the terminal.
    final class Terminal: @unchecked Sendable {
        private let lock = NSLock()
        private var log: [String] = []
        let edited: String?

        init(edited: String?) { self.edited = edited }

        var calls: [String] { lock.withLock { log } }
        func note(_ call: String) { lock.withLock { log.append(call) } }

        var services: TerminalServices {
            TerminalServices(
                copy: { self.note("copy \($0)") },
                openLink: {
                    self.note("open \($0)")
                    return .noBrowser
                },
                editText: {
                    self.note("edit \($0)")
                    return self.edited
                })
        }
    }

    func typedDraft(_ terminal: Terminal) async throws -> Store {
        let environment = StoreEnvironment(archive: try Archive.inMemory(), terminal: terminal.services)
        let store = Store(state: AppState(width: 100, height: 30), environment: environment)
        await store.send(.terminal(.started(width: 100, height: 30)))
        await store.send(.user(.focus(.input)))
        await store.send(.user(.type("my draft")))
        return store
    }

    @Test func openEditorHandsTheDraftOverAndTakesTheTextBack() {
        let store = TestStore(AnswerFixtures.newChat(draft: "my draft"))
        store.send(.command(.openEditor))
        store.expectEffects([.editText("my draft")])
        store.send(.terminal(.editorFinished("my draft, edited"))) {
            $0.input = TextEditor("my draft, edited")
            $0.message = StatusMessage("Draft updated from the editor; Enter sends it")
        }
        store.expectEffects([.saveDraft(key: "", draft: TextEditor("my draft, edited"))])
    }

    @Test func theEditorsTextIsTheDraftWhenSendReturns() async throws {
        let terminal = Terminal(edited: "my draft, edited")
        let store = try await typedDraft(terminal)
        let state = await store.send(.command(.openEditor))
        #expect(terminal.calls == ["edit my draft"])
        #expect(state.input.text == "my draft, edited")
        #expect(state.message?.text == "Draft updated from the editor; Enter sends it")
    }

    @Test func aFailedEditorLeavesTheDraft() async throws {
        let terminal = Terminal(edited: nil)
        let store = try await typedDraft(terminal)
        let state = await store.send(.command(.openEditor))
        #expect(terminal.calls == ["edit my draft"])
        #expect(state.input.text == "my draft")
        #expect(state.message == StatusMessage("The editor failed; your draft is unchanged", kind: .warning))
    }

    @Test func withoutATerminalTheEditorFails() async throws {
        let store = Store(
            state: AppState(width: 100, height: 30), environment: StoreEnvironment(archive: try Archive.inMemory()))
        await store.send(.user(.focus(.input)))
        let state = await store.send(.command(.openEditor))
        #expect(state.message?.text == "The editor failed; your draft is unchanged")
    }
}
