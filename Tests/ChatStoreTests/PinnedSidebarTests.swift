import ChatArchive
import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatStore

/// The sidebar with pinned conversations: its headings, moving over them, and `p`.
@Suite struct PinnedSidebarTests {
    static func summary(_ id: String, pinned: Double? = nil) -> ConversationSummary {
        var summary = ConversationSummary(
            id: id, title: "Chat \(id)", createTime: 1, updateTime: 1, isArchived: false, source: "chatgpt-export",
            nodeCount: 2)
        summary.facts.pinnedTime = pinned
        return summary
    }

    /// Two pinned (`p1`, `p2`) and three others, all loaded.
    static var twoPinned: SidebarState {
        var sidebar = SidebarState()
        sidebar.loaded = true
        sidebar.count = 5
        sidebar.pinnedCount = 2
        sidebar.window = [
            summary("p1", pinned: 9), summary("p2", pinned: 8), summary("a"), summary("b"), summary("c"),
        ]
        return sidebar
    }

    @Test func rowsHoldAHeadingAboveThePinnedAndOneAboveTheRest() {
        let sidebar = Self.twoPinned
        #expect(sidebar.rowCount == 7)
        #expect(sidebar.conversationCount == 5)
        #expect((0..<7).map { sidebar.heading($0) } == ["Pinned", nil, nil, "Chats", nil, nil, nil])
        #expect((0..<7).map { sidebar.row($0)?.id } == [nil, "p1", "p2", nil, "a", "b", "c"])
        #expect((0..<7).map { sidebar.conversationIndex(ofRow: $0) } == [nil, 0, 1, nil, 2, 3, 4])
        #expect((0..<5).map { sidebar.row(ofConversation: $0) } == [1, 2, 4, 5, 6])
        // Only pinned ones: no heading for a rest that is not there.
        var onlyPinned = sidebar
        onlyPinned.count = 2
        onlyPinned.window = Array(sidebar.window.prefix(2))
        #expect(onlyPinned.rowCount == 3)
        #expect((0..<3).map { onlyPinned.heading($0) } == ["Pinned", nil, nil])
        // None pinned: no headings at all, rows are conversations as before.
        var none = SidebarState()
        none.loaded = true
        none.count = 3
        none.window = [Self.summary("a"), Self.summary("b"), Self.summary("c")]
        #expect(none.rowCount == 3)
        #expect((0..<3).map { none.heading($0) } == [nil, nil, nil])
        #expect(none.row(0)?.id == "a")
    }

    @Test func aFilteredListHasHeadingsWhenWhatMatchesIsPinned() {
        var sidebar = Self.twoPinned
        sidebar.filtered = [Self.summary("p2", pinned: 8), Self.summary("b")]
        #expect(sidebar.rowCount == 4)
        #expect((0..<4).map { sidebar.row($0)?.id } == [nil, "p2", nil, "b"])
        sidebar.filtered = [Self.summary("b")]
        #expect(sidebar.rowCount == 1)
        #expect(sidebar.row(0)?.id == "b")
    }

    @Test func aHeadingIsNeverTheSelectableRow() {
        let sidebar = Self.twoPinned
        #expect(sidebar.selectable(0) == 1)
        #expect(sidebar.selectable(0, step: -1) == 1, "nothing above the first heading: below it")
        #expect(sidebar.selectable(3, step: 1) == 4)
        #expect(sidebar.selectable(3, step: -1) == 2)
        #expect(sidebar.selectable(5) == 5)
        #expect(sidebar.selectable(99) == 6)
        #expect(SidebarState().selectable(0) == 0)
    }

    @Test func onlyTheConversationsOfTheRowsOnScreenNeedLoading() {
        var sidebar = Self.twoPinned
        sidebar.count = 100
        #expect(sidebar.hasRows(0..<7))
        #expect(!sidebar.hasRows(0..<8), "row 7 is conversation 5, not loaded")
        sidebar.windowOffset = 2
        sidebar.window = (2..<60).map { Self.summary("c\($0)") }
        #expect(!sidebar.hasRows(0..<5), "the pinned ones are not in the window")
        #expect(sidebar.hasRows(4..<62))
        #expect(!sidebar.hasRows(4..<63))
    }

    /// A store over an archive of `count` conversations, `c0` the newest, the ones in `pinned`
    /// pinned by the export (the first most recently).
    static func store(count: Int = 6, pinned: [String] = ["c3", "c5"]) throws -> Store {
        let archive = try Archive.inMemory()
        for i in 0..<count {
            var object = TestJSON.conversation(id: "c\(i)", title: "Chat \(i)", updateTime: Double(1_000 - i))
            if let rank = pinned.firstIndex(of: "c\(i)") { object["pinned_time"] = Double(500 - rank) }
            let raw = TestJSON.data(object)
            try archive.upsert(try ConversationJSON.decode(raw), raw: raw, source: "chatgpt-export")
        }
        return Store(state: AppState(width: 100, height: 30), environment: StoreEnvironment(archive: archive))
    }

    static func shown(_ state: AppState) -> [String] {
        (0..<state.sidebar.rowCount).map { state.sidebar.heading($0) ?? state.sidebar.row($0)?.id ?? "…" }
    }

    @Test func movingStepsOverTheHeadingsEveryWay() async throws {
        let store = try Self.store()
        var state = await store.send(.terminal(.started(width: 100, height: 30)))
        #expect(Self.shown(state) == ["Pinned", "c3", "c5", "Chats", "c0", "c1", "c2", "c4"])
        #expect(state.sidebar.selected == 1, "the first conversation, under its heading")
        state = await store.send(.command(.selectPrev))
        #expect(state.sidebar.selected == 1)
        state = await store.send(.command(.selectNext), .command(.selectNext))
        #expect(state.sidebar.selected == 4)
        #expect(state.sidebar.row(state.sidebar.selected)?.id == "c0")
        state = await store.send(.command(.selectPrev))
        #expect(state.sidebar.selected == 2)
        state = await store.send(.command(.bottom))
        #expect(state.sidebar.row(state.sidebar.selected)?.id == "c4")
        state = await store.send(.command(.top))
        #expect(state.sidebar.selected == 1)
        #expect(state.sidebar.top == 0, "the Pinned heading shows")
        state = await store.send(.command(.pageDown))
        #expect(state.sidebar.row(state.sidebar.selected)?.id == "c4")
        state = await store.send(.command(.pageUp))
        #expect(state.sidebar.selected == 1)
    }

    @Test func theFirstRowOfAGroupScrolledToShowsItsHeading() async throws {
        // 40 conversations on a 14-row screen: 10 rows in the list.
        let store = try Self.store(count: 40, pinned: ["c30"])
        await store.send(.terminal(.started(width: 100, height: 14)))
        var state = await store.send(.command(.bottom))
        #expect(state.sidebar.top > 0)
        state = await store.send(.command(.top))
        #expect(state.sidebar.selected == 1)
        #expect(state.sidebar.top == 0)
        // Up from the bottom to the first of the others: when it becomes the first row on
        // screen, its heading comes with it.
        state = await store.send(.command(.bottom))
        while state.sidebar.selected > 3 {
            state = await store.send(.command(.selectPrev))
            #expect(state.sidebar.top <= state.sidebar.selected)
        }
        #expect(state.sidebar.heading(2) == "Chats")
        #expect(state.sidebar.top == 2)
    }

    @Test func pPinsTheSelectedConversationWhichMovesUnderPinnedWithTheSelection() async throws {
        let store = try Self.store()
        await store.send(.terminal(.started(width: 100, height: 30)))
        var state = await store.send(.command(.bottom))
        #expect(state.sidebar.row(state.sidebar.selected)?.id == "c4")
        state = await store.send(.command(.togglePin))
        #expect(state.message?.text == "Pinned “Chat 4”.")
        #expect(Self.shown(state) == ["Pinned", "c4", "c3", "c5", "Chats", "c0", "c1", "c2"])
        #expect(state.sidebar.row(state.sidebar.selected)?.id == "c4")
        // And back: it goes back among the others, in its place by update time, still selected.
        state = await store.send(.command(.togglePin))
        #expect(state.message?.text == "Unpinned “Chat 4”.")
        #expect(Self.shown(state) == ["Pinned", "c3", "c5", "Chats", "c0", "c1", "c2", "c4"])
        #expect(state.sidebar.row(state.sidebar.selected)?.id == "c4")
        // Unpinning the last pinned ones takes the headings away.
        state = await store.send(.command(.top), .command(.togglePin))
        #expect(state.message?.text == "Unpinned “Chat 3”.")
        #expect(state.sidebar.row(state.sidebar.selected)?.id == "c3")
        state = await store.send(.command(.top), .command(.togglePin))
        #expect(state.message?.text == "Unpinned “Chat 5”.")
        #expect(Self.shown(state) == ["c0", "c1", "c2", "c3", "c4", "c5"])
        #expect(state.sidebar.row(state.sidebar.selected)?.id == "c5")
    }

    @Test func pOnTheOpenConversationPinsItAndTheListFollows() async throws {
        let store = try Self.store()
        await store.send(.terminal(.started(width: 100, height: 30)), .user(.open(id: "c1", focusNode: nil)))
        var state = await store.send(.user(.focus(.messages)))
        #expect(state.open?.isPinned == false)
        state = await store.send(.command(.togglePin))
        #expect(state.message?.text == "Pinned “Chat 1”.")
        #expect(state.open?.isPinned == true)
        #expect(Self.shown(state) == ["Pinned", "c1", "c3", "c5", "Chats", "c0", "c2", "c4"])
    }

    @Test func theFilterTakesMarksAndKeepsThePinnedFirst() async throws {
        let store = try Self.store()
        await store.send(.terminal(.started(width: 100, height: 30)), .command(.filter))
        var state = await store.send(.user(.type("is:pinned")))
        #expect(Self.shown(state) == ["Pinned", "c3", "c5"])
        #expect(state.sidebar.selected == 1)
        state = await store.send(.command(.cancel), .command(.filter), .user(.type("chat 5")))
        #expect(Self.shown(state) == ["Pinned", "c5"])
        state = await store.send(.command(.cancel), .command(.filter), .user(.type("chat is:starred")))
        #expect(Self.shown(state).isEmpty)
    }
}

/// `p` through the reducer alone, every change stated.
@Suite struct TogglePinReducerTests {
    @Test func pAsksTheArchiveToPinAndTheResultSaysSoAndListsAgainOnTheConversation() {
        var initial = AppState(width: 100, height: 30)
        initial.sidebar.loaded = true
        initial.sidebar.count = 2
        initial.sidebar.window = [PinnedSidebarTests.summary("a"), PinnedSidebarTests.summary("b")]
        initial.sidebar.selected = 1
        let store = TestStore(initial)
        let limit = Reducer.sidebarLoadLimit(initial)
        store.send(.command(.togglePin))
        store.expectEffects([.changeConversation(id: "b", .pinned(true, at: TestStore.date), remote: false)])
        store.send(.backend(.changed(id: "b", .pinned(true, at: TestStore.date)))) {
            $0.message = StatusMessage("Pinned “Chat b”.")
        }
        store.expectEffects([.loadSidebar(archived: false, offset: 0, limit: limit, selecting: "b")])
        var pinned = PinnedSidebarTests.summary("b")
        pinned.facts.pinnedTime = TestStore.date
        let listing = ConversationListing(
            count: 2, pinnedCount: 1, offset: 0, rows: [pinned, PinnedSidebarTests.summary("a")])
        store.send(.loaded(.sidebar(listing, selecting: 0))) {
            $0.sidebar.pinnedCount = 1
            $0.sidebar.window = listing.rows
            $0.sidebar.selected = 1
        }
        // Pressed again on the same row: it is pinned now, so it is unpinned.
        store.send(.command(.togglePin))
        store.expectEffects([.changeConversation(id: "b", .pinned(false, at: TestStore.date), remote: false)])
    }
}
