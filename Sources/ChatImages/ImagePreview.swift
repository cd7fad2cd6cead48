import CChafa
import TerminalCanvas

/// An image as rows of terminal cells — chafa's coloured block and border symbols — to draw
/// into a `Buffer` like any text, in any terminal and through tmux. The same pixels, size and
/// colours always give the same cells.
public struct ImagePreview: Sendable, Hashable {
    /// Width in cells (every row has this many).
    public let columns: Int
    /// Height in cells.
    public let rows: Int
    /// `rows` rows of `columns` cells, top first.
    public let cells: [[Cell]]

    /// Creates a preview from rows of cells.
    public init(cells: [[Cell]]) {
        self.cells = cells
        rows = cells.count
        columns = cells.first?.count ?? 0
    }

    /// The image drawn as large as fits `columns × rows` keeping its aspect on cells
    /// `cellAspect` as wide as tall (``CellFit``), in `colors`: a preview of at most that box,
    /// smaller on one side when the image's shape differs from the box's. Empty for an empty box.
    public static func render(
        _ image: RGBAImage, columns: Int, rows: Int, colors: ImageColors,
        cellAspect: Double = CellFit.defaultCellAspect
    ) -> ImagePreview {
        let fit = CellFit.cells(
            width: image.width, height: image.height, columns: columns, rows: rows, cellAspect: cellAspect)
        guard let drawing = ChafaDrawing(columns: fit.columns, rows: fit.rows, canvasMode: colors.canvasMode)
        else { return ImagePreview(cells: []) }
        drawing.draw(image)
        var cells: [[Cell]] = []
        cells.reserveCapacity(fit.rows)
        for y in 0..<fit.rows {
            var row: [Cell] = []
            row.reserveCapacity(fit.columns)
            for x in 0..<fit.columns {
                let raw = drawing.cell(x: x, y: y)
                let style = Style(fg: colors.color(raw.fg), bg: colors.color(raw.bg))
                if raw.character == 0 {
                    row.append(Cell(glyph: .empty, width: 0, style: style))
                } else {
                    row.append(Cell(glyph: Glyph(Unicode.Scalar(raw.character) ?? " "), width: 1, style: style))
                }
            }
            cells.append(row)
        }
        return ImagePreview(cells: cells)
    }
}

extension ImageColors {
    /// chafa's canvas mode for these colours.
    var canvasMode: ChafaCanvasMode {
        switch self {
        case .monochrome: CHAFA_CANVAS_MODE_FGBG
        case .ansi16: CHAFA_CANVAS_MODE_INDEXED_16
        case .palette256: CHAFA_CANVAS_MODE_INDEXED_240
        case .truecolor: CHAFA_CANVAS_MODE_TRUECOLOR
        }
    }

    /// A raw chafa colour (packed RGB or a palette index; negative for none) as a cell colour.
    func color(_ raw: Int32) -> Color {
        guard raw >= 0 else { return .default }
        switch self {
        case .monochrome: return .default
        case .ansi16: return raw < 16 ? .ansi(UInt8(raw)) : .default
        case .palette256: return raw < 256 ? .indexed(UInt8(raw)) : .default
        case .truecolor:
            return .rgb(
                UInt8(truncatingIfNeeded: raw >> 16), UInt8(truncatingIfNeeded: raw >> 8),
                UInt8(truncatingIfNeeded: raw))
        }
    }
}
