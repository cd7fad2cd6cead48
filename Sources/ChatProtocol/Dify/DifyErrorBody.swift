import ChatModel
import Foundation

/// A Dify error body, `{"code": "not_found", "message": "Conversation Not Exists.", "status": 404}`
/// (PROTOCOL.md §5), as the HTTP error answers and the stream's `error` event carry it.
public struct DifyErrorBody: Sendable, Hashable {
    /// The machine code (`invalid_param`, `app_unavailable`, `provider_quota_exceeded`, ...), if given.
    public var code: String?
    /// The human message, if given.
    public var message: String?
    /// The HTTP status the body names, if given.
    public var status: Int?

    /// Creates an error body.
    public init(code: String? = nil, message: String? = nil, status: Int? = nil) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// Reads an error object; nil when it has neither a code nor a message.
    public init?(json: JSONValue) {
        guard let object = json.objectValue else { return nil }
        let code = object["code"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let message = (object["message"] ?? object["error"])?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        guard code != nil || message != nil else { return nil }
        let status: Int? =
            switch object["status"] {
            case .number(let n)?: Int(jsonNumber: n)
            case .string(let s)?: Int(s)
            default: nil
            }
        self.init(code: code, message: message, status: status)
    }

    /// Reads an error body from bytes; nil when they are not a Dify error object.
    public init?(data: Data) {
        guard let json = try? DifyJSON.parse(data) else { return nil }
        self.init(json: json)
    }

    /// One line: the message, then the code in brackets when it adds something,
    /// e.g. `Conversation Not Exists. [not_found]`; at most 300 characters, no control characters.
    public var line: String {
        var text = Self.oneLine(message ?? "")
        if let code = code.map(Self.oneLine), !code.isEmpty, !text.localizedCaseInsensitiveContains(code) {
            text = text.isEmpty ? code : "\(text) [\(code)]"
        }
        return text
    }

    /// `text` on one line: newlines and tabs become spaces, other control characters go,
    /// and anything past 300 characters is cut with an ellipsis.
    public static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                out.unicodeScalars.append(" ")
            } else if scalar.value >= 0x20 && scalar.value != 0x7F {
                out.unicodeScalars.append(scalar)
            }
        }
        let trimmed = out.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 300 ? String(trimmed.prefix(300)) + "…" : trimmed
    }
}
