/// How an answer streams back over SSE (PROTOCOL.md §2).
public enum StreamMode: String, Sendable, Hashable, CaseIterable {
    /// 2023 form: every `data:` holds the whole message so far, then `data: [DONE]`.
    case cumulative
    /// 2024+ form: `event: delta_encoding` / `"v1"`, then JSON-patch deltas.
    case delta

    /// The request header that picks the mode per request.
    public static let headerName = "X-Chatterm-Stream"
}
