import Testing

@testable import ChatImages
@testable import TerminalCanvas

/// A preview is cells: the image's colours where they are, in the colours the terminal has, in
/// no more than the box, keeping the image's shape.
@Suite struct ImagePreviewTests {
    static let redBlue = TestImages.split(width: 200, height: 100, left: (255, 0, 0), right: (0, 0, 255))

    /// The RGB a cell colour shows (xterm's values for palette colours), nil for the default.
    static func rgb(_ color: Color) -> (Int, Int, Int)? {
        switch color {
        case .default: nil
        case .rgb(let r, let g, let b): (Int(r), Int(g), Int(b))
        case .indexed(let i), .ansi(let i): Color.rgbOf(index: Int(i))
        }
    }

    /// The colours a cell shows: its background where the glyph leaves it bare, its foreground
    /// where the glyph covers it (both for a partial block).
    static func shown(_ cell: Cell) -> [Color] {
        switch cell.text {
        case " ": [cell.style.bg]
        case "█": [cell.style.fg]
        default: [cell.style.fg, cell.style.bg]
        }
    }

    static func isRed(_ c: (Int, Int, Int)?) -> Bool { c.map { $0.0 > 180 && $0.1 < 60 && $0.2 < 60 } ?? false }
    /// Blue, or the bright blue of the ANSI colours (92, 92, 255 in xterm).
    static func isBlue(_ c: (Int, Int, Int)?) -> Bool { c.map { $0.0 < 100 && $0.1 < 100 && $0.2 > 180 } ?? false }

    @Test(arguments: [ImageColors.truecolor, .palette256, .ansi16])
    func redOnTheLeftBlueOnTheRight(colors: ImageColors) {
        let preview = ImagePreview.render(Self.redBlue, columns: 40, rows: 10, colors: colors)
        #expect(preview.columns == 40 && preview.rows == 10)
        for row in preview.cells {
            for cell in row.prefix(preview.columns / 2 - 2) {
                #expect(Self.shown(cell).allSatisfy { Self.isRed(Self.rgb($0)) }, "\(cell)")
            }
            for cell in row.suffix(preview.columns / 2 - 2) {
                #expect(Self.shown(cell).allSatisfy { Self.isBlue(Self.rgb($0)) }, "\(cell)")
            }
        }
    }

    @Test func eachDepthUsesItsKindOfColour() {
        func colours(_ colors: ImageColors) -> [Color] {
            ImagePreview.render(Self.redBlue, columns: 20, rows: 5, colors: colors).cells.flatMap { $0 }.flatMap {
                [$0.style.fg, $0.style.bg]
            }
        }
        #expect(
            colours(.truecolor).allSatisfy {
                if case .rgb = $0 { true } else { $0 == .default }
            })
        #expect(
            colours(.palette256).allSatisfy {
                if case .indexed(let i) = $0 { i >= 16 } else { $0 == .default }
            })
        #expect(
            colours(.ansi16).allSatisfy {
                if case .ansi(let i) = $0 { i < 16 } else { $0 == .default }
            })
        #expect(colours(.truecolor).contains(.rgb(255, 0, 0)) && colours(.truecolor).contains(.rgb(0, 0, 255)))
    }

    @Test func withoutColourEveryCellIsInTheDefaultColours() {
        let blackWhite = TestImages.split(width: 200, height: 100, left: (0, 0, 0), right: (255, 255, 255))
        for image in [Self.redBlue, blackWhite] {
            let preview = ImagePreview.render(image, columns: 30, rows: 8, colors: .monochrome)
            #expect(preview.rows == 8)
            #expect(preview.cells.joined().allSatisfy { $0.style == .plain })
        }
        // The image still shows, in symbols: dark is bare, light is covered by a block (chafa
        // draws it ▇, leaving a sliver of background).
        let row = ImagePreview.render(blackWhite, columns: 30, rows: 8, colors: .monochrome).cells[4]
        #expect(row.prefix(14).allSatisfy { $0.text == " " }, "\(row.map(\.text))")
        #expect(row.suffix(14).allSatisfy { ["█", "▇"].contains($0.text) }, "\(row.map(\.text))")
    }

    @Test func theBoxIsNeverExceeded() {
        let shapes = [(1, 1), (1, 500), (500, 1), (1024, 1024), (1920, 1080), (300, 2000), (7, 3)]
        for (width, height) in shapes {
            let image = TestImages.split(width: width, height: height, left: (10, 200, 10), right: (200, 10, 10))
            for (columns, rows) in [(1, 1), (60, 12), (12, 60), (3, 200), (200, 3), (80, 24)] {
                let preview = ImagePreview.render(image, columns: columns, rows: rows, colors: .truecolor)
                #expect(preview.rows >= 1 && preview.rows <= rows, "\(width)×\(height) in \(columns)×\(rows)")
                #expect(preview.columns >= 1 && preview.columns <= columns)
                #expect(preview.cells.count == preview.rows)
                #expect(preview.cells.allSatisfy { $0.count == preview.columns })
                #expect(preview.cells.joined().allSatisfy { $0.width == 1 }, "narrow symbols only")
            }
        }
        #expect(ImagePreview.render(Self.redBlue, columns: 0, rows: 5, colors: .truecolor).cells.isEmpty)
    }

    @Test func theImageKeepsItsShape() {
        // Square pixels on cells twice as tall as wide: a square is twice as many columns as rows.
        let square = TestImages.split(width: 1024, height: 1024, left: (0, 0, 0), right: (255, 255, 255))
        let preview = ImagePreview.render(square, columns: 60, rows: 12, colors: .truecolor)
        #expect(preview.columns == 24 && preview.rows == 12)
        let wide = ImagePreview.render(Self.redBlue, columns: 60, rows: 12, colors: .truecolor)
        #expect(wide.columns == 48 && wide.rows == 12)
        let banner = TestImages.split(width: 1000, height: 100, left: (0, 0, 0), right: (9, 9, 9))
        let bannerPreview = ImagePreview.render(banner, columns: 60, rows: 12, colors: .truecolor)
        #expect(bannerPreview.columns == 60 && bannerPreview.rows == 3)
    }

    @Test func cellFitKeepsTheAspectWithinTheBox() {
        #expect(CellFit.cells(width: 1024, height: 1024, columns: 60, rows: 12) == (24, 12))
        #expect(CellFit.cells(width: 1024, height: 1024, columns: 10, rows: 12) == (10, 5))
        #expect(CellFit.cells(width: 1792, height: 1024, columns: 60, rows: 12) == (42, 12))
        #expect(CellFit.cells(width: 100, height: 100, columns: 60, rows: 12, cellAspect: 1) == (12, 12))
        #expect(CellFit.cells(width: 10000, height: 1, columns: 60, rows: 12) == (60, 1))
        #expect(CellFit.cells(width: 1, height: 10000, columns: 60, rows: 12) == (1, 12))
        #expect(CellFit.cells(width: 5, height: 5, columns: 0, rows: 12) == (0, 0))
    }

    @Test func theSamePixelsGiveTheSameCells() {
        var pixels: [UInt8] = []
        for i in 0..<(120 * 80) { pixels += [UInt8(i % 256), UInt8(i / 120 * 3 % 256), UInt8(i * 5 % 256), 255] }
        let image = RGBAImage(width: 120, height: 80, pixels: pixels)!
        for colors in ImageColors.allCases {
            let first = ImagePreview.render(image, columns: 50, rows: 14, colors: colors)
            #expect(ImagePreview.render(image, columns: 50, rows: 14, colors: colors) == first)
        }
    }

    @Test func transparentPixelsShowTheTerminalsBackground() {
        let clear = RGBAImage(width: 32, height: 32, pixels: [UInt8](repeating: 0, count: 32 * 32 * 4))!
        let preview = ImagePreview.render(clear, columns: 16, rows: 8, colors: .truecolor)
        #expect(preview.cells.joined().allSatisfy { $0.style.bg == .default })
    }
}
