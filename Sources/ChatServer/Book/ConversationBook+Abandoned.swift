import ChatArchive
import ChatModel
import ChatProtocol
import Foundation

/// Answers a dead process left `in_progress`: each streaming answer is recorded in the
/// archive's `open_answer` table with the writer's pid while it streams, and a server that
/// starts marks those of processes that no longer run as interrupted, so they never look
/// complete nor stay "in progress" for ever.
extension ConversationBook {
    /// Marks every answer left `in_progress` by a process that ended (killed, crashed) as
    /// interrupted (`finished_partial_completion`, `finish_details` `interrupted` with reason
    /// `process_ended`); the text written so far stays. Returns how many were marked.
    @discardableResult
    static func interruptAbandonedAnswers(in archive: Archive) throws -> Int {
        var marked = 0
        for open in try archive.abandonedAnswers() {
            if let source = try archive.summary(id: open.conversationID)?.source,
                var c = try archive.conversation(id: open.conversationID),
                var m = c.mapping[open.messageID]?.message, m.status == "in_progress"
            {
                m.status = "finished_partial_completion"
                m.endTurn = false
                m.metadata["finish_details"] = .object([
                    "type": .string("interrupted"), "reason": .string("process_ended"),
                ])
                c.mapping[open.messageID]?.message = m
                c.updateTime = max(Date().timeIntervalSince1970, (c.updateTime ?? 0) + 0.000_001)
                try archive.upsert(c, raw: WireJSON.data(ConversationEncoding.json(c)), source: source)
                marked += 1
            }
            try archive.closeOpenAnswer(messageID: open.messageID)
        }
        return marked
    }
}
