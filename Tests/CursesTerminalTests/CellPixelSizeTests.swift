import Testing

@testable import CursesTerminal

/// A cell's pixel size from `TIOCGWINSZ`: the window's pixels over its cells, where the
/// terminal reports them.
@Suite struct CellPixelSizeTests {
    @Test func theWindowsPixelsOverItsCells() {
        #expect(CellPixelSize.of(columns: 120, rows: 40, pixelWidth: 1200, pixelHeight: 800) ?? (0, 0) == (10, 20))
        #expect(CellPixelSize.of(columns: 80, rows: 24, pixelWidth: 725, pixelHeight: 410) ?? (0, 0) == (9, 17))
    }

    @Test func aTerminalThatSaysNothingOrNonsenseGivesNone() {
        #expect(CellPixelSize.of(columns: 120, rows: 40, pixelWidth: 0, pixelHeight: 0) == nil)
        #expect(CellPixelSize.of(columns: 0, rows: 0, pixelWidth: 1200, pixelHeight: 800) == nil)
        #expect(CellPixelSize.of(columns: 120, rows: 40, pixelWidth: 120, pixelHeight: 40) == nil)
        #expect(CellPixelSize.of(columns: 2, rows: 2, pixelWidth: 4000, pixelHeight: 4000) == nil)
    }
}
