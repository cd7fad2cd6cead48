import ChatArchive
import ChatConfig
import ChatModel
import ChatProtocol
import ChatStore
import ChatUI
import Foundation
import TerminalCanvas
import Testing

/// A store over an in-memory archive holding a few known conversations, and a renderer.
struct UITestWorld {
    let store: Store
    let archive: Archive
    let context = Self.context
    /// The terminal's size.
    let width: Int, height: Int
    /// Draws every frame the test takes after the ones before, as the run loop does.
    let renderer = KeptRenderer(context: Self.context)

    /// The built-in dark theme and default keymap, on 2023-11-16 at 02:13 UTC with dates shown
    /// in UTC, so screens do not depend on the machine's clock or time zone.
    static let context = RenderContext(
        theme: .builtinDark, keymap: .builtin, now: 1_700_100_000, timeZone: TimeZone(identifier: "UTC")!)

    static let branching = """
        {"id":"conv-b","title":"Branching test","create_time":1700000000,"update_time":1700000900,
         "current_node":"a2","mapping":{
          "root":{"id":"root","parent":null,"children":["u1"],"message":null},
          "u1":{"id":"u1","parent":"root","children":["a1","a2","a3"],"message":{"id":"u1","author":{"role":"user"},
            "content":{"content_type":"text","parts":["Tell me about trees"]}}},
          "a1":{"id":"a1","parent":"u1","children":[],"message":{"id":"a1","author":{"role":"assistant"},
            "content":{"content_type":"text","parts":["Version one: oak"]}}},
          "a2":{"id":"a2","parent":"u1","children":[],"message":{"id":"a2","author":{"role":"assistant"},
            "metadata":{"model_slug":"gpt-4o"},
            "content":{"content_type":"text","parts":["Version two: pine\\n\\n```swift\\nlet tree = \\"pine\\"\\n```\\nafter code"]}}},
          "a3":{"id":"a3","parent":"u1","children":[],"message":{"id":"a3","author":{"role":"assistant"},
            "content":{"content_type":"text","parts":["Version three: birch"]}}}}}
        """

    static let cjk = """
        {"id":"conv-c","title":"中文 \\u001b[31mred\\u001b[0m","create_time":1700000000,"update_time":1700000500,
         "current_node":"c2","mapping":{
          "r":{"id":"r","parent":null,"children":["c1"],"message":null},
          "c1":{"id":"c1","parent":"r","children":["c2"],"message":{"id":"c1","author":{"role":"user"},
            "content":{"content_type":"text","parts":["介绍下你自己"]}}},
          "c2":{"id":"c2","parent":"c1","children":[],"message":{"id":"c2","author":{"role":"assistant"},
            "content":{"content_type":"text","parts":["你好，我是一个终端聊天客户端 🤖 我可以进行各种自然语言处理任务，例如生成文本、回答问题、语言翻译、情感分析、文本摘要等。\\u001b]52;c;ZXZpbA==\\u0007done"]}}}}}
        """

    /// An archived conversation, older than the others.
    static let archived = """
        {"id":"conv-o","title":"Old archived chat","create_time":1600000000,"update_time":1600000000,
         "is_archived":true,"current_node":"o1","mapping":{
          "r":{"id":"r","parent":null,"children":["o1"],"message":null},
          "o1":{"id":"o1","parent":"r","children":[],"message":{"id":"o1","author":{"role":"user"},
            "content":{"content_type":"text","parts":["an old question"]}}}}}
        """

    /// A conversation with an emoji and CJK in its title, older than the first two.
    static let emoji = """
        {"id":"conv-e","title":"Trees 🌲 树木 and more words than fit","create_time":1699000000,
         "update_time":1699000000,"current_node":"e1","mapping":{
          "r":{"id":"r","parent":null,"children":["e1"],"message":null},
          "e1":{"id":"e1","parent":"r","children":[],"message":{"id":"e1","author":{"role":"user"},
            "content":{"content_type":"text","parts":["🌲🌲 woods"]}}}}}
        """

    /// A world over the branching and CJK conversations and `extra` ones (JSON), all from
    /// `source` (an imported export by default), with the state's `backend` and `profiles`;
    /// in `archive` when given (one with conversations imported already), else a new one in memory.
    init(
        width: Int = 100, height: Int = 30, extra: [String] = [], source: String = "chatgpt-export",
        backend: BackendInfo? = nil, profiles: [BackendInfo] = [], archive: Archive? = nil
    ) throws {
        let archive = try archive ?? Archive.inMemory()
        for json in [Self.branching, Self.cjk] + extra {
            let data = Data(json.utf8)
            try archive.upsert(try ConversationJSON.decode(data), raw: data, source: source)
        }
        self.archive = archive
        (self.width, self.height) = (width, height)
        var state = AppState(width: width, height: height)
        state.backend = backend
        state.profiles = profiles
        store = Store(state: state, environment: StoreEnvironment(archive: archive))
    }

    @discardableResult
    func send(_ actions: AppAction...) async -> AppState {
        var state = await store.state
        for action in actions { state = await store.send(action) }
        return state
    }

    /// The frame of the store's state, drawn whole; a renderer that drew this world's earlier
    /// frames must draw the same (``FrameRenderer``), or the test fails.
    func render(sourceLocation: SourceLocation = #_sourceLocation) async -> Frame {
        let state = await store.state
        let frame = Screen.render(state, context: context)
        let same = renderer.render(state) == frame
        #expect(same, "a renderer that drew the frames before draws this one otherwise", sourceLocation: sourceLocation)
        return frame
    }

    func screen() async -> String {
        await render().buffer.lines.joined(separator: "\n")
    }
}

/// A ``FrameRenderer`` a test world shares between its calls. `@unchecked Sendable`: the
/// renderer is used under `lock` only.
final class KeptRenderer: @unchecked Sendable {
    private let lock = NSLock()
    private var renderer: FrameRenderer

    init(context: RenderContext) {
        renderer = FrameRenderer(context: context)
    }

    /// The renderer's next frame.
    func render(_ state: AppState) -> Frame {
        lock.withLock { renderer.render(state) }
    }
}
