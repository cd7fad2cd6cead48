import ChatTestSupport
import Foundation
import Testing

/// Nothing typed is lost, in the real binary: long and Windows-style pastes, a terminal that
/// cannot be drawn on, and SIGTERM.
@Suite(
    .serialized, .timeLimit(.minutes(8)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct InputSafetyTests {
    @Test func aLongPasteArrivesWholeAndTypingAfterItStaysQuick() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.openBranching()
        defer { tui.close() }
        try tui.press(.focusNext, in: .messages)
        // More than the 4,194,304 characters pastes used to be cut to: 50,000 lines of 100.
        let line = String(repeating: "pasted text ", count: 7) + "that ends here.\n"  // 99 characters and the newline
        let file = fixture.home.appendingPathComponent("paste.txt")
        try String(repeating: line, count: 50_000).write(to: file, atomically: true, encoding: .utf8)
        try tui.paste(contentsOf: file)
        #expect(try tui.settle(timeout: 300).contains("5000000 chars"))
        // Each key used to take over a second in a draft this long.
        let typed = "and then typed at once, forty characters"
        try tui.type(typed)
        let screen = try tui.settle(timeout: 20)
        #expect(screen.contains("\(5_000_000 + typed.count) chars"))
        #expect(screen.contains(typed))
    }

    @Test func aPastedWindowsLineEndIsOneLineBreak() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.openBranching()
        defer { tui.close() }
        try tui.press(.focusNext, in: .messages)
        let file = fixture.home.appendingPathComponent("crlf.txt")
        try Data("first line\r\nsecond line".utf8).write(to: file)
        try tui.paste(contentsOf: file, exact: true)
        let screen = try tui.settle()
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(rows.firstIndex { $0.contains("first line") })
        #expect(rows[first + 1].contains("second line"), "screen:\n\(screen)")
        #expect(screen.contains("22 chars"))
    }

    @Test func aTerminalThatCannotMoveTheCursorIsRefusedInOneLine() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        // The shell reports the status and keeps the pane open for the capture. The browser
        // never starts, so the screen is polled for the shell's line.
        let tui = try TmuxSession(
            command: "sh -c '\(fixture.binary); echo \"exit status $?\"; sleep 60'", cols: 250, rows: 10,
            environment: [
                "TERM": "dumb", "CHATTERM_HOME": fixture.home.path,
                "XDG_CONFIG_HOME": fixture.home.appendingPathComponent("config").path,
            ])
        defer { tui.close() }
        let screen = try tui.waitFor("exit status")
        let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty && !$0.hasPrefix("exit status")
        }
        #expect(screen.contains("exit status 1"))
        #expect(lines.count == 1, "screen:\n\(screen)")
        #expect(lines.first?.contains("the terminal \"dumb\" (TERM) cannot move the cursor") == true)
        #expect(lines.first?.contains("chatterm ls") == true)
    }

    @Test func sigtermRestoresTheTerminalKeepsTheDraftAndExits143() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        do {
            // A shell runs chatterm and reports its status: tmux 3.3 sometimes never reaps a
            // pane's process that exits this way (it stays a zombie and pane_dead_status stays
            // empty), while a shell's wait always sees it.
            let tui = try fixture.browse(reportingExit: true)
            defer { tui.close() }
            #expect(try tui.settle().contains("Branching test"))
            try tui.press(.open, in: .sidebar)
            #expect(try tui.settle().contains("Version two answer: pine"))
            try tui.press(.focusNext, in: .messages)
            try tui.type("written before the signal")
            #expect(try tui.settle().contains("written before the signal"))
            let shell = try #require(Int32(try tui.pane("pane_pid")))
            let chatterm = try #require(Spawn.children(of: shell).first, "chatterm is not running under the shell")
            #expect(kill(chatterm, SIGTERM) == 0)
            // The browser has gone: the screen is polled for the shell's line.
            let screen = try tui.waitFor("exit status")
            #expect(screen.contains("exit status 143"), "screen:\n\(screen)")
            #expect(try tui.pane("alternate_on") == "0", "the terminal was left on the browser's screen")
        }
        let tui = try fixture.browse()
        defer { tui.close() }
        #expect(try tui.settle().contains("written before the signal"))
    }
}
