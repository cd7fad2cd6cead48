/// A message as plain text: who says it, what, and its id. What a client sends as its prompt
/// (a fresh id, the role `user`) and what an engine is given as history (the path to the
/// answer, each message's role and text).
public struct TextMessage: Sendable, Hashable {
    /// A fresh id chosen by a client for its prompt, or the message's id in a stored
    /// conversation; empty when the sender gave none (an OpenAI `messages` item).
    public var id: String
    /// Who says it.
    public var role: Role
    /// The text.
    public var text: String

    /// Creates a message; a prompt (`user`) unless `role` says otherwise.
    public init(id: String = "", role: Role = .user, text: String) {
        self.id = id
        self.role = role
        self.text = text
    }
}
