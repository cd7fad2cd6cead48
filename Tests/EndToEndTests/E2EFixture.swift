import ChatConfig
import ChatTestSupport
import Foundation
import Testing

/// A scratch archive for end-to-end tests, filled by the real `chatterm import` from a known export.
struct E2EFixture {
    let home: URL
    let binary: String

    /// The built binary, or nil (tests skip) when it has not been built.
    static var binaryPath: String? {
        let path = Fixtures.packageRoot.appendingPathComponent(".build/debug/chatterm").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static var canRun: Bool { binaryPath != nil && TmuxSession.isAvailable }

    init(importing conversations: [[String: Any]] = E2EFixture.conversations) throws {
        binary = E2EFixture.binaryPath ?? "chatterm"
        home = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        if !conversations.isEmpty {
            let file = home.appendingPathComponent("export.json")
            try JSONSerialization.data(withJSONObject: conversations).write(to: file)
            let result = try run(["import", file.path])
            guard result.status == 0 else { throw SpawnError(message: "import failed: \(result.stderr)") }
        }
    }

    /// Runs a CLI command against this archive.
    func run(_ args: [String]) throws -> ProcessResult {
        try Spawn.run([binary] + args, environment: ["CHATTERM_HOME": home.path], timeout: 30)
    }

    /// Starts the browser in tmux, with `--keymap keymap` when given; the session presses
    /// commands with the keymap the browser loads (``keymap(_:)``).
    /// With `reportingExit`, a shell runs it and prints "exit status N" when it ends.
    func browse(
        cols: Int = 100, rows: Int = 30, extra: String = "", reportingExit: Bool = false, keymap: String? = nil,
        environment: [String: String] = [:]
    ) throws -> TmuxSession {
        let command = "\(binary) \(keymap.map { "--keymap \($0) " } ?? "")\(extra)"
        return try TmuxSession(
            command: reportingExit ? "sh -c '\(command); echo \"exit status $?\"; sleep 60'" : command,
            cols: cols, rows: rows,
            environment: ["CHATTERM_HOME": home.path, "XDG_CONFIG_HOME": config.path].merging(environment) { $1 },
            keymap: try self.keymap(keymap))
    }

    /// The fixture's `XDG_CONFIG_HOME`.
    var config: URL { home.appendingPathComponent("config") }

    /// The keymap the browser loads here, as it loads it: `name` (nil: `default`) from the
    /// fixture's config or the checkout's `Keymaps/`, with the fixture's `keymap.toml` over it.
    func keymap(_ name: String? = nil) throws -> Keymap {
        let folder = config.appendingPathComponent("chatterm")
        return try Keymap.load(
            nameOrPath: name, userOverride: folder.appendingPathComponent("keymap.toml"),
            searchPaths: [
                folder.appendingPathComponent("keymaps"), Fixtures.packageRoot.appendingPathComponent("Keymaps"),
            ])
    }

    /// Starts the browser and opens "Branching test" on its current answer (version two).
    func openBranching(cols: Int = 100, rows: Int = 30) throws -> TmuxSession {
        let tui = try browse(cols: cols, rows: rows)
        try #require(try tui.settle().contains("Branching test"))
        try tui.press(.open, in: .sidebar)
        let screen = try tui.settle()
        try #require(screen.contains("Version two answer: pine"), "screen:\n\(screen)")
        return tui
    }

    func remove() { try? FileManager.default.removeItem(at: home) }

    // MARK: - The export

    static func message(_ id: String, _ role: String, _ text: String, hidden: Bool = false) -> [String: Any] {
        var metadata: [String: Any] = [:]
        if hidden { metadata["is_visually_hidden_from_conversation"] = true }
        if role == "assistant" { metadata["model_slug"] = "gpt-4o" }
        return [
            "id": id, "author": ["role": role, "name": NSNull(), "metadata": [:] as [String: Any]],
            "create_time": 1_700_000_000.0, "content": ["content_type": "text", "parts": [text]],
            "status": "finished_successfully", "metadata": metadata, "recipient": "all",
        ]
    }

    static func node(_ id: String, _ parent: String?, _ children: [String], _ message: [String: Any]?) -> [String: Any]
    {
        ["id": id, "parent": parent ?? NSNull(), "children": children, "message": message ?? NSNull()]
    }

    /// Three conversations: one with three versions of an answer (the second current), one in
    /// Chinese with a long line, one archived.
    static var conversations: [[String: Any]] {
        [
            [
                "id": "conv-branching", "title": "Branching test", "create_time": 1_700_000_000.0,
                "update_time": 1_700_000_900.0, "current_node": "a2", "is_archived": false,
                "mapping": [
                    "client-created-root": node("client-created-root", nil, ["sys"], nil),
                    "sys": node("sys", "client-created-root", ["u1"], message("sys", "system", "", hidden: true)),
                    "u1": node("u1", "sys", ["a1", "a2", "a3"], message("u1", "user", "Tell me about trees")),
                    "a1": node("a1", "u1", [], message("a1", "assistant", "Version one answer: oak")),
                    "a2": node("a2", "u1", [], message("a2", "assistant", "Version two answer: pine")),
                    "a3": node("a3", "u1", [], message("a3", "assistant", "Version three answer: birch")),
                ],
            ],
            [
                "id": "conv-cjk", "title": "CJK 对齐测试", "create_time": 1_700_000_000.0,
                "update_time": 1_700_000_500.0, "current_node": "c2", "is_archived": false,
                "mapping": [
                    "r": node("r", nil, ["c1"], nil),
                    "c1": node("c1", "r", ["c2"], message("c1", "user", "介绍下你自己")),
                    "c2": node(
                        "c2", "c1", [],
                        message(
                            "c2", "assistant",
                            "你好，我是一个终端聊天客户端 🤖 我可以进行各种自然语言处理任务，例如生成文本、回答问题、语言翻译、情感分析、文本摘要等。宽字符对齐")),
                ],
            ],
            [
                "id": "conv-archived", "title": "Old archived chat", "create_time": 1_600_000_000.0,
                "update_time": 1_600_000_000.0, "current_node": "o2", "is_archived": true,
                "mapping": [
                    "r": node("r", nil, ["o1"], nil),
                    "o1": node("o1", "r", ["o2"], message("o1", "user", "archived question")),
                    "o2": node("o2", "o1", [], message("o2", "assistant", "archived answer")),
                ],
            ],
        ]
    }
}
