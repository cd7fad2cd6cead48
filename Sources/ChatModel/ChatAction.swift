/// What a chat request asks the backend to do (DESIGN.md §3, PROTOCOL.md §1.5).
public enum ChatAction: String, Sendable, Hashable, CaseIterable {
    /// A new user message, answered.
    case next
    /// Another answer to the same user message (regenerate).
    case variant
    /// More of a truncated answer.
    case `continue`
}
