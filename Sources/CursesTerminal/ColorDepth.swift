/// How many colours the screen draws with.
///
/// ncurses can only emit 24-bit colour through a direct-colour terminfo entry (one whose
/// `colors` is 2^24, such as `xterm-direct`). With `truecolor` and an ordinary entry like
/// `tmux-256color`, RGB colours are drawn as the nearest xterm 256-palette index.
public enum ColorDepth: Sendable, Hashable {
    /// No colour: attributes only (also what `NO_COLOR` asks for).
    case monochrome
    /// The 16 ANSI colours (the first 8 only on an 8-colour terminal).
    case ansi16
    /// The xterm 256-colour palette.
    case palette256
    /// 24-bit colour, where the terminfo entry allows it (see the type's note).
    case truecolor

    /// The depth to use for an environment and a terminal: `NO_COLOR` (set and not empty)
    /// gives monochrome, as does a terminal without colours; `COLORTERM=truecolor|24bit`
    /// gives truecolor; 256 or more colours give palette256; otherwise ansi16.
    public static func detect(environment: [String: String], hasColors: Bool, colors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        guard hasColors, colors >= 8 else { return .monochrome }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .truecolor }
        return colors >= 256 ? .palette256 : .ansi16
    }
}
