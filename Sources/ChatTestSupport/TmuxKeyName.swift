import TerminalCanvas

/// tmux's `send-keys` names for chatterm's keys: `C-g`, `M-x`, `Enter`, `BTab`, `Escape`, `F1`,
/// `Up`, `PageUp`, `C-Left`, `M-Enter`…, each making tmux write bytes that chatterm's input
/// decoder reads back as the same key.
public enum TmuxKeyName {
    /// The name for `key`, or nil when a terminal cannot send it apart from another key: Ctrl-I is
    /// Tab, Ctrl-J and Ctrl-M are Enter, Ctrl-H is Backspace, Ctrl-[ is Esc; Ctrl with a digit or
    /// most punctuation, Shift with a character, Ctrl or Shift with Enter, Tab (but Shift-Tab),
    /// Backspace or Esc, and F13 and above need terminal extensions tmux does not send by default.
    /// A name ending in `;` is escaped (`\;`), which tmux would otherwise take for the end of
    /// its command.
    public static func name(for key: Key) -> String? {
        let modifiers = key.modifiers
        let name: String?
        switch key.code {
        case .char(let c):
            name = character(c, modifiers)
        case .tab where modifiers == .shift:
            name = "BTab"
        case .tab, .enter, .backspace:
            guard modifiers.isSubset(of: .alt) else { return nil }
            name = prefix(modifiers) + (key.code == .tab ? "Tab" : key.code == .enter ? "Enter" : "BSpace")
        case .escape:
            name = modifiers.isEmpty ? "Escape" : nil
        case .f(let n):
            name = (1...12).contains(n) ? prefix(modifiers) + "F\(n)" : nil
        default:
            name = editingKeys[key.code].map { prefix(modifiers) + $0 }
        }
        guard let name else { return nil }
        return name.hasSuffix(";") ? name.dropLast() + "\\;" : name
    }

    /// Keys tmux sends with any modifiers, as xterm's `ESC [ 1 ; m X` or `ESC [ n ; m ~`.
    private static let editingKeys: [KeyCode: String] = [
        .up: "Up", .down: "Down", .left: "Left", .right: "Right", .home: "Home", .end: "End",
        .pageUp: "PageUp", .pageDown: "PageDown", .delete: "DC", .insert: "IC",
    ]

    /// Control characters tmux sends for `C-<c>` that the decoder reads back as Ctrl-`c`.
    private static let controlCharacters: Set<Character> = [" ", "\\", "]", "^", "_"]

    private static func character(_ c: Character, _ modifiers: Modifiers) -> String? {
        guard !modifiers.contains(.shift) else { return nil }
        if modifiers.contains(.ctrl) {
            let letter = c.isASCII && c.isLowercase && !"ijmh".contains(c)
            guard letter || controlCharacters.contains(c) else { return nil }
        }
        return prefix(modifiers) + (c == " " ? "Space" : String(c))
    }

    private static func prefix(_ modifiers: Modifiers) -> String {
        (modifiers.contains(.ctrl) ? "C-" : "") + (modifiers.contains(.alt) ? "M-" : "")
            + (modifiers.contains(.shift) ? "S-" : "")
    }
}
