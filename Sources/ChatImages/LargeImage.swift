import CChafa

/// An image sent to the terminal as pixels: the escape sequences that draw it and the cells it
/// covers. Write ``escapes`` as they are with the cursor at the box's top-left cell, outside
/// curses (which would mangle them), then redraw the text around it.
public struct GraphicsImage: Sendable, Hashable {
    /// The protocol the escapes speak (``GraphicsProtocol/kitty`` or ``GraphicsProtocol/sixel``).
    public let graphicsProtocol: GraphicsProtocol
    /// Width in cells.
    public let columns: Int
    /// Height in cells.
    public let rows: Int
    /// The sequences chafa prints for the image.
    public let escapes: String
}

/// An image shown large (an overlay): pixels where the terminal takes them, symbols otherwise.
public enum LargeImage: Sendable, Hashable {
    /// Pixels through kitty or sixel.
    case graphics(GraphicsImage)
    /// Symbols, as in the pane but larger.
    case cells(ImagePreview)

    /// The image as large as fits `columns × rows` cells keeping its aspect, for a terminal
    /// speaking `graphicsProtocol` (``GraphicsProtocol/choose(environment:)``) with cells of
    /// `cellPixelWidth × cellPixelHeight` pixels (the window's pixel size over its cells, where
    /// `TIOCGWINSZ` gives it), or in symbols of `colors`.
    public static func render(
        _ image: RGBAImage, columns: Int, rows: Int, graphicsProtocol: GraphicsProtocol, colors: ImageColors,
        cellPixelWidth: Int = 10, cellPixelHeight: Int = 20
    ) -> LargeImage {
        let pixelMode: ChafaPixelMode
        switch graphicsProtocol {
        case .kitty: pixelMode = CHAFA_PIXEL_MODE_KITTY
        case .sixel: pixelMode = CHAFA_PIXEL_MODE_SIXELS
        case .symbols:
            return .cells(ImagePreview.render(image, columns: columns, rows: rows, colors: colors))
        }
        let cellWidth = max(1, cellPixelWidth)
        let cellHeight = max(1, cellPixelHeight)
        let fit = CellFit.cells(
            width: image.width, height: image.height, columns: columns, rows: rows,
            cellAspect: Double(cellWidth) / Double(cellHeight))
        guard
            let drawing = ChafaDrawing(
                columns: fit.columns, rows: fit.rows, canvasMode: CHAFA_CANVAS_MODE_TRUECOLOR, pixelMode: pixelMode,
                cellWidth: cellWidth, cellHeight: cellHeight)
        else { return .cells(ImagePreview(cells: [])) }
        drawing.draw(image)
        return .graphics(
            GraphicsImage(
                graphicsProtocol: graphicsProtocol, columns: fit.columns, rows: fit.rows, escapes: drawing.printed()))
    }
}
