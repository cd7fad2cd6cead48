/// How an answer comes back (PROTOCOL.md §2 and §3a).
public enum StreamMode: String, Sendable, Hashable, CaseIterable {
    /// 2023 form: every `data:` holds the whole message so far, then `data: [DONE]`.
    case cumulative
    /// 2024+ form: `event: delta_encoding` / `"v1"`, then JSON-patch deltas.
    case delta
    /// 2024 `shared_websocket` form: the POST answers JSON with a `wss_url`, and the SSE text
    /// (in ``ServerConfiguration/webSocketForm`` unless ``webSocketFormHeaderName`` names one)
    /// arrives base64-encoded in Web PubSub frames on that socket. A body with
    /// `"force_use_sse": true` gets SSE instead.
    case websocket

    /// The request header that picks the mode per request.
    public static let headerName = "X-Chatterm-Stream"

    /// The request header that picks the SSE form carried in ``websocket`` mode (`delta` or `cumulative`).
    public static let webSocketFormHeaderName = "X-Chatterm-WebSocket-Form"

    /// The two forms that are SSE text.
    public static let sseForms: [StreamMode] = [.cumulative, .delta]
}
