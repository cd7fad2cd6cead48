import ChatModel
import ChatProtocol
import Foundation

/// `model_comparisons.json` of an export: each time ChatGPT asked "which response do you
/// prefer?", the conversation so far (`input.prompt_convo.messages`, whose last message is the
/// prompt answered) and both answers (`output.feedback_step_2.original_turn` and `new_turn`,
/// each a list of messages). The conversation keeps only the answer chosen; the other is kept
/// here as a sibling of it (an ``AddedNode``), so `[`/`]` reach it like any other version.
enum ModelComparisons {
    /// The answers of one record, as nodes hanging under the prompt they answer (a turn of
    /// several messages as a chain). Nothing for a record without a conversation id, a prompt or
    /// answers.
    static func nodes(of record: JSONValue) -> [AddedNode] {
        guard let input = record["input"],
            let conversationID = input["conversation_id"]?.stringValue ?? record["conversation_id"]?.stringValue,
            let prompt = input["prompt_convo"]?["messages"]?.arrayValue?.last?["id"]?.stringValue
        else { return [] }
        let answers = record["output"]?["feedback_step_2"]
        var nodes: [AddedNode] = []
        for key in ["original_turn", "new_turn"] {
            var parent = prompt
            for message in answers?[key]?.arrayValue ?? [] {
                guard let id = message["id"]?.stringValue, !id.isEmpty, message.objectValue != nil,
                    let bytes = try? JSONEncoder().encode(message)
                else { break }
                nodes.append(
                    AddedNode(
                        conversationID: conversationID, nodeID: id, parentID: parent, message: bytes,
                        kind: .comparedAnswer
                    ))
                parent = id
            }
        }
        return nodes
    }

    /// Reads `file` and keeps its answers in `archive`; returns how many are answers its
    /// conversations lacked (branches the reader will see), and a note when the file cannot be
    /// read (what was read before is kept).
    static func keep(_ file: ExportFile, in archive: Archive) -> (branches: Int, note: ImportSkip?) {
        var nodes: [AddedNode] = []
        let note = file.forEachElement { nodes += Self.nodes(of: $0) }
        do {
            try archive.addNodes(nodes)
        } catch {
            return (0, ImportSkip(id: nil, reason: "\(file.name): could not be stored: \(error)"))
        }
        return (branches(nodes, in: archive), note)
    }

    /// How many of `nodes` their conversation lacks and can hang where they belong; each
    /// conversation given one is indexed again, so search finds those answers too.
    static func branches(_ nodes: [AddedNode], in archive: Archive) -> Int {
        var conversations: [String: Conversation?] = [:]
        var count = 0
        for node in nodes {
            if conversations[node.conversationID] == nil {
                conversations[node.conversationID] = .some(try? archive.conversation(id: node.conversationID))
            }
            guard let c = conversations[node.conversationID] ?? nil else { continue }
            if c.mapping[node.nodeID]?.message?.metadata["chatterm_added"] != nil { count += 1 }
        }
        for case let c? in conversations.values
        where c.mapping.values.contains(where: { $0.message?.metadata["chatterm_added"] != nil }) {
            try? archive.reindexSearch(of: c)
        }
        return count
    }
}
