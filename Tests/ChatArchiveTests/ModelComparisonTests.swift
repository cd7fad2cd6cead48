import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatArchive

/// `model_comparisons.json`: the answer a person did not choose when ChatGPT asked "which
/// response do you prefer?" becomes another version of the chosen one.
@Suite struct ModelComparisonTests {
    static func message(_ id: String, _ role: String, _ text: String) -> [String: Any] {
        [
            "id": id, "author": ["role": role, "name": NSNull()], "create_time": 1.0,
            "content": ["content_type": "text", "parts": [text]], "recipient": "all",
        ]
    }

    /// A comparison in the 2023 export's shape: the conversation so far, then both answers.
    static func record(conversation: String, prompt: String, original: [String], new: [String]) -> [String: Any] {
        [
            "id": "cmp-\(conversation)", "user_id": "user-x",
            "input": [
                "conversation_id": conversation,
                "prompt_convo": [
                    "id": conversation, "messages": [message("sys", "system", ""), message(prompt, "user", "q")],
                ],
            ],
            "output": [
                "feedback_version": "inline_regen_feedback:a:1.0",
                "feedback_step_2": [
                    "original_turn": original.map { message($0, "assistant", "answer \($0)") },
                    "new_turn": new.map { message($0, "assistant", "answer \($0)") },
                ],
            ],
            "create_time": "2023-04-09T04:12:37.481461+00:00",
        ]
    }

    /// An export zip with one conversation (`root → u1 → chosen`) and `comparisons`.
    static func export(_ comparisons: Data, in temp: TempDir) -> URL {
        let conversation = TestJSON.conversation(
            id: "conv", nodes: [("u1", nil, "user", "q"), ("chosen", "u1", "assistant", "answer chosen")])
        return temp.file(
            "export.zip",
            StoredZip.make([
                ("conversations.json", TestJSON.data([conversation])), ("model_comparisons.json", comparisons),
            ]))
    }

    @Test func theAnswerNotChosenBecomesAnotherVersionOnceAndTheStoredJSONStaysTheExports() throws {
        let temp = TempDir()
        let comparisons = TestJSON.data([
            Self.record(conversation: "conv", prompt: "u1", original: ["other"], new: ["chosen"]),
            Self.record(conversation: "unknown-conversation", prompt: "p", original: ["x"], new: ["y"]),
        ])
        let zip = Self.export(comparisons, in: temp)
        let archive = try Archive.inMemory()

        let report = try Importer(archive: archive).importFile(at: zip)

        #expect(report.inserted == 1)
        #expect(report.comparedAnswers == 1)
        let tree = ConversationTree(try #require(try archive.conversation(id: "conv")))
        #expect(tree.repairs.isEmpty)
        #expect(tree.children(of: "u1") == ["chosen", "other"])
        #expect(tree.currentLeaf == "chosen", "the chosen answer stays the one shown")
        let other = try #require(tree.turns(to: "other").last)
        #expect(other.text == "answer other")
        #expect(other.isComparedAnswer)
        #expect((other.siblingIndex, other.siblingCount) == (2, 2))
        #expect(tree.turns(to: "chosen").last?.isComparedAnswer == false)
        let raw = try #require(try archive.rawJSON(id: "conv"))
        #expect(
            !String(decoding: raw, as: UTF8.self).contains("answer other"), "the export's bytes are kept as they came")

        // Search finds the compared answer, on its own node, like any other branch.
        let hits = try archive.search("other", limit: 10)
        #expect(hits.map(\.nodeID) == ["other"])

        let again = try Importer(archive: archive).importFile(at: zip)
        #expect(again.comparedAnswers == 1)
        #expect(try archive.search("other", limit: 10).map(\.nodeID) == ["other"])
        try archive.writer.write {
            try $0.execute(sql: "INSERT INTO message_fts (message_fts) VALUES ('integrity-check')")
        }
        #expect(ConversationTree(try #require(try archive.conversation(id: "conv"))).children(of: "u1").count == 2)
    }

    @Test func aDamagedComparisonsFileIsNotedAndTheConversationsStillImport() throws {
        let temp = TempDir()
        let good = TestJSON.data([Self.record(conversation: "conv", prompt: "u1", original: ["other"], new: ["chosen"])]
        )
        let zip = Self.export(good.prefix(good.count - 40), in: temp)
        let archive = try Archive.inMemory()

        let report = try Importer(archive: archive).importFile(at: zip)

        #expect(report.inserted == 1)
        #expect(report.skipped.contains { $0.reason.hasPrefix("model_comparisons.json: ") })
        #expect(try archive.conversation(id: "conv") != nil)
    }

    @Test func aTurnOfSeveralMessagesHangsAsAChainUnderThePrompt() throws {
        let nodes = ModelComparisons.nodes(
            of: try FastJSON.parse(
                TestJSON.data(Self.record(conversation: "c", prompt: "u1", original: ["t1", "t2"], new: []))))
        #expect(nodes.map(\.nodeID) == ["t1", "t2"])
        #expect(nodes.map(\.parentID) == ["u1", "t1"])
        #expect(nodes.allSatisfy { $0.conversationID == "c" && $0.kind == .comparedAnswer })
    }
}
