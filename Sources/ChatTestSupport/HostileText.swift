import Foundation

/// Text crafted to attack a terminal, for checking that no command lets it through: CSI
/// (clear screen, colour), OSC 0 (window title), OSC 8 (hyperlink), OSC 52 (clipboard), DCS,
/// C1 controls (`U+009B` CSI, `U+009D` OSC), bidi overrides and isolates (`U+202E`,
/// `U+2066`), BEL, DEL and a lone ESC, between plain letters.
public enum HostileText {
    /// The payload.
    public static let payload =
        "A\u{1b}[2J\u{1b}[31mB\u{1b}]0;pwned-title\u{07}C\u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\"
        + "D\u{1b}]52;c;ZXZpbA==\u{07}E\u{1b}P1$qm\u{1b}\\F\u{9b}31mG\u{9d}0;c1-title\u{9c}H\u{202e}I\u{2066}J\u{1b}K"
        + "\u{07}L\u{7f}M\u{1b}"

    /// What a terminal shows of ``payload`` once the sanitiser removed every sequence.
    public static let visible = "ABClinkDEFGHIJLM"

    /// `output` without well-formed SGR sequences (`ESC [ digits ; … m`: colours and
    /// attributes), for checking styled output chatterm writes itself.
    public static func removingSGR(_ output: String) -> String {
        output.replacingOccurrences(of: "\u{1b}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    /// The characters in `output` that must never reach a terminal: ESC, BEL and every other
    /// C0 control but newline, carriage return and tab, DEL, C1 controls, bidi overrides and
    /// isolates; each named once as `U+XXXX`. Empty when `output` is safe.
    public static func problems(in output: String) -> [String] {
        var found: [String] = []
        for s in output.unicodeScalars {
            let v = s.value
            let bad =
                (v < 0x20 && v != 0x0a && v != 0x0d && v != 0x09) || (0x7f...0x9f).contains(v)
                || (0x202a...0x202e).contains(v) || (0x2066...0x2069).contains(v)
            guard bad else { continue }
            let hex = String(v, radix: 16, uppercase: true)
            let name = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            if !found.contains(name) { found.append(name) }
        }
        return found
    }
}
