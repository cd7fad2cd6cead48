import ChatModel
import Testing

@testable import ChatStore

/// What a click or a wheel turn does to the state (the intents the mouse router sends), through
/// ``TestStore``: every change is stated.
@Suite struct MouseReducerTests {
    typealias F = AnswerFixtures

    /// A conversation long enough to scroll: ten turns of four lines of text each.
    static var long: AppState {
        var nodes: [(String, String?, Role, String)] = []
        for i in 0..<10 {
            let text = (1...4).map { "turn \(i) line \($0)" }.joined(separator: "\n\n")
            nodes.append(("m\(i)", i == 0 ? nil : "m\(i - 1)", i % 2 == 0 ? .user : .assistant, text))
        }
        var state = F.open(nodes, leaf: "m9")
        state.open?.scrollTop = 0
        state.open?.selected = 0
        return state
    }

    /// A loaded sidebar of `count` conversations, two of them pinned (rows 0 and 3 are headings).
    static func sidebar(count: Int) -> SidebarState {
        var sidebar = PinnedSidebarTests.twoPinned
        sidebar.count = count
        sidebar.window =
            Array(sidebar.window.prefix(2)) + (2..<count).map { PinnedSidebarTests.summary("c\($0)") }
        return sidebar
    }

    @Test func aClickOnASidebarRowFocusesTheSidebarAndSelectsIt() {
        var state = Self.long
        state.sidebar = Self.sidebar(count: 5)
        state.sidebar.selected = 1
        state.sidebar.isEditingFilter = true
        state.message = StatusMessage("old news")
        let store = TestStore(state)
        store.send(.user(.selectRow(5))) {
            $0.focus = .sidebar
            $0.sidebar.isEditingFilter = false
            $0.sidebar.selected = 5
            $0.message = nil
        }
        store.expectEffects([])
    }

    @Test func aClickOnAHeadingOrPastTheListOnlyFocusesTheSidebar() {
        var state = Self.long
        state.sidebar = Self.sidebar(count: 5)
        state.sidebar.selected = 4
        let store = TestStore(state)
        store.send(.user(.selectRow(3))) { $0.focus = .sidebar }
        store.expectEffects([])
        store.send(.user(.selectRow(40)))
        store.expectEffects([])
    }

    @Test func aClickOnAMessageSelectsItWithoutScrolling() {
        var state = Self.long
        state.focus = .sidebar
        state.open?.scrollTop = 7
        let store = TestStore(state)
        store.send(.user(.selectMessage(3))) {
            $0.focus = .messages
            $0.open?.selected = 3
        }
        store.expectEffects([])
        store.send(.user(.selectMessage(99)))
        store.expectEffects([])
    }

    @Test func theWheelScrollsThePaneWhereverTheKeysAre() throws {
        var state = Self.long
        state.focus = .sidebar
        let store = TestStore(state)
        let open = try #require(state.open)
        // The selection follows the scroll: the first message whose header is on screen.
        let firstHeaderFrom3 = try #require(open.layout.turnRanges.firstIndex { $0.lowerBound >= 3 })
        store.send(.user(.scroll(.messages, lines: 3))) {
            $0.open?.scrollTop = 3
            $0.open?.selected = firstHeaderFrom3
        }
        store.expectEffects([])
        store.send(.user(.scroll(.messages, lines: -30))) {
            $0.open?.scrollTop = 0
            $0.open?.selected = 0
        }
        store.expectEffects([])
        let bottom = open.layout.lines.count - state.geometry.paneRows
        #expect(bottom > 3, "the conversation must be taller than the pane")
        store.send(.user(.scroll(.messages, lines: 10_000))) {
            $0.open?.scrollTop = bottom
            $0.open?.selected = open.layout.turnRanges.firstIndex { $0.lowerBound >= bottom } ?? 9
        }
        store.expectEffects([])
    }

    @Test func theWheelScrollsTheSidebarKeepingItsSelectionOnScreen() {
        var state = AppState(width: 100, height: 12)  // 8 rows of list
        state.sidebar = Self.sidebar(count: 30)  // 32 rows
        state.sidebar.selected = 2
        let store = TestStore(state)
        #expect(state.geometry.sidebarRows == 8)
        store.send(.user(.scroll(.sidebar, lines: 3))) {
            $0.sidebar.top = 3
            // Row 3 is the "Chats" heading: the selection goes to the first conversation below it.
            $0.sidebar.selected = 4
        }
        store.expectEffects([])
        store.send(.user(.scroll(.sidebar, lines: 100))) {
            $0.sidebar.top = 24
            $0.sidebar.selected = 24
        }
        store.expectEffects([])
        store.send(.user(.scroll(.sidebar, lines: -3))) {
            $0.sidebar.top = 21
            $0.sidebar.selected = 24
        }
        store.expectEffects([])
        store.send(.user(.scroll(.sidebar, lines: -3))) {
            $0.sidebar.top = 18
            $0.sidebar.selected = 24
        }
        store.expectEffects([])
        store.send(.user(.scroll(.sidebar, lines: -3))) {
            $0.sidebar.top = 15
            $0.sidebar.selected = 22
        }
        store.expectEffects([])
    }

    @Test func theWheelOverTheSidebarLoadsRowsItScrollsTo() {
        var state = AppState(width: 100, height: 12)
        state.sidebar = Self.sidebar(count: 30)
        state.sidebar.count = 300  // only the first 30 are loaded
        let store = TestStore(state)
        store.send(.user(.scroll(.sidebar, lines: 30))) {
            $0.sidebar.top = 30
            $0.sidebar.selected = 30
        }
        store.expectEffects([.loadSidebar(archived: false, offset: 22, limit: 50)])
    }

    @Test func aFilteredListMovesItsSelection() {
        var state = AppState(width: 100, height: 12)
        state.sidebar = Self.sidebar(count: 5)
        state.sidebar.filtered = (0..<6).map { PinnedSidebarTests.summary("f\($0)") }
        let store = TestStore(state)
        store.send(.user(.scroll(.sidebar, lines: 3))) { $0.sidebar.selected = 3 }
        store.expectEffects([])
        store.send(.user(.scroll(.sidebar, lines: 3))) { $0.sidebar.selected = 5 }
        store.expectEffects([])
    }

    @Test func nothingActsUnderAnOpenWindow() {
        var state = Self.long
        state.sidebar = Self.sidebar(count: 5)
        state.overlay = .help(scroll: 0)
        let store = TestStore(state)
        store.send(.user(.selectRow(2)))
        store.expectEffects([])
        store.send(.user(.selectMessage(2)))
        store.expectEffects([])
        store.send(.user(.scroll(.messages, lines: 3)))
        store.expectEffects([])
        store.send(.user(.scroll(.sidebar, lines: 3)))
        store.expectEffects([])
        store.send(.user(.scroll(.input, lines: 3)))
        store.expectEffects([])
    }
}
