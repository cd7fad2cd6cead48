import ChatArchive

extension Store {
    /// The search window's hits for `query`: the messages whose label matches first, then the
    /// full-text hits in the messages' text (a message found both ways listed once), at most
    /// ``SearchState/maxHits``.
    nonisolated static func searchHits(_ query: String, in archive: Archive) throws -> [SearchHit] {
        let labelled = try archive.labelHits(query, limit: SearchState.maxHits)
        let found = try archive.search(query, limit: SearchState.maxHits)
        var seen = Set(labelled.map { "\($0.conversationID)\u{0}\($0.nodeID)" })
        var hits = labelled
        for hit in found where seen.insert("\(hit.conversationID)\u{0}\(hit.nodeID)").inserted {
            hits.append(hit)
        }
        return Array(hits.prefix(SearchState.maxHits))
    }
}
