import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation

/// Compact builders for hand-made mappings.
enum T {
    /// A text message.
    static func message(
        _ role: String, _ text: String, id: String = UUID().uuidString, time: Double? = nil,
        metadata: [String: JSONValue] = [:], endTurn: Bool? = nil, recipient: String? = "all",
        channel: String? = nil, status: String? = nil
    ) -> Message {
        Message(
            id: id, author: Author(role: Role(role)), createTime: time, content: .text(text), status: status,
            endTurn: endTurn, metadata: metadata, recipient: recipient, channel: channel)
    }

    /// A message with arbitrary content.
    static func message(_ role: String, content: MessageContent, time: Double? = nil) -> Message {
        Message(id: UUID().uuidString, author: Author(role: Role(role)), createTime: time, content: content)
    }

    /// A node; `role == nil` means no message.
    static func node(
        _ id: String, parent: String?, _ children: [String] = [], _ role: String? = nil, _ text: String = "",
        time: Double? = nil, metadata: [String: JSONValue] = [:]
    ) -> Node {
        Node(
            id: id, message: role.map { message($0, text, id: id, time: time, metadata: metadata) }, parent: parent,
            children: children)
    }

    /// A conversation of the given nodes.
    static func conversation(_ nodes: [Node], current: String? = nil) -> Conversation {
        var mapping: [String: Node] = [:]
        for node in nodes { mapping[node.id] = node }
        return Conversation(id: "c", mapping: mapping, currentNode: current)
    }

    /// A tree of the given nodes.
    static func tree(_ nodes: [Node], current: String? = nil) -> ConversationTree {
        ConversationTree(conversation(nodes, current: current))
    }

    /// A well-formed linear chain root → u1 → a1 → u2 → a2 …, with increasing times.
    static func chain(_ count: Int) -> [Node] {
        var nodes = [Node(id: "root", children: count > 0 ? ["n1"] : [])]
        for i in 1...max(count, 1) where count > 0 {
            let role = i % 2 == 1 ? "user" : "assistant"
            let children = i < count ? ["n\(i + 1)"] : []
            nodes.append(
                node("n\(i)", parent: i == 1 ? "root" : "n\(i - 1)", children, role, "m\(i)", time: Double(i)))
        }
        return nodes
    }

    /// A fixture decoded as a conversation, or nil when fixtures are absent.
    static func fixture(_ name: String, id: String) throws -> Conversation? {
        guard let data = Fixtures.data(name) else { return nil }
        return try ConversationJSON.decode(data, fallbackID: id)
    }
}
