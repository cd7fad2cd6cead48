import ChatConfig
import ChatTestSupport
import Foundation
import TerminalCanvas
import Testing

/// Tests press commands, so a keymap that moves them moves the keys the tests send.
@Suite(
    .serialized, .timeLimit(.minutes(2)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct KeymapPressTests {
    @Test func aRebindingInKeymapTomlMovesTheKeyPressed() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let folder = fixture.config.appendingPathComponent("chatterm")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        [sidebar]
        open = ["o"]

        [messages]
        sibling_next = ["ctrl+n"]
        tree_overview = ["alt+t"]
        """.write(to: folder.appendingPathComponent("keymap.toml"), atomically: true, encoding: .utf8)
        let tui = try fixture.browse()
        defer { tui.close() }
        #expect(TmuxSession.key(for: .siblingNext, in: .messages, keymap: tui.keymap) == Key(name: "ctrl+n"))
        #expect(try tui.settle().contains("Branching test"))
        try tui.press(.open, in: .sidebar)
        #expect(try tui.settle().contains("Version two answer: pine"))
        try tui.press(.siblingNext, in: .messages)
        var screen = try tui.settle()
        #expect(screen.contains("Version three answer: birch") && screen.contains("‹3/3›"), "screen:\n\(screen)")
        // A literal key, as this is about keys: the default's `[` still goes back, `]` no longer
        // goes on (there is no fourth version anyway, so back first).
        try tui.send("[")
        try tui.send("]")
        screen = try tui.settle()
        #expect(screen.contains("‹2/3›"), "screen:\n\(screen)")
        try tui.press(.treeOverview, in: .messages)
        #expect(try tui.settle().contains("Tree · 3 branches"))
    }

    @Test func theEmacsKeymapIsPressedWithItsKeys() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.browse(keymap: "emacs")
        defer { tui.close() }
        #expect(TmuxSession.key(for: .selectNext, in: .sidebar, keymap: tui.keymap) == Key(name: "ctrl+n"))
        #expect(try tui.settle().contains("Branching test"))
        try tui.press(.selectNext, in: .sidebar)
        try tui.press(.open, in: .sidebar)
        #expect(try tui.settle().contains("介绍下你自己"))
        try tui.press(.search, in: .messages)
        #expect(try tui.settle().contains("Search"))
    }
}
