import ChatModel
import Foundation

/// A conversation fetched whole, with its JSON as the server sent it (for the cache).
public struct FetchedConversation: Sendable {
    /// The parsed conversation.
    public var conversation: Conversation
    /// The raw JSON object.
    public var raw: Data

    /// Creates a fetched conversation.
    public init(conversation: Conversation, raw: Data) {
        self.conversation = conversation
        self.raw = raw
    }
}
