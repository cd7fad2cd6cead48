import Testing

@testable import CursesTerminal

/// DEC mode 2026: whom the screen asks, what answer turns it on, and the frame's bytes.
@Suite struct SynchronizedOutputTests {
    @Test func everyTerminalButTheConsoleAndDumbIsAsked() {
        for term in ["xterm-256color", "xterm-kitty", "tmux-256color", "screen", "foot", "alacritty", "vt100"] {
            #expect(SynchronizedOutput.shouldAsk(environment: ["TERM": term]), "\(term)")
        }
        for term in ["", "dumb", "linux", "linux-16color"] {
            #expect(!SynchronizedOutput.shouldAsk(environment: ["TERM": term]), "\(term)")
        }
        #expect(!SynchronizedOutput.shouldAsk(environment: [:]))
    }

    @Test func onlyAnAnswerThatKnowsTheModeTurnsItOn() {
        var output = SynchronizedOutput()
        #expect(!output.isOn, "off until the terminal answers")
        output.take(mode: 2026, setting: 2)
        #expect(output.isOn)
        output.take(mode: 1006, setting: 0)
        #expect(output.isOn, "another mode's answer changes nothing")
        for setting in [0, 3, 4] {
            output.take(mode: 2026, setting: setting)
            #expect(!output.isOn, "setting \(setting)")
        }
        output.take(mode: 2026, setting: 1)
        #expect(output.isOn)
    }

    @Test func aFrameIsWrappedOnlyWhenOn() {
        var written = ""
        var output = SynchronizedOutput()
        let result = output.frame(write: { written += $0 }) {
            written += "cells"
            return 7
        }
        #expect(result == 7)
        #expect(written == "cells")
        written = ""
        output.take(mode: 2026, setting: 2)
        output.frame(write: { written += $0 }) { written += "cells" }
        #expect(written == "\u{1b}[?2026hcells\u{1b}[?2026l")
    }

    @Test func theEndIsWrittenEvenWhenDrawingThrows() {
        struct Failure: Error {}
        var written = ""
        var output = SynchronizedOutput()
        output.take(mode: 2026, setting: 1)
        #expect(throws: Failure.self) {
            try output.frame(write: { written += $0 }) { throw Failure() }
        }
        #expect(written == SynchronizedOutput.begin + SynchronizedOutput.end)
    }

    @Test func theQuestionAndTheMouseModes() {
        #expect(SynchronizedOutput.question == "\u{1b}[?2026$p")
        #expect(MouseModes.on == "\u{1b}[?1000h\u{1b}[?1006h")
        #expect(MouseModes.off == "\u{1b}[?1006l\u{1b}[?1000l")
    }
}
