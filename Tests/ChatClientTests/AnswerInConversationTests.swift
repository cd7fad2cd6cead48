import ChatModel
import ChatProtocol
import Foundation
import Testing

@testable import ChatClient

/// Reading a send's answer from the conversation after its socket went silent: what the
/// stream still lacks becomes events, and the answer's state its completion.
@Suite struct AnswerInConversationTests {
    static let request = ChatRequest(
        action: .next, conversationID: "c1", parentMessageID: "root",
        messages: [TextMessage(id: "u1", text: "Hi")])

    static func conversation(answer: String, status: String, endTurn: Bool?) throws -> Conversation {
        let json = """
            {"conversation_id": "c1", "current_node": "a1", "mapping": {
              "root": {"id": "root", "parent": null, "children": ["u1"]},
              "u1": {"id": "u1", "parent": "root", "children": ["a1"], "message": {"id": "u1",
                "author": {"role": "user"}, "content": {"content_type": "text", "parts": ["Hi"]},
                "status": "finished_successfully"}},
              "a1": {"id": "a1", "parent": "u1", "children": [], "message": {"id": "a1",
                "author": {"role": "assistant"}, "content": {"content_type": "text", "parts": [\(
                    String(decoding: try JSONEncoder().encode(answer), as: UTF8.self))]},
                "status": "\(status)", "end_turn": \(endTurn.map(String.init) ?? "null"), "recipient": "all"}}}}
            """
        return try FastJSON.decodeConversation(Data(json.utf8), fallbackID: "c1")
    }

    @Test func aPartlyStreamedAnswerIsFinishedWithItsMissingText() throws {
        var transcript = StreamTranscript()
        let partial = try Self.conversation(answer: "Hello ", status: "in_progress", endTurn: nil)
        let started = try #require(partial.mapping["a1"]?.message)
        transcript.apply(.messageStarted(StreamMessage(message: started, parentID: "u1", kind: .answer)))
        let found = AnswerInConversation(
            try Self.conversation(answer: "Hello world", status: "finished_successfully", endTurn: true),
            request: Self.request)
        #expect(found.completion == .complete)
        let events = found.events(after: transcript)
        #expect(events.first == .textAppended(messageID: "a1", suffix: "world"))
        #expect(
            events.suffix(2) == [
                .messageFinished(messageID: "a1", status: "finished_successfully", endTurn: true), .done,
            ])
        for event in events { transcript.apply(event) }
        #expect(transcript.answerText == "Hello world")
    }

    @Test func anAnswerNotStreamedAtAllStartsUnderThePrompt() throws {
        let found = AnswerInConversation(
            try Self.conversation(answer: "Whole", status: "finished_successfully", endTurn: true),
            request: Self.request)
        var transcript = StreamTranscript()
        for event in found.events(after: transcript) { transcript.apply(event) }
        #expect(transcript.started == ["a1"])
        #expect(transcript.answerText == "Whole")
        #expect(transcript.done)
    }

    @Test func anAnswerStillWrittenHasNoCompletionAndOneCutShortIsIncomplete() throws {
        let writing = AnswerInConversation(
            try Self.conversation(answer: "Hel", status: "in_progress", endTurn: nil), request: Self.request)
        #expect(writing.completion == nil)
        #expect(!writing.events(after: StreamTranscript()).contains(.done))
        let cut = AnswerInConversation(
            try Self.conversation(answer: "Hello", status: "finished_successfully", endTurn: false),
            request: Self.request)
        #expect(cut.completion == .incomplete(.answerNotFinished(status: "finished_successfully", endTurn: false)))
        let stopped = AnswerInConversation(
            try Self.conversation(answer: "Hel", status: "finished_partial_completion", endTurn: nil),
            request: Self.request)
        #expect(
            stopped.completion == .incomplete(.answerNotFinished(status: "finished_partial_completion", endTurn: nil)))
    }
}
