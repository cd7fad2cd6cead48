import ChatArchive
import ChatModel
import ChatRender
import ChatTestSupport
import Foundation
import Testing

@testable import ChatStore

/// The real store with two long versions: `=` shows both sides at once, unmarked, and the
/// store compares their words off the draw path and puts the marks in the window.
@Suite(.timeLimit(.minutes(1))) struct CompareMarksStoreTests {
    @Test func theStoreMarksALongPairAfterTheWindowOpens() async throws {
        let archive = try Archive.inMemory()
        let old = (1...800).map { "oak \($0)" }.joined(separator: " ")
        let new = (1...800).map { "pine \($0)" }.joined(separator: " ")
        let nodes: [TestJSON.Spec] = [
            ("u", nil, "user", "Name trees"), ("a1", "u", "assistant", old), ("a2", "u", "assistant", new),
        ]
        let (conversation, raw) = TestJSON.item(id: "trees", nodes: nodes)
        try archive.upsert(conversation, raw: raw, source: "test")
        let store = Store(state: AppState(width: 120, height: 30), environment: StoreEnvironment(archive: archive))
        await store.send(.terminal(.started(width: 120, height: 30)))
        var state = await store.send(.user(.open(id: "trees", focusNode: "a1")))
        #expect(state.open?.leaf == "a1")
        state = await store.send(.user(.selectMessage(1)), .command(.compareVersions))
        guard case .compare(let opened) = state.overlay else {
            Issue.record("the comparison did not open: \(String(describing: state.message))")
            return
        }
        #expect(opened.layout.comparedBytes > CompareState.markAtOnceBytes)
        for _ in 0..<500 {
            if case .compare(let compare) = state.overlay, compare.layout.isMarked { break }
            try await Task.sleep(for: .milliseconds(10))
            state = await store.state
        }
        guard case .compare(let marked) = state.overlay else {
            Issue.record("the comparison closed")
            return
        }
        #expect(marked.layout.isMarked)
        #expect(marked.layout.removedWords == 800 && marked.layout.addedWords == 800)
        #expect(marked.layout.old.lines == opened.layout.old.lines)
        #expect(marked.layout.old.marks.contains { !$0.isEmpty })
    }
}
