/// A place in the archive to return to: a conversation, the leaf of the branch shown, and the
/// message selected on it.
public struct JumpPosition: Sendable, Hashable {
    /// The conversation's id.
    public var conversationID: String
    /// The leaf of the branch that was shown.
    public var leaf: String
    /// The id of the selected message (a turn's id), nil when the branch had none.
    public var nodeID: String?

    /// A position in `conversationID`, on the branch ending at `leaf`, at `nodeID`.
    public init(conversationID: String, leaf: String, nodeID: String?) {
        self.conversationID = conversationID
        self.leaf = leaf
        self.nodeID = nodeID
    }
}

/// The places jumped from, to go back and forth through, as vim's jump list (`Ctrl-O`, `Ctrl-I`)
/// with a browser's history rule: a new jump after going back drops the places ahead.
///
/// `entries` are oldest first; `index` is where the reader stands in them, `entries.count` when
/// at the newest place (not yet recorded). A place is never recorded twice in a row, and at most
/// `capacity` are kept (the oldest dropped first).
public struct JumpList: Sendable, Equatable {
    /// The most places kept.
    public let capacity: Int
    /// The places, oldest first.
    public private(set) var entries: [JumpPosition] = []
    /// Where the reader stands in `entries` (`entries.count`: past the newest).
    public private(set) var index = 0

    /// An empty list keeping at most `capacity` places (at least one).
    public init(capacity: Int = 100) {
        self.capacity = max(1, capacity)
    }

    /// Whether ``back(from:)`` has somewhere to go.
    public var canGoBack: Bool { index > 0 }
    /// Whether ``forward()`` has somewhere to go.
    public var canGoForward: Bool { index + 1 < entries.count }

    /// Records `position` as the place a jump leaves: the places ahead of the reader are dropped,
    /// and the reader stands past the newest again.
    public mutating func record(_ position: JumpPosition) {
        if index < entries.count {
            entries.removeSubrange(index...)
        }
        if entries.last != position {
            entries.append(position)
        }
        trim()
        index = entries.count
    }

    /// The place before the reader's, who stands at `current`; nil when there is none. Going back
    /// from past the newest records `current` first, so ``forward()`` returns to it.
    public mutating func back(from current: JumpPosition) -> JumpPosition? {
        if index >= entries.count {
            if entries.last != current {
                entries.append(current)
                trim()
            }
            index = entries.count - 1
        }
        guard index > 0 else { return nil }
        index -= 1
        // A place equal to where the reader stands is no move: go one further.
        if entries[index] == current, index > 0 {
            index -= 1
        }
        return entries[index]
    }

    /// The place after the reader's, nil when the reader is at the newest.
    public mutating func forward() -> JumpPosition? {
        guard canGoForward else { return nil }
        index += 1
        return entries[index]
    }

    /// Drops the oldest places over `capacity`, keeping `index` on the same place.
    private mutating func trim() {
        let excess = entries.count - capacity
        guard excess > 0 else { return }
        entries.removeFirst(excess)
        index = max(0, index - excess)
    }
}
