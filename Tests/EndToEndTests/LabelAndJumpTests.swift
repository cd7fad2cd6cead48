import ChatTestSupport
import Foundation
import Testing

/// In the real binary: `L` labels a message (the pane shows it, and `chatterm show --tree` after
/// quitting), `Ctrl-O`/`Alt-i` go back and forth across a version switch, `b` bookmarks a message
/// and `B` lists it.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct LabelAndJumpTests {
    @Test func aLabelShowsInThePaneAndInShowTreeAndBackReturnsAfterAVersionSwitch() throws {
        let fixture = try E2EFixture(importing: E2EFixture.conversations)
        defer { fixture.remove() }
        let tui = try fixture.browse()
        defer { tui.close() }
        _ = try tui.settle()
        try tui.press(.open, in: .sidebar)
        _ = try tui.settle()
        // The answer shown is version two (pine): label it.
        try tui.press(.labelMessage, in: .messages)
        _ = try tui.settle()
        try tui.type("the keeper")
        try tui.press(.open, in: .search)
        var screen = try tui.settle()
        #expect(screen.contains("[the keeper] ‹2/3›"), "screen:\n\(screen)")
        #expect(screen.contains("Labelled “the keeper”"), "screen:\n\(screen)")
        // A version switch, then back with the jump list.
        try tui.press(.siblingNext, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("birch"), "screen:\n\(screen)")
        #expect(!screen.contains("[the keeper]"), "screen:\n\(screen)")
        try tui.press(.jumpBack, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("[the keeper] ‹2/3›"), "screen:\n\(screen)")
        try tui.press(.jumpForward, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("birch"), "screen:\n\(screen)")
        try tui.press(.toggleBookmark, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("· bookmarked ‹3/3›"), "screen:\n\(screen)")
        try tui.press(.showBookmarks, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("Bookmarks · Enter opens one"), "screen:\n\(screen)")
        // Its row under the sidebar's own.
        let rows = screen.split(separator: "\n").filter { $0.contains("│ Branching test") }
        #expect(rows.count == 2, "screen:\n\(screen)")
        try tui.press(.cancel, in: .global)
        _ = try tui.settle()
        try tui.press(.quit, in: .messages)
        try tui.waitForExit()
        let shown = try fixture.run(["show", "--tree", "conv-branching"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("Version two answer: pine [leaf] [label: the keeper]"), "\(shown.stdout)")
    }
}
