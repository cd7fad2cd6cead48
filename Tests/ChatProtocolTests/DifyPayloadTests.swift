import ChatModel
import ChatProtocol
import Foundation
import Testing

/// Dify's list page, error bodies and the lenient JSON reader.
@Suite("Dify payloads")
struct DifyPayloadTests {
    @Test func conversationListDropsRepeatsAndNamesTheCursor() throws {
        let text = """
            {"limit": 3, "has_more": true, "data": [
              {"id": "c1", "name": "First", "inputs": {}, "status": "normal", "introduction": "", "created_at": 10, "updated_at": 30},
              {"id": "c1", "name": "First again", "created_at": 10, "updated_at": 30},
              {"name": "no id"},
              {"id": "c2", "name": "", "created_at": "2024-03-01T00:00:00Z", "updated_at": 20}
            ]}
            """
        let list = try DifyConversationList(data: Data(text.utf8))
        #expect(list.items.map(\.id) == ["c1", "c2"])
        #expect(
            list.items[0]
                == DifyConversationSummary(id: "c1", name: "First", createTime: 10, updateTime: 30, status: "normal"))
        #expect(list.items[1].name == nil)
        #expect(list.items[1].createTime == 1_709_251_200)
        #expect(list.hasMore)
        #expect(list.lastID == "c2")
        #expect(list.rawCount == 4)
        #expect(list.limit == 3)
    }

    @Test func aListWithoutDataIsRefused() {
        #expect(throws: DifyDecodingError.self) { try DifyConversationList(data: Data(#"{"result": "success"}"#.utf8)) }
        #expect(throws: DifyDecodingError.self) { try DifyConversationList(data: Data("<html>".utf8)) }
        #expect(
            DifyDecodingError.notAPage("the conversation list has no data array").description
                == "the conversation list has no data array")
    }

    @Test func errorBodiesReadAsOneLine() {
        let notFound = DifyErrorBody(
            data: Data(#"{"code": "not_found", "message": "Conversation Not Exists.", "status": 404}"#.utf8))
        #expect(notFound == DifyErrorBody(code: "not_found", message: "Conversation Not Exists.", status: 404))
        #expect(notFound?.line == "Conversation Not Exists. [not_found]")
        let multiline = DifyErrorBody(
            json: .object(["code": .string("invalid_param"), "message": .string("query is required\n\tin body\u{7}")]))
        #expect(multiline?.line == "query is required  in body [invalid_param]")
        #expect(DifyErrorBody(json: .object(["code": .string("app_unavailable")]))?.line == "app_unavailable")
        #expect(
            DifyErrorBody(json: .object(["code": .string("unauthorized"), "message": .string("Unauthorized access")]))?
                .line
                == "Unauthorized access")
        #expect(DifyErrorBody(json: .object(["status": .string("500")])) == nil)
        #expect(DifyErrorBody(data: Data("Internal Server Error".utf8)) == nil)
        #expect(DifyErrorBody(json: .object(["message": .string("m"), "status": .string("429")]))?.status == 429)
        let long = DifyErrorBody(message: String(repeating: "x", count: 400)).line
        #expect(long.count == 301)
        #expect(long.hasSuffix("…"))
    }

    /// Found by fuzzing (`Fuzz/run.sh openai`; the same conversion here): numbers too large for an
    /// Int trapped.
    @Test func numbersTooLargeForAnIntAreUnknown() {
        #expect(DifyErrorBody(json: .object(["message": .string("m"), "status": .number(1e300)]))?.status == nil)
        let thoughts: [JSONValue] = [
            .object(["position": .number(1e300), "thought": .string("b")]),
            .object(["position": .number(1), "thought": .string("a")]),
        ]
        // An unreadable position counts as the thought's place in the array (0), before position 1.
        #expect(DifyAnswerParts.notes(thoughts).map(\.text) == ["b", "a"])
        let usage = TokenUsage(
            json: .object([
                "prompt_tokens": .number(-1e19), "completion_tokens": .string("nan"), "total_tokens": .number(9e18),
            ]))
        #expect(usage == TokenUsage(totalTokens: 9_000_000_000_000_000_000))
    }

    @Test func trailingCommasAreRemovedOutsideStringsOnly() throws {
        let text = #"{"a": [1, 2, ], "b": "keep ,} and ,] here", "c": {"d": true,},}"#
        let value = try DifyJSON.parse(Data(text.utf8))
        #expect(value["a"] == .array([.number(1), .number(2)]))
        #expect(value["b"] == .string("keep ,} and ,] here"))
        #expect(value["c"] == .object(["d": .bool(true)]))
        #expect(throws: (any Error).self) { try DifyJSON.parse(Data(#"{"a": 1"#.utf8)) }
        #expect(throws: (any Error).self) { try DifyJSON.parse(Data("[1,,]".utf8)) }
    }

    @Test func valuesRunTogetherAreSplit() {
        let text = "{\"a\": \"}{\"}\n{\"b\": [1, {\"c\": 2}],}\n junk [3]\n{\"unclosed\": "
        let found = DifyJSON.values(in: text)
        #expect(
            found.values == [
                .object(["a": .string("}{")]), .object(["b": .array([.number(1), .object(["c": .number(2)])])]),
                .array([.number(3)]),
            ])
        #expect(found.skipped == 2)
        #expect(DifyJSON.values(in: "").values.isEmpty)
    }

    @Test func thoughtNotesNeedTextOrATool() {
        #expect(DifyAnswerParts.note(thought: .object(["thought": .string("  ")])) == nil)
        #expect(
            DifyAnswerParts.note(thought: .object(["tool": .string("search"), "observation": .string("")]))
                == AnswerNote(kind: "thought", label: "search", text: ""))
        #expect(
            DifyAnswerParts.note(
                thought: .object(["thought": .string("plain"), "observation": .string("ignored without a tool")]))
                == AnswerNote(kind: "thought", label: "", text: "plain"))
        let ordered = DifyAnswerParts.notes([
            .object(["position": .number(2), "thought": .string("second")]),
            .object(["position": .number(1), "thought": .string("first")]),
            .object(["thought": .string("unplaced")]),
        ])
        #expect(ordered.map(\.text) == ["first", "second", "unplaced"])
    }
}
