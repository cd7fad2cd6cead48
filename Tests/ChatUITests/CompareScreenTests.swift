import ChatConfig
import ChatStore
import ChatTestSupport
import ChatUI
import TerminalCanvas
import Testing

/// The comparison window (`=`): two versions of an answer side by side at 120 columns, stacked
/// at 80, each drawn as the pane draws it, the words that differ marked.
@Suite struct CompareScreenTests {
    static func slot(_ name: String) -> ScreenMatch.Look { .style(UITestWorld.context.theme.style(name)) }

    /// Three versions of an answer: the first with Chinese, the second with a code block the
    /// others lack, the third short. The first is the open one.
    static let versions = """
        {"id":"conv-v","title":"Versions","create_time":1700000000,"update_time":1700009000,
         "current_node":"v1","mapping":{
          "root":{"id":"root","parent":null,"children":["q"],"message":null},
          "q":{"id":"q","parent":"root","children":["v1","v2","v3"],"message":{"id":"q","author":{"role":"user"},
            "content":{"content_type":"text","parts":["Which tree stays green?"]}}},
          "v1":{"id":"v1","parent":"q","children":[],"message":{"id":"v1","author":{"role":"assistant"},
            "content":{"content_type":"text","parts":["Pine trees keep their needles all year.\\n\\n松树四季常青。"]}}},
          "v2":{"id":"v2","parent":"q","children":[],"message":{"id":"v2","author":{"role":"assistant"},
            "content":{"content_type":"text","parts":["Pine trees keep needles through winter.\\n\\n松树冬天也绿。\\n\\n```swift\\nlet tree = \\"pine\\"\\n```"]}}},
          "v3":{"id":"v3","parent":"q","children":[],"message":{"id":"v3","author":{"role":"assistant"},
            "content":{"content_type":"text","parts":["Oak trees drop their leaves."]}}}}}
        """

    /// The world with the versions' conversation open on its answer and the comparison open.
    static func comparing(width: Int, height: Int) async throws -> UITestWorld {
        let world = try UITestWorld(width: width, height: height, extra: [versions])
        await world.send(
            .terminal(.started(width: width, height: height)), .command(.open), .command(.compareVersions))
        return world
    }

    static let removed = ScreenMatch.Look.fg(UITestWorld.context.theme.style("ui.compare.removed").fg)
    static let added = ScreenMatch.Look.fg(UITestWorld.context.theme.style("ui.compare.added").fg)

    @Test func sideBySideAt120Columns() async throws {
        let world = try await Self.comparing(width: 120, height: 16)
        expectScreen(
            await world.render(),
            """
            ┌ Versions ‹1/3› and ‹2/3› · 7 words removed, 16 words added ──────────────────────────────────────────────────────────┐
            │ Assistant ‹1/3›                                          │ Assistant ‹2/3›                                           │
            │  Pine trees keep their needles all year.                 │  Pine trees keep needles through winter.                  │
            │                                                          │                                                           │
            │  松树四季常青。                                          │  松树冬天也绿。                                           │
            │                                                          │                                                           │
            │                                                          │  [1] swift                                                │
            │                                                          │    let tree = "pine"                                      │
            │                                                          │                                                           │
            │                                                          │                                                           │
            │                                                          │                                                           │
            │                                                          │                                                           │
            │                                                          │                                                           │
            └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
             Versions · branch 1/3 · message 2/2 ‹1/3› · 2 other branches off this path (T lists them)    chatterm · chatgpt-export
             [ ] left version  { } right version  j k scroll  q close
            """, cursor: nil,
            styles: [
                .text("their", row: 2, Self.removed), .text("their", row: 2, .has(.reverse)),
                .text("all year", row: 2, Self.removed), .text("Pine trees keep", row: 2, .lacks(.reverse)),
                .text("needles", row: 2, .lacks(.reverse)),
                .text("through winter", row: 2, Self.added), .text("through winter", row: 2, .has(.reverse)),
                .text("四季常青", row: 4, Self.removed), .text("松树", row: 4, .lacks(.reverse)),
                .text("冬天也绿", row: 4, Self.added),
                .text("[1] swift", row: 6, Self.added), .text("let tree = \"pine\"", row: 7, Self.added),
            ])
    }

    @Test func stackedAt80Columns() async throws {
        let world = try await Self.comparing(width: 80, height: 24)
        expectScreen(
            await world.render(),
            """
            ┌ Versions ‹1/3› and ‹2/3› · 7 words removed, 16 words added ──────────────────┐
            │ Assistant ‹1/3›                                                              │
            │  Pine trees keep their needles all year.                                     │
            │                                                                              │
            │  松树四季常青。                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │──────────────────────────────────────────────────────────────────────────────│
            │ Assistant ‹2/3›                                                              │
            │  Pine trees keep needles through winter.                                     │
            │                                                                              │
            │  松树冬天也绿。                                                              │
            │                                                                              │
            │  [1] swift                                                                   │
            │    let tree = "pine"                                                         │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
             Versions · branch 1/3 · message 2/2 ‹1/3› · 2 other… chatterm · chatgpt-export
             [ ] left version  { } right version  j k scroll  q close
            """, cursor: nil,
            styles: [
                .text("their", row: 2, Self.removed), .text("all year", row: 2, Self.removed),
                .text("四季常青", row: 4, Self.removed), .text("through winter", row: 12, Self.added),
                .text("冬天也绿", row: 14, Self.added), .text("let tree = \"pine\"", row: 17, Self.added),
                .text("needles", row: 12, .lacks(.reverse)),
            ])
    }

    /// Scrolling moves both sides together; `]` shows the third version on the left.
    @Test func bothSidesScrollAndASideChanges() async throws {
        let world = try await Self.comparing(width: 120, height: 8)
        await world.send(.command(.selectNext), .command(.selectNext))
        var screen = await world.screen()
        #expect(screen.contains("│  松树四季常青。"), "\(screen)")
        #expect(!screen.contains("Assistant ‹"))
        await world.send(.command(.siblingNext))
        screen = await world.screen()
        #expect(screen.contains("Versions ‹3/3› and ‹2/3›"))
        #expect(screen.contains("Oak trees drop their leaves."))
    }
}
