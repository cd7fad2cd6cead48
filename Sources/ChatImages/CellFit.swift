/// The size in cells an image is drawn at: as large as fits a box, keeping its aspect ratio on
/// cells that are not square.
public enum CellFit {
    /// A cell's width over its height in pixels, as most terminal fonts draw them (8×16, 10×20).
    public static let defaultCellAspect = 0.5

    /// The largest `(columns, rows)` within `columns × rows` at which an image of
    /// `width × height` pixels keeps its shape on cells `cellAspect` as wide as they are tall;
    /// at least 1×1 (for a box of at least 1×1), never more than the box.
    public static func cells(
        width: Int, height: Int, columns: Int, rows: Int, cellAspect: Double = defaultCellAspect
    ) -> (columns: Int, rows: Int) {
        guard columns > 0, rows > 0 else { return (0, 0) }
        guard width > 0, height > 0, cellAspect > 0 else { return (columns, rows) }
        // The image's height in rows for each column it is given.
        let rowsPerColumn = Double(height) / Double(width) * cellAspect
        let fullWidthRows = Double(columns) * rowsPerColumn
        if fullWidthRows <= Double(rows) {
            return (columns, min(rows, max(1, Int(fullWidthRows.rounded()))))
        }
        let fullHeightColumns = Double(rows) / rowsPerColumn
        return (min(columns, max(1, Int(fullHeightColumns.rounded()))), rows)
    }
}
