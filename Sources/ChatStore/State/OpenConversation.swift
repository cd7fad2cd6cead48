import ChatArchive
import ChatModel
import ChatRender
import Foundation

/// The conversation in the message pane: its tree, the open branch, and the reader's place.
public struct OpenConversation: Sendable, Equatable {
    /// The conversation id.
    public var id: String
    /// The title to show.
    public var title: String
    /// Where it came from (`demo`, `chatgpt-export`, ...).
    public var source: String
    /// The repaired tree.
    public var tree: ConversationTree
    /// The leaf of the open branch.
    public var leaf: String
    /// Leaves visited, for returning to them.
    public var memory: BranchMemory
    /// The visible messages from root to leaf.
    public var turns: [Turn]
    /// The turns laid out for the pane's width (``PaneLayout/width``).
    public internal(set) var layout: PaneLayout
    /// Whether reasoning and hidden steps are shown (they are turns and lines of their own).
    public private(set) var showsReasoning: Bool
    /// The selected turn.
    public var selected: Int
    /// The first layout line on screen.
    public var scrollTop: Int
    /// Streamed text not yet written into `tree`, by message id (see `append(_:to:)`).
    var liveTexts: [String: String] = [:]
    /// Whether the conversation has a title of its own (else one is generated after the next
    /// answer); see ``isOwnTitle(_:)``.
    public var hasTitle = true
    /// Whether the reader named it with `R` while it was open: a generated title never replaces that.
    public var titledByUser = false
    /// Whether it is pinned (as the archive listed it when it was opened, or as `p` left it).
    public var isPinned = false
    /// Whether the view follows a streaming answer to its end (false once the reader scrolls up).
    public var followsStream = true
    /// Answers streaming into this conversation right now: still `in_progress` but live, so
    /// not marked interrupted (an `in_progress` answer nobody streams was left by a process
    /// that ended).
    public var liveAnswerIDs: Set<String> = []
    /// The attachments the archive holds, by file id (shown with the messages that carry them).
    public var assets: [String: LocalAsset] = [:]
    /// The labels and bookmarks put on its messages here, by node id (shown in their headers).
    public private(set) var marks: [String: MessageMark] = [:]
    /// Where it was forked from and the forks made from it (the status line and the pane's title
    /// say so).
    public var forkLinks = ForkLinks()
    /// The key the pane names under an answer cut at its length limit (``AppState/continueKey``).
    public private(set) var continueKey: String?
    /// Whether the answers the layout left unrendered (``PaneLayout/deferredTexts``) have been
    /// asked for (see ``Effect/prepareRenders(conversationID:texts:width:)``).
    var rendersRequested = false

    /// Opens `tree` on `leaf`, laid out `width` columns wide, with the last turn selected.
    public init(
        id: String, title: String, source: String, tree: ConversationTree, leaf: String, memory: BranchMemory,
        width: Int, showReasoning: Bool, assets: [String: LocalAsset] = [:], marks: [String: MessageMark] = [:],
        continueKey: String? = "c"
    ) {
        self.id = id
        self.marks = marks
        self.continueKey = continueKey
        self.assets = assets
        self.title = title
        self.source = source
        self.tree = tree
        self.leaf = leaf
        self.memory = memory
        showsReasoning = showReasoning
        turns = Self.turns(of: tree, to: leaf, showReasoning: showReasoning, live: [], assets: assets, marks: marks)
        selected = max(0, turns.count - 1)
        layout = PaneLayout(
            turns: turns, width: width, showReasoning: showReasoning, focus: selected, continueKey: continueKey,
            deferringRendered: true)
        scrollTop = 0
    }

    /// Whether `title` is a conversation's own: not empty and not the "New chat" a service
    /// gives a chat before its title is generated (a chat whose title generation failed or was
    /// skipped keeps it, and gets a title after its next answer).
    public static func isOwnTitle(_ title: String?) -> Bool {
        guard let title = title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty else { return false }
        return title.caseInsensitiveCompare(newChatTitle) != .orderedSame
    }

    /// The title a chat has before it has one of its own.
    public static let newChatTitle = "New chat"

    /// A new chat that the server has not named yet: only a root, keyed `key`, created at
    /// `createTime` (seconds since 1970).
    static func newChat(
        key: String, source: String, createTime: Double, width: Int, showReasoning: Bool,
        continueKey: String? = "c"
    ) -> OpenConversation {
        let root = Conversation.newConversationRoot
        let conversation = Conversation(
            id: key, title: nil, createTime: createTime, updateTime: createTime, mapping: [root: Node(id: root)],
            currentNode: root)
        var open = OpenConversation(
            id: key, title: newChatTitle, source: source, tree: ConversationTree(conversation), leaf: root,
            memory: BranchMemory(), width: width, showReasoning: showReasoning, continueKey: continueKey)
        open.hasTitle = false
        return open
    }

    /// Whether this is a new chat the server has not named yet.
    public var isPending: Bool { id.hasPrefix(AppState.pendingConversationPrefix) }

    /// Moves to another leaf, keeping the selection index, and recomputes turns and layout.
    public mutating func show(leaf newLeaf: String) {
        leaf = newLeaf
        memory.visit(newLeaf)
        relayout()
    }

    /// Lays the pane out `width` columns wide, with or without reasoning (after a resize or
    /// the reasoning toggle); nothing happens when both are as they were.
    public mutating func setLayout(width: Int, showReasoning: Bool) {
        guard max(1, width) != layout.width || showReasoning != showsReasoning else { return }
        showsReasoning = showReasoning
        relayout(width: width)
    }

    /// Recomputes turns and layout at the layout's width (or `width`); with `deferring`,
    /// answers far from the selected turn may be left unrendered (see ``PaneLayout``).
    public mutating func relayout(width: Int? = nil, deferring: Bool = true) {
        if !liveTexts.isEmpty {
            let streamed = committedConversation
            liveTexts = [:]
            tree = ConversationTree(streamed)
        }
        turns = Self.turns(
            of: tree, to: leaf, showReasoning: showsReasoning, live: liveAnswerIDs, assets: assets, marks: marks)
        selected = min(selected, max(0, turns.count - 1))
        layout = PaneLayout(
            turns: turns, width: width ?? layout.width, showReasoning: showsReasoning,
            focus: deferring ? selected : nil, continueKey: continueKey)
        rendersRequested = false
    }

    /// Lays out again once the answers left unrendered are rendered, keeping the selected
    /// turn where it was on screen.
    mutating func relayoutKeepingPlace(rows: Int) {
        let before = layout.turnRanges.indices.contains(selected) ? layout.turnRanges[selected].lowerBound : 0
        let offset = scrollTop - before
        relayout(deferring: false)
        let after = layout.turnRanges.indices.contains(selected) ? layout.turnRanges[selected].lowerBound : 0
        scrollTop = after + offset
        clampScroll(rows: rows)
    }

    /// The visible turns to `leaf`, without an ending mark on answers that stream right now,
    /// their attachments told where the archive keeps them.
    static func turns(
        of tree: ConversationTree, to leaf: String, showReasoning: Bool, live: Set<String>,
        assets: [String: LocalAsset] = [:], marks: [String: MessageMark] = [:]
    ) -> [Turn] {
        var turns = tree.turns(to: leaf, showReasoning: showReasoning).locating(assets)
        if !marks.isEmpty {
            for i in turns.indices {
                guard let mark = marks[turns[i].id] else { continue }
                turns[i].label = mark.label
                turns[i].isBookmarked = mark.bookmarkedAt != nil
            }
        }
        guard !live.isEmpty else { return turns }
        for i in turns.indices where turns[i].ending == .interrupted && turns[i].nodeIDs.contains(where: live.contains)
        {
            turns[i].ending = nil
        }
        return turns
    }

    /// Changes the mark on a message (`change` gets an empty one when it has none) and lays the
    /// pane out again with it.
    public mutating func changeMark(of nodeID: String, _ change: (inout MessageMark) -> Void) {
        var mark = marks[nodeID] ?? MessageMark()
        change(&mark)
        marks[nodeID] = mark.isEmpty ? nil : mark
        relayout()
    }

    /// The index of the turn holding a node, if it is on the open branch.
    public func turnIndex(containing nodeID: String) -> Int? {
        turns.firstIndex { $0.nodeIDs.contains(nodeID) }
    }

    /// Scrolls so the selected turn is visible in `rows` rows (its header first when it is taller).
    public mutating func revealSelection(rows: Int) {
        guard layout.turnRanges.indices.contains(selected), rows > 0 else { return }
        let range = layout.turnRanges[selected]
        if range.lowerBound < scrollTop || range.count > rows {
            scrollTop = range.lowerBound
        } else if range.upperBound > scrollTop + rows {
            scrollTop = range.upperBound - rows
        }
        clampScroll(rows: rows)
    }

    /// Keeps `scrollTop` within the layout.
    public mutating func clampScroll(rows: Int) {
        scrollTop = max(0, min(scrollTop, layout.lines.count - rows))
    }

    /// Which branch of the tree is open: (position among leaves, number of leaves).
    public var branchPosition: (index: Int, count: Int) {
        let leaves = tree.leaves
        let index = leaves.firstIndex(of: leaf).map { $0 + 1 } ?? 1
        return (index, max(1, leaves.count))
    }
}
