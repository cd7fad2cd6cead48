import ChatModel
import ChatProtocol
import ChatRender

/// Changing the open conversation while an answer streams in: new nodes rebuild the tree
/// (a few times an answer), text appended to the last visible message only re-lays out its
/// last line (hundreds of times a second).
extension OpenConversation {
    /// The conversation with every streamed text written into its messages.
    var committedConversation: Conversation {
        var c = tree.conversation
        for (id, text) in liveTexts {
            guard let message = c.mapping[id]?.message else { continue }
            c.mapping[id]?.message?.content = message.content.replacingStreamedText(text)
        }
        return c
    }

    /// Rebuilds the tree from `conversation`, then lays out the path to `leaf`.
    mutating func rebuild(_ conversation: Conversation, leaf newLeaf: String) {
        liveTexts = [:]
        tree = ConversationTree(conversation)
        leaf = tree.node(newLeaf) != nil ? newLeaf : tree.currentLeaf
        memory.visit(leaf)
        relayout()
    }

    /// Adds a message under `parent` (or replaces the message with its id), and shows it when
    /// `follow` is set or when it extends the open branch.
    mutating func upsert(_ message: Message, parent: String?, follow: Bool) {
        var c = committedConversation
        var newLeaf = leaf
        if c.mapping[message.id] != nil {
            c.mapping[message.id]?.message = message
        } else {
            let attach = parent.flatMap { c.mapping[$0] != nil ? $0 : nil } ?? leaf
            c.mapping[message.id] = Node(id: message.id, message: message, parent: attach)
            c.mapping[attach]?.children.append(message.id)
            if follow || attach == leaf { newLeaf = message.id }
        }
        c.currentNode = newLeaf
        rebuild(c, leaf: newLeaf)
    }

    /// The streamed text of a message: its live text, else its stored text.
    func streamedText(of id: String) -> String? {
        liveTexts[id] ?? tree.node(id)?.message?.content.streamedText
    }

    /// Appends streamed text to a message. When the message ends the open branch and shows
    /// its text as is, only the tail of the layout changes; otherwise the text is written
    /// into the tree and the pane laid out again.
    mutating func append(_ suffix: String, to id: String) {
        if liveTexts[id] == nil {
            guard let stored = tree.node(id)?.message?.content.streamedText else { return }
            liveTexts[id] = stored
        }
        // Appended in place: building `current + suffix` copied the whole answer on every delta.
        let wasBlank = Self.isBlank(liveTexts[id, default: ""])
        liveTexts[id, default: ""].append(suffix)
        if let last = turns.last, last.nodeIDs.last == id, Self.showsStreamedText(tree.node(id)?.message) {
            turns[turns.count - 1].text += suffix
            if layout.appendToLastTurn(suffix) { return }
        }
        let shown = turnIndex(containing: id) != nil
        // A blank message is hidden; it appears with its first visible character.
        let appears = !shown && wasBlank && !Self.isBlank(suffix) && tree.path(to: leaf).contains(id)
        guard shown || appears else { return }
        rebuild(committedConversation, leaf: leaf)
    }

    /// Replaces a message's streamed text.
    mutating func replaceText(_ text: String, of id: String) {
        guard tree.node(id)?.message != nil else { return }
        liveTexts[id] = text
        guard turnIndex(containing: id) != nil else { return }
        rebuild(committedConversation, leaf: leaf)
    }

    static func isBlank(_ text: String) -> Bool {
        !text.contains { !$0.isWhitespace }
    }

    /// Whether a message's display text is its streamed text (plain text parts), so appended
    /// text can go straight onto its turn.
    static func showsStreamedText(_ message: Message?) -> Bool {
        guard let content = message?.content else { return false }
        guard content.type == "text" || content.type == "multimodal_text" else { return false }
        return content.parts.allSatisfy { if case .text = $0 { true } else { false } }
    }
}
