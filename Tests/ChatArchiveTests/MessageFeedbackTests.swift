import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatArchive

/// `message_feedback.json`: the thumbs you gave answers on the web page, shown on them.
@Suite struct MessageFeedbackTests {
    @Test(
        arguments: [
            (#"{"conversation_id": "c", "message_id": "a1", "rating": "thumbsUp"}"#, MessageFeedback.Rating.up, nil),
            (
                #"{"conversation_id": "c", "id": "a1", "rating": "thumbsDown", "text": "wrong year"}"#, .down,
                "wrong year"
            ),
            (
                #"{"conversation_id": "c", "message_id": "a1", "rating": "thumbs_down", "content": "{\"tags\": [\"not-factual\"], \"text\": \"no\"}"}"#,
                .down, "no"
            ),
            (
                #"{"conversation_id": "c", "message_id": "a1", "rating": "thumbs_up", "content": {"text": "  "}}"#, .up,
                nil
            ),
        ] as [(String, MessageFeedback.Rating, String?)])
    func aRecordIsReadInEachSpelling(json: String, rating: MessageFeedback.Rating, text: String?) throws {
        let feedback = try #require(MessageFeedback(record: try FastJSON.parse(Data(json.utf8))))
        #expect(feedback.conversationID == "c")
        #expect(feedback.messageID == "a1")
        #expect(feedback.rating == rating)
        #expect(feedback.text == text)
    }

    @Test(arguments: [
        #"{"message_id": "a1", "rating": "thumbsUp"}"#, #"{"conversation_id": "c", "message_id": "a1"}"#,
        #"{"conversation_id": "c", "message_id": "a1", "rating": "meh"}"#, #"[1, 2]"#,
    ])
    func aRecordWithoutAConversationMessageOrThumbIsLeftOut(json: String) throws {
        #expect(MessageFeedback(record: try FastJSON.parse(Data(json.utf8))) == nil)
    }

    @Test func thumbsFromTheExportAreOnTheAnswersTheyRate() throws {
        let temp = TempDir()
        let conversation = TestJSON.conversation(
            id: "conv", nodes: [("u1", nil, "user", "q"), ("a1", "u1", "assistant", "an answer")])
        let feedback = TestJSON.data([
            ["conversation_id": "conv", "message_id": "a1", "rating": "thumbsDown", "text": "too long"],
            ["conversation_id": "elsewhere", "message_id": "x", "rating": "thumbsUp"],
        ])
        let zip = temp.file(
            "export.zip",
            StoredZip.make([("conversations.json", TestJSON.data([conversation])), ("message_feedback.json", feedback)])
        )
        let archive = try Archive.inMemory()

        let report = try Importer(archive: archive).importFile(at: zip)

        #expect(report.thumbs == 2)
        let tree = ConversationTree(try #require(try archive.conversation(id: "conv")))
        let turns = tree.turns(to: "a1")
        #expect(turns.map(\.feedback) == [nil, "down"])
        #expect(tree.conversation.mapping["a1"]?.message?.metadata["chatterm_feedback_text"] == .string("too long"))
        #expect(
            try archive.rawJSON(id: "conv").map { String(decoding: $0, as: UTF8.self).contains("chatterm") } == false)
    }
}
