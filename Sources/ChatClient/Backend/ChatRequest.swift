import ChatModel
import Foundation

/// A request that starts an answer.
public struct ChatRequest: Sendable, Hashable {
    /// next, variant or continue.
    public var action: ChatAction
    /// The conversation; nil starts a new one.
    public var conversationID: String?
    /// The node the new message (or answer) hangs under.
    public var parentMessageID: String
    /// The user message (empty for `continue`, and for `variant` unless the backend wants it).
    public var messages: [TextMessage]
    /// The model slug; nil lets the backend pick.
    public var model: String?
    /// The id the answer's stream and `stop_conversation` are matched by.
    public var websocketRequestID: String
    /// The custom GPT the conversation talks to (its `gizmo_id`); nil for plain ChatGPT.
    public var gizmoID: String?
    /// The message is a starter prompt sent as offered (`metadata.is_starter_prompt`).
    public var isStarterPrompt: Bool
    /// The starter prompts the new chat showed (`suggestions`), as the web page sends them.
    public var suggestions: [String]

    /// Creates a request.
    public init(
        action: ChatAction, conversationID: String?, parentMessageID: String, messages: [TextMessage],
        model: String? = nil, websocketRequestID: String = UUID().uuidString.lowercased(), gizmoID: String? = nil,
        isStarterPrompt: Bool = false, suggestions: [String] = []
    ) {
        self.action = action
        self.conversationID = conversationID
        self.parentMessageID = parentMessageID
        self.messages = messages
        self.model = model
        self.websocketRequestID = websocketRequestID
        self.gizmoID = gizmoID
        self.isStarterPrompt = isStarterPrompt
        self.suggestions = suggestions
    }
}
