import TerminalCanvas

/// One value read by `wget_wch`: a character, a `KEY_*` function code, or nothing waiting.
public enum RawInput: Sendable, Hashable {
    /// A character (`wget_wch` returned `OK`): a Unicode scalar or a control code.
    case character(UInt32)
    /// A key code (`wget_wch` returned `KEY_CODE_YES`), such as `CursesKeyCode.up`.
    case function(Int32)
    /// `ERR`: nothing more is waiting. Ends a lone Esc or an unfinished escape sequence.
    case none
}

/// The `KEY_*` values of ncurses 6 (`/usr/include/ncurses.h`, octal there), copied so the
/// decoder never imports curses. They are fixed by the X/Open curses ABI.
public enum CursesKeyCode {
    public static let down: Int32 = 0o402
    public static let up: Int32 = 0o403
    public static let left: Int32 = 0o404
    public static let right: Int32 = 0o405
    public static let home: Int32 = 0o406
    public static let backspace: Int32 = 0o407
    /// `KEY_F0`; `KEY_F(n)` is `f0 + n`, for n up to 63.
    public static let f0: Int32 = 0o410
    public static let deleteCharacter: Int32 = 0o512
    public static let insertCharacter: Int32 = 0o513
    /// `KEY_SF` (scroll forward), which xterm-like terminals send for Shift-Down.
    public static let scrollForward: Int32 = 0o520
    /// `KEY_SR` (scroll reverse), which xterm-like terminals send for Shift-Up.
    public static let scrollReverse: Int32 = 0o521
    public static let nextPage: Int32 = 0o522
    public static let previousPage: Int32 = 0o523
    public static let enter: Int32 = 0o527
    /// The keypad's centre and corners: `KEY_A1`, `KEY_A3`, `KEY_B2`, `KEY_C1`, `KEY_C3`.
    public static let keypadA1: Int32 = 0o534
    public static let keypadA3: Int32 = 0o535
    public static let keypadB2: Int32 = 0o536
    public static let keypadC1: Int32 = 0o537
    public static let keypadC3: Int32 = 0o540
    public static let backTab: Int32 = 0o541
    public static let end: Int32 = 0o550
    public static let shiftDeleteCharacter: Int32 = 0o577
    public static let shiftEnd: Int32 = 0o602
    public static let shiftHome: Int32 = 0o607
    public static let shiftInsertCharacter: Int32 = 0o610
    public static let shiftLeft: Int32 = 0o611
    public static let shiftNext: Int32 = 0o614
    public static let shiftPrevious: Int32 = 0o616
    public static let shiftRight: Int32 = 0o622
    public static let mouse: Int32 = 0o631
    public static let resize: Int32 = 0o632
    /// `KEY_MAX`: codes above it are keys ncurses defined from the terminal's extended
    /// capabilities (`kUP3` for Alt-Up…); their names come from `keyname`.
    public static let max: Int32 = 0o777

    /// The key for a standard `KEY_*` code, or nil for codes with no meaning here.
    /// `KEY_F(13…24)` are Shift-F1…F12, `KEY_F(25…36)` Ctrl-F1…F12, and so on, as terminfo
    /// numbers the modified function keys of xterm-like terminals.
    public static func key(for code: Int32) -> Key? {
        switch code {
        case up: Key(.up)
        case down: Key(.down)
        case left: Key(.left)
        case right: Key(.right)
        case home, keypadA1: Key(.home)
        case end, keypadC1: Key(.end)
        case previousPage, keypadA3: Key(.pageUp)
        case nextPage, keypadC3: Key(.pageDown)
        case deleteCharacter: Key(.delete)
        case insertCharacter: Key(.insert)
        case backspace: Key(.backspace)
        case enter: Key(.enter)
        case backTab: Key(.tab, .shift)
        case scrollForward: Key(.down, .shift)
        case scrollReverse: Key(.up, .shift)
        case shiftLeft: Key(.left, .shift)
        case shiftRight: Key(.right, .shift)
        case shiftHome: Key(.home, .shift)
        case shiftEnd: Key(.end, .shift)
        case shiftDeleteCharacter: Key(.delete, .shift)
        case shiftInsertCharacter: Key(.insert, .shift)
        case shiftNext: Key(.pageDown, .shift)
        case shiftPrevious: Key(.pageUp, .shift)
        case (f0 + 1)...(f0 + 63): functionKey(Int(code - f0))
        default: nil
        }
    }

    private static func functionKey(_ n: Int) -> Key {
        let modifiers: [Modifiers] = [[], .shift, .ctrl, [.ctrl, .shift], .alt, [.alt, .shift]]
        return Key(.f((n - 1) % 12 + 1), modifiers[(n - 1) / 12])
    }

    /// The key for an extended capability name that `keyname` reports for codes above
    /// `KEY_MAX`: `kUP3` is Alt-Up, `kDC5` Ctrl-Delete, `kRIT6` Ctrl-Shift-Right. The digit is
    /// xterm's modifier parameter (2 Shift, 3 Alt, 5 Ctrl, and their sums plus one).
    public static func key(forExtendedName name: String) -> Key? {
        let codes: [(String, KeyCode)] = [
            ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right), ("kHOM", .home),
            ("kEND", .end), ("kNXT", .pageDown), ("kPRV", .pageUp), ("kDC", .delete), ("kIC", .insert),
        ]
        guard let last = name.last, let digit = last.wholeNumberValue,
            let found = codes.first(where: { $0.0 == name.dropLast() })
        else { return nil }
        return Key(found.1, xtermModifiers(digit))
    }

    /// The modifiers of xterm's `;m` parameter: m − 1 has bit 1 Shift, 2 Alt, 4 Ctrl.
    public static func xtermModifiers(_ parameter: Int) -> Modifiers {
        let bits = parameter > 1 ? parameter - 1 : 0
        var m: Modifiers = []
        if bits & 1 != 0 { m.insert(.shift) }
        if bits & 2 != 0 { m.insert(.alt) }
        if bits & 4 != 0 { m.insert(.ctrl) }
        return m
    }
}
