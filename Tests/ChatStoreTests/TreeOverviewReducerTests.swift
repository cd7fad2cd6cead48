import ChatModel
import Testing

@testable import ChatStore

/// The tree overview's folds, filter and search, and the list of branches off the path,
/// through ``TestStore``.
@Suite(.timeLimit(.minutes(1))) struct TreeOverviewReducerTests {
    typealias F = AnswerFixtures

    /// u ─ a1 ‹1/3›
    ///   ├ a2 ‹2/3› ─ u2 ─ b1 ‹1/2› (open), b2 ‹2/2›
    ///   └ a3 ‹3/3› ─ u3 ─ c1
    static let nodes: [(String, String?, Role, String)] = [
        ("u", nil, .user, "Tell me about trees"),
        ("a1", "u", .assistant, "Version one: oak"),
        ("a2", "u", .assistant, "Version two: pine"),
        ("u2", "a2", .user, "Why pine?"),
        ("b1", "u2", .assistant, "Needles stay green"),
        ("b2", "u2", .assistant, "Resin smells of pine\n\nand of summer"),
        ("a3", "u", .assistant, "Version three: birch"),
        ("u3", "a3", .user, "More birch"),
        ("c1", "u3", .assistant, "Bark peels"),
    ]

    static func opened() -> TestStore { TestStore(F.open(nodes, leaf: "b1")) }

    static func tree(_ state: AppState) -> TreeOverviewState? {
        if case .tree(let tree) = state.overlay { tree } else { nil }
    }

    /// The node ids the overview lists, a fold's line as `+id`.
    static func listed(_ state: AppState) -> [String] {
        guard let tree = tree(state) else { return [] }
        return tree.lines.map { ($0.folded == nil ? "" : "+") + tree.rows[$0.row].nodeID }
    }

    static func selected(_ state: AppState) -> String? {
        tree(state).flatMap { tree in tree.selectedRow.map { tree.rows[$0].nodeID } }
    }

    /// Changes the open overview in an expected state.
    static func change(_ state: inout AppState, _ body: (inout TreeOverviewState) -> Void) {
        guard case .tree(var tree) = state.overlay else { return }
        body(&tree)
        state.overlay = .tree(tree)
    }

    @Test func theOverviewOpensOnTheSelectedMessageWithTheBranchesOpenedBefore() {
        var state = F.open(Self.nodes, leaf: "b1")
        state.open?.memory.visit("c1")
        state.open?.memory.visit("b1")
        let store = TestStore(state)
        store.send(.command(.treeOverview)) {
            let rows = $0.open!.tree.outline(pathTo: "b1")
            $0.overlay = .tree(
                TreeOverviewState(
                    rows: rows, selectedRow: 4, visited: ["root", "u", "a3", "u3", "c1", "a2", "u2", "b1"]))
        }
        #expect(Self.listed(store.state) == ["u", "a1", "a2", "u2", "b1", "b2", "a3", "u3", "c1"])
        #expect(Self.selected(store.state) == "b1")
    }

    @Test func foldingHidesABranchBehindOneLineAndUnfoldingBringsItBack() {
        let store = Self.opened()
        store.send(.command(.treeOverview)) { $0.overlay = Reducer.treeOverview($0, mode: .tree).map(Overlay.tree) }
        // On b1, a leaf: the branch holding it (a2 ‹2/3›) folds, and is selected.
        store.send(.command(.treeFold)) { Self.change(&$0) { $0.toggleFold() } }
        #expect(Self.listed(store.state) == ["u", "a1", "a2", "+a2", "a3", "u3", "c1"])
        #expect(Self.selected(store.state) == "a2")
        #expect(Self.tree(store.state)?.folded == ["a2"])
        store.send(.command(.treeFold)) { Self.change(&$0) { $0.toggleFold() } }
        #expect(Self.listed(store.state).count == 9)
        // Fold all, then unfold all; the selection climbs to what still shows.
        store.send(.command(.selectNext)) { Self.change(&$0) { $0.selected = 3 } }
        store.send(.command(.treeFoldAll)) { Self.change(&$0) { $0.toggleFoldAll() } }
        #expect(Self.listed(store.state) == ["u", "a1", "a2", "+a2", "a3", "+a3"])
        #expect(Self.selected(store.state) == "a2")
        store.send(.command(.treeFoldAll)) { Self.change(&$0) { $0.toggleFoldAll() } }
        #expect(Self.tree(store.state)?.folded == [])
    }

    @Test func theFilterListsOnlyYourPromptsAndSaysSo() {
        let store = Self.opened()
        store.send(.command(.treeOverview)) { $0.overlay = Reducer.treeOverview($0, mode: .tree).map(Overlay.tree) }
        store.send(.command(.treeOnlyPrompts)) { Self.change(&$0) { $0.toggleOnlyPrompts() } }
        #expect(Self.listed(store.state) == ["u", "u2", "u3"])
        // b1 is an answer: the prompt above it is selected.
        #expect(Self.selected(store.state) == "u2")
        store.send(.command(.treeOnlyPrompts)) { Self.change(&$0) { $0.toggleOnlyPrompts() } }
        #expect(Self.listed(store.state).count == 9)
    }

    @Test func aSearchMarksMatchesOnEveryBranchAndNOpensTheOneHoldingIt() {
        let store = Self.opened()
        store.send(.command(.treeOverview)) { $0.overlay = Reducer.treeOverview($0, mode: .tree).map(Overlay.tree) }
        store.send(.command(.treeFoldAll)) { Self.change(&$0) { $0.toggleFoldAll() } }
        store.send(.command(.treeSearch)) { Self.change(&$0) { $0.query = TextEditor() } }
        let text = { (id: String) in store.state.open!.tree.displayText(of: id) }
        store.send(.user(.type("PINE"))) {
            Self.change(&$0) {
                $0.query = TextEditor("PINE")
                $0.search("PINE", text: text)
            }
        }
        // "pine" is in a2, u2 and in b2's whole text; a2 (selected) is the first.
        #expect(Self.tree(store.state).map { $0.matches.map { Self.nodes[$0].0 } } == ["a2", "u2", "b2"])
        #expect(Self.tree(store.state)?.selectedMatch == 1)
        // Enter keeps the matches and leaves the query line.
        store.send(.command(.open)) { Self.change(&$0) { $0.query = nil } }
        // n unfolds what hides the next match.
        store.send(.command(.treeMatchNext)) { Self.change(&$0) { $0.nextMatch(forward: true) } }
        #expect(Self.selected(store.state) == "u2")
        #expect(Self.tree(store.state)?.folded == ["a3"])
        store.send(.command(.treeMatchNext)) { Self.change(&$0) { $0.nextMatch(forward: true) } }
        #expect(Self.selected(store.state) == "b2")
        store.send(.command(.treeMatchPrev)) { Self.change(&$0) { $0.nextMatch(forward: false) } }
        store.send(.command(.treeMatchNext)) { Self.change(&$0) { $0.nextMatch(forward: true) } }
        // Enter opens the branch that holds the match.
        store.send(.command(.open)) {
            if let place = $0.open?.jumpPosition { $0.jumps.record(place) }
            $0.overlay = nil
            $0.open?.show(leaf: "b2")
            $0.open?.selected = 3
            let rows = $0.geometry.paneRows
            $0.open?.revealSelection(rows: rows)
        }
        store.expectEffects([.saveBranchMemory(conversationID: "c1", memory: store.state.open!.memory)])
        #expect(store.state.open?.turns.last?.text.hasPrefix("Resin") == true)
    }

    @Test func escLeavesTheQueryAndDropsTheSearchThenCloses() {
        let store = Self.opened()
        store.send(.command(.treeOverview)) { $0.overlay = Reducer.treeOverview($0, mode: .tree).map(Overlay.tree) }
        let before = store.state
        store.send(.command(.treeSearch)) { Self.change(&$0) { $0.query = TextEditor() } }
        store.send(.user(.type("maple"))) {
            Self.change(&$0) {
                $0.query = TextEditor("maple")
                $0.search("maple") { store.state.open!.tree.displayText(of: $0) }
            }
        }
        #expect(Self.tree(store.state)?.matches == [])
        store.send(.command(.cancel)) { Self.change(&$0) { $0.clearSearch() } }
        // As before the search, but for the texts read for it, kept for the next.
        #expect(Self.tree(store.state)?.lines == Self.tree(before)?.lines)
        #expect(Self.tree(store.state)?.query == nil)
        #expect(Self.tree(store.state)?.searched == "")
        store.send(.command(.cancel)) { $0.overlay = nil }
        // n with no search says how to search.
        store.send(.command(.treeOverview)) { $0.overlay = Reducer.treeOverview($0, mode: .tree).map(Overlay.tree) }
        store.send(.command(.treeMatchNext)) {
            $0.message = StatusMessage("No search yet: / searches the tree", kind: .warning)
        }
    }

    @Test func tListsTheBranchesOffThePathAndEnterOpensOne() {
        let store = Self.opened()
        store.send(.command(.listBranches)) { $0.overlay = Reducer.treeOverview($0, mode: .branches).map(Overlay.tree) }
        #expect(Self.listed(store.state) == ["a1", "b2", "c1"])
        #expect(Self.tree(store.state)?.lines.count == store.state.open?.tree.otherBranchCount(to: "b1"))
        // In the window, T shows the tree, and back.
        store.send(.command(.listBranches)) { Self.change(&$0) { $0.setMode(.tree) } }
        #expect(Self.listed(store.state).count == 9)
        store.send(.command(.listBranches)) { Self.change(&$0) { $0.setMode(.branches) } }
        store.send(.command(.selectNext)) { Self.change(&$0) { $0.selected += 1 } }
        store.send(.command(.selectNext)) { Self.change(&$0) { $0.selected += 1 } }
        #expect(Self.selected(store.state) == "c1")
        store.send(.command(.open)) {
            if let place = $0.open?.jumpPosition { $0.jumps.record(place) }
            $0.overlay = nil
            $0.open?.show(leaf: "c1")
            $0.open?.selected = 3
            let rows = $0.geometry.paneRows
            $0.open?.revealSelection(rows: rows)
        }
        store.expectEffects([.saveBranchMemory(conversationID: "c1", memory: store.state.open!.memory)])
        #expect(store.state.open?.turns.map(\.id) == ["u", "a3", "u3", "c1"])
    }

    @Test func aConversationWithOneBranchHasNoListToShow() {
        let store = TestStore(F.open(Array(Self.nodes.prefix(2)), leaf: "a1"))
        store.send(.command(.listBranches)) {
            $0.message = StatusMessage("This conversation has no other branch", kind: .warning)
        }
    }
}
