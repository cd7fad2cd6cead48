import ChatTestSupport
import Foundation
import TerminalCanvas
import Testing

/// The real binary in tmux, driven with keys, read with capture-pane.
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
        try tui.send("]")
        screen = try tui.waitFor("Version three answer: birch")
        #expect(screen.contains("‹3/3›"))
        #expect(!screen.contains("Version two answer"))
        try tui.send("[", "h")
        screen = try tui.waitFor("Version one answer: oak")
        #expect(screen.contains("‹1/3›"))
        // The status line says that other branches continue off the open path.
        #expect(screen.contains("2 other branches"))
        try tui.send("q")
        try tui.waitFor("exit") { _ in (try? tui.isDead()) == true }
    }

    @Test func theLastVisitedBranchIsRememberedAcrossRuns() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        do {
            let tui = try fixture.browse()
            defer { tui.close() }
            try tui.waitFor("Branching test")
            try tui.send("Enter")
            try tui.waitFor("Version two answer")
            try tui.send("]")
            try tui.waitFor("Version three answer")
            try tui.send("q")
            try tui.waitFor("exit") { _ in (try? tui.isDead()) == true }
        }
        let tui = try fixture.browse()
        defer { tui.close() }
        let screen = try tui.waitFor("Version three answer: birch")
        #expect(screen.contains("‹3/3›"))
    }

    @Test func cjkLinesLineUpWithTheBorder() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.browse(cols: 60, rows: 20)
        defer { tui.close() }
        try tui.waitFor("CJK")
        try tui.send("j", "Enter")
        let screen = try tui.waitFor("介绍下你自己")
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
        try tui.waitFor("Branching test")
        try tui.send("C-c")
        try tui.waitFor("Quit chatterm?")
        try tui.send("n")
        try tui.waitFor("closed") { !$0.contains("Quit chatterm?") }
        #expect(try !tui.isDead())
        try tui.send("C-c")
        try tui.waitFor("Quit chatterm?")
        try tui.send("y")
        try tui.waitFor("exit") { _ in (try? tui.isDead()) == true }
    }

    @Test func searchOpensAHitOnItsOwnBranch() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.browse()
        defer { tui.close() }
        try tui.waitFor("Branching test")
        try tui.send("C-k")
        try tui.waitFor("Search")
        try tui.type("birch")
        try tui.waitFor("1 hit")
        try tui.send("Enter")
        // A capture can land while the overlay is half erased: wait for the pane's own marker too.
        let screen = try tui.waitFor("the hit's branch") {
            !$0.contains("Search ·") && $0.contains("birch") && $0.contains("‹3/3›")
        }
        #expect(screen.contains("Version three answer: birch"))
        #expect(screen.contains("‹3/3›"))
    }

    @Test func theDraftSurvivesACrash() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        do {
            let tui = try fixture.browse()
            defer { tui.close() }
            try tui.waitFor("Branching test")
            try tui.send("Enter")
            try tui.waitFor("Version two answer")
            try tui.send("Tab")
            try tui.type("unsent draft 草稿")
            try tui.waitFor("unsent draft 草稿")
            // SIGKILL: no chance to save anything on the way out.
            let pid = try tui.tmux("display-message", "-p", "-t", "t", "#{pane_pid}")
            let target = try #require(Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(target, SIGKILL) == 0)
            try tui.waitFor("killed") { _ in (try? tui.isDead()) == true }
        }
        let tui = try fixture.browse()
        defer { tui.close() }
        try tui.waitFor("unsent draft 草稿")
    }

    @Test func bracketedPasteArrivesAsOneEdit() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.openBranching()
        defer { tui.close() }
        try tui.send("Tab")
        try tui.paste("first pasted line\nsecond pasted line q")
        let screen = try tui.waitFor("second pasted line q")
        #expect(screen.contains("first pasted line"))
        #expect(try !tui.isDead(), "a q inside a paste must not quit")
    }

    @Test func resizeKeepsTheOpenBranchAndSelection() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.openBranching()
        defer { tui.close() }
        try tui.send("]")
        try tui.waitFor("Version three answer")
        try tui.resize(cols: 70, rows: 24)
        let screen = try tui.waitFor("resized") { screen in
            screen.split(separator: "\n").first.map { DisplayWidth.of($0) == 70 } == true
        }
        #expect(screen.contains("Version three answer: birch"))
        #expect(screen.contains("‹3/3›"))
    }

    @Test func treeOverviewJumpsToABranch() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.openBranching()
        defer { tui.close() }
        try tui.send("t")
        // A capture can land while the overlay is half written: wait for its last row.
        let overview = try tui.waitFor("the overview's rows") {
            $0.contains("Branches") && $0.contains("Version three answer")
        }
        #expect(overview.contains("3 leaves"))
        #expect(overview.contains("Version one answer: oak"))
        // The rows are: You, then versions 1..3 (version 2 selected as the current path's end).
        try tui.send("k", "Enter")
        let screen = try tui.waitFor("Version one answer: oak")
        #expect(screen.contains("‹1/3›"))
    }

    @Test func archivedConversationsAreOneKeyAway() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.browse()
        defer { tui.close() }
        let first = try tui.waitFor("Branching test")
        #expect(!first.contains("Old archived chat"))
        try tui.send("A")
        let screen = try tui.waitFor("Archived (1)")
        #expect(screen.contains("Old archived"))
        #expect(!screen.contains("Branching test"))
    }

    @Test func anEmptyArchiveOpensOnTheDemo() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let tui = try fixture.browse()
        defer { tui.close() }
        let screen = try tui.waitFor("demo archive") {
            $0.contains("Conversations (") && !$0.contains("Conversations (0)")
        }
        #expect(screen.contains("chatterm"))
        try tui.send("Enter")
        try tui.waitFor("opened") { $0.contains("You") }
    }
}
