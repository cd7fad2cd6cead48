import ChatModel

/// A profile the fork window offers to continue a fork with: one whose server keeps its
/// history in this archive (the embedded `local`, an OpenAI-compatible or a Coze profile).
public struct ForkProfile: Sendable, Equatable {
    /// The profile's name, as `P` lists it.
    public var name: String
    /// The archive source its conversations are kept under (the fork is stored under it).
    public var sourceName: String
    /// Its protocol (`local`, `openai`, `coze`), when known.
    public var kind: String?

    /// Creates a choice.
    public init(name: String, sourceName: String, kind: String?) {
        self.name = name
        self.sourceName = sourceName
        self.kind = kind
    }

    /// The embedded server: it can always continue a fork.
    public static let local = ForkProfile(name: "local", sourceName: "local", kind: "local")
}

/// The fork window: the message a fork starts at, the scopes to pick from and how many messages
/// each would copy, and the profile that continues the fork.
public struct ForkPickerState: Sendable, Equatable {
    /// The conversation to fork.
    public var conversationID: String
    /// The message the fork starts at (the last node of the selected turn).
    public var nodeID: String
    /// How many messages a reader would see in the fork, per scope, in ``ForkScope/allCases`` order.
    public var messageCounts: [Int]
    /// The highlighted row, an index into ``ForkScope/allCases``.
    public var selected: Int
    /// The profiles that can continue the fork (never empty: `local` at least).
    public var profiles: [ForkProfile]
    /// The chosen profile, an index into ``profiles`` (`[` `]`, Tab and Shift-Tab change it).
    public var profileIndex: Int
    /// The current profile's name when its service keeps the history itself (ChatGPT, Dify), so
    /// it is not offered: the window says so.
    public var notOffered: String?

    /// The window for a fork of `tree` at `nodeID`, "this path only" highlighted, continued by
    /// `profiles[profileIndex]`.
    public init(
        conversationID: String, nodeID: String, tree: ConversationTree, profiles: [ForkProfile] = [.local],
        profileIndex: Int = 0, notOffered: String? = nil
    ) {
        self.conversationID = conversationID
        self.nodeID = nodeID
        messageCounts = ForkScope.allCases.map { scope in
            tree.forkedNodes(at: nodeID, scope: scope).count { tree.isVisible($0, showReasoning: false) }
        }
        selected = 0
        self.profiles = profiles.isEmpty ? [.local] : profiles
        self.profileIndex = min(max(0, profileIndex), self.profiles.count - 1)
        self.notOffered = notOffered
    }

    /// The highlighted scope.
    public var scope: ForkScope { ForkScope.allCases[min(max(0, selected), ForkScope.allCases.count - 1)] }

    /// The profile that continues the fork.
    public var profile: ForkProfile { profiles[min(max(0, profileIndex), profiles.count - 1)] }

    /// The next (`step` 1) or previous (-1) profile, wrapping around.
    public mutating func stepProfile(by step: Int) {
        profileIndex = ((profileIndex + step) % profiles.count + profiles.count) % profiles.count
    }
}

/// A fork chosen in the window for another profile than the current one: the profile is
/// switched to first, and once it is connected the fork is made under its source and opens.
public struct PendingFork: Sendable, Equatable {
    /// The conversation to fork.
    public var originID: String
    /// The message the fork starts at.
    public var nodeID: String
    /// How much it copies.
    public var scope: ForkScope
    /// The profile that continues it.
    public var profile: ForkProfile

    /// Creates a pending fork.
    public init(originID: String, nodeID: String, scope: ForkScope, profile: ForkProfile) {
        self.originID = originID
        self.nodeID = nodeID
        self.scope = scope
        self.profile = profile
    }
}
