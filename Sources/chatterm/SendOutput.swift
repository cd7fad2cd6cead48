import ChatClient
import ChatModel
import ChatProtocol
import Foundation

/// Writes an answer: on a terminal its text as it grows, to a pipe the final text once (so a
/// service's final message wins over its deltas: Coze's completed message, Dify's
/// `message_replace`), or one JSON object; then the ids on stderr.
struct SendOutput {
    let json: Bool
    let streaming: Bool
    var conversationID: String?
    var answerID: String?
    /// The answer as last seen (status, `end_turn`, `finish_details`), for ``finish``.
    var answer: Message?
    var text = ""
    var title: String?
    var completion: StreamCompletion?
    var failure: String?
    var serverErrors: [String] = []

    init(json: Bool, streaming: Bool) {
        self.json = json
        self.streaming = streaming
    }

    mutating func apply(_ item: ChatStreamItem) {
        guard case .event(let event) = item else {
            if case .finished(let c) = item { completion = c }
            return
        }
        switch event {
        case .conversationID(let id): conversationID = id
        case .messageStarted(let started) where started.kind == .answer:
            answerID = started.message.id
            answer = started.message
            text = ""
            write(started.message.content.streamedText)
        case .textAppended(let id, let suffix) where id == answerID:
            write(suffix)
        case .textReplaced(let id, let whole) where id == answerID:
            // Already printed text cannot be taken back: print the new text on a fresh line.
            if streaming { FileHandle.standardOutput.write(Data("\n".utf8)) }
            text = ""
            write(whole)
        case .messageUpdated(let message) where message.id == answerID:
            answer = message
        case .messageFinished(let id, let status, let endTurn) where id == answerID:
            if let status { answer?.status = status }
            if let endTurn { answer?.endTurn = endTurn }
        case .title(let t): title = t
        case .serverError(let why): serverErrors.append(why)
        default: break
        }
    }

    private mutating func write(_ s: String) {
        text += s
        guard streaming, !s.isEmpty else { return }
        // Only a terminal gets a stream: server text without control sequences (a pipe gets the
        // final text once, verbatim, in `finish`).
        Output.write(s)
    }

    static var stdoutIsTerminal: Bool { Output.stdoutIsTerminal }

    var complete: Bool { completion == .complete && failure == nil }

    /// How the answer ended, for `--json`'s `finish`: `stop` (finished), `length` (cut at the
    /// length limit), `stopped`, `interrupted`; nil when no answer arrived.
    var finish: String? {
        guard answerID != nil else { return nil }
        if let ending = answer?.ending { return ending.finishName }
        return complete ? "stop" : AnswerEnding.interrupted.finishName
    }

    var status: Int32 {
        if failure != nil && text.isEmpty { return 1 }
        return complete ? 0 : 2
    }

    func finish(parent: String) {
        if json {
            var object: [String: Any] = [
                "text": text, "complete": complete, "parent_message_id": parent,
            ]
            object["conversation_id"] = conversationID ?? NSNull()
            object["message_id"] = answerID ?? NSNull()
            object["title"] = title ?? NSNull()
            object["finish"] = finish ?? NSNull()
            if let failure { object["error"] = failure }
            if !serverErrors.isEmpty { object["server_errors"] = serverErrors }
            if case .incomplete(let reason)? = completion { object["incomplete"] = reason.description }
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                Output.writeJSON(data)
            }
        } else if streaming {
            if !text.isEmpty { FileHandle.standardOutput.write(Data("\n".utf8)) }
        } else if !text.isEmpty {
            // To a pipe the answer is data for the next program: as the model wrote it.
            Output.writeVerbatim(text + "\n")
        }
        if answer?.ending == .cutAtLengthLimit, !json {
            warn("chatterm: the answer was cut at the length limit (--action continue goes on)")
        }
        for line in Self.problems(serverErrors: serverErrors, failure: failure, completion: completion) {
            warn("chatterm: \(line)")
        }
        if !json {
            // Only ids the server gave: an unknown one is left out, not shown as a placeholder.
            if let title { warn("title: \(title)") }
            if let conversationID { warn("conversation: \(conversationID)") }
            if let answerID { warn("message: \(answerID)") }
        }
    }

    /// What went wrong, one sentence each and each said once: the server's errors, the
    /// request's failure, and why the answer is incomplete (folded into the server's error when
    /// that is the reason).
    static func problems(serverErrors: [String], failure: String?, completion: StreamCompletion?) -> [String] {
        var reason: IncompleteReason?
        if case .incomplete(let why)? = completion, failure == nil { reason = why }
        var lines: [String] = []
        for why in serverErrors where !lines.contains(where: { $0.hasSuffix(why) }) {
            if case .serverError(let last)? = reason, last == why {
                lines.append("the answer is incomplete because the server reported an error: \(why)")
                reason = nil
            } else {
                lines.append("the server reported an error: \(why)")
            }
        }
        if let failure { lines.append(failure) }
        if let reason { lines.append("the answer is incomplete: \(reason)") }
        return lines
    }
}
