import ChatArchive
import ChatClient
import ChatModel
import ChatProtocol
import ChatStore
import ChatTestPeers
import Foundation
import Hummingbird
import Testing

/// The store driven as the TUI drives it, with a `DifyClient` against the fake Dify peer over
/// real HTTP: a new chat gets Dify's id, name and tree; a regenerated answer becomes answer
/// ‹2/2›; an edited first prompt becomes prompt ‹2/2›; continue and archive are refused.
@Suite("Dify store", .timeLimit(.minutes(2)))
struct DifyStoreTests {
    struct Rig: StoreDriving {
        let store: Store
        let archive: Archive

        init(base: String) async throws {
            archive = try Archive.inMemory()
            var state = AppState(width: 100, height: 30)
            state.backend = BackendInfo(name: "dify", sourceName: "dify-peer")
            store = Store(state: state, environment: StoreEnvironment(archive: archive, backend: makeDifyClient(base)))
            await store.send(.terminal(.started(width: 100, height: 30)))
        }

        /// Waits until no answer streams and the open tree is Dify's copy with `answers` answers.
        func settle(answers: Int) async -> AppState {
            await waitUntil("\(answers) answers from Dify's copy") { state in
                guard state.streams.isEmpty, let open = state.open, !open.isPending else { return false }
                let mapping = open.tree.conversation.mapping
                let finished = mapping.values.filter {
                    $0.message?.author.role == .assistant && $0.message?.status == "finished_successfully"
                }
                let prompts = mapping.values.filter { $0.message?.author.role == .user }
                return finished.count == answers && prompts.allSatisfy { $0.id.hasSuffix("-query") }
            }
        }
    }

    @Test func chatRegenerateAndEditThroughTheStore() async throws {
        let book = DifyPeerBook()
        try await withPeer(DifyPeer.router(book)) { base in
            let rig = try await Rig(base: base)
            await rig.ask("hello")
            let first = await rig.settle(answers: 1)
            let open = try #require(first.open)
            #expect(open.id == "conv-1")
            #expect(open.turns.map(\.text) == ["hello", "Echo: hello — 你好 🌍"])
            #expect(open.tree.node("msg-2-query")?.message?.content.streamedText == "hello")
            let answer = try #require(open.tree.node("msg-2")?.message)
            #expect(answer.tokenUsage == nil)  // the history has no usage; the stream's was shown while it ran
            let titled = await rig.waitUntil("Dify's name") { $0.open?.title == "About hello" }
            #expect(titled.open?.hasTitle == true)
            let archive = rig.archive
            await rig.waitUntil("the cached copy") { _ in
                (try? archive.conversation(id: "conv-1"))?.mapping["msg-2-query"] != nil
            }
            #expect(try rig.archive.summary(id: "conv-1")?.source == "dify-peer")

            // Regenerate the answer: a sibling under the same prompt.
            await rig.store.send(.user(.focus(.messages)))
            await rig.store.send(.command(.bottom))
            await rig.store.send(.command(.regenerate))
            let regenerated = await rig.waitUntil("the second answer") { state in
                state.streams.isEmpty && state.open?.turns.last?.siblingCount == 2
                    && state.open?.tree.node("msg-4") != nil
            }
            let turns = try #require(regenerated.open?.turns)
            #expect(turns.count == 2)
            #expect(turns[1].siblingIndex == 2)
            await rig.store.send(.command(.siblingPrev))
            #expect(await rig.store.state.open?.turns[1].siblingIndex == 1)

            // Edit the first prompt: a sibling prompt at the root.
            await rig.store.send(.command(.top))
            await rig.store.send(.command(.editPrompt))
            await rig.store.send(.command(.inputKillLine))
            await rig.store.send(.user(.type("hello edited")))
            await rig.store.send(.command(.send))
            let edited = await rig.waitUntil("the edited prompt") { state in
                state.streams.isEmpty && state.open?.tree.node("msg-6-query") != nil
                    && state.open?.turns.first?.siblingCount == 2
            }
            #expect(edited.open?.turns.map(\.text) == ["hello edited", "Echo: hello edited — 你好 🌍"])
            #expect(edited.open?.turns.first?.siblingIndex == 2)

            // Continue is refused with Dify's reason; nothing is sent.
            await rig.store.send(.command(.continueAnswer))
            let refused = await rig.waitUntil("the refusal") { $0.streams.isEmpty && $0.message?.kind == .error }
            #expect(refused.message?.text.contains("Dify cannot continue") == true)
        }
        let queries = await book.bodies["chat"]?.map { $0["query"]?.stringValue ?? "" }
        #expect(queries == ["hello", "hello", "hello edited"])
        #expect(await book.bodies["chat"]?.allSatisfy { $0["parent_message_id"] == nil } == true)
    }
}
