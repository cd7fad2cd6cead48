import ChatArchive
import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@Suite struct DemoArchiveTests {
    func conversations() throws -> [Conversation] {
        try DemoArchive.conversationsJSON.map { try ConversationJSON.decode($0) }
    }

    /// Nodes whose children hold more than one message (branch points).
    func branchPoints(_ c: Conversation) -> [Node] {
        c.mapping.values.filter { $0.children.count > 1 }
    }

    /// The demo is prose a newcomer reads: no stray line-continuation backslashes, no
    /// control characters, and every message has text.
    @Test func demoTextIsClean() throws {
        for conversation in try conversations() {
            for node in conversation.mapping.values {
                guard let message = node.message, !message.isHidden else { continue }
                let text = message.content.displayText
                #expect(!text.isEmpty, "\(conversation.id)/\(node.id) is empty")
                #expect(!text.contains("\\\n"), "\(conversation.id)/\(node.id) has a stray backslash")
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(node.id)")
            }
        }
    }

    @Test func installsOnceAndIsIdempotent() throws {
        let archive = try Archive.inMemory()
        #expect(try DemoArchive.install(into: archive) == 5)
        #expect(try DemoArchive.install(into: archive) == 0)
        #expect(try archive.count(archived: false) == 4)
        #expect(try archive.count(archived: true) == 1)
        for summary in try archive.summaries(archived: false, offset: 0, limit: 10) {
            #expect(summary.source == "demo")
            let c = try #require(try archive.conversation(id: summary.id))
            #expect(c.mapping[c.currentNode ?? ""] != nil, "current node of \(c.id) exists")
        }
    }

    @Test func everyConversationHasHiddenRootAndSystemNode() throws {
        for c in try conversations() {
            let root = try #require(c.mapping["client-created-root"])
            #expect(root.message == nil && root.parent == nil)
            let system = try #require(c.mapping[root.children.first ?? ""]?.message)
            #expect(system.author.role == .system)
            #expect(system.isHidden)
            // Links are consistent both ways.
            for node in c.mapping.values {
                for child in node.children { #expect(c.mapping[child]?.parent == node.id) }
            }
        }
    }

    @Test func regeneratedAnswerHasThreeAssistantSiblings() throws {
        let c = try #require(try conversations().first { $0.id == "demo-welcome" })
        let points = branchPoints(c)
        #expect(points.count == 1)
        let siblings = points[0].children.compactMap { c.mapping[$0]?.message }
        #expect(siblings.count == 3)
        #expect(siblings.allSatisfy { $0.author.role == .assistant })
        // The long answer (about 60 lines wrapped at 72 columns) is the current branch.
        let long = siblings[2].content.displayText
        let lines = long.split(separator: "\n", omittingEmptySubsequences: false).map { max(1, ($0.count + 71) / 72) }
        #expect(lines.reduce(0, +) >= 55)
        #expect(c.mapping[c.currentNode!]?.parent.flatMap { c.mapping[$0]?.parent } == points[0].children[2])
    }

    @Test func editedPromptBranchesContinueDifferently() throws {
        let c = try #require(try conversations().first { $0.id == "demo-swift-lines" })
        let points = branchPoints(c)
        #expect(points.count == 1)
        let prompts = points[0].children.compactMap { c.mapping[$0] }
        #expect(prompts.count == 2)
        #expect(prompts.allSatisfy { $0.message?.author.role == .user })
        // Each edit has its own answer; only the edited one goes on.
        let answers = prompts.map { $0.children.compactMap { c.mapping[$0] } }
        #expect(answers.map(\.count) == [1, 1])
        #expect(answers[0][0].children.isEmpty)
        #expect(answers[1][0].children.count == 1)
        // Two fenced blocks, swift and bash, in one answer.
        let text = answers[1][0].message!.content.displayText
        #expect(text.contains("```swift") && text.contains("```bash"))
    }

    @Test func chineseConversationWithEmoji() throws {
        let c = try #require(try conversations().first { $0.id == "demo-zh-intro" })
        #expect(c.title == "介绍下你自己")
        let texts = c.mapping.values.compactMap { $0.message?.content.displayText }.joined()
        #expect(texts.contains("模型") && texts.contains("🚀"))
        let archive = try Archive.inMemory()
        try DemoArchive.install(into: archive)
        #expect(try archive.search("演示助手", limit: 5).first?.conversationID == "demo-zh-intro")
    }

    @Test func continuedAnswerIsTwoConsecutiveAssistantNodes() throws {
        let c = try #require(try conversations().first { $0.id == "demo-continue" })
        let leaf = try #require(c.mapping[c.currentNode!])
        let first = try #require(c.mapping[leaf.parent!])
        #expect(leaf.message?.author.role == .assistant)
        #expect(first.message?.author.role == .assistant)
        #expect(first.message?.metadata["finish_details"]?["type"]?.stringValue == "max_tokens")
        #expect(branchPoints(c).isEmpty)
    }

    @Test func archivedConversation() throws {
        let archived = try conversations().filter(\.isArchived)
        #expect(archived.map(\.id) == ["demo-archived"])
    }
}
