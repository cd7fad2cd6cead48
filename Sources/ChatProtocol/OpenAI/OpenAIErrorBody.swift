import ChatModel
import Foundation

/// The human part of an error body from an OpenAI-compatible server, as one line.
///
/// Servers disagree on the shape: OpenAI and vLLM send `{"error": {"message", "type",
/// "code"}}`, Ollama `{"error": "model 'x' not found"}`, FastAPI-based servers
/// `{"detail": "…"}` or `{"detail": [{"msg": "…", "loc": […]}]}`, some proxies
/// `{"message": "…"}`. The same shapes arrive inside a stream as a `data:` payload.
public enum OpenAIErrorBody {
    /// The longest message returned; longer ones are cut with "…".
    public static let maxLength = 300

    /// The message in a parsed body, or nil when the body holds none of the known shapes.
    public static func message(in json: JSONValue) -> String? {
        let found: String?
        if let error = json["error"] {
            found = error.stringValue ?? error["message"]?.stringValue ?? error["type"]?.stringValue
        } else if let detail = json["detail"] {
            found =
                detail.stringValue
                ?? detail.arrayValue.map { items in
                    items.compactMap { $0["msg"]?.stringValue ?? $0.stringValue }.joined(separator: "; ")
                }
                ?? detail["message"]?.stringValue
        } else {
            found = json["message"]?.stringValue
        }
        guard let found else { return nil }
        let line = oneLine(found)
        return line.isEmpty ? nil : line
    }

    /// The message in a raw body: a known JSON shape, else the first line of a short plain
    /// text body; nil for HTML pages, empty bodies and JSON without a message.
    public static func message(in body: some Collection<UInt8>) -> String? {
        let data = Data(body)
        if let json = try? FastJSON.parse(data) {
            return message(in: json)
        }
        let text = String(decoding: data, as: UTF8.self)
        let trimmed = text.drop(while: \.isWhitespace)
        guard !trimmed.isEmpty, trimmed.first != "<" else { return nil }
        let first = trimmed.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let line = oneLine(first)
        return line.isEmpty ? nil : line
    }

    /// `text` on one line (runs of whitespace become one space), at most ``maxLength``
    /// characters.
    public static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > maxLength ? String(flat.prefix(maxLength - 1)) + "…" : flat
    }
}
