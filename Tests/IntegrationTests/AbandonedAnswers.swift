import ChatClient
import ChatModel
import ChatTestPeers
import Testing

/// Starts an answer to "Write a long answer", reads until two text deltas came, then stops
/// reading, as a client that goes away does. Returns the conversation's id.
func abandonAfterTwoDeltas(_ client: any ChatBackend) async throws -> String {
    var conversationID: String?
    var appends = 0
    for try await item in client.send(nextRequest("Write a long answer")) {
        guard case .event(let event) = item else { continue }
        if case .conversationID(let id) = event { conversationID = id }
        if case .textAppended = event { appends += 1 }
        if appends == 2 { break }
    }
    return try #require(conversationID)
}

/// The conversation's answer once the server has closed it, polled for up to a minute (a
/// generous deadline); its last state when it never closed.
func closedAnswer(_ client: any ChatBackend, conversationID id: String) async throws -> Message? {
    let deadline = ContinuousClock.now + .seconds(60)
    var answer: Message?
    while ContinuousClock.now < deadline {
        let c = try await client.conversation(id: id).conversation
        answer = c.mapping.values.compactMap(\.message).first { $0.author.role == .assistant }
        if let status = answer?.status, status != "in_progress" { break }
        try await Task.sleep(for: .milliseconds(50))
    }
    return answer
}
