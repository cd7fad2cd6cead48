import ChatTestSupport
import Foundation
import Testing

/// In the real binary: the tree overview folds a branch, searches every branch (the match
/// inside the fold unfolds), `n` moves to the next match and Enter shows its branch in the pane.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct TreeOverviewTests {
    /// u1 ─ a1 (oak) ─ u2 ─ b1 (acorns, current), b2 (galls)
    ///    └ a2 (pine) ─ u3 ─ c1 (resin)
    static var forest: [String: Any] {
        func m(_ id: String, _ role: String, _ text: String) -> [String: Any] { E2EFixture.message(id, role, text) }
        let n = E2EFixture.node
        return [
            "id": "conv-forest", "title": "Forest walk", "create_time": 1_700_000_000.0,
            "update_time": 1_800_000_000.0, "current_node": "b1", "is_archived": false,
            "mapping": [
                "r": n("r", nil, ["u1"], nil),
                "u1": n("u1", "r", ["a1", "a2"], m("u1", "user", "Name a tree")),
                "a1": n("a1", "u1", ["u2"], m("a1", "assistant", "Oak, the slow one")),
                "u2": n("u2", "a1", ["b1", "b2"], m("u2", "user", "What grows on oaks?")),
                "b1": n("b1", "u2", [], m("b1", "assistant", "Acorns every autumn")),
                "b2": n("b2", "u2", [], m("b2", "assistant", "Galls, made by wasps")),
                "a2": n("a2", "u1", ["u3"], m("a2", "assistant", "Pine, the tall one")),
                "u3": n("u3", "a2", ["c1"], m("u3", "user", "Why does pine smell?")),
                "c1": n("c1", "u3", [], m("c1", "assistant", "Resin: terpenes, mostly, and a hint of wasps")),
            ],
        ]
    }

    @Test func foldSearchNextAndEnterShowTheMatchedBranch() throws {
        let fixture = try E2EFixture(importing: [Self.forest] + E2EFixture.conversations)
        defer { fixture.remove() }
        let tui = try fixture.browse(cols: 140)
        defer { tui.close() }
        var screen = try tui.settle()
        #expect(screen.contains("Forest walk"), "screen:\n\(screen)")
        try tui.press(.open, in: .sidebar)
        screen = try tui.settle()
        #expect(screen.contains("Acorns every autumn"), "screen:\n\(screen)")
        #expect(screen.contains("other branches off this path (T lists them)"), "screen:\n\(screen)")
        try tui.press(.treeOverview, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("Tree · 3 branches"), "screen:\n\(screen)")
        // Down from the open answer to the pine branch, and fold it.
        for _ in 0..<2 { try tui.press(.selectNext, in: .tree) }
        try tui.press(.treeFold, in: .tree)
        screen = try tui.settle()
        #expect(screen.contains("▸ 2 messages folded"), "screen:\n\(screen)")
        #expect(!screen.contains("Why does pine smell?"), "screen:\n\(screen)")
        // "wasps" is in b2 and, folded away, in c1; the search starts from the top.
        try tui.press(.top, in: .tree)
        try tui.press(.treeSearch, in: .tree)
        try tui.type("wasps")
        try tui.press(.open, in: .search)
        screen = try tui.settle()
        #expect(screen.contains("1 of 2 matches for “wasps”"), "screen:\n\(screen)")
        #expect(screen.contains("»"), "the match is marked: screen:\n\(screen)")
        try tui.press(.treeMatchNext, in: .tree)
        screen = try tui.settle()
        #expect(screen.contains("2 of 2 matches for “wasps”"), "screen:\n\(screen)")
        #expect(screen.contains("Why does pine smell?"), "unfolded: screen:\n\(screen)")
        try tui.press(.open, in: .tree)
        screen = try tui.settle()
        #expect(screen.contains("Resin: terpenes"), "screen:\n\(screen)")
        #expect(!screen.contains("Acorns every autumn"), "screen:\n\(screen)")
        try tui.press(.quit, in: .messages)
        try tui.waitForExit()
    }
}
