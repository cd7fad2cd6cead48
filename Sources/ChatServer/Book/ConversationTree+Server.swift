import ChatModel
import Foundation

/// The tree edits the server makes, as pure functions on a `Conversation`.
enum ServerTree {
    /// The root node id of conversations the server creates (2025+ clients send it as the
    /// `parent_message_id` of a new chat).
    static let rootID = "client-created-root"

    /// A new conversation: `client-created-root` holding one hidden system node.
    static func newConversation(id: String, now: Double, model: String) -> (Conversation, systemID: String) {
        let systemID = UUID().uuidString.lowercased()
        let system = Message(
            id: systemID, author: Author(role: .system), createTime: nil, content: .text(""),
            status: "finished_successfully", endTurn: true, weight: 0,
            metadata: ["is_visually_hidden_from_conversation": .bool(true)], recipient: "all")
        let c = Conversation(
            id: id, title: "New chat", createTime: now, updateTime: now,
            mapping: [
                rootID: Node(id: rootID, message: nil, parent: nil, children: [systemID]),
                systemID: Node(id: systemID, message: system, parent: rootID, children: []),
            ],
            currentNode: systemID, isArchived: false, defaultModelSlug: model)
        return (c, systemID)
    }

    /// Adds `message` as the last child of `parent` and makes it the current node.
    static func append(_ message: Message, under parent: String, to c: inout Conversation) {
        c.mapping[message.id] = Node(id: message.id, message: message, parent: parent, children: [])
        c.mapping[parent]?.children.append(message.id)
        c.currentNode = message.id
    }

    /// The messages from the root down to `nodeID` (included), hidden ones left out.
    static func history(to nodeID: String, in c: Conversation) -> [TextMessage] {
        var path: [TextMessage] = []
        var seen: Set<String> = []
        var id: String? = nodeID
        while let current = id, let node = c.mapping[current], seen.insert(current).inserted {
            if let m = node.message, !m.isHidden {
                path.append(TextMessage(id: m.id, role: m.author.role, text: m.content.displayText))
            }
            id = node.parent
        }
        return path.reversed()
    }

    /// The first node with a message under the root chain: where a user message goes
    /// when a client names the root (or an unknown id) as parent of a new chat.
    static func attachPoint(in c: Conversation) -> String {
        var id = rootID
        while let node = c.mapping[id], let first = node.children.first,
            c.mapping[first]?.message?.author.role == .system
        {
            id = first
        }
        return id
    }

    /// A fresh message id, unless `preferred` is usable (non-empty and not yet in the tree).
    static func freshID(_ preferred: String?, in c: Conversation) -> String {
        if let preferred, !preferred.isEmpty, c.mapping[preferred] == nil { return preferred }
        return UUID().uuidString.lowercased()
    }
}
