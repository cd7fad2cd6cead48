import ChatConfig
import ChatStore
import TerminalCanvas

/// One footer hint: which keys it names, the short label after them, and when it applies.
struct FooterHint: Sendable {
    /// The keys a hint names.
    enum Keys: Sendable {
        /// A command's first key in the table's context (else the global one).
        case command(Command)
        /// Two commands' first keys, `[ ]`; shown while either can act.
        case pair(Command, Command)
        /// A command bound to the digits, named as their range (`1-9`).
        case digits(Command)
        /// A key the router reads itself in a confirmation (`y`, `n`): no command, never disabled.
        case fixed(String)
    }

    /// When a hint belongs on the footer besides the command being enabled.
    enum Condition: Sendable {
        case always
        /// An answer streams into the open conversation (Esc then stops it).
        case streaming
        /// The sidebar lists active conversations (the toggle shows archived ones).
        case listingActive
        /// The sidebar lists archived conversations.
        case listingArchived
    }

    var keys: Keys
    var label: String
    var condition: Condition = .always

    init(_ keys: Keys, _ label: String, when condition: Condition = .always) {
        self.keys = keys
        self.label = label
        self.condition = condition
    }

    /// The commands the hint stands for.
    var commands: [Command] {
        switch keys {
        case .command(let command), .digits(let command): [command]
        case .pair(let a, let b): [a, b]
        case .fixed: []
        }
    }
}

/// What has the keys, one footer table each: a focused pane or an open overlay.
///
/// A table names its rows by ``Command`` (never by a keymap name) and looks their keys up in
/// ``context``, the context ``KeyRouter`` routes keys through in that state, so a rebinding
/// shows at once. A row whose command ``Availability`` disables is left off the footer.
enum KeyTable: CaseIterable, Sendable {
    case sidebar, filter, messages, input
    case help, tree, search, rename, models, profiles, links, image, compare, confirmQuit, confirmDelete, label,
        bookmarks, fork
    case treeQuery

    /// The table for what has the keys in a state.
    static func current(_ state: AppState) -> KeyTable {
        switch state.overlay {
        case .help: return .help
        case .tree(let tree): return tree.query == nil ? .tree : .treeQuery
        case .search: return .search
        case .rename: return .rename
        case .label: return .label
        case .bookmarks: return .bookmarks
        case .fork: return .fork
        case .models: return .models
        case .profiles: return .profiles
        case .links: return .links
        case .image: return .image
        case .compare: return .compare
        case .confirmQuit: return .confirmQuit
        case .confirmDelete: return .confirmDelete
        case nil: break
        }
        switch state.focus {
        case .sidebar: return state.sidebar.isEditingFilter ? .filter : .sidebar
        case .messages: return .messages
        case .input: return .input
        }
    }

    /// Where the table's keys are looked up.
    var context: KeyContext {
        switch self {
        case .sidebar: .sidebar
        case .filter, .search, .rename, .label, .treeQuery: .search
        case .messages: .messages
        case .input: .input
        case .help: .help
        case .tree, .models, .profiles, .links, .image, .bookmarks, .fork: .tree
        case .compare: .compare
        case .confirmQuit, .confirmDelete: .global
        }
    }

    /// The footer's hints, left to right.
    var hints: [FooterHint] {
        switch self {
        case .sidebar: Self.sidebarHints
        case .filter: [FooterHint(.command(.open), "open"), FooterHint(.command(.cancel), "clear filter")]
        case .messages: Self.messageHints
        case .input: Self.inputHints
        case .help: [FooterHint(.command(.cancel), "close"), FooterHint(.command(.selectNext), "scroll")]
        case .tree: Self.treeHints
        case .treeQuery: [FooterHint(.command(.open), "keep matches"), FooterHint(.command(.cancel), "stop searching")]
        case .search:
            [
                FooterHint(.command(.open), "open hit"), FooterHint(.command(.selectNext), "next"),
                FooterHint(.command(.selectPrev), "previous"), FooterHint(.command(.cancel), "close"),
            ]
        case .rename: [FooterHint(.command(.open), "rename"), FooterHint(.command(.cancel), "cancel")]
        case .label: [FooterHint(.command(.open), "save label"), FooterHint(.command(.cancel), "cancel")]
        case .bookmarks: Self.picker("open")
        case .fork: [FooterHint(.pair(.siblingPrev, .siblingNext), "profile")] + Self.picker("fork")
        case .models: Self.picker("use this model")
        case .profiles: Self.picker("switch to this profile")
        case .links: Self.picker("open")
        case .image:
            [
                FooterHint(.pair(.siblingPrev, .siblingNext), "images"), FooterHint(.command(.open), "open file"),
                FooterHint(.command(.cancel), "close"),
            ]
        case .compare:
            [
                FooterHint(.pair(.siblingPrev, .siblingNext), "left version"),
                FooterHint(.pair(.branchPointPrev, .branchPointNext), "right version"),
                FooterHint(.pair(.selectNext, .selectPrev), "scroll"), FooterHint(.command(.cancel), "close"),
            ]
        case .confirmQuit: [FooterHint(.fixed("y"), "quit"), FooterHint(.fixed("n"), "stay")]
        case .confirmDelete: [FooterHint(.fixed("y"), "delete"), FooterHint(.fixed("n"), "keep")]
        }
    }

    private static let sidebarHints = [
        FooterHint(.command(.open), "open"),
        FooterHint(.command(.selectNext), "down"),
        FooterHint(.command(.filter), "filter"),
        FooterHint(.command(.toggleArchived), "archived", when: .listingActive),
        FooterHint(.command(.toggleArchived), "active", when: .listingArchived),
        FooterHint(.command(.newChat), "new chat"),
        FooterHint(.command(.search), "search"),
        FooterHint(.command(.focusNext), "focus"),
        FooterHint(.command(.help), "help"),
        FooterHint(.command(.quit), "quit"),
    ]

    private static let messageHints = [
        FooterHint(.command(.cancel), "stop", when: .streaming),
        FooterHint(.pair(.selectNext, .selectPrev), "select"),
        FooterHint(.pair(.siblingPrev, .siblingNext), "versions"),
        FooterHint(.command(.compareVersions), "compare"),
        FooterHint(.command(.regenerate), "regenerate"),
        FooterHint(.command(.editPrompt), "edit"),
        FooterHint(.pair(.branchPointPrev, .branchPointNext), "branch points"),
        FooterHint(.command(.treeOverview), "tree"),
        FooterHint(.command(.copyMessage), "copy"),
        FooterHint(.command(.openLink), "links"),
        FooterHint(.command(.viewImage), "image"),
        FooterHint(.digits(.copyCodeBlock), "copy code"),
        FooterHint(.command(.toggleReasoning), "reasoning"),
        FooterHint(.command(.help), "help"),
        // After help, so a narrow footer drops these first.
        FooterHint(.command(.labelMessage), "label"),
        FooterHint(.command(.toggleBookmark), "bookmark"),
    ]

    private static let treeHints = [
        FooterHint(.command(.open), "show branch"),
        FooterHint(.command(.treeFold), "fold"),
        FooterHint(.command(.treeFoldAll), "fold all"),
        FooterHint(.command(.treeOnlyPrompts), "my prompts"),
        FooterHint(.command(.treeSearch), "search"),
        FooterHint(.pair(.treeMatchNext, .treeMatchPrev), "matches"),
        FooterHint(.command(.listBranches), "branches"),
        FooterHint(.command(.cancel), "close"),
    ]

    private static let inputHints = [
        FooterHint(.command(.cancel), "stop", when: .streaming),
        FooterHint(.command(.send), "send"),
        FooterHint(.command(.inputNewline), "new line"),
        FooterHint(.command(.openEditor), "editor"),
        FooterHint(.command(.focusNext), "focus"),
        FooterHint(.command(.search), "search"),
        FooterHint(.command(.help), "help"),
    ]

    /// The pickers (tree, models, profiles, links) move alike; Enter does `verb`.
    private static func picker(_ verb: String) -> [FooterHint] {
        [
            FooterHint(.command(.open), verb), FooterHint(.command(.selectNext), "down"),
            FooterHint(.command(.selectPrev), "up"), FooterHint(.command(.cancel), "close"),
        ]
    }
}
