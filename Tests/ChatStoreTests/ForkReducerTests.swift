import ChatArchive
import ChatConfig
import ChatModel
import ChatTestSupport
import Testing

@testable import ChatStore

/// `F` through ``TestStore``: the scope window, the effect the archive is asked for, where the
/// fork is kept, and the fork opening with its links; then the real store forking an archive's
/// conversation and the fork taking a new prompt from a profile whose server keeps it.
@Suite(.timeLimit(.minutes(1))) struct ForkReducerTests {
    typealias F = AnswerFixtures

    static let nodes: [(String, String?, Role, String)] = [
        ("u1", nil, .user, "Name a tree"),
        ("a1", "u1", .assistant, "Oak"),
        ("a2", "u1", .assistant, "Pine"),
        ("u2", "a2", .user, "Another"),
        ("a3", "u2", .assistant, "Birch"),
    ]

    @Test func fOpensTheScopeWindowAndEnterAsksTheArchiveForTheFork() throws {
        let store = TestStore(F.open(Self.nodes, leaf: "a3"))
        let tree = try #require(store.state.open?.tree)
        var picker = ForkPickerState(conversationID: "c1", nodeID: "a3", tree: tree)
        #expect(picker.messageCounts == [4, 4, 5])
        store.send(.command(.fork)) { $0.overlay = .fork(picker) }
        store.send(.command(.selectNext)) {
            picker.selected = 1
            $0.overlay = .fork(picker)
        }
        store.send(.command(.selectNext)) {
            picker.selected = 2
            $0.overlay = .fork(picker)
        }
        store.send(.command(.selectNext))
        #expect(picker.scope == .tree)
        store.send(.command(.open)) {
            $0.overlay = nil
            $0.message = StatusMessage("Forking…", kind: .progress)
        }
        // The fake backend's server keeps nothing here: the fork goes to the embedded server.
        store.expectEffects([
            .fork(originID: "c1", nodeID: "a3", scope: .tree, id: "id-1", source: "local", now: TestStore.date)
        ])
    }

    @Test func aForkIsKeptUnderAProfileWhoseServerKeepsItsHistoryHere() {
        var state = F.open(Self.nodes, leaf: "a3")
        state.open?.selected = 1
        for (kind, source) in [("openai", "ollama"), ("coze", "ollama"), ("local", "ollama"), ("chatgpt", "local")] {
            state.backend = BackendInfo(name: "ollama", sourceName: "ollama", kind: kind)
            #expect(Reducer.forkSource(state) == source, "\(kind)")
        }
        state.backend = nil
        #expect(Reducer.forkSource(state) == "local")
        // The selected turn is the fork's message: a2, the second turn.
        _ = Reducer.reduce(&state, .command(.fork))
        guard case .fork(let picker) = state.overlay else {
            Issue.record("no fork window")
            return
        }
        #expect(picker.nodeID == "a2")
        #expect(picker.messageCounts == [2, 4, 5])
    }

    @Test func theForkOpensAtItsMessageLinkedToItsOrigin() throws {
        let store = TestStore(F.open(Self.nodes, leaf: "a3"))
        let fork = try #require(store.state.open?.tree.fork(at: "u2", scope: .path, id: "f1", now: 5))
        let link = ForkLink(
            forkID: "f1", originID: "c1", originNodeID: "u2", scope: .path, created: 5, forkTitle: "Trees (fork)",
            originTitle: "Trees")
        let marks = ["a2": MessageMark(label: "pine")]
        let made = MadeFork(conversation: fork, source: "local", link: link, marks: marks, visibleMessages: 3)
        var memory = BranchMemory()
        memory.visit("u2")
        store.send(.loaded(.forked(made))) {
            $0.jumps.record(JumpPosition(conversationID: "c1", leaf: "a3", nodeID: "a3"))
            var open = OpenConversation(
                id: "f1", title: "Trees (fork)", source: "local", tree: ConversationTree(fork), leaf: "u2",
                memory: memory, width: $0.geometry.paneColumns, showReasoning: false, marks: marks)
            open.selected = 2
            open.revealSelection(rows: $0.geometry.paneRows)
            open.forkLinks = ForkLinks(origin: link)
            $0.open = open
            $0.message = StatusMessage(
                "Forked “Trees” (3 messages): switch to the profile local (P) to continue it")
        }
        store.expectEffects([
            .saveBranchMemory(conversationID: "f1", memory: memory),
            .saveSetting(key: Reducer.lastOpenSetting, value: "f1"),
            .loadSidebar(
                archived: false, offset: 0, limit: Reducer.sidebarLoadLimit(store.state), selecting: "f1"),
        ])
        #expect(store.state.open?.turns.map(\.id) == ["u1", "a2", "u2"])
        #expect(store.state.open?.turns[1].label == "pine")
        // The origin's links arriving late for another conversation change nothing.
        store.send(.loaded(.forkLinks(conversationID: "c1", ForkLinks(forks: [link]))))
        store.send(.loaded(.forkLinks(conversationID: "f1", ForkLinks(origin: link, forks: [])))) { _ in }
    }

    @Test func forkingNeedsASelectedMessageAndAQuietSavedConversation() {
        var state = F.open(Self.nodes, leaf: "a3")
        #expect(Availability.disabledReason(.fork, in: state) == nil)
        state.open?.selected = 99
        #expect(Availability.disabledReason(.fork, in: state) == "No message is selected")
        state.open = nil
        #expect(Availability.disabledReason(.fork, in: state) == "No conversation is open")
        // A new chat just sent: its answer streams, and the server has not saved it yet.
        var sent = F.newChat(draft: "hello")
        _ = Reducer.reduce(&sent, .command(.send))
        sent.focus = .messages
        #expect(Availability.disabledReason(.fork, in: sent) == "An answer is still streaming")
        sent.streams = [:]
        #expect(Availability.disabledReason(.fork, in: sent) == "This chat is not saved yet: wait for its first answer")
    }

    /// The real store over an archive: F and Enter make the fork, open it and list it; a prompt
    /// typed then goes to the fork on the profile whose server keeps it.
    @Test func theStoreForksAnArchivedConversationAndTheForkTakesAPrompt() async throws {
        let (store, archive) = try ReducerTests().makeStore()
        await store.send(.terminal(.started(width: 100, height: 30)))
        await store.send(.command(.open))
        var state = await store.send(.command(.selectPrev))
        #expect(state.open?.id == "conv-0")
        let node = try #require(state.open?.turns[state.open!.selected].nodeIDs.last)
        await store.send(.command(.fork))
        await store.send(.command(.selectNext))
        state = await store.send(.command(.open))
        let fork = try #require(state.open)
        #expect(fork.id != "conv-0")
        #expect(fork.title == "Branchy (fork)")
        #expect(fork.source == "local")
        #expect(fork.forkLinks.origin?.originID == "conv-0")
        #expect(fork.forkLinks.origin?.originNodeID == node)
        #expect(state.message?.text.hasPrefix("Forked “Branchy” (") == true, "\(state.message?.text ?? "")")
        #expect(try archive.forks(of: "conv-0").map(\.forkID) == [fork.id])
        #expect(state.sidebar.row(state.sidebar.selected)?.id == fork.id, "the list shows it selected")
        // Back to the origin: it says it was forked.
        state = await store.send(.command(.jumpBack))
        #expect(state.open?.id == "conv-0")
        #expect(state.open?.forkLinks.forks.map(\.forkID) == [fork.id])
    }

    @Test func backFromAForkWithNothingBehindGoesToItsOrigin() {
        var state = F.open(Self.nodes, leaf: "a3")
        let link = ForkLink(
            forkID: "c1", originID: "c0", originNodeID: "x2", scope: .path, created: 5, originTitle: "Older")
        state.open?.forkLinks = ForkLinks(origin: link)
        #expect(Availability.disabledReason(.jumpBack, in: state) == nil)
        let store = TestStore(state)
        let here = JumpPosition(conversationID: "c1", leaf: "a3", nodeID: "a3")
        store.send(.command(.jumpBack)) {
            _ = $0.jumps.back(from: here)
            $0.jumps.record(here)
        }
        store.expectEffects([.loadConversation(id: "c0", focusNode: "x2")])
        // An origin no longer stored (no title) is nowhere to go.
        state.open?.forkLinks = ForkLinks(
            origin: ForkLink(forkID: "c1", originID: "c0", originNodeID: "x2", scope: .path, created: 5))
        #expect(Availability.disabledReason(.jumpBack, in: state) == "There is no earlier place to go back to")
    }

    @Test func aConversationThatCannotBeSentToSaysAForkCanBe() {
        var state = F.open(Self.nodes, leaf: "a3")
        state.open?.source = "chatgpt-export"
        state.focus = .input
        state.input = TextEditor("more")
        #expect(
            Availability.disabledReason(.send, in: state) == "This conversation is read-only: it came from an import")
        state.backend = BackendInfo(name: "ollama", sourceName: "ollama", kind: "openai")
        #expect(
            Availability.disabledReason(.send, in: state)
                == "This conversation is read-only: it came from an import (fork it to continue it here)")
        state.backend = BackendInfo(name: "work", sourceName: "work", kind: "chatgpt")
        #expect(
            Availability.disabledReason(.send, in: state)
                == "This conversation is read-only: it came from an import")
    }

    @Test func aForkUnderTheCurrentProfileTakesANewPrompt() {
        var state = F.open(Self.nodes, leaf: "a3")
        state.backend = BackendInfo(name: "ollama", sourceName: "ollama", kind: "openai")
        let fork = state.open!.tree.fork(at: "a2", scope: .path, id: "f1", now: 5)!
        let link = ForkLink(forkID: "f1", originID: "c1", originNodeID: "a2", scope: .path, created: 5)
        _ = Reducer.reduce(
            &state, .loaded(.forked(MadeFork(conversation: fork, source: "ollama", link: link, visibleMessages: 2))))
        #expect(state.message?.text.hasSuffix("type below to continue it") == true)
        state.focus = .input
        state.input = TextEditor("and a third tree?")
        #expect(Availability.disabledReason(.send, in: state) == nil)
        let effects = Reducer.reduce(&state, .command(.send))
        guard case .startStream(let request)? = effects.first else {
            Issue.record("nothing sent: \(effects)")
            return
        }
        #expect(request.conversationID == "f1")
        #expect(request.parentMessageID == "a2")
    }
}
