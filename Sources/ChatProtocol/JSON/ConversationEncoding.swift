import ChatModel
import Foundation

/// Turns the model back into backend-api JSON: the detail endpoint's conversation object,
/// its nodes and messages. Times are epoch floats, as the detail endpoint sends them.
public enum ConversationEncoding {
    /// The detail object of `c` (`GET /backend-api/conversation/{id}`).
    public static func json(_ c: Conversation) -> JSONValue {
        var object = c.extra
        object["title"] = c.title.map(JSONValue.string) ?? .null
        object["create_time"] = c.createTime.map(JSONValue.number) ?? .null
        object["update_time"] = c.updateTime.map(JSONValue.number) ?? .null
        object["mapping"] = .object(c.mapping.mapValues(json))
        object["current_node"] = c.currentNode.map(JSONValue.string) ?? .null
        object["conversation_id"] = .string(c.id)
        object["id"] = .string(c.id)
        object["is_archived"] = .bool(c.isArchived)
        object["default_model_slug"] = c.defaultModelSlug.map(JSONValue.string) ?? .null
        for key in ["moderation_results", "safe_urls", "disabled_tool_ids"] where object[key] == nil {
            object[key] = .array([])
        }
        for key in ["plugin_ids", "conversation_template_id", "gizmo_id", "async_status"] where object[key] == nil {
            object[key] = .null
        }
        return .object(object)
    }

    /// One `mapping` entry.
    public static func json(_ node: Node) -> JSONValue {
        .object([
            "id": .string(node.id),
            "message": node.message.map(json) ?? .null,
            "parent": node.parent.map(JSONValue.string) ?? .null,
            "children": .array(node.children.map(JSONValue.string)),
        ])
    }

    /// One message object.
    public static func json(_ m: Message) -> JSONValue {
        var object = m.extra
        object["id"] = .string(m.id)
        object["author"] = .object([
            "role": .string(m.author.role.description),
            "name": m.author.name.map(JSONValue.string) ?? .null,
            "metadata": .object([:]),
        ])
        object["create_time"] = m.createTime.map(JSONValue.number) ?? .null
        object["update_time"] = m.updateTime.map(JSONValue.number) ?? .null
        object["content"] = content(m.content)
        object["status"] = m.status.map(JSONValue.string) ?? .null
        object["end_turn"] = m.endTurn.map(JSONValue.bool) ?? .null
        object["weight"] = .number(m.weight ?? 1)
        object["metadata"] = .object(m.metadata)
        object["recipient"] = .string(m.recipient ?? "all")
        object["channel"] = m.channel.map(JSONValue.string) ?? .null
        return .object(object)
    }

    /// A content object: the raw object when the content came from JSON, else built from
    /// its fields.
    static func content(_ c: MessageContent) -> JSONValue {
        if case .object = c.raw { return c.raw }
        var object: [String: JSONValue] = ["content_type": .string(c.type)]
        if !c.parts.isEmpty || c.text == nil {
            object["parts"] = .array(
                c.parts.map { part in
                    switch part {
                    case .text(let s): .string(s)
                    case .object(_, let raw): raw
                    }
                })
        }
        if let text = c.text { object["text"] = .string(text) }
        if let language = c.language { object["language"] = .string(language) }
        return .object(object)
    }
}
