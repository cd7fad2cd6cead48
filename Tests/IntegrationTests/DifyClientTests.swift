import ChatClient
import ChatModel
import ChatProtocol
import ChatTestPeers
import Foundation
import Hummingbird
import Testing

/// A client of the fake Dify peer at `base` (its API root is `base/v1`), with fast retries.
func makeDifyClient(
    _ base: String, key: String = DifyPeerBook.key, getAttempts: Int = 3, model: String? = nil
) -> DifyClient {
    DifyClient(
        configuration: DifyConfiguration(
            baseURL: base + "/v1/", apiKey: key, sourceName: "dify-peer", model: model, getAttempts: getAttempts,
            retryDelay: .milliseconds(1)))
}

/// `DifyClient` against the fake Dify peer over real HTTP: cursor paging, history paging,
/// naming, deleting and Dify's error bodies.
@Suite("Dify client", .timeLimit(.minutes(2)))
struct DifyClientTests {
    static func listLine(lastID: String?, limit: Int) -> String {
        "GET /conversations user=chatterm last_id=\(lastID ?? "-") limit=\(limit) sort_by=-updated_at"
    }

    @Test func listPagesFollowLastIDCursors() async throws {
        let book = DifyPeerBook()
        await book.seedChats(250)
        try await withPeer(DifyPeer.router(book)) { base in
            let client = makeDifyClient(base)
            let first = try await client.listConversations(offset: 0, limit: 100, archived: false)
            #expect(first.items.count == 100)
            #expect(
                first.items.first
                    == RemoteSummary(
                        id: "chat-249", title: "Chat 249", createTime: 1_249, updateTime: 2_249, isArchived: false))
            #expect(first.items.last?.id == "chat-150")
            #expect(first.total == nil)
            #expect(first.offset == 0 && first.limit == 100)
            let second = try await client.listConversations(offset: 100, limit: 100, archived: false)
            #expect(second.items.map(\.id).first == "chat-149")
            #expect(second.items.map(\.id).last == "chat-050")
            let third = try await client.listConversations(offset: 200, limit: 500, archived: false)
            #expect(third.items.count == 50)
            #expect(third.items.last?.id == "chat-000")
            #expect(third.total == 250)
            #expect(third.limit == 100)
            // Past the end, and the archive: answered without asking.
            #expect(try await client.listConversations(offset: 250, limit: 100, archived: false).items.isEmpty)
            let archived = try await client.listConversations(offset: 0, limit: 100, archived: true)
            #expect(archived.items.isEmpty && archived.total == 0)
        }
        #expect(
            await book.log == [
                Self.listLine(lastID: nil, limit: 100), Self.listLine(lastID: "chat-150", limit: 100),
                Self.listLine(lastID: "chat-050", limit: 100),
            ])
    }

    @Test func anOffsetNotReachedYetIsWalkedTo() async throws {
        let book = DifyPeerBook()
        await book.seedChats(250)
        try await withPeer(DifyPeer.router(book)) { base in
            let page = try await makeDifyClient(base).listConversations(offset: 150, limit: 100, archived: false)
            #expect(page.items.count == 100)
            #expect(page.items.first?.id == "chat-099")
            #expect(page.items.last?.id == "chat-000")
            #expect(await book.log.count == 3)
            let beyond = try await makeDifyClient(base).listConversations(offset: 300, limit: 100, archived: false)
            #expect(beyond.items.isEmpty)
            #expect(beyond.total == 250)
        }
        #expect(
            await book.log == [
                Self.listLine(lastID: nil, limit: 100), Self.listLine(lastID: "chat-150", limit: 50),
                Self.listLine(lastID: "chat-100", limit: 100),
                Self.listLine(lastID: nil, limit: 100), Self.listLine(lastID: "chat-150", limit: 100),
                Self.listLine(lastID: "chat-050", limit: 100),
            ])
    }

    @Test func historyPagesBackwardsWithFirstIDAndReadsBack() async throws {
        let book = DifyPeerBook()
        await book.seedConversation("long", name: "Long talk", count: 250)
        try await withPeer(DifyPeer.router(book)) { base in
            let client = makeDifyClient(base)
            let fetched = try await client.conversation(id: "long")
            let c = fetched.conversation
            #expect(c.id == "long")
            #expect(c.mapping.count == 501)
            #expect(c.currentNode == "m-249")
            #expect(c.title == "Long talk")
            #expect(c.createTime == 10 && c.updateTime == 260)
            #expect(c.mapping["m-100-query"]?.parent == "m-099")
            #expect(c.mapping["m-000-query"]?.parent == DifyHistory.rootID)
            #expect(c.mapping["m-249"]?.message?.content.streamedText == "answer 249")
            #expect(try FastJSON.decodeConversation(fetched.raw) == c)
            // The summary is remembered: a second fetch does not list again.
            _ = try await client.conversation(id: "long")
        }
        let messages = { (first: String) in "GET /messages conversation_id=long first_id=\(first) limit=100" }
        #expect(
            await book.log == [
                messages("-"), messages("m-150"), messages("m-050"), Self.listLine(lastID: nil, limit: 100),
                messages("-"), messages("m-150"), messages("m-050"),
            ])
    }

    @Test func namingRenamingAndDeletingReachDify() async throws {
        let book = DifyPeerBook()
        try await withPeer(DifyPeer.router(book)) { base in
            let client = makeDifyClient(base)
            let received = await receive(client.send(nextRequest("hello")))
            let id = try #require(received.conversationID)
            #expect(try await client.generateTitle(conversationID: id, messageID: "ignored") == "About hello")
            #expect(try await client.conversation(id: id).conversation.title == "About hello")
            try await client.rename(conversationID: id, title: "Renamed")
            #expect(try await client.conversation(id: id).conversation.title == "Renamed")
            #expect(
                try await client.listConversations(offset: 0, limit: 10, archived: false).items.first?.title
                    == "Renamed")
            await #expect(throws: ClientError.configuration("Dify has no archive; delete the conversation instead")) {
                try await client.setArchived(conversationID: id, archived: true)
            }
            try await client.delete(conversationID: id)
            await #expect(throws: ClientError.notFound(detail: "Conversation Not Exists. [not_found]")) {
                try await client.conversation(id: id)
            }
            await #expect(throws: ClientError.notFound(detail: "Conversation Not Exists. [not_found]")) {
                try await client.delete(conversationID: id)
            }
            #expect(try await client.models() == [])
            #expect(
                try await makeDifyClient(base, model: "qwen-max").models() == [
                    ModelInfo(slug: "qwen-max", title: "qwen-max", description: "the Dify app's model")
                ])
        }
        let user = JSONValue.string("chatterm")
        #expect(
            await book.bodies["name"] == [
                .object(["auto_generate": .bool(true), "user": user]),
                .object(["name": .string("Renamed"), "user": user]),
            ])
        #expect(await book.bodies["delete"] == [.object(["user": user]), .object(["user": user])])
    }

    @Test func errorsCarryDifysMessageAndNeverTheKey() async throws {
        let book = DifyPeerBook()
        await book.seedChats(3)
        let errors = try await withPeer(DifyPeer.router(book)) { base async throws -> [ClientError] in
            var errors: [ClientError] = []
            let wrong = makeDifyClient(base, key: "app-wrong-key-9876")
            let unauthorized = ClientError.unauthorized(
                detail: "Access token is invalid [unauthorized]; check the Dify app key")
            await #expect(throws: unauthorized) {
                try await wrong.listConversations(offset: 0, limit: 5, archived: false)
            }
            let refused = await receive(wrong.send(nextRequest("hello")))
            #expect(refused.clientError == unauthorized)
            #expect(refused.items.isEmpty)
            errors.append(unauthorized)

            let client = makeDifyClient(base)
            let notFound = ClientError.notFound(detail: "Conversation Not Exists. [not_found]")
            await #expect(throws: notFound) { try await client.conversation(id: "nope") }
            errors.append(notFound)

            await book.fail("chat", status: 400, code: "invalid_param", message: "inputs is required")
            let invalid = await receive(client.send(nextRequest("hello")))
            #expect(invalid.clientError == .unexpectedStatus(400, detail: "inputs is required [invalid_param]"))
            #expect(invalid.items.isEmpty)
            errors += [invalid.clientError].compactMap { $0 }

            await book.fail(
                "conversations", status: 500, code: "internal_server_error", message: "Internal Server Error.", count: 2
            )
            #expect(try await client.listConversations(offset: 0, limit: 5, archived: false).items.count == 3)
            await book.fail(
                "conversations", status: 500, code: "internal_server_error", message: "Internal Server Error.", count: 3
            )
            let failed = ClientError.server(status: 500, detail: "Internal Server Error. [internal_server_error]")
            await #expect(throws: failed) { try await client.listConversations(offset: 0, limit: 5, archived: false) }
            errors.append(failed)

            await book.fail("name", status: 503, code: "app_unavailable", message: "App unavailable")
            await #expect(throws: ClientError.server(status: 503, detail: "App unavailable [app_unavailable]")) {
                try await client.rename(conversationID: "chat-001", title: "x")
            }
            await book.fail("conversations", status: 429, code: "too_many_requests", message: "Slow down")
            await #expect(throws: ClientError.rateLimited(retryAfter: nil, detail: "Slow down [too_many_requests]")) {
                try await client.listConversations(offset: 0, limit: 5, archived: false)
            }
            return errors
        }
        for error in errors {
            #expect(!error.description.contains(DifyPeerBook.key))
            #expect(!error.description.contains("app-wrong-key"))
            #expect(!error.description.contains("\n"))
        }
        let log = await book.log
        // GETs are retried on 5xx (2 failures then success; 3 failures), POSTs never.
        let gets = log.filter { $0.hasPrefix("GET /conversations") }.count
        #expect(gets == 8)
        #expect(log.filter { $0.hasPrefix("POST /conversations") }.count == 1)
        #expect(log.filter { $0.hasPrefix("POST /chat-messages") }.count == 2)
        #expect(!DifyConfiguration(apiKey: DifyPeerBook.key).description.contains(DifyPeerBook.key))
    }
}
