import ChatArchive

/// The conversation list: a window of rows loaded around the viewport, so 100 000
/// conversations scroll without loading them all.
public struct SidebarState: Sendable, Equatable {
    /// Whether archived conversations are listed instead of active ones.
    public var showArchived = false
    /// How many conversations the list holds (unfiltered).
    public var count = 0
    /// Whether the first count/page has arrived.
    public var loaded = false
    /// The selected row.
    public var selected = 0
    /// The first row on screen.
    public var top = 0
    /// The row index of `window[0]`.
    public var windowOffset = 0
    /// Loaded rows starting at `windowOffset`.
    public var window: [ConversationSummary] = []
    /// The title filter being typed or applied.
    public var filter = TextEditor()
    /// Whether keys go to the filter.
    public var isEditingFilter = false
    /// Matches of the filter, when one is active.
    public var filtered: [ConversationSummary]? = nil

    /// The offset of the backend's next list page, nil once the server has no more (the
    /// list is paged like the server pages it: 100 at a time, fetched as the reader nears the end).
    public var remoteNextOffset: Int? = 0
    /// Whether a page is being fetched.
    public var remoteLoading = false

    /// Creates an empty sidebar.
    public init() {}

    /// Rows in the list as shown (filtered or not).
    public var rowCount: Int { filtered?.count ?? count }

    /// The summary on a row, if loaded.
    public func row(_ index: Int) -> ConversationSummary? {
        if let filtered {
            return filtered.indices.contains(index) ? filtered[index] : nil
        }
        let i = index - windowOffset
        return window.indices.contains(i) ? window[i] : nil
    }

    /// Whether rows `range` are all loaded.
    public func hasRows(_ range: Range<Int>) -> Bool {
        if filtered != nil { return true }
        let needed = range.clamped(to: 0..<count)
        if needed.isEmpty { return true }
        return needed.lowerBound >= windowOffset && needed.upperBound <= windowOffset + window.count
    }
}
