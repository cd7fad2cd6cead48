/// Modifier keys held with a key.
public struct Modifiers: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    /// Creates modifiers from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let ctrl = Modifiers(rawValue: 1)
    public static let alt = Modifiers(rawValue: 2)
    public static let shift = Modifiers(rawValue: 4)
}

/// A key without modifiers.
public enum KeyCode: Sendable, Hashable {
    case char(Character)
    case enter, tab, backspace, delete, escape, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case f(Int)
}

/// A key press: a key and its modifiers. `ctrl+a` is `.char("a")` with `.ctrl`;
/// Shift-Tab is `.tab` with `.shift`; an upper-case letter is `.char("A")` without `.shift`.
public struct Key: Sendable, Hashable, CustomStringConvertible {
    public var code: KeyCode
    public var modifiers: Modifiers

    /// Creates a key.
    public init(_ code: KeyCode, _ modifiers: Modifiers = []) {
        self.code = code
        self.modifiers = modifiers
    }

    /// A plain character key.
    public static func char(_ c: Character) -> Key { Key(.char(c)) }
    /// A control-character key (`ctrl+c`).
    public static func ctrl(_ c: Character) -> Key { Key(.char(c), .ctrl) }

    private static let names: [(String, KeyCode)] = [
        ("enter", .enter), ("ret", .enter), ("return", .enter), ("tab", .tab), ("backspace", .backspace),
        ("bs", .backspace), ("delete", .delete), ("del", .delete), ("escape", .escape), ("esc", .escape),
        ("insert", .insert), ("ins", .insert), ("up", .up), ("down", .down), ("left", .left), ("right", .right),
        ("home", .home), ("end", .end), ("pgup", .pageUp), ("pageup", .pageUp), ("pgdn", .pageDown),
        ("pagedown", .pageDown), ("space", .char(" ")),
    ]

    /// Parses a key name: `"j"`, `"["`, `"ctrl+g"`, `"alt+enter"`, `"shift+tab"`, `"pgdn"`, `"f1"`,
    /// also helix style `"C-q"`, `"A-ret"`. Returns nil for an unknown name.
    public init?(name: String) {
        var rest = Substring(name)
        var modifiers: Modifiers = []
        while rest.count > 1 {
            let lower = rest.lowercased()
            if lower.hasPrefix("ctrl+") || lower.hasPrefix("ctrl-") {
                modifiers.insert(.ctrl)
                rest = rest.dropFirst(5)
            } else if lower.hasPrefix("alt+") || lower.hasPrefix("alt-") {
                modifiers.insert(.alt)
                rest = rest.dropFirst(4)
            } else if lower.hasPrefix("meta+") || lower.hasPrefix("meta-") {
                modifiers.insert(.alt)
                rest = rest.dropFirst(5)
            } else if lower.hasPrefix("shift+") || lower.hasPrefix("shift-") {
                modifiers.insert(.shift)
                rest = rest.dropFirst(6)
            } else if rest.hasPrefix("C-") {
                modifiers.insert(.ctrl)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("A-") || rest.hasPrefix("M-") {
                modifiers.insert(.alt)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("S-") {
                modifiers.insert(.shift)
                rest = rest.dropFirst(2)
            } else {
                break
            }
        }
        guard !rest.isEmpty else { return nil }
        if rest.count == 1, let c = rest.first {
            let ch: Character = modifiers.contains(.ctrl) ? Character(c.lowercased()) : c
            self.init(.char(ch), modifiers)
            return
        }
        let lower = rest.lowercased()
        if lower == "backtab" {
            self.init(.tab, modifiers.union(.shift))
            return
        }
        if let found = Self.names.first(where: { $0.0 == lower }) {
            self.init(found.1, modifiers)
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) {
            self.init(.f(n), modifiers)
            return
        }
        return nil
    }

    /// The key as a person reads it: `Ctrl-G`, `Alt-Enter`, `PgDn`, `[`, `Shift-Tab`.
    public var description: String {
        var s = ""
        if modifiers.contains(.ctrl) { s += "Ctrl-" }
        if modifiers.contains(.alt) { s += "Alt-" }
        if modifiers.contains(.shift) { s += "Shift-" }
        switch code {
        case .char(" "): s += "Space"
        case .char(let c): s += modifiers.contains(.ctrl) ? c.uppercased() : String(c)
        case .enter: s += "Enter"
        case .tab: s += "Tab"
        case .backspace: s += "Backspace"
        case .delete: s += "Del"
        case .escape: s += "Esc"
        case .insert: s += "Ins"
        case .up: s += "↑"
        case .down: s += "↓"
        case .left: s += "←"
        case .right: s += "→"
        case .home: s += "Home"
        case .end: s += "End"
        case .pageUp: s += "PgUp"
        case .pageDown: s += "PgDn"
        case .f(let n): s += "F\(n)"
        }
        return s
    }
}

/// Something the terminal reports: a key, a bracketed paste, a new size, a mouse event, or its
/// answer to a question about a mode.
public enum InputEvent: Sendable, Hashable {
    case key(Key)
    case paste(String)
    case resize(width: Int, height: Int)
    /// A click, release or wheel turn (with mouse reporting on).
    case mouse(MouseEvent)
    /// The answer to a DECRQM question (`CSI ? mode $ p`): mode `mode` is `setting` (0 not
    /// known, 1 set, 2 reset, 3 always set, 4 always reset).
    case modeReport(mode: Int, setting: Int)
}
