/// Takes secrets out of a line before it is written to a log file: the values of
/// `Authorization`, `Cookie`, `Set-Cookie` and API-key headers, bearer tokens, JWTs, API keys
/// that look like one (`sk-…`, Dify's `app-…`, Coze's `pat_…`), and token, key and password
/// parameters of addresses and JSON. What is taken out reads `[redacted]`.
public enum LogRedaction {
    /// `text` with every secret it recognises replaced by `[redacted]`.
    public static func redact(_ text: String) -> String {
        var text = text
        // A header's whole value, to the end of the line or of a quoted string.
        text.replace(
            #/(?i)\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|openai-sentinel-[a-z-]+)(["']?\s*[:=]\s*["']?)[^"'\r\n]+/#
        ) { match in
            "\(match.output.1)\(match.output.2)[redacted]"
        }
        text.replace(#/(?i)\bbearer\s+[A-Za-z0-9._~+\/=-]+/#) { _ in "Bearer [redacted]" }
        text.replace(#/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/#) { _ in "[redacted]" }
        text.replace(#/\b(sk|app|pat)[-_][A-Za-z0-9_-]{12,}/#) { _ in "[redacted]" }
        // key=value in an address or a form, and "key": "value" in JSON.
        text.replace(
            #/(?i)\b(access_token|refresh_token|session_token|token|api_key|apikey|key|password|secret)(=|["']\s*:\s*["'])[^&"'\s]+/#
        ) { match in
            "\(match.output.1)\(match.output.2)[redacted]"
        }
        return text
    }
}
