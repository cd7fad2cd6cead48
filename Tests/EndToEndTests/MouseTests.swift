import ChatTestSupport
import Foundation
import TerminalCanvas
import Testing

/// The mouse in the real binary in tmux: the reports a terminal sends (SGR, modes 1000 and 1006)
/// written into the pane as bytes, as tmux passes on a real click with `mouse on`.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct MouseTests {
    /// An older conversation long enough to scroll: one prompt of 40 short paragraphs.
    static var long: [String: Any] {
        let text = (1...40).map { String(format: "row %02d", $0) }.joined(separator: "\n\n")
        return [
            "id": "conv-long", "title": "Long scroll", "create_time": 1_690_000_000.0,
            "update_time": 1_690_000_000.0, "current_node": "l2", "is_archived": false,
            "mapping": [
                "r": E2EFixture.node("r", nil, ["l1"], nil),
                "l1": E2EFixture.node("l1", "r", ["l2"], E2EFixture.message("l1", "user", text)),
                "l2": E2EFixture.node("l2", "l1", [], E2EFixture.message("l2", "assistant", "the end")),
            ],
        ]
    }

    /// The numbers of the `row NN` lines on a screen.
    static func rowsShown(_ screen: String) -> [Int] {
        screen.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: #"row \d\d"#, options: .regularExpression) else { return nil }
            return Int(line[range].dropFirst(4))
        }
    }

    /// The column (from 0) where `needle` starts on row `y` of `screen`.
    static func column(of needle: String, row y: Int, in screen: String) throws -> Int {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = try #require(lines.indices.contains(y) ? lines[y] : nil)
        let range = try #require(line.range(of: needle), "\(needle) on row \(y): \(line)")
        return DisplayWidth.of(String(line[..<range.lowerBound]))
    }

    /// The row (from 0) of the first line holding `needle`.
    static func row(of needle: String, in screen: String) throws -> Int {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.contains(needle) }, "\(needle) on screen:\n\(screen)")
    }

    @Test func aDoubleClickOpensAConversationAndTheWheelScrollsThePaneUnderThePointer() throws {
        let fixture = try E2EFixture(importing: E2EFixture.conversations + [Self.long])
        defer { fixture.remove() }
        let tui = try fixture.browse()
        defer { tui.close() }
        var screen = try tui.settle()
        let reports = try tui.reportsMouse()
        #expect(reports.clicks && reports.sgr, "the browser asks for SGR mouse reports")
        // One click selects the row (the sidebar keeps the keys); it opens nothing.
        let longRow = try Self.row(of: "Long scroll", in: screen)
        try tui.click(x: 5, y: longRow)
        screen = try tui.settle()
        #expect(!screen.contains("row 40"))
        #expect(screen.contains("Long scroll"))
        try tui.doubleClick(x: 5, y: longRow)
        screen = try tui.settle()
        // Opened on its last message: the end of the prompt and the answer.
        let opened = Self.rowsShown(screen)
        #expect(opened.contains(40), "screen:\n\(screen)")
        #expect(screen.contains("the end"))
        // Three notches up over the pane: nine lines back.
        for _ in 0..<3 { try tui.wheel(.up, x: 60, y: 10) }
        screen = try tui.settle()
        let scrolled = Self.rowsShown(screen)
        #expect(!scrolled.contains(40), "screen:\n\(screen)")
        #expect((scrolled.min() ?? 0) < (opened.min() ?? 0))
        // The wheel over the sidebar does not move the pane.
        try tui.wheel(.down, x: 5, y: 5)
        #expect(Self.rowsShown(try tui.settle()) == scrolled)
        // And down again over the pane, back to where it was.
        for _ in 0..<3 { try tui.wheel(.down, x: 60, y: 10) }
        #expect(Self.rowsShown(try tui.settle()) == opened)
        // A double click on another conversation opens that one.
        let cjkRow = try Self.row(of: "CJK", in: screen)
        try tui.doubleClick(x: 5, y: cjkRow)
        #expect(try tui.settle().contains("介绍下你自己"))
        try tui.press(.quit, in: .messages)
        try tui.waitForExit()
    }

    @Test func aClickOnAMarkersArrowSwitchesVersionAndOnAFooterKeyRunsIt() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.openBranching()
        defer { tui.close() }
        var screen = try tui.capture()
        let header = try Self.row(of: "‹2/3›", in: screen)
        let marker = try Self.column(of: "‹2/3›", row: header, in: screen)
        try tui.click(x: marker + 4, y: header)  // ›
        screen = try tui.settle()
        #expect(screen.contains("Version three answer: birch"), "screen:\n\(screen)")
        #expect(screen.contains("‹3/3›"))
        try tui.click(x: marker, y: header)  // ‹
        screen = try tui.settle()
        #expect(screen.contains("Version two answer: pine"), "screen:\n\(screen)")
        // The footer's last row: a click on "tree" opens the tree overview, as its key does.
        let footer = try #require(
            screen.split(separator: "\n", omittingEmptySubsequences: false).lastIndex { !$0.isEmpty })
        let tree = try Self.column(of: "tree", row: footer, in: screen)
        try tui.click(x: tree, y: footer)
        screen = try tui.settle()
        #expect(screen.contains("Tree · 3 branches"), "screen:\n\(screen)")
        try tui.press(.cancel, in: .tree)
        try tui.settle()
        try tui.press(.quit, in: .messages)
        try tui.waitForExit()
    }

    @Test func mouseFalseLeavesTheMouseToTheTerminal() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let config = fixture.config.appendingPathComponent("chatterm")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "mouse = false\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let tui = try fixture.browse()
        defer { tui.close() }
        try tui.settle()
        let reports = try tui.reportsMouse()
        #expect(!reports.clicks && !reports.sgr)
        try tui.press(.quit, in: .sidebar)
        try tui.waitForExit()
    }
}
