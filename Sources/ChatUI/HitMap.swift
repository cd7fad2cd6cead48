import ChatConfig
import TerminalCanvas

/// What a frame drew where, so that a click can be mapped to what it landed on: the sidebar's
/// rows, each message's lines in the pane, the `‹` and `›` of a sibling marker, the input box
/// and the footer's key hints. The views add their regions as they draw (``FrameRenderer``
/// keeps those of a part it did not draw again); with a window open over the panes only the
/// footer's hints are clickable.
public struct HitMap: Sendable, Equatable {
    /// What a cell shows, as far as a click is concerned.
    public enum Target: Sendable, Equatable {
        /// The sidebar's row `row` (as ``ChatStore/SidebarState`` counts rows: headings
        /// included), showing a conversation.
        case sidebarRow(Int)
        /// The sidebar elsewhere: its border, a heading, the filter, below the list.
        case sidebar
        /// A line of the message `turn` (an index into the open branch's turns).
        case message(turn: Int)
        /// The `‹` (`step` −1) or `›` (`step` +1) of the sibling marker on message `turn`'s header.
        case siblingMarker(turn: Int, step: Int)
        /// The message pane elsewhere: its border, blank lines, the welcome text.
        case pane
        /// The input box.
        case input
        /// A key hint on the footer: what pressing its key does.
        case hint(HintAction)
    }

    /// What a footer hint does when clicked: what its key does.
    public enum HintAction: Sendable, Equatable {
        /// Runs the command.
        case command(Command)
        /// Answers the open question (`y`, `n`).
        case confirm(Bool)
    }

    /// A rectangle of cells and what they show.
    public struct Region: Sendable, Equatable {
        public var rect: Rect
        public var target: Target
    }

    /// The regions, in the order they were added: a later one lies over an earlier one.
    public private(set) var regions: [Region] = []

    /// An empty map: no cell is clickable.
    public init() {}

    /// Adds `target` over `rect` (over what was there before).
    mutating func add(_ rect: Rect, _ target: Target) {
        guard !rect.isEmpty else { return }
        regions.append(Region(rect: rect, target: target))
    }

    /// Adds regions over what was there before.
    mutating func add(_ more: [Region]) {
        regions += more
    }

    /// What the cell at column `x`, row `y` shows; nil where nothing clickable was drawn.
    public func target(x: Int, y: Int) -> Target? {
        regions.last { $0.rect.x <= x && x < $0.rect.maxX && $0.rect.y <= y && y < $0.rect.maxY }?.target
    }
}
