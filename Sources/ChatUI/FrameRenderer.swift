import ChatConfig
import ChatStore
import TerminalCanvas

/// Draws frames of the whole screen, keeping the last one: a part of the screen whose inputs
/// did not change since is left as it was drawn instead of being drawn again.
/// ``Screen/render(_:context:)`` is a frame of a new renderer, drawn from nothing.
///
/// Every part is drawn inside its own rectangle of ``ScreenGeometry`` only, from blank cells, as
/// a function of its inputs and the context; so the last frame's cells of a part whose inputs
/// are equal are the cells it would draw now:
/// - the sidebar (``SidebarView/Input``), the input box (``InputBoxView/Input``: the draft, its
///   caret, the focus) and the footer (its hints) are drawn again only when their inputs changed;
/// - the message pane copies each row showing a line it showed in the last frame, looking the same
///   (``MessagePaneView/Row``), from wherever it was (a streaming answer scrolls them up), and
///   draws the others;
/// - the status line is always drawn (a streaming answer's clock and rate move every frame).
///
/// A frame with an overlay, after one, at another size or input-box height, or for a window too
/// small is drawn whole. The renderer holds one frame's cells, shared with the frame it returned.
///
/// Each frame carries its ``HitMap``: the regions the sidebar and the footer returned when they
/// were last drawn, the pane's from the rows it shows, and the input box; with an overlay open,
/// only the footer's.
public struct FrameRenderer: Sendable {
    /// The colours, keys, clock and time zone every frame is drawn with.
    public let context: RenderContext
    /// The last frame and what its parts were drawn from; nil when the next is drawn whole.
    private var last: Drawn?

    /// A frame and what each part of it was drawn from.
    private struct Drawn: Sendable {
        var buffer: Buffer
        var geometry: ScreenGeometry
        var sidebar: SidebarView.Input
        /// Where the sidebar's rows were drawn.
        var sidebarHits: [HitMap.Region]
        var pane: MessagePaneView.Drawn?
        var input: InputBoxView.Input
        /// Where the input box put the caret.
        var inputCursor: Frame.Position?
        var footer: FooterView.Input
        /// Where the footer's hints were drawn.
        var footerHits: [HitMap.Region]
    }

    /// A renderer whose first frame is drawn whole.
    public init(context: RenderContext) {
        self.context = context
    }

    /// The frame for `state`: cell for cell what ``Screen/render(_:context:)`` draws.
    public mutating func render(_ state: AppState) -> Frame {
        guard state.width >= Screen.minimumWidth, state.height >= Screen.minimumHeight else {
            last = nil
            return Screen.tooSmall(state, context)
        }
        let geometry = state.geometry
        // The same geometry is the same size: its rectangles cover the screen.
        let previous = last.flatMap { $0.geometry == geometry ? $0 : nil }
        let background = Screen.background(context)
        var buffer = previous?.buffer ?? Buffer(width: state.width, height: state.height, style: background.style)

        let sidebar = SidebarView.Input(state)
        var sidebarHits = previous?.sidebarHits ?? []
        if previous?.sidebar != sidebar {
            if previous != nil { buffer.reset(geometry.sidebar, to: background) }
            sidebarHits = SidebarView.render(sidebar, geometry.sidebar, context, into: &buffer)
        }
        let lastPane = previous.flatMap { drawn in drawn.pane.map { (drawn: $0, buffer: drawn.buffer) } }
        let pane = MessagePaneView.render(state, geometry.pane, context, into: &buffer, last: lastPane)
        let input = InputBoxView.Input(state)
        var inputCursor = previous?.inputCursor
        if previous?.input != input {
            if previous != nil { buffer.reset(geometry.input, to: background) }
            inputCursor = InputBoxView.render(input, geometry.input, context, into: &buffer)
        }
        if previous != nil { buffer.reset(geometry.status, to: background) }
        StatusLineView.render(state, geometry.status, context, into: &buffer)
        let footer = FooterView.Input(state, context.keymap)
        var footerHits = previous?.footerHits ?? []
        if previous?.footer != footer {
            if previous != nil { buffer.reset(geometry.footer, to: background) }
            footerHits = FooterView.render(footer, geometry.footer, context, into: &buffer)
        }
        var hits = HitMap()
        if state.overlay == nil {
            hits.add(sidebarHits)
            hits.add(MessagePaneView.hits(pane, geometry.pane))
            hits.add(geometry.input, .input)
        }
        hits.add(footerHits)

        var cursor = inputCursor
        if let overlay = state.overlay {
            cursor = OverlayView.render(overlay, state, context, into: &buffer)
        } else if state.focus == .sidebar && state.sidebar.isEditingFilter {
            cursor = SidebarView.filterCursor(state, geometry.sidebar)
        } else if state.focus != .input {
            cursor = nil
        }
        // An overlay covers parts of the others: the next frame is drawn whole.
        last =
            state.overlay != nil
            ? nil
            : Drawn(
                buffer: buffer, geometry: geometry, sidebar: sidebar, sidebarHits: sidebarHits, pane: pane,
                input: input, inputCursor: inputCursor, footer: footer, footerHits: footerHits)
        return Frame(buffer: buffer, cursor: cursor, hits: hits)
    }
}
