import ChatModel
import ChatProtocol
import Foundation
import GRDB

/// A thumb you gave an answer on the web page (`message_feedback.json` of an export).
public struct MessageFeedback: Sendable, Hashable {
    /// Up or down.
    public enum Rating: String, Sendable {
        case up, down
    }

    /// The conversation.
    public var conversationID: String
    /// The answer rated.
    public var messageID: String
    /// The thumb.
    public var rating: Rating
    /// What you wrote with it, if anything.
    public var text: String?

    /// Creates one.
    public init(conversationID: String, messageID: String, rating: Rating, text: String? = nil) {
        self.conversationID = conversationID
        self.messageID = messageID
        self.rating = rating
        self.text = text
    }

    /// One record of `message_feedback.json`, read leniently: `conversation_id`, the message as
    /// `message_id` (else `id`), `rating` `thumbsUp`/`thumbsDown` (any spelling with up or down),
    /// and text from `text` or from `content`, which may be a JSON string holding `text`. Nil for
    /// a record that names no conversation, message or thumb.
    public init?(record: JSONValue) {
        guard let conversation = record["conversation_id"]?.stringValue,
            let message = record["message_id"]?.stringValue ?? record["id"]?.stringValue,
            let ratingName = record["rating"]?.stringValue?.lowercased()
        else { return nil }
        let rating: Rating
        if ratingName.contains("up") || ratingName == "positive" || ratingName == "good" {
            rating = .up
        } else if ratingName.contains("down") || ratingName == "negative" || ratingName == "bad" {
            rating = .down
        } else {
            return nil
        }
        var text = record["text"]?.stringValue
        if text == nil, let content = record["content"] {
            let inner = content.stringValue.flatMap { try? FastJSON.parse(Data($0.utf8)) } ?? content
            text = inner["text"]?.stringValue
        }
        self.init(
            conversationID: conversation, messageID: message, rating: rating,
            text: text.flatMap { $0.contains { !$0.isWhitespace } ? $0 : nil })
    }

    /// Reads `file` and keeps its thumbs in `archive`; returns how many, and a note when the file
    /// cannot be read (what was read before is kept).
    static func keep(_ file: ExportFile, in archive: Archive) -> (kept: Int, note: ImportSkip?) {
        var found: [MessageFeedback] = []
        let note = file.forEachElement { record in
            if let feedback = MessageFeedback(record: record) { found.append(feedback) }
        }
        do {
            try archive.keepFeedback(found)
        } catch {
            return (0, ImportSkip(id: nil, reason: "\(file.name): could not be stored: \(error)"))
        }
        return (found.count, note)
    }
}

extension Archive {
    /// Keeps thumbs (again: a message's newer thumb replaces the older).
    public func keepFeedback(_ feedback: [MessageFeedback]) throws {
        try replaceRows(
            feedback,
            sql:
                "INSERT OR REPLACE INTO message_feedback (conversation_id, message_id, rating, text) VALUES (?, ?, ?, ?)"
        ) { [$0.conversationID, $0.messageID, $0.rating.rawValue, $0.text] }
    }

    /// `c` with your thumbs on its messages: `metadata.chatterm_feedback` `up`/`down`, and
    /// `chatterm_feedback_text` when you wrote something.
    func addingFeedback(to c: Conversation) throws -> Conversation {
        let rows = try rowsKept(
            for: c.id, in: "message-feedback",
            sql: "SELECT message_id, rating, text FROM message_feedback WHERE conversation_id = ?")
        guard !rows.isEmpty else { return c }
        var c = c
        for row in rows {
            let (id, rating, text): (String, String, String?) = (row[0], row[1], row[2])
            // The thumb names the message; its node usually has the same id.
            let node = c.mapping[id] != nil ? id : c.mapping.first { $0.value.message?.id == id }?.key
            guard let node, c.mapping[node]?.message != nil else { continue }
            c.mapping[node]?.message?.metadata["chatterm_feedback"] = .string(rating)
            if let text { c.mapping[node]?.message?.metadata["chatterm_feedback_text"] = .string(text) }
        }
        return c
    }
}
