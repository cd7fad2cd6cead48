/// How a large image is sent to the terminal: as pixels through the kitty graphics protocol or
/// sixel, or as symbols (an ``ImagePreview``) where neither is known to work.
public enum GraphicsProtocol: String, Sendable, Hashable, CaseIterable {
    /// kitty's graphics protocol (kitty, WezTerm, Ghostty).
    case kitty
    /// DEC sixel graphics (foot, mlterm, contour, a `TERM` naming sixel).
    case sixel
    /// Coloured symbols drawn into cells, which every terminal shows.
    case symbols

    /// The protocol to use in a terminal described by its environment, chosen conservatively:
    /// pixels only where the terminal is known to take them, and never inside tmux or screen
    /// (`TMUX`, `STY`, or a `TERM` of `screen…`/`tmux…`), which pass graphics on only when
    /// set up to and may be showing on another terminal than the one that started them.
    public static func choose(environment: [String: String]) -> GraphicsProtocol {
        func value(_ name: String) -> String { environment[name] ?? "" }
        let term = value("TERM").lowercased()
        let program = value("TERM_PROGRAM").lowercased()
        if !value("TMUX").isEmpty || !value("STY").isEmpty || term.hasPrefix("screen") || term.hasPrefix("tmux") {
            return .symbols
        }
        if term.isEmpty || term == "dumb" || term == "linux" { return .symbols }
        if !value("KITTY_WINDOW_ID").isEmpty || term == "xterm-kitty" || program == "wezterm" || term == "wezterm"
            || term == "xterm-ghostty" || program == "ghostty"
        {
            return .kitty
        }
        if term.contains("sixel") || term.hasPrefix("foot") || term.hasPrefix("mlterm") || term == "contour" {
            return .sixel
        }
        return .symbols
    }

    /// What to write to the terminal to take down the images this protocol put up: kitty keeps
    /// its images above the text until told to delete them; sixel pixels are text cells the
    /// next full redraw paints over, so there is nothing to send.
    public var clearSequence: String {
        switch self {
        case .kitty: "\u{1B}_Ga=d,d=A\u{1B}\\"
        case .sixel, .symbols: ""
        }
    }
}
