import Testing

@testable import CursesTerminal
@testable import TerminalCanvas

@Suite struct ColorDepthTests {
    @Test func noColorWins() {
        let env = ["NO_COLOR": "1", "COLORTERM": "truecolor"]
        #expect(ColorDepth.detect(environment: env, hasColors: true, colors: 256) == .monochrome)
    }

    @Test func emptyNoColorIsIgnored() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], hasColors: true, colors: 256) == .palette256)
    }

    @Test func colortermAsksForTruecolor() {
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], hasColors: true, colors: 256) == .truecolor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "24bit"], hasColors: true, colors: 8) == .truecolor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "yes"], hasColors: true, colors: 256) == .palette256)
    }

    @Test func fromTheTerminalsColourCount() {
        #expect(ColorDepth.detect(environment: [:], hasColors: true, colors: 256) == .palette256)
        #expect(ColorDepth.detect(environment: [:], hasColors: true, colors: 16) == .ansi16)
        #expect(ColorDepth.detect(environment: [:], hasColors: true, colors: 8) == .ansi16)
        #expect(ColorDepth.detect(environment: [:], hasColors: false, colors: 0) == .monochrome)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], hasColors: false, colors: 0) == .monochrome)
    }
}

@Suite struct ColorPaletteTests {
    @Test func defaultIsMinusOne() {
        for depth in [ColorDepth.monochrome, .ansi16, .palette256, .truecolor] {
            #expect(ColorPalette(depth: depth, colors: 256).number(for: .default) == -1)
        }
    }

    @Test func monochromeDropsColours() {
        let p = ColorPalette(depth: .monochrome, colors: 256)
        #expect(p.number(for: .ansi(1)) == -1)
        #expect(p.number(for: .rgb(255, 0, 0)) == -1)
    }

    @Test func palette256() {
        let p = ColorPalette(depth: .palette256, colors: 256)
        #expect(p.number(for: .ansi(9)) == 9)
        #expect(p.number(for: .indexed(208)) == 208)
        #expect(p.number(for: .rgb(255, 0, 0)) == 196)
        #expect(p.number(for: .rgb(0x80, 0x80, 0x80)) == 244)
    }

    @Test func ansi16ReducesPaletteAndRGB() {
        let p = ColorPalette(depth: .ansi16, colors: 256)
        #expect(p.number(for: .indexed(196)) == 9)
        #expect(p.number(for: .rgb(0, 0, 0)) == 0)
        #expect(p.number(for: .ansi(12)) == 12)
    }

    @Test func eightColourTerminalFoldsBrightColours() {
        let p = ColorPalette(depth: .ansi16, colors: 8)
        #expect(p.number(for: .ansi(12)) == 4)
        #expect(p.number(for: .ansi(3)) == 3)
    }

    @Test func truecolorWithoutDirectTerminfoUsesThe256Palette() {
        let p = ColorPalette(depth: .truecolor, colors: 256)
        #expect(!p.isDirect)
        #expect(p.number(for: .rgb(255, 0, 0)) == 196)
    }

    @Test func truecolorWithDirectTerminfoPassesRGB() {
        let p = ColorPalette(depth: .truecolor, colors: 0x100_0000)
        #expect(p.isDirect)
        #expect(p.number(for: .rgb(0x12, 0x34, 0x56)) == 0x123456)
        #expect(p.number(for: .ansi(2)) == 2)
        #expect(p.number(for: .indexed(196)) == 0xff0000)
        #expect(p.number(for: .rgb(0, 0, 3)) == 8)
    }
}

@Suite struct ColorPairCacheTests {
    @Test func defaultColoursArePairZero() {
        var c = ColorPairCache(capacity: 256)
        #expect(c.pair(foreground: -1, background: -1) == (0, false))
        #expect(c.count == 0)
    }

    @Test func pairsAreAllocatedOnceEach() {
        var c = ColorPairCache(capacity: 256)
        #expect(c.pair(foreground: 1, background: -1) == (1, true))
        #expect(c.pair(foreground: 2, background: 4) == (2, true))
        #expect(c.pair(foreground: 1, background: -1) == (1, false))
        #expect(c.count == 2)
    }

    @Test func exhaustedPairsFallBackToZero() {
        var c = ColorPairCache(capacity: 3)
        #expect(c.pair(foreground: 1, background: 0) == (1, true))
        #expect(c.pair(foreground: 2, background: 0) == (2, true))
        #expect(c.pair(foreground: 3, background: 0) == (0, false))
        #expect(c.pair(foreground: 1, background: 0) == (1, false))
        c.removeAll()
        #expect(c.pair(foreground: 3, background: 0) == (1, true))
    }
}

@Suite struct ClipboardTests {
    @Test func plainOSC52() {
        #expect(Clipboard.osc52("hi 介", insideTmux: false) == "\u{1b}]52;c;aGkg5LuL\u{07}")
    }

    @Test func insideTmuxAlsoSendsPassthrough() {
        let s = Clipboard.osc52("hi", insideTmux: true)
        #expect(s == "\u{1b}]52;c;aGk=\u{07}\u{1b}Ptmux;\u{1b}\u{1b}]52;c;aGk=\u{07}\u{1b}\\")
    }
}
