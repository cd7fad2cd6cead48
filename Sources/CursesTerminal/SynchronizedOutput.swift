/// Synchronized output (DEC private mode 2026): a terminal that takes it holds what it is sent
/// between `CSI ? 2026 h` and `CSI ? 2026 l` and shows it at once, so a frame never shows half
/// drawn. Pure: the screen asks it what to do and gives it a writer.
///
/// Whether the terminal takes the mode is asked, not guessed: the screen sends the DECRQM
/// question `CSI ? 2026 $ p` once at start, and frames are wrapped only after the terminal
/// answers `CSI ? 2026 ; 1 $ y` (set) or `; 2 $ y` (reset, known). A terminal without the mode
/// answers 0 or 4, or nothing (tmux 3.3 answers no DECRQM), and frames stay as they were. The
/// Linux console and `dumb` are not asked: they could print the question.
public struct SynchronizedOutput: Sendable, Equatable {
    /// Begins a frame the terminal holds until ``end``.
    public static let begin = "\u{1b}[?2026h"
    /// Ends the frame: the terminal shows it.
    public static let end = "\u{1b}[?2026l"
    /// Asks whether the terminal knows mode 2026 (DECRQM).
    public static let question = "\u{1b}[?2026$p"
    /// The mode's number.
    public static let mode = 2026

    /// Whether frames are wrapped in ``begin`` and ``end``.
    public private(set) var isOn = false

    /// Off until the terminal answers that it takes the mode.
    public init() {}

    /// Whether to ask a terminal named by `environment` (`TERM`) about the mode: every terminal
    /// but the Linux console, `dumb` and an unset `TERM`.
    public static func shouldAsk(environment: [String: String]) -> Bool {
        let term = environment["TERM"] ?? ""
        return !(term.isEmpty || term == "dumb" || term == "linux" || term.hasPrefix("linux-"))
    }

    /// Takes the terminal's answer about `mode`: a 1 (set) or 2 (reset) for mode 2026 turns the
    /// wrapping on; any other answer about it (0 not known, 3 or 4 permanent) turns it off.
    /// Answers about other modes change nothing.
    public mutating func take(mode: Int, setting: Int) {
        guard mode == Self.mode else { return }
        isOn = setting == 1 || setting == 2
    }

    /// Runs `draw` (which sends the frame), with ``begin`` written before it and ``end`` after
    /// when ``isOn``.
    public func frame<Result>(write: (String) -> Void, _ draw: () throws -> Result) rethrows -> Result {
        guard isOn else { return try draw() }
        write(Self.begin)
        defer { write(Self.end) }
        return try draw()
    }
}
