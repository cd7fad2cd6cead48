/// A conversation list a sync walks: the normal one, or the archived one
/// (`is_archived=true`, PROTOCOL.md §1.3).
public enum SyncList: String, Sendable, Hashable, CaseIterable {
    /// The normal list.
    case active
    /// The archived list.
    case archived
}
