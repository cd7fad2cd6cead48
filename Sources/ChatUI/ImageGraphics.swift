import ChatImages
import ChatStore
import TerminalCanvas

/// What the image window writes to a terminal that takes pixels (kitty graphics or sixel),
/// decided frame by frame: the run loop asks ``plan(for:repaints:)`` before each frame,
/// takes the old image down as ``Plan/clear`` says, lets curses draw the frame, then writes
/// ``Plan/image`` raw with the cursor at its top-left cell (`CursesScreen.write(_:atX:y:)`).
///
/// An image is sent once while it shows: again only after the screen was repainted whole
/// (which paints over sixel pixels, and is where kitty's are taken down and put up again). In
/// a terminal that takes only symbols (``GraphicsProtocol/symbols``, tmux and screen among
/// them) every plan is empty and the window's symbols are all there is.
public struct ImageGraphics: Sendable {
    /// What to do around one frame.
    public struct Plan: Sendable, Equatable {
        /// Before the frame: how to take down the image on screen, if one must go.
        public var clear: Clear?
        /// After the frame: an image to write.
        public var image: Placed?

        /// A plan; empty by default.
        public init(clear: Clear? = nil, image: Placed? = nil) {
            self.clear = clear
            self.image = image
        }
    }

    /// How an image on screen is taken down.
    public enum Clear: Sendable, Equatable {
        /// Write these bytes (kitty's "delete every image").
        case sequence(String)
        /// Repaint every cell (sixel pixels are painted over by text).
        case repaint
    }

    /// Escapes that draw an image, and the cell its top-left corner goes to.
    public struct Placed: Sendable, Equatable {
        /// The kitty or sixel sequences, written as they are.
        public var escapes: String
        /// The column of the image's top-left cell.
        public var x: Int
        /// The row of the image's top-left cell.
        public var y: Int
    }

    /// An image wanted on screen: its file in an area of the window.
    private struct Wanted: Equatable {
        var path: String
        var area: Rect
    }

    /// The protocol the terminal speaks (``GraphicsProtocol/choose(environment:)``).
    public let graphicsProtocol: GraphicsProtocol
    /// A cell's size in pixels: the terminal's (`TIOCGWINSZ`) where it says, else 10×20.
    public let cellPixelWidth: Int
    /// A cell's height in pixels.
    public let cellPixelHeight: Int
    /// What is on screen now.
    private var shown: Wanted?
    /// The last image rendered (nil: it could not be), so a repaint does not decode again.
    private var rendered: (wanted: Wanted, image: GraphicsImage?)?

    /// Graphics for a terminal speaking `graphicsProtocol` with cells of the given pixel size.
    public init(graphicsProtocol: GraphicsProtocol, cellPixelWidth: Int = 10, cellPixelHeight: Int = 20) {
        self.graphicsProtocol = graphicsProtocol
        self.cellPixelWidth = max(1, cellPixelWidth)
        self.cellPixelHeight = max(1, cellPixelHeight)
    }

    /// A cell's width over its height: give it to ``RenderContext/cellAspect`` so the window's
    /// symbols take the cells the pixels do.
    public var cellAspect: Double { Double(cellPixelWidth) / Double(cellPixelHeight) }

    /// Whether an image is on screen.
    public var isShowing: Bool { shown != nil }

    /// What to write around the frame of `state`; `repaints` says curses repaints every cell
    /// of this frame (the first, after a resize, after `invalidate`).
    public mutating func plan(for state: AppState, repaints: Bool) -> Plan {
        let wanted =
            graphicsProtocol == .symbols
            ? nil : ImageViewerView.imageArea(state).map { Wanted(path: $0.path, area: $0.area) }
        var plan = Plan()
        if shown != nil, shown != wanted || repaints {
            plan.clear = takeDown()
        }
        if shown == nil, let wanted, let image = render(wanted) {
            let box = ImageViewerView.centered(columns: image.columns, rows: image.rows, in: wanted.area)
            plan.image = Placed(escapes: image.escapes, x: box.x, y: box.y)
            shown = wanted
        }
        return plan
    }

    /// How to take down the image on screen (on closing, or before the browser quits); nil
    /// when none shows.
    public mutating func takeDown() -> Clear? {
        guard shown != nil else { return nil }
        shown = nil
        return graphicsProtocol == .kitty ? .sequence(graphicsProtocol.clearSequence) : .repaint
    }

    /// The image as escapes for its area, decoded and converted once (nil when it cannot be).
    private mutating func render(_ wanted: Wanted) -> GraphicsImage? {
        if let rendered, rendered.wanted == wanted { return rendered.image }
        var image: GraphicsImage?
        if let pixels = try? ImageDecoder.decode(contentsOfFile: wanted.path),
            case .graphics(let graphics) = LargeImage.render(
                pixels, columns: wanted.area.width, rows: wanted.area.height, graphicsProtocol: graphicsProtocol,
                colors: .truecolor, cellPixelWidth: cellPixelWidth, cellPixelHeight: cellPixelHeight)
        {
            image = graphics
        }
        rendered = (wanted, image)
        return image
    }
}
