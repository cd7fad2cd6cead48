import Foundation

/// OSC 52 clipboard sequences: the terminal puts the text on the system clipboard.
///
/// Inside tmux two sequences are sent. The plain one is taken by tmux itself when
/// `set-clipboard on` (tmux then makes a buffer and forwards it to the outer terminal). The
/// second is wrapped in tmux's DCS passthrough (`ESC Ptmux; … ESC \`, with every ESC inside
/// doubled), which reaches the outer terminal when `allow-passthrough on`. tmux 3.3's defaults
/// (`set-clipboard external`, `allow-passthrough off`) ignore both. Terminals limit the
/// length they accept (often around 100 KB of base64).
public enum Clipboard {
    /// The bytes to write for `text`: `ESC]52;c;<base64>BEL`, followed inside tmux by the
    /// same sequence wrapped for passthrough.
    public static func osc52(_ text: String, insideTmux: Bool) -> String {
        let plain = "\u{1b}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
        guard insideTmux else { return plain }
        let doubled = plain.replacingOccurrences(of: "\u{1b}", with: "\u{1b}\u{1b}")
        return plain + "\u{1b}Ptmux;\(doubled)\u{1b}\\"
    }
}
