import ChatModel
import Foundation

/// Why a conversation object could not be read.
public enum ConversationDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The JSON is not valid.
    case malformedJSON(String)
    /// The value is not a JSON object.
    case notAnObject
    /// Neither `id` nor `conversation_id` is present.
    case missingID
    /// `mapping` is present but not an object.
    case badMapping

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .malformedJSON(let why): "malformed JSON: \(why)"
        case .notAnObject: "not a JSON object"
        case .missingID: "no id or conversation_id"
        case .badMapping: "mapping is not an object"
        }
    }
}

/// Reads backend-api conversation objects (`GET /backend-api/conversation/{id}`, export entries).
///
/// Lenient by design: unknown fields are kept in `extra`, a malformed node is kept as far as
/// it can be read, times may be numbers or ISO-8601 strings, and `title` may be null.
public enum ConversationJSON {
    private static let knownTopLevel: Set<String> = [
        "id", "conversation_id", "title", "create_time", "update_time", "mapping", "current_node", "is_archived",
        "default_model_slug",
    ]
    private static let knownMessageFields: Set<String> = [
        "id", "author", "create_time", "update_time", "content", "status", "end_turn", "weight", "metadata",
        "recipient", "channel",
    ]

    /// Parses JSON bytes into a `JSONValue`.
    public static func parse(_ data: Data) throws -> JSONValue {
        try FastJSON.parse(data)
    }

    /// Decodes one conversation from JSON bytes.
    public static func decode(_ data: Data, fallbackID: String? = nil) throws -> Conversation {
        try decode(parse(data), fallbackID: fallbackID)
    }

    /// Decodes one conversation from a parsed JSON value.
    public static func decode(_ value: JSONValue, fallbackID: String? = nil) throws -> Conversation {
        guard let object = value.objectValue else { throw ConversationDecodingError.notAnObject }
        guard let id = object["id"]?.stringValue ?? object["conversation_id"]?.stringValue ?? fallbackID else {
            throw ConversationDecodingError.missingID
        }
        var mapping: [String: Node] = [:]
        if let raw = object["mapping"], !raw.isNull {
            guard let nodes = raw.objectValue else { throw ConversationDecodingError.badMapping }
            mapping.reserveCapacity(nodes.count)
            for (key, nodeValue) in nodes {
                mapping[key] = node(key: key, nodeValue)
            }
        }
        var extra: [String: JSONValue] = [:]
        for (key, value) in object where !knownTopLevel.contains(key) {
            extra[key] = value
        }
        return Conversation(
            id: id,
            title: object["title"]?.stringValue,
            createTime: time(object["create_time"]),
            updateTime: time(object["update_time"]),
            mapping: mapping,
            currentNode: object["current_node"]?.stringValue,
            isArchived: object["is_archived"]?.boolValue ?? false,
            defaultModelSlug: object["default_model_slug"]?.stringValue,
            extra: extra
        )
    }

    /// Reads a node; a node that is not an object becomes an empty node with its key as id.
    static func node(key: String, _ value: JSONValue) -> Node {
        guard let object = value.objectValue else { return Node(id: key) }
        let listed = object["children"]?.arrayValue
        return Node(
            id: object["id"]?.stringValue ?? key,
            message: object["message"].flatMap(message),
            parent: object["parent"]?.stringValue,
            children: listed?.compactMap(\.stringValue) ?? [],
            childrenListed: listed != nil
        )
    }

    /// Reads a message object; nil when it is null or not an object.
    public static func message(_ value: JSONValue) -> Message? {
        guard let object = value.objectValue else { return nil }
        let authorObject = object["author"]
        // Early 2023 exports put `role` on the message itself.
        let author = Author(
            role: Role(authorObject?["role"]?.stringValue ?? object["role"]?.stringValue ?? "unknown"),
            name: authorObject?["name"]?.stringValue
        )
        var extra: [String: JSONValue] = [:]
        for (key, value) in object where !knownMessageFields.contains(key) {
            extra[key] = value
        }
        return Message(
            id: object["id"]?.stringValue ?? "",
            author: author,
            createTime: time(object["create_time"]),
            updateTime: time(object["update_time"]),
            content: content(object["content"] ?? .null),
            status: object["status"]?.stringValue,
            endTurn: object["end_turn"]?.boolValue,
            weight: object["weight"]?.doubleValue,
            metadata: object["metadata"]?.objectValue ?? [:],
            recipient: object["recipient"]?.stringValue,
            channel: object["channel"]?.stringValue,
            extra: extra
        )
    }

    /// Reads a content object, keeping it verbatim in `raw`.
    public static func content(_ value: JSONValue) -> MessageContent {
        let type = value["content_type"]?.stringValue ?? "text"
        let parts: [ContentPart] =
            value["parts"]?.arrayValue?.compactMap { part in
                switch part {
                case .string(let s): .text(s)
                case .null: nil
                case .object(let o): .object(type: o["content_type"]?.stringValue ?? "object", raw: part)
                default: .object(type: "value", raw: part)
                }
            } ?? []
        let text = value["text"]?.stringValue ?? (type == "reasoning_recap" ? value["content"]?.stringValue : nil)
        return MessageContent(
            type: type, parts: parts, text: text, language: value["language"]?.stringValue, raw: value
        )
    }

    /// A time as seconds since 1970: a number, or an ISO-8601 string (list endpoint form).
    public static func time(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let n): return n
        case .string(let s): return ISOTime.parse(s)
        default: return nil
        }
    }
}
