import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// One rendered screen: the cells, where the terminal cursor goes (the input box's caret), and
/// what was drawn where for the mouse.
public struct Frame: Sendable, Equatable {
    /// The cells.
    public var buffer: Buffer
    /// The cursor position, or nil to hide it.
    public var cursor: Position?
    /// What a click on each cell lands on.
    public var hits = HitMap()

    /// A cell position.
    public struct Position: Sendable, Equatable {
        public var x: Int
        public var y: Int
    }
}
