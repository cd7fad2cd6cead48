import TerminalCanvas

/// How many colours the terminal shows; ``Theme/reduced(to:)`` brings a theme within it.
public enum ColorSupport: Sendable, Hashable, CaseIterable {
    /// No colours (`NO_COLOR`, or a terminal without colour): attributes only.
    case monochrome
    /// The 16 ANSI colours.
    case ansi16
    /// The xterm 256-colour palette.
    case palette256
    /// 24-bit RGB.
    case truecolor

    /// The support to assume for a terminal that reports `colors` colours (curses `COLORS`).
    /// `NO_COLOR` (set and non-empty) means ``monochrome``; `COLORTERM=truecolor` or `24bit` with 256
    /// colours means ``truecolor``.
    public static func detect(colors: Int, environment: [String: String]) -> ColorSupport {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let colorTerm = environment["COLORTERM"]?.lowercased()
        switch colors {
        case 256...:
            return colorTerm == "truecolor" || colorTerm == "24bit" ? .truecolor : .palette256
        case 8...: return .ansi16
        default: return .monochrome
        }
    }

    /// A colour brought within this support.
    public func reduce(_ color: Color) -> Color {
        switch (self, color) {
        case (_, .default), (.truecolor, _): color
        case (.monochrome, _): .default
        case (.palette256, .rgb): color.paletteIndex.map { .indexed(UInt8($0)) } ?? .default
        case (.palette256, _): color
        case (.ansi16, _): color.ansi16Index.map { .ansi(UInt8($0)) } ?? .default
        }
    }
}
