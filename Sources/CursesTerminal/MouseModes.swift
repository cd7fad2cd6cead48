/// The modes that make a terminal report the mouse as ``MouseReport`` reads it: 1000 (presses,
/// releases and wheel turns, no motion) and 1006 (SGR reports: any column, and which button was
/// let go). Motion (1002, 1003) is not asked for: nothing is dragged.
///
/// Most terminals keep Shift with a click or drag for their own text selection while these
/// are on, so text can still be selected and copied.
public enum MouseModes {
    /// Turns reports on.
    public static let on = "\u{1b}[?1000h\u{1b}[?1006h"
    /// Turns them off, in the reverse order.
    public static let off = "\u{1b}[?1006l\u{1b}[?1000l"
}
