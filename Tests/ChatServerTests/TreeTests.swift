import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Conversation trees, list, PATCH, gen_title")
struct TreeTests {
    func load(_ api: API, _ id: String) async throws -> Conversation {
        let response = try await api.get("/backend-api/conversation/\(id)")
        #expect(response.status == .ok)
        return try ConversationJSON.decode(parse(response))
    }

    @Test func nextCreatesAConversationUnderAHiddenSystemNode() async throws {
        try await TestServer().test { client in
            let api = API(client: client)
            let stream = try await api.next("Hello there")
            let c = try await load(api, stream.conversationID)
            let root = try #require(c.mapping["client-created-root"])
            #expect(root.message == nil && root.parent == nil)
            let system = try #require(c.mapping[root.children[0]]?.message)
            #expect(system.author.role == .system && system.isHidden)
            let userID = try #require(stream.userID)
            let user = try #require(c.mapping[userID])
            #expect(user.parent == root.children[0])
            #expect(user.message?.content.displayText == "Hello there")
            let answer = try #require(c.mapping[stream.assistantID])
            #expect(answer.parent == user.id)
            #expect(answer.message?.status == "finished_successfully")
            #expect(answer.message?.endTurn == true)
            #expect(answer.message?.content.displayText == stream.text)
            #expect(c.currentNode == stream.assistantID)
            #expect(c.createTime != nil && c.updateTime! >= c.createTime!)
            // The raw detail has epoch-float times.
            let raw = try await api.json("/backend-api/conversation/\(stream.conversationID)")
            #expect(raw["create_time"]?.doubleValue != nil)
        }
    }

    @Test func variantAddsAssistantSiblingsAndNextFromOlderParentAddsUserSiblings() async throws {
        try await TestServer().test { client in
            let api = API(client: client)
            let first = try await api.next("Tell me a story")
            let id = first.conversationID
            let userID = try #require(first.userID)
            let second = try await api.action("variant", conversation: id, parent: userID)
            #expect(second.assistantID != first.assistantID)
            #expect(second.text != first.text)
            var c = try await load(api, id)
            #expect(c.mapping[userID]?.children == [first.assistantID, second.assistantID])
            #expect(c.currentNode == second.assistantID)

            // Edit the prompt: next with the first user message's parent.
            let parent = try #require(c.mapping[userID]?.parent)
            let edited = try await api.next("Tell me a poem", conversation: id, parent: parent)
            c = try await load(api, id)
            let editedUser = try #require(edited.userID)
            #expect(c.mapping[parent]?.children == [userID, editedUser])
            #expect(c.currentNode == edited.assistantID)

            // Continue the latest answer: a new assistant node below it.
            let more = try await api.action("continue", conversation: id, parent: edited.assistantID)
            c = try await load(api, id)
            #expect(c.mapping[edited.assistantID]?.children == [more.assistantID])
            #expect(c.mapping[more.assistantID]?.message?.metadata["message_type"]?.stringValue == "continue")
            #expect(c.currentNode == more.assistantID)
            #expect(more.text.contains("continued"))

            // Wrong parents are refused.
            let bad = try await api.send(
                .post, "/backend-api/conversation",
                .object([
                    "action": .string("variant"), "conversation_id": .string(id),
                    "parent_message_id": .string(edited.assistantID),
                ]))
            #expect(bad.status == .badRequest)
        }
    }

    @Test func listIsNewestFirstWithArchivedFilterAndPatch() async throws {
        try await TestServer().test { client in
            let api = API(client: client)
            let a = try await api.next("first one")
            let b = try await api.next("second one")
            let c = try await api.next("third one")
            var list = try await api.json("/backend-api/conversations?offset=0&limit=28&order=updated")
            var ids = list["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(ids == [c.conversationID, b.conversationID, a.conversationID])
            #expect(list["total"] == .number(3))
            #expect(list["limit"] == .number(28))
            #expect(list["offset"] == .number(0))
            #expect(list["has_missing_conversations"] == .bool(false))
            let item = try #require(list["items"]?.arrayValue?.first)
            let created = try #require(item["create_time"]?.stringValue)
            #expect(created.hasSuffix("+00:00") && ISOTime.parse(created) != nil)
            #expect(item["mapping"] == .null)

            // Reply in the oldest: it moves to the top.
            _ = try await api.next("again", conversation: a.conversationID, parent: a.assistantID)
            list = try await api.json("/backend-api/conversations?limit=2")
            ids = list["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(ids == [a.conversationID, c.conversationID])

            // Rename, archive, delete.
            let path = "/backend-api/conversation/"
            var r = try await api.send(.patch, path + b.conversationID, .object(["title": .string("Renamed")]))
            #expect(try parse(r) == .object(["success": .bool(true)]))
            #expect(try await load(api, b.conversationID).title == "Renamed")
            r = try await api.send(.patch, path + b.conversationID, .object(["is_archived": .bool(true)]))
            #expect(r.status == .ok)
            list = try await api.json("/backend-api/conversations?is_archived=true")
            #expect(list["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [b.conversationID])
            #expect(list["items"]?.arrayValue?.first?["is_archived"] == .bool(true))
            list = try await api.json("/backend-api/conversations?is_archived=false")
            #expect(list["total"] == .number(2))
            r = try await api.send(.patch, path + c.conversationID, .object(["is_visible": .bool(false)]))
            #expect(try parse(r) == .object(["success": .bool(true)]))
            #expect(try await api.get(path + c.conversationID).status == .notFound)
            list = try await api.json("/backend-api/conversations")
            #expect(list["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [a.conversationID])
        }
    }

    @Test func genTitleUsesTheFirstWordsOfThePrompt() async throws {
        try await TestServer().test { client in
            let api = API(client: client)
            let s = try await api.next("How do I write a parser in Swift today please")
            let r = try await api.send(
                .post, "/backend-api/conversation/gen_title/\(s.conversationID)",
                .object(["message_id": .string(s.assistantID)]))
            #expect(try parse(r) == .object(["title": .string("How do I write a parser")]))
            #expect(try await load(api, s.conversationID).title == "How do I write a parser")
            let cjk = try await api.next("请用中文介绍一下你自己好吗谢谢你")
            let t = try await api.send(.post, "/backend-api/conversation/gen_title/\(cjk.conversationID)", nil)
            #expect(try parse(t)["title"]?.stringValue == "请用中文介绍一下你自己好")
        }
    }
}
