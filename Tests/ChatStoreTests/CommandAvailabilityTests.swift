import ChatArchive
import ChatConfig
import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatStore

/// `Availability.disabledReason`: the sentence for each state the reducer refuses, and no
/// sentence where the reducer acts; every case is checked against the reducer itself.
@Suite struct CommandAvailabilityTests {
    static let local = BackendInfo(name: "local", sourceName: "local", model: "echo")

    /// u1 → a1 | a2 (two code blocks, a link) → u2 → a3: four turns, the second with two versions.
    static let branching: [TestJSON.Spec] = [
        ("u1", nil, "user", "question"),
        ("a1", "u1", "assistant", "first answer"),
        (
            "a2", "u1", "assistant",
            "second [answer](https://example.com/a)\n```bash\necho one\n```\n```swift\nlet two = 2\n```"
        ),
        ("u2", "a2", "user", "follow-up"),
        ("a3", "u2", "assistant", "follow-up answer"),
    ]

    /// A state with `nodes` open in the message pane (from `source`), the last turn selected.
    static func opened(
        _ nodes: [TestJSON.Spec] = branching, source: String = "local", backend: BackendInfo? = local,
        selected: Int? = nil, focus: Focus = .messages
    ) -> AppState {
        let conversation = try! ConversationJSON.decode(TestJSON.data(TestJSON.conversation(id: "c1", nodes: nodes)))
        let tree = ConversationTree(conversation)
        var state = AppState(width: 100, height: 30)
        state.backend = backend
        state.focus = focus
        var open = OpenConversation(
            id: "c1", title: "Branchy", source: source, tree: tree, leaf: tree.currentLeaf, memory: BranchMemory(),
            width: state.geometry.paneColumns, showReasoning: false)
        if let selected { open.selected = selected }
        state.open = open
        return state
    }

    /// `state` with an answer streaming into its open conversation: a prompt sent through the
    /// reducer, or with `regenerating`, the last answer regenerated (so an answer stays last).
    static func streaming(_ state: AppState, regenerating: Bool = false) -> AppState {
        var state = state
        if regenerating {
            let last = (state.open?.turns.count ?? 1) - 1
            state.open?.selected = last
            _ = Reducer.reduce(&state, .command(.regenerate))
        } else {
            state.input = TextEditor("more")
            _ = Reducer.reduce(&state, .command(.send))
        }
        precondition(Availability.isStreamingOpen(state))
        return state
    }

    static func reason(_ command: Command, _ state: AppState) -> String? {
        Availability.disabledReason(command, in: state)
    }

    // MARK: - The sentences

    @Test func regenerateSaysWhyItCannot() {
        #expect(Self.reason(.regenerate, Self.opened()) == nil)
        #expect(Self.reason(.regenerate, Self.opened(backend: nil)) == Availability.Reason.noBackend)
        #expect(
            Self.reason(.regenerate, AppState(width: 100, height: 30).with(backend: Self.local))
                == "No conversation is open")
        #expect(Self.reason(.regenerate, Self.opened(selected: 2)) == "No answer is selected")
        #expect(
            Self.reason(.regenerate, Self.streaming(Self.opened(), regenerating: true))
                == "An answer is still streaming")
        #expect(
            Self.reason(.regenerate, Self.opened(source: "chatgpt-export"))
                == "This conversation is read-only: it came from an import (fork it to continue it here)")
        #expect(
            Self.reason(.regenerate, Self.opened(source: DemoArchive.source))
                == "This conversation is read-only: it is from the demo archive (fork it to continue it here)")
        #expect(
            Self.reason(.regenerate, Self.opened(source: "qwen\u{1b}[2J"))
                == "This conversation is read-only here: it came from qwen (fork it to continue it here)")
    }

    @Test func continueNeedsAnAnswerLast() {
        #expect(Self.reason(.continueAnswer, Self.opened()) == nil)
        #expect(Self.reason(.continueAnswer, Self.opened(selected: 0)) == nil, "the selection does not matter")
        let promptLast = Array(Self.branching.prefix(4))
        #expect(
            Self.reason(.continueAnswer, Self.opened(promptLast))
                == "Nothing to continue: the last message is not an answer")
        #expect(
            Self.reason(.continueAnswer, Self.streaming(Self.opened(), regenerating: true))
                == "An answer is still streaming")
        #expect(Self.reason(.continueAnswer, Self.opened(backend: nil)) == Availability.Reason.noBackend)
    }

    @Test func editNeedsOneOfYourMessagesInAConversationThatTakesBranches() {
        #expect(Self.reason(.editPrompt, Self.opened(selected: 2)) == nil)
        #expect(Self.reason(.editPrompt, Self.streaming(Self.opened(selected: 2))) == nil, "an edit can wait")
        #expect(Self.reason(.editPrompt, Self.opened()) == "None of your messages is selected")
        #expect(
            Self.reason(.editPrompt, Self.opened(source: "chatgpt-export", selected: 2))
                == "This conversation is read-only: it came from an import")
        #expect(Self.reason(.editPrompt, Self.opened(backend: nil, selected: 2)) == Availability.Reason.noBackend)
    }

    @Test func sendNeedsTextABackendAndAQuietConversation() {
        var state = Self.opened(focus: .input)
        #expect(Self.reason(.send, state) == "The message is empty")
        state.input = TextEditor(" \n\t ")
        #expect(Self.reason(.send, state) == "The message is empty")
        state.input = TextEditor("hello")
        #expect(Self.reason(.send, state) == nil)
        #expect(Self.reason(.open, state) == nil, "Enter in the input box sends")
        state.backend = nil
        #expect(Self.reason(.send, state) == Availability.Reason.noBackend)
        var newChat = AppState(width: 100, height: 30).with(backend: Self.local)
        newChat.input = TextEditor("hello")
        #expect(Self.reason(.send, newChat) == nil, "a new chat takes the message")
        #expect(Self.reason(.send, Self.streaming(Self.opened()).with(input: "x")) == "An answer is still streaming")
    }

    @Test func backendCommandsNeedABackend() {
        let offline = AppState(width: 100, height: 30)
        #expect(Self.reason(.newChat, offline) == Availability.Reason.noBackend)
        #expect(Self.reason(.pickModel, offline) == Availability.Reason.noBackend)
        #expect(Self.reason(.newChat, offline.with(backend: Self.local)) == nil)
        #expect(Self.reason(.pickModel, offline.with(backend: Self.local)) == nil)
        #expect(
            Self.reason(.pickProfile, offline)
                == "No other profile to switch to: add [profiles.NAME] tables to config.toml")
        var two = offline
        two.profiles = [Self.local, BackendInfo(name: "qwen", sourceName: "qwen")]
        #expect(Self.reason(.pickProfile, two) == nil)
    }

    @Test func messageCommandsNeedASelectedMessageWithWhatTheyUse() {
        let none = AppState(width: 100, height: 30)
        for command in [
            Command.copyMessage, .copyCodeBlock, .openLink, .viewImage, .siblingNext, .treeOverview, .reload,
        ] {
            #expect(Self.reason(command, none) == "No conversation is open", "\(command)")
        }
        let onBranched = Self.opened(selected: 1)
        for command in [Command.copyMessage, .copyCodeBlock, .openLink, .siblingPrev] {
            #expect(Self.reason(command, onBranched) == nil, "\(command)")
        }
        #expect(Self.reason(.siblingNext, onBranched) == "This is the last version of this message")
        var first = onBranched
        _ = Reducer.reduce(&first, .command(.siblingPrev))
        #expect(Self.reason(.siblingPrev, first) == "This is the first version of this message")
        #expect(Self.reason(.siblingNext, first) == nil)
        let last = Self.opened()
        #expect(Self.reason(.copyMessage, last) == nil)
        #expect(Self.reason(.copyCodeBlock, last) == "This message has no code block")
        #expect(Self.reason(.openLink, last) == "This message has no links to open")
        #expect(Self.reason(.viewImage, last) == "This message has no image to view")
        #expect(Self.reason(.siblingNext, last) == "This message has no other versions")
        var empty = last
        empty.open?.selected = 9
        #expect(Self.reason(.copyMessage, empty) == "No message is selected")
    }

    @Test func branchPointsLookEachWay() {
        #expect(Self.reason(.branchPointPrev, Self.opened()) == nil)
        #expect(Self.reason(.branchPointNext, Self.opened()) == "No later message has other versions")
        #expect(Self.reason(.branchPointNext, Self.opened(selected: 0)) == nil)
        #expect(Self.reason(.branchPointPrev, Self.opened(selected: 0)) == "No earlier message has other versions")
        let straight: [TestJSON.Spec] = [("u1", nil, "user", "q"), ("a1", "u1", "assistant", "a")]
        #expect(
            Self.reason(.branchPointNext, Self.opened(straight)) == "No message on this branch has other versions")
    }

    @Test func managementActsOnTheSidebarSelectionOrTheOpenConversation() {
        var sidebar = AppState(width: 100, height: 30)
        for command in [Command.rename, .archive, .delete, .togglePin] {
            #expect(Self.reason(command, sidebar) == "No conversation is selected", "\(command)")
        }
        #expect(Self.reason(.open, sidebar) == "The list is still loading")
        sidebar.sidebar.loaded = true
        #expect(Self.reason(.open, sidebar) == "No conversation is selected")
        sidebar.sidebar.count = 1
        sidebar.sidebar.window = [
            ConversationSummary(
                id: "c1", title: "One", createTime: 1, updateTime: 1, isArchived: false, source: "local", nodeCount: 2)
        ]
        for command in [Command.rename, .archive, .delete, .togglePin, .open] {
            #expect(Self.reason(command, sidebar) == nil, "\(command)")
        }
        #expect(Self.reason(.rename, Self.opened()) == nil)
        #expect(Self.reason(.togglePin, Self.opened()) == nil)
        #expect(
            Self.reason(.rename, AppState(width: 100, height: 30).with(focus: .messages)) == "No conversation is open")
        var pending = AppState(width: 100, height: 30).with(backend: Self.local)
        pending.focus = .messages
        pending.open = OpenConversation.newChat(
            key: AppState.pendingConversationPrefix + "x", source: "local", createTime: 1_000, width: 80,
            showReasoning: false)
        #expect(Self.reason(.rename, pending) == "This new chat is not saved yet")
        #expect(Self.reason(.togglePin, pending) == "This new chat is not saved yet")
        #expect(Self.reason(.reload, pending) == "This new chat is not saved yet")
    }

    @Test func enterInAnOverlaySaysWhatIsMissing() {
        var state = Self.opened()
        state.overlay = .search(SearchState())
        #expect(Self.reason(.open, state) == "There is no hit to open")
        state.overlay = .models(ModelPickerState())
        #expect(Self.reason(.open, state) == "The models are still loading")
        var loaded = ModelPickerState()
        loaded.loaded = true
        state.overlay = .models(loaded)
        #expect(Self.reason(.open, state) == "The server lists no models")
        state.overlay = .rename(RenameState(conversationID: "c1", title: "  "))
        #expect(Self.reason(.open, state) == "A title cannot be empty")
        state.overlay = .links(LinkPickerState(links: [SourceLink(title: "x", url: "javascript:alert(1)")]))
        #expect(Self.reason(.open, state) == "This entry has no web or mail address to open")
        state.overlay = .links(LinkPickerState(links: [SourceLink(title: "x", url: "https://example.com")]))
        #expect(Self.reason(.open, state) == nil)
    }

    @Test func commandsThatAlwaysWorkGiveNoReason() {
        let states = [AppState(width: 100, height: 30), Self.opened(backend: nil), Self.streaming(Self.opened())]
        let always: [Command] = [
            .quit, .forceQuit, .interrupt, .help, .cancel, .search, .focusNext, .focusPrev, .selectNext, .selectPrev,
            .filter, .toggleArchived, .toggleReasoning, .openEditor, .inputNewline, .inputLeft, .inputKillLine,
        ]
        for state in states {
            for command in always { #expect(Self.reason(command, state) == nil, "\(command)") }
        }
    }

    @Test func aLongBlankDraftIsReadOnlyUpToItsFirstCharacter() {
        #expect(Availability.isBlank(TextEditor(String(repeating: " ", count: 5000))))
        #expect(!Availability.isBlank(TextEditor(String(repeating: " ", count: 5000) + "x")))
        #expect(Availability.isBlank(TextEditor()))
    }

    // MARK: - Agreement with the reducer

    /// Whether the reducer did the command's work (not just said why it could not).
    static func acts(_ command: Command, _ state: AppState) -> Bool? {
        var after = state
        func run(_ command: Command) -> [Effect] {
            Reducer.reduce(&after, .command(command, command == .copyCodeBlock ? .digit(1) : nil))
        }
        switch command {
        case .send:
            return run(.send).contains { if case .startStream = $0 { true } else { false } }
        case .regenerate:
            return run(.regenerate).contains { if case .startStream = $0 { true } else { false } }
        case .continueAnswer:
            return run(.continueAnswer).contains { if case .startStream = $0 { true } else { false } }
        case .editPrompt:
            _ = run(.editPrompt)
            return after.editingPrompt != nil
        case .newChat:
            return !run(.newChat).isEmpty
        case .pickModel:
            _ = run(.pickModel)
            if case .models = after.overlay { return true } else { return false }
        case .pickProfile:
            _ = run(.pickProfile)
            if case .profiles = after.overlay { return true } else { return false }
        case .rename:
            _ = run(.rename)
            if case .rename = after.overlay { return true } else { return false }
        case .archive:
            return !run(.archive).isEmpty
        case .togglePin:
            return run(.togglePin).contains { if case .changeConversation(_, .pinned, _) = $0 { true } else { false } }
        case .delete:
            _ = run(.delete)
            if case .confirmDelete = after.overlay { return true } else { return false }
        case .reload:
            return !run(.reload).isEmpty
        case .treeOverview:
            _ = run(.treeOverview)
            if case .tree = after.overlay { return true } else { return false }
        case .listBranches:
            _ = run(.listBranches)
            if case .tree(let tree) = after.overlay, tree.mode == .branches { return true } else { return false }
        case .treeFold, .treeFoldAll, .treeOnlyPrompts, .treeSearch:
            _ = run(command)
            return after.overlay != state.overlay
        case .treeMatchNext, .treeMatchPrev:
            _ = run(command)
            if case .tree(let tree) = after.overlay { return tree.selectedMatch != nil } else { return false }
        case .siblingNext, .siblingPrev:
            return !run(command).isEmpty
        case .branchPointNext, .branchPointPrev:
            _ = run(command)
            return after.open?.selected != state.open?.selected
        case .copyMessage:
            return run(.copyMessage).contains { if case .copy = $0 { true } else { false } }
        case .copyCodeBlock:
            return run(.copyCodeBlock).contains { if case .copy = $0 { true } else { false } }
        case .openLink:
            _ = run(.openLink)
            if case .links = after.overlay { return true } else { return false }
        case .viewImage:
            _ = run(.viewImage)
            if case .image = after.overlay { return true } else { return false }
        case .compareVersions:
            _ = run(.compareVersions)
            if case .compare = after.overlay { return true } else { return false }
        case .jumpBack, .jumpForward:
            return !run(command).isEmpty
        case .labelMessage:
            _ = run(.labelMessage)
            if case .label = after.overlay { return true } else { return false }
        case .toggleBookmark:
            return run(.toggleBookmark).contains { if case .saveBookmark = $0 { true } else { false } }
        case .fork:
            _ = run(.fork)
            if case .fork = after.overlay { return true } else { return false }
        default:
            return nil
        }
    }

    static var states: [(String, AppState)] {
        let promptLast = Array(branching.prefix(4))
        var typed = opened(focus: .input)
        typed.input = TextEditor("hello")
        var firstVersion = opened(selected: 1)
        _ = Reducer.reduce(&firstVersion, .command(.siblingPrev))
        return [
            ("nothing open, offline", AppState(width: 100, height: 30)),
            ("nothing open", AppState(width: 100, height: 30).with(backend: local).with(focus: .messages)),
            ("last answer", opened()),
            ("a branched answer", opened(selected: 1)),
            ("its first version", firstVersion),
            ("the first prompt", opened(selected: 0)),
            ("a prompt", opened(selected: 2)),
            ("streaming", streaming(opened())),
            ("streaming, a prompt", streaming(opened(selected: 2))),
            ("regenerating", streaming(opened(), regenerating: true)),
            ("regenerating, a branched answer", streaming(opened(), regenerating: true).with(selected: 1)),
            ("regenerating, typed", streaming(opened(focus: .input), regenerating: true).with(input: "x")),
            ("an import", opened(source: "chatgpt-export")),
            ("an import, a prompt", opened(source: "chatgpt-export", selected: 2)),
            ("the demo", opened(source: DemoArchive.source, selected: 1)),
            ("another service", opened(source: "qwen")),
            ("offline", opened(backend: nil)),
            ("offline, a prompt", opened(backend: nil, selected: 0)),
            ("a prompt last", opened(promptLast)),
            ("typed", typed),
            ("typed, offline", typed.with(backend: nil)),
        ]
    }

    static let judged: [Command] = [
        .send, .regenerate, .continueAnswer, .editPrompt, .newChat, .pickModel, .pickProfile, .rename, .archive,
        .delete, .reload, .treeOverview, .siblingNext, .siblingPrev, .branchPointNext, .branchPointPrev,
        .copyMessage, .copyCodeBlock, .openLink, .viewImage, .togglePin, .compareVersions, .jumpBack, .jumpForward,
        .labelMessage, .toggleBookmark, .fork,
        .listBranches, .treeFold, .treeFoldAll, .treeOnlyPrompts, .treeSearch, .treeMatchNext, .treeMatchPrev,
    ]

    @Test func aCommandWithoutAReasonIsOneTheReducerCarriesOut() {
        for (name, state) in Self.states {
            for command in Self.judged {
                let acts = Self.acts(command, state)
                let reason = Self.reason(command, state)
                #expect(acts == (reason == nil), "\(name): \(command) — reason \(reason ?? "none")")
            }
        }
    }

    /// States where Enter or a management key may find nothing to act on: the sidebar and the
    /// windows over the panes.
    static var listAndWindowStates: [(String, AppState)] {
        var loading = AppState(width: 100, height: 30).with(backend: local)
        loading.message = StatusMessage("Answer complete")
        var empty = loading
        empty.sidebar.loaded = true
        var filtering = empty
        filtering.sidebar.isEditingFilter = true
        filtering.sidebar.filter = TextEditor("nothing")
        filtering.sidebar.filtered = []
        var pending = AppState(width: 100, height: 30).with(backend: local).with(focus: .messages)
        pending.open = OpenConversation.newChat(
            key: AppState.pendingConversationPrefix + "x", source: "local", createTime: 1_000, width: 80,
            showReasoning: false)
        var loaded = ModelPickerState()
        loaded.loaded = true
        var comparing = opened(selected: 1)
        _ = Reducer.reduce(&comparing, .command(.compareVersions))
        func over(_ overlay: Overlay) -> AppState {
            var state = opened()
            state.overlay = overlay
            return state
        }
        var tree = opened()
        _ = Reducer.reduce(&tree, .command(.treeOverview))
        var branches = opened()
        _ = Reducer.reduce(&branches, .command(.listBranches))
        var searched = tree
        _ = Reducer.reduce(&searched, .command(.treeSearch))
        _ = Reducer.reduce(&searched, .user(.type("nowhere")))
        _ = Reducer.reduce(&searched, .command(.open))
        var leafOnly = opened([("u1", nil, "user", "question")])
        _ = Reducer.reduce(&leafOnly, .command(.treeOverview))
        return [
            ("the tree", tree),
            ("the branches off the path", branches),
            ("a tree search matching nothing", searched),
            ("a tree of one message", leafOnly),
            ("the list loading", loading),
            ("an empty list", empty),
            ("a filter matching nothing", filtering),
            ("a new chat not sent", pending),
            ("search with no hits", over(.search(SearchState()))),
            ("models loading", over(.models(ModelPickerState()))),
            ("no models", over(.models(loaded))),
            ("a blank title", over(.rename(RenameState(conversationID: "c1", title: "  ")))),
            ("comparing versions", comparing),
            ("bookmarks loading", over(.bookmarks(BookmarkListState()))),
            ("no bookmarks", over(.bookmarks(BookmarkListState(loaded: true)))),
            (
                "a link with no address",
                over(.links(LinkPickerState(links: [SourceLink(title: "x", url: "javascript:alert(1)")])))
            ),
        ]
    }

    /// Every command the keymap can send, with the argument its key carries.
    static func press(_ command: Command, _ state: inout AppState) -> [Effect] {
        Reducer.reduce(&state, .command(command, command == .copyCodeBlock ? .digit(1) : nil))
    }

    @Test func aDisabledCommandChangesNothingButTheStatusLineWhichSaysWhy() {
        var refused: Set<Command> = []
        for (name, state) in Self.states + Self.listAndWindowStates {
            for command in Command.allCases {
                guard let reason = Self.reason(command, state) else { continue }
                var after = state
                let effects = Self.press(command, &after)
                var expected = state
                expected.message = StatusMessage(reason, kind: .warning)
                #expect(after == expected, "\(name): \(command) — reason \(reason)")
                #expect(effects.isEmpty, "\(name): \(command) — \(effects)")
                refused.insert(command)
            }
        }
        // Every command Availability can refuse is refused somewhere above, Enter included.
        #expect(refused == Set(Self.judged + [.send, .open]), "\(Set(Self.judged).subtracting(refused))")
    }

    @Test func aReasonIsASentenceForAPerson() {
        for (_, state) in Self.states + Self.listAndWindowStates {
            for command in Command.allCases {
                guard let reason = Self.reason(command, state) else { continue }
                #expect(reason.first?.isUppercase == true, "\(command): \(reason)")
                #expect(!reason.hasSuffix("."), "\(command): \(reason)")
                for name in ["Optional", "AppState", "Command.", "nil"] {
                    #expect(!reason.contains(name), "\(command): \(reason)")
                }
            }
        }
    }
}

extension AppState {
    fileprivate func with(backend: BackendInfo?) -> AppState {
        var state = self
        state.backend = backend
        return state
    }

    fileprivate func with(focus: Focus) -> AppState {
        var state = self
        state.focus = focus
        return state
    }

    fileprivate func with(selected: Int) -> AppState {
        var state = self
        state.open?.selected = selected
        return state
    }

    fileprivate func with(input: String) -> AppState {
        var state = self
        state.input = TextEditor(input)
        return state
    }
}
