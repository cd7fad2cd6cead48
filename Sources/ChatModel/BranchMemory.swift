/// Which leaves of a conversation the reader visited, most recent last, so switching back
/// to a sibling lands where the reader was (DESIGN.md §3).
public struct BranchMemory: Sendable, Hashable, Codable {
    /// Leaf id → visit sequence number (higher is more recent).
    public var visits: [String: Int]

    /// Creates a memory.
    public init(visits: [String: Int] = [:]) {
        self.visits = visits
    }

    /// Records a visit to a leaf.
    public mutating func visit(_ leaf: String) {
        let next = (visits.values.max() ?? 0) + 1
        visits[leaf] = next
    }

    /// The most recently visited of `candidates`, if any was visited.
    public func mostRecent(among candidates: some Sequence<String>) -> String? {
        var best: (String, Int)? = nil
        for id in candidates {
            if let seq = visits[id], seq > (best?.1 ?? Int.min) {
                best = (id, seq)
            }
        }
        return best?.0
    }
}
