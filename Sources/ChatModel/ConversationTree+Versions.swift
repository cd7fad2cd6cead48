/// The versions of a message, for comparing them.
extension ConversationTree {
    /// Version `id` of a message (one of ``siblings(of:)``) as a turn, as its own branch shows
    /// it (the remembered leaf under it, else its last child's): its text with the
    /// continuations joined and its `‹i/n›`. Nil for an id that is not a visible message.
    public func versionTurn(_ id: String, memory: BranchMemory = BranchMemory()) -> Turn? {
        turns(to: leaf(under: id, memory: memory)).first { $0.nodeIDs.contains(id) }
    }

    /// Whether two messages can be compared: both visible messages, and both your prompts or
    /// both answers (a prompt is never compared with an answer).
    public func areComparable(_ a: String, _ b: String) -> Bool {
        guard let x = versionTurn(a), let y = versionTurn(b) else { return false }
        return (x.author.role == .user) == (y.author.role == .user)
    }
}
