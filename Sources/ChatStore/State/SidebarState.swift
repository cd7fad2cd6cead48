import ChatArchive

/// The conversation list: a window of rows loaded around the viewport, so 100 000
/// conversations scroll without loading them all.
///
/// The list is in the archive's order (``ChatArchive/ConversationListing``): pinned
/// conversations first. When any is pinned, the rows as shown hold two headings that are no
/// conversation — "Pinned" above the pinned ones and "Chats" above the rest (when there are
/// others) — so a row (`selected`, `top`) counts headings, and a conversation's index in the
/// list does not (`windowOffset`, `count`): ``conversationIndex(ofRow:)`` and
/// ``row(ofConversation:)`` turn one into the other. Headings are never selected.
public struct SidebarState: Sendable, Equatable {
    /// Whether archived conversations are listed instead of active ones.
    public var showArchived = false
    /// How many conversations the list holds (unfiltered).
    public var count = 0
    /// How many of them are pinned (unfiltered): the first `pinnedCount` of the list.
    public var pinnedCount = 0
    /// Whether the first count/page has arrived.
    public var loaded = false
    /// The selected row (never a heading, once the list has loaded).
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

    /// The heading above the pinned conversations.
    public static let pinnedHeading = "Pinned"
    /// The heading above the others, when some are pinned.
    public static let othersHeading = "Chats"

    /// Conversations in the list as shown (filtered or not).
    public var conversationCount: Int { filtered?.count ?? count }

    /// How many of the conversations as shown are pinned (they come first; a filtered list is
    /// in the same order).
    public var shownPinnedCount: Int {
        guard let filtered else { return pinnedCount }
        return filtered.prefix { $0.facts.pinnedTime != nil }.count
    }

    /// Rows in the list as shown (filtered or not), headings included.
    public var rowCount: Int {
        let pinned = shownPinnedCount
        guard pinned > 0 else { return conversationCount }
        return conversationCount + (conversationCount > pinned ? 2 : 1)
    }

    /// The heading on a row, nil for a conversation's row.
    public func heading(_ row: Int) -> String? {
        let pinned = shownPinnedCount
        guard pinned > 0 else { return nil }
        if row == 0 { return Self.pinnedHeading }
        if row == pinned + 1, conversationCount > pinned { return Self.othersHeading }
        return nil
    }

    /// Headings above row `row`, so a row's conversation is `row - headings(before: row)`.
    private func headings(before row: Int) -> Int {
        let pinned = shownPinnedCount
        guard pinned > 0 else { return 0 }
        return (row >= 1 ? 1 : 0) + (row >= pinned + 2 && conversationCount > pinned ? 1 : 0)
    }

    /// The index in the list of the conversation on `row`; nil on a heading.
    public func conversationIndex(ofRow row: Int) -> Int? {
        heading(row) == nil ? row - headings(before: row) : nil
    }

    /// The row showing conversation `index` of the list.
    public func row(ofConversation index: Int) -> Int {
        let pinned = shownPinnedCount
        guard pinned > 0 else { return index }
        return index + (index < pinned ? 1 : 2)
    }

    /// The row nearest `row` that is no heading, looking first in the direction of `step`
    /// (down for a positive step); `row` itself when it is none (or the list is empty).
    public func selectable(_ row: Int, step: Int = 1) -> Int {
        let row = max(0, min(row, rowCount - 1))
        guard heading(row) != nil else { return row }
        let forward = step >= 0 ? 1 : -1
        for candidate in [row + forward, row - forward] where (0..<rowCount).contains(candidate) {
            if heading(candidate) == nil { return candidate }
        }
        return row
    }

    /// The summary on a row, if loaded (nil on a heading).
    public func row(_ index: Int) -> ConversationSummary? {
        guard let conversation = conversationIndex(ofRow: index) else { return nil }
        if let filtered {
            return filtered.indices.contains(conversation) ? filtered[conversation] : nil
        }
        let i = conversation - windowOffset
        return window.indices.contains(i) ? window[i] : nil
    }

    /// Whether the conversations on rows `range` are all loaded.
    public func hasRows(_ range: Range<Int>) -> Bool {
        if filtered != nil { return true }
        let lower = range.lowerBound - headings(before: range.lowerBound)
        let upper = range.upperBound - headings(before: range.upperBound)
        let needed = (lower..<max(lower, upper)).clamped(to: 0..<count)
        if needed.isEmpty { return true }
        return needed.lowerBound >= windowOffset && needed.upperBound <= windowOffset + window.count
    }

    /// A summary loaded in the list (window or filtered) by id.
    public func loaded(id: String) -> ConversationSummary? {
        window.first { $0.id == id } ?? filtered?.first { $0.id == id }
    }
}
