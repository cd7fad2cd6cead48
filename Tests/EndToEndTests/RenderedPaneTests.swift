import ChatTestSupport
import Foundation
import Testing

/// An imported answer full of Markdown, opened in the browser as a person would: the screen
/// shows it rendered (no `**`, no `|---|`, no `citeturn`), with bold really bold.
@Suite(.serialized, .timeLimit(.minutes(2)), .enabled(if: E2EFixture.canRun, "needs tmux and a built binary"))
struct RenderedPaneTests {
    @Test func anImportedMarkdownAnswerIsRenderedInThePane() throws {
        let fixture = try E2EFixture(importing: [ShowRenderTests.conversation])
        defer { fixture.remove() }
        let tui = try fixture.browse(cols: 100, rows: 40, extra: "--offline")
        defer { tui.close() }
        #expect(try tui.settle().contains("Markdown"))
        try tui.press(.open, in: .sidebar)
        let screen = try tui.settle()
        #expect(screen.contains("│ Spruce │ 云杉 │"), "screen:\n\(screen)")
        #expect(screen.contains("┌────────┬──────┐"))
        #expect(screen.contains("E = mc²"))
        #expect(screen.contains("[1] Spruce facts — spruce.example"))
        #expect(!screen.contains("**bold**") && !screen.contains("|------|") && !screen.contains("citeturn"))
        #expect(!screen.contains("\\["))
        // Bold cells: the word "bold" is drawn with the bold attribute (SGR 1).
        let styled = try tui.tmux("capture-pane", "-p", "-e", "-t", "t")
        let row = try #require(styled.split(separator: "\n").first { $0.contains("bold") && $0.contains("words") })
        #expect(row.contains("\u{1b}[1m") || row.contains(";1m") || row.contains("[1;"), "\(row.debugDescription)")
    }
}
