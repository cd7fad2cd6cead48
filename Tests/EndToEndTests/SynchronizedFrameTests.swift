import ChatTestSupport
import Foundation
import Testing

/// Synchronized output (DEC mode 2026) as the terminal sees it: the browser's bytes kept by
/// `script` in tmux. tmux 3.3 answers no DECRQM, so the test answers as a terminal that takes
/// the mode would.
@Suite(
    .serialized, .timeLimit(.minutes(2)),
    .enabled(if: E2EFixture.canRun && Spawn.isAvailable("script"), "needs tmux, script(1) and a built chatterm"))
struct SynchronizedFrameTests {
    static let begin = "\u{1b}[?2026h"
    static let end = "\u{1b}[?2026l"

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @Test func framesAreOneUpdateEachOnceTheTerminalSaysItTakesThem() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let typescript = fixture.home.appendingPathComponent("typescript")
        let tui = try TmuxSession(
            command: "script -q -f -e -c \(Self.quote(fixture.binary + " --offline")) \(Self.quote(typescript.path))",
            environment: [
                "CHATTERM_HOME": fixture.home.path,
                "XDG_CONFIG_HOME": fixture.home.appendingPathComponent("config").path,
            ])
        defer { tui.close() }
        func written() -> String {
            String(decoding: FileManager.default.contents(atPath: typescript.path) ?? Data(), as: UTF8.self)
        }
        #expect(try tui.settle().contains("Branching test"))
        try tui.press(.selectNext, in: .sidebar)
        try tui.settle()
        let unanswered = written()
        #expect(unanswered.contains("\u{1b}[?2026$p"), "the browser asks")
        #expect(!unanswered.contains(Self.begin), "no frame is wrapped before an answer")
        try tui.answer("\u{1b}[?2026;2$y")
        try tui.press(.selectPrev, in: .sidebar)
        try tui.settle()
        let after = String(written().dropFirst(unanswered.count))
        let begin = try #require(after.range(of: Self.begin), "the frame after the answer is wrapped")
        let end = try #require(after.range(of: Self.end))
        #expect(begin.upperBound < end.lowerBound)
        // The frame's cells (the selection moved back to the first row) are between the two.
        #expect(after[begin.upperBound..<end.lowerBound].contains("Branching test"))
        try tui.press(.quit, in: .sidebar)
        try tui.waitForExit()
    }
}
