import TerminalCanvas

/// Reads the mouse reports a terminal sends with mouse reporting on. Pure.
///
/// With SGR reports (mode 1006) a press is `CSI < b ; x ; y M` and a release the same ending in
/// `m`; the older X10 form (mode 1000 alone) is `CSI M` and three bytes, each a value plus 32,
/// and cannot say which button was let go. In `b` the low two bits name the button (0 left, 1
/// middle, 2 right; 3 none, an X10 release), 4 is Shift, 8 Alt (Meta), 16 Ctrl, 32 motion, 64
/// a wheel (its low bits: up, down, left, right) and 128 the buttons 8–11. `x` and `y` count
/// cells from 1; events carry them from 0.
public enum MouseReport {
    /// The event of an SGR report: `parameters` are what came between `CSI` and the final byte
    /// (`<0;12;5`), `final` is `M` (press or motion) or `m` (release). Nil when it is no
    /// mouse report or a coordinate is below 1.
    public static func sgr(parameters: String, final: Character) -> MouseEvent? {
        guard parameters.hasPrefix("<"), final == "M" || final == "m" else { return nil }
        let fields = parameters.dropFirst().split(separator: ";", omittingEmptySubsequences: false)
        guard fields.count == 3, let code = Int(fields[0]), let column = Int(fields[1]), let row = Int(fields[2]),
            code >= 0, column >= 1, row >= 1
        else { return nil }
        guard let action = action(code: code, released: final == "m", knowsReleasedButton: true) else { return nil }
        return MouseEvent(action, x: column - 1, y: row - 1, modifiers: modifiers(code))
    }

    /// The event of an X10 report: the three values after `CSI M`, as read (each its number
    /// plus 32). Nil when a value is below its offset.
    public static func x10(_ bytes: [UInt32]) -> MouseEvent? {
        guard bytes.count == 3, bytes.allSatisfy({ $0 >= 32 }), bytes[1] > 32, bytes[2] > 32 else { return nil }
        let code = Int(bytes[0]) - 32
        guard let action = action(code: code, released: false, knowsReleasedButton: false) else { return nil }
        return MouseEvent(action, x: Int(bytes[1]) - 33, y: Int(bytes[2]) - 33, modifiers: modifiers(code))
    }

    private static func action(code: Int, released: Bool, knowsReleasedButton: Bool) -> MouseEvent.Action? {
        let low = code & 3
        if code & 64 != 0, code & 128 == 0 {
            guard !released else { return nil }  // a wheel has no release
            let directions: [WheelDirection] = [.up, .down, .left, .right]
            return .wheel(directions[low])
        }
        let button: MouseButton?
        if code & 128 != 0 {
            button = .other(8 + low + (code & 64 != 0 ? 4 : 0))
        } else {
            button = [MouseButton.left, .middle, .right, nil][low]
        }
        if code & 32 != 0 {
            return button.map { .drag($0) } ?? .move
        }
        if released { return .release(button) }
        guard let button else {
            // X10 names no button on a release; in SGR code 3 without motion means nothing.
            return knowsReleasedButton ? nil : .release(nil)
        }
        return .press(button)
    }

    private static func modifiers(_ code: Int) -> Modifiers {
        var modifiers: Modifiers = []
        if code & 4 != 0 { modifiers.insert(.shift) }
        if code & 8 != 0 { modifiers.insert(.alt) }
        if code & 16 != 0 { modifiers.insert(.ctrl) }
        return modifiers
    }
}
