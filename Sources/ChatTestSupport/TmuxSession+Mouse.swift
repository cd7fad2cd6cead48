import Foundation

/// The mouse, as a terminal reports it to a program that asked for SGR reports (modes 1000 and
/// 1006): tmux with `mouse on` passes a real click on as these bytes, and `send-keys -H` writes
/// them into the pane as they are. Columns and rows count from 0 here, as on a captured screen.
/// Also a terminal's answers to questions, which tmux 3.3 does not give itself.
extension TmuxSession {
    /// Which way a wheel turns.
    public enum Wheel: Sendable {
        case up, down
    }

    /// Clicks the left button on column `x` of row `y`: a press and a release, two inputs.
    public func click(x: Int, y: Int) throws {
        try sendMouse(Self.press(x: x, y: y) + Self.release(x: x, y: y), inputs: 2)
    }

    /// Double-clicks column `x` of row `y`: two clicks in one write (so no pause of the test's
    /// can part them), four inputs.
    public func doubleClick(x: Int, y: Int) throws {
        let click = Self.press(x: x, y: y) + Self.release(x: x, y: y)
        try sendMouse(click + click, inputs: 4)
    }

    /// Turns the wheel one notch with the pointer on column `x` of row `y`: one input.
    public func wheel(_ direction: Wheel, x: Int, y: Int) throws {
        try sendMouse("\u{1b}[<\(direction == .up ? 64 : 65);\(x + 1);\(y + 1)M", inputs: 1)
    }

    /// Whether the program asked for mouse reports (mode 1000) in SGR form (mode 1006), as
    /// tmux's pane flags say.
    public func reportsMouse() throws -> (clicks: Bool, sgr: Bool) {
        (try pane("mouse_standard_flag") == "1", try pane("mouse_sgr_flag") == "1")
    }

    /// Writes a terminal's answer to a question the program asked (a DECRQM report): bytes
    /// into the pane as they are, which the browser reads as no input (it counts none).
    public func answer(_ bytes: String) throws {
        try tmux(["send-keys", "-t", session, "-H"] + bytes.utf8.map { String(format: "%02x", $0) })
    }

    static func press(x: Int, y: Int) -> String { "\u{1b}[<0;\(x + 1);\(y + 1)M" }
    static func release(x: Int, y: Int) -> String { "\u{1b}[<0;\(x + 1);\(y + 1)m" }

    private func sendMouse(_ bytes: String, inputs: Int) throws {
        sent.add(inputs)
        try tmux(["send-keys", "-t", session, "-H"] + bytes.utf8.map { String(format: "%02x", $0) })
    }
}
