import ChatConfig
import ChatModel
import ChatStore
import ChatTestSupport
import ChatUI
import Foundation
import TerminalCanvas
import Testing

/// The tree overview as drawn: folded, filtered to your prompts, a labelled branch, a search's
/// marks, and the list of branches off the path.
@Suite struct TreeOverviewScreenTests {
    /// u ─ a1 ‹1/3›
    ///   ├ a2 ‹2/3› ─ u2 ─ b1 ‹1/2› (current), b2 ‹2/2›
    ///   └ a3 ‹3/3› ─ u3 ─ c1
    static let forest: String = {
        let nodes: [(String, String?, String, String, [String])] = [
            ("u", nil, "user", "Tell me about trees", ["a1", "a2", "a3"]),
            ("a1", "u", "assistant", "Version one: oak", []),
            ("a2", "u", "assistant", "Version two: pine", ["u2"]),
            ("u2", "a2", "user", "Why pine?", ["b1", "b2"]),
            ("b1", "u2", "assistant", "Needles stay green", []),
            ("b2", "u2", "assistant", "Resin smells of pine\\n\\nand of summer", []),
            ("a3", "u", "assistant", "Version three: birch", ["u3"]),
            ("u3", "a3", "user", "More birch", ["c1"]),
            ("c1", "u3", "assistant", "Bark peels", []),
        ]
        var mapping = [#""root":{"id":"root","parent":null,"children":["u"],"message":null}"#]
        for (i, (id, parent, role, text, children)) in nodes.enumerated() {
            let kids = children.map { "\"\($0)\"" }.joined(separator: ",")
            mapping.append(
                #""\#(id)":{"id":"\#(id)","parent":"\#(parent ?? "root")","children":[\#(kids)],"message":{"id":"\#(id)","#
                    + #""author":{"role":"\#(role)"},"create_time":\#(1_700_000_000 + i),"#
                    + #""content":{"content_type":"text","parts":["\#(text)"]}}}"#)
        }
        return #"{"id":"conv-t","title":"Forest","create_time":1700000000,"update_time":1700009000,"#
            + #""current_node":"b1","mapping":{"# + mapping.joined(separator: ",") + "}}"
    }()

    static func world() async throws -> UITestWorld {
        let world = try UITestWorld(width: 80, height: 16, extra: [Self.forest])
        await world.send(.terminal(.started(width: 80, height: 16)), .user(.open(id: "conv-t", focusNode: nil)))
        return world
    }

    static func slot(_ name: String) -> ScreenMatch.Look {
        .style(UITestWorld.context.theme.style(name))
    }

    @Test func aFoldedBranchIsOneLineSayingWhatItHides() async throws {
        let world = try await Self.world()
        // On b1: the fold key folds the branch holding it, a2 ‹2/3›.
        await world.send(.command(.treeOverview), .command(.treeFold))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (3) ───┐┌ Forest ──────────────────────────────────────────────┐
            │ F┌ Tree · 4 branches · Enter shows one ───────────────────────────────────┐  │
            │ B│ ● You Tell me about trees                                              │3 │
            │  │   · AI  ‹1/3› Version one: oak                               1 message │  │
            │  │   ● AI  ‹2/3› Version two: pine                             4 messages │  │
            │  │     ▸ 3 messages in 2 branches folded                                  │3 │
            │  │   · AI  ‹3/3› Version three: birch                          3 messages │  │
            │  │   · You More birch                                                     │  │
            │  │   · AI  Bark peels                                                     │3 │
            │  │                                                                        │  │
            │  │                                                                        │──┘
            │  │                                                                        │──┐
            │  └─────────────────────────── ● shown  ○ opened before  ▸ folded  » match ┘  │
            └──────────────────────┘└──────────────────────────────────────────────────────┘
             Forest · branch 2/4 · message 4/4 ‹1/2› · 3 other b… chatterm · chatgpt-export
             Enter show branch  Space fold  Z fold all  p my prompts  / search  T branches
            """, cursor: nil,
            styles: [
                .text("▸ 3 messages in 2 branches folded", row: 5, Self.slot("ui.input.placeholder")),
                .text("4 messages", row: 4, Self.slot("ui.sidebar.selected")),
            ])
    }

    @Test func theFilterShowsOnlyYourPrompts() async throws {
        let world = try await Self.world()
        await world.send(.command(.treeOverview), .command(.treeOnlyPrompts))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (3) ───┐┌ Forest ──────────────────────────────────────────────┐
            │ F┌ Tree · 4 branches · your prompts only · Enter shows one ───────────────┐  │
            │ B│ ● You Tell me about trees                                              │3 │
            │  │   ● You Why pine?                                                      │  │
            │  │   · You More birch                                                     │  │
            │  │                                                                        │3 │
            │  │                                                                        │  │
            │  │                                                                        │  │
            │  │                                                                        │3 │
            │  │                                                                        │  │
            │  │                                                                        │──┘
            │  │                                                                        │──┐
            │  └─────────────────────────── ● shown  ○ opened before  ▸ folded  » match ┘  │
            └──────────────────────┘└──────────────────────────────────────────────────────┘
             Forest · branch 2/4 · message 4/4 ‹1/2› · 3 other b… chatterm · chatgpt-export
             Enter show branch  Space fold  Z fold all  p my prompts  / search  T branches
            """, cursor: nil)
    }

    @Test func aLabelledBranchShowsItsLabelBesideItsLength() async throws {
        let world = try await Self.world()
        await world.send(
            .command(.labelMessage), .user(.type("the keeper")),
            .command(.open), .command(.treeOverview))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (3) ───┐┌ Forest ──────────────────────────────────────────────┐
            │ F┌ Tree · 4 branches · Enter shows one ───────────────────────────────────┐  │
            │ B│ ● You Tell me about trees                                              │3 │
            │  │   · AI  ‹1/3› Version one: oak                               1 message │  │
            │  │   ● AI  ‹2/3› Version two: pine                             4 messages │  │
            │  │   ● You Why pine?                                                      │3 │
            │  │     ● AI  ‹1/2› [the keeper] Needles stay green              1 message │  │
            │  │     · AI  ‹2/2› Resin smells of pine                         1 message │  │
            │  │   · AI  ‹3/3› Version three: birch                          3 messages │3 │
            │  │   · You More birch                                                     │  │
            │  │   · AI  Bark peels                                                     │──┘
            │  │                                                                        │──┐
            │  └─────────────────────────── ● shown  ○ opened before  ▸ folded  » match ┘  │
            └──────────────────────┘└──────────────────────────────────────────────────────┘
             Labelled “the keeper”                                chatterm · chatgpt-export
             Enter show branch  Space fold  Z fold all  p my prompts  / search  T branches
            """, cursor: nil,
            styles: [.text("[the keeper]", row: 6, Self.slot("ui.sidebar.selected"))])
    }

    @Test func searchMarksEveryMatchAndCountsThem() async throws {
        let world = try await Self.world()
        await world.send(.command(.treeOverview), .command(.top), .command(.treeSearch), .user(.type("pine")))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (3) ───┐┌ Forest ──────────────────────────────────────────────┐
            │ F┌ Tree · 4 branches · 1 of 3 matches for “pine” · Enter shows one ───────┐  │
            │ B│Search: pine                                                            │3 │
            │  │ ● You Tell me about trees                                              │  │
            │  │   · AI  ‹1/3› Version one: oak                               1 message │  │
            │  │»  ● AI  ‹2/3› Version two: pine                             4 messages │3 │
            │  │»  ● You Why pine?                                                      │  │
            │  │     ● AI  ‹1/2› Needles stay green                           1 message │  │
            │  │»    · AI  ‹2/2› Resin smells of pine                         1 message │3 │
            │  │   · AI  ‹3/3› Version three: birch                          3 messages │  │
            │  │   · You More birch                                                     │──┘
            │  │   · AI  Bark peels                                                     │──┐
            │  └─────────────────────────── ● shown  ○ opened before  ▸ folded  » match ┘  │
            └──────────────────────┘└──────────────────────────────────────────────────────┘
             Forest · branch 2/4 · message 4/4 ‹1/2› · 3 other b… chatterm · chatgpt-export
             Enter keep matches  Esc stop searching
            """, cursor: (x: 16, y: 2))
        await world.send(.command(.open), .command(.treeMatchNext))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (3) ───┐┌ Forest ──────────────────────────────────────────────┐
            │ F┌ Tree · 4 branches · 2 of 3 matches for “pine” · Enter shows one ───────┐  │
            │ B│ ● You Tell me about trees                                              │3 │
            │  │   · AI  ‹1/3› Version one: oak                               1 message │  │
            │  │»  ● AI  ‹2/3› Version two: pine                             4 messages │  │
            │  │»  ● You Why pine?                                                      │3 │
            │  │     ● AI  ‹1/2› Needles stay green                           1 message │  │
            │  │»    · AI  ‹2/2› Resin smells of pine                         1 message │  │
            │  │   · AI  ‹3/3› Version three: birch                          3 messages │3 │
            │  │   · You More birch                                                     │  │
            │  │   · AI  Bark peels                                                     │──┘
            │  │                                                                        │──┐
            │  └─────────────────────────── ● shown  ○ opened before  ▸ folded  » match ┘  │
            └──────────────────────┘└──────────────────────────────────────────────────────┘
             Forest · branch 2/4 · message 4/4 ‹1/2› · 3 other b… chatterm · chatgpt-export
             Enter show branch  Space fold  Z fold all  p my prompts  / search
            """, cursor: nil,
            styles: [
                .text("Version two: pine", row: 4, Self.slot("ui.search.match")),
                .text("»", row: 4, Self.slot("ui.search.match")),
                .text("  ● You Why pine?", row: 5, Self.slot("ui.sidebar.selected")),
            ])
    }

    @Test func theBranchListShowsEachBranchsLastMessage() async throws {
        let world = try await Self.world()
        // b2 shown once, then b1 again: b2 is a branch opened before.
        await world.send(.command(.focusNext), .command(.siblingNext), .command(.siblingPrev), .command(.listBranches))
        expectScreen(
            await world.render(),
            """
            ┌ Conversations (3) ───┐┌ Forest ──────────────────────────────────────────────┐
            │ F┌ Other branches · 3 off this path · Enter opens one · T shows the tree ─┐  │
            │ B│ · ‹1/3› AI  Version one: oak                                 1 message │3 │
            │  │ ○ ‹2/2› AI  Resin smells of pine                             1 message │  │
            │  │ · ‹3/3› AI  Bark peels                                      3 messages │  │
            │  │                                                                        │3 │
            │  │                                                                        │  │
            │  │                                                                        │  │
            │  │                                                                        │3 │
            │  │                                                                        │  │
            │  │                                                                        │──┘
            │  │                                                                        │──┐
            │  └─────────────────────────── ● shown  ○ opened before  ▸ folded  » match ┘  │
            └──────────────────────┘└──────────────────────────────────────────────────────┘
             Forest · branch 2/4 · message 4/4 ‹1/2› · 3 other b… chatterm · chatgpt-export
             Enter show branch  T branches  q close
            """, cursor: nil,
            styles: [
                .text(" · ‹1/3› AI  Version one: oak", row: 2, Self.slot("ui.sidebar.selected")),
                .text("3 messages", row: 4, Self.slot("ui.branch.marker")),
            ])
        // Enter opens the selected one: a1, the oak.
        let state = await world.send(.command(.open))
        #expect(state.open?.leaf == "a1")
    }
}
