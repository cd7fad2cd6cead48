import ChatArchive
import ChatClient
import ChatConfig
import ChatModel
import ChatProtocol
import ChatStore
import Foundation
import TerminalCanvas
import Testing

@testable import ChatUI

/// The footer's tables and the help overlay: typed by `Command`, complete for every keymap,
/// and honest about what cannot act now.
@Suite struct KeyTableTests {
    static let local = BackendInfo(name: "local", sourceName: "local", model: "gpt-4o")

    /// The keymaps that ship: built in, and the two files that patch it.
    static func keymaps() throws -> [Keymap] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Keymaps")
        return try [.builtin]
            + ["vim", "emacs"].map { try Keymap.load(nameOrPath: $0, userOverride: nil, searchPaths: [folder]) }
    }

    /// The comparison window on the middle two of four versions of an answer (either side
    /// can move either way).
    static func comparing() -> Overlay {
        let versions = ["a", "b", "c", "d"]
        var mapping: [String: Node] = ["r": Node(id: "r", children: versions)]
        for id in versions {
            mapping[id] = Node(
                id: id, message: Message(id: id, author: Author(role: .assistant), content: .text(id)), parent: "r")
        }
        let tree = ConversationTree(Conversation(id: "c", title: "T", mapping: mapping, currentNode: "a"))
        return .compare(
            CompareState(versions: versions, left: 1, right: 2, tree: tree, memory: BranchMemory(), screenWidth: 100)!)
    }

    /// The fork window over a two-message conversation, with two profiles to continue it.
    static func forking(alone: Bool = false) -> Overlay {
        let mapping: [String: Node] = [
            "r": Node(id: "r", children: ["u"]),
            "u": Node(
                id: "u", message: Message(id: "u", author: Author(role: .user), content: .text("hi")), parent: "r"),
        ]
        let tree = ConversationTree(Conversation(id: "c", title: "T", mapping: mapping, currentNode: "u"))
        let llama = ForkProfile(name: "llama", sourceName: "llama", kind: "openai")
        return .fork(
            ForkPickerState(conversationID: "c", nodeID: "u", tree: tree, profiles: alone ? [.local] : [.local, llama]))
    }

    /// A state for each table, as the user reaches it.
    static func state(for table: KeyTable) -> AppState {
        var state = AppState(width: 100, height: 30)
        switch table {
        case .sidebar: break
        case .filter: state.sidebar.isEditingFilter = true
        case .messages: state.focus = .messages
        case .input: state.focus = .input
        case .help: state.overlay = .help(scroll: 0)
        case .tree: state.overlay = .tree(TreeOverviewState(rows: [], selectedRow: 0))
        case .treeQuery:
            var tree = TreeOverviewState(rows: [], selectedRow: 0)
            tree.query = TextEditor()
            state.overlay = .tree(tree)
        case .search: state.overlay = .search(SearchState())
        case .rename: state.overlay = .rename(RenameState(conversationID: "c", title: "T"))
        case .models: state.overlay = .models(ModelPickerState())
        case .profiles: state.overlay = .profiles(selected: 0)
        case .links: state.overlay = .links(LinkPickerState(links: []))
        case .image: state.overlay = .image(ImageViewerState(images: [Self.picture("one")]))
        case .compare: state.overlay = Self.comparing()
        case .confirmQuit: state.overlay = .confirmQuit
        case .confirmDelete: state.overlay = .confirmDelete(conversationID: "c", title: "T")
        case .label: state.overlay = .label(LabelEditState(conversationID: "c", nodeID: "n", label: ""))
        case .bookmarks: state.overlay = .bookmarks(BookmarkListState())
        case .fork: state.overlay = Self.forking()
        }
        return state
    }

    @Test func eachTableLooksItsKeysUpWhereTheRouterRoutesThem() {
        for table in KeyTable.allCases {
            let state = Self.state(for: table)
            #expect(KeyTable.current(state) == table)
            #expect(table.context == KeyRouter.context(for: state), "\(table)")
        }
    }

    @Test func everyHintNamesACommandItsTableCanBind() {
        for table in KeyTable.allCases {
            for hint in table.hints {
                for command in hint.commands {
                    #expect(
                        command.contexts.contains(table.context) || command.contexts.contains(.global),
                        "\(table): \(command) cannot be bound in \(table.context)")
                }
            }
        }
    }

    @Test func everyCommandBoundInAContextIsInItsHelpSection() throws {
        for keymap in try Self.keymaps() {
            let lines = OverlayView.helpLines(keymap, AppState(width: 100, height: 30))
            var section: KeyContext?
            var listed: [KeyContext: Set<Command>] = [:]
            for line in lines {
                switch line.kind {
                case .heading: section = KeyContext.allCases.first { $0.title == line.text }
                case .command(let command, _):
                    if let section { listed[section, default: []].insert(command) }
                case .reason, .blank: break
                }
            }
            for context in KeyContext.allCases {
                let bound = Set(keymap.bindings(in: context).filter { !$0.keys.isEmpty }.map(\.command))
                #expect(listed[context, default: []] == bound, "\(keymap.name): \(context)")
            }
        }
    }

    /// A conversation where every message command can act on the selected answer: a prompt with
    /// two versions, then the middle of three answers (code, a link), then a prompt and an answer
    /// with two versions.
    static let everything = """
        {"id":"c1","title":"All","create_time":1,"update_time":1,"current_node":"b1","mapping":{
          "r":{"id":"r","parent":null,"children":["u1","u0"],"message":null},
          "u0":{"id":"u0","parent":"r","children":[],"message":{"id":"u0","author":{"role":"user"},
            "content":{"content_type":"text","parts":["other"]}}},
          "u1":{"id":"u1","parent":"r","children":["a1","a2","a3"],"message":{"id":"u1","author":{"role":"user"},
            "content":{"content_type":"text","parts":["q"]}}},
          "a1":{"id":"a1","parent":"u1","children":[],"message":{"id":"a1","author":{"role":"assistant"},
            "content":{"content_type":"text","parts":["one"]}}},
          "a2":{"id":"a2","parent":"u1","children":["u2"],"message":{"id":"a2","author":{"role":"assistant"},
            "content":{"content_type":"text","parts":["[x](https://example.com)\\n```sh\\nls\\n```"]}}},
          "a3":{"id":"a3","parent":"u1","children":[],"message":{"id":"a3","author":{"role":"assistant"},
            "content":{"content_type":"text","parts":["three"]}}},
          "u2":{"id":"u2","parent":"a2","children":["b1","b2"],"message":{"id":"u2","author":{"role":"user"},
            "content":{"content_type":"text","parts":["more"]}}},
          "b1":{"id":"b1","parent":"u2","children":[],"message":{"id":"b1","author":{"role":"assistant"},
            "content":{"content_type":"text","parts":["b one"]}}},
          "b2":{"id":"b2","parent":"u2","children":[],"message":{"id":"b2","author":{"role":"assistant"},
            "content":{"content_type":"text","parts":["b two"]}}}}}
        """

    /// `state(for:)` with nothing disabled: a backend, two profiles, the conversation above open
    /// on its middle answer, a loaded sidebar row, typed text, a search hit, loaded models and
    /// an openable link.
    static func enabledState(for table: KeyTable) throws -> AppState {
        var state = Self.state(for: table)
        state.backend = local
        state.profiles = [local, BackendInfo(name: "other", sourceName: "other")]
        let tree = ConversationTree(try ConversationJSON.decode(Data(everything.utf8)))
        var open = OpenConversation(
            id: "c1", title: "All", source: "local", tree: tree, leaf: "b1", memory: BranchMemory(), width: 70,
            showReasoning: false)
        open.selected = 1
        open.turns[1].attachments = [Self.picture("chart")]
        state.open = open
        state.sidebar.loaded = true
        state.sidebar.count = 1
        state.sidebar.window = [
            ConversationSummary(
                id: "c1", title: "All", createTime: 1, updateTime: 1, isArchived: false, source: "local", nodeCount: 9)
        ]
        state.input = TextEditor("hello")
        switch table {
        case .search:
            var search = SearchState()
            search.hits = [
                SearchHit(conversationID: "c1", nodeID: "a2", title: "All", role: "assistant", snippet: "x")
            ]
            state.overlay = .search(search)
        case .models:
            var picker = ModelPickerState()
            picker.models = [ModelInfo(slug: "gpt-4o", title: "GPT-4o")]
            picker.loaded = true
            state.overlay = .models(picker)
        case .links:
            state.overlay = .links(LinkPickerState(links: [SourceLink(title: "x", url: "https://example.com")]))
        case .image:
            state.overlay = .image(
                ImageViewerState(
                    images: [Self.picture("one"), Self.picture("two"), Self.picture("three")], selected: 1))
        case .compare:
            state.overlay = Self.comparing()
        case .bookmarks:
            let bookmark = Bookmark(conversationID: "c1", nodeID: "a2", title: "All", label: nil, time: 1)
            state.overlay = .bookmarks(BookmarkListState(bookmarks: [bookmark], loaded: true))
        case .fork:
            state.overlay = Self.forking()
        case .label:
            state.overlay = .label(LabelEditState(conversationID: "c1", nodeID: "a2", label: ""))
        case .tree:
            // Searched, so n and N have matches to move between.
            for action: AppAction in [
                .command(.treeOverview), .command(.treeSearch), .user(.type("b")), .command(.open),
            ] {
                _ = Reducer.reduce(&state, action)
            }
        case .sidebar, .filter, .messages, .input, .help, .rename, .profiles, .confirmQuit, .confirmDelete,
            .treeQuery:
            break
        }
        return state
    }

    /// An image the archive holds (the file need not exist for the footer).
    static func picture(_ name: String) -> ChatModel.Attachment {
        ChatModel.Attachment(
            fileID: "file_\(name)", kind: .image, name: "\(name).png",
            local: LocalAsset(path: "/data/assets/\(name).png", sizeBytes: 100, mimeType: "image/png"))
    }

    static func footer(_ state: AppState, _ keymap: Keymap = .builtin) -> [String] {
        KeyHints.footer(state, keymap).map { "\($0.0) \($0.1)" }
    }

    /// With nothing disabled the footers read as they did when they were written by hand.
    @Test func whereNothingIsDisabledTheFooterKeepsItsText() throws {
        for table in KeyTable.allCases {
            let state = try Self.enabledState(for: table)
            for hint in table.hints {
                // Regenerating takes an answer, editing a prompt: one of the two is always out.
                for command in hint.commands where command != .editPrompt {
                    #expect(Availability.disabledReason(command, in: state) == nil, "\(table): \(command)")
                }
            }
            let expected: [String]
            switch table {
            case .sidebar:
                expected = [
                    "Enter open", "j down", "/ filter", "A archived", "n new chat", "Ctrl-K search", "Tab focus",
                    "? help", "q quit",
                ]
            case .filter: expected = ["Enter open", "Esc clear filter"]
            case .messages:
                expected = [
                    "j k select", "[ ] versions", "= compare", "r regenerate", "{ } branch points", "t tree", "y copy",
                    "o links", "v image", "1-9 copy code", "z reasoning", "? help", "L label", "b bookmark",
                ]
            case .input:
                expected = [
                    "Enter send", "Alt-Enter new line", "Ctrl-G editor", "Tab focus", "Ctrl-K search", "F1 help",
                ]
            case .help: expected = ["q close", "j scroll"]
            case .tree:
                expected = [
                    "Enter show branch", "Space fold", "Z fold all", "p my prompts", "/ search", "n N matches",
                    "T branches", "q close",
                ]
            case .treeQuery: expected = ["Enter keep matches", "Esc stop searching"]
            case .search: expected = ["Enter open hit", "↓ next", "↑ previous", "Esc close"]
            case .rename: expected = ["Enter rename", "Esc cancel"]
            case .models: expected = ["Enter use this model", "j down", "k up", "q close"]
            case .profiles: expected = ["Enter switch to this profile", "j down", "k up", "q close"]
            case .links: expected = ["Enter open", "j down", "k up", "q close"]
            case .image: expected = ["[ ] images", "Enter open file", "q close"]
            case .compare: expected = ["[ ] left version", "{ } right version", "j k scroll", "q close"]
            case .confirmQuit: expected = ["y quit", "n stay"]
            case .confirmDelete: expected = ["y delete", "n keep"]
            case .label: expected = ["Enter save label", "Esc cancel"]
            case .bookmarks: expected = ["Enter open", "j down", "k up", "q close"]
            case .fork: expected = ["[ ] profile", "Enter fork", "j down", "k up", "q close"]
            }
            #expect(Self.footer(state) == expected, "\(table)")
        }
    }

    @Test func aDisabledCommandLeavesTheFooter() throws {
        var prompt = try Self.enabledState(for: .messages)
        prompt.open?.selected = 0
        #expect(
            Self.footer(prompt) == [
                "j k select", "[ ] versions", "= compare", "e edit", "{ } branch points", "t tree", "y copy",
                "z reasoning", "? help", "L label", "b bookmark",
            ], "a prompt: no regenerating, and it has no link or code block")
        var last = try Self.enabledState(for: .messages)
        last.open?.selected = 3
        #expect(
            Self.footer(last) == [
                "j k select", "[ ] versions", "= compare", "r regenerate", "{ } branch points", "t tree", "y copy",
                "z reasoning", "? help", "L label", "b bookmark",
            ], "the last answer has no link or code block")
        var offline = try Self.enabledState(for: .sidebar)
        offline.backend = nil
        #expect(!Self.footer(offline).contains("n new chat"))
        var empty = try Self.enabledState(for: .input)
        empty.input = TextEditor()
        #expect(Self.footer(empty) == ["Alt-Enter new line", "Ctrl-G editor", "Tab focus", "Ctrl-K search", "F1 help"])
        #expect(Self.footer(Self.state(for: .search)) == ["↓ next", "↑ previous", "Esc close"], "no hit to open")
        #expect(Self.footer(Self.state(for: .models)) == ["j down", "k up", "q close"], "still loading")
        #expect(Self.footer(Self.state(for: .image)) == ["Enter open file", "q close"], "one image: no stepping")
        var fork = Self.state(for: .fork)
        fork.overlay = Self.forking(alone: true)
        #expect(Self.footer(fork) == ["Enter fork", "j down", "k up", "q close"], "only local can continue it")
        var rename = Self.state(for: .rename)
        rename.overlay = .rename(RenameState(conversationID: "c", title: " "))
        #expect(Self.footer(rename) == ["Esc cancel"], "an empty title")
    }

    @Test func whileAnAnswerStreamsEscStopsItAndNothingElseIsSent() throws {
        var state = try Self.enabledState(for: .messages)
        state.open?.selected = 3
        _ = Reducer.reduce(&state, .command(.regenerate))
        state.open?.selected = 1
        #expect(
            Self.footer(state) == [
                "Esc stop", "j k select", "[ ] versions", "= compare", "{ } branch points", "t tree", "y copy",
                "o links", "v image", "1-9 copy code", "z reasoning", "? help", "L label", "b bookmark",
            ])
        state.focus = .input
        #expect(
            Self.footer(state) == [
                "Esc stop", "Alt-Enter new line", "Ctrl-G editor", "Tab focus", "Ctrl-K search", "F1 help",
            ])
    }

    @Test func helpGivesTheReasonUnderADisabledCommandJudgedForItsSection() throws {
        var state = try Self.enabledState(for: .messages)
        state.backend = nil
        state.overlay = .help(scroll: 0)
        let lines = OverlayView.helpLines(.builtin, state)
        func rows(after command: Command, in context: KeyContext) -> [HelpLine] {
            guard let heading = lines.firstIndex(where: { $0.kind == .heading && $0.text == context.title }),
                let row = lines[heading...].firstIndex(where: {
                    if case .command(command, _) = $0.kind { true } else { false }
                })
            else { return [] }
            return Array(lines[row..<min(lines.count, row + 2)])
        }
        let regenerate = rows(after: .regenerate, in: .messages)
        #expect(regenerate.first?.kind == .command(.regenerate, disabled: true))
        #expect(
            regenerate.last == HelpLine(kind: .reason, text: "No chat backend is configured: this archive is read-only")
        )
        let copy = rows(after: .copyMessage, in: .messages)
        #expect(copy.first?.kind == .command(.copyMessage, disabled: false))
        #expect(copy.last?.kind != .reason)
        // Enter is judged where it is pressed: the sidebar has a row; the input box's text
        // cannot be sent offline.
        #expect(rows(after: .open, in: .sidebar).last?.kind != .reason)
        #expect(rows(after: .send, in: .input).last?.text == "No chat backend is configured: this archive is read-only")
        // The overlays' sections are not judged: those windows are not open.
        #expect(rows(after: .open, in: .search).last?.kind != .reason)
        #expect(rows(after: .open, in: .tree).last?.kind != .reason)
    }

    /// The views name commands by `Command`, never by their keymap names.
    @Test func noCommandNameIsSpelledAsAString() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/ChatUI")
        let names = Set(Command.allCases.map(\.rawValue))
        let literal = try NSRegularExpression(pattern: #""((?:[^"\\\n]|\\.)*)""#)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.contains("KeyTable.swift") && files.contains("HelpView.swift"))
        var all: Set<String> = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("rawValue"), "\(file) reads a command's or context's keymap name")
            let range = NSRange(text.startIndex..., in: text)
            for match in literal.matches(in: text, range: range) {
                guard let r = Range(match.range(at: 1), in: text) else { continue }
                let string = String(text[r])
                all.insert(string)
                // Labels such as "open" or "help" are words a person reads; a name with an
                // underscore is a keymap name.
                #expect(!(string.contains("_") && names.contains(string)), "\(file) spells \"\(string)\"")
            }
        }
        #expect(all.isSuperset(of: ["open hit", "branch points", "ui.help.key"]), "the scan reads the literals")
    }
}
