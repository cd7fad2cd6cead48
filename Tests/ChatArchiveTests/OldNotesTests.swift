import ChatArchive
import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// A Coze conversation an older chatterm kept, its notes raw as the legacy stream sent them
/// (seed 001's `time_capsule_recall` and `generate_answer_finish`, a tool call), reads in words
/// when opened again: the pane's notes, `show` and exports see what a new answer keeps.
@Suite struct OldNotesTests {
    @Test func rawCozeNotesReadInWordsAndTheStoredJSONStaysAsItWas() throws {
        let recall = #"{"msg_type":"time_capsule_recall","data":"{\"origin_search_results\":\"[]\"}"}"#
        let notes: [[String: Any]] = [
            ["kind": "verbose", "label": "", "text": recall],
            ["kind": "verbose", "label": "", "text": #"{"msg_type":"generate_answer_finish"}"#],
            [
                "kind": "thought", "label": "function_call",
                "text": #"{"name":"getWeather","arguments":{"city":"Beijing"}}"#,
            ],
        ]
        let object = TestJSON.withParts(
            TestJSON.conversation(id: "old", nodes: [("u1", nil, "user", "天气"), ("a1", "u1", "assistant", "晴")]),
            node: "a1", ["晴"], metadata: [Message.notesKey: notes])
        let raw = TestJSON.data(object)
        let archive = try Archive.inMemory()
        try archive.upsert(try ConversationJSON.decode(raw), raw: raw, source: "bot")

        let read = try #require(try archive.conversation(id: "old"))

        #expect(
            read.mapping["a1"]?.message?.notes == [
                AnswerNote(kind: "verbose", label: "memory recall", text: "nothing found"),
                AnswerNote(kind: "thought", label: "getWeather", text: "Arguments: city: Beijing"),
            ])
        #expect(try archive.rawJSON(id: "old") == raw)
    }
}
