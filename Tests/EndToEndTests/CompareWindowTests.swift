import ChatTestSupport
import Foundation
import Testing

/// The comparison window in the real binary: `=` on an answer with three versions shows it
/// beside the next one, stacked on a narrow terminal, `[` moves the left side, Esc closes.
@Suite(.timeLimit(.minutes(2)), .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct CompareWindowTests {
    @Test func comparingVersionsSideBySideThenStacked() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let tui = try fixture.openBranching(cols: 120, rows: 24)
        defer { tui.close() }
        try tui.press(.compareVersions, in: .messages)
        var screen = try tui.settle()
        #expect(screen.contains("Versions ‹2/3› and ‹3/3› · 2 words removed, 2 words added"), "screen:\n\(screen)")
        let row = screen.split(separator: "\n").first { $0.contains("Version two answer: pine") }
        #expect(row?.contains("Version three answer: birch") == true, "side by side:\n\(screen)")
        // Narrower than 100 columns the two are stacked, the left one on top.
        try tui.resize(cols: 80, rows: 24)
        screen = try tui.settle()
        let lines = screen.split(separator: "\n")
        let pine = lines.firstIndex { $0.contains("Version two answer: pine") }
        let birch = lines.firstIndex { $0.contains("Version three answer: birch") }
        #expect(pine != nil && birch != nil && pine! < birch!, "stacked:\n\(screen)")
        try tui.press(.siblingPrev, in: .compare)
        screen = try tui.settle()
        #expect(screen.contains("Versions ‹1/3› and ‹3/3›"))
        #expect(screen.contains("Version one answer: oak"))
        try tui.press(.cancel, in: .compare)
        screen = try tui.settle()
        #expect(!screen.contains("Versions ‹"))
        #expect(screen.contains("Version two answer: pine"))
        try tui.press(.quit, in: .messages)
        try tui.waitForExit()
    }
}
