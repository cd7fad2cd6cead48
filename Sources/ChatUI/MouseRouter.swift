import ChatConfig
import ChatStore
import TerminalCanvas

/// Turns mouse events into actions, through the hit map of the frame on screen (``HitMap``).
///
/// A wheel turn scrolls the pane under the pointer by ``wheelLines``, whichever has the keys
/// (with a window open, it moves that window's selection). A left press focuses the pane it
/// lands in and selects the sidebar row or message under it; a second press on the same cell
/// within ``doubleClickInterval`` (a double click) on a sidebar row opens the conversation; a
/// press on the `‹` or `›` of a sibling marker shows the previous or next version; a press on
/// a footer hint does what its key does. Releases, other buttons and motion do nothing. The
/// router keeps only the last press, for double clicks; the caller gives the time.
public struct MouseRouter: Sendable {
    /// Lines a wheel notch scrolls.
    public static let wheelLines = 3
    /// The longest time, in seconds, between the two presses of a double click.
    public static let doubleClickInterval = 0.4

    /// The last left press: where and when, and whether it already ended a double click.
    private var lastPress: (x: Int, y: Int, time: Double, wasDouble: Bool)?

    /// A router that has seen no press yet.
    public init() {}

    /// The actions for `event`, which came at `time` (seconds, any fixed origin) over a screen
    /// whose last frame drew `hits`, in `state`.
    public mutating func actions(
        for event: MouseEvent, at time: Double, hits: HitMap, state: AppState
    ) -> [AppAction] {
        switch event.action {
        case .wheel(let direction):
            return wheel(direction, target: hits.target(x: event.x, y: event.y), state: state)
        case .press(.left):
            let double = isDoubleClick(x: event.x, y: event.y, time: time)
            guard let target = hits.target(x: event.x, y: event.y) else { return [] }
            return press(on: target, double: double)
        case .press, .release, .drag, .move:
            return []
        }
    }

    /// Whether a left press at (`x`, `y`) ends a double click, remembering it. A third press
    /// starts over.
    private mutating func isDoubleClick(x: Int, y: Int, time: Double) -> Bool {
        var double = false
        if let last = lastPress, !last.wasDouble, last.x == x, last.y == y, time >= last.time,
            time - last.time <= Self.doubleClickInterval
        {
            double = true
        }
        lastPress = (x, y, time, double)
        return double
    }

    private func wheel(_ direction: WheelDirection, target: HitMap.Target?, state: AppState) -> [AppAction] {
        let step: Int
        switch direction {
        case .up: step = -1
        case .down: step = 1
        case .left, .right: return []
        }
        if let overlay = state.overlay {
            switch overlay {
            case .confirmQuit, .confirmDelete, .rename, .label: return []
            case .help, .tree, .search, .models, .profiles, .links, .image, .compare, .bookmarks, .fork:
                return [.command(step < 0 ? .selectPrev : .selectNext)]
            }
        }
        switch target {
        case .sidebar, .sidebarRow:
            return [.user(.scroll(.sidebar, lines: step * Self.wheelLines))]
        case .pane, .message, .siblingMarker:
            return [.user(.scroll(.messages, lines: step * Self.wheelLines))]
        case .input, .hint, nil:
            return []
        }
    }

    private func press(on target: HitMap.Target, double: Bool) -> [AppAction] {
        switch target {
        case .hint(.command(let command)):
            return [.command(command)]
        case .hint(.confirm(let yes)):
            return [.user(.confirm(yes))]
        case .sidebarRow(let row):
            return [.user(.selectRow(row))] + (double ? [.command(.open)] : [])
        case .sidebar:
            return [.user(.focus(.sidebar))]
        case .message(let turn):
            return [.user(.selectMessage(turn))]
        case .siblingMarker(let turn, let step):
            return [.user(.selectMessage(turn)), .command(step < 0 ? .siblingPrev : .siblingNext)]
        case .pane:
            return [.user(.focus(.messages))]
        case .input:
            return [.user(.focus(.input))]
        }
    }
}
