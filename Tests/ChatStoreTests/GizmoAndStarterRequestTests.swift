import ChatClient
import ChatModel
import ChatProtocol
import Foundation
import Testing

@testable import ChatStore

/// What the browser asks the backend to send: a custom GPT's conversation keeps its GPT, and a
/// starter prompt sent as offered is marked with the starters shown (seed 001's body).
@Suite struct GizmoAndStarterRequestTests {
    static func request(in effects: [Effect]) -> ChatRequest? {
        for case .startStream(let request) in effects { return request }
        return nil
    }

    /// Conversation `c1`, shaped like seed 002's items (`gizmo_id` at the top level), open.
    static func openGPTConversation(gizmo: String) throws -> AppState {
        let json = """
            {"id": "c1", "title": "Fun facts", "create_time": 1702647206.44, "update_time": 1702647221.0,
             "gizmo_id": \(gizmo), "current_node": "u1",
             "mapping": {"root": {"id": "root", "message": null, "parent": null, "children": ["u1"]},
              "u1": {"id": "u1", "parent": "root", "children": [], "message": {"id": "u1", "author": {"role": "user"},
               "content": {"content_type": "text", "parts": ["Tell me a fun fact"]}, "metadata": {}}}}}
            """
        let conversation = try ConversationJSON.decode(Data(json.utf8))
        var state = AnswerFixtures.newChat(draft: "And another")
        state.open = OpenConversation(
            id: "c1", title: "Fun facts", source: "fake", tree: ConversationTree(conversation), leaf: "u1",
            memory: BranchMemory(), width: state.geometry.paneColumns, showReasoning: false)
        return state
    }

    @Test func aGPTsConversationIsContinuedWithItsGPT() throws {
        var state = try Self.openGPTConversation(gizmo: #""g-2fkFE8rbu""#)
        let sent = try #require(Self.request(in: Reducer.reduce(&state, .command(.send))))
        #expect(sent.gizmoID == "g-2fkFE8rbu")
        #expect(sent.suggestions.isEmpty, "starters belong to a new chat")

        var plain = try Self.openGPTConversation(gizmo: "null")
        let plainSent = try #require(Self.request(in: Reducer.reduce(&plain, .command(.send))))
        #expect(plainSent.gizmoID == nil)
    }

    @Test func aStarterSentAsOfferedIsMarked() throws {
        let starters = [
            StarterPrompt(title: "Tell me a fun fact", prompt: "随便告诉我一个关于罗马帝国的趣事"),
            StarterPrompt(title: "Explain superconductors", prompt: "Explain superconductors like I'm five"),
        ]
        var state = AnswerFixtures.newChat(draft: "")
        state.starters = starters
        _ = Reducer.reduce(&state, .user(.pickStarter(1)))
        let sent = try #require(Self.request(in: Reducer.reduce(&state, .command(.send))))
        #expect(sent.isStarterPrompt)
        #expect(sent.messages.map(\.text) == ["随便告诉我一个关于罗马帝国的趣事"])
        #expect(sent.suggestions == starters.map(\.prompt))

        // Edited first, it is the person's own prompt.
        var edited = AnswerFixtures.newChat(draft: "")
        edited.starters = starters
        _ = Reducer.reduce(&edited, .user(.pickStarter(2)))
        _ = Reducer.reduce(&edited, .user(.type("!")))
        let editedSent = try #require(Self.request(in: Reducer.reduce(&edited, .command(.send))))
        #expect(!editedSent.isStarterPrompt)
        #expect(editedSent.suggestions == starters.map(\.prompt))
    }
}
