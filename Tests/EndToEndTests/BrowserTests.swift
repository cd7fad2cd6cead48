import ChatTestSupport
import Foundation
import TerminalCanvas
import Testing

/// The real binary in tmux, driven by command through the keymap, read with capture-pane once
/// it is idle.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct BrowserTests {
    @Test func switchingSiblingsShowsTheOtherVersions() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.openBranching()
        defer { tui.close() }
        var screen = try tui.capture()
        #expect(screen.contains("‹2/3›"))
        #expect(screen.contains("Tell me about trees"))
        try tui.press(.siblingNext, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("Version three answer: birch"))
        #expect(screen.contains("‹3/3›"))
        #expect(!screen.contains("Version two answer"))
        try tui.press(.siblingPrev, in: .messages)
        try tui.press(.siblingPrev, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("Version one answer: oak"))
        #expect(screen.contains("‹1/3›"))
        // The status line says that other branches continue off the open path.
        #expect(screen.contains("2 other branches"))
        try tui.press(.quit, in: .messages)
        try tui.waitForExit()
    }

    @Test func theLastVisitedBranchIsRememberedAcrossRuns() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        do {
            let tui = try fixture.openBranching()
            defer { tui.close() }
            try tui.press(.siblingNext, in: .messages)
            #expect(try tui.settle().contains("Version three answer"))
            try tui.press(.quit, in: .messages)
            try tui.waitForExit()
        }
        let tui = try fixture.browse()
        defer { tui.close() }
        let screen = try tui.settle()
        #expect(screen.contains("Version three answer: birch"))
        #expect(screen.contains("‹3/3›"))
    }

    @Test func cjkLinesLineUpWithTheBorder() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.browse(cols: 60, rows: 20)
        defer { tui.close() }
        #expect(try tui.settle().contains("CJK"))
        try tui.press(.selectNext, in: .sidebar)
        try tui.press(.open, in: .sidebar)
        let screen = try tui.settle()
        #expect(screen.contains("介绍下你自己"))
        let rows = screen.split(separator: "\n").map(String.init)
        let cjkRows = rows.filter { $0.contains("介") || $0.contains("终端") || $0.contains("宽字符") }
        #expect(cjkRows.count >= 2, "screen:\n\(screen)")
        for row in cjkRows {
            #expect(DisplayWidth.of(row) == 60, "row \(row) is \(DisplayWidth.of(row)) columns")
            #expect(row.hasSuffix("│"), "row \(row) does not end at the border")
        }
    }

    @Test func ctrlCAsksBeforeQuitting() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.browse()
        defer { tui.close() }
        #expect(try tui.settle().contains("Branching test"))
        // Literal keys: the test is about Ctrl-C (not whatever `interrupt` is bound to), and
        // y and n answer the question, which is no command.
        try tui.send("C-c")
        #expect(try tui.settle().contains("Quit chatterm?"))
        try tui.send("n")
        #expect(try !tui.settle().contains("Quit chatterm?"))
        #expect(try !tui.isDead())
        try tui.send("C-c")
        #expect(try tui.settle().contains("Quit chatterm?"))
        try tui.send("y")
        try tui.waitForExit()
    }

    @Test func searchOpensAHitOnItsOwnBranch() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.browse()
        defer { tui.close() }
        #expect(try tui.settle().contains("Branching test"))
        try tui.press(.search, in: .sidebar)
        #expect(try tui.settle().contains("Search"))
        try tui.type("birch")
        #expect(try tui.settle().contains("1 hit"))
        try tui.press(.open, in: .search)
        let screen = try tui.settle()
        #expect(!screen.contains("Search ·"))
        #expect(screen.contains("Version three answer: birch"))
        #expect(screen.contains("‹3/3›"))
    }

    @Test func theDraftSurvivesACrash() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        do {
            let tui = try fixture.openBranching()
            defer { tui.close() }
            try tui.press(.focusNext, in: .messages)
            try tui.type("unsent draft 草稿")
            // Idle: the draft is on screen and its save is done.
            #expect(try tui.settle().contains("unsent draft 草稿"))
            // SIGKILL: no chance to save anything on the way out.
            let pid = try tui.tmux("display-message", "-p", "-t", "t", "#{pane_pid}")
            let target = try #require(Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(target, SIGKILL) == 0)
            try tui.waitForExit()
        }
        let tui = try fixture.browse()
        defer { tui.close() }
        #expect(try tui.settle().contains("unsent draft 草稿"))
    }

    @Test func bracketedPasteArrivesAsOneEdit() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.openBranching()
        defer { tui.close() }
        try tui.press(.focusNext, in: .messages)
        try tui.paste("first pasted line\nsecond pasted line q")
        let screen = try tui.settle()
        #expect(screen.contains("second pasted line q"))
        #expect(screen.contains("first pasted line"))
        #expect(try !tui.isDead(), "a q inside a paste must not quit")
    }

    @Test func resizeKeepsTheOpenBranchAndSelection() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.openBranching()
        defer { tui.close() }
        try tui.press(.siblingNext, in: .messages)
        #expect(try tui.settle().contains("Version three answer"))
        try tui.resize(cols: 70, rows: 24)
        // Idle at the pane's new size: the resize has arrived and been drawn.
        let screen = try tui.settle()
        #expect(screen.split(separator: "\n").first.map { DisplayWidth.of($0) } == 70, "screen:\n\(screen)")
        #expect(screen.contains("Version three answer: birch"))
        #expect(screen.contains("‹3/3›"))
    }

    @Test func treeOverviewJumpsToABranch() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.openBranching()
        defer { tui.close() }
        try tui.press(.treeOverview, in: .messages)
        let overview = try tui.settle()
        #expect(overview.contains("Enter shows one") && overview.contains("Version three answer"))
        #expect(overview.contains("Tree · 3 branches"))
        #expect(overview.contains("Version one answer: oak"))
        // The rows are: You, then versions 1..3 (version 2 selected as the current path's end).
        try tui.press(.selectPrev, in: .tree)
        try tui.press(.open, in: .tree)
        let screen = try tui.settle()
        #expect(screen.contains("Version one answer: oak"))
        #expect(screen.contains("‹1/3›"))
    }

    @Test func archivedConversationsAreOneKeyAway() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.browse()
        defer { tui.close() }
        let first = try tui.settle()
        #expect(first.contains("Branching test"))
        #expect(!first.contains("Old archived chat"))
        try tui.press(.toggleArchived, in: .sidebar)
        let screen = try tui.settle()
        #expect(screen.contains("Archived (1)"))
        #expect(screen.contains("Old archived"))
        #expect(!screen.contains("Branching test"))
    }

    @Test func anEmptyArchiveOpensOnTheDemo() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let tui = try fixture.browse()
        defer { tui.close() }
        let screen = try tui.settle()
        #expect(screen.contains("Conversations (") && !screen.contains("Conversations (0)"), "screen:\n\(screen)")
        #expect(screen.contains("chatterm"))
        try tui.press(.open, in: .sidebar)
        #expect(try tui.settle().contains("You"))
    }
}
