import TerminalCanvas

/// Turns what `wget_wch` reads into key, paste, resize and mouse events. Pure: no curses, no
/// clock.
///
/// Escape sequences ncurses did not map itself (Alt-x, `ESC[1;3A`, kitty's `ESC[13;2u`, a
/// bracketed paste, mouse reports read by ``MouseReport``, the answer to a DECRQM question)
/// are parsed here. Whether a lone ESC is the Esc key or the start of a
/// sequence is decided by `.none`, which the screen feeds when nothing more is waiting; a
/// paste stays open across any number of `.none` until `ESC[201~` arrives.
public struct InputDecoder: Sendable {
    private enum State: Sendable {
        case ground
        case escape
        case csi(String)
        case ss3
        case paste
        /// After ncurses' `KEY_MOUSE` (terminfo `kmous` matched the report's start).
        case mouseStart
        /// The values of an X10 mouse report read so far (three follow `CSI M`).
        case x10([UInt32])
    }

    private var state: State = .ground
    private var pasteText = String.UnicodeScalarView()
    private var pasteMatched = 0
    private var pasteLastWasCR = false
    private var events: [InputEvent] = []

    /// Keys for codes above `KEY_MAX`, which ncurses numbers at run time (see
    /// `CursesKeyCode.key(forExtendedName:)`). The screen fills it from `keyname`.
    public var extendedKeys: [Int32: Key] = [:]

    private static let pasteEnd: [UInt32] = [0x1b, 0x5b, 0x32, 0x30, 0x31, 0x7e]  // ESC [ 2 0 1 ~

    /// Creates a decoder in the ground state.
    public init() {}

    /// Whether an escape sequence has started and more input would finish it (so a short wait
    /// before feeding `.none` can tell Alt-x from Esc then x on a slow link).
    public var isAwaitingMore: Bool {
        switch state {
        case .escape, .csi, .ss3, .mouseStart, .x10: true
        case .ground, .paste: false
        }
    }

    /// Whether a bracketed paste has started and not ended.
    public var isInPaste: Bool {
        if case .paste = state { return true }
        return false
    }

    /// Decodes a batch of raw values, in order.
    public mutating func feed(_ inputs: [RawInput]) -> [InputEvent] {
        for input in inputs { step(input) }
        return takeEvents()
    }

    /// Decodes one raw value; returns the events it completed (often none or one).
    public mutating func feed(_ input: RawInput) -> [InputEvent] {
        step(input)
        return takeEvents()
    }

    private mutating func takeEvents() -> [InputEvent] {
        defer { events.removeAll(keepingCapacity: true) }
        return events
    }

    private mutating func step(_ input: RawInput) {
        switch state {
        case .ground: ground(input)
        case .escape: afterEscape(input)
        case .csi(let parameters): csi(parameters, input)
        case .ss3: ss3(input)
        case .paste: paste(input)
        case .mouseStart: mouseStart(input)
        case .x10(let values): x10(values, input)
        }
    }

    // MARK: - Ground and ESC

    private mutating func ground(_ input: RawInput) {
        switch input {
        case .none:
            break
        case .character(27):
            state = .escape
        case .character(let c):
            character(c, modifiers: [])
        case .function(CursesKeyCode.mouse):
            state = .mouseStart
        case .function(let code):
            function(code, modifiers: [])
        }
    }

    private mutating func afterEscape(_ input: RawInput) {
        switch input {
        case .none:
            state = .ground
            emit(Key(.escape))
        case .character(27):
            emit(Key(.escape))
        case .character(0x5b):  // [
            state = .csi("")
        case .character(0x4f):  // O
            state = .ss3
        case .character(let c):
            state = .ground
            character(c, modifiers: .alt)
        case .function(let code):
            // ESC then a key ncurses decoded in the same burst: Alt plus that key.
            state = .ground
            function(code, modifiers: .alt)
        }
    }

    /// A character key: controls become Ctrl-letters, Tab, Enter, Backspace.
    private mutating func character(_ value: UInt32, modifiers: Modifiers) {
        switch value {
        case 9: emit(Key(.tab, modifiers))
        case 10, 13: emit(Key(.enter, modifiers))
        case 8, 127: emit(Key(.backspace, modifiers))
        case 0: emit(Key(.char(" "), modifiers.union(.ctrl)))
        case 27: emit(Key(.escape, modifiers))
        case 1...26: emit(Key(.char(Character(Unicode.Scalar(value + 96)!)), modifiers.union(.ctrl)))
        case 28: emit(Key(.char("\\"), modifiers.union(.ctrl)))
        case 29: emit(Key(.char("]"), modifiers.union(.ctrl)))
        case 30: emit(Key(.char("^"), modifiers.union(.ctrl)))
        case 31: emit(Key(.char("_"), modifiers.union(.ctrl)))
        case 0x80..<0xa0: break
        default:
            guard let scalar = Unicode.Scalar(value) else { return }
            if DisplayWidth.of(scalar) == 0, modifiers.isEmpty, appendToPreviousCharacter(scalar) { return }
            emit(Key(.char(Character(scalar)), modifiers))
        }
    }

    /// Joins a combining mark typed on its own to the character before it in this batch.
    private mutating func appendToPreviousCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard case .key(let previous)? = events.last, previous.modifiers.isEmpty,
            case .char(let c) = previous.code
        else { return false }
        var scalars = String(c).unicodeScalars
        scalars.append(scalar)
        let joined = String(scalars)
        guard joined.count == 1, let combined = joined.first else { return false }
        events[events.count - 1] = .key(Key(.char(combined)))
        return true
    }

    private mutating func function(_ code: Int32, modifiers: Modifiers) {
        if code == CursesKeyCode.resize {
            events.append(.resize(width: 0, height: 0))
            return
        }
        guard var key = CursesKeyCode.key(for: code) ?? extendedKeys[code] else { return }
        key.modifiers.formUnion(modifiers)
        emit(key)
    }

    private mutating func emit(_ key: Key) {
        events.append(.key(key))
    }

    // MARK: - CSI and SS3

    private mutating func csi(_ parameters: String, _ input: RawInput) {
        switch input {
        case .none:
            // An unfinished sequence: `ESC [` alone was Alt-[; anything longer is dropped.
            state = .ground
            if parameters.isEmpty { emit(Key(.char("["), .alt)) }
        case .character(let c) where (0x20...0x3f).contains(c):
            if parameters.utf8.count > 64 {
                state = .ground
            } else {
                state = .csi(parameters + String(Character(Unicode.Scalar(c)!)))
            }
        case .character(let c) where (0x40...0x7e).contains(c):
            state = .ground
            finishCSI(parameters, final: Character(Unicode.Scalar(c)!))
        case .character, .function:
            // Not part of a CSI sequence: drop what came so far and read this afresh.
            state = .ground
            ground(input)
        }
    }

    private mutating func finishCSI(_ parameters: String, final: Character) {
        if let mouse = MouseReport.sgr(parameters: parameters, final: final) {
            events.append(.mouse(mouse))
            return
        }
        if parameters.isEmpty, final == "M" {
            state = .x10([])
            return
        }
        if let report = ModeReport.parse(parameters: parameters, final: final) {
            events.append(.modeReport(mode: report.mode, setting: report.setting))
            return
        }
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = numbers.first.flatMap { $0 }
        let modifierParameter = numbers.count > 1 ? (numbers[1] ?? 1) : 1
        let modifiers = CursesKeyCode.xtermModifiers(modifierParameter)
        switch final {
        case "A": emit(Key(.up, modifiers))
        case "B": emit(Key(.down, modifiers))
        case "C": emit(Key(.right, modifiers))
        case "D": emit(Key(.left, modifiers))
        case "H": emit(Key(.home, modifiers))
        case "F": emit(Key(.end, modifiers))
        case "Z": emit(Key(.tab, modifiers.union(.shift)))
        case "P": emit(Key(.f(1), modifiers))
        case "Q": emit(Key(.f(2), modifiers))
        case "R": emit(Key(.f(3), modifiers))
        case "S": emit(Key(.f(4), modifiers))
        case "~": tilde(first, numbers: numbers, modifiers: modifiers)
        case "u": csiU(first, modifiers: modifiers)
        default: break  // focus and other reports: not keys
        }
    }

    private mutating func tilde(_ first: Int?, numbers: [Int?], modifiers: Modifiers) {
        switch first {
        case 200:
            state = .paste
            pasteText = String.UnicodeScalarView()
            pasteMatched = 0
            pasteLastWasCR = false
        case 27:
            // xterm modifyOtherKeys: ESC [ 27 ; m ; code ~
            if numbers.count > 2, let code = numbers[2] {
                codepoint(code, modifiers: CursesKeyCode.xtermModifiers(numbers[1] ?? 1))
            }
        case 1, 7: emit(Key(.home, modifiers))
        case 2: emit(Key(.insert, modifiers))
        case 3: emit(Key(.delete, modifiers))
        case 4, 8: emit(Key(.end, modifiers))
        case 5: emit(Key(.pageUp, modifiers))
        case 6: emit(Key(.pageDown, modifiers))
        case let n?:
            let fkeys = [11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 17: 6, 18: 7, 19: 8, 20: 9, 21: 10, 23: 11, 24: 12]
            if let f = fkeys[n] { emit(Key(.f(f), modifiers)) }
        case nil: break
        }
    }

    /// Kitty / fixterms `CSI code ; modifiers u`.
    private mutating func csiU(_ first: Int?, modifiers: Modifiers) {
        guard let code = first else { return }
        codepoint(code, modifiers: modifiers)
    }

    private mutating func codepoint(_ code: Int, modifiers: Modifiers) {
        switch code {
        case 13: emit(Key(.enter, modifiers))
        case 9: emit(Key(.tab, modifiers))
        case 27: emit(Key(.escape, modifiers))
        case 8, 127: emit(Key(.backspace, modifiers))
        default:
            guard code > 0x20, let value = UInt32(exactly: code), let scalar = Unicode.Scalar(value) else {
                if code == 0x20 { emit(Key(.char(" "), modifiers)) }
                return
            }
            var m = modifiers
            var c = Character(scalar)
            if m.contains(.ctrl) {
                c = Character(c.lowercased())
            } else if m.contains(.shift), c.isLetter, let upper = Self.single(c.uppercased()) {
                // A capital of several letters (ß → SS) stays the letter with Shift.
                c = upper
                m.remove(.shift)
            }
            emit(Key(.char(c), m))
        }
    }

    /// The text as one character, or nil when it is several.
    private static func single(_ text: String) -> Character? {
        text.count == 1 ? text.first : nil
    }

    private mutating func ss3(_ input: RawInput) {
        let keys: [UInt32: KeyCode] = [
            0x41: .up, 0x42: .down, 0x43: .right, 0x44: .left, 0x48: .home, 0x46: .end,
            0x50: .f(1), 0x51: .f(2), 0x52: .f(3), 0x53: .f(4), 0x4d: .enter,
        ]
        state = .ground
        switch input {
        case .character(let c) where keys[c] != nil:
            emit(Key(keys[c]!))
        case .none:
            emit(Key(.char("O"), .alt))
        default:
            emit(Key(.char("O"), .alt))
            ground(input)
        }
    }

    // MARK: - Mouse reports ncurses began

    /// After `KEY_MOUSE`: ncurses matched the terminal's `kmous`, `CSI <` for xterm (an SGR
    /// report follows, starting with a digit) or `CSI M` (three X10 values follow).
    private mutating func mouseStart(_ input: RawInput) {
        switch input {
        case .character(let c) where (0x30...0x39).contains(c):
            state = .csi("<" + String(Character(Unicode.Scalar(c)!)))
        case .character:
            state = .x10([])
            step(input)
        case .none, .function:
            state = .ground
            if case .function = input { ground(input) }
        }
    }

    /// The three values of an X10 report, taken whatever they are (a press of the left button
    /// at the top-left cell is `CSI M` then space, `!`, `!`).
    private mutating func x10(_ values: [UInt32], _ input: RawInput) {
        guard case .character(let c) = input else {
            state = .ground
            if case .function = input { ground(input) }
            return
        }
        let read = values + [c]
        guard read.count == 3 else {
            state = .x10(read)
            return
        }
        state = .ground
        if let mouse = MouseReport.x10(read) { events.append(.mouse(mouse)) }
    }

    // MARK: - Bracketed paste

    private mutating func paste(_ input: RawInput) {
        switch input {
        case .none:
            return
        case .function(let code):
            if code == CursesKeyCode.resize {
                events.append(.resize(width: 0, height: 0))
            } else if code == CursesKeyCode.enter {
                pasteScalar(10)
            }
        case .character(let c):
            pasteCharacter(c)
        }
    }

    private mutating func pasteCharacter(_ c: UInt32) {
        if c == Self.pasteEnd[pasteMatched] {
            pasteMatched += 1
            if pasteMatched == Self.pasteEnd.count {
                state = .ground
                events.append(.paste(String(pasteText)))
                pasteText = String.UnicodeScalarView()
                pasteMatched = 0
            }
            return
        }
        if pasteMatched > 0 {
            // A false start of the terminator is pasted text after all.
            let prefix = Self.pasteEnd[0..<pasteMatched]
            pasteMatched = 0
            prefix.forEach { pasteScalar($0) }
            pasteCharacter(c)
            return
        }
        pasteScalar(c)
    }

    /// Adds a pasted scalar, turning CR and CRLF (tmux pastes lines with CR) into LF. The
    /// whole paste is kept, however long.
    private mutating func pasteScalar(_ c: UInt32) {
        defer { pasteLastWasCR = c == 13 }
        if c == 10 && pasteLastWasCR { return }
        guard let scalar = Unicode.Scalar(c == 13 ? 10 : c) else { return }
        pasteText.append(scalar)
    }
}
