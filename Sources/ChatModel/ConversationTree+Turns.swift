/// The visible path as turns, with continued answers joined.
///
/// **Continuation rule.** Walking the path root → leaf and skipping what is not visible, a visible
/// assistant message joins the turn before it when that turn ends with a visible assistant message,
/// neither is reasoning, and the joining message has no siblings. This covers a `continue` answer
/// (`metadata.message_type == "continue"`), an answer cut by `max_tokens` or `end_turn == false`,
/// and any answer split across nodes (for example around hidden tool calls). A message with
/// siblings always starts its own turn, so its `‹i/n›` stays reachable.
///
/// **Joining text.** A real continuation (`message_type == "continue"`, or the previous message
/// stopped with `finish_details.type == "max_tokens"`) is concatenated directly, as ChatGPT does:
/// the model resumes mid-sentence or mid-word. Other joins are separated by a blank line, since
/// they are separate paragraphs of one answer (`end_turn == false` alone is set on every step of a
/// tool-using answer, so it does not imply mid-sentence).
extension ConversationTree {
    /// The turns of the visible path from the root to `leaf` (any node; an unknown id gives none).
    public func turns(to leaf: String, showReasoning: Bool = false) -> [Turn] {
        guard let l = index[leaf] else { return [] }
        var turns: [Turn] = []
        var previous: Message? = nil
        for i in pathIndices(to: l) {
            guard let message = messages[i], Self.shows(message, showReasoning: showReasoning) else { continue }
            if let before = previous, var turn = turns.last, joins(message, at: i, after: before) {
                let separator = Self.continuesDirectly(message, after: before) ? "" : "\n\n"
                turn.nodeIDs.append(ids[i])
                let cited = Citations.resolve(
                    message.content.displayText, metadata: message.metadata, after: turn.sources)
                turn.text += separator + cited.text
                turn.sources = cited.sources
                turn.modelSlug = message.modelSlug ?? turn.modelSlug
                turn.status = message.status ?? turn.status
                turn.takeExtras(of: message)
                turns[turns.count - 1] = turn
            } else {
                let position = siblingPosition(of: i)
                let cited = Citations.resolve(message.content.displayText, metadata: message.metadata)
                var turn = Turn(
                    id: ids[i], nodeIDs: [ids[i]], author: message.author, text: cited.text,
                    isReasoning: message.isReasoning, siblingIndex: position.index, siblingCount: position.count,
                    modelSlug: modelSlug(of: message), createTime: message.createTime, status: message.status)
                turn.sources = cited.sources
                turn.takeExtras(of: message)
                turns.append(turn)
            }
            previous = message
        }
        return turns
    }

    /// The model that wrote `message`: its own `model_slug`, else for an answer the
    /// conversation's `default_model_slug` (exports leave the message's out at times).
    func modelSlug(of message: Message) -> String? {
        message.modelSlug ?? (message.author.role == .assistant ? conversation.defaultModelSlug : nil)
    }

    /// Whether the visible message at `i` joins the turn ending with `before`.
    func joins(_ message: Message, at i: Int, after before: Message) -> Bool {
        guard message.author.role == .assistant, before.author.role == .assistant,
            !message.isReasoning, !before.isReasoning
        else { return false }
        return siblingPosition(of: i).count == 1
    }

    /// Whether `message` resumes `before` mid-text (joined without a separator).
    static func continuesDirectly(_ message: Message, after before: Message) -> Bool {
        message.metadata["message_type"]?.stringValue == "continue"
            || before.metadata["finish_details"]?["type"]?.stringValue == "max_tokens"
    }
}

extension Turn {
    /// Adds a joined message's extras: its notes, and its follow-ups, error and usage
    /// (the last message's win).
    mutating func takeExtras(of message: Message) {
        notes += message.notes
        followUps = message.followUps
        errorText = message.errorText
        usage = message.tokenUsage ?? usage
        ending = message.ending
    }
}
