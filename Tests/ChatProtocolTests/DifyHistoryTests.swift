import ChatModel
import ChatProtocol
import Foundation
import Testing

/// ``DifyHistory`` on message pages written here: linear and branched conversations, paging,
/// regenerations, edits, errors and broken parents.
@Suite("Dify history")
struct DifyHistoryTests {
    /// One `GET /messages` entry.
    static func entry(
        _ id: String, _ query: String, answer: String? = nil, at created: Double, parent: JSONValue? = nil,
        extra: [String: JSONValue] = [:]
    ) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "conversation_id": .string("conv"), "inputs": .object([:]), "query": .string(query),
            "answer": .string(answer ?? "Answer to \(query)"), "message_files": .array([]), "feedback": .null,
            "retriever_resources": .array([]), "agent_thoughts": .array([]), "created_at": .number(created),
            "status": .string("normal"), "error": .null,
        ]
        if let parent { object["parent_message_id"] = parent }
        object.merge(extra) { _, new in new }
        return .object(object)
    }

    static func page(_ entries: [JSONValue], hasMore: Bool = false) -> JSONValue {
        .object(["limit": .number(20), "has_more": .bool(hasMore), "data": .array(entries)])
    }

    static func history(_ pages: [JSONValue], summary: DifyConversationSummary? = nil) -> DifyHistory {
        DifyHistory(conversationID: "conv", pages: pages, summary: summary)
    }

    /// The node ids from the root to `leaf`.
    static func path(_ c: Conversation, to leaf: String) -> [String] {
        var ids: [String] = []
        var current: String? = leaf
        while let id = current, ids.count <= c.mapping.count {
            ids.insert(id, at: 0)
            current = c.mapping[id]?.parent
        }
        return ids
    }

    /// Every node is reachable from the root, and parent and children links agree.
    static func expectConsistent(_ c: Conversation, sourceLocation: SourceLocation = #_sourceLocation) {
        for node in c.mapping.values {
            if node.id == DifyHistory.rootID {
                #expect(node.parent == nil, sourceLocation: sourceLocation)
                #expect(node.message == nil, sourceLocation: sourceLocation)
                continue
            }
            let parent = c.mapping[node.parent ?? ""]
            #expect(parent?.children.contains(node.id) == true, "\(node.id)", sourceLocation: sourceLocation)
            #expect(path(c, to: node.id).first == DifyHistory.rootID, "\(node.id)", sourceLocation: sourceLocation)
        }
        for node in c.mapping.values {
            for child in node.children {
                #expect(c.mapping[child]?.parent == node.id, sourceLocation: sourceLocation)
            }
        }
        let tree = ConversationTree(c)
        #expect(tree.repairs.isEmpty, "\(tree.repairs)", sourceLocation: sourceLocation)
    }

    /// The seed's qwen history: three linear messages, the first failed.
    static let seed = page([
        entry(
            "f929b595-18a9-4b51-a22b-a7642d189378", "111", answer: "", at: 1_716_340_511,
            extra: [
                "status": .string("error"),
                "error": .string(
                    "[openai_api_compatible] Server Unavailable Error, HTTPConnectionPool(host='211.71.15.49', port=8000)"
                ),
            ]),
        entry(
            "8c035b93-1f01-43f8-b845-8acde26a05bd", "222", answer: "Hello! It seems you've typed \"222\".",
            at: 1_718_523_368),
        entry(
            "3f61f0de-f759-4039-9d83-dcd3f4126c65", "333", answer: "It looks like you've now typed \"333\".",
            at: 1_718_523_378),
    ])

    @Test func linearHistoryChainsEachPromptUnderTheAnswerBefore() throws {
        let history = Self.history([Self.seed])
        let c = history.conversation
        #expect(!history.isBranched)
        #expect(history.messageCount == 3)
        #expect(c.mapping.count == 7)
        #expect(c.currentNode == "3f61f0de-f759-4039-9d83-dcd3f4126c65")
        #expect(
            Self.path(c, to: "3f61f0de-f759-4039-9d83-dcd3f4126c65") == [
                DifyHistory.rootID, "f929b595-18a9-4b51-a22b-a7642d189378-query",
                "f929b595-18a9-4b51-a22b-a7642d189378",
                "8c035b93-1f01-43f8-b845-8acde26a05bd-query", "8c035b93-1f01-43f8-b845-8acde26a05bd",
                "3f61f0de-f759-4039-9d83-dcd3f4126c65-query", "3f61f0de-f759-4039-9d83-dcd3f4126c65",
            ])
        let failed = try #require(c.mapping["f929b595-18a9-4b51-a22b-a7642d189378"]?.message)
        #expect(failed.status == "error")
        #expect(failed.errorText?.hasPrefix("[openai_api_compatible] Server Unavailable Error") == true)
        #expect(failed.author.role == .assistant)
        #expect(failed.content.streamedText == "")
        let ok = try #require(c.mapping["8c035b93-1f01-43f8-b845-8acde26a05bd"]?.message)
        #expect(ok.status == "finished_successfully")
        #expect(ok.endTurn == true)
        #expect(ok.errorText == nil)
        let prompt = try #require(c.mapping["8c035b93-1f01-43f8-b845-8acde26a05bd-query"]?.message)
        #expect(prompt.author.role == .user)
        #expect(prompt.content.streamedText == "222")
        #expect(prompt.createTime == 1_718_523_368)
        #expect(
            history.prompts["3f61f0de-f759-4039-9d83-dcd3f4126c65"]
                == DifyPrompt(query: "333", parentMessageID: "8c035b93-1f01-43f8-b845-8acde26a05bd"))
        #expect(history.prompts["f929b595-18a9-4b51-a22b-a7642d189378"]?.parentMessageID == nil)
        #expect(c.title == nil)
        #expect(c.createTime == 1_716_340_511)
        #expect(c.updateTime == 1_718_523_378)
        Self.expectConsistent(c)
    }

    @Test func pagesFetchedNewestFirstReadOldestFirst() {
        let newest = Self.page([Self.entry("m3", "three", at: 30), Self.entry("m4", "four", at: 40)])
        let older = Self.page([Self.entry("m1", "one", at: 10), Self.entry("m2", "two", at: 20)], hasMore: false)
        let history = Self.history([newest, older])
        #expect(
            Self.path(history.conversation, to: "m4").filter { !$0.hasSuffix("-query") } == [
                DifyHistory.rootID, "m1", "m2", "m3", "m4",
            ])
        // Repeats across pages (a page boundary moved) are read once.
        let repeated = Self.history([
            newest, Self.page([Self.entry("m2", "two", at: 20), Self.entry("m3", "three", at: 30)]), older,
        ])
        #expect(repeated.conversation == history.conversation)
        #expect(repeated.messageCount == 4)
    }

    @Test func sameSecondMessagesKeepTheirPageOrder() {
        let history = Self.history([Self.page([Self.entry("b", "first", at: 5), Self.entry("a", "second", at: 5)])])
        #expect(Self.path(history.conversation, to: "a") == [DifyHistory.rootID, "b-query", "b", "a-query", "a"])
        #expect(history.conversation.currentNode == "a")
    }

    /// A root prompt, two regenerations of the second prompt, an edit of it, and a follow-up
    /// under the second regeneration.
    static let branched = page([
        entry("m1", "hello", at: 100, parent: .null),
        entry("m2", "tell me a joke", at: 110, parent: .string("m1")),
        entry("m3", "tell me a joke", answer: "Another joke", at: 120, parent: .string("m1")),
        entry("m4", "tell me a poem", at: 130, parent: .string("m1")),
        entry("m5", "explain it", at: 140, parent: .string("m3")),
    ])

    @Test func regenerationsShareTheirPromptAndEditsAreUserSiblings() throws {
        let history = Self.history([Self.branched])
        let c = history.conversation
        #expect(history.isBranched)
        #expect(c.mapping.count == 1 + 5 + 4)
        #expect(c.mapping["m3-query"] == nil)
        #expect(c.mapping["m2-query"]?.children == ["m2", "m3"])
        #expect(c.mapping["m1"]?.children == ["m2-query", "m4-query"])
        #expect(c.mapping["m3"]?.children == ["m5-query"])
        #expect(c.mapping["m2"]?.children == [])
        #expect(c.currentNode == "m5")
        #expect(history.prompts["m3"] == DifyPrompt(query: "tell me a joke", parentMessageID: "m1"))
        #expect(history.prompts["m1"] == DifyPrompt(query: "hello", parentMessageID: nil))
        Self.expectConsistent(c)
        // The tree shows the regeneration as answer ‹2/2› and the edit as prompt ‹2/2›.
        let tree = ConversationTree(c)
        let turns = tree.turns(to: "m5")
        #expect(
            turns.map(\.text) == [
                "hello", "Answer to hello", "tell me a joke", "Another joke", "explain it", "Answer to explain it",
            ])
        #expect(turns[3].siblingIndex == 2 && turns[3].siblingCount == 2)
        #expect(turns[2].siblingIndex == 1 && turns[2].siblingCount == 2)
    }

    @Test func theNewestLeafIsTheCurrentNode() {
        var entries = Self.branched.arrayValueOfData
        entries.append(Self.entry("m6", "tell me a poem", answer: "Second poem", at: 150, parent: .string("m1")))
        let c = Self.history([Self.page(entries)]).conversation
        #expect(c.currentNode == "m6")
        #expect(c.mapping["m4-query"]?.children == ["m4", "m6"])
    }

    @Test func nilUUIDParentsFollowTheMessageBefore() {
        let nilUUID = JSONValue.string(DifyHistory.nilUUID)
        let history = Self.history([
            Self.page([
                Self.entry("a", "one", at: 1, parent: nilUUID), Self.entry("b", "two", at: 2, parent: nilUUID),
                Self.entry("c", "three", at: 3, parent: .string("a")),
            ])
        ])
        let c = history.conversation
        #expect(history.isBranched)
        #expect(c.mapping["a"]?.children == ["b-query", "c-query"])
        #expect(c.mapping[DifyHistory.rootID]?.children == ["a-query"])
        #expect(c.currentNode == "c")
        // Only nil UUIDs: linear.
        let legacy = Self.history([
            Self.page([Self.entry("a", "one", at: 1, parent: nilUUID), Self.entry("b", "two", at: 2, parent: nilUUID)])
        ])
        #expect(!legacy.isBranched)
        #expect(Self.path(legacy.conversation, to: "b") == [DifyHistory.rootID, "a-query", "a", "b-query", "b"])
    }

    @Test func nullParentsAreRootPromptsNotAChain() {
        // The first prompt regenerated, then edited: three messages with a null parent.
        let history = Self.history([
            Self.page([
                Self.entry("a", "hello", at: 1, parent: .null), Self.entry("b", "hello", at: 2, parent: .null),
                Self.entry("c", "hello again", at: 3, parent: .null),
            ])
        ])
        let c = history.conversation
        #expect(c.mapping[DifyHistory.rootID]?.children == ["a-query", "c-query"])
        #expect(c.mapping["a-query"]?.children == ["a", "b"])
        #expect(c.currentNode == "c")
        #expect(history.prompts["b"] == DifyPrompt(query: "hello", parentMessageID: nil))
        Self.expectConsistent(c)
    }

    @Test func brokenParentsAreAttachedUnderTheRoot() {
        let history = Self.history([
            Self.page([
                Self.entry("a", "one", at: 1, parent: .null),
                Self.entry("orphan", "lost", at: 2, parent: .string("not-here")),
                Self.entry("self", "me", at: 3, parent: .string("self")),
                Self.entry("x", "loop x", at: 4, parent: .string("y")),
                Self.entry("y", "loop y", at: 5, parent: .string("x")),
                Self.entry("z", "under the loop", at: 6, parent: .string("y")),
                .object(["query": .string("no id")]),
                .string("not an object"),
            ])
        ])
        let c = history.conversation
        #expect(history.messageCount == 6)
        #expect(c.mapping.count == 1 + 12)
        #expect(c.mapping["orphan-query"]?.parent == DifyHistory.rootID)
        #expect(c.mapping["self-query"]?.parent == DifyHistory.rootID)
        #expect(history.repairs.count == 5)
        #expect(history.repairs.contains { $0.contains("not-here") })
        #expect(history.repairs.contains { $0.contains("cycle") })
        Self.expectConsistent(c)
        #expect(c.currentNode == "z")
    }

    @Test func emptyPagesGiveARootOnly() {
        let c = Self.history([Self.page([])]).conversation
        #expect(c.mapping.keys.sorted() == [DifyHistory.rootID])
        #expect(c.currentNode == DifyHistory.rootID)
        #expect(Self.history([]).conversation.mapping.count == 1)
    }

    @Test func theSummaryGivesTitleAndTimes() {
        let summary = DifyConversationSummary(id: "conv", name: "Numbers", createTime: 5, updateTime: 7)
        let c = Self.history([Self.seed], summary: summary).conversation
        #expect(c.title == "Numbers")
        #expect(c.createTime == 5)
        #expect(c.updateTime == 7)
        #expect(c.displayTitle == "Numbers")
    }

    @Test func feedbackUsageInputsAndUserFilesAreKept() throws {
        let file: JSONValue = .object(["id": .string("f1"), "type": .string("image"), "belongs_to": .string("user")])
        let history = Self.history([
            Self.page([
                Self.entry(
                    "m", "look", at: 1,
                    extra: [
                        "feedback": .object(["rating": .string("like")]),
                        "inputs": .object(["name": .string("Lucy")]),
                        "message_files": .array([file]),
                        "metadata": .object([
                            "usage": .object(["prompt_tokens": .number(3), "completion_tokens": .number(4)])
                        ]),
                    ])
            ])
        ])
        let c = history.conversation
        let answer = try #require(c.mapping["m"]?.message)
        #expect(answer.metadata[DifyAnswerParts.feedbackKey] == .object(["rating": .string("like")]))
        #expect(answer.tokenUsage == TokenUsage(promptTokens: 3, completionTokens: 4, totalTokens: 7))
        #expect(answer.metadata[DifyAnswerParts.filesKey] == nil)
        let user = try #require(c.mapping["m-query"]?.message)
        #expect(user.metadata[DifyAnswerParts.filesKey] == .array([file]))
        #expect(user.metadata[DifyAnswerParts.inputsKey] == .object(["name": .string("Lucy")]))
    }

    @Test func theBackendJSONReadsBackAsTheSameConversation() throws {
        for pages in [[Self.seed], [Self.branched]] {
            let c = Self.history(
                pages, summary: DifyConversationSummary(id: "conv", name: "T", createTime: 1, updateTime: 2)
            ).conversation
            let data = DifyConversationJSON.data(c)
            let decoded = try FastJSON.decodeConversation(data)
            #expect(decoded == c)
            #expect(try ConversationJSON.decode(data) == c)
            #expect(DifyConversationJSON.data(decoded) == data)
        }
    }

    @Test func queryNodeIDsMapBackToMessageIDs() {
        #expect(DifyHistory.queryNodeID("abc") == "abc-query")
        #expect(DifyHistory.messageID(ofQueryNode: "abc-query") == "abc")
        #expect(DifyHistory.messageID(ofQueryNode: "abc") == nil)
        #expect(DifyHistory.messageID(ofQueryNode: "-query") == nil)
    }
}

extension JSONValue {
    /// The `data` array of a page.
    fileprivate var arrayValueOfData: [JSONValue] { self["data"]?.arrayValue ?? [] }
}
