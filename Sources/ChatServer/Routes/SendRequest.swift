import ChatModel
import ChatProtocol

/// The body of `POST /backend-api/conversation`, the fields the server uses.
struct SendRequest: Sendable {
    var action: EngineRequest.Action
    var conversationID: String?
    var parentMessageID: String?
    /// The messages sent (`next` sends one user message).
    var messages: [Message]
    var model: String?

    /// Reads the body; throws a 400 ``APIError`` for a shape that cannot be sent.
    static func parse(_ body: JSONValue) throws -> SendRequest {
        guard body.objectValue != nil else { throw APIError.malformedBody("the body must be a JSON object") }
        let actionName = body["action"]?.stringValue ?? "next"
        guard let action = EngineRequest.Action(rawValue: actionName) else {
            throw APIError(400, "Unknown action \(actionName); expected next, variant or continue")
        }
        let messages = (body["messages"]?.arrayValue ?? []).compactMap(ConversationJSON.message)
        if action == .next, messages.first?.author.role != .user {
            throw APIError(400, "action next needs messages[0] with author.role user")
        }
        let parent = body["parent_message_id"]?.stringValue
        if action != .next, parent == nil {
            throw APIError(400, "action \(actionName) needs parent_message_id")
        }
        return SendRequest(
            action: action,
            conversationID: body["conversation_id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            parentMessageID: parent, messages: messages, model: body["model"]?.stringValue)
    }
}
