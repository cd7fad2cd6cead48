import TerminalCanvas

extension Keymap {
    /// The default keymap. `Keymaps/default.toml` spells out exactly this table (a test keeps them
    /// equal); `vim` and `emacs` inherit it and patch single actions.
    public static let builtin: Keymap = {
        let movement: [(Command, [String])] = [
            (.selectNext, ["j", "down"]),
            (.selectPrev, ["k", "up"]),
            (.halfPageDown, ["ctrl+d"]),
            (.halfPageUp, ["ctrl+u"]),
            (.pageDown, ["pgdn"]),
            (.pageUp, ["pgup"]),
            (.top, ["g", "home"]),
            (.bottom, ["G", "end"]),
        ]
        let lineEditing: [(Command, [String])] = [
            (.inputLeft, ["left"]),
            (.inputRight, ["right"]),
            (.inputWordLeft, ["alt+b", "ctrl+left"]),
            (.inputWordRight, ["alt+f", "ctrl+right"]),
            (.inputHome, ["home", "ctrl+a"]),
            (.inputEnd, ["end", "ctrl+e"]),
            (.inputBackspace, ["backspace"]),
            (.inputDelete, ["delete"]),
            (.inputDeleteWord, ["ctrl+w", "alt+backspace"]),
            (.inputKillLine, ["ctrl+u"]),
        ]
        let rows: [KeyContext: [(Command, [String])]] = [
            .global: [
                (.forceQuit, ["ctrl+q"]),
                (.interrupt, ["ctrl+c"]),
                (.help, ["f1"]),
                (.cancel, ["esc"]),
                (.search, ["ctrl+k"]),
                (.focusNext, ["tab"]),
                (.focusPrev, ["shift+tab"]),
                (.reload, ["ctrl+r"]),
            ],
            .sidebar: [
                (.quit, ["q"]),
                (.help, ["?"]),
                (.open, ["enter"]),
                (.filter, ["/"]),
                (.toggleArchived, ["A"]),
                (.newChat, ["n"]),
                (.rename, ["R"]),
                (.archive, ["a"]),
                (.delete, ["d"]),
                (.togglePin, ["p"]),
                (.pickModel, ["m"]),
                (.pickProfile, ["P"]),
                (.jumpBack, ["ctrl+o"]),
                (.jumpForward, ["alt+i"]),
                (.showBookmarks, ["B"]),
            ] + movement,
            .messages: [
                (.quit, ["q"]),
                (.help, ["?"]),
                (.siblingPrev, ["[", "h", "left"]),
                (.siblingNext, ["]", "l", "right"]),
                (.branchPointPrev, ["{"]),
                (.branchPointNext, ["}"]),
                (.treeOverview, ["t"]),
                (.compareVersions, ["="]),
                (.toggleReasoning, ["z"]),
                (.copyMessage, ["y"]),
                (.copyCodeBlock, (1...9).map(String.init)),
                (.openLink, ["o"]),
                (.viewImage, ["v"]),
                (.newChat, ["n"]),
                (.regenerate, ["r"]),
                (.editPrompt, ["e"]),
                (.continueAnswer, ["c"]),
                (.fork, ["F"]),
                (.rename, ["R"]),
                (.archive, ["a"]),
                (.delete, ["d"]),
                (.togglePin, ["p"]),
                (.pickModel, ["m"]),
                (.pickProfile, ["P"]),
                (.jumpBack, ["ctrl+o"]),
                (.jumpForward, ["alt+i"]),
                (.showBookmarks, ["B"]),
                (.labelMessage, ["L"]),
                (.toggleBookmark, ["b"]),
            ] + movement,
            .input: [
                (.send, ["enter"]),
                (.inputNewline, ["alt+enter", "ctrl+j"]),
                (.openEditor, ["ctrl+g", "ctrl+x"]),
                (.inputUp, ["up"]),
                (.inputDown, ["down"]),
            ] + lineEditing,
            .search: [
                (.open, ["enter"]),
                (.selectNext, ["down", "ctrl+n"]),
                (.selectPrev, ["up", "ctrl+p"]),
                (.pageDown, ["pgdn"]),
                (.pageUp, ["pgup"]),
            ] + lineEditing,
            .tree: [
                (.cancel, ["q"]),
                (.help, ["?"]),
                (.open, ["enter"]),
                (.treeOverview, ["t"]),
                (.siblingPrev, ["[", "h", "left"]),
                (.siblingNext, ["]", "l", "right"]),
            ] + movement,
            .compare: [
                (.cancel, ["q"]),
                (.help, ["?"]),
                (.compareVersions, ["="]),
                (.siblingPrev, ["["]),
                (.siblingNext, ["]"]),
                (.branchPointPrev, ["{"]),
                (.branchPointNext, ["}"]),
            ] + movement,
            .help: [
                (.cancel, ["q"]),
                (.help, ["?"]),
            ] + movement,
        ]
        let table = rows.mapValues { commands in
            Dictionary(uniqueKeysWithValues: commands.map { ($0.0, $0.1.map { Key(name: $0)! }) })
        }
        return try! Keymap(name: "default", table: table)
    }()
}
