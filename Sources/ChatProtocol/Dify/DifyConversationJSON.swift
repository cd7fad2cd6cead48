import ChatModel
import Foundation

/// Writes a conversation built from Dify pages as a backend-api conversation object, the form
/// the archive keeps as a conversation's raw JSON and reads back with ``ConversationJSON``:
/// decoding the bytes gives the same ``ChatModel/Conversation``.
public enum DifyConversationJSON {
    /// The backend-api conversation object of `conversation`.
    public static func json(_ conversation: Conversation) -> JSONValue {
        var object = conversation.extra
        object["id"] = .string(conversation.id)
        object["conversation_id"] = .string(conversation.id)
        object["title"] = conversation.title.map(JSONValue.string) ?? .null
        object["create_time"] = conversation.createTime.map(JSONValue.number) ?? .null
        object["update_time"] = conversation.updateTime.map(JSONValue.number) ?? .null
        object["current_node"] = conversation.currentNode.map(JSONValue.string) ?? .null
        object["is_archived"] = .bool(conversation.isArchived)
        if let slug = conversation.defaultModelSlug { object["default_model_slug"] = .string(slug) }
        object["mapping"] = .object(
            conversation.mapping.mapValues { node -> JSONValue in
                .object([
                    "id": .string(node.id),
                    "message": node.message.map(json) ?? .null,
                    "parent": node.parent.map(JSONValue.string) ?? .null,
                    "children": .array(node.children.map(JSONValue.string)),
                ])
            })
        return .object(object)
    }

    /// One message object; fields the message does not have are left out.
    public static func json(_ message: Message) -> JSONValue {
        var object = message.extra
        var author: [String: JSONValue] = ["role": .string(message.author.role.description)]
        if let name = message.author.name { author["name"] = .string(name) }
        object["id"] = .string(message.id)
        object["author"] = .object(author)
        object["content"] = content(message.content)
        object["metadata"] = .object(message.metadata)
        if let time = message.createTime { object["create_time"] = .number(time) }
        if let time = message.updateTime { object["update_time"] = .number(time) }
        if let status = message.status { object["status"] = .string(status) }
        if let endTurn = message.endTurn { object["end_turn"] = .bool(endTurn) }
        if let weight = message.weight { object["weight"] = .number(weight) }
        if let recipient = message.recipient { object["recipient"] = .string(recipient) }
        if let channel = message.channel { object["channel"] = .string(channel) }
        return .object(object)
    }

    /// The bytes of ``json(_:)-(Conversation)`` (keys sorted, so equal conversations give equal bytes).
    public static func data(_ conversation: Conversation) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(json(conversation))) ?? Data("{}".utf8)
    }

    /// A content object: the raw object when there is one, else one built from the fields.
    static func content(_ content: MessageContent) -> JSONValue {
        if case .object = content.raw { return content.raw }
        var object: [String: JSONValue] = ["content_type": .string(content.type)]
        object["parts"] = .array(
            content.parts.map { part in
                switch part {
                case .text(let s): .string(s)
                case .object(_, let raw): raw
                }
            })
        if let text = content.text { object["text"] = .string(text) }
        if let language = content.language { object["language"] = .string(language) }
        return .object(object)
    }
}
