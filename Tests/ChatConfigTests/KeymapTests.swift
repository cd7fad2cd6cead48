import Foundation
import TerminalCanvas
import Testing

@testable import ChatConfig

private func key(_ name: String) -> Key { Key(name: name)! }

@Suite struct KeymapLookupTests {
    let keymap = Keymap.builtin

    @Test func contextBindingWinsOverGlobal() {
        #expect(keymap.command(for: key("ctrl+u"), in: .messages) == .halfPageUp)
        #expect(keymap.command(for: key("ctrl+u"), in: .input) == .inputKillLine)
        #expect(keymap.command(for: key("enter"), in: .input) == .send)
        #expect(keymap.command(for: key("enter"), in: .sidebar) == .open)
    }

    @Test func globalKeysWorkInEveryContext() {
        for context in KeyContext.allCases {
            #expect(keymap.command(for: key("ctrl+q"), in: context) == .forceQuit)
            #expect(keymap.command(for: key("ctrl+k"), in: context) == .search)
            #expect(keymap.command(for: key("esc"), in: context) == .cancel)
        }
    }

    @Test func unboundKeysAndTypingKeys() {
        #expect(keymap.command(for: key("q"), in: .input) == nil)
        #expect(keymap.command(for: key("j"), in: .search) == nil)
        #expect(keymap.command(for: key("x"), in: .messages) == nil)
    }

    @Test func theTableFromTheBrief() {
        let expectations: [(String, KeyContext, Command)] = [
            ("q", .sidebar, .quit), ("q", .messages, .quit), ("ctrl+c", .messages, .interrupt),
            ("?", .messages, .help), ("f1", .input, .help), ("tab", .input, .focusNext),
            ("shift+tab", .sidebar, .focusPrev), ("j", .sidebar, .selectNext), ("down", .messages, .selectNext),
            ("k", .messages, .selectPrev), ("ctrl+d", .messages, .halfPageDown), ("pgdn", .messages, .pageDown),
            ("pgup", .sidebar, .pageUp), ("g", .messages, .top), ("home", .sidebar, .top), ("G", .messages, .bottom),
            ("end", .messages, .bottom), ("/", .sidebar, .filter), ("A", .sidebar, .toggleArchived),
            ("[", .messages, .siblingPrev), ("h", .messages, .siblingPrev), ("left", .messages, .siblingPrev),
            ("]", .messages, .siblingNext), ("l", .messages, .siblingNext), ("{", .messages, .branchPointPrev),
            ("}", .messages, .branchPointNext), ("y", .messages, .copyMessage), ("o", .messages, .openLink),
            ("t", .messages, .treeOverview),
            ("z", .messages, .toggleReasoning), ("alt+enter", .input, .inputNewline), ("ctrl+j", .input, .inputNewline),
            ("alt+b", .input, .inputWordLeft), ("ctrl+right", .input, .inputWordRight), ("ctrl+a", .input, .inputHome),
            ("end", .input, .inputEnd), ("backspace", .input, .inputBackspace), ("delete", .input, .inputDelete),
            ("ctrl+w", .input, .inputDeleteWord), ("ctrl+x", .input, .openEditor),
        ]
        for (name, context, command) in expectations {
            #expect(keymap.command(for: key(name), in: context) == command, "\(name) in \(context)")
        }
    }

    @Test func copyCodeBlockIsOneCommandOnNineDigits() {
        #expect(keymap.keys(for: .copyCodeBlock, in: .messages) == (1...9).map { key(String($0)) })
        for n in 1...9 {
            let digit = key(String(n))
            #expect(keymap.command(for: digit, in: .messages) == .copyCodeBlock)
            #expect(Command.codeBlockNumber(for: digit) == n)
        }
        #expect(keymap.command(for: key("0"), in: .messages) == nil)
        #expect(Command.codeBlockNumber(for: key("0")) == nil)
        #expect(Command.codeBlockNumber(for: key("alt+4")) == 4)
    }

    @Test func keysListTheFirstKeyFirstAndExcludeGlobal() {
        #expect(keymap.keys(for: .siblingPrev, in: .messages) == [key("["), key("h"), key("left")])
        #expect(keymap.keys(for: .search, in: .messages) == [])
        #expect(keymap.keys(for: .search, in: .global) == [key("ctrl+k")])
    }

    @Test func bindingsComeInCommandOrder() {
        let rows = keymap.bindings(in: .sidebar)
        #expect(
            rows.map(\.command) == [
                .quit, .help, .selectNext, .selectPrev, .halfPageDown, .halfPageUp, .pageDown, .pageUp, .top, .bottom,
                .open, .filter, .toggleArchived, .jumpBack, .jumpForward, .showBookmarks, .newChat, .rename, .archive,
                .delete, .togglePin, .pickModel, .pickProfile,
            ])
        #expect(rows.first?.keys == [key("q")])
    }

    @Test func everyCommandHasShortHelpAndAContext() {
        for command in Command.allCases {
            #expect(!command.summary.isEmpty && command.summary.count <= 40, "\(command)")
            #expect(!command.contexts.isEmpty, "\(command)")
            #expect(command.rawValue == command.rawValue.lowercased(), "\(command) is snake_case")
        }
    }

    @Test func everyBuiltinBindingIsInTheCommandsContexts() {
        for context in KeyContext.allCases {
            for (command, _) in keymap.bindings(in: context) {
                #expect(command.contexts.contains(context), "\(command) in \(context)")
            }
        }
    }

    @Test func allButOneCommandHaveADefaultKey() {
        let unbound = Command.allCases.filter { command in
            KeyContext.allCases.allSatisfy { keymap.keys(for: command, in: $0).isEmpty }
        }
        #expect(unbound == [.inputKillToEnd])
    }
}

@Suite struct KeymapFileTests {
    @Test func defaultFileIsTheBuiltinKeymap() throws {
        let text = try TestFiles.text(TestFiles.keymaps.appendingPathComponent("default.toml"))
        let parsed = try Keymap.parse(toml: text, name: "default.toml", base: nil)
        #expect(parsed == Keymap.builtin)
        for context in KeyContext.allCases {
            #expect(parsed.bindings(in: context).map(\.command) == Keymap.builtin.bindings(in: context).map(\.command))
        }
    }

    @Test(arguments: ["default", "vim", "emacs"])
    func bundledKeymapsLoad(name: String) throws {
        let keymap = try Keymap.load(nameOrPath: name, userOverride: nil, searchPaths: [TestFiles.keymaps])
        #expect(keymap.name == name)
        #expect(keymap.command(for: key("ctrl+q"), in: .messages) == .forceQuit)
    }

    @Test func vimAddsPageKeysAndKeepsTheRest() throws {
        let vim = try Keymap.load(nameOrPath: "vim", userOverride: nil, searchPaths: [TestFiles.keymaps])
        #expect(vim.command(for: key("ctrl+f"), in: .messages) == .pageDown)
        #expect(vim.command(for: key("ctrl+b"), in: .messages) == .pageUp)
        #expect(vim.command(for: key("ctrl+d"), in: .messages) == .halfPageDown)
        #expect(vim.command(for: key("g"), in: .messages) == .top)
        #expect(vim.command(for: key("G"), in: .messages) == .bottom)
        #expect(vim.command(for: key("h"), in: .messages) == .siblingPrev)
        #expect(vim.command(for: key("ctrl+h"), in: .input) == .inputBackspace)
    }

    @Test func emacsMovesSearchAndKillsToEnd() throws {
        let emacs = try Keymap.load(nameOrPath: "emacs", userOverride: nil, searchPaths: [TestFiles.keymaps])
        #expect(emacs.command(for: key("ctrl+n"), in: .sidebar) == .selectNext)
        #expect(emacs.command(for: key("ctrl+p"), in: .messages) == .selectPrev)
        #expect(emacs.command(for: key("ctrl+v"), in: .messages) == .pageDown)
        #expect(emacs.command(for: key("alt+v"), in: .messages) == .pageUp)
        #expect(emacs.command(for: key("alt+<"), in: .messages) == .top)
        #expect(emacs.command(for: key("alt+>"), in: .help) == .bottom)
        #expect(emacs.command(for: key("ctrl+s"), in: .messages) == .search)
        #expect(emacs.command(for: key("ctrl+g"), in: .tree) == .cancel)
        #expect(emacs.command(for: key("ctrl+k"), in: .input) == .inputKillToEnd)
        #expect(emacs.command(for: key("ctrl+k"), in: .messages) == nil)
        #expect(emacs.command(for: key("ctrl+b"), in: .input) == .inputLeft)
        #expect(emacs.command(for: key("ctrl+d"), in: .input) == .inputDelete)
        #expect(emacs.command(for: key("ctrl+d"), in: .messages) == .halfPageDown)
    }

    @Test func singleStringAndHelixNotation() throws {
        let keymap = try Keymap.parse(
            toml: """
                [messages]
                copy_message = "C-y"
                tree_overview = "A-t"
                """, name: "t.toml", base: .builtin)
        #expect(keymap.keys(for: .copyMessage, in: .messages) == [key("ctrl+y")])
        #expect(keymap.command(for: key("alt+t"), in: .messages) == .treeOverview)
        #expect(keymap.command(for: key("t"), in: .messages) == nil)
    }

    @Test(arguments: ["\"<disabled>\"", "[]"])
    func disabledUnbinds(value: String) throws {
        let keymap = try Keymap.parse(toml: "[messages]\ncopy_message = \(value)\n", name: "t.toml", base: .builtin)
        #expect(keymap.command(for: key("y"), in: .messages) == nil)
        #expect(keymap.keys(for: .copyMessage, in: .messages) == [])
        #expect(!keymap.bindings(in: .messages).contains { $0.command == .copyMessage })
        #expect(keymap.command(for: key("t"), in: .messages) == .treeOverview)
    }

    /// The key hints and the "— c continues" offer name the first key that runs a command in a
    /// context, its own before a global one, and nothing once it is unbound.
    @Test func firstKeyNamesTheReboundKeyOrNone() throws {
        #expect(Keymap.builtin.firstKey(for: .continueAnswer, in: .messages)?.description == "c")
        let rebound = try Keymap.parse(
            toml: "[messages]\ncontinue_answer = \"C-g\"\n", name: "t.toml", base: .builtin)
        #expect(rebound.firstKey(for: .continueAnswer, in: .messages) == key("ctrl+g"))
        let unbound = try Keymap.parse(
            toml: "[messages]\ncontinue_answer = []\n", name: "t.toml", base: .builtin)
        #expect(unbound.firstKey(for: .continueAnswer, in: .messages) == nil)
        #expect(Keymap.builtin.firstKey(for: .reload, in: .messages) == key("ctrl+r"))
    }

    @Test func userOverridePatchesOneActionOnly() throws {
        let folder = try TestFiles.scratch(["keymap.toml": "[messages]\nsibling_prev = [\"x\"]\n"])
        let keymap = try Keymap.load(
            nameOrPath: "vim", userOverride: folder.appendingPathComponent("keymap.toml"),
            searchPaths: [TestFiles.keymaps])
        let vim = try Keymap.load(nameOrPath: "vim", userOverride: nil, searchPaths: [TestFiles.keymaps])
        #expect(keymap.name == "vim")
        #expect(keymap.keys(for: .siblingPrev, in: .messages) == [key("x")])
        #expect(keymap.command(for: key("h"), in: .messages) == nil)
        var expected = vim
        expected.setKeys([key("x")], for: .siblingPrev, in: .messages)
        #expect(keymap == expected)
    }

    @Test func missingUserOverrideIsIgnored() throws {
        let folder = try TestFiles.scratch()
        let keymap = try Keymap.load(
            nameOrPath: nil, userOverride: folder.appendingPathComponent("keymap.toml"), searchPaths: [])
        #expect(keymap == .builtin)
    }

    @Test func userFolderShadowsBundledAndPathsLoad() throws {
        let folder = try TestFiles.scratch([
            "keymaps/vim.toml": "name = \"my-vim\"\ninherits = \"default\"\n[global]\nhelp = [\"f2\"]\n",
            "mine.toml": "inherits = \"vim\"\n[sidebar]\nquit = \"x\"\n",
        ])
        let search = [folder.appendingPathComponent("keymaps"), TestFiles.keymaps]
        let vim = try Keymap.load(nameOrPath: "vim", userOverride: nil, searchPaths: search)
        #expect(vim.name == "my-vim")
        #expect(vim.command(for: key("f2"), in: .input) == .help)
        let mine = try Keymap.load(
            nameOrPath: folder.appendingPathComponent("mine.toml").path, userOverride: nil, searchPaths: search)
        #expect(mine.name == "mine")
        #expect(mine.command(for: key("x"), in: .sidebar) == .quit)
        #expect(mine.command(for: key("f2"), in: .sidebar) == .help)
    }

    @Test func defaultLoadsWithoutAnyFolder() throws {
        #expect(try Keymap.load(nameOrPath: nil, userOverride: nil, searchPaths: []) == .builtin)
    }
}

@Suite struct CommandTests {
    /// The commands the filter and search query borrow are exactly the `input_…` ones.
    @Test func editsInputIsTheInputCommands() {
        for command in Command.allCases {
            #expect(command.editsInput == command.rawValue.hasPrefix("input_"), "\(command.rawValue)")
        }
    }
}
