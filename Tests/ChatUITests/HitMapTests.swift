import ChatConfig
import ChatStore
import TerminalCanvas
import Testing

@testable import ChatUI

/// What a frame says it drew where: a golden frame, then what clicks at its cells land on, and
/// the actions the mouse router makes of them.
@Suite struct HitMapTests {
    /// The branching conversation open on its second answer (‹2/3›), the pane focused.
    static func opened() async throws -> (UITestWorld, Frame) {
        let world = try UITestWorld(width: 80, height: 16)
        await world.send(.terminal(.started(width: 80, height: 16)), .command(.open))
        let frame = await world.render()
        expectScreen(
            frame,
            """
            ┌ Conversations (2) ───┐┌ Branching test ──────────────────────────────────────┐
            │ Branching test  11-14││  Tell me about trees                                 │
            │ 中文 red        11-14││                                                      │
            │                      ││▌ChatGPT · gpt-4o ‹2/3›                               │
            │                      ││▌ Version two: pine                                   │
            │                      ││▌                                                     │
            │                      ││▌ [1] swift                                           │
            │                      ││▌   let tree = "pine"                                 │
            │                      ││▌                                                     │
            │                      ││▌ after code                                          │
            │                      │└──────────────────────────────────────────────────────┘
            │                      │┌ Message ─────────────────────────────────────────────┐
            │                      ││Tab here to write a message                           │
            └──────────────────────┘└──────────────────────────────────────────────────────┘
             Branching test · branch 2/3 · message 2/2 ‹2/3› · 2… chatterm · chatgpt-export
             j k select  [ ] versions  = compare  t tree  y copy  1-9 copy code  ? help
            """, cursor: nil)
        return (world, frame)
    }

    @Test func eachCellSaysWhatWasDrawnThere() async throws {
        let (_, frame) = try await Self.opened()
        let hits = frame.hits
        // The sidebar: its two rows, and elsewhere the sidebar itself.
        #expect(hits.target(x: 1, y: 1) == .sidebarRow(0))
        #expect(hits.target(x: 22, y: 2) == .sidebarRow(1))
        #expect(hits.target(x: 5, y: 3) == .sidebar)
        #expect(hits.target(x: 0, y: 1) == .sidebar, "the border")
        #expect(hits.target(x: 10, y: 13) == .sidebar)
        // The pane: the prompt's line, the blank line between messages, the answer's lines.
        #expect(hits.target(x: 40, y: 1) == .message(turn: 0))
        #expect(hits.target(x: 40, y: 2) == .pane)
        #expect(hits.target(x: 26, y: 3) == .message(turn: 1))
        #expect(hits.target(x: 70, y: 9) == .message(turn: 1))
        #expect(hits.target(x: 24, y: 5) == .pane, "the border")
        #expect(hits.target(x: 40, y: 10) == .pane)
        // The marker ‹2/3› on the answer's header: its arrows, and the number between them.
        #expect(hits.target(x: 43, y: 3) == .siblingMarker(turn: 1, step: -1))
        #expect(hits.target(x: 47, y: 3) == .siblingMarker(turn: 1, step: 1))
        #expect(hits.target(x: 45, y: 3) == .message(turn: 1))
        #expect(hits.target(x: 48, y: 3) == .message(turn: 1))
        // The input box, and the status line, where nothing is clickable.
        #expect(hits.target(x: 30, y: 12) == .input)
        #expect(hits.target(x: 24, y: 11) == .input)
        #expect(hits.target(x: 10, y: 14) == nil)
        // The footer: each key of a pair its command, a hint's key and label its command.
        #expect(hits.target(x: 1, y: 15) == .hint(.command(.selectNext)))
        #expect(hits.target(x: 3, y: 15) == .hint(.command(.selectPrev)))
        #expect(hits.target(x: 7, y: 15) == nil, "the label of a pair names both")
        #expect(hits.target(x: 13, y: 15) == .hint(.command(.siblingPrev)))
        #expect(hits.target(x: 15, y: 15) == .hint(.command(.siblingNext)))
        #expect(hits.target(x: 27, y: 15) == .hint(.command(.compareVersions)))
        #expect(hits.target(x: 38, y: 15) == .hint(.command(.treeOverview)))
        #expect(hits.target(x: 43, y: 15) == .hint(.command(.treeOverview)))
        #expect(hits.target(x: 44, y: 15) == nil, "between hints")
        #expect(hits.target(x: 47, y: 15) == .hint(.command(.copyMessage)))
        #expect(hits.target(x: 56, y: 15) == nil, "the digits need a digit")
        #expect(hits.target(x: 69, y: 15) == .hint(.command(.help)), "help is kept on a narrow footer")
        #expect(hits.target(x: 79, y: 15) == nil)
    }

    @Test func clicksOnTheGoldenFrameAndWhatTheyDo() async throws {
        let (world, frame) = try await Self.opened()
        var router = MouseRouter()
        var time = 0.0
        func click(_ x: Int, _ y: Int) async -> [AppAction] {
            time += 10
            return router.actions(
                for: MouseEvent(.press(.left), x: x, y: y), at: time, hits: frame.hits, state: await world.store.state)
        }
        #expect(await click(47, 3) == [.user(.selectMessage(1)), .command(.siblingNext)])
        #expect(await click(43, 3) == [.user(.selectMessage(1)), .command(.siblingPrev)])
        #expect(await click(40, 1) == [.user(.selectMessage(0))])
        #expect(await click(10, 2) == [.user(.selectRow(1))])
        #expect(await click(30, 12) == [.user(.focus(.input))])
        #expect(await click(39, 15) == [.command(.treeOverview)])
        // The store does what they ask: a click on › shows version three.
        let state = await world.send(.user(.selectMessage(1)), .command(.siblingNext))
        #expect(state.open?.turns.last?.text == "Version three: birch")
        let shown = await world.render()
        let header = try #require(shown.buffer.lines.firstIndex { $0.contains("‹3/3›") })
        let arrow = try #require(shown.buffer.lines[header].firstIndex(of: "‹"))
        let column = DisplayWidth.of(String(shown.buffer.lines[header][..<arrow]))
        #expect(shown.hits.target(x: column, y: header) == .siblingMarker(turn: 1, step: -1))
    }

    @Test func aWindowOverThePanesLeavesOnlyTheFooterClickable() async throws {
        let (world, _) = try await Self.opened()
        await world.send(.command(.treeOverview))
        let frame = await world.render()
        #expect(frame.hits.target(x: 5, y: 1) == nil)
        #expect(frame.hits.target(x: 40, y: 4) == nil)
        #expect(frame.hits.target(x: 30, y: 12) == nil)
        let footer = frame.buffer.lines[15]
        #expect(footer.hasPrefix(" Enter show branch"), "\(footer)")
        #expect(frame.hits.target(x: 1, y: 15) == .hint(.command(.open)))
        await world.send(.command(.cancel), .command(.interrupt))
        let asking = await world.render()
        #expect(asking.buffer.lines[15].hasPrefix(" y quit  n stay"), "\(asking.buffer.lines[15])")
        #expect(asking.hits.target(x: 1, y: 15) == .hint(.confirm(true)))
        #expect(asking.hits.target(x: 9, y: 15) == .hint(.confirm(false)))
    }

    @Test func aLaterRegionLiesOverAnEarlierOne() {
        var hits = HitMap()
        hits.add(Rect(x: 0, y: 0, width: 10, height: 10), .pane)
        hits.add(Rect(x: 2, y: 2, width: 2, height: 1), .input)
        hits.add(Rect(x: 5, y: 5, width: 0, height: 3), .sidebar)
        #expect(hits.target(x: 2, y: 2) == .input)
        #expect(hits.target(x: 4, y: 2) == .pane)
        #expect(hits.target(x: 5, y: 5) == .pane, "an empty rectangle is not added")
        #expect(hits.target(x: 10, y: 0) == nil)
        #expect(hits.regions.count == 2)
        #expect(HitMap().target(x: 0, y: 0) == nil)
    }
}
