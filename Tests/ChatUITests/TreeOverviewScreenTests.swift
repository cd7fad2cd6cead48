import ChatConfig
import ChatTestSupport
import ChatModel
import ChatStore
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
            FOLDED
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
            FILTERED
            """, cursor: nil)
    }

    @Test func aLabelledBranchShowsItsLabelBesideItsLength() async throws {
        let world = try await Self.world()
        await world.send(
            .command(.selectPrev), .command(.selectPrev), .command(.labelMessage), .user(.type("the pine path")),
            .command(.open), .command(.treeOverview))
        expectScreen(
            await world.render(),
            """
            LABELLED
            """, cursor: nil,
            styles: [.text("[the pine path]", row: 4, Self.slot("ui.sidebar.selected"))])
    }

    @Test func searchMarksEveryMatchAndCountsThem() async throws {
        let world = try await Self.world()
        await world.send(.command(.treeOverview), .command(.top), .command(.treeSearch), .user(.type("pine")))
        expectScreen(
            await world.render(),
            """
            TYPING
            """, cursor: (x: 0, y: 0))
        await world.send(.command(.open), .command(.treeMatchNext))
        expectScreen(
            await world.render(),
            """
            SEARCHED
            """, cursor: nil,
            styles: [.text("Version two: pine", row: 4, Self.slot("ui.search.match"))])
    }

    @Test func theBranchListShowsEachBranchsLastMessage() async throws {
        let world = try await Self.world()
        await world.send(.command(.listBranches))
        expectScreen(
            await world.render(),
            """
            BRANCHES
            """, cursor: nil)
        // Enter opens the selected one: a1, the oak.
        let state = await world.send(.command(.open))
        #expect(state.open?.leaf == "a1")
    }
}
