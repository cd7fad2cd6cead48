import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// What the older Coze stream says about an answer beside its text: `extra_info`'s tokens and
/// `time_cost` as its usage, and `verbose` messages as notes a person can read. On the frames
/// quoted in seed 001 ("## 看看 coze") and the captures in ../shared/fixtures.
@Suite("Coze extras from seed 001", .enabled(if: SeedText.available))
struct CozeSeedExtrasTests {
    @Test func extraInfoBecomesTheAnswersUsageBeforeDone() throws {
        let (items, decoder) = decodeCoze(try SeedText.cozeStream())
        #expect(decoder.form == .legacy && decoder.text == "当然")
        #expect(items.suffix(3).first == .followUp("薛之谦的代表作有哪些？"))
        // input_tokens "2618"; output_tokens "0" was said before the answer, so neither it nor
        // the total ("token": "2618") counts the answer; the reply took time_cost "4.1" s.
        #expect(items.suffix(2) == [.usage(TokenUsage(promptTokens: 2618, latency: 4.1)), .done])
    }

    @Test func laterCountsOfTheSameReplyWin() throws {
        // The seed elides frames 3–75; one more answer chunk, shaped like its frame 2 with
        // the counts the finished answer would carry.
        var frames = try SeedText.lines(startingWith: #"{"message":"#)
        let answer = try #require(frames.first { $0.contains(#""type":"answer""#) })
        let later = answer.replacingOccurrences(of: #""content":"当然""#, with: #""content":"，他是歌手。""#)
            .replacingOccurrences(
                of: #""output_tokens":"0","token":"2618""#, with: #""output_tokens":"45","token":"2663""#
            )
            .replacingOccurrences(of: #""is_finish":false"#, with: #""is_finish":true"#)
        #expect(later != answer)
        frames.insert(later, at: try #require(frames.firstIndex(of: answer)) + 1)
        let stream = frames.map { "event:message\ndata:\($0)\n\n" }.joined() + "event:done\ndata:\n\n"
        let (items, decoder) = decodeCoze(stream)
        #expect(decoder.text == "当然，他是歌手。")
        #expect(
            items.suffix(2) == [
                .usage(TokenUsage(promptTokens: 2618, completionTokens: 45, totalTokens: 2663, latency: 4.1)), .done,
            ])
    }

    @Test func verboseNotesSayWhatTheyHoldWithoutJSON() throws {
        let (items, _) = decodeCoze(try SeedText.cozeStream())
        let notes = items.compactMap { item -> AnswerNote? in
            guard case .verbose(let label, let text) = item else { return nil }
            return CozeNotes.verbose(label: label, text: text)
        }
        // time_capsule_recall's data is a JSON string holding `"origin_search_results": "[]"`, a
        // third level: nothing was recalled. generate_answer_finish only marks the end: no note.
        #expect(notes == [AnswerNote(kind: "verbose", label: "memory recall", text: "nothing found")])
    }
}

/// Readable notes from verbose messages and tool steps, on the fixtures' and seed-shaped content.
@Suite struct CozeNotesTests {
    @Test func aRecallWithContentListsItsFieldsInWords() throws {
        // Seed 001's time_capsule_recall, with something recalled in its inner JSON strings.
        let content =
            #"{"msg_type":"time_capsule_recall","data":"{\"wraped_text\":\"likes folk songs\",\"origin_search_results\":\"[\\\"薛之谦, 2024-06-01\\\"]\"}","from_module":null,"from_unit":null}"#
        let note = try #require(CozeNotes.verbose(label: "time_capsule_recall", text: content))
        #expect(note.label == "memory recall")
        #expect(note.text == "origin search results: 薛之谦, 2024-06-01\nwraped text: likes folk songs")
        #expect(!note.text.contains("{") && !note.text.contains("\\"))
    }

    @Test func theFinishMarkerIsNoNoteUnlessItSaysMore() {
        // coze_v3_workflows_chat_stream_resp.txt's verbose message, and the legacy capture's.
        let workflow =
            #"{"msg_type":"generate_answer_finish","data":"{\"finish_reason\":0,\"FinData\":\"\"}","from_module":null,"from_unit":null}"#
        #expect(CozeNotes.verbose(label: "generate_answer_finish", text: workflow) == nil)
        #expect(
            CozeNotes.verbose(label: "generate_answer_finish", text: #"{"msg_type":"generate_answer_finish"}"#) == nil)
        let other = workflow.replacingOccurrences(of: #"\"finish_reason\":0"#, with: #"\"finish_reason\":1"#)
        #expect(
            CozeNotes.verbose(label: "generate_answer_finish", text: other)
                == AnswerNote(kind: "verbose", label: "answer finished", text: "finish reason: 1"))
    }

    @Test func toolStepsNameTheToolItsArgumentsAndTheResult() {
        // PROTOCOL.md §6: `function_call` and `tool_response` messages of the v3 stream.
        let call = #"{"name":"getWeather","arguments":{"city":"Beijing","days":2},"plugin_id":7}"#
        #expect(
            CozeNotes.step(type: "function_call", text: call)
                == AnswerNote(kind: "thought", label: "getWeather", text: "Arguments: city: Beijing, days: 2"))
        #expect(
            CozeNotes.step(type: "tool_response", text: #"{"temp":"21°C","sky":"clear"}"#)
                == AnswerNote(kind: "thought", label: "tool result", text: "Result: sky: clear, temp: 21°C"))
        #expect(
            CozeNotes.step(type: "tool_output", text: "sunny")
                == AnswerNote(kind: "thought", label: "tool result", text: "Result: sunny"))
    }

    @Test func contentThatIsNotJSONIsKeptAsText() {
        #expect(
            CozeNotes.verbose(label: "card", text: " plain words ")
                == AnswerNote(kind: "verbose", label: "card", text: "plain words"))
    }

    /// Notes an older chatterm kept raw (before CozeNotes) are said in words when read again;
    /// notes already in words, and other services' notes, are left as they are.
    @Test func oldRawNotesAreRewordedAndWordedOnesKept() {
        let recall =
            #"{"msg_type":"time_capsule_recall","data":"{\"origin_search_results\":\"[]\"}","from_module":null}"#
        #expect(
            CozeNotes.reworded(AnswerNote(kind: "verbose", label: "", text: recall))
                == AnswerNote(kind: "verbose", label: "memory recall", text: "nothing found"))
        #expect(
            CozeNotes.reworded(
                AnswerNote(kind: "verbose", label: "verbose", text: #"{"msg_type":"generate_answer_finish"}"#))
                == nil)
        #expect(
            CozeNotes.reworded(AnswerNote(kind: "thought", label: "function_call", text: #"{"name":"getWeather"}"#))
                == AnswerNote(kind: "thought", label: "getWeather", text: ""))
        let kept = [
            AnswerNote(kind: "verbose", label: "memory recall", text: "nothing found"),
            AnswerNote(kind: "thought", label: "dataset_search", text: #"{"query":"iPhone"}"#),
            AnswerNote(kind: "reasoning", text: #"{"msg_type":"x"}"#),
        ]
        #expect(kept.compactMap(CozeNotes.reworded) == kept)
    }
}
