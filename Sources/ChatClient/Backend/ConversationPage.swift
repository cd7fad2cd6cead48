import ChatModel

/// One page of the conversation list, with what the server said about it: how many it sent,
/// the page size it used (which may be below the one asked for), where the page starts and
/// how many there are.
public struct ConversationPage: Sendable, Hashable {
    /// The conversations on this page, newest updated first, duplicates removed.
    public var items: [RemoteSummary]
    /// The server's `total` (may be larger than what it will return).
    public var total: Int?
    /// The offset this page starts at: the server's `offset` when it said one, else the one
    /// asked for.
    public var offset: Int
    /// The page size asked for.
    public var limit: Int
    /// How many items the server sent, repeats included: the next page starts this many further on.
    public var received: Int
    /// The page size the server says it used (its `limit`), when it said one: a server may
    /// cap pages below what was asked.
    public var serverLimit: Int?
    /// The server's `has_missing_conversations`: some conversations `total` counts are left
    /// out of the pages, so a page may be short without being the last.
    public var hasMissingConversations: Bool?

    /// Creates a page; `received` defaults to the number of `items`.
    public init(
        items: [RemoteSummary], total: Int?, offset: Int, limit: Int, received: Int? = nil, serverLimit: Int? = nil,
        hasMissingConversations: Bool? = nil
    ) {
        self.items = items
        self.total = total
        self.offset = offset
        self.limit = limit
        self.received = received ?? items.count
        self.serverLimit = serverLimit
        self.hasMissingConversations = hasMissingConversations
    }

    /// Where the next page starts: past what the server sent.
    public var nextOffset: Int { offset + received }

    /// Whether the list ends with this page, judged by what the server said of it: an empty
    /// page ends it, and so does reaching `total`, or a page short of the server's own
    /// `limit` (unless it says conversations are missing from its pages). A page short of the
    /// size asked for is not the end: the server may serve smaller pages, and say so or not.
    public var isLast: Bool {
        if received == 0 { return true }
        if let total, nextOffset >= total { return true }
        if let serverLimit, received < serverLimit, hasMissingConversations != true { return true }
        return false
    }
}
