import ChatModel
import ChatProtocol
import Foundation

/// The JSON a 2024 `POST /backend-api/conversation` answers instead of SSE when the account
/// streams over WebSockets (PROTOCOL.md §3a, seed 001):
/// `{"wss_url", "fallback_wss_url", "expires_at", "conversation_id", "response_id", "websocket_request_id"}`.
public struct WebSocketHandshake: Sendable, Hashable {
    /// The socket to connect to.
    public var wssURL: String
    /// A second socket URL for the same answer, used when the first fails or drops.
    public var fallbackWSSURL: String?
    /// When the URLs stop working; after it, ask `register-websocket` for a fresh one.
    public var expiresAt: Date?
    /// The conversation the answer belongs to.
    public var conversationID: String?
    /// The id the answer's frames carry as `data.response_id`.
    public var responseID: String?
    /// The id `stop_conversation` can name the answer by.
    public var websocketRequestID: String?

    /// Creates a handshake.
    public init(
        wssURL: String, fallbackWSSURL: String? = nil, expiresAt: Date? = nil, conversationID: String? = nil,
        responseID: String? = nil, websocketRequestID: String? = nil
    ) {
        self.wssURL = wssURL
        self.fallbackWSSURL = fallbackWSSURL
        self.expiresAt = expiresAt
        self.conversationID = conversationID
        self.responseID = responseID
        self.websocketRequestID = websocketRequestID
    }

    /// Reads the POST's JSON body; nil when it is not an object with a non-empty `wss_url`.
    /// Empty strings count as absent; an `expires_at` that is not an ISO-8601 time is ignored.
    public static func parse(_ data: Data) -> WebSocketHandshake? {
        guard let value = try? FastJSON.parse(data), value.objectValue != nil,
            let url = nonEmpty(value["wss_url"]?.stringValue)
        else { return nil }
        return WebSocketHandshake(
            wssURL: url, fallbackWSSURL: nonEmpty(value["fallback_wss_url"]?.stringValue),
            expiresAt: value["expires_at"]?.stringValue.flatMap(ISOTime.parse).map(Date.init(timeIntervalSince1970:)),
            conversationID: nonEmpty(value["conversation_id"]?.stringValue),
            responseID: nonEmpty(value["response_id"]?.stringValue),
            websocketRequestID: nonEmpty(value["websocket_request_id"]?.stringValue))
    }

    /// Whether the URLs have expired at `now` (never, when no `expires_at` was given).
    public func isExpired(at now: Date = Date()) -> Bool {
        expiresAt.map { $0 <= now } ?? false
    }

    /// The URL of a `register-websocket` answer (`{"wss_url", "expires_at"}`), or nil.
    public static func registeredURL(_ data: Data) -> String? {
        guard let value = try? FastJSON.parse(data) else { return nil }
        return nonEmpty(value["wss_url"]?.stringValue)
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
