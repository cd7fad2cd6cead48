import ChatModel
import ChatProtocol

/// A send's answer as a fetched conversation holds it (`GET /backend-api/conversation/{id}`),
/// for an answer whose socket went silent: the messages the server added under the request's
/// prompt on the newest branch, and the events that bring a stream's transcript up to them.
struct AnswerInConversation: Sendable {
    /// The nodes under the prompt, in order down the newest branch (the prompt's echo first
    /// when the prompt was not found, then tool messages and the answer).
    let path: [Node]
    /// The answer: the last visible assistant message on the path (for `continue`, the message
    /// continued when nothing is under it yet).
    let answer: Message?

    /// Finds the answer to `request` in `conversation`.
    init(_ conversation: Conversation, request: ChatRequest) {
        let mapping = conversation.mapping
        var anchors: [String] = []
        if request.action == .next, let prompt = request.messages.last?.id { anchors.append(prompt) }
        anchors.append(request.parentMessageID)
        var path: [Node] = []
        if let anchor = anchors.first(where: { mapping[$0] != nil }) {
            var id = anchor
            while path.count < mapping.count, let next = mapping[id]?.children.last, let node = mapping[next] {
                path.append(node)
                id = next
            }
        } else if let current = conversation.currentNode, let node = mapping[current] {
            path = [node]
        }
        self.path = path
        var answer = path.last { node in
            node.message.map { StreamMessageKind(classifying: $0) == .answer } ?? false
        }?.message
        if answer == nil, request.action == .continue, let continued = mapping[request.parentMessageID]?.message,
            StreamMessageKind(classifying: continued) == .answer
        {
            answer = continued
        }
        self.answer = answer
    }

    /// The events a stream that produced `transcript` still lacks: a start for each message it
    /// has not seen, the answer's new text (appended when it only grew), and once the answer
    /// has finished, its final snapshot and end.
    func events(after transcript: StreamTranscript) -> [StreamEvent] {
        var events: [StreamEvent] = []
        var started = Set(transcript.started)
        var messages = path.compactMap { node in node.message.map { (node.parent, $0) } }
        if let answer, !messages.contains(where: { $0.1.id == answer.id }) {
            messages.append((nil, answer))
        }
        for (parent, message) in messages where started.insert(message.id).inserted {
            events.append(
                .messageStarted(
                    StreamMessage(message: message, parentID: parent, kind: StreamMessageKind(classifying: message))))
        }
        guard let answer else { return events }
        let text = answer.content.streamedText
        let seen = transcript.started.contains(answer.id)
        if seen, let before = transcript.texts[answer.id], before != text {
            events.append(
                text.hasPrefix(before)
                    ? .textAppended(messageID: answer.id, suffix: String(text.dropFirst(before.count)))
                    : .textReplaced(messageID: answer.id, text: text))
        }
        if completion != nil {
            events.append(.messageUpdated(answer))
            events.append(.messageFinished(messageID: answer.id, status: answer.status, endTurn: answer.endTurn))
            events.append(.done)
        }
        return events
    }

    /// Whether the answer is whole, once it has reached a final state (as the stream decoders
    /// judge it: `finished_successfully` without `end_turn: false`); nil while it is still
    /// being written or not there yet.
    var completion: StreamCompletion? {
        guard let answer else { return nil }
        switch answer.status {
        case "in_progress"?:
            return nil
        case "finished_successfully"?:
            return answer.endTurn == false
                ? .incomplete(.answerNotFinished(status: answer.status, endTurn: answer.endTurn)) : .complete
        case nil:
            return answer.endTurn == true ? .complete : nil
        case let status?:
            return .incomplete(.answerNotFinished(status: status, endTurn: answer.endTurn))
        }
    }

    /// What changes from one read to the next while the answer is written: which messages,
    /// the answer's length and status.
    var progress: [String] {
        path.map(\.id) + [answer?.status ?? "", String(answer?.content.streamedText.count ?? 0)]
    }
}
