import ChatModel
import ChatProtocol
import Foundation
import Testing

/// Each generation of the ChatGPT export, read as it really is: 2026 nodes with parents and no
/// `children`, early 2023 messages with `role` on the message, answers without a `model_slug`.
struct ExportShapeTests {
    static func tree(_ json: String) throws -> ConversationTree {
        ConversationTree(try ConversationJSON.decode(Data(json.utf8)))
    }

    /// A 2026-style conversation: every node names its parent; none lists children.
    static let parentsOnly = """
        {"id": "c26", "title": "Parents only", "current_node": "a2", "default_model_slug": "gpt-5",
         "mapping": {
          "root": {"id": "root", "message": null, "parent": null},
          "u1": {"id": "u1", "parent": "root", "message": {"id": "u1", "author": {"role": "user"},
                 "create_time": 10, "content": {"content_type": "text", "parts": ["hi"]}}},
          "a2": {"id": "a2", "parent": "u1", "message": {"id": "a2", "author": {"role": "assistant"},
                 "create_time": 12, "content": {"content_type": "text", "parts": ["two"]}}},
          "a1": {"id": "a1", "parent": "u1", "message": {"id": "a1", "author": {"role": "assistant"},
                 "create_time": 11, "content": {"content_type": "text", "parts": ["one"]},
                 "metadata": {"model_slug": "gpt-4o"}}}
         }}
        """

    @Test func childrenAreRebuiltFromParentsWithoutAReportedRepair() throws {
        let tree = try Self.tree(Self.parentsOnly)
        #expect(tree.repairs.isEmpty, "\(tree.repairs)")
        #expect(tree.children(of: "root") == ["u1"])
        #expect(tree.children(of: "u1") == ["a1", "a2"], "siblings in the order they were written")
        #expect(tree.currentLeaf == "a2")
        let turns = tree.turns(to: "a2")
        #expect(turns.map(\.text) == ["hi", "two"])
        #expect(turns.last.map { ($0.siblingIndex, $0.siblingCount) } ?? (0, 0) == (2, 2))
    }

    @Test func anAnswerWithoutItsModelTakesTheConversationsDefaultButAPromptDoesNot() throws {
        let tree = try Self.tree(Self.parentsOnly)
        #expect(tree.turns(to: "a2").map(\.modelSlug) == [nil, "gpt-5"])
        #expect(tree.turns(to: "a1").map(\.modelSlug) == [nil, "gpt-4o"], "its own model wins")
    }

    @Test func aParentThatListsChildrenButNotOneOfThemIsStillARepair() throws {
        let json = Self.parentsOnly.replacingOccurrences(
            of: #""u1": {"id": "u1", "parent": "root","#,
            with: #""u1": {"id": "u1", "parent": "root", "children": ["a1"],"#)
        let tree = try Self.tree(json)
        #expect(tree.repairs == [.childLinkAdded(parent: "u1", child: "a2")])
        #expect(tree.children(of: "u1") == ["a1", "a2"])
    }

    @Test func earlyMessagesWithTheirRoleOnTheMessageAreAttributed() throws {
        let tree = try Self.tree(
            """
            {"id": "c23", "title": "Role on the message", "current_node": "b2", "mapping": {
              "r": {"id": "r", "message": null, "parent": null, "children": ["b1"]},
              "b1": {"id": "b1", "parent": "r", "children": ["b2"], "message": {"id": "b1", "role": "user",
                     "content": {"content_type": "text", "parts": ["hello 2023"]}}},
              "b2": {"id": "b2", "parent": "b1", "children": [], "message": {"id": "b2", "role": "assistant",
                     "content": {"content_type": "text", "parts": ["answer 2023"]}}}
            }}
            """)
        #expect(tree.repairs.isEmpty)
        #expect(tree.turns(to: "b2").map(\.author.role) == [.user, .assistant])
        // An author object, where there is one, wins over a stray role.
        let both = ConversationJSON.message(
            try ConversationJSON.parse(Data(#"{"id": "m", "role": "user", "author": {"role": "tool"}}"#.utf8)))
        #expect(both?.author.role == .tool)
    }

    @Test func anUnknownKindOfContentIsShownAsOneLineNamingItAndPartsMayMixTextAndObjects() throws {
        let unknown = ConversationJSON.content(
            try ConversationJSON.parse(Data(#"{"content_type": "super_widget", "widget": {"x": 1}}"#.utf8)))
        #expect(unknown.displayText == "[super_widget: a kind of content chatterm does not show yet]")
        #expect(unknown.raw["widget"]?["x"] == .number(1), "kept as it came")
        let mixed = ConversationJSON.content(
            try ConversationJSON.parse(
                Data(
                    #"{"content_type": "multimodal_text", "parts": [{"content_type": "image_asset_pointer", "size_bytes": 10}, "what is this?", null]}"#
                        .utf8)))
        #expect(mixed.displayText == "[image]\nwhat is this?", "an image without a pointer, never a question mark")
    }

    @Test func pagesABrowsingToolQuotedAreTheNextAnswersSourcesAndASystemErrorIsItsError() throws {
        func node(_ id: String, _ parent: String, _ message: String) -> String {
            #""\#(id)": {"id": "\#(id)", "parent": "\#(parent)", "message": \#(message)}"#
        }
        let tree = try Self.tree(
            """
            {"id": "browse", "current_node": "e1", "mapping": {
              "root": {"id": "root", "message": null, "parent": null},
              \(node("u1", "root", #"{"id": "u1", "author": {"role": "user"}, "content": {"content_type": "text", "parts": ["news?"]}}"#)),
              \(node("c1", "u1", #"{"id": "c1", "author": {"role": "assistant"}, "recipient": "browser", "content": {"content_type": "code", "language": "unknown", "text": "search('news')"}}"#)),
              \(node("d1", "c1", #"{"id": "d1", "author": {"role": "tool", "name": "browser"}, "content": {"content_type": "tether_browsing_display", "result": "【0†Pine news】", "summary": null}}"#)),
              \(node("q1", "d1", #"{"id": "q1", "author": {"role": "tool", "name": "browser"}, "content": {"content_type": "tether_quote", "url": "https://www.pines.example/today", "domain": "pines.example", "title": "Pine news", "text": "Pines grew."}}"#)),
              \(node("w1", "q1", #"{"id": "w1", "author": {"role": "tool", "name": "web"}, "content": {"content_type": "sonic_webpage", "url": "https://oaks.example/", "title": "", "text": "Oaks too."}}"#)),
              \(node("a1", "w1", #"{"id": "a1", "author": {"role": "assistant"}, "recipient": "all", "content": {"content_type": "text", "parts": ["Pines and oaks grew."]}}"#)),
              \(node("e1", "a1", #"{"id": "e1", "author": {"role": "tool"}, "content": {"content_type": "system_error", "name": "tool_error", "text": "The browsing tool timed out."}}"#))
            }}
            """)
        let turns = tree.turns(to: "e1")
        #expect(
            turns.map(\.text) == ["news?", "Pines and oaks grew."], "no tool traffic and no error among the messages")
        let answer = try #require(turns.last)
        #expect(answer.sources.map(\.title) == ["Pine news", "oaks.example"])
        #expect(answer.sources.map(\.url) == ["https://www.pines.example/today", "https://oaks.example/"])
        #expect(answer.errorText == "The browsing tool timed out.")
    }
}
