import ChatConfig
import ChatTestSupport
import CursesTerminal
import Foundation
import TerminalCanvas
import Testing

/// The keys tests press: chatterm's `Key` → tmux's `send-keys` name, and the key a command is
/// pressed with in a keymap.
@Suite struct TmuxKeyNameTests {
    static func key(_ name: String) throws -> Key { try #require(Key(name: name), "no key \(name)") }

    static let bundled = ["default", "vim", "emacs"]

    static func bundledKeymap(_ name: String) throws -> Keymap {
        try Keymap.load(
            nameOrPath: name, userOverride: nil, searchPaths: [Fixtures.packageRoot.appendingPathComponent("Keymaps")])
    }

    @Test(arguments: [
        ("j", "j"), ("G", "G"), ("[", "["), ("{", "{"), ("?", "?"), ("/", "/"), ("space", "Space"), (";", "\\;"),
        ("ctrl+g", "C-g"), ("ctrl+space", "C-Space"), ("ctrl+]", "C-]"), ("ctrl+_", "C-_"), ("alt+x", "M-x"),
        ("alt+<", "M-<"), ("alt+;", "M-\\;"), ("ctrl+alt+x", "C-M-x"), ("enter", "Enter"), ("alt+enter", "M-Enter"),
        ("tab", "Tab"), ("shift+tab", "BTab"), ("alt+tab", "M-Tab"), ("backspace", "BSpace"),
        ("alt+backspace", "M-BSpace"), ("esc", "Escape"), ("delete", "DC"), ("insert", "IC"), ("up", "Up"),
        ("down", "Down"), ("left", "Left"), ("right", "Right"), ("ctrl+left", "C-Left"), ("alt+up", "M-Up"),
        ("shift+up", "S-Up"), ("home", "Home"), ("end", "End"), ("ctrl+home", "C-Home"), ("pgup", "PageUp"),
        ("pgdn", "PageDown"), ("f1", "F1"), ("f12", "F12"), ("shift+f5", "S-F5"),
    ])
    func aKeyHasTmuxsName(key: String, name: String) throws {
        #expect(TmuxKeyName.name(for: try Self.key(key)) == name)
    }

    /// Keys a terminal sends as another key, or only with extensions tmux does not send.
    @Test(arguments: [
        "ctrl+i", "ctrl+j", "ctrl+m", "ctrl+h", "ctrl+[", "ctrl+1", "ctrl+.", "ctrl+enter", "shift+enter",
        "ctrl+tab", "ctrl+backspace", "alt+esc", "shift+a", "f13",
    ])
    func aKeyTheTerminalCannotTellApartHasNoName(key: String) throws {
        #expect(TmuxKeyName.name(for: try Self.key(key)) == nil)
    }

    @Test func aCommandIsPressedWithItsFirstKeyThatReachesIt() throws {
        let keymap = Keymap.builtin
        #expect(TmuxSession.key(for: .siblingNext, in: .messages, keymap: keymap) == (try Self.key("]")))
        // Global commands from a pane: the global key.
        #expect(TmuxSession.key(for: .search, in: .sidebar, keymap: keymap) == (try Self.key("ctrl+k")))
        #expect(TmuxSession.key(for: .focusPrev, in: .input, keymap: keymap) == (try Self.key("shift+tab")))
        // ctrl+j also means a new line, but a terminal sends it as Enter: alt+enter it is.
        #expect(TmuxSession.key(for: .inputNewline, in: .input, keymap: keymap) == (try Self.key("alt+enter")))
        // A command the context does not have: no key.
        #expect(TmuxSession.key(for: .regenerate, in: .sidebar, keymap: keymap) == nil)
    }

    @Test func aContextsOwnKeyShadowsAGlobalOne() throws {
        // ctrl+u is half_page_up in the pane: a global command bound to it is not pressed with it.
        let keymap = try Keymap(
            name: "test",
            table: [
                .global: [.reload: [try Self.key("ctrl+u"), try Self.key("ctrl+r")]],
                .messages: [.halfPageUp: [try Self.key("ctrl+u")]],
            ])
        #expect(TmuxSession.key(for: .reload, in: .messages, keymap: keymap) == (try Self.key("ctrl+r")))
        #expect(TmuxSession.key(for: .reload, in: .sidebar, keymap: keymap) == (try Self.key("ctrl+u")))
    }

    @Test(arguments: bundled)
    func everyCommandOfABundledKeymapCanBePressed(name: String) throws {
        let keymap = try Self.bundledKeymap(name)
        for context in KeyContext.allCases {
            for (command, keys) in keymap.bindings(in: context) {
                #expect(
                    TmuxSession.key(for: command, in: context, keymap: keymap) != nil,
                    "\(name): \(command.rawValue) in [\(context.rawValue)] has only \(keys)")
            }
        }
    }

    /// Every key of the bundled keymaps that has a name, sent by tmux to a raw terminal and read
    /// back by chatterm's input decoder, is the same key.
    @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
    func tmuxSendsWhatTheDecoderReadsBack() throws {
        var keys: [Key] = []
        for name in Self.bundled {
            for context in KeyContext.allCases {
                for (_, bound) in try Self.bundledKeymap(name).bindings(in: context) {
                    for key in bound where !keys.contains(key) && TmuxKeyName.name(for: key) != nil { keys.append(key) }
                }
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let pane = try TmuxSession(command: "sh -c 'stty raw -echo && printf ready && exec cat > \(file.path)'")
        defer { pane.close() }
        // Not the browser: polled until the shell is ready.
        try pane.waitFor("ready")
        // A marker no key's bytes hold ends each key.
        let marker = "§"
        for key in keys {
            try pane.send(try #require(TmuxKeyName.name(for: key)))
            try pane.type(marker)
        }
        let deadline = Date().addingTimeInterval(10)
        var text = ""
        repeat {
            text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            if text.components(separatedBy: marker).count > keys.count { break }
            usleep(20_000)
        } while Date() < deadline
        let sequences = text.components(separatedBy: marker).dropLast()
        try #require(sequences.count == keys.count, "read \(text.debugDescription)")
        for (key, bytes) in zip(keys, sequences) {
            var decoder = InputDecoder()
            let events = decoder.feed(bytes.unicodeScalars.map { .character($0.value) } + [.none])
            #expect(
                events == [.key(key)],
                "\(key) sent as \(TmuxKeyName.name(for: key) ?? "") arrived as \(bytes.debugDescription)")
        }
    }
}
