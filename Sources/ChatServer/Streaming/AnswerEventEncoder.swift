import ChatModel
import ChatProtocol

/// The events a client would decode from the ``DeltaV1Encoder`` stream, made directly for a
/// client in the same process (``InProcessBackend``): no JSON, no SSE, no decoder.
///
/// The one event left out is the `input_message` pass-through (``StreamEvent/metadata(name:_:)``),
/// whose JSON payload no reader uses; the user echo itself is sent as the decoder would make it.
/// `AnswerEventEncoderTests` checks the two paths give the same events.
struct AnswerEventEncoder: AnswerStreamEncoder {
    private var conversationID = ""
    /// The answer's text as the client has it (kept to tell a rewrite that only extends it).
    private var text = ""

    mutating func start(_ turn: StartedTurn) -> [StreamEvent] {
        conversationID = turn.conversationID
        var events: [StreamEvent] = [.conversationID(conversationID)]
        if let user = turn.user {
            events.append(
                .messageStarted(StreamMessage(message: user, conversationID: conversationID, kind: .echo)))
            events += Self.finished(user)
        }
        let assistant = turn.assistant
        events.append(
            .messageStarted(
                StreamMessage(
                    message: assistant, parentID: assistant.metadata["parent_id"]?.stringValue,
                    previousMessageID: turn.user?.id, conversationID: conversationID,
                    kind: StreamMessageKind(classifying: assistant), channel: 0)))
        events += Self.finished(assistant)
        return events
    }

    mutating func chunk(_ chunk: String, answer: Message) -> [StreamEvent] {
        guard !chunk.isEmpty else { return [] }
        text += chunk
        return [.textAppended(messageID: answer.id, suffix: chunk)]
    }

    /// A rewrite that keeps the text so far and adds to it is an append, as decoders report it
    /// (compared by Unicode scalars); an unchanged text is no event.
    mutating func replace(answer: Message) -> [StreamEvent] {
        let new = answer.content.displayText
        defer { text = new }
        if new == text { return [] }
        if let suffix = new.scalarSuffix(after: text) { return [.textAppended(messageID: answer.id, suffix: suffix)] }
        return [.textReplaced(messageID: answer.id, text: new)]
    }

    mutating func finish(_ answer: Message, error: String?) -> [StreamEvent] {
        var events: [StreamEvent] = [.messageUpdated(answer)]
        events += Self.finished(answer)
        if let error { events.append(.serverError(error)) }
        events.append(.done)
        return events
    }

    /// ``StreamEvent/messageFinished(messageID:status:endTurn:)`` when a message has reached a
    /// terminal state (a status other than `in_progress`, or `end_turn: true`), as decoders say it.
    private static func finished(_ message: Message) -> [StreamEvent] {
        let ended = (message.status != nil && message.status != "in_progress") || message.endTurn == true
        return ended ? [.messageFinished(messageID: message.id, status: message.status, endTurn: message.endTurn)] : []
    }

    /// Whether the answer arrived whole, as ``ChatGPTStreamDecoder/completion`` says of a
    /// confirmed stream.
    static func completion(of answer: Message, error: String?) -> StreamCompletion {
        let status = answer.status
        if answer.endTurn == true, status == nil || status == "finished_successfully" { return .complete }
        if let error { return .incomplete(.serverError(error)) }
        return .incomplete(.answerNotFinished(status: status, endTurn: answer.endTurn))
    }
}
