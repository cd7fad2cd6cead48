import CursesTerminal
import TerminalCanvas

/// The browser's idle report, for end-to-end tests only: with `CHATTERM_IDLE_REPORT=1` in its
/// environment the run loop puts, whenever it changes, this line in the terminal's title (OSC 2):
///
///     chatterm-idle inputs=<n> idle=<0|1> size=<columns>x<rows>
///
/// - `inputs`: the key, paste and mouse events read from the terminal so far, whether or not
///   they did anything. A key is one event however many bytes it takes (an arrow, Alt-x, F1), a
///   bracketed paste is one event however long, a click two (press and release); a resize is
///   not counted (the size says it arrived).
/// - `idle=1`: the store is settled (no answer streaming, no effect at work, no save being
///   written: `Store.isSettled`) and the frame of its latest state has been drawn.
/// - `size`: the size the state was laid out for.
///
/// The title is written right after the frame, so a terminal (tmux) showing `idle=1` has parsed
/// the frame too: a capture taken then shows it whole. Tests read it with
/// `tmux display-message -p '#{pane_title}'` (`TmuxSession.settle`, ChatTestSupport). Without the
/// variable there is no report and the run loop does nothing more than before.
@MainActor
final class IdleReporter {
    /// The environment variable that asks for the report (`1`).
    static let variable = "CHATTERM_IDLE_REPORT"

    /// The key, paste and mouse events read so far.
    private(set) var inputs = 0
    private var last: String?

    /// A report when `environment` asks for one, else nil.
    static func requested(in environment: [String: String]) -> IdleReporter? {
        environment[variable] == "1" ? IdleReporter() : nil
    }

    /// Counts a key, a paste or a mouse event; a resize is not an input (the report's size
    /// shows it).
    func count(_ event: InputEvent) {
        if case .resize = event { return }
        inputs += 1
    }

    /// Puts the report in the terminal's title, unless it says what the last one said.
    func report(idle: Bool, width: Int, height: Int, on screen: CursesScreen) {
        let line = "chatterm-idle inputs=\(inputs) idle=\(idle ? 1 : 0) size=\(width)x\(height)"
        guard line != last else { return }
        last = line
        screen.setTitle(line)
    }
}
