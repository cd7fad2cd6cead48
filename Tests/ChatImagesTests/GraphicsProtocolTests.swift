import Testing

@testable import ChatImages

/// Pixels go to a terminal only where it is known to take them, and never through tmux or
/// screen; chafa's sequences are those of the protocol chosen.
@Suite struct GraphicsProtocolTests {
    @Test(arguments: [
        (["TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"], GraphicsProtocol.kitty),
        (["TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"], .kitty),
        (["TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"], .kitty),
        (["TERM": "xterm-ghostty", "TERM_PROGRAM": "ghostty"], .kitty),
        (["TERM": "foot"], .sixel),
        (["TERM": "foot-extra"], .sixel),
        (["TERM": "mlterm"], .sixel),
        (["TERM": "xterm-sixel"], .sixel),
        (["TERM": "contour"], .sixel),
        (["TERM": "xterm-256color"], .symbols),
        (["TERM": "xterm-256color", "COLORTERM": "truecolor", "TERM_PROGRAM": "iTerm.app"], .symbols),
        (["TERM": "linux"], .symbols),
        (["TERM": "dumb", "KITTY_WINDOW_ID": "1"], .symbols),
        ([:], .symbols),
        (["TERM": "tmux-256color", "KITTY_WINDOW_ID": "1", "TMUX": "/tmp/tmux-0/default,1,0"], .symbols),
        (["TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"], .symbols),
        (["TERM": "screen-256color", "TERM_PROGRAM": "WezTerm"], .symbols),
        (["TERM": "foot", "STY": "1234.pts-0.host"], .symbols),
        (["TERM": "tmux-256color"], .symbols),
    ])
    func theProtocolFollowsTheEnvironment(environment: [String: String], expected: GraphicsProtocol) {
        #expect(GraphicsProtocol.choose(environment: environment) == expected)
    }

    @Test func kittyAndSixelGetTheirOwnSequences() {
        let image = TestImages.split(width: 64, height: 32, left: (255, 0, 0), right: (0, 0, 255))
        guard
            case .graphics(let kitty) = LargeImage.render(
                image, columns: 40, rows: 20, graphicsProtocol: .kitty, colors: .truecolor)
        else {
            Issue.record("no kitty image")
            return
        }
        #expect(kitty.escapes.hasPrefix("\u{1B}_G"), "\(kitty.escapes.prefix(40).debugDescription)")
        #expect(kitty.columns == 40 && kitty.rows == 10)
        guard
            case .graphics(let sixel) = LargeImage.render(
                image, columns: 40, rows: 20, graphicsProtocol: .sixel, colors: .truecolor, cellPixelWidth: 8,
                cellPixelHeight: 16)
        else {
            Issue.record("no sixel image")
            return
        }
        #expect(sixel.escapes.hasPrefix("\u{1B}P"), "\(sixel.escapes.prefix(40).debugDescription)")
        #expect(sixel.escapes.hasSuffix("\u{1B}\\"))
        #expect(sixel.columns <= 40 && sixel.rows <= 20)
        #expect(GraphicsProtocol.kitty.clearSequence.hasPrefix("\u{1B}_Ga=d"))
        #expect(GraphicsProtocol.sixel.clearSequence.isEmpty)
    }

    @Test func symbolsAreAPreviewAsLargeAsTheBox() {
        let image = TestImages.split(width: 64, height: 32, left: (255, 0, 0), right: (0, 0, 255))
        let large = LargeImage.render(image, columns: 80, rows: 30, graphicsProtocol: .symbols, colors: .palette256)
        #expect(large == .cells(ImagePreview.render(image, columns: 80, rows: 30, colors: .palette256)))
    }
}
