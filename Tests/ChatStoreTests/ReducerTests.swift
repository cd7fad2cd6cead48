import ChatArchive
import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatStore

/// The store end to end over an in-memory archive: actions in, state and effects out.
@Suite struct ReducerTests {
    /// Records what the store copied to the clipboard.
    final class Clipboard: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ s: String) { lock.withLock { items.append(s) } }
        var all: [String] { lock.withLock { items } }
    }

    static let branching: [TestJSON.Spec] = [
        ("u1", nil, "user", "question"),
        ("a1", "u1", "assistant", "first answer"),
        ("a2", "u1", "assistant", "second answer\n```bash\necho one\n```\n```swift\nlet two = 2\n```"),
        ("u2", "a2", "user", "follow-up"),
        ("a3", "u2", "assistant", "follow-up answer"),
    ]

    func makeStore(count: Int = 3, clipboard: Clipboard = Clipboard()) throws -> (Store, Archive) {
        let archive = try Archive.inMemory()
        var items = [TestJSON.item(id: "conv-0", title: "Branchy", updateTime: 10_000, nodes: Self.branching)]
        for i in 1..<count {
            items.append(TestJSON.item(id: "conv-\(i)", title: "Chat \(i)", updateTime: Double(10_000 - i)))
        }
        items.append(TestJSON.item(id: "conv-old", title: "Archived one", updateTime: 1, archived: true))
        try archive.upsertBatch(items, source: "test")
        var terminal = TerminalServices.none
        terminal.copy = { clipboard.add($0) }
        let environment = StoreEnvironment(archive: archive, terminal: terminal)
        return (Store(state: AppState(width: 100, height: 30), environment: environment), archive)
    }

    @Test func startLoadsTheFirstWindowOfTheSidebar() async throws {
        let (store, _) = try makeStore(count: 1000)
        let state = await store.send(.terminal(.started(width: 100, height: 30)))
        #expect(state.sidebar.count == 1000)
        #expect(state.sidebar.loaded)
        #expect(state.sidebar.row(0)?.title == "Branchy")
        #expect(state.sidebar.window.count < 200, "only a window is loaded")
    }

    @Test func theSidebarLoadsRowsAroundTheSelectionAsItScrolls() async throws {
        let (store, _) = try makeStore(count: 1000)
        await store.send(.terminal(.started(width: 100, height: 30)))
        var state = await store.send(.command(.bottom))
        #expect(state.sidebar.selected == 999)
        #expect(state.sidebar.row(999)?.id == "conv-999")
        #expect(state.sidebar.top == 999 - state.geometry.sidebarRows + 1)
        state = await store.send(.command(.pageUp))
        #expect(state.sidebar.row(state.sidebar.selected) != nil)
        state = await store.send(.command(.top))
        #expect(state.sidebar.row(0)?.id == "conv-0")
    }

    @Test func openingShowsTheCurrentBranchAndSwitchingRemembersIt() async throws {
        let (store, archive) = try makeStore()
        await store.send(.terminal(.started(width: 100, height: 30)))
        var state = await store.send(.command(.open))
        #expect(state.focus == .messages)
        #expect(state.open?.turns.map(\.text) == ["question", Self.branching[2].text, "follow-up", "follow-up answer"])
        state = await store.send(.command(.selectPrev), .command(.selectPrev))
        #expect(state.open?.turns[state.open!.selected].siblingCount == 2)
        state = await store.send(.command(.siblingPrev))
        #expect(state.open?.turns.map(\.text) == ["question", "first answer"])
        await store.flush()
        #expect(try archive.branchMemory(for: "conv-0").mostRecent(among: ["a1", "a3"]) == "a1")
        // Back to the second answer: the follow-up under it is where we were.
        state = await store.send(.command(.siblingNext))
        #expect(state.open?.leaf == "a3")
        // Reopening lands on the last visited leaf.
        state = await store.send(
            .command(.siblingPrev), .user(.open(id: "conv-1", focusNode: nil)),
            .user(.open(id: "conv-0", focusNode: nil)))
        #expect(state.open?.leaf == "a1")
    }

    @Test func branchPointJumpsAndMessagesWithoutVersions() async throws {
        let (store, _) = try makeStore()
        await store.send(.terminal(.started(width: 100, height: 30)))
        var state = await store.send(.command(.open), .command(.top))
        #expect(state.open?.selected == 0)
        state = await store.send(.command(.siblingNext))
        #expect(state.message?.text == "This message has no other versions")
        state = await store.send(.command(.branchPointNext))
        #expect(state.open?.selected == 1)
        state = await store.send(.command(.branchPointNext))
        #expect(state.open?.selected == 1)
        #expect(state.message == StatusMessage("No later message has other versions", kind: .warning))
    }

    @Test func copyingAMessageAndItsCodeBlocks() async throws {
        let clipboard = Clipboard()
        let (store, _) = try makeStore(clipboard: clipboard)
        await store.send(
            .terminal(.started(width: 100, height: 30)), .command(.open), .command(.selectPrev), .command(.selectPrev))
        await store.send(.command(.copyCodeBlock, .digit(2)), .command(.copyCodeBlock, .digit(1)))
        let state = await store.send(.command(.copyCodeBlock, .digit(3)))
        #expect(state.message?.text == "No code block 3 (it has 2)")
        await store.send(.command(.copyMessage))
        #expect(clipboard.all == ["let two = 2", "echo one", Self.branching[2].text])
    }

    @Test func copyingPutsNoEscapeSequenceOnTheClipboard() async throws {
        let clipboard = Clipboard()
        let (store, archive) = try makeStore(clipboard: clipboard)
        let text = "answer \(HostileText.payload)\n```sh\necho \(HostileText.payload)\n```"
        try archive.upsertBatch(
            [TestJSON.item(id: "hostile", nodes: [("u1", nil, "user", "q"), ("a1", "u1", "assistant", text)])],
            source: "test")
        await store.send(.terminal(.started(width: 100, height: 30)), .user(.open(id: "hostile", focusNode: nil)))
        await store.send(.command(.copyMessage), .command(.copyCodeBlock, .digit(1)))
        #expect(clipboard.all.count == 2)
        for copied in clipboard.all {
            #expect(HostileText.problems(in: copied) == [], "copied: \(copied)")
            #expect(copied.contains(HostileText.visible))
        }
    }

    @Test func draftsAreSavedOnEveryEditAndRestored() async throws {
        let (store, archive) = try makeStore()
        await store.send(.terminal(.started(width: 100, height: 30)), .command(.open), .user(.focus(.input)))
        await store.send(
            .user(.type("hel")), .user(.type("lo")), .command(.inputNewline), .terminal(.paste("wörld 世界")))
        await store.flush()
        #expect(try archive.draft(for: "conv-0") == "hello\nwörld 世界")
        var state = await store.send(.user(.open(id: "conv-1", focusNode: nil)))
        #expect(state.input.isEmpty)
        state = await store.send(.user(.open(id: "conv-0", focusNode: nil)))
        #expect(state.input.text == "hello\nwörld 世界")
        // Cursor at the end of "wörld 世界": that line, the line break, then "hello".
        state = await store.send(.command(.inputKillLine), .command(.inputBackspace), .command(.inputKillLine))
        #expect(state.input.isEmpty)
        await store.flush()
        #expect(try archive.draft(for: "conv-0") == nil)
    }

    @Test func theNewChatDraftComesBackAtStart() async throws {
        let (store, archive) = try makeStore()
        try archive.saveDraft("half a thought", for: "")
        let state = await store.send(.terminal(.started(width: 100, height: 30)))
        #expect(state.input.text == "half a thought")
    }

    @Test func filterAndArchivedList() async throws {
        let (store, _) = try makeStore(count: 20)
        await store.send(.terminal(.started(width: 100, height: 30)), .command(.filter))
        var state = await store.send(.user(.type("Chat 1")))
        #expect(state.sidebar.filtered?.map(\.title) == (["Chat 1"] + (10...19).map { "Chat \($0)" }))
        state = await store.send(.command(.cancel))
        #expect(state.sidebar.filtered == nil)
        #expect(state.sidebar.rowCount == 20)
        state = await store.send(.command(.toggleArchived))
        #expect(state.sidebar.showArchived)
        #expect(state.sidebar.count == 1)
        #expect(state.sidebar.row(0)?.title == "Archived one")
    }

    @Test func searchFindsTextOffTheCurrentBranchAndOpensOnIt() async throws {
        let (store, _) = try makeStore()
        await store.send(.terminal(.started(width: 100, height: 30)), .command(.search))
        var state = await store.send(.user(.type("first")))
        guard case .search(let search) = state.overlay else {
            Issue.record("search overlay closed")
            return
        }
        #expect(search.hits.map(\.nodeID) == ["a1"])
        state = await store.send(.command(.open))
        #expect(state.overlay == nil)
        #expect(state.open?.leaf == "a1")
        #expect(state.open?.turns[state.open!.selected].text == "first answer")
    }

    @Test func ctrlCAsksAndOnlyYesQuits() async throws {
        let (store, _) = try makeStore()
        var state = await store.send(.terminal(.started(width: 100, height: 30)), .command(.interrupt))
        guard case .confirmQuit? = state.overlay else {
            Issue.record("no prompt")
            return
        }
        state = await store.send(.user(.confirm(false)))
        #expect(state.isRunning && state.overlay == nil)
        state = await store.send(.command(.interrupt), .user(.confirm(true)))
        #expect(!state.isRunning)
    }

    @Test func resizeRelaysOutAndKeepsTheSelection() async throws {
        let (store, _) = try makeStore()
        await store.send(
            .terminal(.started(width: 100, height: 30)), .command(.open), .command(.selectPrev), .command(.selectPrev))
        let before = await store.state
        let state = await store.send(.terminal(.resized(width: 50, height: 14)))
        #expect(state.open?.selected == before.open?.selected)
        #expect(state.open?.layout.width == state.geometry.paneColumns)
        #expect(state.open?.layout.width != before.open?.layout.width)
    }

    @Test func aBrokenTreeIsReportedInTheStatusLine() async throws {
        let archive = try Archive.inMemory()
        var object = TestJSON.conversation(id: "broken", nodes: Self.branching)
        object["current_node"] = "nowhere"
        let raw = TestJSON.data(object)
        try archive.upsert(try ConversationJSON.decode(raw), raw: raw, source: "test")
        let store = Store(state: AppState(width: 100, height: 30), environment: StoreEnvironment(archive: archive))
        let state = await store.send(.terminal(.started(width: 100, height: 30)), .command(.open))
        #expect(state.message?.kind == .warning)
        #expect(state.message?.text.contains("current_node") == true)
        #expect(state.open?.turns.isEmpty == false)
    }
}

extension Store {
    /// Sends several actions in order; returns the final state.
    @discardableResult
    func send(_ first: AppAction, _ rest: AppAction...) async -> AppState {
        var state = await send(first)
        for action in rest { state = await send(action) }
        return state
    }
}
