import ChatModel
import ChatRender
import Testing

@testable import ChatStore

/// The comparison window through ``TestStore``: `=` opens it on the selected answer and the
/// next version, `[ ]` and `{ }` change the left and the right side (never onto the other
/// side's version), the sides scroll together, and `=` or Esc closes it.
@Suite(.timeLimit(.minutes(1))) struct CompareReducerTests {
    typealias F = AnswerFixtures

    static let versions: [(String, String?, Role, String)] = [
        ("u1", nil, .user, "Name a tree"),
        ("a1", "u1", .assistant, "An oak tree"),
        ("a2", "u1", .assistant, "A pine tree"),
        ("a3", "u1", .assistant, "A birch tree"),
    ]

    /// The versions' conversation open on `leaf`, its answer selected.
    static func store(leaf: String, width: Int = 100) -> TestStore {
        var state = F.open(versions, leaf: leaf)
        state.width = width
        state.open?.selected = 1
        return TestStore(state)
    }

    /// The comparison of versions `left` and `right` (0-based) as the reducer opens it.
    static func compare(_ store: TestStore, _ left: Int, _ right: Int, width: Int = 100) -> CompareState {
        let open = store.state.open!
        return CompareState(
            versions: ["a1", "a2", "a3"], left: left, right: right, tree: open.tree, memory: open.memory,
            screenWidth: width)!
    }

    /// The body text each side shows.
    static func bodies(_ state: AppState) -> [String] {
        guard case .compare(let compare) = state.overlay else { return [] }
        return [compare.layout.old, compare.layout.new].map { side in
            side.lines.filter { $0.kind == .text }.map(\.text).joined(separator: "|")
        }
    }

    @Test func opensOnTheSelectedVersionAndTheNext() {
        let store = Self.store(leaf: "a2")
        store.send(.command(.compareVersions)) { $0.overlay = .compare(Self.compare(store, 1, 2)) }
        #expect(Self.bodies(store.state) == ["  A pine tree", "  A birch tree"])
        guard case .compare(let compare) = store.state.overlay else { return }
        #expect(compare.layout.removedWords == 1 && compare.layout.addedWords == 1)
        // "pine" is marked on the left at its columns (after the two-column indent and "A ").
        #expect(compare.layout.old.marks[compare.layout.old.lines.firstIndex { $0.kind == .text }!] == [4..<8])
    }

    @Test func theLastVersionOpensBesideTheOneBefore() {
        let store = Self.store(leaf: "a3")
        store.send(.command(.compareVersions)) { $0.overlay = .compare(Self.compare(store, 1, 2)) }
    }

    @Test func sidesChangeAndNeverShowTheSameVersion() {
        let store = Self.store(leaf: "a1")
        store.send(.command(.compareVersions)) { $0.overlay = .compare(Self.compare(store, 0, 1)) }
        // The left side shows the first version: there is none before it.
        store.send(.command(.siblingPrev)) {
            $0.message = StatusMessage("No earlier version to show on the left", kind: .warning)
        }
        // On, it steps over the second version, which the right side shows, to the third.
        store.send(.command(.siblingNext)) {
            $0.message = nil
            $0.overlay = .compare(Self.compare(store, 2, 1))
        }
        #expect(Self.bodies(store.state) == ["  A birch tree", "  A pine tree"])
        store.send(.command(.branchPointPrev)) { $0.overlay = .compare(Self.compare(store, 2, 0)) }
        #expect(Self.bodies(store.state) == ["  A birch tree", "  An oak tree"])
        store.send(.command(.branchPointNext)) { $0.overlay = .compare(Self.compare(store, 2, 1)) }
        // The right side cannot step over the left's third version: nothing is after it.
        store.send(.command(.branchPointNext)) {
            $0.message = StatusMessage("No later version to show on the right", kind: .warning)
        }
        // The pane behind is as it was.
        #expect(store.state.open?.leaf == "a1")
    }

    @Test func escAndEqualsClose() {
        let store = Self.store(leaf: "a2")
        store.send(.command(.compareVersions)) { $0.overlay = .compare(Self.compare(store, 1, 2)) }
        store.send(.command(.cancel)) { $0.overlay = nil }
        store.send(.command(.compareVersions)) { $0.overlay = .compare(Self.compare(store, 1, 2)) }
        store.send(.command(.compareVersions)) { $0.overlay = nil }
    }

    @Test func helpOpenedInsideTheComparisonReturnsToIt() {
        let store = Self.store(leaf: "a2")
        let compare = Self.compare(store, 1, 2)
        store.send(.command(.compareVersions)) { $0.overlay = .compare(compare) }
        store.send(.command(.help)) {
            $0.overlayUnderHelp = .compare(compare)
            $0.overlay = .help(scroll: 0)
        }
        // `?` again closes the help: the comparison is back, as it was.
        store.send(.command(.help)) {
            $0.overlayUnderHelp = nil
            $0.overlay = .compare(compare)
        }
        store.send(.command(.help)) {
            $0.overlayUnderHelp = .compare(compare)
            $0.overlay = .help(scroll: 0)
        }
        // Esc too, and a resize meanwhile lays the comparison out for the new width.
        store.send(.terminal(.resized(width: 80, height: 30))) {
            $0.width = 80
            $0.height = 30
            let columns = $0.geometry.paneColumns
            $0.open?.setLayout(width: columns, showReasoning: false)
        }
        store.send(.command(.cancel)) {
            $0.overlayUnderHelp = nil
            $0.overlay = .compare(Self.compare(store, 1, 2, width: 80))
        }
        // Opened over the panes, the help closes back to them.
        store.send(.command(.cancel)) { $0.overlay = nil }
        store.send(.command(.help)) { $0.overlay = .help(scroll: 0) }
        store.send(.command(.cancel)) { $0.overlay = nil }
    }

    @Test func aLongPairOpensAtOnceAndItsMarksFollowFromTheStore() {
        // Two long answers: more text than is compared while the window opens.
        var nodes = Self.versions
        nodes[1].3 = (1...700).map { "oak word \($0)" }.joined(separator: " ")
        nodes[2].3 = (1...700).map { "pine word \($0)" }.joined(separator: " ")
        var state = F.open(nodes, leaf: "a1")
        state.open?.selected = 1
        state.width = 100
        let store = TestStore(state)
        let open = store.state.open!
        let unmarked = CompareLayout.unmarked(
            old: open.tree.versionTurn("a1", memory: open.memory)!,
            new: open.tree.versionTurn("a2", memory: open.memory)!,
            width: CompareState.sideWidth(screenWidth: 100))
        #expect(unmarked.comparedBytes > CompareState.markAtOnceBytes)
        store.send(.command(.compareVersions)) {
            var compare = CompareState(
                versions: ["a1", "a2", "a3"], left: 0, right: 1, tree: open.tree, memory: open.memory, screenWidth: 100)!
            compare.marksRequested = true
            $0.overlay = .compare(compare)
        }
        store.expectEffects([.markComparison(unmarked)])
        guard case .compare(let opened) = store.state.overlay else { return }
        #expect(!opened.layout.isMarked)
        // Marks for another pair (the right side moved meanwhile) are dropped.
        let other = CompareLayout.unmarked(
            old: open.tree.versionTurn("a1", memory: open.memory)!,
            new: open.tree.versionTurn("a3", memory: open.memory)!,
            width: CompareState.sideWidth(screenWidth: 100))
        store.send(.loaded(.comparisonMarked(other.marked())))
        // The pair's own marks are taken, and asked for no more.
        store.send(.loaded(.comparisonMarked(unmarked.marked()))) {
            var marked = opened
            marked.takeMarks(unmarked.marked())
            $0.overlay = .compare(marked)
        }
        guard case .compare(let done) = store.state.overlay else { return }
        #expect(done.layout.isMarked && !done.marksRequested)
        #expect(done.layout.removedWords == 700 && done.layout.addedWords == 700)
        // Scrolling asks for nothing.
        store.send(.command(.selectNext)) { $0.overlay = .compare(Self.scrolled(done, 1)) }
    }

    @Test func aMessageWithoutVersionsSaysSo() {
        var state = F.open(Array(Self.versions.prefix(2)), leaf: "a1")
        state.open?.selected = 1
        let store = TestStore(state)
        store.send(.command(.compareVersions)) {
            $0.message = StatusMessage("This message has no other versions to compare", kind: .warning)
        }
    }

    @Test func bothSidesScrollTogetherWithinTheTallerSide() {
        let long = (1...40).map { "Line \($0) of a long answer." }.joined(separator: "\n\n")
        var nodes = Self.versions
        nodes[1].3 = long
        var state = F.open(nodes, leaf: "a1")
        state.open?.selected = 1
        state.height = 20
        let store = TestStore(state)
        store.send(.command(.compareVersions)) {
            $0.overlay = .compare(
                CompareState(
                    versions: ["a1", "a2", "a3"], left: 0, right: 1, tree: $0.open!.tree, memory: $0.open!.memory,
                    screenWidth: 100)!)
        }
        guard case .compare(let opened) = store.state.overlay else { return }
        let limit = opened.maxScroll(screenWidth: 100, screenHeight: 20)
        #expect(limit == opened.layout.rowCount - 16)
        store.send(.command(.selectNext)) { $0.overlay = .compare(Self.scrolled(opened, 1)) }
        store.send(.command(.bottom)) { $0.overlay = .compare(Self.scrolled(opened, limit)) }
        store.send(.command(.pageDown))
        store.send(.command(.top)) { $0.overlay = .compare(Self.scrolled(opened, 0)) }
    }

    static func scrolled(_ compare: CompareState, _ rows: Int) -> CompareState {
        var copy = compare
        copy.scroll = rows
        return copy
    }

    @Test func aNarrowScreenStacksTheSidesAndLaysThemOutWider() {
        let store = Self.store(leaf: "a2", width: 80)
        store.send(.command(.compareVersions)) { $0.overlay = .compare(Self.compare(store, 1, 2, width: 80)) }
        guard case .compare(let compare) = store.state.overlay else { return }
        #expect(CompareState.isStacked(screenWidth: 80))
        #expect(compare.layout.width == 78)
        store.send(.terminal(.resized(width: 120, height: 30))) {
            $0.width = 120
            let columns = $0.geometry.paneColumns
            $0.open?.setLayout(width: columns, showReasoning: false)
            $0.overlay = .compare(Self.compare(store, 1, 2, width: 120))
        }
        guard case .compare(let wide) = store.state.overlay else { return }
        #expect(wide.layout.width == 58)
    }
}
