import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// What views need besides the state: colours, keys, and the clock for dates.
public struct RenderContext: Sendable {
    /// The colour theme.
    public var theme: Theme
    /// The active keymap (help, footer hints).
    public var keymap: Keymap
    /// Seconds since 1970, for relative dates.
    public var now: Double

    /// Creates a context.
    public init(theme: Theme, keymap: Keymap, now: Double) {
        self.theme = theme
        self.keymap = keymap
        self.now = now
    }
}

/// The whole screen as a pure function of the state.
public enum Screen {
    /// Renders every pane, the status line, the footer and any overlay.
    public static func render(_ state: AppState, context: RenderContext) -> Frame {
        var buffer = Buffer(width: state.width, height: state.height, style: context.theme.style("ui"))
        guard state.width >= 20, state.height >= 8 else {
            buffer.write("chatterm: window too small", x: 0, y: 0, style: context.theme.style("ui.warning"))
            return Frame(buffer: buffer, cursor: nil)
        }
        let geometry = state.geometry
        SidebarView.render(state, geometry.sidebar, context, into: &buffer)
        MessagePaneView.render(state, geometry.pane, context, into: &buffer)
        var cursor = InputBoxView.render(state, geometry.input, context, into: &buffer)
        StatusLineView.render(state, geometry.status, context, into: &buffer)
        FooterView.render(state, geometry.footer, context, into: &buffer)
        if let overlay = state.overlay {
            cursor = OverlayView.render(overlay, state, context, into: &buffer)
        } else if state.focus == .sidebar && state.sidebar.isEditingFilter {
            cursor = SidebarView.filterCursor(state, geometry.sidebar)
        } else if state.focus != .input {
            cursor = nil
        }
        return Frame(buffer: buffer, cursor: cursor)
    }
}
