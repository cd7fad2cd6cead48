/// Where a key press is interpreted: the focused pane or the open overlay.
///
/// A key is looked up in the context's own table first and then in ``global``. The ``input`` and
/// ``search`` contexts are text fields: a printable key that is not bound there is typed, so the
/// ``global`` table may not hold plain printable keys (it would steal them from the text).
public enum KeyContext: String, CaseIterable, Sendable, Hashable {
    /// Keys that work everywhere unless the focused context binds them itself.
    case global
    /// The conversation list.
    case sidebar
    /// The message pane of the open conversation.
    case messages
    /// The multi-line input box.
    case input
    /// A one-line query field with results: the search overlay and the sidebar filter.
    case search
    /// The conversation tree overview.
    case tree
    /// The comparison of two versions of a message.
    case compare
    /// The help overlay.
    case help

    /// How the context is titled in the help overlay.
    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .sidebar: "Conversations"
        case .messages: "Messages"
        case .input: "Input"
        case .search: "Search"
        case .tree: "Tree"
        case .compare: "Compare versions"
        case .help: "Help"
        }
    }
}
