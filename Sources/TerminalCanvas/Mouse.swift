/// A mouse button, as a terminal's mouse report numbers it.
public enum MouseButton: Sendable, Hashable {
    case left, middle, right
    /// A button past the first three (4–11 on mice with side buttons, as xterm numbers them).
    case other(Int)
}

/// Which way a wheel turned.
public enum WheelDirection: Sendable, Hashable {
    /// Away from the person: the content moves down, earlier lines show.
    case up
    /// Towards the person: later lines show.
    case down
    case left, right
}

/// What the mouse did, in cells: a button pressed or released, a drag or move, a wheel turn.
public struct MouseEvent: Sendable, Hashable {
    /// What happened.
    public enum Action: Sendable, Hashable {
        case press(MouseButton)
        /// A button let go; SGR reports say which, the older X10 form does not (nil).
        case release(MouseButton?)
        /// The pointer moved with a button held.
        case drag(MouseButton)
        /// The pointer moved with no button held (only with any-motion tracking on).
        case move
        case wheel(WheelDirection)
    }

    /// What happened.
    public var action: Action
    /// The cell's column, from 0 at the left.
    public var x: Int
    /// The cell's row, from 0 at the top.
    public var y: Int
    /// The modifier keys held (Shift rarely arrives: most terminals keep Shift-clicks for
    /// their own text selection).
    public var modifiers: Modifiers

    /// Creates an event at column `x`, row `y` (both from 0).
    public init(_ action: Action, x: Int, y: Int, modifiers: Modifiers = []) {
        self.action = action
        self.x = x
        self.y = y
        self.modifiers = modifiers
    }
}
