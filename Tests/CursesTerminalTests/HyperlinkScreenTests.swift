import Testing

@testable import CursesTerminal
@testable import TerminalCanvas

/// When link text becomes an OSC 8 hyperlink, and the bytes that make it one after curses drew.
@Suite struct HyperlinkScreenTests {
    @Test(arguments: [
        (["TERM": "xterm-kitty"], true),
        (["TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"], true),
        (["TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"], true),
        (["TERM": "wezterm"], true),
        (["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"], true),
        (["TERM": "xterm-256color", "TERM_PROGRAM": "vscode"], true),
        (["TERM": "xterm-ghostty"], true),
        (["TERM": "foot"], true),
        (["TERM": "alacritty"], true),
        (["TERM": "xterm-256color", "ALACRITTY_WINDOW_ID": "94"], true),
        (["TERM": "xterm-256color", "VTE_VERSION": "7600"], true),
        (["TERM": "xterm-256color", "VTE_VERSION": "4803"], false),
        (["TERM": "xterm-256color", "WT_SESSION": "3c5f…"], true),
        (["TERM": "xterm-256color"], false),
        (["TERM": "xterm-256color", "TERM_PROGRAM": "Apple_Terminal"], false),
        (["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID": "1"], false),
        (["TERM": "screen-256color", "VTE_VERSION": "7600"], false),
        (["TERM": "xterm-kitty", "STY": "123.pts-0"], false),
        (["TERM": "linux"], false),
        (["TERM": "dumb", "KITTY_WINDOW_ID": "1"], false),
        ([:], false),
    ])
    func autoTurnsThemOnOnlyForTerminalsKnownToTakeThem(environment: [String: String], expected: Bool) {
        #expect(HyperlinkSupport.isEnabled(.auto, environment: environment) == expected)
    }

    @Test func alwaysAndNever() {
        #expect(HyperlinkSupport.isEnabled(.always, environment: ["TERM": "tmux-256color", "TMUX": "x"]))
        #expect(HyperlinkSupport.isEnabled(.always, environment: ["TERM": "xterm"]))
        #expect(!HyperlinkSupport.isEnabled(.always, environment: ["TERM": "linux"]))
        #expect(!HyperlinkSupport.isEnabled(.always, environment: ["TERM": "dumb"]))
        #expect(!HyperlinkSupport.isEnabled(.always, environment: [:]))
        #expect(!HyperlinkSupport.isEnabled(.never, environment: ["TERM": "xterm-kitty"]))
    }

    let link = Hyperlink("https://example.com/")!
    let other = Hyperlink("mailto:a@example.com")!

    /// Row 0: `see 链接 now` with `链接` linked; row 1: two links side by side and one cut by
    /// the terminal's right edge.
    func buffer() -> Buffer {
        var b = Buffer(width: 12, height: 3)
        var x = b.write("see ", x: 0, y: 0, style: .plain)
        x = b.write("链接", x: x, y: 0, style: Style(fg: .ansi(4), attributes: .underline), link: link)
        b.write(" now", x: x, y: 0, style: .plain)
        x = b.write("ab", x: 0, y: 1, style: .plain, link: link)
        x = b.write("cd", x: x, y: 1, style: .plain.adding(.bold), link: link)
        x = b.write("ef", x: x, y: 1, style: .plain, link: other)
        b.write("ghij", x: 8, y: 1, style: .plain, link: link)
        b.write("plain", x: 0, y: 2, style: .plain)
        return b
    }

    @Test func runsAreTheLinkedCellsOfTheRowsAskedForCutToTheTerminal() {
        let runs = LinkedCells.runs(in: buffer(), rows: [2, 1, 0, 7], width: 11, height: 3)
        #expect(runs.map { [$0.x, $0.y, $0.cells.count] } == [[4, 0, 2], [0, 1, 4], [4, 1, 2], [8, 1, 3]])
        #expect(runs.map(\.link) == [link, link, other, link])
        #expect(runs[0].cells.map(\.text) == ["链", "接"], "continuation halves are not written")
        #expect(LinkedCells.runs(in: buffer(), rows: [0], width: 5, height: 3).isEmpty, "a wide cell cut off")
        #expect(LinkedCells.runs(in: buffer(), rows: [2], width: 12, height: 3).isEmpty)
        let corner = LinkedCells.runs(in: buffer(), rows: [1], width: 12, height: 2)
        #expect(corner.last?.cells.map(\.text) == ["g", "h", "i"], "the bottom-right cell is never written")
    }

    @Test func theSequenceRewritesEachRunInsideOSC8BetweenCursorSaveAndRestore() {
        let runs = LinkedCells.runs(in: buffer(), rows: [0, 1], width: 12, height: 3)
        let bytes = LinkedCells.sequence(
            Array(runs.prefix(2)), save: "<sc>", restore: "<rc>", move: { "<cup \($1),\($0)>" },
            look: { "<sgr \($0.attributes.rawValue)>" }, glyph: { $0.text })
        #expect(
            bytes == "<sc><cup 0,4>\u{1b}]8;;https://example.com/\u{1b}\\<sgr 8>链接\u{1b}]8;;\u{1b}\\"
                + "<cup 1,0>\u{1b}]8;;https://example.com/\u{1b}\\<sgr 0>ab<sgr 1>cd\u{1b}]8;;\u{1b}\\<rc>")
        #expect(
            LinkedCells.sequence(
                [], save: "<sc>", restore: "<rc>", move: { _, _ in "" }, look: { _ in "" }, glyph: \.text) == "")
    }
}
