import ChatModel
import ChatServer

/// The offline engine's answer to `prompt` as the first message of a conversation.
public func offlineAnswer(_ prompt: String) -> String {
    OfflineEngine.text(for: EngineRequest(history: [TextMessage(role: .user, text: prompt)]))
}
