import Testing

@testable import CursesTerminal
@testable import TerminalCanvas

/// Mouse reports as terminals send them (xterm's SGR 1006 and the older X10 form), through the
/// decoder as the screen feeds it: each byte a `.character`, `.none` when nothing more waits.
@Suite struct MouseReportTests {
    /// The bytes of `text` as `wget_wch` returns them, then nothing waiting.
    static func raw(_ text: String) -> [RawInput] {
        text.unicodeScalars.map { .character($0.value) } + [.none]
    }

    static func decode(_ text: String) -> [InputEvent] {
        var decoder = InputDecoder()
        return decoder.feed(raw(text))
    }

    static func mouse(_ action: MouseEvent.Action, _ x: Int, _ y: Int, _ modifiers: Modifiers = []) -> InputEvent {
        .mouse(MouseEvent(action, x: x, y: y, modifiers: modifiers))
    }

    @Test func aLeftClickIsAPressThenARelease() {
        // Column 10, row 5 as the terminal counts them (from 1).
        #expect(Self.decode("\u{1b}[<0;10;5M") == [Self.mouse(.press(.left), 9, 4)])
        #expect(Self.decode("\u{1b}[<0;10;5m") == [Self.mouse(.release(.left), 9, 4)])
        #expect(
            Self.decode("\u{1b}[<0;1;1M\u{1b}[<0;1;1m") == [
                Self.mouse(.press(.left), 0, 0), Self.mouse(.release(.left), 0, 0),
            ])
    }

    @Test func theOtherButtons() {
        #expect(Self.decode("\u{1b}[<1;3;4M") == [Self.mouse(.press(.middle), 2, 3)])
        #expect(Self.decode("\u{1b}[<2;3;4M") == [Self.mouse(.press(.right), 2, 3)])
        #expect(Self.decode("\u{1b}[<2;3;4m") == [Self.mouse(.release(.right), 2, 3)])
        #expect(Self.decode("\u{1b}[<128;3;4M") == [Self.mouse(.press(.other(8)), 2, 3)])
        #expect(Self.decode("\u{1b}[<129;3;4M") == [Self.mouse(.press(.other(9)), 2, 3)])
    }

    @Test func theWheelTurnsAndHasNoRelease() {
        #expect(Self.decode("\u{1b}[<64;40;12M") == [Self.mouse(.wheel(.up), 39, 11)])
        #expect(Self.decode("\u{1b}[<65;40;12M") == [Self.mouse(.wheel(.down), 39, 11)])
        #expect(Self.decode("\u{1b}[<66;40;12M") == [Self.mouse(.wheel(.left), 39, 11)])
        #expect(Self.decode("\u{1b}[<67;40;12M") == [Self.mouse(.wheel(.right), 39, 11)])
        #expect(Self.decode("\u{1b}[<64;40;12m").isEmpty)
    }

    @Test func modifiersAreBitsOfTheButton() {
        #expect(Self.decode("\u{1b}[<4;2;2M") == [Self.mouse(.press(.left), 1, 1, .shift)])
        #expect(Self.decode("\u{1b}[<8;2;2M") == [Self.mouse(.press(.left), 1, 1, .alt)])
        #expect(Self.decode("\u{1b}[<16;2;2M") == [Self.mouse(.press(.left), 1, 1, .ctrl)])
        #expect(Self.decode("\u{1b}[<28;2;2M") == [Self.mouse(.press(.left), 1, 1, [.ctrl, .alt, .shift])])
        #expect(Self.decode("\u{1b}[<81;2;2M") == [Self.mouse(.wheel(.down), 1, 1, .ctrl)])
    }

    @Test func coordinatesPastWhatX10CouldSay() {
        #expect(Self.decode("\u{1b}[<0;300;224M") == [Self.mouse(.press(.left), 299, 223)])
        #expect(Self.decode("\u{1b}[<65;9999;5000M") == [Self.mouse(.wheel(.down), 9998, 4999)])
    }

    @Test func motionIsADragWithAButtonAndAMoveWithout() {
        #expect(Self.decode("\u{1b}[<32;5;6M") == [Self.mouse(.drag(.left), 4, 5)])
        #expect(Self.decode("\u{1b}[<35;5;6M") == [Self.mouse(.move, 4, 5)])
    }

    @Test func reportsThatAreNotQuiteMouseReportsAreDropped() {
        for text in [
            "\u{1b}[<0;0;5M", "\u{1b}[<0;5;0M", "\u{1b}[<0;5M", "\u{1b}[<0;5;6;7M", "\u{1b}[<1:2;5;6M",
            "\u{1b}[<3;5;6M", "\u{1b}[<0;5;6x",
        ] {
            #expect(Self.decode(text).isEmpty, "\(text.debugDescription)")
        }
    }

    @Test func keysAroundAReportAreKeysStill() {
        #expect(
            Self.decode("a\u{1b}[<0;2;3Mb") == [
                .key(Key(.char("a"))), Self.mouse(.press(.left), 1, 2), .key(Key(.char("b"))),
            ])
        #expect(Self.decode("\u{1b}[<65;1;1M\u{1b}[A") == [Self.mouse(.wheel(.down), 0, 0), .key(Key(.up))])
    }

    @Test func aReportSplitAcrossReadsIsWaitedFor() {
        var decoder = InputDecoder()
        #expect(decoder.feed(Array(Self.raw("\u{1b}[<0;12").dropLast())).isEmpty)
        #expect(decoder.isAwaitingMore)
        #expect(decoder.feed(Self.raw(";7M")) == [Self.mouse(.press(.left), 11, 6)])
    }

    @Test func aReportNcursesBeganAsKeyMouse() {
        // xterm's terminfo names `CSI <` as its mouse key: ncurses may return KEY_MOUSE for it
        // and the rest as characters.
        var decoder = InputDecoder()
        let rest = Array(Self.raw("0;10;5M"))
        #expect(decoder.feed([.function(CursesKeyCode.mouse)] + rest) == [Self.mouse(.press(.left), 9, 4)])
        #expect(
            decoder.feed([.function(CursesKeyCode.mouse), .character(0x20), .character(0x21), .character(0x22)]) == [
                Self.mouse(.press(.left), 0, 1)
            ])
    }

    @Test func x10Reports() {
        // CSI M, then the button, column and row, each plus 32 (and the position from 1).
        #expect(Self.decode("\u{1b}[M !!") == [Self.mouse(.press(.left), 0, 0)])
        #expect(Self.decode("\u{1b}[M#+%") == [Self.mouse(.release(nil), 10, 4)])
        #expect(Self.decode("\u{1b}[Ma+%") == [Self.mouse(.wheel(.down), 10, 4)])
        #expect(Self.decode("\u{1b}[M0+%") == [Self.mouse(.press(.left), 10, 4, .ctrl)])
        #expect(MouseReport.x10([32, 32, 33]) == nil, "a column of 0")
        #expect(MouseReport.x10([32, 33]) == nil)
    }

    @Test func aModeReportIsNoKey() {
        #expect(Self.decode("\u{1b}[?2026;2$y") == [.modeReport(mode: 2026, setting: 2)])
        #expect(Self.decode("\u{1b}[?2026;0$y") == [.modeReport(mode: 2026, setting: 0)])
        #expect(Self.decode("\u{1b}[?1006;1$y") == [.modeReport(mode: 1006, setting: 1)])
        #expect(Self.decode("\u{1b}[2026;1$y").isEmpty, "an ANSI mode's answer, not asked")
        #expect(ModeReport.parse(parameters: "?2026;1", final: "y") == nil)
    }
}
