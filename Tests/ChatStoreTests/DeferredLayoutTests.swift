import ChatArchive
import ChatModel
import ChatRender
import ChatTestSupport
import Foundation
import Testing

@testable import ChatStore

/// A conversation with much Markdown never rendered before opens with the answers near the
/// screen rendered and the rest as placeholder lines, which are rendered off the draw path and
/// replaced without moving what the reader sees.
@Suite struct DeferredLayoutTests {
    /// `pairs` question/answer pairs whose answers are unique (never in the shared render cache)
    /// and about 3 KB each.
    static func nodes(pairs: Int) -> [TestJSON.Spec] {
        let tag = UUID().uuidString
        var specs: [TestJSON.Spec] = []
        var parent: String?
        for i in 0..<pairs {
            let paragraph = String(repeating: "Answer \(i) of \(tag) says **something** long. ", count: 60)
            specs.append(("u\(i)", parent, "user", "Question \(i)?"))
            specs.append(("a\(i)", "u\(i)", "assistant", "## Part \(i)\n\n\(paragraph)\n\n- one\n- two"))
            parent = "a\(i)"
        }
        return specs
    }

    static func turns(pairs: Int) -> [Turn] {
        let (conversation, _) = TestJSON.item(id: "big", nodes: nodes(pairs: pairs))
        let tree = ConversationTree(conversation)
        return tree.turns(to: tree.currentLeaf, showReasoning: false)
    }

    static func placeholders(_ layout: PaneLayout) -> [Int] {
        layout.turnRanges.indices.filter { turn in
            layout.turnRanges[turn].contains { layout.lines[$0].text == "  …" }
        }
    }

    @Test func onlyAnswersNearTheFocusAreRenderedAndTheRestAreListed() {
        let turns = Self.turns(pairs: 60)
        let layout = PaneLayout(turns: turns, width: 80, focus: turns.count - 1)
        let deferred = Self.placeholders(layout)
        #expect(!deferred.isEmpty)
        #expect(!deferred.contains(turns.count - 1), "the focus turn is a placeholder")
        #expect(deferred.allSatisfy { turns[$0].author.role == .assistant })
        #expect(layout.deferredTexts == deferred.map { turns[$0].text })
        // The ones near the focus are rendered: the last answers' headings are there.
        #expect(layout.lines.contains { $0.text.contains("Part 59") })
        #expect(!layout.lines.contains { $0.text.contains("Part 0") })
        // Every turn still has its header, so turn indexes and selection hold.
        #expect(layout.turnRanges.count == turns.count)
    }

    @Test func withoutAFocusOrWithLittleMarkdownEverythingIsRendered() {
        let turns = Self.turns(pairs: 60)
        #expect(PaneLayout(turns: turns, width: 80).deferredTexts.isEmpty)
        let few = Self.turns(pairs: 5)
        #expect(PaneLayout(turns: few, width: 80, focus: few.count - 1).deferredTexts.isEmpty)
    }

    @Test func openingLaysOutOnlyTheNearAnswersEvenWhenAllAreRendered() {
        let turns = Self.turns(pairs: 60)
        // Every answer rendered before (the conversation was open a moment ago).
        MessageRenderCache.shared.prepare(turns.filter { $0.author.role == .assistant }.map(\.text), width: 78)
        let relayout = PaneLayout(turns: turns, width: 80, focus: turns.count - 1)
        #expect(relayout.deferredTexts.isEmpty, "a relayout lays out what is rendered")
        let opening = PaneLayout(turns: turns, width: 80, focus: turns.count - 1, deferringRendered: true)
        #expect(!opening.deferredTexts.isEmpty)
        #expect(opening.lines.contains { $0.text.contains("Part 59") })
        #expect(!opening.lines.contains { $0.text.contains("Part 0") })
        #expect(opening.lines.count < relayout.lines.count)
        #expect(opening.turnRanges.count == relayout.turnRanges.count)
    }

    @Test func theStoreRendersTheRestAndKeepsTheReadersPlace() async throws {
        let archive = try Archive.inMemory()
        let (conversation, raw) = TestJSON.item(id: "big", nodes: Self.nodes(pairs: 60))
        try archive.upsert(conversation, raw: raw, source: "test")
        let store = Store(state: AppState(width: 100, height: 30), environment: StoreEnvironment(archive: archive))
        await store.send(.terminal(.started(width: 100, height: 30)))
        let opened = await store.send(.user(.open(id: "big", focusNode: nil)))
        let first = try #require(opened.open)
        #expect(!first.layout.deferredTexts.isEmpty, "opened with every answer rendered")
        let shownBefore = first.layout.lines[first.scrollTop..<min(first.layout.lines.count, first.scrollTop + 10)]
        var state = opened
        for _ in 0..<500 where state.open?.layout.deferredTexts.isEmpty == false {
            try await Task.sleep(for: .milliseconds(10))
            state = await store.state
        }
        let done = try #require(state.open)
        #expect(done.layout.deferredTexts.isEmpty)
        #expect(Self.placeholders(done.layout).isEmpty)
        #expect(done.layout.lines.contains { $0.text.contains("Part 0") })
        #expect(done.selected == first.selected)
        let shownAfter = done.layout.lines[done.scrollTop..<min(done.layout.lines.count, done.scrollTop + 10)]
        #expect(Array(shownAfter) == Array(shownBefore), "what the reader saw moved")
    }
}
