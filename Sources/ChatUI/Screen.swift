import ChatConfig
import ChatImages
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// What views need besides the state: colours, keys, and the clock and time zone for dates.
public struct RenderContext: Sendable {
    /// The colour theme.
    public var theme: Theme
    /// The active keymap (help, footer hints).
    public var keymap: Keymap
    /// Seconds since 1970, for relative dates.
    public var now: Double
    /// The time zone dates are shown in: the reader's (`TZ` honoured), or a fixed one in tests.
    public var timeZone: TimeZone
    /// The colours image previews are drawn in: the terminal's (none with `NO_COLOR`).
    public var imageColors: ImageColors
    /// Who makes previews the cache lacks, off the draw path; nil: made while drawing.
    public var previewPainter: PreviewPainter?
    /// A cell's width over its height in pixels, which the image window fits its image with:
    /// the terminal's where it says (``ImageGraphics/cellAspect``), so symbols and pixels take
    /// the same cells.
    public var cellAspect: Double

    /// Creates a context.
    public init(
        theme: Theme, keymap: Keymap, now: Double, timeZone: TimeZone = .current, imageColors: ImageColors = .truecolor,
        previewPainter: PreviewPainter? = nil,
        cellAspect: Double = CellFit.defaultCellAspect
    ) {
        self.theme = theme
        self.keymap = keymap
        self.now = now
        self.timeZone = timeZone
        self.imageColors = imageColors
        self.previewPainter = previewPainter
        self.cellAspect = cellAspect
    }
}

/// The whole screen as a pure function of the state.
public enum Screen {
    /// The fewest columns the panes are drawn in; a narrower window says it is too small.
    public static let minimumWidth = 20
    /// The fewest rows the panes are drawn in.
    public static let minimumHeight = 8

    /// Renders every pane, the status line, the footer and any overlay: a frame drawn from
    /// nothing, as a new ``FrameRenderer`` draws it.
    public static func render(_ state: AppState, context: RenderContext) -> Frame {
        var renderer = FrameRenderer(context: context)
        return renderer.render(state)
    }

    /// The cell a new frame is filled with before anything is drawn: a space in the `ui` style.
    static func background(_ context: RenderContext) -> Cell {
        .blank(context.theme.style("ui"))
    }

    /// The frame for a window smaller than ``minimumWidth``×``minimumHeight``: a sentence saying so.
    static func tooSmall(_ state: AppState, _ context: RenderContext) -> Frame {
        var buffer = Buffer(width: state.width, height: state.height, style: context.theme.style("ui"))
        let text = "chatterm: the window is too small (at least \(minimumWidth)×\(minimumHeight))"
        for (row, line) in TextWrap.wrap(text, width: state.width).prefix(state.height).enumerated() {
            buffer.write(line, x: 0, y: row, style: context.theme.style("ui.warning"))
        }
        return Frame(buffer: buffer, cursor: nil)
    }
}
