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

    static let profiles = [
        BackendInfo(name: "work", sourceName: "work", kind: "chatgpt"),
        BackendInfo(name: "bot", sourceName: "bot", kind: "coze"),
        BackendInfo(name: "llama", sourceName: "llama", model: "llama3.2", kind: "openai"),
        BackendInfo(name: "team", sourceName: "team", kind: "dify"),
        BackendInfo(name: "local", sourceName: "local", kind: "local"),
    ]
    static let local = ForkProfile.local
    static let bot = ForkProfile(name: "bot", sourceName: "bot", kind: "coze")
    static let llama = ForkProfile(name: "llama", sourceName: "llama", kind: "openai")

    /// On a ChatGPT profile: the window offers `local` (chosen), then the OpenAI-compatible and
    /// Coze profiles, says the current one is not offered; `[` `]` and Tab step through them.
    @Test func theWindowChoosesTheProfileThatContinuesTheFork() throws {
        var state = F.open(Self.nodes, leaf: "a3")
        state.backend = Self.profiles[0]
        state.profiles = Self.profiles
        let store = TestStore(state)
        let tree = try #require(store.state.open?.tree)
        var picker = ForkPickerState(
            conversationID: "c1", nodeID: "a3", tree: tree, profiles: [Self.local, Self.bot, Self.llama],
            profileIndex: 0, notOffered: "work")
        store.send(.command(.fork)) { $0.overlay = .fork(picker) }
        #expect(picker.profile == Self.local)
        store.send(.command(.siblingNext)) {
            picker.profileIndex = 1
            $0.overlay = .fork(picker)
        }
        store.send(.command(.focusNext)) {
            picker.profileIndex = 2
            $0.overlay = .fork(picker)
        }
        store.send(.command(.siblingNext)) {
            picker.profileIndex = 0  // wraps around
            $0.overlay = .fork(picker)
        }
        store.send(.command(.focusPrev)) {
            picker.profileIndex = 2
            $0.overlay = .fork(picker)
        }
        #expect(picker.profile == Self.llama)
        // On an OpenAI-compatible profile that one is chosen at first and nothing is left out.
        var onLlama = state
        onLlama.backend = Self.profiles[2]
        let offered = Reducer.forkProfiles(onLlama)
        #expect(offered.profiles == [Self.local, Self.bot, Self.llama])
        #expect(offered.chosen == 2)
        #expect(offered.notOffered == nil)
        // With one profile only, [ and ] have nothing to step to.
        var alone = F.open(Self.nodes, leaf: "a3")
        _ = Reducer.reduce(&alone, .command(.fork))
        #expect(Availability.disabledReason(.siblingNext, in: alone) == "No other profile can continue a fork")
    }

    /// Enter with another profile chosen switches to it as `P` does; once it is connected the
    /// fork is made under its source, opens, and the status line says who continues it.
    @Test func forkingForAnotherProfileSwitchesToItAndOpensTheFork() throws {
        var state = F.open(Self.nodes, leaf: "a3")
        state.backend = Self.profiles[0]
        state.profiles = Self.profiles
        let store = TestStore(state)
        store.send(.command(.fork)) {
            $0.overlay = .fork(
                ForkPickerState(
                    conversationID: "c1", nodeID: "a3", tree: state.open!.tree,
                    profiles: [Self.local, Self.bot, Self.llama], notOffered: "work"))
        }
        store.send(.command(.siblingPrev)) {
            guard case .fork(var picker) = $0.overlay else { return }
            picker.profileIndex = 2
            $0.overlay = .fork(picker)
        }
        let pending = PendingFork(originID: "c1", nodeID: "a3", scope: .path, profile: Self.llama)
        store.send(.command(.open)) {
            $0.overlay = nil
            $0.pendingFork = pending
            $0.switchingTo = "llama"
            $0.message = StatusMessage("Connecting to llama to continue the fork…", kind: .progress)
        }
        store.expectEffects([.switchProfile("llama")])
        // Connected: the profile's default model, the fork made under its source.
        store.send(.backend(.profileSwitched(Self.profiles[2]))) {
            $0.switchingTo = nil
            $0.backend = Self.profiles[2]
            $0.sidebar.remoteLoading = true
            $0.sidebar.remoteNextOffset = 0
            $0.message = StatusMessage("Forking…", kind: .progress)
        }
        store.expectEffects([
            .listRemote(archived: false, offset: 0),
            .fork(originID: "c1", nodeID: "a3", scope: .path, id: "id-1", source: "llama", now: TestStore.date),
        ])
        let fork = try #require(store.state.open?.tree.fork(at: "a3", scope: .path, id: "id-1", now: 5))
        let link = ForkLink(
            forkID: "id-1", originID: "c1", originNodeID: "a3", scope: .path, created: 5, originTitle: "Trees")
        var state2 = store.state
        _ = Reducer.reduce(
            &state2, .loaded(.forked(MadeFork(conversation: fork, source: "llama", link: link, visibleMessages: 4))))
        #expect(state2.pendingFork == nil)
        #expect(state2.open?.id == "id-1")
        #expect(state2.open?.source == "llama")
        #expect(state2.backend?.model == "llama3.2")
        #expect(state2.message?.text == "Forked “Trees” (4 messages) to continue with llama: type below")
        state2.focus = .input
        state2.input = TextEditor("one more")
        #expect(Availability.disabledReason(.send, in: state2) == nil, "llama can send to the fork")
    }

    /// A profile that cannot be connected: nothing is forked, and the status line says so.
    @Test func aProfileThatCannotConnectForksNothing() {
        var state = F.open(Self.nodes, leaf: "a3")
        state.profiles = Self.profiles
        state.pendingFork = PendingFork(originID: "c1", nodeID: "a3", scope: .path, profile: Self.llama)
        state.switchingTo = "llama"
        let effects = Reducer.reduce(
            &state, .backend(.profileSwitchFailed(name: "llama", why: "connection refused")))
        #expect(effects.isEmpty)
        #expect(state.pendingFork == nil)
        #expect(state.message?.text == "Could not switch to llama, so nothing was forked: connection refused")
        // Switched to another profile meanwhile (P): the waiting fork is dropped.
        state.pendingFork = PendingFork(originID: "c1", nodeID: "a3", scope: .path, profile: Self.llama)
        let other = Reducer.reduce(&state, .backend(.profileSwitched(Self.profiles[1])))
        #expect(state.pendingFork == nil)
        #expect(!other.contains { if case .fork = $0 { true } else { false } })
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
