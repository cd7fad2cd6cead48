import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// `ConversationJSON` on captured payloads.
@Suite(.enabled(if: Fixtures.available))
struct ConversationJSONFixtureTests {

    static func devMasterSource() throws -> String {
        let data = try #require(
            Fixtures.data("chatgpt_conversations_list_detail_and_legacy_stream_2023-12_dev-master-ext.js"))
        return try #require(String(data: data, encoding: .utf8))
    }

    @Test func devMasterExtDetailDecodes() throws {
        let json = try #require(Fixtures.jsLiteral(named: "conversationDetail", in: try Self.devMasterSource()))
        let conversation = try ConversationJSON.decode(json)
        #expect(conversation.id == "f283136e-f417-46d4-9cde-34f4360af94b")
        #expect(conversation.title == "New chat")
        #expect(conversation.createTime == 1701830474.616844)
        #expect(conversation.updateTime == 1701830476.257054)
        #expect(conversation.currentNode == "91be2e50-7a5c-495a-9ca3-4eff32d746d0")
        #expect(conversation.mapping.count == 4)
        #expect(conversation.extra["moderation_results"] == .array([]))
        #expect(conversation.extra["conversation_id"] == nil)

        let root = try #require(conversation.mapping["f42147a3-ed79-4a20-9fa0-cb806a50c2f6"])
        #expect(root.message == nil)
        #expect(root.parent == nil)
        #expect(root.children == ["21120f16-0204-4b48-8634-840b4a7fa8c9"])

        let system = try #require(conversation.mapping["21120f16-0204-4b48-8634-840b4a7fa8c9"]?.message)
        #expect(system.author.role == .system)
        #expect(system.weight == 0)
        #expect(system.createTime == nil)
        #expect(system.isHidden)

        let answer = try #require(conversation.mapping["91be2e50-7a5c-495a-9ca3-4eff32d746d0"]?.message)
        #expect(answer.modelSlug == "text-davinci-002-render-sha")
        #expect(answer.endTurn == true)
        #expect(answer.status == "finished_successfully")
        #expect(answer.recipient == "all")
        #expect(answer.metadata["finish_details"]?["type"]?.stringValue == "stop")
        #expect(answer.content.displayText.hasPrefix("当然可以！"))

        let user = try #require(conversation.mapping["aaa2e2a4-671a-48f6-a996-3e5a7aae2528"]?.message)
        #expect(user.modelSlug == nil)
        #expect(user.endTurn == nil)

        let tree = ConversationTree(conversation)
        #expect(tree.repairs.isEmpty)
        #expect(tree.rootID == root.id)
        #expect(tree.turns(to: tree.currentLeaf).map(\.author.role) == [.user, .assistant])
    }

    @Test func devMasterExtListHasISOTimesAndNullMapping() throws {
        let json = try #require(Fixtures.jsLiteral(named: "conversationList", in: try Self.devMasterSource()))
        let items = try #require(try ConversationJSON.parse(json)["items"]?.arrayValue)
        #expect(items.count == 5)
        let first = try ConversationJSON.decode(items[0])
        #expect(first.id == "f283136e-f417-46d4-9cde-34f4360af94b")
        #expect(first.mapping.isEmpty)
        #expect(first.currentNode == nil)
        #expect(abs((first.createTime ?? 0) - 1701830474.616844) < 1e-5)
        #expect(first.extra["gizmo_id"] == .null)
        let last = try ConversationJSON.decode(items[4])
        #expect(last.updateTime == ISOTime.parse("2023-04-18T16:11:00+00:00"))
        #expect(last.updateTime == 1681834260)
    }

    @Test func llmfarmMappingDecodes() throws {
        let data = try #require(
            Fixtures.data("chatgpt_conversation_mapping_2023-04_branching_regen_and_edits_llmfarm.json"))
        #expect(throws: ConversationDecodingError.missingID) { try ConversationJSON.decode(data) }
        let conversation = try ConversationJSON.decode(data, fallbackID: "llmfarm")
        #expect(conversation.id == "llmfarm")
        #expect(conversation.title == nil)
        #expect(conversation.displayTitle == "Untitled")
        #expect(conversation.currentNode == nil)
        #expect(conversation.mapping.count == 33)
        let system = try #require(conversation.mapping["60a09563-5125-419a-bb3a-206385d2163b"])
        #expect(system.id == "60a09563-5125-419a-bb3a-206385d2163b")
        #expect(system.message?.id == "3a3fc4fc-fb9f-45fa-a68b-252582f40a6a")
        #expect(system.message?.createTime == 1682401261.726122)
        let interrupted = try #require(conversation.mapping["405e5034-b142-4707-874a-88fd6172a46a"]?.message)
        #expect(interrupted.metadata["finish_details"]?["type"]?.stringValue == "interrupted")
        #expect(interrupted.endTurn == nil)
    }

    @Test func danglingDetailDecodes() throws {
        let data = try #require(
            Fixtures.data("chatgpt_conversation_detail_2023-06_gpt4_dangling_child_and_current_node.json"))
        let conversation = try ConversationJSON.decode(data, fallbackID: "dangling")
        #expect(conversation.title == "在GitHub创建pull request")
        #expect(conversation.updateTime == 1685966615.0)
        #expect(conversation.currentNode == "13ad9ffc-b2ed-412c-9e4a-c87c153a2325")
        let root = try #require(conversation.mapping["aaa19ea2-78e0-48bc-98a8-f692a3dd4815"])
        #expect(root.message == nil && root.parent == nil)
        let answer = try #require(conversation.mapping["4c5b8fe4-8b2c-473a-bdfc-af23905ff927"])
        #expect(answer.children == ["aaa21bf5-40ab-467c-8d12-190ec77bdf5e"])
        #expect(answer.message?.modelSlug == "gpt-4")
    }

    @Test func redactedExportIsMalformedJSON() throws {
        let data = try #require(
            Fixtures.data("chatgpt_export_conversations_2023-05_redacted_placeholders_everything-chatgpt.json.txt"))
        let error = #expect(throws: ConversationDecodingError.self) { try ConversationJSON.parse(data) }
        guard case .malformedJSON(let why) = error else {
            Issue.record("expected malformedJSON, got \(String(describing: error))")
            return
        }
        #expect(!why.isEmpty)
    }
}
