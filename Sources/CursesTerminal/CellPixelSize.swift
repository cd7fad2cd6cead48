/// A terminal cell's size in pixels, from the window's size in cells and in pixels
/// (`TIOCGWINSZ`'s `ws_xpixel`, `ws_ypixel`), which kitty, WezTerm, foot, xterm and others
/// report and many terminals leave 0.
public enum CellPixelSize {
    /// The cell size, or nil when the terminal gives no pixel size or one no font has (under
    /// 2 or over 512 pixels a side).
    public static func of(columns: Int, rows: Int, pixelWidth: Int, pixelHeight: Int) -> (width: Int, height: Int)? {
        guard columns > 0, rows > 0, pixelWidth > 0, pixelHeight > 0 else { return nil }
        let width = pixelWidth / columns
        let height = pixelHeight / rows
        guard (2...512).contains(width), (2...512).contains(height) else { return nil }
        return (width, height)
    }
}
