import ChatArchive
import ChatConfig
import ChatModel
import ChatProtocol
import ChatStore
import Foundation
import TerminalCanvas
import Testing

@testable import ChatUI

/// What other services add to an answer, as the screen shows it: the error in error style,
/// follow-ups that Alt+digit picks, notes behind `z`, tokens and latency in the status line,
/// and where each conversation lives in the sidebar.
@Suite struct AnswerExtrasScreenTests {
    static let json = """
        {"id":"conv-x","title":"Dify chat","create_time":1700000000,"update_time":1700000900,
         "current_node":"a1","mapping":{
          "root":{"id":"root","parent":null,"children":["u1"],"message":null},
          "u1":{"id":"u1","parent":"root","children":["a1"],"message":{"id":"u1","author":{"role":"user"},
            "content":{"content_type":"text","parts":["Look it up"]}}},
          "a1":{"id":"a1","parent":"u1","children":[],"message":{"id":"a1","author":{"role":"assistant"},
            "status":"error","content":{"content_type":"text","parts":["Partial ans"]},
            "metadata":{"chatterm_error":"Rate limit reached \\u001b[31mfor gpt-4o\\u001b[0m",
              "chatterm_follow_ups":["Try again later?","Use another model"],
              "chatterm_notes":[{"kind":"thought","label":"web_search","text":"searching the web"}],
              "chatterm_usage":{"prompt_tokens":42,"completion_tokens":7,"total_tokens":49,"latency":1.25}}}}}}
        """

    func world(backend: BackendInfo? = BackendInfo(name: "qwen", sourceName: "qwen", kind: "dify")) throws -> Store {
        let archive = try Archive.inMemory()
        let data = Data(Self.json.utf8)
        try archive.upsert(try ConversationJSON.decode(data), raw: data, source: "qwen")
        try archive.upsert(
            try ConversationJSON.decode(Data(UITestWorld.cjk.utf8)), raw: Data(UITestWorld.cjk.utf8),
            source: "chatgpt-export")
        var state = AppState(width: 100, height: 30)
        state.backend = backend
        return Store(state: state, environment: StoreEnvironment(archive: archive))
    }

    let context = RenderContext(theme: .builtinDark, keymap: .builtin, now: 1_700_100_000)

    @Test func errorFollowUpsAndUsageAreShown() async throws {
        let store = try world()
        await store.send(.terminal(.started(width: 100, height: 30)))
        let state = await store.send(.user(.open(id: "conv-x", focusNode: nil)))
        let frame = Screen.render(state, context: context)
        let screen = frame.buffer.lines.joined(separator: "\n")
        #expect(screen.contains("Partial ans"))
        #expect(screen.contains("⚠ Rate limit reached for gpt-4o"), "escape sequences are dropped")
        #expect(screen.contains("alt+1 → Try again later?"))
        #expect(screen.contains("alt+2 → Use another model"))
        #expect(screen.contains("42 in + 7 out tok · 1.2 s"))
        #expect(!screen.contains("searching the web"), "notes are hidden by default")
        let errorRow = try #require(frame.buffer.lines.firstIndex { $0.contains("⚠ Rate limit") })
        let errorStyle = context.theme.style("ui.message.error")
        let styled = (0..<frame.buffer.width).filter { frame.buffer[$0, errorRow].style == errorStyle }
        #expect(styled.count >= "⚠ Rate limit reached for gpt-4o".count)
        let shown = await store.send(.command(.toggleReasoning))
        let withNotes = Screen.render(shown, context: context).buffer.lines.joined(separator: "\n")
        #expect(withNotes.contains("· thought web_search: searching the web"))
    }

    @Test func altDigitPicksAFollowUpAndPlainDigitsStillCopyCode() async throws {
        let store = try world()
        await store.send(.terminal(.started(width: 100, height: 30)))
        var state = await store.send(.user(.open(id: "conv-x", focusNode: nil)))
        state = await store.send(.user(.focus(.messages)))
        let alt1 = KeyRouter.action(for: .key(Key(.char("1"), .alt)), in: state, keymap: .builtin)
        guard case .user(.pickFollowUp(1))? = alt1 else {
            Issue.record("alt+1 should pick the first follow-up, got \(String(describing: alt1))")
            return
        }
        let alt3 = KeyRouter.action(for: .key(Key(.char("3"), .alt)), in: state, keymap: .builtin)
        if case .user(.pickFollowUp)? = alt3 { Issue.record("there is no third follow-up") }
        let plain = KeyRouter.action(for: .key(Key(.char("1"))), in: state, keymap: .builtin)
        if case .user(.pickFollowUp)? = plain { Issue.record("a plain digit copies a code block in the pane") }
        state = await store.send(.user(.pickFollowUp(2)))
        #expect(state.input.text == "Use another model")
        #expect(state.focus == .input)
        let inInput = KeyRouter.action(for: .key(Key(.char("1"), .alt)), in: state, keymap: .builtin)
        guard case .user(.pickFollowUp(1))? = inInput else {
            Issue.record("alt+1 works from the input box too")
            return
        }
    }

    @Test func sidebarTagsConversationsFromOtherSources() async throws {
        let store = try world()
        let state = await store.send(.terminal(.started(width: 100, height: 30)))
        let lines = Screen.render(state, context: context).buffer.lines.map(Self.sidebar)
        let dify = try #require(lines.first { $0.contains("Dify chat") })
        let imported = try #require(lines.first { $0.contains("中文") })
        #expect(!dify.contains("qwen"), "the current profile's rows are not tagged")
        #expect(!imported.contains("export"), "an imported archive lives here: its title keeps the room")
        let offline = try world(backend: nil)
        let all = Screen.render(await offline.send(.terminal(.started(width: 100, height: 30))), context: context)
            .buffer.lines
            .map(Self.sidebar)
        #expect(
            all.contains { $0.contains("Dify chat") && $0.contains("qwen") }, "offline, a service's rows are tagged")
        #expect(all.contains { $0.contains("中文") && !$0.contains("export") })
        let other = try world(backend: BackendInfo(name: "web", sourceName: "backend:chatgpt.com", kind: "chatgpt"))
        let tagged = Screen.render(await other.send(.terminal(.started(width: 100, height: 30))), context: context)
            .buffer.lines
            .map(Self.sidebar)
        #expect(tagged.contains { $0.contains("Dify chat") && $0.contains("qwen") })
    }

    @Test(arguments: [
        ("backend:chatgpt.com", "chatgpt"), ("backend:www.example.org", "example"), ("backend:127.0.0.1", "127.0.…"),
        ("dify:api.dify.ai", "dify"), ("openai:127.0.0.1:11434", "openai"), ("coze:api.coze.com", "coze"),
        ("qwen", "qwen"), ("a-very-long-profile", "a-very…"), ("evil\u{1b}[2J", "evil"),
    ])
    func sourceTagsAreShort(source: String, tag: String) throws {
        let state = AppState(width: 100, height: 30)
        #expect(SidebarView.sourceTag(source, state: state) == tag)
    }

    /// The sidebar's part of a screen line (up to its right border).
    static func sidebar(_ line: String) -> String {
        line.range(of: "││").map { String(line[..<$0.lowerBound]) } ?? line
    }

    @Test func profilePickerListsProfilesAndMarksTheCurrentOne() async throws {
        let store = try world()
        await store.send(.terminal(.started(width: 100, height: 30)))
        var state = await store.send(.command(.pickProfile))
        #expect(state.message?.text.contains("No other profile") == true)
        #expect(state.overlay == nil)
        var profiled = AppState(width: 100, height: 30)
        profiled.backend = BackendInfo(name: "qwen", sourceName: "qwen", kind: "dify")
        profiled.profiles = [
            BackendInfo(name: "qwen", sourceName: "qwen", kind: "dify"),
            BackendInfo(name: "ollama", sourceName: "ollama", model: "llama3.2", kind: "openai"),
        ]
        let picker = Store(state: profiled, environment: StoreEnvironment(archive: try Archive.inMemory()))
        await picker.send(.terminal(.started(width: 100, height: 30)))
        state = await picker.send(.command(.pickProfile))
        let screen = Screen.render(state, context: context).buffer.lines.joined(separator: "\n")
        #expect(screen.contains("Profile · Enter switches"))
        #expect(screen.contains("● qwen"))
        #expect(screen.contains("openai · llama3.2"))
        state = await picker.send(.command(.selectNext))
        state = await picker.send(.command(.open))
        #expect(state.switchingTo == nil, "no way to connect here")
        #expect(state.message?.text.contains("Could not switch to ollama") == true)
    }
}
