import CChafa

/// One chafa canvas, freed with this value: pixels drawn in, then read back cell by cell or
/// printed as escape sequences.
final class ChafaDrawing {
    private let canvas: OpaquePointer
    let columns: Int
    let rows: Int

    /// A canvas of `columns × rows` cells; cells of `cellWidth × cellHeight` pixels matter only
    /// to the sixel and kitty pixel modes.
    init?(
        columns: Int, rows: Int, canvasMode: ChafaCanvasMode, pixelMode: ChafaPixelMode = CHAFA_PIXEL_MODE_SYMBOLS,
        cellWidth: Int = 0, cellHeight: Int = 0
    ) {
        guard columns > 0, rows > 0,
            let canvas = cc_canvas_new(
                Int32(columns), Int32(rows), canvasMode, pixelMode, Int32(cellWidth), Int32(cellHeight))
        else { return nil }
        self.canvas = canvas
        self.columns = columns
        self.rows = rows
    }

    deinit { chafa_canvas_unref(canvas) }

    /// Draws the whole image, scaled to the whole canvas.
    func draw(_ image: RGBAImage) {
        image.pixels.withUnsafeBufferPointer { pixels in
            cc_canvas_draw_rgba(canvas, pixels.baseAddress, Int32(image.width), Int32(image.height))
        }
    }

    /// The character of a cell (0 for the right half of a wide one) and its raw colours: packed
    /// RGB in truecolor mode, a palette index in the indexed ones, -1 for the default.
    func cell(x: Int, y: Int) -> (character: UInt32, fg: Int32, bg: Int32) {
        var character: UInt32 = 0
        var fg: Int32 = -1
        var bg: Int32 = -1
        cc_canvas_cell(canvas, Int32(x), Int32(y), &character, &fg, &bg)
        return (character, fg, bg)
    }

    /// The canvas as escape sequences (colours and symbols, or a sixel or kitty image).
    func printed() -> String {
        var length = 0
        guard let text = cc_canvas_print(canvas, &length) else { return "" }
        defer { free(text) }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
    }
}
