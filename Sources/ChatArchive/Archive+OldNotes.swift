import ChatModel
import ChatProtocol

extension Archive {
    /// `c` with the Coze notes an older chatterm kept raw (JSON in a `verbose` note, a tool
    /// step labelled with its type) said in words, as answers streamed today keep them
    /// (``CozeNotes/reworded(_:)``), so the pane's notes, `show` and exports read the same for
    /// an old conversation as for a new one. The stored JSON is left as it is.
    static func rewordingOldNotes(_ c: Conversation) -> Conversation {
        var c = c
        for (id, node) in c.mapping {
            guard var message = node.message, message.metadata[Message.notesKey] != nil else { continue }
            let notes = message.notes
            let reworded = notes.compactMap(CozeNotes.reworded)
            guard reworded != notes else { continue }
            message.notes = reworded
            c.mapping[id]?.message = message
        }
        return c
    }
}
