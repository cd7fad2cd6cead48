import ChatArchive
import ChatConfig
import ChatModel
import ChatProtocol
import ChatStore
import ChatUI
import Foundation
import TerminalCanvas

/// A store over an in-memory archive holding a few known conversations, and a renderer.
struct UITestWorld {
    let store: Store
    let archive: Archive
    let context = RenderContext(theme: .builtinDark, keymap: .builtin, now: 1_700_100_000)

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

    init(width: Int = 100, height: Int = 30) throws {
        let archive = try Archive.inMemory()
        for json in [Self.branching, Self.cjk] {
            let data = Data(json.utf8)
            try archive.upsert(try ConversationJSON.decode(data), raw: data, source: "test")
        }
        self.archive = archive
        store = Store(state: AppState(width: width, height: height), environment: StoreEnvironment(archive: archive))
    }

    @discardableResult
    func send(_ actions: AppAction...) async -> AppState {
        var state = await store.state
        for action in actions { state = await store.send(action) }
        return state
    }

    func render() async -> Frame {
        Screen.render(await store.state, context: context)
    }

    func screen() async -> String {
        await render().buffer.lines.joined(separator: "\n")
    }
}
