import Foundation
import Testing

@testable import TerminalCanvas

@Suite struct KeyTests {
    @Test(arguments: [
        ("ctrl+g", Key(.char("g"), .ctrl)),
        ("Ctrl-G", Key(.char("g"), .ctrl)),
        ("alt+enter", Key(.enter, .alt)),
        ("shift+tab", Key(.tab, .shift)),
        ("backtab", Key(.tab, .shift)),
        ("pgdn", Key(.pageDown)),
        ("pageup", Key(.pageUp)),
        ("[", Key(.char("["))),
        ("j", Key(.char("j"))),
        ("J", Key(.char("J"))),
        ("C-q", Key(.char("q"), .ctrl)),
        ("A-ret", Key(.enter, .alt)),
        ("M-x", Key(.char("x"), .alt)),
        ("meta-x", Key(.char("x"), .alt)),
        ("S-tab", Key(.tab, .shift)),
        ("f1", Key(.f(1))),
        ("F12", Key(.f(12))),
        ("space", Key(.char(" "))),
        ("ctrl+alt+del", Key(.delete, [.ctrl, .alt])),
        ("esc", Key(.escape)),
        ("ctrl++", Key(.char("+"), .ctrl)),
    ])
    func parsesNames(name: String, key: Key) {
        #expect(Key(name: name) == key)
    }

    @Test(arguments: ["", "ctrl+", "foo", "f0", "f25", "C-", "hyper+x", "ctrl+foo"])
    func rejectsBadNames(name: String) {
        #expect(Key(name: name) == nil)
    }

    @Test func descriptions() {
        #expect(Key(name: "ctrl+g")?.description == "Ctrl-G")
        #expect(Key(name: "alt+enter")?.description == "Alt-Enter")
        #expect(Key(name: "pgdn")?.description == "PgDn")
        #expect(Key(name: "[")?.description == "[")
        #expect(Key(name: "shift+tab")?.description == "Shift-Tab")
        #expect(Key(name: "space")?.description == "Space")
        #expect(Key(name: "f5")?.description == "F5")
        #expect(Key(name: "up")?.description == "↑")
        #expect(Key(.char("k"), [.ctrl, .alt]).description == "Ctrl-Alt-K")
    }

    @Test func descriptionRoundTripsThroughTheParserForNamedKeys() {
        for name in ["ctrl+g", "alt+enter", "shift+tab", "pgdn", "f1", "space", "home", "esc", "del"] {
            let key = Key(name: name)!
            let spelled = key.description.replacingOccurrences(of: "-", with: "+")
            #expect(Key(name: spelled) == key, "\(name) -> \(key.description)")
        }
    }
}
