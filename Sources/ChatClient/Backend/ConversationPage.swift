import ChatModel

/// One page of the conversation list.
public struct ConversationPage: Sendable, Hashable {
    /// The conversations on this page, newest updated first, duplicates removed.
    public var items: [RemoteSummary]
    /// The server's `total` (may be larger than what it will return).
    public var total: Int?
    /// The offset this page started at.
    public var offset: Int
    /// The page size asked for.
    public var limit: Int
    /// How many items the server sent, repeats included: a page is short (the list has
    /// ended) when this is below `limit`, and the next page starts this many further on.
    public var received: Int

    /// Creates a page; `received` defaults to the number of `items`.
    public init(items: [RemoteSummary], total: Int?, offset: Int, limit: Int, received: Int? = nil) {
        self.items = items
        self.total = total
        self.offset = offset
        self.limit = limit
        self.received = received ?? items.count
    }
}
