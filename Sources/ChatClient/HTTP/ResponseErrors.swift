import ChatModel
import ChatProtocol
import Foundation

/// Turns a failed HTTP answer into a ``ClientError``: the status picks the case, the body
/// gives the detail (`detail` as a string, an object with `message`, or pydantic's list of
/// `{loc, msg}`), and an HTML body is never shown.
enum ResponseErrors {
    /// The error for `status` with `body`; `retryAfter` is the `Retry-After` header.
    static func error(status: Int, contentType: String?, body: Data, retryAfter: String?) -> ClientError {
        let html = isHTML(contentType: contentType, body: body)
        let detail = html ? nil : detail(from: body)
        switch status {
        case 401: return .unauthorized(detail: detail)
        case 403: return .forbidden(detail: detail, challenge: html)
        case 404: return .notFound(detail: detail)
        case 413: return .tooLarge(detail: detail)
        case 422: return .unprocessable(detail: detail ?? "no detail given")
        case 429: return .rateLimited(retryAfter: retryAfter.flatMap(Self.seconds), detail: detail)
        case 500...599: return .server(status: status, detail: html ? "an HTML error page" : detail)
        default: return .unexpectedStatus(status, detail: detail)
        }
    }

    /// Whether the body is a web page (a Cloudflare challenge, a proxy error).
    static func isHTML(contentType: String?, body: Data) -> Bool {
        if let contentType, contentType.lowercased().contains("text/html") { return true }
        let head = body.prefix(64).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return head.first == UInt8(ascii: "<")
    }

    /// The readable part of an error body, at most 300 characters on one line.
    static func detail(from body: Data) -> String? {
        guard !body.isEmpty else { return nil }
        guard let json = try? FastJSON.parse(body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self)
            return oneLine(text)
        }
        let value = json["detail"] ?? json["error"] ?? json["message"] ?? json
        return describe(value).map(oneLine)
    }

    private static func describe(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .object(let o):
            if let message = o["message"]?.stringValue { return message }
            if let inner = o["detail"] ?? o["error"] { return describe(inner) }
            if let code = o["code"]?.stringValue { return code }
            return nil
        case .array(let items):
            let parts = items.compactMap { item -> String? in
                guard let msg = item["msg"]?.stringValue else { return describe(item) }
                let loc = (item["loc"]?.arrayValue ?? []).compactMap { part -> String? in
                    if let s = part.stringValue { return s }
                    return part.doubleValue.map { String(Int($0)) }
                }
                return loc.isEmpty ? msg : loc.joined(separator: ".") + ": " + msg
            }
            return parts.isEmpty ? nil : parts.joined(separator: "; ")
        default: return nil
        }
    }

    private static func oneLine(_ text: String) -> String {
        let flat = text.map { $0.isNewline || $0 == "\t" ? " " : $0 }
        let cleaned = String(flat.filter { !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) })
        let trimmed = cleaned.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 300 ? String(trimmed.prefix(300)) + "…" : trimmed
    }

    /// `Retry-After` as seconds: a number, or an HTTP date.
    static func seconds(_ header: String) -> Double? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if let value = Double(trimmed), value >= 0 { return value }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }
}

extension ClientError {
    /// The error an HTTP client reports for a JSON error answer with `status` and `body`
    /// (for a backend that produces such answers without a network, like the embedded server).
    public static func response(status: Int, body: Data) -> ClientError {
        ResponseErrors.error(status: status, contentType: "application/json", body: body, retryAfter: nil)
    }
}
