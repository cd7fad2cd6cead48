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

/// Sends `request` and reads its answer to the end, asking the server to stop it once two text
/// deltas came; the stream as read, and whether the stop was asked.
func stopAfterTwoDeltas(_ client: any ChatBackend, _ request: ChatRequest) async -> (Received, stopped: Bool) {
    var received = Received()
    var stopped = false
    do {
        for try await item in client.send(request) {
            received.items.append(item)
            let appends = received.events.count { if case .textAppended = $0 { true } else { false } }
            if !stopped, appends >= 2, let id = received.conversationID {
                stopped = true
                try await client.stop(conversationID: id, websocketRequestID: request.websocketRequestID)
            }
        }
    } catch {
        received.error = error
    }
    return (received, stopped)
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
