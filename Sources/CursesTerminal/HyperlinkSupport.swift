import TerminalCanvas

/// Whether to draw link text as OSC 8 hyperlinks, from `hyperlinks` in config.toml and what
/// the environment says about the terminal.
///
/// `auto` turns them on only for terminals known to take OSC 8: kitty (`TERM=xterm-kitty` or
/// `KITTY_WINDOW_ID`), WezTerm (`TERM_PROGRAM=WezTerm`, `TERM=wezterm` or
/// `WEZTERM_EXECUTABLE`), iTerm2 (`TERM_PROGRAM=iTerm.app`), VS Code's terminal
/// (`TERM_PROGRAM=vscode`), Ghostty, foot, Alacritty (`TERM=alacritty` or
/// `ALACRITTY_WINDOW_ID`; 0.11 and later take OSC 8), GNOME Terminal and other VTE terminals
/// (`VTE_VERSION` 5000 or more: VTE 0.50), and Windows Terminal (`WT_SESSION`). Inside tmux
/// or screen it stays off: screen drops OSC 8, and tmux (3.4 and later) passes it on only
/// when its `terminal-features` list `hyperlinks` for the outer terminal, which chatterm
/// cannot see (use `always` there). The Linux console and `dumb` terminals print the
/// sequence as text, so not even `always` sends it to them.
public enum HyperlinkSupport {
    /// Whether hyperlinks are drawn with `mode` in `environment`.
    public static func isEnabled(_ mode: HyperlinkMode, environment: [String: String]) -> Bool {
        switch mode {
        case .never: return false
        case .always: return !printsSequences(environment: environment)
        case .auto: return !printsSequences(environment: environment) && isKnown(environment: environment)
        }
    }

    /// Whether the terminal would print an OSC 8 sequence as text: no `TERM`, `dumb`, or the
    /// Linux console.
    static func printsSequences(environment: [String: String]) -> Bool {
        let term = environment["TERM"] ?? ""
        return term.isEmpty || term == "dumb" || term == "linux" || term.hasPrefix("linux-")
    }

    /// Whether the environment names a terminal known to take OSC 8 (not through a multiplexer).
    static func isKnown(environment: [String: String]) -> Bool {
        func value(_ name: String) -> String { environment[name] ?? "" }
        let term = value("TERM")
        if !value("TMUX").isEmpty || term.hasPrefix("tmux") || term.hasPrefix("screen") || value("STY") != "" {
            return false
        }
        if ["iTerm.app", "WezTerm", "vscode", "ghostty"].contains(value("TERM_PROGRAM")) { return true }
        if ["xterm-kitty", "wezterm", "foot", "foot-extra", "alacritty", "alacritty-direct", "xterm-ghostty"]
            .contains(term)
        {
            return true
        }
        for marker in ["KITTY_WINDOW_ID", "WEZTERM_EXECUTABLE", "ALACRITTY_WINDOW_ID", "WT_SESSION"]
        where !value(marker).isEmpty {
            return true
        }
        if let vte = Int(value("VTE_VERSION")), vte >= 5000 { return true }
        return false
    }
}
