import ChatArchive
import ChatModel
import ChatTestSupport
import Testing

@testable import ChatStore

/// `L`, `b` and `B` through ``TestStore``: what the state and the archive are told, and the
/// search window finding a label through the real store.
@Suite(.timeLimit(.minutes(1))) struct MarkReducerTests {
    typealias F = AnswerFixtures

    static let nodes: [(String, String?, Role, String)] = [
        ("u1", nil, .user, "Name a tree"),
        ("a1", "u1", .assistant, "Oak"),
    ]

    @Test func aLabelIsTypedSavedAndRemovedWhenEmpty() {
        let store = TestStore(F.open(Self.nodes, leaf: "a1"))
        store.send(.command(.labelMessage)) {
            $0.overlay = .label(LabelEditState(conversationID: "c1", nodeID: "a1", label: ""))
        }
        store.send(.user(.type("  best\tone "))) {
            var edit = LabelEditState(conversationID: "c1", nodeID: "a1", label: "")
            edit.text.apply(.insert("  best\tone "), singleLine: true)
            $0.overlay = .label(edit)
        }
        store.send(.command(.open)) {
            $0.overlay = nil
            $0.open?.changeMark(of: "a1") { $0.label = "best one" }
            $0.message = StatusMessage("Labelled “best one”")
        }
        store.expectEffects([.saveLabel(conversationID: "c1", nodeID: "a1", label: "best one")])
        #expect(store.state.open?.turns.last?.label == "best one")
        #expect(store.state.open?.layout.lines.contains { $0.text.hasSuffix("Assistant · [best one]") } == true)
        // Opened again, the label is there to edit; cleared, it is removed.
        store.send(.command(.labelMessage)) {
            $0.overlay = .label(LabelEditState(conversationID: "c1", nodeID: "a1", label: "best one"))
        }
        store.send(.command(.inputKillLine)) {
            $0.overlay = .label(LabelEditState(conversationID: "c1", nodeID: "a1", label: ""))
        }
        store.send(.command(.open)) {
            $0.overlay = nil
            $0.open?.changeMark(of: "a1") { $0.label = nil }
            $0.message = StatusMessage("Label removed")
        }
        store.expectEffects([.saveLabel(conversationID: "c1", nodeID: "a1", label: nil)])
        #expect(store.state.open?.marks.isEmpty == true)
    }

    @Test func bTogglesABookmarkAndBListsThemToOpenOne() {
        let store = TestStore(F.open(Self.nodes, leaf: "a1"))
        store.send(.command(.toggleBookmark)) {
            $0.open?.changeMark(of: "a1") { $0.bookmarkedAt = TestStore.date }
            $0.message = StatusMessage("Bookmarked")
        }
        store.expectEffects([
            .saveBookmark(conversationID: "c1", nodeID: "a1", bookmarked: true, time: TestStore.date)
        ])
        #expect(store.state.open?.turns.last?.isBookmarked == true)
        store.send(.command(.showBookmarks)) { $0.overlay = .bookmarks(BookmarkListState()) }
        store.expectEffects([.loadBookmarks])
        let elsewhere = Bookmark(conversationID: "c9", nodeID: "x1", title: "Other", label: "keep", time: 1)
        store.send(.loaded(.bookmarks([elsewhere]))) {
            $0.overlay = .bookmarks(BookmarkListState(bookmarks: [elsewhere], loaded: true))
        }
        // Opening it is a jump: the place left is recorded.
        store.send(.command(.open)) {
            $0.jumps.record(JumpPosition(conversationID: "c1", leaf: "a1", nodeID: "a1"))
            $0.overlay = nil
        }
        store.expectEffects([.loadConversation(id: "c9", focusNode: "x1")])
        store.send(.command(.toggleBookmark)) {
            $0.open?.changeMark(of: "a1") { $0.bookmarkedAt = nil }
            $0.message = StatusMessage("Bookmark removed")
        }
        store.expectEffects([
            .saveBookmark(conversationID: "c1", nodeID: "a1", bookmarked: false, time: TestStore.date)
        ])
    }

    @Test func theSearchWindowListsLabelledMessagesFirst() async throws {
        let (store, archive) = try ReducerTests().makeStore()
        try archive.setLabel("answer worth keeping", conversationID: "conv-0", nodeID: "a3")
        await store.send(.terminal(.started(width: 100, height: 30)), .command(.search))
        let state = await store.send(.user(.type("answer")))
        guard case .search(let search) = state.overlay else {
            Issue.record("no search window")
            return
        }
        #expect(search.hits.first?.nodeID == "a3")
        #expect(search.hits.first?.role == "label")
        #expect(search.hits.first?.snippet == "answer worth keeping")
        // The message's own text matches too: listed once.
        #expect(search.hits.filter { $0.nodeID == "a3" }.count == 1)
        #expect(search.hits.count > 1)
    }
}
