import ChatModel
import Foundation
import Testing

/// How an answer ended, read from its status and `finish_details` as the services write them.
struct AnswerEndingTests {
    static func details(_ type: String, reason: String? = nil) -> [String: JSONValue] {
        var d: [String: JSONValue] = ["type": .string(type)]
        if let reason { d["reason"] = .string(reason) }
        return ["finish_details": .object(d)]
    }

    @Test func finishedAnswersCarryNoMark() {
        let stop = T.message("assistant", "done", metadata: Self.details("stop"), status: "finished_successfully")
        #expect(stop.ending == nil)
        // 2023 data has no status at all.
        #expect(T.message("assistant", "old").ending == nil)
    }

    @Test func lengthLimitIsCut() {
        #expect(T.message("assistant", "x", metadata: Self.details("max_tokens")).ending == .cutAtLengthLimit)
        #expect(T.message("assistant", "x", metadata: Self.details("length")).ending == .cutAtLengthLimit)
        let partial = T.message(
            "assistant", "x", metadata: Self.details("max_tokens"), status: "finished_partial_completion")
        #expect(partial.ending == .cutAtLengthLimit)
    }

    @Test func stoppedByTheReaderOrInterruptedOtherwise() {
        let stopped = T.message("assistant", "x", metadata: Self.details("interrupted", reason: "client_stopped"))
        #expect(stopped.ending == .stopped)
        let dropped = T.message("assistant", "x", metadata: Self.details("interrupted", reason: "client_disconnected"))
        #expect(dropped.ending == .interrupted)
        #expect(T.message("assistant", "x", status: "finished_partial_completion").ending == .interrupted)
    }

    @Test func anAnswerLeftInProgressIsInterrupted() {
        #expect(T.message("assistant", "half an ans", status: "in_progress").ending == .interrupted)
    }

    @Test func onlyAnswersAreMarked() {
        #expect(T.message("user", "x", status: "in_progress").ending == nil)
        #expect(T.message("tool", "x", metadata: Self.details("max_tokens")).ending == nil)
    }

    @Test func aTurnTakesTheEndingOfItsLastNode() {
        var first = T.message("assistant", "Hello wor", id: "a1", metadata: Self.details("max_tokens"))
        first.status = "finished_partial_completion"
        let cut = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a1"], "user", "Say hello"),
            Node(id: "a1", message: first, parent: "u", children: []),
        ])
        #expect(cut.turns(to: "a1").last?.ending == .cutAtLengthLimit)
        var rest = T.message("assistant", "ld!", id: "a2", metadata: ["message_type": .string("continue")])
        rest.status = "finished_successfully"
        let continued = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a1"], "user", "Say hello"),
            Node(id: "a1", message: first, parent: "u", children: ["a2"]),
            Node(id: "a2", message: rest, parent: "a1", children: []),
        ])
        #expect(continued.turns(to: "a2").last?.ending == nil)
    }
}

/// How `chatterm send --json` names an ending in its `finish` field.
struct AnswerEndingFinishNameTests {
    @Test func eachEndingHasItsWord() {
        #expect(AnswerEnding.cutAtLengthLimit.finishName == "length")
        #expect(AnswerEnding.stopped.finishName == "stopped")
        #expect(AnswerEnding.interrupted.finishName == "interrupted")
    }
}
