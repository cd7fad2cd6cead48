import CNCursesW
import Foundation
import TerminalCanvas

/// The terminal, through ncurses: the only code in chatterm that calls curses.
///
/// It draws `Buffer`s by applying their diff against the last frame, reads keys, pastes,
/// resizes and mouse events without blocking, and sets the clipboard with OSC 52. With
/// ``hyperlinks`` on, cells that carry a link are written again as OSC 8 hyperlinks after each
/// update (see ``LinkedCells``). Each frame is sent as one synchronized update where the
/// terminal says it takes them (``SynchronizedOutput``). ncurses is not thread-safe, so everything happens on the main actor. Call
/// `shutdown()` before the process exits.
@MainActor
public final class CursesScreen {
    /// The colour depth in use.
    public let colorDepth: ColorDepth
    /// Whether the locale's codeset is UTF-8; without it only ASCII is drawn (others as `?`).
    public let isUTF8: Bool
    /// Whether link text is drawn as OSC 8 hyperlinks: asked for, and the terminal's terminfo
    /// entry can save, restore and address the cursor.
    public let hyperlinks: Bool
    /// Whether the terminal is asked to report clicks and wheel turns (SGR mouse mode 1006).
    public let mouse: Bool
    /// Whether frames are wrapped as synchronized updates (the terminal said it takes them).
    public var synchronizesFrames: Bool { synchronizedOutput.isOn }

    private let window: UnsafeMutablePointer<WINDOW>
    private let palette: ColorPalette
    private var pairs: ColorPairCache
    private var styles: [Style: (attributes: attr_t, pair: Int32)] = [:]
    private var decoder = InputDecoder()
    private var unknownKeyCodes: Set<Int32> = []
    private var previous: Buffer?
    private var cursorVisible: Bool?
    private var isSuspended = false
    private var isShutDown = false
    private let insideTmux: Bool
    /// The bytes that set each style when linked cells are written again.
    private var linkLooks: [Style: String] = [:]
    private var synchronizedOutput = SynchronizedOutput()

    /// Why the browser cannot run on the terminal `$TERM` names, in one sentence, or nil when it
    /// can: the terminal must be known to terminfo and able to move the cursor (not `dumb`).
    /// Call it before creating a screen: curses would draw a dumb terminal as one line.
    public nonisolated static func unsupportedTerminalReason(environment: [String: String]) -> String? {
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty else {
            return "TERM is not set, so the browser cannot tell what this terminal can do"
        }
        switch cn_terminal_can_move_cursor() {
        case 1: return nil
        case 0: return "the terminal \"\(term)\" (TERM) cannot move the cursor, so the browser cannot draw on it"
        default: return "the terminal type \"\(term)\" (TERM) is not in this system's terminfo database"
        }
    }

    /// Sets the terminal up: the locale (falling back to `C.UTF-8` for characters when the
    /// environment's is not UTF-8), curses in raw mode with keypad decoding, non-blocking
    /// input, a 25 ms Esc delay, a hidden cursor, default-background colours, and bracketed
    /// paste. The colour depth is detected (`ColorDepth.detect`) unless given. `hyperlinks`
    /// asks for OSC 8 links (``HyperlinkSupport`` decides whether the terminal takes them);
    /// `mouse` turns on mouse reports (``MouseModes``). The terminal is asked whether it takes
    /// synchronized output (``SynchronizedOutput``); its answer arrives with the keys.
    public init(colorDepth: ColorDepth? = nil, hyperlinks: Bool = false, mouse: Bool = false) {
        isUTF8 = cn_setup_locale() == 1
        initscr()
        window = cn_stdscr()
        raw()
        // Return then arrives as CR, and a pasted CRLF as CR LF, which the decoder joins into
        // one line break; in curses' default nl mode every CR became LF, so CRLF became two.
        nonl()
        noecho()
        keypad(window, true)
        // Mouse reports reach the decoder as they came: ncurses would take xterm's `kmous`
        // (`CSI <`) for a KEY_MOUSE of its own and leave the rest of the report as characters.
        _ = define_key(nil, CursesKeyCode.mouse)
        nodelay(window, true)
        set_escdelay(25)
        curs_set(0)
        let hasColors = has_colors()
        if hasColors {
            start_color()
            use_default_colors()
        }
        let environment = ProcessInfo.processInfo.environment
        let colors = hasColors ? Int(cn_colors()) : 0
        let depth =
            colorDepth ?? ColorDepth.detect(environment: environment, hasColors: hasColors, colors: colors)
        self.colorDepth = depth
        palette = ColorPalette(depth: hasColors ? depth : .monochrome, colors: colors)
        pairs = ColorPairCache(capacity: hasColors ? Int(cn_color_pairs()) : 0)
        insideTmux = !(environment["TMUX"] ?? "").isEmpty
        self.hyperlinks =
            hyperlinks && ["sc", "rc", "cup"].allSatisfy { (name: String) in cn_string_capability(name) != nil }
        self.mouse = mouse
        cn_write_tty("\u{1b}[?2004h" + (mouse ? MouseModes.on : ""))
        if SynchronizedOutput.shouldAsk(environment: environment) { cn_write_tty(SynchronizedOutput.question) }
    }

    isolated deinit {
        shutdown()
    }

    /// The terminal's size in columns and rows.
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    // MARK: - Drawing

    /// Shows `buffer`: only the cells that differ from the last frame are sent (everything
    /// after a resize, a size change or `invalidate()`), then the screen is updated once. The
    /// cursor is shown at `cursor` (for text input) or hidden when nil.
    public func draw(_ buffer: Buffer, cursor: (x: Int, y: Int)?) {
        guard !isShutDown, !isSuspended else { return }
        let changes: [CellChange]
        if let previous, previous.width == buffer.width, previous.height == buffer.height {
            changes = buffer.diff(from: previous)
        } else {
            werase(window)
            changes = buffer.diff(from: Buffer(width: 0, height: 0))
        }
        let (width, height) = size
        // Cells in a row mostly share a style: its attributes and pair are looked up once.
        var lastStyle: Style?
        var look = (attributes: CN_A_NORMAL, pair: Int32(0))
        for change in changes where change.x + max(1, Int(change.cell.width)) <= width && change.y < height {
            if change.cell.style != lastStyle {
                look = attributesAndPair(change.cell.style)
                lastStyle = change.cell.style
            }
            put(change.cell, x: change.x, y: change.y, look: look)
        }
        previous = buffer
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < width, cursor.y < height {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            setCursor(visible: true)
        } else {
            setCursor(visible: false)
        }
        wnoutrefresh(window)
        synchronizedOutput.frame(write: { cn_write_tty($0) }) {
            doupdate()
            if hyperlinks {
                writeLinks(
                    buffer, rows: Set(changes.map(\.y)).union([Int(getcury(window))]), width: width, height: height)
            }
        }
    }

    /// Writes the linked cells of `rows` again as OSC 8 hyperlinks (see ``LinkedCells``).
    private func writeLinks(_ buffer: Buffer, rows: Set<Int>, width: Int, height: Int) {
        let runs = LinkedCells.runs(in: buffer, rows: rows, width: width, height: height)
        guard !runs.isEmpty else { return }
        let bytes = LinkedCells.sequence(
            runs, save: capability("sc"), restore: capability("rc"),
            move: { x, y in Self.capability("cup", y, x) }, look: linkLook(for:),
            glyph: { cell in
                let (characters, padding) = self.glyph(for: cell)
                var text = String.UnicodeScalarView()
                for c in characters where c != 0 { text.append(Unicode.Scalar(UInt32(bitPattern: c)) ?? "?") }
                return String(text) + (padding ? " " : "")
            })
        cn_write_tty(bytes)
    }

    private func capability(_ name: String) -> String {
        cn_string_capability(name).map { String(cString: $0) } ?? ""
    }

    private static func capability(_ name: String, _ first: Int, _ second: Int) -> String {
        cn_capability_with(name, Int32(first), Int32(second)).map { String(cString: $0) } ?? ""
    }

    /// The bytes that draw a style as curses does: attributes reset, then each one set, then
    /// the colours of its pair (none when the pairs ran out, as curses then draws).
    private func linkLook(for style: Style) -> String {
        if let known = linkLooks[style] { return known }
        let look = attributesAndPair(style)
        var out = capability("sgr0")
        for (flag, name) in [
            (CN_A_BOLD, "bold"), (CN_A_DIM, "dim"), (CN_A_ITALIC, "sitm"), (CN_A_UNDERLINE, "smul"),
            (CN_A_REVERSE, "rev"),
        ]
        where look.attributes & flag != 0 {
            out += capability(name)
        }
        if look.pair != 0 {
            let fg = palette.number(for: style.fg)
            let bg = palette.number(for: style.bg)
            if fg >= 0 { out += Self.capability("setaf", Int(fg), 0) }
            if bg >= 0 { out += Self.capability("setab", Int(bg), 0) }
        }
        linkLooks[style] = out
        return out
    }

    /// Whether `draw(buffer, …)` would send every cell: the first frame, a new size, or after a
    /// resize or ``invalidate()``.
    public func repaintsWhole(_ buffer: Buffer) -> Bool {
        guard let previous else { return true }
        return previous.width != buffer.width || previous.height != buffer.height
    }

    /// Writes `bytes` to the terminal as they are, around curses: kitty or sixel images, which
    /// curses would mangle as text. Call it after ``draw(_:cursor:)`` (whose frame has then
    /// reached the terminal): the cursor is saved, moved to column `x` of row `y` (where an
    /// image's top-left cell goes), and put back after, so curses' idea of it stays true.
    /// Curses does not know what was written: a cell it writes later covers sixel pixels (call
    /// ``invalidate()`` to repaint them away), and kitty's stay until deleted.
    public func write(_ bytes: String, atX x: Int, y: Int) {
        guard !isShutDown, !isSuspended else { return }
        let save = capability("sc")
        let restore = capability("rc")
        let move = Self.capability("cup", y, x)
        writeRaw(
            (save.isEmpty ? "\u{1b}7" : save) + (move.isEmpty ? "\u{1b}[\(y + 1);\(x + 1)H" : move) + bytes
                + (restore.isEmpty ? "\u{1b}8" : restore))
    }

    /// Writes `bytes` to the terminal as they are, all of them (kitty's delete of its images).
    public func writeRaw(_ bytes: String) {
        guard !isShutDown, !isSuspended else { return }
        var text = bytes
        text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                _ = cn_write_all(chars.baseAddress, chars.count)
            }
        }
    }

    /// A cell's size in pixels, where the terminal says (``CellPixelSize``).
    public var cellPixelSize: (width: Int, height: Int)? {
        var columns: Int32 = 0
        var rows: Int32 = 0
        var width: Int32 = 0
        var height: Int32 = 0
        guard cn_window_size(&columns, &rows, &width, &height) == 0 else { return nil }
        return CellPixelSize.of(
            columns: Int(columns), rows: Int(rows), pixelWidth: Int(width), pixelHeight: Int(height))
    }

    /// Makes the next `draw` repaint the whole screen (after something else wrote to it).
    public func invalidate() {
        previous = nil
        clearok(window, true)
    }

    private func setCursor(visible: Bool) {
        guard cursorVisible != visible else { return }
        curs_set(visible ? 1 : 0)
        cursorVisible = visible
    }

    /// Draws one cell in `look`. Wide cells cover two columns (ncurses advances by itself), and
    /// the continuation cells never reach here. A glyph whose width the C library disagrees
    /// about is drawn as U+FFFD (padded with a space), so columns stay aligned.
    private func put(_ cell: Cell, x: Int, y: Int, look: (attributes: attr_t, pair: Int32)) {
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: Self.glyphCapacity) { characters in
            let padding = glyph(for: cell, into: characters)
            _ = cn_mvadd_cell(window, Int32(y), Int32(x), characters.baseAddress, look.attributes, look.pair)
            if padding {
                characters[0] = 0x20
                characters[1] = 0
                _ = cn_mvadd_cell(window, Int32(y), Int32(x + 1), characters.baseAddress, look.attributes, look.pair)
            }
        }
    }

    /// Room for a glyph's characters and its NUL (curses takes at most `CCHARW_MAX`).
    private static let glyphCapacity = max(2, Int(cn_ccharw_max()))

    /// What a cell is drawn as: its first scalar and its combining marks (NUL-terminated), or
    /// a stand-in, and whether a space must follow (a wide stand-in).
    private func glyph(for cell: Cell) -> (characters: [wchar_t], padding: Bool) {
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: Self.glyphCapacity) { buffer in
            let padding = glyph(for: cell, into: buffer)
            let count = buffer.firstIndex(of: 0).map { $0 + 1 } ?? buffer.count
            return (Array(buffer[0..<count]), padding)
        }
    }

    /// ``glyph(for:)`` written into `characters` (``glyphCapacity`` long).
    private func glyph(for cell: Cell, into characters: UnsafeMutableBufferPointer<wchar_t>) -> Bool {
        var count = 0
        var padding = false
        let glyph = cell.glyph
        if let first = glyph.first, isDrawable(first, width: Int(cell.width)) {
            characters[count] = wchar_t(bitPattern: first.value)
            count += 1
            if glyph.hasMarks {
                for mark in glyph.scalars.dropFirst() where count < Self.glyphCapacity - 1 {
                    if cn_wcwidth(wchar_t(bitPattern: mark.value)) == 0 {
                        characters[count] = wchar_t(bitPattern: mark.value)
                        count += 1
                    }
                }
            }
        } else {
            let substitute: UInt32 = glyph.isEmpty || !isUTF8 ? 0x3f : 0xfffd
            characters[count] = wchar_t(bitPattern: glyph == .space ? 0x20 : substitute)
            count += 1
            padding = cell.width == 2
        }
        characters[count] = 0
        return padding
    }

    /// Whether the C library measures the scalar as the buffer did (ncurses places it by
    /// `wcwidth`); outside UTF-8 only ASCII is drawable.
    private func isDrawable(_ scalar: Unicode.Scalar, width: Int) -> Bool {
        if scalar.value < 0x7f { return scalar.value >= 0x20 }
        guard isUTF8 else { return false }
        return Int(cn_wcwidth(wchar_t(bitPattern: scalar.value))) == width
    }

    private func attributesAndPair(_ style: Style) -> (attributes: attr_t, pair: Int32) {
        if let known = styles[style] { return known }
        var attributes = CN_A_NORMAL
        if style.attributes.contains(.bold) { attributes |= CN_A_BOLD }
        if style.attributes.contains(.dim) { attributes |= CN_A_DIM }
        if style.attributes.contains(.italic) { attributes |= CN_A_ITALIC }
        if style.attributes.contains(.underline) { attributes |= CN_A_UNDERLINE }
        if style.attributes.contains(.reverse) { attributes |= CN_A_REVERSE }
        let fg = palette.number(for: style.fg)
        let bg = palette.number(for: style.bg)
        if palette.colors < 16, palette.depth != .monochrome, let i = style.fg.ansi16Index, i >= 8 {
            attributes |= CN_A_BOLD  // an 8-colour terminal shows bright colours as bold
        }
        var (pair, isNew) = pairs.pair(foreground: fg, background: bg)
        if isNew && cn_init_pair(pair, fg, bg) == ERR { pair = 0 }
        let look = (attributes, pair)
        styles[style] = look
        return look
    }

    // MARK: - Input

    /// Everything that arrived since the last call, without blocking: keys, pastes (a
    /// bracketed paste may span calls) and resizes with the new size. Call it when stdin is
    /// readable and from a periodic timer: ncurses reports a resize only from inside a read.
    public func readEvents() -> [InputEvent] {
        guard !isShutDown, !isSuspended else { return [] }
        var events: [InputEvent] = []
        var waited = false
        var value: wint_t = 0
        while true {
            var result = wget_wch(window, &value)
            if result == ERR && decoder.isAwaitingMore && !waited {
                // An escape sequence has begun: give its rest a moment to arrive.
                waited = true
                wtimeout(window, 30)
                result = wget_wch(window, &value)
                nodelay(window, true)
            }
            if result == ERR {
                events += decoder.feed(.none)
                break
            }
            if result == KEY_CODE_YES {
                let code = Int32(bitPattern: value)
                if code > CursesKeyCode.max { learnExtendedKey(code) }
                events += decoder.feed(.function(code))
            } else {
                events += decoder.feed(.character(value))
            }
        }
        return events.compactMap { event in
            switch event {
            case .resize:
                previous = nil
                let (width, height) = size
                return .resize(width: width, height: height)
            case .modeReport(let mode, let setting):
                // The answer to the screen's own question: nothing for the browser.
                synchronizedOutput.take(mode: mode, setting: setting)
                return nil
            case .key, .paste, .mouse:
                return event
            }
        }
    }

    /// Names a key code ncurses made up from the terminal's extended capabilities (`kUP3`).
    private func learnExtendedKey(_ code: Int32) {
        guard decoder.extendedKeys[code] == nil, !unknownKeyCodes.contains(code) else { return }
        if let name = keyname(code), let key = CursesKeyCode.key(forExtendedName: String(cString: name)) {
            decoder.extendedKeys[code] = key
        } else {
            unknownKeyCodes.insert(code)
        }
    }

    // MARK: - Clipboard, suspend, shutdown

    /// Puts `text` on the clipboard of the terminal (and of tmux), through OSC 52; see
    /// `Clipboard` for what tmux needs.
    public func copyToClipboard(_ text: String) {
        guard !isShutDown else { return }
        cn_write_tty(Clipboard.osc52(text, insideTmux: insideTmux))
    }

    /// Sets the terminal's title (OSC 2) to `text`, keeping only printable ASCII. The browser
    /// sets it only for end-to-end tests (its idle report): written after a frame, it reaches
    /// the terminal in order with the frame's bytes, so a terminal showing the title has drawn
    /// the frame.
    public func setTitle(_ text: String) {
        guard !isShutDown, !isSuspended else { return }
        let printable = text.unicodeScalars.filter { (0x20..<0x7f).contains($0.value) }
        cn_write_tty("\u{1b}]2;\(String(String.UnicodeScalarView(printable)))\u{1b}\\")
    }

    /// Gives the terminal back (to run `$EDITOR`): bracketed paste and mouse reports off,
    /// curses ended.
    public func suspend() {
        guard !isShutDown, !isSuspended else { return }
        cn_write_tty("\u{1b}[?2004l" + (mouse ? MouseModes.off : ""))
        endwin()
        isSuspended = true
    }

    /// Takes the terminal again after `suspend()` and repaints it whole on the next `draw`.
    public func resume() {
        guard !isShutDown, isSuspended else { return }
        isSuspended = false
        cursorVisible = nil
        invalidate()
        wrefresh(window)
        cn_write_tty("\u{1b}[?2004h" + (mouse ? MouseModes.on : ""))
    }

    /// Restores the terminal: bracketed paste and mouse reports off, cursor shown, curses
    /// ended. Safe to call more than once; the screen does nothing afterwards.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        if !isSuspended {
            cn_write_tty("\u{1b}[?2004l" + (mouse ? MouseModes.off : ""))
            curs_set(1)
            endwin()
        }
    }
}
