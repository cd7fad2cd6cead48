import ChatClient
import ChatModel
import ChatProtocol
import Foundation

/// A client of `baseURL` with a fixed token, fast retries and any extra headers.
public func makeClient(
    _ baseURL: String, credentials: ChatGPTConfiguration.Credentials = .accessToken("peer-token"),
    getAttempts: Int = 3, extraHeaders: [(String, String)] = []
) -> ChatGPTClient {
    ChatGPTClient(
        configuration: ChatGPTConfiguration(
            baseURL: baseURL, credentials: credentials, extraHeaders: extraHeaders, getAttempts: getAttempts,
            retryDelay: .milliseconds(1)))
}

/// A `next` request with one user message (a new conversation unless `conversationID` is set).
public func nextRequest(
    _ prompt: String, userID: String = UUID().uuidString.lowercased(), conversationID: String? = nil,
    parent: String = ChatGPTClient.newConversationParent
) -> ChatRequest {
    ChatRequest(
        action: .next, conversationID: conversationID, parentMessageID: parent,
        messages: [TextMessage(id: userID, text: prompt)])
}

/// Everything a `send` stream produced, and how it ended.
public struct Received: Sendable {
    /// The items, in order.
    public var items: [ChatStreamItem] = []
    /// The error the stream ended with, if any.
    public var error: (any Error)?

    /// Nothing received yet.
    public init() {}

    /// The decoded events, in order.
    public var events: [StreamEvent] {
        items.compactMap { item in
            if case .event(let event) = item { return event }
            return nil
        }
    }

    /// The events applied in order.
    public var transcript: StreamTranscript {
        var transcript = StreamTranscript()
        for event in events { transcript.apply(event) }
        return transcript
    }

    /// The completion of the last item, when it is `.finished`.
    public var completion: StreamCompletion? {
        if case .finished(let completion)? = items.last { return completion }
        return nil
    }

    /// The error as a ``ClientError``, if it is one.
    public var clientError: ClientError? { error as? ClientError }

    /// The last conversation id the stream named.
    public var conversationID: String? {
        events.reduce(nil) { id, event in
            if case .conversationID(let new) = event { return new }
            return id
        }
    }

    /// The parent the answer's first snapshot named.
    public var answerParentID: String? {
        for case .messageStarted(let started) in events where started.kind == .answer {
            return started.parentID
        }
        return nil
    }
}

/// Reads a `send` stream to its end (or its error).
public func receive(_ stream: AsyncThrowingStream<ChatStreamItem, any Error>) async -> Received {
    var received = Received()
    do {
        for try await item in stream { received.items.append(item) }
    } catch {
        received.error = error
    }
    return received
}
